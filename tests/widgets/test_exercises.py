"""Exercises that check themselves: the expected answers (worked out by hand here), the ways readers type them,
bad input, the link to the widget state, the static HTML contract, and check() fuzzed with any text."""

from __future__ import annotations

import json
import math
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
from ai45widgets import NAMES
from ai45widgets import exercises as ex_mod
from ai45widgets.exercises import EXERCISES, ExerciseError, check, expected, render_exercise, try_link
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ai45core import compute
from scripts.parity import keyed_blocks

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
LANGS = ("en", "zh")
CJK = re.compile(r"[\u4e00-\u9fff]")

# Expected answers, worked out by hand from each exercise's stated parameters (not from ai45core).
HAND: dict[str, float | str] = {
    # Log scale: ΔC′ = ln 8 − ln 1 = 2.079442, ΔS′ = ln 1.3 = 0.262364; atan(0.262364 / 2.079442)
    # = atan(0.126170) = 7.1910°.
    "plane-log-angle": math.degrees(math.atan(0.262364 / 2.079442)),
    # Raw scale: ΔC = 40 − 10 = 30, ΔS = 20 − 5 = 15; atan(15 / 30) = atan(0.5) = 26.5651°.
    "plane-raw-angle": math.degrees(math.atan(0.5)),
    # Raw step (10, 25.8): atan(2.58) = 68.81°, more than 45° + 5° → above the band.
    "plane-safework-verdict": "over_constrained",
    # Power returns, α = 0.5: P_c = √0.99 = 0.994987, P_s = √0.01 = 0.1; atan(0.1 / 0.994987) = 5.7392°.
    "investment-one-percent": math.degrees(math.atan(0.1 / 0.994987)),
    # 4·√s = √(1 − s) → 16 s = 1 − s → s = 1/17 = 0.0588235 = 5.88235%.
    "investment-efficient-safety": 100 / 17,
    # Layer 1 (SFT, RLHF, RLAIF, SuperAlignment): 2 of 4 = 0.5 ≥ 0.5, counts. Layer 2 (human-in-the-loop,
    # mechanistic interpretability, adversarial drills): 0 of 3 < 0.5, stops the climb. Stage 1.
    "ladder-skip-rung": "1",
    # P(F | B) = 0.3 × 0.9 / (0.3 × 0.9 + 0.7 × 0.1) = 0.27 / 0.34 = 0.794118 → 79.4118%.
    "pavlov-seeing": 27 / 34 * 100,
    # The bell does not cause food: P(F | do(B)) = P(F) = 0.3 → 30.0%.
    "pavlov-doing": "30.0",
    # Example C: 55 ≥ red line 50 → red.
    "zones-same-score": "red",
    # Example D: 40 ≥ yellow line 40 and 40 < red line 70 → yellow (a score on a line reaches it).
    "zones-on-the-line": "yellow",
    # Perception (level 1) has no mark, so no level counts: 0.
    "matrix-gap": 0.0,
    # SIUO: (90.5 − 38.2) / 38.2 = 52.3 / 38.2 = 1.369110 → 136.9110%.
    "benchmarks-siuo-relative": 52.3 / 38.2 * 100,
    # Means: (70.4 + 53.8 + 91.2 + 38.2) / 4 = 63.4 → (92.0 + 74.8 + 99.2 + 90.5) / 4 = 89.125: +40.58%.
    # Per test: 21.6/70.4 = 30.68%, 21.0/53.8 = 39.03%, 8.0/91.2 = 8.77%, 52.3/38.2 = 136.91%: mean 53.85%.
    # Neither is within half a point of the reported 46.54%.
    "benchmarks-46-54": "neither",
    # Values: FLAMES +26.2, Judge +9.7, Classification +6.5, Response 70.9 − 75.7 = −4.8: the only fall.
    "benchmarks-value-fall": "M³oralBench Response",
}

# The same answers as a reader would type them (the right number rounded as asked, or the option's letter).
TYPED: dict[str, str] = {
    "plane-log-angle": "7.19", "plane-raw-angle": "26.57", "plane-safework-verdict": "C",
    "investment-one-percent": "5.74", "investment-efficient-safety": "5.88", "ladder-skip-rung": "B",
    "pavlov-seeing": "79.4", "pavlov-doing": "D", "zones-same-score": "C", "zones-on-the-line": "B",
    "matrix-gap": "0", "benchmarks-siuo-relative": "136.9", "benchmarks-46-54": "C", "benchmarks-value-fall": "D",
}

