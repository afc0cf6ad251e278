"""The matrix of trustworthy AGI (可信AGI矩阵, our rendering): five levels against three ladder layers.

The 2024 paper (*Towards AI-45° Law*, arXiv 2412.14186) defines five "distinct yet progressive" levels of
trustworthy AGI — perception, reasoning, decision-making, autonomy and collaboration trustworthiness — and
names a *Matrix of Trustworthy AGI* among its keywords. That the matrix crosses the five levels with the three
layers of the causal ladder (Approximate Alignment, Intervenable, Reflectable) comes from secondary summaries
of the paper; its own text was not available to us. A cell is one (level, layer) pair, written
``"<level>:<layer>"``, e.g. ``"reasoning:intervenable"``. You tick the cells you consider met.

**The rule below is our interpretation of the paper, not its method.** Secondary summaries say that
higher levels depend more on the Reflectable layer; the paper's own scoring was not available to us. We turn
that into a simple rule: each level needs its cells met on every layer up to the layer it depends on,

==============  ===============================  =============================================
level           depends on layers up to          cells needed
==============  ===============================  =============================================
perception      Approximate Alignment            perception:approximate
reasoning       Intervenable                     reasoning:approximate, reasoning:intervenable
decision        Intervenable                     decision:approximate, decision:intervenable
autonomy        Reflectable                      all three autonomy cells
collaboration   Reflectable                      all three collaboration cells
==============  ===============================  =============================================

and the **highest level reached** is the largest k such that levels 1 … k are all reached (0 when perception
is not) — as on the ladder, a level above a gap does not count. Cells met beyond a level's needs are shown as
"extra" but change nothing.

ASSUMPTIONS, in plain words: ticking a cell is your judgement, not a test the tool runs; the dependency of
levels on layers is our reading of secondary summaries; the Chinese level names are our rendering (no
official ones were found).

>>> r = assess(["perception:approximate", "reasoning:approximate", "reasoning:intervenable"])
>>> r.highest_level, r.highest_level_id, r.next_missing
(2, 'reasoning', ('decision:approximate', 'decision:intervenable'))
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Final

from ._check import Result, id_list, reject_unknown
from .errors import AI45Error
from .ladder import LAYERS, Layer

__all__ = [
    "ASSUMPTIONS",
    "CELLS",
    "INTERPRETATION_NOTE",
    "LEVELS",
    "GridCell",
    "Level",
    "LevelRow",
    "MatrixResult",
    "assess",
    "from_params",
]

# The Chinese Methods page (widgets/hook.py) shows this text instead of the module docstring: the same
# documentation in Chinese, followed there by the docstring's own examples. A line that ends in a backslash
# continues its paragraph, because a line break inside Chinese text shows as a space between characters.
METHODS_ZH: Final = """\
可信AGI矩阵（本站译名）：五个可信等级与因果之梯三层的交叉。

2024 年的论文（*Towards AI-45° Law*，arXiv 2412.14186）定义了可信AGI的五个“各有侧重、逐级递进”的等级——感知可信、\
推理可信、决策可信、自主可信和协作可信——并把 *Matrix of Trustworthy AGI*（可信AGI矩阵）列为关键词之一。\
说这个矩阵把五个等级与因果之梯的三层（泛对齐、可干预、能反思）交叉，出自论文的二手摘要；\
论文本身的文字我们未能读到。一个格子就是一对（等级, 层），写作 ``"<level>:<layer>"``，\
例如 ``"reasoning:intervenable"``。你勾选自己认为已满足的格子。

**下面的规则是本站对论文的解读，并非论文的方法。** 二手摘要说，等级越高越依赖能反思层；\
论文自己的评分方式我们未能读到。我们把这一点变成一条简单的规则：\
每个等级都要求它在所依赖的那一层及以下各层上的格子都已满足，

========  ====================  =============================================
等级      所依赖的层（及以下）  需要的格子
========  ====================  =============================================
感知可信  泛对齐                perception:approximate
推理可信  可干预                reasoning:approximate, reasoning:intervenable
决策可信  可干预                decision:approximate, decision:intervenable
自主可信  能反思                autonomy 的全部三个格子
协作可信  能反思                collaboration 的全部三个格子
========  ====================  =============================================

