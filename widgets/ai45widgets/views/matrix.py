"""The matrix widget: five levels of trustworthy AGI against the three ladder layers (a self-assessment)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ai45core import ladder, matrix

from ..html import Text, attrs, esc, fmt, t, table
from ..spec import Field, Output, Preset, View
from ..ui import UI
from ._util import to_csv, uid

T = {
    "title": {"en": "The matrix of trustworthy AGI: which levels do your marks reach?",
              "zh": "可信AGI矩阵：你的勾选达到了哪一级？"},
    "met": {"en": "Cells you consider met (level × ladder layer)",
            "zh": "你认为已满足的格子（等级 × 因果之梯的层）"},
    "met_hint": {
        "en": "Tick a cell when you judge that this layer of the causal ladder is in place for this level of "
              "trust. The marks are your judgement; the tool tests nothing.",
        "zh": "如果你判断某个可信等级已具备因果之梯某一层的能力，就勾选对应的格子。"
              "勾选完全出于你的判断；本工具不做任何测试。"},
    "highest": {"en": "Highest level reached (of 5)", "zh": "最高达到的等级（共 5 级）"},
    "highest_name": {"en": "That level", "zh": "对应等级"},
    "n_met": {"en": "Cells marked (of 15)", "zh": "已勾选的格子（共 15 个）"},
    "n_next": {"en": "Cells the next level still needs", "zh": "下一级还缺的格子"},
    "rule": {"en": "The rule used here:", "zh": "这里用的判定规则："},
    "judgement": {
        "en": "Every mark is your own judgement. The tool tests no AI system; it reads your marks back to "
              "you in a structured way.",
        "zh": "每一处勾选都出于你自己的判断。本工具不测试任何 AI 系统，"
              "只是把你的勾选有条理地呈现出来。"},
    "level": {"en": "Level", "zh": "等级"},
    "needs": {"en": "Layers it needs (our rule)", "zh": "所需的层（我们的规则）"},
    "marked": {"en": "Layers marked", "zh": "已勾选的层"},
    "missing": {"en": "Still missing", "zh": "尚缺"},
    "reached": {"en": "Its cells met?", "zh": "本级格子已满足？"},
    "counted": {"en": "Counted?", "zh": "是否计入？"},
    "yes": {"en": "yes", "zh": "是"},
    "no": {"en": "no", "zh": "否"},
    "none": {"en": "—", "zh": "—"},
    "status_counted": {"en": "✓ reached", "zh": "✓ 已达到"},
    "status_gap": {"en": "met, gap below", "zh": "已满足，下方有断层"},
    "status_not": {"en": "not reached", "zh": "未达到"},
    "state_met": {"en": "marked, needed by the rule", "zh": "已勾选，规则要求"},
    "state_extra": {"en": "marked, not needed by the rule", "zh": "已勾选，规则不要求"},
    "state_missing": {"en": "needed by the rule, not marked", "zh": "规则要求，尚未勾选"},
    "state_open": {"en": "not marked, not needed", "zh": "未勾选，也不要求"},
    "needed_word": {"en": "needed", "zh": "需要"},
    "extra_word": {"en": "extra", "zh": "额外"},
    "chart_title": {"en": "Matrix of trustworthy AGI: your marks", "zh": "可信AGI矩阵：你的勾选"},
    "chart_desc": {
        "en": "Rows are the five levels of trust, columns the three ladder layers. A tick marks a cell you "
              "consider met; \"needed\" marks a cell our rule still requires.",
        "zh": "行是五个可信等级，列是因果之梯的三层。✓ 表示你认为已满足的格子；"
              "“需要”表示按我们的规则尚缺的格子。"},
    "highest_line": {"en": "the line under the highest level reached", "zh": "最高达到的等级之下的分界线"},
    "layer_n": {"en": "layer {n}", "zh": "第 {n} 层"},
    "preset_start": {"en": "Starting marks (made up for the exercise)", "zh": "初始勾选（为练习而设）"},
    "preset_gap": {"en": "Autonomy marked, levels below empty (illustrative)",
                   "zh": "只勾自主可信，下面各级空着（示意）"},
    "preset_reflect": {"en": "Only the Reflectable column (illustrative)", "zh": "只勾“能反思”一列（示意）"},
    "preset_all": {"en": "Every cell marked", "zh": "全部勾选"},
    "preset_none": {"en": "Nothing marked", "zh": "全部不勾"},
}

LEVEL_TEXT: dict[str, Text] = {lv.id: {"en": lv.en, "zh": lv.zh} for lv in matrix.LEVELS}
LAYER_TEXT: dict[str, Text] = {la.id: {"en": la.en, "zh": la.zh} for la in ladder.LAYERS}
_LAYER_IDS = tuple(la.id for la in ladder.LAYERS)

DEFAULT_MET = "perception:approximate,perception:intervenable,reasoning:approximate"


def _cells(keep: Any) -> str:
    return ",".join(c for c in matrix.CELLS if keep(c))


def _cell_label(cell: str) -> Text:
    """ "Reasoning trustworthiness × Intervenable": the name a screen reader gives the cell's checkbox."""
    level, _, layer = cell.partition(":")
    return {lang: f"{LEVEL_TEXT[level][lang]} × {LAYER_TEXT[layer][lang]}" for lang in ("en", "zh")}


