"""The investment widget: how a split of resources between capability and safety becomes an angle."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ai45core import investment

from ..chart import STYLES
from ..html import Text, attrs, esc, fmt, t, table
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

VIEW = View(
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


def _curve(r: Mapping[str, Any], marks: Sequence[float]) -> list[tuple[float, float]]:
    """(share, angle) along the whole range, computed by the core itself (one model, one place)."""
    shares = {i / _GRID for i in range(_GRID + 1)} | set(_EDGES) | {1 - e for e in _EDGES} | set(marks)
    alpha = r["alpha"] if r["alpha"] is not None else 0.5
    k = r["scale_k"] if r["scale_k"] is not None else 1.0
    ordered = sorted(shares)
    angles = investment.angle_curve(ordered, returns=r["returns"], alpha=alpha, scale_k=k,
                                    efficiency=r["efficiency"])
    return list(zip(ordered, angles, strict=True))


def _text(x: float, y: float, text: str, *, size: int = 12, anchor: str = "start", extra: str = "") -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" fill="#111827"{extra}>'
            f"{esc(text)}</text>")


def _line(x1: float, y1: float, x2: float, y2: float, stroke: str, width: float, dash: str = "",
          cls: str = "") -> str:
    ends = attrs(x1=f"{x1:.1f}", y1=f"{y1:.1f}", x2=f"{x2:.1f}", y2=f"{y2:.1f}")
    return (f"<line{attrs(class_=cls or None)}{ends}"
            f"{attrs(stroke=stroke, stroke_width=width, stroke_dasharray=dash or None)}/>")


def _diamond(x: float, y: float, r: float = 4) -> str:
    corners = f"{x:.1f},{y - r:.1f} {x + r:.1f},{y:.1f} {x:.1f},{y + r:.1f} {x - r:.1f},{y:.1f}"
    return f'<polygon points="{corners}" fill="#6b7280"/>'


def angle_chart(points: Sequence[tuple[float, float]], *, current: tuple[float, float], balanced: float,
                dims: Sequence[tuple[str, float, float]], tolerance_deg: float, verdict: str, you: str,
                lang: str, title: str, desc: str, uid: str) -> str:
    """Angle (0–90°) against safety share (0–1): the curve, the 45° line and band, the reader's share and
    the balanced share. Text labels and dash patterns carry the meaning as well as colour."""
    left, top, w, h = 52.0, 14.0, 400.0, 240.0

    def px(s: float) -> float:
        return left + s * w

    def py(a: float) -> float:
        return top + h - a / 90 * h

    hatch = f"ai45-hatch-{uid}"
    parts = [f'<defs><pattern id="{hatch}" width="6" height="6" patternUnits="userSpaceOnUse" '
             f'patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="6" stroke="#1b7f3b" '
             f'stroke-width="1.5" stroke-opacity="0.35"/></pattern></defs>',
             f'<rect class="ai45-plot" x="{left}" y="{top}" width="{w}" height="{h}" fill="none" '
             f'stroke="#9ca3af"/>']
    lo, hi = max(0.0, 45 - tolerance_deg), min(90.0, 45 + tolerance_deg)
    if hi > lo:
        parts.append(f'<rect class="ai45-band" x="{left}" y="{py(hi):.1f}" width="{w}" '
                     f'height="{py(lo) - py(hi):.1f}" fill="url(#{hatch})"/>')
    parts.append(_line(left, py(45), left + w, py(45), "#374151", 1.2, "10 3 2 3", "ai45-diag"))
    # Ticks: shares as percentages, angles at 0, 45 and 90 degrees.
    for s in (0, 0.25, 0.5, 0.75, 1):
        parts.append(_line(px(s), top + h, px(s), top + h + 4, "#9ca3af", 1)
                     + _text(px(s), top + h + 16, f"{s * 100:.0f}%", size=11, anchor="middle"))
    for a in (0, 45, 90):
        parts.append(_text(left - 6, py(a) + 4, f"{a}°", size=11, anchor="end"))
    parts.append(_text(left + w / 2, top + h + 34, f'{t(T["x_axis"], lang)} →', anchor="middle")
                 + f'<text transform="translate({left - 36},{top + h / 2}) rotate(-90)" font-size="12" '
                 f'text-anchor="middle" fill="#111827">{esc(t(T["y_axis"], lang))} →</text>')
    path = " ".join(f"{px(s):.1f},{py(a):.1f}" for s, a in points)
    parts.append(f'<polyline class="ai45-curve" points="{path}" fill="none" stroke="#3949ab" '
                 f'stroke-width="2.5" stroke-linejoin="round"/>')
    # The balanced share: a dashed vertical line, labelled at the top of the plot.
    bx, right = px(balanced), balanced < 0.7
    parts.append(_line(bx, top, bx, top + h, "#1b7f3b", 1.5, "5 4", "ai45-balanced-share")
                 + _text(bx + (5 if right else -5), top + 13, t(T["needs"], lang).format(share=pct(balanced)),
                         size=11, anchor="start" if right else "end"))
    # Dimensions (multi mode): each lies on the curve at its own share.
    for name, ds, da in dims:
        parts.append(_diamond(px(ds), py(da)))
        if len(dims) <= 6:
            parts.append(_text(px(ds) + 6, py(da) + 12, name[:14], size=10))
    # The reader's split, on top of everything.
    colour = STYLES.get(verdict, STYLES["no_movement"])[0]
    cx, cy = px(current[0]), py(current[1])
    right = current[0] < 0.6
    parts.append(f'<circle class="ai45-{esc(verdict)}" cx="{cx:.1f}" cy="{cy:.1f}" r="5.5" fill="{colour}" '
                 f'stroke="#111827"/>'
                 + _text(cx + (8 if right else -8), cy - 9 if current[1] < 80 else cy + 18,
                         f"{you}{'：' if lang == 'zh' else ': '}{pct(current[0])} → {fmt(current[1], 1, unit='°')}",
                         anchor="start" if right else "end", extra=' font-weight="700"'))
    # Legend: a sample and a text for every mark.
    ly = top + h + 56
    parts += [
        _line(left, ly - 4, left + 28, ly - 4, "#3949ab", 2.5) + _text(left + 36, ly, t(T["curve"], lang)),
        _line(left, ly + 14, left + 28, ly + 14, "#374151", 1.2, "10 3 2 3", "ai45-diag")
        + _text(left + 36, ly + 18, t(T["line45"], lang)),
        f'<rect x="{left + 220}" y="{ly + 9}" width="28" height="10" fill="url(#{hatch})" stroke="#1b7f3b" '
        f'stroke-opacity="0.5"/>'
        + _text(left + 256, ly + 18, f'{t(T["band"], lang)} 45° ± {fmt(tolerance_deg, 1)}°'),
        _line(left, ly + 32, left + 28, ly + 32, "#1b7f3b", 1.5, "5 4")
        + _text(left + 36, ly + 36, t(T["balanced_legend"], lang)),
        f'<circle cx="{left + 234}" cy="{ly + 32}" r="5" fill="{colour}" stroke="#111827"/>'
        + _text(left + 256, ly + 36, you),
    ]
    height = ly + 46
    if dims:
        parts.append(_diamond(left + 14, ly + 50) + _text(left + 36, ly + 54, t(T["dims_legend"], lang)))
        height += 18
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="ai45-chart" viewBox="0 0 {left + w + 16:.0f} '
            f'{height:.0f}" role="img" aria-labelledby="ai45-t-{uid} ai45-d-{uid}" font-family="sans-serif">'
            f'<title id="ai45-t-{uid}">{esc(title)}</title><desc id="ai45-d-{uid}">{esc(desc)}</desc>'
            + "".join(parts) + "</svg>")


def render(r: dict[str, Any], params: Mapping[str, str], lang: str) -> Output:
    """Verdict sentence, key figures, the angle-vs-share curve, per-dimension table and notes."""
    multi = r["mode"] == "multi"
    verdict_label = r["verdict_label"][lang]
    sentence = r["sentence_zh"] if lang == "zh" else r["sentence_en"]
    angle = fmt(r["angle_deg"], 2, unit="°")
    share, balanced = r["equivalent_share"], r["balanced_safety_share"]
    dims = [(d["name"], d["safety_share"], d["angle_deg"]) for d in r["dimensions"]]
    points = _curve(r, [share, balanced, *(s for _, s, _ in dims)])
    title = t(T["chart_title"], lang)
    desc = t(T["chart_desc"], lang).format(share=pct(share), angle=angle, balanced=pct(balanced))
    svg = angle_chart(points, current=(share, r["angle_deg"]), balanced=balanced, dims=dims,
                      tolerance_deg=r["tolerance_deg"], verdict=r["verdict"],
                      you=t(T["you_multi" if multi else "you"], lang), lang=lang, title=f"{title}: {angle}",
                      desc=desc, uid=uid("investment", params))
    figures = [
        (t(T["angle"], lang), angle),
        (t(T["verdict"], lang), esc(verdict_label)),
        (t(T["equivalent" if multi else "share_shown"], lang), esc(pct(share))),
        (t(T["balanced"], lang), esc(pct(balanced))),
        (t(T["pc"], lang), fmt(r["capability_progress"], 3)),
        (t(T["ps"], lang), fmt(r["safety_progress"], 3)),
    ]
    dl = "".join(f'<div><dt>{esc(k)}</dt><dd data-ai45-value="{i}">{v}</dd></div>'
                 for i, (k, v) in enumerate(figures))
    notes = []
    if not multi and r["safety_share"] == investment.CLAIMED_COMPUTE_SAFETY_SHARE:
        notes.append(investment.CLAIMED_COMPUTE_SAFETY_SHARE_LABEL[lang])
    if r["efficiency"] == 1:
        notes.append(t(T["symmetric"], lang))
    notes_html = "".join(f'<p class="ai45-note">{esc(n)}</p>' for n in notes)
    tables = table(esc(title), [t(T["quantity"], lang), t(T["value"], lang)],
                   [[esc(k), v] for k, v in figures])
    if multi:
        keys = ("dimension", "share_shown", "weight", "pc", "ps", "dim_angle", "balancing")
        head = [t(T[k], lang) for k in keys]
        rows = [[esc(d["name"]), esc(pct(d["safety_share"])), fmt(d["weight"], 3),
                 fmt(d["capability_progress"], 3), fmt(d["safety_progress"], 3),
                 fmt(d["angle_deg"], 2, unit="°"),
                 esc(t(T["impossible"], lang) if d["balancing_share"] is None else pct(d["balancing_share"]))]
                for d in r["dimensions"]]
        tables += table(esc(t(T["dimension"], lang)), head, rows)
    marked = {share, balanced}
    curve_rows = [[esc(pct(s)), fmt(a, 2, unit="°")] for s, a in points
                  if round(s * 20, 9).is_integer() or s in marked]  # every 5%, and the marked shares
    tables += table(esc(t(T["curve_table"], lang)), [t(T["share_shown"], lang), t(T["angle"], lang)],
                    curve_rows)
    html = (f'<p class="ai45-verdict ai45-{esc(r["verdict"])}" data-ai45-verdict="{esc(r["verdict"])}">'
            f"<strong>{esc(verdict_label)}</strong> — {esc(sentence)}</p>"
            f'<dl class="ai45-figures">{dl}</dl>{notes_html}'
            f'<figure class="ai45-figure">{svg}</figure>'
            f'<details class="ai45-data"><summary>{esc(t(UI["data_table"], lang))}</summary>'
            f"{tables}</details>")
    marks = {share: "equivalent_share" if multi else "safety_share", balanced: "balanced_safety_share"}
    csv_rows: list[list[object]] = [["safety_share", "angle_deg", "mark"]]
    csv_rows += [[s, a, marks.get(s)] for s, a in points]
    csv_rows += [[],
                 ["angle_deg", r["angle_deg"], "verdict", r["verdict"], "balanced_safety_share", balanced],
                 ["capability_progress", r["capability_progress"], "safety_progress", r["safety_progress"]],
                 ["returns", r["returns"], "alpha", r["alpha"], "scale_k", r["scale_k"], "efficiency",
                  r["efficiency"]]]
    if multi:
        csv_rows += [[], ["dimension", "safety_share", "weight", "capability_progress", "safety_progress",
                          "angle_deg", "balancing_share"]]
        csv_rows += [[d["name"], d["safety_share"], d["weight"], d["capability_progress"],
                      d["safety_progress"], d["angle_deg"], d["balancing_share"]] for d in r["dimensions"]]
    summary = t(T["summary_multi" if multi else "summary"], lang).format(
        share=pct(share), angle=angle, verdict=verdict_label, balanced=pct(balanced))
    return Output(html=html, csv=to_csv(csv_rows), svg=svg, summary=summary)
