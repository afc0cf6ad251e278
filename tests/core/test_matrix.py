"""Unit and property tests for ai45core.matrix (five levels × three layers)."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ai45core import AI45Error, compute
from ai45core.matrix import ASSUMPTIONS, CELLS, INTERPRETATION_NOTE, LEVELS, assess

FAST = settings(max_examples=200, deadline=None)
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=30) | st.sampled_from(["", "perception:approximate", "a:b", ":", "nan", *CELLS]),
    lambda children: st.lists(children, max_size=5)
    | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)


def test_levels_and_names() -> None:
    assert [lv.id for lv in LEVELS] == ["perception", "reasoning", "decision", "autonomy", "collaboration"]
    assert [lv.zh for lv in LEVELS] == ["感知可信", "推理可信", "决策可信", "自主可信", "协作可信"]
    assert all(lv.zh_unofficial for lv in LEVELS)
    assert len(CELLS) == 15


def test_interpretation_note_is_explicit() -> None:
    r = compute("matrix", {})
    assert r["interpretation_note"] == INTERPRETATION_NOTE
    assert "not its method" in r["interpretation_note"]["en"]
    assert "并非论文本身的方法" in r["interpretation_note"]["zh"]
    assert set(ASSUMPTIONS) == {"en", "zh"} and len(ASSUMPTIONS["en"]) == len(ASSUMPTIONS["zh"])


def test_grid_shape_and_headers() -> None:
    r = compute("matrix", {"met": "reasoning:intervenable"})
    assert [[c["id"] for c in row] for row in r["grid"]] == [list(CELLS[i:i + 3]) for i in range(0, 15, 3)]
    assert [la["id"] for la in r["layers"]] == ["approximate", "intervenable", "reflectable"]
    assert r["grid"][1][1]["met"] is True and r["grid"][1][1]["state"] == "met"


def test_unknown_cell_named() -> None:
    with pytest.raises(AI45Error) as info:
        compute("matrix", {"met": ["perception:approximate", "sensing:approximate"]})
    assert info.value.code == "unknown_cell" and "sensing:approximate" in info.value.zh


def test_sentence() -> None:
    r = compute("matrix", {"met": "perception:approximate"})
    assert r["sentence_en"].startswith("Highest level reached: 1 of 5, Perception trustworthiness.")
    assert "推理可信" in r["sentence_zh"]
    assert compute("matrix", {"met": list(CELLS)})["sentence_en"].endswith("All five levels are reached.")


@FAST
@given(st.dictionaries(st.sampled_from(["met", "other"]), JSON, max_size=2))
def test_any_params_give_result_or_ai45error(params: dict[str, object]) -> None:
    try:
        result = compute("matrix", params)
    except AI45Error:
        return
    json.dumps(result, allow_nan=False)


@FAST
@given(st.lists(st.sampled_from(CELLS), max_size=20), st.sampled_from(CELLS),
       st.randoms(use_true_random=False))
def test_invariants(met: list[str], extra: str, rnd: object) -> None:
    r = assess(met)
    shuffled = list(met)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    assert assess(shuffled) == r
    assert 0 <= r.highest_level <= 5
    assert r.highest_level == sum(row.counted for row in r.levels)
    for i, row in enumerate(r.levels):
        assert row.reached == (not row.missing)
        assert row.counted == all(x.reached for x in r.levels[: i + 1])
        assert row.required_layers[0] == "approximate"
    depth = [len(row.required_layers) for row in r.levels]
    assert depth == sorted(depth)  # higher levels never need fewer layers
    assert assess([*met, extra]).highest_level >= r.highest_level
    assert set(r.met) == set(met)
