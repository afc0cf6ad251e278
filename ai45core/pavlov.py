"""Pavlov's dog (巴甫洛夫的狗): why a correlation-only learner goes wrong when the world is intervened on.

The speech uses Pavlov's dog to show the limit of the first stage of the causal ladder: a dog that has learnt
only that the bell and food go together salivates at any bell. This module works the example in closed form
with two yes/no variables, food F and bell B, on Pearl's first two rungs.

**Training** (how the data were made): food comes with probability P(F) = π; the bell is rung before food with
P(B | F) = a and without food with P(B | ¬F) = b. A learner that only sees correlations learns, by Bayes,

    P(B)      = π·a + (1 − π)·b
    P(F | B)  = π·a / P(B)                  P(F | ¬B) = π·(1 − a) / (1 − P(B))

**Deployment** (the world is intervened on): someone rings the bell at will with probability r, independent
of food, and food still comes with probability π. Because the bell does not cause food,

    P(F | do(B)) = P(F) = π.

Two policies are compared. The *correlation-only* policy salivates exactly when its belief
P(F | what it hears) is above 1/2 (a tie means no salivation). The *causal* policy uses P(F | do(B)) = π: it
ignores the bell and salivates exactly when π > 1/2. An **error** is salivating when no food comes (a false
alarm) or not salivating when food comes (a miss); the error rate is the probability of either on one trial:

    error = Σ over cells (f, b) of P(f, b) · [policy's action at b is wrong for f]

with P(f, b) the training joint (π·a, π·(1 − a), (1 − π)·b, (1 − π)·(1 − b)) or the deployment joint
(π·r, π·(1 − r), (1 − π)·r, (1 − π)·(1 − r)). In deployment the causal policy's error is min(π, 1 − π) (π at a
tie) and no policy can do better, because the bell carries no information about food; in training the
correlation policy is the best possible. The arithmetic is exact on the decimals as typed (0.1 is one tenth).

If the bell never rings in training (P(B) = 0), P(F | B) is undefined and the module raises
``bell_never_rings``; if it always rings (P(B) = 1), P(F | ¬B) is undefined and it raises
``bell_always_rings`` — a learner cannot relate food to a bell that never changes.

An optional seeded simulation (``simulate`` = n trials, ``seed``) draws n training and n deployment trials
with ``random.Random(seed)`` and reports the observed frequencies, which agree with the closed form within
sampling error (standard error √(p(1 − p)/n)).

ASSUMPTIONS, in plain words: two yes/no variables only; the probabilities are the reader's, not measured in
any experiment; both kinds of error cost the same; a toy model of why correlation misleads, not a model of
any AI system.

>>> r = pavlov()
>>> round(r.p_food_given_bell, 12), r.p_food_do_bell
(0.9, 0.5)
>>> round(r.correlation.train_error, 12), r.correlation.deploy_error, r.causal.deploy_error
(0.1, 0.5, 0.5)
"""

from __future__ import annotations

import math
import random
from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Final

from ._check import Result, number, reject_unknown
from .errors import AI45Error

__all__ = [
    "ASSUMPTIONS",
    "ERROR_DEFINITION",
    "MAX_SEED",
    "MAX_TRIALS",
    "PavlovResult",
    "PavlovSimulation",
    "PolicyOutcome",
    "from_params",
    "pavlov",
]

