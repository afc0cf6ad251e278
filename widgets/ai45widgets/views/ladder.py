"""The ladder widget: the rung of the causal ladder (泛对齐 → 可干预 → 能反思) that techniques reach."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ai45core import ladder
from ai45core.ladder import LadderResult, Layer, LayerCoverage

from ..chart import (
    FONT,
    GRID,
    INK,
    LINE,
    MUTED,
    NARROW,
    WIDE,
    Box,
    Canvas,
    figure,
    hit_rect,
    legend,
    line,
    shorten,
    text_width,
    wrap,
)
from ..html import Text, attrs, esc, fmt, t, table
from ..spec import Field, Output, Preset, View
from ..ui import UI
from ._util import to_csv, uid

T: dict[str, Text] = {
    "title": {"en": "The causal ladder of trustworthy AGI", "zh": "可信AGI的因果之梯"},
    "adopted": {"en": "Techniques adopted, bottom rung first", "zh": "已采用的技术（从最低一级起）"},
    "adopted_hint": {"en": "Each label starts with its layer. “2024 paper” marks techniques that only "
                           "secondary summaries of the 2024 paper name; they count only with the box below "
                           "ticked. * our rendering of the name.",
                     "zh": "每项开头标出所属层级。标有“2024 年论文”的技术只见于该论文的二手摘要，"
                           "须勾选下方选项才计入。* 为本站译名。"},
    "threshold": {"en": "Threshold: share of a layer's techniques needed",
                  "zh": "门槛：每层需采用的技术比例"},
    "threshold_hint": {"en": "0.05 to 1; 0.5 means half of a layer. Neither the speech nor the paper sets "
                             "one.",
                       "zh": "0.05 至 1；0.5 即一层中的一半。演讲和论文都没有给出这一数值。"},
    "include_paper": {"en": "Techniques from the 2024 paper", "zh": "2024 年论文中的技术"},
    "include_paper_option": {"en": "Also count the techniques that secondary summaries of the 2024 paper add",
                             "zh": "同时计入 2024 年论文二手摘要中补充的技术"},
    "include_paper_hint": {"en": "Adds five techniques; their placement has not been checked against the "
                                 "paper.",
                           "zh": "增加五项技术；其层级尚未对照论文原文核实。"},
    "paper_tag": {"en": " (2024 paper)", "zh": "（2024 年论文）"},
    "stage": {"en": "Stage reached (of 3)", "zh": "已达到的阶段（共 3 级）"},
    "coverage_of": {"en": "{layer}: coverage", "zh": "{layer}：覆盖率"},
    "next_needed": {"en": "Still needed for {layer}", "zh": "达到“{layer}”还需采用的技术数"},
    "next_none": {"en": "Still needed for the next rung", "zh": "达到下一级还需采用"},
    "rung": {"en": "Pearl's rung {rank} (our pairing): {rung} — {verb}, {formula}",
             "zh": "对应珀尔阶梯第 {rank} 级（本站解读）：{rung}（{verb}），{formula}"},
    "rung_short": {"en": "{rung} ({verb})", "zh": "{rung}（{verb}）"},
    "reached": {"en": "✓ Reached", "zh": "✓ 已达到"},
    "skipped": {"en": "Threshold met, but not counted: a rung below is missing",
                "zh": "已达门槛，但未计入：下面还有一级未达到"},
    "missing": {"en": "Not reached: needs {needed} of {total}",
                "zh": "未达到：需要 {total} 项中的 {needed} 项"},
    "legend_threshold": {"en": "Threshold ({pct} of a layer)", "zh": "门槛（每层的 {pct}）"},
    "legend_reached": {"en": "Rung reached (counts toward the stage)", "zh": "已达到的一级（计入阶段）"},
    "legend_open": {"en": "Rung not reached (dashed)", "zh": "未达到的一级（虚线）"},
    "legend_skipped": {"en": "Threshold met, but a rung below is missing (dashed)",
                       "zh": "已达门槛，但下面还有一级未达到（虚线）"},
    "layer": {"en": "Layer", "zh": "层级"},
    "pearl": {"en": "Pearl's rung (our pairing)", "zh": "对应的珀尔阶梯（本站解读）"},
    "count": {"en": "Adopted", "zh": "已采用"},
    "coverage": {"en": "Coverage", "zh": "覆盖率"},
    "needed": {"en": "Needed at this threshold", "zh": "按此门槛需采用"},
    "meets": {"en": "Meets threshold", "zh": "达到门槛"},
    "counted": {"en": "Rung reached", "zh": "计入（已达到）"},
    "yes": {"en": "yes", "zh": "是"},
    "no": {"en": "no", "zh": "否"},
    "technique": {"en": "Technique", "zh": "技术"},
    "layer_here": {"en": "Layer here (speech)", "zh": "本组件的层级（按演讲）"},
    "layer_paper": {"en": "Layer in the 2024 paper (secondary summaries)",
                    "zh": "2024 年论文中的层级（据二手摘要）"},
    "source": {"en": "Source", "zh": "来源"},
    "src_speech": {"en": "speech", "zh": "演讲"},
    "src_paper": {"en": "2024 paper (secondary summary)", "zh": "2024 年论文（二手摘要）"},
    "not_placed": {"en": "not placed", "zh": "未提及"},
    "not_in_run": {"en": "{mark} (not counted: paper techniques are off)",
                   "zh": "{mark}（未计入：未开启论文技术）"},
    "techniques_table": {"en": "Every technique in the catalogue", "zh": "目录中的全部技术"},
    "differs": {"en": "Placed differently by the 2024 paper: {items}.",
                "zh": "2024 年论文归类不同的技术：{items}。"},
    "differs_item": {"en": "{name} ({adopted}here {here}, paper {paper})",
                     "zh": "{name}（{adopted}本组件：{here}；论文：{paper}）"},
    "adopted_mark": {"en": "adopted; ", "zh": "已采用；"},
    "paper_note": {"en": "The five paper-only techniques are placed as secondary summaries describe; neither "
                         "that placement nor their Chinese names have been checked against the paper itself.",
                   "zh": "五项仅见于论文的技术按二手摘要归层；"
                         "其层级和中文名称都尚未对照论文原文核实。"},
    "sources": {"en": "Sources: ", "zh": "来源："},
    "src_speech_link": {"en": "the speech (FreeBuf report)", "zh": "演讲（FreeBuf 报道）"},
    "src_paper_link": {"en": "the 2024 paper (arXiv 2412.14186)", "zh": "2024 年论文（arXiv 2412.14186）"},
    "preset_today": {"en": "Today, as the speech describes it (illustrative)",
                     "zh": "当前状况，按演讲的描述（示意）"},
    "preset_none": {"en": "Nothing adopted yet", "zh": "尚未采用任何技术"},
    "preset_skip": {"en": "Stage-3 techniques only: can a rung be skipped?",
                    "zh": "只采用第三阶段技术：能跳级吗？"},
    "preset_all": {"en": "Every technique the speech names", "zh": "演讲提到的全部技术"},
}

_LAYER = {layer.id: layer for layer in ladder.LAYERS}
_TECH = {tech.id: tech for tech in ladder.TECHNIQUES}
_ORDER = tuple(tech for layer in ladder.LAYERS for tech in ladder.TECHNIQUES if tech.layer == layer.id)
"""Catalogue techniques bottom rung first; within a layer, the speech's techniques before the paper's."""
_SPEECH_IDS = tuple(tech.id for tech in _ORDER if tech.source == ladder.SPEECH)


def _option(tech: ladder.Technique) -> Text:
    layer = _LAYER[tech.layer]
    out = {}
    for lang in ("en", "zh"):
        name = (tech.en if lang == "en" else tech.zh) + ("*" if getattr(tech, f"{lang}_unofficial") else "")
        tag = t(T["paper_tag"], lang) if tech.source != ladder.SPEECH else ""
        out[lang] = f"{layer.en if lang == 'en' else layer.zh} · {name}{tag}"
    return out


VIEW: View[LadderResult] = View(
    name="ladder",
    title=T["title"],
    fields=(
        Field("adopted", "checks", T["adopted"], T["adopted_hint"],
              options=tuple((tech.id, _option(tech)) for tech in _ORDER)),
        Field("threshold", "slider", T["threshold"], T["threshold_hint"], min=0.05, max=1, step=0.05),
        Field("include_paper", "checks", T["include_paper"], T["include_paper_hint"],
              options=(("true", T["include_paper_option"]),)),
    ),
    defaults={"adopted": "sft, rlhf, rlaif, human_in_the_loop", "threshold": "0.5", "include_paper": ""},
    presets=(
        Preset("today", T["preset_today"], {"adopted": "sft, rlhf, rlaif, human_in_the_loop",
                                            "threshold": "0.5", "include_paper": ""}),
        Preset("none", T["preset_none"], {"adopted": "", "threshold": "0.5", "include_paper": ""}),
        Preset("skip", T["preset_skip"], {"adopted": "value_training, causal_interp, counterfactual",
                                          "threshold": "0.5", "include_paper": ""}),
        Preset("all", T["preset_all"], {"adopted": ", ".join(_SPEECH_IDS), "threshold": "0.5",
                                        "include_paper": ""}),
    ),
    render=lambda result, params, lang: render(result, params, lang),
    assumptions=ladder.ASSUMPTIONS,
)


def _name(layer: Layer, lang: str) -> str:
    return layer.zh if lang == "zh" else layer.en


def _pct(fraction: float) -> str:
    return fmt(fraction * 100, 0, unit="%")


def _status(c: LayerCoverage, lang: str) -> str:
    if c.counted:
        return t(T["reached"], lang)
    if c.meets_threshold:
        return t(T["skipped"], lang)
    return t(T["missing"], lang).format(needed=c.needed, total=c.total)


def _rung(layer: Layer, lang: str) -> str:
    return t(T["rung"], lang).format(rank=layer.rank, rung=layer.rung_zh if lang == "zh" else layer.rung_en,
                                     verb=layer.verb_zh if lang == "zh" else layer.verb_en, formula=layer.formula)


def ladder_svg(layers: Sequence[LayerCoverage], *, threshold: float, lang: str, title: str, desc: str, uid: str,
               variant: str) -> str:
    """Three rungs, bottom rung at the bottom: each with its coverage bar on a 0–100 % scale with a light grid,
    the threshold as a dashed line, Pearl's rung beside it and its status in words. Reached rungs are hatched
    and solid-edged; the others are dashed and empty, so colour is never the only signal."""
    wide = variant == "wide"
    width = WIDE if wide else NARROW
    green, grey, amber = "#1b7f3b", "#6b7280", "#b45309"
    c = Canvas(width, 0.0, uid + variant[0])
    hatch = c.hatch(green, name="rung", opacity=1, background="#d3e8da")
    rail_l, rail_r = (8.0, 62.0) if wide else (4.0, 34.0)
    x0 = rail_r + (20.0 if wide else 10.0)
    bar_w = (width - x0 - 120.0) if wide else (width - x0 - 6.0)
    rung_lines = [wrap(_rung(cov.layer, lang), width - x0 - 4, lines=2) for cov in layers]
    # Room for the longest status this language can show, so a new result never changes the chart's height.
    longest = max((t(T[k], lang) for k in ("reached", "skipped", "missing")), key=text_width)
    status_lines = len(wrap(longest.format(needed=9, total=9), width - x0 - 4, bold=True, lines=2))
    row_h = 96.0 if wide else 78.0 + (len(max(rung_lines, key=len)) + status_lines) * FONT * LINE
    top = 8.0
    bottom = top + len(layers) * row_h
    for rail in (rail_l, rail_r):
        c.add(line(rail, top + 4, rail, bottom, stroke=MUTED, width=3, cls="ai45-plot"))
    tx = x0 + threshold * bar_w
    for cov, rung_text in zip(layers, rung_lines, strict=True):
        layer = cov.layer
        y = top + (len(layers) - layer.rank) * row_h
        colour = green if cov.counted else (amber if cov.meets_threshold else grey)
        c.add("<rect" + attrs(class_="ai45-rung ai45-reached" if cov.counted else "ai45-rung ai45-open", x=rail_l,
                              y=f"{y + row_h - 40:.1f}", width=rail_r - rail_l, height=12,
                              fill=hatch if cov.counted else "none", stroke=colour, stroke_width=2,
                              stroke_dasharray=None if cov.counted else "4 3") + "/>")
        c.text((rail_l + rail_r) / 2, y + row_h - 48, str(layer.rank), anchor="middle", bold=True)
        c.text(x0, y + 18, shorten(_name(layer, lang), width - x0 - 4, bold=True), bold=True)
        ly = y + 18
        for part in rung_text:
            ly += FONT * LINE
            c.text(x0, ly, part, fill=MUTED)
        by = ly + 10
        w = max(0.0, min(cov.fraction, 1.0)) * bar_w
        c.add(*(line(x0 + f * bar_w, by, x0 + f * bar_w, by + 16, stroke=GRID, cls="ai45-grid")
                for f in (0.25, 0.5, 0.75)))
        c.add(f'<rect class="ai45-plot" x="{x0}" y="{by:.1f}" width="{bar_w:.1f}" height="16" fill="none" '
              'stroke="#9ca3af"/>')
        if w > 0:
            c.add("<rect" + attrs(class_="ai45-cover", x=x0, y=f"{by:.1f}", width=f"{w:.1f}", height=16,
                                  fill=hatch if cov.counted else grey,
                                  fill_opacity=None if cov.counted else "0.55") + "/>")
        c.add(line(tx, by - 4, tx, by + 20, stroke=INK, width=1.5, dash="4 2", cls="ai45-diag"))
        count = f"{cov.count} / {cov.total} · {_pct(cov.fraction)}"
        status = _status(cov, lang)
        if wide:
            c.text(x0 + bar_w + 10, by + 13, count)
            c.text(x0, by + 36, shorten(status, width - x0 - 4, bold=cov.counted), bold=cov.counted)
        else:
            c.text(x0, by + 36, count, bold=cov.counted)
            for k, part in enumerate(wrap(status, width - x0 - 4, bold=cov.counted, lines=status_lines)):
                c.text(x0, by + 36 + (k + 1) * FONT * LINE, part, bold=cov.counted)
        box = Box(x0, by - 2, x0 + bar_w, by + 18)
        hit, ring = hit_rect(box)
        c.tip([_name(layer, lang), count, status], box, hit, ring)
    items = [(line(12, -11, 12, 5, stroke=INK, width=1.5, dash="4 2", cls="ai45-diag"),
              t(T["legend_threshold"], lang).format(pct=_pct(threshold)))]
    if any(cov.counted for cov in layers):  # the legend names only what is drawn
        items.append((f'<rect x="0" y="-6" width="24" height="11" fill="{hatch}" stroke="{green}" '
                      'stroke-width="2"/>', t(T["legend_reached"], lang)))
    if any(not cov.counted for cov in layers):
        items.append((f'<rect x="0" y="-6" width="24" height="11" fill="none" stroke="{grey}" stroke-width="2" '
                      'stroke-dasharray="4 3"/>', t(T["legend_open"], lang)))
    if any(cov.meets_threshold and not cov.counted for cov in layers):
        items.append((f'<rect x="0" y="-6" width="24" height="11" fill="none" stroke="{amber}" stroke-width="2" '
                      'stroke-dasharray="4 3"/>', t(T["legend_skipped"], lang)))
    y = legend(c, items, 4, bottom + 24, width - 8)
    c.height = y - 8
    return c.render(title=title, desc=desc, variant="wide" if wide else "narrow")


def _layer_label(layer_id: str, lang: str) -> str:
    layer = _LAYER.get(layer_id)
    return (layer.zh if lang == "zh" else layer.en) if layer else t(T["not_placed"], lang)


def _tech_name(tech: ladder.Technique, lang: str) -> str:
    return tech.zh if lang == "zh" else tech.en


def render(r: LadderResult, params: Mapping[str, str], lang: str) -> Output:
    """Verdict, key figures, the ladder picture, coverage and technique tables, the paper's placements."""
    stage_name = r.stage_zh if lang == "zh" else r.stage_en
    sentence = r.sentence_zh if lang == "zh" else r.sentence_en
    layers = r.layers
    yes, no = t(T["yes"], lang), t(T["no"], lang)
    u = uid("ladder", params)
    wide, narrow = (ladder_svg(layers, threshold=r.threshold, lang=lang, title=f"{t(T['title'], lang)}: {stage_name}",
                               desc=sentence, uid=u, variant=v) for v in ("wide", "narrow"))
    if r.next_layer:
        next_label = t(T["next_needed"], lang).format(layer=_layer_label(r.next_layer, lang))
    else:
        next_label = t(T["next_none"], lang)
    figures = [(t(T["stage"], lang), fmt(r.stage, 0))]
    figures += [(t(T["coverage_of"], lang).format(layer=_name(c.layer, lang)), _pct(c.fraction))
                for c in layers]
    figures.append((next_label, fmt(r.next_needed, 0) if r.next_layer else "—"))
    dl = "".join(f'<div><dt>{esc(k)}</dt><dd data-ai45-value="{i}">{esc(v)}</dd></div>'
                 for i, (k, v) in enumerate(figures))
    # Coverage per layer, bottom rung first (as in the catalogue).
    head = [t(T[k], lang) for k in ("layer", "pearl", "count", "coverage", "needed", "meets", "counted")]
    rows = []
    for c in layers:
        layer = c.layer
        pearl = t(T["rung_short"], lang).format(rung=layer.rung_zh if lang == "zh" else layer.rung_en,
                                                verb=layer.verb_zh if lang == "zh" else layer.verb_en)
        rows.append([esc(_name(c.layer, lang)), esc(pearl), f'{c.count} / {c.total}',
                     esc(_pct(c.fraction)), str(c.needed), yes if c.meets_threshold else no,
                     yes if c.counted else no])
    # Every catalogue technique with both placements.
    adopted = set(r.adopted)
    in_run = {s.id for c in layers for s in c.techniques}
    tech_rows = []
    for tech in _ORDER:
        mark = yes if tech.id in adopted else no
        if tech.id in adopted and tech.id not in in_run:
            mark = t(T["not_in_run"], lang).format(mark=mark)
        source = t(T["src_speech" if tech.source == ladder.SPEECH else "src_paper"], lang)
        tech_rows.append([esc(_tech_name(tech, lang)), esc(_layer_label(tech.layer, lang)),
                          esc(_layer_label(tech.paper_layer, lang)), esc(source), esc(mark)])
    tech_head = [t(T[k], lang) for k in ("technique", "layer_here", "layer_paper", "source", "count")]
    # Notes: where the later paper places techniques differently.
    differ = [t(T["differs_item"], lang).format(
                  name=_tech_name(tech, lang), here=_layer_label(tech.layer, lang),
                  paper=_layer_label(tech.paper_layer, lang),
                  adopted=t(T["adopted_mark"], lang) if tech.id in adopted else "")
              for tech in _ORDER if tech.paper_layer and tech.paper_layer != tech.layer]
    notes = [r.discrepancy_zh if lang == "zh" else r.discrepancy_en,
             t(T["differs"], lang).format(items=("、" if lang == "zh" else "; ").join(differ))]
    if r.include_paper or any(_TECH[i].source != ladder.SPEECH for i in adopted):
        notes.append(t(T["paper_note"], lang))
    notes_html = "".join(f'<p class="ai45-note">{esc(n)}</p>' for n in notes)
    links = " · ".join(f'<a href="{esc(ladder.SOURCES[src]["url"])}">{esc(t(T[key], lang))}</a>'
                       for src, key in ((ladder.SPEECH, "src_speech_link"), (ladder.PAPER, "src_paper_link")))
    notes_html += f'<p class="ai45-note">{esc(t(T["sources"], lang))}{links}</p>'
    verdict = r.stage_layer or "none"
    caption = esc(t(UI["data_table"], lang))
    html = (f'<p class="ai45-verdict ai45-stage-{r.stage}" data-ai45-verdict="{esc(verdict)}">'
            f"<strong>{esc(stage_name)}</strong> — {esc(sentence)}</p>"
            f'<dl class="ai45-figures">{dl}</dl>'
            f"{figure(wide, narrow)}{notes_html}"
            f'<details class="ai45-data"><summary>{caption}</summary>'
            f"{table(caption, [esc(h) for h in head], rows)}"
            f"{table(esc(t(T['techniques_table'], lang)), [esc(h) for h in tech_head], tech_rows)}</details>")
    csv_rows: list[list[object]] = [["layer", "rank", "pearl_rung", "adopted", "total", "coverage", "needed",
                                     "meets_threshold", "reached"]]
    for c in layers:
        csv_rows.append([c.layer.id, c.layer.rank, c.layer.rung_en, c.count, c.total,
                         c.fraction, c.needed, c.meets_threshold, c.counted])
    csv_rows.append([])
    csv_rows.append(["technique", "name", "layer", "paper_layer", "source", "adopted", "counted_in_this_run"])
    for tech in _ORDER:
        csv_rows.append([tech.id, _tech_name(tech, lang), tech.layer, tech.paper_layer, tech.source,
                         tech.id in adopted, tech.id in in_run])
    csv_rows.append([])
    csv_rows.append(["stage", r.stage, "stage_layer", r.stage_layer, "threshold", r.threshold,
                     "include_paper", r.include_paper, "next_layer", r.next_layer, "next_needed",
                     r.next_needed])
    return Output(html=html, csv=to_csv(csv_rows), svg=wide, summary=f"{stage_name}. {sentence}")
