"""The playground's starter examples: what each widget shows, computed through ai45core's public API, and the
examples of the Methods page (the doctests in ai45core's module docstrings) as scripts that print.

A widget example names the widget blocks whose figures it prints (:class:`Shown`: page, key, widget and the
block's parameters). The tests run every example through :func:`ai45widgets.playground.execute` and compare
what it prints with those widgets' figures for the same inputs, and check that the parameters are still the
page's. A Methods example keeps each doctest's expected output (``expected``) and prints it again.

The code is written once, in English. The Chinese version is the same statements with the comments and
printed labels translated (``zh``: English text → Chinese text, applied in order) and ``lang = "zh"``, so a
reader of either language runs exactly the same computation.

>>> zh = EXAMPLES["plane"].code("zh")
>>> zh.count('lang = "zh"'), "from ai45core.plane import balance" in zh
(1, True)
>>> print(EXAMPLES["methods-benchmarks"].code("en").splitlines()[-2])
print((round(r.benchmarks[0].change_points, 1), round(r.benchmarks[0].change_pct, 1)))
"""

from __future__ import annotations

import ast
import builtins
import doctest
import importlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Final, Literal

import ai45core

from .html import Text

__all__ = ["EXAMPLES", "Example", "Shown"]


@dataclass(frozen=True)
class Shown:
    """One widget block an example reproduces: ``key`` is its URL-state name on ``page`` (``plane2`` is the
    page's second plane), ``params`` its block's parameters."""

    page: str
    key: str
    widget: str
    params: Mapping[str, str]


@dataclass(frozen=True)
class Example:
    id: str
    group: Literal["widgets", "more", "methods"]
    title: Text
    source: str
    """The code with English comments and labels (``lang = "en"``)."""
    zh: tuple[tuple[str, str], ...] = ()
    """Replacements that make the Chinese version: (English text, Chinese text), applied in order."""
    shows: tuple[Shown, ...] = ()
    expected: tuple[str, ...] = field(default=())
    """Methods examples: the output each doctest shows, in order."""

    def code(self, lang: str) -> str:
        """The code for a page in ``lang`` ("zh", otherwise English)."""
        if lang != "zh":
            return self.source
        code = self.source
        for en, zh in self.zh:
            code = code.replace(en, zh)
        return code.replace('lang = "en"', 'lang = "zh"')


_LANG_LINE = ('lang = "en"  # "zh" prints the readings in Chinese', 'lang = "zh"  # "en" 会用英文打印读数')
_LAST = ("# the last reading, drawn as the widget draws it", "# 最后一个结果，按组件的方式画出来")

_PLANE = Example(
    "plane", "widgets", {"en": "The plane: the four widgets of “The 45° law”",
                         "zh": "坐标平面：“45°平衡律”页面上的四个组件"},
    '''\
# The four plane widgets on the page "The 45° law": two made-up series, each read on two scales.
# The angle depends on how the axes are scaled, not only on the data.
from ai45core.plane import balance

lang = "en"  # "zh" prints the readings in Chinese

for capability, safety, scale in [
    ([10, 20, 40], [5, 10, 20], "index"),
    ([10, 20, 40], [5, 10, 20], "raw"),
    ([1, 2, 4, 8], [1, 1.1, 1.2, 1.3], "index"),
    ([1, 2, 4, 8], [1, 1.1, 1.2, 1.3], "log"),
]:
    r = balance(capability, safety, scale=scale)
    print(f"{scale} scale: angle {r.angle_deg:.2f}°, {r.verdict_label[lang]}")
    print(f"  long-term deviation: {'yes' if r.sustained else 'no'}; "
          f"safety debt at the end: {r.safety_debt[-1]:.3f}; catch-up pace: {r.catch_up_pace:.3f}")

r  # the last reading, drawn as the widget draws it
''',
    zh=(("# The four plane widgets on the page \"The 45° law\": two made-up series, each read on two scales.\n"
         "# The angle depends on how the axes are scaled, not only on the data.",
         "# “45°平衡律”页面上的四个平面组件：两组虚构的数据，各按两种尺度来读。\n"
         "# 角度不仅取决于数据，也取决于坐标轴的缩放方式。"),
        _LANG_LINE, _LAST,
        ('f"{scale} scale: angle {r.angle_deg:.2f}°, ', 'f"{scale} 尺度：角度 {r.angle_deg:.2f}°，'),
        ("long-term deviation: {'yes' if r.sustained else 'no'}; ", "是否长期偏离：{'是' if r.sustained else '否'}；"),
        ("safety debt at the end: ", "期末安全欠账："), ("; catch-up pace: ", "；每周期需多追的进展：")),
    shows=tuple(Shown("law", key, "plane", {"capability": c, "safety": s, "scale": scale}) for key, c, s, scale in (
        ("plane", "10, 20, 40", "5, 10, 20", "index"), ("plane2", "10, 20, 40", "5, 10, 20", "raw"),
        ("plane3", "1, 2, 4, 8", "1, 1.1, 1.2, 1.3", "index"), ("plane4", "1, 2, 4, 8", "1, 1.1, 1.2, 1.3", "log"))),
)

