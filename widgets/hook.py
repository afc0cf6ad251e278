"""MkDocs hook: the build-time half of the widgets (the browser half is widgets/js/).

- Widget blocks (```ai45 NAME) are found by Markdown itself: ``ai45widgets.blocks.Collector`` is registered as
  a pymdownx.superfences custom fence, so a block inside an admonition, a content tab, a list item or a
  blockquote is found like one at the top level (scripts/parity.py collects blocks the same way). Markdown
  leaves a placeholder per block; ``on_page_content`` replaces each with the widget rendered by
  ``ai45widgets.render_block``, which computes through ``ai45widgets.run(name, state_json, lang)`` — the very
  call the browser makes, with the same validation and language handling. An unknown name or a bad parameter
  fails the build with file and line.
- Published under ``assets/``: the browser code, bundled and fingerprinted (``bundle.py``), and the Python
  runtime: the pinned Pyodide core and our two wheels with their lock file (``runtime.py``). The service worker
  is served from the site root as ``ai45-sw.js``.
- Each page gets one JSON island (``#__ai45``) for the browser, a language menu that names the same page in the
  other language, and a Content-Security-Policy that allows exactly its own inline scripts.
- ``docs/methods*.md`` is filled from ai45core's module docstrings and assumptions.
"""

from __future__ import annotations

import base64
import hashlib
import re
import sys
from functools import cache
from pathlib import Path
from typing import Any

from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "widgets"))  # the glue imports from source while editing (`make serve`)

import ai45widgets  # noqa: E402
import og  # noqa: E402
from ai45widgets.blocks import PLACEHOLDER, Collector, keys  # noqa: E402
from ai45widgets.ui import UI  # noqa: E402
from bundle import bundle  # noqa: E402
from runtime import PACKAGES, runtime  # noqa: E402

import ai45core  # noqa: E402

LANGS = ("en", "zh")
DEFAULT_LANG = "en"
SERVICE_WORKER = "ai45-sw.js"
BLOCKS = Collector()
"""Collects the widget blocks of the page being converted (registered in on_config)."""


@cache
def build_id() -> str:
    """Names this build's browser code and runtime together: a page whose island carries another build id
    was made by another deploy (the browser then loads it in full instead of by instant navigation)."""
    return hashlib.sha256((bundle().folder + runtime().digest).encode()).hexdigest()[:12]


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    fences = config.mdx_configs.setdefault("pymdownx.superfences", {}).setdefault("custom_fences", [])
    if not any(fence.get("name") == "ai45" for fence in fences):
        fences.append(BLOCKS.fence())
    ui = bundle()
    config.extra_css = [c for c in config.extra_css if not str(c).startswith("assets/ai45/")] + [ui.url("ai45.css")]
    script = ExtraScriptValue(ui.url("ai45.js"))
    script.type = "module"
    config.extra_javascript = [s for s in config.extra_javascript if not str(s).startswith("assets/ai45/")] + [script]
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    assets = {**bundle().files, **runtime().files, SERVICE_WORKER: ROOT / "widgets" / "sw.js"}
    for uri, path in assets.items():
        if files.get_file_from_path(uri) is None:
            files.append(File.generated(config, uri, abs_src_path=str(path)))
    return files


def _lang(config: MkDocsConfig) -> str:
    lang = str(config.theme.get("language") or DEFAULT_LANG)
    return lang if lang in LANGS else DEFAULT_LANG


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if page.file.src_uri.startswith("methods"):
        markdown = markdown.replace("<!-- ai45:methods -->", methods_markdown(_lang(config)))
    BLOCKS.start(page.file.src_uri, markdown)
    return markdown


