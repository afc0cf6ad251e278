"""The content rules that keep the site honest (notes/content-conventions.md, CONTENT_BRIEF §3 and §6).

- No page reproduces a passage of the speech reports: one quoted sentence at most. Checked everywhere against
  a committed fingerprint of the reports (tests/site/fingerprint.py), and exactly against the reports
  themselves where ../shared/sources is present.
- Every page links at least one external source.
- The "99% of compute for pre-training, under 1% for safety" figure always appears marked as a claim.
- No page gives a "current angle of world AI" without saying that no such single number exists.
"""

import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scripts import parity
from tests.site import fingerprint
from tests.site.fingerprint import SOURCES, WINDOW, normalise

HAVE_SOURCES = any(SOURCES.glob("*.md"))
PAGES = parity.source_pages()
IDS = [p.relative_to(parity.DOCS).as_posix() for p in PAGES]

# One sentence is allowed (a marked quote); two are not. Measured on the two reports in ../shared/sources
# (split at 。！？): the median sentence is 52–57 characters long. 60 characters therefore lets a page quote
# one typical sentence, or share names and titles ("2024世界人工智能大会暨人工智能全球治理高级别会议" is 24),
# while any run of two sentences copied in a row, or of one long sentence, fails. (A legitimately quoted
# sentence longer than 60 characters should be shortened with an ellipsis.)
MAX_SHARED = 60


class SuffixAutomaton:
    """The suffix automaton of one text: the longest common substring with any other text in O(len(other))."""

    def __init__(self, text: str) -> None:
        self.link: list[int] = [-1]  # suffix link of each state
        self.length: list[int] = [0]  # longest string that reaches each state
        self.next: list[dict[str, int]] = [{}]
        last = 0
        for ch in text:
            cur = self._state(self.length[last] + 1, -1, {})
            p = last
            while p != -1 and ch not in self.next[p]:
                self.next[p][ch] = cur
                p = self.link[p]
            if p == -1:
                self.link[cur] = 0
            else:
                q = self.next[p][ch]
                if self.length[p] + 1 == self.length[q]:
                    self.link[cur] = q
                else:
                    clone = self._state(self.length[p] + 1, self.link[q], dict(self.next[q]))
                    while p != -1 and self.next[p].get(ch) == q:
                        self.next[p][ch] = clone
                        p = self.link[p]
                    self.link[q] = self.link[cur] = clone
            last = cur

    def _state(self, length: int, link: int, moves: dict[str, int]) -> int:
        self.length.append(length)
        self.link.append(link)
        self.next.append(moves)
        return len(self.length) - 1

    def longest_common(self, other: str) -> str:
        best = end = state = size = 0
        for i, ch in enumerate(other):
            while state and ch not in self.next[state]:
                state = self.link[state]
                size = self.length[state]
            if ch in self.next[state]:
                state = self.next[state][ch]
                size += 1
            if size > best:
                best, end = size, i + 1
        return other[end - best:end]


@cache
def reports() -> dict[str, SuffixAutomaton]:
    paths = sorted(SOURCES.glob("*.md"))
    return {p.name: SuffixAutomaton(normalise(p.read_text(encoding="utf-8"))) for p in paths}


def _brute_force(a: str, b: str) -> int:
    return max((j - i for i in range(len(a)) for j in range(i + 1, len(a) + 1) if a[i:j] in b), default=0)


@given(st.text(alphabet="ab平衡律", max_size=12), st.text(alphabet="ab平衡律", max_size=12))
def test_suffix_automaton_matches_brute_force(a: str, b: str) -> None:
    found = SuffixAutomaton(a).longest_common(b)
    assert len(found) == _brute_force(a, b)
    assert found in a and found in b


@pytest.mark.parametrize("path", PAGES, ids=IDS)
def test_no_long_passage_from_the_reports(path: Path) -> None:
    """Runs everywhere, against the committed fingerprint (a chance hash hit next to a shared stretch can add
    a character: with the reports present, the exact check below says how long the stretch really is)."""
    text = normalise(parity.read_page(path).text)
    n, stretch = fingerprint.shared_length(text, fingerprint.load())
    assert n <= MAX_SHARED, f"about {n} characters in a row shared with a speech report: {stretch!r}"


