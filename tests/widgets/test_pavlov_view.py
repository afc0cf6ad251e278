"""The pavlov widget: defaults, docs blocks, presets, bad input, the simulation, and the numbers it shows."""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

import pytest
from ai45widgets import VIEWS, parse_block, render_widget, run
from ai45widgets.html import esc, fmt
from ai45widgets.views import pavlov as view

from ai45core import pavlov

from ._views import ROOT, caller, drawn, figures, golden

GOLDEN = golden("pavlov")
call = caller("pavlov")


def pct(p: float) -> str:
    return fmt(p * 100, 1, unit="%")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_defaults_render(lang: str) -> None:
    out = call({}, lang)
    assert out["ok"], out
    html, svg = out["html"], out["svg"]
    assert 'data-ai45-verdict="seeing_differs"' in html
    # Seeing 90 %, doing 50 %; with the bell rung at random both dogs err half the time; 10 % in training.
    assert figures(html) == {0: "90.0%", 1: "50.0%", 2: "50.0%", 3: "50.0%", 4: "10.0%"}
    assert '<figure class="ai45-figure">' in html and svg in html
    assert 'role="group"' in svg and "<title" in svg and "<desc" in svg
    assert '<details class="ai45-data">' in html
    assert esc(pavlov.ERROR_DEFINITION[lang]) in html
    assert out["csv"].startswith("quantity,value\n")
    assert out["summary"] and "90.0%" in out["summary"]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_chart_carries_meaning_in_text_and_pattern(lang: str) -> None:
    svg = drawn(call({}, lang)["svg"])
    assert len(re.findall(r'<rect class="ai45-pv-bar"', svg)) == 6
    hatched = re.findall(r'<rect class="ai45-pv-bar"[^>]*fill="url\(#ai45-pv-', svg)
    assert len(hatched) == 3  # seeing, and both dogs in training
    for key in ("bar_seeing", "bar_doing", "bar_corr_train", "bar_corr_deploy", "bar_causal_train",
                "bar_causal_deploy", "half", "legend_corr", "legend_causal", "legend_phase"):
        assert esc(view.T[key][lang]) in svg, key
    assert 'stroke-dasharray="5 3"' in svg  # the 50 % decision line


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_two_by_two_outcomes(lang: str) -> None:
    html = call({}, lang)["html"]
    grid = html.split('<table class="ai45-table ai45-outcomes">', 1)[1].split("</table>", 1)[0]
    assert grid.count(esc(view.T["of_trials"][lang].format(share="25.0%"))) == 4
    assert grid.count(view.T["false_alarm"][lang]) == 1 and grid.count(view.T["miss"][lang]) == 1
    assert grid.count(view.T["right"][lang]) == 2


def test_bell_that_tells_nothing() -> None:
    out = call({"p_bell_given_no_food": "0.9"})
    assert out["ok"] and 'data-ai45-verdict="seeing_equals"' in out["html"]
    assert figures(out["html"])[0] == figures(out["html"])[1] == "50.0%"


def test_docs_blocks_render() -> None:
    blocks = 0
    for path in sorted((ROOT / "docs").glob("*.md")):
        lang = "zh" if path.name.endswith(".zh.md") else "en"
        for body in re.findall(r"```ai45 pavlov\n(.*?)```", path.read_text(encoding="utf-8"), re.S):
            html = render_widget("pavlov", parse_block(body), lang, "pavlov")
            assert 'data-ai45-widget="pavlov"' in html
            blocks += 1
    assert blocks >= 2


def test_presets_render_and_are_labelled() -> None:
    v = VIEWS["pavlov"]
    for preset in v.presets:
        assert set(preset.values) <= set(v.field_names())
        assert call(dict(preset.values))["ok"], preset.id
        assert "illustrative" in preset.label["en"] and "示意" in preset.label["zh"]


def test_fields() -> None:
    fields = {f.name: f for f in VIEWS["pavlov"].fields}
    for name in ("base_rate", "p_bell_given_food", "p_bell_given_no_food", "p_ring"):
        f = fields[name]
        assert (f.kind, f.min, f.max, f.advanced) == ("slider", 0, 1, False)
    assert fields["simulate"].advanced and fields["seed"].advanced
    assert f"{pavlov.MAX_TRIALS:,}" in (fields["simulate"].hint or {})["en"]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_simulation(lang: str) -> None:
    state = {"base_rate": "0.3", "simulate": "4000", "seed": "7"}
    out = call(state, lang)
    assert out["ok"]
    assert esc(view.T["sim_caption"][lang].format(n="4,000", seed=7)) in out["html"]
    assert "\nsimulation_n,4000,seed,7\n" in out["csv"]
    assert out == call(state, lang)  # seeded: the same numbers every time
    assert "simulation" not in call({"simulate": "0"}, lang)["csv"]


