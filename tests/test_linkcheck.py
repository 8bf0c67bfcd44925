"""`explainer check-links` against a local server that answers 200, 301, 404 and 429, and one that never
answers in time: no network. Each dead or moved link is reported at its line, with the archived copy."""

from __future__ import annotations

import http.server
import json
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import ClassVar

import pytest
from conftest import BRIEF, MINIMAL, write_tree
from test_cli import explainer

from generator.linkcheck import Outcome, cache_bytes, fresh, outcomes, read_cache

Project_ = Callable[..., Path]
FAST = ("--interval", "0", "--retries", "1", "--timeout", "1")


class Handler(http.server.BaseHTTPRequestHandler):
    """200 at /ok*, a permanent redirect at /moved, 404 at /gone*, 429 at /busy, and /slow answers too late."""

    requests: ClassVar[list[tuple[float, str]]] = []

    def do_GET(self) -> None:
        self.requests.append((time.monotonic(), self.path))
        if self.path.startswith("/ok"):
            self.send_response(200)
        elif self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/ok-new")
        elif self.path == "/busy":
            self.send_response(429)
            self.send_header("Retry-After", "0")
        elif self.path == "/slow":
            time.sleep(2)
            self.send_response(200)
        else:
            self.send_response(404)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_HEAD = do_GET

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def source(name: str, url: str, archived: str = "") -> dict[str, str]:
    extra = f"archived: {archived}\n" if archived else ""
    text = f"title: {name}\npublisher: P\ntype: research\ndate: '2025'\nurl: {url}\n{extra}"
    return {f"content/sources/{name}.yml": text}


