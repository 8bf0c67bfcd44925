"""What publishing needs beyond the pages: the real address (and no placeholder), the content's licence on
every page, a preview that browses from disk, and the weekly "needs attention" issue."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import EXPLAINER, build_site
from test_cli import explainer

from generator.errors import Diagnostic
from generator.output.attention import MARKER, issue_body
from generator.output.site import placeholder
from generator.project import Project

Project_ = Callable[..., Path]


@pytest.mark.parametrize(
    ("url", "refused"),
    [
        ("https://example.org/explainer/", True),
        ("https://www.example.com/", True),
        ("http://explainer.example/", True),
        ("https://site.test/", True),
        ("http://localhost:8000/", True),
        ("not an address", True),
        ("https://desk.github.io/explainer/", False),
        ("https://explainer.news/", False),
        (None, False),
        ("", False),
    ],
)
def test_a_placeholder_address_is_refused(url: str | None, refused: bool) -> None:
    assert (placeholder(url) is not None) == refused


def _config(root: Path, site_url: str) -> None:
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("site_url: !ENV SITE_URL", f"site_url: {site_url}"))


def test_a_strict_build_refuses_a_placeholder_address_and_leaves_the_last_site(make_project: Project_) -> None:
    root = make_project(site=True)
    (root / "site").mkdir()
    (root / "site" / "index.html").write_text("the last good site")
    _config(root, "https://example.org/explainer/")
    result = explainer(root, "build", "--strict")
    assert (result.returncode, result.stderr) == (
        1,
        "error: site_url 'https://example.org/explainer/' is a placeholder, not the site's address: "
        "set SITE_URL (the deploy takes it from GitHub Pages) or site_url in mkdocs.yml\n",
    )
    assert (root / "site" / "index.html").read_text() == "the last good site"
    mkdocs = [str(Path(sys.executable).with_name("mkdocs")), "build", "--strict", "--site-dir", "other"]
    plain = subprocess.run(mkdocs, cwd=root, capture_output=True, text=True, check=False)
    assert plain.returncode == 1 and "is a placeholder" in plain.stderr, "plain mkdocs refuses it through the plugin"
    build_site(Project.at(root))  # a build that is not strict is allowed (a local try-out)


def test_the_address_comes_from_the_environment_and_a_local_build_needs_none(
    make_project: Project_, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project(site=True)
    monkeypatch.delenv("SITE_URL", raising=False)
    build_site(Project.at(root), strict=True)
    assert "canonical" not in (root / "site/briefs/trade/index.html").read_text(encoding="utf-8")
    monkeypatch.setenv("SITE_URL", "https://desk.github.io/river")
    build_site(Project.at(root), strict=True)
    page = (root / "site/briefs/trade/index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://desk.github.io/river/briefs/trade/">' in page
    assert "<loc>https://desk.github.io/river/briefs/trade/</loc>" in (root / "site/sitemap.xml").read_text()


def test_the_preview_links_to_html_files_and_every_page_states_the_content_licence(make_project: Project_) -> None:
    licence = EXPLAINER.replace("license: CC BY 4.0", "license: CC BY-SA 4.0 <international>")
    root = make_project({"content/explainer.yml": licence}, site=True)
    result = explainer(root, "build", "--strict", "--file-urls")
    assert result.returncode == 0, result.stderr
    home = (root / "site/index.html").read_text(encoding="utf-8")
    assert 'href="briefs/trade.html"' in home
    assert (root / "site/briefs/trade.html").is_file() and not (root / "site/briefs/trade").exists()
    assert "Content licensed CC BY-SA 4.0 &lt;international&gt;" in home
    assert "Content licensed CC BY-SA" in (root / "site/glossary.html").read_text(encoding="utf-8")


# The weekly issue


def _warning(path: str, code: str, message: str, hint: str = "", line: int = 4) -> Diagnostic:
    return Diagnostic(path, line, 6, code, message, hint, "warning")


def test_the_issue_lists_what_needs_attention_by_kind() -> None:
    found = [
        _warning("content/sources/a.yml", "dead-link", "source address is dead (HTTP 404): https://a.test/x"),
        _warning("content/briefs/b.yml", "unsourced", "this claim cites no source"),
        _warning("content/briefs/b.yml", "stale-review", "brief last reviewed 200 days ago", "re-check it", 30),
    ]
    assert issue_body(found, "https://github.com/o/r/blob/abc") == "\n".join(
        [
            MARKER,
            "The weekly check found what needs attention. None of it blocks publishing: the site is deployed as",
            'usual, and a brief past its review shows readers a "review overdue" note. This issue is updated each',
            "week, and closed when nothing is left.",
            "",
            "### Briefs due for review (1)",
            "",
            "- [ ] [`content/briefs/b.yml:30:6`](https://github.com/o/r/blob/abc/content/briefs/b.yml#L30) "
            "`brief last reviewed 200 days ago`<br>`re-check it`",
            "",
            "### Dead source links (1)",
            "",
            "- [ ] [`content/sources/a.yml:4:6`](https://github.com/o/r/blob/abc/content/sources/a.yml#L4) "
            "`source address is dead (HTTP 404): https://a.test/x`",
            "",
            "### `unsourced` (1)",
            "",
            "- [ ] [`content/briefs/b.yml:4:6`](https://github.com/o/r/blob/abc/content/briefs/b.yml#L4) "
            "`this claim cites no source`",
            "",
        ]
    )


def test_quoted_content_cannot_mention_link_or_mark_up_the_issue() -> None:
    body = issue_body([_warning("content/sources/a.yml", "dead-link", "dead: https://x.test/@team `a` [b](c)")])
    assert "- [ ] `content/sources/a.yml:4:6` ``dead: https://x.test/@team `a` [b](c)``" in body


def test_nothing_to_attend_to_is_an_empty_issue(make_project: Project_, tmp_path: Path) -> None:
    assert issue_body([]) == ""
    report = tmp_path / "validate.json"
    report.write_text("[]\n")
    result = explainer(make_project(), "attention", str(report))
    assert (result.returncode, result.stdout) == (0, "")


def test_the_issue_is_made_from_the_json_of_validate_and_check_links(make_project: Project_, tmp_path: Path) -> None:
    stale = EXPLAINER.replace("review_after_days: 36500", "review_after_days: 1")
    root = make_project({"content/explainer.yml": stale})
    report = tmp_path / "validate.json"
    report.write_text(explainer(root, "validate", "--format", "json").stdout)
    links = tmp_path / "links.json"
    links.write_text(json.dumps([_warning("content/sources/survey.yml", "moved-link", "moved").__dict__]))
    result = explainer(root, "attention", str(report), str(links))
    assert result.stdout.startswith(MARKER + "\n")
    assert "### Briefs due for review (1)" in result.stdout and "### Source links that moved (1)" in result.stdout
