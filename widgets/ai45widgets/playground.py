"""The Python playground: a reader's code, run with ai45core importable, in the same engine as the widgets.

Two calls cross the boundary, with text both ways, like :func:`ai45widgets.run`:

* :func:`execute` ``(code, lang) -> JSON``: runs the code in a fresh namespace and returns what a notebook cell
  shows: ``output``, the printed text (stdout and stderr in order, at most :data:`MAX_OUTPUT` characters);
  ``value``, the ``repr`` of the last line when it is an expression (as in a notebook); ``html``, that value
  as a table when it is tabular, and as the widget's own SVG chart when it is one of ai45core's results;
  ``error``, the traceback trimmed to the reader's code with a one-line ``explanation`` in the page's
  language (for :class:`ai45core.AI45Error`, the library's own message in that language); ``notes``. It never
  raises. The time limit is the page's: the browser stops the engine after 10 seconds (Python cannot
  interrupt itself in a Web Worker without cross-origin isolation).
* :func:`render_playground` ``(params, lang) -> HTML``: the static playground (build time): the starter code
  in a plain ``<textarea>`` (readable and printable before the editor loads), the example picker, a run
  button, a copy-link button and the console. DOM contract: ``[data-ai45-playground]`` holds
  ``[data-ai45-run]``, ``[data-ai45-copy-link]``, ``[data-ai45-example]`` and ``[data-ai45-console]``, whose
  ``data-ai45-state`` is ``idle`` / ``running`` / ``done`` / ``error``.

**Isolation.** The playground shares its interpreter with every widget of the tab, so code typed here must not
change what a widget computes afterwards (``ai45core.plane.balance = ...``, ``math.atan2 = ...``,
``builtins.round = ...``, ``PlaneResult.to_dict = ...``). Before each run, :class:`Snapshot` records what
Python code can reach by name: the namespace of every imported module (``builtins`` and ``sys`` included), the
attributes of every class, the code and defaults of every function, the contents of the dicts, lists and sets
those hold, and the attributes of ai45core's and ai45widgets' own objects. After the run, once the reader's
objects are gone, it puts back everything that changed and forgets the modules the run imported. A few pieces
of interpreter state are reset too (recursion limit, trace and profile functions, the ``random`` generator,
the longest integer string), and no audit hook may be added during a run (it would run the reader's code
later). What it cannot undo: files written, C-level state of other libraries, objects reachable only through
other libraries' instances. It guards against experiments and accidents, not against a determined attacker —
who could only fool themselves: the code runs in the reader's own browser.

>>> out = json.loads(execute("from ai45core.plane import balance\\nr = balance([10, 20, 40], [5, 10, 20])\\n"
...                           "print(r.angle_deg)\\nr.verdict", "en"))
>>> out["ok"], out["output"], out["value"]
(True, '45.0\\n', "'balanced'")
>>> json.loads(execute("from ai45core.plane import balance\\nbalance([1], [1])", "zh"))["error"]["code"]
'too_short'
"""

from __future__ import annotations

import ast
import builtins
import contextlib
import dataclasses
import functools
import gc
import io
import json
import linecache
import operator
import random
import re
import reprlib
import sys
import traceback
import types
import warnings
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Final, get_type_hints

import ai45core
from ai45core import AI45Error, Result

from .html import Text, attrs, esc, t, table
from .spec import Output
from .views import VIEWS

__all__ = ["MAX_CODE", "MAX_OUTPUT", "RESULT_VIEWS", "PlaygroundError", "Snapshot", "execute", "render_playground"]

MAX_CODE: Final = 50_000
"""Longest code accepted, in characters (the page refuses longer code from a link, with a message)."""
MAX_OUTPUT: Final = 50_000
"""Printed text kept per run, in characters; the rest is counted and reported, not kept."""
MAX_VALUE: Final = 10_000
"""Longest ``repr`` of the last line's value shown."""
MAX_ROWS: Final = 100
MAX_COLUMNS: Final = 12
MAX_CELL: Final = 120
MAX_FRAMES: Final = 40
"""Tracebacks longer than this many entries keep their first and last ones (mutual recursion repeats)."""
FILENAME: Final = "<playground>"
"""The reader's code in tracebacks (and the mark of the reader's own frames)."""

RESULT_VIEWS: Final[dict[type, str]] = {
    get_type_hints(getattr(ai45core, name).from_params)["return"]: name for name in ai45core.NAMES}
"""Each computation's result class → the widget that draws it (its ``from_params`` return type)."""