# Made-up "reports" for testing the fingerprint check itself where the real ones are absent.
_OWN_REPORT = normalise("""
    这是一段为测试而编写的文字，不是任何演讲报道的内容。它足够长，可以从中截取六十多个字符，
    再把截取的片段放进一个页面里，看看指纹检查能不能认出来。为了让每个窗口都不相同，这里写得啰嗦一点：
    天气晴朗，湖面平静，远处的山上还有一点积雪，近处的柳树已经发芽。The same goes for some English words.
""")


@pytest.mark.parametrize(("length", "caught"), [(MAX_SHARED + 1, True), (MAX_SHARED + 30, True),
                                                (MAX_SHARED, False), (WINDOW, False)])
def test_fingerprint_catches_a_planted_reprint(length: int, caught: bool) -> None:
    """A stretch of more than MAX_SHARED characters of a fingerprinted text is caught, one of MAX_SHARED is
    not; no real report needed."""
    own = fingerprint.build([_OWN_REPORT])
    start = 20
    page = normalise(f"Our own words, 我们自己的话。{_OWN_REPORT[start:start + length]} More words of ours, 还有。")
    n, stretch = fingerprint.shared_length(page, own)
    assert (n > MAX_SHARED) is caught
    assert n == length and stretch == _OWN_REPORT[start:start + length]


def test_fingerprint_holds_the_reports_text() -> None:
    """Without the reports: the Chinese speech page's one marked quote is the report's own sentence, so the
    committed fingerprint must see all of it, and only it, as shared (fewer than MAX_SHARED characters)."""
    page = parity.read_page(parity.DOCS / "speech.zh.md").text
    quotes = re.findall(r"“(平衡是指[^”]+)”", page)
    assert len(quotes) == 1, "the quoted sentence on speech.zh.md changed: update this test"
    quote = normalise(quotes[0])
    assert WINDOW < len(quote) <= MAX_SHARED
    assert fingerprint.shared_length(quote, fingerprint.load()) == (len(quote), quote)
    # And the fingerprint does not see our own made-up text as shared.
    assert fingerprint.shared_length(_OWN_REPORT, fingerprint.load())[0] < WINDOW + 3


@pytest.mark.skipif(not HAVE_SOURCES, reason=f"speech reports not found at {SOURCES} (the fingerprint check "
                                            "above runs without them)")
def test_fingerprint_matches_the_reports() -> None:
    assert fingerprint.from_sources() == fingerprint.load(), (
        "the reports changed: regenerate the fingerprint with `python -m tests.site.fingerprint`")


@pytest.mark.skipif(not HAVE_SOURCES, reason=f"speech reports not found at {SOURCES} (the fingerprint check "
                                            "above runs without them)")
@pytest.mark.parametrize("path", PAGES, ids=IDS)
def test_no_long_passage_from_the_reports_exact(path: Path) -> None:
    assert reports(), f"no reports in {SOURCES}"
    text = normalise(parity.read_page(path).text)
    for name, report in reports().items():
        shared = report.longest_common(text)
        assert len(shared) <= MAX_SHARED, f"{len(shared)} characters shared with {name}: {shared!r}"


