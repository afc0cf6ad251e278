"""Every widget in a real browser, in both languages, on its embed page (one widget there, key = its name).

What the reader does — type, pick, tick, press a preset, download, copy a link, embed — and what the page must
show: the same fragment CPython renders for the same state (``ai45widgets.run``), the figures the golden vectors
in ``tests/golden/`` expect, and for bad input a message next to the field in the page's language while the
last good output stays. The golden vectors were derived by hand, so the figures are checked against them, not
against the code.

Speed: one browser context for the module and one live page per widget and language, kept for the module and
reused by every test of that widget (Pyodide boots once per page load, ~5 s here). The link round trip runs
first, so the Chinese page it opens becomes the page of the Chinese tests.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import ai45widgets
import pytest
from ai45widgets import MAX_VALUE, VIEWS
from ai45widgets.spec import Field
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Dialog, Error, Page, Request, Response, Route

from ai45core import AI45Error, compute

from .conftest import Watch, wait_live, wait_output, wait_until

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
LANGS = ("en", "zh")
PREFIX = {"en": "", "zh": "zh/"}
NAMES = tuple(VIEWS)
IDS = [f"{name}-{lang}" for name in NAMES for lang in LANGS]
EN_IDS = [f"{name}-en" for name in NAMES]
ZH_IDS = [f"{name}-zh" for name in NAMES]
HAN = re.compile(r"[\u4e00-\u9fff]")
HOSTILE_IMG, HOSTILE_SCRIPT = "<img src=x onerror=alert(1)>", "<script>alert(1)</script>"

FORM_STATE = """key => {
  const state = {};
  const form = document.getElementById(key).querySelector('form');
  for (const el of form.querySelectorAll('input[name], select[name], textarea[name]')) {
    if (el.type === 'checkbox') {
      const prev = state[el.name] ? state[el.name].split(',') : [];
      if (el.checked) prev.push(el.value);
      state[el.name] = prev.join(',');
    } else state[el.name] = el.value;
  }
  return state;
}"""
"""The widget's state as mount.js's ``formState`` reads it (checked boxes joined by commas, in page order)."""

NORMALISE = "html => { const t = document.createElement('template'); t.innerHTML = html; return t.innerHTML; }"
"""CPython's fragment parsed and serialised by this browser (inert: a template runs and loads nothing), so it
compares with the live output's ``innerHTML`` (an SVG ``<line/>`` comes back as ``<line></line>``)."""


# ---------------------------------------------------------------------------------------------------------------
# The form, as CPython sees it


def fields_of(name: str) -> dict[str, Field]:
    return {f.name: f for f in VIEWS[name].fields}


def split_choices(text: str) -> list[str]:
    return [p for p in re.split(r"[\s,]+", text) if p]


def normalise(name: str, state: Mapping[str, str]) -> dict[str, str]:
    """A state as the form holds it: every field, checked boxes in the page's order joined by commas."""
    out = {**VIEWS[name].defaults, **state}
    for f in VIEWS[name].fields:
        if f.kind == "checks":
            chosen = set(split_choices(out[f.name]))
            out[f.name] = ",".join(v for v, _ in f.options if v in chosen)
    return out


def cpython(name: str, state: Mapping[str, str], lang: str) -> dict[str, Any]:
    result: dict[str, Any] = json.loads(ai45widgets.run(name, json.dumps(dict(state)), lang))
    return result


def as_text(value: object) -> str | None:
    """A golden parameter as a reader would type it; None when a form field cannot hold it."""
    if isinstance(value, bool):
        return "true" if value else ""
    if isinstance(value, int | float | str):
        return str(value)
    if isinstance(value, list) and all(isinstance(v, int | float | str) and not isinstance(v, bool) for v in value):
        return ", ".join(str(v) for v in value)
    return None


def outcome(name: str, params: Mapping[str, object]) -> tuple[object, ...]:
    try:
        return ("ok", compute(name, dict(params)))
    except AI45Error as err:
        return ("error", err.code, err.field)


def form_state_for(name: str, params: Mapping[str, object]) -> dict[str, str] | None:
    """The form state that means the same as a golden case's params, or None when the form cannot express it
    (unknown key, a value no field takes, or the form's own defaults for the other fields change the result)."""
    fields = fields_of(name)
    if not set(params) <= set(fields):
        return None
    typed: dict[str, str] = {}
    for key, value in params.items():
        text = as_text(value)
        f = fields[key]
        if text is None or len(text) > MAX_VALUE or (f.kind != "csv" and ("\n" in text or "\r" in text)):
            return None
        options = {v for v, _ in f.options}
        if (f.kind == "select" and text not in options) or (f.kind == "checks"
                                                            and not set(split_choices(text)) <= options):
            return None
        typed[key] = text
    state = normalise(name, typed)
    want, got = outcome(name, params), outcome(name, state)
    if want != got or (want[0] == "error" and not want[2]):
        return None
    return state


def golden_cases(name: str) -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = json.loads((GOLDEN / f"{name}.json").read_text(encoding="utf-8"))["cases"]
    return cases


