"""The editor's loop, measured from outside: ``explainer serve`` started, a brief saved, the served page polled.

What an editor waits for is the time from saving a file to the browser showing
the change: watching, regenerating, building the site, serving. This runs the
real command in its own process, saves a brief the way an editor does (the whole
file written again), and polls the brief's page over HTTP until the new text is
in it. The served process's CPU time is read from ``/proc`` (on a busy machine
it holds steadier than the wall clock).
"""

from __future__ import annotations

import os
import re
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
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


def wait_for(url: str, found: Callable[[str], bool], limit: float) -> float:
    """Seconds until the page at ``url`` satisfies ``found``."""
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        page = fetch(url)
        if page is not None and found(page):
            return time.perf_counter() - start
        time.sleep(POLL_SECONDS)
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
    """Start-up of ``explainer serve`` on the project at ``root``, then five body and five title edits of ``brief``."""
    port = free_port()
    command = [explainer or str(Path(sys.executable).with_name("explainer")), "--root", str(root), "serve"]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    base = f"http://127.0.0.1:{port}{mount_path(root)}"
    page = f"{base}briefs/{brief.stem}/"
    original = brief.read_text(encoding="utf-8")
    with (root / "serve.log").open("w") as log:
        start = time.perf_counter()
        process = subprocess.Popen(
            [*command, "--dev-addr", f"127.0.0.1:{port}"], stdout=log, stderr=subprocess.STDOUT, env=env, cwd=root
        )
        try:
            wait_for(page, lambda text: "</html>" in text, START_LIMIT)
            out: dict[str, Any] = {"startup": time.perf_counter() - start, "startup_cpu": cpu_seconds(process.pid)}
            for name, edit in (("body", body_edit), ("title", title_edit)):
                runs = []
                for number in range(EDITS):
                    time.sleep(1.0)  # let the last rebuild settle, as an editor's pauses do
                    mark = f"Rev{(1 + number) * 10 + len(name)} "  # unique to each edit, so it is known when shown
                    needle = mark.strip()
                    cpu = cpu_seconds(process.pid)
                    saved = time.perf_counter()
                    brief.write_text(edit(brief.read_text(encoding="utf-8"), mark), encoding="utf-8")
                    wait_for(page, lambda text, needle=needle: needle in text, EDIT_LIMIT)
                    seconds = time.perf_counter() - saved
                    runs.append({"seconds": seconds, "cpu": cpu_seconds(process.pid) - cpu})
                middle = sorted(runs, key=lambda run: run["seconds"])[len(runs) // 2]
                out[name] = {**middle, "median": statistics.median(r["seconds"] for r in runs), "runs": runs}
            return out
        finally:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
            brief.write_text(original, encoding="utf-8")


def mount_path(root: Path) -> str:
    """Where MkDocs serves the site: the path of its ``site_url``, with a slash at each end."""
    found = re.search(r"^site_url:\s*\S+?://[^/\s]+(/\S*)?", (root / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    path = (found.group(1) if found else None) or "/"
    return "/" + path.strip("/") + "/" if path.strip("/") else "/"