# The Chinese Methods page (widgets/hook.py) shows this text instead of the module docstring: the same
# documentation in Chinese, followed there by the docstring's own examples. A line that ends in a backslash
# continues its paragraph, because a line break inside Chinese text shows as a space between characters.
METHODS_ZH: Final = """\
巴甫洛夫的狗：只看相关性的学习者，为什么在世界受到干预时会出错。

演讲用巴甫洛夫的狗说明因果之梯第一阶段的局限：一只只学会“铃声和食物总是一起出现”的狗，听到任何铃声都会流口水。\
本模块用食物 F 和铃声 B 两个“是/否”变量，在珀尔阶梯的前两级上把这个例子精确地算出来（闭式解）。

**训练**（数据是怎样产生的）：食物到来的概率为 P(F) = π；有食物时铃声先响的概率为 P(B | F) = a，\
没有食物时为 P(B | ¬F) = b。只看相关性的学习者按贝叶斯公式学到：

    P(B)      = π·a + (1 − π)·b
    P(F | B)  = π·a / P(B)                  P(F | ¬B) = π·(1 − a) / (1 − P(B))

**部署**（世界受到干预）：有人以概率 r 随意摇铃，与有没有食物无关；食物仍以概率 π 到来。由于铃声并不导致食物，

    P(F | do(B)) = P(F) = π.

比较两种策略。*只看相关性*的策略恰在它的判断 P(F | 听到的情况) 大于 1/2 时流口水（恰好等于 1/2 时不流）。\
*懂因果*的策略使用 P(F | do(B)) = π：它不理会铃声，恰在 π > 1/2 时流口水。**出错**指没有食物却流口水（虚惊），\
或者有食物却没流口水（错过）；出错率是单次试验中发生其中任一种的概率：

    出错率 = Σ（对所有格子 (f, b)）P(f, b) · [策略在 b 下的行动对 f 而言是错的]

其中 P(f, b) 是训练时的联合分布 (π·a, π·(1 − a), (1 − π)·b, (1 − π)·(1 − b))，\
或部署时的联合分布 (π·r, π·(1 − r), (1 − π)·r, (1 − π)·(1 − r))。部署时，\
懂因果的策略出错率为 min(π, 1 − π)（两者相等时为 π），没有哪种策略能做得更好，因为铃声不带有任何关于食物的信息；\
而在训练时，只看相关性的策略就是最好的策略。所有运算都按输入的十进制数精确进行（0.1 就是十分之一）。

如果训练时铃声从不响（P(B) = 0），P(F | B) 没有定义，模块报错 ``bell_never_rings``；如果铃声每次都响（P(B) = 1），\
P(F | ¬B) 没有定义，模块报错 ``bell_always_rings``——铃声从不变化，学习者就无法把它与食物联系起来。

可选的带种子模拟（``simulate`` = n 次试验，``seed``）用 ``random.Random(seed)`` 抽取 n 次训练试验和 n 次部署试验，\
报告观测到的频率；它们与闭式解的差别在抽样误差（标准误 √(p(1 − p)/n)）范围之内。

前提假设：只有两个“是/否”变量；各项概率由读者给出，并非从任何实验中测得；两种错误代价相同；\
这是说明相关性为何会误导人的玩具模型，不是任何 AI 系统的模型。
"""

MAX_TRIALS: Final = 20_000
"""Largest simulation accepted (n training plus n deployment trials): enough for the simulated frequencies to
settle within about ±1 % of the closed form, and small enough that a live update stays well under 10 ms."""

MAX_SEED: Final = 2**53 - 1
"""Largest seed accepted: every integer up to it survives a JSON number exactly."""

ERROR_DEFINITION: Final[dict[str, str]] = {
    "en": "An error is salivating when no food comes (a false alarm) or not salivating when food comes "
          "(a miss); the error rate is the share of trials with either.",
    "zh": "出错是指没有食物却分泌唾液（误报），或有食物却没有分泌唾液（漏报）；出错率是出现这两种情况的"
          "试次所占的比例。",
}

ASSUMPTIONS: Final[dict[str, tuple[str, ...]]] = {
    "en": (
        "Two yes/no variables only, food and the bell; the probabilities are yours, not measured data.",
        "In training the bell rings because food is coming; in deployment it is rung at random.",
        "The correlation-only learner salivates when its belief that food is coming exceeds 50%.",
        "A false alarm and a miss count as one error each; neither is worse than the other.",
        "A toy model of why correlation can mislead, not a model of any AI system.",
    ),
    "zh": (
        "只有食物和铃声两个“有/无”变量；概率由你设定，并非来自任何实验测量。",
        "训练时铃声是因为食物要来才响；部署时铃声被随意摇响，与有没有食物无关。",
        "只看相关性的学习者在认为食物到来的概率超过 50% 时分泌唾液。",
        "误报和漏报各算一次出错，两者代价相同。",
        "这是说明相关性为何会误导人的简化模型，不是任何 AI 系统的模型。",
    ),
}

