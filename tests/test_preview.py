"""Live preview: a saved YAML file shows up in the served site; an invalid save keeps the last good one."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from benchserve import free_port
from conftest import BRIEF, REPO

Project = Callable[..., Path]
pytestmark = pytest.mark.slow


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(url: str, needle: str, seconds: float) -> float:
    """Seconds until the page at ``url`` contains ``needle``; fails after ``seconds``."""
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        page = fetch(url)
        if page is not None and needle in page:
            return time.monotonic() - start
        time.sleep(0.1)
    pytest.fail(f"{url} did not show {needle!r} within {seconds} s")


def mount_path(root: Path) -> str:
    """MkDocs serves the site under the path of its `site_url`."""
    found = re.search(r"^site_url:\s*(https?://\S+)", (root / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    return urlsplit(found.group(1) if found else "/").path.rstrip("/")


@pytest.fixture
def server(make_project: Project) -> Iterator[tuple[Path, str, subprocess.Popen[str]]]:
    root = make_project(site=True)
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(REPO), "NO_MKDOCS_2_WARNING": "1"}
    explainer = str(Path(sys.executable).with_name("explainer"))
    with (root / "serve.log").open("w") as log:
        process = subprocess.Popen(
            [explainer, "--root", str(root), "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=root,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            text=True,
        )
        try:
            yield root, f"http://127.0.0.1:{port}{mount_path(root)}", process
        finally:
            process.terminate()
            process.wait(timeout=10)


def test_saving_a_brief_regenerates_its_page_and_bad_saves_keep_the_last_good_site(
    server: tuple[Path, str, subprocess.Popen[str]],
) -> None:
    root, base, process = server
    page = f"{base}/briefs/trade/"
    wait_for(page, "River trade", 60)

    (root / "content/briefs/trade.yml").write_text(BRIEF.replace("title: River trade", "title: Canal trade"))
    seconds = wait_for(page, "Canal trade", 10)
    assert seconds < 10

    (root / "content/briefs/trade.yml").write_text(BRIEF.replace("title: River trade", "title: [broken"))
    time.sleep(3)
    assert process.poll() is None, "the server must keep running"
    still = fetch(page)
    assert still is not None and "Canal trade" in still
    assert "content/briefs/trade.yml:3:8: error[yaml-syntax]" in (root / "serve.log").read_text()

    (root / "content/briefs/trade.yml").write_text(BRIEF.replace("title: River trade", "title: Fixed trade"))
    wait_for(page, "Fixed trade", 10)


def test_serve_says_where_it_serves_and_what_it_watches(
    server: tuple[Path, str, subprocess.Popen[str]],
) -> None:
    root, base, _process = server
    wait_for(f"{base}/", "</html>", 60)

    said = (root / "serve.log").read_text()

    assert f"serving {base}/\n" in said
    assert "watching content/, docs/, mkdocs.yml; press Ctrl+C to stop\n" in said


def test_while_the_content_has_errors_every_page_lists_them_and_the_last_good_page_returns(
    server: tuple[Path, str, subprocess.Popen[str]],
) -> None:
    root, base, _process = server
    page = f"{base}/briefs/trade/"
    wait_for(page, "River trade", 60)

    (root / "content/briefs/trade.yml").write_text(BRIEF.replace("title: River trade", "title: [broken"))
    wait_for(page, 'id="explainer-problems"', 10)

    shown = fetch(page) or ""
    assert "content/briefs/trade.yml:3:8: error[yaml-syntax]" in shown, "each problem at its place"
    assert "River trade" in shown, "over the last good page"
    assert 'id="explainer-problems"' in (fetch(f"{base}/") or ""), "on every page"

    (root / "content/briefs/trade.yml").write_text(BRIEF.replace("title: River trade", "title: Fixed trade"))
    wait_for(page, "Fixed trade", 10)
    assert 'id="explainer-problems"' not in (fetch(page) or "")


def test_a_busy_port_is_one_line_and_a_hint(make_project: Project) -> None:
    root = make_project(site=True)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run(
            [
                str(Path(sys.executable).with_name("explainer")),
                "--root",
                str(root),
                "serve",
                "--dev-addr",
                f"127.0.0.1:{port}",
            ],
            capture_output=True,
            text=True,
            timeout=120,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )

    assert done.returncode == 1
    assert done.stderr == (
        f"error: cannot serve on 127.0.0.1:{port}: the port is in use (another `explainer serve`?)\n"
        f"  hint: stop the other server, or choose another port: --dev-addr 127.0.0.1:{port + 1}\n"
    )


def test_serve_v_lists_what_each_save_rebuilt(make_project: Project) -> None:
    root = make_project(site=True)
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(REPO), "NO_MKDOCS_2_WARNING": "1"}
    command = [str(Path(sys.executable).with_name("explainer")), "--root", str(root), "serve", "-v"]
    with (root / "serve.log").open("w") as log:
        process = subprocess.Popen([*command, "--dev-addr", f"127.0.0.1:{port}"], env=env, stdout=log, stderr=log)
        try:
            page = f"http://127.0.0.1:{port}{mount_path(root)}/briefs/trade/"
            wait_for(page, "River trade", 60)
            (root / "content/briefs/trade.yml").write_text(BRIEF.replace("Most boats are small.", "Most are small."))
            wait_for(page, "Most are small.", 10)
        finally:
            process.terminate()
            process.wait(timeout=10)
    said = (root / "serve.log").read_text()

    assert f"  saved: {root / 'content/briefs/trade.yml'}\n" in said
    assert "  generated: docs/briefs/trade.md\n" in said
    assert "  page: briefs/trade.md\n" in said
