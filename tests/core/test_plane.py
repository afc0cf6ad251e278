"""Unit and property tests for ai45core.plane (the capability–safety plane)."""

from __future__ import annotations

import json
import math
import time
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ai45core import AI45Error, compute
from ai45core.plane import (
    ASSUMPTIONS,
    PARAMS,
    SCALE_LABELS,
    SCALES,
    VERDICT_LABELS,
    VERDICTS,
    balance,
    classify,
    from_params,
)

FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Anything JSON can carry, including the awkward corners.
WORDS = ["", " ", "nan", "inf", "-1e308", "1e309", "0", "3", "1, 2", "index", "log", "raw", "minmax", "−2",
         "1，2；3"]
SCALARS = (st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True, allow_infinity=True)
           | st.text(max_size=12) | st.sampled_from(WORDS))
JSON = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=6)
                    | st.dictionaries(st.text(max_size=4), inner, max_size=3), max_leaves=12)
NUMBERS = st.floats(allow_nan=True, allow_infinity=True) | st.integers(-10**400, 10**400)
SERIES = st.lists(NUMBERS, max_size=8) | st.lists(st.floats(-1e6, 1e6), min_size=0, max_size=8)
VALUE = JSON | SERIES


def _assert_clean(result: dict[str, Any]) -> None:
    json.dumps(result, allow_nan=False)


@FAST
@given(st.dictionaries(st.sampled_from([*PARAMS, "bogus"]), VALUE, max_size=8))
def test_any_params_give_result_or_ai45error(params: dict[str, Any]) -> None:
    try:
        result = compute("plane", params)
    except AI45Error as err:
        assert err.code and isinstance(err.en, str) and isinstance(err.zh, str)
        return
    _assert_clean(result)


WIDE = st.floats(-1e300, 1e300, allow_subnormal=True)


@FAST
@given(st.integers(2, 12).flatmap(lambda n: st.tuples(st.lists(WIDE, min_size=n, max_size=n),
                                                      st.lists(WIDE, min_size=n, max_size=n))),
       st.sampled_from(SCALES), st.floats(0, 44.99), st.integers(1, 5), st.integers(1, 20), st.integers(1, 5))
def test_numeric_inputs_give_result_or_ai45error(data: tuple[list[float], list[float]], scale: str,
                                                 tol: float, patience: int, window: int,
                                                 horizon: int) -> None:
    cap, saf = data
    params: dict[str, Any] = {"capability": cap, "safety": saf, "scale": scale, "tolerance_deg": tol,
                              "patience": patience, "window": window, "horizon": horizon,
                              "capability_range": [-1e300, 1e300], "safety_range": [-5, 5]}
    try:
        result = compute("plane", params)
    except AI45Error as err:
        assert err.code in {"not_positive", "overflow"}
        return
    _assert_clean(result)
    n = len(cap)
    assert len(result["segment_angles_deg"]) == n - 1
    assert len(result["safety_debt"]) == n
    assert result["window"] == min(window, n - 1)
    assert len(result["rolling_angles_deg"]) == n - result["window"]
    assert result["verdict"] in VERDICTS
    longest, current = result["longest_deviation"], result["current_deviation"]
    assert 0 <= current["length"] <= longest["length"] <= n - 1
    assert result["sustained"] == (longest["length"] >= patience)
    assert result["catch_up_pace"] >= 0


MODERATE = st.floats(0.01, 1000)


def _series(n: int) -> st.SearchStrategy[tuple[list[float], list[float]]]:
    return st.tuples(st.lists(MODERATE, min_size=n, max_size=n), st.lists(MODERATE, min_size=n, max_size=n))


PAIRS = st.integers(2, 10).flatmap(_series)


def _close_angle(a: float | None, b: float | None, tol: float = 1e-7) -> bool:
    if a is None or b is None:
        return a is b
    diff = (a - b + 180) % 360 - 180
    return abs(diff) <= tol


@FAST
@given(PAIRS, st.floats(0.001, 1000), st.sampled_from(["index", "log"]), st.booleans())
def test_index_and_log_angles_ignore_units(data: tuple[list[float], list[float]], k: float, scale: str,
                                           on_capability: bool) -> None:
    cap, saf = data
    base = balance(cap, saf, scale=scale)
    if on_capability:
        other = balance([k * x for x in cap], saf, scale=scale)
    else:
        other = balance(cap, [k * x for x in saf], scale=scale)
    assert _close_angle(base.angle_deg, other.angle_deg, 1e-6)
    for a, b in zip(base.segment_angles_deg, other.segment_angles_deg, strict=True):
        assert _close_angle(a, b, 1e-6)