_INVESTMENT = Example(
    "investment", "widgets", {"en": "Investment: the toy model of “Why the imbalance”",
                              "zh": "资源分配：“失衡从何而来”页面上的玩具模型"},
    '''\
# The toy model on the page "Why the imbalance": 1% of the resources go to safety and 99% to capability.
# Both turn resources into progress with the same diminishing returns (power returns, alpha = 0.5).
# A model for thinking, not a measurement.
from ai45core.investment import split

lang = "en"  # "zh" prints the readings in Chinese

r = split(0.01, returns="power", alpha=0.5, efficiency=1)
print(f"angle: {r.angle_deg:.2f}°, {r.verdict_label[lang]}")
print(f"share of resources for safety: {r.safety_share:.2%}")
print(f"share that would give 45°: {r.balanced_safety_share:.2%}")
print(f"capability progress: {r.capability_progress:.3f}; safety progress: {r.safety_progress:.3f}")

r  # the last reading, drawn as the widget draws it
''',
    zh=(("# The toy model on the page \"Why the imbalance\": 1% of the resources go to safety and 99% to capability.\n"
         "# Both turn resources into progress with the same diminishing returns (power returns, alpha = 0.5).\n"
         "# A model for thinking, not a measurement.",
         "# “失衡从何而来”页面上的玩具模型：1% 的资源投入安全，99% 投入能力。\n"
         "# 两边把资源变成进展时，收益递减的方式相同（幂函数收益，alpha = 0.5）。\n"
         "# 这是帮助思考的模型，不是测量结果。"),
        _LANG_LINE, _LAST,
        ('f"angle: {r.angle_deg:.2f}°, ', 'f"角度：{r.angle_deg:.2f}°，'),
        ("share of resources for safety: ", "投入安全的资源占比："),
        ("share that would give 45°: ", "达到 45° 所需的占比："), ("capability progress: ", "能力进展："),
        ("; safety progress: ", "；安全进展：")),
    shows=(Shown("imbalance", "investment", "investment",
                 {"safety_share": "0.01", "returns": "power", "alpha": "0.5", "efficiency": "1"}),),
)

_LADDER = Example(
    "ladder", "widgets", {"en": "The causal ladder: the stage reached", "zh": "因果之梯：达到了哪一阶段"},
    '''\
# The ladder widget on the page "The causal ladder": four techniques ticked as adopted.
# A layer counts when at least half of its techniques are adopted, and only if every layer below counts.
from ai45core.ladder import climb

lang = "en"  # "zh" prints the readings in Chinese

r = climb(["sft", "rlhf", "rlaif", "human_in_the_loop"], threshold=0.5)
print(f"stage reached: {r.stage}")
for c in r.layers:
    name = c.layer.zh if lang == "zh" else c.layer.en
    print(f"  {name}: {c.fraction:.0%} of its techniques adopted")
print(f"techniques still needed for the next stage: {r.next_needed}")

r  # the last reading, drawn as the widget draws it
''',
    zh=(("# The ladder widget on the page \"The causal ladder\": four techniques ticked as adopted.\n"
         "# A layer counts when at least half of its techniques are adopted, and only if every layer below counts.",
         "# “因果之梯”页面上的阶梯组件：勾选了四项已采用的技术。\n"
         "# 某一层的技术至少采用一半才算达到，而且下面各层都达到了，这一层才计入。"),
        _LANG_LINE, _LAST,
        ("stage reached: ", "达到的阶段："),
        ('f"  {name}: {c.fraction:.0%} of its techniques adopted"', 'f"  {name}：已采用该层 {c.fraction:.0%} 的技术"'),
        ("techniques still needed for the next stage: ", "进入下一阶段还需采用的技术数：")),
    shows=(Shown("ladder", "ladder", "ladder", {"adopted": "sft, rlhf, rlaif, human_in_the_loop"}),),
)

