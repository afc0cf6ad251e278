"""The chart toolkit: ticks worked out by hand, label placement that never collides, the plane's extents."""

from __future__ import annotations

import math
import re

import pytest
from ai45widgets.chart import (
    FONT,
    NARROW,
    WIDE,
    Box,
    Canvas,
    log_ticks,
    nice_step,
    nice_ticks,
    text_box,
    text_width,
    tick_label,
    tick_values,
    wrap,
)
from ai45widgets.views import plane as plane_view
from hypothesis import given
from hypothesis import strategies as st

from ai45core import compute_result
from ai45core.plane import PlaneResult


@pytest.mark.parametrize(("span", "count", "step"), [
    (7, 5, 2),        # 7/5 = 1.4 → the next of 1, 2, 5 is 2
    (10, 5, 2),       # exactly five parts of 2
    (11, 5, 5),       # 11/2 = 5.5 parts is one too many → 5
    (0.3, 5, 0.1),    # 0.06 → 0.1 (three parts)
    (100, 4, 50),     # 25 → 50
    (1, 5, 0.2),
    (45, 3, 20),      # 15 → 20
    (3e9, 5, 1e9),
])
def test_nice_step_by_hand(span: float, count: int, step: float) -> None:
    assert nice_step(span, count) == pytest.approx(step)


@pytest.mark.parametrize(("lo", "hi", "expected"), [
    (1, 8, (0, 8, 2)),              # the plane's index default: 1…8 → 0…8 in twos
    (0.58, 8.42, (0, 10, 2)),
    (-2.77, 5.07, (-4, 6, 2)),
    (30, 75, (30, 80, 10)),         # span 45 → 4.5 parts of 10
    (0, 1, (0, 1, 0.2)),
    (1e-3, 4e-3, (0.001, 0.004, 0.001)),
])
def test_nice_ticks_by_hand(lo: float, hi: float, expected: tuple[float, float, float]) -> None:
    assert nice_ticks(lo, hi) == pytest.approx(expected)


@given(st.floats(-1e6, 1e6), st.floats(1e-6, 1e6), st.integers(2, 8))
def test_nice_ticks_cover_the_range_in_few_whole_steps(lo: float, span: float, count: int) -> None:
    hi = lo + span
    start, end, step = nice_ticks(lo, hi, count)
    assert start <= lo + 1e-6 * step and end >= hi - 1e-6 * step  # to float noise, relative to the step
    parts = (end - start) / step
    assert abs(parts - round(parts)) < 1e-3 and round(parts) <= count + 1  # whole steps (to float precision)
    mantissa = step / 10 ** math.floor(math.log10(step))
    assert round(mantissa, 6) in (1, 2, 5)
    if lo >= 0:
        assert start >= 0, "a positive range never gets a negative axis"


def test_tick_values_are_exact_decimals() -> None:
    assert tick_values(0, 0.3, 0.1) == [0.0, 0.1, 0.2, 0.3]
    assert [tick_label(v, 0.1) for v in tick_values(0, 0.3, 0.1)] == ["0.0", "0.1", "0.2", "0.3"]


@pytest.mark.parametrize(("value", "step", "kind", "text"), [
    (2000, 500, "number", "2,000"),
    (-1.5, 0.5, "number", "−1.5"),
    (0.05, 0.05, "percent", "5%"),
    (0.25, 0.25, "percent", "25%"),
    (45, 15, "degrees", "45°"),
    (math.log(8), 1, "multiple", "×8"),
    (math.log(0.5), 1, "multiple", "÷2"),
    (math.log(1.2), 1, "multiple", "×1.2"),
])
def test_tick_labels_per_scale(value: float, step: float, kind: str, text: str) -> None:
    assert tick_label(value, step, kind) == text  # type: ignore[arg-type]


def test_log_ticks_are_powers_of_two_or_ten() -> None:
    _, _, ticks = log_ticks(0, math.log(8))
    assert [round(math.exp(t), 9) for t in ticks] == [1, 2, 4, 8]
    _, _, ticks = log_ticks(0, math.log(1e6))  # too wide for powers of two: powers of ten, every few
    ratios = [round(math.exp(t)) for t in ticks]
    assert all(math.log10(r).is_integer() for r in ratios) and len(ratios) <= 7
    _, _, ticks = log_ticks(0, math.log(1.3))  # narrower than ×4: nice ratios instead
    assert [round(math.exp(t), 9) for t in ticks] == [1, 1.1, 1.2, 1.3]


def test_text_width_counts_cjk_as_full_width() -> None:
    assert text_width("安全", 13) == 26
    assert text_width("ii", 13) < text_width("MM", 13) < text_width("安全", 13) * 1.5


