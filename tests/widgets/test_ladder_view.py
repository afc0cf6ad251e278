"""The ladder widget: defaults, docs blocks, the form, bad input, and the numbers it shows."""

from __future__ import annotations

import csv
import html
import io
import json
import re
from typing import Any

import pytest
from ai45widgets import VIEWS, parse_block, render_widget, run
from ai45widgets.html import esc, fmt
from ai45widgets.views import ladder as view

from ai45core import ladder

from ._views import ROOT, caller, drawn, figures, golden

GOLDEN = golden("ladder")
call = caller("ladder")
SPEECH_IDS = [tech.id for tech in ladder.TECHNIQUES if tech.source == ladder.SPEECH]


def as_text(value: object) -> str:
    """Golden params as the text the page sends (checkbox groups joined by commas, a ticked box's value)."""
    if isinstance(value, bool):
        return "true" if value else ""
    if isinstance(value, list):
        return ",".join(str(v) for v in value)
    return str(value)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_defaults_render(lang: str) -> None:
    out = call({}, lang)
    assert out["ok"], out
    html, svg = out["html"], out["svg"]
    assert 'data-ai45-verdict="approximate"' in html
    # sft, rlhf, rlaif of 4 → 75 %; human-in-the-loop 1 of 3 → 33 %; nothing of stage 3; 1 more for stage 2.
    assert figures(html) == {0: "1", 1: "75%", 2: "33%", 3: "0%", 4: "1"}
    assert '<figure class="ai45-figure">' in html and svg in html
    assert 'role="group"' in svg and "<title" in svg and "<desc" in svg
    assert '<details class="ai45-data">' in html
    assert out["csv"].splitlines()[0] == ("layer,rank,pearl_rung,adopted,total,coverage,needed,"
                                          "meets_threshold,reached")
    assert out["summary"]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_chart_marks_reached_rungs_with_text_and_pattern(lang: str) -> None:
    for adopted, stage in (("", 0), ("sft rlhf", 1), ("sft rlhf human_in_the_loop mech_interp", 2),
                           (" ".join(SPEECH_IDS), 3)):
        svg = drawn(call({"adopted": adopted}, lang)["svg"])
        assert svg.count(view.T["reached"][lang]) == stage
        assert svg.count('class="ai45-rung ai45-reached"') == stage
        hatched = re.findall(r'<rect class="ai45-rung ai45-reached"[^>]*fill="url\(#ai45-rung-', svg)
        assert len(hatched) == stage
        assert len(re.findall(r'<rect class="ai45-rung ai45-open"[^>]*stroke-dasharray', svg)) == 3 - stage
        for layer in ladder.LAYERS:  # every rung is named, with Pearl's rung beside it
            assert (layer.zh if lang == "zh" else layer.en) in svg
            assert layer.formula in svg


def test_rung_above_a_gap_is_labelled_not_counted() -> None:
    out = call({"adopted": "sft, value_training, causal_interp, counterfactual"})
    assert out["ok"] and 'data-ai45-verdict="none"' in out["html"]
    assert figures(out["html"])[0] == "0"
    assert view.T["skipped"]["en"] in out["svg"] and view.T["legend_skipped"]["en"] in out["svg"]


def test_docs_blocks_render() -> None:
    blocks = 0
    for path in sorted((ROOT / "docs").glob("*.md")):
        lang = "zh" if path.name.endswith(".zh.md") else "en"
        for body in re.findall(r"```ai45 ladder\n(.*?)```", path.read_text(encoding="utf-8"), re.S):
            html = render_widget("ladder", parse_block(body), lang, "ladder")
            assert 'data-ai45-widget="ladder"' in html
            blocks += 1
    assert blocks >= 2


