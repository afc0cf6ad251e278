"""The playground's Python half (CPython): what a run shows, errors and their explanation in both languages, bad
input, isolation (code typed in the playground cannot change what the widgets compute afterwards), the starter
examples against the widgets' own figures, and the static HTML contract."""

from __future__ import annotations

import ast
import importlib
import json
import math
import os
import random
import re
import sys
from html import unescape
from pathlib import Path
from typing import Any

import pytest
from ai45widgets import BLOCK_NAMES, VIEWS, WidgetError, render_block, run
from ai45widgets import playground as pg
from ai45widgets.examples import EXAMPLES, Example
from ai45widgets.exercises import EXERCISES
from ai45widgets.playground import MAX_CODE, MAX_OUTPUT, PlaygroundError, execute, render_playground
from ai45widgets.views._util import uid
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ai45core
from ai45core import plane
from scripts.parity import read_page

ROOT = Path(__file__).resolve().parents[2]
LANGS = ("en", "zh")
CJK = re.compile(r"[\u4e00-\u9fff]")
KEYS = {"ok", "output", "value", "html", "notes", "error"}


def go(code: str, lang: str = "en") -> dict[str, Any]:
    reply = json.loads(execute(code, lang))
    assert set(reply) == KEYS, reply
    return reply


# ------------------------------------------------------------------------------------------------ what a run shows

def test_printed_text_and_the_last_lines_value_like_a_notebook_cell() -> None:
    reply = go("x = 6 * 7\nprint('x is', x)\nx")
    assert reply == {"ok": True, "output": "x is 42\n", "value": "42", "html": "", "notes": [], "error": None}
    assert go("x = 1")["value"] is None  # an assignment shows nothing
    assert go("print('a')")["value"] is None  # print returns None: nothing more than its text
    assert go("'a' + 'b'")["value"] == "'ab'"  # a value is shown as its repr, as in a notebook
    assert go("")["ok"] is True


def test_stdout_and_stderr_in_the_order_they_were_written_and_warnings_reported_not_raised() -> None:
    reply = go("import sys, warnings\nprint(1)\nprint(2, file=sys.stderr)\nwarnings.warn('careful')\nprint(3)")
    assert reply["ok"]
    lines = reply["output"].splitlines()
    assert lines[:2] == ["1", "2"] and lines[-1] == "3"
    assert "UserWarning: careful" in reply["output"]
    # A warning while compiling (an invalid escape) is shown too; the pytest setting "warnings are errors" does
    # not leak into the reader's run.
    reply = go('s = "\\d"\nprint(len(s))')
    assert reply["ok"] and reply["output"].endswith("2\n") and "SyntaxWarning" in reply["output"]


def test_a_fresh_namespace_for_every_run() -> None:
    assert go("secret = 1")["ok"]
    reply = go("secret")
    assert reply["error"]["type"] == "NameError"
    assert go("__name__")["value"] == "'__main__'"


def test_tabular_values_are_tables_with_everything_escaped() -> None:
    html = go("{'<b>angle</b>': 45, 'scale': 'index'}")["html"]
    assert "<table" in html and "&lt;b&gt;angle&lt;/b&gt;" in html and "<b>" not in html
    html = go("[{'name': 'A', 'score': 30}, {'name': 'B', 'score': 55, 'note': '<i>'}]")["html"]
    head = re.findall(r"<th scope=\"col\">(.*?)</th>", html)
    assert head == ["name", "score", "note"]
    assert html.count("<tr>") == 3 and "&lt;i&gt;" in html
    html = go("from collections import namedtuple\nP = namedtuple('P', 'x y')\n[P(1, 2), P(3, 4)]")["html"]
    assert re.findall(r"<th scope=\"col\">(.*?)</th>", html) == ["x", "y"]
    assert go("3.5")["html"] == "" and go("'text'")["html"] == ""  # a single value is not a table
    reply = go("list(range(1000))")  # a long list: not a table of rows, its repr is cut
    assert reply["html"] == "" and len(reply["value"]) <= pg.MAX_VALUE + 20
    html = go("[(i, i * i) for i in range(1000)]")["html"]
    assert html.count("<tr>") == pg.MAX_ROWS + 1 and "900" in unescape(html)  # 1000 − 100 rows left out


