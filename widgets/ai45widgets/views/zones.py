"""The zones widget: red and yellow lines per risk domain (2025 framework), for numbers the reader sets."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

from ai45core import zones

from ..html import attrs, esc, fmt, t, table
from ..spec import Field, Output, Preset, View
from ..ui import UI
from ._util import to_csv, uid

T = {
    "title": {"en": "Red and yellow lines: which zone is each domain in?",
              "zh": "红线与黄线：每个领域落在哪个区？"},
    "domains": {"en": "Risk domains, one per line: name, score, yellow line, red line",
                "zh": "风险领域，每行一个：名称, 分数, 黄线, 红线"},
    "domains_hint": {
        "en": "Higher score = more danger; the yellow line must be below the red line. Separate fields with "
              "commas, semicolons or tabs; a first line without numbers is read as a header. 1 to 100 rows. "
              "All numbers are yours: the sources give no thresholds.",
        "zh": "分数越高越危险；黄线必须低于红线。各项用逗号、分号或制表符分隔；"
              "第一行若不含数字，视为表头。1 至 100 行。所有数字都由你设定："
              "资料中没有给出任何阈值。"},
    "overall": {"en": "Overall (worst) zone", "zh": "总体（最严重）分区"},
    "n_domains": {"en": "Domains", "zh": "领域数"},
    "count_green": {"en": "In the green zone", "zh": "绿区领域数"},
    "count_yellow": {"en": "In the yellow zone", "zh": "黄区领域数"},
    "count_red": {"en": "In the red zone", "zh": "红区领域数"},
    "domain": {"en": "Domain", "zh": "领域"},
    "score": {"en": "Score", "zh": "分数"},
    "yellow_line": {"en": "yellow line", "zh": "黄线"},
    "red_line": {"en": "red line", "zh": "红线"},
    "yellow_col": {"en": "Yellow line", "zh": "黄线"},
    "red_col": {"en": "Red line", "zh": "红线"},
    "to_yellow": {"en": "To the yellow line (yellow − score)", "zh": "距黄线（黄线 − 分数）"},
    "to_red": {"en": "To the red line (red − score)", "zh": "距红线（红线 − 分数）"},
    "zone": {"en": "Zone", "zh": "分区"},
    "condition": {"en": "When it applies", "zh": "适用条件"},
    "response": {"en": "Response in the 2025 framework", "zh": "2025 年框架中的应对措施"},
    "in_zone": {"en": "Your domains here", "zh": "落在此区的领域"},
    "policy_caption": {"en": "What each zone calls for (paraphrased from the 2025 report)",
                       "zh": "各区对应的应对措施（据 2025 年报告转述）"},
    "chart_title": {"en": "Score of each domain against its own yellow and red line",
                    "zh": "各领域的分数与其自身黄线、红线的对比"},
    "chart_desc": {"en": "One bar per domain on a shared axis. A dashed mark shows the domain's yellow line, "
                         "a solid mark its red line; the zone is written beside each bar.",
                   "zh": "每个领域一根横条，共用同一坐标轴。虚线标记为该领域的黄线，实线标记为红线；"
                         "每根横条旁写明所在分区。"},
    "yellow_legend": {"en": "yellow line (Y, dashed)", "zh": "黄线（虚线，标“黄”）"},
    "red_legend": {"en": "red line (R, solid)", "zh": "红线（实线，标“红”）"},
    "y_letter": {"en": "Y", "zh": "黄"},
    "r_letter": {"en": "R", "zh": "红"},
    "not_assessment": {
        "en": "This tool only sorts the numbers you set into zones. It assesses no real AI model, and no "
              "threshold here comes from a source: our sources give no numeric red or yellow lines.",
        "zh": "本工具只是把你设定的数字归入各区。它不评估任何真实的 AI 模型，"
              "这里的阈值也不来自任何资料：我们所依据的资料中没有红线或黄线的具体数值。"},
    "illustrative": {
        "en": "Rows named \"example …\" are made-up numbers to show how the zones work; they are not real "
              "risk domains and come from no source.",
        "zh": "名为“example …”的各行是为演示分区而编造的数字，"
              "不是真实的风险领域，也不来自任何资料。"},
    "line_rule": {"en": "A score equal to a line counts as reaching it.",
                  "zh": "分数恰好等于某条线时，算作已触及该线。"},
    "sources": {"en": "Where red and yellow lines come from", "zh": "红线和黄线的出处"},
    "source_link": {"en": "source", "zh": "来源"},
    "preset_same_score": {"en": "Same score, different lines (illustrative)",
                          "zh": "分数相同、红黄线不同（示意）"},
    "preset_three": {"en": "One row in each zone (illustrative)", "zh": "三个区各一行（示意）"},
    "preset_on_line": {"en": "Scores exactly on a line (illustrative)", "zh": "分数恰好压线（示意）"},
}

ZONE_TEXT = {z.id: {"en": z.en, "zh": z.zh} for z in zones.ZONES}
# zone → (fill colour, pattern kind): each zone has its own pattern, so print and colour-blind readers can
# tell them apart; colours pass 3:1 against white (WCAG 1.4.11). White pattern lines show in dark mode too.
ZONE_STYLE = {"green": ("#1b7f3b", "solid"), "yellow": ("#a16207", "hatch"), "red": ("#b91c1c", "cross")}
LINE_STYLE = {"yellow": ("#a16207", "5 3", 2.0), "red": ("#b91c1c", "", 2.5)}

DEFAULT_DOMAINS = "example A, 30, 40, 70\nexample B, 55, 40, 70\nexample C, 55, 30, 50"

VIEW = View(
    name="zones",
    title=T["title"],
    fields=(Field("domains", "csv", T["domains"], T["domains_hint"], rows=5),),
    defaults={"domains": DEFAULT_DOMAINS},
    presets=(
        Preset("same_score", T["preset_same_score"], {"domains": DEFAULT_DOMAINS}),
        Preset("three", T["preset_three"], {"domains": "name, score, yellow, red\n" + "\n".join(
            f"{name}, {s:g}, {y:g}, {r:g}" for name, s, y, r in zones.EXAMPLE_DOMAINS)}),
        Preset("on_line", T["preset_on_line"], {"domains": "example D, 40, 40, 70\nexample E, 70, 40, 70"}),
    ),
    render=lambda result, params, lang: render(result, params, lang),
    assumptions=zones.ASSUMPTIONS,
)


def num(x: float) -> str:
    """A number as typed: as many decimals as it has (up to 6), so 79.95 never shows as "80.0" next to a
    red line of 80; astronomically large values in scientific notation so they fit the chart."""
    if not math.isfinite(x):
        return fmt(x)
    if abs(x) >= 1e12:
        return f"{x:.3g}".replace("-", "−")
    for digits in range(7):
        if abs(round(x, digits) - x) <= 1e-9 * max(1.0, abs(x)):
            return fmt(x, digits)
    return fmt(x, 6)


def _short(name: str, n: int = 22) -> str:
    return name if len(name) <= n else name[: n - 1] + "…"


def _ticks(lo: float, hi: float) -> list[float]:
    """Round tick values covering [lo, hi] (about five), computed without overflowing near ±1e308."""
    quarter = hi / 4 - lo / 4
    step = 10 ** math.floor(math.log10(quarter)) if quarter > 0 else 1.0
    for mult in (1, 2, 5, 10):
        if quarter / (step * mult) <= 1.5:
            step *= mult
            break
    start = math.ceil(lo / step)
    out = []
    for k in range(12):
        value = (start + k) * step
        if value > hi + step * 1e-9:
            break
        out.append(value)
    return out


_WHITE_LINE = '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#ffffff" stroke-width="2" stroke-opacity="0.7"/>'


def _patterns(u: str) -> str:
    defs = []
    for zone, (colour, kind) in ZONE_STYLE.items():
        lines = ""
        if kind in ("hatch", "cross"):
            lines += _WHITE_LINE.format(0, 0, 0, 6)
        if kind == "cross":
            lines += _WHITE_LINE.format(0, 3, 6, 3)
        defs.append(f'<pattern id="ai45-z{zone}-{u}" width="6" height="6" patternUnits="userSpaceOnUse" '
                    f'patternTransform="rotate(45)"><rect width="6" height="6" fill="{colour}"/>{lines}'
                    "</pattern>")
    return "<defs>" + "".join(defs) + "</defs>"


def _mark(which: str, x: float, y1: float, y2: float, *, halo: bool = False) -> str:
    """A threshold mark: dashed for the yellow line, solid and thicker for the red line (not colour alone)."""
    colour, dash, width = LINE_STYLE[which]
    line = attrs(class_=f"ai45-{which}-line", x1=f"{x:.1f}", y1=y1, x2=f"{x:.1f}", y2=y2, stroke=colour,
                 stroke_width=width, stroke_dasharray=dash or None)
    under = (f'<line class="ai45-halo" x1="{x:.1f}" y1="{y1}" x2="{x:.1f}" y2="{y2}" stroke="#ffffff" '
             f'stroke-width="{width + 2.5}"/>') if halo else ""
    return f"{under}<line{line}/>"


def zones_chart(domains: Sequence[Mapping[str, Any]], *, lang: str, uid: str) -> str:
    """One bar per domain on a shared axis from 0, its own yellow (dashed) and red (solid) line marks, and
    the score and zone written beside the bar."""
    left, plot, right_w, row_h, top = 150.0, 300.0, 150.0, 34.0, 8.0
    values = [float(v) for d in domains for v in (d["score"], d["yellow"], d["red"])] + [0.0]
    lo, hi = min(values), max(values)
    pad = hi / 20 - lo / 20  # halves and twentieths: no overflow even at ±1e308
    lo, hi = (lo - pad if lo < 0 else lo), hi + pad
    half_span = hi / 2 - lo / 2

    def px(v: float) -> float:
        return left + (v / 2 - lo / 2) / half_span * plot

    parts = [_patterns(uid)]
    zero = px(0.0)
    bottom = top + len(domains) * row_h
    text = 'font-size="12" fill="#111827"'
    for i, d in enumerate(domains):
        y0 = top + i * row_h
        bar_y, bar_h = y0 + 12, 14.0
        x_s = px(float(d["score"]))
        name, zone = str(d["name"]), str(d["zone"])
        bar = attrs(class_=f"ai45-zbar ai45-z{zone}", x=f"{min(zero, x_s):.1f}", y=bar_y,
                    width=f"{abs(x_s - zero):.1f}", height=bar_h, fill=f"url(#ai45-z{zone}-{uid})")
        parts.append(f'<g class="ai45-zrow"><title>{esc(name)}</title>'
                     f'<text x="{left - 8}" y="{bar_y + 11}" text-anchor="end" {text}>'
                     f"{esc(_short(name))}</text>"
                     f"<rect{bar}/>")
        for which, letter, anchor, dx in (("yellow", T["y_letter"], "end", -2),
                                          ("red", T["r_letter"], "start", 2)):
            x = px(float(d[which]))
            parts.append(_mark(which, x, y0 + 9, bar_y + bar_h + 5, halo=True)
                         + f'<text x="{x + dx:.1f}" y="{y0 + 8}" font-size="9" text-anchor="{anchor}" '
                         f'fill="#374151">{esc(t(letter, lang))}</text>')
        parts.append(f'<text x="{left + plot + 8}" y="{bar_y + 11}" {text}>'
                     f"{esc(num(d['score']))} · {esc(t(ZONE_TEXT[zone], lang))}</text></g>")
    # Shared axis with round ticks, and the zero line the bars grow from.
    axis = 'stroke="#6b7280"'
    parts.append(f'<line x1="{left}" y1="{bottom}" x2="{left + plot}" y2="{bottom}" {axis}/>'
                 f'<line x1="{zero:.1f}" y1="{top}" x2="{zero:.1f}" y2="{bottom}" {axis}/>')
    for v in _ticks(lo, hi):
        x = px(v)
        parts.append(f'<line x1="{x:.1f}" y1="{bottom}" x2="{x:.1f}" y2="{bottom + 4}" {axis}/>'
                     f'<text x="{x:.1f}" y="{bottom + 16}" font-size="10" text-anchor="middle" '
                     f'fill="#374151">{esc(num(v))}</text>')
    parts.append(f'<text x="{left + plot / 2}" y="{bottom + 32}" font-size="11" text-anchor="middle" '
                 f'fill="#111827">{esc(t(T["score"], lang))} →</text>')
    # Legend: pattern and text for each zone, dash and text for each line.
    ly = bottom + 50
    for j, z in enumerate(ZONE_STYLE):
        x = 10 + j * 190
        parts.append(f'<rect x="{x}" y="{ly - 10}" width="26" height="12" fill="url(#ai45-z{z}-{uid})"/>'
                     f'<text x="{x + 32}" y="{ly}" {text}>{esc(t(ZONE_TEXT[z], lang))}</text>')
    ly += 20
    for j, which in enumerate(("yellow", "red")):
        x = 10 + j * 190
        parts.append(_mark(which, x + 12, ly - 14, ly + 5)
                     + f'<text x="{x + 32}" y="{ly}" {text}>{esc(t(T[which + "_legend"], lang))}</text>')
    width_total = left + plot + right_w
    title, desc = t(T["chart_title"], lang), t(T["chart_desc"], lang)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="ai45-chart" viewBox="0 0 {width_total:.0f} '
            f'{ly + 10:.0f}" role="img" aria-labelledby="ai45-t-{uid} ai45-d-{uid}" font-family="sans-serif">'
            f'<title id="ai45-t-{uid}">{esc(title)}</title><desc id="ai45-d-{uid}">{esc(desc)}</desc>'
            + "".join(parts) + "</svg>")


def render(r: dict[str, Any], params: Mapping[str, str], lang: str) -> Output:
    """Verdict, counts per zone, the bars with their lines, the policy table, the data table and notes."""
    domains: list[dict[str, Any]] = r["domains"]
    overall = str(r["overall"])
    overall_text = t(ZONE_TEXT[overall], lang)
    sentence = r["sentence_zh"] if lang == "zh" else r["sentence_en"]
    counts: dict[str, int] = r["counts"]
    svg = zones_chart(domains, lang=lang, uid=uid("zones", params))
    figures = [
        (t(T["overall"], lang), esc(overall_text)),
        (t(T["count_green"], lang), fmt(counts["green"], 0)),
        (t(T["count_yellow"], lang), fmt(counts["yellow"], 0)),
        (t(T["count_red"], lang), fmt(counts["red"], 0)),
        (t(T["n_domains"], lang), fmt(len(domains), 0)),
    ]
    dl = "".join(f'<div><dt>{esc(k)}</dt><dd data-ai45-value="{i}">{v}</dd></div>'
                 for i, (k, v) in enumerate(figures))
    policy_rows = [[esc(t(ZONE_TEXT[z["id"]], lang)), esc(z[f"condition_{lang}"]), esc(z[f"response_{lang}"]),
                    fmt(counts[z["id"]], 0)] for z in r["policy"]]
    policy = table(esc(t(T["policy_caption"], lang)),
                   [esc(t(T[k], lang)) for k in ("zone", "condition", "response", "in_zone")], policy_rows,
                   cls="ai45-table ai45-policy")
    data_rows = [[esc(d["name"]), num(d["score"]), num(d["yellow"]), num(d["red"]), num(d["to_yellow"]),
                  num(d["to_red"]), esc(t(ZONE_TEXT[d["zone"]], lang)), esc(d[f"response_{lang}"])]
                 for d in domains]
    head = [esc(t(T[k], lang)) for k in ("domain", "score", "yellow_col", "red_col", "to_yellow", "to_red",
                                         "zone", "response")]
    notes = [t(T["not_assessment"], lang)]
    if r["illustrative"] or any(str(d["name"]).strip().lower().startswith("example") for d in domains):
        notes.append(t(T["illustrative"], lang))
    notes_html = "".join(f'<p class="ai45-note">{esc(n)}</p>' for n in notes)
    line_notes = "".join(
        f'<p class="ai45-note">{esc(note[lang])} '
        f'<a{attrs(href=note["url"])}>{esc(t(T["source_link"], lang))}</a></p>'
        for note in (r["note_2025"], r["note_2024"]))
    html = (f'<p class="ai45-verdict ai45-zone-{esc(overall)}" data-ai45-verdict="{esc(overall)}">'
            f"<strong>{esc(overall_text)}</strong> — {esc(sentence)}</p>"
            f'<dl class="ai45-figures">{dl}</dl>{notes_html}'
            f'<figure class="ai45-figure">{svg}</figure>'
            f"{policy}"
            f'<p class="ai45-note">{esc(t(T["line_rule"], lang))}</p>'
            f'<details class="ai45-data"><summary>{esc(t(UI["data_table"], lang))}</summary>'
            f"{table(esc(t(UI['data_table'], lang)), head, data_rows)}</details>"
            f'<details class="ai45-data"><summary>{esc(t(T["sources"], lang))}</summary>'
            f"{line_notes}</details>")
    csv_rows: list[list[object]] = [
        ["domain", "score", "yellow_line", "red_line", "to_yellow", "to_red", "zone", "response"]]
    csv_rows += [[d["name"], d["score"], d["yellow"], d["red"], d["to_yellow"], d["to_red"], d["zone"],
                  d[f"response_{lang}"]] for d in domains]
    csv_rows.append([])
    csv_rows.append(["zone", "domains", "condition", "response"])
    csv_rows += [[z["id"], counts[z["id"]], z[f"condition_{lang}"], z[f"response_{lang}"]]
                 for z in r["policy"]]
    csv_rows.append([])
    csv_rows.append(["overall_zone", overall])
    return Output(html=html, csv=to_csv(csv_rows), svg=svg, summary=sentence)
