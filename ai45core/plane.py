"""The capability–safety plane: the angle at which AI progress climbs, and whether it keeps near 45°.

Zhou Bowen's AI-45° Law (人工智能45°平衡律) pictures progress on a plane, capability on the horizontal axis
and safety on the vertical one. Over the long run the path should climb at roughly 45°. Short swings are
allowed, but a path that stays below 45° means safety lags capability (the speech's "crippled AI", 跛脚的AI),
and a path that stays above 45° would, the speech says, hold back development and industrial use. An angle
alone cannot show either harm: above the band, the reading says only that safety is ahead of capability on the
scales chosen.

Given one capability value C₀ … Cₙ and one safety value S₀ … Sₙ per period, :func:`balance`:

1. rescales each axis (``scale``): ``index`` x′ = xᵢ/x₀; ``log`` x′ = ln(xᵢ/x₀); ``raw`` x′ = xᵢ; ``minmax``
   x′ = (xᵢ − lo)/(hi − lo), with a range "lo, hi" chosen for each axis;
2. measures the angle of the whole displacement, θ = atan2(ΔS′, ΔC′) in degrees, where ΔC′ = C′ₙ − C′₀ and
   ΔS′ = S′ₙ − S′₀. The same rule gives an angle for every period (segment), for every rolling window of
   ``window`` periods, and for a least-squares trend (the slopes of C′ and S′ against the period number,
   which assumes equally spaced periods);
3. reads each angle against the band 45° ± ``tolerance_deg``. θ lies in (−180°, 180°], so falls show too:

   ====================  ==================================================================================
   ``balanced``          |θ − 45°| ≤ tolerance
   ``safety_lagging``    −90° ≤ θ < 45° − tolerance: includes safety falling while capability rises or holds
   ``over_constrained``  45° + tolerance < θ ≤ 180°: includes capability falling while safety rises or holds
   ``regressing``        −180° < θ < −90°: capability and safety both fell
   ``no_movement``       neither axis moved (each change at most 10⁻¹² of that axis's size): no angle (None)
   ====================  ==================================================================================

   The rule is symmetric: swapping the axes turns θ into 90° − θ and exchanges ``safety_lagging`` and
   ``over_constrained``;
4. finds the longest run of consecutive periods outside the band on the same side (a ``regressing`` or
   ``no_movement`` period ends a run). ``patience`` is how many consecutive periods count as long-term, so the
   deviation is ``sustained`` when that run lasts at least ``patience`` periods;
5. computes the safety debt Dᵢ = (C′ᵢ − C′₀) − (S′ᵢ − S′₀): how far normalised safety progress trails
   capability progress (positive = safety behind), and the catch-up pace max(0, Dₙ)/``horizon``: the extra
   safety progress per period, beyond keeping pace with capability, that returns the path to the 45° line
   through the first point within ``horizon`` periods. Added to capability's recent pace (its change over the
   last ``window`` periods, per period) it gives the safety pace required if capability keeps that pace.

ASSUMPTIONS: 45° only means "equal progress on the two scales you chose". The angle depends entirely on how
each axis is scaled and in what units; the sources define no metric that makes capability and safety
comparable. Benchmark scores cap at 100, so gains flatten near the top. Capability is the horizontal axis, so
when it grows exponentially while safety grows steadily, the path gets flatter period after period on the index
and raw scales (each doubling runs twice as far across), and much less so on the log scale, where each doubling
is an equal step. There is no single "current angle of world AI". The verdict names are this site's own: the
speech calls a path below 45° "crippled AI" but gives the case above it no name.

>>> r = balance([1, 2, 4, 8], [1, 1.1, 1.2, 1.3])
>>> round(r.angle_deg, 2), r.verdict, r.sustained
(2.45, 'safety_lagging', True)
>>> round(balance([1, 2, 4, 8], [1, 1.1, 1.2, 1.3], scale="log").angle_deg, 2)
7.19
>>> balance([10, 20, 40], [5, 10, 20]).angle_deg
45.0
>>> round(balance([10, 20, 40], [5, 10, 20], scale="raw").angle_deg, 2)
26.57
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Final

from ._check import Result, check_finite, choice, number, reject_unknown, series
from ._check import labels as read_labels
from .errors import AI45Error

__all__ = [
    "ASSUMPTIONS",
    "PARAMS",
    "SCALES",
    "SCALE_LABELS",
    "VERDICTS",
    "VERDICT_LABELS",
    "PlaneResult",
    "Run",
    "balance",
    "classify",
    "from_params",
]

# The Chinese Methods page (widgets/hook.py) shows this text instead of the module docstring: the same
# documentation in Chinese, followed there by the docstring's own examples. A line that ends in a backslash
# continues its paragraph, because a line break inside Chinese text shows as a space between characters.
METHODS_ZH: Final = """\
能力–安全坐标平面：AI 进展沿什么角度攀升，是否保持在 45° 附近。