@pytest.mark.parametrize("name", ai45core.NAMES)
@pytest.mark.parametrize("lang", LANGS)
def test_a_core_result_is_drawn_with_the_widgets_own_chart_and_listed_as_a_table(name: str, lang: str) -> None:
    view = VIEWS[name]
    params = {k: v for k, v in view.defaults.items() if k in view.field_names()}
    widget = json.loads(run(name, json.dumps(params), lang))
    reply = go(f"from ai45core import COMPUTATIONS\nCOMPUTATIONS[{name!r}]({params!r})", lang)
    assert reply["ok"] and reply["value"] is None
    # The same figure as the widget's for the same inputs (its element ids are made from the inputs): the chart
    # in both its layouts, wide and narrow.
    figure = re.search(r'<figure class="ai45-figure[^"]*">.*?</figure>', widget["html"], re.S)
    assert figure and widget["svg"] in figure.group(0) and figure.group(0).count("<svg") == 2
    assert figure.group(0).replace(uid(name, params), uid(name, {})) in reply["html"]
    result_type = type(ai45core.COMPUTATIONS[name](params)).__name__
    assert "<table" in reply["html"] and f"{result_type}" in reply["html"]


def test_a_result_built_by_hand_that_cannot_be_drawn_is_still_listed() -> None:
    code = ("from ai45core.plane import balance\nr = balance([1, 2], [1, 2])\n"
            "object.__setattr__(r, 'capability_scaled', 'not numbers')\nr")
    reply = go(code)
    assert reply["ok"] and "<table" in reply["html"] and "<svg" not in reply["html"]
    assert "could not be drawn" in reply["notes"][0]


# ---------------------------------------------------------------------------------------------------------- errors

def test_a_traceback_shows_the_readers_lines_only() -> None:
    reply = go("def f(x):\n    return 1 / x\n\nprint('before')\nf(0)")
    assert not reply["ok"] and reply["output"] == "before\n"
    tb = reply["error"]["traceback"]
    assert tb.startswith("Traceback (most recent call last):")
    assert 'File "<playground>", line 5' in tb and 'File "<playground>", line 2, in f' in tb
    assert "return 1 / x" in tb and tb.rstrip().endswith("ZeroDivisionError: division by zero")
    assert "playground.py" not in tb and "ai45widgets" not in tb
    assert reply["error"]["type"] == "ZeroDivisionError" and reply["error"]["explanation"] == ""


@pytest.mark.parametrize("lang", LANGS)
def test_ai45error_is_explained_in_the_pages_language_with_the_librarys_own_message(lang: str) -> None:
    reply = go("from ai45core.plane import balance\nbalance([1, 2, 4, 8], [1, 2])", lang)
    error = reply["error"]
    assert not reply["ok"] and error["type"] == "AI45Error"
    assert error["code"] == "length_mismatch" and error["field"] == "safety"
    try:
        plane.balance([1, 2, 4, 8], [1, 2])
    except ai45core.AI45Error as err:
        expected = err.zh if lang == "zh" else err.en
    assert expected in error["explanation"] and "safety" in error["explanation"]
    assert bool(CJK.search(error["explanation"])) == (lang == "zh")
    assert "\n" not in error["explanation"]  # one line
    # The traceback ends at the reader's call: the library's internals are left out.
    assert "_check.py" not in error["traceback"] and "plane.py" not in error["traceback"]
    assert "balance([1, 2, 4, 8], [1, 2])" in error["traceback"]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("code", "kind", "mentions"), [
    ("x = (1,\nprint(x)", "SyntaxError", "1"),
    ("if True:\nprint(1)", "IndentationError", "2"),
    ("print(angel)", "NameError", "angel"),
    ("def f(n):\n    return f(n + 1)\nf(0)", "RecursionError", ""),
    ("name = input('Your name? ')", "EOFError", "input()"),
    ("import numpy", "ModuleNotFoundError", "ai45core"),
])
def test_common_errors_get_a_line_in_plain_words(lang: str, code: str, kind: str, mentions: str) -> None:
    error = go(code, lang)["error"]
    assert error["type"] == kind
    assert error["explanation"] and mentions in error["explanation"]
    assert bool(CJK.search(error["explanation"])) == (lang == "zh")


def test_a_syntax_error_points_at_the_line() -> None:
    tb = go("print('ok')\nx = = 2")["error"]["traceback"]
    assert 'File "<playground>", line 2' in tb and "x = = 2" in tb and "^" in tb


def test_chained_exceptions_keep_both_parts() -> None:
    tb = go("try:\n    {}['k']\nexcept KeyError as e:\n    raise ValueError('bad') from e")["error"]["traceback"]
    assert "KeyError: 'k'" in tb and "direct cause" in tb and tb.rstrip().endswith("ValueError: bad")


