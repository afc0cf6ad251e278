"""The benchmarks widget: defaults, docs blocks, bad input, hostile names, falls, and the numbers it shows."""

from __future__ import annotations

import csv
import io
import re
from typing import Any

import pytest
from ai45widgets import VIEWS, parse_block, render_widget
from ai45widgets.html import esc, fmt
from ai45widgets.views import benchmarks as view

from ai45core import benchmarks

from ._views import ROOT, caller, figures, golden, tables

GOLDEN = golden("benchmarks")
call = caller("benchmarks")
BLANK = {f.name: "" for f in view.VIEW.fields}
"""Every field empty: the core's own defaults apply (preset "" = custom data), as in the golden vectors."""

# Figure positions (data-ai45-value).
MEANS, CHANGE, CHANGE_OF_MEAN, MEAN_OF_CHANGES, FELL, ANGLE = range(6)


def as_text(value: object) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def golden_state(params: dict[str, object]) -> dict[str, str]:
    return {**BLANK, **{k: as_text(v) for k, v in params.items()}}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_defaults_render_the_safework_safety_table(lang: str) -> None:
    out = call({}, lang)
    assert out["ok"], out
    html = out["html"]
    assert 'class="ai45-verdict' in html and "data-ai45-verdict=" in html
    assert figures(html)[MEANS] == f"{fmt(63.4, 3)} → {fmt(89.125, 3)}" == "63.400 → 89.125"
    assert '<figure class="ai45-figure">' in html and out["svg"] in html
    svg = out["svg"]
    assert svg.startswith("<svg") and 'role="group"' in svg and "<title" in svg and "<desc" in svg
    header = "benchmark,before,after,change_points,change_pct,headroom_closed_pct,direction\n"
    assert out["csv"].startswith(header)
    assert out["summary"]
    # The source is named and linked.
    assert 'href="https://huggingface.co/AI45Research/SafeWork-R1"' in html


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_docs_blocks_render(lang: str) -> None:
    for page in sorted((ROOT / "docs").glob("*.md")):
        text = page.read_text(encoding="utf-8")
        for body in re.findall(r"```ai45 benchmarks\n(.*?)```", text, re.S):
            out = render_widget("benchmarks", parse_block(body), lang, "k")
            assert 'data-ai45-state="static"' in out


def test_block_naming_only_the_values_preset_shows_that_table() -> None:
    html = call({"preset": "safework_values"})["html"]
    assert "FLAMES" in html and "MM-SafetyBench" not in html
    assert esc(benchmarks.SAFEWORK_VALUES.note["en"]) in html


def test_presets_are_labelled_with_their_source_and_render() -> None:
    names = set(view.VIEW.field_names())
    for preset in view.VIEW.presets:
        assert set(preset.values) <= names
        assert call(dict(preset.values))["ok"]
        if preset.values["preset"].startswith("safework"):
            assert "model card" in preset.label["en"] and "模型卡" in preset.label["zh"]
        else:
            assert "illustrative" in preset.label["en"] and "示意" in preset.label["zh"]


def test_defaults_cover_every_field() -> None:
    assert set(view.VIEW.defaults) == set(view.VIEW.field_names())
    assert VIEWS["benchmarks"] is view.VIEW


