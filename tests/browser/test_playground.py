"""The Python playground in Chromium, in both languages: the DOM contract and its states, the starter examples
against the widgets' own figures, the keyboard, runs that never end or end Python itself, isolation from the
widgets across instant navigation, #code= links (Chinese and emoji, across the language switch, malformed),
the editor downloaded by this page only, and the page without JavaScript."""

from __future__ import annotations

import base64
import re
from html import unescape
from pathlib import Path

import pytest
from ai45widgets.examples import EXAMPLES
from ai45widgets.playground import MAX_CODE, PAGE_UI
from playwright.sync_api import Browser, Page

from tests.widgets.test_playground import shows_figure

from .conftest import wait_live, wait_output, wait_until
from .test_site import axe, overflow_at

PREFIX = {"en": "", "zh": "zh/"}
LANGS = list(PREFIX)
PHONE = {"width": 360, "height": 740}
CJK = re.compile(r"[\u4e00-\u9fff]")
FINISHED = "() => ['done', 'error'].includes(document.querySelector('[data-ai45-console]').dataset.ai45State)"
RECORD_STATES = """() => {
  const c = document.querySelector('[data-ai45-console]');
  window.__states = [];
  window.__stateObserver?.disconnect();
  window.__stateObserver = new MutationObserver(() => window.__states.push(c.dataset.ai45State));
  window.__stateObserver.observe(c, {attributes: true, attributeFilter: ['data-ai45-state']});
}"""


@pytest.fixture(autouse=True)
def _desktop(page: Page) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})  # the navigation sidebar shows from 1220 px


def ui(lang: str, key: str) -> str:
    return PAGE_UI[key][lang]


def open_playground(page: Page, base_url: str, lang: str, fragment: str = "") -> None:
    page.goto(f"{base_url}{PREFIX[lang]}playground/{fragment}")
    page.wait_for_selector("[data-ai45-playground] .cm-content")
    page.wait_for_function("() => !document.querySelector('[data-ai45-run]').disabled")


def code_in_editor(page: Page) -> str:
    return page.input_value("textarea[data-ai45-code]")  # the hidden text box follows the editor


def set_code(page: Page, code: str) -> None:
    page.click("[data-ai45-playground] .cm-content")
    page.keyboard.press("Control+A")
    page.keyboard.insert_text(code)
    assert code_in_editor(page) == code


def run(page: Page, *, key: str | None = None, timeout: float = 60_000) -> str:
    """Run the code (button, or a key in the editor); the console's final state."""
    page.evaluate(RECORD_STATES)
    if key:
        page.click("[data-ai45-playground] .cm-content")
        page.keyboard.press(key)
    else:
        page.click("[data-ai45-run]")
    wait_until(page, "() => window.__states.includes('running')", timeout=5_000)
    wait_until(page, FINISHED, timeout=timeout)
    return str(page.eval_on_selector("[data-ai45-console]", "c => c.dataset.ai45State"))


def printed(page: Page) -> str:
    texts = page.locator("[data-ai45-console] pre.ai45-console-text").all_inner_texts()
    return texts[0] if texts else ""


def engine_ready(page: Page, starts: int = 1) -> None:
    wait_until(page, "n => window.__ai45.stats.starts >= n && window.__ai45.engineStatus() === 'ready'",
               arg=starts, timeout=60_000)


def to_law_page(page: Page, base_url: str, lang: str) -> None:
    """Instant navigation to the 45° law page (the tab, and its engine, stay)."""
    page.evaluate("() => { window.__marker = 'same tab'; }")
    page.click(".md-nav--primary a.md-nav__link[href$='law/']")
    page.wait_for_url(f"{base_url}{PREFIX[lang]}law/")
    wait_live(page, "#plane")
    assert page.evaluate("() => window.__marker") == "same tab", "expected instant navigation, got a full load"


def law_plane_computes(page: Page, lang: str) -> None:
    """The first plane widget recomputes in the engine: 10, 20, 40 against 1, 2, 4 doubles alike, 45° on the index."""
    page.fill("#plane-safety", "1, 2, 4")
    wait_output(page, "plane", timeout=60_000)
    assert page.locator("#plane [data-ai45-value='0']").inner_text() == "45.00°"
    assert page.locator("#plane [data-ai45-value='1']").inner_text() == ("平衡" if lang == "zh" else "balanced")


