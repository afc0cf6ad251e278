"""The build's size budgets: a site within budget passes, an oversized file or wheel is named."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("ai45_hook", ROOT / "widgets" / "hook.py")
assert spec and spec.loader
hook = importlib.util.module_from_spec(spec)
spec.loader.exec_module(hook)


def test_small_site_is_within_budget(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<p>hi</p>", encoding="utf-8")
    assert hook.check_budgets(tmp_path) == []


def test_oversized_wheel_and_file_are_named(tmp_path: Path) -> None:
    (tmp_path / "big.whl").write_bytes(b"0" * (hook.BUDGET_WHEEL_BYTES + 1))
    (tmp_path / "huge.bin").write_bytes(b"0" * (hook.BUDGET_FILE_BYTES + 1))
    over = hook.check_budgets(tmp_path)
    assert any("big.whl" in o for o in over)
    assert any("huge.bin" in o for o in over)
    assert any(o.startswith("site is") for o in over) == (hook.BUDGET_FILE_BYTES + hook.BUDGET_WHEEL_BYTES
                                                           > hook.BUDGET_SITE_BYTES)
