"""The chart toolkit: SVG written as text, so build time and Pyodide draw exactly the same picture.

Every view draws each chart twice, for two widths (``WIDE`` and ``NARROW`` user units), and :func:`figure` puts
both in one ``<figure>``; the site's CSS shows the one that suits the figure's width (a container query), so a
phone gets a layout made for it instead of a shrunken desktop drawing. Text is never smaller than ``FONT``
units, and a layout is only shown where one unit is at least 0.93 px, so text is at least 12 px tall on screen.

What the views share lives here: the ``<svg>`` wrapper with its title and description, the hatch pattern,
"nice" axis ticks (1-2-5 steps) with light grid lines, tick labels per scale, text measurement and wrapping,
label placement that never lets two texts collide, legends, and the focusable marks that show their values on
hover and keyboard focus with CSS alone (``.ai45-hit`` / ``.ai45-tip`` in ai45.css).

Colours are presentation attributes (a downloaded SVG stands alone); the site's CSS restyles them in dark mode.
Meaning never rests on colour alone: every series also has its own dash pattern, marker or words.

>>> nice_ticks(1, 8)
(0.0, 8.0, 2.0)
>>> [tick_label(v, 0.25, "percent") for v in (0, 0.25, 1)]
['0%', '25%', '100%']
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from .html import attrs, esc, fmt

__all__ = [
    "FONT", "INK", "MUTED", "NARROW", "STYLES", "WIDE", "Anchor", "Box", "Canvas", "Tip", "figure", "hit_circle",
    "hit_rect", "legend", "line", "log_ticks", "marker", "nice_step", "nice_ticks", "shorten", "text", "text_box",
    "text_width", "tick_label", "tick_values", "wrap",
]

WIDE, NARROW = 640.0, 300.0
"""Widths (user units) of the two layouts. CSS shows the wide one in figures at least 600 px wide."""
FONT = 13.0
"""Smallest text size (user units): 13 × 286/300 ≥ 12 px in a 360 px phone, 13 × 600/640 ≥ 12 px when wide."""
LINE = 1.5
"""Line spacing (× font size): the text boxes of CJK fonts are 1.45 em tall, and stacked lines must not touch."""
ASCENT, DESCENT = 1.16, 0.29
"""Top and bottom of a text's box around its baseline (× font size), as Chromium measures Noto Sans CJK, the
tallest of the fonts a reader's browser is likely to use."""

INK, MUTED, AXIS, GRID = "#111827", "#374151", "#6b7280", "#e5e7eb"

# verdict → (colour, dash pattern, marker) — colours pass 3:1 against white for graphics (WCAG 1.4.11).
STYLES: dict[str, tuple[str, str, str]] = {
    "balanced": ("#1b7f3b", "", "circle"),
    "safety_lagging": ("#c2410c", "8 4", "triangle"),
    "over_constrained": ("#1d4ed8", "2 4", "square"),
    "regressing": ("#6b7280", "1 3", "diamond"),
    "no_movement": ("#6b7280", "1 3", "diamond"),
}

# Advance widths (hundredths of an em) of ASCII 32–126: the wider of DejaVu Sans and Noto Sans CJK SC, the
# fonts Chromium picks for "sans-serif" here in English and Chinese; phones' fonts are narrower, never wider.
_ASCII = (
    "32 40 47 84 64 95 78 28 39 39 50 84 32 36 32 39 64 64 64 64 64 64 64 64 64 64 34 34 84 84 84 53 100 68 69 70 "
    "77 63 58 77 75 29 54 66 56 86 75 79 63 79 69 63 61 73 68 99 69 61 69 39 39 39 84 56 61 61 63 55 63 62 35 63 "
    "63 28 28 58 28 97 63 61 63 63 41 52 39 63 59 82 59 59 52 64 34 64 84")