def b64url(code: str) -> str:
    """RFC 4648 §5 without padding, by Python's own encoder."""
    return base64.urlsafe_b64encode(code.encode("utf-8")).rstrip(b"=").decode("ascii")


# ------------------------------------------------------------------------------------------ contract and states

@pytest.mark.parametrize("lang", LANGS)
def test_dom_contract_and_state_transitions(page: Page, base_url: str, lang: str) -> None:
    open_playground(page, base_url, lang)
    root = page.locator("[data-ai45-playground]")
    assert root.count() == 1
    assert page.get_attribute("[data-ai45-console]", "data-ai45-state") == "idle"
    assert code_in_editor(page) == EXAMPLES["plane"].code(lang)
    # The editor is labelled, in the page's language.
    label_id = page.get_attribute(".cm-content", "aria-labelledby")
    assert label_id and page.inner_text(f"#{label_id}") == ui(lang, "code")
    assert page.get_attribute(".cm-content", "role") == "textbox"
    assert page.inner_text("[data-ai45-run]") == ui(lang, "run")

    assert run(page) == "done"
    assert page.evaluate("() => window.__states") == ["running", "done"]
    assert "45.00°" in printed(page) and page.locator("[data-ai45-console] svg.ai45-chart:visible").count() == 1
    assert page.locator("[data-ai45-console] table").count() == 1
    assert page.inner_text("[data-ai45-message]") == ui(lang, "done")

    set_code(page, "print('before')\n1 / 0")
    assert run(page) == "error"
    assert page.evaluate("() => window.__states") == ["running", "error"]
    assert printed(page) == "before\n"
    assert "ZeroDivisionError" in page.inner_text(".ai45-console-error")

    set_code(page, "from ai45core.plane import balance\nbalance([1, 2, 4], [1, 2])")
    assert run(page) == "error"
    explanation = page.inner_text(".ai45-console-explanation")
    assert "safety" in explanation and bool(CJK.search(explanation)) == (lang == "zh")

    page.evaluate(RECORD_STATES)
    page.select_option("[data-ai45-example]", "zones")  # the reader's code goes, with a way back
    assert page.evaluate("() => window.__states") == ["idle"]
    assert code_in_editor(page) == EXAMPLES["zones"].code(lang)
    assert page.inner_text("[data-ai45-message]") == ui(lang, "example_loaded")
    page.click("[data-ai45-playground] .cm-content")
    page.keyboard.press("Control+Z")
    assert code_in_editor(page).startswith("from ai45core.plane import balance")


@pytest.mark.parametrize("lang", LANGS)
def test_printed_text_is_text_never_markup(page: Page, base_url: str, lang: str) -> None:
    open_playground(page, base_url, lang)
    set_code(page, "print('<img src=x onerror=alert(1)>')\n{'<b>key</b>': '<script>alert(2)</script>'}")
    assert run(page) == "done"
    assert printed(page) == "<img src=x onerror=alert(1)>\n"
    assert page.locator("[data-ai45-console] img, [data-ai45-console] script, [data-ai45-console] b").count() == 0
    assert "<b>key</b>" in page.inner_text("[data-ai45-console] table")


# ------------------------------------------------------------------------------------------------------ examples

def widget_figures(site: Path, lang: str, page_name: str, key: str) -> list[str]:
    """The figures the widget ``key`` shows on its page (pre-rendered by the build, what readers first see)."""
    html = (site / f"{PREFIX[lang]}{page_name}" / "index.html").read_text(encoding="utf-8")
    for part in html.split('data-ai45-key="')[1:]:
        if part.split('"', 1)[0] == key:
            return [unescape(re.sub(r"<[^>]+>", "", dd)).strip()
                    for dd in re.findall(r'<dd data-ai45-value="\d+">(.*?)</dd>', part, re.S)]
    raise AssertionError(f"no widget {key} on {lang}:{page_name}")


