"""The one boundary, fuzzed: ``ai45widgets.run(name, state_json, lang)`` with anything a page could send it.

The browser passes whatever is in a form or an address; ``run`` must always answer with JSON (``ok`` true with a
rendered fragment, or false with messages) and never raise. A rendered fragment goes into the page as markup, so
nothing a reader typed may come back as a tag or an attribute: text only.
"""

from __future__ import annotations

import json
import math
from html.parser import HTMLParser
from typing import Any

import pytest
from ai45widgets import NAMES, VIEWS, run
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

FUZZ = settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])

HOSTILE = [
    "<script>alert(1)</script>", "<SCRIPT SRC=//x.example/a.js></SCRIPT>", '"><img src=x onerror=alert(1)>',
    "' onmouseover='alert(1)", "javascript:alert(1)", "<svg onload=alert(1)>", "</textarea><script>x</script>",
    "<iframe src=javascript:alert(1)>", "{{7*7}}", "${alert(1)}", "\u0000", "\ufeff", "\u202e", "%E0%A4%A",
    "%3Cscript%3E", "&lt;script&gt;", "NaN", "nan", "-NaN", "Infinity", "-inf", "1e309", "-1e309", "1e-400",
    "0x10", "1_000", "１２３", "١٢٣", "1,,2", ",", " ", "", "😀", "平衡律", "9" * 400, "1, 2, " * 50,
]
"""Values that have broken parsers and pages elsewhere: markup, scripts, non-numbers, odd digits and spaces."""

texts = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=60),
                  st.lists(st.sampled_from(HOSTILE), min_size=1, max_size=4).map(" ".join),
                  st.lists(st.floats(allow_nan=True, allow_infinity=True) | st.integers(-10**30, 10**30),
                           max_size=8).map(lambda xs: ", ".join(map(str, xs))))
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | texts,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10) | texts, inner, max_size=4),
    max_leaves=12)
names = st.sampled_from(NAMES) | st.sampled_from(["", "PLANE", "plane ", "__init__", "<script>", "zones2"]) | st.text(
    max_size=12)
langs = st.sampled_from(["en", "zh", "", "fr", "zh-CN", "<script>", "EN"]) | st.text(max_size=6)


@st.composite
def widget_states(draw: st.DrawFn) -> tuple[str, str]:
    """A known widget with some of its own fields (and now and then a stranger) set to text."""
    name = draw(st.sampled_from(NAMES))
    fields = list(VIEWS[name].field_names())
    keys = draw(st.lists(st.sampled_from(fields) | st.sampled_from(["onclick", "__proto__", "constructor"]),
                         unique=True, max_size=len(fields) + 1))
    return name, json.dumps({k: draw(texts) for k in keys}, ensure_ascii=draw(st.booleans()))


def _reject_constant(name: str) -> Any:
    raise AssertionError(f"{name} in the JSON result: no NaN or infinity may reach a reader")


class _Markup(HTMLParser):
    """Collects what would become live in a page: elements and attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs.extend((k, v or "") for k, v in attrs)

    handle_startendtag = handle_starttag


def check(out: str) -> dict[str, Any]:
    assert isinstance(out, str)
    result: dict[str, Any] = json.loads(out, parse_constant=_reject_constant)
    assert isinstance(result, dict)
    assert result.get("ok") in (True, False), result
    if result["ok"]:
        for key in ("html", "csv", "svg", "summary"):
            assert isinstance(result[key], str), key
        for fragment in (result["html"], result["svg"]):
            assert "<script" not in fragment.lower()
            markup = _Markup()
            markup.feed(fragment)
            markup.close()
            assert not {"script", "iframe", "object", "embed", "img", "base", "meta"} & set(markup.tags)
            events = [k for k, _ in markup.attrs if k.lower().startswith("on")]
            assert events == [], events
            urls = [v for k, v in markup.attrs if k.lower() in ("href", "src", "xlink:href", "action", "formaction")]
            assert not [u for u in urls if u.strip().lower().startswith(("javascript:", "data:text/html"))], urls
        numbers = [float(x) for x in _numbers(result["csv"])]
        assert all(math.isfinite(x) for x in numbers)
    else:
        errors = result["errors"]
        assert isinstance(errors, list) and errors, result
        for error in errors:
            assert set(error) >= {"field", "code", "message"}, error
            assert isinstance(error["message"], str) and error["message"].strip(), error
            assert isinstance(error["field"], str) and isinstance(error["code"], str), error
    return result


def _numbers(csv_text: str) -> list[str]:
    """Cells of a CSV that Python would read as a float (so "nan"/"inf" cells are caught too)."""
    out = []
    for cell in csv_text.replace("\n", ",").split(","):
        cell = cell.strip().strip('"')
        try:
            float(cell)
        except ValueError:
            continue
        out.append(cell)
    return out


@FUZZ
@given(name=names, state=json_values, lang=langs)
def test_any_json_value_as_state_gives_a_json_answer(name: str, state: object, lang: str) -> None:
    check(run(name, json.dumps(state), lang))


@FUZZ
@given(name=names, text=st.text(max_size=200) | st.sampled_from([*HOSTILE, "{", "[1,", '{"a":', "\ud800"]),
       lang=langs)
def test_any_text_as_state_json_gives_a_json_answer(name: str, text: str, lang: str) -> None:
    check(run(name, text, lang))


@FUZZ
@given(case=widget_states(), lang=st.sampled_from(["en", "zh"]))
def test_hostile_field_values_come_back_as_text_or_as_errors(case: tuple[str, str], lang: str) -> None:
    name, state = case
    result = check(run(name, state, lang))
    if not result["ok"]:
        return
    # Whatever was typed may be shown (a label, a name), but only escaped.
    for value in json.loads(state).values():
        if "<" in value:
            assert value not in result["html"] and value not in result["svg"]


def test_nesting_and_huge_values_are_refused_politely() -> None:
    deep = "[" * 500 + "]" * 500
    huge_number = "9" * 5000
    for name in NAMES:
        first = VIEWS[name].field_names()[0]
        for state in (deep, '{"%s": %s}' % (first, deep), '{"%s": %s}' % (first, huge_number),  # noqa: UP031
                      json.dumps({first: "9" * 100_000}), json.dumps({first: "1, " * 30_000}),
                      '{"%s": NaN}' % first, '{"%s": Infinity}' % first):  # noqa: UP031
            for lang in ("en", "zh"):
                result = check(run(name, state, lang))
                assert result["ok"] is False, (name, state[:60])


@pytest.mark.parametrize("depth", [100_000])
def test_very_deep_nesting_is_refused_politely(depth: int) -> None:
    for state in ("[" * depth + "]" * depth, '{"capability": ' + "[" * depth + "]" * depth + "}"):
        assert check(run("plane", state, "en"))["ok"] is False


def test_messages_are_in_the_requested_language() -> None:
    for name in NAMES:
        first = VIEWS[name].field_names()[0]
        en = check(run(name, json.dumps({first: "<script>"}), "en"))
        zh = check(run(name, json.dumps({first: "<script>"}), "zh"))
        if not en["ok"]:
            assert not zh["ok"]
            assert any(not m["message"].isascii() for m in zh["errors"]), zh["errors"]
