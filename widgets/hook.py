"""MkDocs hook: the build-time half of the widgets (the browser half is widgets/js/).

- Widget blocks (```ai45 NAME```) are replaced by the pre-rendered widget, computed by the same
  ``ai45widgets.render_widget`` the browser runs; a bad name or parameter fails the build with file and line.
- The Pyodide runtime (npm package, pinned) and our two wheels are published under ``assets/`` with a
  site-specific ``pyodide-lock.json`` made by pyodide-build's lockfile tooling (every byte same-origin, hashed).
- Each page gets one JSON island (``#__ai45``) for the browser, its language alternates (the same page in the
  other language), and a Content-Security-Policy that allows exactly its own inline scripts.
- ``docs/methods*.md`` is filled from ai45core's module docstrings and assumptions.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "widgets"))  # the glue imports from source while editing (`make serve`)

import ai45widgets  # noqa: E402
import og  # noqa: E402
from ai45widgets.ui import UI  # noqa: E402

import ai45core  # noqa: E402

PYODIDE = ROOT / "node_modules" / "pyodide"
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
BUILD = ROOT / "build"
LANGS = ("en", "zh")
DEFAULT_LANG = "en"
_FENCE = MarkdownIt("commonmark")


def _sources_digest() -> str:
    digest = hashlib.sha256()
    for folder in (ROOT / "ai45core", ROOT / "widgets" / "ai45widgets"):
        for path in sorted(folder.rglob("*.py")):
            digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0" + path.read_bytes())
    digest.update((ROOT / "pyproject.toml").read_bytes() + (ROOT / "widgets" / "pyproject.toml").read_bytes())
    return digest.hexdigest()[:12]


@cache
def runtime() -> dict[str, Any]:
    """Build (or reuse) the wheels and the lock file; return their site paths and the browser config."""
    version = json.loads((PYODIDE / "package.json").read_text(encoding="utf-8"))["version"]
    digest = _sources_digest()
    out = BUILD / f"py-{digest}"
    lock = out / "pyodide-lock.json"
    if not lock.exists():
        # Build beside, then rename: a second build running at the same time never sees a half-made folder.
        for old in BUILD.glob("py-*"):
            shutil.rmtree(old, ignore_errors=True)
        out = BUILD / f"tmp-{digest}-{os.getpid()}"
        out.mkdir(parents=True)
        for project in (ROOT, ROOT / "widgets"):
            subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
                            "-w", str(out), str(project)], check=True)
        # Only our packages: the stock lock lists 350 packages this site does not ship.
        base = json.loads((PYODIDE / "pyodide-lock.json").read_text(encoding="utf-8"))
        base["packages"] = {}
        (out / "base-lock.json").write_text(json.dumps(base), encoding="utf-8")
        pyodide_cli = Path(sys.executable).with_name("pyodide")
        subprocess.run([str(pyodide_cli), "lockfile", "add-wheels", "--input", str(out / "base-lock.json"),
                        "--output", str(out / "pyodide-lock.json"), "--base-path", str(out),
                        *map(str, sorted(out.glob("*.whl")))],
                       check=True, capture_output=True)
        (out / "base-lock.json").unlink()
        final = BUILD / f"py-{digest}"
        if final.exists():
            shutil.rmtree(out)
        else:
            out.rename(final)
        out = final
    files = {f"assets/pyodide/{version}/{name}": PYODIDE / name for name in PYODIDE_FILES}
    files.update({f"assets/ai45/py-{digest}/{p.name}": p for p in sorted(out.iterdir()) if p.suffix != ".js"})
    # The service worker names exactly this runtime, so a new runtime means a new worker and fresh caches.
    worker = (ROOT / "widgets" / "sw.js").read_text(encoding="utf-8")
    worker = (worker.replace("__AI45_VERSION__", f"{version}-{digest}")
              .replace("__AI45_RUNTIME__", json.dumps(sorted(files))))
    (out / "ai45-sw.js").write_text(worker, encoding="utf-8")
    files["ai45-sw.js"] = out / "ai45-sw.js"
    return {
        "files": files,
        "config": {
            "indexURL": f"assets/pyodide/{version}/",
            "lockFileURL": f"assets/ai45/py-{digest}/pyodide-lock.json",
            "packages": ["ai45core", "ai45widgets"],
            "widgets": list(ai45widgets.NAMES),
            "version": f"{version}-{digest}",
            "serviceWorker": "ai45-sw.js",
        },
    }


def on_files(files: Files, config: MkDocsConfig) -> Files:
    assets = {f"assets/ai45/{p.name}": p for p in sorted((ROOT / "widgets" / "js").glob("*.js"))}
    assets["assets/ai45/ai45.css"] = ROOT / "widgets" / "ai45.css"
    assets.update(runtime()["files"])
    for uri, path in assets.items():
        if files.get_file_from_path(uri) is None:
            files.append(File.generated(config, uri, abs_src_path=str(path)))
    return files


def _lang(config: MkDocsConfig) -> str:
    lang = str(config.theme.get("language") or DEFAULT_LANG)
    return lang if lang in LANGS else DEFAULT_LANG


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    lang = _lang(config)
    if page.file.src_uri.startswith("methods"):
        markdown = markdown.replace("<!-- ai45:methods -->", methods_markdown(lang))
    blocks = []
    # markdown-it finds the fences (and skips those nested in other code), so examples in prose are safe.
    for token in _FENCE.parse(markdown):
        info = token.info.strip().split()
        if token.type == "fence" and info and info[0] == "ai45" and token.map is not None:
            blocks.append((token.map, info, token.content))
    lines = markdown.split("\n")
    for (start, end), info, body in reversed(_numbered(blocks)):
        where = f"{page.file.src_uri}:{start + 1}"
        if len(info) != 3 or info[1] not in ai45widgets.NAMES:
            raise PluginError(f"{where}: unknown widget block {' '.join(info[:-1])!r}; write ```ai45 NAME with "
                              f"NAME one of {', '.join(ai45widgets.NAMES)}")
        try:
            state = ai45widgets.parse_block(body)
        except ai45widgets.BlockError as err:
            raise PluginError(f"{page.file.src_uri}:{start + 1 + err.line}: {err}") from None
        try:
            html = ai45widgets.render_widget(info[1], state, lang, info[2])
        except ai45widgets.WidgetError as err:
            raise PluginError(f"{where}: widget {info[1]}: {err}") from None
        lines[start:end] = ["", html, ""]
        page.meta["ai45_widgets"] = True
    return "\n".join(lines)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    og.prepare(html, page, config, _lang(config))  # link preview: a PNG of the page's first figure (widgets/og.py)
    return html


def _numbered(blocks: list[tuple[Any, list[str], str]]) -> list[tuple[Any, list[str], str]]:
    """Append each block's key: blocks of one widget counted in page order ("plane", "plane2", ...), so the
    same block has the same URL-state name in both languages."""
    seen: dict[str, int] = {}
    out = []
    for span, info, body in blocks:
        name = info[-1]
        seen[name] = seen.get(name, 0) + 1
        out.append((span, [*info, name if seen[name] == 1 else f"{name}{seen[name]}"], body))
    return out


def _alternates(page: Page) -> list[dict[str, str]]:
    """The same page in each language (site-root-relative; Material's `url` filter makes them relative)."""
    url = page.url[3:] if page.url.startswith("zh/") else page.url
    return [{"name": "English", "link": url or "./", "lang": "en"},
            {"name": "中文", "link": f"zh/{url}", "lang": "zh"}]


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    # hreflang in <head> and the header's language menu name this page in each language. (Static-i18n's
    # own version of this warns under instant navigation, failing --strict; widgets/js/language.js keeps
    # the menu right after instant navigation and carries the widgets' URL state across.)
    config.extra["alternate"] = _alternates(page)
    lang = _lang(config)
    context["ai45_config"] = {**runtime()["config"], "lang": lang, "root": context["base_url"] or ".",
                              "embedBase": "embed/" if lang == DEFAULT_LANG else f"{lang}/embed/",
                              "ui": {key: text.get(lang, text["en"]) for key, text in UI.items()},
                              "widgetsOnPage": bool(page.meta.get("ai45_widgets"))}
    return context


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


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
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
    write_sitemaps(site)
    over = check_budgets(site)
    if over:
        raise PluginError("size budget exceeded: " + "; ".join(over))


def write_sitemaps(site: Path) -> None:
    """Split static-i18n's sitemap (which lists every page with its hreflang alternates) by directory.

    Material's language switcher fetches ``<alternate URL>/sitemap.xml`` for every ``<link rel=alternate>``
    in the head; with hreflang pointing at the same page in each language, that is the page's own folder. So
    each language root gets the sitemap of its pages and each page folder a one-entry sitemap of itself.
    """
    sitemap = site / "sitemap.xml"
    if not sitemap.exists():
        return
    text = sitemap.read_text(encoding="utf-8")
    head, _, rest = text.partition("<url>")
    blocks = [("<url>" + b).replace("</urlset>", "").rstrip() for b in rest.split("<url>")] if rest else []
    prefix = re.escape(str(config_site_url(text)))
    for block in blocks:
        match = re.search(rf"<loc>{prefix}([^<]*)</loc>", block)
        if not match or match.group(1) in ("", "zh/"):
            continue
        folder = site / match.group(1)
        if folder.is_dir():
            (folder / "sitemap.xml").write_text(head + block + "\n</urlset>\n", encoding="utf-8")
    for lang in LANGS:
        if lang != DEFAULT_LANG and (site / lang).is_dir():  # each language build calls this; the last has all
            mine = [b for b in blocks if re.search(rf"<loc>{prefix}{lang}/", b)]
            (site / lang / "sitemap.xml").write_text(head + "".join(mine) + "\n</urlset>\n", encoding="utf-8")


def config_site_url(sitemap_text: str) -> str:
    """The site URL the sitemap was written with (the first <loc>, which is the home page)."""
    match = re.search(r"<loc>([^<]*)</loc>", sitemap_text)
    return match.group(1) if match else ""


def methods_markdown(lang: str) -> str:
    """The Methods page body: for each computation its assumptions (page language) and its documentation."""
    parts = []
    for name in ai45core.NAMES:
        module = getattr(ai45core, name)
        doc = (module.__doc__ or "").strip()
        _, _, body = doc.partition("\n")
        title = ai45widgets.VIEWS[name].title
        parts.append(f"## `{name}` — {title.get(lang, title['en'])} {{ #{name} }}\n")
        assumptions = getattr(module, "ASSUMPTIONS", {}).get(lang, ())
        if assumptions:
            parts.append(("**前提假设**" if lang == "zh" else "**Assumptions**") + "\n")
            parts.extend(f"- {a}" for a in assumptions)
            parts.append("")
        label = ("代码中的技术说明（英文，自动生成）" if lang == "zh"
                 else "Technical description (generated from the code)")
        parts.append(f'??? note "{label}"\n')
        parts.extend(("    " + line if line.strip() else "") for line in _rst_to_markdown(body.strip()))
        parts.append("")
    return "\n".join(parts)


_RULE = re.compile(r"^\s*=+(\s+=+)+\s*$")


def _rst_to_markdown(text: str) -> list[str]:
    """Enough reStructuredText for our docstrings: inline code and roles, simple tables and doctests become
    Markdown code spans and fenced blocks."""
    text = re.sub(r":(?:func|class|mod|data|attr):`~?([^`]+)`", r"`\1`", text)
    text = re.sub(r"``([^`]+)``", r"`\1`", text)
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
