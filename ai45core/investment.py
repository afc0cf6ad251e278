"""The resource split behind the imbalance: how a share of resources given to safety becomes an angle.

The speech traces the lopsided path on the capability–safety plane to unequal investment: how systematic the
research is, talent density, commercial drive and compute. This module is a deliberately simple model of that
claim. A fraction s of the resources goes to safety and 1 − s to capability, and each side turns its
resources into progress with the same diminishing-returns curve f:

* capability progress P_c = f(1 − s), safety progress P_s = e · f(s), angle θ = atan2(P_s, P_c) in degrees;
* ``power`` returns (default): f(x) = x^α with 0 < α ≤ 1 (α = 0.5 by default: four times the resources buy
  twice the progress; α = 1 is proportional);
* ``log`` returns: f(x) = ln(1 + k·x), with k = ``scale_k`` (default 1): returns fall off faster as x grows;
* e (``efficiency``, default 1) is how much safety progress one unit of resources buys relative to capability.

A share of 0 gives 0° and a share of 1 gives 90°. The balanced share s∗ gives 45°, i.e. e · f(s∗) = f(1 − s∗).
For power returns it has the closed form s∗ = 1/(1 + e^(1/α)); for log returns f is increasing, so
e · f(s) − f(1 − s) rises from below 0 to above 0 and bisection (on the log-odds ln(s/(1 − s)), which keeps
shares near 0 and near 1 equally precise) finds the one root.

Several dimensions (``shares``: one safety share per dimension, e.g. talent, commercial drive, compute; at
most 20, with optional ``weights`` and ``dimensions`` labels): each side's progress is the weighted geometric
mean of its per-dimension progress, P = Π f(xⱼ)^(wⱼ/Σw). The dimensions complement each other: a side that
gets nothing in one dimension makes no progress at all. Each dimension also gets its own angle and its
*balancing share*: the share that dimension alone would need, the others unchanged, for the combined path to
reach 45° (None when no share can do it, because another dimension gives one side nothing). Give either
``safety_share`` (one share) or ``shares`` (several), not both.

ASSUMPTIONS: a toy model, not a measurement. Nobody has measured the efficiency factor or the shape of the
returns. The "99% of compute to pre-training, under 1% to alignment or safety" figure appears in one report of
the speech with no methodology; :data:`CLAIMED_COMPUTE_SAFETY_SHARE` carries it with that label, as an upper
bound from a claim, never as data. A compute share says nothing about how safe any particular model is, and
pre-training and alignment are not the only uses of compute.

>>> r = split(0.01)
>>> round(r.angle_deg, 2), r.balanced_safety_share, r.verdict
(5.74, 0.5, 'safety_lagging')
>>> round(split(0.3, efficiency=4).balanced_safety_share, 4)
0.0588
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
    "CLAIMED_COMPUTE_SAFETY_SHARE",
    "CLAIMED_COMPUTE_SAFETY_SHARE_LABEL",
    "MAX_DIMENSIONS",
    "PARAMS",
    "RETURNS",
    "RETURNS_LABELS",
    "SPEECH_DIMENSIONS",
    "Dimension",
    "InvestmentResult",
    "angle_curve",
    "from_params",
    "split",
]

# The Chinese Methods page (widgets/hook.py) shows this text instead of the module docstring: the same
# documentation in Chinese, followed there by the docstring's own examples. A line that ends in a backslash
# continues its paragraph, because a line break inside Chinese text shows as a space between characters.
METHODS_ZH: Final = """\
失衡背后的资源分配：投入安全的资源占比如何变成一个角度。

演讲把能力–安全坐标平面上那条一边倒的路径归因于投入不均：研究是否体系化、人才密集度、商业驱动力和算力投入。\
本模块是对这一说法刻意简化的模型。资源中比例 s 投入安全，1 − s 投入能力；\
两边用同一条收益递减的曲线 f 把资源转化为进展：

