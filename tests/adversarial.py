"""``make bench-adversarial``: time grows with the input and no faster, whatever the input.

Each adversarial text (the ones that were slow, and others built to make regular
expressions backtrack and loops rescan) is put into the Markdown fields of a
small project, a brief's summary and a glossary definition, at about 100 KB and
at about 1 MB (just under the 1,000,000-byte file limit). ``validate`` and
``generate`` are timed in this process, and the text filters alone on the same
text (the escaping filters of ``pages.text`` and the link checks of
``content.links``: validation refuses a paragraph over 5,000 characters, so a
one-paragraph input ends there, and the filters are timed on it all the same), as the processor time it used (the
machine is shared: wall time also counts other people's work), the fastest of
``--repeat`` runs. The run passes when each 1 MB time is within 15 times its
100 KB time and every 1 MB file validates in under 5 s of wall time.
Run ``python -m tests.adversarial -h`` from the repository.
"""

from __future__ import annotations

import argparse
import contextlib
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from generator.content import links
from generator.content.document import MAX_FILE_BYTES
from generator.errors import ContentError
from generator.pages import text
from generator.pipeline import check, generate
from generator.project import Project, Settings

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the helpers beside it, run as a module or by pytest
from conftest import BRIEF, MINIMAL

SMALL, LARGE = 100_000, MAX_FILE_BYTES - 10_000
RATIO, LIMIT = 15, 5.0
FLOOR = 0.005
"""Below this many seconds a time is the timer's grain, not the work: ratios are taken from it."""


def _cycle(unit: str) -> Callable[[int], str]:
    return lambda size: unit * (size // len(unit))


INPUTS: dict[str, Callable[[int], str]] = {
    "x, blank lines, ]": lambda size: "x" + "\n" * (size - 2) + "]",
    "[ run": _cycle("["),
    "[a]( then spaces": lambda size: "[a](" + " " * (size - 4),
    "deep brackets [[[ ]]]": lambda size: "[" * (size // 2) + "]" * (size // 2),
    "( run": _cycle("("),
    "[](( run": _cycle("[a]("),
    "]( run": _cycle("]("),
    "]: run": _cycle("]: "),
    "[r]: definitions": _cycle("[r]: https://example.org/\n"),
    "backtick run": _cycle("`"),
    "backtick runs of growing length": lambda size: "".join("`" * n + " " for n in range(1, 1400))[:size],
    "* run": _cycle("*"),
    "_ run": _cycle("_"),
    "*a run": _cycle("*a"),
    "< run": _cycle("<"),
    "& run": _cycle("&"),
    "&# run": _cycle("&#"),
    "\\ run": _cycle("\\"),
    "{ run": _cycle("{"),
    "| run": _cycle("|"),
    "# run": _cycle("# "),
    "blank lines": _cycle("\n"),
    "unclosed fences": _cycle("```python\n"),
    "fence then spaces": lambda size: "```" + " " * (size - 3),
    "- list markers in one line": _cycle("- "),
    "nested lists": lambda size: "".join(" " * (2 * (i % 200)) + "- x\n" for i in range(size // 200 * 1))[:size],
    "> quote markers in one line": _cycle("> "),
    "nested quotes, one a line": lambda size: "".join("> " * (i % 100) + "x\n" for i in range(size // 100))[:size],
    "1. ordered markers": _cycle("1. "),
    "- [r]: definitions in list items": _cycle("- [r]: https://example.org/\n"),
    "years": _cycle("2020 "),
    "one long word": _cycle("a"),
    "long lines of words": _cycle("word " * 40 + "\n"),
}


def block(text: str) -> str:
    """``text`` as a YAML literal block scalar indented under a key."""
    return "|-\n" + "".join(f"  {line}\n" if line else "\n" for line in text.split("\n"))


def fitted(name: str, size: int) -> str:
    """The input ``name`` as long as fits in a content file of ``size`` bytes (its indentation included)."""
    length = size
    while True:
        source = INPUTS[name](length)
        total = len(block(source).encode()) + 200
        if total <= size:
            return source
        length = int(length * size / total) - 1


def project(root: Path, text: str) -> None:
    files = {
        **MINIMAL,
        "content/briefs/trade.yml": BRIEF.replace(
            "summary: Boats carry grain down the river.", "summary: " + block(text).rstrip("\n")
        ),
        "content/glossary/lock.yml": "term: lock\ndefinition: " + block(text),
    }
    shutil.rmtree(root, ignore_errors=True)
    for relative, content in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")


def timed(run: Callable[[], object], repeat: int) -> tuple[float, float]:
    """The fastest run's processor time and wall time, in seconds."""
    times = []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        with contextlib.suppress(ContentError):  # refused with diagnostics is an outcome too
            run()
        times.append((time.process_time() - cpu, time.perf_counter() - wall))
    return min(times)


def filters(source: str) -> None:
    """Every filter content text goes through, uncached."""
    for escape in (text.markdown_block, text.markdown_inline, text.plain):
        escape.__wrapped__(source)
    text.plain_text(source)
    text.abbreviation("term", source)
    links.unsafe_schemes(source)
    list(links.internal(source))


Times = tuple[tuple[float, float], tuple[float, float], tuple[float, float]]


def measure(name: str, size: int, root: Path, repeat: int) -> Times:
    source = fitted(name, size - len(BRIEF))
    project(root, source)
    paths = Project.at(root)
    settings = Settings(today=None)
    return (
        timed(lambda: check(paths, settings), repeat),
        timed(lambda: generate(paths, settings), repeat),
        timed(lambda: filters(source), repeat),
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure (the fastest is shown)")
    parser.add_argument("--only", action="append", default=[], help="an input's name (repeatable)")
    args = parser.parse_args(argv)
    names = args.only or list(INPUTS)
    root = Path(tempfile.mkdtemp(prefix="explainer-adversarial-"))
    failed = []
    print("processor seconds; wall: the 1 MB validation's wall time")
    print(
        f"{'input':34} {'validate 100KB':>14} {'1MB':>6} {'ratio':>6} {'wall':>6}"
        f" {'generate 100KB':>14} {'1MB':>6} {'ratio':>6} {'filters 100KB':>13} {'1MB':>6} {'ratio':>6}"
    )
    try:
        for name in names:
            small = measure(name, SMALL, root, args.repeat)
            large = measure(name, LARGE, root, args.repeat)
            ratios = [big[0] / max(little[0], FLOOR) for little, big in zip(small, large, strict=True)]
            print(
                f"{name:34} {small[0][0]:13.3f}s {large[0][0]:5.2f}s {ratios[0]:5.1f}x {large[0][1]:5.2f}s"
                f" {small[1][0]:13.3f}s {large[1][0]:5.2f}s {ratios[1]:5.1f}x"
                f" {small[2][0]:12.3f}s {large[2][0]:5.2f}s {ratios[2]:5.1f}x",
                flush=True,
            )
            if max(ratios) > RATIO or large[0][1] > LIMIT:
                failed.append(name)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    print(f"\n{len(names) - len(failed)} passed, {len(failed)} failed" + (f": {', '.join(failed)}" if failed else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
