"""Parity checker: every page docs/X.md has a twin docs/X.zh.md with the same structure.

Compared between the twins: the heading outline (levels and explicit ``{ #id }`` anchors, in order), the
widget blocks (names in order and their parsed parameters) and the number of external (http/https) links.
Checked on every page: front matter with ``title`` and ``description`` (≤ 160 characters in English, ≤ 80 in
Chinese). Run ``python -m scripts.parity [DOCS_DIR]``: prints one ``file:line: problem`` per line and exits
with status 1 when anything drifted.

Widget blocks are found exactly as the build finds them: the page is converted by Python-Markdown with the
site's own ``markdown_extensions`` (read from mkdocs.yml) and the widget fence registered by
``ai45widgets.blocks.Collector`` — the one parser of the block syntax, wherever Markdown allows a fence.
Headings, links and prose are read with markdown-it (CommonMark + tables); Material's admonitions, details and
tabs (``!!! note``, ``??? note``, ``=== "Tab"``) are un-indented first, so that headings and links inside them
are seen rather than taken for indented code.
"""

from __future__ import annotations

import difflib
import importlib.util
import re
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

import markdown
import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token

__all__ = ["Page", "Problem", "check", "main", "read_page", "source_pages"]

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
SKIP_DIRS = frozenset({"overrides"})  # theme templates, not pages
MAX_DESCRIPTION = {"en": 160, "zh": 80}
ZH_SUFFIX = ".zh.md"
BLOCKS_PY = ROOT / "widgets" / "ai45widgets" / "blocks.py"
MKDOCS_YML = ROOT / "mkdocs.yml"


def _load_blocks() -> ModuleType:
    """The widget block parser (widgets/ai45widgets/blocks.py, stdlib only), loaded by itself: importing the
    ai45widgets package would import every view, and a view being edited must not stop the parity check."""
    spec = importlib.util.spec_from_file_location("_ai45_blocks", BLOCKS_PY)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


_blocks = _load_blocks()
BlockError: type[ValueError] = _blocks.BlockError
parse_block: Callable[[str], dict[str, str]] = _blocks.parse_block


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml as data: ``!ENV [NAME, default]`` gives its default, other tags their plain value."""


_ConfigLoader.add_constructor("!ENV", lambda loader, node: (loader.construct_sequence(node)[-1]
                                                            if isinstance(node, yaml.SequenceNode) else None))
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def markdown_extensions(config: Path = MKDOCS_YML) -> tuple[list[str], dict[str, dict[str, object]]]:
    """The site's Markdown extensions and their settings, as mkdocs.yml lists them."""
    data = yaml.load(config.read_text(encoding="utf-8"), Loader=_ConfigLoader)
    names: list[str] = []
    settings: dict[str, dict[str, object]] = {}
    for entry in data.get("markdown_extensions", []):
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
        names.append(str(name))
        settings[str(name)] = dict(options or {})
    return names, settings


def find_blocks(source: str, where: str = "") -> list[object]:
    """The widget blocks of a page, found by the site's own Markdown (see the module docstring), in page
    order: each has ``words`` (after ``ai45``), ``body`` and ``line``."""
    collector = _blocks.Collector()
    collector.start(where, source)
    names, settings = markdown_extensions()
    fences = settings.setdefault("pymdownx.superfences", {})
    fences["custom_fences"] = [*list(fences.get("custom_fences") or []), collector.fence()]  # type: ignore[call-overload]
    html = markdown.Markdown(extensions=names, extension_configs=settings).convert(source)
    order = [int(m.group(1)) for m in _blocks.PLACEHOLDER.finditer(html)]
    by_index = {block.index: block for block in collector.found}
    return [by_index[i] for i in order]


