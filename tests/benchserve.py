"""The editor's loop, measured from outside: ``explainer serve`` started, a brief saved, the served page polled.

What an editor waits for is the time from saving a file to the browser showing
the change: watching, regenerating, building the site, serving. This runs the
real command in its own process, saves a brief the way an editor does (the whole
file written again), and polls the brief's page over HTTP until the new text is
in it. The served process's CPU time is read from ``/proc`` (on a busy machine
it holds steadier than the wall clock).
"""

from __future__ import annotations

import contextlib
import os
import re
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

EDITS = 5
"""Each kind of edit is made this many times; the median is the figure."""
POLL_SECONDS = 0.02
START_LIMIT = 1800.0
EDIT_LIMIT = 120.0
_MARK = re.compile(r"Rev\d+ ")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=EDIT_LIMIT) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def cpu_seconds(pid: int) -> float:
    """User and system time of a running process (Linux), 0 where ``/proc`` is not there."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wait_for(url: str, found: Callable[[str], bool], limit: float, every: float = POLL_SECONDS) -> float:
    """Seconds until the page at ``url`` satisfies ``found``, asking every ``every`` seconds."""
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        page = fetch(url)
        if page is not None and found(page):
            return time.perf_counter() - start
        time.sleep(every)
    raise RuntimeError(f"{url} did not show the change within {limit} s")


def body_edit(text: str, mark: str) -> str:
    """The brief with ``mark`` at the start of its first section's body."""
    text = _MARK.sub("", text)
    return re.sub(r"(\n    body: \|\n\s+)", lambda m: m.group(1) + mark, text, count=1)


def title_edit(text: str, mark: str) -> str:
    """The brief with ``mark`` at the start of its title."""
    text = _MARK.sub("", text)
    return re.sub(r"^(title: \"?)", lambda m: m.group(1) + mark, text, count=1, flags=re.M)


def measure(root: Path, brief: Path, *, explainer: str | None = None) -> dict[str, Any]:
    """``explainer serve`` on the project at ``root``: start-up, five body and five title edits of ``brief``, then
    a second start-up, from what the first kept."""
    original = brief.read_text(encoding="utf-8")
    try:
        with _serving(root, brief, explainer) as (process, page, started):
            out: dict[str, Any] = {"startup": started, "startup_cpu": cpu_seconds(process.pid)}
            sources = page.rsplit("briefs/", 1)[0] + "sources/"
            for name, edit in (("body", body_edit), ("title", title_edit)):
                runs = [
                    _edit(process, brief, page, sources if name == "title" else page, edit, n) for n in range(EDITS)
                ]
                middle = sorted(runs, key=lambda run: run["seconds"])[len(runs) // 2]
                out[name] = {**middle, "median": statistics.median(r["seconds"] for r in runs), "runs": runs}
        with _serving(root, brief, explainer) as (process, page, started):
            out["restart"], out["restart_cpu"] = started, cpu_seconds(process.pid)
        return out
    finally:
        brief.write_text(original, encoding="utf-8")


@contextlib.contextmanager
def _serving(root: Path, brief: Path, explainer: str | None) -> Iterator[tuple[subprocess.Popen[bytes], str, float]]:
    """``explainer serve`` started, and the seconds until it served ``brief``'s page; ended as Ctrl+C would."""
    port = free_port()
    command = [explainer or str(Path(sys.executable).with_name("explainer")), "--root", str(root), "serve"]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    page = f"http://127.0.0.1:{port}{mount_path(root)}briefs/{brief.stem}/"
    with (root / "serve.log").open("a") as log:
        start = time.perf_counter()
        process = subprocess.Popen(
            [*command, "--dev-addr", f"127.0.0.1:{port}"], stdout=log, stderr=subprocess.STDOUT, env=env, cwd=root
        )
        try:
            wait_for(page, lambda text: "</html>" in text, START_LIMIT)
            yield process, page, time.perf_counter() - start
        finally:
            process.terminate()  # serve keeps its site for the next start, as on Ctrl+C
            try:
                process.wait(timeout=300)
            except subprocess.TimeoutExpired:
                process.kill()


def _edit(
    process: subprocess.Popen[bytes], brief: Path, page: str, last: str, edit: Callable[[str, str], str], n: int
) -> dict[str, float]:
    """One save: seconds (and the server's CPU seconds) until ``page`` shows it, and until ``last`` does (a
    long page that lists the brief: the whole site is up to date)."""
    time.sleep(1.0)  # a pause, as an editor's
    needle = f"Rev{(1 + n) * 10 + len(edit.__name__)}"  # unique to each edit, so it is known when shown
    cpu = cpu_seconds(process.pid)
    saved = time.perf_counter()
    brief.write_text(edit(brief.read_text(encoding="utf-8"), needle + " "), encoding="utf-8")
    wait_for(page, lambda text: needle in text, EDIT_LIMIT)
    seconds, spent = time.perf_counter() - saved, cpu_seconds(process.pid) - cpu
    wait_for(last, lambda text: needle in text, START_LIMIT, every=0.5)  # a long page: asked for less often
    return {"seconds": seconds, "cpu": spent, "complete": time.perf_counter() - saved}


def mount_path(root: Path) -> str:
    """Where MkDocs serves the site: the path of its ``site_url``, with a slash at each end."""
    found = re.search(r"^site_url:\s*\S+?://[^/\s]+(/\S*)?", (root / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    path = (found.group(1) if found else None) or "/"
    return "/" + path.strip("/") + "/" if path.strip("/") else "/"
