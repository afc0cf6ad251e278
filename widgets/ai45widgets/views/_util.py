"""Small helpers shared by the views."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Iterable, Mapping

__all__ = ["to_csv", "uid"]


def uid(name: str, params: Mapping[str, str]) -> str:
    """A short id unique to this widget state (SVG ids must not clash between widgets on one page)."""
    text = name + json.dumps(dict(params), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:8]


def to_csv(rows: Iterable[Iterable[object]]) -> str:
    """CSV text; cells a spreadsheet would run as a formula (=, +, -, @ first) are quoted with a leading '."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for row in rows:
        writer.writerow([f"'{c}" if isinstance(c, str) and c and c[0] in "=+-@\t\r" else c for c in row])
    return out.getvalue()
