"""Unit and property tests for ai45core.zones (red and yellow lines)."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ai45core import AI45Error, compute
from ai45core.zones import ASSUMPTIONS, EXAMPLE_DOMAINS, LINE_NOTES, ZONES, classify

FAST = settings(max_examples=200, deadline=None)
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.integers(min_value=10**300, max_value=10**400)
    | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=40)
    | st.sampled_from(["", "a, 1, 2, 3", "name, score, yellow, red\nx，1，2，3", "1e308", "-1e308", "nan"]),
    lambda children: st.lists(children, max_size=5) | st.dictionaries(
        st.sampled_from(["name", "score", "yellow", "red", "x"]), children, max_size=5),
    max_leaves=14,
)
FINITE = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)


def test_policy_table() -> None:
    assert [z.id for z in ZONES] == ["green", "yellow", "red"]
    r = compute("zones", {"domains": "a, 1, 2, 3"})
    assert [p["response_en"] for p in r["policy"]] == [
        "Routine deployment with continuous monitoring.",
        "Stronger mitigations and controlled deployment.",
        "Suspend development and/or deployment.",
    ]
    assert [p["zh"] for p in r["policy"]] == ["绿区", "黄区", "红区"]


def test_examples_are_labelled_illustrative() -> None:
    assert all("example" in name and "illustrative" in name for name, *_ in EXAMPLE_DOMAINS)
    r = compute("zones", {})
    assert r["illustrative"] is True and "Illustrative" in r["sentence_en"] and "示例" in r["sentence_zh"]
    assert r["illustrative_note_en"]
    r = compute("zones", {"domains": "a, 1, 2, 3"})
    assert r["illustrative"] is False and r["illustrative_note_en"] == ""


def test_notes_kept_apart() -> None:
    r = compute("zones", {"domains": "a, 1, 2, 3"})
    assert r["note_2025"]["url"] == "https://arxiv.org/abs/2507.16534"
    assert r["note_2024"]["url"] == "https://arxiv.org/abs/2412.14186"
    assert "capability–safety plane" in r["note_2024"]["en"] and "per-domain" in r["note_2025"]["en"]
    assert set(LINE_NOTES) == {"2024", "2025"}
    assert set(ASSUMPTIONS) == {"en", "zh"} and len(ASSUMPTIONS["en"]) == len(ASSUMPTIONS["zh"])


def test_bad_row_message_gives_line_number_in_both_languages() -> None:
    with pytest.raises(AI45Error) as info:
        compute("zones", {"domains": "name, score, yellow, red\n\na, 1, 2, 3\nb, 1, 2"})
    assert info.value.code == "bad_row" and info.value.field == "domains"
    assert "line 4" in info.value.en and "第 4 行" in info.value.zh


def test_inverted_names_the_row() -> None:
    with pytest.raises(AI45Error) as info:
        compute("zones", {"domains": "a, 1, 2, 3\ncyber, 5, 9, 4"})
    assert info.value.code == "thresholds_inverted"
    assert "line 2" in info.value.en and "cyber" in info.value.en and "cyber" in info.value.zh
    with pytest.raises(AI45Error) as info:
        compute("zones", {"domains": [{"name": "bio", "score": 1, "yellow": 3, "red": 3}]})
    assert "row 1" in info.value.en and "bio" in info.value.en


def test_control_characters_removed_from_names() -> None:
    r = compute("zones", {"domains": [{"name": "cy\u202eber\x00", "score": 1, "yellow": 2, "red": 3}]})
    assert r["domains"][0]["name"] == "cyber"


def test_overflowing_distance_is_an_error() -> None:
    with pytest.raises(AI45Error) as info:
        compute("zones", {"domains": "a, -1e308, 0, 1.7e308"})
    assert info.value.code == "overflow"


@FAST
@given(st.dictionaries(st.sampled_from(["domains", "other"]), JSON, max_size=2))
def test_any_params_give_result_or_ai45error(params: dict[str, object]) -> None:
    try:
        result = compute("zones", params)
    except AI45Error:
        return
    json.dumps(result, allow_nan=False)


@FAST
@given(st.text(max_size=200))
def test_any_text_gives_result_or_ai45error(text: str) -> None:
    try:
        result = compute("zones", {"domains": text})
    except AI45Error:
        return
    json.dumps(result, allow_nan=False)


ROW = st.tuples(st.sampled_from(["cyber", "bio", "persuasion", "网络攻击"]), FINITE, FINITE,
                st.floats(min_value=0.001, max_value=1e6)).map(lambda t: (t[0], t[1], t[2], t[2] + t[3]))


@FAST
@given(st.lists(ROW, min_size=1, max_size=10), st.randoms(use_true_random=False))
def test_invariants(rows: list[tuple[str, float, float, float]], rnd: object) -> None:
    r = classify(rows)
    rank = {"green": 0, "yellow": 1, "red": 2}
    assert sum(r.counts.values()) == len(rows)
    assert r.overall == max((d.zone for d in r.domains), key=rank.__getitem__)
    for d in r.domains:
        assert (d.zone == "red") == (d.score >= d.red)
        assert (d.zone == "green") == (d.score < d.yellow)
    shuffled = list(rows)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    assert classify(shuffled).counts == r.counts
    # The same rows as CSV text and as objects give the same result.
    text = "\n".join(f"{n}, {s!r}, {y!r}, {x!r}" for n, s, y, x in rows)
    objects = [{"name": n, "score": s, "yellow": y, "red": x} for n, s, y, x in rows]
    assert compute("zones", {"domains": text}) == compute("zones", {"domains": objects}) == r.to_dict()
    # Raising one score never makes its zone milder.
    bumped = [(n, s + 1.0, y, x) for n, s, y, x in rows]
    for before, after in zip(r.domains, classify(bumped).domains, strict=True):
        assert rank[after.zone] >= rank[before.zone]
