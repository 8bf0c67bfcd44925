"""Mermaid text of the ties between actors, one flowchart per kind of tie.

The site draws it with the Mermaid library it serves itself. Names and labels
are data: every character that Mermaid's flowchart syntax could read as markup
is written as an entity code, and the chart carries an accessible title and
description.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

_UNSAFE = re.compile(r"[^\w ,.;:'()/+\-–—’‘?!%]")


@dataclass(frozen=True)
class Tie:
    source: str  # actor id
    source_name: str
    target: str
    target_name: str
    label: str


def flowchart(title: str, description: str, ties: Sequence[Tie]) -> str:
    """A left-to-right flowchart: one node per actor (in order of first mention), one labelled arrow per tie."""
    nodes: dict[str, str] = {}
    for tie in ties:
        nodes.setdefault(tie.source, tie.source_name)
        nodes.setdefault(tie.target, tie.target_name)
    ids = {actor: f"n{index}" for index, actor in enumerate(nodes)}
    lines = [
        "flowchart LR",
        f"    accTitle: {_one_line(title)}",
        f"    accDescr: {_one_line(description)}",
    ]
    lines += [f'    {ids[actor]}["{escape(name)}"]' for actor, name in nodes.items()]
    lines += [f'    {ids[tie.source]} -->|"{escape(tie.label)}"| {ids[tie.target]}' for tie in ties]
    return "\n".join(lines) + "\n"


def describe(ties: Sequence[Tie]) -> str:
    """The same ties as one sentence each, for the text alternative."""
    return " ".join(f"{tie.source_name} {tie.label} {tie.target_name}." for tie in ties)


def escape(text: str) -> str:
    """Text safe inside a quoted Mermaid label: markup characters become ``#code;`` entities."""
    return _UNSAFE.sub(lambda m: f"#{ord(m.group(0))};", " ".join(text.split()))


def _one_line(text: str) -> str:
    # accTitle/accDescr run to the end of the line and are plain text; braces would open a block.
    return " ".join(text.replace("{", "(").replace("}", ")").split())
