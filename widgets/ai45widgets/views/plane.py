"""The plane widget: a trajectory on the capability–safety plane, its angle and what it means."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ai45core import plane

from ..chart import plane_chart
from ..html import esc, fmt, t, table
from ..spec import Field, Output, Preset, View
from ..ui import UI
from ._util import to_csv, uid

T = {
    "title": {"en": "The capability–safety plane", "zh": "能力–安全坐标平面"},
    "capability": {"en": "Capability, one value per period", "zh": "能力（每个周期一个数值）"},
    "capability_hint": {"en": "Numbers separated by commas, e.g. 1, 2, 4, 8 (2 to 1000 values).",
                        "zh": "用逗号分隔的数字，例如 1, 2, 4, 8（2 至 1000 个）。"},
    "safety": {"en": "Safety, one value per period", "zh": "安全（每个周期一个数值）"},
    "safety_hint": {"en": "Same number of values as capability.", "zh": "数值个数须与能力相同。"},
    "labels": {"en": "Period labels (optional)", "zh": "周期标签（可选）"},
    "labels_hint": {"en": "e.g. 2021, 2022, 2023, 2024", "zh": "例如 2021, 2022, 2023, 2024"},
    "scale": {"en": "How the axes are scaled", "zh": "坐标轴的缩放方式"},
    "scale_hint": {"en": "The angle depends on this choice: try each one.", "zh": "角度取决于这一选择，不妨逐一试试。"},
    "index": {"en": "Index: each value ÷ the first", "zh": "定基指数：每个值 ÷ 第一个值"},
    "log": {"en": "Log: ln(value ÷ the first)", "zh": "对数：ln(值 ÷ 第一个值)"},
    "raw": {"en": "Raw values as entered", "zh": "原始数值"},
    "minmax": {"en": "Min–max: position within a range you set", "zh": "最小–最大：在你设定的范围内的位置"},
    "capability_range": {"en": "Capability range for min–max (lo, hi)", "zh": "最小–最大缩放的能力范围（下限, 上限）"},
    "safety_range": {"en": "Safety range for min–max (lo, hi)", "zh": "最小–最大缩放的安全范围（下限, 上限）"},
    "range_hint": {"en": "Only used with the min–max scale, e.g. 0, 100.", "zh": "仅用于最小–最大缩放，例如 0, 100。"},
    "tolerance_deg": {"en": "Tolerance band (± degrees around 45°)", "zh": "平衡带宽度（45° 上下各多少度）"},
    "tolerance_hint": {"en": "0 to 44.9; default 5.", "zh": "0 至 44.9；默认 5。"},
    "patience": {"en": "Periods that count as long-term", "zh": "连续多少个周期算“长期”"},
    "patience_hint": {"en": "Whole number ≥ 1; default 3.", "zh": "不小于 1 的整数；默认 3。"},
    "horizon": {"en": "Catch-up horizon (periods)", "zh": "追赶期限（周期数）"},
    "horizon_hint": {"en": "Whole number ≥ 1; default 3.", "zh": "不小于 1 的整数；默认 3。"},
    "angle": {"en": "Angle of the whole path", "zh": "整条路径的角度"},
    "verdict": {"en": "Reading", "zh": "判断"},
    "sustained": {"en": "Long-term deviation?", "zh": "是否长期偏离？"},
    "debt": {"en": "Safety debt at the end", "zh": "期末安全欠账"},
    "pace": {"en": "Catch-up pace per period", "zh": "每周期需多追的进展"},
    "yes": {"en": "yes", "zh": "是"},
    "no": {"en": "no", "zh": "否"},
    "period": {"en": "Period", "zh": "周期"},
    "cap_scaled": {"en": "Capability (scaled)", "zh": "能力（缩放后）"},
    "saf_scaled": {"en": "Safety (scaled)", "zh": "安全（缩放后）"},
    "seg_angle": {"en": "Angle of the step", "zh": "该段角度"},
    "seg_verdict": {"en": "Step reading", "zh": "该段判断"},
    "line45": {"en": "45° line through the first point", "zh": "过起点的 45° 线"},
    "band": {"en": "Tolerance band", "zh": "平衡带"},
    "x_axis": {"en": "Capability", "zh": "能力"},
    "y_axis": {"en": "Safety", "zh": "安全"},
    "preset_doubling": {"en": "Capability doubling, safety creeping (illustrative)",
                        "zh": "能力翻倍、安全缓增（示意）"},
    "preset_together": {"en": "Both doubling (illustrative)", "zh": "两者同步翻倍（示意）"},
    "preset_swing": {"en": "Short swings around 45° (illustrative)", "zh": "围绕 45° 短期波动（示意）"},
}

VIEW = View(
    name="plane",
    title=T["title"],
    fields=(
        Field("capability", "series", T["capability"], T["capability_hint"]),
        Field("safety", "series", T["safety"], T["safety_hint"]),
        Field("scale", "select", T["scale"], T["scale_hint"],
              options=tuple((s, T[s]) for s in plane.SCALES)),
        Field("tolerance_deg", "slider", T["tolerance_deg"], T["tolerance_hint"], min=0, max=44.9, step=0.1),
        Field("labels", "text", T["labels"], T["labels_hint"], advanced=True),
        Field("patience", "number", T["patience"], T["patience_hint"], advanced=True),
        Field("horizon", "number", T["horizon"], T["horizon_hint"], advanced=True),
        Field("capability_range", "series", T["capability_range"], T["range_hint"], advanced=True),
        Field("safety_range", "series", T["safety_range"], T["range_hint"], advanced=True),
    ),
    defaults={"capability": "1, 2, 4, 8", "safety": "1, 1.1, 1.2, 1.3", "scale": "index", "tolerance_deg": "5",
              "labels": "", "patience": "3", "horizon": "3", "capability_range": "", "safety_range": ""},
    presets=(
        Preset("doubling", T["preset_doubling"], {"capability": "1, 2, 4, 8", "safety": "1, 1.1, 1.2, 1.3",
                                                  "labels": ""}),
        Preset("together", T["preset_together"], {"capability": "10, 20, 40", "safety": "5, 10, 20",
                                                  "labels": ""}),
        Preset("swing", T["preset_swing"], {"capability": "1, 2, 3, 4, 5, 6, 7",
                                            "safety": "1, 1.6, 2.1, 3.3, 3.8, 4.9, 6.1", "labels": ""}),
    ),
    render=lambda result, params, lang: render(result, params, lang),
    assumptions=plane.ASSUMPTIONS,
)


def render(r: dict[str, Any], params: Mapping[str, str], lang: str) -> Output:
    """Verdict sentence, key figures, the chart and the per-period table."""
    verdict_label = r["verdict_label"][lang]
    sentence = r["sentence_zh"] if lang == "zh" else r["sentence_en"]
    notes = r["notes_zh"] if lang == "zh" else r["notes_en"]
    angle = fmt(r["angle_deg"], 2, unit="°")
    shown = ("balanced", "safety_lagging", "over_constrained", "regressing")
    legend = {v: plane.VERDICT_LABELS[v][lang] for v in shown}
    axis = plane.SCALE_LABELS[r["scale"]][lang]
    colon = "：" if lang == "zh" else ": "
    x_label, y_label = (f"{t(T[k], lang)}：{axis}" if lang == "zh" else f"{t(T[k], lang)} ({axis})"
                        for k in ("x_axis", "y_axis"))
    svg = plane_chart(
        r["capability_scaled"], r["safety_scaled"], r["labels"], r["segment_verdicts"],
        tolerance_deg=r["tolerance_deg"], x_label=x_label,
        y_label=y_label, title=f"{t(T['title'], lang)}{colon}{angle}", desc=sentence,
        legend=legend, band_label=f"{t(T['band'], lang)} 45° ± {fmt(r['tolerance_deg'], 1)}°",
        line_label=t(T["line45"], lang), uid=uid("plane", params))
    debt = r["safety_debt"][-1] if r["safety_debt"] else 0.0
    figures = [
        (t(T["angle"], lang), angle),
        (t(T["verdict"], lang), esc(verdict_label)),
        (t(T["sustained"], lang), t(T["yes" if r["sustained"] else "no"], lang)),
        (t(T["debt"], lang), fmt(debt, 3)),
        (t(T["pace"], lang), fmt(r["catch_up_pace"], 3)),
    ]
    dl = "".join(f'<div><dt>{esc(k)}</dt><dd data-ai45-value="{i}">{v}</dd></div>'
                 for i, (k, v) in enumerate(figures))
    seg_verdicts = ("", *tuple(r["segment_verdicts"]))
    seg_angles = (None, *tuple(r["segment_angles_deg"]))
    rows = [[esc(r["labels"][i]), fmt(c, 3), fmt(s, 3), fmt(seg_angles[i], 2, unit="°") if i else "—",
             esc(plane.VERDICT_LABELS[seg_verdicts[i]][lang]) if i else "—", fmt(r["safety_debt"][i], 3)]
            for i, (c, s) in enumerate(zip(r["capability_scaled"], r["safety_scaled"], strict=True))]
    head = [t(T["period"], lang), t(T["cap_scaled"], lang), t(T["saf_scaled"], lang), t(T["seg_angle"], lang),
            t(T["seg_verdict"], lang), t(T["debt"], lang)]
    notes_html = "".join(f'<p class="ai45-note">{esc(n)}</p>' for n in notes)
    html = (f'<p class="ai45-verdict ai45-{esc(r["verdict"])}" data-ai45-verdict="{esc(r["verdict"])}">'
            f"<strong>{esc(verdict_label)}</strong>{'：' if lang == 'zh' else ' — '}{esc(sentence)}</p>"
            f'<dl class="ai45-figures">{dl}</dl>{notes_html}'
            f'<figure class="ai45-figure">{svg}</figure>'
            f'<details class="ai45-data"><summary>{esc(t(UI["data_table"], lang))}</summary>'
            f"{table(esc(t(UI['data_table'], lang)), head, rows)}</details>")
    csv_rows: list[list[object]] = [["period", "capability_scaled", "safety_scaled", "segment_angle_deg",
                                     "segment_verdict", "safety_debt"]]
    for i, (c, s) in enumerate(zip(r["capability_scaled"], r["safety_scaled"], strict=True)):
        csv_rows.append([r["labels"][i], c, s, seg_angles[i] if i else "", seg_verdicts[i], r["safety_debt"][i]])
    csv_rows.append([])
    csv_rows.append(["angle_deg", r["angle_deg"], "verdict", r["verdict"], "scale", r["scale"]])
    return Output(html=html, csv=to_csv(csv_rows), svg=svg, summary=f"{angle}. {verdict_label}. {sentence}")