# ---------------------------------------------------------------------------------------------------------------
# Figures formatted from the golden expectations (the display rules, written out again here)


def fixed(x: float | None, digits: int, unit: str = "") -> str:
    """Fixed digits, thousands commas, a true minus sign, no "-0"; None → "—"."""
    if x is None or not math.isfinite(x):
        return "—"
    text = f"{x:,.{digits}f}"
    if text.lstrip("-").strip("0.,") == "":
        text = text.lstrip("-")
    return text.replace("-", "\u2212") + unit


def degrees(x: float | None) -> str:
    return fixed(x, 2, "°")


def share(x: float | None) -> str:
    """Investment shares: percent with two decimals; shares too close to 0 or 1 for that say so."""
    if x is not None and 0 < x < 1e-4:
        return "< 0.01%"
    if x is not None and 1 - 1e-4 < x < 1:
        return "> 99.99%"
    return fixed(None if x is None else x * 100, 2, "%")


def probability(x: float | None) -> str:
    return fixed(None if x is None else x * 100, 1, "%")


def whole(x: float | None) -> str:
    return fixed(x, 0)


FIGURES: dict[str, list[tuple[int, str, Callable[[Any], str]]]] = {
    # widget: (index of dd[data-ai45-value], path in the golden "expect", how the page shows it)
    "plane": [(0, "angle_deg", degrees)],
    "investment": [(0, "angle_deg", degrees), (3, "balanced_safety_share", share)],
    "pavlov": [(0, "p_food_given_bell", probability), (1, "p_food_do_bell", probability)],
    "ladder": [(0, "stage", whole)],
    "matrix": [(0, "highest_level", whole)],
    "zones": [(1, "counts/green", whole), (2, "counts/yellow", whole), (3, "counts/red", whole)],
    "benchmarks": [(5, "angle_deg", degrees)],
}


def lookup(expect: Mapping[str, Any], path: str) -> tuple[bool, Any]:
    node: Any = expect
    for part in path.split("/"):
        if not isinstance(node, Mapping) or part not in node:
            return False, None
        node = node[part]
    return True, node


@dataclass(frozen=True)
class GoldenCase:
    id: str
    state: dict[str, str]
    expect: dict[str, Any] | None
    error: str | None


def select_golden(name: str, lang: str, ok_count: int = 3, error_count: int = 2) -> list[GoldenCase]:
    """A handful of expressible cases per widget and language; English and Chinese take alternate ones (both
    the same when there are too few), so between them the two languages cover more vectors."""
    ok, bad = [], []
    for case in golden_cases(name):
        state = form_state_for(name, case["params"])
        if state is None:
            continue
        if "error" in case:
            bad.append(GoldenCase(case["id"], state, None, case["error"]))
        else:
            ok.append(GoldenCase(case["id"], state, case["expect"], None))
    # Cases whose expectation names a figure the page shows come first.
    ok.sort(key=lambda c: not any(lookup(c.expect or {}, path)[0] for _, path, _ in FIGURES[name]))
    start = LANGS.index(lang)
    return (ok[start::2][:ok_count] or ok[:ok_count]) + (bad[start::2][:error_count] or bad[:error_count])


GOLDEN_PARAMS = [pytest.param(f"{name}-{lang}", case, id=f"{name}-{lang}-{case.id}")
                 for name in NAMES for lang in LANGS for case in select_golden(name, lang)]


# ---------------------------------------------------------------------------------------------------------------
# The browser side


@dataclass
class Tab:
    page: Page
    watch: Watch
    dialogs: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        found = self.watch.problems() + [f"dialog: {d}" for d in self.dialogs]
        self.watch.clear()
        self.watch.offsite.clear()
        self.dialogs.clear()
        return found


def watched_tab(context: BrowserContext, origin: str) -> Tab:
    """A new page watched like conftest's ``page`` (console errors, exceptions, failed or off-site requests),
    plus any dialog."""
    page = context.new_page()
    page.set_default_timeout(20_000)
    tab = Tab(page, Watch(origin))
    watch = tab.watch

    def on_console(msg: ConsoleMessage) -> None:
        if msg.type == "error":
            watch.console_errors.append(msg.text[:300])

    def on_route(route: Route) -> None:
        if route.request.url.startswith((origin, "data:", "blob:")):
            route.continue_()
        else:
            watch.offsite.append(route.request.url)
            route.abort()

    def on_failed(request: Request) -> None:
        if request.url.startswith(origin) and "ERR_ABORTED" not in str(request.failure):
            watch.failed.append(f"{request.url} ({request.failure})")

    def on_dialog(dialog: Dialog) -> None:
        tab.dialogs.append(dialog.message)
        dialog.dismiss()

    def on_error(error: Error) -> None:
        watch.page_errors.append(str(error)[:300])

    def on_response(response: Response) -> None:
        if response.status >= 400:
            watch.failed.append(f"{response.url} (HTTP {response.status})")

    page.on("console", on_console)
    page.on("pageerror", on_error)
    page.on("requestfailed", on_failed)
    page.on("response", on_response)
    page.on("dialog", on_dialog)
    page.route("**/*", on_route)
    return tab


