"""Site-wide quality gate: every page of the navigation, in both languages, in a real browser.

Each page is loaded once (in a context whose reader prefers dark mode) and then checked in turn: it loads
cleanly with its widgets live, axe-core finds no WCAG 2.0/2.1 A or AA violation in dark and then light mode,
it prints without navigation or controls, nothing is wider than a 360 px phone, and the language switcher
lands on the same page in the other language. (pytest runs all the checks of one page before loading the
next: the ``loaded`` fixture is module-scoped and parametrized.) Then, across the site: search in each
language, instant navigation through every page in order with one Python engine, hostile addresses and a
broken engine on every widget page.

Every page is watched as in ``conftest.page``: a console error, an uncaught exception, a failed request or a
request to another host fails the check that caused it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal
from urllib.parse import quote

import pytest
import yaml
from ai45widgets import VIEWS
from ai45widgets.ui import UI
from playwright.sync_api import Browser, BrowserContext, Dialog, Locator, Page, Route, ViewportSize

from .conftest import GATE, Watch, wait_live, watch_page

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
AXE_SOURCE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
DESKTOP: ViewportSize = {"width": 1280, "height": 900}  # both sidebars show (Material: from 1220 px)
PHONE: ViewportSize = {"width": 360, "height": 740}
LANGS = {"en": "", "zh": "zh/"}
OTHER = {"en": "zh", "zh": "en"}
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

MATERIAL_EXCEPTIONS: dict[str, tuple[str, str]] = {}
"""axe rule id → (CSS selector of the one element concerned, why it cannot be fixed here). Only for findings
in Material's own markup or styles that the site cannot override; each is reported in the session summary.
Empty: everything axe found so far was fixable in widgets/ai45.css or overrides/."""


class _Loader(yaml.SafeLoader):
    pass


_Loader.add_constructor("!ENV", lambda loader, node: None)


def nav_sources() -> list[str]:
    """The Markdown files of the navigation, in order (mkdocs.yml)."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    return [next(iter(item.values())) for item in config["nav"]]


def page_path(source: str) -> str:
    """Site-relative URL of a page: index.md → "", law.md → "law/"."""
    stem = source.removesuffix(".md")
    return "" if stem == "index" else stem + "/"


def widget_names(source: str) -> list[str]:
    """The widgets embedded in a page, in page order (its ```ai45 NAME blocks; exercises and playgrounds are not
    widgets)."""
    text = (DOCS / source).read_text(encoding="utf-8")
    return re.findall(r"^```ai45[ \t]+(?!(?:exercise|playground)\b)(\w+)", text, re.M)


NAV = [page_path(s) for s in nav_sources()]
WIDGET_PAGES = [page_path(s) for s in nav_sources() if widget_names(s)]
PAGES = [(lang, path) for lang in LANGS for path in NAV]
# What readers are told, in each language: the widgets' own interface strings, up to their first placeholder.
NOTICE = {lang: re.split(r"[:：]?\s*\{", UI["url_ignored"][lang])[0] for lang in LANGS}
ENGINE_FAILED = {lang: re.split(r"\s*[(（]?\{", UI["failed"][lang])[0] for lang in LANGS}


def page_id(case: tuple[str, str]) -> str:
    lang, path = case
    return f"{lang}:{path.strip('/') or 'home'}"


# --- Helpers shared with test_a11y.py --------------------------------------------------------------------


