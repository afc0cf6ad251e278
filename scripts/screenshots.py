"""Screenshots of every widget and every chart, both languages, light and dark, desktop and 360 px:
``make screenshots``.

Writes PNGs into screenshots/ (git-ignored), after the widgets have gone live:

- ``screenshots/{lang}/{page}-{key}-{width}-{scheme}.png``: each widget on its page, plus the home page;
- ``screenshots/figures/{widget}-{case}-{lang}-{width}-{scheme}.png``: each chart alone, for the state on its
  embed page and for every preset, and ``screenshots/figures/index.html``, a contact sheet of them all;
- ``.github/readme/plane-{desktop,phone}.png``: the README's two pictures of the home page's plane.

Look at them before calling a chart or a page done.
"""

from __future__ import annotations

import functools
import html
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "screenshots"
README = ROOT / ".github" / "readme"
PAGES = ["", "law/", "imbalance/", "ladder/", "lines/", "levels/", "safework-r1/"]
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
LIVE = "() => [...document.querySelectorAll('[data-ai45-widget]')].every(w => w.dataset.ai45State === 'live')"
HIDE = ".md-header{visibility:hidden}"


class _Quiet(SimpleHTTPRequestHandler):
    extensions_map: dict[str, str] = {**SimpleHTTPRequestHandler.extensions_map,  # noqa: RUF012
                                      ".wasm": "application/wasm", ".mjs": "text/javascript"}

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def handle(self) -> None:
        try:
            super().handle()
        except (BrokenPipeError, ConnectionResetError):
            pass


def _figure(page: Page, key: str, path: Path) -> None:
    page.mouse.move(0, 0)  # no tip left open by the pointer
    page.locator(f"#{key} .ai45-figure").screenshot(path=path, style=HIDE)


def main() -> int:
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "widgets"))
    from ai45widgets import VIEWS

    from scripts._serve import chromium_path

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(ROOT / "site")))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    count = 0
    figures = OUT / "figures"
    figures.mkdir(parents=True, exist_ok=True)
    sheet: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=ARGS)
        for width in (1280, 360):
            for scheme in ("light", "dark"):
                context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
                page = context.new_page()
                for lang in ("en", "zh"):
                    prefix = "zh/" if lang == "zh" else ""
                    folder = OUT / lang
                    folder.mkdir(parents=True, exist_ok=True)
                    for path in PAGES:
                        page.goto(base + prefix + path)
                        page.wait_for_function(LIVE, timeout=60_000)
                        name = path.strip("/") or "home"
                        if not path:
                            page.screenshot(path=folder / f"{name}-page-{width}-{scheme}.png", full_page=True)
                            page.screenshot(path=folder / f"{name}-fold-{width}-{scheme}.png")
                            count += 2
                            if lang == "en" and scheme == "light":
                                README.mkdir(parents=True, exist_ok=True)
                                page.set_viewport_size({"width": width, "height": 800 if width > 360 else 740})
                                page.screenshot(path=README / f"plane-{'desktop' if width > 360 else 'phone'}.png")
                                page.set_viewport_size({"width": width, "height": 900})
                        for widget in page.locator("[data-ai45-widget]").all():
                            key = widget.get_attribute("id")
                            widget.screenshot(path=folder / f"{name}-{key}-{width}-{scheme}.png", style=HIDE)
                            count += 1
                    # Each chart alone: as on its embed page, then every preset.
                    for name, view in VIEWS.items():
                        page.goto(f"{base}{prefix}embed/{name}/")
                        page.wait_for_function(LIVE, timeout=60_000)
                        shots = [("page", -1)] + [(preset.id, i) for i, preset in enumerate(view.presets)]
                        for case, index in shots:
                            if index >= 0:
                                page.locator(f"#{name} [data-ai45-preset]").nth(index).click()
                                page.wait_for_function(
                                    "k => !document.querySelector('#' + k + ' [data-ai45-output]')"
                                    ".hasAttribute('aria-busy')", arg=name)
                            file = f"{name}-{case}-{lang}-{width}-{scheme}.png"
                            _figure(page, name, figures / file)
                            sheet.append(file)
                            count += 1
                context.close()
        browser.close()
    server.shutdown()
    cells = "".join(f'<figure><img src="{html.escape(f)}" loading="lazy"><figcaption>{html.escape(f)}'
                    "</figcaption></figure>" for f in sorted(sheet))
    (figures / "index.html").write_text(
        "<!doctype html><meta charset=utf-8><title>Charts</title><style>body{display:flex;flex-wrap:wrap;gap:8px;"
        "font:12px sans-serif}figure{margin:0}img{max-width:660px;border:1px solid #ccc}</style>" + cells,
        encoding="utf-8")
    print(f"{count} screenshots in {OUT.relative_to(ROOT)}/ (contact sheet: screenshots/figures/index.html)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
