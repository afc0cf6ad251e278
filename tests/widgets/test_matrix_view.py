"""The matrix widget: defaults, docs blocks, the checkbox grid, bad input and the numbers it shows."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

import pytest
from ai45widgets import VIEWS, parse_block, render_widget
from ai45widgets.form import render_shell
from ai45widgets.html import esc, fmt
from ai45widgets.views import matrix as view

from ai45core import compute_result
from ai45core.matrix import CELLS, INTERPRETATION_NOTE

from ._views import ROOT, caller, figures, golden

GOLDEN = golden("matrix")
call = caller("matrix")


def cell_states(svg: str) -> list[str]:
    """The 15 grid cells' states, row by row (the legend's samples come after them)."""
    return re.findall(r'class="ai45-cell ai45-cell-(\w+)"', svg)[:15]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_defaults_render(lang: str) -> None:
    out = call({}, lang)
    assert out["ok"], out
    html, svg = out["html"], out["svg"]
    # Defaults: perception × {approximate, intervenable}, reasoning × approximate → level 1 only.
    assert 'data-ai45-verdict="perception"' in html
    assert figures(html)[0] == "1" and figures(html)[2] == "3" and figures(html)[3] == "1"
    assert '<figure class="ai45-figure">' in html and svg in html
    assert 'role="group"' in svg and "<title" in svg and "<desc" in svg
    assert svg.count(">✓</text>") == 3 + 2  # three marked cells, two legend samples
    assert cell_states(svg)[:6] == ["met", "extra", "open", "met", "missing", "open"]
    assert esc(INTERPRETATION_NOTE[lang]) in html  # the rule, as our interpretation, not the paper's method
    header = "rank,level,approximate,intervenable,reflectable,layers_needed,reached,counted"
    assert out["csv"].splitlines()[0] == header
    assert "our interpretation of the paper, not its method" in out["csv"]


def test_interpretation_wording() -> None:
    assert INTERPRETATION_NOTE["en"].startswith("Our interpretation of the paper, not its method.")
    assert "并非论文本身的方法" in INTERPRETATION_NOTE["zh"]


@pytest.mark.parametrize(("met", "level", "verdict"), [
    ("", 0, "none"),
    (",".join(CELLS), 5, "collaboration"),
    ("autonomy:approximate,autonomy:intervenable,autonomy:reflectable", 0, "none"),
    ("perception:approximate reasoning:approximate reasoning:intervenable", 2, "reasoning"),
])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_levels(met: str, level: int, verdict: str, lang: str) -> None:
    out = call({"met": met}, lang)
    assert out["ok"], out
    assert f'data-ai45-verdict="{verdict}"' in out["html"]
    assert figures(out["html"])[0] == fmt(level, 0)
    # The dash-dot line under the highest level reached (the legend always shows one sample).
    # The line under the highest level, and its legend entry, only when a level is reached.
    assert out["svg"].count('class="ai45-diag"') == (2 if level else 0)


@pytest.mark.parametrize(("met", "code", "en", "zh"), [
    ("hello", "unknown_cell", "unknown cell 'hello'", "未知的格子"),
    ("perception", "unknown_cell", "<level>:<layer>", "<等级>:<层>"),
    ("perception:nan", "unknown_cell", "unknown cell", "未知的格子"),
    ("-1", "unknown_cell", "unknown cell", "未知的格子"),
    ("<script>alert(1)</script>", "unknown_cell", "unknown cell", "未知的格子"),
    (",".join(["perception:approximate"] * 101), "too_long", "at most 100", "最多"),
    ("x" * 5000, "too_long", "at most 100", "最多"),
])
def test_bad_input_names_the_field_in_each_language(met: str, code: str, en: str, zh: str) -> None:
    for lang, text in (("en", en), ("zh", zh)):
        out = call({"met": met}, lang)
        assert out["ok"] is False
        [err] = out["errors"]
        assert (err["field"], err["code"]) == ("met", code)
        assert text in err["message"]


def test_hostile_state_is_not_rendered_as_markup() -> None:
    # A bad cell id never reaches the output; the JS shows error messages as text only. The pre-rendered shell
    # (build time) refuses it outright.
    with pytest.raises(ValueError):
        render_widget("matrix", {"met": "<script>alert(1)</script>"}, "en", "matrix")
    assert len(call({"met": "x" * 20_001})["errors"]) == 1


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_checkbox_grid(lang: str) -> None:
    page = render_widget("matrix", {}, lang, "matrix")
    form = page.split('<form', 1)[1].split("</form>", 1)[0]
    grid = form.split('<table class="ai45-grid">', 1)[1].split("</table>", 1)[0]
    assert grid.count('<th scope="col">') == 3 and grid.count('<th scope="row">') == 5
    boxes = re.findall(r'<label class="ai45-grid-cell"><input type="checkbox"([^>]*)>'
                       r'<span class="ai45-sr">(.*?)</span></label>', grid)
    assert [re.search(r'value="([^"]+)"', a).group(1) for a, _ in boxes] == list(CELLS)  # type: ignore[union-attr]
    assert all('name="met"' in a and "tabindex" not in a for a, _ in boxes)  # plain, focusable checkboxes
    checked = [re.search(r'value="([^"]+)"', a).group(1) for a, _ in boxes if " checked" in a]  # type: ignore[union-attr]
    assert checked == view.DEFAULT_MET.split(",")
    # Each box is named "<level> × <layer>" for screen readers, in the page's language.
    name = "Reasoning trustworthiness × Intervenable" if lang == "en" else "推理可信 × 可干预"
    assert boxes[4][1] == name
    assert 'class="ai45-field ai45-checks ai45-gridded"' in form and "<legend>" in form


def test_grid_must_match_options() -> None:
    f = view.VIEW.fields[0]
    bad = replace(view.VIEW, fields=(replace(f, options=f.options[:14]),))
    output = view.render(compute_result("matrix", {"met": view.DEFAULT_MET}), dict(view.VIEW.defaults), "en")
    with pytest.raises(ValueError, match="needs 15 options"):
        render_shell(bad, "m", dict(view.VIEW.defaults), output, "en")


def test_every_text_has_both_languages() -> None:
    for table in (view.T, view.LEVEL_TEXT, view.LAYER_TEXT):
        for key, text in table.items():
            assert set(text) == {"en", "zh"} and all(text.values()), key
    f = view.VIEW.fields[0]
    assert f.hint and f.grid
    for _, text in f.options:
        assert set(text) == {"en", "zh"} and " × " in text["en"] and " × " in text["zh"]
    assert set(view.VIEW.defaults) == {"met"}
    for preset in view.VIEW.presets:
        assert call(dict(preset.values))["ok"]


def test_docs_blocks_render() -> None:
    blocks = []
    for page in sorted((ROOT / "docs").rglob("*.md")):
        lang = "zh" if page.name.endswith(".zh.md") else "en"
        text = page.read_text(encoding="utf-8")
        blocks += [(page.name, lang, b) for b in re.findall(r"```ai45 matrix\n(.*?)```", text, re.S)]
    for name, lang, body in blocks:
        assert "<div" in render_widget("matrix", parse_block(body), lang, "matrix"), name
    assert "matrix" in VIEWS


def _met_text(met: str | list[str]) -> str:
    """Golden params as the text the form sends (checked boxes joined by commas)."""
    return met if isinstance(met, str) else ",".join(met)


def _textual(params: dict[str, Any]) -> bool:
    met = params.get("met", "")
    return set(params) <= {"met"} and (isinstance(met, str) or (isinstance(met, list)
                                                                 and all(isinstance(m, str) for m in met)))


CASES = [c for c in GOLDEN if _textual(c["params"])]


@pytest.mark.parametrize("case", [c for c in CASES if "expect" in c], ids=lambda c: c["id"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_golden_numbers_shown(case: dict[str, Any], lang: str) -> None:
    out = call({"met": _met_text(case["params"].get("met", ""))}, lang)
    assert out["ok"], out
    expect, html = case["expect"], out["html"]
    if "highest_level" in expect:
        assert figures(html)[0] == fmt(expect["highest_level"], 0)
    if "highest_level_id" in expect:
        assert f'data-ai45-verdict="{expect["highest_level_id"] or "none"}"' in html
    if "next_missing" in expect:
        shown = figures(html)[3]
        assert shown == (fmt(len(expect["next_missing"]), 0) if expect.get("next_level", "x") else "—")
    if "grid" in expect:
        states = cell_states(out["svg"])
        want = [cell.get("state") for row in expect["grid"] for cell in row]
        assert [s for s, w in zip(states, want, strict=True) if w] == [w for w in want if w]
    if "met" in expect:
        assert figures(html)[2] == fmt(len(expect["met"]), 0)


@pytest.mark.parametrize("case", [c for c in CASES if "error" in c], ids=lambda c: c["id"])
def test_golden_errors(case: dict[str, Any]) -> None:
    out = call({"met": _met_text(case["params"]["met"])})
    assert out["ok"] is False and out["errors"][0]["code"] == case["error"]
    assert out["errors"][0]["field"] == "met"