_ASCII_BOLD = (
    "35 46 57 84 70 100 87 32 46 46 52 84 38 42 38 39 70 70 70 70 70 70 70 70 70 70 40 40 84 84 84 58 101 77 76 73 "
    "83 68 68 82 84 37 57 77 64 100 84 85 73 85 77 72 68 81 77 110 77 72 73 46 39 46 84 57 63 67 72 59 72 68 44 72 "
    "71 34 34 67 34 104 71 69 72 72 49 60 48 71 65 92 65 65 58 71 37 71 84")
_WIDTHS = tuple(int(w) / 100 for w in _ASCII.split())
_WIDTHS_BOLD = tuple(int(w) / 100 for w in _ASCII_BOLD.split())
_NARROW_SYMBOLS = {"°": 0.5, "–": 0.54, "′": 0.28, "₀": 0.4, "α": 0.66, "θ": 0.61, "Δ": 0.68, "✓": 0.84, "−": 0.84}


def text_width(text: str, size: float = FONT, *, bold: bool = False) -> float:
    """Estimated width of ``text`` at ``size`` (user units); errs on the wide side.

    >>> text_width("iii") < text_width("MMM"), text_width("安全", 10)
    (True, 20.0)
    """
    table = _WIDTHS_BOLD if bold else _WIDTHS
    em = 0.0
    for ch in text:
        code = ord(ch)
        if 32 <= code < 127:
            em += table[code - 32]
        else:
            em += _NARROW_SYMBOLS.get(ch, 1.0)  # CJK, full-width punctuation and other symbols: one em
    return em * size


_CLOSE = set("，。、；：！？）」』】》〉…)]}%,.;:!?")
_OPEN = set("（「『【《〈")


def _breaks(text: str) -> list[str]:
    """Pieces a line may break after: words (with their space) and single CJK characters. Closing marks stay
    with what they close and opening marks with what they open (no line starts with "）" or ends with "（")."""
    out: list[str] = []
    word = ""
    for ch in text:
        if ch in _CLOSE and not word and out:
            out[-1] += ch
        elif ch in _OPEN:
            if word and not word.endswith(tuple(_OPEN)):
                out.append(word)
                word = ""
            word += ch
        elif ord(ch) >= 0x2E80:  # CJK: a break is allowed on either side
            if word and not word.endswith(tuple(_OPEN)):
                out.append(word)
                word = ""
            out.append(word + ch)
            word = ""
        else:
            word += ch
            if ch == " ":
                out.append(word)
                word = ""
    if word:
        out.append(word)
    return out


def wrap(text: str, width: float, size: float = FONT, *, bold: bool = False, lines: int = 3) -> list[str]:
    """``text`` broken into at most ``lines`` lines no wider than ``width``; the last line ends with "…" if
    the text does not fit.

    >>> wrap("Approximate Alignment", 100)
    ['Approximate', 'Alignment']
    >>> wrap("可信AGI的因果之梯", 60)
    ['可信AGI', '的因果之', '梯']
    """
    out: list[str] = []
    line = ""
    pieces = _breaks(text)
    for i, piece in enumerate(pieces):
        if text_width((line + piece).rstrip(), size, bold=bold) <= width or not line:
            line += piece
            continue
        if len(out) == lines - 1:  # the last line allowed: the rest goes on it, cut below
            line += "".join(pieces[i:])
            break
        out.append(line.rstrip())
        line = piece
    out.append(line.strip())
    last = out[-1]
    if text_width(last, size, bold=bold) > width:
        while last and text_width(last + "…", size, bold=bold) > width:
            last = last[:-1]
        out[-1] = last.rstrip() + "…"
    return [x for x in out if x]


def shorten(text: str, width: float, size: float = FONT, *, bold: bool = False) -> str:
    """``text`` on one line, cut with "…" where it would be wider than ``width``."""
    return wrap(text, width, size, bold=bold, lines=1)[0] if text else ""


# --- Ticks -----------------------------------------------------------------------------------------------------