而**最高达到的等级**是使第 1 … k 级都达到的最大 k（感知可信未达到时为 0）——和因果之梯一样，断层之上的等级不计入。\
超出某一等级所需的已勾选格子显示为“额外”，但不改变结果。

前提假设：勾选一个格子是你的判断，不是工具运行的测试；各等级依赖哪些层，是本站对二手摘要的解读；\
各等级的中文名称为本站译名（没有找到官方名称）。
"""


@dataclass(frozen=True)
class Level(Result):
    """One of the five levels; ``depends_on`` is the highest ladder layer it needs (our interpretation)."""

    id: str
    rank: int
    en: str
    zh: str
    zh_unofficial: bool
    depends_on: str
    gloss_en: str
    gloss_zh: str


LEVELS: Final[tuple[Level, ...]] = (
    Level("perception", 1, "Perception trustworthiness", "感知可信", True, "approximate",
          "Senses and interprets its inputs accurately and without bias.", "准确、无偏地感知和理解输入。"),
    Level("reasoning", 2, "Reasoning trustworthiness", "推理可信", True, "intervenable",
          "Reasons logically and causally in a transparent, verifiable way.",
          "以透明、可验证的方式进行逻辑和因果推理。"),
    Level("decision", 3, "Decision-making trustworthiness", "决策可信", True, "intervenable",
          "Makes value-aligned, context-aware decisions when acting in the world.",
          "在现实中行动时，做出符合价值观、顾及情境的决策。"),
    Level("autonomy", 4, "Autonomy trustworthiness", "自主可信", True, "reflectable",
          "Keeps to ethical principles and regulates itself when operating alone.",
          "独立运行时恪守伦理原则、自我约束。"),
    Level("collaboration", 5, "Collaboration trustworthiness", "协作可信", True, "reflectable",
          "Works transparently and builds consensus with other agents and with people.",
          "在多智能体协作和人机协作中保持透明、达成共识。"),
)
"""The five levels, lowest first. Glosses follow secondary summaries; Chinese names are our rendering."""

_LAYER_IDS: Final = tuple(layer.id for layer in LAYERS)
_LAYER_RANK: Final = {layer.id: layer.rank for layer in LAYERS}
CELLS: Final[tuple[str, ...]] = tuple(f"{lv.id}:{la}" for lv in LEVELS for la in _LAYER_IDS)
"""All 15 cell ids, level by level, each level's layers bottom-up."""

_LEVEL_ALIASES: Final = {lv.id: lv.id for lv in LEVELS} | {"decision_making": "decision",
                                                            "decisionmaking": "decision"}
_LAYER_ALIASES: Final = {la: la for la in _LAYER_IDS} | {"approximate_alignment": "approximate"}

INTERPRETATION_NOTE: Final[dict[str, str]] = {
    "en": "Our interpretation of the paper, not its method. The 2024 paper (arXiv 2412.14186) defines five "
          "progressive levels of trustworthiness and names a Matrix of Trustworthy AGI among its keywords; "
          "secondary summaries describe the matrix as crossing those levels with the three ladder layers, and "
          "say higher levels depend more on the Reflectable layer. We turn that into a rule: perception needs "
          "Approximate Alignment; reasoning and decision-making need every layer up to Intervenable; "
          "autonomy and collaboration need all three layers; and a level counts only if every level below "
          "it does. The Chinese level names are our rendering.",
    "zh": "这是我们对论文的解读，并非论文本身的方法。2024 年的论文（arXiv 2412.14186）定义了五个递进的可信等级，"
          "并把“可信AGI矩阵”列为关键词；据二手摘要，这个矩阵把五个等级与因果之梯的三层交叉，"
          "而且等级越高越依赖能反思层。我们据此定下一条规则：感知可信需要泛对齐层；"
          "推理可信和决策可信需要泛对齐层和可干预层；自主可信和协作可信需要全部三层；并且只有下面各级都达到，"
          "某一级才计入。各等级的中文名称为本站译法。",
}

