"""Link previews: every page's ``og:image`` is a PNG of its first figure (the plane for pages without one), in
the page's language, rendered at build time from the very SVG the page shows, by resvg (the ``resvg-py``
binding, pinned in pyproject.toml) with Noto Sans CJK, whose glyphs cover Chinese and Latin alike.

A card is 1200 × 630 px (what link previews expect): the site's name and the page's title on the left, the
figure on the right. Cards are cached under ``build/og/`` by a hash of what they show, so a rebuild renders
only cards that changed; identical cards (text pages in one language share the plane) are one file.

The MkDocs hook calls :func:`prepare` for every page; ``overrides/main.html`` writes the meta tags.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
from functools import cache
from html import escape, unescape
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / "build" / "og"
WIDTH, HEIGHT = 1200, 630
FONT_PATHS = (  # Debian/Ubuntu (fonts-noto-cjk), Fedora, Arch
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
)
MISSING_FONT = ("link-preview images need a font with Chinese glyphs (Noto Sans CJK): install it with "
                "`sudo apt-get install fonts-noto-cjk` (scripts/install-fonts, run by `make setup`, does this), "
                "or set AI45_OG_FONT to a .ttc/.otf/.ttf file that has Chinese glyphs")
_WIDE_SVG = re.compile(r'<svg xmlns="http://www.w3.org/2000/svg" class="ai45-chart ai45-wide".*?</svg>', re.S)
_VIEWBOX = re.compile(r'viewBox="0 0 ([\d.]+) ([\d.]+)"')
_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.S)


@cache
def fonts() -> tuple[str, ...]:
    """The font files to render with: ``AI45_OG_FONT`` (paths separated by ``os.pathsep``), else Noto Sans
    CJK (regular and bold) where the system keeps it. Fails the build clearly when there is none."""
    if os.environ.get("AI45_OG_FONT"):
        files = tuple(p for p in os.environ["AI45_OG_FONT"].split(os.pathsep) if p)
        missing = [p for p in files if not Path(p).is_file()]
        if missing:
            raise PluginError(f"AI45_OG_FONT: no such file {missing[0]!r}; {MISSING_FONT}")
        return files
    found = [p for p in FONT_PATHS if Path(p).is_file()]
    if not found and shutil.which("fc-match"):
        out = subprocess.run(["fc-match", "-f", "%{file}", "Noto Sans CJK SC"], capture_output=True, text=True,
                             check=False).stdout.strip()
        if "NotoSansCJK" in out.replace(" ", "") and Path(out).is_file():
            found = [out]
    if not found:
        raise PluginError(MISSING_FONT)
    regular = found[0]
    bold = regular.replace("Regular", "Bold")
    return (regular, bold) if Path(bold).is_file() else (regular,)


def _lines(text: str, width: float, size: float, lines: int) -> list[str]:
    from ai45widgets.chart import wrap  # the same text measure as the charts

    return wrap(text, width, size, bold=True, lines=lines)


def card_svg(figure: str, *, title: str, site_name: str, lang: str) -> str:
    """The 1200 × 630 card: site name and title on the left, the figure scaled into the right part."""
    box = _VIEWBOX.search(figure)
    fw, fh = (float(box.group(1)), float(box.group(2))) if box else (640.0, 480.0)
    inner = figure[figure.index(">") + 1: figure.rindex("</svg>")]
    left_w = 380.0
    avail_w, avail_h = WIDTH - left_w - 40, HEIGHT - 60
    scale = min(avail_w / fw, avail_h / fh)
    w, h = fw * scale, fh * scale
    x, y = left_w + (avail_w - w) / 2, (HEIGHT - h) / 2
    title_lines = _lines(title, left_w - 70, 44, 5)
    ty = 150.0
    texts = [f'<text x="48" y="92" font-size="24" fill="#3f51b5" font-weight="700">{escape(site_name)}</text>']
    for i, part in enumerate(title_lines):
        texts.append(f'<text x="48" y="{ty + i * 58:.0f}" font-size="44" font-weight="700" fill="#111827">'
                     f"{escape(part)}</text>")
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
            f'viewBox="0 0 {WIDTH} {HEIGHT}" font-family="sans-serif" lang="{lang}">'
            f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>'
            f'<rect width="{WIDTH}" height="10" fill="#3f51b5"/>' + "".join(texts)
            + f'<svg x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" viewBox="0 0 {fw:g} {fh:g}" '
            f'font-family="sans-serif">{inner}</svg></svg>')


def render_png(svg: str) -> bytes:
    """``svg`` as PNG bytes (cached under build/og/ by content)."""
    import resvg_py  # build-time only: the wheels the browser loads never need it

    key = hashlib.sha256((svg + "\0" + "\0".join(fonts())).encode()).hexdigest()[:20]
    cached = CACHE / f"{key}.png"
    if not cached.exists():
        png = resvg_py.svg_to_bytes(svg_string=svg, font_files=list(fonts()), skip_system_fonts=True,
                                    sans_serif_family="Noto Sans CJK SC", background="#ffffff")
        CACHE.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(bytes(png))
        tmp.replace(cached)
    return cached.read_bytes()


def _fallback_figure(lang: str) -> str:
    import ai45widgets

    view = ai45widgets.VIEWS["plane"]
    return ai45widgets.compute_output("plane", dict(view.defaults), lang).svg


def prepare(html: str, page: Any, config: Any, lang: str) -> None:
    """Render the card of ``page`` (its first figure, else the plane), write it into the site and set
    ``page.meta["ai45_og_image"]`` (absolute URL from ``site_url``) and ``["ai45_og_alt"]``."""
    match = _WIDE_SVG.search(html)
    figure = match.group(0) if match else _fallback_figure(lang)
    title = str(page.meta.get("title") or page.title or config.site_name)
    svg = card_svg(figure, title=title, site_name=str(config.site_name), lang=lang)
    png = render_png(svg)
    name = f"assets/og/{hashlib.sha256(png).hexdigest()[:16]}.png"
    target = Path(config.site_dir) / name
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(png)
    base = str(config.site_url or "/")
    page.meta["ai45_og_image"] = base.rstrip("/") + "/" + name
    alt = _TITLE.search(figure)
    page.meta["ai45_og_alt"] = unescape(alt.group(1)) if alt else title
