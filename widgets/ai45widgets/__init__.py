"""ai45widgets — the one boundary between a page and ai45core.

Data flows one way: widget block / form / URL state (text) → ``ai45core.compute`` → a view renders HTML + SVG.
The browser's Pyodide worker calls :func:`run` with JSON strings both ways; the MkDocs hook calls
:func:`render_block`, which computes through the same :func:`run` (same validation, same language handling) and
wraps the output in the widget's form, so exactly the same Python produces the pre-rendered and the live output.

>>> out = json.loads(run("plane", json.dumps({"capability": "10, 20, 40", "safety": "5, 10, 20"}), "en"))
>>> out["ok"], "45.00°" in out["html"]
(True, True)
>>> json.loads(run("plane", '{"capability": "1"}', "zh"))["errors"][0]["field"]
'capability'
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Final

from ai45core import AI45Error, compute_result

from .blocks import BlockError, parse_block
from .form import render_shell
from .spec import Output, View
from .views import VIEWS

__all__ = ["BLOCK_NAMES", "LAYOUTS", "NAMES", "VIEWS", "BlockError", "WidgetError", "parse_block", "render_block",
           "render_widget", "run", "state_errors", "state_problems"]
__version__ = "0.1.0"

NAMES: Final = tuple(VIEWS)
BLOCK_NAMES: Final = (*NAMES, "exercise", "playground")
"""Every name a Markdown block ```ai45 NAME may use: a widget, ``exercise`` (with ``id: …``) or ``playground``
(optionally ``example: …``)."""
MAX_VALUE: Final = 20_000
"""Longest text accepted for one state value (a 1000-row CSV fits; a 10,000-row paste is refused)."""
LAYOUTS: Final = ("default", "figure-first")
"""Values of ``layout``, the one key a widget block may give besides its fields: ``figure-first`` shows the
chart before the form (the home page leads with the picture). It shapes the page, not the computation."""


class WidgetError(ValueError):
    """A widget name or state that cannot be used (build time: fails the build with file and line)."""


def _params(view: View[Any], state: Mapping[str, str]) -> dict[str, str]:
    merged = dict(view.defaults)
    merged.update(state)
    return {k: v for k, v in merged.items() if k in view.field_names()}


def state_problems(name: str, state: object) -> list[dict[str, str]]:
    """Keys or values of a state that are unusable, each ``{"field", "code", "en", "zh"}``; [] when fine."""
    if name not in VIEWS:
        known = ", ".join(NAMES)
        return [{"field": "", "code": "unknown_widget", "en": f"unknown widget {name[:40]!r}; known: {known}",
                 "zh": f"未知组件 {name[:40]!r}；可用的组件：{known}"}]
    if not isinstance(state, dict):
        return [{"field": "", "code": "bad_state", "en": "state must be an object of text values",
                 "zh": "状态必须是由文字值组成的对象"}]
    allowed = (*VIEWS[name].field_names(), "layout")
    problems = []
    for key, value in state.items():
        if key == "layout" and value not in LAYOUTS:
            problems.append({"field": "", "code": "bad_layout",
                             "en": f"layout must be one of {', '.join(LAYOUTS)}; got {str(value)[:40]!r}",
                             "zh": f"layout 必须是以下之一：{', '.join(LAYOUTS)}；当前为 {str(value)[:40]!r}"})
        elif key not in allowed:
            problems.append({"field": "", "code": "unknown_param",
                             "en": f"unknown parameter {str(key)[:40]!r} for {name}; allowed: {', '.join(allowed)}",
                             "zh": f"{name} 没有参数 {str(key)[:40]!r}；可用的参数：{', '.join(allowed)}"})
        elif not isinstance(value, str):
            problems.append({"field": key, "code": "not_text", "en": "the value must be text",
                             "zh": "取值必须是文字"})
        elif len(value) > MAX_VALUE:
            problems.append({"field": key, "code": "too_long",
                             "en": f"at most {MAX_VALUE:,} characters are accepted here; got {len(value):,}",
                             "zh": f"此处最多接受 {MAX_VALUE:,} 个字符；当前为 {len(value):,} 个"})
    return problems


def state_errors(name: str, state: object) -> list[str]:
    """The problems of :func:`state_problems` as English sentences (build-time messages)."""
    return [f"{p['field']}: {p['en']}" if p["field"] else p["en"] for p in state_problems(name, state)]


def compute_output(name: str, state: Mapping[str, str], lang: str) -> Output:
    """Compute and render; raises AI45Error for bad values."""
    view = VIEWS[name]
    params = _params(view, state)
    return view.render(compute_result(name, params), params, lang)


def run(name: str, state_json: str, lang: str = "en") -> str:
    """The browser's entry point: state (JSON object of text values) → JSON result.

    Returns ``{"ok": true, "html", "csv", "svg", "summary"}`` or ``{"ok": false, "errors": [{"field",
    "code", "message"}]}`` with messages in ``lang``. Never raises for any input.
    """
    lang = "zh" if lang == "zh" else "en"
    try:
        state: Any = json.loads(state_json)
    except (ValueError, TypeError, RecursionError):  # RecursionError: absurdly deep nesting
        state = None
    problems = state_problems(name, state)
    if problems:
        return json.dumps({"ok": False, "errors": [{"field": p["field"], "code": p["code"], "message": p[lang]}
                                                   for p in problems]}, ensure_ascii=False)
    try:
        out = compute_output(name, state, lang)
    except AI45Error as err:
        return json.dumps({"ok": False, "errors": [{"field": err.field, "code": err.code,
                                                    "message": err.zh if lang == "zh" else err.en}]},
                          ensure_ascii=False)
    return json.dumps({"ok": True, "html": out.html, "csv": out.csv, "svg": out.svg, "summary": out.summary},
                      ensure_ascii=False)


def render_widget(name: str, state: Mapping[str, str], lang: str, key: str) -> str:
    """Build time: the whole widget with its pre-rendered output; WidgetError for a bad name or state.

    The output comes from :func:`run`, exactly as the browser gets it.
    """
    if name not in VIEWS:
        raise WidgetError(state_errors(name, {})[0])
    out = json.loads(run(name, json.dumps(dict(state), ensure_ascii=False), lang))
    if not out["ok"]:
        if lang != "en":  # the build's messages are in English
            out = json.loads(run(name, json.dumps(dict(state), ensure_ascii=False), "en"))
        raise WidgetError("; ".join(f"{e['field']}: {e['message']}" if e["field"] else e["message"]
                                    for e in out["errors"]))
    view = VIEWS[name]
    output = Output(html=out["html"], csv=out["csv"], svg=out["svg"], summary=out["summary"])
    return render_shell(view, key, {**view.defaults, **state}, output, lang, layout=state.get("layout", "default"))


def render_block(name: str, params: Mapping[str, str], lang: str, key: str) -> str:
    """Build time: the HTML of one Markdown block ```ai45 NAME (see :data:`BLOCK_NAMES`); WidgetError when
    the block cannot be rendered."""
    if name == "exercise":
        from .exercises import ExerciseError, render_exercise

        extra = sorted(set(params) - {"id"})
        if extra or "id" not in params:
            raise WidgetError("an exercise block takes one line, 'id: EXERCISE-ID'" +
                              (f"; not {', '.join(extra)}" if extra else ""))
        try:
            return render_exercise(params["id"], lang)
        except ExerciseError as err:
            raise WidgetError(str(err)) from None
    if name == "playground":
        from .playground import PlaygroundError, render_playground

        try:
            return render_playground(params, lang, key)
        except PlaygroundError as err:
            raise WidgetError(str(err)) from None
    return render_widget(name, params, lang, key)
