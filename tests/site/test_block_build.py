"""The build renders widget blocks wherever Markdown allows a fence, and fails with file and line on a bad one.

Each test builds a one-page site with the project's hook, theme overrides and Markdown extensions.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import yaml

from scripts.parity import MKDOCS_YML, markdown_extensions

ROOT = Path(__file__).resolve().parents[2]


def build(tmp_path: Path, page: str) -> subprocess.CompletedProcess[str]:
    names, settings = markdown_extensions(MKDOCS_YML)
    config = {
        "site_name": "t", "site_url": "http://127.0.0.1:9/", "docs_dir": "docs", "site_dir": "site",
        "strict": True, "theme": {"name": "material", "custom_dir": str(ROOT / "overrides")},
        "hooks": [str(ROOT / "widgets" / "hook.py")],
        "markdown_extensions": [{n: settings[n]} if settings[n] else n for n in names],
    }
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text(textwrap.dedent(page), encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet"], cwd=tmp_path, env=env,
                          capture_output=True, text=True, encoding="utf-8")


def test_blocks_in_containers_are_rendered_and_keyed_in_page_order(tmp_path: Path) -> None:
    done = build(tmp_path, """\
        # Containers

        !!! note "Admonition"

            ```ai45 plane
            scale: log
            ```

        === "Tab"

            ```ai45 plane
            scale: raw
            ```

        - item

            ```ai45 ladder
            ```

        > ```ai45 pavlov
        > ```
        """)
    assert done.returncode == 0, done.stderr
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    widgets = re.findall(r'data-ai45-widget="(\w+)" data-ai45-key="(\w+)"', html)
    assert widgets == [("plane", "plane"), ("plane", "plane2"), ("ladder", "ladder"), ("pavlov", "pavlov")]
    assert "```ai45" not in html and 'class="language-ai45' not in html and "data-ai45-block" not in html
    # The raw scale inside the tab was computed (its select shows it), so the block's parameters were used.
    assert re.search(r'id="plane2-scale".*?<option value="raw" selected>', html, re.S)


def test_unknown_name_inside_an_admonition_fails_with_file_and_line(tmp_path: Path) -> None:
    done = build(tmp_path, """\
        # Page

        Text.

        !!! note

            ```ai45 planet
            scale: log
            ```
        """)
    assert done.returncode != 0
    assert "index.md:7" in done.stderr and "planet" in done.stderr, done.stderr


def test_bad_parameter_inside_a_tab_fails_with_file_and_line(tmp_path: Path) -> None:
    done = build(tmp_path, """\
        # Page

        === "Tab"

            ```ai45 plane
            scale: sideways
            ```
        """)
    assert done.returncode != 0
    assert "index.md:5" in done.stderr and "scale" in done.stderr, done.stderr


def test_malformed_line_inside_a_list_item_fails_at_that_line(tmp_path: Path) -> None:
    done = build(tmp_path, """\
        # Page

        - item

            ```ai45 plane
            scale: log
            this is not a pair
            ```
        """)
    assert done.returncode != 0
    assert "index.md:7" in done.stderr, done.stderr
