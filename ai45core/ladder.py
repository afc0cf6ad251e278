"""The causal ladder of trustworthy AGI (可信AGI的"因果之梯"): which rung a set of techniques reaches.

Zhou Bowen's WAIC 2024 speech splits the road to trustworthy AGI into three stages: 泛对齐 Approximate
Alignment, 可干预 Intervenable and 能反思 Reflectable (the English names are those of the later paper, arXiv
2412.14186). The speech says only that the ladder's name honours Judea Pearl. Pairing each stage with one of
Pearl's rungs, in order — association ("seeing", P(y | x)), intervention ("doing", P(y | do(x))) and
counterfactuals ("imagining", P(y_x | x′, y′)) — is our reading: stage 1 is described by its reliance on
correlation, stage 2 by intervening, and stage 3 lists counterfactual reasoning among its techniques.

This module holds a bilingual catalogue of the techniques the speech names for each stage (``TECHNIQUES``)
and, on request, techniques that secondary summaries of the 2024 paper add. Given the techniques you have
adopted, it computes, for each layer L with catalogue techniques T_L:

    coverage(L) = |adopted ∩ T_L| / |T_L|
    L meets the threshold t  when  coverage(L) ≥ t, i.e. when |adopted ∩ T_L| ≥ ⌈t · |T_L|⌉

and the **stage reached**: the largest k such that layers 1 … k all meet the threshold (0 when the first does
not). A layer above a gap does not count — you cannot skip a rung. For the next rung it lists the techniques
not yet adopted there and how many of them are still needed. The comparison uses the threshold exactly as
typed (0.1 means one tenth, not its binary approximation), so 1 technique out of 10 meets t = 0.1.

ASSUMPTIONS, in plain words: adopting a technique is a yes/no tick, not a measure of how well it is done;
techniques within a layer count equally; the threshold is yours (the sources set none). Where the speech and
the later paper disagree on a technique's layer, the catalogue follows the speech and records the paper's
placement in ``paper_layer``. The speech puts "the most advanced human-preference alignment" in stage 1 without
naming techniques; earlier it lists SFT, RLHF, RLAIF and SuperAlignment as the methods that pass human
preferences to models. Counting those four in stage 1 is therefore our reading of the speech; secondary
summaries of the paper put SFT there too, but RLHF and RLAIF in the Intervenable layer. Paper-only techniques
are placed as secondary summaries describe; neither that placement nor their Chinese names have been checked
against the paper itself.

>>> r = climb(["sft", "rlhf", "human_in_the_loop"])
>>> r.stage, r.stage_layer, r.next_layer, r.next_needed
(1, 'approximate', 'intervenable', 1)
>>> [t.id for t in r.next_candidates]
['mech_interp', 'adversarial_drills']
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Final

from ._check import Result, boolean, id_list, number, reject_unknown
from .errors import AI45Error

__all__ = [
    "ASSUMPTIONS",
    "DISCREPANCY",
    "LAYERS",
    "SOURCES",
    "TECHNIQUES",
    "LadderResult",
    "Layer",
    "LayerCoverage",
    "Technique",
    "TechniqueStatus",
    "climb",
    "from_params",
]

# The Chinese Methods page (widgets/hook.py) shows this text instead of the module docstring: the same
# documentation in Chinese, followed there by the docstring's own examples. A line that ends in a backslash
# continues its paragraph, because a line break inside Chinese text shows as a space between characters.
METHODS_ZH: Final = """\
可信AGI的“因果之梯”：一组技术能登上哪一级。

周伯文在 WAIC 2024 的演讲中把通往可信AGI的道路分为三个阶段：泛对齐、可干预和能反思（英文名\
称 Approximate Alignment、Intervenable、Reflectable 取自后来的论文 arXiv 2412.14186）。\
演讲只说这架梯子的名字是为了致敬朱迪亚·珀尔（Judea Pearl）。把各阶段按顺序与珀尔阶梯的各级对应起来——关联（“观察”，\
P(y | x)）、干预（“行动”，P(y | do(x))）和反事实（“想象”，P(y_x | x′, y′)）——是本站的解读：\
演讲说第一阶段依赖相关性，第二阶段靠干预起作用，第三阶段的技术里有反事实推理。