# A plausible wrong answer for each: the usual mistake where there is one.
WRONG: dict[str, str] = {
    "plane-log-angle": "2.45",  # the Index scale's angle
    "plane-raw-angle": "45",  # the Index scale's angle
    "plane-safework-verdict": "A",
    "investment-one-percent": "0.57",  # 1% of 57.3°, a share read as an angle
    "investment-efficient-safety": "20",  # 1/(1 + 4)
    "ladder-skip-rung": "D",  # counting the Reflectable layer above the gap
    "pavlov-seeing": "90",  # P(bell | food) mistaken for P(food | bell)
    "pavlov-doing": "B",  # seeing's answer
    "zones-same-score": "B",  # B's zone
    "zones-on-the-line": "A",
    "matrix-gap": "4",  # the autonomy row alone
    "benchmarks-siuo-relative": "57.8",  # gain divided by the final score
    "benchmarks-46-54": "A",
    "benchmarks-value-fall": "A",
}


def verdict(exercise_id: str, answer: str, lang: str = "en") -> dict[str, str]:
    out: dict[str, str] = json.loads(check(exercise_id, answer, lang))
    return out


def test_every_widget_has_an_exercise_and_every_exercise_is_worked_here() -> None:
    assert {ex.widget for ex in EXERCISES.values()} == set(NAMES)
    assert set(HAND) == set(EXERCISES) == set(TYPED) == set(WRONG)


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_expected_answer_matches_the_hand_calculation(exercise_id: str) -> None:
    ex, hand = EXERCISES[exercise_id], HAND[exercise_id]
    got = expected(ex)
    if isinstance(hand, str):
        assert got == hand
        assert hand in [o.key for o in ex.options]
    else:
        assert isinstance(got, float)
        # The hand values above carry 6–7 significant figures: agreement to 1e-5 of the tolerance's scale.
        assert got == pytest.approx(hand, abs=1e-5)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_right_answer_accepted_wrong_one_refused_in_the_page_language(exercise_id: str, lang: str) -> None:
    right = verdict(exercise_id, TYPED[exercise_id], lang)
    wrong = verdict(exercise_id, WRONG[exercise_id], lang)
    assert right["verdict"] == "correct", right
    assert wrong["verdict"] == "incorrect", wrong
    for message in (right["message"], wrong["message"]):
        assert bool(CJK.search(message)) == (lang == "zh"), message
        assert "{" not in message and "}" not in message  # every placeholder filled


@pytest.mark.parametrize("exercise_id", [i for i, ex in EXERCISES.items() if ex.kind == "number" and ex.tolerance])
def test_tolerance_is_the_stated_one(exercise_id: str) -> None:
    ex = EXERCISES[exercise_id]
    hand = float(HAND[exercise_id])
    inside, outside = hand + 0.9 * ex.tolerance, hand + 1.5 * ex.tolerance
    assert verdict(exercise_id, f"{inside:.6f}")["verdict"] == "correct"
    assert verdict(exercise_id, f"{outside:.6f}")["verdict"] == "incorrect"
    assert verdict(exercise_id, f"{hand - 1.5 * ex.tolerance:.6f}")["verdict"] == "incorrect"


@pytest.mark.parametrize("typed", ["7.19", "7,19", " 7.19 ", "+7.19", "7.19°", "7.19 度", "７．１９", "７，１９",
                                   "7.190", "0007.19", "\u30007.19\u3000"])
def test_numbers_as_readers_type_them(typed: str) -> None:
    assert verdict("plane-log-angle", typed)["verdict"] == "correct"


@pytest.mark.parametrize("typed", ["79.4", "79,4", "79.4%", "79.4 %", "７９．４％", "79.4 per cent"])
def test_percentages_as_readers_type_them(typed: str) -> None:
    assert verdict("pavlov-seeing", typed)["verdict"] == "correct"


@pytest.mark.parametrize("typed", ["c", "C", " C ", "(C)", "（C）", "C.", "Ｃ", "ｃ", "red", "RED", "Red zone",
                                   "红区", "红", "red zone。"])
def test_choices_by_letter_or_words_in_either_language(typed: str) -> None:
    for lang in LANGS:
        assert verdict("zones-same-score", typed, lang)["verdict"] == "correct"


