"""Write (or check) the theme's copies of Material templates that no block can reach.

    .venv/bin/python tests/tools/theme_overrides.py          # rewrite generator/theme/<copies>
    .venv/bin/python tests/tools/theme_overrides.py --check  # exit 1 if a copy is out of date

Material's ``base.html`` puts ``autocomplete="off"`` on its two toggle checkboxes outside any
block, and its ``partials/toc.html`` labels ``for="__toc"`` even on pages whose navigation has no
``__toc`` input (pages left out of the navigation, section index pages): both are HTML errors
(the Nu checker: "autocomplete is only allowed when the input type is ...", "the for attribute of
the label element must be the ID of a non-hidden form control"). The copies are Material's own
files with the edits below and nothing else, so after upgrading Material run this script again
(the test of the theme fails until then, naming this script).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import material

REPO = Path(__file__).resolve().parents[2]
MATERIAL = Path(material.__file__).resolve().parent / "templates"
THEME = REPO / "generator" / "theme"

HEADER = (
    "{#-\n"
    "  Material's {name} ({version}) with the explainer's edits, written by tests/tools/theme_overrides.py:\n"
    "  do not edit by hand; change the EDITS in that script and run it again.\n"
    "-#}\n"
)

# file -> [(Material's text, ours)]; each Material text must occur exactly once.
EDITS: dict[str, list[tuple[str, str]]] = {
    "base.html": [
        # A checkbox takes no autocomplete attribute; explainer.js clears restored toggle state instead.
        (
            '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">',
            '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer">',
        ),
        (
            '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">',
            '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search">',
        ),
    ],
    "partials/toc.html": [
        # The __toc toggle exists only where partials/nav-item.html renders the page as a leaf of the
        # navigation: not on pages outside it, nor on a section's index page (navigation.indexes).
        (
            '    <label class="md-nav__title" for="__toc">\n',
            '    {% set in_nav = page in nav.pages and not ("navigation.indexes" in features\n'
            "      and page.is_index and page.parent) %}\n"
            '    <label class="md-nav__title"{% if in_nav %} for="__toc"{% endif %}>\n',
        ),
    ],
}


def material_version() -> str:
    from importlib.metadata import version

    return version("mkdocs-material")


def render(name: str) -> str:
    text = (MATERIAL / name).read_text(encoding="utf-8")
    for old, new in EDITS[name]:
        count = text.count(old)
        if count != 1:
            raise SystemExit(f"{name}: expected Material's text once, found it {count} times:\n{old}")
        text = text.replace(old, new)
    return HEADER.replace("{name}", name).replace("{version}", material_version()) + text


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="report stale copies instead of writing them")
    args = parser.parse_args()
    stale = []
    for name in EDITS:
        target = THEME / name
        wanted = render(name)
        current = target.read_text(encoding="utf-8") if target.exists() else None
        if current == wanted:
            continue
        if args.check:
            stale.append(name)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(wanted, encoding="utf-8")
            print(f"wrote {target.relative_to(REPO)}")
    if stale:
        print(
            f"stale copies of Material {material_version()} templates in generator/theme: {', '.join(stale)}; "
            "run `.venv/bin/python tests/tools/theme_overrides.py`",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