* 能力进展 P_c = f(1 − s)，安全进展 P_s = e · f(s)，角度 θ = atan2(P_s, P_c)（单位为度）；
* ``power``（幂函数回报，默认）：f(x) = x^α，0 < α ≤ 1（默认 α = 0.5：资源翻两番，进展翻一番；α = 1 即成正比）；
* ``log``（对数回报）：f(x) = ln(1 + k·x)，k = ``scale_k``（默认 1）：x 越大，回报下降得越快；
* e（``efficiency``，默认 1）是同样一份资源带来的安全进展相对能力进展的倍数。

占比为 0 时角度为 0°，占比为 1 时为 90°。平衡占比 s∗ 使角度恰为 45°，即 e · f(s∗) = f(1 − s∗)。\
幂函数回报有闭式解 s∗ = 1/(1 + e^(1/α))；对数回报下 f 单调递增，e · f(s) − f(1 − s) 从负值升到正值，\
于是用二分法求出唯一的根（在对数几率 ln(s/(1 − s)) 上二分，使接近 0 和接近 1 的占比同样精确）。

多个维度（``shares``：每个维度一个安全占比，例如人才、商业驱动、算力；最多 20 个，\
可另给权重 ``weights`` 和名称 ``dimensions``）：每一边的进展是各维度进展的加权几何平均，P = Π f(xⱼ)^(wⱼ/Σw)。\
各维度相互补充：哪一边在任何一个维度上一无所得，它的总进展就是零。每个维度还各有自己的角度和*平衡占比*：\
其他维度不变、只调整这一维度时，使整条路径达到 45° 所需的占比（如果另一维度让某一边一无所得，任何占比都做不到，\
此时为 None）。``safety_share``（单一占比）和 ``shares``（多个占比）只能给其中一个。

前提假设：这是一个玩具模型，不是测量。效率系数和回报曲线的形状都没有人测量过。“99% 的算力用于预训练、\
不到 1% 用于对齐或安全”这一数字只见于一篇演讲报道，没有说明方法；:data:`CLAIMED_COMPUTE_SAFETY_SHARE` 带着这一标注\
收录它，只作为来自一种说法的上限，绝不当作数据。算力占比说明不了任何具体模型有多安全，\
而且算力也不只用于预训练和对齐。
"""

PARAMS: Final = ("safety_share", "shares", "weights", "dimensions", "returns", "alpha", "efficiency",
                 "scale_k", "tolerance_deg")
"""Parameter names accepted by :func:`from_params`."""

RETURNS: Final = ("power", "log")

RETURNS_LABELS: Final[dict[str, dict[str, str]]] = {
    "power": {"en": "power returns x^α", "zh": "幂函数回报 x^α"},
    "log": {"en": "logarithmic returns ln(1 + kx)", "zh": "对数回报 ln(1 + kx)"},
}

CLAIMED_COMPUTE_SAFETY_SHARE: Final = 0.01
"""“Under 1%” of the world's compute for alignment or safety: a claim in one speech report, no method."""

CLAIMED_COMPUTE_SAFETY_SHARE_LABEL: Final[dict[str, str]] = {
    "en": "“Under 1%” of compute for alignment or safety-first work, as claimed in one report of the speech; "
          "no methodology given. An upper bound from a claim, not a measurement.",
    "zh": "“不到 1%”的算力用于对齐或安全优先的考量：仅见于一篇演讲报道中的说法，未给出任何方法。"
          "这是说法中的上限，并非测量数据。",
}

SPEECH_DIMENSIONS: Final[tuple[dict[str, str], ...]] = (
    {"key": "research", "en": "how systematic the research is", "zh": "研究是否体系化"},
    {"key": "talent", "en": "talent density", "zh": "人才密集度"},
    {"key": "commercial", "en": "commercial drive", "zh": "商业驱动力"},
    {"key": "compute", "en": "compute invested", "zh": "算力的投入度"},
)
"""The dimensions of investment the speech compares; it gives no figures for them (compute aside)."""

