"""The ladder widget: the rung of the causal ladder (泛对齐 → 可干预 → 能反思) that techniques reach."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ai45core import ladder

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


VIEW = View(
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


def _name(item: Mapping[str, Any], lang: str) -> str:
    return str(item["zh"] if lang == "zh" else item["en"])


def _pct(fraction: float) -> str:
    return fmt(fraction * 100, 0, unit="%")


def _status(c: Mapping[str, Any], lang: str) -> str:
    if c["counted"]:
        return t(T["reached"], lang)
    if c["meets_threshold"]:
        return t(T["skipped"], lang)
    return t(T["missing"], lang).format(needed=c["needed"], total=c["total"])


def _rung(layer: Mapping[str, Any], lang: str) -> str:
    return t(T["rung"], lang).format(rank=layer["rank"], rung=layer[f"rung_{lang}"],
                                     verb=layer[f"verb_{lang}"], formula=layer["formula"])


def _svg(width: float, height: float, title: str, desc: str, uid: str, body: str) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="ai45-chart" viewBox="0 0 {width:.0f} '
            f'{height:.0f}" role="img" aria-labelledby="ai45-t-{uid} ai45-d-{uid}" font-family="sans-serif">'
            f'<title id="ai45-t-{uid}">{esc(title)}</title><desc id="ai45-d-{uid}">{esc(desc)}</desc>'
            f"{body}</svg>")


def ladder_chart(layers: Sequence[Mapping[str, Any]], *, threshold: float, lang: str, title: str, desc: str,
                 uid: str) -> str:
    """Three rungs, bottom rung at the bottom: each with its coverage bar, the threshold as a dashed line,
    Pearl's rung beside it and a text label for its status. Reached rungs are hatched and solid-edged;
    the others are dashed and empty, so colour is never the only signal."""
    width, row_h, top = 600.0, 86.0, 8.0
    rail_l, rail_r = 22.0, 92.0
    x0, bar_w, bar_h = 112.0, 300.0, 14.0
    green, grey, amber, ink = "#1b7f3b", "#6b7280", "#b45309", "#111827"
    hatch = f"ai45-rung-{uid}"
    parts = [f'<defs><pattern id="{hatch}" width="6" height="6" patternUnits="userSpaceOnUse" '
             f'patternTransform="rotate(45)"><rect width="6" height="6" fill="{green}" fill-opacity="0.25"/>'
             f'<line x1="0" y1="0" x2="0" y2="6" stroke="{green}" stroke-width="2.5"/></pattern></defs>']
    bottom = top + len(layers) * row_h
    for rail in (rail_l, rail_r):
        parts.append(f'<line class="ai45-plot" x1="{rail}" y1="{top + 4}" x2="{rail}" y2="{bottom}" '
                     f'stroke="#374151" stroke-width="3"/>')
    tx = x0 + threshold * bar_w
    for c in layers:
        layer = c["layer"]
        y = top + (len(layers) - layer["rank"]) * row_h
        counted, meets = bool(c["counted"]), bool(c["meets_threshold"])
        colour = green if counted else (amber if meets else grey)
        rung = attrs(class_="ai45-rung ai45-reached" if counted else "ai45-rung ai45-open", x=rail_l,
                     y=f"{y + 40:.1f}", width=rail_r - rail_l, height=12,
                     fill=f"url(#{hatch})" if counted else "none", stroke=colour, stroke_width=2,
                     stroke_dasharray=None if counted else "4 3")
        parts.append(f"<rect{rung}/>"
                     f'<text x="{(rail_l + rail_r) / 2:.1f}" y="{y + 32:.1f}" font-size="13" '
                     f'font-weight="700" text-anchor="middle" fill="{ink}">{layer["rank"]}</text>'
                     f'<text x="{x0}" y="{y + 15:.1f}" font-size="13" font-weight="700" fill="{ink}">'
                     f"{esc(_name(layer, lang))}</text>"
                     f'<text x="{x0}" y="{y + 31:.1f}" font-size="11" fill="#374151">'
                     f"{esc(_rung(layer, lang))}</text>")
        w = max(0.0, min(float(c["fraction"]), 1.0)) * bar_w
        by = y + 39
        parts.append(f'<rect class="ai45-plot" x="{x0}" y="{by:.1f}" width="{bar_w}" height="{bar_h}" '
                     f'fill="none" stroke="#9ca3af"/>')
        if w > 0:
            cover = attrs(class_="ai45-cover", x=x0, y=f"{by:.1f}", width=f"{w:.1f}", height=bar_h,
                          fill=f"url(#{hatch})" if counted else grey,
                          fill_opacity=None if counted else "0.55")
            parts.append(f"<rect{cover}/>")
        parts.append(f'<line class="ai45-diag" x1="{tx:.1f}" y1="{by - 4:.1f}" x2="{tx:.1f}" '
                     f'y2="{by + bar_h + 4:.1f}" stroke="{ink}" stroke-width="1.5" stroke-dasharray="4 2"/>'
                     f'<text x="{x0 + bar_w + 10}" y="{by + 11:.1f}" font-size="12" fill="{ink}">'
                     f'{c["count"]} / {c["total"]} · {esc(_pct(c["fraction"]))}</text>'
                     f'<text x="{x0}" y="{by + bar_h + 16:.1f}" font-size="12" '
                     f'font-weight="{700 if counted else 400}" fill="{ink}">{esc(_status(c, lang))}</text>')
    ly = bottom + 22

    def swatch(j: int, fill: str, stroke: str, dash: str | None) -> str:
        box = attrs(x=rail_l, y=ly + 18 * j - 10, width=28, height=10, fill=fill, stroke=stroke,
                    stroke_width=2, stroke_dasharray=dash)
        return f"<rect{box}/>"

    legend = [
        (f'<line class="ai45-diag" x1="{rail_l + 14}" y1="{ly - 11}" x2="{rail_l + 14}" y2="{ly + 3}" '
         f'stroke="{ink}" stroke-width="1.5" stroke-dasharray="4 2"/>',
         t(T["legend_threshold"], lang).format(pct=_pct(threshold))),
        (swatch(1, f"url(#{hatch})", green, None), t(T["legend_reached"], lang)),
        (swatch(2, "none", grey, "4 3"), t(T["legend_open"], lang)),
    ]
    if any(c["meets_threshold"] and not c["counted"] for c in layers):
        legend.append((swatch(3, "none", amber, "4 3"), t(T["legend_skipped"], lang)))
    for j, (sample, text) in enumerate(legend):
        parts.append(sample + f'<text x="{rail_l + 38}" y="{ly + j * 18}" font-size="12" fill="{ink}">'
                              f"{esc(text)}</text>")
    return _svg(width, ly + len(legend) * 18, title, desc, uid, "".join(parts))


def _layer_label(layer_id: str, lang: str) -> str:
    layer = _LAYER.get(layer_id)
    return (layer.zh if lang == "zh" else layer.en) if layer else t(T["not_placed"], lang)


def _tech_name(tech: ladder.Technique, lang: str) -> str:
    return tech.zh if lang == "zh" else tech.en


def render(r: dict[str, Any], params: Mapping[str, str], lang: str) -> Output:
    """Verdict, key figures, the ladder picture, coverage and technique tables, the paper's placements."""
    stage_name = r["stage_zh"] if lang == "zh" else r["stage_en"]
    sentence = r["sentence_zh"] if lang == "zh" else r["sentence_en"]
    layers = r["layers"]
    yes, no = t(T["yes"], lang), t(T["no"], lang)
    svg = ladder_chart(layers, threshold=r["threshold"], lang=lang,
                       title=f"{t(T['title'], lang)}: {stage_name}", desc=sentence, uid=uid("ladder", params))
    if r["next_layer"]:
        next_label = t(T["next_needed"], lang).format(layer=_layer_label(r["next_layer"], lang))
    else:
        next_label = t(T["next_none"], lang)
    figures = [(t(T["stage"], lang), fmt(r["stage"], 0))]
    figures += [(t(T["coverage_of"], lang).format(layer=_name(c["layer"], lang)), _pct(c["fraction"]))
                for c in layers]
    figures.append((next_label, fmt(r["next_needed"], 0) if r["next_layer"] else "—"))
    dl = "".join(f'<div><dt>{esc(k)}</dt><dd data-ai45-value="{i}">{esc(v)}</dd></div>'
                 for i, (k, v) in enumerate(figures))
    # Coverage per layer, bottom rung first (as in the catalogue).
    head = [t(T[k], lang) for k in ("layer", "pearl", "count", "coverage", "needed", "meets", "counted")]
    rows = []
    for c in layers:
        layer = c["layer"]
        pearl = t(T["rung_short"], lang).format(rung=layer[f"rung_{lang}"], verb=layer[f"verb_{lang}"])
        rows.append([esc(_name(c["layer"], lang)), esc(pearl), f'{c["count"]} / {c["total"]}',
                     esc(_pct(c["fraction"])), str(c["needed"]), yes if c["meets_threshold"] else no,
                     yes if c["counted"] else no])
    # Every catalogue technique with both placements.
    adopted = set(r["adopted"])
    in_run = {s["id"] for c in layers for s in c["techniques"]}
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
    notes = [r["discrepancy_zh"] if lang == "zh" else r["discrepancy_en"],
             t(T["differs"], lang).format(items=("、" if lang == "zh" else "; ").join(differ))]
    if r["include_paper"] or any(_TECH[i].source != ladder.SPEECH for i in adopted):
        notes.append(t(T["paper_note"], lang))
    notes_html = "".join(f'<p class="ai45-note">{esc(n)}</p>' for n in notes)
    links = " · ".join(f'<a href="{esc(ladder.SOURCES[src]["url"])}">{esc(t(T[key], lang))}</a>'
                       for src, key in ((ladder.SPEECH, "src_speech_link"), (ladder.PAPER, "src_paper_link")))
    notes_html += f'<p class="ai45-note">{esc(t(T["sources"], lang))}{links}</p>'
    verdict = r["stage_layer"] or "none"
    caption = esc(t(UI["data_table"], lang))
    html = (f'<p class="ai45-verdict ai45-stage-{r["stage"]}" data-ai45-verdict="{esc(verdict)}">'
            f"<strong>{esc(stage_name)}</strong> — {esc(sentence)}</p>"
            f'<dl class="ai45-figures">{dl}</dl>'
            f'<figure class="ai45-figure">{svg}</figure>{notes_html}'
            f'<details class="ai45-data"><summary>{caption}</summary>'
            f"{table(caption, [esc(h) for h in head], rows)}"
            f"{table(esc(t(T['techniques_table'], lang)), [esc(h) for h in tech_head], tech_rows)}</details>")
    csv_rows: list[list[object]] = [["layer", "rank", "pearl_rung", "adopted", "total", "coverage", "needed",
                                     "meets_threshold", "reached"]]
    for c in layers:
        csv_rows.append([c["layer"]["id"], c["layer"]["rank"], c["layer"]["rung_en"], c["count"], c["total"],
                         c["fraction"], c["needed"], c["meets_threshold"], c["counted"]])
    csv_rows.append([])
    csv_rows.append(["technique", "name", "layer", "paper_layer", "source", "adopted", "counted_in_this_run"])
    for tech in _ORDER:
        csv_rows.append([tech.id, _tech_name(tech, lang), tech.layer, tech.paper_layer, tech.source,
                         tech.id in adopted, tech.id in in_run])
    csv_rows.append([])
    csv_rows.append(["stage", r["stage"], "stage_layer", r["stage_layer"], "threshold", r["threshold"],
                     "include_paper", r["include_paper"], "next_layer", r["next_layer"], "next_needed",
                     r["next_needed"]])
    return Output(html=html, csv=to_csv(csv_rows), svg=svg, summary=f"{stage_name}. {sentence}")
