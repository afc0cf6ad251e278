"""Repeat visits, a bad connection and redeploys: the service worker keeps each page seen with what it needs, and a
repeat visit starts the engine from the build's memory snapshot (or, if that is broken, the normal way).

The site is served like GitHub Pages (``Cache-Control: max-age=600``, ETags, gzip) from a folder that a test can
swap for a new build, as a deploy does.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from scripts._serve import PagesHandler, bind, build_site, serve

from .conftest import wait_live, wait_output, wait_until, watch_page

ROOT = Path(__file__).resolve().parents[2]

PAGES_CACHE = "ai45-pages-v2"
FILES_CACHE = "ai45-files-v2"


class _Handler(PagesHandler):
    sent = []  # noqa: RUF012 (one log per server class)


class Deploy:
    """A Pages-like server on a free port whose site can be replaced by a new build (``redeploy``)."""

    def __init__(self, tmp: Path) -> None:
        self.tmp = tmp
        self.live = tmp / "live"
        self.httpd, self.url = bind(functools.partial(_Handler, directory=str(self.live)))
        self.builds = 0

    def deploy(self, source: Path = ROOT) -> Path:
        self.builds += 1
        site = self.tmp / f"site{self.builds}"
        build_site(site, self.url, root=source)
        link = self.tmp / "live.new"
        link.unlink(missing_ok=True)
        link.symlink_to(site)
        link.replace(self.live)  # atomic, like a deploy: every request sees one site or the other
        return site


@pytest.fixture(scope="module")
def deploy(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Deploy]:
    d = Deploy(tmp_path_factory.mktemp("deploy"))
    d.deploy()
    serve(d.httpd)
    yield d
    d.httpd.shutdown()
    d.httpd.server_close()


@pytest.fixture
def sw_page(browser: Browser, deploy: Deploy) -> Iterator[Page]:
    context = browser.new_context(service_workers="allow", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(30_000)
    watch = watch_page(page, deploy.url)
    page.watch = watch  # type: ignore[attr-defined]
    yield page
    problems = [p for p in watch.problems() if "ERR_INTERNET_DISCONNECTED" not in p]
    context.close()
    assert problems == [], "\n".join(problems)


def cached(page: Page, cache: str) -> list[str]:
    return page.evaluate("name => caches.open(name).then(c => c.keys()).then(k => k.map(r => r.url))", cache)


def island(page: Page) -> dict[str, object]:
    return page.evaluate("() => JSON.parse(document.getElementById('__ai45').textContent)")  # type: ignore[no-any-return]


def wait_kept(page: Page) -> None:
    """Until the worker has kept this page and every file its island lists."""
    wait_until(page, """async ([pages, files]) => {
        const reg = await navigator.serviceWorker.getRegistration();
        if (!reg || !reg.active) return false;
        const config = JSON.parse(document.getElementById('__ai45').textContent);
        const root = new URL(config.root.replace(/\\/?$/, '/'), location.href);
        const have = new Set((await (await caches.open(files)).keys()).map(r => r.url));
        const page = await (await caches.open(pages)).match(location.origin + location.pathname);
        return !!page && config.keep.every(p => have.has(new URL(p, root).href));
    }""", arg=[PAGES_CACHE, FILES_CACHE])


def styled(page: Page) -> bool:
    """Material's stylesheet is applied (the header is fixed at the top)."""
    return page.evaluate("() => getComputedStyle(document.querySelector('.md-header')).position") == "sticky"


def test_a_repeat_visit_downloads_no_runtime(sw_page: Page, deploy: Deploy) -> None:
    sw_page.goto(f"{deploy.url}law/")
    wait_live(sw_page)
    wait_kept(sw_page)
    _Handler.sent.clear()
    sw_page.reload()
    wait_live(sw_page)
    runtime = [s.path for s in _Handler.sent if "/assets/pyodide/" in s.path or "/assets/ai45/py-" in s.path]
    assert runtime == []


def test_text_pages_keep_no_runtime(sw_page: Page, deploy: Deploy) -> None:
    sw_page.goto(f"{deploy.url}speech/")
    wait_kept(sw_page)
    assert not [u for u in cached(sw_page, FILES_CACHE) if "/assets/pyodide/" in u]
    assert sw_page.evaluate("() => window.__ai45.stats.starts") == 0


