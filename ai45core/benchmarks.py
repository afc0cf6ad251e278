"""Before/after benchmark scores: absolute and relative change, and why the way you average matters.

Safety claims usually arrive as benchmark tables: a base model's scores, the tuned model's scores, and a
headline percentage. :func:`compare` takes the two rows and reports, for every benchmark,

* the absolute change after − before (in points) and the relative change (after − before)/before × 100 %;
  with a baseline of 0 the relative change cannot be computed: it is None and a note says so (never ∞);
* the share of the remaining headroom that was closed, (after − before)/(max − before) × 100 %, because
  scores cap at ``max_score`` (100 by default) and gains flatten near the top;
* which benchmarks fell: a decrease is always listed, never averaged away.

Across benchmarks it gives both aggregates, which differ whenever baselines differ: the **relative change of
the mean**, (mean after − mean before)/mean before, and the **mean of the relative changes**, which weights a
benchmark that started low much more heavily. A headline percentage that does not say which it is (or
neither) cannot be checked.

With a ``capability_gain`` that you supply, the safety gain becomes a point on the capability–safety plane
and gets an angle and a verdict by the same rule as :mod:`ai45core.plane`. On the ``raw`` scale (default) the
safety gain is the change of the mean in points; on the ``index`` scale it is the relative change of the mean
in percent, and ``capability_gain`` is then read as a percentage too. Without a capability gain there is no
angle: the sources give no capability figure in comparable units.

Presets (``preset``) carry two tables from the SafeWork-R1 model card
(https://huggingface.co/AI45Research/SafeWork-R1; paper https://arxiv.org/abs/2507.18576):
``safework_safety`` (four safety benchmarks, base model Qwen2.5-VL-72B → SafeWork-R1, with GPT-4.1,
Gemini 2.5 Pro and Claude Opus 4 for comparison) and
``safework_values`` (FLAMES and three M³oralBench scores). From the safety table the change of the average is
about +41% and the mean of the per-benchmark gains about +54%; the paper's abstract reports an average
improvement of 46.54% with its method unstated, which the table reproduces by neither route. The card's own
"Avg." column is shown as stated (``stated_mean_*``) and never recomputed: for the value table it does not
follow from the four displayed sub-scores.

ASSUMPTIONS: relative gains look large from a low baseline; the two ways of averaging answer different
questions; a capability gain "in the same units" is your assertion, not something the sources supply.

>>> r = compare([38.2], [90.5], names=["SIUO"])
>>> round(r.benchmarks[0].change_points, 1), round(r.benchmarks[0].change_pct, 1)
(52.3, 136.9)
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Final

from ._check import Result, check_finite, choice, number, reject_unknown, series
from ._check import labels as read_labels
from .errors import AI45Error
from .plane import VERDICT_LABELS, classify

__all__ = [
    "ASSUMPTIONS",
    "PARAMS",
    "PRESETS",
    "SAFEWORK_SAFETY",
    "SAFEWORK_SOURCE_URLS",
    "SAFEWORK_VALUES",
    "BenchmarkChange",
    "BenchmarkTable",
    "BenchmarksResult",
    "Comparison",
    "compare",
    "from_params",
]

# The Chinese Methods page (widgets/hook.py) shows this text instead of the module docstring: the same
# documentation in Chinese, followed there by the docstring's own examples. A line that ends in a backslash
# continues its paragraph, because a line break inside Chinese text shows as a space between characters.
METHODS_ZH: Final = """\
改进前后的基准测试分数：绝对变化与相对变化，以及为什么平均的方式很重要。

关于安全的说法，通常以基准测试表格的形式出现：基座模型的分数、调优后模型的分数，再加上一个醒目的百分比。\
:func:`compare` 接收这两行分数，对每项基准报告：

* 绝对变化（改进后 − 改进前，单位为分）和相对变化（改进后 − 改进前）/改进前 × 100 %；基线为 0 时无法计算相对变化：\
结果为 None，并附说明（绝不给出 ∞）；
* 剩余空间被填补的比例（改进后 − 改进前）/（满分 − 改进前）× 100 %，因为分数以 ``max_score``（默认 100）为上限，\
越接近满分涨幅越小；
* 哪些基准下降了：下降一律列出，绝不会被平均掉。

