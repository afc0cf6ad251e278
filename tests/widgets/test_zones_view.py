"""The zones widget: defaults, docs blocks, bad input, hostile names, and the numbers it shows."""

from __future__ import annotations

import csv
import io
import re
from typing import Any

import pytest
from ai45widgets import VIEWS, parse_block, render_widget
from ai45widgets.html import esc, fmt
from ai45widgets.views import zones as view

from ._views import ROOT, caller, drawn, figures, golden

GOLDEN = golden("zones")
call = caller("zones")


def data_rows(html: str) -> list[list[str]]:
    """Body rows of the per-domain data table (the one inside <details class="ai45-data">)."""
    block = html.split('<details class="ai45-data">', 1)[1]
    body = block.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [re.findall(r"<td>(.*?)</td>", row) for row in re.findall(r"<tr>(.*?)</tr>", body)]


def as_text(domains: object) -> str:
    """Golden params as the text a reader would type (the widget only sends text)."""
    if isinstance(domains, str):
        return domains
    assert isinstance(domains, list)
    return "\n".join(f"{d['name']}, {d['score']}, {d['yellow']}, {d['red']}" for d in domains)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_defaults_render(lang: str) -> None:
    out = call({}, lang)
    assert out["ok"], out
    html = out["html"]
    assert 'data-ai45-verdict="red"' in html  # example A green, B yellow, C red
    assert [figures(html)[i] for i in (1, 2, 3, 4)] == ["1", "1", "1", "3"]
    assert '<figure class="ai45-figure">' in html and out["svg"] in html
    assert 'role="group"' in out["svg"] and "<title" in out["svg"] and "<desc" in out["svg"]
    assert out["csv"].startswith("domain,score,yellow_line,red_line,to_yellow,to_red,zone,response\n")
    assert out["summary"]
    # The default rows are made up, and say so; nothing claims to assess a real model.
    assert all(row.startswith("example ") for row in view.DEFAULT_DOMAINS.splitlines())
    note = view.T["not_assessment"][lang]
    assert esc(note) in html and esc(view.T["illustrative"][lang]) in html


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_chart_marks_lines_and_zones_in_text(lang: str) -> None:
    svg = drawn(call({}, lang)["svg"])
    # One dashed yellow mark and one solid red mark per domain (+1 each in the legend); their legend is text.
    yellow = re.findall(r'<line class="ai45-yellow-line"[^>]*>', svg)
    red = re.findall(r'<line class="ai45-red-line"[^>]*>', svg)
    assert len(yellow) == len(red) == 4
    assert all("stroke-dasharray" in m for m in yellow) and not any("stroke-dasharray" in m for m in red)
    assert view.T["yellow_legend"][lang] in svg and view.T["red_legend"][lang] in svg
    # The zone is written beside each bar, and each zone has its own pattern.
    for zone in ("green", "yellow", "red"):
        assert svg.count(f">{view.ZONE_TEXT[zone][lang]}<") == 1  # legend
        assert f'url(#ai45-z{zone}-' in svg
    assert svg.count(" · ") == 3


def test_policy_table_and_counts() -> None:
    html = call({"domains": "a, 10, 40, 70\nb, 40, 40, 70\nc, 69.99, 40, 70"})["html"]
    policy = html.split('class="ai45-table ai45-policy"', 1)[1].split("</table>", 1)[0]
    for zone in ("green", "yellow", "red"):
        assert view.ZONE_TEXT[zone]["en"] in policy
    assert "Suspend development and/or deployment." in policy
    body = policy.split("<tbody>", 1)[1]
    rows = [re.findall(r"<td>(.*?)</td>", r) for r in re.findall(r"<tr>(.*?)</tr>", body)]
    assert [r[-1] for r in rows] == ["1", "2", "0"]
    # A score just under a line is shown with its own decimals, never rounded onto the line.
    assert data_rows(html)[2][1] == "69.99"


@pytest.mark.parametrize(("state", "code", "en", "zh"), [
    ({"domains": ""}, "no_rows", "at least one domain", "至少填写一个领域"),
    ({"domains": "name, score, yellow, red\n"}, "no_rows", "at least one domain", "至少"),
    ({"domains": "hello"}, "bad_row", "line 1", "第 1 行"),
    ({"domains": "a, 1, 2, 3\nb, 1, 2"}, "bad_row", "line 2: needs 4 fields", "第 2 行"),
    ({"domains": "a, 1, 2, 3\n\nb, x, 2, 3"}, "bad_row", "line 3: score must be a finite number", "第 3 行"),
    ({"domains": "a, nan, 1, 2"}, "bad_row", "finite", "有限"),
    ({"domains": "a, 1e309, 1, 2"}, "bad_row", "finite", "有限"),
    ({"domains": "a, 1, 3, 2"}, "thresholds_inverted", "yellow line must be below", "黄线必须低于红线"),
    ({"domains": "\n".join(f"d{i}, 1, 2, 3" for i in range(101))}, "too_long", "at most 100", "最多"),
])
def test_bad_input_names_the_field_in_each_language(state: dict[str, str], code: str, en: str,
                                                    zh: str) -> None:
    for lang, text in (("en", en), ("zh", zh)):
        out = call(state, lang)
        assert out["ok"] is False
        [err] = out["errors"]
        assert (err["field"], err["code"]) == ("domains", code)
        assert text in err["message"]


