"""The teacher's pages: the answer key's numbers (each against a calculation by hand written out here), the
exercises page and the worksheet against the exercise registry, and the handout hook (QR codes, A4)."""

from __future__ import annotations

import json
import math
import re
import sys
from pathlib import Path
from typing import ClassVar
from urllib.parse import parse_qsl, urlsplit

import pytest
from ai45widgets import NAMES, parse_block
from ai45widgets.exercises import EXERCISES, check, expected
from ai45widgets.views import VIEWS

from ai45core import compute
from scripts.parity import keyed_blocks

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
sys.path.insert(0, str(ROOT / "widgets"))
import handout  # noqa: E402  (an MkDocs hook module, not a package)

LANGS = ("en", "zh")
ORDER = list(EXERCISES)


def source(name: str, lang: str) -> str:
    return (DOCS / (f"{name}.md" if lang == "en" else f"{name}.zh.md")).read_text(encoding="utf-8")


def sections(text: str) -> dict[str, str]:
    """``### N. title { #id }`` sections of a page: id → body (up to the next heading)."""
    parts = re.split(r"^#{2,3} .*\{ #([a-z0-9-]+) \}\s*$", text, flags=re.M)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


# ---------------------------------------------------------------------------------------------- answer key

# Every number the key prints in bold, per exercise, calculated by hand (arithmetic written out).
ln8, ln13 = math.log(8), math.log(1.3)
KEY_NUMBERS: dict[str, list[float]] = {
    "plane-log-angle": [ln8,  # 2.0794
                        ln13,  # 0.2624
                        ln13 / ln8,  # 0.1262
                        math.degrees(math.atan(ln13 / ln8)),  # 7.19°
                        math.degrees(math.atan(0.3 / 7)), 0.3 / 7,  # Index scale: 2.45°, 0.0429
                        math.atan(ln13 / ln8)],  # the same angle in radians, 0.1255
    "plane-raw-angle": [40 - 10, 20 - 5, 15 / 30, math.degrees(math.atan(0.5)), 45, 40 / 10, 45],
    "plane-safework-verdict": [25.8 / 10, math.degrees(math.atan(2.58)), 45 - 5, 45 + 5,
                               math.degrees(math.atan(25.8 / 25.8)), math.degrees(math.atan(25.8 / 60))],
    "investment-one-percent": [1 - 0.01, math.sqrt(0.99), math.sqrt(0.01), 0.1 / math.sqrt(0.99),
                               math.degrees(math.atan(0.1 / math.sqrt(0.99))),
                               math.degrees(math.atan(0.01 / 0.99))],  # without square roots: 0.58°
    "investment-efficient-safety": [1 / 17, 100 / 17, 4 * math.sqrt(1 / 17), math.sqrt(1 - 1 / 17),
                                    100 / (1 + 4),  # the usual mistake, 20%
                                    100 / (1 + 1)],  # efficiency 1: 50%
    "ladder-skip-rung": [2 / 4, 0 / 3, 3 / 3, math.ceil(0.5 * 3)],
    "pavlov-seeing": [0.3 * 0.9, 1 - 0.3, 0.7 * 0.1, 0.27 + 0.07, 0.27 / 0.34, 100 * 0.27 / 0.34,
                      90, 0.27 / 0.34],  # the usual mistakes: P(bell | food) = 90%, and the fraction 0.794
    "pavlov-doing": [30, 100 * 0.27 / 0.34 - 30,  # 49.4 points
                     0.5 * 0.7, 0.5 * 0.3, 100 * (0.35 + 0.15), 100 * 0.3],
    "zones-same-score": [50 - 55, 70 - 55],
    "zones-on-the-line": [40 - 40],
    "matrix-gap": [0],
    "benchmarks-siuo-relative": [90.5 - 38.2, 52.3 / 38.2, 100 * 52.3 / 38.2, 100 - 38.2,
                                 100 * 52.3 / 61.8, 100 * 52.3 / 90.5, 99.2 - 91.2, 100 * 8 / 91.2],
    "benchmarks-46-54": [70.4 + 53.8 + 91.2 + 38.2, 253.6 / 4, 92.0 + 74.8 + 99.2 + 90.5, 356.5 / 4,
                         89.125 - 63.4, 100 * 25.725 / 63.4,
                         92.0 - 70.4, 100 * 21.6 / 70.4, 74.8 - 53.8, 100 * 21.0 / 53.8, 100 * 8.0 / 91.2,
                         100 * 52.3 / 38.2,
                         100 * (21.6 / 70.4 + 21.0 / 53.8 + 8.0 / 91.2 + 52.3 / 38.2) / 4,  # 53.85%
                         100 * 25.8 / 63.4],  # with the card's stated averages: 40.69%
    "benchmarks-value-fall": [65.3 - 39.1, 68.1 - 58.4, 54.6 - 48.1, 70.9 - 75.7],
}
BOLD_NUMBER = re.compile(r"\*\*([−-]?[0-9][0-9.]*)\s*(?:°|%)?\*\*")
# The answer line: "**Answer:** 7.19° (…)", "**Answer:** C, …", "**答案：** 7.19°（…）", "**答案：** C，…".
_VALUE = r"\s*([A-H](?=[,，])|[−-]?[0-9]+(?:\.[0-9]+)?[°%]?)"
ANSWER = {"en": re.compile(r"^\*\*Answer:\*\*" + _VALUE, re.M), "zh": re.compile(r"^\*\*答案：\*\*" + _VALUE, re.M)}