def test_checkbox_options_cover_the_catalogue_in_layer_order() -> None:
    field = next(f for f in VIEWS["ladder"].fields if f.name == "adopted")
    assert field.kind == "checks"
    ids = [v for v, _ in field.options]
    assert sorted(ids) == sorted(tech.id for tech in ladder.TECHNIQUES)
    ranks = {layer.id: layer.rank for layer in ladder.LAYERS}
    layers = [next(tech.layer for tech in ladder.TECHNIQUES if tech.id == i) for i in ids]
    assert [ranks[x] for x in layers] == sorted(ranks[x] for x in layers)
    for (tid, label), layer_id in zip(field.options, layers, strict=True):
        layer = next(x for x in ladder.LAYERS if x.id == layer_id)
        assert label["en"].startswith(layer.en + " · ") and label["zh"].startswith(layer.zh + " · ")
        paper = next(tech.source for tech in ladder.TECHNIQUES if tech.id == tid) != ladder.SPEECH
        assert label["en"].endswith(view.T["paper_tag"]["en"]) == paper
    # Every option is a value the core accepts, and ticking all of them reaches the top rung.
    out = call({"adopted": ",".join(ids), "include_paper": "true"})
    assert out["ok"] and figures(out["html"])[0] == "3"


def test_prerendered_form_ticks_the_defaults() -> None:
    html = render_widget("ladder", {}, "en", "ladder")
    ticked = re.findall(r'<input type="checkbox" name="adopted" value="([a-z_]+)" checked>', html)
    assert ticked == ["sft", "rlhf", "rlaif", "human_in_the_loop"]
    assert 'name="include_paper" value="true">' in html  # one box, not ticked


def test_include_paper_box_reads_as_a_boolean() -> None:
    # The page sends the box's value when it is ticked and "" when not; the core reads both.
    field = next(f for f in VIEWS["ladder"].fields if f.name == "include_paper")
    assert field.kind == "checks" and [v for v, _ in field.options] == ["true"]
    ticked = call({"adopted": "sft rlhf controllable_generation", "include_paper": "true"})
    unticked = call({"adopted": "sft rlhf controllable_generation", "include_paper": ""})
    assert ticked["ok"] and unticked["ok"]
    assert ticked["csv"].rstrip().splitlines()[-1].split(",")[6:8] == ["include_paper", "True"]
    assert unticked["csv"].rstrip().splitlines()[-1].split(",")[6:8] == ["include_paper", "False"]
    # Ticked: approximate has 5 techniques (2 of 5 < 3 needed); unticked: 2 of 4 reaches stage 1.
    assert figures(ticked["html"])[0] == "0"
    assert figures(unticked["html"])[0] == "1"


def test_presets_render() -> None:
    v = VIEWS["ladder"]
    for preset in v.presets:
        assert set(preset.values) <= set(v.field_names())
        out = call(dict(preset.values))
        assert out["ok"], preset.id
    labels = {p.id: p.label for p in v.presets}
    assert "as the speech describes it" in labels["today"]["en"]
    assert "按演讲的描述" in labels["today"]["zh"]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_notes_show_where_the_paper_differs(lang: str) -> None:
    html = call({}, lang)["html"]
    assert esc(ladder.DISCREPANCY[lang]) in html
    for tid in ("rlhf", "rlaif"):
        tech = next(t for t in ladder.TECHNIQUES if t.id == tid)
        assert (tech.zh if lang == "zh" else tech.en) in html
    assert "https://arxiv.org/abs/2412.14186" in html and "https://www.freebuf.com/news/405218.html" in html


@pytest.mark.parametrize(("state", "field", "code"), [
    ({"adopted": "rlfh"}, "adopted", "unknown_technique"),
    ({"adopted": "<script>alert(1)</script>"}, "adopted", "unknown_technique"),
    ({"threshold": "abc"}, "threshold", "not_a_number"),
    ({"threshold": "NaN"}, "threshold", "not_finite"),
    ({"threshold": "-0.5"}, "threshold", "out_of_range"),
    ({"threshold": "0"}, "threshold", "out_of_range"),
    ({"threshold": "1e308"}, "threshold", "out_of_range"),
    ({"include_paper": "maybe"}, "include_paper", "not_a_boolean"),
])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_bad_input(state: dict[str, str], field: str, code: str, lang: str) -> None:
    out = call(state, lang)
    assert out["ok"] is False
    (err,) = out["errors"]
    assert (err["field"], err["code"]) == (field, code)
    assert err["message"] and (re.search(r"[\u4e00-\u9fff]", err["message"]) is not None) == (lang == "zh")


