"""The investment widget: defaults, docs blocks, bad input, hostile labels, and the numbers it shows."""

from __future__ import annotations

import csv
import html as htmllib
import io
import re
from typing import Any

import pytest
from ai45widgets import VIEWS, parse_block, render_widget
from ai45widgets.html import fmt
from ai45widgets.views import investment as view

from ai45core import investment

from ._views import ROOT, caller, figures, golden

GOLDEN = golden("investment")
call = caller("investment")
BLANK = {f.name: "" for f in view.VIEW.fields}
"""Every field empty: the core's own defaults apply, so a golden case's params mean exactly what they say."""

# Figure positions (data-ai45-value).
ANGLE, VERDICT, SHARE, BALANCED, PC, PS = range(6)


def as_text(value: object) -> str:
    """Golden params as the text a reader would type (the widget only sends text)."""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def golden_state(params: dict[str, object]) -> dict[str, str]:
    return {**BLANK, **{k: as_text(v) for k, v in params.items()}}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_defaults_render(lang: str) -> None:
    out = call({}, lang)
    assert out["ok"], out
    html = out["html"]
    assert 'class="ai45-verdict' in html and 'data-ai45-verdict="safety_lagging"' in html
    shown = figures(html)
    assert shown[SHARE] == "10.00%" and shown[BALANCED] == "50.00%"
    assert '<figure class="ai45-figure">' in html and out["svg"] in html
    assert '<details class="ai45-data">' in html and "<table" in html
    svg = out["svg"]
    assert svg.startswith("<svg") and 'role="group"' in svg and "<title" in svg and "<desc" in svg
    assert view.T["line45"][lang] in svg and view.T["you"][lang] in svg  # marks named in text too
    assert out["csv"].startswith("safety_share,angle_deg,mark\n")
    assert out["summary"]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_docs_blocks_render(lang: str) -> None:
    for page in sorted((ROOT / "docs").glob("*.md")):
        text = page.read_text(encoding="utf-8")
        for body in re.findall(r"```ai45 investment\n(.*?)```", text, re.S):
            out = render_widget("investment", parse_block(body), lang, "k")
            assert 'data-ai45-state="static"' in out


def test_claimed_share_is_labelled_as_a_claim() -> None:
    for lang in ("en", "zh"):
        html = call({"safety_share": "0.01"}, lang)["html"]
        assert htmllib.escape(investment.CLAIMED_COMPUTE_SAFETY_SHARE_LABEL[lang]) in html
        assert figures(html)[ANGLE] == fmt(5.739170477266787, 2, unit="°")
    assert investment.CLAIMED_COMPUTE_SAFETY_SHARE_LABEL["en"] not in call({"safety_share": "0.02"})["html"]
    preset = next(p for p in view.VIEW.presets if p.id == "claimed")
    assert preset.values["safety_share"] == "0.01"
    assert "as claimed in one report of the speech" in preset.label["en"]
    assert "据一篇演讲报道称" in preset.label["zh"]


def test_presets_fill_known_fields_and_render() -> None:
    names = set(view.VIEW.field_names())
    for preset in view.VIEW.presets:
        assert set(preset.values) <= names
        assert call(dict(preset.values))["ok"]
    assert figures(call({"safety_share": "0.5"})["html"])[ANGLE] == "45.00°"


def test_defaults_cover_every_field() -> None:
    assert set(view.VIEW.defaults) == set(view.VIEW.field_names())
    assert VIEWS["investment"] is view.VIEW


def test_every_text_has_both_languages() -> None:
    for key, text in view.T.items():
        assert text.get("en") and text.get("zh"), key
    for f in view.VIEW.fields:
        assert f.label["en"] and f.label["zh"] and f.hint and f.hint["en"] and f.hint["zh"]