def nice_step(span: float, count: int = 5) -> float:
    """The smallest step of the form 1, 2 or 5 × 10ᵏ that cuts ``span`` into at most ``count`` parts.

    >>> nice_step(7), nice_step(0.3), nice_step(100), nice_step(1e-9, 4)
    (2.0, 0.1, 20.0, 5e-10)
    """
    if not span > 0 or not math.isfinite(span):
        return 1.0
    raw = span / count
    power = 10.0 ** math.floor(math.log10(raw))
    for mult in (1.0, 2.0, 5.0, 10.0):
        step = mult * power
        if span / step <= count * (1 + 1e-9):
            return float(f"{step:.12g}")
    return 10.0 * power


def _snap(value: float, step: float) -> float:
    """``value`` rounded to the precision of ``step`` (so 3 × 0.1 is 0.3, not 0.30000000000000004)."""
    digits = max(0, 1 - math.floor(math.log10(step))) if step > 0 else 0
    return round(value, digits + 2) + 0.0


def nice_ticks(lo: float, hi: float, count: int = 5) -> tuple[float, float, float]:
    """``(start, end, step)``: a 1-2-5 step and the range from ``lo`` to ``hi`` widened to whole steps.

    A range that does not cross zero is not widened across it, so positive data never get a negative axis.

    >>> nice_ticks(1, 8), nice_ticks(0.58, 8.42), nice_ticks(-2.77, 5.07)
    ((0.0, 8.0, 2.0), (0.0, 10.0, 2.0), (-4.0, 6.0, 2.0))
    >>> nice_ticks(5, 5)
    (4.0, 6.0, 0.5)
    """
    if hi < lo:
        lo, hi = hi, lo
    if hi - lo <= 1e-12 * max(1.0, abs(lo), abs(hi)):
        pad = abs(lo) / 5 if lo else 1.0
        lo, hi = lo - pad, hi + pad
    step = nice_step(hi - lo, count)
    start, end = math.floor(lo / step + 1e-9) * step, math.ceil(hi / step - 1e-9) * step
    if (end - start) / step > count + 1e-9:  # floor/ceil added a part: one size up
        step = nice_step(end - start, count)
        start, end = math.floor(lo / step + 1e-9) * step, math.ceil(hi / step - 1e-9) * step
    return _snap(start, step), _snap(end, step), step


def tick_values(start: float, end: float, step: float) -> list[float]:
    """The ticks from ``start`` to ``end`` (inclusive) every ``step``.

    >>> tick_values(0, 1, 0.2)
    [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]
    """
    n = round((end - start) / step)
    return [_snap(start + k * step, step) for k in range(n + 1)]


TickKind = Literal["number", "percent", "degrees", "multiple"]


def tick_label(value: float, step: float, kind: TickKind = "number") -> str:
    """A tick's text: as many decimals as the step needs; "%" for fractions, "°", or "×2"/"÷4" for log ratios.

    >>> tick_label(0.5, 0.1), tick_label(2000, 500), tick_label(-1, 1), tick_label(0.05, 0.05, "percent")
    ('0.5', '2,000', '−1', '5%')
    >>> [tick_label(math.log(r), math.log(2), "multiple") for r in (1, 4, 0.25)], tick_label(45, 15, "degrees")
    (['×1', '×4', '÷4'], '45°')
    """
    if kind == "multiple":
        ratio = math.exp(value)
        if ratio >= 1:
            return f"×{_plain(ratio)}"
        return f"÷{_plain(1 / ratio)}"
    scale = 100.0 if kind == "percent" else 1.0
    shown = value * scale
    digits = max(0, -math.floor(math.log10(step * scale) + 1e-9)) if step > 0 else 0
    if abs(shown) >= 1e7:
        text = f"{shown:.3g}".replace("e+0", "e").replace("e+", "e").replace("-", "−")
    else:
        text = fmt(shown, digits)
    return text + ("%" if kind == "percent" else "°" if kind == "degrees" else "")


def _plain(x: float) -> str:
    """A ratio for a tick label: 2, 1.5, 1,000."""
    if abs(x - round(x)) < 1e-6 * max(1.0, x):
        return fmt(round(x), 0)
    return f"{x:.3g}"