def keyed_blocks(source: str) -> dict[str, tuple[str, dict[str, str]]]:
    """A page's well-formed blocks by their URL-state key, as the build keys them: key → (name, parameters)."""
    found = [b for b in find_blocks(source) if len(b.words) == 1]  # type: ignore[attr-defined]
    names = [b.words[0] for b in found]  # type: ignore[attr-defined]
    return {key: (name, parse_block(b.body)) for key, name, b in  # type: ignore[attr-defined]
            zip(_blocks.keys(names), names, found, strict=True)}
_MD = MarkdownIt("commonmark").enable("table")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?---[ \t]*(?:\r?\n|\Z)", re.S)
_ATTR_LIST = re.compile(r"\s*\{:?\s*([^{}]*)\}\s*$")
_ANCHOR = re.compile(r"(?:^|\s)#([\w-]+)")
_CONTAINER = re.compile(r"^( *)(?:!!!|\?\?\?\+?|===)\s")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_HTML_LINK = re.compile(r"""<a\s[^>]*?href\s*=\s*["']?(https?://[^"'\s>]+)""", re.I)


@dataclass(frozen=True)
class Problem:
    """One finding, printed as ``file:line: message`` (the line is left out when there is none)."""

    path: Path
    line: int | None
    message: str

    def __str__(self) -> str:
        where = _show(self.path) + (f":{self.line}" if self.line else "")
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class Heading:
    level: int
    anchor: str | None
    text: str
    line: int

    def key(self) -> tuple[int, str | None]:
        return self.level, self.anchor

    def describe(self) -> str:
        return f"h{self.level}" + (f" #{self.anchor}" if self.anchor else "") + f" {self.text!r}"


@dataclass(frozen=True)
class Widget:
    name: str
    params: Mapping[str, str]
    line: int


@dataclass(frozen=True)
class Block:
    """A unit of prose: a paragraph, a list-item paragraph, a heading or a table row, as plain text."""

    line: int
    text: str


@dataclass
class Page:
    path: Path
    lang: str
    meta: dict[str, object] = field(default_factory=dict)
    headings: list[Heading] = field(default_factory=list)
    widgets: list[Widget] = field(default_factory=list)
    links: list[tuple[str, int]] = field(default_factory=list)  # external (http/https) links with their line
    blocks: list[Block] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(block.text for block in self.blocks)


