"""SVG snapshots of every chart: widget × (defaults and each preset) × en/zh × wide/narrow, in tests/figures/.

Like Our World in Data's SVG tester: any change to a chart fails here until the snapshots are rewritten, so the
change shows up in review as a diff of the SVG (one element per line). After an intended change:

    make figures        # = AI45_UPDATE_FIGURES=1 pytest tests/widgets/test_figures.py

then look at the diff (and at `make screenshots`) before committing.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import ai45widgets
import pytest
from ai45widgets import VIEWS

FIGURES = Path(__file__).resolve().parents[1] / "figures"
UPDATE = os.environ.get("AI45_UPDATE_FIGURES") == "1"
VARIANTS = ("wide", "narrow")


def cases() -> list[tuple[str, str, dict[str, str]]]:
    """(widget, case name, state): the widget's defaults, then each preset applied over them."""
    out = []
    for name, view in VIEWS.items():
        out.append((name, "default", dict(view.defaults)))
        out += [(name, preset.id, {**view.defaults, **preset.values}) for preset in view.presets]
    return out


CASES = cases()


def pretty(svg: str) -> str:
    """One element per line, so a review diff shows what changed."""
    return svg.replace("><", ">\n<") + "\n"


def charts(name: str, state: dict[str, str], lang: str) -> dict[str, str]:
    out = json.loads(ai45widgets.run(name, json.dumps(state), lang))
    assert out["ok"], out
    found = {v: re.search(rf'<svg xmlns="http://www.w3.org/2000/svg" class="ai45-chart ai45-{v}".*?</svg>',
                          out["html"], re.S) for v in VARIANTS}
    assert all(found.values()), f"{name}: a chart in each layout"
    return {v: pretty(m.group(0)) for v, m in found.items() if m}


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize(("name", "case", "state"), CASES, ids=[f"{n}-{c}" for n, c, _ in CASES])
def test_chart_matches_its_snapshot(name: str, case: str, state: dict[str, str], lang: str) -> None:
    for variant, svg in charts(name, state, lang).items():
        path = FIGURES / f"{name}-{case}-{lang}-{variant}.svg"
        if UPDATE:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(svg, encoding="utf-8")
            continue
        assert path.is_file(), f"no snapshot {path.name}: run `make figures` and review the new file"
        old = path.read_text(encoding="utf-8")
        if old != svg:
            a, b = old.splitlines(), svg.splitlines()
            line = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
            pytest.fail(f"{path.name} changed at line {line + 1}:\n- {a[line] if line < len(a) else ''}\n"
                        f"+ {b[line] if line < len(b) else ''}\nIf intended: `make figures`, then review the diff.")


def test_no_stale_snapshots() -> None:
    wanted = {f"{n}-{c}-{lang}-{v}.svg" for n, c, _ in CASES for lang in ("en", "zh") for v in VARIANTS}
    present = {p.name for p in FIGURES.glob("*.svg")}
    if UPDATE:
        for stale in present - wanted:
            (FIGURES / stale).unlink()
        return
    assert present - wanted == set(), "snapshots of charts that no longer exist: `make figures` removes them"
    assert wanted - present == set(), "charts without a snapshot: `make figures` writes them"


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize(("name", "case", "state"), CASES, ids=[f"{n}-{c}" for n, c, _ in CASES])
def test_text_is_large_enough_and_tips_fit_inside(name: str, case: str, state: dict[str, str], lang: str) -> None:
    """Every text at least 13 units (≥ 12 px where the layout is shown) and every tip inside the chart."""
    for variant, svg in charts(name, state, lang).items():
        match = re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', svg)
        assert match, "a viewBox"
        width, height = float(match.group(1)), float(match.group(2))
        sizes = [float(s) for s in re.findall(r'font-size="([\d.]+)"', svg)]
        assert min(sizes) >= 13, f"{variant}: text of {min(sizes)} units"
        for box in re.findall(r'class="ai45-tipbox" x="([-\d.]+)" y="([-\d.]+)" width="([\d.]+)" '
                              r'height="([\d.]+)"', svg):
            x, y, w, h = map(float, box)
            assert x >= 0 and y >= 0 and x + w <= width and y + h <= height, f"{variant}: tip at {box}"
