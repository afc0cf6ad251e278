"""Repeat visits and a bad connection: the service worker keeps the runtime and the pages a reader has seen."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from .conftest import wait_live, watch_page


@pytest.fixture
def sw_page(browser: Browser, base_url: str) -> Iterator[Page]:
    context = browser.new_context(service_workers="allow")
    page = context.new_page()
    page.set_default_timeout(30_000)
    watch = watch_page(page, base_url)
    yield page
    problems = watch.problems()
    context.close()
    assert problems == [], "\n".join(problems)


def _controlled(page: Page) -> None:
    page.wait_for_function("() => navigator.serviceWorker.ready.then(r => !!r.active)")
    page.wait_for_function("() => caches.keys().then(k => k.some(n => n.startsWith('ai45-runtime-')))")


def test_a_repeat_visit_downloads_no_runtime(sw_page: Page, base_url: str, served: list[str]) -> None:
    sw_page.goto(f"{base_url}law/")
    wait_live(sw_page)
    _controlled(sw_page)
    served.clear()
    sw_page.reload()
    wait_live(sw_page)
    runtime = [p for p in served if "/assets/pyodide/" in p or "/assets/ai45/py-" in p]
    assert runtime == []


def test_pages_seen_before_work_offline_with_live_widgets(sw_page: Page, base_url: str) -> None:
    sw_page.goto(f"{base_url}law/")
    wait_live(sw_page)
    _controlled(sw_page)
    sw_page.reload()  # now controlled: the page itself goes into the cache too
    wait_live(sw_page)
    sw_page.context.set_offline(True)
    sw_page.goto(f"{base_url}law/?plane.scale=raw")
    wait_live(sw_page)
    sw_page.wait_for_function("() => document.querySelector('#plane [data-ai45-value=\"0\"]').textContent === '26.57°'")
    sw_page.context.set_offline(False)