UI: Final[dict[str, Text]] = {
    "not_text": {"en": "The code must be text.", "zh": "代码必须是文字。"},
    "too_long": {"en": "The code is {n:,} characters long; the playground runs at most {max:,}.",
                 "zh": "代码长 {n:,} 个字符，演练场最多运行 {max:,} 个字符。"},
    "truncated": {"en": "The printed output was cut after {kept:,} characters ({total:,} in all).",
                  "zh": "打印输出过长，只显示前 {kept:,} 个字符（共 {total:,} 个）。"},
    "exit": {"en": "exit() was called: the run stopped there.", "zh": "代码调用了 exit()，运行到此为止。"},
    "ai45": {"en": "ai45core did not accept a value — {message}",
             "zh": "ai45core 不接受其中一个取值：{message}"},
    "syntax": {"en": "Python could not read line {line}: check the brackets, quotes, colons and indentation.",
               "zh": "Python 读不懂第 {line} 行：请检查括号、引号、冒号和缩进。"},
    "name": {"en": "“{name}” is not defined: check its spelling (capitals count) and that it is defined or "
                   "imported above the line that uses it.",
             "zh": "“{name}”没有定义：请检查拼写（区分大小写），并确认在使用它的那一行之前已经定义或导入。"},
    "recursion": {"en": "A function kept calling itself (about {limit:,} calls deep) without reaching a case "
                        "that stops.",
                  "zh": "某个函数不停地调用自己（深达约 {limit:,} 层），始终没有到达停止的条件。"},
    "eof": {"en": "input() cannot read anything here: the playground has no keyboard input. Put the values in "
                  "the code instead.",
            "zh": "这里的 input() 读不到任何内容：演练场没有键盘输入，请把数值直接写进代码。"},
    "import": {"en": "Only Python's standard library, ai45core and ai45widgets can be imported here.",
               "zh": "这里只能导入 Python 标准库、ai45core 和 ai45widgets。"},
    "memory": {"en": "The code needed more memory than the browser allows.",
               "zh": "代码需要的内存超出了浏览器允许的范围。"},
    "internal": {"en": "The playground itself failed ({reason}); please tell the site's authors.",
                 "zh": "演练场本身出错了（{reason}），请告知本站作者。"},
    "chart_failed": {"en": "The chart could not be drawn for this result ({reason}).",
                     "zh": "无法为这个结果绘制图表（{reason}）。"},
    "fields": {"en": "The fields of this {type}", "zh": "这个 {type} 的各个字段"},
    "as_table": {"en": "The value of the last line, as a table", "zh": "最后一行的值（表格）"},
    "field": {"en": "field", "zh": "字段"},
    "key": {"en": "key", "zh": "键"},
    "value": {"en": "value", "zh": "值"},
    "more_rows": {"en": "… {n:,} more rows", "zh": "……另有 {n:,} 行"},
    "omitted": {"en": "  … {n:,} more calls …\n", "zh": "  …… 另有 {n:,} 层调用 ……\n"},
}
"""What ``execute`` says, in both languages."""


class PlaygroundError(ValueError):
    """A playground block that cannot be rendered (build time: fails the build with file and line)."""


# ------------------------------------------------------------------------------------------------- isolation

_MISSING: Final = object()
_MAX_DEPTH: Final = 8
_OWN_PACKAGES: Final = ("ai45core", "ai45widgets")
_LRU_CACHE: Final[type] = type(functools.lru_cache(maxsize=None)(lambda: None))
_RUN: Final[dict[str, bool]] = {"active": False}
_ATOMIC: Final = frozenset({str, int, float, bool, type(None), bytes, complex, types.BuiltinFunctionType,
                            types.MethodDescriptorType, types.WrapperDescriptorType, types.GetSetDescriptorType,
                            types.MemberDescriptorType, types.ModuleType})
"""Types that hold nothing the reader's code could change in place: not worth a look."""


def _audit(event: str, args: tuple[Any, ...]) -> None:
    # An audit hook added by the reader's code would run that code after the run, when nothing undoes it.
    if event == "sys.addaudithook" and _RUN["active"]:
        raise RuntimeError("the playground does not allow audit hooks")


sys.addaudithook(_audit)


def _same(a: Iterable[Any], b: Iterable[Any]) -> bool:
    """The same objects in the same order (identity, compared in C: no __eq__ of the reader's objects runs)."""
    return all(map(operator.is_, a, b))


def _restore_dict(live: dict[Any, Any], saved: dict[Any, Any]) -> int:
    """Make ``live`` hold exactly ``saved``'s entries again (same objects), changing only what differs."""
    if len(live) == len(saved) and _same(live, saved) and _same(live.values(), saved.values()):
        return 0
    changed = 0
    for key in [*live]:
        if key not in saved:
            del live[key]
            changed += 1
    for key, value in saved.items():
        if live.get(key, _MISSING) is not value:
            live[key] = value
            changed += 1
    return changed


