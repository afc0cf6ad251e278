"""Red and yellow lines (红线 / 黄线): which zone each risk domain is in, for thresholds you set.

Shanghai AI Lab's 2025 risk analysis report (*Frontier AI Risk Management Framework in Practice*, arXiv
2507.16534) judges each risk domain against two lines: a **red line**, an intolerable threshold, and a
**yellow line**, an early-warning indicator. Together they make three zones, each with a response:

=========  ======================================  =====================================================
zone       condition (score s, lines y < r)        response
=========  ======================================  =====================================================
green      s < y                                   routine deployment with continuous monitoring
yellow     y ≤ s < r                               stronger mitigations, controlled deployment
red        s ≥ r                                   suspend development and/or deployment
=========  ======================================  =====================================================

A score **equal** to a line counts as reaching it (s = y is yellow, s = r is red), as a threshold usually
does. Higher scores mean more danger; if your scale runs the other way, negate the numbers. The overall zone
is the worst zone over all domains. ``to_yellow`` = y − s and ``to_red`` = r − s give each domain's distance
below its lines (negative once a line is reached).

ASSUMPTIONS, in plain words: every score and every threshold is the reader's. The sources give no numeric
thresholds, so the tool invents none; when no domains are given it shows three rows named "example A/B/C"
whose numbers are purely illustrative (``illustrative`` is then true). The zone is a rule applied to the
numbers entered, not an assessment of any real model.

Two uses of "red line" are kept apart (see ``LINE_NOTES``): the 2024 paper (arXiv 2412.14186, as described in
secondary summaries) draws red and yellow lines as conceptual boundaries in the capability–safety plane; the
2025 report sets one pair of thresholds per risk domain. This module implements the 2025 per-domain scheme.

>>> r = classify([("cyber", 30, 40, 80), ("persuasion", 40, 40, 80)])
>>> [d.zone for d in r.domains], r.overall
(['green', 'yellow'], 'yellow')
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Final

from ._check import Result, check_finite, reject_unknown
from .errors import AI45Error

__all__ = [
    "ASSUMPTIONS",
    "EXAMPLE_DOMAINS",
    "LINE_NOTES",
    "MAX_ROWS",
    "REPORT_DOMAINS",
    "ZONES",
    "DomainZone",
    "Zone",
    "ZonesResult",
    "classify",
    "from_params",
]

# The Chinese Methods page (widgets/hook.py) shows this text instead of the module docstring: the same
# documentation in Chinese, followed there by the docstring's own examples. A line that ends in a backslash
# continues its paragraph, because a line break inside Chinese text shows as a space between characters.
METHODS_ZH: Final = """\
红线与黄线：在你设定的阈值下，每个风险领域落在哪个区。

上海人工智能实验室 2025 年的风险分析报告（*Frontier AI Risk Management Framework in Practice*，arXiv 2507.16534）\
用两条线来评判每个风险领域：**红线**是不可容忍的阈值，**黄线**是预警指标。两条线划出三个区，\
每个区各有一种应对措施：

===========  ============================  ======================
分区         条件（分数 s，两条线 y < r）  应对措施
===========  ============================  ======================
绿区 green   s < y                         常规部署，持续监测
黄区 yellow  y ≤ s < r                     加强缓解措施，受控部署
红区 red     s ≥ r                         暂停研发和（或）部署
===========  ============================  ======================

分数**等于**某条线时，算作已触及该线（s = y 属于黄区，s = r 属于红区），这与阈值的一般用法一致。\
分数越高表示越危险；如果你的尺度方向相反，请把数字取负。总体分区是所有领域中最严重的那个区。\
``to_yellow`` = y − s 和 ``to_red`` = r − s 给出每个领域距自身两条线还有多远（触及后为负值）。

前提假设：每个分数和每条阈值都由读者给出。资料中没有任何数值阈值，所以本工具一个也不编造；没有输入领域时，\
它显示名为“example A/B/C”的三行，其中的数字纯属示意（此时 ``illustrative`` 为真）。\
分区只是对输入的数字套用一条规则，不是对任何真实模型的评估。