_POLICY: Final[dict[tuple[bool, bool], dict[str, str]]] = {
    (True, False): {"en": "salivates when the bell rings", "zh": "听到铃声就流口水"},
    (False, True): {"en": "salivates when the bell is silent", "zh": "铃声不响时才流口水"},
    (True, True): {"en": "always salivates", "zh": "总是流口水"},
    (False, False): {"en": "never salivates", "zh": "从不流口水"},
}
_CAUSAL: Final[dict[bool, dict[str, str]]] = {
    True: {"en": "ignores the bell and always salivates", "zh": "不理会铃声、总是流口水"},
    False: {"en": "ignores the bell and never salivates", "zh": "不理会铃声、从不流口水"},
}
_SENTENCE: Final[dict[str, str]] = {
    "en": "In training P(food | bell) = {pfb}, so a correlation-only learner {corr}. But ringing the bell "
          "does not bring food: P(food | do(bell)) = P(food) = {pi}. When the bell is rung at random on {r} "
          "of trials, the correlation-only policy errs on {ec} of them ({ect} in training); the causal "
          "policy, which {caus}, errs on {ek}.",
    "zh": "训练时 P(食物 | 铃声) = {pfb}，所以只看相关性的学习者{corr}。但摇铃并不会带来食物："
          "P(食物 | do(铃声)) = P(食物) = {pi}。在 {r} 的试验中随意摇铃时，只看相关性的策略在 {ec} "
          "的试验中出错（训练时为 {ect}）；因果策略{caus}，出错率为 {ek}。",
}


@dataclass(frozen=True)
class PolicyOutcome(Result):
    """What one policy does and how often it errs, in training and in deployment (probabilities)."""

    salivate_on_bell: bool
    salivate_on_silence: bool
    train_false_alarm: float
    train_miss: float
    train_error: float
    deploy_false_alarm: float
    deploy_miss: float
    deploy_error: float


@dataclass(frozen=True)
class PavlovSimulation(Result):
    """Observed counts and frequencies from ``n`` seeded training trials and ``n`` deployment trials.

    ``*_counts`` keys: ``food_bell``, ``food_silence``, ``nofood_bell``, ``nofood_silence``. A frequency whose
    denominator is zero (no bell trials) is reported as 0.0; the counts show when that happened.
    """

    n: int
    seed: int
    train_counts: dict[str, int]
    deploy_counts: dict[str, int]
    train_p_food_given_bell: float
    deploy_p_food_given_bell: float
    train_error_correlation: float
    deploy_error_correlation: float
    deploy_error_causal: float


@dataclass(frozen=True)
class PavlovResult(Result):
    """A correlation-only learner's belief vs the effect of ringing the bell, and both policies' errors."""

    base_rate: float
    p_bell_given_food: float
    p_bell_given_no_food: float
    p_ring: float
    p_bell_train: float
    p_food_given_bell: float
    p_food_given_no_bell: float
    p_food_do_bell: float
    belief_gap: float
    correlation: PolicyOutcome
    causal: PolicyOutcome
    error_correlation: float
    error_causal: float
    sentence_en: str
    sentence_zh: str
    error_definition_en: str
    error_definition_zh: str
    simulation: PavlovSimulation | None


_CELLS: Final = ((True, True), (True, False), (False, True), (False, False))
"""The four (food, bell) cells, in the order the joint probabilities and counts use."""
_CELL_NAMES: Final = ("food_bell", "food_silence", "nofood_bell", "nofood_silence")


def _joint(pi: Fraction, p_bell_food: Fraction, p_bell_no_food: Fraction) -> tuple[Fraction, ...]:
    return (pi * p_bell_food, pi * (1 - p_bell_food),
            (1 - pi) * p_bell_no_food, (1 - pi) * (1 - p_bell_no_food))


def _outcome(on_bell: bool, on_silence: bool, train: tuple[Fraction, ...],
             deploy: tuple[Fraction, ...]) -> PolicyOutcome:
    def errors(joint: tuple[Fraction, ...]) -> tuple[float, float, float]:
        false_alarm = sum((p for (food, bell), p in zip(_CELLS, joint, strict=True)
                           if not food and (on_bell if bell else on_silence)), Fraction(0))
        miss = sum((p for (food, bell), p in zip(_CELLS, joint, strict=True)
                    if food and not (on_bell if bell else on_silence)), Fraction(0))
        return float(false_alarm), float(miss), float(false_alarm + miss)

    return PolicyOutcome(on_bell, on_silence, *errors(train), *errors(deploy))