ASSUMPTIONS: Final[dict[str, tuple[str, ...]]] = {
    "en": (
        "Ticking a cell is your own judgement; the tool runs no test on any system.",
        "Which layers each level needs is our interpretation of secondary summaries, not the paper's method.",
        "A level counts only if every level below it is reached, as rungs on a ladder.",
        "The Chinese names of the five levels are our rendering; no official ones were found.",
    ),
    "zh": (
        "勾选某一格完全出于你自己的判断；本工具不对任何系统做测试。",
        "每个等级需要哪些层，是我们根据二手摘要作出的解读，并非论文的方法。",
        "像爬梯子一样，只有下面各级都达到，某一级才计入。",
        "五个等级的中文名称为本站译法，未找到官方名称。",
    ),
}

_TEXT: Final[dict[str, dict[str, str]]] = {
    "reached": {"en": "Highest level reached: {k} of 5, {name}.",
                "zh": "最高达到第 {k} 级（共 5 级）：{name}。"},
    "none": {"en": "No level reached yet.", "zh": "尚未达到任何等级。"},
    "next": {"en": "Next, {name} still needs these layers met: {cells}.",
             "zh": "下一级“{name}”还需要满足以下各层：{cells}。"},
    "top": {"en": "All five levels are reached.", "zh": "五个等级均已达到。"},
    "skipped": {"en": "Reached but not counted until every level below is: {names}.",
                "zh": "以下等级本身已满足，但要等下面各级都达到后才计入：{names}。"},
    "none_name": {"en": "none", "zh": "无"},
}
_JOIN: Final = {"en": ", ", "zh": "、"}

