"""The generated files as the writer asks for them: each page rendered when first asked, then let go.

With ``jobs`` above one, forked children render their share of the pages ahead of
the writer (``parallel.ordered_map``), in the writer's order. A page is handed
over once and not kept (the writer asks for each once, so a large explainer's
pages are never all in memory); asked for again, it is rendered again. Files
that grow with the whole explainer (the JSON export, the sources page) are
handed over as ``Chunks``, made part by part as the writer reads them.
"""

from __future__ import annotations

from collections.abc import Generator, Iterable, Iterator, Mapping

from generator import parallel
from generator.output.writer import Chunks, Content
from generator.pages.registry import Page
from generator.pages.render import Renderer
from generator.stages import Stages, untimed

RUN = 1 << 16
"""How many bytes of a file made in parts are handed to the writer at once."""


class Rendered(Mapping[str, Content]):
    """``pages`` (or only the paths in ``only``) rendered by ``renderer``. Use it as a context manager, so
    the children end with it."""

    def __init__(
        self,
        renderer: Renderer,
        pages: Mapping[str, Page],
        only: Iterable[str] | None = None,
        stages: Stages = untimed,
        *,
        jobs: int = 1,
    ) -> None:
        self._renderer = renderer
        self._pages = pages
        self._paths = sorted(pages if only is None else set(only) & pages.keys())
        self._streams = {path for path in self._paths if pages[path].kind.parts is not None}
        self._ahead = [path for path in self._paths if path not in self._streams]  # what children may render
        self._order = {path: index for index, path in enumerate(self._ahead)}
        self._stages = stages
        self._jobs = jobs
        self._stream: Generator[bytes, None, None] | None = None
        self._streamed = 0  # how many of the paths ahead, in order, the stream has yielded
        self._made: dict[str, bytes] = {}

    def __getitem__(self, path: str) -> Content:
        if path in self._streams:
            page = self._pages[path]
            parts = page.kind.parts
            assert parts is not None
            return Chunks(lambda: self._timed(parts(self._renderer, page)))
        if path not in self._order:
            raise KeyError(path)
        if path in self._made:
            return self._made.pop(path)
        with self._stages("render"):
            if self._jobs <= 1 or self._order[path] < self._streamed:
                return self._render(path)
            if self._stream is None:
                self._stream = parallel.ordered_map(self._render, self._ahead, self._jobs)
            while path not in self._made:
                self._made[self._ahead[self._streamed]] = next(self._stream)
                self._streamed += 1
            return self._made.pop(path)

    def __iter__(self) -> Iterator[str]:
        return iter(self._paths)

    def __len__(self) -> int:
        return len(self._paths)

    def __enter__(self) -> Rendered:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._stream is not None:
            self._stream.close()

    def _timed(self, parts: Iterator[bytes]) -> Iterator[bytes]:
        """The parts, made inside the render stage and handed on in runs of about ``RUN`` bytes (each run's
        hashing and writing, quick, counts there too): tens of thousands of small parts cost less joined."""
        with self._stages("render"):
            run: list[bytes] = []
            size = 0
            for part in parts:
                run.append(part)
                size += len(part)
                if size >= RUN:
                    yield b"".join(run)
                    run, size = [], 0
            if run:
                yield b"".join(run)

    def _render(self, path: str) -> bytes:
        page = self._pages[path]
        return self._renderer.make(page.kind.make, page).encode("utf-8")


def text(renderer: Renderer, page: Page) -> str:
    """One page's text, whole (for tests and tools; the writer takes them from ``Rendered``)."""
    return renderer.make(page.kind.make, page)