def log_ticks(lo: float, hi: float, count: int = 5) -> tuple[float, float, list[float]]:
    """``(start, end, ticks)`` for natural-log values: ticks at ratios that are powers of 2 (or 10 over a
    wide range), every few powers if there are too many; a range narrower than ×4 gets nice ratios instead.

    >>> s, e, ticks = log_ticks(0, math.log(8))
    >>> [tick_label(t, 1, "multiple") for t in ticks], round(e, 4) == round(math.log(8), 4)
    (['×1', '×2', '×4', '×8'], True)
    >>> [tick_label(t, 1, "multiple") for t in log_ticks(0, math.log(1.3))[2]]
    ['×1', '×1.1', '×1.2', '×1.3']
    """
    if hi < lo:
        lo, hi = hi, lo
    if hi - lo < math.log(4):
        a, b, step = nice_ticks(math.exp(lo), math.exp(hi), count)
        if a <= 0:
            a = step
        ticks = [math.log(v) for v in tick_values(a, b, step) if v > 0]
        return min(lo, ticks[0]), max(hi, ticks[-1]), ticks
    base = math.log(2) if hi - lo <= math.log(2) * 10 else math.log(10)
    k0, k1 = math.floor(lo / base + 1e-9), math.ceil(hi / base - 1e-9)
    every = max(1, math.ceil((k1 - k0) / count))
    k0 = math.floor(k0 / every) * every
    k1 = math.ceil(k1 / every) * every
    ticks = [k * base for k in range(k0, k1 + 1, every)]
    return ticks[0], ticks[-1], ticks


# --- Geometry and placement ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Box:
    """An axis-aligned rectangle in user units (x0 ≤ x1, y0 ≤ y1)."""

    x0: float
    y0: float
    x1: float
    y1: float

    def overlaps(self, other: Box, gap: float = 0.0) -> bool:
        """True when the two boxes, each grown by ``gap``/2 on every side, share any area.

        >>> Box(0, 0, 10, 10).overlaps(Box(10, 0, 20, 10)), Box(0, 0, 10, 10).overlaps(Box(9, 9, 20, 20))
        (False, True)
        """
        return (self.x0 < other.x1 + gap and other.x0 < self.x1 + gap
                and self.y0 < other.y1 + gap and other.y0 < self.y1 + gap)

    def inside(self, other: Box) -> bool:
        """True when this box lies within ``other``."""
        return (self.x0 >= other.x0 - 1e-6 and self.y0 >= other.y0 - 1e-6 and self.x1 <= other.x1 + 1e-6
                and self.y1 <= other.y1 + 1e-6)


Anchor = Literal["start", "middle", "end"]


def text_box(x: float, y: float, text: str, size: float = FONT, anchor: Anchor = "start", *,
             bold: bool = False) -> Box:
    """The box a one-line text occupies (``y`` is its baseline)."""
    w = text_width(text, size, bold=bold)
    left = x - (w if anchor == "end" else w / 2 if anchor == "middle" else 0.0)
    return Box(left, y - ASCENT * size, left + w, y + DESCENT * size)


def text(x: float, y: float, content: str, *, size: float = FONT, anchor: Anchor = "start", bold: bool = False,
         fill: str = INK, cls: str | None = None, italic: bool = False) -> str:
    """One ``<text>`` element (content escaped)."""
    extra = attrs(class_=cls, font_weight="700" if bold else None, font_style="italic" if italic else None,
                  text_anchor=None if anchor == "start" else anchor)
    return f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size:g}" fill="{fill}"{extra}>{esc(content)}</text>'


def line(x1: float, y1: float, x2: float, y2: float, *, stroke: str = AXIS, width: float = 1.0, dash: str = "",
         cls: str | None = None, cap: str | None = None) -> str:
    """One ``<line>`` element (written directly: a long path draws thousands of them on every keystroke)."""
    head = f' class="{cls}"' if cls else ""
    tail = (f' stroke-dasharray="{dash}"' if dash else "") + (f' stroke-linecap="{cap}"' if cap else "")
    return (f'<line{head} x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{stroke}" '
            f'stroke-width="{width:g}"{tail}/>')


