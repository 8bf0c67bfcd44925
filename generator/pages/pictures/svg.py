"""Pictures drawn at build time: a Vega-Lite specification → SVG text, offline and deterministic."""

from __future__ import annotations

import re
from typing import Any

VEGA_LITE = "5.21"
_CLIP_ID = re.compile(r"\bclip\d+\b")


def svg(spec: dict[str, Any]) -> str:
    """Render a Vega-Lite spec to SVG text (offline; same spec, same bytes)."""
    import vl_convert

    text: str = vl_convert.vegalite_to_svg(spec, vl_version=VEGA_LITE)
    return _renumber_clips(text).rstrip("\n") + "\n"


def _renumber_clips(text: str) -> str:
    """Vega numbers clip paths with a counter that runs across renders; number them per picture instead."""
    numbers: dict[str, str] = {}
    return _CLIP_ID.sub(lambda m: numbers.setdefault(m.group(0), f"clip{len(numbers) + 1}"), text)
