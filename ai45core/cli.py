"""Command line: ``ai45 NAME --params JSON [--lang en|zh]`` prints the result as JSON.

Exit status 0 with the result on standard output; for bad input one line ``error: CODE: message`` on standard
error and exit status 2 (also for malformed JSON and unknown names).

>>> main(["plane", "--params", '{"capability": [10, 20, 40], "safety": [5, 10, 20]}'])  # doctest: +ELLIPSIS
{
  "angle_deg": 45.0,
...
0
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from . import NAMES, compute
from .errors import AI45Error

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = argparse.ArgumentParser(prog="ai45", description="AI-45° Law computations (ai45core).")
    parser.add_argument("name", choices=NAMES, help="which computation to run")
    parser.add_argument("--params", default="{}", help="parameters as a JSON object (default: {})")
    parser.add_argument("--lang", choices=("en", "zh"), default="en", help="language of error messages")
    args = parser.parse_args(argv)
    try:
        params = json.loads(args.params)
    except json.JSONDecodeError as exc:
        err = AI45Error("bad_json", "params", en=f"not valid JSON ({exc.msg}, position {exc.pos})",
                        zh=f"不是有效的 JSON（{exc.msg}，位置 {exc.pos}）")
        print(f"error: {err.code}: {err.message(args.lang)}", file=sys.stderr)
        return 2
    try:
        result = compute(args.name, params)
    except AI45Error as err:
        print(f"error: {err.code}: {err.message(args.lang)}", file=sys.stderr)
        return 2
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0