@FAST
@given(PAIRS, st.sampled_from(SCALES), st.floats(0, 44))
def test_swapping_axes_mirrors_the_angle(data: tuple[list[float], list[float]], scale: str,
                                         tol: float) -> None:
    cap, saf = data
    a = balance(cap, saf, scale=scale, tolerance_deg=tol, capability_range=(0, 1000), safety_range=(0, 1000))
    b = balance(saf, cap, scale=scale, tolerance_deg=tol, capability_range=(0, 1000), safety_range=(0, 1000))
    mirror = {"safety_lagging": "over_constrained", "over_constrained": "safety_lagging"}
    if a.angle_deg is None:
        assert b.angle_deg is None and b.verdict == "no_movement"
        return
    assert b.angle_deg is not None
    assert _close_angle(b.angle_deg, 90 - a.angle_deg)
    if abs(abs(a.angle_deg - 45) - tol) > 1e-6:  # away from the band's edges, where rounding may tip it
        assert b.verdict == mirror.get(a.verdict, a.verdict)
    assert all(math.isclose(x, -y, abs_tol=1e-9) for x, y in zip(a.safety_debt, b.safety_debt, strict=True))


@FAST
@given(st.integers(2, 10).flatmap(lambda n: st.lists(MODERATE, min_size=n - 1, max_size=n - 1)), PAIRS)
def test_raw_equals_index_when_series_start_at_one(rest: list[float],
                                                   data: tuple[list[float], list[float]]) -> None:
    cap = [1.0, *rest]
    saf = [1.0, *data[1][: len(rest)]]
    saf += [2.0] * (len(cap) - len(saf))
    raw, index = balance(cap, saf, scale="raw"), balance(cap, saf, scale="index")
    assert raw.capability_scaled == index.capability_scaled and raw.safety_scaled == index.safety_scaled
    assert raw.angle_deg == index.angle_deg and raw.verdict == index.verdict


@FAST
@given(PAIRS, st.floats(-500, 500))
def test_raw_angles_ignore_a_shift_and_minmax_0_1_is_raw(data: tuple[list[float], list[float]],
                                                         shift: float) -> None:
    cap, saf = data
    raw = balance(cap, saf, scale="raw")
    shifted = balance([x + shift for x in cap], [y + shift for y in saf], scale="raw")
    assert _close_angle(raw.angle_deg, shifted.angle_deg, 1e-6) or raw.angle_deg is None
    unit = balance(cap, saf, scale="minmax", capability_range=(0, 1), safety_range=(0, 1))
    assert unit.angle_deg == raw.angle_deg and unit.segment_verdicts == raw.segment_verdicts


@FAST
@given(st.floats(-1e6, 1e6), st.floats(-1e6, 1e6), st.floats(0, 44.9))
def test_verdict_agrees_with_the_sign_of_the_debt(dc: float, ds: float, tol: float) -> None:
    result = balance([0, dc], [0, ds], scale="raw", tolerance_deg=tol)
    debt = result.safety_debt[-1]
    if result.verdict == "safety_lagging":
        assert debt > 0
    elif result.verdict == "over_constrained":
        assert debt < 0
    elif result.verdict == "regressing":
        assert dc < 0 and ds < 0
    elif result.verdict == "balanced":
        assert dc > 0 and ds > 0
    else:
        assert dc == 0 and ds == 0
    assert result.catch_up_pace == max(0.0, debt) / 3


def test_verdicts_around_the_circle() -> None:
    expected = {0: "safety_lagging", 39: "safety_lagging", 41: "balanced", 45: "balanced", 49: "balanced",
                51: "over_constrained", 90: "over_constrained", 135: "over_constrained",
                180: "over_constrained",
                -180: "over_constrained", -179: "regressing", -135: "regressing", -91: "regressing",
                -90: "safety_lagging", -45: "safety_lagging"}
    for deg, verdict in expected.items():
        dc, ds = math.cos(math.radians(deg)), math.sin(math.radians(deg))
        # cos/sin of 180° and ±90° leave 1e-16 residues; snap them so the axis rays are exact.
        dc, ds = (0.0 if abs(dc) < 1e-12 else dc), (0.0 if abs(ds) < 1e-12 else ds)
        assert classify(dc, ds)[1] == verdict, deg


