"""``make bench``: how the generator scales, stage by stage, against the floor of parsing alone.

Two explainers of N briefs are written to a temporary folder: a synthetic one
(modelled on the test fixtures, deterministic for a seed: short briefs, no
charts) and one made of the project's own content (``realshaped``: copies of the
real briefs with everything they reference). For each, the generator is timed
stage by stage against the floor (libyaml's C loader parsing the same files),
the preview session after an edit, the site build against plain ``mkdocs
build``, and the editor's loop end to end through ``explainer serve``
(``benchserve``). Each measurement runs in a fresh interpreter so peak memory
figures do not mix. Run ``python -m tests.bench -h`` from the repository.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import importlib.util
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the helpers beside it, run as a module or by pytest

import benchreport
import benchserve
import realshaped

from generator.project import FULL_NAV_UP_TO

KINDS = ("economy", "politics", "security", "energy", "society")
_SYLLABLES = ("ka", "lo", "mi", "ra", "ten", "vo", "su", "bel", "dor", "an", "qui", "pe", "zar", "ul", "nes", "ti")


def synthetic_corpus(briefs: int, seed: int = 7) -> dict[str, str]:
    """``{path under the project: text}`` for an explainer of ``briefs`` briefs.

    Actors, events, sources, glossary terms and tags grow in proportion, and every
    reference resolves, so the corpus validates with no errors and no warnings:
    the benchmark measures the clean path an editor's build takes.
    """
    rng = random.Random(seed)
    vocabulary = sorted({_word(rng) for _ in range(400)})
    sizes = {
        "actor": max(3, briefs // 10),
        "event": max(2, briefs // 4),
        "source": max(3, briefs // 2),
        "term": max(1, briefs // 50),
        "tag": max(2, briefs // 20),
    }
    ids = {kind: [f"{kind}-{i:05d}" for i in range(count)] for kind, count in sizes.items()}
    terms = [f"{_word(rng)}{i}x" for i in range(sizes["term"])]
    brief_ids = [f"brief-{i:05d}" for i in range(briefs)]

    def words(count: int) -> str:
        return " ".join(rng.choice(vocabulary) for _ in range(count))

    def sentence(count: int = 12) -> str:
        return words(count).capitalize() + "."

    def paragraph(sentences: int = 4) -> str:
        return " ".join(sentence(rng.randint(8, 16)) for _ in range(sentences))

    def pick(kind: str, count: int, first: int) -> list[str]:
        pool = ids[kind]
        chosen = [pool[first % len(pool)], *rng.sample(pool, min(count, len(pool)))]
        return list(dict.fromkeys(chosen))[:count]

    files: dict[str, str] = {"content/explainer.yml": _explainer(brief_ids, rng, ids["tag"])}
    cursor = {"source": 0}

    def cite(count: int) -> list[str]:
        # Round-robin first, so every source is cited somewhere, then random.
        start = cursor["source"]
        cursor["source"] += 1
        return pick("source", count, start)

    for index, brief_id in enumerate(brief_ids):
        term = terms[index % len(terms)]
        related = sorted({brief_ids[(index + step) % briefs] for step in (1, rng.randint(2, 50))} - {brief_id})
        actors = pick("actor", rng.randint(2, 3), index)
        lines = [
            f"kind: {KINDS[index % len(KINDS)]}",
            f"title: {words(rng.randint(3, 6)).capitalize()} {index}",
            f"summary: {sentence(20)} {sentence(14)}",
            f"weight: {rng.randint(0, 100)}",
            "key_points:",
        ]
        for _ in range(3):
            lines += [f"  - text: {sentence(18)}", f"    sources: [{', '.join(cite(2))}]", "    status: confirmed"]
        lines.append("sections:")
        for number in range(2):
            lines += [f"  - heading: {words(3).capitalize()}", "    body: |"]
            body = [paragraph(), paragraph(3)] if number else [paragraph(3) + f" The {term} matters here."]
            for para_index, para in enumerate(body):
                if para_index:
                    lines.append("")
                lines.append(f"      {para}")
        lines.append("figures:")
        for _ in range(2):
            label, value, (source,) = words(4).capitalize(), rng.randint(1, 900), cite(1)
            lines += [
                f"  - label: {label}",
                f"    value: {value}",
                '    unit: "%"',
                "    qualifier: about",
                f"    as_of: '{2000 + int(source.rsplit('-', 1)[1]) % 26}'",  # its source's year (sources are dated so)
                f"    sources: [{source}]",
                "    status: estimate",
                "    by: The bench institute",
            ]
        lines.append("perspectives:")
        for actor in actors[:2]:
            lines += [
                f"  - who: The {words(2)} office",
                f"    actor: {actor}",
                f"    view: {sentence(16)}",
                f"    sources: [{', '.join(cite(1))}]",
            ]
        lines += [
            f"actors: [{', '.join(actors)}]",
            f"events: [{', '.join(pick('event', rng.randint(1, 3), index))}]",
            f"related: [{', '.join(related)}]",
            f"tags: [{', '.join(pick('tag', 2, index))}]",
            "published: 2026-01-01",
            "reviewed: 2026-01-15",
            "changes:",
            "  - date: 2026-01-01",
            "    note: First published.",
        ]
        files[f"content/briefs/{brief_id}.yml"] = "\n".join(lines) + "\n"
    for index, actor_id in enumerate(ids["actor"]):
        country = ids["actor"][0]
        tie = ids["actor"][(index + 1) % sizes["actor"]]
        lines = [
            f"name: {words(2).title()} {index}",
            f"type: {'country' if index % 4 == 0 else 'organisation'}",
            f"summary: {sentence(20)}",
            f"role: {sentence(14)}",
        ]
        if index % 4 and actor_id != country:
            lines.append(f"country: {country}")
        if tie != actor_id:
            lines += [
                "ties:",
                f"  - actor: {tie}",
                f"    kind: {KINDS[index % len(KINDS)]}",
                f"    label: {words(3)}",
            ]
        files[f"content/actors/{actor_id}.yml"] = "\n".join(lines) + "\n"
    for index, event_id in enumerate(ids["event"]):
        files[f"content/events/{event_id}.yml"] = (
            "\n".join(
                [
                    f"date: {2000 + index % 26}-{1 + index % 12:02d}-{1 + index % 28:02d}",
                    f"title: {words(5).capitalize()}",
                    f"description: {sentence(18)}",
                    f"actors: [{', '.join(pick('actor', 2, index))}]",
                    f"sources: [{ids['source'][index % sizes['source']]}]",
                    "status: reported",
                ]
            )
            + "\n"
        )
    for index, source_id in enumerate(ids["source"]):
        files[f"content/sources/{source_id}.yml"] = (
            "\n".join(
                [
                    f"title: {words(6).capitalize()}",
                    f"publisher: {words(2).title()}",
                    "type: independent-media",
                    f"date: {2000 + index % 26}-{1 + index % 12:02d}",
                    f"url: https://archive.valley-institute.org/{source_id}",
                    "accessed: 2026-01-01",
                ]
            )
            + "\n"
        )
    for term_id, term in zip(ids["term"], terms, strict=True):
        files[f"content/glossary/{term_id}.yml"] = f"term: {term}\ndefinition: {sentence(14)}\n"
    return files


def _explainer(brief_ids: list[str], rng: random.Random, tags: list[str]) -> str:
    kinds = "".join(f"  - id: {k}\n    title: {k.title()}\n    description: Briefs about {k}.\n" for k in KINDS)
    declared = "".join(f"  - id: {tag}\n    title: Topic {tag.removeprefix('tag-')}\n" for tag in tags)
    start = ", ".join(brief_ids[:3])
    return f"""\