def test_old_caches_are_deleted_when_the_worker_activates(sw_page: Page, deploy: Deploy) -> None:
    # Left by an older deploy's worker: made as the page starts, before it registers its own worker (made after
    # the page had loaded, they could come after the worker had already activated, and stay: a flaky test).
    sw_page.add_init_script("['ai45-runtime-314.0.7-old', 'ai45-pages'].forEach(n => caches.open(n))")
    sw_page.goto(f"{deploy.url}speech/")
    wait_kept(sw_page)
    wait_until(sw_page, "async () => !(await caches.keys()).some(n => n === 'ai45-pages'"
                        " || n.startsWith('ai45-runtime-'))")


def test_pages_seen_before_work_offline_with_live_widgets(sw_page: Page, deploy: Deploy) -> None:
    sw_page.goto(f"{deploy.url}law/")
    wait_live(sw_page)
    wait_kept(sw_page)
    sw_page.click(".md-nav--primary a.md-nav__link[href$='ladder/']")  # instant navigation
    sw_page.wait_for_url(f"{deploy.url}ladder/")
    wait_live(sw_page)
    wait_kept(sw_page)
    sw_page.context.set_offline(True)
    try:
        for path in ("law/", "ladder/"):
            sw_page.goto(deploy.url + path)
            assert styled(sw_page), path
            wait_live(sw_page)
        sw_page.goto(f"{deploy.url}law/?plane.scale=raw")
        wait_live(sw_page)
        sw_page.wait_for_function("() => document.querySelector('#plane [data-ai45-value=\"0\"]').textContent"
                                  " === '26.57°'")
        # A page never opened: a clear message in both languages rather than the browser's error page.
        sw_page.goto(f"{deploy.url}levels/")
        assert "offline" in sw_page.locator("body").inner_text()
        assert "离线" in sw_page.locator("body").inner_text()
        sw_page.watch.failed[:] = [f for f in sw_page.watch.failed if "/levels/ (HTTP 503)" not in f]  # type: ignore[attr-defined]
        sw_page.watch.console_errors[:] = [m for m in sw_page.watch.console_errors if "503" not in m]  # type: ignore[attr-defined]
    finally:
        sw_page.context.set_offline(False)


def outputs(page: Page) -> dict[str, str]:
    return page.evaluate("Object.fromEntries([...document.querySelectorAll('[data-ai45-widget]')]"
                         ".map(w => [w.id, w.querySelector('[data-ai45-output]').innerHTML]))")


def recompute_all(page: Page) -> None:
    for key in outputs(page):
        page.evaluate("key => document.getElementById(key).querySelector('form')"
                      ".dispatchEvent(new Event('input', {bubbles: true}))", key)
        wait_output(page, key)


def test_a_repeat_visit_starts_from_the_snapshot_and_computes_as_cpython(sw_page: Page, deploy: Deploy) -> None:
    page = sw_page
    page.goto(f"{deploy.url}law/")
    wait_live(page)
    assert page.evaluate("() => window.__ai45.stats.how") == "normal"  # a first visit never waits for the snapshot
    wait_kept(page)
    snapshot = str(island(page)["snapshot"]["url"])  # type: ignore[index]
    assert any(u.endswith(snapshot) for u in cached(page, FILES_CACHE))
    page.reload()
    prerendered = outputs(page)  # computed by CPython at build time
    wait_live(page)
    assert page.evaluate("() => [window.__ai45.stats.how, window.__ai45.stats.fallback]") == ["snapshot", ""]
    recompute_all(page)
    assert outputs(page) == prerendered
    page.select_option("#plane-scale", "raw")
    wait_output(page, "plane")
    assert page.locator("#plane [data-ai45-value='0']").inner_text() == "26.57°"  # atan(15 / 30)