对全部基准，它同时给出两种汇总，只要各项基线不同，两者就不相等：**平均分的相对变化**，\
即（改进后平均分 − 改进前平均分）/改进前平均分；以及**各项相对变化的平均**，它给起点低的基准大得多的权重。\
一个醒目的百分比如果不说明是哪一种（或者两种都不是），就无法核对。

如果你给出 ``capability_gain``（能力提升），安全提升就成为能力–安全坐标平面上的一个点，\
并按与 :mod:`ai45core.plane` 相同的规则得到角度和判断。在 ``raw`` 尺度上（默认），\
安全提升是平均分的变化（单位为分）；在 ``index`` 尺度上，它是平均分的相对变化（百分比），\
此时 ``capability_gain`` 也按百分比理解。不给能力提升就没有角度：资料中没有单位可比的能力数字。

预设（``preset``）收录了 SafeWork-R1 模型卡（https://huggingface.co/AI45Research/SafeWork-R1；\
论文见 https://arxiv.org/abs/2507.18576）中的两张表：``safework_safety``（四项安全基准，\
基座模型 Qwen2.5-VL-72B → SafeWork-R1，并附 GPT-4.1、Gemini 2.5 Pro 和 Claude Opus 4 作对比）\
和 ``safework_values``（FLAMES 和三项 M³oralBench 分数）。按安全基准表计算，平均分的变化约为 +41%，\
各项提升的平均约为 +54%；论文摘要报告的平均提升是 46.54%，没有说明方法，这张表按哪种算法都得不出这个数。\
模型卡自带的“Avg.”一栏按原样显示（``stated_mean_*``），从不重新计算：在价值观基准表中，\
它与表中显示的四项分数对不上。

