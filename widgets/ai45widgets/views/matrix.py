"""The matrix widget: five levels of trustworthy AGI against the three ladder layers (a self-assessment)."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

from ai45core import ladder, matrix
from ai45core.matrix import GridCell, LevelRow, MatrixResult

from ..chart import (
    FONT,
    LINE,
    MUTED,
    NARROW,
    WIDE,
    Anchor,
    Box,
    Canvas,
    figure,
    hit_rect,
    legend,
    line,
    text_width,
    wrap,
)
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


def _cells(keep: Callable[[str], bool]) -> str:
    return ",".join(c for c in matrix.CELLS if keep(c))


def _cell_label(cell: str) -> Text:
    """ "Reasoning trustworthiness × Intervenable": the name a screen reader gives the cell's checkbox."""
    level, _, layer = cell.partition(":")
    return {lang: f"{LEVEL_TEXT[level][lang]} × {LAYER_TEXT[layer][lang]}" for lang in ("en", "zh")}


VIEW: View[MatrixResult] = View(
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


def _status(row: LevelRow) -> str:
    return "status_counted" if row.counted else "status_gap" if row.reached else "status_not"


def _box(state: str, x: float, y: float, w: float, h: float) -> str:
    fill, opacity, stroke, dash = CELL_STYLE[state]
    return "<rect" + attrs(class_=f"ai45-cell ai45-cell-{state}", x=f"{x:.1f}", y=f"{y:.1f}", width=f"{w:.1f}",
                           height=f"{h:.1f}", rx=4, fill=fill, fill_opacity=opacity, stroke=stroke, stroke_width=1.5,
                           stroke_dasharray=dash or None) + "/>"


def _mark(c: Canvas, cell: GridCell, cx: float, cy: float, lang: str) -> None:
    """What is written in a cell: ✓ when marked (plus "extra" when the rule does not need it), "needed"
    when the rule needs it and it is not marked, a dot otherwise."""
    if cell.met:
        extra = cell.state == "extra"
        c.text(cx - 18 if extra else cx, cy + 7, "✓", size=20, bold=True, anchor="middle", fill="#14532d")
        if extra:
            c.text(cx - 4, cy + 5, t(T["extra_word"], lang), fill=MUTED)
    elif cell.state == "missing":
        c.text(cx, cy + 5, t(T["needed_word"], lang), italic=True, anchor="middle", fill="#92400e")
    else:
        c.text(cx, cy + 5, "·", size=14, anchor="middle", fill="#6b7280")


def matrix_svg(r: MatrixResult, *, lang: str, uid: str, variant: str) -> str:
    """The 5 × 3 grid: ✓ in marked cells, "needed" in cells the rule still asks for, each level's status in
    words (beside the row when wide, in its heading when narrow), a dash-dot line under the highest level."""
    wide = variant == "wide"
    width = WIDE if wide else NARROW
    c = Canvas(width, 0.0, uid + variant[0])
    if wide:
        names = [f"{row.level.rank}. {t(LEVEL_TEXT[row.level.id], lang)}" for row in r.levels]
        left = min(200.0, max(100.0, *(text_width(n) + 16 for n in names)))  # long names wrap in two lines
        col_w, row_h, head_h = 104.0, 48.0, 66.0
        status_w = width - left - 3 * col_w - 8
    else:
        left, col_w, row_h, head_h, status_w = 4.0, (width - 8) / 3, 90.0, 66.0, 0.0
    top = 4.0
    for j, la in enumerate(_LAYER_IDS):
        x = left + j * col_w + col_w / 2
        c.text(x, top + 14, t(T["layer_n"], lang).format(n=j + 1), anchor="middle", fill=MUTED)
        for k, part in enumerate(wrap(t(LAYER_TEXT[la], lang), col_w - 4, bold=wide, lines=2)):
            c.text(x, top + 34 + k * FONT * LINE, part, anchor="middle", bold=wide)
    y0 = top + head_h
    for i, (row, cells) in enumerate(zip(r.levels, r.grid, strict=True)):
        y = y0 + i * row_h
        name = f"{row.level.rank}. {t(LEVEL_TEXT[row.level.id], lang)}"
        status = t(T[_status(row)], lang)
        if wide:
            sides: tuple[tuple[list[str], float, Anchor, bool], ...] = (
                (wrap(name, left - 14, lines=2), left - 10, "end", False),
                (wrap(status, status_w - 6, bold=row.counted, lines=2), left + 3 * col_w + 8, "start", row.counted))
            for lines, x, anchor, bold in sides:
                base = y + row_h / 2 + 5 - (len(lines) - 1) * FONT * LINE / 2
                for k, part in enumerate(lines):
                    c.text(x, base + k * FONT * LINE, part, anchor=anchor, bold=bold)
            cy, ch = y + 3, row_h - 6
        else:
            sep = "：" if lang == "zh" else ": "
            for k, part in enumerate(wrap(f"{name}{sep}{status}", width - 8, bold=row.counted, lines=2)):
                c.text(left, y + 18 + k * FONT * LINE, part, bold=row.counted)
            cy, ch = y + 46, row_h - 50
        for j, cell in enumerate(cells):
            x = left + j * col_w
            c.add(_box(cell.state, x + 3, cy, col_w - 6, ch))
            _mark(c, cell, x + col_w / 2, cy + ch / 2, lang)
            box = Box(x + 3, cy, x + col_w - 3, cy + ch)
            hit, ring = hit_rect(box)
            c.tip([f"{t(LEVEL_TEXT[cell.level], lang)} × {t(LAYER_TEXT[cell.layer], lang)}",
                   t(T["state_" + cell.state], lang)], box, hit, ring)
    k = r.highest_level
    if k:
        y = y0 + k * row_h
        c.add(line(2, y, width - 2, y, stroke=MUTED, width=2.5, dash="10 3 2 3", cls="ai45-diag"))
    drawn = {cell.state for row in r.grid for cell in row}
    states = [s_ for s_ in ("met", "extra", "missing", "open") if s_ in drawn]
    symbol = {"met": "✓", "extra": "✓", "missing": "…", "open": "·"}
    items = [(_box(s_, 0, -9, 26, 16) + f'<text x="13" y="4" font-size="13" text-anchor="middle" fill="#14532d">'
              f"{symbol[s_]}</text>", t(T["state_" + s_], lang)) for s_ in states]
    if k:
        items.append((line(0, 0, 26, 0, stroke=MUTED, width=2.5, dash="10 3 2 3", cls="ai45-diag"),
                      t(T["highest_line"], lang)))
    y = legend(c, items, 4, y0 + len(r.levels) * row_h + 26, width - 8, columns=2 if wide else 1)
    c.height = y - 8
    return c.render(title=t(T["chart_title"], lang), desc=t(T["chart_desc"], lang),
                    variant="wide" if wide else "narrow")


_FIRST_SENTENCE = re.compile(r"^(.+?[.。])(\s*)(.*)$", re.S)


def render(r: MatrixResult, params: Mapping[str, str], lang: str) -> Output:
    """Verdict, key figures, the rule (our interpretation), the grid and the per-level table."""
    sentence = r.sentence_zh if lang == "zh" else r.sentence_en
    match = _FIRST_SENTENCE.match(sentence)
    verdict = (f"<strong>{esc(match.group(1))}</strong>{match.group(2)}{esc(match.group(3))}" if match
               else esc(sentence))
    k = r.highest_level
    name = r.highest_zh if lang == "zh" else r.highest_en
    next_needs = len(r.next_missing)
    figures = [
        (t(T["highest"], lang), fmt(k, 0)),
        (t(T["highest_name"], lang), esc(name) if k else esc(t(T["none"], lang))),
        (t(T["n_met"], lang), fmt(len(r.met), 0)),
        (t(T["n_next"], lang), fmt(next_needs, 0) if r.next_level else esc(t(T["none"], lang))),
    ]
    dl = "".join(f'<div><dt>{esc(key)}</dt><dd data-ai45-value="{i}">{v}</dd></div>'
                 for i, (key, v) in enumerate(figures))
    u = uid("matrix", params)
    wide, narrow = (matrix_svg(r, lang=lang, uid=u, variant=v) for v in ("wide", "narrow"))
    sep = "、" if lang == "zh" else ", "

    def layers(ids: Sequence[str]) -> str:
        return esc(sep.join(t(LAYER_TEXT[la], lang) for la in ids)) or esc(t(T["none"], lang))

    def yes(flag: bool) -> str:
        return esc(t(T["yes" if flag else "no"], lang))

    rows = [[f'{row.level.rank}. {esc(t(LEVEL_TEXT[row.level.id], lang))}',
             layers(row.required_layers), layers(row.met_layers),
             layers([c.partition(":")[2] for c in row.missing]), yes(row.reached), yes(row.counted)]
            for row in r.levels]
    head = [esc(t(T[key], lang)) for key in ("level", "needs", "marked", "missing", "reached", "counted")]
    note = r.interpretation_note[lang]
    space = "" if lang == "zh" else " "
    html = (f'<p class="ai45-verdict" data-ai45-verdict="{esc(r.highest_level_id or "none")}">'
            f"{verdict}</p>"
            f'<dl class="ai45-figures">{dl}</dl>'
            f'<p class="ai45-note ai45-rule"><strong>{esc(t(T["rule"], lang))}</strong>{space}{esc(note)}</p>'
            f'<p class="ai45-note">{esc(t(T["judgement"], lang))}</p>'
            f"{figure(wide, narrow)}"
            f'<details class="ai45-data"><summary>{esc(t(UI["data_table"], lang))}</summary>'
            f"{table(esc(t(UI['data_table'], lang)), head, rows)}</details>")
    csv_rows: list[list[object]] = [["rank", "level", *_LAYER_IDS, "layers_needed", "reached", "counted"]]
    for row, cells in zip(r.levels, r.grid, strict=True):
        csv_rows.append([row.level.rank, row.level.id, *(c.state for c in cells),
                         " ".join(row.required_layers), row.reached, row.counted])
    csv_rows.append([])
    csv_rows.append(["highest_level", k, r.highest_level_id])
    csv_rows.append(["rule", "our interpretation of the paper, not its method"])
    return Output(html=html, csv=to_csv(csv_rows), svg=wide, summary=sentence)