ASSUMPTIONS: Final[dict[str, tuple[str, ...]]] = {
    "en": (
        "A toy model: both sides turn resources into progress with the same diminishing-returns curve, and "
        "the efficiency factor is your assumption; nobody has measured it.",
        "The “99% to pre-training, under 1% to safety” figure is a claim from one report of the speech, with "
        "no methodology: it is not measured data and describes no particular model.",
        "A compute share is not a measure of how safe a model is, and pre-training and alignment are not the "
        "only uses of compute.",
        "The angle inherits the plane's caveat: it depends on how progress is scaled on each axis.",
    ),
    "zh": (
        "这是一个简化模型：假设能力与安全以同一条收益递减曲线把资源转化为进展，效率系数由你设定，没有人测量过它。",
        "“99% 的算力用于预训练、不到 1% 用于安全”只是一篇演讲报道中的说法，没有给出方法："
        "它不是测量数据，也不描述任何具体模型。",
        "算力占比不能衡量一个模型有多安全，而且算力也不只用于预训练和对齐。",
        "这里的角度同样受坐标平面的限制：它取决于每条坐标轴上的进展如何度量。",
    ),
}

_SENTENCE: Final = {
    "single": {
        "en": "With {share} of the resources on safety ({returns}, {alpha}, efficiency {e}), safety "
              "progresses {ps} for every {pc} of capability: a path at {angle}° ({verdict}). Under these "
              "assumptions a 45° path needs a safety share of {balanced}.",
        "zh": "把 {share} 的资源投入安全（{returns}，{alpha}，效率 {e}）时，"
              "能力每进展 {pc}，安全进展 {ps}：路径角度为 {angle}°（{verdict}）。"
              "在这些假设下，要走 45° 路径，安全投入占比需要达到 {balanced}。",
    },
    "multi": {
        "en": "Combining {m} dimensions (weighted geometric mean; {returns}, {alpha}, efficiency {e}), "
              "safety progresses {ps} for every {pc} of capability: a path at {angle}° ({verdict}). The mix "
              "acts like {equivalent} of every resource on safety; a 45° path needs {balanced} in every "
              "dimension.",
        "zh": "按加权几何平均合并 {m} 个维度（{returns}，{alpha}，效率 {e}），"
              "能力每进展 {pc}，安全进展 {ps}：路径角度为 {angle}°（{verdict}）。"
              "这一组合相当于每种资源都拿出 {equivalent} 投入安全；"
              "要走 45° 路径，每个维度的安全投入占比都需要达到 {balanced}。",
    },
}

_LOGIT_LIMIT: Final = 800.0  # exp(-800) underflows to 0: beyond ±800 a share is exactly 0 or 1 in floats

MAX_DIMENSIONS: Final = 20
"""Most dimensions accepted in multi mode (the speech names four)."""


@dataclass(frozen=True)
class Dimension(Result):
    """One dimension of investment (multi-dimension mode); ``weight`` is normalised to sum to 1.

    >>> split([0.25, 0.5], weights=[1, 3], alpha=1).dimensions[0].weight
    0.25
    """

    name: str
    safety_share: float
    weight: float
    capability_progress: float
    safety_progress: float
    angle_deg: float
    balancing_share: float | None


@dataclass(frozen=True)
class InvestmentResult(Result):
    """The angle a resource split produces, and the split that would give 45°.

    ``equivalent_share`` is the single share that gives the same angle (equal to ``safety_share`` in
    single mode). ``alpha`` is None for log returns and ``scale_k`` None for power returns.

    >>> split(0.5).to_dict()["angle_deg"]
    45.0
    """

    angle_deg: float
    balanced_safety_share: float
    verdict: str
    verdict_label: dict[str, str]
    capability_progress: float
    safety_progress: float
    equivalent_share: float
    mode: str
    safety_share: float | None
    dimensions: tuple[Dimension, ...]
    returns: str
    alpha: float | None
    scale_k: float | None
    efficiency: float
    tolerance_deg: float
    sentence_en: str
    sentence_zh: str


def _ln(x: float) -> float:
    return math.log(x) if x > 0 else -math.inf


def _logistic(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)