def test_choice_words_match_only_their_own_option() -> None:
    assert verdict("zones-same-score", "yellow zone")["verdict"] == "incorrect"
    assert verdict("zones-same-score", "黄区", "zh")["verdict"] == "incorrect"
    assert verdict("pavlov-doing", "30%")["verdict"] == "correct"
    assert verdict("pavlov-doing", "79.4")["verdict"] == "incorrect"
    assert verdict("benchmarks-value-fall", "m3oralbench response")["verdict"] == "correct"
    assert verdict("ladder-skip-rung", "泛对齐", "zh")["verdict"] == "correct"


@pytest.mark.parametrize(("exercise_id", "typed"), [
    ("plane-log-angle", ""), ("plane-log-angle", "   "), ("plane-log-angle", "abc"), ("plane-log-angle", "NaN"),
    ("plane-log-angle", "inf"), ("plane-log-angle", "-Infinity"), ("plane-log-angle", "1e999"),
    ("plane-log-angle", "7.19.2"), ("plane-log-angle", "0x10"), ("plane-log-angle", "7 19"),
    ("plane-log-angle", "1,2,3"), ("plane-log-angle", "٧"), ("plane-log-angle", "9" * 101),
    ("plane-log-angle", "<script>alert(1)</script>"), ("zones-same-score", "D"), ("zones-same-score", "purple"),
    ("zones-same-score", ""), ("no-such-exercise", "1"), ("", "1"), ("<img src=x onerror=alert(1)>", "1"),
])
def test_bad_input_is_invalid_with_a_message_in_each_language(exercise_id: str, typed: str) -> None:
    for lang in LANGS:
        out = verdict(exercise_id, typed, lang)
        assert out["verdict"] == "invalid", out
        assert out["message"] and bool(CJK.search(out["message"])) == (lang == "zh")


def test_huge_number_is_invalid_not_incorrect() -> None:
    assert verdict("plane-log-angle", "1e999")["message"] == "That number is too large to be an answer here."
    assert verdict("plane-log-angle", "9" * 400)["verdict"] == "invalid"  # over the length limit


def test_near_misses_explain_the_mix_up() -> None:
    fraction = verdict("pavlov-seeing", "0.794")
    assert fraction["verdict"] == "incorrect" and "per cent" in fraction["message"]
    radians = verdict("plane-log-angle", f"{math.radians(7.191):.4f}", "zh")
    assert radians["verdict"] == "incorrect" and "弧度" in radians["message"]


def test_wrong_type_arguments_never_raise() -> None:
    for args in [(None, "1", "en"), ("plane-log-angle", None, "en"), ("plane-log-angle", "7.19", None),
                 (42, 42, 42), ("plane-log-angle", "7.19", "fr")]:
        out = json.loads(check(*args))  # type: ignore[arg-type]
        assert out["verdict"] in ("correct", "invalid")


FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
HOSTILE = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "javascript:alert(1)", "\u0000",
           "\ufeff", "\u202e", "NaN", "-inf", "1e309", "1e-400", "１２３", "١٢٣", "1,,2", ",", "😀", "平衡律",
           "9" * 400, "{answer}", "%s", "{0}", "\\", "A" * 100, "a" * 101]


@FUZZ
@given(exercise_id=st.sampled_from(list(EXERCISES)) | st.text(max_size=20),
       answer=st.sampled_from(HOSTILE) | st.text(max_size=120) | st.floats().map(str),
       lang=st.sampled_from(["en", "zh", "", "ZH", "de"]) | st.text(max_size=5))
def test_check_answers_any_text_with_one_of_three_verdicts(exercise_id: str, answer: str, lang: str) -> None:
    out = json.loads(check(exercise_id, answer, lang))
    assert set(out) == {"verdict", "message"}
    assert out["verdict"] in ("correct", "incorrect", "invalid")
    assert isinstance(out["message"], str) and out["message"].strip()


# ------------------------------------------------------------------------------------------- the widget link



