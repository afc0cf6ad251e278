"""The golden vectors in CPython (the same file runs in Pyodide and in the browser)."""

import json
from pathlib import Path

import pytest

from ai45core import NAMES, compute
from tests.golden.check import check_case

GOLDEN = Path(__file__).parents[1] / "golden"
CASES = [(path.stem, case) for path in sorted(GOLDEN.glob("*.json"))
         for case in json.loads(path.read_text(encoding="utf-8"))["cases"]]


def test_every_computation_has_golden_vectors() -> None:
    assert {path.stem for path in GOLDEN.glob("*.json")} == set(NAMES)


@pytest.mark.parametrize(("name", "case"), CASES, ids=[f"{n}/{c['id']}" for n, c in CASES])
def test_golden(name: str, case: dict[str, object]) -> None:
    assert check_case(compute, name, case) == []