class _Curve:
    """f and the inverse problem ln f(s) − ln f(1 − s) = target, for one choice of returns."""

    def __init__(self, returns: str, alpha: float, k: float) -> None:
        self.returns, self.alpha, self.k = returns, alpha, k

    def f(self, x: float) -> float:
        if self.returns == "power":
            return float(x ** self.alpha)
        return math.log1p(self.k * x)

    def log_odds(self, s: float) -> float:
        """ln f(s) − ln f(1 − s): rises from −∞ at s = 0 to +∞ at s = 1."""
        return _ln(self.f(s)) - _ln(self.f(1.0 - s))

    def share_for(self, target: float) -> float:
        """The share s with ln f(s) − ln f(1 − s) = target: closed form for power returns; for log returns,
        bisection on the log-odds u = ln(s/(1 − s)), so that shares near 0 and near 1 are found to the same
        relative precision (51 halvings of [−800, 800] leave an interval under 10⁻¹²)."""
        if self.returns == "power":
            return _logistic(target / self.alpha)
        lo, hi = -_LOGIT_LIMIT, _LOGIT_LIMIT
        while hi - lo > 1e-12:
            mid = (lo + hi) / 2
            value = _ln(self.f(_logistic(mid))) - _ln(self.f(_logistic(-mid)))
            if value == target:
                return _logistic(mid)
            if value < target:
                lo = mid
            else:
                hi = mid
        return _logistic((lo + hi) / 2)


def angle_curve(shares: Sequence[float], /, *, returns: str = "power", alpha: float = 0.5,
                efficiency: float = 1.0, scale_k: float = 1.0) -> tuple[float, ...]:
    """The single-share angle for each of ``shares`` (for drawing the curve; inputs already validated).

    The same model as :func:`split` without its checks, sentences and balanced-share search, so a chart of
    a hundred points costs one call instead of a hundred.

    >>> [round(a, 2) for a in angle_curve([0.0, 0.01, 0.5, 1.0])]
    [0.0, 5.74, 45.0, 90.0]
    """
    curve = _Curve(returns, alpha, scale_k)
    return tuple(math.degrees(math.atan2(efficiency * curve.f(s) + 0.0, curve.f(1.0 - s) + 0.0)) for s in shares)


def _pct(share: float) -> str:
    return f"{share * 100:.3g}%"


def _check_options(efficiency: float, alpha: float, scale_k: float, tolerance_deg: float) -> None:
    number({"efficiency": efficiency}, "efficiency", lo=0, lo_open=True, hi=1e6)
    number({"alpha": alpha}, "alpha", lo=0, lo_open=True, hi=1)
    number({"scale_k": scale_k}, "scale_k", lo=1e-6, hi=1e6)
    number({"tolerance_deg": tolerance_deg}, "tolerance_deg", lo=0, hi=45, hi_open=True)


