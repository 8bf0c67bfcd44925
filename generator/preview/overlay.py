"""What the browser shows while the content has errors: each problem at its place, over the last good page.

Like Hugo's and Astro's error overlays: the page the editor is looking at stays
(it is the last good build), with a panel listing ``path:line:col`` and the
message of every problem; the next good save takes the panel away. Everything
shown is escaped: a message quotes content.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from generator.errors import Diagnostic

_STYLE = (
    "position:fixed;inset:0 0 auto 0;z-index:2147483647;max-height:70vh;overflow:auto;margin:0;"
    "padding:1rem 1.25rem;background:#fff4f4;color:#3b0000;border-bottom:4px solid #b00020;"
    "font:15px/1.45 system-ui,sans-serif;box-shadow:0 4px 16px rgba(0,0,0,.25)"
)
_LINE = "margin:.5rem 0 0;font:14px/1.4 ui-monospace,SFMono-Regular,Menlo,monospace;white-space:pre-wrap"


def panel(problems: Sequence[Diagnostic], other: Sequence[str] = ()) -> str:
    """The overlay as one HTML element, or an empty string when there is nothing to show."""
    if not problems and not other:
        return ""
    errors = [d for d in problems if d.severity == "error"]
    count = len(errors) + len(other)
    items = [_item(d.format_text()) for d in sorted(problems)] + [_item(text) for text in other]
    return (
        f'<div id="explainer-problems" role="alert" aria-live="assertive" style="{_STYLE}">'
        f'<strong style="font-size:17px">The content has {count} error{"s" * (count != 1)}:'
        " this page is the last good build.</strong>"
        f'<ol style="margin:.25rem 0 0;padding-left:1.25rem">{"".join(items)}</ol>'
        '<p style="margin:.75rem 0 0">Fix the files and save: the page reloads by itself.</p></div>'
    )


def _item(text: str) -> str:
    return f'<li><pre style="{_LINE}">{html.escape(text, quote=True)}</pre></li>'


def into(page: bytes, overlay: str) -> bytes:
    """``page`` with ``overlay`` as the first thing in its body (or first of all, when it has none)."""
    if not overlay:
        return page
    start = page.find(b"<body")
    end = page.find(b">", start) + 1 if start != -1 else 0
    return page[:end] + overlay.encode("utf-8") + page[end:]
