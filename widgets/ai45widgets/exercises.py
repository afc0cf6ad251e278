"""Exercises that check themselves: a question about one widget state, answered with a number or a choice.

Each exercise names the widget it is about and the state to try (so the page can link to it), and states the
parameters its answer depends on. The expected answer is never stored: :func:`check` runs ``ai45core.compute``
on those parameters at check time and compares. The same Python answers at build time and in the reader's
browser (Pyodide), so the browser holds no copy of any answer.

Two calls cross the boundary, with text both ways:

* :func:`check` ``(exercise_id, answer, lang) -> JSON`` ``{"verdict": "correct" | "incorrect" | "invalid",
  "message": ...}`` in the page's language; it never raises.
* :func:`render_exercise` ``(exercise_id, lang) -> HTML``: the static exercise (question, one answer box, a
  check button, an empty verdict, a hint, a link to the widget state). Raises :class:`ExerciseError` for an
  unknown id (build time: the page names an exercise that does not exist).

>>> json.loads(check("zones-same-score", "c", "en"))["verdict"]
'correct'
>>> json.loads(check("plane-log-angle", "七", "zh"))["verdict"]
'invalid'
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Final, Literal
from urllib.parse import quote

from ai45core import AI45Error, compute

from .html import Text, attrs, esc, fmt, t
from .views import VIEWS

__all__ = ["EXERCISES", "Exercise", "ExerciseError", "Option", "check", "expected", "params", "render_exercise",
           "try_link"]

MAX_ANSWER: Final = 100
"""Longest answer accepted, in characters (the longest option text is well under this)."""

LETTERS: Final = "ABCDEFGH"

Result = Mapping[str, Any]


class ExerciseError(ValueError):
    """An exercise id that is not in the registry (build time: fails the build with the page and line)."""


@dataclass(frozen=True)
class Option:
    """One choice: ``key`` is what the computation's answer is compared with; ``aliases`` are other ways a
    reader may write it (compared after the same normalisation as the texts)."""

    key: str
    text: Text
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Unit:
    symbol: str
    name: Text


DEGREES: Final = Unit("°", {"en": "degrees", "zh": "度"})
PERCENT: Final = Unit("%", {"en": "per cent", "zh": "百分数"})
COUNT: Final = Unit("", {"en": "a whole number", "zh": "整数"})


@dataclass(frozen=True)
class Exercise:
    """A question about one widget state.

    ``state`` is both the widget state the page links to and the parameters the answer is computed from
    (merged over the widget's defaults, exactly as the widget merges them). ``answer`` turns the result of
    ``ai45core.compute(widget, params)`` into the expected number or option key; ``facts(result, lang)`` into
    further figures for the feedback (``{name}`` placeholders, as is ``{answer}``), so that every number a
    reader sees is computed too.
    """

    id: str
    widget: str
    page: str
    key: str
    state: Mapping[str, str]
    question: Text
    hint: Text
    right: Text
    wrong: Text
    kind: Literal["number", "choice"]
    answer: Callable[[Result], float | str]
    unit: Unit = COUNT
    tolerance: float = 0.0
    digits: int = 0
    options: tuple[Option, ...] = ()
    facts: Callable[[Result, str], Mapping[str, str]] = field(default=lambda r, lang: {})


PAGES: Final[dict[str, Text]] = {
    "law": {"en": "The 45° law", "zh": "45°平衡律"},
    "imbalance": {"en": "Why the imbalance", "zh": "失衡从何而来"},
    "ladder": {"en": "The causal ladder", "zh": "因果之梯"},
    "lines": {"en": "Red and yellow lines", "zh": "红线与黄线"},
    "levels": {"en": "Five levels", "zh": "可信AGI的五个等级"},
    "safework-r1": {"en": "Case study: SafeWork-R1", "zh": "案例：SafeWork-R1"},
}
"""The pages that hold the widgets the exercises link to, with their navigation titles."""

UI: Final[dict[str, Text]] = {
    "check": {"en": "Check", "zh": "检查答案"},
    "hint": {"en": "Hint", "zh": "提示"},
    "options": {"en": "Options", "zh": "选项"},
    "try": {"en": "Try it in the widget", "zh": "到组件里试一试"},
    "on_page": {"en": "on the page “{page}”", "zh": "（“{page}”页面）"},
    "label_number": {"en": "Your answer ({unit}; within ±{tol} counts as right)",
                     "zh": "你的答案（{unit}；误差在 ±{tol} 以内算对）"},
    "label_count": {"en": "Your answer (a whole number)", "zh": "你的答案（填整数）"},
    "label_choice": {"en": "Your answer: a letter ({letters}) or the option's words",
                     "zh": "你的答案：填字母（{letters}）或选项的文字"},
    "correct": {"en": "Correct. ", "zh": "答对了。"},
    "incorrect": {"en": "Not yet. ", "zh": "还不对。"},
    "off_by": {"en": "{value} is not within ±{tol} of the result. ", "zh": "{value} 与结果相差超过 ±{tol}。"},
    "not_option": {"en": "That is option {letter}, which is not the right one. ",
                   "zh": "你选的是 {letter}，不是正确选项。"},
    "fraction": {"en": "That looks like a fraction: this question asks for per cent (0.25 is 25%). ",
                 "zh": "这看起来是小数形式，而题目要的是百分数（0.25 就是 25%）。"},
    "radians": {"en": "That looks like an angle in radians: this question asks for degrees. ",
                "zh": "这看起来是弧度，而题目要的是角度（度）。"},
    "unknown": {"en": "There is no exercise “{id}”. The page may be out of date: reload it.",
                "zh": "没有编号为“{id}”的练习。页面可能已经过期，请刷新后再试。"},
    "empty": {"en": "Type an answer first.", "zh": "请先填写答案。"},
    "too_long": {"en": "That answer is too long: at most {n} characters.",
                 "zh": "答案太长了：最多 {n} 个字符。"},
    "not_number": {"en": "“{text}” is not a number. Type digits, such as 12.5 (a decimal comma works too).",
                   "zh": "“{text}”不是数字。请填写数字，例如 12.5（小数点写成逗号也可以）。"},
    "not_finite": {"en": "That number is too large to be an answer here.", "zh": "这个数太大了，不可能是本题的答案。"},
    "not_choice": {"en": "“{text}” is not one of the options. Answer with a letter ({letters}) or an option's "
                         "words.",
                   "zh": "“{text}”不是选项之一。请填字母（{letters}）或选项的文字。"},
    "failed": {"en": "This exercise could not be computed ({reason}); please tell the site's authors.",
               "zh": "本题无法计算（{reason}），请告知本站作者。"},
}


def _by_name(rows: Any, name: str) -> Result:
    """The row called ``name`` in a list of result rows (benchmarks, zones)."""
    return next(row for row in rows if row["name"] == name)


def _pct(x: float, digits: int = 1) -> str:
    return fmt(x, digits, unit="%")


_PLANE_VERDICTS: Final = (
    Option("balanced", {"en": "balanced: within the 45° ± 5° band", "zh": "平衡：落在 45° ± 5° 的平衡带内"},
           ("balanced", "平衡")),
    Option("safety_lagging", {"en": "safety lagging: below the band", "zh": "安全滞后：低于平衡带"},
           ("safety lagging", "lagging", "安全滞后", "滞后")),
    Option("over_constrained", {"en": "over-constrained: above the band, so on these scales safety is ahead of "
                                      "capability",
                                "zh": "安全约束过度：高于平衡带，即在这两种尺度上安全领先于能力"},
           ("over-constrained", "over constrained", "overconstrained", "安全约束过度", "约束过度")),
    Option("no_movement", {"en": "no reading: no angle can be drawn", "zh": "无法判断：画不出角度"},
           ("no movement", "no reading", "没有变化", "无法判断")),
)

_ZONES: Final = (
    Option("green", {"en": "green zone", "zh": "绿区"}, ("green", "绿", "绿色")),
    Option("yellow", {"en": "yellow zone", "zh": "黄区"}, ("yellow", "黄", "黄色")),
    Option("red", {"en": "red zone", "zh": "红区"}, ("red", "红", "红色")),
)

_STAGES: Final = (
    Option("0", {"en": "no stage yet", "zh": "尚未达到任何阶段"}, ("0", "none", "无")),
    Option("1", {"en": "stage 1, Approximate Alignment", "zh": "第一阶段：泛对齐"},
           ("1", "stage 1", "approximate alignment", "泛对齐", "第一阶段")),
    Option("2", {"en": "stage 2, Intervenable", "zh": "第二阶段：可干预"},
           ("2", "stage 2", "intervenable", "可干预", "第二阶段")),
    Option("3", {"en": "stage 3, Reflectable", "zh": "第三阶段：能反思"},
           ("3", "stage 3", "reflectable", "能反思", "第三阶段")),
)


def _value_option(value: str) -> Option:
    """A percentage as an option: its key is the value with one decimal, as :func:`_pct_key` writes it."""
    return Option(f"{float(value):.1f}", {"en": f"{value}%", "zh": f"{value}%"}, (value, f"{float(value):.1f}"))


def _pct_key(x: float) -> str:
    return f"{x * 100:.1f}"


def _average_route(r: Result) -> str:
    """Which way of averaging reproduces the reported figure (within half a percentage point), if any."""
    reported = r["reported_change_pct"]
    if abs(r["change_of_mean_pct"] - reported) <= 0.5:
        return "change_of_mean"
    if abs(r["mean_of_changes_pct"] - reported) <= 0.5:
        return "mean_of_changes"
    return "neither"


def _plane_reading(capability: str, safety: str, lang: str) -> str:
    """The plane's reading of a raw-scale step, in words (for feedback that compares assumptions)."""
    label: Mapping[str, str] = compute("plane", {"capability": capability, "safety": safety,
                                                 "scale": "raw"})["verdict_label"]
    return label[lang]


def _only_fall(r: Result) -> str:
    fell = r["fell"]
    return str(fell[0]) if len(fell) == 1 else ""


_RARE_FOOD: Final = {"base_rate": "0.3", "p_bell_given_food": "0.9", "p_bell_given_no_food": "0.1", "p_ring": "0.5"}

EXERCISES: Final[dict[str, Exercise]] = {ex.id: ex for ex in (
    Exercise(
        "plane-log-angle", "plane", "law", "plane4",
        {"capability": "1,2,4,8", "safety": "1,1.1,1.2,1.3", "scale": "log"},
        question={"en": "Capability grows 1, 2, 4, 8 and safety 1, 1.1, 1.2, 1.3. On the Log scale, at what angle "
                        "does the whole path run, from the first point to the last? Give degrees with two "
                        "decimals.",
                  "zh": "能力依次为 1、2、4、8，安全依次为 1、1.1、1.2、1.3。按“对数”尺度，从第一个点到最后一个点，"
                        "整条路径的角度是多少度？保留两位小数。"},
        hint={"en": "On the log scale each axis shows ln(value ÷ first value). The angle is atan(change in safety ÷ "
                    "change in capability).",
              "zh": "对数尺度上，每条坐标轴显示的是 ln(数值 ÷ 第一个数值)。角度 = atan(安全的变化 ÷ 能力的变化)。"},
        right={"en": "atan(ln 1.3 ÷ ln 8) = atan({ds} ÷ {dc}) ≈ {answer}. The same data read {index} on the Index "
                     "scale: the angle depends on the scale you choose, not only on the data.",
               "zh": "atan(ln 1.3 ÷ ln 8) = atan({ds} ÷ {dc}) ≈ {answer}。同样的数据按“定基指数”尺度是 {index}："
                     "角度不仅取决于数据，也取决于你选的尺度。"},
        wrong={"en": "Use the logarithms of the growth factors: capability grew by a factor of 8, safety by a factor "
                     "of 1.3. If you got {index}, you used the Index scale.",
               "zh": "要用增长倍数的对数：能力增长到 8 倍，安全增长到 1.3 倍。"
                     "如果你算出 {index}，那是“定基指数”尺度的结果。"},
        kind="number", answer=lambda r: float(r["angle_deg"]), unit=DEGREES, tolerance=0.01, digits=2,
        facts=lambda r, lang: {"ds": fmt(r["safety_change"], 3), "dc": fmt(r["capability_change"], 3),
                         "index": fmt(compute("plane", {"capability": "1,2,4,8", "safety": "1,1.1,1.2,1.3"})
                                      ["angle_deg"], 2, unit="°")},
    ),
    Exercise(
        "plane-raw-angle", "plane", "law", "plane2",
        {"capability": "10,20,40", "safety": "5,10,20", "scale": "raw"},
        question={"en": "Capability goes 10 → 20 → 40 and safety 5 → 10 → 20. Both quadruple, so the Index scale "
                        "shows exactly 45°. What angle does the Raw scale show? Give degrees with two decimals.",
                  "zh": "能力从 10 → 20 → 40，安全从 5 → 10 → 20。两者都翻了两番，所以按“定基指数”尺度恰好是 45°。"
                        "按“原始数值”尺度是多少度？保留两位小数。"},
        hint={"en": "On the Raw scale, use the changes in the original units: last value minus first value on each "
                    "axis.",
              "zh": "按“原始数值”尺度，直接用原单位下的变化量：每条轴上最后一个数减去第一个数。"},
        right={"en": "Capability rose by {dc} and safety by {ds}; atan({ds} ÷ {dc}) ≈ {answer}. Same data, two "
                     "honest scales, two angles: an angle means little until its units are stated.",
               "zh": "能力增加了 {dc}，安全增加了 {ds}；atan({ds} ÷ {dc}) ≈ {answer}。同样的数据、两种都说得通的"
                     "尺度，却得出两个角度：不交代单位，角度就说明不了什么。"},
        wrong={"en": "Rise over run in raw units: safety 20 − 5, capability 40 − 10. The angle is the arctangent of "
                     "their ratio.",
               "zh": "用原始单位计算“纵向变化 ÷ 横向变化”：安全是 20 − 5，能力是 40 − 10，再取反正切。"},
        kind="number", answer=lambda r: float(r["angle_deg"]), unit=DEGREES, tolerance=0.01, digits=2,
        facts=lambda r, lang: {"ds": fmt(r["safety_change"], 0), "dc": fmt(r["capability_change"], 0)},
    ),
    Exercise(
        "plane-safework-verdict", "plane", "safework-r1", "plane",
        {"capability": "0,10", "safety": "0,25.8", "labels": "Qwen2.5-VL-72B,SafeWork-R1", "scale": "raw"},
        question={"en": "SafeWork-R1's safety average rose by 25.8 points. Assume (this is an assumption, not a "
                        "measurement) that its capability rose by 10 points, on the Raw scale. How does the plane "
                        "widget read this step?",
                  "zh": "SafeWork-R1 的安全平均分提高了 25.8 分。假设它的能力提高了 10 分（这只是假设，不是测量结果），"
                        "采用“原始数值”尺度。平面组件会怎样判断这一步？"},
        hint={"en": "Work out the angle atan(25.8 ÷ 10) first, then compare it with the band from 40° to 50°.",
              "zh": "先算角度 atan(25.8 ÷ 10)，再与 40° 到 50° 的平衡带比较。"},
        right={"en": "The step runs at {angle}, above the band. Read it with care: it says only that, on the scales "
                     "assumed, safety moved further than capability. With an assumed gain of 25.8 the same model "
                     "reads “{at_equal}”, with 60 “{at_60}”. An angle cannot show that safety holds back "
                     "development.",
               "zh": "这一步的角度是 {angle}，高于平衡带。但要读准：它只说明在所假设的尺度上，安全的进展大于能力。"
                     "把假设的能力增量改成 25.8，同一个模型就成了“{at_equal}”；改成 60，又成了“{at_60}”。"
                     "角度本身无法说明安全拖慢了发展。"},
        wrong={"en": "Compute the angle with the assumed gain of 10: atan(safety gain ÷ capability gain). Is it "
                     "inside 45° ± 5°, below it or above it?",
               "zh": "用假设的能力增量 10 计算角度：atan(安全增量 ÷ 能力增量)。它在 45° ± 5° 之内、之下还是之上？"},
        kind="choice", answer=lambda r: str(r["verdict"]), options=_PLANE_VERDICTS,
        facts=lambda r, lang: {"angle": fmt(r["angle_deg"], 2, unit="°"),
                               "at_equal": _plane_reading("0,25.8", "0,25.8", lang),
                               "at_60": _plane_reading("0,60", "0,25.8", lang)},
    ),
    Exercise(
        "investment-one-percent", "investment", "imbalance", "investment",
        {"safety_share": "0.01", "returns": "power", "alpha": "0.5", "efficiency": "1"},
        question={"en": "In the toy model (power returns with α = 0.5, efficiency 1), 1% of the resources go to "
                        "safety: an example input that echoes a claim in one report of the speech. At what angle "
                        "does the path run? Give degrees with two decimals.",
                  "zh": "在这个简化模型里（幂函数回报，α = 0.5，效率为 1），1% 的资源用于安全——这是一个示例输入，"
                        "呼应一篇演讲报道中的说法。路径的角度是多少度？保留两位小数。"},
        hint={"en": "Each side's progress is its share to the power α: capability (1 − 0.01)^0.5, safety 0.01^0.5. "
                    "Then take atan(safety progress ÷ capability progress).",
              "zh": "每一方的进展等于它所得份额的 α 次方：能力是 (1 − 0.01)^0.5，安全是 0.01^0.5。"
                    "然后计算 atan(安全进展 ÷ 能力进展)。"},
        right={"en": "Capability progress √0.99 ≈ {pc}, safety progress √0.01 = {ps}; atan({ps} ÷ {pc}) ≈ "
                     "{answer}. This is what the model's assumptions give, not how any real lab spends.",
               "zh": "能力进展 √0.99 ≈ {pc}，安全进展 √0.01 = {ps}；atan({ps} ÷ {pc}) ≈ {answer}。"
                     "这是模型假设推出的结果，并不反映任何真实机构的投入。"},
        wrong={"en": "Take the square roots of the two shares (α = 0.5), divide safety's by capability's and take "
                     "the arctangent, in degrees.",
               "zh": "对两方的份额分别开平方（α = 0.5），用安全的结果除以能力的结果，再取反正切，单位用度。"},
        kind="number", answer=lambda r: float(r["angle_deg"]), unit=DEGREES, tolerance=0.01, digits=2,
        facts=lambda r, lang: {"pc": fmt(r["capability_progress"], 3), "ps": fmt(r["safety_progress"], 3)},
    ),
    Exercise(
        "investment-efficient-safety", "investment", "imbalance", "investment",
        {"safety_share": "0.01", "returns": "power", "alpha": "0.5", "efficiency": "4"},
        question={"en": "Suppose one unit of resources bought four times as much safety progress as capability "
                        "progress (efficiency 4; power returns, α = 0.5). What share of the resources for safety "
                        "gives exactly 45°? Give per cent with two decimals.",
                  "zh": "假设同样的资源用在安全上，取得的进展是用在能力上的四倍（效率为 4；幂函数回报，α = 0.5）。"
                        "安全占多大份额时，角度恰好是 45°？用百分数回答，保留两位小数。"},
        hint={"en": "At 45° safety progress equals capability progress: 4 × √s = √(1 − s). Square both sides and "
                    "solve for s.",
              "zh": "45° 意味着安全进展等于能力进展：4 × √s = √(1 − s)。两边平方，解出 s。"},
        right={"en": "16 s = 1 − s, so s = 1/17 ≈ {answer}. The answer moves a lot with an efficiency that nobody "
                     "has measured: the conclusion comes from the assumption.",
               "zh": "16 s = 1 − s，所以 s = 1/17 ≈ {answer}。这个答案随“效率”大幅变化，而效率从来没有人测量过："
                     "结论来自假设。"},
        wrong={"en": "Set safety progress equal to capability progress, 4 × √s = √(1 − s), and solve for the share "
                     "s; then write it in per cent.",
               "zh": "令安全进展等于能力进展：4 × √s = √(1 − s)，解出份额 s，再写成百分数。"},
        kind="number", answer=lambda r: float(r["balanced_safety_share"]) * 100, unit=PERCENT, tolerance=0.01,
        digits=2,
    ),
    Exercise(
        "ladder-skip-rung", "ladder", "ladder", "ladder",
        {"adopted": "sft,rlhf,value_training,causal_interp,counterfactual", "threshold": "0.5"},
        question={"en": "A team uses SFT and RLHF, and all three stage-3 techniques named in the speech (value-based "
                        "training, causal interpretability, counterfactual reasoning), but no stage-2 technique. "
                        "With the threshold at 0.5, which stage does the ladder widget report as reached?",
                  "zh": "某团队采用了监督式微调（SFT）和人类反馈的强化学习（RLHF），以及演讲提到的全部三项第三阶段技术"
                        "（基于价值的训练、因果可解释性、反事实推理），但没有采用任何第二阶段技术。门槛为 0.5 时，"
                        "因果之梯组件报告达到了哪个阶段？"},
        hint={"en": "Check the layers from the bottom up. A layer counts only if it meets the threshold and every "
                    "layer below it counts.",
              "zh": "从最底层往上逐层检查。某一层要计入，不仅自己要达到门槛，下面每一层也都要计入。"},
        right={"en": "Approximate Alignment has {l1} of its techniques (meets 0.5); Intervenable has {l2}, so the "
                     "climb stops there, and Reflectable's {l3} does not count above the gap. On this ladder you "
                     "cannot skip a rung.",
               "zh": "泛对齐层的技术覆盖了 {l1}（达到 0.5）；可干预层只有 {l2}，攀登到此为止；能反思层虽有 {l3}，"
                     "但它在断层之上，不能计入。在这把梯子上，不能跳级。"},
        wrong={"en": "Count per layer: how many of the speech's techniques in each layer are adopted? A layer above "
                     "a layer that fails does not count.",
               "zh": "逐层数一数：每层中演讲提到的技术，采用了几项？如果下面某层没达到门槛，它上面的层都不能计入。"},
        kind="choice", answer=lambda r: str(r["stage"]), options=_STAGES,
        facts=lambda r, lang: {f"l{i + 1}": f"{layer['count']}/{layer['total']}"
                         for i, layer in enumerate(r["layers"])},
    ),
    Exercise(
        "pavlov-seeing", "pavlov", "ladder", "pavlov", dict(_RARE_FOOD),
        question={"en": "Food comes on 30% of trials. The bell rings before 90% of meals, and on 10% of the trials "
                        "without food. A dog that has learned only this correlation hears the bell: how likely does "
                        "it think food is? Give per cent with one decimal.",
                  "zh": "30% 的试次有食物。有食物时，90% 的情况下会先响铃；没有食物时，也有 10% 的试次会响铃。"
                        "一只只学到了这种相关性的狗听到铃声，它认为有食物的概率是多少？用百分数回答，保留一位小数。"},
        hint={"en": "Bayes' rule: the trials with bell and food, divided by all the trials with a bell.",
              "zh": "用贝叶斯公式：既响铃又有食物的试次，除以所有响铃的试次。"},
        right={"en": "P(food | bell) = 0.3 × 0.9 ÷ (0.3 × 0.9 + 0.7 × 0.1) = 0.27 ÷ 0.34 ≈ {answer}. That is "
                     "rung 1, seeing: a belief learned from correlations in the data.",
               "zh": "P(食物 | 铃响) = 0.3 × 0.9 ÷ (0.3 × 0.9 + 0.7 × 0.1) = 0.27 ÷ 0.34 ≈ {answer}。"
                     "这是第一级“观察”：从数据中的相关性学来的判断。"},
        wrong={"en": "Bell-and-food trials are 0.3 × 0.9 of all trials; bell-without-food trials are 0.7 × 0.1. "
                     "What share of the bell trials have food?",
               "zh": "既响铃又有食物的试次占全部的 0.3 × 0.9；响铃却没有食物的占 0.7 × 0.1。"
                     "响铃的试次中，有食物的占多少？"},
        kind="number", answer=lambda r: float(r["p_food_given_bell"]) * 100, unit=PERCENT, tolerance=0.05,
        digits=1,
    ),
    Exercise(
        "pavlov-doing", "pavlov", "ladder", "pavlov", dict(_RARE_FOOD),
        question={"en": "Same dog, same world (food on 30% of trials). Now someone rings the bell on purpose, at "
                        "random moments. What is P(food | do(bell)), the chance of food when the bell is made to "
                        "ring?",
                  "zh": "还是这只狗、这个世界（30% 的试次有食物）。现在有人随时故意摇铃。"
                        "P(食物 | do(铃响))，即人为让铃响时有食物的概率，是多少？"},
        hint={"en": "Ask what ringing the bell does to the food. Does the bell cause the food?",
              "zh": "想一想：摇铃对食物有什么影响？铃声会带来食物吗？"},
        right={"en": "The bell does not cause food, so making it ring changes nothing: P(food | do(bell)) = P(food) "
                     "= {doing}. Seeing gave {seeing}; doing gives {doing}. Data of the first kind cannot settle "
                     "questions of the second.",
               "zh": "铃声并不会带来食物，所以人为摇铃什么也改变不了：P(食物 | do(铃响)) = P(食物) = {doing}。"
                     "观察得到 {seeing}，行动却只有 {doing}。第一类数据回答不了第二类问题。"},
        wrong={"en": "{seeing} is what the dog expects from seeing the bell. If ringing the bell does not bring food, "
                     "what is the chance of food after someone rings it?",
               "zh": "{seeing} 是狗“看到”铃响后的预期。如果摇铃并不能带来食物，有人摇铃之后，有食物的概率是多少？"},
        kind="choice", answer=lambda r: _pct_key(r["p_food_do_bell"]),
        options=tuple(_value_option(v) for v in ("90", "79.4", "50", "30")),
        facts=lambda r, lang: {"seeing": _pct(r["p_food_given_bell"] * 100), "doing": _pct(r["p_food_do_bell"] * 100)},
    ),
    Exercise(
        "zones-same-score", "zones", "lines", "zones",
        {"domains": "example A, 30, 40, 70\nexample B, 55, 40, 70\nexample C, 55, 30, 50"},
        question={"en": "Examples B and C both score 55. B's lines are yellow 40 and red 70; C's are yellow 30 and "
                        "red 50. Which zone is example C in?",
                  "zh": "示例 B 和示例 C 的分数都是 55。B 的黄线是 40、红线是 70；C 的黄线是 30、红线是 50。"
                        "示例 C 落在哪个区？"},
        hint={"en": "Compare 55 with C's own lines: below yellow is green, from yellow up to red is yellow, at or "
                    "above red is red.",
              "zh": "把 55 与 C 自己的两条线比较：低于黄线是绿区，达到黄线但低于红线是黄区，达到或超过红线是红区。"},
        right={"en": "55 is at or above C's red line (50): red zone, where the report's response is to suspend "
                     "development and/or deployment. B, with the same score, is in the {zone_b}. Each domain has its "
                     "own lines: a score means nothing without them. (These rows are made up.)",
               "zh": "55 达到了 C 的红线（50）：红区，按报告的做法应暂停研发和（或）部署。分数相同的 B 却在{zone_b}。"
                     "每个领域都有自己的线，离开这两条线，分数本身说明不了什么。（这些数据都是虚构的。）"},
        wrong={"en": "Use C's lines, not B's: yellow at 30, red at 50. Where does 55 fall?",
               "zh": "要用 C 自己的线，而不是 B 的：黄线 30，红线 50。55 落在哪里？"},
        kind="choice", answer=lambda r: str(_by_name(r["domains"], "example C")["zone"]), options=_ZONES,
        facts=lambda r, lang: {"zone_b": _by_name(r["domains"], "example B")[f"zone_{lang}"]},
    ),
    Exercise(
        "zones-on-the-line", "zones", "lines", "zones",
        {"domains": "example D, 40, 40, 70\nexample E, 70, 40, 70"},
        question={"en": "Example D scores exactly 40, and its yellow line is at 40 (its red line at 70). Which zone "
                        "does the tool put it in?",
                  "zh": "示例 D 的分数恰好是 40，它的黄线也在 40（红线在 70）。工具把它归入哪个区？"},
        hint={"en": "Read the rule under the zone table: is a score equal to a line below it, or does it reach it?",
              "zh": "看分区表下面的规则：分数正好等于某条线时，算在线下，还是算达到了这条线？"},
        right={"en": "A score equal to a line counts as reaching it, as thresholds usually do: 40 ≥ 40, so D is in "
                     "the yellow zone. Where a line sits, and which side of it counts, are choices someone has to "
                     "make and state.",
               "zh": "分数等于某条线，就算达到了这条线，阈值通常都这样处理：40 ≥ 40，所以 D 在黄区。"
                     "线画在哪里、正好压线时算哪一边，都需要有人做出选择并说明。"},
        wrong={"en": "The tool's rule: a score equal to a line counts as reaching it.",
               "zh": "工具的规则是：分数等于某条线，就算达到了这条线。"},
        kind="choice", answer=lambda r: str(_by_name(r["domains"], "example D")["zone"]), options=_ZONES,
    ),
    Exercise(
        "matrix-gap", "matrix", "levels", "matrix",
        {"met": "autonomy:approximate,autonomy:intervenable,autonomy:reflectable"},
        question={"en": "In the matrix widget, mark all three cells of the autonomy row and nothing else. What does "
                        "the widget report as the highest level reached (a whole number from 0 to 5)?",
                  "zh": "在矩阵组件中，只勾选“自主可信”这一行的全部三个格子，其他都不勾。组件报告的最高等级是多少"
                        "（0 到 5 之间的整数）？"},
        hint={"en": "Start from level 1, perception. Under the widget's rule a level counts only if every level "
                    "below it is reached.",
              "zh": "从第 1 级“感知可信”看起。按组件的规则，只有下面各级都达到了，某一级才计入。"},
        right={"en": "{answer}: perception (level 1) has no mark, so nothing counts, however complete the autonomy "
                     "row is. A level above a gap does not count. This rule is the site's interpretation of the "
                     "paper's idea, not the paper's method.",
               "zh": "{answer}：第 1 级“感知可信”一个格子也没勾，所以哪一级都不计入，不管“自主可信”那一行多完整。"
                     "断层之上的等级不算数。这条规则是本站对论文思路的解读，不是论文本身的方法。"},
        wrong={"en": "Look at level 1 first: are its cells marked? If level 1 is not reached, can any level above it "
                     "count?",
               "zh": "先看第 1 级：它的格子勾了吗？如果第 1 级都没达到，上面的等级还能计入吗？"},
        kind="number", answer=lambda r: float(r["highest_level"]), unit=COUNT,
    ),
    Exercise(
        "benchmarks-siuo-relative", "benchmarks", "safework-r1", "benchmarks", {"preset": "safework_safety"},
        question={"en": "On the SIUO safety test, the base model scored 38.2 and SafeWork-R1 90.5 (model card). What "
                        "is the relative gain, in per cent of the starting score? Give one decimal.",
                  "zh": "在 SIUO 安全测试上，基座模型得 38.2 分，SafeWork-R1 得 90.5 分（据模型卡）。"
                        "相对提升是起点分数的百分之多少？保留一位小数。"},
        hint={"en": "Relative change = (after − before) ÷ before × 100.",
              "zh": "相对变化 =（之后 − 之前）÷ 之前 × 100。"},
        right={"en": "(90.5 − 38.2) ÷ 38.2 = 52.3 ÷ 38.2 ≈ {answer}. A low starting score makes a relative gain "
                     "look huge: on XSTest-Safe, {xs_points} points from 91.2 is only {xs_pct}.",
               "zh": "(90.5 − 38.2) ÷ 38.2 = 52.3 ÷ 38.2 ≈ {answer}。起点低，相对提升就显得特别大："
                     "在 XSTest-Safe 上，从 91.2 提高 {xs_points} 分，相对提升只有 {xs_pct}。"},
        wrong={"en": "Divide the gain in points by the starting score, not by the final one, and write it in per "
                     "cent.",
               "zh": "用提高的分数除以起点分数（不是最终分数），再写成百分数。"},
        kind="number", answer=lambda r: float(_by_name(r["benchmarks"], "SIUO")["change_pct"]), unit=PERCENT,
        tolerance=0.05, digits=1,
        facts=lambda r, lang: {"xs_points": fmt(_by_name(r["benchmarks"], "XSTest-Safe")["change_points"], 1),
                         "xs_pct": _pct(_by_name(r["benchmarks"], "XSTest-Safe")["change_pct"])},
    ),
    Exercise(
        "benchmarks-46-54", "benchmarks", "safework-r1", "benchmarks", {"preset": "safework_safety"},
        question={"en": "The SafeWork-R1 abstract reports a 46.54% average improvement in safety. Which way of "
                        "averaging the model card's four safety scores gives that figure?",
                  "zh": "SafeWork-R1 论文摘要报告，安全性能平均提升 46.54%。"
                        "用模型卡的四项安全得分，哪种平均方法能算出这个数？"},
        hint={"en": "Compute both: the relative change of the average score, and the average of the four relative "
                    "changes. Compare each with 46.54%.",
              "zh": "两种都算一算：平均分的相对变化，以及四项相对变化的平均值。分别与 46.54% 比较。"},
        right={"en": "Neither: the change of the average is about {com} and the average of the changes about {moc}. "
                     "The paper does not say how it computed 46.54%, so the site shows it only as reported.",
               "zh": "两种都不是：平均分的变化约为 {com}，各项变化的平均约为 {moc}。论文没有说明 46.54% 是怎么算的，"
                     "所以本站只把它作为作者报告的数字呈现。"},
        wrong={"en": "Work both out from the table before choosing: the average goes from {mb} to {ma}, and the "
                     "four tests gain {each} of their starting scores.",
               "zh": "先根据表格把两种都算出来再选：平均分从 {mb} 升到 {ma}，四项测试分别比各自的起点提高了 {each}。"},
        kind="choice", answer=_average_route,
        options=(
            Option("change_of_mean", {"en": "the relative change of the average score",
                                      "zh": "平均分的相对变化"}),
            Option("mean_of_changes", {"en": "the average of the four per-test relative changes",
                                       "zh": "四项测试各自相对变化的平均值"}),
            Option("neither", {"en": "neither of them", "zh": "两种都不是"}, ("neither", "none", "都不是")),
        ),
        facts=lambda r, lang: {"com": "+" + _pct(r["change_of_mean_pct"]), "moc": "+" + _pct(r["mean_of_changes_pct"]),
                               "mb": fmt(r["mean_before"], 1), "ma": fmt(r["mean_after"], 3),
                               "each": ("、" if lang == "zh" else ", ").join(
                                   "+" + _pct(b["change_pct"], 0) for b in r["benchmarks"])},
    ),
    Exercise(
        "benchmarks-value-fall", "benchmarks", "safework-r1", "benchmarks2", {"preset": "safework_values"},
        question={"en": "In the value table of the SafeWork-R1 model card, on which benchmark did SafeWork-R1 score "
                        "lower than its base model?",
                  "zh": "在 SafeWork-R1 模型卡的价值观测试表中，SafeWork-R1 在哪项测试上的得分低于基座模型？"},
        hint={"en": "Subtract before from after, column by column. One difference is negative.",
              "zh": "逐列用“之后”减去“之前”，其中有一个差是负数。"},
        right={"en": "{answer}: from {before} to {after} ({change} points), while the other three rose. An honest "
                     "summary says so; an average alone would hide it.",
               "zh": "{answer}：从 {before} 降到 {after}（{change} 分），另外三项都上升了。诚实的总结要把这一点说出来，"
                     "只报平均分就把它掩盖了。"},
        wrong={"en": "That one rose. Compare the two rows column by column and look for the negative change.",
               "zh": "这一项是上升的。逐列比较两行数字，找出那个负的变化。"},
        kind="choice", answer=_only_fall,
        options=tuple(Option(name, {"en": name, "zh": name}, (name.replace("³", "3"),))
                      for name in ("FLAMES", "M³oralBench Judge", "M³oralBench Classification",
                                   "M³oralBench Response")),
        facts=lambda r, lang: {k: fmt(_by_name(r["benchmarks"], _only_fall(r))[v], 1)
                         for k, v in (("before", "before"), ("after", "after"), ("change", "change_points"))},
    ),
)}
"""Every exercise, by id, in the order the exercises page presents them."""

def params(ex: Exercise) -> dict[str, str]:
    """The parameters the answer is computed from: the widget's defaults with the exercise's state on top."""
    view = VIEWS[ex.widget]
    merged = {**view.defaults, **ex.state}
    return {k: v for k, v in merged.items() if k in view.field_names()}


def _result(ex: Exercise) -> dict[str, Any]:
    return compute(ex.widget, params(ex))


def expected(ex: Exercise) -> float | str:
    """The expected answer, computed by ai45core now (a number, or the key of the right option)."""
    return ex.answer(_result(ex))


def try_link(ex: Exercise) -> str:
    """The page-relative address of the widget in the exercise's state (``../law/?plane4.scale=log#plane4``).

    Pages are one folder deep in both languages (``exercises/``, ``zh/exercises/``), so ``../<page>/`` is the
    widget's page in the same language.
    """
    query = "&".join(f"{ex.key}.{name}={quote(value, safe=',')}" for name, value in ex.state.items())
    return f"../{ex.page}/?{query}#{ex.key}"


# ---------------------------------------------------------------------------------------------------- answers

_SPACES = re.compile(r"\s+")
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:e[+-]?[0-9]+)?")
_THOUSANDS = re.compile(r"[+-]?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]*)?")
_UNIT_SUFFIX = re.compile(r"(?:°|度|%|per ?cent|percent|个百分点|百分点|pp)$")
_WRAPPING = " \t()（）[]【】.。、,，:：;；!！?？\"'“”‘’"