def matches(shown: str, value: float) -> bool:
    """``shown`` is ``value`` rounded to the decimals it shows."""
    decimals = len(shown.partition(".")[2])
    return abs(float(shown.replace("−", "-")) - value) <= 0.5 * 10 ** -decimals + 1e-9


@pytest.mark.parametrize("lang", LANGS)
def test_answer_key_covers_every_exercise_in_order(lang: str) -> None:
    found = [k for k in sections(source("answers", lang)) if k in EXERCISES]
    assert found == ORDER


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("exercise_id", ORDER)
def test_answer_key_numbers_match_the_hand_calculation(exercise_id: str, lang: str) -> None:
    body = sections(source("answers", lang))[exercise_id]
    bold = BOLD_NUMBER.findall(body)
    assert bold, "no worked numbers"
    for shown in bold:
        assert any(matches(shown, v) for v in KEY_NUMBERS[exercise_id]), f"{shown} matches no hand calculation"
    for value in KEY_NUMBERS[exercise_id]:  # and each hand-calculated step is shown
        assert any(matches(shown, value) for shown in bold), f"{value} is not in the key"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("exercise_id", ORDER)
def test_answer_key_answer_is_what_the_exercise_accepts(exercise_id: str, lang: str) -> None:
    body = sections(source("answers", lang))[exercise_id]
    answer = ANSWER[lang].search(body)
    assert answer, "no answer line"
    given = answer.group(1)
    assert json.loads(check(exercise_id, given, lang))["verdict"] == "correct", given
    ex = EXERCISES[exercise_id]
    if ex.kind == "number":  # and printed as the question asks (its digits), equal to ai45core's value
        assert given.rstrip("°%") == f"{expected(ex):.{ex.digits}f}"


# -------------------------------------------------------------------------------------------- exercises page

@pytest.mark.parametrize("lang", LANGS)
def test_exercises_page_has_every_exercise_once_numbered_in_order(lang: str) -> None:
    text = source("exercises", lang)
    blocks = re.findall(r"^```ai45 exercise\nid: ([a-z0-9-]+)\n```", text, re.M)
    assert blocks == ORDER
    headings = re.findall(r"^### (\d+)\. .*\{ #([a-z0-9-]+) \}$", text, re.M)
    assert headings == [(str(i + 1), ex_id) for i, ex_id in enumerate(ORDER)]


# ------------------------------------------------------------------------------------------------ worksheet

QUESTIONS = {"q-plane": ["plane-raw-angle"], "q-investment": ["investment-efficient-safety"],
             "q-ladder": ["ladder-skip-rung"], "q-pavlov": ["pavlov-seeing", "pavlov-doing"],
             "q-zones": ["zones-same-score"], "q-matrix": ["matrix-gap"], "q-benchmarks": ["benchmarks-siuo-relative"]}
QR_LINK = re.compile(r"\]\(([^)\s]+)\)\{ \.ai45-qr \}")


