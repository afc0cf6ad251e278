"""The embed pages (one widget alone, for an iframe in slides or course pages), held to the site's standard:
they load cleanly with Material's script running and the widget live, follow the reader's colour scheme, have
no WCAG 2.0/2.1 A or AA violation in dark or light mode, fit a 360 px wide frame and print their result.

The navigation pages get the same checks in test_site.py; the helpers are shared from there.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext

from .test_site import (
    DUPLICATE_IDS,
    LANGS,
    PHONE,
    Loaded,
    axe,
    choose_scheme,
    close_page,
    open_page,
    overflow_at,
    print_problems,
    reader_context,
    scheme,
)

DOCS = Path(__file__).resolve().parents[2] / "docs"
EMBEDS = sorted(f"embed/{p.stem}/" for p in (DOCS / "embed").glob("*.md") if not re.search(r"\.\w\w$", p.stem))
PAGES = [(lang, path) for lang in LANGS for path in EMBEDS]


@pytest.fixture(scope="module")
def dark_context(browser: Browser) -> Iterator[BrowserContext]:
    context = reader_context(browser, "dark")
    yield context
    context.close()


@pytest.fixture(scope="module", params=PAGES, ids=lambda case: f"{case[0]}:{case[1].strip('/')}")
def embed(request: pytest.FixtureRequest, dark_context: BrowserContext, base_url: str) -> Iterator[Loaded]:
    lang, path = request.param
    page = open_page(dark_context, base_url, lang, path, LANGS[lang] + path)
    yield page
    close_page(page)


@pytest.fixture
def embed_page(embed: Loaded) -> Iterator[Loaded]:
    mark = embed.mark()
    yield embed
    problems = embed.problems_since(mark)
    assert problems == [], "\n".join(problems)


def test_embed_page_loads_cleanly_with_its_widget_live(embed: Loaded) -> None:
    page = embed.page
    problems = embed.problems_since((0, 0, 0, 0))
    assert problems == [], "\n".join(problems)
    assert page.evaluate("() => typeof window.document$") == "object", "Material's script did not start"
    assert page.evaluate("() => document.documentElement.lang") == embed.lang
    widgets = page.locator("[data-ai45-widget]")
    assert widgets.count() == 1
    assert widgets.first.get_attribute("data-ai45-state") == "live"
    assert page.locator(".md-header, .md-sidebar, .md-footer").count() == 0, "an embed shows the site's frame"
    assert page.evaluate(DUPLICATE_IDS) == []


def test_embed_page_follows_the_readers_dark_preference_without_accessibility_violations(embed_page: Loaded) -> None:
    assert scheme(embed_page.page) == "slate"
    assert axe(embed_page.page, f"{embed_page.lang}:{embed_page.path} dark") == []


def test_embed_page_has_no_accessibility_violations_in_light_mode(embed_page: Loaded) -> None:
    choose_scheme(embed_page.page, "default")
    assert axe(embed_page.page, f"{embed_page.lang}:{embed_page.path} light") == []


def test_embed_page_fits_a_360_px_frame_and_prints_its_result(embed_page: Loaded) -> None:
    assert overflow_at(embed_page.page, PHONE) == []
    assert print_problems(embed_page.page) == []