def _normalise(text: str) -> str:
    """NFKC (full-width letters, digits and punctuation become ASCII), one minus sign, collapsed spaces,
    case-folded."""
    text = unicodedata.normalize("NFKC", text).replace("\u2212", "-").replace("\u2013", "-")
    return _SPACES.sub(" ", text).strip().casefold()


def _number(text: str) -> float | None:
    """A number as readers write it: ``7.19``, ``7,19``, ``７．１９``, ``+7.19°``, ``1,234.5``; None if not one."""
    text = _normalise(text)
    text = _UNIT_SUFFIX.sub("", text).strip()
    if _THOUSANDS.fullmatch(text):
        text = text.replace(",", "")
    elif text.count(",") == 1 and "." not in text:
        text = text.replace(",", ".")
    if not _NUMBER.fullmatch(text):
        return None
    return float(text)


def _bare(text: str) -> str:
    """Normalised, without surrounding brackets or punctuation and without spaces: "(B)" → "b", "30 %" → "30%"."""
    return _normalise(text).strip(_WRAPPING).replace(" ", "")


def _choice(ex: Exercise, text: str) -> Option | None:
    wanted = _bare(text)
    for letter, option in zip(LETTERS, ex.options, strict=False):
        names = {letter.casefold(), _bare(option.key), *map(_bare, (*option.text.values(), *option.aliases))}
        if wanted in names:
            return option
    return None