def _own(kind: type) -> bool:
    return str(getattr(kind, "__module__", "")).partition(".")[0] in _OWN_PACKAGES


class Snapshot:
    """The state of the interpreter that code can reach by name, recorded now, put back by :meth:`restore`.

    >>> import math
    >>> snapshot = Snapshot()
    >>> math.atan2 = lambda y, x: 0.0
    >>> snapshot.restore() > 0, math.atan2(1, 1) > 0.78
    (True, True)
    """

    def __init__(self) -> None:
        self._containers: list[tuple[Any, Any]] = []
        self._classes: list[tuple[type, dict[str, Any]]] = []
        self._functions: list[tuple[types.FunctionType, types.CodeType, Any, Any]] = []
        self._instances: list[tuple[object, dict[str, Any]]] = []
        self._caches: list[tuple[Any, int]] = []
        self._first = [(vars(builtins), vars(builtins).copy()), (globals(), globals().copy())]
        self._interpreter = (sys.getrecursionlimit(), sys.gettrace(), sys.getprofile(), random.getstate(),
                             sys.get_int_max_str_digits())
        self._walk(vars(m) for m in list(sys.modules.values()) if isinstance(m, types.ModuleType))

    def _walk(self, roots: Iterable[dict[str, Any]]) -> None:
        seen: set[int] = set()
        stack: list[tuple[Any, int]] = [(root, 0) for root in roots]
        while stack:
            obj, depth = stack.pop()
            if id(obj) in seen:
                continue
            seen.add(id(obj))
            kind = type(obj)
            children: Iterable[Any] = ()
            if kind is dict or kind is list or kind is set:
                self._containers.append((obj, obj.copy()))
                children = obj.values() if kind is dict else obj if kind is list else ()
            elif kind is tuple:
                children = obj
            elif issubclass(kind, type):
                self._classes.append((obj, dict(obj.__dict__)))
                children = obj.__dict__.values()
            elif kind is types.FunctionType:
                self._functions.append((obj, obj.__code__, obj.__defaults__, obj.__kwdefaults__))
                children = (obj.__defaults__, obj.__kwdefaults__)
            elif kind is staticmethod or kind is classmethod:
                children = (obj.__func__,)
            elif kind is property:
                children = (obj.fget, obj.fset, obj.fdel)
            elif kind is _LRU_CACHE:
                self._caches.append((obj, obj.cache_info().misses))
            elif _own(kind) and isinstance(getattr(obj, "__dict__", None), dict):
                self._instances.append((obj, obj.__dict__))
                children = (obj.__dict__,)
            if depth < _MAX_DEPTH:
                stack += [(child, depth + 1) for child in children if type(child) not in _ATOMIC]

    def restore(self) -> int:
        """Put back everything that changed since the snapshot; return how many things were put back."""
        # Builtins and this module first, with nothing but dict operations: the code that restores the rest
        # must not call a replaced builtin or helper.
        changed = 0
        for live, saved in self._first:
            for key in [*live]:
                if key not in saved:
                    del live[key]
                    changed += 1
            for key, value in saved.items():
                if live.get(key, _MISSING) is not value:
                    live[key] = value
                    changed += 1
        limit, trace, profile, state, digits = self._interpreter
        sys.setrecursionlimit(limit)
        sys.settrace(trace)
        sys.setprofile(profile)
        sys.set_int_max_str_digits(digits)
        if random.getstate() != state:
            random.setstate(state)
            changed += 1
        for fn, code, defaults, kwdefaults in self._functions:
            if fn.__code__ is not code or fn.__defaults__ is not defaults or fn.__kwdefaults__ is not kwdefaults:
                fn.__code__, fn.__defaults__, fn.__kwdefaults__ = code, defaults, kwdefaults
                changed += 1
        for cls, attributes in self._classes:
            changed += self._restore_class(cls, attributes)
        for obj, namespace in self._instances:
            if obj.__dict__ is not namespace:
                object.__setattr__(obj, "__dict__", namespace)
                changed += 1
        for live, saved in self._containers:
            if type(live) is dict:
                changed += _restore_dict(live, saved)
            elif type(live) is list:
                if len(live) != len(saved) or not _same(live, saved):
                    live[:] = saved
                    changed += 1
            elif {id(x) for x in live} != {id(x) for x in saved}:  # identities: no __eq__ of the reader's runs
                live.clear()
                live.update(saved)
                changed += 1
        for cache, misses in self._caches:
            if cache.cache_info().misses != misses:  # filled during the run, maybe by replaced code
                cache.cache_clear()
        return changed

    @staticmethod
    def _restore_class(cls: type, saved: dict[str, Any]) -> int:
        current = cls.__dict__
        if len(current) == len(saved) and _same(current, saved) and _same(current.values(), saved.values()):
            return 0
        changed = 0
        for key in [k for k in current if k not in saved]:
            with contextlib.suppress(AttributeError, TypeError):
                type.__delattr__(cls, key)
                changed += 1
        for key, value in saved.items():
            if current.get(key, _MISSING) is not value:
                with contextlib.suppress(AttributeError, TypeError):
                    type.__setattr__(cls, key, value)
                    changed += 1
        return changed