@pytest.mark.parametrize(("state", "field", "code"), [
    ({"base_rate": "half"}, "base_rate", "not_a_number"),
    ({"base_rate": "<script>alert(1)</script>"}, "base_rate", "not_a_number"),
    ({"p_ring": "NaN"}, "p_ring", "not_finite"),
    ({"p_ring": "1e999"}, "p_ring", "not_finite"),
    ({"p_bell_given_food": "-0.1"}, "p_bell_given_food", "out_of_range"),
    ({"p_bell_given_no_food": "1e308"}, "p_bell_given_no_food", "out_of_range"),
    ({"simulate": "2.5"}, "simulate", "not_an_integer"),
    ({"simulate": "100001"}, "simulate", "out_of_range"),
    ({"seed": "-1"}, "seed", "out_of_range"),
    ({"p_bell_given_food": "0", "p_bell_given_no_food": "0"}, "", "bell_never_rings"),
    ({"base_rate": "1", "p_bell_given_food": "1"}, "", "bell_always_rings"),
])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_bad_input(state: dict[str, str], field: str, code: str, lang: str) -> None:
    out = call(state, lang)
    assert out["ok"] is False
    (err,) = out["errors"]
    assert (err["field"], err["code"]) == (field, code)
    assert err["message"] and (re.search(r"[\u4e00-\u9fff]", err["message"]) is not None) == (lang == "zh")


def test_empty_values_fall_back_to_defaults() -> None:
    out = call({k: "" for k in VIEWS["pavlov"].field_names()})
    assert out["ok"] and figures(out["html"])[0] == "90.0%"


@pytest.mark.parametrize(("state", "code"), [
    ({"base_rate": "0" * 20_001}, "too_long"),
    ({"baserate": "0.5"}, "unknown_param"),
    ({"p_ring": 0.5}, "not_text")])
def test_unusable_state(state: dict[str, object], code: str) -> None:
    out = json.loads(run("pavlov", json.dumps(state), "en"))
    assert out["ok"] is False and out["errors"][0]["code"] == code


def test_no_raw_markup_and_safe_csv() -> None:
    for state in ({}, {"p_bell_given_food": "0.2", "p_bell_given_no_food": "0.6", "simulate": "500"}):
        out = call(state, "zh")
        assert "<script" not in out["html"]
        for row in csv.reader(io.StringIO(out["csv"])):
            assert not any(cell[:1] in ("=", "+", "@") for cell in row)
            assert not any(cell[:1] == "-" and not re.fullmatch(r"-[\d.e-]+", cell) for cell in row)


def test_every_text_has_both_languages() -> None:
    for key, text in view.T.items():
        assert set(text) == {"en", "zh"} and text["en"] and text["zh"], key


SHOWN = {0: ("p_food_given_bell",), 1: ("p_food_do_bell",), 2: ("error_correlation",), 3: ("error_causal",),
         4: ("correlation", "train_error")}
GOLDEN_OK = [c for c in GOLDEN if "expect" in c]


@pytest.mark.parametrize("case", GOLDEN_OK, ids=[c["id"] for c in GOLDEN_OK])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_numbers_shown_equal_golden(case: dict[str, Any], lang: str) -> None:
    out = call({k: str(v) for k, v in case["params"].items()}, lang)
    assert out["ok"], out
    shown = figures(out["html"])
    checked = 0
    for i, path in SHOWN.items():
        want: Any = case["expect"]
        for key in path:
            want = want.get(key) if isinstance(want, dict) else None
        if want is not None:
            assert shown[i] == pct(want), (i, path)
            checked += 1
    if case["id"] != "simulation_meta":
        assert checked


GOLDEN_ERR = [c for c in GOLDEN if "error" in c]


@pytest.mark.parametrize("case", GOLDEN_ERR, ids=[c["id"] for c in GOLDEN_ERR])
def test_golden_errors_through_the_widget(case: dict[str, Any]) -> None:
    out = json.loads(run("pavlov", json.dumps({k: str(v) for k, v in case["params"].items()}), "en"))
    assert out["ok"] is False
    code = out["errors"][0]["code"]
    assert code == case["error"]
