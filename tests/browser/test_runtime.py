"""The widget runtime in a real browser: pre-render, live engine, URL state, failure modes, one engine per tab."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, Route

from .conftest import wait_live, wait_output, wait_until

LANGS = [("", "en"), ("zh/", "zh")]


def outputs(page: Page) -> dict[str, str]:
    return page.evaluate("Object.fromEntries([...document.querySelectorAll('[data-ai45-widget]')]"
                         ".map(w => [w.id, w.querySelector('[data-ai45-output]').innerHTML]))")


@pytest.mark.parametrize(("prefix", "lang"), LANGS)
def test_prerendered_output_equals_live_output_for_the_defaults(page: Page, base_url: str, prefix: str,
                                                               lang: str) -> None:
    page.goto(f"{base_url}{prefix}law/")
    before = outputs(page)
    assert len(before) >= 2
    assert page.locator("[data-ai45-widget]").first.get_attribute("data-ai45-state") in {"static", "loading"}
    wait_live(page)
    for key in before:
        # Recompute with the unchanged default inputs through the live engine.
        page.evaluate("key => document.getElementById(key).querySelector('form')"
                      ".dispatchEvent(new Event('input', {bubbles: true}))", key)
        wait_output(page, key)
    assert outputs(page) == before


@pytest.mark.parametrize(("prefix", "lang", "expected"), [("", "en", "26.57°"), ("zh/", "zh", "26.57°")])
def test_changing_an_input_updates_the_output_and_the_address(page: Page, base_url: str, prefix: str, lang: str,
                                                              expected: str) -> None:
    page.goto(f"{base_url}{prefix}law/")
    wait_live(page, "#plane")
    page.select_option("#plane-scale", "raw")  # capability 10, 20, 40 / safety 5, 10, 20: atan(15/30)
    wait_output(page, "plane")
    assert page.locator("#plane [data-ai45-value='0']").inner_text() == expected
    page.wait_for_url("**/law/?plane.scale=raw")  # the address follows within 300 ms


def test_a_shared_link_restores_the_state_in_both_languages(page: Page, base_url: str) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(f"{base_url}law/")
    wait_live(page, "#plane")
    page.fill("#plane-capability", "1, 2, 3")
    page.fill("#plane-safety", "1, 3, 5")
    wait_output(page, "plane")
    page.click("#plane [data-ai45-action=link]")
    link = page.evaluate("navigator.clipboard.readText()")
    assert re.search(r"plane\.capability=1,(%20|\+)2", link), link
    for target in (link, link.replace("/law/", "/zh/law/")):
        fresh = page.context.new_page()
        fresh.goto(target)
        wait_live(fresh, "#plane")
        wait_output(fresh, "plane")
        assert fresh.input_value("#plane-capability") == "1, 2, 3"
        # atan2(4, 2) on the index scale: (5-1)/1 over (3-1)/1 → 63.43°
        assert fresh.locator("#plane [data-ai45-value='0']").inner_text() == "63.43°"
        fresh.close()


@pytest.mark.parametrize(("prefix", "lang", "words"), [("", "en", "could not start"), ("zh/", "zh", "未能启动")])
def test_blocked_engine_keeps_the_prerendered_output_and_says_so(page: Page, base_url: str, prefix: str,
                                                                lang: str, words: str) -> None:
    page.context.route("**/pyodide.asm.wasm", lambda route: route.abort())
    page.goto(f"{base_url}{prefix}law/")
    before = outputs(page)
    page.wait_for_selector("#plane[data-ai45-state=error]")
    assert words in page.locator("#plane [data-ai45-status]").inner_text()
    assert page.locator("#plane .ai45-retry").is_visible()
    assert outputs(page) == before
    page.watch.clear()  # type: ignore[attr-defined]  # the blocked request and its console line are expected


def test_a_corrupted_wheel_is_refused_and_the_page_keeps_working(page: Page, base_url: str) -> None:
    def corrupt(route: Route) -> None:
        body = route.fetch().body()
        route.fulfill(body=body[:-10] + b"0123456789", content_type="application/octet-stream")

    page.context.route(re.compile(r".*/ai45core-[^/]*\.whl$"), corrupt)
    page.goto(f"{base_url}law/")
    before = outputs(page)
    page.wait_for_selector("#plane[data-ai45-state=error]")
    assert outputs(page) == before
    page.watch.clear()  # type: ignore[attr-defined]


def test_instant_navigation_reuses_one_engine(page: Page, base_url: str, served: list[str]) -> None:
    page.goto(base_url)
    wait_live(page)
    page.locator(".md-content a[href$='/law/']").first.click()
    page.wait_for_url("**/law/")
    wait_live(page)
    assert page.evaluate("window.__ai45.stats.starts") == 1
    assert sum(path.endswith("/pyodide.asm.wasm") for path in served) == 1, "\n".join(served)
    assert sum(path.endswith("/worker.js") for path in served) == 1


def test_a_value_changed_before_its_widget_woke_is_computed(page: Page, base_url: str) -> None:
    """A form value that changed before its widget was hydrated (the browser restoring a form, autofill, a
    script) is computed when the widget wakes, not left beside the pre-rendered output of the old value."""
    # When the page is parsed, before any of the site's scripts run (as a browser restores a form); no event.
    page.add_init_script("document.addEventListener('readystatechange', () => {"
                         " if (document.readyState === 'interactive')"
                         " document.getElementById('plane2-scale').value = 'log'; })")
    page.goto(f"{base_url}law/")
    assert page.input_value("#plane2-scale") == "log"
    wait_until(page, "() => document.querySelector(\"#plane2 [data-ai45-value='0']\").textContent === '45.00°'")


def test_text_only_pages_never_start_the_engine(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}speech/")
    # Settled: loaded, and the browser has been idle since (a widget page would have started its engine by now).
    wait_until(page, "() => document.readyState === 'complete'")
    page.evaluate("() => new Promise(r => requestIdleCallback(() => requestIdleCallback(r)))")
    assert page.evaluate("window.__ai45.engineStatus()") == "idle"
    assert not [u for u in page.watch.requests if "pyodide" in u]  # type: ignore[attr-defined]


@pytest.mark.parametrize(("prefix", "lang"), LANGS)
def test_the_language_switcher_lands_on_the_same_page_with_its_state(page: Page, base_url: str, prefix: str,
                                                                    lang: str) -> None:
    page.goto(f"{base_url}{prefix}law/?plane.scale=log#scale-dependence")
    other = "zh" if lang == "en" else "en"
    page.locator(".md-header__option .md-select").hover()
    page.click(f"a.md-select__link[hreflang={other}]")
    page.wait_for_load_state()
    expected = f"{base_url}{'zh/' if other == 'zh' else ''}law/?plane.scale=log#scale-dependence"
    assert page.url == expected
    assert page.input_value("#plane-scale") == "log"


def test_hostile_url_state_is_refused_with_a_notice(page: Page, base_url: str) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(f"{base_url}law/?plane.scale=%3Cscript%3Ealert(1)%3C/script%3E&plane.capability=javascript:alert(1)"
              "&plane.labels=%3Cimg%20src=x%20onerror=alert(1)%3E&plane.safety=%E0%A4%A&plane.tolerance_deg="
              + "9" * 30000 + "&plane.onclick=alert(1)")
    wait_live(page, "#plane")
    wait_until(page, "() => document.querySelector('#plane [data-ai45-status]').textContent.includes('not used')")
    status = page.locator("#plane [data-ai45-status]").inner_text()
    assert "not used" in status
    for name in ("plane.scale", "plane.capability", "plane.labels", "plane.safety", "plane.tolerance_deg",
                 "plane.onclick"):
        assert name in status
    assert dialogs == []
    assert page.locator("img[src=x], script:text('alert')").count() == 0
    assert page.input_value("#plane-scale") == "index"


@pytest.mark.parametrize(("prefix", "lang", "message"), [("", "en", "must be a number"), ("zh/", "zh", "必须是数字")])
def test_bad_input_is_explained_next_to_the_field_and_nothing_typed_is_lost(page: Page, base_url: str, prefix: str,
                                                                          lang: str, message: str) -> None:
    page.goto(f"{base_url}{prefix}law/")
    wait_live(page, "#plane")
    before = outputs(page)["plane"]
    page.fill("#plane-capability", "10, 20, forty")
    wait_output(page, "plane")
    error = page.locator("[data-ai45-error-for=capability]").first
    assert message in error.inner_text()
    assert page.get_attribute("#plane-capability", "aria-invalid") == "true"
    assert page.input_value("#plane-capability") == "10, 20, forty"
    assert outputs(page)["plane"] == before
    page.fill("#plane-capability", "10, 20, 40")
    wait_output(page, "plane")
    assert error.is_hidden()


def test_values_typed_before_the_engine_is_ready_are_kept_and_computed(page: Page, base_url: str) -> None:
    # Hold the runtime back so the reader types while the engine is still loading.
    held: list[Route] = []
    page.context.route("**/pyodide.asm.wasm", lambda route: held.append(route))
    page.goto(f"{base_url}law/")
    page.wait_for_function("() => document.getElementById('plane').dataset.ai45State === 'loading'")
    page.fill("#plane-capability", "1, 2, 3")
    page.fill("#plane-safety", "1, 3, 5")
    assert page.locator("#plane [data-ai45-output]").get_attribute("aria-busy") == "true"
    while not held:
        page.wait_for_timeout(50)
    for route in held:
        route.continue_()
    page.context.unroute("**/pyodide.asm.wasm")
    wait_output(page, "plane", timeout=30_000)
    assert page.input_value("#plane-capability") == "1, 2, 3"
    # index scale: ΔC′ = 3 − 1 = 2, ΔS′ = 5 − 1 = 4 → atan2(4, 2) = 63.43°
    assert page.locator("#plane [data-ai45-value='0']").inner_text() == "63.43°"
