"""The generated Methods page: English from the module docstrings, Chinese from each module's ``METHODS_ZH``
(issue 12: the Chinese page showed its formulas' explanations in English)."""

from __future__ import annotations

import importlib.util
import re
import sys
from functools import cache
from pathlib import Path
from types import ModuleType

import pytest

import ai45core

ROOT = Path(__file__).resolve().parents[2]


@cache
def hook() -> ModuleType:
    spec = importlib.util.spec_from_file_location("ai45_hook_under_test", ROOT / "widgets" / "hook.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def first_paragraph(doc: str) -> str:
    """The first paragraph after the summary line, as one line (what the page shows first)."""
    body = doc.strip().partition("\n")[2].strip()
    return " ".join(body.split("\n\n")[0].split())


def code_blocks(markdown: str) -> list[str]:
    return re.findall(r"```pycon\n(.*?)```", markdown, re.S)


@pytest.mark.parametrize("name", ai45core.NAMES)
def test_each_language_shows_its_own_documentation(name: str) -> None:
    module = getattr(ai45core, name)
    en, zh = hook().methods_markdown("en"), hook().methods_markdown("zh")
    en_flat, zh_flat = " ".join(en.split()), " ".join(zh.split())
    english, chinese = first_paragraph(module.__doc__), first_paragraph(module.METHODS_ZH)
    assert english[:60] in en_flat and english[:60] not in zh_flat
    assert chinese[:30] in zh_flat and chinese[:30] not in en_flat


def test_same_sections_and_examples_in_both_languages() -> None:
    en, zh = hook().methods_markdown("en"), hook().methods_markdown("zh")
    anchors = re.compile(r"\{ #([\w-]+) \}")
    assert anchors.findall(en) == anchors.findall(zh) == list(ai45core.NAMES)
    assert code_blocks(en) == code_blocks(zh) and len(code_blocks(en)) == len(ai45core.NAMES)
    assert "（英文，自动生成）" not in zh  # the old label said the description was in English