@pytest.mark.parametrize("damage", ["zeros", "truncated", "other build"])
def test_a_broken_snapshot_falls_back_to_the_normal_start(sw_page: Page, deploy: Deploy, damage: str) -> None:
    page = sw_page
    page.goto(f"{deploy.url}law/")
    wait_live(page)
    wait_kept(page)
    snapshot = island(page)["snapshot"]
    url = deploy.url + str(snapshot["url"])  # type: ignore[index]
    damaged = page.evaluate("""async ([url, damage, name]) => {
        const cache = await caches.open(name);
        const good = new Uint8Array(await (await cache.match(url)).arrayBuffer());
        let bad;
        if (damage === 'zeros') bad = new Uint8Array(good.length);
        else if (damage === 'truncated') bad = good.slice(0, good.length >> 1);
        else {  // a valid gzip of a snapshot whose header names another Pyodide build
            const raw = new Uint8Array(await new Response(new Response(good).body
                .pipeThrough(new DecompressionStream('gzip'))).arrayBuffer());
            for (let i = 16; i < 48; i++) raw[i] ^= 0xff;  // the header's build id: uint32 words 4 to 11
            bad = new Uint8Array(await new Response(new Response(raw).body
                .pipeThrough(new CompressionStream('gzip'))).arrayBuffer());
        }
        await cache.put(url, new Response(bad));
        return Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', bad))).join(',');
    }""", [url, damage, FILES_CACHE])
    page.reload()
    prerendered = outputs(page)
    wait_live(page, timeout=60_000)
    how, reason = page.evaluate("() => [window.__ai45.stats.how, window.__ai45.stats.fallback]")
    assert how == "normal" and reason, (how, reason)
    recompute_all(page)
    assert outputs(page) == prerendered
    # The damaged copy was dropped (the service worker may have kept a good one again since).
    now = page.evaluate("async ([url, name]) => { const hit = await (await caches.open(name)).match(url); return hit ?"
                        " Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', await hit.arrayBuffer())))"
                        ".join(',') : ''; }", [url, FILES_CACHE])
    assert now != damaged


def _changed_copy(tmp: Path) -> Path:
    """The project as it is now, with ai45core and the stylesheet changed: a new runtime and new browser code."""
    copy = tmp / "next"
    files = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT, capture_output=True,
                           text=True, encoding="utf-8", check=True).stdout.split()
    for name in files:
        source = ROOT / name
        if source.is_file():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy / name)
    os.symlink(ROOT / "node_modules", copy / "node_modules")
    init = copy / "ai45core" / "__init__.py"
    init.write_text(init.read_text(encoding="utf-8") + "\n_REDEPLOYED = True\n", encoding="utf-8")
    css = copy / "widgets" / "ai45.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n.ai45-redeployed { color: red; }\n", encoding="utf-8")
    return copy


def test_a_redeploy_keeps_every_page_seen_working_offline_and_serves_new_pages_online(
        sw_page: Page, deploy: Deploy, tmp_path: Path) -> None:
    page = sw_page
    page.goto(f"{deploy.url}law/")
    wait_live(page)
    wait_kept(page)
    page.goto(f"{deploy.url}ladder/")
    wait_live(page)
    wait_kept(page)
    old = island(page)

    deploy.deploy(_changed_copy(tmp_path))  # any change to ai45core: new runtime paths, new build id

    # Online, the reader gets the new page with the matching runtime (not a copy from a cache).
    page.goto(f"{deploy.url}law/")
    new = island(page)
    assert new["build"] != old["build"] and new["lockFileURL"] != old["lockFileURL"]
    wait_live(page)
    wait_kept(page)
    files = cached(page, FILES_CACHE)
    assert any(str(new["lockFileURL"]) in u for u in files)
    assert any(str(old["lockFileURL"]) in u for u in files), "pruned although the kept ladder page needs it"

    # Offline, the page seen before the deploy opens styled, with its numbers, and goes live on its runtime.
    page.context.set_offline(True)
    try:
        page.goto(f"{deploy.url}ladder/")
        assert island(page)["build"] == old["build"]
        assert styled(page)
        assert page.locator("[data-ai45-widget] [data-ai45-value]").count() > 0
        wait_live(page)
        # Instant navigation from it to a page of the new deploy loads that page in full, with its own runtime.
        page.evaluate("() => { window.__before = true; }")
        page.click(".md-nav--primary a.md-nav__link[href$='law/']")
        wait_until(page, "b => !window.__before && document.readyState === 'complete' &&"
                         " JSON.parse(document.getElementById('__ai45').textContent).build === b", arg=new["build"])
        assert styled(page)
        wait_live(page)
    finally:
        page.context.set_offline(False)

    # Online again, ladder/ is replaced by its new copy; the old runtime is then needed by no kept page: pruned.
    page.goto(f"{deploy.url}ladder/")
    assert island(page)["build"] == new["build"]
    wait_live(page)
    wait_kept(page)
    wait_until(page, "([name, old]) => caches.open(name).then(c => c.keys())"
                     ".then(k => !k.some(r => r.url.includes(old)))", arg=[FILES_CACHE, str(old["lockFileURL"])])