def test_deep_and_mutual_recursion_give_a_short_traceback() -> None:
    error = go("def f(n):\n    return f(n + 1)\nf(0)")["error"]
    assert error["type"] == "RecursionError" and "Previous line repeated" in error["traceback"]
    assert error["traceback"].count("\n") < 30
    error = go("def f(n):\n    return g(n)\ndef g(n):\n    return f(n)\nf(0)")["error"]
    assert error["type"] == "RecursionError"
    assert "more calls" in error["traceback"] and error["traceback"].count("\n") < 4 * pg.MAX_FRAMES
    assert go("print('still fine')")["output"] == "still fine\n"  # the next run is unaffected


def test_exit_stops_the_run() -> None:
    reply = go("print('a')\nexit()\nprint('b')")
    assert reply["ok"] and reply["output"] == "a\n" and "exit()" in reply["notes"][0]
    reply = go("import sys\nsys.exit(3)")
    assert not reply["ok"] and reply["error"]["type"] == "SystemExit"
    assert not go("raise KeyboardInterrupt")["ok"]


# -------------------------------------------------------------------------------------------------------- bad input

@pytest.mark.parametrize("lang", LANGS)
def test_code_too_long_or_not_text_is_refused_with_a_message(lang: str) -> None:
    reply = go("#" * (MAX_CODE + 1), lang)
    assert not reply["ok"] and reply["error"]["code"] == "too_long"
    assert bool(CJK.search(reply["error"]["explanation"])) == (lang == "zh")
    assert go("x = 1\n" + "#" * (MAX_CODE - 6), lang)["ok"]  # exactly the limit is fine
    reply = json.loads(execute(None, lang))  # type: ignore[arg-type]
    assert reply["error"]["code"] == "not_text"


def test_huge_output_is_cut_and_counted() -> None:
    reply = go("for i in range(200_000):\n    print(i)")
    total = sum(len(f"{i}\n") for i in range(200_000))  # 1,288,890 characters
    assert reply["ok"] and len(reply["output"]) == MAX_OUTPUT
    assert reply["output"].startswith("0\n1\n2\n")
    assert f"{total:,}" in reply["notes"][0]
    reply = go("print('x' * 10_000_000)")
    assert len(reply["output"]) == MAX_OUTPUT and "10,000,001" in reply["notes"][0]


@pytest.mark.parametrize("code", [
    "x = 1\0",                                           # a NUL byte
    "(" * 5000,                                          # nesting the parser refuses
    "x = []\nfor _ in range(100_000):\n    x = [x]\nx",  # a value too deep to repr
    "class X:\n    def __repr__(self):\n        raise RuntimeError('no')\nX()",
    "class X:\n    def __repr__(self):\n        return 'x' * 10**7\nX()",
    "import sys\nsys.stdout = None\nprint('lost')",
    "raise Exception('<script>alert(1)</script>')",
])
def test_hostile_or_broken_code_gives_a_reply_never_an_exception(code: str) -> None:
    reply = go(code)
    assert isinstance(reply["ok"], bool)
    assert len(json.dumps(reply)) < 500_000
    assert "<script>" not in reply["html"]
    assert go("print(1)")["output"] == "1\n"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(code=st.text(max_size=200), lang=st.sampled_from(["en", "zh", "", "fr"]))
def test_execute_never_raises_for_any_text(code: str, lang: str) -> None:
    if "exit" in code or "input" in code:  # keep the generated programs from waiting or stopping on purpose
        code = ""
    reply = json.loads(execute(code, lang))
    assert set(reply) == KEYS and isinstance(reply["ok"], bool)


# ------------------------------------------------------------------------------------------------------- isolation

WIDGET_STATES = {name: {k: v for k, v in view.defaults.items() if k in view.field_names()}
                 for name, view in VIEWS.items()}


def widget_outputs() -> dict[str, str]:
    """What every widget shows for its defaults, and every exercise says of one answer, in both languages.
    The entry points are looked up by module name, as the browser's worker does."""
    widgets = importlib.import_module("ai45widgets")
    exercises = importlib.import_module("ai45widgets.exercises")
    out = {f"{name}:{lang}": widgets.run(name, json.dumps(state), lang) for name, state in WIDGET_STATES.items()
           for lang in LANGS}
    out.update({f"exercise {ex}:{lang}": exercises.check(ex, "1", lang) for ex in EXERCISES for lang in LANGS})
    return out