周伯文提出的人工智能45°平衡律把 AI 的进展画在一张平面上：横轴是能力，纵轴是安全。从长期看，\
路径应当大体沿 45° 上升。短期波动是允许的；但路径长期低于 45°，说明安全落后于能力（即演讲所说的“跛脚的AI”），\
而长期高于 45°，按演讲的说法会阻碍发展与产业应用。单凭一个角度，这两种危害都证明不了：高于平衡带时，\
判断只说明在所选尺度上安全领先于能力。

给定每个周期的一个能力值 C₀ … Cₙ 和一个安全值 S₀ … Sₙ，:func:`balance` 依次：

1. 按 ``scale`` 缩放每条坐标轴：``index``（定基指数）x′ = xᵢ/x₀；``log``（对数）x′ = ln(xᵢ/x₀)；``raw``（原始数值）\
x′ = xᵢ；``minmax``（最小–最大归一化）x′ = (xᵢ − lo)/(hi − lo)，每条轴的范围“lo, hi”由你选定；
2. 计算整段位移的角度 θ = atan2(ΔS′, ΔC′)（单位为度），其中 ΔC′ = C′ₙ − C′₀，ΔS′ = S′ₙ − S′₀。\
同一规则也用来计算每个周期（每一段）的角度、每个长为 ``window`` 个周期的滑动窗口的角度，\
以及最小二乘趋势的角度（即 C′ 和 S′ 对周期序号回归所得的斜率；这假定各周期间隔相等）；
3. 把每个角度与平衡带 45° ± ``tolerance_deg`` 比较。θ 的取值范围是 (−180°, 180°]，所以下降也看得出来：

   ====================  ================================================================
   ``balanced``          平衡：|θ − 45°| ≤ 容差
   ``safety_lagging``    安全滞后：−90° ≤ θ < 45° − 容差，包括能力上升或不变、安全下降
   ``over_constrained``  安全约束过度：45° + 容差 < θ ≤ 180°，包括安全上升或不变、能力下降
   ``regressing``        双双倒退：−180° < θ < −90°，能力与安全都下降
   ``no_movement``       没有变化：两条轴都没动（变化不超过该轴大小的 10⁻¹²），没有角度（None）
   ====================  ================================================================

   这条规则是对称的：交换两条坐标轴，θ 变成 90° − θ，``safety_lagging`` 与 ``over_constrained`` 互换；
4. 找出落在平衡带同一侧之外、连续最长的一串周期（遇到 ``regressing`` 或 ``no_movement`` 的周期即中断）。\
``patience``（耐心值）是连续多少个周期算“长期”，所以这串周期至少持续 ``patience`` 个周期时，\
偏离即为 ``sustained``（长期偏离）；
5. 计算安全欠账 Dᵢ = (C′ᵢ − C′₀) − (S′ᵢ − S′₀)，即缩放后安全进展比能力进展少多少（正值表示安全落后），\
以及追赶速度 max(0, Dₙ)/``horizon``：要在 ``horizon`` 个周期内回到过起点的 45° 线，\
安全每个周期在跟上能力之外还需多出的进展。再加上能力最近的速度（最后 ``window`` 个周期里平均每个周期的变化），\
就得到能力保持这一速度时安全所需的速度。