def _letters(ex: Exercise) -> str:
    return f"{LETTERS[0]}–{LETTERS[len(ex.options) - 1]}"


def _shown(ex: Exercise, value: float | str, lang: str) -> str:
    """An answer as the feedback writes it: a number with its unit, or "B (stage 1, …)"."""
    if isinstance(value, str):
        for letter, option in zip(LETTERS, ex.options, strict=False):
            if option.key == value:
                return f"{letter} ({t(option.text, lang)})" if lang == "en" else f"{letter}（{t(option.text, lang)}）"
        return value
    return fmt(value, ex.digits, unit=ex.unit.symbol)


def _feedback(ex: Exercise, text: Text, result: Result, answer: float | str, lang: str) -> str:
    return t(text, lang).format(answer=_shown(ex, answer, lang), **ex.facts(result, lang))


def _reply(verdict: str, message: str) -> str:
    return json.dumps({"verdict": verdict, "message": message}, ensure_ascii=False)


def _clip(text: str, n: int = 24) -> str:
    text = _SPACES.sub(" ", text).strip()
    return text if len(text) <= n else text[: n - 1] + "…"


def check(exercise_id: str, answer: str, lang: str) -> str:
    """Check a reader's answer: JSON ``{"verdict": "correct"|"incorrect"|"invalid", "message": ...}``.

    The message is in ``lang`` ("zh", otherwise English). Never raises: an unknown id, an empty, over-long,
    non-numeric or unrecognised answer is ``invalid`` with a message that says what to type.

    >>> json.loads(check("plane-log-angle", "7,19", "en"))["verdict"]
    'correct'
    >>> json.loads(check("plane-log-angle", "2.45°", "zh"))["message"][:4]
    '还不对。'
    """
    lang = "zh" if lang == "zh" else "en"
    ex = EXERCISES.get(exercise_id) if isinstance(exercise_id, str) else None
    if ex is None:
        return _reply("invalid", t(UI["unknown"], lang).format(id=_clip(str(exercise_id), 40)))
    if not isinstance(answer, str) or not answer.strip():
        return _reply("invalid", t(UI["empty"], lang))
    if len(answer) > MAX_ANSWER:
        return _reply("invalid", t(UI["too_long"], lang).format(n=MAX_ANSWER))
    try:
        result = _result(ex)
        right = ex.answer(result)
    except AI45Error as err:  # the registry is tested; this keeps the promise never to raise
        return _reply("invalid", t(UI["failed"], lang).format(reason=err.code))
    if ex.kind == "choice":
        chosen = _choice(ex, answer)
        if chosen is None:
            return _reply("invalid", t(UI["not_choice"], lang).format(text=_clip(answer), letters=_letters(ex)))
        if chosen.key == right:
            return _reply("correct", t(UI["correct"], lang) + _feedback(ex, ex.right, result, right, lang))
        letter = LETTERS[ex.options.index(chosen)]
        return _reply("incorrect", t(UI["incorrect"], lang) + t(UI["not_option"], lang).format(letter=letter)
                      + _feedback(ex, ex.wrong, result, right, lang))
    value = _number(answer)
    if value is None:
        return _reply("invalid", t(UI["not_number"], lang).format(text=_clip(answer)))
    if not math.isfinite(value):
        return _reply("invalid", t(UI["not_finite"], lang))
    right = float(right)
    if abs(value - right) <= ex.tolerance + 1e-9:
        return _reply("correct", t(UI["correct"], lang) + _feedback(ex, ex.right, result, right, lang))
    near = ""
    if ex.unit is PERCENT and abs(value * 100 - right) <= ex.tolerance + 1e-9:
        near = t(UI["fraction"], lang)
    elif ex.unit is DEGREES and abs(math.degrees(value) - right) <= ex.tolerance + 1e-9:
        near = t(UI["radians"], lang)
    off = t(UI["off_by"], lang).format(value=f"{value:g}",
                                       tol=f"{ex.tolerance:g}") if ex.tolerance else ""
    return _reply("incorrect", t(UI["incorrect"], lang) + (near or off) + _feedback(ex, ex.wrong, result, right, lang))