前提假设：从低基线出发，相对提升会显得很大；两种平均回答的是不同的问题；“同一单位下的”能力提升是你自己的断言，\
资料并没有提供。
"""

PARAMS: Final = ("preset", "names", "before", "after", "max_score", "capability_gain", "scale", "average",
                 "tolerance_deg")
"""Parameter names accepted by :func:`from_params`."""

SCALES: Final = ("raw", "index")
AVERAGES: Final = ("scores", "stated")

SAFEWORK_SOURCE_URLS: Final = ("https://huggingface.co/AI45Research/SafeWork-R1",
                               "https://arxiv.org/abs/2507.18576")


@dataclass(frozen=True)
class BenchmarkTable(Result):
    """A published table: benchmark names, one row of scores per model, and the table's stated averages.

    >>> SAFEWORK_SAFETY.rows["SafeWork-R1"][SAFEWORK_SAFETY.names.index("SIUO")]
    90.5
    """

    key: str
    title: dict[str, str]
    names: tuple[str, ...]
    before_model: str
    after_model: str
    rows: dict[str, tuple[float, ...]]
    stated_averages: dict[str, float]
    reported_change_pct: float | None
    reported_label: dict[str, str] | None
    note: dict[str, str]
    source_urls: tuple[str, ...]


SAFEWORK_SAFETY: Final = BenchmarkTable(
    key="safework_safety",
    title={"en": "SafeWork-R1 vs its base model Qwen2.5-VL-72B: safety benchmarks (model card)",
           "zh": "SafeWork-R1 与基座模型 Qwen2.5-VL-72B：安全基准（模型卡）"},
    names=("MM-SafetyBench", "MSSBench", "XSTest-Safe", "SIUO"),
    before_model="Qwen2.5-VL-72B",
    after_model="SafeWork-R1",
    rows={
        "Qwen2.5-VL-72B": (70.4, 53.8, 91.2, 38.2),
        "SafeWork-R1": (92.0, 74.8, 99.2, 90.5),
        "GPT-4.1": (78.2, 69.1, 96.4, 92.9),
        "Gemini 2.5 Pro": (79.3, 70.5, 100.0, 76.7),
        "Claude Opus 4": (82.1, 59.6, 96.8, 62.8),
    },
    stated_averages={"Qwen2.5-VL-72B": 63.4, "SafeWork-R1": 89.2, "GPT-4.1": 84.1, "Gemini 2.5 Pro": 81.6,
                     "Claude Opus 4": 75.3},
    reported_change_pct=46.54,
    reported_label={
        "en": "The paper's abstract reports an average improvement of 46.54% over the base model on safety "
              "benchmarks, without saying how it was computed.",
        "zh": "论文摘要称在安全基准上比基座模型平均提升 46.54%，但没有说明计算方法。",
    },
    note={
        "en": "The card's Avg. column reads 63.4 → 89.2; the mean of the four scores shown is 63.4 → 89.125.",
        "zh": "模型卡的 Avg. 一栏为 63.4 → 89.2；表中四项分数的平均值为 63.4 → 89.125。",
    },
    source_urls=SAFEWORK_SOURCE_URLS,
)
"""SafeWork-R1 model card, safety table (MM-SafetyBench, MSSBench, XSTest-Safe, SIUO; scores out of 100)."""

SAFEWORK_VALUES: Final = BenchmarkTable(
    key="safework_values",
    title={"en": "SafeWork-R1 vs its base model Qwen2.5-VL-72B: value benchmarks (model card)",
           "zh": "SafeWork-R1 与基座模型 Qwen2.5-VL-72B：价值观基准（模型卡）"},
    names=("FLAMES", "M³oralBench Judge", "M³oralBench Classification", "M³oralBench Response"),
    before_model="Qwen2.5-VL-72B",
    after_model="SafeWork-R1",
    rows={"Qwen2.5-VL-72B": (39.1, 58.4, 48.1, 75.7), "SafeWork-R1": (65.3, 68.1, 54.6, 70.9)},
    stated_averages={"Qwen2.5-VL-72B": 49.9, "SafeWork-R1": 64.9},
    reported_change_pct=None,
    reported_label=None,
    note={
        "en": "The card's Avg. column (49.9 → 64.9) does not follow from the four sub-scores shown, whose "
              "mean is 55.325 → 64.725; it is quoted as stated, not recomputed.",
        "zh": "模型卡的 Avg. 一栏（49.9 → 64.9）与表中四项分数对不上，四项的平均值为 55.325 → 64.725；"
              "这里照录原值，不重新计算。",
    },
    source_urls=SAFEWORK_SOURCE_URLS,
)
"""SafeWork-R1 model card, value table (FLAMES, M³oralBench Judge / Classification / Response)."""

PRESETS: Final[dict[str, BenchmarkTable]] = {t.key: t for t in (SAFEWORK_SAFETY, SAFEWORK_VALUES)}

ASSUMPTIONS: Final[dict[str, tuple[str, ...]]] = {
    "en": (
        "Absolute change (points) and relative change (%) answer different questions: from a low baseline, "
        "relative gains look large.",
        "The relative change of the average and the average of the relative changes differ; a headline "
        "percentage without its method cannot be checked.",
        "Scores cap at the maximum, so gains flatten near the top; a fall on any benchmark is always shown.",
        "An angle needs a capability gain in the same units, which you supply: the sources give none.",
    ),
    "zh": (
        "绝对变化（分）与相对变化（%）回答的是不同的问题：基线越低，相对涨幅看起来越大。",
        "“平均分的相对变化”与“各项相对变化的平均”并不相同；不说明算法的总括百分比无法核对。",
        "分数有上限，越接近满分涨幅越小；任何一项基准的下降都会如实列出。",
        "要算出角度，需要你给出同一单位下的能力提升：现有资料没有提供。",
    ),
}

_DIRECTIONS: Final = ("rose", "fell", "unchanged")

_TEXT: Final[dict[str, dict[str, str]]] = {
    "summary": {
        "en": "Across {n} {benchmarks} the mean score moves from {mb} to {ma} ({dp} points, {cm} relative); "
              "the mean of the per-benchmark relative changes is {mc}.",
        "zh": "{n} 项基准的平均分从 {mb} 变为 {ma}（{dp} 分，相对变化 {cm}）；各项相对变化的平均为 {mc}。",
    },
    "fell": {"en": " Fell ({k}): {items}.", "zh": "下降的基准（{k} 项）：{items}。"},
    "more": {"en": ", and {m} more", "zh": "，另有 {m} 项"},
    "none_fell": {"en": " No benchmark fell.", "zh": "没有基准下降。"},
    "angle": {
        "en": " A safety gain of {sg}{unit} ({source}) against a capability gain of {cg}{unit} gives a path "
              "at {angle}° ({verdict}), only as meaningful as the claim that the two gains share a unit.",
        "zh": "安全提升 {sg}{unit}（{source}）对照能力提升 {cg}{unit}，路径角度为 {angle}°（{verdict}）；"
              "前提是两种提升确实使用同一单位。",
    },
    "no_movement": {
        "en": " Neither the capability gain nor the safety gain is different from 0, so there is no angle.",
        "zh": "能力提升与安全提升都为 0，因此没有角度。",
    },
    "no_angle": {
        "en": " Enter a capability gain in the same units to place this on the capability–safety plane.",
        "zh": "输入同一单位下的能力提升，即可把它放到能力–安全坐标平面上。",
    },
    "zero_baseline": {
        "en": "{items}: a baseline of 0 (or too close to 0) has no usable relative change; left out of the "
              "mean of relative changes.",
        "zh": "{items}：基线为 0（或过于接近 0），无法计算相对变化，未计入各项相对变化的平均。",
    },
    "zero_mean": {
        "en": "The mean before is 0 (or too close to 0), so the relative change of the mean cannot be "
              "computed.",
        "zh": "变化前的平均分为 0（或过于接近 0），无法计算平均分的相对变化。",
    },
    "no_index_angle": {
        "en": "On the index scale the safety gain is a relative change, which a mean of 0 does not have: no "
              "angle.",
        "zh": "选“相对”时，安全提升是相对变化；平均分为 0 时没有相对变化，因此没有角度。",
    },
    "reported": {
        "en": "{label} From this table the change of the average is {cm} and the mean of the per-benchmark "
              "changes is {mc}: neither reproduces it.",
        "zh": "{label}按这张表计算，平均分的相对变化为 {cm}，各项相对变化的平均为 {mc}：都与之不符。",
    },
    "modified": {
        "en": "The scores were edited, so the card's averages and comparison rows are not shown.",
        "zh": "分数已被修改，因此不再显示模型卡的平均值和对比行。",
    },
}


_GAIN_SOURCES: Final[dict[str, dict[str, str]]] = {
    "scores": {"en": "change of the mean of these scores", "zh": "按这些分数的平均值计算"},
    "stated": {"en": "change of the table's stated averages", "zh": "按表格自带的平均值计算"},
}


@dataclass(frozen=True)
class BenchmarkChange(Result):
    """One benchmark: absolute change (points), relative change and headroom closed (percent, or None).

    ``headroom_closed_pct`` is negative when the score fell (headroom lost); ``direction`` is ``rose``,
    ``fell`` or ``unchanged``.

    >>> round(compare([91.2], [99.2]).benchmarks[0].headroom_closed_pct, 2)
    90.91
    """

    name: str
    before: float
    after: float
    change_points: float
    change_pct: float | None
    headroom_closed_pct: float | None
    direction: str


@dataclass(frozen=True)
class Comparison(Result):
    """Another model in a preset table, and the benchmarks where it scores above the "after" model.

    >>> from_params({"preset": "safework_safety"}).comparison[0].higher_than_after
    ('SIUO',)
    """

    model: str
    scores: tuple[float, ...]
    mean: float
    stated_average: float | None
    higher_than_after: tuple[str, ...]


@dataclass(frozen=True)
class BenchmarksResult(Result):
    """Per-benchmark and aggregate changes, the benchmarks that fell, and the angle when capability is given.

    Percentages are in percent (+40.7 means +40.7%). ``stated_*`` fields quote a preset table's own Avg.
    column; they, ``reported_*`` and ``comparison`` are empty for custom or edited data.

    >>> compare([0], [5]).benchmarks[0].change_pct is None
    True
    """

    benchmarks: tuple[BenchmarkChange, ...]
    mean_before: float
    mean_after: float
    mean_change_points: float
    change_of_mean_pct: float | None
    mean_of_changes_pct: float | None
    aggregation_gap_pct: float | None
    computable_count: int
    fell: tuple[str, ...]
    rose: tuple[str, ...]
    unchanged: tuple[str, ...]
    max_score: float
    scale: str
    average: str
    capability_gain: float | None
    safety_gain: float | None
    angle_deg: float | None
    verdict: str | None
    verdict_label: dict[str, str] | None
    tolerance_deg: float
    preset: str | None
    preset_modified: bool
    title: dict[str, str] | None
    before_model: str | None
    after_model: str | None
    stated_mean_before: float | None
    stated_mean_after: float | None
    stated_change_of_mean_pct: float | None
    reported_change_pct: float | None
    reported_label: dict[str, str] | None
    comparison: tuple[Comparison, ...]
    source_urls: tuple[str, ...]
    sentence_en: str
    sentence_zh: str
    notes_en: tuple[str, ...]
    notes_zh: tuple[str, ...]


def _mean(values: Sequence[float]) -> float:
    # Summing value/n keeps every partial sum within the largest value: no overflow, even near 1e308.
    return math.fsum(v / len(values) for v in values)


def _pct(x: float | None) -> str:
    return "—" if x is None else f"{x:+.4g}%"


def _listed(items: Sequence[str], lang: str, limit: int = 8) -> str:
    """Names for a sentence: all of them up to ``limit``, then a count (the full list is in the result)."""
    shown = ", ".join(items[:limit])
    return shown + (_TEXT["more"][lang].format(m=len(items) - limit) if len(items) > limit else "")


def _relative(before: float, after: float) -> float | None:
    """Relative change in percent; None for a baseline of 0 (or one so close to 0 that it overflows)."""
    if before == 0:
        return None
    change = (after - before) / before * 100
    return change if math.isfinite(change) else None


def _preset(name: str | None) -> BenchmarkTable | None:
    if name is None or name == "custom":
        return None
    return PRESETS[choice({"preset": name}, "preset", tuple(PRESETS))]


def compare(before: Sequence[float], after: Sequence[float], /, *, names: Sequence[str] | None = None,
            max_score: float = 100.0, capability_gain: float | None = None, scale: str = "raw",
            average: str = "scores", tolerance_deg: float = 5.0,
            preset: str | None = None) -> BenchmarksResult:
    """Compare before/after benchmark scores: per benchmark, in aggregate, and on the plane.

    >>> t = SAFEWORK_SAFETY
    >>> r = compare(t.rows["Qwen2.5-VL-72B"], t.rows["SafeWork-R1"], names=t.names, preset="safework_safety")
    >>> round(r.change_of_mean_pct, 1), round(r.mean_of_changes_pct, 1), r.fell
    (40.6, 53.8, ())
    >>> r = compare([39.1, 58.4, 48.1, 75.7], [65.3, 68.1, 54.6, 70.9], capability_gain=10)
    >>> r.fell, round(r.angle_deg, 1)
    (('4',), 43.2)

    Args:
        before: scores before (1–1000 values, each in [0, ``max_score``]).
        after: scores after, one per benchmark.
        names: a label per benchmark (default "1", "2", …).
        max_score: the top of the score scale, > 0; default 100.
        capability_gain: the general-capability change you assert in the same units (points on ``raw``,
            percent on ``index``); None gives no angle.
        scale: ``raw`` (safety gain = change of the mean, in points) or ``index`` (relative change of the
            mean, in percent).
        average: ``scores`` (the mean of the scores given) or ``stated`` (a preset table's own Avg. column;
            needs unedited preset data).
        tolerance_deg: half-width of the balanced band around 45°, in [0, 45).
        preset: the published table the data come from (``safework_safety`` or ``safework_values``), which
            adds its stated averages, reported figure and comparison rows when the data match it.

    Returns:
        A :class:`BenchmarksResult`.

    Raises:
        AI45Error: ``length_mismatch``, ``out_of_range``, ``no_stated_average`` or a reader's code.
    """
    top = number({"max_score": max_score}, "max_score", lo=0, lo_open=True, hi=1e9)
    b = series({"before": list(before)}, "before", min_len=1, lo=0, hi=top)
    a = series({"after": list(after)}, "after", min_len=1, lo=0, hi=top)
    _same_length(b, a)
    return _compare(
        b, a, read_labels({"names": None if names is None else list(names)}, "names", len(b)), top,
        None if capability_gain is None else number({"capability_gain": capability_gain}, "capability_gain"),
        choice({"scale": scale}, "scale", SCALES), choice({"average": average}, "average", AVERAGES),
        number({"tolerance_deg": tolerance_deg}, "tolerance_deg", lo=0, hi=45, hi_open=True), _preset(preset))


def _same_length(b: Sequence[float], a: Sequence[float]) -> None:
    if len(a) != len(b):
        raise AI45Error("length_mismatch", "after",
                        en=f"needs one score per benchmark ({len(b)}); got {len(a)}",
                        zh=f"每项基准需要一个分数（共 {len(b)} 个）；现有 {len(a)} 个")


def _compare(b: tuple[float, ...], a: tuple[float, ...], labels: tuple[str, ...], top: float,
             cap: float | None, scale: str, average: str, tol: float,
             table: BenchmarkTable | None) -> BenchmarksResult:
    """:func:`compare` on inputs already read and checked one by one; checks across fields here."""
    modified = table is not None and (labels != table.names or b != table.rows[table.before_model]
                                      or a != table.rows[table.after_model])
    known = table if table is not None and not modified else None
    if average == "stated" and known is None:
        raise AI45Error("no_stated_average", "average",
                        en="“stated” uses a preset table's own averages and needs its unedited scores; "
                           "use “scores” for other data",
                        zh="“表格所列”使用预设表格自带的平均值，需要未经修改的原始分数；其他数据请用“表中分数的平均值”")

    rows = []
    for name, x, y in zip(labels, b, a, strict=True):
        direction = "rose" if y > x else "fell" if y < x else "unchanged"
        rows.append(BenchmarkChange(name, x, y, y - x, _relative(x, y),
                                    None if x == top else check_finite((y - x) / (top - x) * 100), direction))
    mb, ma = _mean(b), _mean(a)
    change_of_mean = _relative(mb, ma)
    relative = [r.change_pct for r in rows if r.change_pct is not None]
    mean_of_changes = _mean(relative) if relative else None
    gap = None if change_of_mean is None or mean_of_changes is None else mean_of_changes - change_of_mean
    notes: list[dict[str, str]] = []
    zero_base = [r.name for r in rows if r.change_pct is None]
    if zero_base:
        notes.append({lang: _TEXT["zero_baseline"][lang].format(items=_listed(zero_base, lang))
                      for lang in ("en", "zh")})
    if change_of_mean is None:
        notes.append(dict(_TEXT["zero_mean"]))

    stated_b = stated_a = stated_change = None
    comparison: tuple[Comparison, ...] = ()
    if known is not None:
        stated_b = known.stated_averages[known.before_model]
        stated_a = known.stated_averages[known.after_model]
        stated_change = _relative(stated_b, stated_a)
        comparison = tuple(
            Comparison(model, scores, _mean(scores), known.stated_averages.get(model),
                       tuple(n for n, s, y in zip(labels, scores, a, strict=True) if s > y))
            for model, scores in known.rows.items() if model not in (known.before_model, known.after_model))
        notes.append(dict(known.note))
        if known.reported_label is not None:
            notes.append({lang: _TEXT["reported"][lang].format(
                label=known.reported_label[lang], cm=_pct(change_of_mean), mc=_pct(mean_of_changes))
                for lang in ("en", "zh")})
    elif table is not None:
        notes.append(dict(_TEXT["modified"]))

    if average == "stated":
        assert stated_b is not None and stated_a is not None
        safety_gain = stated_a - stated_b if scale == "raw" else stated_change
    else:
        safety_gain = ma - mb if scale == "raw" else change_of_mean
    angle, verdict = None, None
    if cap is not None:
        if safety_gain is None:
            notes.append(dict(_TEXT["no_index_angle"]))
        else:
            angle, verdict = classify(cap, safety_gain, tolerance_deg=tol)

    fell = tuple(r.name for r in rows if r.direction == "fell")
    sentences = {}
    for lang in ("en", "zh"):
        text = _TEXT["summary"][lang].format(
            n=len(rows), benchmarks="benchmark" if len(rows) == 1 else "benchmarks", mb=f"{mb:.5g}",
            ma=f"{ma:.5g}", dp=f"{ma - mb:+.4g}", cm=_pct(change_of_mean), mc=_pct(mean_of_changes))
        items = _listed([f"{r.name} ({r.change_points:+.4g})" for r in rows if r.direction == "fell"], lang)
        text += _TEXT["fell"][lang].format(k=len(fell), items=items) if fell else _TEXT["none_fell"][lang]
        if cap is not None and verdict == "no_movement":
            text += _TEXT["no_movement"][lang]
        elif cap is not None and angle is not None and verdict is not None:
            assert safety_gain is not None
            text += _TEXT["angle"][lang].format(
                sg=f"{safety_gain:+.4g}", cg=f"{cap:+.4g}", unit="%" if scale == "index" else "",
                source=_GAIN_SOURCES[average][lang], angle=f"{angle:.1f}",
                verdict=VERDICT_LABELS[verdict][lang])
        elif cap is None:
            text += _TEXT["no_angle"][lang]
        sentences[lang] = text

    return BenchmarksResult(
        benchmarks=tuple(rows),
        mean_before=mb,
        mean_after=ma,
        mean_change_points=ma - mb,
        change_of_mean_pct=change_of_mean,
        mean_of_changes_pct=mean_of_changes,
        aggregation_gap_pct=gap,
        computable_count=len(relative),
        fell=fell,
        rose=tuple(r.name for r in rows if r.direction == "rose"),
        unchanged=tuple(r.name for r in rows if r.direction == "unchanged"),
        max_score=top,
        scale=scale,
        average=average,
        capability_gain=cap,
        safety_gain=safety_gain,
        angle_deg=angle,
        verdict=verdict,
        verdict_label=None if verdict is None else dict(VERDICT_LABELS[verdict]),
        tolerance_deg=tol,
        preset=None if table is None else table.key,
        preset_modified=modified,
        title=None if table is None else dict(table.title),
        before_model=None if known is None else known.before_model,
        after_model=None if known is None else known.after_model,
        stated_mean_before=stated_b,
        stated_mean_after=stated_a,
        stated_change_of_mean_pct=stated_change,
        reported_change_pct=None if known is None else known.reported_change_pct,
        reported_label=None if known is None or known.reported_label is None else dict(known.reported_label),
        comparison=comparison,
        source_urls=() if table is None else table.source_urls,
        sentence_en=sentences["en"],
        sentence_zh=sentences["zh"],
        notes_en=tuple(n["en"] for n in notes),
        notes_zh=tuple(n["zh"] for n in notes),
    )


def _given(params: Mapping[str, object], key: str) -> bool:
    value = params.get(key)
    return not (value is None or value == [] or (isinstance(value, str) and not value.strip()))


def from_params(params: Mapping[str, object]) -> BenchmarksResult:
    """Run :func:`compare` on JSON-style parameters (numbers or the strings a form sends).

    With a ``preset``, ``names``, ``before`` and ``after`` default to the preset's table; any of them given
    explicitly replaces the preset's (so a form can show the table and let the reader edit it). Edited data
    keep the per-benchmark analysis but lose the table's stated averages, reported figure and comparison rows
    (``preset_modified`` is true). Without a preset, ``before`` and ``after`` are required.

    >>> r = from_params({"preset": "safework_values"})
    >>> r.fell, round(r.benchmarks[3].change_points, 1)
    (('M³oralBench Response',), -4.8)
    """
    reject_unknown(params, PARAMS)
    preset = choice(params, "preset", ("custom", *PRESETS), "custom")
    table = PRESETS.get(preset)
    top = number(params, "max_score", 100.0, lo=0, lo_open=True, hi=1e9)
    scores = {}
    for key, model in (("before", "before_model"), ("after", "after_model")):
        # A preset's row still meets the bounds check, in case max_score was lowered.
        source = params if table is None or _given(params, key) else {key: table.rows[getattr(table, model)]}
        scores[key] = series(source, key, min_len=1, lo=0, hi=top)
    before, after = scores["before"], scores["after"]
    _same_length(before, after)
    if table is not None and not _given(params, "names") and len(before) == len(table.names):
        names: tuple[str, ...] = table.names
    else:
        names = read_labels(params, "names", len(before))
    return _compare(
        before, after, names, top,
        number(params, "capability_gain") if _given(params, "capability_gain") else None,
        choice(params, "scale", SCALES, "raw"), choice(params, "average", AVERAGES, "scores"),
        number(params, "tolerance_deg", 5.0, lo=0, hi=45, hi_open=True), table)
