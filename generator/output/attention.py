"""The weekly "needs attention" issue: what time has worn (reviews overdue, dead or moved source links),
and anything else the content check reported, as a Markdown checklist grouped by kind. Pure.

Messages quote content (addresses, titles), so each is shown as code: it cannot mention anyone, link
anywhere or add markup to the issue.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from generator.errors import Diagnostic

MARKER = "<!-- explainer: needs attention -->"
"""The first line of the issue's body, by which the weekly run recognises its own issue."""
HEADINGS = {
    "stale-review": "Briefs due for review",
    "dead-link": "Dead source links",
    "moved-link": "Source links that moved",
    "unreachable-link": "Source links that could not be checked",
}


def issue_body(diagnostics: Sequence[Diagnostic], source_url: str = "") -> str:
    """The issue's text, or "" when nothing needs attention. ``source_url`` (the repository's files at the
    checked commit) turns each place into a link to its line."""
    if not diagnostics:
        return ""
    lines = [
        MARKER,
        "The weekly check found what needs attention. None of it blocks publishing: the site is deployed as",
        'usual, and a brief past its review shows readers a "review overdue" note. This issue is updated each',
        "week, and closed when nothing is left.",
        "",
    ]
    present = {d.code for d in diagnostics}
    codes = [code for code in HEADINGS if code in present] + sorted(present - set(HEADINGS))
    for code in codes:
        found = sorted(d for d in diagnostics if d.code == code)
        lines += [f"### {HEADINGS.get(code, f'`{code}`')} ({len(found)})", ""]
        lines += [_item(d, source_url) for d in found]
        lines.append("")
    return "\n".join(lines)


def _item(d: Diagnostic, source_url: str) -> str:
    place = f"{d.path}:{d.line}:{d.col}"
    where = f"[`{place}`]({source_url.rstrip('/')}/{d.path}#L{d.line})" if source_url else f"`{place}`"
    hint = f"<br>{_code(d.hint)}" if d.hint else ""
    return f"- [ ] {where} {_code(d.message)}{hint}"


def _code(text: str) -> str:
    """``text`` as an inline code span, fenced by more backticks than any run inside it."""
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text.replace(chr(10), ' ')}{pad}{fence}"