前提假设：45° 只表示“在你选定的两种尺度上进展相等”。角度完全取决于每条轴怎样缩放、用什么单位；\
现有资料没有给出能让能力与安全相互比较的度量。基准测试分数以 100 为上限，越接近满分涨幅越小。能力在横轴上，\
所以能力指数级增长、安全匀速增长时，按定基指数或原始数值计算，路径一期比一期平（每翻一番，向右走的距离就加倍）；\
按对数计算，每次翻番都是同样长的一步，变平的程度要小得多。不存在一个“当前全球 AI 的角度”。\
各项判断的名称是本站起的：演讲把低于 45° 的情形称为“跛脚的AI”，高于 45° 的情形却没有命名。
"""

PARAMS: Final = ("capability", "safety", "labels", "scale", "capability_range", "safety_range",
                 "tolerance_deg", "patience", "window", "horizon")
"""Parameter names accepted by :func:`from_params`."""

SCALES: Final = ("index", "log", "raw", "minmax")
"""Axis scalings: index x/x₀ (default), log ln(x/x₀), raw values, min–max normalisation to a chosen range."""

VERDICTS: Final = ("balanced", "safety_lagging", "over_constrained", "regressing", "no_movement")

NEGLIGIBLE: Final = 1e-12
"""A change at most this fraction of an axis's size counts as no change (the axis's size is its largest
absolute scaled value; at least 1 on the index, log and min–max scales, whose natural unit is 1)."""

SCALE_LABELS: Final[dict[str, dict[str, str]]] = {
    "index": {"en": "index (x/x₀)", "zh": "定基指数（x/x₀）"},
    "log": {"en": "log (ln x/x₀)", "zh": "对数（ln x/x₀）"},
    "raw": {"en": "raw-value", "zh": "原始数值"},
    "minmax": {"en": "min–max", "zh": "最小–最大归一化"},
}

VERDICT_LABELS: Final[dict[str, dict[str, str]]] = {
    "balanced": {"en": "balanced", "zh": "平衡"},
    "safety_lagging": {"en": "safety lagging", "zh": "安全滞后"},
    "over_constrained": {"en": "over-constrained", "zh": "安全约束过度"},
    "regressing": {"en": "regressing", "zh": "双双倒退"},
    "no_movement": {"en": "no movement", "zh": "没有变化"},
}

ASSUMPTIONS: Final[dict[str, tuple[str, ...]]] = {
    "en": (
        "The angle depends entirely on how each axis is scaled and in what units: the same numbers can read "
        "45° as an index and 27° as raw values.",
        "The sources define no metric that makes capability and safety comparable, so 45° only means equal "
        "progress on the two scales you chose. The readings are this site's labels: the speech names the case "
        "below 45° (“crippled AI”) but not the one above, so “over-constrained” is ours.",
        "Benchmark scores cap at 100, so gains flatten near the top. When capability (across) grows "
        "exponentially and safety steadily, the path gets flatter each period on the index and raw scales, and "
        "much less so on the log scale.",
        "There is no single “current angle of world AI”: this measures only the numbers you enter.",
        "The law allows short-term swings; only a run of at least “patience” periods counts as long-term.",
    ),
    "zh": (
        "角度完全取决于每条坐标轴如何缩放、用什么单位：同一组数据，"
        "按定基指数计算是 45°，按原始数值计算可能只有 27°。",
        "现有资料没有给出能让能力与安全相互比较的度量，"
        "所以这里的 45° 只表示“在你选定的两种尺度上进展相等”。各项判断的名称是本站起的："
        "演讲给低于 45° 的情形起了名字（“跛脚的AI”），高于 45° 的却没有，“安全约束过度”是本站的说法。",
        "基准测试分数以 100 为上限，越接近满分涨幅越小。能力（横轴）指数级增长、安全匀速增长时，"
        "按定基指数或原始数值计算，路径一期比一期平；按对数计算，变平的程度要小得多。",
        "不存在一个“当前全球 AI 的角度”：这里只计算你输入的数据。",
        "平衡律允许短期波动；只有连续偏离达到设定的周期数，才算长期偏离。",
    ),
}

# Sentence pieces, English and Chinese side by side ({angle}, {tol}, {first}, {last}, ... are filled in).
_OPENING: Final = {"en": "From {first} to {last}, on the {scale} scale, ",
                   "zh": "从 {first} 到 {last}，按{scale}计算，"}
_VERDICT_SENTENCES: Final[dict[str, dict[str, str]]] = {
    "balanced": {
        "en": "the path runs at {angle}°, within the 45° ± {tol}° band: capability and safety advance "
              "together.",
        "zh": "路径角度为 {angle}°，落在 45° ± {tol}° 的平衡带内：能力与安全同步推进。",
    },
    "safety_lagging": {
        "en": "the path runs at {angle}°, below the 45° ± {tol}° band: safety lags capability.",
        "zh": "路径角度为 {angle}°，低于 45° ± {tol}° 的平衡带：安全落后于能力。",
    },
    "over_constrained": {
        "en": "the path runs at {angle}°, above the 45° ± {tol}° band: on these scales, safety is ahead of "
              "capability.",
        "zh": "路径角度为 {angle}°，高于 45° ± {tol}° 的平衡带：在这两种尺度上，安全领先于能力。",
    },
    "regressing": {
        "en": "the path points at {angle}°: capability and safety both fell.",
        "zh": "路径角度为 {angle}°：能力与安全双双下降。",
    },
    "no_movement": {
        "en": "neither capability nor safety changed, so there is no angle.",
        "zh": "能力与安全都没有变化，因此没有角度。",
    },
}
_SIDE: Final[dict[str, dict[str, str]]] = {
    "safety_lagging": {"en": "below the band (safety lagging)", "zh": "低于平衡带，安全滞后"},
    "over_constrained": {"en": "above the band (over-constrained)", "zh": "高于平衡带，安全约束过度"},
}
_NO_RUN: Final = {"en": " No period lies outside the band.", "zh": "没有任何一个周期偏离平衡带。"}
_RUN: Final = {
    "en": " The longest run {side} lasts {n} {periods} (from {a} to {b}); counting {p} consecutive {p_periods} "
          "as long-term, this {verdict} a long-term deviation.",
    "zh": "最长的一段连续偏离持续 {n} 个周期（{a} 到 {b}，{side}）；"
          "以连续 {p} 个周期为“长期”，这{verdict}长期偏离。",
}
_RUN_VERDICT: Final = {True: {"en": "is", "zh": "已属于"}, False: {"en": "is not yet", "zh": "尚不属于"}}
_DEBT: Final = {
    "en": " Safety trails capability by {debt} on the scaled axes; to return to the 45° line within {h} "
          "{periods} it needs {pace} more progress per period than capability.",
    "zh": "在缩放后的坐标上，安全进展比能力少 {debt}；"
          "要在 {h} 个周期内回到 45° 线，安全每个周期需要比能力多进展 {pace}。",
}
_NO_DEBT: Final = {
    "en": " Overall, safety is not behind capability (safety debt {debt}).",
    "zh": "总体上安全并未落后于能力（安全欠账为 {debt}）。",
}
_NOTES: Final[dict[str, dict[str, str]]] = {
    "outside_range": {
        "en": "Some {axis} values lie outside the range you set, so their normalised values fall outside "
              "0–1.",
        "zh": "部分{axis}数值超出了你设定的范围，归一化后会落在 0–1 之外。",
    },
    "falls": {
        "en": "Capability fell in {c} and safety fell in {s} of {n} periods; falls are part of the path "
              "shown.",
        "zh": "在 {n} 个周期中，能力有 {c} 个周期下降，安全有 {s} 个周期下降；这些下降都如实计入路径。",
    },
    "trend_differs": {
        "en": "The least-squares trend ({trend}) reads differently from the first-to-last angle ({verdict}): "
              "the endpoints alone can mislead when the path swings.",
        "zh": "最小二乘趋势（{trend}）与首尾两点的角度（{verdict}）结论不同："
              "路径有波动时，只看首尾两点可能产生误导。",
    },
}
_SCALE_NAMES_ZH: Final = {"index": "定基指数", "log": "对数"}
_AXIS_NAMES: Final = {"capability": {"en": "capability", "zh": "能力"},
                      "safety": {"en": "safety", "zh": "安全"}}


@dataclass(frozen=True)
class Run(Result):
    """A run of consecutive periods outside the band on one side.

    ``start`` and ``end`` are point indices (0-based): the run covers the periods from point ``start`` to
    point ``end``, so ``length == end - start``. With no such run: length 0 and the other fields None.

    >>> balance([0, 1, 2, 3], [0, 0, 0, 3], scale="raw").longest_deviation.to_dict()["end"]
    2
    """

    length: int
    start: int | None
    end: int | None
    direction: str | None
    start_label: str | None
    end_label: str | None


@dataclass(frozen=True)
class PlaneResult(Result):
    """The angle of progress on the capability–safety plane and what it means.

    Angles are degrees in (−180, 180], or None where neither axis moved; indices are 0-based point indices;
    every distance is in units of the chosen scale.

    * ``angle_deg``, ``verdict``, ``verdict_label``, ``deviation_deg`` (angle − 45): the whole path, first
      point to last; ``capability_change`` and ``safety_change`` are its ΔC′ and ΔS′.
    * ``capability_scaled``, ``safety_scaled``: the points as plotted; ``labels``: one per point.
    * ``segment_angles_deg``, ``segment_verdicts``: one per period (n − 1 of them).
    * ``rolling_angles_deg``, ``rolling_verdicts``: one per window of ``window`` periods (n − window).
    * ``trend_angle_deg``, ``trend_verdict``: least-squares slopes of C′ and S′ against the period number.
    * ``longest_deviation``, ``sustained``: the longest same-side run outside the band, and whether it lasts
      at least ``patience`` periods; ``current_deviation``, ``currently_sustained``: the run that includes the
      last period (length 0 if the last period is not outside the band).
    * ``safety_debt`` (one per point), ``catch_up_pace``, ``recent_capability_pace``, ``recent_safety_pace``,
      ``required_safety_pace``: see the module description.
    * ``sentence_en``/``sentence_zh``: the reading in words; ``notes_en``/``notes_zh``: warnings about this
      data (values outside a min–max range, falls, a trend that disagrees with the endpoints).

    >>> list(balance([1, 2], [1, 2]).to_dict())[:4]
    ['angle_deg', 'verdict', 'segment_angles_deg', 'safety_debt']
    """

    angle_deg: float | None
    verdict: str
    segment_angles_deg: tuple[float | None, ...]
    safety_debt: tuple[float, ...]
    verdict_label: dict[str, str]
    deviation_deg: float | None
    sentence_en: str
    sentence_zh: str
    scale: str
    tolerance_deg: float
    labels: tuple[str, ...]
    capability_scaled: tuple[float, ...]
    safety_scaled: tuple[float, ...]
    capability_change: float
    safety_change: float
    segment_verdicts: tuple[str, ...]
    window: int
    rolling_angles_deg: tuple[float | None, ...]
    rolling_verdicts: tuple[str, ...]
    trend_angle_deg: float | None
    trend_verdict: str
    patience: int
    longest_deviation: Run
    sustained: bool
    current_deviation: Run
    currently_sustained: bool
    horizon: int
    catch_up_pace: float
    recent_capability_pace: float
    recent_safety_pace: float
    required_safety_pace: float
    notes_en: tuple[str, ...]
    notes_zh: tuple[str, ...]


def classify(d_capability: float, d_safety: float, /, *, tolerance_deg: float = 5.0,
             eps_capability: float = 0.0, eps_safety: float = 0.0) -> tuple[float | None, str]:
    """Angle (degrees) and verdict of one displacement (ΔC′, ΔS′) on the plane.

    Args:
        d_capability: change along the capability (horizontal) axis.
        d_safety: change along the safety (vertical) axis.
        tolerance_deg: half-width of the balanced band around 45°, in [0, 45).
        eps_capability: a capability change of at most this size counts as none.
        eps_safety: the same for safety.

    Returns:
        ``(angle, verdict)``; the angle is None when neither axis moved (verdict ``no_movement``).

    >>> classify(1, 1)
    (45.0, 'balanced')
    >>> classify(1, -1), classify(-1, 1), classify(-1, -1), classify(0, 0)
    ((-45.0, 'safety_lagging'), (135.0, 'over_constrained'), (-135.0, 'regressing'), (None, 'no_movement'))
    """
    return _classify(d_capability, d_safety, tolerance_deg, eps_capability, eps_safety)


def _classify(dc: float, ds: float, tol: float, eps_c: float, eps_s: float) -> tuple[float | None, str]:
    if abs(dc) <= eps_c and abs(ds) <= eps_s:
        return None, "no_movement"
    # + 0.0 turns −0.0 into 0.0, so a flat safety axis with falling capability reads 180°, not −180°.
    angle = math.degrees(math.atan2(ds + 0.0, dc + 0.0))
    if abs(angle - 45.0) <= tol:
        return angle, "balanced"
    if -90.0 <= angle < 45.0:
        return angle, "safety_lagging"
    if angle > 45.0:
        return angle, "over_constrained"
    return angle, "regressing"


def _differences(values: tuple[float, ...], lag: int) -> list[float]:
    """values[i + lag] − values[i] for every i; one overflow check for the whole list."""
    out = [b - a for a, b in zip(values, values[lag:], strict=False)]
    if not all(map(math.isfinite, out)):
        check_finite(math.inf)
    return out


def _int_option(key: str, value: float) -> int:
    return int(number({key: value}, key, lo=1, integer=True))


def _range(value: Sequence[float] | None, key: str) -> tuple[float, float]:
    if value is None:
        raise AI45Error("required", key, en="the min–max scale needs a range “lo, hi” for each axis",
                        zh="最小–最大归一化需要为每条坐标轴给出范围“下限, 上限”")
    pair = series({key: list(value)}, key)
    if len(pair) != 2:
        raise AI45Error("not_a_range", key, en=f"must be exactly two values “lo, hi”; got {len(pair)}",
                        zh=f"必须恰好是两个数值“下限, 上限”；现有 {len(pair)} 个")
    lo, hi = pair
    if not lo < hi:
        raise AI45Error("inverted_range", key, en=f"lo must be below hi; got {lo:g}, {hi:g}",
                        zh=f"下限必须小于上限；当前为 {lo:g}, {hi:g}")
    return lo, hi


def _scaled(values: tuple[float, ...], key: str, scale: str,
            rng: tuple[float, float] | None) -> tuple[float, ...]:
    if scale in ("index", "log"):
        for i, x in enumerate(values):
            if x <= 0:
                raise AI45Error(
                    "not_positive", key,
                    en=f"value {i + 1}: the {scale} scale needs values above 0 (it compares each value with "
                       f"the first); got {x:g}. Use the raw or min–max scale for zero or negative values",
                    zh=f"第 {i + 1} 个数值：{_SCALE_NAMES_ZH[scale]}尺度要求数值大于 0"
                       f"（每个数值都要与第一个相比）；当前为 {x:g}。零或负数请改用原始数值或最小–最大归一化")
        if scale == "index":
            return tuple(check_finite(x / values[0]) for x in values)
        log0 = math.log(values[0])
        return tuple(math.log(x) - log0 for x in values)
    if scale == "raw":
        return values
    assert rng is not None
    lo, hi = rng
    width = check_finite(hi - lo)
    return tuple(check_finite(check_finite(x - lo) / width) for x in values)


def _negligible(values: tuple[float, ...], scale: str) -> float:
    size = max(map(abs, values))
    return NEGLIGIBLE * (size if scale == "raw" else max(1.0, size))


def _slope(values: tuple[float, ...]) -> float:
    """Least-squares slope against the period number 0, 1, …, computed on values divided by their size."""
    size = max(map(abs, values))
    if size == 0:
        return 0.0
    mid = (len(values) - 1) / 2
    num = math.fsum([(i - mid) * (v / size) for i, v in enumerate(values)])
    den = len(values) * (len(values) ** 2 - 1) / 12
    return check_finite(num / den * size)


def _runs(verdicts: tuple[str, ...], names: tuple[str, ...]) -> tuple[Run, Run]:
    """(longest run, run still going at the last period); ties go to the most recent run."""
    best = (0, 0)  # (start, end) of the longest run, in point indices
    start, end = 0, 0  # the run being followed; start == end when there is none
    for j, v in enumerate(verdicts):
        if v not in _SIDE:
            start = end = j + 1
            continue
        if j == 0 or verdicts[j - 1] != v:
            start = j
        end = j + 1
        if end - start >= best[1] - best[0]:
            best = (start, end)

    def run(a: int, b: int) -> Run:
        if a == b:
            return Run(0, None, None, None, None, None)
        return Run(b - a, a, b, verdicts[a], names[a], names[b])

    current = run(start, end) if end == len(verdicts) else run(0, 0)
    return run(*best), current


def _fmt(x: float) -> str:
    return f"{x:.3g}"


def _sentence(lang: str, *, verdict: str, angle: float | None, tol: float, scale: str, names: tuple[str, ...],
              longest: Run, patience: int, debt: float, pace: float, horizon: int) -> str:
    text = _OPENING[lang].format(first=names[0], last=names[-1], scale=SCALE_LABELS[scale][lang])
    text += _VERDICT_SENTENCES[verdict][lang].format(angle=f"{angle:.1f}" if angle is not None else "",
                                                      tol=f"{tol:g}")
    if longest.direction is None:
        text += _NO_RUN[lang]
    else:
        text += _RUN[lang].format(
            n=longest.length, periods="period" if longest.length == 1 else "periods",
            side=_SIDE[longest.direction][lang], a=longest.start_label, b=longest.end_label, p=patience,
            p_periods="period" if patience == 1 else "periods",
            verdict=_RUN_VERDICT[longest.length >= patience][lang])
    if debt > 0:
        text += _DEBT[lang].format(debt=_fmt(debt), h=horizon, pace=_fmt(pace),
                                   periods="period" if horizon == 1 else "periods")
    else:
        text += _NO_DEBT[lang].format(debt=_fmt(debt))
    return text


def balance(capability: Sequence[float], safety: Sequence[float], /, *, labels: Sequence[str] | None = None,
            scale: str = "index", capability_range: Sequence[float] | None = None,
            safety_range: Sequence[float] | None = None, tolerance_deg: float = 5.0, patience: int = 3,
            window: int = 3, horizon: int = 3) -> PlaneResult:
    """Angle of progress on the capability–safety plane, its verdict, sustained deviations and safety debt.

    >>> r = balance([100, 150, 230], [50, 60, 66], labels=["2022", "2023", "2024"], scale="index")
    >>> round(r.angle_deg, 1), r.verdict, [round(d, 2) for d in r.safety_debt]
    (13.8, 'safety_lagging', [0.0, 0.3, 0.98])
    >>> balance([1, 2], [1, 3], scale="raw").verdict
    'over_constrained'

    Args:
        capability: capability values, one per period (2–1000 values).
        safety: safety values, as many as ``capability``.
        labels: one label per point (default "1", "2", …).
        scale: ``index`` (default), ``log``, ``raw`` or ``minmax``; index and log need values above 0.
        capability_range: ``(lo, hi)`` with lo < hi, required by ``minmax`` (ignored otherwise).
        safety_range: the same for safety.
        tolerance_deg: half-width of the balanced band around 45°, in [0, 45).
        patience: how many consecutive periods count as long-term (whole number ≥ 1).
        window: periods per rolling angle (whole number ≥ 1; cut to the number of periods).
        horizon: periods allowed for catching up (whole number ≥ 1).

    Returns:
        A :class:`PlaneResult`.

    Raises:
        AI45Error: ``length_mismatch``, ``not_positive``, ``not_a_range``, ``inverted_range``, ``overflow`` or
        a reader's code (``too_short``, ``out_of_range``, …).
    """
    cap = series({"capability": list(capability)}, "capability")
    saf = series({"safety": list(safety)}, "safety")
    _same_length(cap, saf)
    names = read_labels({"labels": None if labels is None else list(labels)}, "labels", len(cap))
    scale = choice({"scale": scale}, "scale", SCALES)
    return _balance(cap, saf, names, scale, capability_range, safety_range,
                    number({"tolerance_deg": tolerance_deg}, "tolerance_deg", lo=0, hi=45, hi_open=True),
                    _int_option("patience", patience), _int_option("window", window),
                    _int_option("horizon", horizon))


def _balance(cap: tuple[float, ...], saf: tuple[float, ...], names: tuple[str, ...], scale: str,
             capability_range: Sequence[float] | None, safety_range: Sequence[float] | None, tol: float,
             patience: int, window: int, horizon: int) -> PlaneResult:
    """:func:`balance` on inputs already read and checked one by one; checks across fields here."""
    n = len(cap)
    window = min(window, n - 1)
    notes: list[tuple[str, dict[str, object]]] = []
    ranges: dict[str, tuple[float, float] | None] = {"capability": None, "safety": None}
    if scale == "minmax":
        ranges = {"capability": _range(capability_range, "capability_range"),
                  "safety": _range(safety_range, "safety_range")}
        for axis, values in (("capability", cap), ("safety", saf)):
            lo, hi = ranges[axis] or (0.0, 0.0)
            if any(not lo <= x <= hi for x in values):
                notes.append(("outside_range", {"axis": _AXIS_NAMES[axis]}))
    c = _scaled(cap, "capability", scale, ranges["capability"])
    s = _scaled(saf, "safety", scale, ranges["safety"])
    ec, es = _negligible(c, scale), _negligible(s, scale)
    dc, ds = check_finite(c[-1] - c[0]), check_finite(s[-1] - s[0])
    angle, verdict = _classify(dc, ds, tol, ec, es)
    segments = [_classify(x, y, tol, ec, es)
                for x, y in zip(_differences(c, 1), _differences(s, 1), strict=True)]
    rolling = [_classify(x, y, tol, ec, es)
               for x, y in zip(_differences(c, window), _differences(s, window), strict=True)]
    trend_angle, trend_verdict = _classify(_slope(c), _slope(s), tol, ec, es)
    c0, s0 = c[0], s[0]
    debt = tuple((x - c0) - (y - s0) for x, y in zip(c, s, strict=True))
    if not all(map(math.isfinite, debt)):
        check_finite(math.inf)
    pace = max(0.0, debt[-1]) / horizon
    cap_pace = check_finite(c[-1] - c[-1 - window]) / window
    saf_pace = check_finite(s[-1] - s[-1 - window]) / window

    seg_verdicts = tuple(v for _, v in segments)
    longest, current = _runs(seg_verdicts, names)
    falls_c = sum(c[i + 1] < c[i] for i in range(n - 1))
    falls_s = sum(s[i + 1] < s[i] for i in range(n - 1))
    if falls_c or falls_s:
        notes.append(("falls", {"c": falls_c, "s": falls_s, "n": n - 1}))
    if trend_verdict != verdict:
        notes.append(("trend_differs",
                      {"trend": VERDICT_LABELS[trend_verdict], "verdict": VERDICT_LABELS[verdict]}))

    def note_text(lang: str) -> tuple[str, ...]:
        out = []
        for key, values in notes:
            filled = {k: (v[lang] if isinstance(v, dict) else v) for k, v in values.items()}
            out.append(_NOTES[key][lang].format(**filled))
        return tuple(out)

    sentence = {lang: _sentence(lang, verdict=verdict, angle=angle, tol=tol, scale=scale, names=names,
                                longest=longest, patience=patience, debt=debt[-1], pace=pace, horizon=horizon)
                for lang in ("en", "zh")}
    return PlaneResult(
        angle_deg=angle,
        verdict=verdict,
        segment_angles_deg=tuple(a for a, _ in segments),
        safety_debt=debt,
        verdict_label=dict(VERDICT_LABELS[verdict]),
        deviation_deg=None if angle is None else angle - 45.0,
        sentence_en=sentence["en"],
        sentence_zh=sentence["zh"],
        scale=scale,
        tolerance_deg=tol,
        labels=names,
        capability_scaled=c,
        safety_scaled=s,
        capability_change=dc,
        safety_change=ds,
        segment_verdicts=seg_verdicts,
        window=window,
        rolling_angles_deg=tuple(a for a, _ in rolling),
        rolling_verdicts=tuple(v for _, v in rolling),
        trend_angle_deg=trend_angle,
        trend_verdict=trend_verdict,
        patience=patience,
        longest_deviation=longest,
        sustained=longest.length >= patience,
        current_deviation=current,
        currently_sustained=current.length >= patience,
        horizon=horizon,
        catch_up_pace=pace,
        recent_capability_pace=cap_pace,
        recent_safety_pace=saf_pace,
        required_safety_pace=check_finite(cap_pace + pace),
        notes_en=note_text("en"),
        notes_zh=note_text("zh"),
    )


def _same_length(cap: tuple[float, ...], saf: tuple[float, ...]) -> None:
    if len(cap) != len(saf):
        raise AI45Error("length_mismatch", "safety",
                        en=f"needs as many values as capability ({len(cap)}); got {len(saf)}",
                        zh=f"数值个数必须与能力序列相同（{len(cap)} 个）；现有 {len(saf)} 个")


def from_params(params: Mapping[str, object]) -> PlaneResult:
    """Run :func:`balance` on JSON-style parameters (numbers or the strings a form sends).

    >>> from_params({"capability": "10, 20, 40", "safety": "5, 10, 20", "scale": "raw"}).verdict
    'safety_lagging'
    """
    reject_unknown(params, PARAMS)
    cap = series(params, "capability")
    saf = series(params, "safety")
    _same_length(cap, saf)
    names = read_labels(params, "labels", len(cap))
    scale = choice(params, "scale", SCALES, "index")
    ranges: dict[str, tuple[float, ...] | None] = {"capability_range": None, "safety_range": None}
    if scale == "minmax":  # the ranges are read only where they are used: a form may send them empty
        ranges = {key: series(params, key) for key in ranges}
    return _balance(
        cap, saf, names, scale, ranges["capability_range"], ranges["safety_range"],
        number(params, "tolerance_deg", 5.0, lo=0, hi=45, hi_open=True),
        int(number(params, "patience", 3, lo=1, integer=True)),
        int(number(params, "window", 3, lo=1, integer=True)),
        int(number(params, "horizon", 3, lo=1, integer=True)),
    )
