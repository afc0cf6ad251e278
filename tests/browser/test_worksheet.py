"""The worksheet on paper: Chromium prints it on A4 (its own @page rule), without the site's chrome, no
question split across two pages, and every QR code on the paper reads back as the right address.

The paper checks use poppler's pdftotext/pdftoppm and zbar's zbarimg (Debian: poppler-utils, zbar-tools;
scripts/install-browser installs them) and are skipped where those are missing.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urljoin

import pytest
from playwright.sync_api import Page

LANGS = {"en": "", "zh": "zh/"}
A4_POINTS = (210 / 25.4 * 72, 297 / 25.4 * 72)  # 595.3 × 841.9 pt; Chromium rounds to whole CSS pixels
QUESTION = {"en": re.compile(r"^\s*(\d)\. \S"), "zh": re.compile(r"^\s*(\d)\. ?\S")}


def print_pdf(page: Page, base_url: str, lang: str, out: Path) -> Path:
    page.goto(base_url + LANGS[lang] + "worksheet/")
    page.emulate_media(media="print")
    # No format given: with prefer_css_page_size the paper size is the page's own @page rule.
    out.write_bytes(page.pdf(prefer_css_page_size=True))
    return out


def needs(*tools: str) -> None:
    missing = [t for t in tools if shutil.which(t) is None]
    if missing:
        pytest.skip(f"not installed: {', '.join(missing)}")


@pytest.mark.parametrize("lang", LANGS)
def test_worksheet_prints_on_a4_without_the_sites_chrome(page: Page, base_url: str, lang: str,
                                                         tmp_path: Path) -> None:
    page.goto(base_url + LANGS[lang] + "worksheet/")
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer",
                     ".ai45-ws-screen-only"):
        assert not page.locator(selector).first.is_visible(), f"{selector} is printed"
    assert page.locator(".ai45-ws-question").count() == 8
    assert page.locator(".ai45-ws-question svg.ai45-qr-svg").count() == 7
    pdf = print_pdf(page, base_url, lang, tmp_path / "sheet.pdf").read_bytes()
    sizes = {(float(w), float(h)) for w, h in re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf)}
    assert sizes and all(abs(w - A4_POINTS[0]) < 1.5 and abs(h - A4_POINTS[1]) < 1.5 for w, h in sizes), sizes
    pages = len(re.findall(rb"/Type\s*/Page\b", pdf))
    assert 2 <= pages <= 4, f"{pages} pages"


A4_CONTENT_PX = (round((210 - 30) / 25.4 * 96), round((297 - 30) / 25.4 * 96))  # inside the 15 mm margins
END = {"en": re.compile(r"\(Exercises? [\d and]+ online\.\)|Complete the sentence"),
       "zh": re.compile(r"对应在线练习第|把这句话补充完整")}


@pytest.mark.parametrize("lang", LANGS)
def test_no_question_is_split_across_pages(page: Page, base_url: str, lang: str, tmp_path: Path) -> None:
    """Each question box asks not to be split and fits on one page, and on paper each question's heading and
    the end of its text are on the same page."""
    page.set_viewport_size({"width": A4_CONTENT_PX[0], "height": A4_CONTENT_PX[1]})
    page.goto(base_url + LANGS[lang] + "worksheet/")
    page.emulate_media(media="print")
    boxes = page.evaluate("""() => [...document.querySelectorAll('.ai45-ws-question')].map(b => ({
        avoid: getComputedStyle(b).breakInside, height: b.getBoundingClientRect().height }))""")
    assert len(boxes) == 8
    assert all(b["avoid"] == "avoid" for b in boxes)
    assert all(b["height"] < A4_CONTENT_PX[1] for b in boxes), boxes
    needs("pdftotext")
    pdf = print_pdf(page, base_url, lang, tmp_path / "sheet.pdf")
    text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True,
                          encoding="utf-8").stdout
    starts: dict[int, int] = {}  # question number → page of its heading
    ends: list[int] = []  # pages on which a question's text ends, in order
    for number, sheet in enumerate(text.split("\f"), start=1):
        for line in sheet.splitlines():
            if m := QUESTION[lang].match(line):
                starts.setdefault(int(m.group(1)), number)
        ends += [number] * len(END[lang].findall(re.sub(r"\s+", "" if lang == "zh" else " ", sheet)))
    assert sorted(starts) == list(range(1, 9)), starts
    assert ends == [starts[q] for q in range(1, 9)]


@pytest.mark.parametrize("lang", LANGS)
def test_every_qr_code_on_paper_reads_as_its_link(page: Page, base_url: str, lang: str, tmp_path: Path) -> None:
    needs("pdftoppm", "zbarimg")
    pdf = print_pdf(page, base_url, lang, tmp_path / "sheet.pdf")
    subprocess.run(["pdftoppm", "-r", "200", "-png", str(pdf), str(tmp_path / "p")], check=True)
    found = set()
    for png in sorted(tmp_path.glob("p-*.png")):
        out = subprocess.run(["zbarimg", "-q", "--raw", str(png)], capture_output=True, text=True, encoding="utf-8",
                             check=False)
        found |= {line for line in out.stdout.splitlines() if line}
    here = base_url + LANGS[lang] + "worksheet/"
    links = page.eval_on_selector_all(".ai45-qr a", "as => as.map(a => a.getAttribute('href'))")
    assert len(links) == 8
    assert found == {urljoin(here, href) for href in links}