def test_every_text_has_both_languages() -> None:
    for key, text in view.T.items():
        assert text.get("en") and text.get("zh"), key
    for f in view.VIEW.fields:
        assert f.label["en"] and f.label["zh"] and f.hint and f.hint["en"] and f.hint["zh"]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_reported_figure_only_with_the_unedited_safety_table(lang: str) -> None:
    label = benchmarks.SAFEWORK_SAFETY.reported_label
    assert label is not None
    html = call({}, lang)["html"]
    assert esc(label[lang]) in html and "46.54%" in html
    assert esc(view.T["agg_reported"][lang]) in call({}, lang)["svg"]
    edited = call({"after": "92, 74.8, 99.2, 80"}, lang)
    assert "46.54" not in edited["html"] and "46.54" not in edited["svg"]
    assert "46.54" not in call({"preset": "safework_values"}, lang)["html"]
    assert "46.54" not in call({"preset": "custom", "before": "10, 20", "after": "20, 30"}, lang)["html"]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_both_aggregates_side_by_side_with_the_reason(lang: str) -> None:
    out = call({}, lang)
    html, svg = out["html"], out["svg"]
    shown = figures(html)
    assert shown[CHANGE_OF_MEAN] == "+" + fmt(40.57570977917982, 2, unit="%")
    assert shown[MEAN_OF_CHANGES] == "+" + fmt(53.84955000496203, 2, unit="%")
    assert 'class="ai45-note ai45-aggregation"' in html
    assert fmt(53.84955000496203 - 40.57570977917982, 2) in html  # the gap, in percentage points
    assert view.T["agg_change_of_mean"][lang] in svg and view.T["agg_mean_of_changes"][lang] in svg


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_falls_are_drawn_and_labelled(lang: str) -> None:
    out = call({"preset": "safework_values"}, lang)
    svg, html = out["svg"], out["html"]
    assert svg.count('class="ai45-bar-fell"') == 2  # points and percent panels
    assert "−4.8 ▼" in svg and view.T["legend_fell"][lang] in svg
    assert figures(html)[FELL] == "1: M³oralBench Response"
    row = next(r for r in tables(html)[0] if r[0] == "M³oralBench Response")
    assert row[3] == fmt(-4.8, 2) and row[-1] == "▼ " + view.T["fell"][lang]


def test_no_angle_without_a_capability_gain() -> None:
    html = call({})["html"]
    assert figures(html)[ANGLE] == "—" and 'data-ai45-verdict="no_angle"' in html
    html = call({"capability_gain": "25.725"})["html"]
    assert figures(html)[ANGLE] == "45.00°" and 'data-ai45-verdict="balanced"' in html


@pytest.mark.parametrize(("state", "field", "code"), [
    ({"preset": "custom"}, "before", "required"),
    ({"preset": "custom", "before": "1, 2", "after": ""}, "after", "required"),
    ({"preset": "custom", "before": "abc", "after": "1"}, "before", "not_a_number"),
    ({"preset": "custom", "before": "nan", "after": "1"}, "before", "not_finite"),
    ({"preset": "custom", "before": "1e400", "after": "1"}, "before", "not_finite"),
    ({"preset": "custom", "before": "-1", "after": "1"}, "before", "out_of_range"),
    ({"preset": "custom", "before": "50", "after": "101"}, "after", "out_of_range"),
    ({"preset": "custom", "before": "1, 2", "after": "1"}, "after", "length_mismatch"),
    ({"preset": "custom", "before": "1, 2", "after": "1, 2", "names": "a"}, "names", "length_mismatch"),
    ({"preset": "nope"}, "preset", "not_an_option"),
    ({"capability_gain": "abc"}, "capability_gain", "not_a_number"),
    ({"capability_gain": "inf"}, "capability_gain", "not_finite"),
    ({"max_score": "0"}, "max_score", "out_of_range"),
    ({"max_score": "-5"}, "max_score", "out_of_range"),
    ({"average": "stated", "after": "92, 74.8, 99.2, 80"}, "average", "no_stated_average"),
    ({"tolerance_deg": "90"}, "tolerance_deg", "out_of_range"),
])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_bad_input_names_the_field_in_the_readers_language(state: dict[str, str], field: str, code: str,
                                                            lang: str) -> None:
    out = call(state, lang)
    assert out["ok"] is False
    [error] = out["errors"]
    assert (error["field"], error["code"]) == (field, code)
    has_chinese = re.search(r"[\u4e00-\u9fff]", error["message"]) is not None
    assert has_chinese == (lang == "zh")


def test_hostile_names_are_escaped_and_csv_is_defused() -> None:
    names = '<script>alert(1)</script>, =HYPERLINK("x"), <img src=x onerror=alert(1)>'
    out = call({"preset": "custom", "names": names, "before": "10, 50, 0", "after": "20, 40, 5"})
    assert out["ok"], out
    for text in (out["html"], out["svg"]):
        assert "<script" not in text and "<img" not in text
    assert "&lt;script&gt;" in out["html"]
    first = [r[0] for r in csv.reader(io.StringIO(out["csv"])) if r]
    assert "'=HYPERLINK(\"x\")" in first and not any(c.startswith("=") for c in first)