def open_tabs(context: BrowserContext, origin: str, urls: list[str], key: str) -> list[Tab]:
    """New watched pages for ``urls``, loaded side by side (their engines boot at the same time), all live."""
    tabs = [watched_tab(context, origin) for _ in urls]
    for tab, url in zip(tabs, urls, strict=True):
        tab.page.goto(url)
    for tab in tabs:
        tab.page.bring_to_front()
        wait_live(tab.page, f"#{key}")
    return tabs


class Pool:
    """One live page per widget and language, opened when first needed and kept for the whole module."""

    def __init__(self, context: BrowserContext, base_url: str) -> None:
        self.context, self.base_url = context, base_url
        self.tabs: dict[str, Tab] = {}

    def get(self, key: str) -> Tab:
        if key not in self.tabs:
            name, lang = key.split("-")
            url = f"{self.base_url}{PREFIX[lang]}embed/{name}/"
            self.tabs[key] = open_tabs(self.context, self.base_url, [url], name)[0]
        return self.tabs[key]


@dataclass
class WidgetPage:
    """One widget's embed page in one language, with what the tests do to it."""

    name: str
    lang: str
    pool: Pool
    tab: Tab
    opened: list[Tab] = field(default_factory=list)
    """Extra pages opened by the current test: checked, then closed (or kept by the pool) after it."""

    @property
    def base_url(self) -> str:
        return self.pool.base_url

    @property
    def page(self) -> Page:
        return self.tab.page

    @property
    def url(self) -> str:
        return f"{self.base_url}{PREFIX[self.lang]}embed/{self.name}/"

    def sel(self, rest: str = "") -> str:
        return f"#{self.name} {rest}".strip()

    def open(self, *urls: str) -> list[Tab]:
        tabs = open_tabs(self.pool.context, self.base_url, list(urls), self.name)
        self.opened += tabs
        return tabs

    # -- reading

    def state(self, page: Page | None = None) -> dict[str, str]:
        result: dict[str, str] = (page or self.page).evaluate(FORM_STATE, self.name)
        return result

    def output(self, page: Page | None = None) -> str:
        result: str = (page or self.page).evaluate(
            "key => document.getElementById(key).querySelector('[data-ai45-output]').innerHTML", self.name)
        return result

    def figures(self, page: Page | None = None) -> list[str]:
        result: list[str] = (page or self.page).evaluate(
            "key => [...document.getElementById(key).querySelectorAll('dd[data-ai45-value]')]"
            ".sort((a, b) => a.dataset.ai45Value - b.dataset.ai45Value).map(d => d.textContent)", self.name)
        return result

    def errors_shown(self, page: Page | None = None) -> dict[str, str]:
        """Visible messages next to fields, by field name."""
        result: dict[str, str] = (page or self.page).evaluate(
            "key => Object.fromEntries([...document.getElementById(key).querySelectorAll('[data-ai45-error-for]')]"
            ".filter(p => !p.hidden && p.textContent).map(p => [p.dataset.ai45ErrorFor, p.textContent]))",
            self.name)
        return result

    def expected(self, state: Mapping[str, str], lang: str | None = None) -> dict[str, Any]:
        return cpython(self.name, state, lang or self.lang)

    def expected_html(self, state: Mapping[str, str], lang: str | None = None) -> str:
        result = self.expected(state, lang)
        assert result["ok"], result
        html: str = self.page.evaluate(NORMALISE, result["html"])
        return html

    # -- acting

    def wait(self, page: Page | None = None, timeout: float = 10_000) -> None:
        wait_output(page or self.page, self.name, timeout)

    def reset(self) -> None:
        """Back to the defaults and the pre-rendered output, with the folded options open."""
        self.wait()
        self.page.click(self.sel("[data-ai45-action=reset]"))
        self.page.evaluate("key => document.querySelectorAll(`#${key} details.ai45-more`)"
                           ".forEach(d => { d.open = true; })", self.name)
        assert self.errors_shown() == {}
        assert self.state() == normalise(self.name, {})

    def set_field(self, name: str, value: str) -> None:
        """As a reader would: fill a text box, pick an option, tick or untick boxes."""
        f = fields_of(self.name)[name]
        if f.kind == "select":
            self.page.select_option(f"#{self.name}-{name}", value)
        elif f.kind == "checks":
            chosen = set(split_choices(value))
            for box in self.page.locator(self.sel(f"input[type=checkbox][name={name}]")).all():
                box.set_checked(box.get_attribute("value") in chosen)
        else:
            self.page.fill(f"#{self.name}-{name}", value)

    def apply(self, values: Mapping[str, str], last: str | None = None) -> str:
        """Change the fields that differ (``last`` last), waiting for the output before the last change.
        Returns the output shown just before the last change (what a bad last value must leave in place)."""
        target = normalise(self.name, {**self.state(), **values})
        current = self.state()
        changed = [k for k in target if target[k] != current.get(k)]
        if last in changed:
            changed.remove(last)
            changed.append(last)
        for k in changed[:-1]:
            self.set_field(k, target[k])
        self.wait()
        before = self.output()
        if changed:
            self.set_field(changed[-1], target[changed[-1]])
        else:  # nothing to change: still ask the engine, so the output is live
            self.page.evaluate("key => document.getElementById(key).querySelector('form')"
                               ".dispatchEvent(new Event('input', {bubbles: true}))", self.name)
        self.wait()
        assert self.state() == target
        return before


