"""Checks on the built site, built once per test session by ``mkdocs build --strict`` into a temporary folder.

SITE_URL is a project-pages address with a path (as GitHub Pages gives), so that canonical, hreflang and
sitemap URLs and every internal link are checked the way readers will reach them.
"""

import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from scripts import parity

ROOT = Path(__file__).parents[2]
SITE_URL = "https://example.org/ai45-explainer/"
SITE = urlsplit(SITE_URL)
LANGS = ("en", "zh")


def page_path(source: Path) -> str:
    """The site-relative URL of an English page: index.md → "", law.md → "law/", a/index.md → "a/"."""
    rel = source.relative_to(parity.DOCS).as_posix().removesuffix(".md")
    if rel == "index" or rel.endswith("/index"):
        return rel.removesuffix("index")
    return rel + "/"


EN_SOURCES = [p for p in parity.source_pages() if parity.language(p) == "en"]
# (language, site-relative URL, source file) of every page in both languages.
PAGES = [(lang, ("" if lang == "en" else f"{lang}/") + page_path(p), p if lang == "en" else parity.twin(p))
         for p in EN_SOURCES for lang in LANGS]


def twin_url(lang: str, url: str, other: str) -> str:
    bare = url.removeprefix(f"{lang}/") if lang != "en" else url
    return SITE_URL + ("" if other == "en" else f"{other}/") + bare


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    env = {**os.environ, "SITE_URL": SITE_URL, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)], cwd=ROOT,
                            env=env, capture_output=True, text=True, encoding="utf-8", check=False)
    if result.returncode:
        pytest.fail(f"mkdocs build --strict failed:\n{result.stderr[-4000:]}", pytrace=False)
    return out


@dataclass
class Html:
    tags: list[tuple[str, dict[str, str]]] = field(default_factory=list)  # every start tag, in order
    head: list[tuple[str, dict[str, str]]] = field(default_factory=list)  # the start tags inside <head>
    ids: set[str] = field(default_factory=set)
    title: str = ""


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.html = Html()
        self.in_head = self.in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "head":
            self.in_head = True
            return
        self.html.tags.append((tag, values))
        if self.in_head:
            self.html.head.append((tag, values))
        self.html.ids.update(v for k, v in values.items() if k == "id" or (tag == "a" and k == "name"))
        self.in_title = tag == "title"

    def handle_endtag(self, tag: str) -> None:
        self.in_head = self.in_head and tag != "head"
        self.in_title = self.in_title and tag != "title"

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.html.title += data


@cache
def parse(path: Path) -> Html:
    parser = _Parser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.html


def url_of(site: Path, file: Path) -> str:
    rel = file.relative_to(site).as_posix()
    return SITE_URL + rel.removesuffix("index.html")


def local_file(site: Path, url: str) -> Path | None:
    """The built file an absolute URL on this site points at, or None when it is on another host or path."""
    parts = urlsplit(url)
    if (parts.scheme, parts.netloc) != (SITE.scheme, SITE.netloc) or not parts.path.startswith(SITE.path):
        return None
    target = site / unquote(parts.path[len(SITE.path):])
    return target / "index.html" if target.is_dir() or parts.path.endswith("/") else target


# Elements that make the browser fetch something, and the attributes that say what.
FETCHING = {"script": ("src",), "img": ("src", "srcset"), "iframe": ("src",), "source": ("src", "srcset"),
            "video": ("src", "poster"), "audio": ("src",), "embed": ("src",), "object": ("data",)}
FETCHING_LINKS = {"stylesheet", "preload", "modulepreload", "prefetch", "icon", "apple-touch-icon",
                  "manifest"}
CSS_URL = re.compile(r"""url\(\s*["']?([^"')\s]+)|@import\s+["']([^"']+)""")


def fetched(tag: str, attrs: dict[str, str]) -> list[str]:
    names = FETCHING.get(tag, ())
    if tag == "link" and FETCHING_LINKS & set(attrs.get("rel", "").lower().split()):
        names = ("href",)
    urls = []
    for name in names:
        value = attrs.get(name, "").strip()
        if name == "srcset":  # "a.png 1x, b.png 2x"
            urls += [part.split()[0] for part in value.split(",") if part.strip()]
        else:
            urls.append(value)
    return [u for u in urls if u]


