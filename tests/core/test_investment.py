"""Unit and property tests for ai45core.investment (the resource split behind the imbalance)."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ai45core import AI45Error, compute
from ai45core.investment import (
    ASSUMPTIONS,
    CLAIMED_COMPUTE_SAFETY_SHARE,
    CLAIMED_COMPUTE_SAFETY_SHARE_LABEL,
    MAX_DIMENSIONS,
    PARAMS,
    RETURNS_LABELS,
    SPEECH_DIMENSIONS,
    from_params,
    split,
)

FAST = settings(max_examples=200, deadline=None)

WORDS = ["", " ", "nan", "inf", "0", "1", "0.5", "1e-320", "power", "log", "0, 1", "0.1, 0.2", "1, 2"]
SCALARS = (st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True, allow_infinity=True)
           | st.text(max_size=12) | st.sampled_from(WORDS))
JSON = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=6)
                    | st.dictionaries(st.text(max_size=4), inner, max_size=3), max_leaves=12)
VALUE = JSON | st.lists(st.floats(0, 1), max_size=25) | st.floats(0, 1) | st.floats(1e-300, 1e6)


@FAST
@given(st.dictionaries(st.sampled_from([*PARAMS, "bogus"]), VALUE, max_size=8))
def test_any_params_give_result_or_ai45error(params: dict[str, Any]) -> None:
    try:
        result = compute("investment", params)
    except AI45Error as err:
        assert err.code and err.en and err.zh
        return
    json.dumps(result, allow_nan=False)
    assert 0 <= result["angle_deg"] <= 90
    assert 0 <= result["balanced_safety_share"] <= 1


OPTIONS = st.fixed_dictionaries({
    "returns": st.sampled_from(["power", "log"]),
    "alpha": st.floats(0.05, 1),
    "efficiency": st.floats(1e-3, 1e3),
    "scale_k": st.floats(1e-3, 1e3),
})


@FAST
@given(OPTIONS)
def test_balanced_share_gives_45_degrees(options: dict[str, Any]) -> None:
    r = split(0.5, **options)
    s = r.balanced_safety_share
    e, a, k = options["efficiency"], options["alpha"], options["scale_k"]

    def f(x: float) -> float:  # the returns curve, written out again independently of the module
        return x ** a if options["returns"] == "power" else math.log1p(k * x)

    if 1e-6 < s < 1 - 1e-6:  # elsewhere s or 1 − s is too close to a float's resolution to check this way
        assert math.isclose(e * f(s), f(1 - s), rel_tol=1e-8)
        assert split(s, **options).angle_deg == pytest.approx(45.0, abs=1e-6)
    if options["returns"] == "power":
        assert s == pytest.approx(1 / (1 + e ** (1 / a)), rel=1e-9, abs=1e-300)


@FAST
@given(OPTIONS, st.floats(0, 1), st.floats(0, 1))
def test_angle_rises_with_the_safety_share(options: dict[str, Any], s1: float, s2: float) -> None:
    lo, hi = sorted((s1, s2))
    assert split(lo, **options).angle_deg <= split(hi, **options).angle_deg + 1e-12


EXACT_SHARES = st.integers(0, 2**20).map(lambda k: k / 2**20)  # s and 1 − s both exact in floats


@FAST
@given(OPTIONS, EXACT_SHARES)
def test_swapping_sides_mirrors_the_angle(options: dict[str, Any], s: float) -> None:
    mirrored = dict(options, efficiency=1 / options["efficiency"])
    a, b = split(s, **options).angle_deg, split(1 - s, **mirrored).angle_deg
    assert a + b == pytest.approx(90.0, abs=1e-9)


@FAST
@given(OPTIONS, st.floats(0.001, 0.999), st.integers(1, MAX_DIMENSIONS))
def test_equal_shares_in_every_dimension_match_one_share(options: dict[str, Any], s: float, m: int) -> None:
    single = split(s, **options)
    multi = split([s] * m, weights=[1 + i for i in range(m)], **options)
    assert multi.angle_deg == pytest.approx(single.angle_deg, abs=1e-9)
    assert multi.equivalent_share == pytest.approx(s, abs=1e-9)
    assert multi.balanced_safety_share == single.balanced_safety_share


@FAST
@given(OPTIONS, st.lists(st.floats(0.01, 0.99), min_size=2, max_size=5), st.data())
def test_balancing_share_balances_and_equivalent_share_matches(options: dict[str, Any], shares: list[float],
                                                               data: st.DataObject) -> None:
    weights = data.draw(st.lists(st.floats(0.1, 10), min_size=len(shares), max_size=len(shares)))
    r = split(shares, weights=weights, **options)
    assert split(r.equivalent_share, **options).angle_deg == pytest.approx(r.angle_deg, abs=1e-6)
    scaled = split(shares, weights=[7 * w for w in weights], **options)
    assert scaled.angle_deg == pytest.approx(r.angle_deg, abs=1e-9)
    for i, dim in enumerate(r.dimensions):
        assert dim.balancing_share is not None
        if 1e-9 < dim.balancing_share < 1 - 1e-9:
            changed = [*shares[:i], dim.balancing_share, *shares[i + 1:]]
            assert split(changed, weights=weights, **options).angle_deg == pytest.approx(45.0, abs=1e-5)


def test_closed_forms() -> None:
    assert split(0.01).angle_deg == pytest.approx(math.degrees(math.atan(math.sqrt(0.01 / 0.99))))
    assert split(0.3, efficiency=4).balanced_safety_share == pytest.approx(1 / 17)
    assert split(0.3, efficiency=1, alpha=1).balanced_safety_share == 0.5
    root = (-3 + math.sqrt(13)) / 2  # 2 ln(1 + s) = ln(2 − s) ⇔ s² + 3s − 1 = 0
    assert split(0.3, returns="log", efficiency=2).balanced_safety_share == pytest.approx(root)
    assert split(0.5, returns="log").balanced_safety_share == 0.5


def test_extreme_shares_and_options() -> None:
    assert split(0.0).angle_deg == 0.0 and split(1.0).angle_deg == 90.0
    assert split(0.5, alpha=1e-300).angle_deg == pytest.approx(45.0)
    tiny = split(0.5, efficiency=1e6, alpha=0.05)
    assert tiny.balanced_safety_share == 0.0 or tiny.balanced_safety_share < 1e-100
    r = split(1e-300, returns="log", efficiency=1e-6, scale_k=1e-6)
    json.dumps(r.to_dict(), allow_nan=False)


def test_modes_and_conflicts() -> None:
    for params, code in (({"safety_share": 0.1, "shares": [0.1]}, "conflicting_params"),
                         ({"safety_share": 0.1, "dimensions": "compute"}, "needs_shares"),
                         ({"shares": [0.1] * (MAX_DIMENSIONS + 1)}, "too_long"),
                         ({"shares": [0.1, 0.2], "dimensions": "a"}, "length_mismatch"),
                         ({"shares": [0, 1]}, "no_progress"),
                         ({"safety_share": 0.1, "scale_k": 0, "returns": "log"}, "out_of_range")):
        with pytest.raises(AI45Error) as info:
            from_params(params)
        assert info.value.code == code, params
    # Empty form fields count as absent; alpha is not read for log returns, nor scale_k for power returns.
    r = from_params({"safety_share": "0.2", "shares": "", "weights": "", "dimensions": " ",
                     "returns": "log", "alpha": "junk"})
    assert r.mode == "single" and r.alpha is None and r.scale_k == 1.0
    r = from_params({"safety_share": "0.2", "scale_k": "junk"})
    assert r.scale_k is None and r.alpha == 0.5
    with pytest.raises(AI45Error):
        split(0.2, weights=[1.0])


def test_sentences_and_labels() -> None:
    r = split(0.01)
    assert "1% of the resources on safety" in r.sentence_en and "50%" in r.sentence_en
    assert "把 1% 的资源投入安全" in r.sentence_zh and "安全滞后" in r.sentence_zh
    m = split([0.01, 0.04], dimensions=["talent", "compute"])
    assert "2 dimensions" in m.sentence_en and [d.name for d in m.dimensions] == ["talent", "compute"]
    assert all(set(v) == {"en", "zh"} for v in RETURNS_LABELS.values())


def test_claimed_figure_is_labelled_as_a_claim() -> None:
    assert CLAIMED_COMPUTE_SAFETY_SHARE == 0.01
    assert "claimed in one report of the speech" in CLAIMED_COMPUTE_SAFETY_SHARE_LABEL["en"]
    assert "no methodology" in CLAIMED_COMPUTE_SAFETY_SHARE_LABEL["en"]
    assert "并非测量数据" in CLAIMED_COMPUTE_SAFETY_SHARE_LABEL["zh"]
    assert [d["key"] for d in SPEECH_DIMENSIONS] == ["research", "talent", "commercial", "compute"]


def test_assumptions_are_bilingual_and_honest() -> None:
    assert 2 <= len(ASSUMPTIONS["en"]) == len(ASSUMPTIONS["zh"]) <= 5
    text = " ".join(ASSUMPTIONS["en"])
    assert "toy model" in text and "not measured data" in text and "not a measure of how safe" in text


EXTREME_SHARES = st.sampled_from([0.0, 1.0, 5e-324, 1e-300, 1 - 2**-53, 0.5]) | st.floats(0, 1)


@FAST
@given(st.lists(EXTREME_SHARES, min_size=1, max_size=MAX_DIMENSIONS), st.data(),
       st.sampled_from(["power", "log"]), st.floats(5e-324, 1), st.floats(1e-300, 1e6), st.floats(1e-6, 1e6))
def test_extreme_numbers_give_result_or_ai45error(shares: list[float], data: st.DataObject, returns: str,
                                                  alpha: float, efficiency: float, k: float) -> None:
    weights = data.draw(st.lists(st.floats(1e-300, 1e300), min_size=len(shares), max_size=len(shares)))
    try:
        r = split(shares, weights=weights, returns=returns, alpha=alpha, efficiency=efficiency, scale_k=k)
    except AI45Error as err:
        assert err.code in {"no_progress", "overflow"}
        return
    json.dumps(r.to_dict(), allow_nan=False)
    assert 0 <= r.angle_deg <= 90 and 0 <= r.equivalent_share <= 1


def test_both_sides_tiny_still_give_an_angle() -> None:
    # Safety progress underflows to 0 and capability progress is 0: the angle comes from the log ratio.
    r = split([1, 5e-324], weights=[1, 1e6], efficiency=1e-6, alpha=1)
    assert r.angle_deg == 90.0 and r.capability_progress == 0.0