本模块收录一份中英双语的技术目录（``TECHNIQUES``），列出演讲为各阶段点到的技术；\
需要时还可加入 2024 年论文的二手摘要所补充的技术。根据你已采用的技术，它对每一层 L（其目录技术集合为 T_L）计算：

    coverage(L) = |adopted ∩ T_L| / |T_L|
    当 coverage(L) ≥ t，即 |adopted ∩ T_L| ≥ ⌈t · |T_L|⌉ 时，L 达到门槛 t

以及**已达到的阶段**：使第 1 … k 层都达到门槛的最大 k（第一层未达到时为 0）。断层之上的层不计入——梯子不能跳级。\
对于下一级，它列出该层尚未采用的技术，以及还需采用几项。比较时按输入的原样使用门槛（0.1 就是十分之一，\
而不是它的二进制近似值），所以 10 项中采用 1 项即达到 t = 0.1。

前提假设：采用一项技术只是“是/否”的勾选，不衡量做得好不好；同一层内各项技术权重相同；\
门槛由你设定（资料中没有给出）。演讲和后来的论文对某项技术所属层级看法不同时，目录以演讲为准，\
并在 ``paper_layer`` 中记下论文的位置。演讲把“当前最前沿的人类偏好对齐技术”归入第一阶段，但没有点名具体技术；\
它在前文把 SFT、RLHF、RLAIF 和 SuperAlignment 列为把人类偏好传递给模型的方法。因此，\
把这四项算在第一阶段是本站对演讲的解读；据论文的二手摘要，SFT 同样在这一层，RLHF 和 RLAIF 却在可干预层。\
仅见于论文的技术按二手摘要归层；这些归类和它们的中文名称都尚未对照论文原文核实。
"""

SPEECH: Final = "speech"
PAPER: Final = "paper (secondary summary)"

SOURCES: Final[dict[str, dict[str, str]]] = {
    SPEECH: {
        "url": "https://www.freebuf.com/news/405218.html",
        "en": "Zhou Bowen's WAIC 2024 speech, as reported by FreeBuf (4 July 2024)",
        "zh": "周伯文在 2024 世界人工智能大会上的演讲（FreeBuf 报道，2024 年 7 月 4 日）",
    },
    PAPER: {
        "url": "https://arxiv.org/abs/2412.14186",
        "en": "Towards AI-45° Law: A Roadmap to Trustworthy AGI (arXiv 2412.14186); the placement comes from "
              "secondary summaries of the paper and has not been checked against the paper itself",
        "zh": "《Towards AI-45° Law: A Roadmap to Trustworthy AGI》（arXiv 2412.14186）；"
              "技术所属层级取自该论文的二手摘要，尚未对照论文原文核实",
    },
}
"""Where each technique's placement comes from: source tag → URL and description in both languages."""

DISCREPANCY: Final[dict[str, str]] = {
    "en": "The speech puts human-preference alignment in stage 1 (Approximate Alignment) without naming "
          "techniques; this calculator counts there the preference-alignment methods the speech lists earlier "
          "(SFT, RLHF, RLAIF, SuperAlignment), which is our reading. Secondary summaries of the 2024 paper put "
          "SFT there too, but RLHF and RLAIF in the Intervenable layer; the paper's placement is shown per "
          "technique.",
    "zh": "演讲把人类偏好对齐归入第一阶段（泛对齐），但没有点名具体技术；本计算器把演讲前文列举的偏好对齐方法"
          "（SFT、RLHF、RLAIF、SuperAlignment）算在这一层，这是本站的解读。据二手摘要，2024 年的论文同样把 SFT "
          "放在这一层，却把 RLHF 和 RLAIF 放在可干预层；各项技术在论文中的位置逐项标出。",
}
"""The one known disagreement between the speech and the paper, in both languages."""


@dataclass(frozen=True)
class Layer(Result):
    """One layer of the causal ladder and the rung of Pearl's ladder we pair it with (our reading)."""

    id: str
    rank: int
    en: str
    zh: str
    rung_en: str
    rung_zh: str
    verb_en: str
    verb_zh: str
    formula: str
    question_en: str
    question_zh: str
    gloss_en: str
    gloss_zh: str