def test_wrap_keeps_lines_within_width_and_marks_a_cut() -> None:
    lines = wrap("Hatched: training, the bell rings because food is coming", 150)
    assert all(text_width(line) <= 150 for line in lines)
    assert " ".join(lines) == "Hatched: training, the bell rings because food is coming"
    cut = wrap("M³oralBench Classification", 80, lines=1)
    assert len(cut) == 1 and cut[0].endswith("…") and text_width(cut[0]) <= 80


def test_placement_never_lets_labels_collide() -> None:
    c = Canvas(200, 100, "t")
    spots = [(100.0, 50.0, "middle"), (100.0, 60.0, "middle"), (100.0, 70.0, "middle")]
    placed = [c.place("label", spots) for _ in range(5)]
    boxes = [b for b in placed if b is not None]
    assert len(boxes) == 2, "only the outer spots are far enough apart; the rest are refused, not overlapped"
    assert placed[2:] == [None, None, None] and boxes[1].y0 > boxes[0].y1
    assert not boxes[0].overlaps(boxes[1])
    assert all(b.inside(c.bounds) for b in boxes)


def test_placement_prefers_a_spot_clear_of_marks() -> None:
    c = Canvas(200, 100, "t")
    c.avoid.append(text_box(20, 30, "label"))
    box = c.place("label", [(20, 30, "start"), (20, 80, "start")])
    assert box is not None and box.y1 > 60


def test_tip_stays_inside_the_chart() -> None:
    c = Canvas(NARROW, 200, "t")
    c.tip(["Period 4", "Capability (scaled): 8.000", "Safety (scaled): 1.300"], Box(290, 5, 300, 15), "", "")
    svg = c.render(title="t", desc="d", variant="narrow")
    x, y, w, h = map(float, re.search(r'class="ai45-tipbox" x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" '
                                      r'height="([\d.]+)"', svg).groups())  # type: ignore[union-attr]
    assert 0 <= x and x + w <= NARROW and 0 <= y and y + h <= 200


def plane(capability: str, safety: str, scale: str = "index") -> PlaneResult:
    result = compute_result("plane", {"capability": capability, "safety": safety, "scale": scale})
    assert isinstance(result, PlaneResult)
    return result


def test_plane_extents_fit_data_and_45_degree_line_with_equal_units() -> None:
    # Capability 1…8, safety 1…1.3 (index): the 45° line through (1, 1) reaches (8, 8), so both axes run
    # 0…8 in steps of 2 — not the old −2.77…5.07 for safety.
    x0, y0, span, xt, yt, step = plane_view._axes(plane("1, 2, 4, 8", "1, 1.1, 1.2, 1.3"), 5)
    assert (x0, y0, span, step) == (0, 0, 8, 2)
    assert xt == yt == [0, 2, 4, 6, 8]


def test_plane_extents_never_go_negative_for_positive_data() -> None:
    for cap, saf in [("10, 20, 40", "5, 10, 20"), ("1, 1.2", "1, 5"), ("3, 2, 1", "1, 1, 1")]:
        x0, y0, span, *_ = plane_view._axes(plane(cap, saf, "raw"), 5)
        assert x0 >= 0 and y0 >= 0 and span > 0


def test_plane_log_axis_ticks_are_multiples() -> None:
    r = plane("1, 2, 4, 8", "1, 1.1, 1.2, 1.3", "log")
    *_, xt, _yt, _ = plane_view._axes(r, 5)
    assert [tick_label(v, 1, "multiple") for v in xt] == ["×1", "×2", "×4", "×8"]


@pytest.mark.parametrize("variant", ["wide", "narrow"])
def test_plane_svg_has_equal_units_and_no_text_smaller_than_the_minimum(variant: str) -> None:
    svg = plane_view.plane_svg(plane("1, 2, 4, 8", "1, 1.1, 1.2, 1.3"), "en", "u", variant)  # type: ignore[arg-type]
    assert f'viewBox="0 0 {WIDE if variant == "wide" else NARROW:.0f} ' in svg
    sizes = [float(s) for s in re.findall(r'font-size="([\d.]+)"', svg)]
    assert sizes and min(sizes) >= FONT
    grid = re.findall(r'<line class="ai45-grid" x1="([\d.]+)" y1="([\d.]+)" x2="([\d.]+)" y2="([\d.]+)"', svg)
    xs = sorted({float(a) for a, _, c, _ in grid if a == c})
    ys = sorted({float(b) for _, b, _, d in grid if b == d})
    assert len(xs) == len(ys) == 5
    assert xs[1] - xs[0] == pytest.approx(ys[1] - ys[0], abs=0.2), "the same step is as long on both axes"
    assert "balance band ±5°" in svg and "45° line" in svg, "the band and the line are named on the chart"


def test_plane_legend_lists_only_what_is_drawn() -> None:
    svg = plane_view.plane_svg(plane("1, 2, 4, 8", "1, 1.1, 1.2, 1.3"), "en", "u", "wide")
    assert "safety lagging" in svg
    for absent in ("over-constrained", "regressing", "no movement", ">balanced<"):
        assert absent not in svg