@pytest.mark.skipif(not HAVE_SOURCES, reason=f"speech reports not found at {SOURCES}")
def test_copied_passage_is_caught() -> None:
    """A real stretch of each report, one character over the limit, is caught by both checks."""
    for name, report in reports().items():
        text = normalise((SOURCES / name).read_text(encoding="utf-8"))
        copied = text[len(text) // 2:len(text) // 2 + MAX_SHARED + 1]
        planted = f"Our own words. {copied} More of our own words."
        assert len(report.longest_common(planted)) > MAX_SHARED
        assert fingerprint.shared_length(planted, fingerprint.load())[0] > MAX_SHARED


@pytest.mark.parametrize("path", PAGES, ids=IDS)
def test_every_page_links_a_source(path: Path) -> None:
    assert parity.read_page(path).links, "no external (http/https) source link"


# The compute figure, and the words that mark it as a claim rather than a measurement: attribution to the
# report ("one report", 据…, 一篇…报道) or naming it a claim. "据" counts except inside 数据 (data), where
# "99%的数据" would otherwise pass as marked. Naming the number as an object ("the 99% compute figure",
# "99%算力数字") refers to the figure rather than asserting it, as in "where the 99% figure comes from".
_NINETY_NINE = re.compile(r"(?<![\d.])99\s*(?:%|％|per ?cent)", re.I)
_ONE_PERCENT = re.compile(r"(?<![\d.])1\s*(?:%|％|per ?cent)", re.I)
_SAFETY = re.compile(r"alignment|safety|safe|对齐|安全", re.I)
CLAIM_MARKERS = re.compile("|".join([
    r"\bclaim(?:s|ed)?\b", r"\bas reported\b", r"\breportedly\b", r"\bone report\b", r"\baccording to\b",
    r"(?<!数)据", r"声称", r"报道称", r"说法", r"一篇\S{0,6}报道",
    r"99\s*(?:%|％)\s*(?:compute\s+|算力)?(?:figure|数字)",
]), re.I)


def unmarked_claims(blocks: Iterable[parity.Block]) -> list[parity.Block]:
    """Paragraphs that state the 99% / under-1% compute figure without a claim marker."""
    found = []
    for block in blocks:
        one = any(_SAFETY.search(block.text[max(0, m.start() - 40):m.end() + 40])
                  for m in _ONE_PERCENT.finditer(block.text))
        if (_NINETY_NINE.search(block.text) or one) and not CLAIM_MARKERS.search(block.text):
            found.append(block)
    return found


@pytest.mark.parametrize("text", [
    "Today 99% of the world's compute goes to pre-training.",
    "Less than 1% of compute goes to alignment.",
    "目前全世界99%的算力用于模型预训练。",
    "只有不到1%的算力用于对齐或安全。",
    "99%的数据显示，安全投入不足。",
    "The figure shows that 99% of compute goes to pre-training.",
])
def test_unmarked_compute_figure_is_caught(text: str) -> None:
    assert unmarked_claims([parity.Block(1, text)])


@pytest.mark.parametrize("text", [
    "As claimed in one report of the speech, 99% of compute goes to pre-training and under 1% to safety.",
    "据一篇演讲报道称，全世界99%的算力用于模型预训练，用于安全的不到1%。",
    "SafeWork-R1 scores 99.2 on XSTest-Safe; about 91% of the remaining gap was closed.",
    "A 1% error rate on a capability test.",
])
def test_marked_or_unrelated_figures_pass(text: str) -> None:
    assert unmarked_claims([parity.Block(1, text)]) == []


@pytest.mark.parametrize("path", PAGES, ids=IDS)
def test_compute_figure_is_marked_as_a_claim(path: Path) -> None:
    bad = unmarked_claims(parity.read_page(path).blocks)
    assert not bad, "\n".join(f"{path.name}:{b.line}: compute figure not marked as a claim: {b.text[:120]}"
                              for b in bad)


# A light check, reliable on the current pages: any paragraph that talks about a current/world angle must
# also negate it ("there is no single…", "不存在…"). It cannot tell a negation that is about something else.
_CURRENT_ANGLE = re.compile(r"current angle|angle of (?:the )?(?:world|global)(?:'s)? AI"
                            r"|(?:当前|当今|目前|现在|如今|全球|世界)[^。；;.!?]{0,12}角度", re.I)
_NEGATION = re.compile(r"\bno\b|\bnot\b|\bnever\b|n't\b|\bwithout\b|不存在|没有|并非|不是|从不|无法", re.I)


def stated_angles(blocks: Iterable[parity.Block]) -> list[parity.Block]:
    return [b for b in blocks if _CURRENT_ANGLE.search(b.text) and not _NEGATION.search(b.text)]


@pytest.mark.parametrize(("text", "flagged"), [
    ("The current angle of world AI is about 20°.", True),
    ("当前全球AI发展的角度约为20°。", True),
    ('There is no single "current angle of world AI".', False),
    ("并不存在一个客观的“当今世界AI角度”。", False),
])
def test_current_angle_check(text: str, flagged: bool) -> None:
    assert bool(stated_angles([parity.Block(1, text)])) == flagged


@pytest.mark.parametrize("path", PAGES, ids=IDS)
def test_no_current_angle_of_world_ai(path: Path) -> None:
    bad = stated_angles(parity.read_page(path).blocks)
    assert not bad, "\n".join(f"{path.name}:{b.line}: states a current angle: {b.text[:120]}" for b in bad)