PATCHES = {
    "a core function": ("import ai45core.plane\nai45core.plane.balance = lambda *a, **k: None\n"
                        "ai45core.plane._balance = lambda *a, **k: None"),
    "compute and its registry": ("import ai45core\nai45core.compute = lambda *a: {}\n"
                                 "ai45core.COMPUTATIONS['plane'] = lambda p: None"),
    "math.atan2": "import math\nmath.atan2 = lambda y, x: 0.0\nmath.degrees = lambda x: 12.0",
    "builtins": ("import builtins\nbuiltins.round = lambda *a: 0\nbuiltins.len = lambda x: 0\n"
                 "builtins.sum = lambda *a: 7\ndel builtins.abs"),
    "a result class's method": ("from ai45core.plane import PlaneResult\nfrom ai45core import Result\n"
                                "PlaneResult.to_dict = lambda self: {}\nResult.to_dict = lambda self: {}"),
    "function defaults": ("from ai45core.plane import balance\nbalance.__kwdefaults__['scale'] = 'log'\n"
                          "from ai45core import _check\n_check.series.__kwdefaults__['min_len'] = 10"),
    "function code": ("from ai45core import plane\nplane._classify.__code__ = (lambda *a: (None, 'x')).__code__"),
    "nested data": ("from ai45core import plane\nplane.VERDICT_LABELS['balanced']['en'] = 'HACKED'\n"
                    "plane.SCALES = ('index',)\nimport ai45widgets\n"
                    "ai45widgets.VIEWS['plane'].defaults['scale'] = 'log'\n"
                    "object.__setattr__(ai45widgets.VIEWS['plane'], 'title', {'en': 'x', 'zh': 'x'})"),
    "the module table": ("import sys, types\nfake = types.ModuleType('fake')\n"
                         "fake.run = fake.check = lambda *a: 'hacked'\n"
                         "sys.modules['ai45widgets'] = sys.modules['ai45widgets.exercises'] = fake\n"
                         "del sys.modules['ai45core.plane']"),
    "a reloaded module": ("import importlib, math\nimport ai45core.plane\nmath.atan2 = lambda y, x: 1.0\n"
                          "importlib.reload(ai45core.plane)"),
    "the views": ("import ai45widgets.views.plane as v\nv.render = lambda *a: None\n"
                  "import ai45widgets.html as h\nh.fmt = lambda *a, **k: '?'\nh.esc = lambda s: '!'"),
    "the playground itself": ("import ai45widgets.playground as p\np.Snapshot.restore = lambda self: 0\n"
                              "p._restore_dict = lambda a, b: 0\nimport math\nmath.atan2 = lambda y, x: 0.0"),
    "a finaliser that runs after the code": ("class Late:\n    def __del__(self):\n        import math\n"
                                              "        math.atan2 = lambda y, x: 0.0\nlate = Late()"),
    "the interpreter": ("import sys, random\nsys.setrecursionlimit(200)\nrandom.seed(1)\n"
                        "sys.stdout = None\nsys.set_int_max_str_digits(640)"),
}


ORIGINAL_BALANCE = (plane.balance, plane.balance.__code__, dict(plane.balance.__kwdefaults__ or {}))


@pytest.fixture(scope="module")
def before() -> dict[str, str]:
    return widget_outputs()


@pytest.mark.parametrize("patch", list(PATCHES))
def test_code_typed_in_the_playground_cannot_change_what_widgets_compute(patch: str, before: dict[str, str]) -> None:
    reply = go(PATCHES[patch])
    assert reply["error"] is None, reply["error"]
    assert widget_outputs() == before
    assert (plane.balance, plane.balance.__code__, plane.balance.__kwdefaults__) == ORIGINAL_BALANCE
    assert math.atan2(1, 1) == pytest.approx(math.pi / 4) and round(2.6) == 3 and len("ab") == 2 and abs(-1) == 1


def test_the_patch_does_take_effect_during_the_run_itself() -> None:
    """(So the isolation tests above test something: the same patches change what the reader's run computes.)"""
    code = ("import math\nfrom ai45core.plane import balance\nmath.atan2 = lambda y, x: 0.0\n"
            "print(balance([10, 20, 40], [5, 10, 20]).angle_deg)")
    assert go(code)["output"] == "0.0\n"
    code = ("from ai45core.plane import balance\nbalance.__kwdefaults__['scale'] = 'raw'\n"
            "balance([10, 20, 40], [5, 10, 20]).angle_deg")
    assert go(code)["value"].startswith("26.56")  # atan(15 / 30), the raw scale, instead of 45 on the index
    assert plane.balance([10, 20, 40], [5, 10, 20]).angle_deg == 45.0