@pytest.mark.parametrize("lang", LANGS)
def test_each_starter_example_gives_the_widgets_figures(page: Page, base_url: str, site: Path, lang: str) -> None:
    open_playground(page, base_url, lang)
    options = page.eval_on_selector_all("[data-ai45-example] option", "os => os.map(o => o.value)")
    assert options == list(EXAMPLES)
    for example in EXAMPLES.values():
        page.select_option("[data-ai45-example]", example.id)
        assert code_in_editor(page) == example.code(lang)
        state = run(page)
        output = printed(page)
        if example.shows:
            assert state == "done", (example.id, page.inner_text("[data-ai45-console]"))
            for shown in example.shows:
                figures = widget_figures(site, lang, shown.page, shown.key)
                assert figures and all(shows_figure(output, f) for f in figures), (example.id, shown.key, figures,
                                                                                  output)
            assert page.locator("[data-ai45-console] svg.ai45-chart:visible").count() == 1, example.id
        elif example.expected:
            assert state == "done" and output.splitlines() == list(example.expected), (example.id, output)
        else:  # the example of an error
            assert state == "error"
            assert bool(CJK.search(page.inner_text(".ai45-console-explanation"))) == (lang == "zh")


@pytest.mark.parametrize("lang", LANGS)
def test_ctrl_enter_runs_from_the_editor(page: Page, base_url: str, lang: str) -> None:
    open_playground(page, base_url, lang)
    set_code(page, "print(6 * 7)")
    assert run(page, key="Control+Enter") == "done"
    assert printed(page) == "42\n"
    assert code_in_editor(page) == "print(6 * 7)"  # the key ran the code; it did not add a line


# ----------------------------------------------------------------------------------- runs that stop or crash

@pytest.mark.parametrize("lang", LANGS)
def test_an_endless_loop_is_stopped_and_the_engine_comes_back(page: Page, base_url: str, lang: str) -> None:
    open_playground(page, base_url, lang)
    engine_ready(page)
    set_code(page, "while True:\n    pass")
    page.evaluate(RECORD_STATES)
    page.click("[data-ai45-run]")
    wait_until(page, "() => window.__states.includes('running')", timeout=5_000)
    # The page stays responsive while Python is busy in its worker: the editor takes typing at once.
    page.click("[data-ai45-playground] .cm-content")
    page.keyboard.press("Control+End")
    page.keyboard.insert_text("\n# typed during the run")
    assert code_in_editor(page).endswith("# typed during the run")
    assert page.get_attribute("[data-ai45-console]", "data-ai45-state") == "running"
    wait_until(page, FINISHED, timeout=60_000)
    assert page.get_attribute("[data-ai45-console]", "data-ai45-state") == "error"
    assert page.inner_text("[data-ai45-message]") == ui(lang, "timeout")
    assert ui(lang, "timeout") in page.inner_text("[data-ai45-console]")
    assert code_in_editor(page).startswith("while True:")  # the code stays
    engine_ready(page, starts=2)  # a new engine
    set_code(page, "print('again')")
    assert run(page) == "done" and printed(page) == "again\n"
    to_law_page(page, base_url, lang)
    law_plane_computes(page, lang)  # a widget on another page still computes
    assert page.evaluate("() => window.__ai45.stats.starts") == 2


@pytest.mark.parametrize("lang", LANGS)
def test_code_that_ends_python_itself_leaves_a_working_engine(page: Page, base_url: str, lang: str) -> None:
    open_playground(page, base_url, lang)
    set_code(page, "import os\nos._exit(1)")
    assert run(page) == "error"
    assert page.inner_text("[data-ai45-message]") == ui(lang, "crashed")
    engine_ready(page, starts=2)
    set_code(page, "import ai45core\nprint(ai45core.compute('plane', {'capability': [10, 20, 40], "
                   "'safety': [5, 10, 20], 'scale': 'raw'})['angle_deg'])")
    assert run(page) == "done"
    assert printed(page).startswith("26.56")  # atan(15 / 30)
    to_law_page(page, base_url, lang)
    law_plane_computes(page, lang)


