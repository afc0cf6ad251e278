"""The benchmarks widget: before/after scores, absolute vs relative change, and why the way you average
matters for a headline percentage."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ai45core import benchmarks
from ai45core.benchmarks import BenchmarksResult

from ..chart import (
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
    tick_label,
    tick_values,
)
from ..html import Text, attrs, esc, fmt, t, table
from ..spec import Field, Output, Preset, View
from ..ui import UI
from ._util import to_csv, uid

T: dict[str, Text] = {
    "title": {"en": "Before and after: benchmark scores", "zh": "前后对比：基准测试得分"},
    "preset": {"en": "Data", "zh": "数据"},
    "preset_hint": {"en": "A published table, or your own scores (“custom”).",
                    "zh": "选用已发表的表格，或输入你自己的分数（“自定义”）。"},
    "custom": {"en": "Custom: the scores typed below", "zh": "自定义：使用下方输入的分数"},
    "safework_safety": {"en": "SafeWork-R1 safety benchmarks (Hugging Face model card)",
                        "zh": "SafeWork-R1 安全基准（Hugging Face 模型卡）"},
    "safework_values": {"en": "SafeWork-R1 value benchmarks (Hugging Face model card)",
                        "zh": "SafeWork-R1 价值观基准（Hugging Face 模型卡）"},
    "names": {"en": "Benchmark names (optional)", "zh": "基准名称（可选）"},
    "names_hint": {"en": "Separated by commas, one per score. Empty: the selected table's names, or 1, 2, 3…",
                   "zh": "用逗号分隔，每个分数一个。留空：使用所选表格的名称，或 1, 2, 3……"},
    "before": {"en": "Scores before (0 to the maximum)", "zh": "改进前的分数（0 至满分）"},
    "before_hint": {"en": "e.g. 70.4, 53.8, 91.2, 38.2. Empty with a SafeWork-R1 table selected: the "
                          "base model's scores from the card.",
                    "zh": "例如 70.4, 53.8, 91.2, 38.2。选了 SafeWork-R1 表格时留空："
                          "使用模型卡中基座模型的分数。"},
    "after": {"en": "Scores after, one per benchmark", "zh": "改进后的分数（每项基准一个）"},
    "after_hint": {"en": "Same number of values. Empty with a SafeWork-R1 table selected: SafeWork-R1's "
                         "scores.",
                   "zh": "个数须与之前相同。选了 SafeWork-R1 表格时留空：使用 SafeWork-R1 的分数。"},
    "capability_gain": {"en": "Capability gain you assume (optional)", "zh": "你假定的能力提升（可选）"},
    "capability_gain_hint": {"en": "The general-capability change you assume, in the same points as the "
                                   "safety scores (percent on the index scale). Empty: no angle. The sources "
                                   "give none.",
                             "zh": "你假定的通用能力变化，与安全分数同一单位（选“相对”时为百分比）。"
                                   "留空则不计算角度。现有资料没有给出这一数字。"},
    "scale": {"en": "Safety gain for the angle", "zh": "用于计算角度的安全提升"},
    "scale_hint": {"en": "Only matters when a capability gain is given.", "zh": "仅在给出能力提升时起作用。"},
    "raw": {"en": "Raw: change of the mean, in points", "zh": "原始：平均分的变化（分）"},
    "index": {"en": "Index: relative change of the mean, in %", "zh": "相对：平均分的相对变化（%）"},
    "average": {"en": "Which average", "zh": "采用哪个平均值"},
    "average_hint": {"en": "“Stated” quotes the table's own Avg. column (unedited SafeWork-R1 data only).",
                     "zh": "“表格所列”照录表格自带的 Avg. 一栏（仅限未修改的 SafeWork-R1 数据）。"},
    "scores": {"en": "Mean of the scores shown", "zh": "表中分数的平均值"},
    "stated": {"en": "Stated in the table", "zh": "表格所列"},
    "max_score": {"en": "Maximum score", "zh": "满分"},
    "max_score_hint": {"en": "> 0; default 100.", "zh": "大于 0；默认 100。"},
    "tolerance_deg": {"en": "Tolerance band (± degrees around 45°)", "zh": "平衡带宽度（45° 上下各多少度）"},
    "tolerance_hint": {"en": "0 to 44.9; default 5.", "zh": "0 至 44.9；默认 5。"},
    "preset_safety": {"en": "SafeWork-R1: safety benchmarks (source: Hugging Face model card)",
                      "zh": "SafeWork-R1：安全基准（来源：Hugging Face 模型卡）"},
    "preset_values": {"en": "SafeWork-R1: value benchmarks (source: Hugging Face model card)",
                      "zh": "SafeWork-R1：价值观基准（来源：Hugging Face 模型卡）"},
    "preset_example": {"en": "Your own scores: a small example to edit (illustrative)",
                       "zh": "自己的分数：可修改的小例子（示意）"},
    "mean": {"en": "Mean score", "zh": "平均分"},
    "mean_change": {"en": "Change of the mean", "zh": "平均分的变化"},
    "change_of_mean": {"en": "Relative change of the mean", "zh": "平均分的相对变化"},
    "mean_of_changes": {"en": "Mean of the relative changes", "zh": "各项相对变化的平均"},
    "fell_fig": {"en": "Benchmarks that fell", "zh": "下降的基准"},
    "angle": {"en": "Angle (with your capability gain)", "zh": "角度（按你假定的能力提升）"},
    "rose_n": {"en": "Up on {up} of {n}", "zh": "{n} 项中 {up} 项上升"},
    "fell_n": {"en": ", down on {down}", "zh": "，{down} 项下降"},
    "benchmark": {"en": "Benchmark", "zh": "基准"},
    "before_col": {"en": "Before", "zh": "改进前"},
    "after_col": {"en": "After", "zh": "改进后"},
    "points": {"en": "Change (points)", "zh": "变化（分）"},
    "pct": {"en": "Relative change", "zh": "相对变化"},
    "headroom": {"en": "Headroom closed", "zh": "补上的剩余空间"},
    "direction": {"en": "Direction", "zh": "方向"},
    "rose": {"en": "rose", "zh": "上升"},
    "fell": {"en": "fell", "zh": "下降"},
    "unchanged": {"en": "unchanged", "zh": "不变"},
    "na": {"en": "n/a", "zh": "无法计算"},
    "panel_points": {"en": "Change in points", "zh": "变化（分）"},
    "panel_pct": {"en": "Relative change (%)", "zh": "相对变化（%）"},
    "agg_change_of_mean": {"en": "Change of the mean", "zh": "平均分的变化"},
    "agg_mean_of_changes": {"en": "Mean of the changes", "zh": "各项变化的平均"},
    "agg_reported": {"en": "Paper, method unstated", "zh": "论文所报（未说明算法）"},
    "legend_rose": {"en": "Rose (solid bar)", "zh": "上升（实心条）"},
    "legend_fell": {"en": "Fell (hatched bar, marked ▼)", "zh": "下降（斜线条，标 ▼）"},
    "legend_agg": {"en": "Aggregate over all benchmarks (outlined)", "zh": "全部基准的汇总（空心条）"},
    "chart_title": {"en": "Change per benchmark, in points and in percent",
                    "zh": "各项基准的变化：分数与百分比"},
    "chart_desc": {"en": "Bars for {n} benchmarks, in points and relative to the score before. {fell} "
                         "The relative change of the mean is {cm}; the mean of the relative changes is {mc}.",
                   "zh": "{n} 项基准的变化条形图，分别以分数和相对之前分数的百分比表示。{fell}"
                         "平均分的相对变化为 {cm}；各项相对变化的平均为 {mc}。"},
    "desc_fell": {"en": "Fell: {items}.", "zh": "下降：{items}。"},
    "desc_none": {"en": "None fell.", "zh": "没有基准下降。"},
    "why": {"en": "Why one headline percentage is not enough: in points, the mean of the changes and "
                  "the change of the mean are the same number ({dp}). In percent they are not: the "
                  "relative change of the mean ({cm}) weighs every point alike, while the mean of the "
                  "relative changes ({mc}) weighs every benchmark alike, so one that started low counts far "
                  "more. Here the two differ by {gap} percentage points, so a headline percentage means "
                  "little until it says which one it is.",
            "zh": "为什么只看一个总括百分比不够：按分数算，“各项变化的平均”与“平均分的变化”是同一个数"
                  "（{dp} 分）。按百分比算就不同了：平均分的相对变化（{cm}）让每一分同等重要，"
                  "各项相对变化的平均（{mc}）则让每项基准同等重要，起点低的基准分量大得多。"
                  "这里两者相差 {gap} 个百分点，所以一个总括百分比只有说明了算法才有意义。"},
    "why_one": {"en": "With one benchmark the two ways of averaging agree; with several they usually do not.",
                "zh": "只有一项基准时，两种平均方法结果相同；有多项时通常不同。"},
    "why_none": {"en": "A baseline of 0 has no relative change, so the two percentages cannot both be "
                       "compared here; with several non-zero baselines they usually differ.",
                 "zh": "基线为 0 时没有相对变化，因此这里无法比较两种百分比；"
                       "基线都不为 0 时，两者通常不同。"},
    "source": {"en": "Source: {title}. Model card: {card}; paper: {paper}.",
               "zh": "来源：{title}。模型卡：{card}；论文：{paper}。"},
    "card_table": {"en": "The card's full table (other models for comparison)",
                   "zh": "模型卡中的完整表格（含其他模型作对照）"},
    "model": {"en": "Model", "zh": "模型"},
    "stated_avg": {"en": "Avg. (stated)", "zh": "平均（表格所列）"},
    "higher": {"en": "Above {after} on", "zh": "高于 {after} 的基准"},
    "none": {"en": "none", "zh": "无"},
    "aggregates": {"en": "Aggregates", "zh": "汇总"},
    "quantity": {"en": "Quantity", "zh": "项目"},
    "value": {"en": "Value", "zh": "数值"},
    "stated_means": {"en": "Means stated in the table", "zh": "表格所列的平均分"},
    "stated_change": {"en": "Relative change of the stated means", "zh": "表格所列平均分的相对变化"},
    "reported": {"en": "Reported in the paper's abstract (method unstated)",
                 "zh": "论文摘要所报（未说明算法）"},
    "safety_gain": {"en": "Safety gain used for the angle", "zh": "用于计算角度的安全提升"},
    "verdict": {"en": "Reading", "zh": "判断"},
    "summary": {"en": "Mean {mb} → {ma}; change of the mean {cm}, mean of the changes {mc}; {fell} fell.",
                "zh": "平均分 {mb} → {ma}；平均分的相对变化 {cm}，各项相对变化的平均 {mc}；{fell} 项下降。"},
    "summary_angle": {"en": " Angle {angle}.", "zh": "角度 {angle}。"},
}

_FILL = {"rose": "#1b7f3b", "fell": "#c2410c", "unchanged": "#6b7280"}
_OUTLINE = 'fill="none" stroke="#111827" stroke-width="1.5" stroke-dasharray="4 2"'

VIEW: View[BenchmarksResult] = View(
    name="benchmarks",
    title=T["title"],
    fields=(
        Field("preset", "select", T["preset"], T["preset_hint"],
              options=tuple((p, T[p]) for p in ("custom", *benchmarks.PRESETS))),
        Field("names", "text", T["names"], T["names_hint"]),
        Field("before", "series", T["before"], T["before_hint"]),
        Field("after", "series", T["after"], T["after_hint"]),
        Field("capability_gain", "number", T["capability_gain"], T["capability_gain_hint"]),
        Field("scale", "select", T["scale"], T["scale_hint"],
              options=tuple((s, T[s]) for s in benchmarks.SCALES), advanced=True),
        Field("average", "select", T["average"], T["average_hint"],
              options=tuple((a, T[a]) for a in benchmarks.AVERAGES), advanced=True),
        Field("max_score", "number", T["max_score"], T["max_score_hint"], advanced=True),
        Field("tolerance_deg", "slider", T["tolerance_deg"], T["tolerance_hint"], min=0, max=44.9, step=0.1,
              advanced=True),
    ),
    # Empty scores with a preset mean "that table's scores", so a page block naming only a preset works and
    # the select can switch tables. A block with its own scores and no preset must say `preset: custom`.
    defaults={"preset": "safework_safety", "names": "", "before": "", "after": "", "capability_gain": "",
              "scale": "raw", "average": "scores", "max_score": "100", "tolerance_deg": "5"},
    presets=(
        Preset("safework_safety", T["preset_safety"],
               {"preset": "safework_safety", "names": "", "before": "", "after": "", "average": "scores",
                "max_score": "100"}),
        Preset("safework_values", T["preset_values"],
               {"preset": "safework_values", "names": "", "before": "", "after": "", "average": "scores",
                "max_score": "100"}),
        Preset("example", T["preset_example"],
               {"preset": "custom", "names": "A, B, C", "before": "20, 60, 90", "after": "30, 66, 88",
                "average": "scores", "max_score": "100"}),
    ),
    render=lambda result, params, lang: render(result, params, lang),
    assumptions=benchmarks.ASSUMPTIONS,
)


def signed(x: float | None, digits: int = 2, unit: str = "") -> str:
    """:func:`fmt` with an explicit plus sign on increases (a fall already shows its minus sign).

    >>> signed(40.5757, 2, "%"), signed(-4.8, 1), signed(0.0001), signed(None)
    ('+40.58%', '−4.8', '0.00', '—')
    """
    text = fmt(x, digits, unit=unit)
    return "+" + text if x is not None and x > 0 and text.strip("0.,%" + unit) else text


def change_svg(rows: Sequence[tuple[str, float, float | None, str]],
               aggregates: Sequence[tuple[str, float | None, float | None]], *, labels: Mapping[str, str],
               title: str, desc: str, uid: str, variant: str) -> str:
    """Two diverging bar panels (points | percent) with nice ticks and a light grid, one row per benchmark,
    then the aggregate rows; side by side when wide, one above the other when narrow.

    ``rows`` are (name, points, percent or None, direction); ``aggregates`` are (label, points or None,
    percent or None), drawn outlined and dashed. A fall extends left of zero, hatched, with its value in bold
    and a ▼, so it is never hidden and never carried by colour alone."""
    wide = variant == "wide"
    width = WIDE if wide else NARROW
    c = Canvas(width, 0.0, uid + variant[0])
    hatch = c.hatch(_FILL["fell"], name="fall", opacity=1, background="#fed7aa")
    names = [name for name, *_ in rows] + [label for label, *_ in aggregates]
    every: list[tuple[float | None, float | None]] = ([(p, q) for _n, p, q, _d in rows]
                                                      + [(p, q) for _l, p, q in aggregates])
    colon = "：" if labels["lang"] == "zh" else ": "
    bar_h = 16.0
    row_h = 26.0 if wide else 42.0
    sep = 14.0

    def panel(x0: float, top: float, pw: float, column: int, heading: str, unit: str) -> float:
        values = [pair[column] for pair in every]
        finite = [v for v in values if v is not None]
        lo, hi, step = nice_ticks(min([0.0, *finite]), max([0.0, *finite]), 4 if wide else 3)
        room_l = 64.0 if any(v < 0 for v in finite) else 6.0
        room_r = 64.0 if any(v > 0 for v in finite) else 6.0
        a, b = x0 + room_l, x0 + pw - room_r

        def px(v: float) -> float:
            return a + (v - lo) / ((hi - lo) or 1.0) * (b - a)

        c.text(x0 + pw / 2 if wide else x0, top, shorten(heading, pw, bold=True), bold=True,
               anchor="middle" if wide else "start")
        y = top + 10
        under = len(c.parts)
        spans: list[tuple[float, float]] = []
        for i, v in enumerate(values):
            agg = i >= len(rows)
            if agg and i == len(rows):
                y += sep
                c.add(line(x0, y - sep / 2, x0 + pw, y - sep / 2, stroke="#9ca3af", dash="2 3"))
            by = y + (row_h - bar_h) / 2 if wide else y + 22
            spans.append((y, y + row_h) if wide else (by - 3, by + bar_h + 3))
            if not wide:
                c.text(x0, y + 16, shorten(names[i], pw), italic=agg)
            if v is None:
                c.text(px(0) + 4, by + 12.5, labels["na"], fill="#374151")
                y += row_h
                continue
            x, w = (px(0), px(v) - px(0)) if v >= 0 else (px(v), px(0) - px(v))
            direction = "rose" if v > 0 else "fell" if v < 0 else "unchanged"
            if agg:
                style = _OUTLINE
            elif direction == "fell":
                style = f'fill="{hatch}" stroke="{_FILL["fell"]}" stroke-width="1"'
            else:
                style = f'fill="{_FILL[direction]}"'
            cls = f"ai45-bar-{direction}" + (" ai45-agg" if agg else "")
            box = attrs(class_=cls, x=f"{x:.1f}", y=f"{by:.1f}", width=f"{max(w, 1.5):.1f}", height=bar_h)
            c.add(f"<rect{box} {style}/>")
            text = signed(v, 1, unit) + (" ▼" if direction == "fell" and not agg else "")
            if v >= 0:
                c.text(x + w + 4, by + 12.5, text)
            else:
                c.text(x - 4, by + 12.5, text, anchor="end", bold=True)
            mark = Box(x0, by - 2, x0 + pw, by + bar_h + 2)
            hit, ring = hit_rect(mark)
            p, q = every[i]
            c.tip([names[i], f"{labels['points']}{colon}{labels['na'] if p is None else signed(p, 2)}",
                   f"{labels['pct']}{colon}{labels['na'] if q is None else signed(q, 2, '%')}"], mark, hit, ring)
            y += row_h
        ticks = tick_values(lo, hi, step)
        c.parts[under:under] = [line(px(v), a_, px(v), b_, stroke=GRID if v else "#374151",
                                     cls="ai45-grid" if v else "ai45-plot") for v in ticks for a_, b_ in spans]
        c.x_labels([(px(v), tick_label(v, step) + unit) for v in ticks], y + 16)
        return y + 16

    top = 20.0
    if wide:
        label_w, pw, gap = 200.0, 210.0, 20.0
        for i, name in enumerate(names):
            agg = i >= len(rows)
            y = top + 10 + i * row_h + (sep if agg else 0) + row_h / 2 + 4.5
            c.text(label_w - 8, y, shorten(name, label_w - 12), anchor="end", italic=agg)
        panel(label_w, top, pw, 0, labels["points"], "")
        y = panel(label_w + pw + gap, top, pw, 1, labels["pct"], "%")
    else:
        y = panel(4, top, width - 8, 0, labels["points"], "")
        y = panel(4, y + 34, width - 8, 1, labels["pct"], "%")
    items = []  # the legend names only what is drawn
    if any(d == "rose" for *_x, d in rows):
        items.append((f'<rect x="0" y="-6" width="24" height="12" fill="{_FILL["rose"]}"/>', labels["rose"]))
    if any(d == "fell" for *_x, d in rows):
        items.append((f'<rect x="0" y="-6" width="24" height="12" fill="{hatch}" stroke="{_FILL["fell"]}"/>',
                      labels["fell"]))
    if aggregates:
        agg_sample = f'<rect class="ai45-agg" x="0" y="-6" width="24" height="12" {_OUTLINE}/>'
        items.append((agg_sample, labels["agg"]))
    x0 = 200.0 if wide else 4.0
    y = legend(c, items, x0, y + 30, width - x0 - 4)
    c.height = y - 8
    return c.render(title=title, desc=desc, variant="wide" if wide else "narrow")


def _na(x: float | None, text: str, unit: str = "%") -> str:
    return text if x is None else signed(x, 2, unit)


def render(r: BenchmarksResult, params: Mapping[str, str], lang: str) -> Output:
    """Headline and sentence, key figures, the two-panel chart, the aggregation note, notes and tables."""
    rows = r.benchmarks
    n, up, down = len(rows), len(r.rose), len(r.fell)
    na = t(T["na"], lang)
    sentence = r.sentence_zh if lang == "zh" else r.sentence_en
    cm, mc = signed(r.change_of_mean_pct, 2, "%"), signed(r.mean_of_changes_pct, 2, "%")
    angle = fmt(r.angle_deg, 2, unit="°")
    if r.angle_deg is not None and r.verdict_label is not None:
        headline = f"{angle} — {r.verdict_label[lang]}"
    else:
        headline = t(T["rose_n"], lang).format(up=up, n=n) + (t(T["fell_n"], lang).format(down=down)
                                                              if down else "")
    verdict_key = r.verdict or ("fell" if down else "no_angle")
    reported = r.reported_change_pct
    aggregates: list[tuple[str, float | None, float | None]] = []
    if n > 1:
        aggregates = [(t(T["agg_change_of_mean"], lang), r.mean_change_points, r.change_of_mean_pct),
                      (t(T["agg_mean_of_changes"], lang), r.mean_change_points, r.mean_of_changes_pct)]
        if reported is not None:
            aggregates.append((t(T["agg_reported"], lang), None, reported))
    fell_items = ", ".join(f"{b.name} ({signed(b.change_points, 1)})"
                           for b in rows if b.direction == "fell")
    desc = t(T["chart_desc"], lang).format(
        n=n, cm=cm, mc=mc,
        fell=t(T["desc_fell"], lang).format(items=fell_items) if down else t(T["desc_none"], lang))
    chart_labels = {"na": na, "points": t(T["panel_points"], lang), "pct": t(T["panel_pct"], lang),
                    "rose": t(T["legend_rose"], lang), "fell": t(T["legend_fell"], lang),
                    "agg": t(T["legend_agg"], lang)}
    u = uid("benchmarks", params)
    wide, narrow = (change_svg([(b.name, b.change_points, b.change_pct, b.direction) for b in rows],
                               aggregates, labels={**chart_labels, "lang": lang}, title=t(T["chart_title"], lang),
                               desc=desc, uid=u, variant=v) for v in ("wide", "narrow"))
    figures = [
        (t(T["mean"], lang), f"{fmt(r.mean_before, 3)} → {fmt(r.mean_after, 3)}"),
        (t(T["mean_change"], lang), signed(r.mean_change_points, 3)),
        (t(T["change_of_mean"], lang), cm),
        (t(T["mean_of_changes"], lang), mc),
        (t(T["fell_fig"], lang), f"{down}: {esc(', '.join(r.fell))}" if down else "0"),
        (t(T["angle"], lang), angle),
    ]
    dl = "".join(f'<div><dt>{esc(k)}</dt><dd data-ai45-value="{i}">{v}</dd></div>'
                 for i, (k, v) in enumerate(figures))
    if n > 1 and r.aggregation_gap_pct is not None:
        why = t(T["why"], lang).format(dp=signed(r.mean_change_points, 3), cm=cm, mc=mc,
                                       gap=fmt(abs(r.aggregation_gap_pct), 2))
    else:
        why = t(T["why_one" if n == 1 else "why_none"], lang)
    notes = r.notes_zh if lang == "zh" else r.notes_en
    notes_html = "".join(f'<p class="ai45-note">{esc(x)}</p>' for x in notes)
    if r.title is not None and r.source_urls:
        link = '<a href="{0}">{0}</a>'
        card, paper = (link.format(esc(u)) for u in (r.source_urls[0], r.source_urls[-1]))
        text = t(T["source"], lang).format(title=esc(r.title[lang]), card=card, paper=paper)
        notes_html += f'<p class="ai45-note ai45-source">{text}</p>'
    head = [t(T[k], lang) for k in ("benchmark", "before_col", "after_col", "points", "pct", "headroom",
                                    "direction")]
    body = [[esc(b.name), fmt(b.before, 2), fmt(b.after, 2), signed(b.change_points, 2),
             _na(b.change_pct, na),
             na if b.headroom_closed_pct is None else fmt(b.headroom_closed_pct, 2, unit="%"),
             ("▼ " if b.direction == "fell" else "") + t(T[b.direction], lang)] for b in rows]
    tables = table(esc(t(T["chart_title"], lang)), head, body)
    agg_rows = [[esc(k), v] for k, v in figures[:4]]
    if r.stated_mean_before is not None:
        agg_rows += [[esc(t(T["stated_means"], lang)),
                      f"{fmt(r.stated_mean_before, 1)} → {fmt(r.stated_mean_after, 1)}"],
                     [esc(t(T["stated_change"], lang)), _na(r.stated_change_of_mean_pct, na)]]
    if reported is not None:
        agg_rows.append([esc(t(T["reported"], lang)), signed(reported, 2, "%")])
    if r.safety_gain is not None and r.capability_gain is not None:
        unit = "%" if r.scale == "index" else ""
        agg_rows += [[esc(t(T["safety_gain"], lang)), signed(r.safety_gain, 3 if unit == "" else 2, unit)],
                     [esc(t(T["angle"], lang)), angle],
                     [esc(t(T["verdict"], lang)),
                      esc(r.verdict_label[lang]) if r.verdict_label else "—"]]
    tables += table(esc(t(T["aggregates"], lang)), [t(T["quantity"], lang), t(T["value"], lang)], agg_rows)
    if r.comparison:
        after = r.after_model or ""
        models: list[tuple[str | None, Sequence[float], float | None, tuple[str, ...] | None]] = [
            (r.before_model, [b.before for b in rows], r.stated_mean_before, None),
            (after, [b.after for b in rows], r.stated_mean_after, None)]
        models += [(c.model, c.scores, c.stated_average, c.higher_than_after)
                   for c in r.comparison]
        comp_head = [t(T["model"], lang), *(esc(b.name) for b in rows), t(T["stated_avg"], lang),
                     t(T["higher"], lang).format(after=esc(after))]
        comp_rows = [[esc(m), *(fmt(s, 1) for s in scores), fmt(avg, 1),
                      "—" if higher is None else (esc(", ".join(higher)) or t(T["none"], lang))]
                     for m, scores, avg, higher in models]
        tables += table(esc(t(T["card_table"], lang)), comp_head, comp_rows)
    html = (f'<p class="ai45-verdict ai45-{esc(verdict_key)}" data-ai45-verdict="{esc(verdict_key)}">'
            f"<strong>{esc(headline)}</strong> — {esc(sentence)}</p>"
            f'<dl class="ai45-figures">{dl}</dl>'
            f"{figure(wide, narrow)}"
            f'<p class="ai45-note ai45-aggregation">{esc(why)}</p>{notes_html}'
            f'<details class="ai45-data"><summary>{esc(t(UI["data_table"], lang))}</summary>'
            f"{tables}</details>")
    csv_rows: list[list[object]] = [["benchmark", "before", "after", "change_points", "change_pct",
                                     "headroom_closed_pct", "direction"]]
    csv_rows += [[b.name, b.before, b.after, b.change_points, b.change_pct,
                  b.headroom_closed_pct, b.direction] for b in rows]
    csv_rows += [[], ["quantity", "value"]]
    csv_rows += [[key, getattr(r, key)] for key in (
        "mean_before", "mean_after", "mean_change_points", "change_of_mean_pct", "mean_of_changes_pct",
        "aggregation_gap_pct", "stated_mean_before", "stated_mean_after", "stated_change_of_mean_pct",
        "reported_change_pct", "capability_gain", "safety_gain", "angle_deg", "verdict", "preset")
        if getattr(r, key) is not None]
    summary = t(T["summary"], lang).format(mb=fmt(r.mean_before, 3), ma=fmt(r.mean_after, 3), cm=cm,
                                           mc=mc, fell=down)
    if r.angle_deg is not None:
        summary += t(T["summary_angle"], lang).format(angle=angle)
    return Output(html=html, csv=to_csv(csv_rows), svg=wide, summary=summary)
