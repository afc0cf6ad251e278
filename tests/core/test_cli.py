"""The command line contract: JSON on stdout and exit 0; one `error: CODE: message` line and exit 2."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest


def ai45(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ai45core", *args], capture_output=True, text=True,
                          encoding="utf-8", check=False)


def test_result_is_json_on_stdout() -> None:
    done = ai45("plane", "--params", '{"capability": [10, 20, 40], "safety": [5, 10, 20], "scale": "raw"}')
    assert done.returncode == 0, done.stderr
    # atan(15 / 30) = 26.565…°: the raw scale reads the same data as a shallower path than 45°.
    assert json.loads(done.stdout)["angle_deg"] == pytest.approx(26.5650511771, abs=1e-9)


@pytest.mark.parametrize(("lang", "text"), [("en", "needs at least 2 values"), ("zh", "至少需要 2 个数值")])
def test_bad_input_is_one_line_on_stderr_with_exit_2(lang: str, text: str) -> None:
    done = ai45("plane", "--params", '{"capability": [1, 2], "safety": [1]}', "--lang", lang)
    assert done.returncode == 2
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("error: too_short: safety")
    assert text in lines[0]


def test_malformed_json_and_non_object_params() -> None:
    bad = ai45("pavlov", "--params", "{oops")
    assert bad.returncode == 2 and bad.stderr.startswith("error: bad_json:")
    array = ai45("pavlov", "--params", "[1, 2]")
    assert array.returncode == 2 and array.stderr.startswith("error: not_an_object:")


def test_unknown_computation_exits_2() -> None:
    assert ai45("nonsense").returncode == 2


def test_every_computation_runs_with_defaults_or_says_what_is_missing() -> None:
    for name in ("plane", "investment", "ladder", "pavlov", "zones", "matrix", "benchmarks"):
        done = ai45(name)
        assert done.returncode in (0, 2), (name, done.stderr)
        if done.returncode == 2:
            assert done.stderr.startswith("error: required:"), (name, done.stderr)