@pytest.mark.parametrize("lang", LANGS)
def test_deep_recursion_is_an_error_not_a_crash(page: Page, base_url: str, lang: str) -> None:
    open_playground(page, base_url, lang)
    set_code(page, "def f(n):\n    return f(n + 1)\n\nf(0)")
    assert run(page) == "error"
    assert "RecursionError" in page.inner_text(".ai45-console-error")
    set_code(page, "def f(n):\n    return g(n)\n\ndef g(n):\n    return f(n)\n\nf(0)")
    assert run(page) == "error"
    assert "RecursionError" in page.inner_text(".ai45-console-error")
    assert page.evaluate("() => window.__ai45.stats.starts") == 1  # Python reported it; nothing crashed


# --------------------------------------------------------------------------------------------------- isolation

PATCH = """\
import math
import ai45widgets
from ai45core import plane
math.atan2 = lambda y, x: 0.0
plane.VERDICT_LABELS["balanced"]["en"] = plane.VERDICT_LABELS["balanced"]["zh"] = "HACKED"
plane.balance.__kwdefaults__["scale"] = "raw"
ai45widgets.VIEWS["plane"].defaults["scale"] = "log"
print(plane.balance([10, 20, 40], [5, 10, 20], scale="index").angle_deg)
print(plane.VERDICT_LABELS["balanced"]["en"])
"""


@pytest.mark.parametrize("lang", LANGS)
def test_monkey_patching_in_the_playground_leaves_the_widgets_unchanged(page: Page, base_url: str,
                                                                       lang: str) -> None:
    open_playground(page, base_url, lang)
    set_code(page, PATCH)
    assert run(page) == "done"
    assert printed(page) == "0.0\nHACKED\n"  # the patches did take effect in the playground's own run
    to_law_page(page, base_url, lang)
    law_plane_computes(page, lang)
    page.select_option("#plane2-scale", "log")  # a second widget, another scale: ln 4 / ln 4 → 45°
    wait_until(page, "() => document.querySelector(\"#plane2 [data-ai45-value='0']\").textContent === '45.00°'")
    assert "HACKED" not in page.inner_text(".md-content")


# ----------------------------------------------------------------------------------------------------- links

CODE = 'print("能力与安全：⚖️ 平衡 😀")\nprint(len("😀"), "→", 1 + 1)'


@pytest.mark.parametrize("lang", LANGS)
def test_a_code_link_round_trips_chinese_and_emoji_and_never_runs_by_itself(browser: Browser, base_url: str,
                                                                           lang: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url.rstrip("/"))
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    try:
        open_playground(page, base_url, lang)
        set_code(page, CODE)
        page.click("[data-ai45-copy-link]")
        wait_until(page, "t => document.querySelector('[data-ai45-message]').textContent === t",
                   arg=ui(lang, "copied"))
        link = page.evaluate("() => navigator.clipboard.readText()")
        assert link == f"{base_url}{PREFIX[lang]}playground/#code={b64url(CODE)}"
        assert page.url == link  # the address carries the code too

        fresh = context.new_page()
        fresh.on("console", lambda m: m.type == "error" and errors.append(m.text))
        open_playground(fresh, base_url, lang, "#code=" + b64url(CODE))
        assert code_in_editor(fresh) == CODE
        assert fresh.inner_text("[data-ai45-message]") == ui(lang, "link_loaded")
        engine_ready(fresh)  # the engine is ready, and still nothing ran
        assert fresh.get_attribute("[data-ai45-console]", "data-ai45-state") == "idle"
        assert fresh.locator("[data-ai45-console] pre").count() == 0
        assert run(fresh) == "done"
        assert printed(fresh) == "能力与安全：⚖️ 平衡 😀\n1 → 2\n"  # one code point, as Python counts it
    finally:
        context.close()
    assert errors == []


def switch_language(page: Page, to: str) -> None:
    page.locator(".md-header__option .md-select").hover()
    link = page.locator(f"a.md-select__link[hreflang={to}]")
    link.wait_for(state="visible")
    link.click()