LAYERS: Final[tuple[Layer, ...]] = (
    Layer("approximate", 1, "Approximate Alignment", "泛对齐", "association", "关联", "seeing", "观察",
          "P(y|x)",
          "What is? What does seeing x tell me about y?",
          "是什么？看到 x，能推断出 y 的什么？",
          "Aligns a model with human preferences through statistical correlation in its training data.",
          "依靠训练数据中的统计相关性，使模型与人类偏好对齐。"),
    Layer("intervenable", 2, "Intervenable", "可干预", "intervention", "干预", "doing", "行动",
          "P(y|do(x))",
          "What if I do x? How does y change when I intervene?",
          "如果我做了 x 会怎样？主动干预之后，y 会如何变化？",
          "Probes and steers the system's causal mechanisms by intervening in it.",
          "通过对 AI 系统进行干预，探究并调控其因果机制。"),
    Layer("reflectable", 3, "Reflectable", "能反思", "counterfactual", "反事实", "imagining", "想象",
          "P(y_x|x′,y′)",
          "What if I had acted differently? Would y still have happened had x been otherwise?",
          "假如当初换一种做法会怎样？如果 x 不同，y 还会发生吗？",
          "The AI system examines the impact and potential risks of its own actions.",
          "AI 系统审视自身行为的影响和潜在风险。"),
)
"""The three layers, bottom rung first."""


@dataclass(frozen=True)
class Technique(Result):
    """A catalogue entry: ``layer`` is where this calculator counts it; ``paper_layer`` is where secondary
    summaries of the 2024 paper put it (``""`` when they do not mention it)."""

    id: str
    layer: str
    en: str
    zh: str
    source: str
    url: str
    paper_layer: str
    note_en: str
    note_zh: str
    en_unofficial: bool
    zh_unofficial: bool


def _speech(tid: str, layer: str, en: str, zh: str, paper_layer: str, note_en: str, note_zh: str,
            *, en_unofficial: bool = False, zh_unofficial: bool = False) -> Technique:
    return Technique(tid, layer, en, zh, SPEECH, SOURCES[SPEECH]["url"], paper_layer, note_en, note_zh,
                     en_unofficial, zh_unofficial)


def _paper(tid: str, layer: str, en: str, zh: str) -> Technique:
    return Technique(tid, layer, en, zh, PAPER, SOURCES[PAPER]["url"], layer,
                     "Placed here by secondary summaries of the 2024 paper, not checked against the paper "
                     "itself; not named in the speech. The Chinese name is our rendering.",
                     "据 2024 年论文的二手摘要归入此层，尚未对照论文原文核实；"
                     "演讲中未提及。中文名称为本站译法。",
                     False, True)


_STAGE1_EN: Final = "The speech lists it among the methods that pass human preferences to models, and puts " \
                    "human-preference alignment in stage 1 without naming techniques: counting it there is our " \
                    "reading."
_STAGE1_ZH: Final = "演讲把它列为把人类偏好传递给模型的方法之一，又把人类偏好对齐归入第一阶段，但没有点名具体技术；" \
                    "把它算在第一阶段是本站的解读。"
_PAPER_RL_EN: Final = " Secondary summaries of the 2024 paper place RLHF and RLAIF (\"learning from X " \
                      "feedback\") in the Intervenable layer instead; not yet checked against the paper " \
                      "itself."
_PAPER_RL_ZH: Final = "据二手摘要，2024 年的论文则把 RLHF 和 RLAIF（“从 X 反馈中学习”）放在可干预层；" \
                      "尚未对照论文原文核实。"