VIEW = View(
    name="matrix",
    title=T["title"],
    fields=(
        Field("met", "checks", T["met"], T["met_hint"],
              options=tuple((cell, _cell_label(cell)) for cell in matrix.CELLS),
              grid=(tuple({lang: f"{lv.rank}. {LEVEL_TEXT[lv.id][lang]}" for lang in ("en", "zh")}
                          for lv in matrix.LEVELS),
                    tuple(LAYER_TEXT[la] for la in _LAYER_IDS))),
    ),
    defaults={"met": DEFAULT_MET},
    presets=(
        Preset("start", T["preset_start"], {"met": DEFAULT_MET}),
        Preset("gap", T["preset_gap"], {"met": _cells(lambda c: c.startswith("autonomy:"))}),
        Preset("reflect", T["preset_reflect"], {"met": _cells(lambda c: c.endswith(":reflectable"))}),
        Preset("all", T["preset_all"], {"met": ",".join(matrix.CELLS)}),
        Preset("none", T["preset_none"], {"met": ""}),
    ),
    render=lambda result, params, lang: render(result, params, lang),
    assumptions=matrix.ASSUMPTIONS,
)

# cell state → (fill, fill opacity, stroke, dash): the symbol and word in the cell carry the meaning too.
CELL_STYLE = {
    "met": ("#1b7f3b", "0.22", "#1b7f3b", ""),
    "extra": ("#1b7f3b", "0.08", "#1b7f3b", "2 3"),
    "missing": ("#ffffff", "0", "#b45309", "6 3"),
    "open": ("#6b7280", "0.06", "#9ca3af", ""),
}
_DIAG = 'stroke="#374151" stroke-width="2.5" stroke-dasharray="10 3 2 3"'
_TEXT = 'font-size="12" fill="#111827"'


def _status(row: Mapping[str, Any]) -> str:
    return "status_counted" if row["counted"] else "status_gap" if row["reached"] else "status_not"


def _box(state: str, x: float, y: float, w: float, h: float) -> str:
    fill, opacity, stroke, dash = CELL_STYLE[state]
    return "<rect" + attrs(class_=f"ai45-cell ai45-cell-{state}", x=x, y=y, width=w, height=h, rx=4,
                           fill=fill, fill_opacity=opacity, stroke=stroke, stroke_width=1.5,
                           stroke_dasharray=dash or None) + "/>"


