"""Every chart measured in Chromium: widget × (its state on the page and each preset) × en/zh × 360/1280 px ×
light/dark. On screen, every text in a chart is at least 12 px tall, no two texts overlap, nothing sticks out
of the chart or its figure, texts contrast with the page, and the layout shown suits the width (the narrow
one on a phone). Marks show their values on keyboard focus, inside the chart. The home page shows the plane
without scrolling, after the law in one sentence and before the form.

One page load per widget and language (its embed page); viewport, colour scheme and presets change within it.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from ai45widgets import VIEWS
from playwright.sync_api import Browser, BrowserContext, Page

from .conftest import wait_output
from .test_site import LANGS, Loaded, choose_scheme, close_page, open_page, reader_context

NAMES = tuple(VIEWS)
WIDTHS = {360: "narrow", 1280: "wide"}
SCHEMES = ("default", "slate")

MEASURE = """key => {
  const problems = [];
  const root = document.getElementById(key);
  const shown = [...root.querySelectorAll('[data-ai45-output] svg.ai45-chart')]
    .filter(s => s.getBoundingClientRect().width > 0);
  if (shown.length !== 1) return {problems: [`${shown.length} charts shown`], variant: null, texts: 0};
  const svg = shown[0];
  const box = svg.getBoundingClientRect();
  const figure = svg.closest('figure').getBoundingClientRect();
  const page = document.documentElement.clientWidth;
  if (box.left < -0.5 || box.right > page + 0.5) problems.push(`chart ${box.left}–${box.right} outside the page`);
  if (box.left < figure.left - 0.5 || box.right > figure.right + 0.5 || box.bottom > figure.bottom + 0.5)
    problems.push('chart outside its figure');
  const scale = box.width / svg.viewBox.baseVal.width;
  const lum = c => { const [r, g, b] = c.match(/[\\d.]+/g).slice(0, 3).map(v => { v /= 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const contrast = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  let bg = 'rgb(255, 255, 255)';
  for (let el = svg; el; el = el.parentElement) {
    const c = getComputedStyle(el).backgroundColor;
    if (c && !c.startsWith('rgba(0, 0, 0, 0)') && c !== 'transparent') { bg = c; break; }
  }
  const texts = [...svg.querySelectorAll('text')].filter(t => !t.closest('.ai45-tip'));
  const boxes = [];
  for (const t of texts) {
    const label = JSON.stringify(t.textContent);
    const size = parseFloat(getComputedStyle(t).fontSize) * scale;
    if (size < 12 - 1e-6) problems.push(`${label} is ${size.toFixed(2)} px`);
    const r = t.getBoundingClientRect();
    if (r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5)
      problems.push(`${label} sticks out of the chart`);
    const ratio = contrast(getComputedStyle(t).fill, bg);
    if (ratio < 4.5) problems.push(`${label} contrast ${ratio.toFixed(2)}:1`);
    boxes.push([label, r]);
  }
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const [a, p] = boxes[i], [b, q] = boxes[j];
    const w = Math.min(p.right, q.right) - Math.max(p.left, q.left);
    const h = Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top);
    if (w > 0.5 && h > 0.5) problems.push(`${a} overlaps ${b}`);
  }
  for (const el of svg.querySelectorAll('rect, line, circle, polygon, polyline, path')) {
    if (el.closest('defs, .ai45-tip, [clip-path]')) continue;
    const r = el.getBoundingClientRect();
    if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1)
      problems.push(`<${el.tagName} class="${el.getAttribute('class') || ''}"> sticks out of the chart`);
  }
  return {problems, variant: svg.classList.contains('ai45-wide') ? 'wide' : 'narrow', texts: texts.length};
}"""

FOCUS = """key => {
  const svg = [...document.getElementById(key).querySelectorAll('svg.ai45-chart')]
    .find(s => s.getBoundingClientRect().width > 0);
  const marks = [...svg.querySelectorAll('.ai45-hit[tabindex="0"]')];
  const out = [];
  for (const mark of [marks[0], marks[marks.length - 1]].filter(Boolean)) {
    mark.focus();
    const tip = mark.querySelector('.ai45-tip');
    const r = tip.getBoundingClientRect(), box = svg.getBoundingClientRect();
    out.push({visible: getComputedStyle(tip).visibility === 'visible', name: mark.getAttribute('aria-label'),
              inside: r.left >= box.left - 0.5 && r.right <= box.right + 0.5 && r.top >= box.top - 0.5
                      && r.bottom <= box.bottom + 0.5,
              text: [...tip.querySelectorAll('text')].map(t => t.textContent).join(' | ')});
    mark.blur();
  }
  return {count: marks.length, checked: out};
}"""


@pytest.fixture(scope="module")
def context(browser: Browser) -> Iterator[BrowserContext]:
    context = reader_context(browser, "light")
    yield context
    context.close()


@pytest.fixture(scope="module", params=[(n, lang) for n in NAMES for lang in LANGS],
                ids=lambda case: f"{case[0]}-{case[1]}")
def embed(request: pytest.FixtureRequest, context: BrowserContext, base_url: str) -> Iterator[Loaded]:
    name, lang = request.param
    path = f"embed/{name}/"
    loaded = open_page(context, base_url, lang, path, LANGS[lang] + path)
    yield loaded
    close_page(loaded)


def measure_everywhere(page: Page, key: str, label: str) -> list[str]:
    problems = []
    for width, variant in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": 900})
        for name in SCHEMES:
            choose_scheme(page, name)
            result = page.evaluate(MEASURE, key)
            where = f"{label} @{width}px {name}"
            if result["variant"] != variant:
                problems.append(f"{where}: shows the {result['variant']} layout, not the {variant} one")
            if not result["texts"]:
                problems.append(f"{where}: no text in the chart")
            problems += [f"{where}: {p}" for p in result["problems"]]
        focus = page.evaluate(FOCUS, key)
        if not focus["count"]:
            problems.append(f"{label} @{width}px: no mark takes keyboard focus")
        for tip in focus["checked"]:
            if not (tip["visible"] and tip["inside"] and tip["name"] and tip["text"]):
                problems.append(f"{label} @{width}px: focused mark's tip {tip}")
    return problems


def test_every_chart_is_readable_on_phone_and_desktop_in_light_and_dark(embed: Loaded) -> None:
    page, name = embed.page, embed.path.split("/")[1]
    problems = measure_everywhere(page, name, f"{embed.lang}:{name} as on the page")
    for preset in VIEWS[name].presets:
        page.set_viewport_size({"width": 1280, "height": 900})
        page.locator(f"#{name} [data-ai45-preset]").nth(VIEWS[name].presets.index(preset)).click()
        wait_output(page, name)
        problems += measure_everywhere(page, name, f"{embed.lang}:{name} preset {preset.id}")
    assert embed.problems_since((0, 0, 0, 0)) == [], "the page reported errors"
    assert problems == [], "\n".join(problems)


def test_a_live_update_keeps_the_plane_in_place(context: BrowserContext, base_url: str) -> None:
    """Changing a value redraws the chart in the same box: nothing below it moves (no layout shift)."""
    loaded = open_page(context, base_url, "en", "embed/plane/", "embed/plane/")
    page = loaded.page
    try:
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            before = page.evaluate("() => document.querySelector('#plane figure').getBoundingClientRect().height")
            page.fill("#plane-safety", "1, 1.2, 1.3, 1.5" if width == 360 else "1, 1.1, 1.25, 1.4")
            wait_output(page, "plane")
            after = page.evaluate("() => document.querySelector('#plane figure').getBoundingClientRect().height")
            assert after == before, f"{width}px: the figure's height went from {before} to {after}"
    finally:
        close_page(loaded)


@pytest.mark.parametrize("lang", list(LANGS))
@pytest.mark.parametrize("size", [(1280, 800), (360, 740)], ids=["desktop", "phone"])
def test_home_page_leads_with_the_picture(browser: Browser, base_url: str, lang: str, size: tuple[int, int]) -> None:
    context = browser.new_context(viewport={"width": size[0], "height": size[1]}, service_workers="block")
    page = context.new_page()
    try:
        page.goto(base_url + LANGS[lang])
        found = page.evaluate("""() => {
          const w = document.querySelector('[data-ai45-widget="plane"]');
          const svg = [...w.querySelectorAll('svg.ai45-chart')].find(s => s.getBoundingClientRect().width > 0);
          const lead = document.querySelector('.md-content h1 + p');
          return {svg: svg.getBoundingClientRect().toJSON(), form: w.querySelector('form').getBoundingClientRect().top,
                  lead: lead.getBoundingClientRect().toJSON(), leadText: lead.textContent,
                  height: innerHeight, scrolled: scrollY};
        }""")
        svg, lead = found["svg"], found["lead"]
        assert found["scrolled"] == 0
        assert 0 <= svg["top"] and svg["bottom"] <= found["height"], f"the plane is not all above the fold: {found}"
        assert lead["bottom"] <= svg["top"] and "45°" in found["leadText"], "the law in one sentence, first"
        assert found["form"] >= svg["bottom"], "the controls come after the figure"
    finally:
        context.close()
