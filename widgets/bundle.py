"""The browser half of the site, bundled and fingerprinted: ``widgets/js/*.js`` and ``widgets/*.css``.

esbuild bundles the entry points (the page script ``ai45.js``, the engine's ``worker.js``; code loaded on demand
becomes chunks) into one folder whose name is the hash of everything in it: ``assets/ai45/ui-<hash>/``. A file
there never changes, like Material's ``bundle.<hash>.min.js``: the HTTP cache and the service worker may keep
it forever, and HTML from one deploy can never meet JavaScript from another.
"""

from __future__ import annotations

import hashlib
import importlib.resources
import json
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "widgets" / "js"
STYLESHEETS = (ROOT / "widgets" / "ai45.css", ROOT / "widgets" / "learn.css", ROOT / "widgets" / "playground.css")
"""Widgets and charts; learning pages (exercises, QR-coded links, the printable worksheet); the playground. One file
is served, with Material's palette stylesheet first (see ``SWITCHING``)."""
ESBUILD = ROOT / "node_modules" / ".bin" / "esbuild"
SWITCHING = "[data-md-color-switching]"
"""Material's palette stylesheet turns transitions off under this body attribute, which its script sets and removes on
every page load: two restyles of the whole page. Its stylesheet is served inside ours with the selector made
``[data-ai45-switching]``, which ai45.js sets only while the reader switches schemes (hook.py drops Material's link)."""
MATERIAL_PATCHES = (
    # Its palette component appends a <meta name="color-scheme"> to <head> and then sets it: Chromium restyles
    # the whole page for each, on every load. The meta is left out of the page (Material goes on setting a meta
    # that is not in the document); ai45.css gives the root the dark scheme instead.
    ('let o=x("meta",{name:"color-scheme"});document.head.appendChild(o);',
     'let o=x("meta",{name:"color-scheme"});'),
    # Its content component moves every Markdown table into a scroll box once the page is styled, which restyles
    # the tables and their neighbours (7 tables and 387 elements on glossary/). hook.py puts each table in the same
    # boxes at build time; tables already in one are left where they are.
    ('M("table:not([class])",e)', 'M(":not(.md-typeset__table)>table:not([class])",e)'),
)
"""Changes to Material's JavaScript bundle, which is served from our folder as ``material.js`` (README
"Performance": each removes a restyle of much of the page at every load). Each must be found exactly once in the
pinned Material, or the build fails."""
BUILD = ROOT / "build"
ENTRIES = ("ai45.js", "boot.js", "worker.js")


@dataclass(frozen=True)
class Bundle:
    """The bundled files: ``files`` maps each site path to the file on disk."""

    folder: str
    """Site path of the fingerprinted folder, e.g. ``assets/ai45/ui-0123abcd4567/``."""
    files: dict[str, Path]
    imports: dict[str, tuple[str, ...]]
    """Each output's static imports (file names in the folder): what to modulepreload with it."""
    on_demand: frozenset[str] = frozenset()
    """Site paths of the files only a dynamic ``import()`` loads (the playground's editor): pages that never
    import them neither download them nor ask the service worker to keep them."""

    def url(self, name: str) -> str:
        """Site path of one output (``ai45.js``, ``worker.js``, ``ai45.css``)."""
        return self.folder + name


def _material_asset(folder: str, pattern: str) -> Path:
    """A file of Material's assets, as its package ships it (its name carries Material's hash)."""
    assets = Path(str(importlib.resources.files("material"))) / "templates" / "assets"
    return next((assets / folder).glob(pattern))


def material_palette() -> Path:
    """Material's palette stylesheet."""
    return _material_asset("stylesheets", "palette.*.min.css")


def _palette_css() -> str:
    path = material_palette()
    css = path.read_text(encoding="utf-8")
    if SWITCHING not in css:
        raise RuntimeError(f"{path} no longer has {SWITCHING}: see SWITCHING in widgets/bundle.py")
    return re.sub(r"/\*# sourceMappingURL=[^*]*\*/", "", css.replace(SWITCHING, "[data-ai45-switching]"))


def material_bundle() -> Path:
    """Material's JavaScript bundle."""
    return _material_asset("javascripts", "bundle.*.min.js")


def _material_js() -> str:
    """Material's bundle with ``MATERIAL_PATCHES`` applied, without its source map (which no longer fits)."""
    path = material_bundle()
    js = path.read_text(encoding="utf-8")
    for old, new in MATERIAL_PATCHES:
        if js.count(old) != 1:
            raise RuntimeError(f"{path} no longer has {old!r} exactly once: see MATERIAL_PATCHES in widgets/bundle.py")
        js = js.replace(old, new)
    return re.sub(r"\n//# sourceMappingURL=\S+\s*$", "\n", js)


def _inputs_digest() -> str:
    digest = hashlib.sha256()
    for path in [*sorted(SOURCES.glob("*.js")), *STYLESHEETS, material_palette(), material_bundle(),
                 ROOT / "package-lock.json", Path(__file__)]:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


@cache
def bundle() -> Bundle:
    """Bundle (or reuse the bundle of identical sources) and return its files."""
    cached = BUILD / f"ui-src-{_inputs_digest()}"
    if not (cached / "done").exists():
        if not ESBUILD.exists():
            raise RuntimeError("esbuild is missing: run `make setup` (npm ci) first")
        for old in BUILD.glob("ui-src-*"):
            shutil.rmtree(old, ignore_errors=True)
        tmp = cached.with_name(f"tmp-{cached.name}-{os.getpid()}")
        tmp.mkdir(parents=True)
        subprocess.run([str(ESBUILD), *(str(SOURCES / e) for e in ENTRIES), "--bundle", "--format=esm",
                        "--splitting", "--minify", "--target=es2020", f"--outdir={tmp}", "--entry-names=[name]",
                        "--chunk-names=chunk-[hash]", "--legal-comments=none", "--log-level=warning",
                        f"--metafile={tmp / 'meta.json'}"],
                       check=True)
        (tmp / "material.js").write_text(_material_js(), encoding="utf-8")
        joined = tmp / "joined.css"
        joined.write_text("\n".join([_palette_css(), *(p.read_text(encoding="utf-8") for p in STYLESHEETS)]),
                          encoding="utf-8")
        subprocess.run([str(ESBUILD), str(joined), "--minify", f"--outfile={tmp / 'ai45.css'}",
                        "--log-level=warning"], check=True)
        joined.unlink()
        shutil.rmtree(cached, ignore_errors=True)
        tmp.rename(cached)
        (cached / "done").write_text("", encoding="utf-8")
    meta = json.loads((cached / "meta.json").read_text(encoding="utf-8"))
    imports = {Path(out).name: tuple(Path(i["path"]).name for i in info.get("imports", [])
                                     if i.get("kind") == "import-statement")
               for out, info in meta["outputs"].items()}
    outputs = sorted(p for p in cached.iterdir() if p.name not in ("done", "meta.json"))
    digest = hashlib.sha256()
    for path in outputs:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    folder = f"assets/ai45/ui-{digest.hexdigest()[:12]}/"
    return Bundle(folder, {folder + p.name: p for p in outputs}, imports,
                  frozenset(folder + name for name in _on_demand(imports)))


def _on_demand(imports: dict[str, tuple[str, ...]]) -> list[str]:
    """The scripts that no entry point loads through static imports: what only a dynamic ``import()`` brings."""
    eager = [name for name in ENTRIES if name in imports]
    seen = set(eager)
    while eager:
        for name in imports[eager.pop()]:
            if name not in seen:
                seen.add(name)
                eager.append(name)
    return sorted(name for name in imports if name.endswith(".js") and name not in seen)

