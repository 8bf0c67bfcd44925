"""No input is slow (issue 13, reproduction 4): the checks and filters take time in proportion to the text,
and Python-Markdown, which MkDocs runs on every page, only ever sees paragraphs short enough to read quickly.

The full figures, at 100 KB and 1 MB for every adversarial input, come from
``make bench-adversarial`` (``tests/adversarial.py``); these tests hold the same
properties at sizes that keep the suite fast.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import markdown
import pytest
from adversarial import INPUTS, filters
from conftest import BRIEF, REPO, Result

from generator.content.values import MAX_LINE, MAX_PARAGRAPH
from generator.pages import text

Project = Callable[..., Path]


def cpu(run: Callable[[], object], repeat: int = 3) -> float:
    """The fastest of ``repeat`` runs, in processor seconds (the machine is shared)."""
    times = []
    for _ in range(repeat):
        started = time.process_time()
        run()
        times.append(time.process_time() - started)
    return min(times)


@pytest.mark.parametrize(
    "name", ["x, blank lines, ]", "[ run", "[a]( then spaces", "deep brackets [[[ ]]]", "unclosed fences", "< run"]
)
def test_the_checks_and_filters_take_time_in_proportion_to_the_text(name: str) -> None:
    small, large = INPUTS[name](20_000), INPUTS[name](200_000)
    ratio = cpu(lambda: filters(large)) / max(cpu(lambda: filters(small)), 0.002)
    assert ratio < 15, f"ten times the text took {ratio:.1f} times as long"


@pytest.fixture(scope="module")
def site_markdown() -> markdown.Markdown:
    from mkdocs.config import load_config

    config = load_config(str(REPO / "mkdocs.yml"))
    options = {key: value for key, value in config.mdx_configs.items() if key != "pymdownx.snippets"}
    extensions = [name for name in config.markdown_extensions if name != "pymdownx.snippets"]
    return markdown.Markdown(extensions=extensions, extension_configs=options)


@pytest.mark.parametrize("name", list(INPUTS))
def test_the_sites_markdown_reads_the_longest_paragraph_allowed_quickly(
    site_markdown: markdown.Markdown, name: str
) -> None:
    """Before the filters neutralised stray brackets, 5,000 ``[`` took Python-Markdown over 30 s."""
    source = INPUTS[name](MAX_PARAGRAPH)
    page = text.markdown_block(source)
    assert cpu(lambda: site_markdown.reset().convert(page), repeat=1) < 1.0


def test_a_paragraph_over_the_limit_is_refused(make_project: Project, explainer: Callable[..., Result]) -> None:
    summary = "word " * 1_200  # YAML drops the last space
    root = make_project({"content/briefs/trade.yml": BRIEF.replace("Boats carry grain down the river.", summary)})
    result = explainer(root, "validate")
    assert (result.code, result.err.splitlines()) == (
        1,
        [
            "content/briefs/trade.yml:3:10: error[text-too-long]: 'summary': a paragraph of 5,999 characters is"
            f" longer than the limit of {MAX_PARAGRAPH:,}",
            "  hint: split it: a blank line starts a new paragraph",
            "1 error, 0 warnings",
        ],
    )


def test_a_one_line_text_over_the_limit_is_refused(make_project: Project, explainer: Callable[..., Result]) -> None:
    title = "x" * (MAX_LINE + 1)
    root = make_project({"content/briefs/trade.yml": BRIEF.replace("title: River trade", f"title: {title}")})
    result = explainer(root, "validate")
    assert (result.code, result.err.splitlines()) == (
        1,
        [
            "content/briefs/trade.yml:2:8: error[text-too-long]: 'title': a text of 2,001 characters is longer"
            f" than the limit of {MAX_LINE:,}",
            "  hint: shorten it",
            "1 error, 0 warnings",
        ],
    )
