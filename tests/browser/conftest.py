"""Browser tests: the site, built for and served on a free port of 127.0.0.1, driven in Chromium.

The site is built once per session with ``SITE_URL`` set to the test server's own address: Material's instant
navigation only takes over links that its sitemap lists, and the sitemap is written with the site URL.

Every page a test opens is watched: a console error, an uncaught exception, a failed request or a request to
any other host fails the test (requests elsewhere are blocked, then reported).
"""

from __future__ import annotations

import functools
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Playwright, Request, Route, sync_playwright
from playwright.sync_api import Error as PlaywrightError

from scripts._serve import CHROMIUM_ARGS, build_site, chromium_path

ROOT = Path(__file__).resolve().parents[2]


class _Handler(SimpleHTTPRequestHandler):
    extensions_map: ClassVar[dict[str, str]] = {**SimpleHTTPRequestHandler.extensions_map, ".wasm": "application/wasm",
                      ".mjs": "text/javascript", ".js": "text/javascript", ".json": "application/json"}

    served: ClassVar[list[str]] = []
    """Every path served, in order (tests count downloads the server really made)."""

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass

    def end_headers(self) -> None:
        _Handler.served.append(self.path)
        super().end_headers()


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """(base URL, site folder): a free port first, then the site built for it, then served from it."""
    site = tmp_path_factory.mktemp("site")
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Handler, directory=str(site)))
    url = f"http://127.0.0.1:{httpd.server_address[1]}/"
    build_site(site, url)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield url, site
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="session")
def base_url(server: tuple[str, Path]) -> str:
    return server[0]


@pytest.fixture(scope="session")
def site(server: tuple[str, Path]) -> Path:
    return server[1]


@pytest.fixture
def served() -> list[str]:
    """Paths the test server sends from now on."""
    _Handler.served.clear()
    return _Handler.served


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    b = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
    yield b
    b.close()


@dataclass
class Watch:
    """What went wrong on a page; tests that provoke failures on purpose clear what they expect."""

    origin: str
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    offsite: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        return ([f"console: {m}" for m in self.console_errors] + [f"exception: {m}" for m in self.page_errors]
                + [f"failed request: {m}" for m in self.failed]
                + [f"request to another host: {m}" for m in self.offsite])

    def clear(self) -> None:
        self.console_errors.clear()
        self.page_errors.clear()
        self.failed.clear()


def watch_page(page: Page, origin: str) -> Watch:
    watch = Watch(origin)

    def on_console(msg: ConsoleMessage) -> None:
        if msg.type == "error":
            where = msg.location.get("url", "") if msg.location else ""
            watch.console_errors.append(msg.text[:300] + (f" ({where})" if where else ""))

    def on_route(route: Route) -> None:
        url = route.request.url
        if url.startswith(origin) or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            watch.offsite.append(url)
            route.abort()

    def on_failed(request: Request) -> None:
        # ERR_ABORTED: the page navigated away while a download was under way (not a failure of the site).
        if request.url.startswith(origin) and "ERR_ABORTED" not in str(request.failure):
            watch.failed.append(f"{request.url} ({request.failure})")

    page.on("console", on_console)
    page.on("pageerror", lambda err: watch.page_errors.append(str(err)[:300]))
    page.on("requestfailed", on_failed)
    page.on("request", lambda r: watch.requests.append(r.url))
    page.on("response", lambda r: r.status >= 400 and watch.failed.append(f"{r.url} (HTTP {r.status})"))
    page.context.route("**/*", on_route)
    return watch


@pytest.fixture
def page(browser: Browser, base_url: str) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1200, "height": 900}, service_workers="block")
    p = context.new_page()
    p.set_default_timeout(20_000)
    p.watch = watch_page(p, base_url)  # type: ignore[attr-defined]
    yield p
    problems = p.watch.problems()  # type: ignore[attr-defined]
    context.close()
    assert problems == [], "\n".join(problems)


def wait_live(page: Page, selector: str = "[data-ai45-widget]", timeout: float = 30_000) -> None:
    """Wait until every widget matching ``selector`` is live."""
    page.wait_for_function(
        "sel => [...document.querySelectorAll(sel)].every(w => w.dataset.ai45State === 'live')",
        arg=selector, timeout=timeout)


def wait_until(page: Page, script: str, arg: Any = None, timeout: float = 30_000, interval: float = 250) -> Any:
    """Poll ``script`` (which may be async: Playwright's wait_for_function does not await a returned promise,
    it only sees that a promise is truthy) until it gives a truthy value; return that value."""
    deadline = time.monotonic() + timeout / 1000
    while True:
        try:
            value = page.evaluate(script, arg)
        except PlaywrightError as err:  # the page navigated meanwhile: ask the next one
            if "context was destroyed" not in str(err):
                raise
            value = None
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} ms waiting for: {script.strip()[:200]}")
        page.wait_for_timeout(interval)


def wait_output(page: Page, key: str, timeout: float = 10_000) -> None:
    """Wait until the widget ``key`` has finished recomputing (no pending output)."""
    page.wait_for_function(
        "key => { const w = document.getElementById(key); const o = w.querySelector('[data-ai45-output]');"
        " return w.dataset.ai45State === 'live' && !o.hasAttribute('aria-busy'); }", arg=key, timeout=timeout)


# --- Site-wide quality gate (test_site.py, test_a11y.py): counters, and a summary at the end of the session.

GATE: dict[str, Any] = {"pages": set(), "axe_runs": 0, "axe_violations": {}, "axe_excluded": {},
                        "offsite_blocked": 0, "requests": 0, "hostile_pages": 0, "engine_failure_pages": 0}
"""Filled by the gate's checks; ``pages`` holds "lang:path" of every page loaded for the per-page checks."""


@pytest.fixture(autouse=True)
def _gate_count_offsite(request: pytest.FixtureRequest) -> Iterator[None]:
    """Counts what the ``page`` fixture's watcher blocked or saw (read after the test, whatever its result)."""
    yield
    watch = getattr(request.node.funcargs.get("page"), "watch", None)
    if isinstance(watch, Watch):
        GATE["offsite_blocked"] += len(watch.offsite)
        GATE["requests"] += len(watch.requests)


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    if not (GATE["pages"] or GATE["axe_runs"] or GATE["hostile_pages"] or GATE["engine_failure_pages"]):
        return
    pages = sorted(GATE["pages"])
    embed = [p for p in pages if "embed/" in p]
    nav = [p for p in pages if p not in embed]
    by_lang = {lang: sum(p.startswith(lang + ":") for p in nav) for lang in ("en", "zh")}
    write = terminalreporter.write_line
    terminalreporter.section("AI-45° site quality gate")
    write(f"pages checked: {len(nav)} navigation pages (en {by_lang['en']}, zh {by_lang['zh']})"
          f" + {len(embed)} embed pages")
    violations = GATE["axe_violations"]
    found = ", ".join(f"{rule} ×{n}" for rule, n in sorted(violations.items())) or "none"
    write(f"axe-core (WCAG 2.0/2.1 A+AA): {GATE['axe_runs']} runs, violations: {found}")
    excluded = GATE["axe_excluded"]
    write("axe exclusions (Material's own markup): "
          + ("; ".join(f"{rule}: {why}" for rule, why in sorted(excluded.items())) or "none"))
    write(f"requests: {GATE['requests']} watched, {GATE['offsite_blocked']} to other hosts blocked")
    write(f"hostile addresses: {GATE['hostile_pages']} widget pages; broken engine: "
          f"{GATE['engine_failure_pages']} widget page loads")