# ------------------------------------------------------------------------------------------------- execution

class _Output(io.TextIOBase):
    """stdout and stderr of a run: keeps the first ``limit`` characters, counts the rest."""

    def __init__(self, limit: int) -> None:
        self._parts: list[str] = []
        self._kept = 0
        self.total = 0
        self._limit = limit

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        self.total += len(text)
        room = self._limit - self._kept
        if room > 0:
            self._parts.append(text[:room])
            self._kept += min(room, len(text))
        return len(text)

    def getvalue(self) -> str:
        return "".join(part for part in self._parts if type(part) is str)


def _compile(code: str) -> tuple[types.CodeType, types.CodeType | None]:
    """The code without its last line when that is an expression, and that expression (or None)."""
    tree = ast.parse(code, FILENAME)
    last = None
    if tree.body and isinstance(tree.body[-1], ast.Expr):
        last = ast.Expression(tree.body[-1].value)
        tree.body.pop()
    body = compile(tree, FILENAME, "exec", dont_inherit=True)
    return body, None if last is None else compile(last, FILENAME, "eval", dont_inherit=True)


_SHALLOW: Final = reprlib.Repr()  # six levels deep; longer containers are cut after 20 items
_SHALLOW.maxtuple = _SHALLOW.maxlist = _SHALLOW.maxdict = _SHALLOW.maxset = _SHALLOW.maxfrozenset = 20
_SHALLOW.maxstring = _SHALLOW.maxother = 200
_MAX_NESTING: Final = 100


def _nesting(value: object, limit: int = _MAX_NESTING) -> int:
    """How deeply built-in containers nest in ``value`` (counted up to ``limit``, at most 100,000 looked at)."""
    deepest, seen = 0, 0
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack and deepest < limit and seen < 100_000:
        item, depth = stack.pop()
        seen += 1
        if type(item) in (list, tuple, set, frozenset, dict):
            deepest = max(deepest, depth)
            stack += [(x, depth + 1) for x in (item.values() if type(item) is dict else item)]
    return deepest


def _repr(value: object) -> str:
    """``repr``, except for containers nested too deeply for the browser's stack (Pyodide cannot recover from
    running out of it): those are shown a few levels deep."""
    return _SHALLOW.repr(value) if _nesting(value) >= _MAX_NESTING else repr(value)


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _cell(value: object) -> str:
    """One table cell as text (escaped later)."""
    if isinstance(value, str):
        return _clip(value, MAX_CELL)
    if isinstance(value, float):
        return format(value, ".6g")
    return _clip(_repr(value), MAX_CELL)


def _plain(value: object) -> object:
    """Results and dataclass instances as their fields; anything else as is."""
    if isinstance(value, Result):
        return value.to_dict()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
    return value


def _as_table(value: object, lang: str) -> tuple[list[str], list[list[str]], int] | None:
    """(head, rows, rows left out) for a mapping, a sequence of mappings or a sequence of rows; else None."""
    value = _plain(value)
    if isinstance(value, Mapping) and value:
        items = list(value.items())
        return ([t(UI["key"], lang), t(UI["value"], lang)], [[_cell(k), _cell(v)] for k, v in items[:MAX_ROWS]],
                max(0, len(items) - MAX_ROWS))
    if not isinstance(value, list | tuple) or not value:
        return None
    rows: list[Any] = [_plain(row) for row in value[:MAX_ROWS]]
    left = max(0, len(value) - MAX_ROWS)
    if all(isinstance(row, Mapping) for row in rows):
        keys: list[Any] = []
        for row in rows:
            keys += [k for k in row if k not in keys][: MAX_COLUMNS - len(keys)]
        return [_cell(k) for k in keys], [[_cell(row.get(k, "")) for k in keys] for row in rows], left
    if all(isinstance(row, list | tuple) for row in rows):
        fields = getattr(rows[0], "_fields", None)  # a named tuple names its columns
        width = min(MAX_COLUMNS, max(len(row) for row in rows))
        head = [_cell(f) for f in fields[:width]] if fields else [str(i) for i in range(width)]
        return head, [[_cell(x) for x in row[:width]] + [""] * (width - len(row)) for row in rows], left
    return None


