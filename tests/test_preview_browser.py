"""The live preview in a real browser: a save reloads the page, and content errors show over the last good page.

``explainer serve`` runs in its own process; Debian's headless Chromium keeps a
brief open while the test saves the brief's file, as an editor would.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from benchserve import free_port, mount_path, wait_for
from conftest import PICTURES, REPO
from screenshots import CHROMIUM, PHONE

pytestmark = [pytest.mark.browser, pytest.mark.slow]
SHOTS = REPO / "test-artifacts" / "screenshots"
DESKTOP = {"width": 1366, "height": 900}


@pytest.fixture
def served(make_project: Callable[..., Path]) -> Iterator[tuple[Path, str]]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium to run browser tests")
    root = make_project(PICTURES, site=True)
    port = free_port()
    command = [str(Path(sys.executable).with_name("explainer")), "--root", str(root), "serve"]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with (root / "serve.log").open("w") as log:
        process = subprocess.Popen([*command, "--dev-addr", f"127.0.0.1:{port}"], env=env, stdout=log, stderr=log)
        try:
            base = f"http://127.0.0.1:{port}{mount_path(root)}"
            wait_for(f"{base}briefs/trade/", lambda text: "River trade" in text, 120)
            yield root, base
        finally:
            process.terminate()
            process.wait(timeout=10)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_errors_show_over_the_last_good_page_and_go_when_fixed(
    served: tuple[Path, str], browser: Any, viewport: dict[str, int]
) -> None:
    from playwright.sync_api import expect

    root, base = served
    brief = root / "content/briefs/trade.yml"
    page = browser.new_page(viewport=viewport)
    try:
        page.goto(f"{base}briefs/trade/", wait_until="load")
        expect(page.locator("h1")).to_contain_text("River trade")

        brief.write_text(PICTURES["content/briefs/trade.yml"].replace("title: River trade", "title: [broken"))
        problems = page.get_by_role("alert")
        expect(problems).to_be_visible(timeout=20_000)
        expect(problems).to_contain_text("content/briefs/trade.yml:3:8: error[yaml-syntax]")
        expect(problems).to_contain_text("hint: check the indentation and quoting")
        expect(page.locator("h1")).to_contain_text("River trade")  # the last good page, under the list
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"preview-errors-{viewport['width']}.png"))

        brief.write_text(PICTURES["content/briefs/trade.yml"].replace("title: River trade", "title: Fixed trade"))
        expect(page.locator("h1")).to_contain_text("Fixed trade", timeout=20_000)
        expect(page.locator("#explainer-problems")).to_have_count(0)
    finally:
        page.close()


def test_a_save_reloads_the_open_page(served: tuple[Path, str], browser: Any) -> None:
    from playwright.sync_api import expect

    root, base = served
    page = browser.new_page(viewport=DESKTOP)  # the session's browser (conftest): one Playwright per thread
    try:
        page.goto(f"{base}briefs/trade/", wait_until="load")
        (root / "content/briefs/trade.yml").write_text(
            PICTURES["content/briefs/trade.yml"].replace("Most boats are small.", "Most boats are tiny.")
        )
        expect(page.locator("article")).to_contain_text("Most boats are tiny.", timeout=20_000)
    finally:
        page.close()