_PAVLOV = Example(
    "pavlov", "widgets", {"en": "Pavlov's dog: seeing is not doing", "zh": "巴甫洛夫的狗：观察不等于行动"},
    '''\
# Pavlov's dog on the page "The causal ladder". In training, food comes half the time; the bell rings
# before food 90% of the time and without food 10% of the time. Then someone rings the bell at will.
from ai45core.pavlov import pavlov

r = pavlov(base_rate=0.5, p_bell_given_food=0.9, p_bell_given_no_food=0.1, p_ring=0.5)
print(f"seeing, P(food | bell heard): {r.p_food_given_bell:.1%}")
print(f"doing, P(food | do(bell)): {r.p_food_do_bell:.1%}")
print(f"errors when the bell is rung at will: correlation only {r.error_correlation:.1%}, "
      f"causal {r.error_causal:.1%}")
print(f"errors of the correlation-only dog in training: {r.correlation.train_error:.1%}")

r  # the last reading, drawn as the widget draws it
''',
    zh=(("# Pavlov's dog on the page \"The causal ladder\". In training, food comes half the time; the bell rings\n"
         "# before food 90% of the time and without food 10% of the time. Then someone rings the bell at will.",
         "# “因果之梯”页面上的巴甫洛夫的狗。训练时，一半的时候有食物；有食物时 90% 会先响铃，\n"
         "# 没有食物时 10% 会响铃。之后，有人随意摇铃。"),
        _LAST,
        ("seeing, P(food | bell heard): ", "观察：P(食物 | 听到铃声) = "),
        ("doing, P(food | do(bell)): ", "行动：P(食物 | do(摇铃)) = "),
        ("errors when the bell is rung at will: correlation only ", "随意摇铃时的出错率：只看相关 "),
        ("%}, \"\n      f\"causal {", "%}，\"\n      f\"按因果 {"),
        ("errors of the correlation-only dog in training: ", "只看相关的狗在训练中的出错率：")),
    shows=(Shown("ladder", "pavlov", "pavlov", {"base_rate": "0.5", "p_bell_given_food": "0.9",
                                                "p_bell_given_no_food": "0.1", "p_ring": "0.5"}),),
)

_ZONES = Example(
    "zones", "widgets", {"en": "Red and yellow lines: three example domains", "zh": "红线与黄线：三个示例领域"},
    '''\
# The zones widget on the page "Red and yellow lines": three made-up risk domains, each with its own
# lines (name, score, yellow line, red line). A score exactly on a line counts as reaching it.
from ai45core.zones import classify

lang = "en"  # "zh" prints the readings in Chinese

r = classify([
    ("example A", 30, 40, 70),
    ("example B", 55, 40, 70),
    ("example C", 55, 30, 50),
])
for d in r.domains:
    zone = d.zone_zh if lang == "zh" else d.zone_en
    print(f"  {d.name}: score {d.score:g}, lines {d.yellow:g} and {d.red:g}: {zone}")
print(f"overall: {r.overall_zh if lang == 'zh' else r.overall_en}")
print(f"green: {r.counts['green']}, yellow: {r.counts['yellow']}, red: {r.counts['red']}; "
      f"domains: {len(r.domains)}")

r  # the last reading, drawn as the widget draws it
''',
    zh=(("# The zones widget on the page \"Red and yellow lines\": three made-up risk domains, each with its own\n"
         "# lines (name, score, yellow line, red line). A score exactly on a line counts as reaching it.",
         "# “红线与黄线”页面上的分区组件：三个虚构的风险领域，各有自己的两条线\n"
         "#（名称、分数、黄线、红线）。分数恰好落在线上，算作达到这条线。"),
        _LANG_LINE, _LAST,
        (": score {d.score:g}, lines {d.yellow:g} and {d.red:g}: ",
         "：分数 {d.score:g}，两条线 {d.yellow:g} 和 {d.red:g}："),
        ('f"overall: ', 'f"总体：'), ('f"green: ', 'f"绿区：'), (", yellow: ", "，黄区："), (", red: ", "，红区："),
        ("; \"\n      f\"domains: ", "；\"\n      f\"领域数：")),
    shows=(Shown("lines", "zones", "zones",
                 {"domains": "example A, 30, 40, 70\nexample B, 55, 40, 70\nexample C, 55, 30, 50"}),),
)