def _table_html(caption: str, found: tuple[list[str], list[list[str]], int], lang: str) -> str:
    head, rows, left = found
    more = f'<p class="ai45-note">{esc(t(UI["more_rows"], lang).format(n=left))}</p>' if left else ""
    return (f'<div class="ai45-console-table">'
            f"{table(esc(caption), map(esc, head), ([esc(c) for c in row] for row in rows))}{more}</div>")


_FIGURE: Final = re.compile(r'<figure class="ai45-figure[^"]*">.*?</figure>', re.S)


def _view_figure(name: str, result: Result, lang: str) -> str:
    """The widget's own figure for a core result: its chart in both layouts (wide and narrow), of which the
    page's stylesheet shows the one that fits (views/<name>.py renders it; ``chart.figure`` wraps it)."""
    out: Output = VIEWS[name].render(result, {}, lang)
    found = _FIGURE.search(out.html)
    return found.group(0) if found else f'<figure class="ai45-console-chart">{out.svg}</figure>'


def _show(value: object, lang: str, notes: list[str]) -> tuple[str | None, str]:
    """The last line's value: its repr (None for a core result, which the table and chart show) and HTML."""
    name = RESULT_VIEWS.get(type(value))
    if name is None:
        text = _repr(value)
        if len(text) > MAX_VALUE:
            text = text[:MAX_VALUE] + f"… ({len(text):,})"
        found = _as_table(value, lang)
        return text, _table_html(t(UI["as_table"], lang), found, lang) if found else ""
    result: Result = value  # type: ignore[assignment]
    fields = _as_table(result, lang)
    assert fields is not None
    fields[0][0] = t(UI["field"], lang)
    html = _table_html(t(UI["fields"], lang).format(type=type(result).__name__), fields, lang)
    try:
        chart = _view_figure(name, result, lang)
    except Exception as err:  # a result the reader built by hand may not be drawable
        notes.append(t(UI["chart_failed"], lang).format(reason=_clip(f"{type(err).__name__}: {err}", 200)))
        return None, html
    return None, chart + html


def _reader_frames(stack: traceback.StackSummary) -> list[traceback.FrameSummary]:
    """The frames from the reader's first to the reader's last (the playground's own frames go)."""
    mine = [i for i, frame in enumerate(stack) if frame.filename == FILENAME]
    return list(stack[mine[0]: mine[-1] + 1]) if mine else []


def _format(te: traceback.TracebackException, lang: str, depth: int = 0) -> list[str]:
    lines: list[str] = []
    if depth < 5 and te.__cause__ is not None:
        lines += _format(te.__cause__, lang, depth + 1)
        lines.append("\nThe above exception was the direct cause of the following exception:\n\n")
    elif depth < 5 and te.__context__ is not None and not te.__suppress_context__:
        lines += _format(te.__context__, lang, depth + 1)
        lines.append("\nDuring handling of the above exception, another exception occurred:\n\n")
    entries = list(traceback.StackSummary.from_list(_reader_frames(te.stack)).format())
    if entries:
        lines.append("Traceback (most recent call last):\n")
        if len(entries) > MAX_FRAMES:
            keep = MAX_FRAMES // 2
            entries = [*entries[:keep], t(UI["omitted"], lang).format(n=len(entries) - 2 * keep), *entries[-keep:]]
        lines += entries
    lines += te.format_exception_only()
    return lines


def _explain(err: BaseException, lang: str) -> str:
    """One line in the page's language for the errors a reader meets most (empty for the others)."""
    if isinstance(err, AI45Error):
        field, text = str(getattr(err, "field", "")), str(getattr(err, lang, ""))
        message = (f"{field}：{text}" if lang == "zh" else f"{field}: {text}") if field else text
        return t(UI["ai45"], lang).format(message=message)
    if isinstance(err, SyntaxError):
        return t(UI["syntax"], lang).format(line=err.lineno or 1)
    if isinstance(err, NameError) and getattr(err, "name", None):
        return t(UI["name"], lang).format(name=err.name)
    if isinstance(err, RecursionError):
        return t(UI["recursion"], lang).format(limit=sys.getrecursionlimit())
    if isinstance(err, EOFError):
        return t(UI["eof"], lang)
    if isinstance(err, ModuleNotFoundError):
        return t(UI["import"], lang)
    if isinstance(err, MemoryError):
        return t(UI["memory"], lang)
    if isinstance(err, SystemExit):
        return t(UI["exit"], lang)
    return ""