def axe(page: Page, label: str) -> list[str]:
    """Run axe-core (WCAG 2.0/2.1 A + AA) on the page; the violations as readable lines ([] when clean).

    The page's Content-Security-Policy allows only its own hashed scripts, so axe is not added as a
    <script>: ``page.evaluate`` runs it through the DevTools protocol, which CSP does not govern.
    """
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE_SOURCE.read_text(encoding="utf-8"))
    found: list[dict[str, Any]] = page.evaluate(
        """tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})
             .then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
               nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary}))})))""", WCAG)
    GATE["axe_runs"] += 1
    lines = []
    for violation in found:
        nodes = violation["nodes"]
        allowed = MATERIAL_EXCEPTIONS.get(violation["id"])
        if allowed:
            kept = [n for n in nodes if n["target"] != allowed[0]]
            if len(kept) < len(nodes):
                GATE["axe_excluded"][violation["id"]] = allowed[1]
            nodes = kept
        if not nodes:
            continue
        GATE["axe_violations"][violation["id"]] = GATE["axe_violations"].get(violation["id"], 0) + len(nodes)
        for node in nodes[:5]:
            summary = " ".join(node["summary"].split())[:240]
            lines.append(f"{label}: {violation['id']} ({violation['impact']}) {node['target']}: {summary}")
        if len(nodes) > 5:
            lines.append(f"{label}: {violation['id']}: … and {len(nodes) - 5} more")
    return lines


def widget(page: Page, key: str) -> Locator:
    """A widget by its key. (Not by id: a heading of the page may carry the same id, see test_ids_are_unique.)"""
    return page.locator(f'[data-ai45-key="{key}"]')


def wait_result(page: Page, key: str, timeout: float = 15_000) -> None:
    """Wait until the widget ``key`` is live and has finished recomputing."""
    page.wait_for_function(
        "key => { const w = document.querySelector(`[data-ai45-key=\"${key}\"]`);"
        " const o = w && w.querySelector('[data-ai45-output]');"
        " return !!o && w.dataset.ai45State === 'live' && !o.hasAttribute('aria-busy'); }", arg=key, timeout=timeout)


FORGET_PALETTE = ("try { for (const k of Object.keys(localStorage))"
                  " if (k.endsWith('__palette')) localStorage.removeItem(k); } catch (e) {}")
"""Run before every document: Material remembers a palette chosen with its toggle; each page of the gate is
checked as a first-time reader sees it, following prefers-color-scheme."""


def reader_context(browser: Browser, colour_scheme: Literal["light", "dark"]) -> BrowserContext:
    """A context for a reader who prefers ``colour_scheme`` and has never chosen a palette on this site."""
    context = browser.new_context(viewport=DESKTOP, color_scheme=colour_scheme, service_workers="block")
    context.add_init_script(FORGET_PALETTE)
    return context


def scheme(page: Page) -> str | None:
    return page.evaluate("() => document.body.getAttribute('data-md-color-scheme')")


def choose_scheme(page: Page, name: str) -> None:
    """Switch Material's palette to ``name`` ("default" or "slate") the way a reader does: its toggle in the
    header, or on embed pages (no visible header) the same hidden radio button."""
    index = page.evaluate("name => [...document.querySelectorAll('input.md-option')]"
                          ".findIndex(i => i.dataset.mdColorScheme === name)", name)
    assert index >= 0, f"no palette option for {name}"
    toggle = page.locator(f"label[for=__palette_{index}]")
    if toggle.count() and toggle.first.is_visible():
        toggle.first.click()
    else:
        page.evaluate("i => document.getElementById('__palette_' + i).click()", index)
    page.wait_for_function("name => document.body.getAttribute('data-md-color-scheme') === name", arg=name)


OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  // A wide element is fine inside a container that scrolls or clips it (Material's table wrapper, ours).
  const contained = (el) => {
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement)
      if (getComputedStyle(a).overflowX !== 'visible') return true;
    return false;
  };
  const wide = [];
  for (const el of document.querySelectorAll('.md-content *')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    if ((r.right > width + 1 || r.left < -1) && !contained(el)) {
      const cls = typeof el.className === 'string' ? el.className : el.getAttribute('class') || '';
      wide.push(`${el.tagName.toLowerCase()}.${cls.trim().replace(/\\s+/g, '.')} `
                + `[${Math.round(r.left)}..${Math.round(r.right)}] "${el.textContent.trim().slice(0, 50)}"`);
    }
  }
  return {scrollWidth: document.documentElement.scrollWidth, width, wide: wide.slice(0, 10)};
}"""


def evaluate_at(page: Page, size: ViewportSize, script: str) -> Any:
    """Evaluate ``script`` with the viewport at ``size`` (after two frames); the old size is restored."""
    old = page.viewport_size
    page.set_viewport_size(size)
    try:
        page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        return page.evaluate(script)
    finally:
        if old:
            page.set_viewport_size(old)


def overflow_at(page: Page, size: ViewportSize) -> list[str]:
    """Resize to ``size`` and list what sticks out sideways ([] when nothing does); the old size is restored."""
    found = evaluate_at(page, size, OVERFLOW)
    problems = list(found["wide"])
    if found["scrollWidth"] > size["width"]:
        problems.insert(0, f"document is {found['scrollWidth']} px wide at {size['width']} px")
    return problems


VISIBLE = "el => !!el && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden'"


def print_problems(page: Page) -> list[str]:
    """In print media: no navigation or widget controls; every widget output with its figures and chart."""
    page.emulate_media(media="print")
    try:
        problems = []
        for selector in (".md-header", ".md-sidebar", ".md-footer", ".md-tabs", ".md-top"):
            loc = page.locator(selector)
            problems += [f"{selector} is printed" for i in range(loc.count()) if loc.nth(i).is_visible()]
        report = page.evaluate(f"""() => {{
          const visible = {VISIBLE};
          return [...document.querySelectorAll('[data-ai45-widget]')].map(w => {{
            const out = w.querySelector('[data-ai45-output]');
            return {{key: w.dataset.ai45Key, output: visible(out),
                     figures: [...out.querySelectorAll('.ai45-figures')].some(visible),
                     chart: [...out.querySelectorAll('svg')].some(visible),
                     controls: [...w.querySelectorAll('.ai45-actions, .ai45-presets, .ai45-status, input[type=range]')]
                       .filter(visible).map(e => e.className || e.type)}};
          }});
        }}""")
        for w in report:
            if not (w["output"] and w["figures"] and w["chart"]):
                problems.append(f"#{w['key']}: output {w['output']}, figures {w['figures']}, chart {w['chart']}")
            if w["controls"]:
                problems.append(f"#{w['key']}: controls printed: {w['controls']}")
        return problems
    finally:
        page.emulate_media(media="screen")


@dataclass
class Loaded:
    """A page loaded once for several checks."""

    lang: str
    path: str
    url: str
    page: Page
    watch: Watch

    def mark(self) -> tuple[int, int, int, int]:
        w = self.watch
        return len(w.console_errors), len(w.page_errors), len(w.failed), len(w.offsite)

    def problems_since(self, mark: tuple[int, int, int, int]) -> list[str]:
        w = self.watch
        lists = (("console", w.console_errors), ("exception", w.page_errors), ("failed request", w.failed),
                 ("request to another host", w.offsite))
        return [f"{label}: {item}" for (label, items), start in zip(lists, mark, strict=True) for item in items[start:]]


def open_page(context: BrowserContext, base_url: str, lang: str, path: str, rel: str) -> Loaded:
    """Load ``rel`` in a fresh tab of ``context`` and wait until every widget on it is live."""
    context.unroute("**/*")  # the previous tab's watcher (watch_page routes the whole context)
    page = context.new_page()
    page.set_default_timeout(30_000)
    watch = watch_page(page, base_url)
    page.goto(base_url + rel)
    wait_live(page)
    GATE["pages"].add(f"{lang}:{rel}")
    return Loaded(lang, path, base_url + rel, page, watch)


def close_page(loaded: Loaded) -> None:
    GATE["offsite_blocked"] += len(loaded.watch.offsite)
    GATE["requests"] += len(loaded.watch.requests)
    loaded.page.close()


# --- One load per page, several checks ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def dark_context(browser: Browser) -> Iterator[BrowserContext]:
    """The reader prefers dark mode (the site follows prefers-color-scheme unless the reader picks a palette)."""
    context = reader_context(browser, "dark")
    yield context
    context.close()


@pytest.fixture(scope="module", params=PAGES, ids=page_id)
def loaded(request: pytest.FixtureRequest, dark_context: BrowserContext, base_url: str) -> Iterator[Loaded]:
    lang, path = request.param
    page = open_page(dark_context, base_url, lang, path, LANGS[lang] + path)
    yield page
    close_page(page)


@pytest.fixture
def site_page(loaded: Loaded) -> Iterator[Loaded]:
    """The loaded page; the check fails on anything that went wrong while it ran."""
    mark = loaded.mark()
    yield loaded
    problems = loaded.problems_since(mark)
    assert problems == [], "\n".join(problems)


def test_page_loads_cleanly_with_live_widgets_in_the_readers_colour_scheme(loaded: Loaded) -> None:
    page = loaded.page
    problems = loaded.problems_since((0, 0, 0, 0))
    assert problems == [], "\n".join(problems)
    assert page.evaluate("() => document.documentElement.lang") == loaded.lang
    assert scheme(page) == "slate", "the page does not follow the reader's dark preference"
    # Material switched to the dark scheme as it started, with transitions off (overrides/main.html); back on now.
    assert page.evaluate("() => document.documentElement.hasAttribute('data-ai45-switching')") is False
    widgets = page.locator("[data-ai45-widget]")
    expected = len(widget_names(nav_sources()[NAV.index(loaded.path)]))
    assert widgets.count() == expected
    assert all(w.get_attribute("data-ai45-state") == "live" for w in widgets.all())
    if expected:
        assert page.evaluate("() => window.__ai45.stats.starts") == 1


SWITCH_WATCH = """() => {
  window.__switching = [];
  const link = document.querySelector('article a[href]');
  new MutationObserver(() => window.__switching.push([
    document.documentElement.hasAttribute('data-ai45-switching'), getComputedStyle(link).transitionDuration]))
    .observe(document.documentElement,
    { attributes: true, attributeFilter: ['data-ai45-switching'] });
}"""


def test_switching_colour_scheme_turns_transitions_off_only_while_it_switches(page: Page, base_url: str) -> None:
    """Material's palette rules come from our stylesheet with its transition switch on our attribute
    (widgets/bundle.py): the reader's switch recolours the page at once, then transitions work again."""
    page.goto(base_url + "law/")
    wait_live(page)
    link = "getComputedStyle(document.querySelector('article a[href]')).transitionDuration"
    assert page.evaluate(f"() => {link}") != "0s", "links have a colour transition (Material's typeset)"
    page.evaluate(SWITCH_WATCH)
    choose_scheme(page, "slate")
    page.wait_for_function("() => window.__switching.length === 2")
    during, after = page.evaluate("() => window.__switching")
    assert during == [True, "0s"]
    assert after[0] is False and after[1] != "0s"
    assert page.evaluate("() => getComputedStyle(document.body).backgroundColor") != "rgb(255, 255, 255)"