def test_overflow_is_refused() -> None:
    out = call({"domains": "a, -1e308, 1e308, 1.5e308"})
    assert out["ok"] is False and out["errors"][0]["code"] == "overflow"


def test_huge_and_negative_numbers_render() -> None:
    out = call({"domains": "a, -5, -10, 0\nb, 1e300, 1e301, 1e302"})
    assert out["ok"], out
    assert [r[1] for r in data_rows(out["html"])] == ["−5", "1e+300"]
    assert "1e+300" in out["svg"] and "nan" not in out["svg"].lower()
    assert len(call({"domains": "x" * 20_001})["errors"]) == 1  # refused before it reaches the core


HOSTILE = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "=HYPERLINK(\"http://x\")",
           "@SUM(A1) ' <b>", "</textarea><script>x()</script>"]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_hostile_names_are_escaped(lang: str) -> None:
    text = "\n".join(f"{name}, {i * 20}, 30, 60" for i, name in enumerate(HOSTILE))
    out = call({"domains": text}, lang)
    assert out["ok"], out
    for part in (out["html"], out["svg"], out["summary"]):
        assert "<script" not in part and "<img" not in part and "<b>" not in part
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out["html"]
    rows = list(csv.reader(io.StringIO(out["csv"])))
    names = [r[0] for r in rows[1:1 + len(HOSTILE)]]
    assert names[2].startswith("'=") and names[3].startswith("'@")
    # The whole pre-rendered widget (textarea, defaults attribute) is safe too.
    page = render_widget("zones", {"domains": text}, lang, "zones")
    assert "<script" not in page and "<img" not in page
    assert page.count("</textarea>") == 2  # the CSV box and the embed box: a name cannot close either


def test_every_text_has_both_languages() -> None:
    for table in (view.T, view.ZONE_TEXT):
        for key, text in table.items():
            assert set(text) == {"en", "zh"} and all(text.values()), key
    for f in view.VIEW.fields:
        assert f.hint and set(f.label) == set(f.hint) == {"en", "zh"}
    assert set(view.VIEW.defaults) == {f.name for f in view.VIEW.fields}
    for preset in view.VIEW.presets:
        assert "illustrative" in preset.label["en"] and "示意" in preset.label["zh"]
        assert call(dict(preset.values))["ok"]


def test_docs_blocks_render() -> None:
    blocks = []
    for page in sorted((ROOT / "docs").rglob("*.md")):
        lang = "zh" if page.name.endswith(".zh.md") else "en"
        text = page.read_text(encoding="utf-8")
        blocks += [(page.name, lang, b) for b in re.findall(r"```ai45 zones\n(.*?)```", text, re.S)]
    for name, lang, body in blocks:
        assert "<div" in render_widget("zones", parse_block(body), lang, "zones"), name
    assert "zones" in VIEWS


CASES = [c for c in GOLDEN if c["params"] and isinstance(c["params"].get("domains"), str | list)
         and set(c["params"]) == {"domains"}]
ERROR_CASES = [c for c in CASES if "error" in c and isinstance(c["params"]["domains"], str)]


@pytest.mark.parametrize("case", [c for c in CASES if "expect" in c], ids=lambda c: c["id"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_golden_numbers_shown(case: dict[str, Any], lang: str) -> None:
    out = call({"domains": as_text(case["params"]["domains"])}, lang)
    assert out["ok"], out
    expect = case["expect"]
    html = out["html"]
    if "overall" in expect:
        assert f'data-ai45-verdict="{expect["overall"]}"' in html
        assert figures(html)[0] == view.ZONE_TEXT[expect["overall"]][lang]
    if "counts" in expect:
        shown = figures(html)
        want = [fmt(expect["counts"][z], 0) for z in ("green", "yellow", "red")]
        assert [shown[1], shown[2], shown[3]] == want
    rows = data_rows(html)
    for row, want in zip(rows, expect.get("domains", []), strict=False):
        if "name" in want:
            assert row[0] == want["name"]
        for col, key in ((1, "score"), (4, "to_yellow"), (5, "to_red")):
            if key in want:
                assert row[col] == view.num(want[key])
                if float(want[key]).is_integer():
                    assert row[col] == fmt(want[key], 0)
        if "zone" in want:
            assert row[6] == view.ZONE_TEXT[want["zone"]][lang]


@pytest.mark.parametrize("case", ERROR_CASES,
                         ids=lambda c: c["id"])
def test_golden_errors(case: dict[str, Any]) -> None:
    out = call({"domains": case["params"]["domains"]})
    assert out["ok"] is False and out["errors"][0]["code"] == case["error"]
    assert out["errors"][0]["field"] == "domains"


def test_num_keeps_typed_precision() -> None:
    shown = [view.num(x) for x in (80.0, 79.95, -0.5, 1 / 3, 2e15)]
    assert shown == ["80", "79.95", "−0.5", "0.333333", "2e+15"]
