"""Tiny HTML/SVG builders. Every text that may come from a reader goes through :func:`esc`."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from html import escape

__all__ = ["Text", "attrs", "esc", "fmt", "t", "table"]

Text = Mapping[str, str]
"""A bilingual text: ``{"en": ..., "zh": ...}``."""


def t(text: Text, lang: str) -> str:
    """Pick the text for ``lang`` (English when missing)."""
    return text.get(lang) or text["en"]


def esc(value: object) -> str:
    """Escape text for HTML content and attribute values (quotes included)."""
    return escape(str(value), quote=True)


def attrs(**values: object) -> str:
    """Render attributes; ``None``/``False`` are left out, ``True`` gives a bare attribute; ``_`` → ``-``.

    >>> attrs(data_x="<a>", hidden=True, title=None)
    ' data-x="&lt;a&gt;" hidden'
    """
    out = []
    for key, value in values.items():
        name = key.rstrip("_").replace("_", "-")
        if value is None or value is False:
            continue
        out.append(f" {name}" if value is True else f' {name}="{esc(value)}"')
    return "".join(out)


def fmt(x: float | None, digits: int = 2, *, unit: str = "") -> str:
    """Format a number for readers: fixed digits, no "-0", thin grouping; ``None`` → "—".

    >>> fmt(2.4469, 2, unit="°"), fmt(-0.0001), fmt(None), fmt(12345.678, 1)
    ('2.45°', '0.00', '—', '12,345.7')
    """
    if x is None or (isinstance(x, float) and not math.isfinite(x)):
        return "—"
    text = f"{x:,.{digits}f}"
    if text.lstrip("-").strip("0.,") == "":
        text = text.lstrip("-")
    return text.replace("-", "−") + unit


def table(caption: str, head: Iterable[str], rows: Iterable[Iterable[str]], *, cls: str = "ai45-table") -> str:
    """An accessible data table; cells are already-escaped HTML."""
    th = "".join(f'<th scope="col">{h}</th>' for h in head)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return (f'<table class="{cls}"><caption>{caption}</caption><thead><tr>{th}</tr></thead>'
            f"<tbody>{body}</tbody></table>")