“红线”有两种用法，本模块把它们分开（见 ``LINE_NOTES``）：2024 年的论文（arXiv 2412.14186，据二手摘要）\
把红线和黄线画成能力–安全坐标平面上的概念边界；2025 年的报告则为每个风险领域各设一对阈值。\
本模块实现的是 2025 年按领域划分的方案。
"""

MAX_ROWS: Final = 100
"""Most risk domains accepted in one request."""

MAX_NAME: Final = 80
"""Longest domain name accepted, in characters."""


@dataclass(frozen=True)
class Zone(Result):
    """A row of the policy table: a zone, when it applies and the response the 2025 report attaches to it."""

    id: str
    en: str
    zh: str
    condition_en: str
    condition_zh: str
    response_en: str
    response_zh: str


ZONES: Final[tuple[Zone, ...]] = (
    Zone("green", "green zone", "绿区", "score below the yellow line", "分数低于黄线",
         "Routine deployment with continuous monitoring.", "常规部署，持续监测。"),
    Zone("yellow", "yellow zone", "黄区", "score at or above the yellow line, below the red line",
         "分数达到或超过黄线、低于红线", "Stronger mitigations and controlled deployment.",
         "加强缓解措施，受控部署。"),
    Zone("red", "red zone", "红区", "score at or above the red line", "分数达到或超过红线",
         "Suspend development and/or deployment.", "暂停研发和（或）部署。"),
)
"""The policy table, mildest zone first (as in arXiv 2507.16534's abstract, paraphrased)."""

_ZONE_BY_ID: Final = {z.id: z for z in ZONES}
_RANK: Final = {z.id: i for i, z in enumerate(ZONES)}

LINE_NOTES: Final[dict[str, dict[str, str]]] = {
    "2025": {
        "url": "https://arxiv.org/abs/2507.16534",
        "en": "2025 risk framework (arXiv 2507.16534): for each risk domain, a red line is an intolerable "
              "threshold and a yellow line an early-warning indicator. Together they define a green, yellow "
              "and red zone, each with its own response. This calculator follows that per-domain scheme, "
              "with thresholds you set.",
        "zh": "2025 年风险框架（arXiv 2507.16534）：对每个风险领域，红线是不可容忍的阈值，黄线是预警指标。"
              "两条线划出绿区、黄区和红区，各有相应的应对措施。本计算器采用这种逐领域的做法，阈值由你设定。",
    },
    "2024": {
        "url": "https://arxiv.org/abs/2412.14186",
        "en": "2024 paper (arXiv 2412.14186), as described in secondary summaries: red and yellow lines are "
              "conceptual boundaries drawn in the capability–safety plane. The red line marks regions of "
              "existential risk (such as self-replication, power-seeking or weaponisation); the yellow line "
              "is an early warning that calls for stronger safety measures. No numbers are attached, and "
              "this calculator does not implement them.",
        "zh": "2024 年论文（arXiv 2412.14186），据二手摘要：红线和黄线是画在能力–安全坐标平面上的概念边界。"
              "红线圈出存在性风险区域（如自我复制、权力寻求或武器化），黄线是需要加强安全措施的预警。"
              "它们不带具体数值，本计算器也不实现它们。",
    },
}
"""Two uses of red/yellow lines, kept apart: ``"2025"`` per-domain thresholds, ``"2024"`` conceptual lines."""

REPORT_DOMAINS: Final[tuple[dict[str, str], ...]] = (
    {"en": "cyber offense", "zh": "网络攻击"},
    {"en": "biological and chemical risks", "zh": "生物和化学风险"},
    {"en": "persuasion and manipulation", "zh": "说服与操纵"},
    {"en": "uncontrolled autonomous AI R&D", "zh": "失控的自主 AI 研发"},
    {"en": "strategic deception and scheming", "zh": "策略性欺骗与图谋"},
    {"en": "self-replication", "zh": "自我复制"},
    {"en": "collusion", "zh": "合谋"},
)
"""The seven risk areas the 2025 report evaluates (names only, Chinese ours; it sets its own scales)."""

EXAMPLE_DOMAINS: Final[tuple[tuple[str, float, float, float], ...]] = (
    ("example A (illustrative)", 20.0, 40.0, 80.0),
    ("example B (illustrative)", 55.0, 40.0, 80.0),
    ("example C (illustrative)", 85.0, 40.0, 80.0),
)
"""Made-up rows shown when no domains are given: one per zone. Not taken from any source."""

ASSUMPTIONS: Final[dict[str, tuple[str, ...]]] = {
    "en": (
        "Scores and both thresholds are yours; the sources give no numbers and this tool invents none.",
        "A higher score means more danger; a score equal to a line counts as reaching it.",
        "The zone is a rule applied to the numbers you enter, not an assessment of any real model.",
        "These are the 2025 per-domain lines, not the 2024 paper's lines on the capability–safety plane.",
    ),
    "zh": (
        "分数和两条阈值都由你设定；资料中没有给出具体数值，本工具也不编造。",
        "分数越高代表越危险；分数恰好等于某条线时，算作已触及该线。",
        "分区只是对你输入的数字套用规则，并不是对任何真实模型的评估。",
        "这里用的是 2025 年逐领域的红黄线，不是 2024 年论文在能力–安全坐标平面上画的概念线。",
    ),
}

_TEXT: Final[dict[str, dict[str, str]]] = {
    "summary": {"en": "{n} domain(s): {green} green, {yellow} yellow, {red} red. Overall: {zone}. {response}",
                "zh": "共 {n} 个领域：绿区 {green} 个，黄区 {yellow} 个，红区 {red} 个。"
                      "总体：{zone}。{response}"},
    "illustrative": {"en": " (Illustrative example values, not from any source.)",
                     "zh": "（示例数值，仅作演示，并非来自任何资料。）"},
    "illustrative_note": {"en": "The rows named \"example\" are made-up numbers to show how the zones work; "
                                "they come from no source.",
                          "zh": "名为“example”的各行是为演示分区而编造的数字，并非来自任何资料。"},
}


@dataclass(frozen=True)
class DomainZone(Result):
    """One risk domain: the numbers entered, its zone and the response that zone calls for."""

    name: str
    score: float
    yellow: float
    red: float
    to_yellow: float
    to_red: float
    zone: str
    zone_en: str
    zone_zh: str
    response_en: str
    response_zh: str


@dataclass(frozen=True)
class ZonesResult(Result):
    """Zones per domain, how many domains fall in each, the worst zone, and the policy table."""

    domains: tuple[DomainZone, ...]
    counts: dict[str, int]
    overall: str
    overall_en: str
    overall_zh: str
    overall_response_en: str
    overall_response_zh: str
    policy: tuple[Zone, ...]
    illustrative: bool
    illustrative_note_en: str
    illustrative_note_zh: str
    sentence_en: str
    sentence_zh: str
    note_2025: dict[str, str]
    note_2024: dict[str, str]


def _zone(score: float, yellow: float, red: float) -> Zone:
    if score >= red:
        return _ZONE_BY_ID["red"]
    if score >= yellow:
        return _ZONE_BY_ID["yellow"]
    return _ZONE_BY_ID["green"]


def _bad_row(where_en: str, where_zh: str, en: str, zh: str) -> AI45Error:
    return AI45Error("bad_row", "domains", en=f"{where_en}: {en}", zh=f"{where_zh}：{zh}")


def _check_row(name: object, score: object, yellow: object, red: object,
               where_en: str, where_zh: str) -> tuple[str, float, float, float]:
    """Validate one domain; ``where_*`` says which row or line it is (for the message)."""
    if not isinstance(name, str):
        raise _bad_row(where_en, where_zh, "the name must be text", "名称必须是文字")
    text = _CONTROL.sub("", name).strip()
    if not text:
        raise _bad_row(where_en, where_zh, "the domain name is empty", "领域名称为空")
    if len(text) > MAX_NAME:
        raise _bad_row(where_en, where_zh, f"a name may have at most {MAX_NAME} characters",
                       f"名称最多 {MAX_NAME} 个字符")
    numbers = []
    for label, value in (("score", score), ("yellow", yellow), ("red", red)):
        x = _to_number(value)
        if x is None:
            shown = str(value)[:20]
            raise _bad_row(where_en, where_zh, f"{label} must be a finite number; got {shown!r}",
                           f"{label} 必须是有限的数字；收到的是 {shown!r}")
        numbers.append(x)
    s, y, r = numbers
    if not y < r:
        raise AI45Error("thresholds_inverted", "domains",
                        en=f"{where_en} ({text[:40]}): the yellow line must be below the red line; "
                           f"got yellow {y:g}, red {r:g}",
                        zh=f"{where_zh}（{text[:40]}）：黄线必须低于红线；当前黄线为 {y:g}，红线为 {r:g}")
    return text, s, y, r


def _to_number(value: object) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        try:
            x = float(value)
        except OverflowError:
            return None
    elif isinstance(value, float):
        x = value
    elif isinstance(value, str):
        try:
            x = float(value.strip().replace("−", "-"))
        except ValueError:
            return None
    else:
        return None
    return x if math.isfinite(x) else None


_CONTROL: Final = re.compile(r"[\x00-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
_FIELD_SPLIT: Final = re.compile(r"[,，;；\t]")


def classify(domains: Iterable[tuple[str, float, float, float]], /, *,
             illustrative: bool = False) -> ZonesResult:
    """Put each risk domain (name, score, yellow line, red line) in the green, yellow or red zone.

    >>> r = classify([("bio", 80, 40, 80)])
    >>> r.domains[0].zone, r.domains[0].response_en
    ('red', 'Suspend development and/or deployment.')
    >>> classify([("bio", 10, 80, 40)])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ai45core.errors.AI45Error: domains: row 1 (bio): the yellow line must be below the red line; ...

    Args:
        domains: one tuple per domain, higher score = more danger; yellow must be below red.
        illustrative: mark the result as made-up example values (set when the defaults are used).

    Returns:
        ZonesResult: per-domain zones and responses, counts per zone, the overall (worst) zone, the policy
        table and both notes on what red and yellow lines mean.

    Raises:
        AI45Error: ``bad_row`` for a malformed row, ``thresholds_inverted`` when yellow ≥ red, ``no_rows``
        for an empty list, ``too_long`` beyond ``MAX_ROWS`` rows, ``overflow`` when a distance overflows.
    """
    rows: list[tuple[str, float, float, float]] = []
    for i, row in enumerate(domains, start=1):
        if len(rows) >= MAX_ROWS:
            raise AI45Error("too_long", "domains", en=f"at most {MAX_ROWS} domains are accepted",
                            zh=f"最多接受 {MAX_ROWS} 个领域")
        if not isinstance(row, tuple | list) or len(row) != 4:
            raise _bad_row(f"row {i}", f"第 {i} 行", "needs name, score, yellow, red",
                           "需要 名称, 分数, 黄线, 红线 四项")
        rows.append(_check_row(*row, f"row {i}", f"第 {i} 行"))
    if not rows:
        raise AI45Error("no_rows", "domains", en="give at least one domain as: name, score, yellow, red",
                        zh="请至少填写一个领域，格式为：名称, 分数, 黄线, 红线")
    out = []
    for name, s, y, r in rows:
        zone = _zone(s, y, r)
        out.append(DomainZone(name, s, y, r, check_finite(y - s), check_finite(r - s), zone.id, zone.en,
                              zone.zh, zone.response_en, zone.response_zh))
    counts = {z.id: sum(d.zone == z.id for d in out) for z in ZONES}
    worst = max((_ZONE_BY_ID[d.zone] for d in out), key=lambda z: _RANK[z.id])
    sentence = {}
    for lang in ("en", "zh"):
        text = _TEXT["summary"][lang].format(
            n=len(out), zone=worst.en if lang == "en" else worst.zh,
            response=worst.response_en if lang == "en" else worst.response_zh, **counts)
        sentence[lang] = text + (_TEXT["illustrative"][lang] if illustrative else "")
    return ZonesResult(
        domains=tuple(out),
        counts=counts,
        overall=worst.id,
        overall_en=worst.en,
        overall_zh=worst.zh,
        overall_response_en=worst.response_en,
        overall_response_zh=worst.response_zh,
        policy=ZONES,
        illustrative=illustrative,
        illustrative_note_en=_TEXT["illustrative_note"]["en"] if illustrative else "",
        illustrative_note_zh=_TEXT["illustrative_note"]["zh"] if illustrative else "",
        sentence_en=sentence["en"],
        sentence_zh=sentence["zh"],
        note_2025=dict(LINE_NOTES["2025"]),
        note_2024=dict(LINE_NOTES["2024"]),
    )


def _parse_text(text: str) -> list[tuple[str, float, float, float]]:
    """Rows from CSV text, one domain a line: ``name, score, yellow, red``.

    Fields are separated by commas (ASCII or Chinese), semicolons or tabs; there is no quoting, so a name
    cannot contain those. A line with none of them is split at its last three runs of spaces
    (``cyber offense 10 40 80``). Blank lines are skipped. The first non-blank line is a header (and skipped)
    when none of its last three fields is a number. Line numbers in messages count every line, from 1.
    """
    if len(text) > MAX_ROWS * (MAX_NAME + 100):
        raise AI45Error("too_long", "domains", en=f"at most {MAX_ROWS} domains are accepted",
                        zh=f"最多接受 {MAX_ROWS} 个领域")
    rows: list[tuple[str, float, float, float]] = []
    seen_first = False
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        if _FIELD_SPLIT.search(line):
            fields = [f.strip() for f in _FIELD_SPLIT.split(line)]
        else:
            fields = line.strip().rsplit(None, 3)
        first, seen_first = not seen_first, True
        if first and len(fields) == 4 and all(_to_number(f) is None for f in fields[1:]):
            continue
        where_en, where_zh = f"line {number}", f"第 {number} 行"
        if len(fields) != 4:
            raise _bad_row(where_en, where_zh,
                           f"needs 4 fields (name, score, yellow, red); got {len(fields)}",
                           f"需要 4 项（名称, 分数, 黄线, 红线）；现有 {len(fields)} 项")
        if len(rows) >= MAX_ROWS:
            raise AI45Error("too_long", "domains", en=f"at most {MAX_ROWS} domains are accepted",
                            zh=f"最多接受 {MAX_ROWS} 个领域")
        rows.append(_check_row(fields[0], fields[1], fields[2], fields[3], where_en, where_zh))
    return rows


_KEYS: Final = ("name", "score", "yellow", "red")


def _parse_list(items: list[object] | tuple[object, ...]) -> list[tuple[str, float, float, float]]:
    if len(items) > MAX_ROWS:
        raise AI45Error("too_long", "domains", en=f"at most {MAX_ROWS} domains are accepted",
                        zh=f"最多接受 {MAX_ROWS} 个领域")
    rows = []
    for i, item in enumerate(items, start=1):
        where_en, where_zh = f"row {i}", f"第 {i} 行"
        if not isinstance(item, Mapping):
            raise _bad_row(where_en, where_zh, "must be an object {name, score, yellow, red}",
                           "必须是对象 {name, score, yellow, red}")
        extra = [str(k)[:20] for k in item if k not in _KEYS]
        missing = [k for k in _KEYS if item.get(k) is None]
        if extra or missing:
            raise _bad_row(where_en, where_zh, f"needs exactly the keys name, score, yellow, red "
                           f"(missing: {', '.join(missing) or '-'}; unknown: {', '.join(extra) or '-'})",
                           f"需要且只能有 name, score, yellow, red 四个键"
                           f"（缺少：{'、'.join(missing) or '无'}；未知：{'、'.join(extra) or '无'}）")
        rows.append(_check_row(item["name"], item["score"], item["yellow"], item["red"], where_en, where_zh))
    return rows


def from_params(params: Mapping[str, object]) -> ZonesResult:
    """Read ``domains`` (a list of objects or CSV text) and run :func:`classify`.

    Without ``domains`` the three illustrative ``EXAMPLE_DOMAINS`` are used and the result says so.

    >>> r = from_params({"domains": "domain, score, yellow, red\\ncyber，10，40，80\\n\\nbio, 50, 40, 80"})
    >>> r.counts, r.overall
    ({'green': 1, 'yellow': 1, 'red': 0}, 'yellow')
    """
    reject_unknown(params, ("domains",))
    value = params.get("domains")
    if value is None:
        return classify(EXAMPLE_DOMAINS, illustrative=True)
    if isinstance(value, str):
        rows = _parse_text(value)
    elif isinstance(value, list | tuple):
        rows = _parse_list(value)
    else:
        raise AI45Error("not_a_list", "domains", en="must be CSV text (name, score, yellow, red per line) "
                        "or a list of objects {name, score, yellow, red}",
                        zh="必须是 CSV 文本（每行：名称, 分数, 黄线, 红线）或由 {name, score, yellow, red} "
                        "对象组成的列表")
    return classify(rows)