def is_foreign(base: str, url: str) -> bool:
    parts = urlsplit(urljoin(base, url))
    return parts.scheme not in ("data", "blob") and parts.netloc not in ("", SITE.netloc)


@pytest.mark.parametrize(("tag", "attrs", "foreign"), [
    ("link", {"rel": "stylesheet", "href": "https://fonts.googleapis.com/css"}, True),
    ("link", {"rel": "preload icon", "href": "//cdn.example.com/x.png"}, True),
    ("img", {"srcset": "a.png 1x, https://cdn.example.com/b.png 2x"}, True),
    ("script", {"src": "../assets/ai45/ai45.js"}, False),
    ("script", {"src": SITE_URL + "assets/x.js"}, False),
    ("img", {"src": "data:image/png;base64,AAAA"}, False),
    ("link", {"rel": "alternate", "href": "https://other.example/"}, False),  # not fetched
])
def test_request_detection(tag: str, attrs: dict[str, str], foreign: bool) -> None:
    assert any(is_foreign(SITE_URL + "law/", u) for u in fetched(tag, attrs)) == foreign


def test_every_page_in_both_languages(site: Path) -> None:
    missing = [url + "index.html" for _, url, _ in PAGES if not (site / url / "index.html").is_file()]
    assert not missing, f"pages not built: {missing}"


def test_nothing_requested_from_another_host(site: Path) -> None:
    foreign = []
    for file in sorted(site.rglob("*.html")):
        for tag, attrs in parse(file).tags:
            foreign += [f"{file.relative_to(site)}: <{tag}> {u}" for u in fetched(tag, attrs)
                        if is_foreign(url_of(site, file), u)]
    for css in sorted(site.rglob("*.css")):
        for match in CSS_URL.finditer(css.read_text(encoding="utf-8")):
            url = match.group(1) or match.group(2)
            if is_foreign(url_of(site, css), url):
                foreign.append(f"{css.relative_to(site)}: {url}")
    assert not foreign, "requests to other hosts:\n" + "\n".join(foreign)


@pytest.mark.parametrize(("lang", "url", "source"), PAGES, ids=[f"{lang}:{url}" for lang, url, _ in PAGES])
def test_head(site: Path, lang: str, url: str, source: Path) -> None:
    html = parse(site / url / "index.html")
    head = {(tag, a.get("rel", a.get("name", a.get("http-equiv", ""))).lower()): a for tag, a in html.head}
    problems = []
    if not html.title.strip():
        problems.append("no <title>")
    description = head.get(("meta", "description"), {}).get("content")
    if description != parity.read_page(source).meta["description"]:
        problems.append(f"<meta name=description> is {description!r}, not the front matter's")
    canonical = head.get(("link", "canonical"), {}).get("href")
    if canonical != SITE_URL + url:
        problems.append(f"<link rel=canonical> is {canonical!r}, not {SITE_URL + url!r}")
    first, attrs = html.head[0] if html.head else ("nothing", {})
    if (first, attrs.get("http-equiv", "").lower()) != ("meta", "content-security-policy"):
        problems.append(f"first element in <head> is <{first} {attrs}>, not the Content-Security-Policy meta")
    elif "default-src 'self'" not in attrs.get("content", ""):
        problems.append("the Content-Security-Policy does not start from default-src 'self'")
    # No hreflang links in <head>: Material's script would take later clicks on links under those addresses for
    # language switches and load them in full (see widgets/hook.py); the sitemap pairs the twins instead.
    alternates = [a for tag, a in html.head if tag == "link" and a.get("rel") == "alternate" and a.get("hreflang")]
    if alternates:
        problems.append(f"<link rel=alternate hreflang> in <head>: {alternates}")
    assert not problems, "\n".join(problems)


