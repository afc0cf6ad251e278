"""Exercises check themselves in the browser: the engine computes each answer with ai45core (nothing in the page
holds it), in the page's language, before and after the engine has loaded."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page

from .conftest import wait_until

# The right answers, worked out by hand (tests/widgets/test_exercises.py writes out each calculation), and a wrong one.
ANSWERS = {
    "plane-log-angle": ("7.19", "2.45"),          # atan(ln 1.3 / ln 8); 2.45° is the index-scale angle
    "plane-raw-angle": ("26.57", "45"),           # atan(15 / 30)
    "plane-safework-verdict": ("C", "A"),
    "investment-one-percent": ("5.74", "45"),
    "investment-efficient-safety": ("5.88", "50"),
    "ladder-skip-rung": ("B", "C"),
    "pavlov-seeing": ("79.4", "30"),              # P(B|F) > P(F|do(B)): seeing is not doing
    "pavlov-doing": ("D", "A"),
    "zones-same-score": ("C", "A"),
    "zones-on-the-line": ("B", "A"),
    "matrix-gap": ("0", "3"),
    "benchmarks-siuo-relative": ("136.9", "52.3"),  # 52.3 / 38.2; 52.3 is the change in points
    "benchmarks-46-54": ("C", "A"),
    "benchmarks-value-fall": ("D", "A"),
}
CJK = re.compile(r"[\u4e00-\u9fff]")


def verdict(page: Page, exercise: str, answer: str, *, enter: bool = False) -> tuple[str, str]:
    root = page.locator(f"[data-ai45-exercise='{exercise}']")
    box = root.locator("[data-ai45-answer]")
    box.fill(answer)
    before = root.locator("[data-ai45-verdict]").get_attribute("data-ai45-verdict")
    if enter:
        box.press("Enter")
    else:
        root.locator("[data-ai45-check]").click()
    # Wait for this check's verdict: the attribute is set when the answer has come back (a re-check of the same
    # verdict shows it again, so also wait for the busy mark to go).
    wait_until(page, "([id, before]) => { const v = document.querySelector(`[data-ai45-exercise='${id}'] "
                     "[data-ai45-verdict]`); return !v.hasAttribute('aria-busy') && v.getAttribute('data-ai45-verdict')"
                     " && (v.getAttribute('data-ai45-verdict') !== before || v.textContent.length > 0); }",
               arg=[exercise, before or ""], timeout=60_000)
    element = root.locator("[data-ai45-verdict]")
    return element.get_attribute("data-ai45-verdict") or "", element.inner_text()


@pytest.mark.parametrize("prefix", ["", "zh/"])
def test_every_exercise_accepts_its_answer_and_refuses_a_wrong_one(page: Page, base_url: str, prefix: str) -> None:
    page.goto(f"{base_url}{prefix}exercises/")
    found = page.evaluate("() => [...document.querySelectorAll('[data-ai45-exercise]')]"
                          ".map(e => e.dataset.ai45Exercise)")
    assert sorted(found) == sorted(ANSWERS), "the exercises page and this table disagree"
    widgets = set(page.evaluate("() => [...document.querySelectorAll('[data-ai45-exercise]')]"
                                ".map(e => e.dataset.ai45ExerciseWidget)"))
    assert widgets >= {"plane", "investment", "ladder", "pavlov", "zones", "matrix", "benchmarks"}
    html = page.content()
    for exercise, (right, wrong) in ANSWERS.items():
        if re.fullmatch(r"[\d.]+", right):
            assert f'value="{right}"' not in html and "data-answer" not in html, "an answer is in the page"
        got, text = verdict(page, exercise, right)
        assert got == "correct", (exercise, right, text)
        assert bool(CJK.search(text)) == (prefix == "zh/"), text
        got, text = verdict(page, exercise, wrong)
        assert got == "incorrect", (exercise, wrong, text)
        assert text.strip()


@pytest.mark.parametrize("prefix", ["", "zh/"])
@pytest.mark.parametrize("answer", ["", "abc", "NaN", "1e999", "<img src=x onerror=alert(1)>", "-"])
def test_bad_answers_are_invalid_with_a_message_and_kept(page: Page, base_url: str, prefix: str, answer: str) -> None:
    page.goto(f"{base_url}{prefix}exercises/")
    got, text = verdict(page, "plane-raw-angle", answer, enter=True)
    assert got == "invalid"
    assert text.strip() and bool(CJK.search(text)) == (prefix == "zh/")
    assert page.locator("[data-ai45-exercise='plane-raw-angle'] [data-ai45-answer]").input_value() == answer
    assert page.locator("img[src=x]").count() == 0


def test_a_check_typed_before_the_engine_loads_is_answered(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}exercises/")
    assert page.evaluate("() => window.__ai45.engineStatus()") in ("idle", "loading")
    got, _ = verdict(page, "benchmarks-siuo-relative", "136,9")  # a decimal comma
    assert got == "correct"