MAX_IDS: Final = 100
_SPLIT: Final = re.compile(r"[,;，；、\s]+")
_COLON: Final = re.compile(r"\s*[:：]\s*")
_CONTROL: Final = re.compile(r"[\x00-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True)
class GridCell(Result):
    """One cell for rendering. ``state``: ``met`` (needed and met), ``missing`` (needed, not met), ``extra``
    (met, not needed by the rule) or ``open`` (neither)."""

    id: str
    level: str
    layer: str
    met: bool
    required: bool
    state: str


@dataclass(frozen=True)
class LevelRow(Result):
    """One level: the layers met and needed, the cells missing, and whether it is reached and counted."""

    level: Level
    met_layers: tuple[str, ...]
    required_layers: tuple[str, ...]
    missing: tuple[str, ...]
    reached: bool
    counted: bool


@dataclass(frozen=True)
class MatrixResult(Result):
    """The grid, each level's status, the highest level reached in a row and what the next level needs."""

    met: tuple[str, ...]
    levels: tuple[LevelRow, ...]
    layers: tuple[Layer, ...]
    grid: tuple[tuple[GridCell, ...], ...]
    highest_level: int
    highest_level_id: str
    highest_en: str
    highest_zh: str
    next_level: str
    next_missing: tuple[str, ...]
    sentence_en: str
    sentence_zh: str
    interpretation_note: dict[str, str]


def _cell_id(raw: str) -> str:
    text = _COLON.sub(":", raw.strip().lower().replace("-", "_"))
    level, sep, layer = text.partition(":")
    if sep and level in _LEVEL_ALIASES and layer in _LAYER_ALIASES:
        return f"{_LEVEL_ALIASES[level]}:{_LAYER_ALIASES[layer]}"
    shown = _CONTROL.sub("", raw).strip()[:40]
    raise AI45Error("unknown_cell", "met",
                    en=f"unknown cell {shown!r}; write <level>:<layer> with level one of "
                       f"{', '.join(lv.id for lv in LEVELS)} and layer one of {', '.join(_LAYER_IDS)}",
                    zh=f"未知的格子 {shown!r}；请写成 <等级>:<层>，"
                       f"等级为 {', '.join(lv.id for lv in LEVELS)} 之一，层为 {', '.join(_LAYER_IDS)} 之一")


def assess(met: Iterable[str], /) -> MatrixResult:
    """Which levels of trustworthy AGI the met cells reach, by our documented rule (not the paper's method).

    >>> assess(["perception:approximate", "decision:approximate", "decision:intervenable"]).highest_level
    1
    >>> assess(["perception:fast"])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ai45core.errors.AI45Error: met: unknown cell 'perception:fast'; ...

    Args:
        met: cell ids ``"<level>:<layer>"`` (case, spaces around the colon and ``-``/``_`` ignored;
            ``decision-making`` is accepted for ``decision``; duplicates ignored).

    Returns:
        MatrixResult: the grid for rendering, per-level status, the highest level reached consecutively
        (0–5), the cells the next level still needs, a sentence and the interpretation note in both languages.

    Raises:
        AI45Error: ``unknown_cell`` for an id that is not one of ``CELLS``.
    """
    chosen = {_cell_id(raw) for raw in met}
    rows: list[LevelRow] = []
    grid: list[tuple[GridCell, ...]] = []
    below_ok = True
    for level in LEVELS:
        required = tuple(la for la in _LAYER_IDS if _LAYER_RANK[la] <= _LAYER_RANK[level.depends_on])
        met_layers = tuple(la for la in _LAYER_IDS if f"{level.id}:{la}" in chosen)
        missing = tuple(f"{level.id}:{la}" for la in required if la not in met_layers)
        reached = not missing
        below_ok = below_ok and reached
        rows.append(LevelRow(level, met_layers, required, missing, reached, below_ok))
        cells = []
        for la in _LAYER_IDS:
            is_met, is_req = la in met_layers, la in required
            state = ("met" if is_req else "extra") if is_met else ("missing" if is_req else "open")
            cells.append(GridCell(f"{level.id}:{la}", level.id, la, is_met, is_req, state))
        grid.append(tuple(cells))
    highest = sum(row.counted for row in rows)
    top = LEVELS[highest - 1] if highest else None
    nxt = rows[highest] if highest < len(LEVELS) else None
    skipped = [row.level for row in rows if row.reached and not row.counted]
    layer_by_id = {layer.id: layer for layer in LAYERS}
    sentence = {}
    for lang in ("en", "zh"):
        def name(item: Level | Layer, lang: str = lang) -> str:
            return item.en if lang == "en" else item.zh
        parts = [_TEXT["reached"][lang].format(k=highest, name=name(top)) if top else _TEXT["none"][lang]]
        if nxt:
            cells_text = _JOIN[lang].join(name(layer_by_id[c.partition(":")[2]]) for c in nxt.missing)
            parts.append(_TEXT["next"][lang].format(name=name(nxt.level), cells=cells_text))
        else:
            parts.append(_TEXT["top"][lang])
        if skipped:
            parts.append(_TEXT["skipped"][lang].format(names=_JOIN[lang].join(name(lv) for lv in skipped)))
        sentence[lang] = ("" if lang == "zh" else " ").join(parts)
    return MatrixResult(
        met=tuple(c for c in CELLS if c in chosen),
        levels=tuple(rows),
        layers=LAYERS,
        grid=tuple(grid),
        highest_level=highest,
        highest_level_id=top.id if top else "",
        highest_en=top.en if top else _TEXT["none_name"]["en"],
        highest_zh=top.zh if top else _TEXT["none_name"]["zh"],
        next_level=nxt.level.id if nxt else "",
        next_missing=nxt.missing if nxt else (),
        sentence_en=sentence["en"],
        sentence_zh=sentence["zh"],
        interpretation_note=dict(INTERPRETATION_NOTE),
    )


def _read_cells(params: Mapping[str, object], key: str) -> tuple[str, ...]:
    return id_list(params, key, noun={"en": "cell ids", "zh": "格子编号"}, example="perception:approximate",
                   limit=MAX_IDS, prepare=lambda text: _COLON.sub(":", text.strip()))


def from_params(params: Mapping[str, object]) -> MatrixResult:
    """Read ``met`` (a list of cell ids, or one string separated by commas or spaces) and run :func:`assess`.

    >>> from_params({"met": "perception : approximate, reasoning:approximate"}).highest_level
    1
    """
    reject_unknown(params, ("met",))
    return assess(_read_cells(params, "met"))
