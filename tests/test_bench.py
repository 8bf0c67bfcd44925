"""The benchmark: its synthetic explainer is valid and deterministic, and a tiny run reports every figure."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import bench
import pytest
import realshaped
from conftest import REPO, check, write_tree

from generator.content.types import FOLDERS


def test_the_synthetic_explainer_is_the_same_for_a_seed_and_differs_across_seeds() -> None:
    assert bench.synthetic_corpus(20, seed=1) == bench.synthetic_corpus(20, seed=1)
    assert bench.synthetic_corpus(20, seed=1) != bench.synthetic_corpus(20, seed=2)


@pytest.mark.parametrize("briefs", [1, 7, 120], ids=["one brief", "a few", "above the navigation threshold"])
def test_the_synthetic_explainer_validates_without_a_single_diagnostic(tmp_path: Path, briefs: int) -> None:
    write_tree(tmp_path, bench.synthetic_corpus(briefs))

    checked = check(tmp_path, dt.date(2026, 2, 1))

    assert [d.format_text() for d in checked.diagnostics] == []
    assert checked.graph is not None and len(checked.graph.of("brief")) == briefs


def test_the_other_entities_grow_in_proportion_to_the_briefs() -> None:
    files = bench.synthetic_corpus(1000)
    counts = {folder: sum(1 for p in files if p.startswith(f"content/{folder}/")) for folder in FOLDERS}

    assert counts == {"briefs": 1000, "actors": 100, "events": 250, "sources": 500, "glossary": 20, "maps": 0}
    briefs = [text for path, text in files.items() if path.startswith("content/briefs/")]
    assert 3000 < sum(map(len, briefs)) / len(briefs) < 3500, "briefs of about 3.3 KB, as measured in the issue"


def test_a_tiny_run_of_both_corpora_prints_the_tables_and_writes_every_figure_as_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "bench.json"

    assert bench.main(["--sizes", "7", "--jobs", "1", "--no-site", "--json", str(out)]) == 0

    results = json.loads(out.read_text(encoding="utf-8"))
    for kind in ("synthetic", "real"):
        size = results["corpora"][kind]["sizes"]["7"]
        assert set(size["generate"]["1"]["stages"]) == set(bench.STAGES)
        assert size["floor"]["files"] == size["files"]
        assert size["regenerate"]["body"]["written"] >= 1
        assert size["regenerate"]["title"]["written"] > size["regenerate"]["body"]["written"]
    real = results["corpora"]["real"]["sizes"]["7"]["generate"]
    assert real["1 cold"]["pictures_drawn"] == real["1 cold"]["pictures"] > 0, "an empty store draws every picture"
    assert real["1"]["pictures_drawn"] == 0, "the next run finds every picture kept"
    assert [t["target"] for t in results["targets"]] == [
        "synthetic: generate 7 briefs (1 jobs) / C-loader floor",
        "synthetic: generate 7 briefs (1 jobs): peak MB",
        "synthetic: regenerate after a title edit / generate (7)",
        "synthetic: regenerate after a body edit / generate (7)",
        "real: generate 7 briefs (1 jobs) / C-loader floor",
    ]
    printed = capsys.readouterr().out
    assert "Full generation (wall seconds), into an empty docs/" in printed
    assert "Regeneration after editing one brief (preview session)" in printed


@pytest.mark.slow
def test_a_tiny_site_run_builds_the_site_the_baseline_and_serves_the_edits(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    sizes = ["--sizes", "", "--site-sizes", "3", "--real-site-sizes", "7", "--preview-sizes", "7"]

    assert bench.main([*sizes, "--corpora", "real", "--engines", "", "--json", str(out)]) == 0

    real = json.loads(out.read_text(encoding="utf-8"))["corpora"]["real"]
    assert real["site"]["7"]["build"]["site_bytes"] > 0
    assert real["site"]["7"]["mkdocs_minimal"]["site_bytes"] > 0
    preview = real["preview"]["7"]
    assert preview["startup"] > 0
    assert [len(preview[edit]["runs"]) for edit in ("body", "title")] == [5, 5]
    assert all(0 < run["seconds"] < 60 for edit in ("body", "title") for run in preview[edit]["runs"])


def test_the_real_shaped_explainer_copies_every_brief_with_what_it_references_and_validates(tmp_path: Path) -> None:
    files = realshaped.real_corpus(16)
    counts = realshaped.counts(files)
    real = realshaped.counts({path: "" for path in realshaped.real_corpus(7)})

    assert counts["briefs"] == 16
    for folder in ("actors", "events", "sources", "glossary"):
        assert 2 * real[folder] < counts[folder] < 3 * real[folder], "two whole copies, and what two briefs reference"
    write_tree(tmp_path, files)
    today = dt.date.today()
    checked = check(tmp_path, today)
    assert [d.format_text() for d in checked.errors] == []
    original = {d.code for d in check(REPO, today).diagnostics}
    assert {d.code for d in checked.diagnostics} <= original, "copying adds no kind of problem the content lacks"
    copy = files["content/briefs/energy-ties-c1.yml"]
    assert "sources: [bbc-2006-btc-c1," in copy and "bbc-2006-btc," not in copy, "references renamed with the brief"
    assert "](term:btc-pipeline-c1)" in copy, "links in the text too"
