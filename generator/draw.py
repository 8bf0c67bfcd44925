"""How a picture is drawn: a Vega-Lite specification in, SVG text out.

The pages say what to draw (``pages.pictures``); the pipeline says how, by
passing a ``Draw`` to the run: straight through the Vega engine
(``pages.pictures.svg.vega``), or through the picture store on disk
(``output.drawings``), which draws a specification once and keeps the result,
so a chart whose specification did not change is never drawn again. No page
knows which it is given.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol


class Draw(Protocol):
    def __call__(self, spec: Mapping[str, Any]) -> str:
        """The SVG text of ``spec``: the same specification gives the same bytes."""
        ...