def _mark(cell: Mapping[str, Any], cx: float, cy: float, lang: str) -> str:
    """What is written in a cell: ✓ when marked (plus "extra" when the rule does not need it), "needed"
    when the rule needs it and it is not marked, a dot otherwise."""
    if cell["met"]:
        tick = (f'<text x="{cx:.1f}" y="{cy + 7:.1f}" font-size="20" font-weight="bold" text-anchor="middle" '
                'fill="#14532d">✓</text>')
        if cell["state"] == "extra":
            tick += (f'<text x="{cx + 16:.1f}" y="{cy + 4:.1f}" font-size="10" fill="#374151">'
                     f"{esc(t(T['extra_word'], lang))}</text>")
        return tick
    if cell["state"] == "missing":
        return (f'<text x="{cx:.1f}" y="{cy + 4:.1f}" font-size="11" font-style="italic" '
                f'text-anchor="middle" fill="#92400e">{esc(t(T["needed_word"], lang))}</text>')
    return f'<text x="{cx:.1f}" y="{cy + 4:.1f}" font-size="14" text-anchor="middle" fill="#6b7280">·</text>'


def matrix_chart(r: Mapping[str, Any], *, lang: str, uid: str) -> str:
    """The 5 × 3 grid: ✓ in marked cells, "needed" in cells the rule still asks for, each level's status in
    words on the right, and a dash-dot line under the highest level reached."""
    left, col_w, row_h, top, status_w = 200.0, 125.0, 44.0, 40.0, 130.0
    grid_w = col_w * len(_LAYER_IDS)
    parts = []
    for j, la in enumerate(_LAYER_IDS):
        x = left + j * col_w + col_w / 2
        parts.append(f'<text x="{x:.1f}" y="{top - 22}" font-size="11" text-anchor="middle" fill="#374151">'
                     f'{esc(t(T["layer_n"], lang).format(n=j + 1))}</text>'
                     f'<text x="{x:.1f}" y="{top - 8}" font-weight="bold" text-anchor="middle" {_TEXT}>'
                     f"{esc(t(LAYER_TEXT[la], lang))}</text>")
    for i, (row, cells) in enumerate(zip(r["levels"], r["grid"], strict=True)):
        y = top + i * row_h
        level = row["level"]
        parts.append(f'<text x="{left - 10}" y="{y + row_h / 2 + 4:.1f}" text-anchor="end" {_TEXT}>'
                     f'{level["rank"]}. {esc(t(LEVEL_TEXT[level["id"]], lang))}</text>')
        for j, cell in enumerate(cells):
            x = left + j * col_w
            parts.append(_box(cell["state"], x + 3, y + 3, col_w - 6, row_h - 6)
                         + _mark(cell, x + col_w / 2, y + row_h / 2, lang))
        weight = "bold" if row["counted"] else "normal"
        parts.append(f'<text x="{left + grid_w + 10}" y="{y + row_h / 2 + 4:.1f}" font-weight="{weight}" '
                     f"{_TEXT}>{esc(t(T[_status(row)], lang))}</text>")
    k = int(r["highest_level"])
    if k:
        y = top + k * row_h
        parts.append(f'<line class="ai45-diag" x1="{left - 195}" y1="{y:.1f}" '
                     f'x2="{left + grid_w + status_w:.1f}" y2="{y:.1f}" {_DIAG}/>')
    # Legend: shape, symbol and words for each cell state, then the line.
    ly = top + len(r["levels"]) * row_h + 22
    for n, state in enumerate(("met", "extra", "missing", "open")):
        x = 10 + (n % 2) * 330
        y = ly + (n // 2) * 24
        symbol = {"met": "✓", "extra": "✓", "missing": "…", "open": "·"}[state]
        parts.append(_box(state, x, y - 13, 30, 18)
                     + f'<text x="{x + 15}" y="{y + 1}" font-size="13" text-anchor="middle" fill="#14532d">'
                     f"{symbol}</text>"
                     f'<text x="{x + 38}" y="{y}" {_TEXT}>{esc(t(T["state_" + state], lang))}</text>')
    y = ly + 2 * 24
    parts.append(f'<line class="ai45-diag" x1="10" y1="{y - 4}" x2="40" y2="{y - 4}" {_DIAG}/>'
                 f'<text x="48" y="{y}" {_TEXT}>{esc(t(T["highest_line"], lang))}</text>')
    height = y + 12
    width = left + grid_w + status_w
    title, desc = t(T["chart_title"], lang), t(T["chart_desc"], lang)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="ai45-chart" viewBox="0 0 {width:.0f} '
            f'{height:.0f}" role="img" aria-labelledby="ai45-t-{uid} ai45-d-{uid}" font-family="sans-serif">'
            f'<title id="ai45-t-{uid}">{esc(title)}</title><desc id="ai45-d-{uid}">{esc(desc)}</desc>'
            + "".join(parts) + "</svg>")


