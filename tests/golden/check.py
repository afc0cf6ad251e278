"""Golden vectors: one checker for every runtime (CPython, Pyodide under Node, the browser).

Each ``tests/golden/<computation>.json`` is ``{"computation": NAME, "cases": [CASE, ...]}`` where a CASE is
either ``{"id", "params", "expect": {key: value}, "abs_tol", "derivation"}`` (``expect`` lists only the keys
it checks; nested lists and objects are compared element by element, numbers within ``abs_tol``) or
``{"id", "params", "error": CODE}``. Expected values come from hand calculation, a closed form or a second
method, written down in ``derivation`` — never copied from the code's own output.

Standard library only: Pyodide runs this very file.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from typing import Any


def _mismatch(path: str, want: Any, got: Any, tol: float) -> list[str]:
    if isinstance(want, bool) or want is None or isinstance(want, str):
        return [] if want == got else [f"{path}: want {want!r}, got {got!r}"]
    if isinstance(want, int | float):
        if isinstance(got, bool) or not isinstance(got, int | float):
            return [f"{path}: want number {want!r}, got {got!r}"]
        return [] if math.isclose(want, got, rel_tol=0, abs_tol=tol) else [f"{path}: want {want!r}, got {got!r}"]
    if isinstance(want, list):
        if not isinstance(got, list) or len(got) != len(want):
            return [f"{path}: want list of {len(want)}, got {got!r}"]
        return [m for i, (w, g) in enumerate(zip(want, got, strict=True)) for m in _mismatch(f"{path}[{i}]", w, g, tol)]
    if isinstance(want, dict):
        if not isinstance(got, dict):
            return [f"{path}: want object, got {got!r}"]
        return [m for k, w in want.items() for m in
                (_mismatch(f"{path}.{k}", w, got[k], tol) if k in got else [f"{path}.{k}: missing"])]
    return [f"{path}: unsupported expectation {want!r}"]


def check_case(compute: Callable[[str, Any], dict[str, Any]], name: str, case: dict[str, Any]) -> list[str]:
    """Run one case through ``compute(name, params)``; return the mismatches (empty when it passes)."""
    from ai45core import AI45Error

    label = f"{name}/{case['id']}"
    try:
        got = compute(name, case["params"])
    except AI45Error as err:
        if "error" in case:
            return [] if err.code == case["error"] else [f"{label}: want error {case['error']}, got {err.code}"]
        return [f"{label}: unexpected error {err.code}: {err}"]
    if "error" in case:
        return [f"{label}: want error {case['error']}, got a result"]
    return _mismatch(label, case["expect"], got, float(case.get("abs_tol", 1e-9)))


def check_all(files: dict[str, str]) -> tuple[int, list[str]]:
    """Check every case in ``files`` (file name → JSON text); return (cases run, mismatches)."""
    from ai45core import compute

    count, problems = 0, []
    for text in files.values():
        data = json.loads(text)
        for case in data["cases"]:
            count += 1
            problems += check_case(compute, data["computation"], case)
    return count, problems
