"""Screenshots of every widget, both languages, light and dark, desktop and 360 px: ``make screenshots``.

Writes PNGs into screenshots/ (git-ignored), one per widget and variant, after the widget has gone live,
plus one full page per variant of the home page. Look at them before calling a page done.
"""

from __future__ import annotations

import functools
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "screenshots"
PAGES = ["", "law/", "imbalance/", "ladder/", "lines/", "levels/", "safework-r1/"]
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


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


def main() -> int:
    sys.path.insert(0, str(ROOT))
    from scripts._serve import chromium_path

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(ROOT / "site")))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    count = 0
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=ARGS)
        for width in (1280, 360):
            for scheme in ("light", "dark"):
                context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
                page = context.new_page()
                for lang in ("en", "zh"):
                    folder = OUT / lang
                    folder.mkdir(parents=True, exist_ok=True)
                    for path in PAGES:
                        page.goto(base + ("zh/" if lang == "zh" else "") + path)
                        page.wait_for_function("() => [...document.querySelectorAll('[data-ai45-widget]')]"
                                               ".every(w => w.dataset.ai45State === 'live')", timeout=60_000)
                        name = path.strip("/") or "home"
                        if not path:
                            page.screenshot(path=folder / f"{name}-page-{width}-{scheme}.png", full_page=True)
                            count += 1
                        for widget in page.locator("[data-ai45-widget]").all():
                            key = widget.get_attribute("id")
                            widget.screenshot(path=folder / f"{name}-{key}-{width}-{scheme}.png",
                                              style=".md-header{visibility:hidden}")
                            count += 1
                context.close()
        browser.close()
    server.shutdown()
    print(f"{count} screenshots in {OUT.relative_to(ROOT)}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