TECHNIQUES: Final[tuple[Technique, ...]] = (
    _speech("sft", "approximate", "supervised fine-tuning (SFT)", "监督式微调（SFT）", "approximate",
            _STAGE1_EN + " Secondary summaries of the 2024 paper also put SFT in Approximate Alignment.",
            _STAGE1_ZH + "据二手摘要，2024 年的论文同样把 SFT 放在泛对齐层。"),
    _speech("rlhf", "approximate", "reinforcement learning from human feedback (RLHF)",
            "人类反馈的强化学习（RLHF）", "intervenable", _STAGE1_EN + _PAPER_RL_EN,
            _STAGE1_ZH + _PAPER_RL_ZH),
    _speech("rlaif", "approximate", "reinforcement learning from AI feedback (RLAIF)",
            "基于 AI 反馈的强化学习（RLAIF）", "intervenable",
            _STAGE1_EN + _PAPER_RL_EN + " The speech gives only the English abbreviation; the Chinese name "
            "is our rendering.",
            _STAGE1_ZH + _PAPER_RL_ZH + "演讲只给出英文缩写，中文名称为本站译法。", zh_unofficial=True),
    _speech("superalignment", "approximate", "SuperAlignment", "超级对齐", "",
            _STAGE1_EN + " The secondary summaries of the 2024 paper available to us do not place it. The "
            "speech gives only the English name; the Chinese name is our rendering.",
            _STAGE1_ZH + "我们手头的 2024 年论文二手摘要未提及它的位置。"
            "演讲只给出英文名称，中文名称为本站译法。",
            zh_unofficial=True),
    _speech("human_in_the_loop", "intervenable", "human-in-the-loop", "人在回路", "",
            "Named in the speech as a stage-2 technique.", "演讲中列为第二阶段的技术。"),
    _speech("mech_interp", "intervenable", "mechanistic interpretability", "机械可解释性", "intervenable",
            "Named in the speech as a stage-2 technique; secondary summaries of the 2024 paper agree.",
            "演讲中列为第二阶段的技术；据二手摘要，2024 年的论文也这样归类。"),
    _speech("adversarial_drills", "intervenable", "adversarial drills", "对抗演练", "",
            "Named in the speech as a stage-2 technique proposed by Shanghai AI Lab. No official English "
            "name was found; \"adversarial drills\" is our rendering.",
            "演讲中列为第二阶段的技术，由上海人工智能实验室提出。未找到官方英文名称，“adversarial drills” "
            "为本站译法。", en_unofficial=True),
    _speech("value_training", "reflectable", "value-based training", "基于价值的训练", "",
            "Named in the speech as a stage-3 technique.", "演讲中列为第三阶段的技术。"),
    _speech("causal_interp", "reflectable", "causal interpretability", "因果可解释性", "",
            "Named in the speech as a stage-3 technique.", "演讲中列为第三阶段的技术。"),
    _speech("counterfactual", "reflectable", "counterfactual reasoning", "反事实推理", "",
            "Named in the speech as a stage-3 technique.", "演讲中列为第三阶段的技术。"),
    _paper("machine_unlearning", "approximate", "machine unlearning", "机器遗忘"),
    _paper("controllable_generation", "intervenable", "controllable generation", "可控生成"),
    _paper("value_reflection", "reflectable", "value reflection", "价值反思"),
    _paper("world_models", "reflectable", "world models", "世界模型"),
    _paper("counterfactual_interp", "reflectable", "counterfactual interpretability", "反事实可解释性"),
)
"""Every technique known to the calculator, speech techniques first, each layer bottom-up."""

_BY_ID: Final = {t.id: t for t in TECHNIQUES}

ASSUMPTIONS: Final[dict[str, tuple[str, ...]]] = {
    "en": (
        "Each technique is a yes/no tick: the tool counts what you say you use, not how well it works.",
        "The threshold is your choice; neither the speech nor the paper sets one.",
        "A layer counts only when every layer below it also meets the threshold: rungs cannot be skipped.",
        "Layers follow the speech; summaries of the 2024 paper place RLHF and RLAIF one rung higher. The speech "
        "says only that the ladder's name honours Judea Pearl: pairing each stage with one of his rungs "
        "(seeing, doing, imagining) is this site's reading.",
        "The stage is a checklist result, not a measurement of how trustworthy a system is.",
    ),
    "zh": (
        "每项技术只按“是否采用”计数：工具统计的是你填写的采用情况，而不是技术实际效果如何。",
        "门槛由你设定；演讲和论文都没有给出具体数值。",
        "只有下面各层都达到门槛，某一层才计入：梯子不能跳级。",
        "层级划分以演讲为准；据 2024 年论文的二手摘要，RLHF 和 RLAIF 被放在高一级。演讲只说“因果之梯”"
        "这个名字是为了致敬朱迪亚·珀尔，把各阶段与珀尔阶梯的各级（观察、行动、想象）一一对应，是本站的解读。",
        "所得阶段只是对照清单的结果，并不衡量一个系统实际有多可信。",
    ),
}