def page_blocks(page: str, lang: str) -> dict[str, tuple[str, dict[str, str]]]:
    """A page's widget blocks by key, found and numbered as the build does it (plane, plane2, …)."""
    return keyed_blocks(source(page, lang))


@pytest.mark.parametrize("lang", LANGS)
def test_worksheet_questions_open_the_widget_in_the_exercise_state(lang: str) -> None:
    """Each question's QR link, followed, shows its widget with the page's block and the link's values on
    top: that must compute what the exercise it refers to expects."""
    parts = sections(source("worksheet", lang))
    assert set(QUESTIONS) <= set(parts)
    for question, exercise_ids in QUESTIONS.items():
        links = QR_LINK.findall(parts[question])
        assert len(links) == 1, question
        url = urlsplit(links[0])
        name, block = page_blocks(url.path.removesuffix(".md"), lang)[url.fragment]
        state = {**VIEWS[name].defaults, **block}
        for key, value in parse_qsl(url.query):
            prefix, _, field = key.partition(".")
            assert prefix == url.fragment
            state[field] = value
        params = {k: v for k, v in state.items() if k in VIEWS[name].field_names()}
        for exercise_id in exercise_ids:
            ex = EXERCISES[exercise_id]
            assert ex.widget == name and ex.page == url.path.removesuffix(".md") and ex.key == url.fragment
            got = ex.answer(compute(name, params))
            assert got == (pytest.approx(expected(ex)) if ex.kind == "number" else expected(ex)), question
        numbers = [int(n) for n in re.findall(r"\d+", re.findall(r"\*[（(](?:Exercises?|对应在线练习)[^*]*\*",
                                                                    parts[question])[-1])]
        assert numbers == [ORDER.index(e) + 1 for e in exercise_ids], question


@pytest.mark.parametrize("lang", LANGS)
def test_worksheet_has_room_to_answer_and_a_code_to_check(lang: str) -> None:
    text = source("worksheet", lang)
    assert text.count('<div class="ai45-ws-question" markdown>') == 8
    assert len(re.findall(r'<div class="ai45-ws-lines" data-lines="[3-6]" aria-hidden="true"></div>', text)) == 8
    assert "](exercises.md){ .ai45-qr }" in text


# ----------------------------------------------------------------------------------------------- QR hook

def test_qr_link_gets_code_and_printed_address() -> None:
    html = '<p><a class="ai45-qr" href="../law/?plane2.scale=raw&amp;plane2.safety=1#plane2">Open</a></p>'
    out = handout.render_links(html, "https://example.org/ai45/", "zh/worksheet/", "zh")
    url = "https://example.org/ai45/zh/law/?plane2.scale=raw&plane2.safety=1#plane2"
    assert '<a href="../law/?plane2.scale=raw&amp;plane2.safety=1#plane2">Open</a>' in out
    assert f'<span class="ai45-qr-url">{url.replace("&", "&amp;")}</span>' in out
    assert out.count("<svg ") == 1 and 'role="img"' in out and "二维码" in out
    assert 'class="ai45-qr"' in out  # the class moved to the wrapper, off the link


def test_qr_code_matrix_encodes_the_address() -> None:
    """The SVG's dark modules are segno's matrix for the address (the decoding itself is checked on paper, in
    the browser test that prints the worksheet)."""
    import segno

    url = "https://example.org/ai45/law/#plane2"
    svg = handout.qr_svg(url, "QR code for")
    size = len(segno.make(url, error="m", micro=False, boost_error=False).matrix) + 4  # border 2 on each side
    assert f'viewBox="0 0 {size} {size}"' in svg


def test_only_worksheet_pages_get_the_a4_rule() -> None:
    class Page:
        url = "worksheet/"

    class Config:
        site_url = "https://example.org/"
        theme: ClassVar[dict[str, str]] = {"language": "en"}

    sheet = handout.on_page_content('<div class="ai45-worksheet">x</div>', Page(), Config(), None)  # type: ignore[arg-type]
    other = handout.on_page_content("<p>x</p>", Page(), Config(), None)  # type: ignore[arg-type]
    assert sheet.startswith(handout.A4_RULE) and "size: A4" in handout.A4_RULE
    assert other == "<p>x</p>"
