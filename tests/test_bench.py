"""The benchmark: its synthetic explainer is valid and deterministic, and a tiny run reports every figure."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import bench
import pytest
from conftest import check, write_tree

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


def test_a_tiny_run_prints_the_tables_and_writes_every_figure_as_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "bench.json"

    assert bench.main(["--sizes", "3", "--jobs", "1", "--no-site", "--json", str(out)]) == 0

    results = json.loads(out.read_text(encoding="utf-8"))
    size = results["sizes"]["3"]
    assert set(size["generate"]["1"]["stages"]) == set(bench.STAGES)
    assert size["floor"]["files"] == size["files"]
    assert size["regenerate"]["body"]["written"] >= 1
    assert [t["target"] for t in results["targets"]] == [
        "generate 3 briefs (1 jobs) / C-loader floor",
        "generate 3 briefs (1 jobs): peak MB",
        "regenerate after a title edit / generate (3)",
        "regenerate after a body edit / generate (3)",
    ]
    printed = capsys.readouterr().out
    assert "Full generation (wall seconds), into an empty docs/" in printed
    assert "Regeneration after editing one brief (preview session)" in printed


def test_a_tiny_site_run_builds_the_site_and_the_minimal_baseline(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"

    assert bench.main(["--sizes", "3", "--jobs", "1", "--site-sizes", "3", "--engines", "", "--json", str(out)]) == 0

    site = json.loads(out.read_text(encoding="utf-8"))["site"]["3"]
    assert site["build"]["site_bytes"] > 0
    assert site["mkdocs_minimal"]["site_bytes"] > 0
