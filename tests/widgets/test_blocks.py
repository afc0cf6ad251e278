"""The widget block syntax is found by Markdown itself, wherever Markdown allows a fence, with its line."""

from __future__ import annotations

import textwrap

import pytest
from ai45widgets import parse_block
from ai45widgets.blocks import BlockError

from scripts.parity import find_blocks

PAGE = textwrap.dedent("""\
    # Title

    ```ai45 plane
    scale: log
    ```

    !!! note "In an admonition"

        ```ai45 ladder
        techniques: sft
        ```

    ??? tip "In details"

        ```ai45 zones
        yellow: 3
        ```

    === "Tab one"

        ```ai45 pavlov
        trials: 100
        ```

    - a list item

        ```ai45 matrix
        met: p1
        ```

    > a quote
    >
    > ```ai45 benchmarks
    > before: 1
    > ```

    An example in prose is not a block:

    ````markdown
    ```ai45 investment
    alpha: 2
    ```
    ````

        ```ai45 investment
        indented code is not a fence
        ```

    1. numbered

        ```ai45 plane
        scale: raw
        ```
    """)


def test_blocks_in_every_container_are_found_in_page_order_with_their_lines() -> None:
    lines = PAGE.split("\n")
    found = find_blocks(PAGE)
    got = [(b.words, b.body.strip(), b.line) for b in found]  # type: ignore[attr-defined]
    expected_names = ["plane", "ladder", "zones", "pavlov", "matrix", "benchmarks", "plane"]
    assert [g[0] for g in got] == [(n,) for n in expected_names]
    assert [g[1] for g in got] == ["scale: log", "techniques: sft", "yellow: 3", "trials: 100", "met: p1",
                                   "before: 1", "scale: raw"]
    for (_, _, line), name in zip(got, expected_names, strict=True):
        assert f"ai45 {name}" in lines[line - 1], (line, lines[line - 1])
    # The example inside the four-backtick fence and the indented code block are not blocks.
    assert all(b.words != ("investment",) for b in found)  # type: ignore[attr-defined]


def test_the_same_block_twice_gets_two_lines() -> None:
    source = "```ai45 plane\nscale: log\n```\n\ntext\n\n```ai45 plane\nscale: log\n```\n"
    assert [b.line for b in find_blocks(source)] == [1, 7]  # type: ignore[attr-defined]


def test_words_after_the_name_are_kept_for_the_build_to_refuse() -> None:
    found = find_blocks("```ai45 plane extra\nscale: log\n```\n")
    assert found[0].words == ("plane", "extra")  # type: ignore[attr-defined]
    assert find_blocks("```ai45\nscale: log\n```\n")[0].words == ()  # type: ignore[attr-defined]


def test_parse_block_reports_the_line_inside_the_block() -> None:
    with pytest.raises(BlockError) as err:
        parse_block("scale: log\n\nnot a pair\n")
    assert err.value.line == 3