def test_modules_imported_by_a_run_are_forgotten() -> None:
    assert "this" not in sys.modules
    assert go("import this")["output"].startswith("The Zen of Python")
    assert "this" not in sys.modules


def test_interpreter_settings_are_put_back() -> None:
    limit, state, streams = sys.getrecursionlimit(), random.getstate(), (sys.stdout, sys.stderr, sys.stdin)
    go("import sys, random\nsys.setrecursionlimit(100)\nrandom.seed(1)\nrandom.random()\n"
       "sys.stdout = sys.stderr = sys.stdin = None")
    assert sys.getrecursionlimit() == limit and random.getstate() == state
    assert (sys.stdout, sys.stderr, sys.stdin) == streams


def test_no_audit_hook_outlives_a_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AI45_AUDIT_SEEN", raising=False)
    go("import sys, os\nsys.addaudithook(lambda event, args: os.environ.__setitem__('AI45_AUDIT_SEEN', event))")
    compile("1", "<test>", "eval")  # an audited event
    assert "AI45_AUDIT_SEEN" not in os.environ


# -------------------------------------------------------------------------------------------------------- examples

_VALUE = re.compile(r'<dd data-ai45-value="\d+">(.*?)</dd>', re.S)
_NUMBER = re.compile(r"[+\-−]?\d[\d,]*(?:\.\d+)?")


def widget_figures(widget: str, params: dict[str, str], lang: str) -> list[str]:
    """The figures a widget shows (its dd[data-ai45-value]) for these inputs, as text."""
    html = json.loads(run(widget, json.dumps(params, ensure_ascii=False), lang))["html"]
    return [unescape(re.sub(r"<[^>]+>", "", dd)).strip() for dd in _VALUE.findall(html)]


def _number(text: str) -> str:
    text = text.replace("−", "-").replace(",", "").lstrip("+")
    return text.lstrip("-") if float(text) == 0 else text


def shows_figure(printed: str, figure: str) -> bool:
    """Every number of the figure is printed with the same digits, and its words are printed too."""
    if figure == "—":  # the widget's "no value"
        return "None" in printed or "—" in printed
    numbers = {_number(n) for n in _NUMBER.findall(printed)}
    words = " ".join(re.sub(r"[°%→:：+\-−—]", " ", _NUMBER.sub(" ", figure)).split())
    return all(_number(n) in numbers for n in _NUMBER.findall(figure)) and words in " ".join(printed.split())


WIDGET_EXAMPLES = [ex for ex in EXAMPLES.values() if ex.shows]


def test_one_example_per_widget_and_every_example_runs() -> None:
    assert {shown.widget for ex in WIDGET_EXAMPLES for shown in ex.shows} == set(VIEWS)
    assert {ex.id for ex in WIDGET_EXAMPLES} == set(VIEWS)
    assert {ex.id for ex in EXAMPLES.values() if ex.group == "methods"} == {f"methods-{n}" for n in ai45core.NAMES}


@pytest.mark.parametrize("example", WIDGET_EXAMPLES, ids=lambda ex: ex.id)
@pytest.mark.parametrize("lang", LANGS)
def test_each_widget_example_prints_the_widgets_figures(example: Example, lang: str) -> None:
    reply = go(example.code(lang), lang)
    assert reply["ok"], reply["error"]
    printed = reply["output"]
    for shown in example.shows:
        figures = widget_figures(shown.widget, dict(shown.params), lang)
        assert figures, shown
        missing = [f for f in figures if not shows_figure(printed, f)]
        assert not missing, f"{shown.page}#{shown.key}: {missing} not in\n{printed}"
    assert "<svg" in reply["html"]  # the last line draws the widget's chart


def test_the_examples_print_hand_checked_figures() -> None:
    printed = {ex.id: go(ex.code("en"))["output"] for ex in WIDGET_EXAMPLES}
    assert f"{math.degrees(math.atan(15 / 30)):.2f}°" in printed["plane"]  # raw: atan(15 / 30) = 26.57°
    assert f"{math.degrees(math.atan(math.log(1.3) / math.log(8))):.2f}°" in printed["plane"]  # log: 7.19°
    assert f"{math.degrees(math.atan(0.1 / math.sqrt(0.99))):.2f}°" in printed["investment"]  # √0.01 vs √0.99
    assert "63.400 → 89.125" in printed["benchmarks"]  # (70.4+53.8+91.2+38.2)/4 → (92+74.8+99.2+90.5)/4
    assert "90.0%" in printed["pavlov"]  # 0.5·0.9 / (0.5·0.9 + 0.5·0.1)