@pytest.mark.parametrize("path", ["law/", "glossary/"])
def test_material_start_restyles_the_whole_page_only_where_it_must(browser: Browser, base_url: str,
                                                                   path: str) -> None:
    """The longest tasks on a widget page were Material's start restyling all of law/ again and again (a trace:
    README "Performance"): six times, now once or twice (the first style). Gone: the stylesheet links it made
    absolute (overrides/main.html), its transition switch set and removed, the colour-scheme meta it added and
    then set, the tables it moved into their scroll boxes (widgets/bundle.py, widgets/hook.py)."""
    context = browser.new_context(viewport=PHONE, service_workers="block")
    page = context.new_page()
    browser.start_tracing(page=page, categories=["devtools.timeline", "disabled-by-default-devtools.timeline.stack"])
    try:
        page.goto(base_url + path)
        wait_live(page)
        page.wait_for_timeout(300)
        elements = page.evaluate("() => document.getElementsByTagName('*').length")
    finally:
        events = json.loads(browser.stop_tracing())["traceEvents"]
        context.close()
    full = [e["args"] for e in events if e.get("name") == "UpdateLayoutTree"
            and e.get("args", {}).get("elementCount", 0) > elements / 2]
    where = [[f.get("functionName") or "?" for f in (a.get("beginData", {}).get("stackTrace") or [])[:3]] for a in full]
    assert 1 <= len(full) <= 2, f"{len(full)} restyles of more than half of {path}'s {elements} elements: {where}"