def test_sitemap_lists_every_page_with_alternates(site: Path) -> None:
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    entries = {}
    for node in ET.parse(site / "sitemap.xml").getroot().findall("s:url", ns):
        loc = node.findtext("s:loc", default="", namespaces=ns)
        entries[loc] = {link.get("hreflang"): link.get("href") for link in node.findall("x:link", ns)}
    problems = []
    for lang, url, _ in PAGES:
        loc = SITE_URL + url
        if loc not in entries:
            problems.append(f"{loc}: not listed")
            continue
        for other in LANGS:
            if entries[loc].get(other) != twin_url(lang, url, other):
                problems.append(f"{loc}: hreflang={other} is {entries[loc].get(other)}")
    assert not problems, "\n".join(problems)


def test_internal_links_resolve(site: Path) -> None:
    broken = []
    for file in sorted(site.rglob("*.html")):
        base = url_of(site, file)
        for tag, attrs in parse(file).tags:
            hrefs = [attrs["href"]] if tag == "a" and "href" in attrs else []
            for href in hrefs + fetched(tag, attrs):
                url = urljoin(base, href)
                if urlsplit(url).scheme not in ("http", "https") or is_foreign(base, href):
                    continue  # mailto:, data:, and links to other sites
                target = local_file(site, url.split("#")[0])
                fragment = unquote(urlsplit(url).fragment)
                where = f"{file.relative_to(site)}: <{tag}> {href}"
                if target is None or not target.is_file():
                    broken.append(f"{where}: no such file")
                elif fragment and target.suffix == ".html" and fragment not in parse(target).ids:
                    broken.append(f"{where}: no id {fragment!r} in {target.relative_to(site)}")
    assert not broken, f"{len(broken)} broken internal link(s):\n" + "\n".join(broken[:50])


def test_search_index_has_both_languages(site: Path) -> None:
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    locations = {d["location"] for d in docs}
    # Embed pages (one widget alone, for iframes) opt out of search in their front matter.
    searchable = [url for _, url, source in PAGES
                  if not (parity.read_page(source).meta.get("search") or {}).get("exclude")]
    missing = [url for url in searchable if url not in locations]
    excluded = [url for _, url, _ in PAGES if url not in searchable and url in locations]
    assert not excluded, f"pages that opt out of search are in the index: {excluded}"
    assert not missing, f"pages missing from search/search_index.json: {missing}"
    zh_text = " ".join(d["text"] for d in docs if d["location"].startswith("zh/"))
    assert re.search(r"[\u4e00-\u9fff]", zh_text), "the Chinese entries hold no Chinese text"


def test_search_index_holds_the_prose_not_the_widgets(site: Path) -> None:
    """A widget's form, figures and tables are not search material (and made the index, which every page
    downloads and parses on load, half widget text): only the page's own prose around them is indexed."""
    # Chinese text is indexed cut into words by U+200B (the search separator): join them back to compare.
    docs = {d["location"]: d["text"].replace("\u200b", "") for d in
            json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]}
    # Words only a widget shows: its field labels and its figures list, in both languages.
    for lang, words in (("en", ["Capability, one value per period", "Numbers separated by commas, e.g."]),
                        ("zh", ["能力（每个周期一个数值）"])):
        leaked = [loc for loc, text in docs.items() if (loc.startswith("zh/") == (lang == "zh"))
                  and any(w in text for w in words)]
        assert not leaked, f"widget text in the search index ({lang}): {leaked}"
    # The prose right around a widget still is indexed (law/'s first widget sits in this section).
    assert "Here capability goes 10" in docs["law/#index-vs-raw"]
    assert "平衡带" in docs["zh/law/#the-45-line"]