def test_zero_baseline_is_not_applicable_not_infinite() -> None:
    out = call({"preset": "custom", "names": "A, B", "before": "0, 50", "after": "10, 50"})
    row = tables(out["html"])[0][0]
    assert row[0] == "A" and row[4] == view.T["na"]["en"]
    assert "inf" not in out["csv"].lower() and "nan" not in out["csv"].lower()
    assert view.T["na"]["en"] in out["svg"]


GOOD = [c for c in GOLDEN if "expect" in c]
BAD = [c for c in GOLDEN if "error" in c]


@pytest.mark.parametrize("case", GOOD, ids=[c["id"] for c in GOOD])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_numbers_shown_equal_the_golden_vectors(case: dict[str, Any], lang: str) -> None:
    out = call(golden_state(case["params"]), lang)
    assert out["ok"], out
    html, want = out["html"], case["expect"]
    shown = figures(html)
    signed = view.signed
    if "mean_before" in want:
        assert shown[MEANS] == f"{fmt(want['mean_before'], 3)} → {fmt(want['mean_after'], 3)}"
    if "mean_change_points" in want:
        assert shown[CHANGE] == signed(want["mean_change_points"], 3)
        assert fmt(abs(want["mean_change_points"]), 3) in shown[CHANGE]
    if "change_of_mean_pct" in want:
        assert shown[CHANGE_OF_MEAN] == signed(want["change_of_mean_pct"], 2, "%")
        assert fmt(abs(want["change_of_mean_pct"]), 2, unit="%") in shown[CHANGE_OF_MEAN]
    if "mean_of_changes_pct" in want:
        assert shown[MEAN_OF_CHANGES] == signed(want["mean_of_changes_pct"], 2, "%")
    if "fell" in want:
        assert shown[FELL] == (f"{len(want['fell'])}: {', '.join(want['fell'])}" if want["fell"] else "0")
    if "angle_deg" in want:
        assert shown[ANGLE] == fmt(want["angle_deg"], 2, unit="°")
    if want.get("verdict"):
        assert f'data-ai45-verdict="{want["verdict"]}"' in html
    rows = tables(html)[0]
    for row, b in zip(rows, want.get("benchmarks", []), strict=False):
        if "name" in b:
            assert row[0] == b["name"]
        if "change_points" in b:
            assert row[3] == signed(b["change_points"], 2)
        if "change_pct" in b:
            na = view.T["na"][lang]
            assert row[4] == (na if b["change_pct"] is None else signed(b["change_pct"], 2, "%"))
        if "headroom_closed_pct" in b:
            assert row[5] == fmt(b["headroom_closed_pct"], 2, unit="%")
    aggregates = dict((r[0], r[1]) for r in tables(html)[1])
    if want.get("stated_mean_before") is not None:
        assert aggregates[view.T["stated_means"][lang]] == (f"{fmt(want['stated_mean_before'], 1)} → "
                                                           f"{fmt(want['stated_mean_after'], 1)}")
    if want.get("stated_change_of_mean_pct") is not None:
        assert aggregates[view.T["stated_change"][lang]] == signed(want["stated_change_of_mean_pct"], 2, "%")
    if "reported_change_pct" in want:
        got = aggregates.get(view.T["reported"][lang])
        reported = want["reported_change_pct"]
        assert got == (None if reported is None else signed(reported, 2, "%"))
    if "safety_gain" in want:
        unit = "%" if case["params"].get("scale") == "index" else ""
        assert aggregates[view.T["safety_gain"][lang]] == signed(want["safety_gain"], 2 if unit else 3, unit)
    for comp in want.get("comparison", []):
        row = next(r for r in tables(html)[2] if r[0] == comp["model"])
        assert row[-1] == (", ".join(comp["higher_than_after"]) or view.T["none"][lang])


@pytest.mark.parametrize("case", BAD, ids=[c["id"] for c in BAD])
def test_golden_errors_are_reported(case: dict[str, Any]) -> None:
    out = call(golden_state(case["params"]))
    assert out["ok"] is False and out["errors"][0]["code"] == case["error"]
