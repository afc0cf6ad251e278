"""Each computation's documentation in Chinese (``METHODS_ZH``), shown on the Chinese Methods page (issue 12).

The English Methods page shows the module docstrings; the Chinese one shows these texts, followed by the
docstring's own examples. They must say as much as the English, read as Chinese, and contain no line break
inside Chinese text (a browser shows it as a space between characters).
"""

from __future__ import annotations

import doctest
import re
from types import ModuleType

import pytest

import ai45core

MODULES = [getattr(ai45core, name) for name in ai45core.NAMES]
CJK = re.compile(r"[\u4e00-\u9fff]")
_INLINE = re.compile(r"``[^`]+``|:\w+:`[^`]+`|\*[^*\s][^*]*\*|https?://\S+")
_ENGLISH_RUN = re.compile(r"\b[A-Za-z]+\b(?:[ ,]+\b[A-Za-z]+\b){3}")  # four English words in a row


def examples(text: str) -> list[tuple[str, str]]:
    return [(e.source, e.want) for e in doctest.DocTestParser().get_examples(text)]


def prose(text: str, *, joined: bool = True) -> list[str]:
    """Paragraphs of running text (not examples, indented formulas or tables), lines joined by spaces."""
    paragraphs = []
    for para in re.split(r"\n\s*\n", text):
        lines = [ln for ln in para.splitlines() if ln.strip()]
        if not lines or lines[0].lstrip().startswith((">>>", "=")) or lines[0].startswith("    "):
            continue
        paragraphs.append(" ".join(ln.strip() for ln in lines) if joined else "\n".join(lines))
    return paragraphs


@pytest.mark.parametrize("module", MODULES, ids=ai45core.NAMES)
def test_examples_are_left_to_the_docstring(module: ModuleType) -> None:
    assert examples(module.__doc__ or "")  # the page shows these under the Chinese text too
    assert not examples(module.METHODS_ZH) and ">>>" not in module.METHODS_ZH


@pytest.mark.parametrize("module", MODULES, ids=ai45core.NAMES)
def test_every_paragraph_is_chinese(module: ModuleType) -> None:
    paragraphs = prose(module.METHODS_ZH)
    # As many paragraphs as the English (the tables and examples aside), so nothing was left out.
    assert len(paragraphs) == len(prose(module.__doc__ or ""))
    for para in paragraphs:
        assert CJK.search(para), para
        assert not _ENGLISH_RUN.search(_INLINE.sub("", para)), para


@pytest.mark.parametrize("module", MODULES, ids=ai45core.NAMES)
def test_no_line_break_inside_chinese_text(module: ModuleType) -> None:
    for para in prose(module.METHODS_ZH, joined=False):
        assert not re.search(r"[\u4e00-\u9fff，。；：、（）“”]\n[\u4e00-\u9fff，。；：、（）“”]", para), para


def test_the_checks_can_fail() -> None:
    assert _ENGLISH_RUN.search("Given one capability value per period")
    assert not _ENGLISH_RUN.search(_INLINE.sub("", "报告（*Frontier AI Risk Management Framework*）用两条线"))
    assert examples("文字\n\n>>> 1 + 1\n2\n")