@dataclass
class Tip:
    """A mark's values, shown next to it on hover and keyboard focus (and read out as its accessible name)."""

    lines: Sequence[str]
    """The first line is the heading (bold); the others are "name: value" lines."""
    anchor: Box
    """The mark the tip belongs to; the tip is placed beside it, inside the chart."""
    hit: str
    """The invisible shape that takes the pointer (markup), drawn over the mark."""
    ring: str = ""
    """A focus ring (markup), shown with the tip on keyboard focus."""


@dataclass
class Canvas:
    """One SVG being drawn: its parts, the boxes its texts occupy, and its focusable marks.

    ``place`` puts a label at the first of several candidate spots where it collides with no other text and
    stays inside the chart; it returns False (and draws nothing) when none is free, so labels never overlap.
    """

    width: float
    height: float
    uid: str
    parts: list[str] = field(default_factory=list)
    defs: list[str] = field(default_factory=list)
    taken: list[Box] = field(default_factory=list)
    avoid: list[Box] = field(default_factory=list)
    tips: list[Tip] = field(default_factory=list)
    focusable: int = 50
    """At most this many marks take keyboard focus (the data table lists every value)."""

    @property
    def bounds(self) -> Box:
        """The chart's area (while drawing, before ``height`` is known, unbounded below)."""
        return Box(0.0, 0.0, self.width, self.height if self.height > 0 else math.inf)

    def add(self, *markup: str) -> None:
        self.parts.extend(markup)

    def text(self, x: float, y: float, content: str, *, size: float = FONT, anchor: Anchor = "start",
             bold: bool = False, fill: str = INK, cls: str | None = None, italic: bool = False) -> Box:
        """Draw a text and mark its box as taken (no collision check: for fixed layout text)."""
        box = text_box(x, y, content, size, anchor, bold=bold)
        self.taken.append(box)
        self.parts.append(text(x, y, content, size=size, anchor=anchor, bold=bold, fill=fill, cls=cls,
                               italic=italic))
        return box

    def free(self, box: Box, within: Box | None = None) -> bool:
        """True when ``box`` is inside ``within`` (default: the chart) and overlaps no text drawn so far."""
        return box.inside(within or self.bounds) and not any(box.overlaps(b, 1.0) for b in self.taken)

    def place(self, content: str, spots: Iterable[tuple[float, float, Anchor]], *, size: float = FONT,
              bold: bool = False, fill: str = INK, cls: str | None = None, within: Box | None = None,
              italic: bool = False) -> Box | None:
        """Draw ``content`` at the free spot (x, baseline y, anchor) that covers the fewest marks to avoid."""
        best: tuple[int, int, Box, tuple[float, float, Anchor]] | None = None
        for order, (x, y, anchor) in enumerate(spots):
            box = text_box(x, y, content, size, anchor, bold=bold)
            if not self.free(box, within):
                continue
            cost = sum(box.overlaps(a) for a in self.avoid)
            if best is None or (cost, order) < (best[0], best[1]):
                best = (cost, order, box, (x, y, anchor))
            if cost == 0:
                break
        if best is None:
            return None
        x, y, anchor = best[3]
        return self.text(x, y, content, size=size, anchor=anchor, bold=bold, fill=fill, cls=cls, italic=italic)

    def x_labels(self, ticks: Iterable[tuple[float, str]], y: float, *, fill: str = MUTED) -> None:
        """Tick labels centred under their ticks; one that would stick out of the chart is moved inwards, one
        that would touch its neighbour is left out."""
        last = -1e9
        for x, label in ticks:
            anchor: Anchor = "middle"
            box = text_box(x, y, label, anchor=anchor)
            if box.x1 > self.width - 1:
                anchor, box = "end", text_box(min(x + 3, self.width - 1), y, label, anchor="end")
            elif box.x0 < 1:
                anchor, box = "start", text_box(max(x - 3, 1), y, label, anchor="start")
            if box.x0 > last + 6 and box.inside(self.bounds) and self.free(box):
                tx = box.x0 if anchor == "start" else box.x1 if anchor == "end" else x
                self.text(tx, y, label, anchor=anchor, fill=fill)
                last = box.x1

    def hatch(self, colour: str, *, name: str = "hatch", opacity: float = 0.35, background: str = "") -> str:
        """Define a diagonal hatch pattern once; returns its ``url(#…)``."""
        pid = f"ai45-{name}-{self.uid}"
        if not any(f'id="{pid}"' in d for d in self.defs):
            back = f'<rect width="6" height="6" fill="{background}"/>' if background else ""
            self.defs.append(f'<pattern id="{pid}" width="6" height="6" patternUnits="userSpaceOnUse" '
                             f'patternTransform="rotate(45)">{back}<line x1="0" y1="0" x2="0" y2="6" '
                             f'stroke="{colour}" stroke-width="1.5" stroke-opacity="{opacity:g}"/></pattern>')
        return f"url(#{pid})"

    def tip(self, lines: Sequence[str], anchor: Box, hit: str, ring: str = "") -> None:
        """Register a mark's values (drawn on top of everything by :meth:`render`)."""
        self.tips.append(Tip(lines, anchor, hit, ring))

    def _tip_markup(self, tip: Tip, focusable: bool) -> str:
        size, pad = FONT, 6.0
        room = min(self.width - 2 * pad - 4, 300)
        lines = [(part, i == 0) for i, s in enumerate(tip.lines) for part in wrap(s, room, size, bold=i == 0)]
        w = max(text_width(s, size, bold=bold) for s, bold in lines) + 2 * pad
        h = len(lines) * size * LINE + pad
        a = tip.anchor
        # Beside the mark: right, left, above, below, whichever fits inside the chart first.
        spots = [(a.x1 + 8, (a.y0 + a.y1) / 2 - h / 2), (a.x0 - 8 - w, (a.y0 + a.y1) / 2 - h / 2),
                 ((a.x0 + a.x1) / 2 - w / 2, a.y0 - 8 - h), ((a.x0 + a.x1) / 2 - w / 2, a.y1 + 8)]
        x, y = spots[0]
        for sx, sy in spots:
            if Box(sx, sy, sx + w, sy + h).inside(self.bounds):
                x, y = sx, sy
                break
        else:
            x = min(max(x, 1.0), self.width - w - 1)
            y = min(max(y, 1.0), self.height - h - 1)
        body = "".join(
            text(x + pad, y + pad / 2 + (i + 1) * size * LINE - DESCENT * size - 2, s, size=size, bold=bold,
                 fill=INK)
            for i, (s, bold) in enumerate(lines))
        label = "; ".join(tip.lines)
        group = attrs(class_="ai45-hit", tabindex="0" if focusable else None, role="img", aria_label=label)
        return (f"<g{group}>{tip.hit}{tip.ring}"
                f'<g class="ai45-tip" visibility="hidden" pointer-events="none" aria-hidden="true">'
                f'<rect class="ai45-tipbox" x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" rx="3" '
                f'fill="#ffffff" stroke="{MUTED}"/>{body}</g></g>')

    def render(self, *, title: str, desc: str, variant: Literal["wide", "narrow"]) -> str:
        """The finished ``<svg>``: title and description first, marks' tips last (so they cover the rest)."""
        tips = "".join(self._tip_markup(tip, i < self.focusable) for i, tip in enumerate(self.tips))
        defs = f"<defs>{''.join(self.defs)}</defs>" if self.defs else ""
        u = self.uid
        return (f'<svg xmlns="http://www.w3.org/2000/svg" class="ai45-chart ai45-{variant}" '
                f'viewBox="0 0 {self.width:.0f} {math.ceil(self.height):.0f}" role="group" '
                f'aria-labelledby="ai45-t-{u}" aria-describedby="ai45-d-{u}" font-family="sans-serif">'
                f'<title id="ai45-t-{u}">{esc(title)}</title><desc id="ai45-d-{u}">{esc(desc)}</desc>'
                + defs + "".join(self.parts) + tips + "</svg>")