title: A synthetic explainer
question: How does the generator scale?
answer: Linearly, we hope; this corpus measures it.
description: A deterministic corpus written by the benchmark.
takeaways:
  - text: Every brief here is generated from a seed.
    sources: [source-00000, source-00001]
    status: confirmed
kinds:
{kinds}start_here: [{start}]
about: Generated by the benchmark.
authors:
  - name: Bench desk
license: CC BY 4.0
published: 2026-01-01
review_after_days: 36500
tags:
{declared}"""


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4)))


# --- measuring -----------------------------------------------------------------------------------

STAGES = ("discover", "parse", "validate", "check", "lint", "resolve", "render", "write")
CORPORA = ("synthetic", "real")
TODAY = dt.date(2026, 2, 1)
AGED_NS = 1_700_000_000 * 1_000_000_000
"""Content files are dated in the past, as an editor's files are, so the preview trusts their stat."""
REPO = Path(__file__).resolve().parent.parent
PICTURES = Path(".cache") / "explainer" / "pictures"


def clock() -> tuple[float, float]:
    """Wall time, and the CPU time of this process and its children: on a busy machine the second still holds."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.perf_counter(), own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


class Timer:
    """A ``stages.Stages`` that adds up the wall and CPU seconds spent in each stage.

    A stage entered inside another (pages rendered while the writer asks for them)
    counts for itself only: the outer stage's time excludes it.
    """

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.cpu: dict[str, float] = {}
        self._inner: list[list[float]] = []  # per open stage: [wall, cpu] spent in stages inside it

    @contextlib.contextmanager
    def __call__(self, name: str) -> Iterator[None]:
        wall, cpu = clock()
        self._inner.append([0.0, 0.0])
        try:
            yield
        finally:
            wall_end, cpu_end = clock()
            inner_wall, inner_cpu = self._inner.pop()
            spent_wall, spent_cpu = wall_end - wall, cpu_end - cpu
            self.seconds[name] = self.seconds.get(name, 0.0) + spent_wall - inner_wall
            self.cpu[name] = self.cpu.get(name, 0.0) + spent_cpu - inner_cpu
            if self._inner:
                self._inner[-1][0] += spent_wall
                self._inner[-1][1] += spent_cpu


def corpus(name: str, briefs: int, seed: int = 7) -> dict[str, str]:
    """The files of an explainer of ``briefs`` briefs: ``synthetic`` or ``real`` (the project's own, copied)."""
    return realshaped.real_corpus(briefs) if name == "real" else synthetic_corpus(briefs, seed)


def write_project(root: Path, briefs: int, seed: int = 7, *, site: bool = False, kind: str = "synthetic") -> int:
    """Write an explainer under ``root`` (with ``site``, what mkdocs.yml needs too); count its files."""
    files = corpus(kind, briefs, seed)
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        os.utime(path, ns=(AGED_NS, AGED_NS))
    if site:
        shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
        for folder in ("docs/assets", "docs/schemas"):
            if (REPO / folder).is_dir():
                shutil.copytree(REPO / folder, root / folder, dirs_exist_ok=True)
    return len(files)


def middle_brief(root: Path) -> Path:
    """A brief from the middle: neither first nor last in any list."""
    briefs = sorted((root / "content" / "briefs").glob("*.yml"))
    return briefs[len(briefs) // 2]


def _peak_mb() -> float:
    """The largest resident size of this process or any child it waited for (Linux counts in KiB)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return max(own.ru_maxrss, children.ru_maxrss) / 1024


def _tree_bytes(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def _count(folder: Path) -> int:
    return sum(1 for _ in folder.rglob("*.svg")) if folder.is_dir() else 0


def _work_generate(root: Path, jobs: int = 1, cold: int = 0) -> dict[str, Any]:
    """A full generation into an empty docs/ folder, stage by stage; ``cold``: with no picture kept either."""
    from generator import pipeline
    from generator.project import Project, Settings

    shutil.rmtree(root / "docs", ignore_errors=True)
    if cold:
        shutil.rmtree(root / PICTURES, ignore_errors=True)
    kept = _count(root / PICTURES)
    timer = Timer()
    wall, cpu = clock()
    result = pipeline.generate(Project.at(root), Settings(today=TODAY, jobs=jobs), stages=timer)
    wall_end, cpu_end = clock()
    return {
        "stages": timer.seconds,
        "stages_cpu": timer.cpu,
        "total": wall_end - wall,
        "cpu": cpu_end - cpu,
        "written": len(result.report.written),
        "docs_bytes": _tree_bytes(root / "docs"),
        "pictures_drawn": _count(root / PICTURES) - kept,
        "pictures": len([path for path in result.report.written if path.endswith(".svg")]),
        "peak_mb": _peak_mb(),
    }


def _work_floor(root: Path) -> dict[str, Any]:
    """Reading and parsing the same files with libyaml's C loader alone: what no generator can beat."""
    paths = sorted((root / "content").rglob("*.yml"))
    wall, cpu = clock()
    for path in paths:
        with path.open("rb") as handle:
            yaml.load(handle, Loader=yaml.CSafeLoader)
    wall_end, cpu_end = clock()
    return {"total": wall_end - wall, "cpu": cpu_end - cpu, "files": len(paths), "peak_mb": _peak_mb()}


EDITS_EACH = 3
"""Each kind of edit is made this many times; the median run is reported (one run varies by a tenth)."""


def _work_regenerate(root: Path) -> dict[str, Any]:
    """The preview's loop: a first run, then one brief edited again and again: its title, then only its body."""
    from generator.preview.session import Session
    from generator.project import Project, Settings

    session = Session(Project.at(root), Settings(today=TODAY))
    wall, _cpu = clock()
    session.run()
    out: dict[str, Any] = {"first": clock()[0] - wall}
    path = middle_brief(root)
    original = path.read_text(encoding="utf-8")
    for name, edit in (("title", benchserve.title_edit), ("body", benchserve.body_edit)):
        runs: list[dict[str, Any]] = []
        for number in range(EDITS_EACH):
            path.write_text(edit(path.read_text(encoding="utf-8"), f"Rev{number} "), encoding="utf-8")
            timer = Timer()
            wall, cpu = clock()
            result = session.run(timer)
            wall_end, cpu_end = clock()
            runs.append(
                {
                    "total": wall_end - wall,
                    "cpu": cpu_end - cpu,
                    "stages": timer.seconds,
                    "written": len(result.report.written),
                    "compared": len(result.report.written) + result.report.unchanged,
                }
            )
        ordered = sorted(runs, key=lambda run: run["total"])
        out[name] = {**ordered[len(ordered) // 2], "runs": [run["total"] for run in runs]}
    path.write_text(original, encoding="utf-8")
    out["peak_mb"] = _peak_mb()
    return out


def _work_site(root: Path, engine: str, full_nav_up_to: int, jobs: int = 1) -> dict[str, Any]:
    """Generate and build the site, as ``explainer build`` does."""
    from generator import pipeline
    from generator.project import Project, Settings

    wall, cpu = clock()
    settings = Settings(today=TODAY, full_nav_up_to=full_nav_up_to, jobs=jobs)
    pipeline.build(Project.at(root), settings, engine=engine)  # type: ignore[arg-type]
    wall_end, cpu_end = clock()
    return {
        "total": wall_end - wall,
        "cpu": cpu_end - cpu,
        "site_bytes": _tree_bytes(root / "site"),
        "peak_mb": _peak_mb(),
    }


def _work_mkdocs_minimal(root: Path) -> dict[str, Any]:
    """Plain ``mkdocs build`` of the Markdown already in docs/, with a one-page navigation, no plugin and no
    glossary appended to every page."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    from generator.output.site import THEME

    derived = root / "mkdocs-minimal.yml"
    minimal = {
        "INHERIT": "mkdocs.yml",
        "plugins": ["search"],
        "nav": [{"Home": "index.md"}],
        "site_dir": "site-minimal",
    }
    derived.write_text(yaml.safe_dump({**minimal, "theme": {"name": "material", "custom_dir": str(THEME)}}))
    config = load_config(str(derived))
    snippets = config.mdx_configs.get("pymdownx.snippets")
    if snippets:  # the whole glossary on every page: at 4,000 terms Markdown takes minutes a page (see README)
        snippets["auto_append"] = []
    wall, cpu = clock()
    mkdocs_build(config)
    wall_end, cpu_end = clock()
    return {
        "total": wall_end - wall,
        "cpu": cpu_end - cpu,
        "site_bytes": _tree_bytes(root / "site-minimal"),
        "peak_mb": _peak_mb(),
    }


def _work_preview(root: Path) -> dict[str, Any]:
    """``explainer serve`` from outside: start-up, then body and title edits of a brief, saved and polled."""
    return benchserve.measure(root, middle_brief(root))


_WORKERS: dict[str, Callable[..., dict[str, Any]]] = {
    "generate": _work_generate,
    "floor": _work_floor,
    "regenerate": _work_regenerate,
    "site": _work_site,
    "mkdocs-minimal": _work_mkdocs_minimal,
    "preview": _work_preview,
}


def _run(worker: str, root: Path, *args: object) -> dict[str, Any]:
    """Run one measurement in a fresh interpreter, so neither imports nor peaks carry over.

    It runs in the project folder, where paths in mkdocs.yml resolve; ``-P`` keeps that folder off the
    import path, and the repository is put on it for this module.
    """
    command = [sys.executable, "-P", "-m", "tests.bench", "--worker", worker, str(root), *map(str, args)]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO)}
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False, cwd=root)
    if done.returncode != 0:
        raise RuntimeError(f"bench worker {worker} failed:\n{done.stderr[-4000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


# --- the run --------------------------------------------------------------------------------------


def measure(options: argparse.Namespace, workdir: Path) -> dict[str, Any]:
    """Every measurement, each in a fresh interpreter, as one JSON-ready mapping."""
    results: dict[str, Any] = {
        "python": sys.version.split()[0],
        "cpus": os.cpu_count(),
        "seed": options.seed,
        "load_before": os.getloadavg(),
        "corpora": {},
    }
    for kind in options.corpora:
        results["corpora"][kind] = {
            "sizes": _generation(kind, options, workdir),
            "site": _sites(kind, options, workdir),
            "preview": _previews(kind, options, workdir),
        }
    results["load_after"] = os.getloadavg()
    results["targets"] = benchreport.targets(results)
    return results


def _generation(kind: str, options: argparse.Namespace, workdir: Path) -> dict[str, Any]:
    out = {}
    for briefs in options.sizes:
        root = workdir / f"{kind}-{briefs}"
        files = write_project(root, briefs, options.seed, kind=kind)
        _progress(f"{kind} corpus, {briefs} briefs ({files} files): floor, generate, regenerate")
        generate = {}
        for jobs in options.jobs:
            if jobs == options.jobs[0]:  # the first run draws every picture; the others find them kept
                generate[f"{jobs} cold"] = _run("generate", root, jobs, 1)
            generate[str(jobs)] = _run("generate", root, jobs)
        out[str(briefs)] = {
            "files": files,
            "floor": _run("floor", root),
            "generate": generate,
            "regenerate": _run("regenerate", root),
        }
        _done(root, options)
    return out


def _sites(kind: str, options: argparse.Namespace, workdir: Path) -> dict[str, Any]:
    out: dict[str, Any] = {}
    sizes = options.site_sizes if kind == "synthetic" else options.real_site_sizes
    for briefs in sizes:
        entry: dict[str, Any] = {}
        root = workdir / f"site-{kind}-{briefs}"
        write_project(root, briefs, options.seed, site=True, kind=kind)
        jobs = max(options.jobs)
        _progress(f"{kind} corpus, {briefs} briefs: site build (generate + mkdocs build)")
        entry["build"] = _run("site", root, "mkdocs", FULL_NAV_UP_TO, jobs)
        if briefs == sizes[0]:
            _progress(f"{kind} corpus, {briefs} briefs: mkdocs build alone, minimal navigation")
            entry["mkdocs_minimal"] = _run("mkdocs-minimal", root)
            for engine in options.engines if kind == "synthetic" else ():
                if importlib.util.find_spec(engine) is None:
                    _progress(f"{engine} is not installed: its site build is skipped")
                    continue
                _progress(f"{briefs} briefs: site build with {engine}")
                entry[engine] = _run("site", root, engine, FULL_NAV_UP_TO, jobs)
            if options.full_nav and kind == "synthetic":
                _progress(f"{briefs} briefs: site build with every brief in the navigation")
                entry["full_nav"] = _run("site", root, "mkdocs", 10**9, jobs)
        out[str(briefs)] = entry
        _done(root, options)
    return out


def _previews(kind: str, options: argparse.Namespace, workdir: Path) -> dict[str, Any]:
    out = {}
    for briefs in options.preview_sizes:
        root = workdir / f"preview-{kind}-{briefs}"
        write_project(root, briefs, options.seed, site=True, kind=kind)
        _progress(
            f"{kind} corpus, {briefs} briefs: explainer serve, start-up and {benchserve.EDITS} edits of each kind"
        )
        out[str(briefs)] = _run("preview", root)
        _done(root, options)
    return out


def _done(root: Path, options: argparse.Namespace) -> None:
    """A measured project is removed (a real-shaped one of 10,000 briefs takes 2 GB), unless asked to keep it."""
    if not options.keep:
        shutil.rmtree(root, ignore_errors=True)


def _progress(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


def _numbers(text: str) -> list[int]:
    return [int(x) for x in text.split(",") if x]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench", description=__doc__)
    parser.add_argument("--corpora", default="synthetic,real", help="which explainers (default: synthetic,real)")
    parser.add_argument("--sizes", default="1000,10000", help="brief counts for generation (default: 1000,10000)")
    parser.add_argument("--site-sizes", default="1000,3000", help="synthetic site builds (default: 1000,3000)")
    parser.add_argument("--real-site-sizes", default="1000", help="real-shaped site builds (default: 1000)")
    parser.add_argument("--preview-sizes", default="1000", help="brief counts for explainer serve (default: 1000)")
    parser.add_argument("--no-site", action="store_true", help="skip the site builds and the preview (the slow part)")
    parser.add_argument("--engines", default="zensical", help="other engines to compare at the smaller site size")
    parser.add_argument(
        "--full-nav", action="store_true", help="also build the site with every brief in the navigation"
    )
    parser.add_argument("--jobs", default="1,2", help="process counts to generate with (default: 1,2)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", default="bench-results/bench.json", help="where to write the results as JSON")
    parser.add_argument("--keep", action="store_true", help="keep the temporary projects and print where they are")
    parser.add_argument("--worker", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        name, root, *extra = args.worker
        params = [int(x) if x.isdigit() else x for x in extra]
        print(json.dumps(_WORKERS[name](Path(root), *params)))
        return 0
    args.corpora = [c for c in args.corpora.split(",") if c]
    unknown = set(args.corpora) - set(CORPORA)
    if unknown:
        parser.error(f"unknown corpus {', '.join(sorted(unknown))}: choose from {', '.join(CORPORA)}")
    args.sizes, args.jobs = _numbers(args.sizes), _numbers(args.jobs)
    args.site_sizes = [] if args.no_site else _numbers(args.site_sizes)
    args.real_site_sizes = [] if args.no_site else _numbers(args.real_site_sizes)
    args.preview_sizes = [] if args.no_site else _numbers(args.preview_sizes)
    args.engines = [e for e in args.engines.split(",") if e and e != "mkdocs"]
    workdir = Path(tempfile.mkdtemp(prefix="explainer-bench-"))
    try:
        results = measure(args, workdir)
    finally:
        if args.keep:
            _progress(f"projects kept in {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    results["command"] = "python -m tests.bench " + " ".join(argv if argv is not None else sys.argv[1:])
    out = Path(args.json)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(benchreport.table(results))
    print(f"\nresults: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
