"""Stage timing: the orchestrator runs each stage inside ``stages(name)``, which the benchmark times."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from contextlib import AbstractContextManager

Stages = Callable[[str], AbstractContextManager[object]]
"""Called with a stage's name around each stage: discover, parse, validate, check, lint, resolve, render, write.

A stage may be entered more than once in a run; a timer adds the durations up."""


def untimed(name: str) -> AbstractContextManager[object]:
    return contextlib.nullcontext()
