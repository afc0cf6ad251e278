"""What the per-widget view tests share: the browser boundary called as the page calls it, and readers of the
HTML it returns (the figures list, the data tables, the chart without its hover tips)."""

from __future__ import annotations

import html as htmllib
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ai45widgets import run

ROOT = Path(__file__).resolve().parents[2]


def golden(name: str) -> list[dict[str, Any]]:
    """The shared golden vectors of one core module (the same file the Pyodide run checks)."""
    cases: list[dict[str, Any]] = json.loads(
        (ROOT / "tests" / "golden" / f"{name}.json").read_text(encoding="utf-8"))["cases"]
    return cases


def caller(name: str) -> Callable[..., dict[str, Any]]:
    """``call(state, lang="en")``: widget ``name`` run through ``ai45widgets.run`` with JSON text, as in the browser."""
    def call(state: dict[str, str], lang: str = "en") -> dict[str, Any]:
        out: dict[str, Any] = json.loads(run(name, json.dumps(state), lang))
        return out
    return call


def figures(html: str) -> dict[int, str]:
    """The figures list by position (``<dd data-ai45-value="i">``), text unescaped."""
    pairs = re.findall(r'<dd data-ai45-value="(\d+)">(.*?)</dd>', html)
    return {int(i): htmllib.unescape(v) for i, v in pairs}


def tables(html: str) -> list[list[list[str]]]:
    """Body rows of every table inside <details class="ai45-data">, cells unescaped."""
    block = html.split('<details class="ai45-data">', 1)[1]
    return [[[htmllib.unescape(c) for c in re.findall(r"<td>(.*?)</td>", row)]
             for row in re.findall(r"<tr>(.*?)</tr>", body)]
            for body in re.findall(r"<tbody>(.*?)</tbody>", block)]


def drawn(svg: str) -> str:
    """The chart without its hover/focus tips (which repeat values on demand)."""
    return re.sub(r' aria-label="[^"]*"', "", re.sub(r'<g class="ai45-tip".*?</g>', "", svg, flags=re.S))
