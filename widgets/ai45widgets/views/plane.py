"""The plane widget: a trajectory on the capability–safety plane, its angle and what it means."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Literal

from ai45core import plane
from ai45core.plane import PlaneResult

from ..chart import (
    AXIS,
    FONT,
    GRID,
    INK,
    LINE,
    NARROW,
    STYLES,
    WIDE,
    Box,
    Canvas,
    TickKind,
    figure,
    hit_circle,
    legend,
    line,
    log_ticks,
    marker,
    nice_step,
    text_box,
    tick_label,
    tick_values,
)
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
    "line45_short": {"en": "45° line", "zh": "45° 线"},
    "band_short": {"en": "balance band ±{tol}°", "zh": "平衡带 ±{tol}°"},
    "whole": {"en": "Whole path: {angle}", "zh": "整条路径：{angle}"},
    "step": {"en": "Step: {angle}, {verdict}", "zh": "该段：{angle}，{verdict}"},
    "start": {"en": "start", "zh": "起点"},
    "period_n": {"en": "Period {label}", "zh": "周期 {label}"},
    "value": {"en": "{axis}: {value}", "zh": "{axis}：{value}"},
}

AXIS_NOTE = {
    "index": {"en": "index (x ÷ first)", "zh": "定基指数（x ÷ 首值）"},
    "log": {"en": "log scale (ratio to first)", "zh": "对数坐标（与首值之比）"},
    "raw": {"en": "raw values", "zh": "原始数值"},
    "minmax": {"en": "min–max (% of range)", "zh": "最小–最大（占范围的 %）"},
}
TICKS: dict[str, TickKind] = {"index": "number", "log": "multiple", "raw": "number", "minmax": "percent"}

VIEW: View[PlaneResult] = View(
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


Variant = Literal["wide", "narrow"]


def _extent(r: PlaneResult) -> tuple[float, float, float, float]:
    """(x lo, x hi, y lo, y hi): the data together with the 45° line through the first point ahead of it (as
    far as the path goes on either axis), so the line is seen wherever the path goes. Nothing is added behind
    the first point, so an axis never crosses zero where its data do not."""
    xs, ys = r.capability_scaled, r.safety_scaled
    x0, y0 = xs[0], ys[0]
    ahead_x = [x0 + (y - y0) for y in ys if y > y0]
    ahead_y = [y0 + (x - x0) for x in xs if x > x0]
    return min(xs), max(*xs, *ahead_x), min(ys), max(*ys, *ahead_y)


def _axes(r: PlaneResult, count: int) -> tuple[float, float, float, list[float], list[float], float]:
    """(x start, y start, span, x ticks, y ticks, step): equal units on both axes, so one span for both (the
    shorter axis is extended upwards)."""
    xlo, xhi, ylo, yhi = _extent(r)
    span = max(xhi - xlo, yhi - ylo)
    if r.scale == "log":
        span = max(span, 1e-9)
        pad = span * 0.06
        xs0, ys0, span = xlo - pad, ylo - pad, span + 2 * pad
        tx = [v for v in log_ticks(xs0, xs0 + span, count)[2] if xs0 <= v <= xs0 + span]
        ty = [v for v in log_ticks(ys0, ys0 + span, count)[2] if ys0 <= v <= ys0 + span]
        return xs0, ys0, span, tx, ty, 1.0
    if span <= 1e-12 * max(1.0, abs(xlo), abs(ylo)):  # no movement: a square around the point
        span = max(abs(xlo), abs(ylo), 1.0) / 2
        xlo, ylo = xlo - span / 2, ylo - span / 2
    pad = span * 0.04  # the first point is off the frame's corner; a range at or above 0 does not cross it
    lows = [v - pad if v - pad >= 0 or v < 0 else 0.0 for v in (xlo, ylo)]
    step = nice_step(span + pad, count)
    starts = [math.floor(v / step + 1e-9) * step for v in lows]
    ends = [math.ceil((v + span) / step - 1e-9) * step for v in (xlo, ylo)]
    parts = max(round((e - s) / step) for s, e in zip(starts, ends, strict=True))
    full = parts * step
    return (starts[0], starts[1], full, tick_values(starts[0], starts[0] + full, step),
            tick_values(starts[1], starts[1] + full, step), step)


def _label_indices(n: int) -> list[int]:
    """Label every point of a short path; the first, the last and a few evenly spaced ones of a long path."""
    if n <= 12:
        return list(range(n))
    step = math.ceil(n / 8)
    return sorted({0, n - 1, *range(0, n, step)})


def plane_svg(r: PlaneResult, lang: str, uid: str, variant: Variant) -> str:
    """The capability–safety plane: equal units on both axes (so 45° looks like 45°), nice ticks and a light
    grid, the 45° line and the tolerance band through the first point (labelled on the chart), the path with
    each period styled by its verdict, labelled points that show their values on hover and focus."""
    wide = variant == "wide"
    width = WIDE if wide else NARROW
    kind = TICKS[r.scale]
    x0v, y0v, span, xt, yt, step = _axes(r, 6 if wide else 5)
    ylabels = [tick_label(v, step, kind) for v in yt]
    left = max(48.0 if wide else 40.0, max(text_box(0, 0, s).x1 for s in ylabels) + 12)
    top = 36.0
    size = 380.0 if wide else width - left - 12
    plot = Box(left, top, left + size, top + size)
    c = Canvas(width, 0.0, uid + variant[0])

    def px(x: float) -> float:
        return left + (x - x0v) / span * size

    def py(y: float) -> float:
        return top + size - (y - y0v) / span * size

    # Grid, axes and tick labels.
    for v, label in zip(yt, ylabels, strict=True):
        c.add(line(left, py(v), left + size, py(v), stroke=GRID, cls="ai45-grid"))
        c.text(left - 6, py(v) + FONT * 0.35, label, anchor="end", fill="#374151")
    for v in xt:
        c.add(line(px(v), top, px(v), top + size, stroke=GRID, cls="ai45-grid"))
    c.x_labels([(px(v), tick_label(v, step, kind)) for v in xt], top + size + 18)
    c.add(line(left, top + size, left + size, top + size, stroke=AXIS, cls="ai45-plot"),
          line(left, top, left, top + size, stroke=AXIS, cls="ai45-plot"))
    note = AXIS_NOTE[r.scale][lang]
    sep = "：" if lang == "zh" else ", "
    c.text(left + size, top + size + 40, f"{t(T['x_axis'], lang)}{sep}{note} →", anchor="end", bold=True)
    c.text(4, top - 18, f"↑ {t(T['y_axis'], lang)}{sep}{note}", bold=True)

    # Band and 45° line from the first point, clipped to the plot.
    xs, ys = r.capability_scaled, r.safety_scaled
    fx, fy = px(xs[0]), py(ys[0])
    far = size * 3
    clip = f"ai45-clip-{c.uid}"
    c.defs.append(f'<clipPath id="{clip}"><rect x="{left}" y="{top}" width="{size}" height="{size}"/></clipPath>')
    tol = r.tolerance_deg
    rays = [(fx + far * math.cos(math.radians(a)), fy - far * math.sin(math.radians(a))) for a in (45 - tol, 45 + tol)]
    wedge = " ".join(f"{x:.1f},{y:.1f}" for x, y in [(fx, fy), *rays])
    c.add(f'<g clip-path="url(#{clip})"><polygon class="ai45-band" points="{wedge}" '
          f'fill="{c.hatch("#1b7f3b")}"/>'
          + line(fx - far, fy + far, fx + far, fy - far, stroke="#374151", width=1.4, dash="10 3 2 3",
                 cls="ai45-diag") + "</g>")

    # The path: each period styled by its verdict, markers on the points.
    n = len(xs)
    pts = [(px(x), py(y)) for x, y in zip(xs, ys, strict=True)]
    for i, verdict in enumerate(r.segment_verdicts):
        colour, dash, _ = STYLES.get(verdict, STYLES["no_movement"])
        (ax, ay), (bx, by) = pts[i], pts[i + 1]
        c.add(line(ax, ay, bx, by, stroke=colour, width=3, dash=dash, cls=f"ai45-seg ai45-{verdict}", cap="round"))
        if n <= 200:
            steps = max(1, int(math.hypot(bx - ax, by - ay) // 8))
            c.avoid += [Box(ax + (bx - ax) * k / steps - 2, ay + (by - ay) * k / steps - 2,
                            ax + (bx - ax) * k / steps + 2, ay + (by - ay) * k / steps + 2) for k in range(steps + 1)]
    labelled = _label_indices(n)
    marked = range(n) if n <= 200 else labelled
    for i in marked:
        x, y = pts[i]
        c.avoid.append(Box(x - 6, y - 6, x + 6, y + 6))
        if i == 0:
            c.add(f'<circle class="ai45-start" cx="{x:.1f}" cy="{y:.1f}" r="5" fill="#ffffff" stroke="{INK}" '
                  'stroke-width="2"/>')
        else:
            verdict = r.segment_verdicts[i - 1]
            colour, _, shape = STYLES.get(verdict, STYLES["no_movement"])
            c.add(marker(shape, x, y, colour, cls=f"ai45-m-{verdict}"))

    # Direct labels: the 45° line and the band near where they leave the plot, then the points' labels.
    shown = set(r.segment_verdicts)
    extra: list[tuple[str, str]] = []
    diag = _exit(fx, fy, 45.0, plot)
    back = _exit(fx, fy, 225.0, plot)
    c.avoid += [Box(back[0] + (diag[0] - back[0]) * k / 40 - 2, back[1] + (diag[1] - back[1]) * k / 40 - 2,
                    back[0] + (diag[0] - back[0]) * k / 40 + 2, back[1] + (diag[1] - back[1]) * k / 40 + 2)
                for k in range(41)]
    line_text = t(T["line45_short"], lang)
    if not c.place(line_text, _along(fx, fy, diag, above=True), within=plot, cls="ai45-direct"):
        extra.append((line(0, 0, 24, 0, stroke="#374151", width=1.4, dash="10 3 2 3", cls="ai45-diag"),
                      line_text))
    if tol > 0:
        band_text = t(T["band_short"], lang).format(tol=fmt(tol, 1).removesuffix(".0"))
        upper = _exit(fx, fy, 45.0 + tol, plot)
        lower = _exit(fx, fy, 45.0 - tol, plot)
        if not c.place(band_text, [*_along(fx, fy, upper, above=True), *_along(fx, fy, lower, above=False)],
                       within=plot, cls="ai45-direct"):
            extra.append((f'<rect x="0" y="-6" width="24" height="11" fill="{c.hatch("#1b7f3b")}" '
                          'stroke="#1b7f3b" stroke-opacity="0.5"/>', band_text))
    for i in labelled:
        label = r.labels[i] if i else f"{r.labels[0]} ({t(T['start'], lang)})"
        x, y = pts[i]
        d = 8.0
        spots: list[tuple[float, float, Literal["start", "middle", "end"]]] = [
            (x + d, y - d, "start"), (x + d, y + d + 9, "start"), (x - d, y - d, "end"), (x - d, y + d + 9, "end"),
            (x + d + 2, y + 4.5, "start"), (x - d - 2, y + 4.5, "end"), (x, y - d - 4, "middle"),
            (x, y + d + 14, "middle")]
        c.place(label[:24], spots, within=Box(0, top - 4, width, top + size + 4))

    # Tips: every point's values on hover and focus.
    axis_x, axis_y = t(T["cap_scaled"], lang), t(T["saf_scaled"], lang)
    tipped = range(n) if n <= 120 else labelled
    for i in tipped:
        x, y = pts[i]
        lines = [t(T["period_n"], lang).format(label=r.labels[i]),
                 t(T["value"], lang).format(axis=axis_x, value=fmt(xs[i], 3)),
                 t(T["value"], lang).format(axis=axis_y, value=fmt(ys[i], 3))]
        if i:
            verdict = r.segment_verdicts[i - 1]
            lines.append(t(T["step"], lang).format(angle=fmt(r.segment_angles_deg[i - 1], 2, unit="°"),
                                                   verdict=plane.VERDICT_LABELS[verdict][lang]))
        hit, ring, box = hit_circle(x, y)
        c.tip(lines, box, hit, ring)

    # Legend: only the kinds of step drawn (and any direct label that found no room), then the reading.
    items = [(line(0, 0, 24, 0, stroke=STYLES[v][0], width=3, dash=STYLES[v][1], cls=f"ai45-seg ai45-{v}")
              + marker(STYLES[v][2], 12, 0, STYLES[v][0], cls=f"ai45-m-{v}", size=4.5),
              plane.VERDICT_LABELS[v][lang]) for v in plane.VERDICTS if v in shown]
    items += extra
    reading = t(T["whole"], lang).format(angle=fmt(r.angle_deg, 2, unit="°"))
    verdict_text = plane.VERDICT_LABELS[r.verdict][lang]
    if wide:
        px0 = left + size + 24
        panel = width - px0 - 4
        y = legend(c, items, px0, top + 14, panel)
        c.text(px0, y + 16, reading, bold=True)
        c.text(px0, y + 16 + FONT * LINE, verdict_text)
        c.height = top + size + 52
    else:
        c.text(4, top + size + 66, f"{reading} · {verdict_text}", bold=True)
        y = legend(c, items, 4, top + size + 66 + FONT * LINE + 4, width - 8, columns=2)
        c.height = y - 8
    colon = "：" if lang == "zh" else ": "
    title = f"{t(T['title'], lang)}{colon}{fmt(r.angle_deg, 2, unit='°')}"
    return c.render(title=title, desc=r.sentence_zh if lang == "zh" else r.sentence_en, variant=variant)


def _exit(x: float, y: float, angle: float, plot: Box) -> tuple[float, float]:
    """Where the ray from (x, y) at ``angle`` degrees (screen y grows downward) leaves ``plot``."""
    dx, dy = math.cos(math.radians(angle)), -math.sin(math.radians(angle))
    ts = []
    if abs(dx) > 1e-9:
        ts.append(((plot.x1 if dx > 0 else plot.x0) - x) / dx)
    if abs(dy) > 1e-9:
        ts.append(((plot.y0 if dy < 0 else plot.y1) - y) / dy)
    t_ = max(0.0, min(ts)) if ts else 0.0
    return x + dx * t_, y + dy * t_


def _along(x: float, y: float, end: tuple[float, float], *, above: bool
           ) -> list[tuple[float, float, Literal["start", "middle", "end"]]]:
    """Spots for a label beside the segment from (x, y) to ``end``, near its far end: left of and above a
    rising line (``above``), or right of and below it."""
    spots: list[tuple[float, float, Literal["start", "middle", "end"]]] = []
    for f in (0.92, 0.8, 0.66, 0.5, 0.36):
        sx, sy = x + (end[0] - x) * f, y + (end[1] - y) * f
        if above:
            spots.append((sx - 10, sy, "end"))
        else:
            spots.append((sx + 4, sy + FONT * 1.25, "start"))
    return spots


def render(r: PlaneResult, params: Mapping[str, str], lang: str) -> Output:
    """Verdict sentence, key figures, the chart and the per-period table."""
    verdict_label = r.verdict_label[lang]
    sentence = r.sentence_zh if lang == "zh" else r.sentence_en
    notes = r.notes_zh if lang == "zh" else r.notes_en
    angle = fmt(r.angle_deg, 2, unit="°")
    u = uid("plane", params)
    wide, narrow = (plane_svg(r, lang, u, v) for v in ("wide", "narrow"))
    debt = r.safety_debt[-1] if r.safety_debt else 0.0
    figures = [
        (t(T["angle"], lang), angle),
        (t(T["verdict"], lang), esc(verdict_label)),
        (t(T["sustained"], lang), t(T["yes" if r.sustained else "no"], lang)),
        (t(T["debt"], lang), fmt(debt, 3)),
        (t(T["pace"], lang), fmt(r.catch_up_pace, 3)),
    ]
    dl = "".join(f'<div><dt>{esc(k)}</dt><dd data-ai45-value="{i}">{v}</dd></div>'
                 for i, (k, v) in enumerate(figures))
    seg_verdicts: Sequence[str] = ("", *r.segment_verdicts)
    seg_angles: Sequence[float | None] = (None, *r.segment_angles_deg)
    rows = [[esc(r.labels[i]), fmt(c, 3), fmt(s, 3), fmt(seg_angles[i], 2, unit="°") if i else "—",
             esc(plane.VERDICT_LABELS[seg_verdicts[i]][lang]) if i else "—", fmt(r.safety_debt[i], 3)]
            for i, (c, s) in enumerate(zip(r.capability_scaled, r.safety_scaled, strict=True))]
    head = [t(T["period"], lang), t(T["cap_scaled"], lang), t(T["saf_scaled"], lang), t(T["seg_angle"], lang),
            t(T["seg_verdict"], lang), t(T["debt"], lang)]
    notes_html = "".join(f'<p class="ai45-note">{esc(n)}</p>' for n in notes)
    html = (f'<p class="ai45-verdict ai45-{esc(r.verdict)}" data-ai45-verdict="{esc(r.verdict)}">'
            f"<strong>{esc(verdict_label)}</strong>{'：' if lang == 'zh' else ' — '}{esc(sentence)}</p>"
            f'<dl class="ai45-figures">{dl}</dl>{notes_html}'
            f"{figure(wide, narrow)}"
            f'<details class="ai45-data"><summary>{esc(t(UI["data_table"], lang))}</summary>'
            f"{table(esc(t(UI['data_table'], lang)), head, rows)}</details>")
    csv_rows: list[list[object]] = [["period", "capability_scaled", "safety_scaled", "segment_angle_deg",
                                     "segment_verdict", "safety_debt"]]
    for i, (c, s) in enumerate(zip(r.capability_scaled, r.safety_scaled, strict=True)):
        csv_rows.append([r.labels[i], c, s, seg_angles[i] if i else "", seg_verdicts[i], r.safety_debt[i]])
    csv_rows.append([])
    csv_rows.append(["angle_deg", r.angle_deg, "verdict", r.verdict, "scale", r.scale])
    return Output(html=html, csv=to_csv(csv_rows), svg=wide, summary=f"{angle}. {verdict_label}. {sentence}")