WATCH_START = """{
  window.__moved = [];
  new MutationObserver((records) => { for (const r of records) for (const n of r.removedNodes)
    if (n.nodeName === 'TABLE' || (n.querySelector && n.querySelector('table'))) window.__moved.push(n.nodeName); })
    .observe(document, { childList: true, subtree: true });
}"""


@pytest.mark.parametrize("dark", [False, True])
def test_material_start_moves_no_table_and_the_dark_scheme_reaches_the_root(browser: Browser, base_url: str,
                                                                           dark: bool) -> None:
    """glossary/ has seven tables, built inside Material's scroll boxes: Material's start leaves them where they
    are, and adds no colour-scheme meta. The root gets the reader's scheme from ai45.css instead (dark
    scrollbars in dark mode), also after a switch."""
    context = browser.new_context(viewport=PHONE, service_workers="block", color_scheme="dark" if dark else "light")
    page = context.new_page()
    page.add_init_script(WATCH_START)
    try:
        page.goto(base_url + "zh/glossary/")
        page.wait_for_function("() => document.querySelector('label[for^=__palette_]:not([hidden])')")
        page.wait_for_timeout(300)
        assert page.evaluate("() => window.__moved") == []
        assert page.locator("article .md-typeset__scrollwrap > .md-typeset__table > table").count() == 7
        assert page.evaluate("() => document.querySelectorAll('meta[name=color-scheme]').length") == 0
        root = "() => getComputedStyle(document.documentElement).colorScheme"
        assert scheme(page) == ("slate" if dark else "default")
        assert page.evaluate(root) == ("dark" if dark else "normal")
        choose_scheme(page, "default" if dark else "slate")
        page.wait_for_function(f"want => ({root})() === want", arg="normal" if dark else "dark")
    finally:
        context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_methods_notes_open_on_their_code_scrollable_by_keyboard(page: Page, base_url: str, lang: str) -> None:
    """The technical notes on methods/ are hidden with display: none while closed (widgets/ai45.css), so
    Material's start does no style work in them: each opens on its text and code, and a code block wider than
    a phone still gets Material's tabindex so that the keyboard can scroll it."""
    page.set_viewport_size(PHONE)
    page.goto(base_url + LANGS[lang] + "methods/")
    notes = page.locator("details.ai45-technical")
    assert notes.count() == len(VIEWS)
    first = notes.first
    assert first.locator("pre").count() >= 1
    assert not first.locator("pre").first.is_visible()
    first.locator("summary").click()
    assert first.locator("pre").first.is_visible()
    page.wait_for_function("""el => [...el.querySelectorAll('pre > code')].every(c =>
        c.scrollWidth <= c.clientWidth || c.getAttribute('tabindex') === '0')""", arg=first.element_handle())
    wide = first.locator("pre > code").evaluate_all("cs => cs.filter(c => c.scrollWidth > c.clientWidth).length")
    assert wide >= 1, "a phone-wide code block was expected in the first note (the plane's table of readings)"


DUPLICATE_IDS = """() => { const seen = new Map();
  for (const el of document.querySelectorAll('[id]')) seen.set(el.id, (seen.get(el.id) || 0) + 1);
  return [...seen].filter(([, n]) => n > 1).map(([id]) => id); }"""


def test_ids_are_unique(site_page: Loaded) -> None:
    """WCAG 2.0/2.1 4.1.1 (axe no longer checks it): a duplicate id breaks labels, anchors and #links."""
    duplicates = site_page.page.evaluate(DUPLICATE_IDS)
    assert duplicates == []


