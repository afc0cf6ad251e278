"""The parity checker passes on the real pages and names the file for every kind of planted drift."""

import re
import shutil
from pathlib import Path

import pytest

from scripts import parity


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    """A scratch copy of docs/ to plant drift in."""
    return Path(shutil.copytree(parity.DOCS, tmp_path / "docs"))


def _zh_page(docs: Path, want: str) -> parity.Page:
    """The first Chinese page that has what the planted drift needs (so the tests survive content edits)."""
    for path in parity.source_pages(docs):
        if parity.language(path) == "zh":
            page = parity.read_page(path)
            if {"heading": len(page.headings) >= 2, "widget": bool(page.widgets and page.widgets[0].params),
                "link": bool(page.links)}[want]:
                return page
    pytest.fail(f"no Chinese page with a {want} to plant drift in")


def _reported(problems: list[parity.Problem], path: Path, *words: str) -> list[str]:
    return [str(p) for p in problems if p.path.name == path.name and all(w in p.message for w in words)]


def test_real_docs_pass() -> None:
    problems = parity.check()
    assert problems == [], "\n".join(map(str, problems))


def test_main_exit_status(docs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert parity.main([str(docs)]) == 0
    next(p for p in docs.glob("*.zh.md")).unlink()
    assert parity.main([str(docs)]) == 1
    assert ".zh.md: missing" in capsys.readouterr().out


def test_deleted_heading(docs: Path) -> None:
    page = _zh_page(docs, "heading")
    gone = page.headings[-1]
    lines = page.path.read_text(encoding="utf-8").split("\n")
    del lines[gone.line - 1]
    page.path.write_text("\n".join(lines), encoding="utf-8")
    found = _reported(parity.check(docs), page.path, "heading missing", f"h{gone.level}")
    assert found, f"deleting {gone} from {page.path.name} went unnoticed"
    assert all(re.search(rf"{re.escape(page.path.name)}:\d+: ", f) for f in found), found


def test_changed_widget_parameter(docs: Path) -> None:
    page = _zh_page(docs, "widget")
    widget = page.widgets[0]
    key = next(iter(widget.params))
    lines = page.path.read_text(encoding="utf-8").split("\n")
    row = next(i for i in range(widget.line, len(lines)) if lines[i].startswith(f"{key}:"))
    lines[row] = f"{key}: 0.123"
    page.path.write_text("\n".join(lines), encoding="utf-8")
    found = _reported(parity.check(docs), page.path, f"widget {widget.name}", key)
    en = parity.read_page(parity.twin(page.path))
    assert found == [f"{parity._show(page.path)}:{widget.line}: widget {widget.name}: {key} is '0.123' here "
                     f"but {widget.params[key]!r} in {parity._show(en.path)}:{en.widgets[0].line}"]


def test_missing_twin(docs: Path) -> None:
    zh = next(p for p in parity.source_pages(docs) if parity.language(p) == "zh")
    zh.unlink()
    problems = parity.check(docs)
    assert _reported(problems, zh, "missing", parity.twin(zh).name), list(map(str, problems))


def test_dropped_external_link(docs: Path) -> None:
    page = _zh_page(docs, "link")
    url = page.links[0][0]
    text = page.path.read_text(encoding="utf-8")
    # Keep the label, drop the link: [label](url) → label, or <url> → url.
    link = rf"\[([^\]]*)\]\({re.escape(url)}\)|<{re.escape(url)}>"
    dropped = re.sub(link, lambda m: m.group(1) or url, text, count=1)
    assert dropped != text
    page.path.write_text(dropped, encoding="utf-8")
    assert _reported(parity.check(docs), page.path, "external links"), "a dropped link went unnoticed"


def test_front_matter_rules(docs: Path) -> None:
    zh = next(p for p in parity.source_pages(docs) if parity.language(p) == "zh")
    text = zh.read_text(encoding="utf-8")
    zh.write_text(re.sub(r"^description: .*$", "description: " + "很长" * 41, text, count=1, flags=re.M),
                  encoding="utf-8")
    en = parity.twin(zh)
    text = en.read_text(encoding="utf-8")
    en.write_text(re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S), encoding="utf-8")
    problems = parity.check(docs)
    assert _reported(problems, zh, "82 characters", "at most 80")
    assert _reported(problems, en, "no front matter")


def test_admonition_bodies_are_read(tmp_path: Path) -> None:
    page = tmp_path / "p.md"
    page.write_text("---\ntitle: T\ndescription: D\n---\n\n# T\n\n!!! note \"N\"\n    See [x](https://example.org).\n\n"
                    "    ```ai45 plane\n    scale: log\n    ```\n\nAfter.\n", encoding="utf-8")
    read = parity.read_page(page)
    assert read.links == [("https://example.org", 9)]
    assert [(w.name, dict(w.params), w.line) for w in read.widgets] == [("plane", {"scale": "log"}, 11)]
    assert read.problems == []