def _error(err: BaseException, lang: str) -> dict[str, str]:
    try:
        te = traceback.TracebackException.from_exception(err, compact=True)
        text = "".join(_format(te, lang))
    except Exception:  # a broken exception (or traceback module) still gets reported
        text = f"{type(err).__name__}\n"
    return {"type": type(err).__name__, "code": str(getattr(err, "code", "")) if isinstance(err, AI45Error) else "",
            "field": str(getattr(err, "field", "")) if isinstance(err, AI45Error) else "",
            "traceback": text, "explanation": _explain(err, lang)}


def _show_warning(message: Warning | str, category: type[Warning], filename: str, lineno: int,
                  file: Any = None, line: str | None = None) -> None:
    """Warnings are printed with the output, whoever handled them before (a test runner may record them)."""
    sys.stderr.write(warnings.formatwarning(message, category, filename, lineno, line))


@contextlib.contextmanager
def _captured(out: _Output) -> Iterator[None]:
    """Printed text and warnings go to ``out``; ``input()`` meets the end of its input."""
    with (contextlib.redirect_stdout(out), contextlib.redirect_stderr(out), warnings.catch_warnings()):
        stdin, sys.stdin = sys.stdin, io.StringIO("")
        warnings.simplefilter("default")
        warnings.showwarning = _show_warning
        try:
            yield
        finally:
            sys.stdin = stdin


def _run(code: str, lang: str) -> dict[str, Any]:
    """Run the code (the interpreter is restored by the caller); the reply without ``ok``."""
    out = _Output(MAX_OUTPUT)
    notes: list[str] = []
    reply: dict[str, Any] = {"value": None, "html": "", "error": None}
    namespace: dict[str, Any] = {"__name__": "__main__", "__builtins__": builtins}
    linecache.cache[FILENAME] = (len(code), None, code.splitlines(keepends=True), FILENAME)
    with _captured(out):
        try:
            body, last = _compile(code)
            exec(body, namespace)
            if last is not None:
                value = eval(last, namespace)
                if value is not None:
                    reply["value"], reply["html"] = _show(value, lang, notes)
        except SystemExit as err:
            if err.code not in (None, 0):
                reply["error"] = _error(err, lang)
            notes.append(t(UI["exit"], lang))
        except BaseException as err:
            reply["error"] = _error(err, lang)
    namespace.clear()
    if out.total > MAX_OUTPUT:
        notes.append(t(UI["truncated"], lang).format(kept=MAX_OUTPUT, total=out.total))
    reply["output"], reply["notes"] = out.getvalue(), notes
    return reply


def _text_only(value: object) -> object:
    """The reply with only exact str/None/list/dict values (what the reader's objects could not fake)."""
    if value is None or type(value) is str:
        return value
    if type(value) is list:
        return [_text_only(v) for v in value]
    if type(value) is dict:
        return {k: _text_only(v) for k, v in value.items() if type(k) is str}
    return ""


def execute(code: str, lang: str = "en") -> str:
    """Run a reader's code; JSON ``{"ok", "output", "value", "html", "notes", "error"}`` (see the module
    description). Never raises; leaves the interpreter as it found it."""
    lang = "zh" if lang == "zh" else "en"
    if not isinstance(code, str) or len(code) > MAX_CODE:
        message = (t(UI["too_long"], lang).format(n=len(code), max=MAX_CODE) if isinstance(code, str)
                   else t(UI["not_text"], lang))
        error = {"type": "", "code": "too_long" if isinstance(code, str) else "not_text", "field": "",
                 "traceback": "", "explanation": message}
        return json.dumps({"ok": False, "output": "", "value": None, "html": "", "notes": [], "error": error},
                          ensure_ascii=False)
    _RUN["active"] = True
    snapshot = Snapshot()
    restore = snapshot.restore  # taken now: the reader's code may replace Snapshot.restore
    reply: Any = None
    try:
        reply = _text_only(_run(code, lang))
    except BaseException as err:  # the playground's own failure: reported, never raised into the page
        reason = f"{type(err).__name__}: {err}"[:200] if type(err).__str__ is BaseException.__str__ else ""
        reply = {"output": "", "value": None, "html": "", "notes": [],
                 "error": {"type": "internal", "code": "", "field": "", "traceback": "",
                           "explanation": t(UI["internal"], lang).format(reason=reason)}}
    finally:
        gc.collect()  # the reader's objects go first: a __del__ may still change something
        for _ in range(3):
            if not restore():
                break
            gc.collect()
        _RUN["active"] = False
    reply["ok"] = not reply["error"]
    return json.dumps(reply, ensure_ascii=False)