@pytest.mark.parametrize(("lang", "other"), [("en", "zh"), ("zh", "en")])
def test_a_code_link_survives_the_language_switch(page: Page, base_url: str, lang: str, other: str) -> None:
    open_playground(page, base_url, lang, "#code=" + b64url(CODE))
    switch_language(page, other)
    page.wait_for_url(f"{base_url}{PREFIX[other]}playground/#code={b64url(CODE)}")
    page.wait_for_function("() => !document.querySelector('[data-ai45-run]').disabled")
    assert code_in_editor(page) == CODE
    assert page.inner_text("[data-ai45-message]") == ui(other, "link_loaded")
    # Code typed just before switching goes along too (the address is brought up to date first).
    edited = "print('改过的代码 / edited')"
    set_code(page, edited)
    switch_language(page, lang)
    page.wait_for_url(f"{base_url}{PREFIX[lang]}playground/#code={b64url(edited)}")
    page.wait_for_function("() => !document.querySelector('[data-ai45-run]').disabled")
    assert code_in_editor(page) == edited


MALFORMED = {
    "bad_base64": "#code=%%%",
    "bad_utf8": "#code=_w",  # the byte 0xFF
    "empty": "#code=",
    "link_huge": "#code=" + b64url("x" * (MAX_CODE + 1)),
    "link_huge_unread": "#code=" + "QUFB" * 70_000,
}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("case", list(MALFORMED))
def test_a_malformed_code_link_says_so_and_keeps_the_example(page: Page, base_url: str, lang: str,
                                                             case: str) -> None:
    open_playground(page, base_url, lang, MALFORMED[case])
    reason = ui(lang, case.removesuffix("_unread")).replace("{n}", f"{MAX_CODE:,}")
    message = page.inner_text("[data-ai45-message]")
    assert ui(lang, "link_bad").split("（" if lang == "zh" else " (")[0] in message
    assert reason in message, message
    assert code_in_editor(page) == EXAMPLES["plane"].code(lang)
    assert page.get_attribute("[data-ai45-console]", "data-ai45-state") == "idle"
    assert run(page) == "done"  # the example still runs


# ------------------------------------------------------------------------------------ loading, no script, a11y

def kept(site: Path, path: str) -> set[str]:
    """The scripts a page asks the service worker to keep (its island's list)."""
    html = (site / path / "index.html").read_text(encoding="utf-8")
    return set(re.findall(r'"(assets/ai45/ui-[0-9a-f]+/[^"]+\.js)"', html))


def editor_chunk(site: Path) -> str:
    """CodeMirror's chunk: the largest of the scripts that only the playground page keeps."""
    return max(kept(site, "playground") - kept(site, "law"), key=lambda f: (site / f).stat().st_size)


def test_the_editor_is_downloaded_by_the_playground_page_only(page: Page, base_url: str, site: Path) -> None:
    editor = kept(site, "playground") - kept(site, "law")
    assert editor, "the playground's chunk is not a file of its own"
    watch = page.watch  # type: ignore[attr-defined]
    page.goto(base_url + "law/")
    wait_live(page)
    assert not [u for u in watch.requests if any(u.endswith(f) for f in editor)]
    page.click(".md-nav--primary a.md-nav__link[href$='playground/']")
    page.wait_for_selector("[data-ai45-playground] .cm-content")
    assert [u for u in watch.requests if any(u.endswith(f) for f in editor)]


@pytest.mark.parametrize("lang", LANGS)
def test_the_text_box_is_the_editor_until_the_reader_reaches_for_the_code(browser: Browser, base_url: str,
                                                                          site: Path, lang: str) -> None:
    """CodeMirror is not loaded with the page (its start is a long task): without an engine to wait for, it comes
    only when the reader focuses the code, and the swap keeps what was typed, the caret and the focus."""
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    chunk = editor_chunk(site)
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url) if r.url.endswith(chunk) else None)
    context.route("**/assets/pyodide/**", lambda route: route.abort())  # no engine: it never becomes ready
    try:
        page.goto(f"{base_url}{PREFIX[lang]}playground/")
        page.wait_for_function("() => !document.querySelector('[data-ai45-run]').disabled")
        wait_until(page, "() => window.__ai45.engineStatus() === 'failed'")
        page.wait_for_timeout(1000)
        assert page.locator(".cm-editor").count() == 0 and requested == []
        box = page.locator("textarea[data-ai45-code]")
        example = EXAMPLES["plane"].code(lang)
        assert box.is_visible() and box.input_value() == example
        box.evaluate("t => t.setSelectionRange(2, 2)")
        box.focus()
        page.keyboard.insert_text("AB")  # before or after the swap: it must land at the caret either way
        page.wait_for_selector("[data-ai45-playground] .cm-content")
        assert requested, "the editor's chunk was not downloaded when the code was focused"
        assert page.evaluate("() => document.activeElement.closest('.cm-content') !== null")
        assert not box.is_visible()
        page.keyboard.insert_text("Z")
        assert box.input_value() == example[:2] + "ABZ" + example[2:]
        assert errors == []
    finally:
        context.close()