def hit_circle(x: float, y: float, r: float = 11.0) -> tuple[str, str, Box]:
    """(hit area, focus ring, mark box) for a point mark at (x, y)."""
    hit = f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:g}" fill="#000000" fill-opacity="0"/>'
    ring = (f'<circle class="ai45-ring" cx="{x:.1f}" cy="{y:.1f}" r="{r - 2:g}" fill="none" stroke="{INK}" '
            f'stroke-width="2" visibility="hidden"/>')
    return hit, ring, Box(x - r, y - r, x + r, y + r)


def hit_rect(box: Box) -> tuple[str, str]:
    """(hit area, focus ring) for a bar or row occupying ``box``."""
    w, h = box.x1 - box.x0, box.y1 - box.y0
    hit = (f'<rect x="{box.x0:.1f}" y="{box.y0:.1f}" width="{w:.1f}" height="{h:.1f}" fill="#000000" '
           'fill-opacity="0"/>')
    ring = (f'<rect class="ai45-ring" x="{box.x0 + 1:.1f}" y="{box.y0 + 1:.1f}" width="{w - 2:.1f}" '
            f'height="{h - 2:.1f}" fill="none" stroke="{INK}" stroke-width="2" rx="2" visibility="hidden"/>')
    return hit, ring


def marker(kind: str, x: float, y: float, colour: str, *, cls: str | None = None, size: float = 5.0) -> str:
    """A point marker: circle, triangle, square or diamond (shape tells the series apart, not only colour)."""
    c = attrs(class_=cls)
    s = size
    if kind == "triangle":
        return (f"<polygon{c} points=\"{x:.1f},{y - s:.1f} {x - s:.1f},{y + s * 0.8:.1f} {x + s:.1f},"
                f'{y + s * 0.8:.1f}" fill="{colour}"/>')
    if kind == "square":
        return f'<rect{c} x="{x - s * 0.8:.1f}" y="{y - s * 0.8:.1f}" width="{s * 1.6:.1f}" height="{s * 1.6:.1f}" ' \
               f'fill="{colour}"/>'
    if kind == "diamond":
        return (f"<polygon{c} points=\"{x:.1f},{y - s:.1f} {x + s:.1f},{y:.1f} {x:.1f},{y + s:.1f} "
                f'{x - s:.1f},{y:.1f}" fill="{colour}"/>')
    return f'<circle{c} cx="{x:.1f}" cy="{y:.1f}" r="{s * 0.9:.1f}" fill="{colour}"/>'