def test_no_accessibility_violations_in_dark_mode(site_page: Loaded) -> None:
    assert scheme(site_page.page) == "slate"
    assert axe(site_page.page, f"{site_page.lang}:{site_page.path} dark") == []


def test_no_accessibility_violations_in_light_mode(site_page: Loaded) -> None:
    choose_scheme(site_page.page, "default")
    assert axe(site_page.page, f"{site_page.lang}:{site_page.path} light") == []


def test_prints_content_and_widget_results_without_navigation_or_controls(site_page: Loaded) -> None:
    assert print_problems(site_page.page) == []
    if site_page.path == "law/":  # and a real PDF, with Chinese text for the Chinese page
        pdf = site_page.page.pdf(format="A4")
        assert pdf.startswith(b"%PDF-") and len(pdf) > 20_000


def test_nothing_is_wider_than_a_360_px_phone(site_page: Loaded) -> None:
    assert overflow_at(site_page.page, PHONE) == []


CODE_SIZES = """() => [...document.querySelectorAll('.md-content code, .md-content pre, .md-content kbd')]
  .filter(el => el.textContent.trim() && el.getClientRects().length > 0)
  .map(el => [el.textContent.trim().slice(0, 40), parseFloat(getComputedStyle(el).fontSize)])"""


def test_code_is_legible_on_a_phone(site_page: Loaded) -> None:
    """Formulas and code in the text (the Methods page is half code) are at least 12 px on a 360 px phone."""
    sizes = evaluate_at(site_page.page, PHONE, CODE_SIZES)
    small = [f"{text!r}: {size:.1f} px" for text, size in sizes if size < 12]
    assert not small, f"{len(small)} code text(s) under 12 px at 360 px, e.g. {small[:3]}"


def test_language_switcher_lands_on_the_same_page_in_the_other_language(site_page: Loaded, base_url: str) -> None:
    """Last check of each page: it leaves the page. On the 45° law page, a widget's state goes along."""
    page, lang = site_page.page, site_page.lang
    other = OTHER[lang]
    query = ""
    if site_page.path == "law/":
        page.select_option("#plane-scale", "log")
        wait_result(page, "plane")
        query = "?plane.scale=log"
        page.wait_for_url(site_page.url + query)  # the address follows the widget (throttled)
    page.locator(".md-header__option .md-select").hover()
    link = page.locator(f"a.md-select__link[hreflang={other}]")
    link.wait_for(state="visible")
    link.click()
    expected = base_url + LANGS[other] + site_page.path + query
    page.wait_for_url(expected)
    page.wait_for_load_state("domcontentloaded")
    assert page.evaluate("() => document.documentElement.lang") == other
    if query:
        assert page.input_value("#plane-scale") == "log"


# --- Across the site ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_instant_navigation_through_every_page_in_order_with_one_engine(page: Page, base_url: str,
                                                                        lang: str) -> None:
    prefix = LANGS[lang]
    page.set_viewport_size(DESKTOP)
    page.goto(base_url + prefix)
    wait_live(page)
    page.evaluate("() => { window.__gateMarker = 'still here'; }")
    visited = [NAV[0]]
    for path in NAV[1:]:
        heading = page.locator(".md-content h1").first.inner_text()
        page.locator("a.md-footer__link--next").click()
        page.wait_for_url(base_url + prefix + path)
        page.wait_for_function("old => { const h = document.querySelector('.md-content h1');"
                               " return h && h.textContent.trim() !== old.trim(); }", arg=heading)
        wait_live(page, timeout=15_000)
        visited.append(path)
        assert page.evaluate("() => window.__gateMarker") == "still here", f"full reload at {path}"
        # After instant navigation the header is not re-rendered: the switcher's links are set by script.
        other = page.locator(f"a.md-select__link[hreflang={OTHER[lang]}]").get_attribute("href")
        assert other == base_url + LANGS[OTHER[lang]] + path
    assert visited == NAV
    assert page.locator("a.md-footer__link--next").count() == 0, "the last page links further"
    assert page.evaluate("() => performance.getEntriesByType('navigation').length") == 1
    assert page.evaluate("() => window.__ai45.stats.starts") == 1


