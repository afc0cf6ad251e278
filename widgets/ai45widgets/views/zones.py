"""The zones widget: red and yellow lines per risk domain (2025 framework), for numbers the reader sets."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from ai45core import zones
from ai45core.zones import DomainZone, ZonesResult

from ..chart import (
    AXIS,
    GRID,
    NARROW,
    WIDE,
    Box,
    Canvas,
    figure,
    hit_rect,
    legend,
    line,
    nice_ticks,
    shorten,
    text_width,
    tick_values,
)
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
                         "a solid mark its red line; the score and zone are written beside each bar.",
                   "zh": "每个领域一根横条，共用同一坐标轴。虚线标记为该领域的黄线，实线标记为红线；"
                         "每根横条旁写明分数和所在分区。"},
    "yellow_legend": {"en": "yellow line (dashed)", "zh": "黄线（虚线）"},
    "red_legend": {"en": "red line (solid)", "zh": "红线（实线）"},
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

VIEW: View[ZonesResult] = View(
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


def _patterns(c: Canvas) -> None:
    for zone, (colour, kind) in ZONE_STYLE.items():
        lines = ""
        if kind in ("hatch", "cross"):
            lines += _WHITE_LINE.format(0, 0, 0, 6)
        if kind == "cross":
            lines += _WHITE_LINE.format(0, 3, 6, 3)
        c.defs.append(f'<pattern id="ai45-z{zone}-{c.uid}" width="6" height="6" patternUnits="userSpaceOnUse" '
                      f'patternTransform="rotate(45)"><rect width="6" height="6" fill="{colour}"/>{lines}'
                      "</pattern>")


_WHITE_LINE = '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#ffffff" stroke-width="2" stroke-opacity="0.7"/>'


def _mark(which: str, x: float, y1: float, y2: float, *, halo: bool = False) -> str:
    """A threshold mark: dashed for the yellow line, solid and thicker for the red line (not colour alone)."""
    colour, dash, width = LINE_STYLE[which]
    under = line(x, y1, x, y2, stroke="#ffffff", width=width + 2.5, cls="ai45-halo") if halo else ""
    return under + line(x, y1, x, y2, stroke=colour, width=width, dash=dash, cls=f"ai45-{which}-line")


def zones_svg(domains: Sequence[DomainZone], *, lang: str, uid: str, variant: str) -> str:
    """One bar per domain on a shared axis from 0 with nice ticks and a light grid, its own yellow (dashed)
    and red (solid) line marks, the score and zone written beside (wide) or above (narrow) the bar."""
    wide = variant == "wide"
    width = WIDE if wide else NARROW
    values = [v for d in domains for v in (d.score, d.yellow, d.red)] + [0.0]
    lo, hi, step = nice_ticks(min(values), max(values), 6 if wide else 4)
    if wide:  # the name column as wide as the names need (up to 230), the values' column 150
        left = min(230.0, max(90.0, *(text_width(d.name) + 16 for d in domains)))
        plot_w, row_h = width - left - 160, 32.0
    else:
        left, plot_w, row_h = 6.0, width - 14.0, 48.0
    top = 10.0
    c = Canvas(width, 0.0, uid + variant[0])
    _patterns(c)
    half_span = hi / 2 - lo / 2  # halves: no overflow even at ±1e308

    def px(v: float) -> float:
        return left + (v / 2 - lo / 2) / half_span * plot_w

    bottom = top + len(domains) * row_h
    ticks = tick_values(lo, hi, step)
    for v in ticks:
        c.add(line(px(v), top, px(v), bottom, stroke=GRID, cls="ai45-grid"))
    zero = px(0.0)
    c.add(line(zero, top, zero, bottom, stroke=AXIS, cls="ai45-plot"))
    for i, d in enumerate(domains):
        y0 = top + i * row_h
        bar_y = y0 + (9.0 if wide else 26.0)
        bar_h = 14.0
        x_s = px(d.score)
        zone_text = t(ZONE_TEXT[d.zone], lang)
        value = f"{num(d.score)} · {zone_text}"
        if wide:
            c.text(left - 8, bar_y + 11, shorten(d.name, left - 14), anchor="end")
            c.text(left + plot_w + 10, bar_y + 11, shorten(value, width - left - plot_w - 14))
        else:
            right = c.text(width - 4, y0 + 18, value, anchor="end")
            c.text(left, y0 + 18, shorten(d.name, right.x0 - left - 10))
        bar = attrs(class_=f"ai45-zbar ai45-z{d.zone}", x=f"{min(zero, x_s):.1f}", y=f"{bar_y:.1f}",
                    width=f"{abs(x_s - zero):.1f}", height=bar_h, fill=f"url(#ai45-z{d.zone}-{c.uid})")
        c.add(f"<rect{bar}/>")
        for which in ("yellow", "red"):
            c.add(_mark(which, px(getattr(d, which)), bar_y - 4, bar_y + bar_h + 4, halo=True))
        box = Box(left, bar_y - 5, left + plot_w, bar_y + bar_h + 5)
        hit, ring = hit_rect(box)
        c.tip([d.name, f"{t(T['score'], lang)}{_COLON[lang]}{num(d.score)} · {zone_text}",
               f"{t(T['yellow_col'], lang)}{_COLON[lang]}{num(d.yellow)} · {t(T['red_col'], lang)}{_COLON[lang]}"
               f"{num(d.red)}"], box, hit, ring)
    # Shared axis with round ticks (labels that would touch are left out).
    c.add(line(left, bottom, left + plot_w, bottom, stroke=AXIS, cls="ai45-plot"))
    c.x_labels([(px(v), num(v)) for v in ticks], bottom + 18)
    c.text(left + plot_w, bottom + 40, f"{t(T['score'], lang)} →", anchor="end", bold=True)
    # Legend: only the zones drawn, then the two kinds of line.
    items = [(f'<rect x="0" y="-6" width="24" height="12" fill="url(#ai45-z{z}-{c.uid})"/>', t(ZONE_TEXT[z], lang))
             for z in ZONE_STYLE if any(d.zone == z for d in domains)]
    items += [(_mark(which, 12, -9, 7), t(T[which + "_legend"], lang)) for which in ("yellow", "red")]
    y = legend(c, items, 6, bottom + 66, width - 12, columns=3 if wide else 1)
    c.height = y - 4
    return c.render(title=t(T["chart_title"], lang), desc=t(T["chart_desc"], lang),
                    variant="wide" if wide else "narrow")


_COLON = {"en": ": ", "zh": "："}


def render(r: ZonesResult, params: Mapping[str, str], lang: str) -> Output:
    """Verdict, counts per zone, the bars with their lines, the policy table, the data table and notes."""
    domains = r.domains
    overall = r.overall
    overall_text = t(ZONE_TEXT[overall], lang)
    sentence = r.sentence_zh if lang == "zh" else r.sentence_en
    counts = r.counts
    u = uid("zones", params)
    wide, narrow = (zones_svg(domains, lang=lang, uid=u, variant=v) for v in ("wide", "narrow"))
    figures = [
        (t(T["overall"], lang), esc(overall_text)),
        (t(T["count_green"], lang), fmt(counts["green"], 0)),
        (t(T["count_yellow"], lang), fmt(counts["yellow"], 0)),
        (t(T["count_red"], lang), fmt(counts["red"], 0)),
        (t(T["n_domains"], lang), fmt(len(domains), 0)),
    ]
    dl = "".join(f'<div><dt>{esc(k)}</dt><dd data-ai45-value="{i}">{v}</dd></div>'
                 for i, (k, v) in enumerate(figures))
    policy_rows = [[esc(t(ZONE_TEXT[z.id], lang)), esc(z.condition_zh if lang == "zh" else z.condition_en),
                    esc(z.response_zh if lang == "zh" else z.response_en), fmt(counts[z.id], 0)] for z in r.policy]
    policy = table(esc(t(T["policy_caption"], lang)),
                   [esc(t(T[k], lang)) for k in ("zone", "condition", "response", "in_zone")], policy_rows,
                   cls="ai45-table ai45-policy")

    def response(d: DomainZone) -> str:
        return d.response_zh if lang == "zh" else d.response_en

    data_rows = [[esc(d.name), num(d.score), num(d.yellow), num(d.red), num(d.to_yellow), num(d.to_red),
                  esc(t(ZONE_TEXT[d.zone], lang)), esc(response(d))] for d in domains]
    head = [esc(t(T[k], lang)) for k in ("domain", "score", "yellow_col", "red_col", "to_yellow", "to_red",
                                         "zone", "response")]
    notes = [t(T["not_assessment"], lang)]
    if r.illustrative or any(d.name.strip().lower().startswith("example") for d in domains):
        notes.append(t(T["illustrative"], lang))
    notes_html = "".join(f'<p class="ai45-note">{esc(n)}</p>' for n in notes)
    line_notes = "".join(
        f'<p class="ai45-note">{esc(note[lang])} '
        f'<a{attrs(href=note["url"])}>{esc(t(T["source_link"], lang))}</a></p>'
        for note in (r.note_2025, r.note_2024))
    html = (f'<p class="ai45-verdict ai45-zone-{esc(overall)}" data-ai45-verdict="{esc(overall)}">'
            f"<strong>{esc(overall_text)}</strong> — {esc(sentence)}</p>"
            f'<dl class="ai45-figures">{dl}</dl>{notes_html}'
            f"{figure(wide, narrow)}"
            f"{policy}"
            f'<p class="ai45-note">{esc(t(T["line_rule"], lang))}</p>'
            f'<details class="ai45-data"><summary>{esc(t(UI["data_table"], lang))}</summary>'
            f"{table(esc(t(UI['data_table'], lang)), head, data_rows)}</details>"
            f'<details class="ai45-data"><summary>{esc(t(T["sources"], lang))}</summary>'
            f"{line_notes}</details>")
    csv_rows: list[list[object]] = [
        ["domain", "score", "yellow_line", "red_line", "to_yellow", "to_red", "zone", "response"]]
    csv_rows += [[d.name, d.score, d.yellow, d.red, d.to_yellow, d.to_red, d.zone, response(d)] for d in domains]
    csv_rows.append([])
    csv_rows.append(["zone", "domains", "condition", "response"])
    csv_rows += [[z.id, counts[z.id], z.condition_zh if lang == "zh" else z.condition_en,
                  z.response_zh if lang == "zh" else z.response_en] for z in r.policy]
    csv_rows.append([])
    csv_rows.append(["overall_zone", overall])
    return Output(html=html, csv=to_csv(csv_rows), svg=wide, summary=sentence)
