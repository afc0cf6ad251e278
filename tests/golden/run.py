"""Check the golden vectors with whatever Python runs this file (used for CPython 3.11 compatibility).

    python3.11 tests/golden/run.py
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parents[1]), str(HERE)]

from check import check_all  # noqa: E402

files = {p.name: p.read_text(encoding="utf-8") for p in sorted(HERE.glob("*.json"))}
count, problems = check_all(files)
for problem in problems:
    print("mismatch:", problem)
print(f"Python {sys.version.split()[0]}: {count} golden cases")
print(f"{count - len(problems)} passed, {len(problems)} failed")
sys.exit(1 if problems else 0)