def split(safety_share: float | Sequence[float], /, *, weights: Sequence[float] | None = None,
          dimensions: Sequence[str] | None = None, returns: str = "power", alpha: float = 0.5,
          efficiency: float = 1.0, scale_k: float = 1.0, tolerance_deg: float = 5.0) -> InvestmentResult:
    """Angle on the capability–safety plane produced by giving a share of resources to safety.

    >>> round(split(0.25, alpha=1).angle_deg, 2)
    18.43
    >>> r = split([0.01, 0.04], dimensions=["talent", "compute"])
    >>> [round(d.balancing_share or 0, 6) for d in r.dimensions]
    [0.96, 0.99]

    Args:
        safety_share: one share in [0, 1], or a sequence of shares, one per dimension (multi mode, at most
            :data:`MAX_DIMENSIONS`).
        weights: multi mode only: a positive weight per dimension (default all equal).
        dimensions: multi mode only: a label per dimension (default "1", "2", …).
        returns: ``power`` (f(x) = x^α, default) or ``log`` (f(x) = ln(1 + k·x)).
        alpha: exponent of power returns, in (0, 1]; default 0.5 (unused by log returns).
        efficiency: safety progress per unit relative to capability, in (0, 10⁶]; default 1.
        scale_k: k of log returns, in [10⁻⁶, 10⁶]; default 1 (unused by power returns).
        tolerance_deg: half-width of the balanced band around 45°, in [0, 45).

    Returns:
        An :class:`InvestmentResult`.

    Raises:
        AI45Error: ``length_mismatch``, ``needs_shares``, ``no_progress`` (multi mode: one dimension gives
        safety nothing and another gives capability nothing) or a reader's code (``out_of_range``, …).
    """
    returns = choice({"returns": returns}, "returns", RETURNS)
    _check_options(efficiency, alpha, scale_k, tolerance_deg)
    curve = _Curve(returns, alpha, scale_k)
    ln_e = math.log(efficiency)
    balanced = curve.share_for(-ln_e)
    multi = not isinstance(safety_share, int | float)
    if multi:
        assert not isinstance(safety_share, int | float)
        shares = series({"shares": list(safety_share)}, "shares", min_len=1, lo=0, hi=1)
        m = len(shares)
        if m > MAX_DIMENSIONS:
            raise AI45Error("too_long", "shares", en=f"at most {MAX_DIMENSIONS} dimensions are accepted",
                            zh=f"最多接受 {MAX_DIMENSIONS} 个维度")
        w = series({"weights": [1.0] * m if weights is None else list(weights)}, "weights", min_len=1, lo=0,
                   lo_open=True)
        if len(w) != m:
            raise AI45Error("length_mismatch", "weights",
                            en=f"needs one weight per share ({m}); got {len(w)}",
                            zh=f"每个占比需要一个权重（共 {m} 个）；现有 {len(w)} 个")
        names = read_labels({"dimensions": None if dimensions is None else list(dimensions)}, "dimensions", m)
    else:
        assert isinstance(safety_share, int | float)
        if weights is not None or dimensions is not None:
            key = "weights" if weights is not None else "dimensions"
            raise _needs_shares(key)
        shares = (number({"safety_share": safety_share}, "safety_share", lo=0, hi=1),)
        w, names, m = (1.0,), ("1",), 1

    top = max(w)
    scaled = [x / top for x in w]
    total = math.fsum(scaled)
    v = [x / total for x in scaled]
    # Per-dimension log-odds of safety over capability progress; ±inf where a side gets nothing.
    odds = [curve.log_odds(s) for s in shares]
    ln_pc = math.fsum(vj * _ln(curve.f(1 - s)) for vj, s in zip(v, shares, strict=True) if vj > 0)
    ln_ps = ln_e + math.fsum(vj * _ln(curve.f(s)) for vj, s in zip(v, shares, strict=True) if vj > 0)
    if ln_pc == -math.inf and ln_ps == -math.inf:
        raise AI45Error(
            "no_progress", "shares",
            en="one dimension gives safety nothing and another gives capability nothing; with complementary "
               "dimensions neither side progresses, so there is no angle",
            zh="有的维度完全没有投入安全，另有维度完全没有投入能力；各维度互补，双方都不会进展，因此没有角度")
    if multi:
        pc, ps = math.exp(ln_pc), check_finite(math.exp(ln_ps))
        top_ln = max(ln_pc, ln_ps)  # the angle from values scaled so the larger is 1: no underflow to 0/0
        angle, verdict = classify(math.exp(ln_pc - top_ln), math.exp(ln_ps - top_ln), tolerance_deg=tolerance_deg)
    else:  # directly, so single-share values are exact
        pc, ps = curve.f(1 - shares[0]), efficiency * curve.f(shares[0])
        angle, verdict = classify(pc, ps, tolerance_deg=tolerance_deg)
    if angle is None:  # unreachable: one side always progresses here
        raise AI45Error("no_progress", "shares", en="neither side progresses, so there is no angle",
                        zh="双方都没有进展，因此没有角度")
    equivalent = curve.share_for(ln_ps - ln_pc - ln_e) if multi else shares[0]

    dims: list[Dimension] = []
    if multi:
        for i, (name, s, vi) in enumerate(zip(names, shares, v, strict=True)):
            rest = [vj * o for j, (vj, o) in enumerate(zip(v, odds, strict=True)) if j != i and vj > 0]
            finite = vi > 0 and all(math.isfinite(x) for x in rest)
            balancing = curve.share_for((-ln_e - math.fsum(rest)) / vi) if finite else None
            pci, psi = curve.f(1 - s), efficiency * curve.f(s)
            dim_angle = math.degrees(math.atan2(psi, pci))
            dims.append(Dimension(name, s, vi, pci, psi, dim_angle, balancing))

    label = VERDICT_LABELS[verdict]
    fill = {"share": _pct(shares[0]), "e": f"{efficiency:g}", "m": m, "ps": f"{ps:.3g}", "pc": f"{pc:.3g}",
            "angle": f"{angle:.1f}", "balanced": _pct(balanced), "equivalent": _pct(equivalent),
            "alpha": f"α = {alpha:g}" if returns == "power" else f"k = {scale_k:g}"}
    mode = "multi" if multi else "single"
    sentences = {lang: _SENTENCE[mode][lang].format(returns=RETURNS_LABELS[returns][lang],
                                                    verdict=label[lang], **fill) for lang in ("en", "zh")}
    return InvestmentResult(
        angle_deg=angle,
        balanced_safety_share=balanced,
        verdict=verdict,
        verdict_label=dict(label),
        capability_progress=pc,
        safety_progress=ps,
        equivalent_share=equivalent,
        mode=mode,
        safety_share=None if multi else shares[0],
        dimensions=tuple(dims),
        returns=returns,
        alpha=alpha if returns == "power" else None,
        scale_k=scale_k if returns == "log" else None,
        efficiency=efficiency,
        tolerance_deg=tolerance_deg,
        sentence_en=sentences["en"],
        sentence_zh=sentences["zh"],
    )


