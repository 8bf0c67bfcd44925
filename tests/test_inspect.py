"""The built site is checked before it replaces the old one: nothing in it may run, and every address stays
on the web (issue 13, "check the output, not only the input").

Each attack below is one a browser would run or follow; the check must find it
however it is spelled. The site's own pages (the theme's scripts, its JSON data,
its assets) must pass. End to end, content that slips past the input checks
fails the build at the content file it came from, and the old site stays.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import MINIMAL, Result

from generator.content import links
from generator.output import inspect
from generator.output.site import THEME

Project = Callable[..., Path]
THEME_DIRS = [THEME, Path(importlib.util.find_spec("material").origin or "").parent / "templates"]  # type: ignore[union-attr]
SCRIPTS = inspect.known_scripts(THEME_DIRS)

ATTACKS = {
    "javascript-link": '<a href="javascript:alert(1)">x</a>',
    "mixed-case-and-spaces": '<a href=" JaVaScRiPt:alert(1)">x</a>',
    "tab-inside-the-scheme": '<a href="java&#x09;script:alert(1)">x</a>',
    "scheme-as-entities": '<a href="&#106;avascript:alert(1)">x</a>',
    "control-character-before": '<a href="&#1;javascript:alert(1)">x</a>',
    "vbscript": '<a href="vbscript:msgbox(1)">x</a>',
    "data-image-source": '<img src="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;">',
    "file": '<a href="file:///etc/passwd">x</a>',
    "scheme-relative": '<a href="//evil.example/">x</a>',
    "backslash-scheme-relative": '<a href="/\\evil.example/">x</a>',
    "srcset-candidate": '<img src="a.png" srcset="a.png 1x, javascript:alert(1) 2x">',
    "form-action": '<form action="javascript:alert(1)"><button>go</button></form>',
    "button-formaction": '<button formaction="javascript:alert(1)">go</button>',
    "video-poster": '<video poster="javascript:alert(1)"></video>',
    "ping": '<a href="https://example.org/" ping="javascript:alert(1)">x</a>',
    "svg-xlink-href": '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    "svg-use-data": '<svg><use href="data:image/svg+xml,&lt;svg onload=alert(1)&gt;"></use></svg>',
    "svg-animate-href": '<svg><a><animate attributeName="href" to="javascript:alert(1)"/></a></svg>',
    "svg-set-xlink-href": '<svg><a><set attributeName="xlink:href" to="javascript:alert(1)"/></a></svg>',
    "style-attribute-url": '<p style="background: url(javascript:alert(1))">x</p>',
    "style-attribute-escaped-url": '<p style="background: url(jav\\61 script:alert(1))">x</p>',
    "style-element-import": "<style>@import 'javascript:alert(1)';</style>",
    "style-element-url-off-site": '<style>p { background: url("//evil.example/x.png") }</style>',
    "css-expression": '<p style="width: expression(alert(1))">x</p>',
    "event-handler": "<img src=x.png onerror=alert(1)>",
    "event-handler-in-capitals": '<div ONCLICK="alert(1)">x</div>',
    "svg-onload": "<svg onload=alert(1)></svg>",
    "inline-script": "<script>alert(1)</script>",
    "script-from-elsewhere": '<script src="https://evil.example/x.js"></script>',
    "script-of-no-file": '<script src="assets/javascripts/missing.js"></script>',
    "script-of-another-type": '<script type="text/x-template">alert(1)</script>',
    "data-script-broken-out": '<script type="application/ld+json">{"a": </script><script>alert(1)</script>',
    "theme-script-with-more-code": (
        "<script>var target=document.getElementById(location.hash.slice(1));alert(1)</script>"
    ),
    "iframe": '<iframe src="https://example.org/"></iframe>',
    "object": '<object data="https://example.org/x.swf"></object>',
    "embed": '<embed src="https://example.org/x.swf">',
    "base": '<base href="https://evil.example/">',
    "meta-refresh": '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "noscript-read-two-ways": '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
}


def page(body: str) -> str:
    return f"<!doctype html><html><head><title>t</title></head><body>{body}</body></html>"


@pytest.mark.parametrize("case", list(ATTACKS))
def test_each_attack_is_found(case: str) -> None:
    assert inspect.check_html(page(ATTACKS[case]), SCRIPTS, lambda address: False) != []


SAFE = {
    "relative-links": '<a href="../briefs/trade/">x</a><a href="sources/#survey">y</a><img src="../data/map.svg">',
    "anchors-and-web": (
        '<a href="#top">x</a><a href="https://example.org/a?b=1">y</a><a href="mailto:desk@example.org">m</a>'
    ),
    "theme-inline-script": (
        "<script>var target=document.getElementById(location.hash.slice(1));"
        'target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))</script>'
    ),
    "theme-script-with-a-value": (
        '<script>__md_scope=new URL("../..",location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),'
        '__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),'
        '__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}'
        "</script>"
    ),
    "json-data": '<script type="application/ld+json">{"name": "A &lt;b&gt; title"}</script>',
    "own-script-file": '<script src="assets/javascripts/explainer.js"></script>',
    "inline-svg-icon": '<svg viewBox="0 0 24 24"><path d="M1 1h2"/></svg>',
    "style-with-relative-url": '<p style="background: url(../assets/x.png)">x</p>',
}


@pytest.mark.parametrize("case", list(SAFE))
def test_the_sites_own_kinds_of_markup_pass(case: str) -> None:
    own = lambda address: address == "assets/javascripts/explainer.js"  # noqa: E731
    assert inspect.check_html(page(SAFE[case]), SCRIPTS, own) == []


SVG_ATTACKS = {
    "script": '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    "xlink-href": (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
        '<a xlink:href="javascript:alert(1)"><text>x</text></a></svg>'
    ),
    "handler": '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>',
    "style-url": '<svg xmlns="http://www.w3.org/2000/svg"><style>a{fill:url(javascript:x)}</style></svg>',
    "doctype-with-entities": '<!DOCTYPE svg [<!ENTITY x "y">]><svg xmlns="http://www.w3.org/2000/svg"/>',
    "foreign-object": '<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><p>x</p></foreignObject></svg>',
}


@pytest.mark.parametrize("case", list(SVG_ATTACKS))
def test_each_svg_attack_is_found(case: str) -> None:
    assert inspect.check_svg(SVG_ATTACKS[case]) != []


def test_a_drawn_svg_passes() -> None:
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><title>Map</title>'
        '<a href="https://example.org/"><path d="M0 0L1 1" style="fill: #fff"/></a></svg>'
    )
    assert inspect.check_svg(svg) == []


def digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in folder.rglob("*")
        if p.is_file()
    }


ROLE = "See [the record][r].\\n\\n- [r]: javascript:alert(document.cookie)"


@pytest.mark.slow
def test_content_that_slips_past_the_input_checks_fails_the_build_at_its_file_and_the_old_site_stays(
    make_project: Project, explainer: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project(site=True)
    monkeypatch.chdir(root)
    assert explainer(root, "build", "--strict").code == 0
    before = digest(root / "site")
    monkeypatch.setattr(links, "unsafe_schemes", lambda text: [])  # as if the input check had a gap
    actor = MINIMAL["content/actors/valley.yml"].replace("role: Home of the river trade.", f'role: "{ROLE}"')
    (root / "content/actors/valley.yml").write_text(actor)
    result = explainer(root, "build", "--strict")
    hint = (
        "  hint: links and pictures in content are https://, http:// or mailto: addresses, or links to content"
        " such as brief:energy-ties; the previous site is left in place"
    )
    assert (result.code, result.err.splitlines()) == (
        1,
        [
            "content/actors/valley.yml:4:39: error[unsafe-output]: the built page site/actors/valley/index.html"
            ' would hold <a href="javascript:alert(document.cookie)">',
            hint,
            "1 error, 0 warnings",
        ],
    )
    assert digest(root / "site") == before
    assert sorted(p.name for p in root.iterdir() if p.name.startswith(".site-")) == []


@pytest.mark.slow
def test_a_script_in_a_hand_written_page_fails_the_build_at_the_page(
    make_project: Project, explainer: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project(site=True)
    monkeypatch.chdir(root)
    (root / "docs/notes.md").write_text("# Notes\n\n<script>alert(1)</script>\n")
    result = explainer(root, "build")
    assert result.code == 1
    assert result.err.splitlines()[0] == (
        "site/notes/index.html:1:1: error[unsafe-output]: the built page site/notes/index.html would hold"
        " <script>alert(1)</script>"
    )
    assert not (root / "site").exists()


def test_plain_mkdocs_build_fails_on_the_same_check(make_project: Project) -> None:
    """The plugin's door: ``mkdocs build`` alone (it builds in place, so the check comes after)."""
    root = make_project(site=True)
    (root / "docs/notes.md").write_text("# Notes\n\n<script>alert(1)</script>\n")
    mkdocs = Path(sys.executable).with_name("mkdocs")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([str(mkdocs), "build"], cwd=root, capture_output=True, text=True, env=env, check=False)
    assert result.returncode == 1
    assert (
        "site/notes/index.html:1:1: error[unsafe-output]: the built page site/notes/index.html would hold"
        " <script>alert(1)</script>"
    ) in result.stderr
    (root / "docs/notes.md").unlink()
    result = subprocess.run([str(mkdocs), "build"], cwd=root, capture_output=True, text=True, env=env, check=False)
    assert result.returncode == 0, result.stderr


def test_markup_a_theme_script_writes_into_the_page_is_checked_too(tmp_path: Path) -> None:
    """A theme script may ``document.write`` a value its template gives it: that markup is read as the page's."""
    (tmp_path / "404.html").write_text("<script>document.write({{ super() | tojson }});</script>\n")
    scripts = inspect.known_scripts([tmp_path])
    own = lambda address: address == "./assets/javascripts/explainer.js"  # noqa: E731
    written = '\\u003cscript src=\\"./assets/javascripts/explainer.js\\"\\u003e\\u003c/script\\u003e'
    theirs = f'<script>document.write("{written}");</script>'
    assert inspect.check_html(page(theirs), scripts, own) == []
    injected = '<script>document.write("\\u003cimg src=x onerror=alert(1)\\u003e");</script>'
    assert inspect.check_html(page(injected), scripts, own) == [('<img onerror="alert(1)">', "alert(1)")]
    assert inspect.check_html(page("<script>document.write(alert(1));</script>"), scripts, own) != []