def test_link_previews_show_each_pages_figure_in_its_language(site: Path) -> None:
    """og:image (and twitter:card summary_large_image) on every page: an absolute URL on this site of a
    1200 × 630 PNG that exists; the two languages of a page never share one (the figure's text differs)."""
    images: dict[tuple[str, str], str] = {}
    for lang, url, _ in PAGES:
        head = {(tag, a.get("property") or a.get("name") or ""): a for tag, a in parse(site / url / "index.html").head}
        image = head.get(("meta", "og:image"), {}).get("content", "")
        assert image.startswith(SITE_URL + "assets/og/") and image.endswith(".png"), (url, image)
        assert head.get(("meta", "twitter:card"), {}).get("content") == "summary_large_image", url
        assert head.get(("meta", "og:image:alt"), {}).get("content"), url
        png = local_file(site, image)
        assert png is not None and png.is_file(), (url, image)
        data = png.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        assert (int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")) == (1200, 630)
        images[(lang, url.removeprefix(f"{lang}/") if lang != "en" else url)] = image
    for (lang, url), image in images.items():
        if lang == "en":
            assert images[("zh", url)] != image, f"{url}: the same preview in both languages"


def test_materials_palette_is_served_inside_our_stylesheet(site: Path) -> None:
    """Material's palette rules reach every page through our one stylesheet, with its transition switch keyed to
    our attribute (widgets/bundle.py: Material's start would otherwise restyle the whole page twice)."""
    problems = []
    for lang, url, _ in PAGES:
        links = [a["href"] for tag, a in parse(site / url / "index.html").head
                 if tag == "link" and a.get("rel") == "stylesheet"]
        names = [h.rsplit("/", 1)[-1] for h in links]
        if any(n.startswith("palette.") for n in names) or names[-1:] != ["ai45.css"] or len(names) != 2:
            problems.append(f"{lang}:{url}: stylesheets {names}, want Material's main.*.css, then ai45.css")
    assert not problems, "\n".join(problems)
    css = next(site.glob("assets/ai45/ui-*/ai45.css")).read_text(encoding="utf-8")
    # The dark scheme's rules are in it, before our own rules (which may override them).
    assert css.index("[data-md-color-scheme=slate]") < css.index(".ai45-widget")
    assert "[data-ai45-switching]" in css and "data-md-color-switching" not in css


BOX = '<div class="md-typeset__scrollwrap"><div class="md-typeset__table">'


def test_markdown_tables_are_in_materials_scroll_box_from_the_build(site: Path) -> None:
    """Each Markdown table is built inside Material's scroll box (widgets/hook.py), so Material's script need not
    move it there once the page is styled; widget tables are left alone."""
    counted = 0
    for lang, url, _ in PAGES:
        html = (site / url / "index.html").read_text(encoding="utf-8")
        bare = len(re.findall(r"<table>", html))
        boxed = len(re.findall(re.escape(BOX) + r"<table>", html))
        counted += bare
        assert boxed == bare, f"{lang}:{url}: {bare - boxed} of {bare} Markdown tables are not in Material's box"
        assert not re.search(re.escape(BOX) + r"<table [^>]", html), f"{lang}:{url}: a widget table boxed"
    assert counted >= 14  # the glossary alone has 7 tables in each language


def test_materials_bundle_is_served_from_our_folder_with_its_changes(site: Path) -> None:
    """Every page loads Material's script from our fingerprinted folder (widgets/bundle.py), where it neither adds
    the colour-scheme meta nor moves tables that the build already boxed; everything else is Material's."""
    from bundle import MATERIAL_PATCHES, material_bundle

    problems = []
    for lang, url, _ in PAGES:
        html = (site / url / "index.html").read_text(encoding="utf-8")
        scripts = re.findall(r'<script src="([^"]+)"', html)
        if "assets/javascripts/bundle." in html or sum(s.endswith("/material.js") for s in scripts) != 1:
            problems.append(f"{lang}:{url}: scripts {scripts}")
    assert not problems, "\n".join(problems)
    served = next(site.glob("assets/ai45/ui-*/material.js")).read_text(encoding="utf-8")
    original = material_bundle().read_text(encoding="utf-8")
    for old, new in MATERIAL_PATCHES:
        assert original.count(old) == 1 and old not in served and served.count(new) == 1
    # Apart from the changes (and the source map it no longer has), the file is Material's, byte for byte.
    for old, new in MATERIAL_PATCHES:
        original = original.replace(old, new)
    assert served == original.rsplit("\n//# sourceMappingURL=", 1)[0] + "\n"
