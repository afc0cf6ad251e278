"""A fingerprint of the two speech reports, so the no-reprint check runs where the reports are absent (issue 10).

The reports in ``../shared/sources`` must not be published, so a plain clone (and CI) does not have them. This
module keeps, instead, a hash of every ``WINDOW``-character window of each report's text, normalised as
``test_honesty`` compares text (NFKC, whitespace collapsed), in ``report-fingerprint.txt`` beside it. A page
that reprints a stretch of L ≥ ``WINDOW`` characters contains L − ``WINDOW`` + 1 consecutive windows whose
hashes are all in the set; so the longest run of consecutive hits, k, means k + ``WINDOW`` − 1 characters
shared with a report (:func:`shared_length`).

Only ``BITS`` bits of each hash are kept, on purpose. The set holds about 8,000 of 2²⁰ values, so about one
window in 130 of any text hits by chance: a run of 22 chance hits in a row, which is what a 61-character
reprint gives, has odds near 10⁻⁴⁷, while the file cannot be walked back into the reports (extending a known
stretch by one character, dozens of the thousands of possible characters hit by chance at every step). The
one cost: a chance hit right next to a legitimately shared stretch can add a character to the count.

Regenerate it whenever the reports change, from the repository root, with ``../shared/sources`` present::

    python -m tests.site.fingerprint

``tests/site/test_honesty.py`` checks that the committed file matches the reports when they are present.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from functools import cache
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCES = HERE.parents[2] / "shared" / "sources"
FILE = HERE / "report-fingerprint.txt"
WINDOW = 40
BITS = 20
_HEADER = f"# window={WINDOW} bits={BITS} hash=blake2b-64 normalise=NFKC+whitespace"


def normalise(text: str) -> str:
    """NFKC (so full- and half-width punctuation, which the two reports mix, compare equal) and collapsed
    whitespace; nothing else is removed."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()


def window_hash(window: str) -> int:
    """The first ``BITS`` bits of the window's BLAKE2b digest."""
    digest = hashlib.blake2b(window.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") >> (64 - BITS)


def window_hashes(text: str) -> list[int]:
    """The hash of every ``WINDOW``-character window of an already normalised text, in order."""
    return [window_hash(text[i:i + WINDOW]) for i in range(len(text) - WINDOW + 1)]


def build(texts: Iterable[str]) -> frozenset[int]:
    return frozenset(h for text in texts for h in window_hashes(normalise(text)))


def from_sources(folder: Path = SOURCES) -> frozenset[int]:
    return build(p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.md")))


def dump(fingerprint: frozenset[int]) -> str:
    digits = (BITS + 3) // 4
    values = [f"{h:0{digits}x}" for h in sorted(fingerprint)]
    rows = [" ".join(values[i:i + 16]) for i in range(0, len(values), 16)]
    return "\n".join([_HEADER, f"# {len(values)} hashes; regenerate with: python -m tests.site.fingerprint",
                      *rows]) + "\n"


@cache
def load(path: Path = FILE) -> frozenset[int]:
    lines = path.read_text(encoding="utf-8").splitlines()
    if not lines or lines[0] != _HEADER:
        raise ValueError(f"{path}: made with other settings than {_HEADER!r}; regenerate it")
    return frozenset(int(v, 16) for line in lines if not line.startswith("#") for v in line.split())


def longest_run(text: str, fingerprint: frozenset[int]) -> tuple[int, int]:
    """(k, start): the longest run of consecutive windows of the normalised ``text`` whose hashes are in the
    fingerprint, and the text offset where it starts."""
    best = (0, 0)
    run = 0
    for i, h in enumerate(window_hashes(text)):
        run = run + 1 if h in fingerprint else 0
        if run > best[0]:
            best = (run, i - run + 1)
    return best


def shared_length(text: str, fingerprint: frozenset[int]) -> tuple[int, str]:
    """How many characters of the normalised ``text`` in a row a report seems to share, and that stretch."""
    k, start = longest_run(text, fingerprint)
    if not k:
        return 0, ""
    n = k + WINDOW - 1
    return n, text[start:start + n]


if __name__ == "__main__":
    if not any(SOURCES.glob("*.md")):
        raise SystemExit(f"no reports in {SOURCES}")
    FILE.write_text(dump(from_sources()), encoding="utf-8")
    print(f"wrote {FILE.relative_to(HERE.parents[1])}: {len(load.__wrapped__())} hashes")