@pytest.mark.parametrize(("lang", "query", "page_path_"), [
    ("en", "crippled", "speech/"),
    ("en", "balance", None),
    ("zh", "平衡律", "law/"),
    ("zh", "因果之梯", "ladder/"),
], ids=["en-crippled", "en-balance", "zh-平衡律", "zh-因果之梯"])
def test_search_finds_pages_in_the_readers_language(page: Page, base_url: str, lang: str, query: str,
                                                    page_path_: str | None) -> None:
    page.goto(base_url + LANGS[lang] + "speech/")  # a page without widgets: search alone
    page.keyboard.press("/")
    box = page.locator(".md-search__input")
    box.wait_for(state="visible")
    box.fill(query)
    box.press("End")  # Material reads the query on keyup
    none = page.evaluate("() => JSON.parse(document.getElementById('__config').textContent)"
                         ".translations['search.result.none']")
    page.wait_for_function("none => document.querySelector('.md-search-result__item')"
                           " || document.querySelector('.md-search-result__meta').textContent.trim() === none",
                           arg=none, timeout=15_000)
    links = page.eval_on_selector_all(".md-search-result__item a", "as => as.map(a => a.href)")
    pages = [re.sub(r"[?#].*", "", link).removeprefix(base_url) for link in links]
    mine = [p for p in pages if p.startswith("zh/")] if lang == "zh" else [p for p in pages if not p.startswith("zh/")]
    assert mine, pages
    assert pages[0] in mine, f"the best result is in the other language: {pages}"
    if page_path_:
        assert LANGS[lang] + page_path_ in pages


HOSTILE_VALUES = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "javascript:alert(1)",
                  '" autofocus onfocus="alert(1)', "1%ZZ", "%E0%A4%A", "x" * 100_000]


def hostile_query(keys: list[tuple[str, str]]) -> tuple[str, list[str]]:
    """An address with hostile state for the first widget of a page (and the others' keys); returns it with
    the keys that must be reported as not used."""
    key, name = keys[0]
    fields = list(VIEWS[name].field_names())
    params: list[tuple[str, str]] = []
    for i, value in enumerate(HOSTILE_VALUES):
        params.append((f"{key}.{fields[i % len(fields)]}", value))
    params += [(f"{key}.onclick", "alert(1)"), ("<img src=x onerror=alert(1)>", "1"),
               (f"{keys[-1][0]}.{VIEWS[keys[-1][1]].field_names()[0]}", "<svg onload=alert(1)>")]
    raw = "&".join(f"{quote(k, safe='.')}={quote(v, safe='')}" for k, v in params)
    # Broken percent-encodings, written raw: a lone "%", a truncated UTF-8 sequence, a bad hex digit.
    raw += f"&{key}.{fields[0]}=%&{key}.{fields[-1]}=%E0%A4%A&%ZZ=1"
    refused = [k[:40] for k, v in params if k.startswith(f"{key}.onclick") or k.startswith("<")
               or "<" in v or "javascript:" in v or len(v) > 20_000]
    return raw, refused


