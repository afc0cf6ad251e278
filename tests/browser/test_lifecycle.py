"""Everything a page mounts lives as long as the page: what readers do in sequence across instant navigation."""

from __future__ import annotations

import random

import pytest
from playwright.sync_api import Page, Worker

from .conftest import wait_live, wait_output, wait_until

LADDER_LINK = ".md-nav--primary a.md-nav__link[href$='ladder/']"


@pytest.fixture(autouse=True)
def _desktop(page: Page) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})  # the navigation sidebar is shown from 1220 px


def _statuses(page: Page) -> str:
    return " ".join(page.locator("[data-ai45-status]").all_inner_texts())


def test_a_change_in_flight_does_not_follow_the_reader_to_the_next_page(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}law/")
    wait_live(page, "#plane")
    marker = page.evaluate("() => (window.__marker = Math.random())")
    page.select_option("#plane-scale", "raw")
    page.click(LADDER_LINK)  # at once: the result and the address write are still pending
    page.wait_for_url(f"{base_url}ladder/")
    wait_live(page)
    wait_until(page, "() => window.__ai45.quiet()")  # the result in flight has arrived; no writer is pending
    assert page.evaluate("() => window.__marker") == marker, "expected instant navigation, got a full load"
    assert page.url == f"{base_url}ladder/"
    assert "plane" not in page.url
    page.reload()
    wait_live(page)
    assert "not used" not in _statuses(page)


def test_back_returns_to_the_state_left_behind(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}law/")
    wait_live(page, "#plane")
    page.select_option("#plane-scale", "raw")
    wait_output(page, "plane")
    page.click(LADDER_LINK)  # the address may not be written yet: it is written before the link is followed
    page.wait_for_url(f"{base_url}ladder/")
    page.go_back()
    page.wait_for_url(f"{base_url}law/?plane.scale=raw")
    wait_live(page, "#plane")
    assert page.locator("#plane-scale").input_value() == "raw"
    page.wait_for_function("() => document.querySelector('#plane [data-ai45-value=\"0\"]').textContent === '26.57°'")


@pytest.mark.parametrize("prefix", ["", "zh/"])
def test_pages_leave_nothing_behind_after_many_navigations(page: Page, base_url: str, prefix: str) -> None:
    page.goto(f"{base_url}{prefix}law/")
    wait_live(page)
    alone = page.evaluate("() => window.__ai45.stats.listeners")
    for _ in range(3):
        page.click(LADDER_LINK)
        page.wait_for_url(f"{base_url}{prefix}ladder/")
        wait_live(page)
        page.click(".md-nav--primary a.md-nav__link[href$='law/']")
        page.wait_for_url(f"{base_url}{prefix}law/")
        wait_live(page)
    assert page.evaluate("() => window.__ai45.stats.listeners") == alone
    assert page.evaluate("() => window.__ai45.stats.starts") == 1
    # The widgets of the page shown now still work, and only they write the address.
    page.fill("#plane2-capability", "1,2,3")
    wait_output(page, "plane2")
    page.wait_for_url(f"{base_url}{prefix}law/?plane2.capability=1,2,3")


def test_the_text_typed_while_navigating_back_is_computed_on_the_page_shown(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}ladder/")
    wait_live(page)
    page.click(".md-nav--primary a.md-nav__link[href$='law/']")
    page.wait_for_url(f"{base_url}law/")
    page.fill("#plane-safety", "1, 2, 4")  # typed as soon as the page is there
    wait_output(page, "plane")
    assert page.locator("#plane [data-ai45-value='0']").inner_text() == "45.00°"  # 10,20,40 vs 1,2,4 on the index


def _engine_worker(page: Page) -> Worker:
    workers = [w for w in page.workers if "/worker.js" in w.url]
    assert len(workers) == 1, [w.url for w in page.workers]
    return workers[0]


@pytest.mark.parametrize("how", ["close", "silently"])
def test_a_worker_killed_after_it_was_ready_is_replaced(page: Page, base_url: str, how: str) -> None:
    page.goto(f"{base_url}law/")
    wait_live(page)
    worker = _engine_worker(page)
    if how == "close":  # the worker closes itself: it says so first
        worker.evaluate("() => { setTimeout(() => close(), 0); }")
    else:  # gone without a word: the page's watchdog finds out when a call gets no answer
        worker.evaluate("() => { setTimeout(() => DedicatedWorkerGlobalScope.prototype.close.call(self), 0); }")
    page.fill("#plane-safety", "1, 2, 4")
    wait_until(page, "() => window.__ai45.stats.starts === 2", timeout=60_000)
    wait_output(page, "plane", timeout=60_000)
    assert page.locator("#plane [data-ai45-value='0']").inner_text() == "45.00°"
    assert page.locator("#plane").get_attribute("data-ai45-state") == "live"


WIDGET_PAGES = ["", "law/", "imbalance/", "ladder/", "lines/", "levels/", "safework-r1/"]
VALUES = ["1, 2, 3", "10", "0.5", "", "abc", "1, 2, 4, 8", "-3"]


@pytest.mark.parametrize("prefix", ["", "zh/"])
def test_random_walk_across_widget_pages_keeps_each_address_to_its_own_page(page: Page, base_url: str,
                                                                            prefix: str) -> None:
    """60 steps of what a restless reader does: change inputs (valid or not), follow links at once or later."""
    rng = random.Random(f"ai45-{prefix}")
    page.goto(base_url + prefix + "law/")
    wait_live(page)
    marker = page.evaluate("() => (window.__marker = Math.random())")
    for step in range(60):
        keys = set(page.evaluate("() => [...document.querySelectorAll('[data-ai45-widget]')].map(w => w.id)"))
        if keys and rng.random() < 0.6:
            key = rng.choice(sorted(keys))
            selects = page.locator(f"#{key} form select:visible")
            if selects.count() and rng.random() < 0.5:
                select = selects.nth(rng.randrange(selects.count()))
                options = select.locator("option").all()
                select.select_option(rng.choice(options).get_attribute("value"))
            else:
                inputs = page.locator(f"#{key} form input[type=text]:visible")
                if inputs.count():
                    inputs.nth(rng.randrange(inputs.count())).fill(rng.choice(VALUES))
            if rng.random() < 0.5:
                continue  # navigate later, or at once below
        target = rng.choice([p for p in WIDGET_PAGES if base_url + prefix + p != page.url.split("?")[0]])
        heading = page.locator(".md-content h1").first.inner_text()
        page.evaluate("url => [...document.querySelectorAll('.md-nav--primary a.md-nav__link')]"
                      ".find(a => a.href === url).click()", base_url + prefix + target)
        page.wait_for_url(base_url + prefix + target)
        page.wait_for_function("old => { const h = document.querySelector('.md-content h1');"
                               " return h && h.textContent.trim() !== old.trim(); }", arg=heading)
        assert page.evaluate("() => window.__marker") == marker, f"step {step}: a full page load to {target!r}"
        wait_until(page, "() => window.__ai45.quiet()")
        query_keys = page.evaluate("() => [...new URLSearchParams(location.search).keys()]")
        here = set(page.evaluate("() => [...document.querySelectorAll('[data-ai45-widget]')].map(w => w.id)"))
        stray = [k for k in query_keys if k.split(".")[0] not in here]
        assert not stray, f"step {step}: {page.url} carries another page's keys {stray}"
    assert page.evaluate("() => window.__ai45.stats.starts") == 1