# Material's script moves each Markdown table into its scroll box when a page is shown, once the page is styled:
# Chromium then restyles the tables and, through the rule `.md-typeset table:not([class]) + *`, everything beside
# them (the whole article on law/, the longest task there; README "Performance"). The build puts each table in
# the same boxes, and Material's script leaves tables that already have one (bundle.MATERIAL_PATCHES).
_TABLE = re.compile(r"<table>.*?</table>", re.DOTALL)
_SCROLL_BOX = r'<div class="md-typeset__scrollwrap"><div class="md-typeset__table">\g<0></div></div>'


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Replace each block's placeholder, in page order, by the rendered block (keyed by ``blocks.keys``)."""
    lang = _lang(config)
    found = {block.index: block for block in BLOCKS.found}
    order = [found[int(m.group(1))] for m in PLACEHOLDER.finditer(html)]
    names = [" ".join(block.words) for block in order]
    keyed = {block.index: key for block, key in zip(order, keys(names), strict=True)}

    def render(match: re.Match[str]) -> str:
        block = found[int(match.group(1))]
        where = f"{page.file.src_uri}:{block.line or '?'}"
        name = " ".join(block.words)
        if name not in ai45widgets.BLOCK_NAMES:
            raise PluginError(f"{where}: unknown widget block {('ai45 ' + name).strip()!r}; write ```ai45 NAME "
                              f"with NAME one of {', '.join(ai45widgets.BLOCK_NAMES)}")
        try:
            state = ai45widgets.parse_block(block.body)
        except ai45widgets.BlockError as err:
            raise PluginError(f"{page.file.src_uri}:{block.line + err.line if block.line else '?'}: "
                              f"{err}") from None
        try:
            return ai45widgets.render_block(name, state, lang, keyed[block.index])
        except ai45widgets.WidgetError as err:
            raise PluginError(f"{where}: {name}: {err}") from None

    html = PLACEHOLDER.sub(render, _TABLE.sub(_SCROLL_BOX, html))
    if page.present_anchor_ids is not None:  # a widget's key is its element's id: links to #plane2 are valid
        page.present_anchor_ids |= set(keyed.values())
    if order:
        page.meta["ai45_engine"] = True
    if "playground" in names:
        page.meta["ai45_playground"] = True  # the page imports the editor's chunk (bundle.on_demand)
    og.prepare(html, page, config, lang)  # link preview: a PNG of the page's first figure (widgets/og.py)
    return html


def _alternates(page: Page) -> list[dict[str, str]]:
    """The same page in each language (site-root-relative; Material's `url` filter makes them relative)."""
    url = page.url[3:] if page.url.startswith("zh/") else page.url
    return [{"name": "English", "link": url or "./", "lang": "en"},
            {"name": "中文", "link": f"zh/{url}", "lang": "zh"}]


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    # The header's language menu names this page in each language. (Static-i18n's own version of this warns
    # under instant navigation, failing --strict; widgets/js/language.js keeps the menu right after instant
    # navigation and carries the widgets' URL state across.)
    config.extra["alternate"] = _alternates(page)
    context["ai45_config"] = island(page, config, context["base_url"] or ".")
    if context["ai45_config"]["engine"]:
        # Start the engine from <head>, while the rest of the page is parsed (widgets/js/boot.js).
        ui = bundle()
        context["ai45_boot"] = {"script": ui.url("boot.js"),
                                "preload": [ui.folder + name for name in ui.imports.get("boot.js", ())]}
    return context


def island(page: Page | None, config: MkDocsConfig, root: str) -> dict[str, Any]:
    """The page's configuration for the browser (one JSON island, like Material's ``__config``)."""
    lang = _lang(config)
    ui, py = bundle(), runtime()
    engine = bool(page and page.meta.get("ai45_engine"))
    editor = bool(page and page.meta.get("ai45_playground"))
    return {
        "build": build_id(),
        "lang": lang,
        "root": root,
        "embedBase": "embed/" if lang == DEFAULT_LANG else f"{lang}/embed/",
        "ui": {key: text.get(lang, text["en"]) for key, text in UI.items()},
        # Only pages with widgets start the engine, and only they need the runtime kept for offline use.
        "engine": engine,
        "workerURL": ui.url("worker.js"),
        "indexURL": py.index_url,
        "lockFileURL": py.lock_url,
        "packages": list(PACKAGES),
        # The memory snapshot a repeat visit starts from (widgets/js/snapshot.js), once the service worker
        # keeps it; None when the build could not make one.
        "snapshot": py.snapshot,
        "serviceWorker": SERVICE_WORKER,
        "keep": sorted([*(f for f in ui.files if editor or f not in ui.on_demand), *(py.files if engine else ())]),
    }