@pytest.fixture(scope="module")
def pool(browser: Browser, base_url: str) -> Iterator[Pool]:
    context = browser.new_context(viewport={"width": 1200, "height": 900}, service_workers="block",
                                  permissions=["clipboard-read", "clipboard-write"])
    yield Pool(context, base_url)
    context.close()


@pytest.fixture
def w(request: pytest.FixtureRequest, pool: Pool) -> Iterator[WidgetPage]:
    """The page for ``request.param`` = "NAME-LANG", reset to its defaults; afterwards every page the test used
    must be free of problems (console errors, exceptions, failed or off-site requests, dialogs)."""
    name, lang = str(request.param).split("-")
    widget = WidgetPage(name, lang, pool, pool.get(request.param))
    widget.page.bring_to_front()  # a page in the background gets throttled timers and frames: 10× slower
    assert widget.page.get_attribute(widget.sel(), "lang") == lang
    widget.reset()
    yield widget
    problems = [p for tab in (widget.tab, *widget.opened) for p in tab.problems()]
    for tab in widget.opened:
        if tab not in pool.tabs.values():
            tab.page.close()
    assert problems == [], "\n".join(problems)


# ---------------------------------------------------------------------------------------------------------------
# 5. Link round trip — first, so that its Chinese pages serve the Chinese tests (one page load less each)

LINK_CHANGE: dict[str, dict[str, str]] = {
    "plane": {"capability": "1, 2, 3", "safety": "1, 3, 5", "scale": "log"},
    "investment": {"safety_share": "0.3", "returns": "log"},
    "pavlov": {"base_rate": "0.3", "p_ring": "0.8"},
    "ladder": {"adopted": "sft,rlhf,human_in_the_loop,mech_interp", "threshold": "0.6"},
    "matrix": {"met": "perception:approximate,reasoning:approximate,reasoning:intervenable"},
    "zones": {"domains": "cyber, 10, 40, 80\nbio, 45, 40, 80"},
    "benchmarks": {"preset": "safework_values", "capability_gain": "10"},
}
EMBED_CHANGE: dict[str, dict[str, str]] = {
    **LINK_CHANGE,
    "plane": {"capability": "2, 3, 5", "safety": "1, 2, 4", "labels": "二〇二二, 二〇二三, 二〇二四"},
    "zones": {"domains": "网络安全, 10, 40, 80\n生物, 85, 40, 80"},
    "investment": {"safety_share": "0.25", "efficiency": "2"},
}


def query(url: str) -> dict[str, str]:
    return dict(parse_qsl(urlsplit(url).query, keep_blank_values=True))


@pytest.mark.parametrize("w", EN_IDS, indirect=True)
def test_a_copied_link_restores_the_state_in_both_languages(w: WidgetPage) -> None:
    w.apply(LINK_CHANGE[w.name])
    state, output, figures = w.state(), w.output(), w.figures()
    assert w.errors_shown() == {}
    w.page.click(w.sel("[data-ai45-action=link]"))
    w.page.wait_for_function("key => document.querySelector(`#${key} [data-ai45-action=link]`).textContent"
                             " === 'Link copied'", arg=w.name)
    link: str = w.page.evaluate("navigator.clipboard.readText()")
    assert link.startswith(f"{w.url}?"), link
    params = query(link)
    defaults = normalise(w.name, {})
    assert all(k.startswith(f"{w.name}.") and state[k.split(".", 1)[1]] == v for k, v in params.items()), params
    assert {k for k in state if state[k] != defaults[k]} <= {k.split(".", 1)[1] for k in params}, params

    chinese = link.replace(f"{w.base_url}embed/", f"{w.base_url}zh/embed/")
    same, zh = w.open(link, chinese)
    same.page.bring_to_front()
    w.wait(same.page)
    assert w.state(same.page) == state
    assert w.output(same.page) == output

    zh.page.bring_to_front()
    w.wait(zh.page)
    assert w.state(zh.page) == state
    assert w.output(zh.page) == w.expected_html(state, "zh")
    zh_figures = w.figures(zh.page)
    for index, _, _ in FIGURES[w.name]:
        assert zh_figures[index] == figures[index], "numeric figures read the same in both languages"
    if f"{w.name}-zh" not in w.pool.tabs:  # back at its defaults, this page serves the Chinese tests
        zh.page.click(w.sel("[data-ai45-action=reset]"))
        w.pool.tabs[f"{w.name}-zh"] = zh