def _pct(x: float) -> str:
    return f"{round(x * 100, 1):g}%"


def _probability(name: str, x: float) -> Fraction:
    if isinstance(x, bool) or not isinstance(x, int | float) or not math.isfinite(x) or not 0 <= x <= 1:
        shown = repr(x)[:20]
        raise AI45Error("out_of_range", name, en=f"must be a probability in [0, 1]; got {shown}",
                        zh=f"必须是 [0, 1] 范围内的概率；当前为 {shown}")
    return Fraction(repr(float(x)))


def _simulate(n: int, seed: int, train: tuple[Fraction, ...], deploy: tuple[Fraction, ...],
              corr: tuple[bool, bool], causal: bool) -> PavlovSimulation:
    rng = random.Random(seed)

    def draw(joint: tuple[Fraction, ...]) -> list[int]:
        cut = [float(sum(joint[: i + 1], Fraction(0))) for i in range(3)]
        counts = [0, 0, 0, 0]
        uniform = rng.random
        for _ in range(n):
            counts[bisect_right(cut, uniform())] += 1
        return counts

    def wrong(counts: list[int], on_bell: bool, on_silence: bool) -> int:
        return sum(c for (food, bell), c in zip(_CELLS, counts, strict=True)
                   if food != (on_bell if bell else on_silence))

    def freq(num: int, den: int) -> float:
        return num / den if den else 0.0

    tc, dc = draw(train), draw(deploy)
    return PavlovSimulation(
        n=n,
        seed=seed,
        train_counts=dict(zip(_CELL_NAMES, tc, strict=True)),
        deploy_counts=dict(zip(_CELL_NAMES, dc, strict=True)),
        train_p_food_given_bell=freq(tc[0], tc[0] + tc[2]),
        deploy_p_food_given_bell=freq(dc[0], dc[0] + dc[2]),
        train_error_correlation=freq(wrong(tc, *corr), n),
        deploy_error_correlation=freq(wrong(dc, *corr), n),
        deploy_error_causal=freq(wrong(dc, causal, causal), n),
    )