# ------------------------------------------------------------------------------------------------- rendering

PAGE_UI: Final[dict[str, Text]] = {
    "example": {"en": "Start from an example", "zh": "从示例开始"},
    "group_widgets": {"en": "What a widget shows", "zh": "组件显示的结果"},
    "group_methods": {"en": "Examples from the Methods page", "zh": "“计算方法”页面上的示例"},
    "group_more": {"en": "More", "zh": "其他"},
    "code": {"en": "Python code", "zh": "Python 代码"},
    "run": {"en": "Run", "zh": "运行"},
    "shortcut": {"en": "or press Ctrl+Enter in the editor (⌘+Enter on a Mac)",
                 "zh": "或在编辑器中按 Ctrl+Enter（Mac 上按 ⌘+Enter）"},
    "copy_link": {"en": "Copy a link to this code", "zh": "复制这段代码的链接"},
    "copied": {"en": "Link copied. Opening it fills the editor with this code; nothing runs until Run is "
                     "pressed.",
               "zh": "链接已复制。打开链接会把这段代码填入编辑器；只有按下“运行”才会执行。"},
    "copy_failed": {"en": "The link could not be copied automatically: copy it from the address bar.",
                    "zh": "无法自动复制链接，请从地址栏复制。"},
    "link_too_long": {"en": "This code is too long to share as a link (at most {n} characters).",
                      "zh": "这段代码太长，无法作为链接分享（最多 {n} 个字符）。"},
    "console": {"en": "Output", "zh": "输出"},
    "idle": {"en": "Press Run: the output appears here.", "zh": "按“运行”后，输出显示在这里。"},
    "loading": {"en": "Starting the Python engine in your browser…", "zh": "正在浏览器中启动 Python 引擎……"},
    "running": {"en": "Running…", "zh": "正在运行……"},
    "done": {"en": "Done.", "zh": "运行完毕。"},
    "done_error": {"en": "The code stopped with an error.", "zh": "代码因出错而停止。"},
    "nothing": {"en": "The code ran and printed nothing.", "zh": "代码已运行，没有任何输出。"},
    "printed": {"en": "Printed output", "zh": "打印输出"},
    "value": {"en": "Value of the last line", "zh": "最后一行的值"},
    "error": {"en": "Error", "zh": "错误"},
    "timeout": {"en": "Stopped: the code ran for more than 10 seconds (an endless loop?). The Python engine was "
                      "restarted; your code is still in the editor.",
                "zh": "已停止：代码运行超过 10 秒（是不是陷入了死循环？）。Python 引擎已重新启动，"
                      "你的代码仍在编辑器中。"},
    "crashed": {"en": "The Python engine stopped while running this code (os._exit() and similar calls end "
                      "Python itself). A new engine has been started; your code is still in the editor.",
                "zh": "运行这段代码时 Python 引擎停止了（os._exit() 之类的调用会结束 Python 本身）。"
                      "已启动新的引擎，你的代码仍在编辑器中。"},
    "failed": {"en": "The Python engine could not start ({reason}). Reload the page to try again.",
               "zh": "Python 引擎未能启动（{reason}）。请刷新页面后重试。"},
    "internal": {"en": "The engine gave an unexpected answer ({reason}).", "zh": "引擎的回应出乎意料（{reason}）。"},
    "link_loaded": {"en": "Code loaded from the link. Read it first, then press Run to run it.",
                    "zh": "已从链接载入代码。请先读一读，再按“运行”执行。"},
    "link_bad": {"en": "The code in this link could not be read ({reason}), so the editor shows the example "
                       "instead.",
                 "zh": "无法读取链接中的代码（{reason}），编辑器里显示的是示例代码。"},
    "bad_base64": {"en": "it is not valid base64url", "zh": "不是有效的 base64url 编码"},
    "bad_utf8": {"en": "it is not UTF-8 text", "zh": "不是 UTF-8 文本"},
    "link_huge": {"en": "it is longer than {n} characters", "zh": "超过了 {n} 个字符"},
    "empty": {"en": "it is empty", "zh": "内容为空"},
    "example_loaded": {"en": "Example loaded. Ctrl+Z (⌘+Z) in the editor brings your previous code back.",
                       "zh": "已载入示例。在编辑器中按 Ctrl+Z（⌘+Z）可以找回之前的代码。"},
    "nojs": {"en": "Running code needs JavaScript. You can still read, copy and print the code above.",
             "zh": "运行代码需要 JavaScript。你仍然可以阅读、复制和打印上面的代码。"},
}
"""The playground's labels and messages (the page's script reads them from the block's data attribute)."""