_MATRIX = Example(
    "matrix", "widgets",
    {"en": "The matrix of trustworthy AGI: the highest level", "zh": "可信AGI矩阵：达到的最高等级"},
    '''\
# The matrix widget on the page "Five levels": three cells ticked. Its rule (which layers each level needs)
# is this site's own interpretation of the paper's idea, not the paper's method.
from ai45core.matrix import assess

lang = "en"  # "zh" prints the readings in Chinese

r = assess(["perception:approximate", "perception:intervenable", "reasoning:approximate"])
print(f"highest level reached: {r.highest_level}, {r.highest_zh if lang == 'zh' else r.highest_en}")
print(f"cells ticked: {len(r.met)}")
print(f"cells still missing for the next level: {len(r.next_missing)}")

r  # the last reading, drawn as the widget draws it
''',
    zh=(("# The matrix widget on the page \"Five levels\": three cells ticked. Its rule (which layers each level"
         " needs)\n# is this site's own interpretation of the paper's idea, not the paper's method.",
         "# “可信AGI的五个等级”页面上的矩阵组件：勾选了三个格子。其中的规则（每一级需要哪些层）\n"
         "# 是本站对论文思路的解读，不是论文本身的方法。"),
        _LANG_LINE, _LAST,
        ("highest level reached: {r.highest_level}, ", "达到的最高等级：{r.highest_level}，"),
        ("cells ticked: ", "已勾选的格子数："),
        ("cells still missing for the next level: ", "下一级还缺的格子数：")),
    shows=(Shown("levels", "matrix", "matrix",
                 {"met": "perception:approximate, perception:intervenable, reasoning:approximate"}),),
)

_BENCHMARKS = Example(
    "benchmarks", "widgets", {"en": "SafeWork-R1's published scores", "zh": "SafeWork-R1 公布的分数"},
    '''\
# The two benchmark widgets on the case-study page: the safety table and the value table of SafeWork-R1's
# model card, base model (before) against SafeWork-R1 (after).
from ai45core.benchmarks import SAFEWORK_SAFETY, SAFEWORK_VALUES, compare

lang = "en"  # "zh" prints the readings in Chinese

for table in (SAFEWORK_SAFETY, SAFEWORK_VALUES):
    before, after = table.rows[table.before_model], table.rows[table.after_model]
    r = compare(before, after, names=table.names, preset=table.key)
    print(table.title[lang])
    print(f"  average score: {r.mean_before:.3f} → {r.mean_after:.3f} ({r.mean_change_points:+.3f} points)")
    print(f"  relative change of the average: {r.change_of_mean_pct:+.2f}%")
    print(f"  average of the relative changes: {r.mean_of_changes_pct:+.2f}%")
    print(f"  benchmarks that fell: {len(r.fell)}", *r.fell)
    print(f"  angle: {r.angle_deg} (no capability gain was given, so there is no angle)")

r  # the last reading, drawn as the widget draws it
''',
    zh=(("# The two benchmark widgets on the case-study page: the safety table and the value table of SafeWork-R1's\n"
         "# model card, base model (before) against SafeWork-R1 (after).",
         "# 案例页面上的两个基准组件：SafeWork-R1 模型卡中的安全表和价值观表，\n"
         "# 基座模型（之前）对比 SafeWork-R1（之后）。"),
        _LANG_LINE, _LAST,
        ("  angle: {r.angle_deg} (no capability gain was given, so there is no angle)",
         "  角度：{r.angle_deg}（没有给出能力增量，所以没有角度）"),
        ("  average score: ", "  平均分："),
        (" ({r.mean_change_points:+.3f} points)", "（{r.mean_change_points:+.3f} 分）"),
        ("  relative change of the average: ", "  平均分的相对变化："),
        ("  average of the relative changes: ", "  各项相对变化的平均："),
        ("  benchmarks that fell: ", "  下降的测试项数：")),
    shows=(Shown("safework-r1", "benchmarks", "benchmarks", {"preset": "safework_safety"}),
           Shown("safework-r1", "benchmarks2", "benchmarks", {"preset": "safework_values"})),
)

