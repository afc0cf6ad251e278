"""The Python runtime the browser loads: the pinned Pyodide core (npm) and our two wheels with their lock file.

The wheels and a site-specific ``pyodide-lock.json`` (made by pyodide-build's lockfile tooling: only our
packages, each with its sha256) are published in ``assets/ai45/py-<digest>/``, where the digest covers the
Python sources and the Pyodide version: a folder's content never changes, so it can be cached forever.

Beside them, ``ai45.snap.gz``: a Pyodide memory snapshot with our packages imported
(``scripts/make-snapshot.mjs``), from which a repeat visit starts in a fraction of the time. It is optional: if
it cannot be made (or ``AI45_SNAPSHOT=0``), the build says so and readers get the normal start.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYODIDE = ROOT / "node_modules" / "pyodide"
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
BUILD = ROOT / "build"
PACKAGES = ("ai45core", "ai45widgets")


@dataclass(frozen=True)
class Runtime:
    version: str
    """Pyodide's version."""
    digest: str
    """Hash of our Python sources and the Pyodide version (names the wheels' folder)."""
    files: dict[str, Path]
    """Site path → file on disk, for everything a widget page needs to go live."""
    index_url: str
    lock_url: str
    snapshot: dict[str, object] | None
    """``{url, bytes, probe}`` for the browser, or None when there is no snapshot."""


def pyodide_version() -> str:
    package = json.loads((PYODIDE / "package.json").read_text(encoding="utf-8"))
    return str(package["version"])


def _sources_digest(version: str) -> str:
    digest = hashlib.sha256(version.encode())
    for folder in (ROOT / "ai45core", ROOT / "widgets" / "ai45widgets"):
        for path in sorted(folder.rglob("*.py")):
            digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0" + path.read_bytes())
    digest.update((ROOT / "pyproject.toml").read_bytes() + (ROOT / "widgets" / "pyproject.toml").read_bytes())
    return digest.hexdigest()[:12]


def _build_wheels(final: Path) -> None:
    """Wheels + lock file into ``final``; built beside, then renamed, so a build running at the same time never
    sees a half-made folder."""
    for old in BUILD.glob("py-*"):
        shutil.rmtree(old, ignore_errors=True)
    out = final.with_name(f"tmp-{final.name}-{os.getpid()}")
    out.mkdir(parents=True)
    for project in (ROOT, ROOT / "widgets"):
        subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
                        "-w", str(out), str(project)], check=True)
    # Only our packages: the stock lock lists 350 packages this site does not ship.
    base = json.loads((PYODIDE / "pyodide-lock.json").read_text(encoding="utf-8"))
    base["packages"] = {}
    (out / "base-lock.json").write_text(json.dumps(base), encoding="utf-8")
    pyodide_cli = Path(sys.executable).with_name("pyodide")
    subprocess.run([str(pyodide_cli), "lockfile", "add-wheels", "--input", str(out / "base-lock.json"),
                    "--output", str(out / "pyodide-lock.json"), "--base-path", str(out),
                    *map(str, sorted(out.glob("*.whl")))],
                   check=True, capture_output=True)
    (out / "base-lock.json").unlink()
    if final.exists():
        shutil.rmtree(out)
    else:
        out.rename(final)


def _make_snapshot(out: Path) -> dict[str, object] | None:
    """The snapshot's manifest (made now, or the one made before for the same runtime), or None."""
    manifest = out / "ai45.snap.json"
    if manifest.exists():
        return dict(json.loads(manifest.read_text(encoding="utf-8")))
    if os.environ.get("AI45_SNAPSHOT") == "0" or (out / "no-snapshot").exists():
        return None
    done = subprocess.run(["node", str(ROOT / "scripts" / "make-snapshot.mjs"), "--pyodide", str(PYODIDE),
                           "--py", str(out), "--out-dir", str(out)], capture_output=True, text=True, encoding="utf-8")
    if done.returncode != 0 or not manifest.exists():
        (out / "no-snapshot").write_text(done.stdout + done.stderr, encoding="utf-8")
        print(f"warning: no Pyodide snapshot, readers get the normal start: {(done.stderr or done.stdout)[-300:]}",
              file=sys.stderr)
        return None
    return dict(json.loads(manifest.read_text(encoding="utf-8")))


@cache
def runtime() -> Runtime:
    """Build (or reuse) the wheels, the lock file and the snapshot; return the runtime's site paths."""
    version = pyodide_version()
    digest = _sources_digest(version)
    out = BUILD / f"py-{digest}"
    if not (out / "pyodide-lock.json").exists():
        _build_wheels(out)
    made = _make_snapshot(out)
    folder = f"assets/ai45/py-{digest}/"
    files = {f"assets/pyodide/{version}/{name}": PYODIDE / name for name in PYODIDE_FILES}
    files.update({folder + p.name: p for p in sorted(out.iterdir()) if p.suffix in (".whl", ".json", ".gz")
                  and p.name != "ai45.snap.json"})
    snapshot = None
    if made:
        snapshot = {"url": folder + str(made["file"]), "bytes": made["bytes"], "probe": made["probe"]}
    return Runtime(version, digest, files, f"assets/pyodide/{version}/", folder + "pyodide-lock.json", snapshot)
