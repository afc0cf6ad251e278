"""The investment widget: how a split of resources between capability and safety becomes an angle."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Literal

from ai45core import investment
from ai45core.investment import InvestmentResult

from ..chart import (
    AXIS,
    GRID,
    INK,
    NARROW,
    STYLES,
    WIDE,
    Box,
    Canvas,
    figure,
    hit_circle,
    legend,
    line,
    tick_label,
    tick_values,
)
from ..html import Text, esc, fmt, t, table
from ..spec import Field, Output, Preset, View
from ..ui import UI
from ._util import to_csv, uid

T: dict[str, Text] = {
    "title": {"en": "From a resource split to an angle", "zh": "从资源分配到路径角度"},
    "safety_share": {"en": "Share of resources for safety (0 to 1)", "zh": "投入安全的资源占比（0 至 1）"},
    "safety_share_hint": {"en": "0.01 = 1%, 0.1 = 10%, 0.5 = 50% (an even split). The rest goes to "
                                "capability.",
                          "zh": "0.01 即 1%，0.1 即 10%，0.5 即 50%（对半分）。其余资源投入能力。"},
    "returns": {"en": "Returns curve", "zh": "回报曲线"},
    "returns_hint": {"en": "How resources turn into progress; both sides use the same curve.",
                     "zh": "资源如何转化为进展；能力与安全使用同一条曲线。"},
    "power": {"en": "Power: x^α (diminishing when α < 1)", "zh": "幂函数：x^α（α < 1 时收益递减）"},
    "log": {"en": "Logarithmic: ln(1 + k·x)", "zh": "对数：ln(1 + k·x)"},
    "alpha": {"en": "Exponent α of power returns (0.05 to 1)", "zh": "幂函数回报的指数 α（0.05 至 1）"},
    "alpha_hint": {"en": "0.5: four times the resources buy twice the progress; 1: proportional. "
                         "Not used by logarithmic returns.",
                   "zh": "0.5：资源翻两番，进展翻一番；1：成正比。对数回报不使用此项。"},
    "efficiency": {"en": "Efficiency of safety work (× capability work)",
                   "zh": "安全研究的效率（相对能力研究的倍数）"},
    "efficiency_hint": {"en": "Safety progress one unit of resources buys, relative to capability; > 0, "
                              "default 1. Nobody has measured it: it is your assumption.",
                        "zh": "同样一份资源带来的安全进展，相对能力进展的倍数；大于 0，默认 1。"
                              "没有人测量过它：这是你的假设。"},
    "scale_k": {"en": "k of logarithmic returns", "zh": "对数回报的 k"},
    "scale_k_hint": {"en": "10⁻⁶ to 10⁶, default 1; larger k: returns fall off sooner. Only for "
                           "logarithmic returns.",
                     "zh": "10⁻⁶ 至 10⁶，默认 1；k 越大，收益越早开始递减。仅用于对数回报。"},
    "tolerance_deg": {"en": "Tolerance band (± degrees around 45°)", "zh": "平衡带宽度（45° 上下各多少度）"},
    "tolerance_hint": {"en": "0 to 44.9; default 5.", "zh": "0 至 44.9；默认 5。"},
    "shares": {"en": "Several dimensions: a safety share for each (0 to 1)",
               "zh": "多个维度：每个维度的安全投入占比（0 至 1）"},
    "shares_hint": {"en": "e.g. 0.05, 0.1, 0.01 for talent, commercial drive, compute. To use this, "
                          "empty the single share box above: the two cannot be combined.",
                    "zh": "例如 0.05, 0.1, 0.01，分别对应人才、商业驱动、算力。使用此项前，"
                          "请清空上方的单一占比输入框：两者不能同时使用。"},
    "weights": {"en": "Weights of the dimensions (optional, > 0)", "zh": "各维度的权重（可选，大于 0）"},
    "weights_hint": {"en": "One per dimension, e.g. 1, 1, 2; empty = all equal.",
                     "zh": "每个维度一个，例如 1, 1, 2；留空则权重相同。"},
    "dimensions": {"en": "Names of the dimensions (optional)", "zh": "各维度的名称（可选）"},
    "dimensions_hint": {"en": "e.g. talent, commercial drive, compute", "zh": "例如 人才, 商业驱动, 算力"},
    "preset_even": {"en": "Even split: 50% to safety (illustrative)", "zh": "对半分：50% 投入安全（示意）"},
    "preset_claim": {"en": "Under 1% to alignment/safety, as claimed in one report of the speech "
                           "(not measured)",
                     "zh": "据一篇演讲报道称：不到 1% 用于对齐/安全（并非测量数据）"},
    "angle": {"en": "Angle of the path", "zh": "路径角度"},
    "verdict": {"en": "Reading", "zh": "判断"},
    "share_shown": {"en": "Safety share", "zh": "安全投入占比"},
    "equivalent": {"en": "Acts like a single share of", "zh": "相当于单一占比"},
    "balanced": {"en": "Safety share that would give 45°", "zh": "达到 45° 所需的安全占比"},
    "pc": {"en": "Capability progress P_c", "zh": "能力进展 P_c"},
    "ps": {"en": "Safety progress P_s", "zh": "安全进展 P_s"},
    "x_axis": {"en": "Share of resources for safety", "zh": "投入安全的资源占比"},
    "y_axis": {"en": "Angle", "zh": "角度"},
    "curve": {"en": "Angle for every safety share (these returns and efficiency)",
              "zh": "每种安全占比对应的角度（按当前回报曲线与效率）"},
    "line45": {"en": "45° line", "zh": "45° 线"},
    "band": {"en": "Tolerance band", "zh": "平衡带"},
    "you": {"en": "your split", "zh": "你的分配"},
    "you_multi": {"en": "your mix", "zh": "你的组合"},
    "needs": {"en": "45° at {share}", "zh": "45° 需 {share}"},
    "band_short": {"en": "balance band ±{tol}°", "zh": "平衡带 ±{tol}°"},
    "curve_short": {"en": "angle for each share", "zh": "各占比对应的角度"},
    "balanced_legend": {"en": "Share that gives 45°", "zh": "达到 45° 的占比"},
    "dims_legend": {"en": "Dimensions, each at its own share", "zh": "各维度（按各自的占比）"},
    "chart_title": {"en": "Angle against the share of resources for safety",
                    "zh": "角度与投入安全的资源占比"},
    "chart_desc": {"en": "A curve rising from 0° at a share of 0 to 90° at a share of 1. Your share, "
                         "{share}, gives {angle}; a share of {balanced} gives 45°.",
                   "zh": "曲线从占比 0 时的 0° 升至占比 1 时的 90°。你的占比 {share} 对应 {angle}；"
                         "占比 {balanced} 对应 45°。"},
    "dimension": {"en": "Dimension", "zh": "维度"},
    "weight": {"en": "Weight", "zh": "权重"},
    "dim_angle": {"en": "Angle of this dimension alone", "zh": "该维度单独的角度"},
    "balancing": {"en": "Share this dimension would need for 45° (others unchanged)",
                  "zh": "其他维度不变时，该维度达到 45° 所需的占比"},
    "impossible": {"en": "none can", "zh": "无法达到"},
    "curve_table": {"en": "Points on the curve", "zh": "曲线上的点"},
    "quantity": {"en": "Quantity", "zh": "项目"},
    "value": {"en": "Value", "zh": "数值"},
    "symmetric": {"en": "With efficiency 1 both sides are treated alike, so an even split gives exactly 45°: "
                        "that follows from the model's symmetry, not from any observation.",
                  "zh": "效率为 1 时，模型对两方一视同仁，所以对半分正好得到 45°：这是模型对称性的结果，"
                        "并非观察所得。"},
    "summary": {"en": "A safety share of {share} gives {angle}, {verdict}; 45° needs {balanced}.",
                "zh": "安全占比 {share} 对应 {angle}，{verdict}；达到 45° 需要 {balanced}。"},
    "summary_multi": {"en": "The mix acts like a safety share of {share}: {angle}, {verdict}; 45° needs "
                            "{balanced} in every dimension.",
                      "zh": "这一组合相当于安全占比 {share}：{angle}，{verdict}；"
                            "达到 45° 需要每个维度都达到 {balanced}。"},
}

_GRID = 120
"""Evenly spaced shares on the curve; a few more near 0 and 1, where small α makes it steep."""
_EDGES = (1e-4, 5e-4, 1e-3, 2e-3, 4e-3)

VIEW: View[InvestmentResult] = View(
    name="investment",
    title=T["title"],
    fields=(
        Field("safety_share", "slider", T["safety_share"], T["safety_share_hint"], min=0, max=1, step=0.01),
        Field("returns", "select", T["returns"], T["returns_hint"],
              options=tuple((r, T[r]) for r in investment.RETURNS)),
        Field("alpha", "slider", T["alpha"], T["alpha_hint"], min=0.05, max=1, step=0.05),
        Field("efficiency", "number", T["efficiency"], T["efficiency_hint"]),
        Field("scale_k", "number", T["scale_k"], T["scale_k_hint"], advanced=True),
        Field("tolerance_deg", "slider", T["tolerance_deg"], T["tolerance_hint"], min=0, max=44.9, step=0.1,
              advanced=True),
        Field("shares", "series", T["shares"], T["shares_hint"], advanced=True),
        Field("weights", "series", T["weights"], T["weights_hint"], advanced=True),
        Field("dimensions", "text", T["dimensions"], T["dimensions_hint"], advanced=True),
    ),
    defaults={"safety_share": "0.1", "returns": "power", "alpha": "0.5", "efficiency": "1", "scale_k": "1",
              "tolerance_deg": "5", "shares": "", "weights": "", "dimensions": ""},
    presets=(
        Preset("even", T["preset_even"],
               {"safety_share": "0.5", "shares": "", "weights": "", "dimensions": ""}),
        Preset("claimed", T["preset_claim"],
               {"safety_share": f"{investment.CLAIMED_COMPUTE_SAFETY_SHARE:g}", "shares": "", "weights": "",
                "dimensions": ""}),
    ),
    render=lambda result, params, lang: render(result, params, lang),
    assumptions=investment.ASSUMPTIONS,
)


def pct(share: float | None) -> str:
    """A share as a percentage; shares too small (or too close to 1) for two decimals say so."""
    if share is not None and 0 < share < 1e-4:
        return "< 0.01%"
    if share is not None and 1 - 1e-4 < share < 1:
        return "> 99.99%"
    return fmt(None if share is None else share * 100, 2, unit="%")


def _curve(r: InvestmentResult, marks: Sequence[float]) -> list[tuple[float, float]]:
    """(share, angle) along the whole range, computed by the core itself (one model, one place)."""
    shares = {i / _GRID for i in range(_GRID + 1)} | set(_EDGES) | {1 - e for e in _EDGES} | set(marks)
    alpha = r.alpha if r.alpha is not None else 0.5
    k = r.scale_k if r.scale_k is not None else 1.0
    ordered = sorted(shares)
    angles = investment.angle_curve(ordered, returns=r.returns, alpha=alpha, scale_k=k, efficiency=r.efficiency)
    return list(zip(ordered, angles, strict=True))


Spot = tuple[float, float, Literal["start", "middle", "end"]]


def _around(x: float, y: float, d: float = 9.0) -> list[Spot]:
    return [(x + d, y - d, "start"), (x - d, y - d, "end"), (x + d, y + d + 10, "start"),
            (x - d, y + d + 10, "end"), (x, y - d - 6, "middle"), (x, y + d + 16, "middle")]


def angle_svg(points: Sequence[tuple[float, float]], *, current: tuple[float, float], balanced: float,
              dims: Sequence[tuple[str, float, float]], tolerance_deg: float, verdict: str, you: str, lang: str,
              title: str, desc: str, uid: str, variant: str) -> str:
    """Angle (0–90°) against safety share (0–100 %): nice ticks and a light grid, the curve, the 45° line and
    band, the reader's share and the balanced share, each named on the chart rather than in a legend."""
    wide = variant == "wide"
    width = WIDE if wide else NARROW
    left, top = (52.0, 36.0) if wide else (44.0, 36.0)
    w, h = (width - left - 16, 270.0) if wide else (width - left - 14, 210.0)
    plot = Box(left, top, left + w, top + h)
    c = Canvas(width, 0.0, uid + variant[0])

    def px(s: float) -> float:
        return left + s * w

    def py(a: float) -> float:
        return top + h - a / 90 * h

    colon = "：" if lang == "zh" else ": "
    for a in range(0, 91, 15):
        c.add(line(left, py(a), left + w, py(a), stroke=GRID, cls="ai45-grid"))
        c.text(left - 6, py(a) + 4.5, f"{a}°", anchor="end", fill="#374151")
    share_step = 0.1 if wide else 0.25
    shares = tick_values(0, 1, share_step)
    for s in shares:
        c.add(line(px(s), top, px(s), top + h, stroke=GRID, cls="ai45-grid"))
    c.x_labels([(px(s), tick_label(s, share_step, "percent")) for s in shares], top + h + 18)
    c.add(line(left, top + h, left + w, top + h, stroke=AXIS, cls="ai45-plot"),
          line(left, top, left, top + h, stroke=AXIS, cls="ai45-plot"))
    c.text(left + w, top + h + 40, f'{t(T["x_axis"], lang)} →', anchor="end", bold=True)
    c.text(4, top - 18, f'↑ {t(T["y_axis"], lang)}', bold=True)
    lo, hi = max(0.0, 45 - tolerance_deg), min(90.0, 45 + tolerance_deg)
    if hi > lo:
        c.add(f'<rect class="ai45-band" x="{left}" y="{py(hi):.1f}" width="{w}" height="{py(lo) - py(hi):.1f}" '
              f'fill="{c.hatch("#1b7f3b")}"/>')
    c.add(line(left, py(45), left + w, py(45), stroke="#374151", width=1.4, dash="10 3 2 3", cls="ai45-diag"))
    path = " ".join(f"{px(s):.1f},{py(a):.1f}" for s, a in points)
    c.add(f'<polyline class="ai45-curve" points="{path}" fill="none" stroke="#3949ab" stroke-width="2.5" '
          'stroke-linejoin="round"/>')
    c.avoid += [Box(px(s) - 2, py(a) - 2, px(s) + 2, py(a) + 2) for s, a in points[:: max(1, len(points) // 60)]]
    bx = px(balanced)
    c.add(line(bx, top, bx, top + h, stroke="#1b7f3b", width=1.5, dash="5 4", cls="ai45-balanced-share"))
    cx, cy = px(current[0]), py(current[1])
    colour = STYLES.get(verdict, STYLES["no_movement"])[0]
    c.add(f'<circle class="ai45-m-{esc(verdict)}" cx="{cx:.1f}" cy="{cy:.1f}" r="5.5" fill="{colour}" '
          f'stroke="{INK}"/>')
    c.avoid.append(Box(cx - 7, cy - 7, cx + 7, cy + 7))
    for _, ds, da in dims:
        c.add(_diamond(px(ds), py(da)))
        c.avoid.append(Box(px(ds) - 5, py(da) - 5, px(ds) + 5, py(da) + 5))
    # Direct labels, most important first; any that finds no free spot goes to a legend below.
    extra: list[tuple[str, str]] = []
    you_text = f"{you}{colon}{pct(current[0])} → {fmt(current[1], 1, unit='°')}"
    if not c.place(you_text, _around(cx, cy), bold=True, within=plot):
        extra.append((f'<circle cx="12" cy="0" r="5" fill="{colour}" stroke="{INK}"/>', you_text))
    line45 = t(T["line45"], lang)
    if not c.place(line45, [(left + 6, py(45) - 6, "start"), (left + w * 0.3, py(45) - 6, "start"),
                            (left + 6, py(45) + 17, "start")], within=plot):
        extra.append((line(0, 0, 24, 0, stroke="#374151", width=1.4, dash="10 3 2 3"), line45))
    needs = t(T["needs"], lang).format(share=pct(balanced))
    if not c.place(needs, [(bx + 5, top + 16, "start"), (bx - 5, top + 16, "end"),
                           (bx + 5, top + h - 8, "start"), (bx - 5, top + h - 8, "end")], within=plot):
        extra.append((line(0, 0, 24, 0, stroke="#1b7f3b", width=1.5, dash="5 4"), needs))
    band = t(T["band_short"], lang).format(tol=fmt(tolerance_deg, 1).removesuffix(".0"))
    if hi > lo and not c.place(band, [(left + w - 4, py(hi) - 5, "end"), (left + 4, py(hi) - 5, "start"),
                                      (left + w - 4, py(lo) + 16, "end"), (left + 4, py(lo) + 16, "start")],
                               within=plot):
        extra.append((f'<rect x="0" y="-6" width="24" height="11" fill="{c.hatch("#1b7f3b")}"/>', band))
    curve_text = t(T["curve_short"], lang)
    k = min(range(len(points)), key=lambda i: abs(points[i][0] - 0.85))
    sx, sy = px(points[k][0]), py(points[k][1])
    if not c.place(curve_text, [(sx - 6, sy - 8, "end"), (sx + 6, sy + 18, "start"), (sx - 6, sy + 18, "end")],
                   within=plot):
        extra.append((line(0, 0, 24, 0, stroke="#3949ab", width=2.5), curve_text))
    if len(dims) <= 8:
        for name, ds, da in dims:
            c.place(name[:14], _around(px(ds), py(da), 7), within=plot)
    # Tips: the reader's split, the balanced share and every dimension.
    hit, ring, box = hit_circle(cx, cy)
    c.tip([you, f'{t(T["share_shown"], lang)}{colon}{pct(current[0])}',
           f'{t(T["angle"], lang)}{colon}{fmt(current[1], 2, unit="°")}'], box, hit, ring)
    hit, ring, box = hit_circle(bx, py(45))
    c.tip([t(T["balanced"], lang), pct(balanced)], box, hit, ring)
    for name, ds, da in dims:
        hit, ring, box = hit_circle(px(ds), py(da), 9)
        c.tip([name, f'{t(T["share_shown"], lang)}{colon}{pct(ds)}', f'{t(T["angle"], lang)}{colon}'
               f'{fmt(da, 2, unit="°")}'], box, hit, ring)
    y = top + h + 66
    if extra:
        y = legend(c, extra, 4, y, width - 8, columns=2 if wide else 1)
    c.height = y - 10
    return c.render(title=title, desc=desc, variant="wide" if wide else "narrow")


def _diamond(x: float, y: float, r: float = 4.5) -> str:
    corners = f"{x:.1f},{y - r:.1f} {x + r:.1f},{y:.1f} {x:.1f},{y + r:.1f} {x - r:.1f},{y:.1f}"
    return f'<polygon class="ai45-dim" points="{corners}" fill="#6b7280"/>'


def render(r: InvestmentResult, params: Mapping[str, str], lang: str) -> Output:
    """Verdict sentence, key figures, the angle-vs-share curve, per-dimension table and notes."""
    multi = r.mode == "multi"
    verdict_label = r.verdict_label[lang]
    sentence = r.sentence_zh if lang == "zh" else r.sentence_en
    angle = fmt(r.angle_deg, 2, unit="°")
    share, balanced = r.equivalent_share, r.balanced_safety_share
    dims = [(d.name, d.safety_share, d.angle_deg) for d in r.dimensions]
    points = _curve(r, [share, balanced, *(s for _, s, _ in dims)])
    title = t(T["chart_title"], lang)
    desc = t(T["chart_desc"], lang).format(share=pct(share), angle=angle, balanced=pct(balanced))
    u = uid("investment", params)
    wide, narrow = (angle_svg(points, current=(share, r.angle_deg), balanced=balanced, dims=dims,
                              tolerance_deg=r.tolerance_deg, verdict=r.verdict,
                              you=t(T["you_multi" if multi else "you"], lang), lang=lang,
                              title=f"{title}: {angle}", desc=desc, uid=u, variant=v) for v in ("wide", "narrow"))
    figures = [
        (t(T["angle"], lang), angle),
        (t(T["verdict"], lang), esc(verdict_label)),
        (t(T["equivalent" if multi else "share_shown"], lang), esc(pct(share))),
        (t(T["balanced"], lang), esc(pct(balanced))),
        (t(T["pc"], lang), fmt(r.capability_progress, 3)),
        (t(T["ps"], lang), fmt(r.safety_progress, 3)),
    ]
    dl = "".join(f'<div><dt>{esc(k)}</dt><dd data-ai45-value="{i}">{v}</dd></div>'
                 for i, (k, v) in enumerate(figures))
    notes = []
    if not multi and r.safety_share == investment.CLAIMED_COMPUTE_SAFETY_SHARE:
        notes.append(investment.CLAIMED_COMPUTE_SAFETY_SHARE_LABEL[lang])
    if r.efficiency == 1:
        notes.append(t(T["symmetric"], lang))
    notes_html = "".join(f'<p class="ai45-note">{esc(n)}</p>' for n in notes)
    tables = table(esc(title), [t(T["quantity"], lang), t(T["value"], lang)],
                   [[esc(k), v] for k, v in figures])
    if multi:
        keys = ("dimension", "share_shown", "weight", "pc", "ps", "dim_angle", "balancing")
        head = [t(T[k], lang) for k in keys]
        rows = [[esc(d.name), esc(pct(d.safety_share)), fmt(d.weight, 3),
                 fmt(d.capability_progress, 3), fmt(d.safety_progress, 3),
                 fmt(d.angle_deg, 2, unit="°"),
                 esc(t(T["impossible"], lang) if d.balancing_share is None else pct(d.balancing_share))]
                for d in r.dimensions]
        tables += table(esc(t(T["dimension"], lang)), head, rows)
    marked = {share, balanced}
    curve_rows = [[esc(pct(s)), fmt(a, 2, unit="°")] for s, a in points
                  if round(s * 20, 9).is_integer() or s in marked]  # every 5%, and the marked shares
    tables += table(esc(t(T["curve_table"], lang)), [t(T["share_shown"], lang), t(T["angle"], lang)],
                    curve_rows)
    html = (f'<p class="ai45-verdict ai45-{esc(r.verdict)}" data-ai45-verdict="{esc(r.verdict)}">'
            f"<strong>{esc(verdict_label)}</strong> — {esc(sentence)}</p>"
            f'<dl class="ai45-figures">{dl}</dl>{notes_html}'
            f"{figure(wide, narrow)}"
            f'<details class="ai45-data"><summary>{esc(t(UI["data_table"], lang))}</summary>'
            f"{tables}</details>")
    marks = {share: "equivalent_share" if multi else "safety_share", balanced: "balanced_safety_share"}
    csv_rows: list[list[object]] = [["safety_share", "angle_deg", "mark"]]
    csv_rows += [[s, a, marks.get(s)] for s, a in points]
    csv_rows += [[],
                 ["angle_deg", r.angle_deg, "verdict", r.verdict, "balanced_safety_share", balanced],
                 ["capability_progress", r.capability_progress, "safety_progress", r.safety_progress],
                 ["returns", r.returns, "alpha", r.alpha, "scale_k", r.scale_k, "efficiency",
                  r.efficiency]]
    if multi:
        csv_rows += [[], ["dimension", "safety_share", "weight", "capability_progress", "safety_progress",
                          "angle_deg", "balancing_share"]]
        csv_rows += [[d.name, d.safety_share, d.weight, d.capability_progress,
                      d.safety_progress, d.angle_deg, d.balancing_share] for d in r.dimensions]
    summary = t(T["summary_multi" if multi else "summary"], lang).format(
        share=pct(share), angle=angle, verdict=verdict_label, balanced=pct(balanced))
    return Output(html=html, csv=to_csv(csv_rows), svg=wide, summary=summary)