def test_an_input_method_composing_in_the_text_box_is_not_interrupted(browser: Browser, base_url: str,
                                                                       site: Path) -> None:
    """A reader typing pinyin in the text box keeps it until the composition ends; then the editor comes."""
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    context.route("**/assets/pyodide/**", lambda route: route.abort())
    try:
        page.goto(f"{base_url}zh/playground/")
        page.wait_for_function("() => !document.querySelector('[data-ai45-run]').disabled")
        box = page.locator("textarea[data-ai45-code]")
        with page.expect_response(lambda r: r.url.endswith(editor_chunk(site))):
            box.evaluate("t => { t.dispatchEvent(new CompositionEvent('compositionstart', {data: ''})); t.focus(); }")
        page.wait_for_timeout(500)
        assert page.locator(".cm-editor").count() == 0 and box.is_visible()
        box.evaluate("t => t.dispatchEvent(new CompositionEvent('compositionend', {data: '安全'}))")
        page.wait_for_selector("[data-ai45-playground] .cm-content")
    finally:
        context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_without_the_editor_the_text_box_runs_and_shares_code(browser: Browser, base_url: str, site: Path,
                                                               lang: str) -> None:
    """Offline before the editor was ever downloaded: the text box is the editor, and everything works."""
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    context.route(f"**/{editor_chunk(site)}", lambda route: route.abort())
    try:
        page.goto(f"{base_url}{PREFIX[lang]}playground/")
        engine_ready(page)
        box = page.locator("textarea[data-ai45-code]")
        box.fill("print(6 * 7)")
        wait_until(page, "h => location.hash === h", arg="#code=" + b64url("print(6 * 7)"))
        page.evaluate(RECORD_STATES)
        box.press("Control+Enter")
        wait_until(page, FINISHED, timeout=60_000)
        assert page.get_attribute("[data-ai45-console]", "data-ai45-state") == "done"
        assert printed(page) == "42\n" and box.input_value() == "print(6 * 7)"
        page.select_option("[data-ai45-example]", "ladder")
        assert box.input_value() == EXAMPLES["ladder"].code(lang) and box.is_visible()
        assert page.locator(".cm-editor").count() == 0 and errors == []
    finally:
        context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_without_javascript_the_code_is_readable(browser: Browser, base_url: str, lang: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{base_url}{PREFIX[lang]}playground/")
        box = page.locator("textarea[data-ai45-code]")
        assert box.is_visible() and box.input_value() == EXAMPLES["plane"].code(lang)
        assert page.locator("[data-ai45-run]").is_disabled()
        assert ui(lang, "nojs") in page.inner_text("[data-ai45-playground]")
        lines = EXAMPLES["plane"].code(lang).count("\n") + 1
        assert int(box.get_attribute("rows") or 0) >= lines  # no scrolling needed to read or print it
    finally:
        context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_the_playground_after_a_run_is_accessible_and_fits_a_phone(page: Page, base_url: str, lang: str) -> None:
    open_playground(page, base_url, lang)
    assert run(page) == "done"
    assert axe(page, f"{lang}:playground after a run") == []
    assert overflow_at(page, PHONE) == []  # type: ignore[arg-type]
    page.set_viewport_size(PHONE)  # type: ignore[arg-type]
    box = page.locator("[data-ai45-playground] .cm-editor").bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    # The widget's phone layout of the chart, as on the widget's own page.
    wait_until(page, "() => [...document.querySelectorAll('[data-ai45-console] svg.ai45-chart')]"
                     ".filter(s => s.getClientRects().length)"
                     ".map(s => s.classList.contains('ai45-narrow')).join() === 'true'")