_ERROR = Example(
    "error", "more", {"en": "When ai45core refuses a value", "zh": "当 ai45core 拒绝某个取值时"},
    '''\
# ai45core refuses values it cannot use and says why. Run this: the console shows the line that failed
# and the reason. Then give safety a fourth value and run it again.
from ai45core.plane import balance

balance([1, 2, 4, 8], [1, 1.1, 1.2])
''',
    zh=(("# ai45core refuses values it cannot use and says why. Run this: the console shows the line that failed\n"
         "# and the reason. Then give safety a fourth value and run it again.",
         "# ai45core 会拒绝它无法使用的取值，并说明原因。运行这段代码：输出区会显示出错的那一行和原因。\n"
         "# 然后给安全补上第四个数值，再运行一次。"),),
)


def _methods_example(name: str) -> Example:
    """The doctests of ``ai45core.<name>``'s module docstring (the Methods page's examples) as a script: an
    example with an expected output becomes a ``print``, followed by that output as a comment."""
    module = importlib.import_module(f"ai45core.{name}")
    examples = doctest.DocTestParser().get_examples(module.__doc__ or "")
    lines: list[str] = []
    expected: list[str] = []
    for ex in examples:
        source = ex.source.rstrip("\n")
        if ex.want:
            node = ast.parse(source).body[0]
            assert isinstance(node, ast.Expr), f"{name}: a doctest with output must be an expression: {source}"
            if isinstance(node.value, ast.Tuple):
                source = f"print(({source}))"  # a tuple prints as its repr, as the doctest shows it
            elif ex.want.startswith(("'", '"')):
                source = f"print(repr({source}))"
            else:
                source = f"print({source})"
            expected.append(ex.want.rstrip("\n"))
            lines += [source, *(f"# → {w}" for w in ex.want.rstrip("\n").splitlines())]
        else:
            lines.append(source)
    assigned = {n.id for n in ast.walk(ast.parse("\n".join(lines))) if isinstance(n, ast.Name)
                and isinstance(n.ctx, ast.Store)}
    used = sorted({n.id for n in ast.walk(ast.parse("\n".join(lines))) if isinstance(n, ast.Name)
                   and n.id not in assigned and hasattr(module, n.id) and not hasattr(builtins, n.id)})
    head = (f"# The examples on the Methods page for ai45core.{name}, from its documentation.\n"
            "# Each print shows what the page shows after “→”.\n"
            f"from ai45core.{name} import {', '.join(used)}\n\n")
    zh_head = (f"# “计算方法”页面上 ai45core.{name} 的示例，取自它的文档。\n"
               "# 每个 print 的输出与页面上“→”后面的内容相同。")
    en_head = "\n".join(head.splitlines()[:2])
    title = {"en": f"Methods: ai45core.{name}", "zh": f"计算方法：ai45core.{name}"}
    return Example(f"methods-{name}", "methods", title, head + "\n".join(lines) + "\n", zh=((en_head, zh_head),),
                   expected=tuple(expected))


EXAMPLES: Final[dict[str, Example]] = {ex.id: ex for ex in (
    _PLANE, _INVESTMENT, _LADDER, _PAVLOV, _ZONES, _MATRIX, _BENCHMARKS, _ERROR,
    *(_methods_example(name) for name in ai45core.NAMES),
)}
"""Every example, by id, in the order of the picker; the first is the one the page opens with."""