_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/(?:ld\+)?json)[^>]*>(.*?)</script>", re.S)


def content_security_policy(html: str) -> str:
    """Allow this page's own inline scripts (by hash), same-origin everything, and WebAssembly compilation."""
    hashes = sorted({"'sha256-" + base64.b64encode(hashlib.sha256(m.group(1).encode()).digest()).decode() + "'"
                     for m in _INLINE_SCRIPT.finditer(html)})
    return "; ".join([
        "default-src 'self'",
        "script-src 'self' 'wasm-unsafe-eval' " + " ".join(hashes),  # wasm: Pyodide compiles its module
        "worker-src 'self'",
        "connect-src 'self'",
        "img-src 'self' data:",
        "style-src 'self' 'unsafe-inline'",  # Material and the SVG charts set style attributes
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'none'",
    ])


# Material writes a <link rel=alternate hreflang> per language into <head> (from extra.alternate, which also
# fills the header's language menu). Its script then treats every later click on a link under one of those
# addresses as a language switch and loads it in full — with per-page alternates, a link back to the first page
# read breaks instant navigation (and with it the tab's Python engine). The sitemap pairs each page with its
# twin for search engines (an equivalent, documented way to give hreflang), so the head does without them.
_HEAD_ALTERNATE = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')


# Material's palette stylesheet is served inside ours (bundle.SWITCHING says why).
_HEAD_PALETTE = re.compile(r'\s*<link rel="stylesheet" href="[^"]*assets/stylesheets/palette\.[0-9a-f]+\.min\.css">')


# Material's bundle is served from our folder, with the changes bundle.MATERIAL_PATCHES lists and says why.
_MATERIAL_BUNDLE = re.compile(r'<script src="([^"]*)assets/javascripts/bundle\.[0-9a-f]+\.min\.js"></script>')


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    head, sep, body = output.partition("</head>")
    head, found = _HEAD_PALETTE.subn("", _HEAD_ALTERNATE.sub("", head))
    if config.theme.get("palette") and found != 1:
        raise PluginError("Material's palette stylesheet link was not found: see _HEAD_PALETTE in widgets/hook.py")
    material = bundle().url("material.js")
    body, found = _MATERIAL_BUNDLE.subn(lambda m: f'<script src="{m.group(1)}{material}"></script>', body)
    if found != 1:
        raise PluginError("Material's bundle script was not found: see _MATERIAL_BUNDLE in widgets/hook.py")
    output = head + sep + body
    meta = f'<meta http-equiv="Content-Security-Policy" content="{content_security_policy(output)}">'
    return output.replace("<head>", "<head>\n    " + meta, 1)


_404: dict[str, str] = {}


def on_pre_template(template: Any, template_name: str, config: MkDocsConfig) -> Any:
    if template_name == "404.html":  # not a page: its language menu goes to each language's home
        config.extra["alternate"] = [{"name": "English", "link": "./", "lang": "en"},
                                     {"name": "中文", "link": "zh/", "lang": "zh"}]
    return template


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    if template_name == "404.html":
        output = on_post_page(output, None, config)  # type: ignore[arg-type]
        _404[_lang(config)] = output
    return output


# Size budgets, checked on every build (the build fails when one is exceeded):
# - the whole site: GitHub Pages allows 1 GB; 60 MB keeps it small enough to clone, upload and mirror for a
#   classroom, with room for three times today's ~20 MB;
# - one file: Pages refuses files over 100 MB; the largest today is Pyodide's 9.6 MB wasm;
# - each of our wheels: every reader's first widget page downloads them, so they stay small.
BUDGET_SITE_BYTES = 60_000_000
BUDGET_FILE_BYTES = 15_000_000
BUDGET_WHEEL_BYTES = 200_000