@pytest.fixture(scope="module")
def checked(server: str, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """A project whose sources point at the server (one with a live archived copy, one with a dead one), after
    its first check."""
    survey = MINIMAL["content/sources/survey.yml"].replace("https://valley-institute.org/survey", f"{server}/gone")
    files = {**MINIMAL, "content/sources/survey.yml": survey + f"archived: {server}/ok-archive\n"}
    ledger = MINIMAL["content/sources/ledger.yml"]
    files["content/sources/ledger.yml"] = ledger.replace("https://valley-gazette.org/ledger", f"{server}/ok")
    for name, path, archived in [
        ("moved", "moved", ""),
        ("busy", "busy", ""),
        ("slow", "slow", ""),
        ("fine", "ok", f"{server}/gone-archive"),
    ]:
        files |= source(name, f"{server}/{path}", archived)
    cited = "sources: [survey, moved, busy, slow, fine]"  # so the only warnings are the links'
    files["content/briefs/trade.yml"] = BRIEF.replace("sources: [survey]", cited, 1)
    root = write_tree(tmp_path_factory.mktemp("links"), files)
    return root, explainer(root, "check-links", *FAST)


def test_each_bad_link_is_reported_at_its_line_with_the_archived_copy(
    checked: tuple[Path, subprocess.CompletedProcess[str]], server: str
) -> None:
    _root, result = checked
    assert result.returncode == 0, "links that age never fail the command without --strict"
    assert result.stderr == (
        f"content/sources/busy.yml:5:6: warning[unreachable-link]: source address could not be checked (HTTP 429): "
        f"{server}/busy\n"
        "  hint: open it in a browser: the site may be down for now, or turn checkers away\n"
        f"content/sources/fine.yml:6:11: warning[dead-link]: source archived copy is dead (HTTP 404): "
        f"{server}/gone-archive\n"
        "  hint: find another archived copy, or remove `archived:`\n"
        f"content/sources/moved.yml:5:6: warning[moved-link]: source address moved permanently to {server}/ok-new\n"
        "  hint: check it is the same publication, then set `url:` to the new address\n"
        f"content/sources/slow.yml:5:6: warning[unreachable-link]: source address could not be checked (timed out): "
        f"{server}/slow\n"
        "  hint: open it in a browser: the site may be down for now, or turn checkers away\n"
        f"content/sources/survey.yml:4:6: warning[dead-link]: source address is dead (HTTP 404): {server}/gone\n"
        f"  hint: find the page's new address; an archived copy is at {server}/ok-archive\n"
        "0 errors, 5 warnings\n"
        "links: 8 checked, 5 to look at\n"
    )


def test_recent_answers_are_kept_and_only_unanswered_links_are_asked_again(
    checked: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    root, _first = checked
    Handler.requests.clear()
    again = explainer(root, "check-links", *FAST, "--format", "json", "--strict")
    assert again.returncode == 1, "--strict fails on a bad link"
    assert sorted({path for _at, path in Handler.requests}) == ["/busy", "/slow"]
    assert [d["code"] for d in json.loads(again.stdout)] == [
        "unreachable-link",
        "dead-link",
        "moved-link",
        "unreachable-link",
        "dead-link",
    ]
    explainer(root, "check-links", *FAST, "--max-age", "0")
    assert "/ok" in {path for _at, path in Handler.requests}, "with --max-age 0 every link is asked again"


def test_a_rate_limited_link_is_retried_and_one_host_is_asked_one_request_at_a_time(
    make_project: Project_, server: str
) -> None:
    root = make_project(
        {**source("one", f"{server}/ok-1"), **source("two", f"{server}/ok-2"), **source("busy", f"{server}/busy")}
    )
    Handler.requests.clear()
    explainer(root, "check-links", "--interval", "0.4", "--retries", "1", "--timeout", "2", "--max-age", "0")
    assert [path for _at, path in Handler.requests].count("/busy") == 2, "one attempt and one retry"
    times = sorted(at for at, path in Handler.requests if path.startswith("/ok-"))
    assert len(times) == 2 and times[1] - times[0] >= 0.35


def test_links_in_content_with_errors_are_not_checked(make_project: Project_) -> None:
    root = make_project({"content/briefs/trade.yml": "kind: economy\n"})
    result = explainer(root, "check-links")
    assert result.returncode == 1
    assert "error[missing-field]" in result.stderr and "links:" not in result.stderr


# How lychee's answer reads, and the cache


def test_lychee_answers_read_as_dead_moved_or_unreachable() -> None:
    asked = [f"https://site.test/{n}" for n in range(6)]

    def result(line: int, **fields: object) -> dict[str, object]:
        return {"url": asked[line - 1], "span": {"line": line, "column": 1}, **fields}

    report = {
        "success_map": {
            "links.html": [
                result(1, status={"code": 200}),
                result(2, status={"code": 200}, redirects={"redirects": [{"url": "https://site.test/b", "code": 302}]}),
                result(
                    3,
                    status={"code": 200},
                    redirects={"redirects": [{"url": "http://x", "code": 302}, {"url": "https://x/", "code": 308}]},
                ),
            ]
        },
        "error_map": {
            "links.html": [
                result(4, status={"code": 503, "text": "Service Unavailable"}),
                result(5, status={"text": "Network error", "details": "dns error: failed to lookup address"}),
            ]
        },
        "timeout_map": {"links.html": [result(6, status={"text": "Timeout"})]},
    }
    found = outcomes(report, asked, now=1.0)
    assert {url[-1]: (o.state, o.detail, o.to) for url, o in found.items()} == {
        "0": ("ok", "200", ""),
        "1": ("ok", "200", ""),  # a temporary redirect is not a move
        "2": ("moved", "308", "https://x/"),
        "3": ("unreachable", "HTTP 503", ""),
        "4": ("dead", "dns error: failed to lookup address", ""),
        "5": ("unreachable", "timed out", ""),
    }


def test_the_cache_keeps_recent_final_answers_only(tmp_path: Path) -> None:
    answers = {
        "https://a.test/": Outcome("dead", "HTTP 404", checked=100.0),
        "https://b.test/": Outcome("ok", "200", checked=10.0),
        "https://c.test/": Outcome("unreachable", "timed out", checked=100.0),
    }
    path = tmp_path / "cache.json"
    path.write_bytes(cache_bytes(answers))
    assert fresh(read_cache(path), now=150.0, max_age=100.0) == {"https://a.test/": answers["https://a.test/"]}
    path.write_text("not json")
    assert read_cache(path) == {}


def test_the_cache_is_ignored_by_git() -> None:
    ignored = (Path(__file__).resolve().parent.parent / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert ".explainer-links.json" in ignored
