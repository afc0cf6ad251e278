"""SVG charts, written as text so build time and Pyodide draw exactly the same picture.

Colours are presentation attributes (the downloaded SVG stands alone); the site's CSS restyles them in dark
mode. Meaning never rests on colour alone: every series also has its own dash pattern and a text legend.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from .html import attrs, esc, fmt

__all__ = ["STYLES", "plane_chart"]

# verdict → (colour, dash pattern, marker) — colours pass 3:1 against white for graphics (WCAG 1.4.11).
STYLES: dict[str, tuple[str, str, str]] = {
    "balanced": ("#1b7f3b", "", "circle"),
    "safety_lagging": ("#c2410c", "8 4", "triangle"),
    "over_constrained": ("#1d4ed8", "2 4", "square"),
    "regressing": ("#6b7280", "1 3", "diamond"),
    "no_movement": ("#6b7280", "1 3", "diamond"),
}


def _marker(kind: str, x: float, y: float, colour: str) -> str:
    if kind == "triangle":
        pts = f"{x:.1f},{y - 5:.1f} {x - 5:.1f},{y + 4:.1f} {x + 5:.1f},{y + 4:.1f}"
        return f'<polygon points="{pts}" fill="{colour}"/>'
    if kind == "square":
        return f'<rect x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" fill="{colour}"/>'
    if kind == "diamond":
        pts = f"{x:.1f},{y - 5:.1f} {x + 5:.1f},{y:.1f} {x:.1f},{y + 5:.1f} {x - 5:.1f},{y:.1f}"
        return f'<polygon points="{pts}" fill="{colour}"/>'
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4.5" fill="{colour}"/>'


def plane_chart(xs: Sequence[float], ys: Sequence[float], labels: Sequence[str], verdicts: Sequence[str], *,
                tolerance_deg: float, x_label: str, y_label: str, title: str, desc: str,
                legend: dict[str, str], band_label: str, line_label: str, uid: str) -> str:
    """The capability–safety plane: equal units on both axes (so 45° looks like 45°), the 45° line and the
    tolerance band through the first point, the path with each period styled by its verdict."""
    size, left, top, bottom = 300.0, 56.0, 12.0, 44.0
    x0, y0 = xs[0], ys[0]
    lo_x, hi_x = min(xs), max(xs)
    lo_y, hi_y = min(ys), max(ys)
    span = max(hi_x - lo_x, hi_y - lo_y) or 1.0
    span *= 1.12
    cx, cy = (lo_x + hi_x) / 2, (lo_y + hi_y) / 2
    min_x, min_y = cx - span / 2, cy - span / 2

    def px(x: float) -> float:
        return left + (x - min_x) / span * size

    def py(y: float) -> float:
        return top + size - (y - min_y) / span * size

    clip = f"ai45-clip-{uid}"
    far = span * 3
    parts = [f'<defs><clipPath id="{clip}"><rect x="{left}" y="{top}" width="{size}" height="{size}"/></clipPath>'
             f'<pattern id="ai45-hatch-{uid}" width="6" height="6" patternUnits="userSpaceOnUse" '
             f'patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="6" stroke="#1b7f3b" '
             f'stroke-width="1.5" stroke-opacity="0.35"/></pattern></defs>']
    parts.append(f'<rect class="ai45-plot" x="{left}" y="{top}" width="{size}" height="{size}" fill="none" '
                 f'stroke="#9ca3af"/>')
    # Band: the wedge between 45° − tol and 45° + tol from the first point (hatched, not only tinted).
    band = []
    for ang in (45 - tolerance_deg, 45 + tolerance_deg):
        r = math.radians(ang)
        band.append((x0 + far * math.cos(r), y0 + far * math.sin(r)))
    wedge = " ".join(f"{px(x):.1f},{py(y):.1f}" for x, y in [(x0, y0), band[0], band[1]])
    parts.append(f'<g clip-path="url(#{clip})"><polygon class="ai45-band" points="{wedge}" '
                 f'fill="url(#ai45-hatch-{uid})"/>')
    diag = (x0 + far, y0 + far)
    back = (x0 - far, y0 - far)
    parts.append(f'<line class="ai45-diag" x1="{px(back[0]):.1f}" y1="{py(back[1]):.1f}" x2="{px(diag[0]):.1f}" '
                 f'y2="{py(diag[1]):.1f}" stroke="#374151" stroke-width="1.2" stroke-dasharray="10 3 2 3"/></g>')
    # Path.
    for i, verdict in enumerate(verdicts):
        colour, dash, _ = STYLES.get(verdict, STYLES["no_movement"])
        seg = attrs(class_="ai45-seg ai45-" + verdict, x1=f"{px(xs[i]):.1f}", y1=f"{py(ys[i]):.1f}",
                    x2=f"{px(xs[i + 1]):.1f}", y2=f"{py(ys[i + 1]):.1f}", stroke=colour, stroke_width="3",
                    stroke_dasharray=dash or None, stroke_linecap="round")
        parts.append(f"<line{seg}/>")
    shown = _label_indices(len(xs))
    for i, (x, y) in enumerate(zip(xs, ys, strict=True)):
        verdict = verdicts[i - 1] if i else (verdicts[0] if verdicts else "no_movement")
        colour, _, marker = STYLES.get(verdict, STYLES["no_movement"])
        parts.append(_marker("circle" if i == 0 else marker, px(x), py(y), colour))
        if i in shown and labels[i]:
            parts.append(f'<text class="ai45-pt" x="{px(x) + 7:.1f}" y="{py(y) - 7:.1f}" font-size="11" '
                         f'fill="#111827">{esc(labels[i][:16])}</text>')
    # Axes: ticks at both ends, equal units.
    parts.append(f'<text x="{left}" y="{top + size + 16}" font-size="11" fill="#374151">{esc(fmt(min_x, 2))}</text>'
                 f'<text x="{left + size}" y="{top + size + 16}" font-size="11" text-anchor="end" '
                 f'fill="#374151">{esc(fmt(min_x + span, 2))}</text>'
                 f'<text x="{left + size / 2}" y="{top + size + 34}" font-size="12" text-anchor="middle" '
                 f'fill="#111827">{esc(x_label)} →</text>'
                 f'<text x="{left - 6}" y="{top + size}" font-size="11" text-anchor="end" fill="#374151">'
                 f"{esc(fmt(min_y, 2))}</text>"
                 f'<text x="{left - 6}" y="{top + 10}" font-size="11" text-anchor="end" fill="#374151">'
                 f"{esc(fmt(min_y + span, 2))}</text>"
                 f'<text transform="translate({left - 40},{top + size / 2}) rotate(-90)" font-size="12" '
                 f'text-anchor="middle" fill="#111827">{esc(y_label)} →</text>')
    # Legend (text, pattern and colour together).
    ly = top + size + bottom + 6
    items = [("ai45-diag", "#374151", "10 3 2 3", line_label), ("band", "", "", band_label)]
    items += [(f"ai45-{v}", STYLES[v][0], STYLES[v][1], text) for v, text in legend.items()]
    rows = []
    for j, (cls, colour, dash, text) in enumerate(items):
        y = ly + j * 18
        if cls == "band":
            sample = (f'<rect x="{left}" y="{y - 8}" width="28" height="10" fill="url(#ai45-hatch-{uid})" '
                      f'stroke="#1b7f3b" stroke-opacity="0.5"/>')
        else:
            line = attrs(class_=cls, x1=left, y1=y - 3, x2=left + 28, y2=y - 3, stroke=colour, stroke_width=3,
                         stroke_dasharray=dash or None)
            sample = f"<line{line}/>"
        rows.append(sample + f'<text x="{left + 36}" y="{y}" font-size="12" fill="#111827">{esc(text)}</text>')
    parts += rows
    height = ly + len(items) * 18
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="ai45-chart" viewBox="0 0 {left + size + 20:.0f} '
            f'{height:.0f}" role="img" aria-labelledby="ai45-t-{uid} ai45-d-{uid}" font-family="sans-serif">'
            f'<title id="ai45-t-{uid}">{esc(title)}</title><desc id="ai45-d-{uid}">{esc(desc)}</desc>'
            + "".join(parts) + "</svg>")


def _label_indices(n: int) -> set[int]:
    """Label every point of a short path; first, last and a few evenly spaced ones of a long path."""
    if n <= 12:
        return set(range(n))
    step = math.ceil(n / 8)
    return {0, n - 1, *range(0, n, step)}