# ---------------------------------------------------------------------------------------------------------------
# 1. Golden vectors: browser == CPython, and the figures the hand-derived expectations give


def test_golden_cases_are_selected_for_every_widget_and_language() -> None:
    for name in NAMES:
        for lang in LANGS:
            cases = select_golden(name, lang)
            # matrix's only field is a grid of checkboxes: none of its error cases (unknown cells, a non-list)
            # can be entered there.
            assert any(c.error for c in cases) or name == "matrix", f"{name}/{lang}: no expressible error case"
            assert any(c.expect for c in cases), f"{name}/{lang}: no expressible result case"
            if name in ("plane", "investment", "pavlov"):  # these must check every figure they name
                assert any(all(lookup(c.expect or {}, path)[0] for _, path, _ in FIGURES[name]) for c in cases), \
                    f"{name}/{lang}: no case checks the shown figures against golden values"


@pytest.mark.parametrize(("w", "case"), GOLDEN_PARAMS, indirect=["w"])
def test_golden_case_in_the_browser(w: WidgetPage, case: GoldenCase) -> None:
    error_field = None
    if case.error:
        ref = w.expected(case.state)
        assert not ref["ok"] and ref["errors"][0]["code"] == case.error, ref
        error_field = ref["errors"][0]["field"]
    before = w.apply(case.state, last=error_field)
    assert w.state() == case.state
    if case.error:
        message = w.expected(case.state)["errors"][0]["message"]
        assert w.errors_shown() == {error_field: message}
        assert (HAN.search(message) is not None) == (w.lang == "zh"), message
        assert w.output() == before, "the last good output must stay"
        assert w.page.get_attribute(w.sel(), "data-ai45-invalid") == "true"
        return
    assert w.errors_shown() == {}
    assert w.output() == w.expected_html(case.state)
    shown = w.figures()
    for index, path, show in FIGURES[w.name]:
        present, value = lookup(case.expect or {}, path)
        if present:
            assert shown[index] == show(value), f"figure {index} ({path}): golden {value!r}"


# ---------------------------------------------------------------------------------------------------------------
# 2. Bad input: a message next to the field in the page's language; what was typed stays; so does the output

CUSTOM_BENCH = {"preset": "custom", "names": "A, B", "before": "10, 20", "after": "30, 40"}
MINMAX = {"scale": "minmax", "capability_range": "0, 10", "safety_range": "0, 2"}
BAD: dict[str, list[tuple[str, dict[str, str], str, str]]] = {
    # widget: (case id, good values set first, field, what is typed into it)
    "plane": [
        ("empty", {}, "capability", ""),
        ("text", {}, "capability", "1, two, 4, 8"),
        ("nan", {}, "capability", "NaN, 2, 4, 8"),
        ("infinity", {}, "safety", "1, Infinity, 1.2, 1.3"),
        ("negative-on-index-scale", {}, "capability", "-1, 2, 4, 8"),
        ("text-in-number", {}, "tolerance_deg", "five"),
        ("negative-patience", {}, "patience", "-1"),
        ("inverted-range", MINMAX, "capability_range", "10, 0"),
        ("unequal-lengths", {}, "safety", "1, 2"),
    ],
    "investment": [
        ("empty", {}, "safety_share", ""),
        ("text", {}, "safety_share", "a tenth"),
        ("nan", {}, "safety_share", "NaN"),
        ("infinity", {}, "safety_share", "Infinity"),
        ("negative", {}, "safety_share", "-0.1"),
        ("negative-efficiency", {}, "efficiency", "-1"),
    ],
    "pavlov": [
        ("empty", {}, "base_rate", ""),
        ("text", {}, "base_rate", "half"),
        ("nan", {}, "p_bell_given_food", "NaN"),
        ("infinity", {}, "p_ring", "Infinity"),
        ("negative", {}, "base_rate", "-0.5"),
        ("negative-trials", {}, "simulate", "-1"),
    ],
    "ladder": [
        ("empty", {}, "threshold", ""),
        ("text", {}, "threshold", "half"),
        ("nan", {}, "threshold", "NaN"),
        ("infinity", {}, "threshold", "-Infinity"),
        ("negative", {}, "threshold", "-0.5"),
    ],
    "zones": [
        ("empty", {}, "domains", ""),
        ("text", {}, "domains", "cyber, high, 40, 70"),
        ("nan", {}, "domains", "cyber, NaN, 40, 70"),
        ("infinity", {}, "domains", "cyber, Infinity, 40, 70"),
        ("malformed-three-fields", {}, "domains", "cyber, 30, 40\nbio, 50, 40, 70"),
        ("malformed-inverted-lines", {}, "domains", "cyber, 30, 70, 40"),
    ],
    "benchmarks": [
        ("empty", CUSTOM_BENCH, "before", ""),
        ("text", CUSTOM_BENCH, "before", "ten, 20"),
        ("nan", CUSTOM_BENCH, "after", "NaN, 40"),
        ("infinity", CUSTOM_BENCH, "capability_gain", "Infinity"),
        ("negative", CUSTOM_BENCH, "before", "-5, 20"),
        ("negative-max", {}, "max_score", "-1"),
        ("unequal-lengths", CUSTOM_BENCH, "after", "30, 40, 50"),
    ],
    # matrix has only checkboxes: nothing can be typed wrong.
}
BAD_PARAMS = [pytest.param(f"{name}-{lang}", case, id=f"{name}-{lang}-{case[0]}")
              for name, cases in BAD.items() for lang in LANGS for case in cases]
