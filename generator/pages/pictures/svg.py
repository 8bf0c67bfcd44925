"""Pictures drawn at build time: a Vega-Lite spec → SVG text, offline and deterministic.

Every picture module calls ``svg``; it draws with the ``Draw`` the run passed in
(``drawing``, entered around each page by whoever makes pages), or with the
Vega engine itself (``vega``) when none was.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator, Mapping
from contextvars import ContextVar
from importlib import metadata
from typing import Any

from generator import parallel
from generator.draw import Draw

VEGA_LITE = "5.21"
_CLIP_ID = re.compile(r"\bclip\d+\b")


def vega(spec: Mapping[str, Any]) -> str:
    """Render a Vega-Lite spec to SVG text (offline; same spec, same bytes)."""
    import vl_convert

    parallel.native("vl-convert")  # its threads do not survive a fork
    text: str = vl_convert.vegalite_to_svg(dict(spec), vl_version=VEGA_LITE)
    return _renumber_clips(text).rstrip("\n") + "\n"


def engine() -> str:
    """What ``vega`` draws with: a drawing kept from another engine may differ, so it names the kept ones."""
    return f"vega-lite {VEGA_LITE}, vl-convert {metadata.version('vl-convert-python')}, clips renumbered"


_DRAW: ContextVar[Draw] = ContextVar("draw", default=vega)


def svg(spec: Mapping[str, Any]) -> str:
    """The SVG text of ``spec``, drawn by the run's ``Draw``."""
    return _DRAW.get()(spec)


@contextlib.contextmanager
def drawing(draw: Draw) -> Iterator[None]:
    """Pictures made inside are drawn by ``draw``."""
    token = _DRAW.set(draw)
    try:
        yield
    finally:
        _DRAW.reset(token)


def _renumber_clips(text: str) -> str:
    """Vega numbers clip paths with a counter that runs across renders; number them per picture instead."""
    numbers: dict[str, str] = {}
    return _CLIP_ID.sub(lambda m: numbers.setdefault(m.group(0), f"clip{len(numbers) + 1}"), text)
