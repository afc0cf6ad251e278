"""MkDocs hook: handouts that still work on paper.

- A link marked ``{ .ai45-qr }`` in Markdown (``[Open the widget](law.md?plane2.scale=raw#plane2){ .ai45-qr }``)
  gets a QR code of its full address, drawn as SVG at build time with segno, and the address printed beside it:
  a student with a printed worksheet scans it, or types it.
- A page holding a worksheet (an element with class ``ai45-worksheet``) prints on A4. The ``@page`` rule is
  put into that page's content rather than a site stylesheet, so it applies to that page only and leaves with
  it under instant navigation; the rest of the worksheet's print style is in ``widgets/learn.css``.
"""

from __future__ import annotations

import html
import re
from urllib.parse import urljoin

import segno
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

__all__ = ["A4_RULE", "absolute_url", "qr_svg", "render_links"]

A4_RULE = "<style>@page { size: A4; margin: 14mm 15mm 16mm; }</style>"
_LINK = re.compile(r'<a\b(?P<attrs>[^>]*\bclass="(?P<cls>[^"]*\bai45-qr\b[^"]*)"[^>]*)>(?P<text>.*?)</a>', re.S)
_HREF = re.compile(r'\bhref="([^"]*)"')
_LABEL = {"en": "QR code for", "zh": "二维码："}


def absolute_url(site_url: str, page_url: str, href: str) -> str:
    """The address a reader's phone needs: ``href`` (as written into the page) resolved against the page.

    >>> absolute_url("https://example.org/ai45/", "zh/worksheet/", "../law/?plane2.scale=raw#plane2")
    'https://example.org/ai45/zh/law/?plane2.scale=raw#plane2'
    """
    return urljoin(urljoin(site_url, page_url), href)


def qr_svg(url: str, label: str) -> str:
    """An inline SVG QR code of ``url`` (error correction M: a crease or a smudge on paper still scans)."""
    code = segno.make(url, error="m", micro=False, boost_error=False)
    svg: str = code.svg_inline(scale=1, border=2, dark="#000", light="#fff", omitsize=True, svgclass="ai45-qr-svg")
    return svg.replace("<svg ", f'<svg role="img" aria-label="{html.escape(f"{label} {url}")}" ', 1)


def render_links(content: str, site_url: str, page_url: str, lang: str) -> str:
    """Every ``.ai45-qr`` link with its QR code and its printed address."""

    def one(match: re.Match[str]) -> str:
        href = _HREF.search(match.group("attrs"))
        if href is None:
            return match.group(0)
        url = absolute_url(site_url, page_url, html.unescape(href.group(1)))
        attrs = match.group("attrs").replace(f'class="{match.group("cls")}"', "").strip()
        label = _LABEL.get(lang, _LABEL["en"])
        return (f'<span class="ai45-qr">{qr_svg(url, label)}<span class="ai45-qr-text">'
                f'<a {attrs}>{match.group("text")}</a>'
                f'<span class="ai45-qr-url">{html.escape(url)}</span></span></span>')

    return _LINK.sub(one, content)


def on_page_content(content: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    lang = str(config.theme.get("language") or "en")
    if "ai45-qr" in content:
        content = render_links(content, config.site_url or "", page.url, lang)
    if 'class="ai45-worksheet' in content:
        content = A4_RULE + content
    return content