def test_band_edges_are_inclusive() -> None:
    assert classify(1, math.tan(math.radians(40.0)), tolerance_deg=5.000001)[1] == "balanced"
    assert classify(1, math.tan(math.radians(39.9)))[1] == "safety_lagging"
    assert classify(1, math.tan(math.radians(50.1)))[1] == "over_constrained"


def test_negative_zero_does_not_flip_180_to_minus_180() -> None:
    assert classify(-1.0, -0.0) == (180.0, "over_constrained")


def test_negligible_change_is_no_movement_and_tiny_real_change_is_not() -> None:
    r = balance([1e6, 1e6 * (1 + 1e-15)], [5, 5], scale="raw")
    assert r.verdict == "no_movement" and r.angle_deg is None
    r = balance([1e-9, 2e-9], [1e-9, 2e-9], scale="raw")
    assert r.angle_deg == 45.0


def test_runs_break_on_regressing_and_ties_go_to_the_latest() -> None:
    # lagging, lagging, regressing, lagging, lagging
    r = balance([0, 1, 2, 1, 2, 3], [0, 0, 0, -1, -1, -1], scale="raw")
    assert r.segment_verdicts == ("safety_lagging", "safety_lagging", "regressing", "safety_lagging",
                                  "safety_lagging")
    assert (r.longest_deviation.length, r.longest_deviation.start, r.longest_deviation.end) == (2, 3, 5)
    assert not r.sustained
    assert r.current_deviation.length == 2


def test_no_deviation_run_is_empty() -> None:
    r = balance([1, 2, 3, 4, 5], [1, 1.5, 3, 3.5, 5])  # the law page's "things to try"
    assert r.angle_deg == 45.0 and not r.sustained
    assert r.longest_deviation.length == 1
    flat = balance([1, 2], [1, 2])
    assert flat.longest_deviation.to_dict() == {"length": 0, "start": None, "end": None, "direction": None,
                                                "start_label": None, "end_label": None}


def test_labels_and_sentences() -> None:
    r = from_params({"capability": "1, 2, 4, 8", "safety": "1, 1.1, 1.2, 1.3",
                     "labels": "2021, 2022, 2023, 2024"})
    assert r.labels == ("2021", "2022", "2023", "2024")
    assert r.sentence_en.startswith("From 2021 to 2024, on the index (x/x₀) scale, the path runs at 2.5°")
    assert "3 periods" in r.sentence_en and "is a long-term deviation" in r.sentence_en
    assert r.sentence_zh.startswith("从 2021 到 2024") and "已属于长期偏离" in r.sentence_zh
    assert r.verdict_label == VERDICT_LABELS["safety_lagging"]
    with pytest.raises(AI45Error) as info:
        from_params({"capability": "1, 2", "safety": "1, 2", "labels": "a, b, c"})
    assert info.value.code == "length_mismatch"


def test_notes_report_falls_outside_range_and_trend() -> None:
    r = balance([20, 10, 120], [0, 5, 10], scale="minmax", capability_range=(0, 100), safety_range=(0, 10))
    assert any("outside the range" in n for n in r.notes_en)
    assert any("Capability fell in 1" in n for n in r.notes_en)
    assert len(r.notes_en) == len(r.notes_zh)


def test_ranges_are_ignored_unless_minmax() -> None:
    r = from_params({"capability": [1, 2], "safety": [1, 2], "capability_range": "", "safety_range": "junk"})
    assert r.angle_deg == 45.0


def test_python_callers_are_validated_too() -> None:
    for kwargs, code in (({"tolerance_deg": math.nan}, "not_finite"), ({"patience": 0}, "out_of_range"),
                         ({"window": 1.5}, "not_an_integer"), ({"scale": "cubic"}, "not_an_option")):
        with pytest.raises(AI45Error) as info:
            balance([1, 2], [1, 2], **kwargs)
        assert info.value.code == code
    with pytest.raises(AI45Error) as info:
        balance([1, math.inf], [1, 2])
    assert info.value.code == "not_finite"


def test_index_overflow_is_an_ai45error() -> None:
    with pytest.raises(AI45Error) as info:
        balance([1e-300, 1e300], [1, 2])
    assert info.value.code == "overflow"
    assert balance([1e-300, 1e300], [1, 2], scale="log").verdict == "safety_lagging"