def legend(c: Canvas, items: Sequence[tuple[str, str]], x: float, y: float, width: float, *,
           columns: int = 1) -> float:
    """Legend rows (sample markup drawn around (0..24, 0) and moved into place, text) from (x, baseline y)
    in ``columns`` columns of ``width`` total; one column wraps long texts. Returns the baseline below."""
    col_w = width / columns
    row = FONT * LINE + 2
    if columns == 1:
        for sample, label in items:
            c.add(f'<g transform="translate({x:.1f},{y - 4:.1f})">{sample}</g>')
            for k, part in enumerate(wrap(label, width - 34)):
                c.text(x + 30, y + k * FONT * LINE, part)
                last = k
            y += last * FONT * LINE + row
        return y
    for i, (sample, label) in enumerate(items):
        cx, cy = x + (i % columns) * col_w, y + (i // columns) * row
        c.add(f'<g transform="translate({cx:.1f},{cy - 4:.1f})">{sample}</g>')
        c.text(cx + 30, cy, shorten(label, col_w - 34))
    return y + math.ceil(len(items) / columns) * row


def figure(wide: str, narrow: str, *, cls: str = "") -> str:
    """Both layouts of a chart in one ``<figure>`` (CSS shows one); the wide one first, so it is the one a
    "Download chart" takes and the one printed."""
    return f'<figure class="ai45-figure{" " + cls if cls else ""}">{wide}{narrow}</figure>'
