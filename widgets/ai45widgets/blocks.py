"""The one widget syntax in Markdown: a fenced block ``ai45 NAME`` whose body is ``key: value`` lines.

    ```ai45 plane
    capability: 1, 2, 4, 8
    safety: 1, 1.1, 1.2, 1.3
    ```

A value may span lines: ``key: |`` followed by lines indented by at least two spaces. The parameters are kept
as text, exactly like a form field or a URL parameter, so one parser (ai45core's) reads all three.

>>> parse_block("scale: log\\ndomains: |\\n  a, 1, 2, 3\\n  b, 1, 2, 3\\n")
{'scale': 'log', 'domains': 'a, 1, 2, 3\\nb, 1, 2, 3'}
"""

from __future__ import annotations

import re

__all__ = ["BlockError", "parse_block"]

_KEY = re.compile(r"^([a-z][a-z0-9_]*)\s*:\s?(.*)$")


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