_TEXT: Final[dict[str, dict[str, str]]] = {
    "none": {"en": "Not yet on the ladder", "zh": "尚未登上因果之梯"},
    "reached": {"en": "Stage {stage} of 3 reached: {name}.",
                "zh": "已达到第 {stage} 级（共 3 级）：{name}。"},
    "no_stage": {"en": "No rung reached yet.", "zh": "尚未达到任何一级。"},
    "next": {"en": "Next rung, {name}: adopt {k} more of {items} (threshold {pct}).",
             "zh": "下一级“{name}”：还需从{items}中再采用 {k} 项（门槛 {pct}）。"},
    "top": {"en": "All three rungs are reached.", "zh": "三级均已达到。"},
    "skipped": {"en": "At or above the threshold but not counted until every rung below is reached: {names}.",
                "zh": "以下层级虽已达到门槛，但要等下面各级都达到后才能计入：{names}。"},
    "not_counted": {"en": "Not counted (paper-only; the 2024 paper's techniques are not counted): {items}.",
                    "zh": "未计入（仅见于论文，未勾选“同时计入 2024 年论文二手摘要中补充的技术”）：{items}。"},
}
_JOIN: Final = {"en": ", ", "zh": "、"}

MAX_IDS: Final = 100
"""Most technique ids accepted in one request (the catalogue has 15)."""