def _needs_shares(key: str) -> AI45Error:
    return AI45Error("needs_shares", key, en="only used with “Several dimensions” (one safety share per dimension)",
                     zh="仅在给出“多个维度”（每个维度一个安全投入占比）时使用")


def _given(params: Mapping[str, object], key: str) -> bool:
    value = params.get(key)
    return not (value is None or value == [] or (isinstance(value, str) and not value.strip()))


def from_params(params: Mapping[str, object]) -> InvestmentResult:
    """Run :func:`split` on JSON-style parameters (numbers or the strings a form sends).

    ``shares`` selects multi mode; giving ``safety_share`` too is an error (``conflicting_params``), and so
    are ``weights`` or ``dimensions`` without ``shares`` (``needs_shares``). ``alpha`` is read only for power
    returns and ``scale_k`` only for log returns, so a form may leave the unused one empty.

    >>> round(from_params({"safety_share": "0.01", "alpha": "0.5"}).angle_deg, 2)
    5.74
    """
    reject_unknown(params, PARAMS)
    returns = choice(params, "returns", RETURNS, "power")
    alpha = number(params, "alpha", 0.5, lo=0, lo_open=True, hi=1) if returns == "power" else 0.5
    scale_k = number(params, "scale_k", 1.0, lo=1e-6, hi=1e6) if returns == "log" else 1.0
    efficiency = number(params, "efficiency", 1.0, lo=0, lo_open=True, hi=1e6)
    tolerance_deg = number(params, "tolerance_deg", 5.0, lo=0, hi=45, hi_open=True)
    if _given(params, "shares"):
        if _given(params, "safety_share"):
            raise AI45Error("conflicting_params", "shares",
                            en="give either “Share of resources for safety” (one share) or “Several dimensions” "
                               "(one per dimension), not both",
                            zh="“投入安全的资源占比”（单一占比）与“多个维度”（每个维度一个占比）只能二选一")
        shares = series(params, "shares", min_len=1, lo=0, hi=1)
        weights = series(params, "weights", [1.0] * len(shares), min_len=1, lo=0, lo_open=True) \
            if _given(params, "weights") else None
        names = read_labels(params, "dimensions", len(shares))
        return split(shares, weights=weights, dimensions=names, returns=returns, alpha=alpha,
                     efficiency=efficiency, scale_k=scale_k, tolerance_deg=tolerance_deg)
    for key in ("weights", "dimensions"):
        if _given(params, key):
            raise _needs_shares(key)
    share = number(params, "safety_share", lo=0, hi=1)
    return split(share, returns=returns, alpha=alpha, efficiency=efficiency, scale_k=scale_k,
                 tolerance_deg=tolerance_deg)