def test_assumptions_and_tables_are_bilingual() -> None:
    assert set(ASSUMPTIONS) == {"en", "zh"}
    assert 2 <= len(ASSUMPTIONS["en"]) == len(ASSUMPTIONS["zh"]) <= 5
    text = " ".join(ASSUMPTIONS["en"])
    for phrase in ("scaled", "units", "no metric", "cap at 100", "flatter", "log scale", "current angle of world AI",
                   "over-constrained"):
        assert phrase in text
    assert "steep" not in text  # doubling capability (across) flattens the path on the plane (issue 12)
    assert set(VERDICT_LABELS) == set(VERDICTS)
    assert set(SCALE_LABELS) == set(SCALES)
    for table in (VERDICT_LABELS, SCALE_LABELS):
        assert all(set(v) == {"en", "zh"} and all(v.values()) for v in table.values())


def test_thousand_points_are_fast() -> None:
    cap = [1 + i * 0.37 + (i % 7) for i in range(1000)]
    saf = [1 + i * 0.21 + (i % 5) for i in range(1000)]
    params = {"capability": cap, "safety": saf, "window": 50, "scale": "log"}
    compute("plane", params)
    start = time.perf_counter()
    for _ in range(5):
        compute("plane", params)
    assert (time.perf_counter() - start) / 5 < 0.05  # typically ~3 ms; generous for slow CI machines


@FAST
@given(st.lists(st.sampled_from([(1.0, 0.0), (1.0, 1.0), (1.0, 3.0), (-1.0, -1.0), (0.0, 0.0)]), min_size=1,
                max_size=30))
def test_runs_match_a_brute_force_count(steps: list[tuple[float, float]]) -> None:
    cap, saf = [0.0], [0.0]
    for dc, ds in steps:
        cap.append(cap[-1] + dc)
        saf.append(saf[-1] + ds)
    r = balance(cap, saf, scale="raw")
    v = r.segment_verdicts
    side = ("safety_lagging", "over_constrained")
    runs = [(j - i, i) for i in range(len(v)) for j in range(i + 1, len(v) + 1)
            if v[i] in side and all(x == v[i] for x in v[i:j])]
    length, start = max(runs, default=(0, -1))  # longest; ties to the latest start
    assert r.longest_deviation.length == length
    if length:
        assert r.longest_deviation.start == start and r.longest_deviation.end == start + length
    tail = 0
    while tail < len(v) and v[len(v) - 1 - tail] in side and v[len(v) - 1 - tail] == v[-1]:
        tail += 1
    assert r.current_deviation.length == tail


@pytest.mark.parametrize(("capability", "safety"), [([0, 10], [0, 25.8]), ([1, 2], [1, 3]), ([2, 1], [1, 2])])
def test_above_the_band_reads_as_safety_ahead_not_as_harm(capability: list[float], safety: list[float]) -> None:
    """An angle cannot show that safety holds back development (issue 12): above the band, the reading says
    safety is ahead of capability on these scales, in English and in Chinese alike."""
    r = balance(capability, safety, scale="raw")
    assert r.verdict == "over_constrained"
    assert "on these scales, safety is ahead of capability." in r.sentence_en
    assert "在这两种尺度上，安全领先于能力。" in r.sentence_zh
    for word in ("hold back", "holds back", "hinder", "hamper", "阻碍", "妨碍", "拖慢"):
        assert word not in r.sentence_en and word not in r.sentence_zh


def test_doubling_capability_flattens_the_path() -> None:
    """Capability runs across: doubling it each period while safety gains 0.1 makes each step flatter (issue 12).
    By hand, on the index scale the runs are 1, 2, 4 and each rise 0.1, so the steps are atan(0.1/1), atan(0.1/2),
    atan(0.1/4); on the log scale the runs are all ln 2 and the rises ln(1.1/1), ln(1.2/1.1), ln(1.3/1.2)."""
    index = balance([1, 2, 4, 8], [1, 1.1, 1.2, 1.3], scale="index").segment_angles_deg
    log = balance([1, 2, 4, 8], [1, 1.1, 1.2, 1.3], scale="log").segment_angles_deg
    assert index == pytest.approx([math.degrees(math.atan(0.1 / run)) for run in (1, 2, 4)])
    assert log == pytest.approx([math.degrees(math.atan(math.log(b / a) / math.log(2)))
                                 for a, b in ((1, 1.1), (1.1, 1.2), (1.2, 1.3))])
    assert [round(a, 2) for a in index] == [5.71, 2.86, 1.43]  # as the law page states
    assert [round(a, 2) for a in log] == [7.83, 7.15, 6.59]
    assert index[0] > index[1] > index[2] and log[0] > log[1] > log[2]
    assert index[0] / index[2] > 3 > log[0] / log[2]  # the log scale flattens far less