ACCEPTED_EMPTY = {("pavlov", "base_rate"), ("ladder", "threshold")}
"""Optional numbers: an empty box means the default (the core's rule), so there is no message to show."""


@pytest.mark.parametrize(("w", "case"), BAD_PARAMS, indirect=["w"])
def test_bad_input_is_explained_next_to_the_field(w: WidgetPage, case: tuple[str, dict[str, str], str, str]) -> None:
    _, setup, name, typed = case
    w.apply(setup)
    assert w.errors_shown() == {}
    good = w.output()
    w.set_field(name, typed)
    w.wait()
    assert w.page.input_value(f"#{w.name}-{name}") == typed, "what was typed must stay as typed"
    state = w.state()
    ref = w.expected(state)
    if (w.name, name) in ACCEPTED_EMPTY and typed == "":
        assert ref["ok"]
        assert w.errors_shown() == {}
        assert w.output() == w.expected_html(state)
        return
    assert not ref["ok"], "CPython accepts this; the case is not bad input"
    error = ref["errors"][0]
    assert error["field"] == name, f"the message belongs next to {name}, CPython names {error['field']!r}"
    assert w.errors_shown() == {name: error["message"]}
    assert (HAN.search(error["message"]) is not None) == (w.lang == "zh"), error["message"]
    assert w.page.locator(f"#{w.name}-{name}-err").is_visible()
    assert w.page.get_attribute(f"#{w.name}-{name}", "aria-invalid") == "true"
    assert w.output() == good, "the last good output must stay"


HOSTILE: dict[str, tuple[dict[str, str], str, str]] = {
    "plane": ({}, "labels", f"{HOSTILE_IMG}, {HOSTILE_SCRIPT}, c, d"),
    "investment": ({"safety_share": "", "shares": "0.1, 0.2"}, "dimensions", f"{HOSTILE_IMG}, {HOSTILE_SCRIPT}"),
    "zones": ({}, "domains", f"{HOSTILE_IMG}, 30, 40, 70\n{HOSTILE_SCRIPT}, 50, 40, 70"),
    "benchmarks": (CUSTOM_BENCH, "names", f"{HOSTILE_IMG}, {HOSTILE_SCRIPT}"),
}


@pytest.mark.parametrize("w", [f"{n}-{lang}" for n in HOSTILE for lang in LANGS], indirect=True)
def test_hostile_labels_are_shown_as_text(w: WidgetPage) -> None:
    setup, name, typed = HOSTILE[w.name]
    w.apply(setup)
    w.set_field(name, typed)
    w.wait()
    assert w.page.input_value(f"#{w.name}-{name}") == typed
    assert w.errors_shown() == {}
    state = w.state()
    assert w.output() == w.expected_html(state)
    # Settled: no call in flight, no timer of the page pending, two frames painted since the output changed.
    wait_until(w.page, "() => window.__ai45.quiet()")
    w.page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    assert w.page.evaluate("document.querySelectorAll('img[src=x], [onerror]').length") == 0
    assert w.page.evaluate(f"document.querySelectorAll('#{w.name} script').length") == 0
    text = w.page.evaluate(f"document.querySelector('#{w.name} [data-ai45-output]').textContent")
    assert HOSTILE_IMG in text and HOSTILE_SCRIPT in text, "the labels are shown, as text"
    # (dialogs and the request an <img src=x> would make are checked by the `w` fixture)


def rows(n: int) -> str:
    return "\n".join(f"domain {i}, {i % 100}, 40, 70" for i in range(n))


def paste(w: WidgetPage, name: str, text: str) -> None:
    """A real paste (clipboard, then Ctrl+V) over the field's text; ``fill`` would take minutes for 10,000 rows."""
    w.page.evaluate("text => navigator.clipboard.writeText(text)", text)
    w.page.focus(f"#{w.name}-{name}")
    w.page.keyboard.press("Control+A")
    w.page.keyboard.press("Control+V")


@pytest.mark.parametrize("w", ["zones-en", "zones-zh"], indirect=True)
def test_a_10000_row_paste_is_refused_and_the_page_stays_responsive(w: WidgetPage) -> None:
    good = w.output()
    big = rows(10_000)
    paste(w, "domains", big)
    w.wait(timeout=20_000)
    assert w.page.get_attribute(w.sel(), "data-ai45-invalid") == "true"
    message = " ".join([*w.errors_shown().values(), w.page.inner_text(w.sel("[data-ai45-status]"))])
    assert "20000" in message or "20,000" in message or "20 000" in message, message
    assert w.page.input_value("#zones-domains") == big
    assert w.output() == good
    small = "cyber, 10, 40, 80\nbio, 45, 40, 80"
    w.set_field("domains", small)  # the page still answers (how fast is make bench's business)
    w.wait()
    assert w.errors_shown() == {}
    assert w.output() == w.expected_html(w.state())