def page_widgets(page: Path) -> dict[str, tuple[str, dict[str, str]]]:
    """The widget blocks of a page by key, found and numbered as the build does it."""
    return keyed_blocks(page.read_text(encoding="utf-8"))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_the_linked_widget_shows_the_state_the_question_is_about(exercise_id: str, lang: str) -> None:
    """The key names that widget on that page, and the page's block with the link's values on top computes
    the same answer: what the reader sees after following the link is what the question asks about."""
    ex = EXERCISES[exercise_id]
    page = DOCS / (f"{ex.page}.md" if lang == "en" else f"{ex.page}.zh.md")
    name, block = page_widgets(page)[ex.key]
    assert name == ex.widget
    shown = {**ex_mod.VIEWS[name].defaults, **block, **ex.state}
    on_page = ex.answer(compute(name, {k: v for k, v in shown.items() if k in ex_mod.VIEWS[name].field_names()}))
    assert on_page == (pytest.approx(expected(ex)) if ex.kind == "number" else expected(ex))


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_link_carries_the_state_in_the_widgets_url_format(exercise_id: str) -> None:
    ex = EXERCISES[exercise_id]
    url = urlsplit(try_link(ex))
    assert url.path == f"../{ex.page}/" and url.fragment == ex.key
    pairs = parse_qsl(url.query, keep_blank_values=True)
    assert dict(pairs) == {f"{ex.key}.{k}": v for k, v in ex.state.items()}
    for key, value in pairs:  # widgets/js/urlstate.js: KEY and the values it refuses
        assert re.fullmatch(r"([a-z]+[0-9]*)\.([a-z_]{1,40})", key)
        assert not re.search(r"[<>]|javascript:", value)


# ------------------------------------------------------------------------------------------- the static HTML

class Tree(HTMLParser):
    """Elements with their attributes and the text inside each (enough for the DOM contract)."""

    def __init__(self) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str | None], list[str]]] = []
        self.open: list[int] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs), []))
        if tag not in ("input", "br", "img"):
            self.open.append(len(self.elements) - 1)

    def handle_endtag(self, tag: str) -> None:
        assert self.open and self.elements[self.open[-1]][0] == tag, f"unbalanced </{tag}>"
        self.open.pop()

    def handle_data(self, data: str) -> None:
        for i in self.open:
            self.elements[i][2].append(data)

    def find(self, test: Any) -> list[tuple[str, dict[str, str | None], str]]:
        return [(tag, a, "".join(text)) for tag, a, text in self.elements if test(tag, a)]


def tree(html: str) -> Tree:
    parsed = Tree()
    parsed.feed(html)
    parsed.close()
    assert not parsed.open, "unclosed elements"
    return parsed


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_render_follows_the_dom_contract(exercise_id: str, lang: str) -> None:
    ex = EXERCISES[exercise_id]
    html = render_exercise(exercise_id, lang)
    doc = tree(html)
    tag, root, text = doc.elements[0][0], doc.elements[0][1], "".join(doc.elements[0][2])
    assert tag == "div"
    assert root.get("data-ai45-exercise") == exercise_id
    assert "data-ai45-widget" not in html  # widgets/js/mount.js mounts every [data-ai45-widget] as a widget
    assert len(doc.find(lambda t, a: "data-ai45-exercise" in a)) == 1
    answers = doc.find(lambda t, a: "data-ai45-answer" in a)
    assert len(answers) == 1 and answers[0][0] == "input" and answers[0][1]["type"] == "text"
    labels = doc.find(lambda t, a: t == "label" and a.get("for") == answers[0][1]["id"])
    assert len(labels) == 1 and labels[0][2].strip()
    buttons = doc.find(lambda t, a: "data-ai45-check" in a)
    assert len(buttons) == 1 and buttons[0][0] == "button" and buttons[0][1]["type"] == "button"
    verdicts = doc.find(lambda t, a: "data-ai45-verdict" in a)
    assert len(verdicts) == 1 and verdicts[0][1]["data-ai45-verdict"] == "" and not verdicts[0][2].strip()
    hint = doc.find(lambda t, a: t == "details")
    assert len(hint) == 1 and ex.hint[lang] in hint[0][2]
    links = doc.find(lambda t, a: t == "a")
    assert [a["href"] for _, a, _ in links] == [try_link(ex)]
    assert ex.question[lang] in text
    if ex.kind == "choice":
        items = doc.find(lambda t, a: t == "li")
        assert [i[2].split()[0] for i in items] == list("ABCDEFGH"[:len(ex.options)])
        assert [i[2].split(maxsplit=1)[1] for i in items] == [o.text[lang] for o in ex.options]
    elif ex.digits:  # (a whole-number answer such as 0 is bound to appear in "from 0 to 5")
        # The page carries no copy of the answer: the browser has to ask ai45core.
        assert f"{float(HAND[exercise_id]):.{ex.digits}f}" not in text
    assert bool(CJK.search(text)) == (lang == "zh")


def test_render_unknown_exercise_fails_loudly() -> None:
    with pytest.raises(ExerciseError, match="unknown exercise"):
        render_exercise("plane-log-angel", "en")