@pytest.mark.parametrize(("state", "field", "code"), [
    ({"safety_share": ""}, "safety_share", "required"),
    ({"safety_share": "abc"}, "safety_share", "not_a_number"),
    ({"safety_share": "NaN"}, "safety_share", "not_finite"),
    ({"safety_share": "1e400"}, "safety_share", "not_finite"),
    ({"safety_share": "-0.1"}, "safety_share", "out_of_range"),
    ({"safety_share": "1.5"}, "safety_share", "out_of_range"),
    ({"alpha": "0"}, "alpha", "out_of_range"),
    ({"alpha": "2"}, "alpha", "out_of_range"),
    ({"efficiency": "-1"}, "efficiency", "out_of_range"),
    ({"efficiency": "1e300"}, "efficiency", "out_of_range"),
    ({"returns": "exp"}, "returns", "not_an_option"),
    ({"returns": "log", "scale_k": "0"}, "scale_k", "out_of_range"),
    ({"tolerance_deg": "45"}, "tolerance_deg", "out_of_range"),
    ({"shares": "0.1, 0.2"}, "shares", "conflicting_params"),  # the default single share is still there
    ({"safety_share": "", "shares": "0, 1"}, "shares", "no_progress"),
    ({"safety_share": "", "shares": "0.1, x"}, "shares", "not_a_number"),
    ({"safety_share": "", "shares": "0.1, 0.2", "weights": "1"}, "weights", "length_mismatch"),
    ({"weights": "1, 2"}, "weights", "needs_shares"),
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


def test_hostile_labels_are_escaped_and_csv_is_defused() -> None:
    hostile = '<script>alert(1)</script>, =HYPERLINK("x"), <img src=x onerror=alert(1)>'
    out = call({"safety_share": "", "shares": "0.1, 0.2, 0.3", "dimensions": hostile})
    assert out["ok"], out
    for text in (out["html"], out["svg"]):
        assert "<script" not in text and "<img" not in text
    assert "&lt;script&gt;" in out["html"]
    rows = list(csv.reader(io.StringIO(out["csv"])))
    names = [r[0] for r in rows if r and r[0] and not r[0][0].isdigit()]
    assert "'=HYPERLINK(\"x\")" in names and not any(n.startswith("=") for n in names)


def test_tiny_shares_are_not_shown_as_zero() -> None:
    html = call({"safety_share": "0.3", "efficiency": "1e6"})["html"]
    assert figures(html)[BALANCED] == "< 0.01%"
    assert "<script" not in html and "&lt; 0.01%" in html


def test_multi_mode_marks_every_dimension() -> None:
    out = call({"safety_share": "", "shares": "0.05, 0.1, 0.01", "dimensions": "talent, drive, compute"})
    assert out["ok"], out
    for name in ("talent", "drive", "compute"):
        assert f">{name}</text>" in out["svg"]
        assert f"\n{name}," in out["csv"]
    assert view.T["equivalent"]["en"] in out["html"]


def test_curve_comes_from_the_core() -> None:
    out = call({"safety_share": "0.25", "alpha": "1"})
    rows = [r for r in csv.reader(io.StringIO(out["csv"]))][1:]
    points = {float(r[0]): float(r[1]) for r in rows if r and r[0] and r[0][0].isdigit()}
    assert points[0.0] == 0.0 and points[1.0] == 90.0
    assert points[0.25] == pytest.approx(18.43494882292201, abs=1e-9)
    angles = [points[s] for s in sorted(points)]
    assert angles == sorted(angles)  # the angle rises with the share


GOOD = [c for c in GOLDEN if "expect" in c]
BAD = [c for c in GOLDEN if "error" in c]


@pytest.mark.parametrize("case", GOOD, ids=[c["id"] for c in GOOD])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_numbers_shown_equal_the_golden_vectors(case: dict[str, Any], lang: str) -> None:
    out = call(golden_state(case["params"]), lang)
    assert out["ok"], out
    shown, want = figures(out["html"]), case["expect"]
    if "angle_deg" in want:
        assert shown[ANGLE] == fmt(want["angle_deg"], 2, unit="°")
    if "balanced_safety_share" in want:
        assert shown[BALANCED] == fmt(want["balanced_safety_share"] * 100, 2, unit="%")
    if "equivalent_share" in want:
        assert shown[SHARE] == fmt(want["equivalent_share"] * 100, 2, unit="%")
    if "capability_progress" in want:
        assert shown[PC] == fmt(want["capability_progress"], 3)
    if "safety_progress" in want:
        assert shown[PS] == fmt(want["safety_progress"], 3)
    if "verdict" in want:
        assert f'data-ai45-verdict="{want["verdict"]}"' in out["html"]
        assert shown[VERDICT] == investment.VERDICT_LABELS[want["verdict"]][lang]
    for dim in want.get("dimensions", []):
        if "angle_deg" in dim:
            assert fmt(dim["angle_deg"], 2, unit="°") in out["html"]
        if dim.get("balancing_share") is not None:
            assert fmt(dim["balancing_share"] * 100, 2, unit="%") in out["html"]


@pytest.mark.parametrize("case", BAD, ids=[c["id"] for c in BAD])
def test_golden_errors_are_reported(case: dict[str, Any]) -> None:
    out = call(golden_state(case["params"]))
    assert out["ok"] is False and out["errors"][0]["code"] == case["error"]