def _show(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


def language(path: Path) -> str:
    return "zh" if path.name.endswith(ZH_SUFFIX) else "en"


def twin(path: Path) -> Path:
    """docs/X.md ↔ docs/X.zh.md."""
    if path.name.endswith(ZH_SUFFIX):
        return path.with_name(path.name[: -len(ZH_SUFFIX)] + ".md")
    return path.with_name(path.name[: -len(".md")] + ZH_SUFFIX)


def source_pages(docs: Path = DOCS) -> list[Path]:
    """Every Markdown page under ``docs`` (both languages), theme overrides left out."""
    return sorted(p for p in docs.rglob("*.md") if not SKIP_DIRS & set(p.relative_to(docs).parts[:-1]))


def _flatten_containers(lines: Sequence[str]) -> list[str]:
    """Un-indent admonition/details/tab bodies; marker lines become blank, so line numbers are kept."""
    out: list[str] = []
    stack: list[int] = []  # content indent of each open container
    fence: str | None = None
    for line in lines:
        if line.strip() and fence is None:
            indent = len(line) - len(line.lstrip(" "))
            while stack and indent < stack[-1]:
                stack.pop()
        text = line[stack[-1]:] if stack and line.strip() else line
        if fence is None and (m := _CONTAINER.match(line)):
            stack.append(len(m.group(1)) + 4)
            text = ""
        elif m := _FENCE.match(text):
            if fence is None:
                fence = m.group(1)
            elif m.group(1).startswith(fence) and not text.strip().strip(fence[0]):
                fence = None
        out.append(text)
    return out


def _inline_text(token: Token) -> str:
    parts = []
    for child in token.children or ():
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return re.sub(r"\s+", " ", "".join(parts)).strip()


def _walk(tokens: Sequence[Token]) -> Iterator[Token]:
    for token in tokens:
        yield token
        if token.children:
            yield from _walk(token.children)


def read_page(path: Path) -> Page:
    """Parse one page: front matter, headings, widget blocks, external links and prose blocks."""
    page = Page(path, language(path))
    source = path.read_text(encoding="utf-8")
    match = _FRONT_MATTER.match(source)
    if not match:
        page.problems.append(Problem(path, 1, "no front matter (--- title: … description: … ---)"))
    else:
        try:
            meta = yaml.safe_load(match.group(1) or "")
        except yaml.YAMLError as err:
            meta = None
            page.problems.append(Problem(path, 1, f"front matter is not valid YAML: {err}"))
        if isinstance(meta, dict):
            page.meta = {str(k): v for k, v in meta.items()}
        elif meta is not None:
            page.problems.append(Problem(path, 1, "front matter must be 'key: value' lines"))
        # Blank the front matter rather than cut it, so token line numbers stay file line numbers.
        source = "\n" * match.group(0).count("\n") + source[match.end():]
    for key in ("title", "description"):
        value = page.meta.get(key)
        if not isinstance(value, str) or not value.strip():
            page.problems.append(Problem(path, 1, f"front matter has no {key}"))
    description = page.meta.get("description")
    limit = MAX_DESCRIPTION[page.lang]
    if isinstance(description, str) and len(description.strip()) > limit:
        kind = "Chinese" if page.lang == "zh" else "English"
        page.problems.append(Problem(path, 1, f"description is {len(description.strip())} characters; "
                                              f"at most {limit} for {kind}"))

    for block in find_blocks(source, _show(path)):
        words, line = block.words, block.line  # type: ignore[attr-defined]
        if len(words) != 1:
            page.problems.append(Problem(path, line, f"widget block needs one name: ```ai45 NAME, got "
                                                     f"{' '.join(('ai45', *words))!r}"))
            continue
        try:
            params = parse_block(block.body)  # type: ignore[attr-defined]
        except BlockError as err:
            page.problems.append(Problem(path, line + getattr(err, "line", 0), f"widget {words[0]}: {err}"))
            params = {}
        page.widgets.append(Widget(words[0], params, line))

    tokens = _MD.parse("\n".join(_flatten_containers(source.split("\n"))))
    row: list[str] | None = None
    row_line = 0
    for i, token in enumerate(tokens):
        line = token.map[0] + 1 if token.map else 0
        if token.type == "heading_open":
            inline = tokens[i + 1]
            content = inline.content
            anchor = None
            if attrs := _ATTR_LIST.search(content):
                content = content[: attrs.start()]
                if found := _ANCHOR.search(attrs.group(1)):
                    anchor = found.group(1)
            page.headings.append(Heading(int(token.tag[1:]), anchor, content.strip(), line))
        elif token.type == "tr_open":
            row, row_line = [], line
        elif token.type == "tr_close" and row is not None:
            page.blocks.append(Block(row_line, " | ".join(row)))
            row = None
        elif token.type == "inline":
            if row is not None:
                row.append(_inline_text(token))
            else:
                text = _inline_text(token)
                if i and tokens[i - 1].type == "heading_open":
                    text = _ATTR_LIST.sub("", text)
                page.blocks.append(Block(line, text))
        if token.type in ("inline", "html_block"):
            for sub in _walk([token]):
                if sub.type == "link_open" and str(sub.attrs.get("href", "")).startswith(("http://", "https://")):
                    page.links.append((str(sub.attrs["href"]), line))
                elif sub.type in ("html_inline", "html_block"):
                    page.links.extend((url, line) for url in _HTML_LINK.findall(sub.content))
    return page


def _compare_headings(en: Page, zh: Page) -> list[Problem]:
    problems = []
    a, b = en.headings, zh.headings
    matcher = difflib.SequenceMatcher(a=[h.key() for h in a], b=[h.key() for h in b], autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        near = b[j1].line if j1 < len(b) else (b[-1].line if b else None)
        for k in range(max(i2 - i1, j2 - j1)):
            mine = b[j1 + k] if j1 + k < j2 else None
            theirs = a[i1 + k] if i1 + k < i2 else None
            if mine and theirs:
                where = f"{_show(en.path)}:{theirs.line}"
                problems.append(Problem(zh.path, mine.line,
                                        f"heading {mine.describe()} where {where} has {theirs.describe()}"))
            elif theirs:
                problems.append(Problem(zh.path, near, f"heading missing: {theirs.describe()} "
                                                       f"({_show(en.path)}:{theirs.line})"))
            elif mine:
                problems.append(Problem(zh.path, mine.line, f"extra heading {mine.describe()}, not in "
                                                            f"{_show(en.path)}"))
    return problems


def _compare_widgets(en: Page, zh: Page) -> list[Problem]:
    problems = []
    a, b = en.widgets, zh.widgets
    matcher = difflib.SequenceMatcher(a=[w.name for w in a], b=[w.name for w in b], autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            for theirs, mine in zip(a[i1:i2], b[j1:j2], strict=True):
                for key in sorted(set(theirs.params) | set(mine.params)):
                    here, there = mine.params.get(key), theirs.params.get(key)
                    if here != there:
                        msg = f"widget {mine.name}: {key} is {here!r} here but {there!r} in {_show(en.path)}"
                        problems.append(Problem(zh.path, mine.line, f"{msg}:{theirs.line}"))
            continue
        for theirs in a[i1:i2]:
            problems.append(Problem(zh.path, b[j1].line if j1 < len(b) else None,
                                    f"widget {theirs.name} missing ({_show(en.path)}:{theirs.line})"))
        for mine in b[j1:j2]:
            problems.append(Problem(zh.path, mine.line, f"extra widget {mine.name}, not in {_show(en.path)}"))
    return problems


def _sections(page: Page) -> list[int]:
    """External links per heading section (the text before the first heading is section 0)."""
    starts = [h.line for h in page.headings]
    counts = [0] * (len(starts) + 1)
    for _, line in page.links:
        counts[sum(1 for s in starts if s <= line)] += 1
    return counts


def _compare_links(en: Page, zh: Page) -> list[Problem]:
    if len(en.links) == len(zh.links):
        return []
    summary = f"{len(zh.links)} external links, but {len(en.links)} in {_show(en.path)}"
    if [h.key() for h in en.headings] != [h.key() for h in zh.headings]:
        return [Problem(zh.path, None, summary)]
    # Same outline: point at the sections whose counts differ.
    problems = [Problem(zh.path, None, summary)]
    for k, (theirs, mine) in enumerate(zip(_sections(en), _sections(zh), strict=True)):
        if theirs != mine:
            line = zh.headings[k - 1].line if k else 1
            where = f"{_show(en.path)}:{en.headings[k - 1].line}" if k else _show(en.path)
            problems.append(Problem(zh.path, line, f"section has {mine} external links, {theirs} in {where}"))
    return problems


def check(docs: Path = DOCS) -> list[Problem]:
    """All parity and front-matter problems of the pages under ``docs``; [] when everything matches."""
    problems: list[Problem] = []
    pages = {path: read_page(path) for path in source_pages(docs)}
    for path, page in pages.items():
        problems.extend(page.problems)
        other = twin(path)
        if other not in pages:
            kind = "Chinese" if page.lang == "en" else "English"
            problems.append(Problem(other, None, f"missing: the {kind} twin of {_show(path)}"))
        elif page.lang == "zh":
            en = pages[other]
            problems += _compare_headings(en, page) + _compare_widgets(en, page) + _compare_links(en, page)
    return problems


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    docs = Path(args[0]) if args else DOCS
    problems = check(docs)
    for problem in problems:
        print(problem)
    count = len(source_pages(docs))
    print(f"parity: {count} pages, {len(problems)} problem(s)", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