_SPLIT: Final = re.compile(r"[,;，；、\s]+")
_CONTROL: Final = re.compile(r"[\x00-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True)
class TechniqueStatus(Result):
    """A technique as shown in a result: id, names, source tag and whether it was adopted."""

    id: str
    en: str
    zh: str
    source: str
    adopted: bool


@dataclass(frozen=True)
class LayerCoverage(Result):
    """Coverage of one layer: ``count`` of ``total`` techniques adopted; ``needed`` is ⌈threshold·total⌉;
    ``counted`` is true when this layer and every layer below it meet the threshold."""

    layer: Layer
    count: int
    total: int
    fraction: float
    needed: int
    meets_threshold: bool
    counted: bool
    techniques: tuple[TechniqueStatus, ...]


@dataclass(frozen=True)
class LadderResult(Result):
    """The stage reached on the causal ladder and what the next rung still needs."""

    stage: int
    stage_layer: str
    stage_en: str
    stage_zh: str
    threshold: float
    include_paper: bool
    adopted: tuple[str, ...]
    not_counted: tuple[str, ...]
    layers: tuple[LayerCoverage, ...]
    next_layer: str
    next_needed: int
    next_candidates: tuple[TechniqueStatus, ...]
    sentence_en: str
    sentence_zh: str
    discrepancy_en: str
    discrepancy_zh: str


def _shown(text: str) -> str:
    return _CONTROL.sub("", text).strip()[:40]


def _normalise(tid: str) -> str:
    return tid.strip().lower().replace("-", "_")


def _pct(threshold: float) -> str:
    return f"{round(threshold * 100, 1):g}%"


def climb(adopted: Iterable[str], /, *, threshold: float = 0.5, include_paper: bool = False) -> LadderResult:
    """Coverage of each ladder layer by the adopted techniques, and the stage reached rung by rung.

    >>> r = climb(["sft", "rlhf", "rlaif", "superalignment", "value_training", "causal_interp"])
    >>> r.stage, [c.meets_threshold for c in r.layers], [c.counted for c in r.layers]
    (1, [True, False, True], [True, False, False])
    >>> climb(["rlfh"])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ai45core.errors.AI45Error: adopted: unknown technique 'rlfh'; known: sft, rlhf, rlaif, ...

    Args:
        adopted: technique ids from ``TECHNIQUES`` (case and ``-``/``_`` ignored; duplicates ignored).
        threshold: fraction of a layer's techniques needed for the layer to count, in (0, 1].
        include_paper: also count the paper-only techniques (placements from secondary summaries).

    Returns:
        LadderResult: per-layer coverage, the stage reached (0–3), the next rung's missing techniques, and a
        sentence in English and Chinese.

    Raises:
        AI45Error: ``unknown_technique`` for an id not in the catalogue; ``out_of_range`` for a threshold
        outside (0, 1].
    """
    if not (isinstance(threshold, int | float) and math.isfinite(threshold) and 0 < threshold <= 1):
        shown = repr(threshold)[:20]
        raise AI45Error("out_of_range", "threshold", en=f"must lie in (0, 1]; got {shown}",
                        zh=f"必须在 (0, 1] 范围内；当前为 {shown}")
    wanted: set[str] = set()
    for raw in adopted:
        tid = _normalise(raw)
        if tid not in _BY_ID:
            known = ", ".join(_BY_ID)
            shown = _shown(raw)
            raise AI45Error("unknown_technique", "adopted", en=f"unknown technique {shown!r}; known: {known}",
                            zh=f"未知的技术 {shown!r}；可用的技术：{known}")
        wanted.add(tid)
    counted_ids = {t.id for t in TECHNIQUES if include_paper or t.source == SPEECH}
    exact = Fraction(repr(float(threshold)))
    coverage: list[LayerCoverage] = []
    below_ok = True
    for layer in LAYERS:
        pool = [t for t in TECHNIQUES if t.layer == layer.id and t.id in counted_ids]
        statuses = tuple(TechniqueStatus(t.id, t.en, t.zh, t.source, t.id in wanted) for t in pool)
        count = sum(s.adopted for s in statuses)
        needed = math.ceil(exact * len(pool))
        meets = count >= needed
        below_ok = below_ok and meets
        coverage.append(LayerCoverage(layer, count, len(pool), count / len(pool), needed, meets, below_ok,
                                      statuses))
    stage = sum(c.counted for c in coverage)
    top = LAYERS[stage - 1] if stage else None
    nxt = coverage[stage] if stage < len(LAYERS) else None
    candidates = tuple(s for s in nxt.techniques if not s.adopted) if nxt else ()
    next_needed = nxt.needed - nxt.count if nxt else 0
    skipped = [c.layer for c in coverage if c.meets_threshold and not c.counted]
    not_counted = tuple(t.id for t in TECHNIQUES if t.id in wanted and t.id not in counted_ids)
    sentence = {}
    for lang in ("en", "zh"):
        def name(item: Layer | Technique | TechniqueStatus, lang: str = lang) -> str:
            return item.en if lang == "en" else item.zh
        parts = [_TEXT["reached"][lang].format(stage=stage, name=name(top)) if top
                 else _TEXT["no_stage"][lang]]
        if nxt:
            items = _JOIN[lang].join(name(s) for s in candidates)
            parts.append(_TEXT["next"][lang].format(name=name(nxt.layer), k=next_needed, items=items,
                                                    pct=_pct(threshold)))
        else:
            parts.append(_TEXT["top"][lang])
        if skipped:
            parts.append(_TEXT["skipped"][lang].format(names=_JOIN[lang].join(name(s) for s in skipped)))
        if not_counted:
            parts.append(_TEXT["not_counted"][lang].format(items=_JOIN[lang].join(name(_BY_ID[t])
                                                                                  for t in not_counted)))
        sentence[lang] = ("" if lang == "zh" else " ").join(parts)
    return LadderResult(
        stage=stage,
        stage_layer=top.id if top else "",
        stage_en=top.en if top else _TEXT["none"]["en"],
        stage_zh=top.zh if top else _TEXT["none"]["zh"],
        threshold=float(threshold),
        include_paper=include_paper,
        adopted=tuple(t.id for t in TECHNIQUES if t.id in wanted),
        not_counted=not_counted,
        layers=tuple(coverage),
        next_layer=nxt.layer.id if nxt else "",
        next_needed=next_needed,
        next_candidates=candidates,
        sentence_en=sentence["en"],
        sentence_zh=sentence["zh"],
        discrepancy_en=DISCREPANCY["en"],
        discrepancy_zh=DISCREPANCY["zh"],
    )


def _read_ids(params: Mapping[str, object], key: str) -> tuple[str, ...]:
    return id_list(params, key, noun={"en": "technique ids", "zh": "技术编号"}, example="sft, rlhf", limit=MAX_IDS)


def from_params(params: Mapping[str, object]) -> LadderResult:
    """Read ``adopted``, ``threshold`` and ``include_paper`` from JSON-style parameters and run :func:`climb`.

    >>> from_params({"adopted": "sft rlhf, RLAIF", "threshold": "0.75"}).stage
    1
    """
    reject_unknown(params, ("adopted", "threshold", "include_paper"))
    adopted = _read_ids(params, "adopted")
    threshold = number(params, "threshold", 0.5, lo=0, hi=1, lo_open=True)
    include_paper = boolean(params, "include_paper", False)
    return climb(adopted, threshold=threshold, include_paper=include_paper)