@pytest.mark.parametrize("w", ["zones-en", "zones-zh"], indirect=True)
def test_a_10000_row_paste_is_explained_next_to_the_field_in_the_page_language(w: WidgetPage) -> None:
    paste(w, "domains", rows(10_000))
    w.wait(timeout=20_000)
    shown = w.errors_shown()
    assert "domains" in shown, f"no message next to the field; status: {w.page.inner_text(w.sel('.ai45-status'))}"
    assert (HAN.search(shown["domains"]) is not None) == (w.lang == "zh"), shown["domains"]


# ---------------------------------------------------------------------------------------------------------------
# 3. Keyboard only


def focus_info(page: Page) -> dict[str, Any]:
    info: dict[str, Any] = page.evaluate(
        "() => { const e = document.activeElement; const s = getComputedStyle(e);"
        " return {id: e.id, tag: e.tagName, type: e.type || '', preset: e.dataset?.ai45Preset || '',"
        " visible: e.matches(':focus-visible'), outline: s.outlineStyle, width: s.outlineWidth,"
        " inWidget: !!e.closest('[data-ai45-widget]')}; }")
    return info


def tab_to(page: Page, matches: Callable[[dict[str, Any]], bool], *, back: bool = False,
           limit: int = 60) -> dict[str, Any]:
    """Press Tab (or Shift+Tab) until the focused element matches; every widget control passed on the way must
    show its focus (``:focus-visible`` with an outline)."""
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if back else "Tab")
        info = focus_info(page)
        if info["inWidget"]:
            assert info["visible"] and info["outline"] != "none" and info["width"] != "0px", info
        if matches(info):
            return info
    raise AssertionError("never reached by keyboard")


def start_keyboard(page: Page) -> None:
    """Nothing focused; Tab then moves on from where focus was (it wraps round the page)."""
    page.evaluate("() => { window.scrollTo(0, 0); document.activeElement?.blur(); }")


@pytest.mark.parametrize("w", ["plane-en"], indirect=True)
def test_keyboard_only_text_select_and_preset(w: WidgetPage) -> None:
    page = w.page
    start_keyboard(page)
    tab_to(page, lambda f: f["id"] == "plane-capability")
    page.keyboard.press("Control+A")
    page.keyboard.type("10, 20, 40")
    tab_to(page, lambda f: f["id"] == "plane-safety")
    page.keyboard.press("Control+A")
    page.keyboard.type("5, 10, 20")
    w.wait()
    assert w.figures()[0] == "45.00°"  # both tripled on the index scale
    tab_to(page, lambda f: f["id"] == "plane-scale")
    page.keyboard.press("ArrowDown")  # index → log
    page.keyboard.press("ArrowDown")  # log → raw
    w.wait()
    assert page.input_value("#plane-scale") == "raw"
    assert w.figures()[0] == "26.57°"  # raw: atan(15 / 30)
    assert w.output() == w.expected_html(w.state())
    info = tab_to(page, lambda f: bool(f["preset"]), back=True)
    preset = json.loads(info["preset"])
    page.keyboard.press("Enter")
    w.wait()
    state = w.state()
    assert {k: state[k] for k in preset} == preset
    assert w.output() == w.expected_html(state)


@pytest.mark.parametrize("w", ["ladder-en", "matrix-zh"], indirect=True)
def test_keyboard_only_checkbox_with_space(w: WidgetPage) -> None:
    page = w.page
    before = w.output()
    start_keyboard(page)
    info = tab_to(page, lambda f: f["type"] == "checkbox")
    box = page.locator(f"#{w.name} input[type=checkbox]").first
    was = box.is_checked()
    assert page.evaluate("() => document.activeElement.value") == box.get_attribute("value"), info
    page.keyboard.press("Space")
    w.wait()
    assert box.is_checked() != was
    assert w.output() != before
    assert w.output() == w.expected_html(w.state())
    page.keyboard.press("Space")
    w.wait()
    assert box.is_checked() == was
    assert w.output() == w.expected_html(w.state())


# ---------------------------------------------------------------------------------------------------------------
# 4. Downloads


def csv_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def same_table(got: str, want: str) -> bool:
    """Equal CSV text, except that numbers may differ in their last bits: Pyodide's libm is not the C library
    CPython uses (e.g. 0.5729673448571526 vs …527 for one point of the investment curve)."""
    a, b = csv_rows(got), csv_rows(want)
    if len(a) != len(b) or any(len(x) != len(y) for x, y in zip(a, b, strict=True)):
        return False
    for x, y in zip((c for r in a for c in r), (c for r in b for c in r), strict=True):
        if x == y:
            continue
        try:
            if not math.isclose(float(x), float(y), rel_tol=1e-12, abs_tol=1e-12):
                return False
        except ValueError:
            return False
    return True