def test_empty_values_fall_back_to_defaults() -> None:
    out = call({"adopted": "", "threshold": "", "include_paper": ""})
    assert out["ok"] and figures(out["html"])[0] == "0"


@pytest.mark.parametrize(("state", "code"), [
    ({"adopted": "sft " * 10_000}, "too_long"),
    ({"adoptd": "sft"}, "unknown_param"),
    ({"threshold": 0.5}, "not_text")])
def test_unusable_state(state: dict[str, object], code: str) -> None:
    out = json.loads(run("ladder", json.dumps(state), "en"))
    assert out["ok"] is False and out["errors"][0]["code"] == code


def test_no_raw_markup_and_safe_csv() -> None:
    for state in ({}, {"adopted": ",".join(SPEECH_IDS), "include_paper": "true"}):
        out = call(state, "zh")
        assert "<script" not in out["html"]
        for row in csv.reader(io.StringIO(out["csv"])):
            assert not any(cell[:1] in ("=", "+", "-", "@") for cell in row)


def test_every_text_has_both_languages() -> None:
    for key, text in view.T.items():
        assert set(text) == {"en", "zh"} and text["en"] and text["zh"], key
    for _, label in next(f for f in VIEWS["ladder"].fields if f.name == "adopted").options:
        assert label["en"] and label["zh"]


GOLDEN_OK = [c for c in GOLDEN if "expect" in c]


@pytest.mark.parametrize("case", GOLDEN_OK, ids=[c["id"] for c in GOLDEN_OK])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_numbers_shown_equal_golden(case: dict[str, Any], lang: str) -> None:
    # A golden case leaves out what the core defaults; the widget's own defaults differ, so send "" for those.
    state = {"adopted": "", "threshold": "", "include_paper": ""}
    state.update({k: as_text(v) for k, v in case["params"].items()})
    out = call(state, lang)
    assert out["ok"], out
    shown, want = figures(out["html"]), case["expect"]
    if "stage" in want:
        assert shown[0] == fmt(want["stage"], 0)
    for i, layer in enumerate(want.get("layers", [])):
        if "fraction" in layer:
            assert shown[1 + i] == fmt(layer["fraction"] * 100, 0, unit="%")
    if "next_needed" in want:
        assert shown[4] == ("—" if want.get("next_layer") == "" else fmt(want["next_needed"], 0))
    if "stage_layer" in want:
        assert f'data-ai45-verdict="{want["stage_layer"] or "none"}"' in out["html"]


GOLDEN_ERR = [c for c in GOLDEN if "error" in c and c["error"] not in ("not_a_list", "not_text")]


@pytest.mark.parametrize("case", GOLDEN_ERR, ids=[c["id"] for c in GOLDEN_ERR])
def test_golden_errors_through_the_widget(case: dict[str, Any]) -> None:
    state = {k: as_text(v) for k, v in case["params"].items()}
    out = json.loads(run("ladder", json.dumps(state), "en"))
    assert out["ok"] is False
    code = out["errors"][0]["code"]
    assert code == case["error"]


@pytest.mark.parametrize(("lang", "ours"), [("en", "our pairing"), ("zh", "本站解读")])
def test_stage_to_rung_pairing_is_marked_as_ours(lang: str, ours: str) -> None:
    """The speech only says the ladder's name honours Pearl (issue 12): wherever the widget pairs a stage with
    one of Pearl's rungs (chart, table, assumptions), it says the pairing is the site's reading."""
    out = call({}, lang)
    assert out["svg"].count(ours) == 3  # one per rung label in the chart
    table = out["html"].split('<details class="ai45-data">', 1)[1]
    assert ours in table.split("</th>", 2)[1]  # the column header of Pearl's rungs
    form = render_widget("ladder", {}, lang, "ladder")
    assumptions = html.unescape(form.split('class="ai45-assumptions"', 1)[1])
    assert "Pearl" in assumptions or "珀尔" in assumptions
    assert ("this site's reading" if lang == "en" else "本站的解读") in assumptions