def _json(data: object) -> str:
    """The page's data for the script, as JSON in an attribute. (Not in a <script type="application/json">:
    Material's instant navigation re-creates the scripts of the page it shows without their type, and the
    browser would try to run the JSON as code.)"""
    return json.dumps(data, ensure_ascii=False)


def render_playground(params: Mapping[str, str], lang: str, key: str = "playground") -> str:
    """The static playground (see the module description); ``params`` may name the first ``example``.

    >>> html = render_playground({}, "en")
    >>> all(s in html for s in ("data-ai45-playground", "data-ai45-run", 'data-ai45-state="idle"', "<textarea"))
    True
    >>> render_playground({"example": "nope"}, "en")
    Traceback (most recent call last):
    ...
    ai45widgets.playground.PlaygroundError: unknown example 'nope'; known: plane, investment, ladder, pavlov, \
zones, matrix, benchmarks, error, methods-plane, methods-investment, methods-ladder, methods-pavlov, \
methods-zones, methods-matrix, methods-benchmarks
    """
    from .examples import EXAMPLES  # the examples import the playground's limits

    lang = "zh" if lang == "zh" else "en"
    extra = sorted(set(params) - {"example"})
    if extra:
        raise PlaygroundError(f"a playground block takes at most one line, 'example: ID'; not {', '.join(extra)}")
    first = params.get("example", next(iter(EXAMPLES)))
    if first not in EXAMPLES:
        raise PlaygroundError(f"unknown example {first!r}; known: {', '.join(EXAMPLES)}")
    ui = {name: t(text, lang) for name, text in PAGE_UI.items()}
    groups: dict[str, list[str]] = {}
    for ex in EXAMPLES.values():
        groups.setdefault(ex.group, []).append(
            f"<option{attrs(value=ex.id, selected=ex.id == first)}>{esc(t(ex.title, lang))}</option>")
    options = "".join(f'<optgroup label="{esc(ui["group_" + g])}">{"".join(o)}</optgroup>' for g, o in groups.items())
    code = EXAMPLES[first].code(lang)
    data = {"lang": lang, "maxCode": MAX_CODE, "ui": ui,
            "examples": {ex.id: ex.code(lang) for ex in EXAMPLES.values()}}
    box = attrs(id=f"{key}-code", class_="ai45-playground-code", data_ai45_code=True, spellcheck="false",
                autocapitalize="off", autocomplete="off", rows=code.count("\n") + 1,
                aria_describedby=f"{key}-shortcut")
    run = attrs(type="button", class_="md-button md-button--primary", data_ai45_run=True, disabled=True,
                aria_keyshortcuts="Control+Enter Meta+Enter")
    console = attrs(class_="ai45-console", data_ai45_console=True, data_ai45_state="idle",
                    aria_labelledby=f"{key}-console-label")
    return (
        f'<div class="ai45-playground"{attrs(id=key, data_ai45_playground=key, data_ai45_playground_data=_json(data))}>'
        f'<div class="ai45-playground-pick"><label for="{key}-example">{esc(ui["example"])}</label>'
        f'<select{attrs(id=f"{key}-example", data_ai45_example=True, disabled=True)}>{options}</select></div>'
        f'<label class="ai45-playground-label" for="{key}-code" id="{key}-code-label">{esc(ui["code"])}</label>'
        f"<textarea{box}>{esc(code)}</textarea>"
        f'<div class="ai45-playground-actions"><button{run}>{esc(ui["run"])}</button>'
        f'<span class="ai45-hint" id="{key}-shortcut">{esc(ui["shortcut"])}</span>'
        f'<button type="button" class="md-button"{attrs(data_ai45_copy_link=True, disabled=True)}>'
        f'{esc(ui["copy_link"])}</button></div>'
        f'<p class="ai45-playground-message" data-ai45-message role="status" aria-live="polite"></p>'
        f'<noscript><p class="ai45-note">{esc(ui["nojs"])}</p></noscript>'
        f"<section{console}>"
        f'<p class="ai45-console-title" id="{key}-console-label">{esc(ui["console"])}</p>'
        f'<div data-ai45-console-body><p class="ai45-console-empty">{esc(ui["idle"])}</p></div></section>'
        "</div>"
    )
