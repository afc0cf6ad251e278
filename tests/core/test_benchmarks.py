"""Unit and property tests for ai45core.benchmarks (before/after benchmark scores)."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ai45core import AI45Error, compute
from ai45core.benchmarks import (
    ASSUMPTIONS,
    PARAMS,
    PRESETS,
    SAFEWORK_SAFETY,
    SAFEWORK_SOURCE_URLS,
    SAFEWORK_VALUES,
    compare,
    from_params,
)

FAST = settings(max_examples=200, deadline=None)

WORDS = ["", " ", "nan", "inf", "0", "100", "38.2", "raw", "index", "stated", "scores", "safework_safety",
         "safework_values", "custom", "0, 50", "10, 101"]
SCALARS = (st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True, allow_infinity=True)
           | st.text(max_size=12) | st.sampled_from(WORDS))
JSON = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=6)
                    | st.dictionaries(st.text(max_size=4), inner, max_size=3), max_leaves=12)
VALUE = JSON | st.lists(st.floats(0, 100), min_size=1, max_size=5)


@FAST
@given(st.dictionaries(st.sampled_from([*PARAMS, "bogus"]), VALUE, max_size=8))
def test_any_params_give_result_or_ai45error(params: dict[str, Any]) -> None:
    try:
        result = compute("benchmarks", params)
    except AI45Error as err:
        assert err.code and err.en and err.zh
        return
    json.dumps(result, allow_nan=False)


def _rows(low: float) -> st.SearchStrategy[tuple[list[float], list[float]]]:
    def pair(n: int) -> st.SearchStrategy[tuple[list[float], list[float]]]:
        return st.tuples(st.lists(st.floats(low, 100), min_size=n, max_size=n),
                         st.lists(st.floats(0, 100), min_size=n, max_size=n))
    return st.integers(1, 12).flatmap(pair)


SCORES = _rows(0)
POSITIVE = _rows(0.01)  # baselines away from 0 (zero baselines have their own tests)


@FAST
@given(SCORES)
def test_every_fall_is_listed(data: tuple[list[float], list[float]]) -> None:
    before, after = data
    r = compare(before, after)
    assert r.fell == tuple(str(i + 1) for i, (b, a) in enumerate(zip(before, after, strict=True)) if a < b)
    assert len(r.fell) + len(r.rose) + len(r.unchanged) == len(before)
    assert all(r.benchmarks[int(name) - 1].change_points < 0 for name in r.fell)
    json.dumps(r.to_dict(), allow_nan=False)


@FAST
@given(POSITIVE)
def test_change_of_mean_is_the_baseline_weighted_mean_of_changes(data: tuple[list[float], list[float]],
                                                                 ) -> None:
    before, after = data
    r = compare(before, after)
    assert r.change_of_mean_pct is not None and r.computable_count == len(before)
    # Σ(a − b)/Σb = Σ b·r / Σ b, with r the relative change of each benchmark.
    weighted = math.fsum(x.before * (x.change_pct or 0) for x in r.benchmarks) / math.fsum(before)
    assert r.change_of_mean_pct == pytest.approx(weighted, rel=1e-9, abs=1e-6)
    if len(set(before)) == 1:
        assert r.mean_of_changes_pct == pytest.approx(r.change_of_mean_pct, rel=1e-9, abs=1e-9)


@FAST
@given(POSITIVE, st.floats(0.01, 10))
def test_percentages_ignore_the_unit_of_the_score(data: tuple[list[float], list[float]], k: float) -> None:
    before, after = data
    a = compare(before, after)
    b = compare([k * x for x in before], [k * x for x in after], max_score=100 * k)
    for x, y in zip(a.benchmarks, b.benchmarks, strict=True):
        if x.change_pct is None:
            assert y.change_pct is None
        else:
            assert y.change_pct == pytest.approx(x.change_pct, rel=1e-9, abs=1e-6)
        if 100 - x.before > 1e-6:  # headroom next to the maximum is ill-conditioned in floats
            assert x.headroom_closed_pct is not None and y.headroom_closed_pct is not None
            assert y.headroom_closed_pct == pytest.approx(x.headroom_closed_pct, rel=1e-6, abs=1e-6)


@FAST
@given(SCORES, st.floats(-100, 100))
def test_swapping_before_and_after_negates_points(data: tuple[list[float], list[float]], gain: float) -> None:
    before, after = data
    a, b = compare(before, after, capability_gain=gain), compare(after, before, capability_gain=-gain)
    assert b.mean_change_points == pytest.approx(-a.mean_change_points, abs=1e-9)
    assert set(a.fell) == set(b.rose)
    if a.angle_deg is not None and b.angle_deg is not None:
        assert (b.angle_deg - a.angle_deg) % 360 == pytest.approx(180, abs=1e-6)


def test_safework_tables_match_the_brief() -> None:
    assert SAFEWORK_SAFETY.rows["Qwen2.5-VL-72B"] == (70.4, 53.8, 91.2, 38.2)
    assert SAFEWORK_SAFETY.rows["SafeWork-R1"] == (92.0, 74.8, 99.2, 90.5)
    assert SAFEWORK_VALUES.rows["SafeWork-R1"] == (65.3, 68.1, 54.6, 70.9)
    assert set(PRESETS) == {"safework_safety", "safework_values"}
    assert "https://huggingface.co/AI45Research/SafeWork-R1" in SAFEWORK_SOURCE_URLS
    assert "https://arxiv.org/abs/2507.18576" in SAFEWORK_SOURCE_URLS
    for table in PRESETS.values():
        assert all(len(row) == len(table.names) for row in table.rows.values())
        assert table.before_model in table.rows and table.after_model in table.rows


def test_reported_figure_is_not_reproduced_and_is_labelled() -> None:
    r = from_params({"preset": "safework_safety"})
    assert r.reported_change_pct == 46.54
    assert r.reported_label is not None and "without saying how" in r.reported_label["en"]
    assert r.change_of_mean_pct is not None and r.mean_of_changes_pct is not None
    assert round(r.change_of_mean_pct) == 41 and round(r.mean_of_changes_pct) == 54
    assert any("neither reproduces it" in n for n in r.notes_en)
    # SafeWork-R1 does not beat every model on every benchmark.
    assert {c.model: c.higher_than_after for c in r.comparison}["GPT-4.1"] == ("SIUO",)


def test_values_table_decrease_is_never_hidden() -> None:
    r = from_params({"preset": "safework_values"})
    assert r.fell == ("M³oralBench Response",)
    assert "M³oralBench Response (-4.8)" in r.sentence_en and "M³oralBench Response" in r.sentence_zh
    assert r.stated_mean_before == 49.9 and any("not recomputed" in n for n in r.notes_en)


def test_preset_overrides_and_edits() -> None:
    same = from_params({"preset": "safework_safety", "before": "70.4, 53.8, 91.2, 38.2",
                        "names": "MM-SafetyBench, MSSBench, XSTest-Safe, SIUO"})
    assert not same.preset_modified and same.stated_mean_after == 89.2
    renamed = from_params({"preset": "safework_safety", "names": "a, b, c, d"})
    assert renamed.preset_modified and renamed.comparison == () and renamed.reported_change_pct is None
    shorter = from_params({"preset": "safework_safety", "before": "50, 60", "after": "55, 65"})
    assert shorter.preset_modified and [b.name for b in shorter.benchmarks] == ["1", "2"]
    with pytest.raises(AI45Error) as info:
        from_params({"preset": "safework_safety", "max_score": 95})
    assert info.value.code == "out_of_range"


def test_zero_baseline_is_none_not_infinity() -> None:
    r = compare([0, 0], [0, 5])
    assert [b.change_pct for b in r.benchmarks] == [None, None]
    assert r.mean_of_changes_pct is None and r.change_of_mean_pct is None and r.computable_count == 0
    assert r.notes_en and r.notes_zh
    r = compare([0], [0], scale="index", capability_gain=5)
    assert r.angle_deg is None and any("index scale" in n for n in r.notes_en)


def test_angle_only_with_a_capability_gain() -> None:
    assert compare([63.4], [89.2]).angle_deg is None
    r = compare([63.4], [89.2], capability_gain=10)
    assert r.angle_deg == pytest.approx(math.degrees(math.atan2(25.8, 10)))
    assert r.verdict == "over_constrained" and "69" in f"{r.angle_deg:.0f}"
    assert "Enter a capability gain" in compare([1], [2]).sentence_en


def test_assumptions_are_bilingual() -> None:
    assert 2 <= len(ASSUMPTIONS["en"]) == len(ASSUMPTIONS["zh"]) <= 5
    assert "relative" in " ".join(ASSUMPTIONS["en"])