def row_value(table: list[list[str]], first: str) -> float:
    row = next(r for r in table if r and r[0] == first)
    return float(row[1])


SHOWN_IN_CSV: dict[str, list[tuple[int, str, Callable[[Any], str]]]] = {
    # widget: (figure index, first cell of the CSV row holding it, how the page shows it)
    "plane": [(0, "angle_deg", degrees)],
    "investment": [(0, "angle_deg", degrees)],
    "pavlov": [(0, "p_food_given_bell", probability), (1, "p_food_do_bell", probability)],
}


def svg_title(svg: str) -> str:
    root = ET.fromstring(svg)
    title = root.find("{http://www.w3.org/2000/svg}title")
    assert title is not None and title.text, "the SVG needs a <title>"
    return title.text


@pytest.mark.parametrize("w", IDS, indirect=True)
def test_downloads_hold_what_is_shown(w: WidgetPage) -> None:
    change = {**EMBED_CHANGE[w.name]} if w.lang == "zh" else {}
    w.apply(change)
    state = w.state()
    ref = w.expected(state)
    with w.page.expect_download() as csv_download:
        w.page.click(w.sel("[data-ai45-action=csv]"))
    assert csv_download.value.suggested_filename == f"{w.name}.csv"
    raw = Path(csv_download.value.path()).read_bytes().decode("utf-8")
    assert raw.startswith("\ufeff"), "a byte-order mark, so spreadsheets read the UTF-8"
    text = raw[1:]
    assert same_table(text, ref["csv"]), f"{text[:500]}\n!=\n{ref['csv'][:500]}"
    table = csv_rows(text)
    assert table[0] == csv_rows(ref["csv"])[0] and all(re.fullmatch(r"[a-z_]+", c) for c in table[0]), table[0]
    shown = w.figures()
    for index, first, show in SHOWN_IN_CSV.get(w.name, []):
        assert show(row_value(table, first)) == shown[index], first

    with w.page.expect_download() as svg_download:
        w.page.click(w.sel("[data-ai45-action=svg]"))
    assert svg_download.value.suggested_filename == f"{w.name}.svg"
    svg = Path(svg_download.value.path()).read_text(encoding="utf-8")
    root = ET.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert svg_title(svg) == w.page.evaluate(f"document.querySelector('#{w.name} [data-ai45-output] svg title')"
                                             ".textContent")
    assert ET.canonicalize(svg) == ET.canonicalize(ref["svg"]), "the file is CPython's chart"


# ---------------------------------------------------------------------------------------------------------------
# 6. Embed, 7. presets


@pytest.mark.parametrize("w", ZH_IDS, indirect=True)
def test_the_embed_snippet_opens_the_widget_in_its_state(w: WidgetPage) -> None:
    w.apply(EMBED_CHANGE[w.name])
    state, figures, output = w.state(), w.figures(), w.output()
    assert w.errors_shown() == {}
    w.page.click(w.sel("[data-ai45-action=embed]"))
    snippet = w.page.input_value(f"#{w.name}-embed")
    match = re.fullmatch(r'<iframe src="([^"]+)" title="([^"]*)" width="100%" height="720" style="border:0" '
                         r'loading="lazy"></iframe>', snippet)
    assert match, snippet
    src, title = match.groups()
    assert title == w.page.inner_text(w.sel(".ai45-title"))
    assert src.startswith(f"{w.base_url}zh/embed/{w.name}/?"), src
    assert query(src) == {f"{w.name}.{k}": v for k, v in state.items() if v != ""}, "every value, written out"
    [embedded] = w.open(src)
    w.wait(embedded.page)
    assert w.state(embedded.page) == state
    assert w.figures(embedded.page) == figures
    assert w.output(embedded.page) == output


PRESET_PARAMS = [pytest.param(f"{name}-{lang}", index, id=f"{name}-{lang}-{preset.id}")
                 for name in NAMES for lang in LANGS for index, preset in enumerate(VIEWS[name].presets)]


@pytest.mark.parametrize(("w", "preset"), PRESET_PARAMS, indirect=["w"])
def test_each_preset_gives_a_result(w: WidgetPage, preset: int) -> None:
    values = VIEWS[w.name].presets[preset].values
    w.apply({"scale": "raw"} if w.name == "plane" else {})  # start away from the preset where possible
    button = w.page.locator(w.sel("button[data-ai45-preset]")).nth(preset)
    assert json.loads(button.get_attribute("data-ai45-preset") or "") == dict(values)
    button.click()
    w.wait()
    state = w.state()
    assert {k: state[k] for k in values} == {k: normalise(w.name, values)[k] for k in values}
    assert w.errors_shown() == {}
    assert w.page.get_attribute(w.sel(), "data-ai45-invalid") == "false"
    assert w.output() == w.expected_html(state)
