"""The one widget syntax in Markdown, and the one place that finds it.

A widget is a fenced block ``ai45 NAME`` whose body is ``key: value`` lines::

    ```ai45 plane
    capability: 1, 2, 4, 8
    safety: 1, 1.1, 1.2, 1.3
    ```

Blocks are found by Markdown itself: :class:`Collector` is registered with ``pymdownx.superfences`` as a custom
fence (markdown-exec's pattern), so a block is a block wherever Markdown allows a fence — at the top level, in
admonitions, details, content tabs, list items and blockquotes — and nowhere else (an example inside another
code block stays an example). The build (``widgets/hook.py``) and the parity check (``scripts/parity.py``) both
collect their blocks this way, so they cannot disagree about what a block is.

A value may span lines: ``key: |`` followed by lines indented by at least two spaces. The parameters are kept
as text, exactly like a form field or a URL parameter, so one parser (ai45core's) reads all three.

>>> parse_block("scale: log\\ndomains: |\\n  a, 1, 2, 3\\n  b, 1, 2, 3\\n")
{'scale': 'log', 'domains': 'a, 1, 2, 3\\nb, 1, 2, 3'}
>>> c = Collector()
>>> c.start("p.md", "!!! note\\n\\n    ```ai45 plane\\n    scale: log\\n    ```\\n")
>>> c.format("scale: log", "ai45", "ai45", c.options(["plane"]), None)
'<div data-ai45-block="0"></div>'
>>> c.found[0].words, c.found[0].line
(('plane',), 3)
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = ["PLACEHOLDER", "BlockError", "Collector", "Found", "keys", "parse_block"]

_KEY = re.compile(r"^([a-z][a-z0-9_]*)\s*:\s?(.*)$")
_OPENER = re.compile(r"^(?:[ \t]*>)*[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?(`{3,}|~{3,})[ \t]*ai45(?=[ \t]|$)(.*)$")
PLACEHOLDER = re.compile(r'<div data-ai45-block="(\d+)"></div>')
"""What a block becomes in the HTML until the build replaces it with the rendered widget."""


class BlockError(ValueError):
    """A malformed widget block; ``line`` is 1-based within the block body."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


def parse_block(body: str) -> dict[str, str]:
    """Parse ``key: value`` lines (``#`` starts a comment line) into a dict of strings."""
    params: dict[str, str] = {}
    lines = body.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = _KEY.match(line)
        if not match:
            raise BlockError(i, f"expected 'key: value', got {line.strip()[:40]!r}")
        key, value = match.group(1), match.group(2).strip()
        if key in params:
            raise BlockError(i, f"parameter {key!r} given twice")
        if value == "|":
            block = []
            while i < len(lines) and (lines[i].startswith("  ") or not lines[i].strip()):
                block.append(lines[i][2:].rstrip())
                i += 1
            value = "\n".join(block).strip("\n")
        params[key] = value
    return params


def keys(names: list[str]) -> list[str]:
    """The URL-state key of each block, given the blocks' names in page order: blocks of one name are counted
    ("plane", "plane2", ...), so the same block has the same key in both languages.

    >>> keys(["plane", "ladder", "plane"])
    ['plane', 'ladder', 'plane2']
    """
    seen: dict[str, int] = {}
    out = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name}{seen[name]}")
    return out


@dataclass(frozen=True)
class Found:
    """One ``ai45`` block as Markdown found it."""

    index: int
    """Its number in the order Markdown met it (the placeholder's ``data-ai45-block``)."""
    words: tuple[str, ...]
    """The words after ``ai45`` on the opening line: normally just the name."""
    body: str
    line: int
    """1-based line of the opening fence in the page source (0 when it could not be located)."""


@dataclass
class Collector:
    """Collects the ``ai45`` blocks of one Markdown conversion (``start`` it for each page).

    Register ``fence()`` in ``pymdownx.superfences``'s ``custom_fences``; superfences calls ``validate`` for the
    opening line and ``format`` for the whole block, which returns a placeholder and keeps the block.
    """

    source: str = ""
    where: str = ""
    found: list[Found] = field(default_factory=list)
    _used: set[int] = field(default_factory=set)

    def start(self, where: str, source: str) -> None:
        """Begin a page: ``where`` names it in messages, ``source`` is its Markdown (for line numbers)."""
        self.where, self.source, self.found, self._used = where, source, [], set()

    def fence(self) -> dict[str, Any]:
        """The entry for superfences' ``custom_fences``. Plain functions, not bound methods: a configuration
        that is deep-copied (as mkdocs-static-i18n does per language) must still report to this collector."""

        def validator(*args: Any, **kwargs: Any) -> bool:
            return self.validate(*args, **kwargs)

        def formatter(*args: Any, **kwargs: Any) -> str:
            return self.format(*args, **kwargs)

        return {"name": "ai45", "class": "ai45", "validator": validator, "format": formatter}

    @staticmethod
    def options(words: list[str]) -> dict[str, Any]:
        return {"ai45": tuple(words)}

    def validate(self, language: str, inputs: Mapping[str, str], options: dict[str, Any], attrs: dict[str, Any],
                 md: Any) -> bool:
        """Accept every ``ai45`` fence (a bad name is reported by the build, with its line, not dropped)."""
        options.update(self.options([k if v == k else f"{k}={v}" for k, v in inputs.items()]))
        return True

    def format(self, src: str, language: str, class_name: str, options: Mapping[str, Any], md: Any,
               **kwargs: Any) -> str:
        words = tuple(options.get("ai45", ()))
        index = len(self.found)
        self.found.append(Found(index, words, src, self._locate(words, src)))
        return f'<div data-ai45-block="{index}"></div>'

    def _locate(self, words: tuple[str, ...], body: str) -> int:
        """The line of the first not yet matched opening fence with these words and this body's first line."""
        lines = self.source.split("\n")
        first = next((b.strip() for b in body.split("\n") if b.strip()), "")
        for i, line in enumerate(lines):
            match = _OPENER.match(line)
            if i in self._used or not match or tuple(match.group(2).split()) != words:
                continue
            following = next((x for x in lines[i + 1:] if x.strip(" \t>")), "")
            if not first or following.strip(" \t>").strip() == first or first in following:
                self._used.add(i)
                return i + 1
        return 0
