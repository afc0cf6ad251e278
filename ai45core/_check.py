"""Reading parameters: every computation validates its input here, so messages are uniform.

Parameters arrive as JSON-decoded data from the command line, from the widgets (strings exactly as a reader
typed them) or from Python callers. Numbers may therefore be JSON numbers or decimal strings; series may be
lists or one string of values separated by commas, spaces, semicolons or new lines (Chinese commas too).

>>> series({"c": "1, 2，4\\n8"}, "c")
(1.0, 2.0, 4.0, 8.0)
>>> number({"x": " 2.5 "}, "x")
2.5
>>> number({"x": "nan"}, "x")
Traceback (most recent call last):
...
ai45core.errors.AI45Error: x: must be a finite number; got 'nan'
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, fields, is_dataclass
from typing import Any, Final

from .errors import AI45Error

__all__ = [
    "MAX_POINTS",
    "REQUIRED",
    "Result",
    "boolean",
    "check_finite",
    "choice",
    "id_list",
    "labels",
    "number",
    "params_object",
    "reject_unknown",
    "series",
]

MAX_POINTS: Final = 1000
"""Longest series accepted: enough for any real trajectory, small enough to compute within one frame."""

MAX_TEXT: Final = 80
"""Longest label accepted, in characters."""


class _Required:
    def __repr__(self) -> str:
        return "REQUIRED"


REQUIRED: Final[Any] = _Required()
"""Default marking a parameter that must be given."""

_SPLIT = re.compile(r"[,;，；、\s]+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def params_object(params: object) -> Mapping[str, object]:
    """Check that ``params`` is a JSON object (a mapping with string keys)."""
    if not isinstance(params, Mapping) or not all(isinstance(k, str) for k in params):
        raise AI45Error("not_an_object", "", en="parameters must be a JSON object such as {\"a\": 1}",
                        zh="参数必须是 JSON 对象，例如 {\"a\": 1}")
    return params


def reject_unknown(params: Mapping[str, object], allowed: Sequence[str]) -> None:
    """Refuse parameters the computation does not know (usually a typo)."""
    for key in params:
        if key not in allowed:
            shown = key[:40]
            names = ", ".join(allowed)
            raise AI45Error("unknown_param", shown, en=f"unknown parameter; allowed: {names}",
                            zh=f"未知参数；可用的参数：{names}")


def _missing(key: str) -> AI45Error:
    return AI45Error("required", key, en="a value is required", zh="此项必填")


def _to_float(value: object, key: str) -> float:
    if isinstance(value, bool):
        raise AI45Error("not_a_number", key, en=f"must be a number; got {value!r}",
                        zh=f"必须是数字；收到的是 {value!r}")
    if isinstance(value, int):
        try:
            result = float(value)
        except OverflowError:
            result = math.inf
    elif isinstance(value, float):
        result = value
    elif isinstance(value, str):
        text = value.strip().replace("−", "-")
        if not text:
            raise _missing(key)
        try:
            result = float(text)
        except ValueError:
            shown = text[:20]
            raise AI45Error("not_a_number", key, en=f"must be a number; got {shown!r}",
                            zh=f"必须是数字；收到的是 {shown!r}") from None
    else:
        raise AI45Error("not_a_number", key, en="must be a number", zh="必须是数字")
    if not math.isfinite(result):
        shown = str(value).strip()[:20]
        raise AI45Error("not_finite", key, en=f"must be a finite number; got {shown!r}",
                        zh=f"必须是有限的数字；收到的是 {shown!r}")
    return result


def _bounds(x: float, key: str, lo: float | None, hi: float | None, lo_open: bool, hi_open: bool) -> None:
    low_bad = lo is not None and (x <= lo if lo_open else x < lo)
    high_bad = hi is not None and (x >= hi if hi_open else x > hi)
    if low_bad or high_bad:
        left = "" if lo is None else ("(" if lo_open else "[") + f"{lo:g}"
        right = "" if hi is None else f"{hi:g}" + (")" if hi_open else "]")
        if lo is None:
            en = f"must be {'<' if hi_open else '≤'} {hi:g}"
            zh = f"必须{'小于' if hi_open else '不大于'} {hi:g}"
        elif hi is None:
            en = f"must be {'>' if lo_open else '≥'} {lo:g}"
            zh = f"必须{'大于' if lo_open else '不小于'} {lo:g}"
        else:
            en, zh = f"must lie in {left}, {right}", f"必须在 {left}, {right} 范围内"
        raise AI45Error("out_of_range", key, en=f"{en}; got {x:g}", zh=f"{zh}；当前为 {x:g}")


def number(params: Mapping[str, object], key: str, default: Any = REQUIRED, *, lo: float | None = None,
           hi: float | None = None, lo_open: bool = False, hi_open: bool = False,
           integer: bool = False) -> float:
    """A finite number within the given bounds (``*_open`` excludes the bound itself).

    >>> number({}, "alpha", 0.5)
    0.5
    >>> number({"a": "3"}, "a", lo=0, hi=1)
    Traceback (most recent call last):
    ...
    ai45core.errors.AI45Error: a: must lie in [0, 1]; got 3
    """
    value = params.get(key)
    if value is None or (isinstance(value, str) and not value.strip() and default is not REQUIRED):
        if default is REQUIRED:
            raise _missing(key)
        return float(default)
    x = _to_float(value, key)
    if integer and x != int(x):
        raise AI45Error("not_an_integer", key, en=f"must be a whole number; got {x:g}",
                        zh=f"必须是整数；当前为 {x:g}")
    _bounds(x, key, lo, hi, lo_open, hi_open)
    return x


def series(params: Mapping[str, object], key: str, default: Any = REQUIRED, *, min_len: int = 2,
           lo: float | None = None, hi: float | None = None, lo_open: bool = False) -> tuple[float, ...]:
    """A list of finite numbers: a JSON list, or a string of values separated by commas or spaces.

    >>> series({"s": [1, "2"]}, "s")
    (1.0, 2.0)
    >>> series({"s": "1"}, "s")
    Traceback (most recent call last):
    ...
    ai45core.errors.AI45Error: s: needs at least 2 values; got 1
    """
    value = params.get(key)
    if value is None:
        if default is REQUIRED:
            raise _missing(key)
        return tuple(float(v) for v in default)
    if isinstance(value, str):
        if len(value) > MAX_POINTS * 32:
            raise _too_long(key)
        items: Sequence[object] = [part for part in _SPLIT.split(value.strip()) if part]
    elif isinstance(value, list | tuple):
        items = value
    else:
        raise AI45Error("not_a_list", key, en="must be a list of numbers such as 1, 2, 4",
                        zh="必须是一组数字，例如 1, 2, 4")
    if len(items) > MAX_POINTS:
        raise _too_long(key)
    if len(items) < min_len:
        if not items and min_len > 0:
            raise _missing(key)
        raise AI45Error("too_short", key, en=f"needs at least {min_len} values; got {len(items)}",
                        zh=f"至少需要 {min_len} 个数值；现有 {len(items)} 个")
    out = []
    for i, item in enumerate(items):
        x = _to_float(item, key)
        try:
            _bounds(x, key, lo, hi, lo_open, False)
        except AI45Error as err:
            raise AI45Error(err.code, key, en=f"value {i + 1}: {err.en}",
                            zh=f"第 {i + 1} 个数值：{err.zh}") from None
        out.append(x)
    return tuple(out)


def _too_long(key: str) -> AI45Error:
    return AI45Error("too_long", key, en=f"at most {MAX_POINTS} values are accepted",
                     zh=f"最多接受 {MAX_POINTS} 个数值")


def choice(params: Mapping[str, object], key: str, options: Sequence[str], default: Any = REQUIRED) -> str:
    """One of ``options`` (exact, case-insensitive, surrounding spaces ignored).

    >>> choice({"scale": " LOG "}, "scale", ("index", "log"))
    'log'
    """
    value = params.get(key)
    if value is None or value == "":
        if default is REQUIRED:
            raise _missing(key)
        return str(default)
    if isinstance(value, str) and value.strip().lower() in options:
        return value.strip().lower()
    shown = str(value)[:20]
    names = ", ".join(options)
    raise AI45Error("not_an_option", key, en=f"must be one of {names}; got {shown!r}",
                    zh=f"必须是以下之一：{names}；收到的是 {shown!r}")


def boolean(params: Mapping[str, object], key: str, default: bool = False) -> bool:
    """True/false, also from the strings a form sends ("true", "on", "1", "false", "off", "0", "")."""
    value = params.get(key)
    if value is None:
        return default
    if isinstance(value, bool):
        return value
    words = {"true", "on", "1", "yes", "false", "off", "0", "no", ""}
    if isinstance(value, str) and value.strip().lower() in words:
        return value.strip().lower() in {"true", "on", "1", "yes"}
    raise AI45Error("not_a_boolean", key, en="must be true or false", zh="必须是 true 或 false")


def labels(params: Mapping[str, object], key: str, count: int) -> tuple[str, ...]:
    """Optional text labels, one per point: a list, or one string separated by commas or new lines.

    Control and direction-override characters are removed; the text is never interpreted, only escaped
    where it is shown.

    >>> labels({"l": "2023, 2024"}, "l", 2)
    ('2023', '2024')
    >>> labels({}, "l", 3)
    ('1', '2', '3')
    """
    value = params.get(key)
    if value is None or value == "" or value == []:
        return tuple(str(i + 1) for i in range(count))
    if isinstance(value, str):
        if len(value) > MAX_POINTS * MAX_TEXT:
            raise _too_long(key)
        items: list[object] = [p for p in re.split(r"[,;，；\n]", value)]
    elif isinstance(value, list | tuple):
        items = list(value)
    else:
        raise AI45Error("not_a_list", key, en="must be a list of labels", zh="必须是一组标签")
    if len(items) != count:
        raise AI45Error("length_mismatch", key, en=f"needs {count} labels, one per point; got {len(items)}",
                        zh=f"需要 {count} 个标签（每个点一个）；现有 {len(items)} 个")
    out = []
    for item in items:
        if not isinstance(item, str | int | float) or isinstance(item, bool):
            raise AI45Error("not_text", key, en="labels must be text", zh="标签必须是文字")
        text = _CONTROL.sub("", str(item)).strip()
        if len(text) > MAX_TEXT:
            raise AI45Error("too_long", key, en=f"a label may have at most {MAX_TEXT} characters",
                            zh=f"每个标签最多 {MAX_TEXT} 个字符")
        out.append(text)
    return tuple(out)


def id_list(params: Mapping[str, object], key: str, *, noun: Mapping[str, str], example: str,
            limit: int = 100, prepare: Callable[[str], str] = str.strip) -> tuple[str, ...]:
    """Identifiers (technique ids, matrix cells…): a list of strings, or one string separated by commas,
    spaces or Chinese separators; empty items dropped, at most ``limit``. ``prepare`` tidies a string first.

    >>> id_list({"a": "sft, rlhf，x"}, "a", noun={"en": "technique ids", "zh": "技术编号"}, example="sft")
    ('sft', 'rlhf', 'x')
    """
    value = params.get(key)
    too_long = AI45Error("too_long", key, en=f"at most {limit} {noun['en']} are accepted",
                         zh=f"最多接受 {limit} 个{noun['zh']}")
    if value is None:
        return ()
    if isinstance(value, str):
        if len(value) > limit * 40:
            raise too_long
        items: list[object] = [part for part in _SPLIT.split(prepare(value)) if part]
    elif isinstance(value, list | tuple):
        items = list(value)
    else:
        raise AI45Error("not_a_list", key, en=f"must be a list of {noun['en']} such as {example}",
                        zh=f"必须是一组{noun['zh']}，例如 {example}")
    if len(items) > limit:
        raise too_long
    out = []
    for item in items:
        if not isinstance(item, str):
            raise AI45Error("not_text", key, en=f"{noun['en']} must be text such as \"{example}\"",
                            zh=f"{noun['zh']}必须是文字，例如 \"{example}\"")
        if item.strip():
            out.append(item)
    return tuple(out)


def check_finite(value: float) -> float:
    """Guard an output: the inputs were valid but the result overflowed (e.g. 1e308 squared)."""
    if not math.isfinite(value):
        raise AI45Error("overflow", "", en="a result is too large to compute; use smaller numbers",
                        zh="计算结果超出范围；请使用较小的数值")
    return value


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _plain(value: object) -> object:
    # The common leaves first, and field names cached per class: results may hold thousands of values.
    if value is None or isinstance(value, str | int):
        return value
    if isinstance(value, float):
        return check_finite(value)
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if is_dataclass(value) and not isinstance(value, type):
        names = _FIELD_NAMES.get(type(value))
        if names is None:
            names = _FIELD_NAMES[type(value)] = tuple(f.name for f in fields(value))
        return {name: _plain(getattr(value, name)) for name in names}
    return value


@dataclass(frozen=True)
class Result:
    """Base of every result: ``to_dict()`` gives plain JSON data (and refuses NaN or infinity)."""

    def to_dict(self) -> dict[str, Any]:
        """Plain data, ready for ``json.dumps``."""
        plain = _plain(self)
        assert isinstance(plain, dict)
        return plain