@pytest.mark.parametrize("example", WIDGET_EXAMPLES, ids=lambda ex: ex.id)
def test_the_examples_inputs_are_still_the_pages(example: Example) -> None:
    for shown in example.shows:
        page = read_page(ROOT / "docs" / f"{shown.page}.md")
        blocks = [w for w in page.widgets if w.name == shown.widget]
        index = int(shown.key[len(shown.widget):] or 1) - 1
        assert dict(blocks[index].params) == dict(shown.params), f"{shown.page}#{shown.key} changed"


@pytest.mark.parametrize("example", [ex for ex in EXAMPLES.values() if ex.group == "methods"], ids=lambda ex: ex.id)
@pytest.mark.parametrize("lang", LANGS)
def test_the_methods_page_examples_print_what_the_page_shows(example: Example, lang: str) -> None:
    reply = go(example.code(lang), lang)
    assert reply["ok"], reply["error"]
    assert reply["output"].splitlines() == [line for want in example.expected for line in want.splitlines()]
    module = getattr(ai45core, example.id.removeprefix("methods-"))
    for want in example.expected:
        assert want in (module.__doc__ or "")


def test_the_error_example_shows_an_explained_ai45error() -> None:
    for lang in LANGS:
        error = go(EXAMPLES["error"].code(lang), lang)["error"]
        assert error["type"] == "AI45Error" and bool(CJK.search(error["explanation"])) == (lang == "zh")


def _blank_strings(code: str) -> str:
    tree = ast.parse(code)
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            node.value = ""
    return ast.dump(tree)


@pytest.mark.parametrize("example", list(EXAMPLES.values()), ids=lambda ex: ex.id)
def test_the_chinese_code_is_the_same_program_with_translated_comments_and_labels(example: Example) -> None:
    code = example.source
    for en, zh in example.zh:
        assert en in code, f"{example.id}: the translation of {en!r} no longer applies"
        code = code.replace(en, zh)
    zh_code = example.code("zh")
    assert _blank_strings(zh_code) == _blank_strings(example.source)
    prose = [line for line in zh_code.splitlines() if line.lstrip().startswith("#") and "# →" not in line]
    assert prose and all(CJK.search(line) for line in prose), prose  # "# → …" repeats Python's output


# ------------------------------------------------------------------------------------------------------ rendering

@pytest.mark.parametrize("lang", LANGS)
def test_the_static_playground_contract(lang: str) -> None:
    html = render_playground({}, lang)
    for needle in ("data-ai45-playground", "data-ai45-run", "data-ai45-copy-link", "data-ai45-example",
                   'data-ai45-console data-ai45-state="idle"', "data-ai45-message", "<noscript>"):
        assert needle in html, needle
    textarea = re.search(r"<textarea([^>]*)>(.*?)</textarea>", html, re.S)
    assert textarea and unescape(textarea.group(2)) == EXAMPLES["plane"].code(lang)
    label = re.search(r'<label class="ai45-playground-label" for="playground-code"[^>]*>(.*?)</label>', html)
    assert label and bool(CJK.search(label.group(1))) == (lang == "zh")
    assert "<script" not in html  # Material's instant navigation would run it as code
    island = re.search(r'data-ai45-playground-data="([^"]*)"', html)
    assert island
    data = json.loads(unescape(island.group(1)))
    assert data["maxCode"] == MAX_CODE and data["examples"] == {i: ex.code(lang) for i, ex in EXAMPLES.items()}
    assert all(bool(CJK.search(text)) == (lang == "zh") for key, text in data["ui"].items() if key != "shortcut")
    assert len(re.findall(r"<option", html)) == len(EXAMPLES)
    assert re.search(r'<option value="plane" selected>', html)


def test_playground_blocks_and_their_errors() -> None:
    assert "playground" in BLOCK_NAMES
    html = render_block("playground", {"example": "zones"}, "zh", "playground")
    assert '<option value="zones" selected>' in html and 'id="playground-code"' in html
    with pytest.raises(WidgetError, match="unknown example"):
        render_block("playground", {"example": "nope"}, "en", "playground")
    with pytest.raises(WidgetError, match="at most one line"):
        render_block("playground", {"code": "x"}, "en", "playground")
    with pytest.raises(PlaygroundError):
        render_playground({"example": ""}, "en")