def check_budgets(site: Path) -> list[str]:
    """Budgets exceeded by the built site (empty when all are kept)."""
    files = [p for p in site.rglob("*") if p.is_file()]
    total = sum(p.stat().st_size for p in files)
    over = [f"site is {total:,} bytes (budget {BUDGET_SITE_BYTES:,})"] if total > BUDGET_SITE_BYTES else []
    for path in files:
        size = path.stat().st_size
        limit = BUDGET_WHEEL_BYTES if path.suffix == ".whl" else BUDGET_FILE_BYTES
        if size > limit:
            over.append(f"{path.relative_to(site)} is {size:,} bytes (budget {limit:,})")
    return over


def on_post_build(config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    # Every language build writes site/404.html; GitHub Pages serves the root one for any missing page, so it
    # is the English one, and each other language keeps its own under its prefix.
    for lang, html in _404.items():
        target = site / ("404.html" if lang == DEFAULT_LANG else f"{lang}/404.html")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
    over = check_budgets(site)
    if over:
        raise PluginError("size budget exceeded: " + "; ".join(over))


def methods_markdown(lang: str) -> str:
    """The Methods page body: for each computation its assumptions and its documentation, in the page language
    (in Chinese each module's ``METHODS_ZH``, followed by its docstring's examples)."""
    parts = []
    for name in ai45core.NAMES:
        module = getattr(ai45core, name)
        doc = module.__doc__ or ""
        if lang == "zh" and hasattr(module, "METHODS_ZH"):
            doc = f"{module.METHODS_ZH.rstrip()}\n\n{doc[doc.find('>>>'):] if '>>>' in doc else ''}"
        _, _, body = doc.strip().partition("\n")
        title = ai45widgets.VIEWS[name].title
        parts.append(f"## `{name}` — {title.get(lang, title['en'])} {{ #{name} }}\n")
        assumptions = getattr(module, "ASSUMPTIONS", {}).get(lang, ())
        if assumptions:
            parts.append(("**前提假设**" if lang == "zh" else "**Assumptions**") + "\n")
            parts.extend(f"- {a}" for a in assumptions)
            parts.append("")
        label = "技术说明（由代码文档生成）" if lang == "zh" else "Technical description (generated from the code)"
        parts.append(f'??? note ai45-technical "{label}"\n')
        parts.extend(("    " + line if line.strip() else "") for line in _rst_to_markdown(body.strip()))
        parts.append("")
    return "\n".join(parts)


_RULE = re.compile(r"^\s*=+(\s+=+)+\s*$")


def _rst_to_markdown(text: str) -> list[str]:
    """Enough reStructuredText for our docstrings: inline code and roles, simple tables and doctests become
    Markdown code spans and fenced blocks."""
    text = re.sub(r":(?:func|class|mod|data|attr):`~?([^`]+)`", r"`\1`", text)
    text = re.sub(r"``([^`]+)``", r"`\1`", text)
    text = re.sub(r"(?m)^ {3}(?=\S)", " " * 4, text)  # a numbered item's continuation: Markdown wants 4 spaces
    out: list[str] = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        if _RULE.match(line):  # a simple table: from a rule line to the last rule before a blank line
            indent = line[: len(line) - len(line.lstrip())]
            block = []
            while i < len(lines) and lines[i].strip():
                block.append(lines[i])
                i += 1
            out += [f"{indent}```text", *block, f"{indent}```"]
            continue
        if line.lstrip().startswith(">>>"):
            indent = line[: len(line) - len(line.lstrip())]
            block = []
            while i < len(lines) and lines[i].strip():
                block.append(lines[i])
                i += 1
            out += [f"{indent}```pycon", *block, f"{indent}```"]
            continue
        out.append(line)
        i += 1
    return out
