"""Every golden case's full result (or error code), as canonical JSON: Pyodide's must be identical.

Run directly (CPython) it prints the JSON; Pyodide imports it and calls :func:`all_results`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any


def all_results(files: dict[str, str]) -> dict[str, Any]:
    """Map "computation/case id" → result dict, or {"error": code}."""
    from ai45core import AI45Error, compute

    out: dict[str, Any] = {}
    for text in files.values():
        data = json.loads(text)
        for case in data["cases"]:
            key = f"{data['computation']}/{case['id']}"
            try:
                out[key] = compute(data["computation"], case["params"])
            except AI45Error as err:
                out[key] = {"error": err.code}
    return out


if __name__ == "__main__":
    folder = Path(__file__).parent
    files = {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.json"))}
    json.dump(all_results(files), sys.stdout, sort_keys=True)
