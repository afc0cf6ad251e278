"""Unit and property tests for ai45core.ladder (the causal ladder)."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ai45core import AI45Error, compute
from ai45core.ladder import ASSUMPTIONS, LAYERS, SOURCES, TECHNIQUES, climb

SPEECH_IDS = [t.id for t in TECHNIQUES if t.source == "speech"]
ALL_IDS = [t.id for t in TECHNIQUES]
FAST = settings(max_examples=200, deadline=None)

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.integers(min_value=10**300, max_value=10**400)
    | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=30)
    | st.sampled_from(["", " ", "nan", "inf", "-1e308", "1e999", "0.5", "sft", "rlhf, mech_interp", "true"]),
    lambda children: st.lists(children, max_size=5)
    | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)
KEYS = st.sampled_from(["adopted", "threshold", "include_paper", "other"])


def test_catalogue_matches_brief() -> None:
    by_layer = {layer.id: [t.id for t in TECHNIQUES if t.layer == layer.id and t.source == "speech"]
                for layer in LAYERS}
    assert by_layer == {
        "approximate": ["sft", "rlhf", "rlaif", "superalignment"],
        "intervenable": ["human_in_the_loop", "mech_interp", "adversarial_drills"],
        "reflectable": ["value_training", "causal_interp", "counterfactual"],
    }
    paper = {t.id: t.layer for t in TECHNIQUES if t.source != "speech"}
    assert paper == {"machine_unlearning": "approximate", "controllable_generation": "intervenable",
                     "value_reflection": "reflectable", "world_models": "reflectable",
                     "counterfactual_interp": "reflectable"}
    assert len(set(ALL_IDS)) == len(ALL_IDS)
    for t in TECHNIQUES:
        assert t.url == SOURCES[t.source]["url"]
        assert t.en and t.zh and t.note_en and t.note_zh
    assert SOURCES["speech"]["url"] == "https://www.freebuf.com/news/405218.html"
    assert SOURCES["paper (secondary summary)"]["url"] == "https://arxiv.org/abs/2412.14186"


def test_discrepancy_recorded_per_technique() -> None:
    placed = {t.id: (t.layer, t.paper_layer) for t in TECHNIQUES}
    assert placed["rlhf"] == ("approximate", "intervenable")
    assert placed["rlaif"] == ("approximate", "intervenable")
    assert "Intervenable" in dict((t.id, t.note_en) for t in TECHNIQUES)["rlhf"]


def test_layers_and_rungs() -> None:
    assert [(la.id, la.zh, la.en, la.formula) for la in LAYERS] == [
        ("approximate", "泛对齐", "Approximate Alignment", "P(y|x)"),
        ("intervenable", "可干预", "Intervenable", "P(y|do(x))"),
        ("reflectable", "能反思", "Reflectable", "P(y_x|x′,y′)"),
    ]
    assert [la.verb_en for la in LAYERS] == ["seeing", "doing", "imagining"]


def test_assumptions_shape() -> None:
    assert set(ASSUMPTIONS) == {"en", "zh"}
    assert 2 <= len(ASSUMPTIONS["en"]) == len(ASSUMPTIONS["zh"]) <= 5


def test_unknown_technique_names_it() -> None:
    with pytest.raises(AI45Error) as info:
        compute("ladder", {"adopted": ["sft", "Mech_Interpretability"]})
    assert info.value.code == "unknown_technique"
    assert "Mech_Interpretability" in info.value.en and "Mech_Interpretability" in info.value.zh


def test_sentence_mentions_next_rung() -> None:
    r = compute("ladder", {"adopted": "sft rlhf"})
    assert "Intervenable" in r["sentence_en"] and "可干预" in r["sentence_zh"]
    assert "2 more" in r["sentence_en"]
    assert compute("ladder", {"adopted": SPEECH_IDS})["sentence_en"].endswith("All three rungs are reached.")


def test_paper_only_ignored_without_flag() -> None:
    r = compute("ladder", {"adopted": "world_models"})
    assert r["not_counted"] == ["world_models"] and r["layers"][2]["count"] == 0
    r = compute("ladder", {"adopted": "world_models", "include_paper": "on"})
    assert r["not_counted"] == [] and r["layers"][2]["count"] == 1 and r["layers"][2]["total"] == 6


def test_python_api_validates_threshold() -> None:
    for bad in (0.0, -1.0, 1.01, math.nan, math.inf):
        with pytest.raises(AI45Error):
            climb([], threshold=bad)


@FAST
@given(st.dictionaries(KEYS, JSON, max_size=4))
def test_any_params_give_result_or_ai45error(params: dict[str, object]) -> None:
    try:
        result = compute("ladder", params)
    except AI45Error:
        return
    json.dumps(result, allow_nan=False)


@FAST
@given(st.lists(st.sampled_from(ALL_IDS), max_size=20), st.floats(min_value=0.01, max_value=1),
       st.booleans(), st.randoms(use_true_random=False))
def test_invariants(adopted: list[str], threshold: float, include_paper: bool, rnd: object) -> None:
    r = climb(adopted, threshold=threshold, include_paper=include_paper)
    shuffled = list(adopted)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    assert climb(shuffled, threshold=threshold, include_paper=include_paper) == r
    assert 0 <= r.stage <= 3
    assert r.stage == sum(c.counted for c in r.layers)
    for i, c in enumerate(r.layers):
        assert c.fraction == c.count / c.total
        assert c.meets_threshold == (c.count >= c.needed)
        assert c.counted == all(x.meets_threshold for x in r.layers[: i + 1])
        assert 1 <= c.needed <= c.total
    assert (r.next_needed > 0) == (r.stage < 3)
    assert len(r.next_candidates) >= r.next_needed
    # Adopting one more technique never lowers the stage; raising the threshold never raises it.
    for extra in ALL_IDS:
        assert climb([*adopted, extra], threshold=threshold, include_paper=include_paper).stage >= r.stage
    assert climb(adopted, threshold=min(1.0, threshold + 0.2), include_paper=include_paper).stage <= r.stage