_FIRST_SENTENCE = re.compile(r"^(.+?[.。])(\s*)(.*)$", re.S)


def render(r: dict[str, Any], params: Mapping[str, str], lang: str) -> Output:
    """Verdict, key figures, the rule (our interpretation), the grid and the per-level table."""
    sentence = str(r["sentence_zh"] if lang == "zh" else r["sentence_en"])
    match = _FIRST_SENTENCE.match(sentence)
    verdict = (f"<strong>{esc(match.group(1))}</strong>{match.group(2)}{esc(match.group(3))}" if match
               else esc(sentence))
    k = int(r["highest_level"])
    name = r["highest_zh"] if lang == "zh" else r["highest_en"]
    next_needs = len(r["next_missing"])
    figures = [
        (t(T["highest"], lang), fmt(k, 0)),
        (t(T["highest_name"], lang), esc(name) if k else esc(t(T["none"], lang))),
        (t(T["n_met"], lang), fmt(len(r["met"]), 0)),
        (t(T["n_next"], lang), fmt(next_needs, 0) if r["next_level"] else esc(t(T["none"], lang))),
    ]
    dl = "".join(f'<div><dt>{esc(key)}</dt><dd data-ai45-value="{i}">{v}</dd></div>'
                 for i, (key, v) in enumerate(figures))
    svg = matrix_chart(r, lang=lang, uid=uid("matrix", params))
    sep = "、" if lang == "zh" else ", "

    def layers(ids: list[str]) -> str:
        return esc(sep.join(t(LAYER_TEXT[la], lang) for la in ids)) or esc(t(T["none"], lang))

    def yes(flag: bool) -> str:
        return esc(t(T["yes" if flag else "no"], lang))

    rows = [[f'{row["level"]["rank"]}. {esc(t(LEVEL_TEXT[row["level"]["id"]], lang))}',
             layers(row["required_layers"]), layers(row["met_layers"]),
             layers([c.partition(":")[2] for c in row["missing"]]), yes(row["reached"]), yes(row["counted"])]
            for row in r["levels"]]
    head = [esc(t(T[key], lang)) for key in ("level", "needs", "marked", "missing", "reached", "counted")]
    note = r["interpretation_note"][lang]
    space = "" if lang == "zh" else " "
    html = (f'<p class="ai45-verdict" data-ai45-verdict="{esc(r["highest_level_id"] or "none")}">'
            f"{verdict}</p>"
            f'<dl class="ai45-figures">{dl}</dl>'
            f'<p class="ai45-note ai45-rule"><strong>{esc(t(T["rule"], lang))}</strong>{space}{esc(note)}</p>'
            f'<p class="ai45-note">{esc(t(T["judgement"], lang))}</p>'
            f'<figure class="ai45-figure ai45-figure-wide">{svg}</figure>'
            f'<details class="ai45-data"><summary>{esc(t(UI["data_table"], lang))}</summary>'
            f"{table(esc(t(UI['data_table'], lang)), head, rows)}</details>")
    csv_rows: list[list[object]] = [["rank", "level", *_LAYER_IDS, "layers_needed", "reached", "counted"]]
    for row, cells in zip(r["levels"], r["grid"], strict=True):
        csv_rows.append([row["level"]["rank"], row["level"]["id"], *(c["state"] for c in cells),
                         " ".join(row["required_layers"]), row["reached"], row["counted"]])
    csv_rows.append([])
    csv_rows.append(["highest_level", k, r["highest_level_id"]])
    csv_rows.append(["rule", "our interpretation of the paper, not its method"])
    return Output(html=html, csv=to_csv(csv_rows), svg=svg, summary=sentence)