# -------------------------------------------------------------------------------------------------- rendering

def _label(ex: Exercise, lang: str) -> str:
    if ex.kind == "choice":
        return t(UI["label_choice"], lang).format(letters=_letters(ex))
    if ex.tolerance == 0:
        return t(UI["label_count"], lang)
    return t(UI["label_number"], lang).format(unit=t(ex.unit.name, lang), tol=f"{ex.tolerance:g}")


def render_exercise(exercise_id: str, lang: str) -> str:
    """The static exercise, for the page (build time) — see the module description for the DOM contract.

    >>> html = render_exercise("zones-same-score", "en")
    >>> html.count("data-ai45-answer"), 'data-ai45-verdict=""' in html, "../lines/?zones.domains=" in html
    (1, True, True)
    """
    ex = EXERCISES.get(exercise_id)
    if ex is None:
        raise ExerciseError(f"unknown exercise {exercise_id[:40]!r}; known: {', '.join(EXERCISES)}")
    lang = "zh" if lang == "zh" else "en"
    base = f"ex-{ex.id}"
    options = ""
    if ex.kind == "choice":
        items = "".join(f'<li><span class="ai45-exercise-letter">{letter}</span> {esc(t(o.text, lang))}</li>'
                        for letter, o in zip(LETTERS, ex.options, strict=False))
        options = f'<ol class="ai45-exercise-options" aria-label="{esc(t(UI["options"], lang))}">{items}</ol>'
    box = attrs(type="text", id=f"{base}-answer", name="answer", data_ai45_answer=True, autocomplete="off",
                spellcheck="false", inputmode="decimal" if ex.kind == "number" else None,
                aria_describedby=f"{base}-verdict")
    page = t(PAGES[ex.page], lang)
    return (
        f'<div class="ai45-exercise"{attrs(data_ai45_exercise=ex.id, data_ai45_exercise_widget=ex.widget, id=base)}>'
        f'<p class="ai45-exercise-question">{esc(t(ex.question, lang))}</p>'
        f"{options}"
        f'<div class="ai45-exercise-answer"><label for="{base}-answer">{esc(_label(ex, lang))}</label>'
        f"<input{box}>"
        f'<button type="button" class="md-button" data-ai45-check>{esc(t(UI["check"], lang))}</button></div>'
        f'<p class="ai45-exercise-verdict" id="{base}-verdict" data-ai45-verdict="" aria-live="polite"></p>'
        f'<details class="ai45-exercise-hint"><summary>{esc(t(UI["hint"], lang))}</summary>'
        f"<p>{esc(t(ex.hint, lang))}</p></details>"
        f'<p class="ai45-exercise-try"><a href="{esc(try_link(ex))}">{esc(t(UI["try"], lang))}</a> '
        f"{esc(t(UI['on_page'], lang).format(page=page))}</p>"
        "</div>"
    )