@pytest.mark.parametrize("case", [(lang, path) for lang in LANGS for path in WIDGET_PAGES], ids=page_id)
def test_hostile_addresses_are_refused_with_a_notice(page: Page, base_url: str, site: Path,
                                                     case: tuple[str, str]) -> None:
    lang, path = case
    rel = LANGS[lang] + path
    html = (site / rel / "index.html").read_text(encoding="utf-8")
    widgets = [(key, name) for name, key in re.findall(r'data-ai45-widget="(\w+)" data-ai45-key="(\w+)"', html)]
    assert widgets, f"no widget in {rel}"
    query, refused = hostile_query(widgets)
    dialogs: list[str] = []

    def on_dialog(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    # The test server (like GitHub Pages) refuses request lines over 64 kB; the address is for the page's
    # script to read, so the document itself is served from the built site.
    page.route(re.compile(re.escape(base_url + rel) + r"\?.*"),
               lambda route: route.fulfill(body=html, content_type="text/html; charset=utf-8"))
    page.goto(f"{base_url}{rel}?{query}")
    wait_live(page)
    first = widgets[0][0]
    wait_result(page, first)
    status = widget(page, first).locator("[data-ai45-status]").inner_text()
    assert NOTICE[lang] in status
    for name in refused:
        assert name in status, (name, status)
    injected = page.evaluate("""() => ({
      handlers: [...document.querySelectorAll('*')].flatMap(el => [...el.attributes]
        .filter(a => a.name.startsWith('on')).map(a => `${el.tagName} ${a.name}`)),
      images: document.querySelectorAll('img[src=x], svg[onload]').length,
      scripts: [...document.scripts].filter(s => /alert/.test(s.textContent)).length,
      jsLinks: document.querySelectorAll('a[href^="javascript:" i], [src^="javascript:" i]').length,
      fields: [...document.querySelectorAll('[data-ai45-widget] input, [data-ai45-widget] textarea')]
        .map(i => i.value).filter(v => /[<>]|javascript:/i.test(v) || v.length > 20000),
    })""")
    assert injected == {"handlers": [], "images": 0, "scripts": 0, "jsLinks": 0, "fields": []}
    assert dialogs == []
    GATE["hostile_pages"] += 1


def _engine_outputs(page: Page) -> dict[str, str]:
    return page.evaluate("() => Object.fromEntries([...document.querySelectorAll('[data-ai45-widget]')]"
                         ".map(w => [w.dataset.ai45Key, w.querySelector('[data-ai45-output]').innerHTML]))")


def _corrupt_wheel(route: Route) -> None:
    body = route.fetch().body()
    route.fulfill(body=body[:-10] + b"0123456789", content_type="application/octet-stream")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("failure", ["runtime blocked", "wheel corrupted"])
def test_a_broken_engine_leaves_every_widget_page_readable(page: Page, base_url: str, lang: str,
                                                           failure: str) -> None:
    if failure == "runtime blocked":
        page.context.route("**/pyodide.asm.wasm", lambda route: route.abort())
        expected = re.compile(r"pyodide\.asm\.wasm|could not start|Failed to fetch|NetworkError|WebAssembly",
                              re.I)
    else:
        page.context.route(re.compile(r".*/ai45core-[^/]*\.whl$"), _corrupt_wheel)
        expected = re.compile(r"ai45core|integrity|sha-?256|hash|could not start", re.I)
    for path in WIDGET_PAGES:
        page.goto(base_url + LANGS[lang] + path)
        before = _engine_outputs(page)
        page.wait_for_function("() => [...document.querySelectorAll('[data-ai45-widget]')]"
                               ".every(w => w.dataset.ai45State === 'error')", timeout=30_000)
        assert _engine_outputs(page) == before, f"{path}: the pre-rendered output changed"
        for key in before:
            w = widget(page, key)
            assert ENGINE_FAILED[lang] in w.locator("[data-ai45-status]").inner_text(), (path, key)
            assert w.locator(".ai45-retry").is_visible(), (path, key)
            assert w.locator("[data-ai45-output] svg").first.is_visible(), (path, key)
            assert w.locator("[data-ai45-output] .ai45-figures").first.is_visible(), (path, key)
        GATE["engine_failure_pages"] += 1
    watch: Watch = page.watch  # type: ignore[attr-defined]
    unexpected = [m for m in watch.console_errors + watch.failed if not expected.search(m)]
    assert unexpected == [], "\n".join(unexpected)
    assert watch.page_errors == []
    watch.clear()  # the blocked or refused download and its console line are expected