def pavlov(*, base_rate: float = 0.5, p_bell_given_food: float = 0.9, p_bell_given_no_food: float = 0.1,
           p_ring: float = 0.5, simulate: int = 0, seed: int = 0) -> PavlovResult:
    """Compare a correlation-only learner's belief, P(F | B), with what ringing the bell does, P(F | do(B)).

    >>> r = pavlov(base_rate=0.3)
    >>> round(r.p_food_given_bell, 4), r.p_food_do_bell
    (0.7941, 0.3)
    >>> round(r.error_correlation, 12), round(r.error_causal, 12)
    (0.5, 0.3)

    Args:
        base_rate: P(F), probability that food comes on a trial, in training and deployment.
        p_bell_given_food: P(B | F) in training.
        p_bell_given_no_food: P(B | ¬F) in training.
        p_ring: probability that the bell is rung at deployment, independent of food.
        simulate: number of simulated trials per phase (0 = no simulation; at most ``MAX_TRIALS``).
        seed: seed for ``random.Random`` (0 … ``MAX_SEED``).

    Returns:
        PavlovResult: the two probabilities, both policies' false alarms, misses and error rates in training
        and deployment, a sentence in English and Chinese, and the simulation (or ``None``).

    Raises:
        AI45Error: ``out_of_range`` for a probability outside [0, 1] or a bad ``simulate``/``seed``;
        ``bell_never_rings`` / ``bell_always_rings`` when P(B) is 0 or 1 in training.
    """
    pi = _probability("base_rate", base_rate)
    a = _probability("p_bell_given_food", p_bell_given_food)
    b = _probability("p_bell_given_no_food", p_bell_given_no_food)
    r = _probability("p_ring", p_ring)
    for name, value, top in (("simulate", simulate, MAX_TRIALS), ("seed", seed, MAX_SEED)):
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= top:
            raise AI45Error("out_of_range", name, en=f"must be a whole number from 0 to {top}",
                            zh=f"必须是 0 到 {top} 之间的整数")
    p_bell = pi * a + (1 - pi) * b
    if p_bell == 0:
        raise AI45Error("bell_never_rings", "", en="in training the bell never rings (P(bell) = 0), so "
                        "P(food | bell) is undefined; make P(food) × P(bell | food) or "
                        "(1 − P(food)) × P(bell | no food) greater than 0",
                        zh="训练时铃声从不响起（P(铃声) = 0），P(食物 | 铃声) 无从定义；请让 P(食物) × "
                        "P(铃声 | 有食物) 或 (1 − P(食物)) × P(铃声 | 无食物) 大于 0")
    if p_bell == 1:
        raise AI45Error("bell_always_rings", "", en="in training the bell always rings (P(bell) = 1), so "
                        "P(food | no bell) is undefined; let p_bell_given_food or p_bell_given_no_food be "
                        "below 1",
                        zh="训练时铃声每次都响（P(铃声) = 1），P(食物 | 无铃声) 无从定义；"
                        "请让 p_bell_given_food 或 p_bell_given_no_food 小于 1")
    train = _joint(pi, a, b)
    deploy = _joint(pi, r, r)
    p_food_bell = train[0] / p_bell
    p_food_silence = train[1] / (1 - p_bell)
    # Strict "> 1/2": at a tie the learner does not salivate.
    corr = (p_food_bell > Fraction(1, 2), p_food_silence > Fraction(1, 2))
    causal = pi > Fraction(1, 2)
    correlation = _outcome(*corr, train, deploy)
    causal_outcome = _outcome(causal, causal, train, deploy)
    values = {"pfb": _pct(float(p_food_bell)), "pi": _pct(float(pi)), "r": _pct(float(r)),
              "ec": _pct(correlation.deploy_error), "ect": _pct(correlation.train_error),
              "ek": _pct(causal_outcome.deploy_error)}
    sentence = {lang: _SENTENCE[lang].format(corr=_POLICY[corr][lang], caus=_CAUSAL[causal][lang], **values)
                for lang in ("en", "zh")}
    return PavlovResult(
        base_rate=float(pi),
        p_bell_given_food=float(a),
        p_bell_given_no_food=float(b),
        p_ring=float(r),
        p_bell_train=float(p_bell),
        p_food_given_bell=float(p_food_bell),
        p_food_given_no_bell=float(p_food_silence),
        p_food_do_bell=float(pi),
        belief_gap=float(p_food_bell - pi),
        correlation=correlation,
        causal=causal_outcome,
        error_correlation=correlation.deploy_error,
        error_causal=causal_outcome.deploy_error,
        sentence_en=sentence["en"],
        sentence_zh=sentence["zh"],
        error_definition_en=ERROR_DEFINITION["en"],
        error_definition_zh=ERROR_DEFINITION["zh"],
        simulation=_simulate(simulate, seed, train, deploy, corr, causal) if simulate else None,
    )


def from_params(params: Mapping[str, object]) -> PavlovResult:
    """Read the four probabilities, ``simulate`` and ``seed`` from JSON-style parameters; run :func:`pavlov`.

    >>> from_params({"base_rate": "0.5", "simulate": "1000", "seed": "7"}).simulation.n
    1000
    """
    reject_unknown(params, ("base_rate", "p_bell_given_food", "p_bell_given_no_food", "p_ring", "simulate",
                            "seed"))
    probs = {key: number(params, key, default, lo=0, hi=1) for key, default in
             (("base_rate", 0.5), ("p_bell_given_food", 0.9), ("p_bell_given_no_food", 0.1), ("p_ring", 0.5))}
    simulate = int(number(params, "simulate", 0, lo=0, hi=MAX_TRIALS, integer=True))
    seed = int(number(params, "seed", 0, lo=0, hi=MAX_SEED, integer=True))
    return pavlov(base_rate=probs["base_rate"], p_bell_given_food=probs["p_bell_given_food"],
                  p_bell_given_no_food=probs["p_bell_given_no_food"], p_ring=probs["p_ring"],
                  simulate=simulate, seed=seed)
