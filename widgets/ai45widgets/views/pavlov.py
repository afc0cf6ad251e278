"""The pavlov widget: what a correlation-only learner expects after a bell vs what ringing it does."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ai45core import pavlov
from ai45core.pavlov import PavlovResult, PolicyOutcome

from ..chart import FONT, GRID, INK, LINE, NARROW, WIDE, Box, Canvas, figure, hit_rect, legend, line, shorten, wrap
from ..html import Text, attrs, esc, fmt, t, table
from ..spec import Field, Output, Preset, View
from ..ui import UI
from ._util import to_csv, uid

T: dict[str, Text] = {
    "title": {"en": "Pavlov's dog: seeing is not doing", "zh": "巴甫洛夫的狗：观察不等于行动"},
    "base_rate": {"en": "P(food): chance that food comes on a trial",
                  "zh": "P(食物)：每次试验中食物到来的概率"},
    "base_rate_hint": {"en": "0 to 1, the same in training and when the bell is rung at random.",
                       "zh": "0 至 1；训练时和随意摇铃时相同。"},
    "p_bell_given_food": {"en": "Training: P(bell | food)", "zh": "训练时：P(铃声 | 有食物)"},
    "p_bell_given_food_hint": {"en": "0 to 1: how often the bell rings when food is coming.",
                               "zh": "0 至 1：食物要来时铃声响起的概率。"},
    "p_bell_given_no_food": {"en": "Training: P(bell | no food)", "zh": "训练时：P(铃声 | 无食物)"},
    "p_bell_given_no_food_hint": {"en": "0 to 1: how often the bell rings when no food is coming.",
                                  "zh": "0 至 1：没有食物时铃声响起的概率。"},
    "p_ring": {"en": "Doing: chance that someone rings the bell at will",
               "zh": "干预时：有人随意摇铃的概率"},
    "p_ring_hint": {"en": "0 to 1; the bell is rung whatever the food.",
                    "zh": "0 至 1；摇铃与有没有食物无关。"},
    "simulate": {"en": "Simulated trials per phase (0 = no simulation)",
                 "zh": "每个阶段模拟的试验次数（0 = 不模拟）"},
    "simulate_hint": {"en": "Whole number from 0 to {max}: draws random trials to compare with the exact "
                            "values.",
                      "zh": "0 至 {max} 的整数：随机抽取试验，与精确值对照。"},
    "seed": {"en": "Random seed", "zh": "随机种子"},
    "seed_hint": {"en": "Whole number ≥ 0; the same seed gives the same trials.",
                  "zh": "不小于 0 的整数；种子相同，抽到的试验也相同。"},
    "differs": {"en": "Seeing is not doing", "zh": "观察不等于行动"},
    "equal": {"en": "Here seeing and doing agree", "zh": "此时观察与行动的结果一致"},
    "seeing": {"en": "Seeing: P(food | bell), what a correlation-only dog expects",
               "zh": "观察：P(食物 | 铃声)，只看相关性的狗的预期"},
    "doing": {"en": "Doing: P(food | do(bell)), what ringing the bell brings",
              "zh": "行动：P(食物 | do(铃声))，主动摇铃实际带来的结果"},
    "err_corr": {"en": "Correlation-only dog wrong, bell rung at random",
                 "zh": "只看相关性的狗出错率（随意摇铃时）"},
    "err_causal": {"en": "Causal dog wrong, bell rung at random", "zh": "懂因果的狗出错率（随意摇铃时）"},
    "err_corr_train": {"en": "Correlation-only dog wrong in training",
                       "zh": "只看相关性的狗出错率（训练时）"},
    "chart_title": {"en": "Pavlov's dog: seeing {seeing}, doing {doing}",
                    "zh": "巴甫洛夫的狗：观察 {seeing}，行动 {doing}"},
    "sec_belief": {"en": "Chance of food after the bell", "zh": "铃声响后食物到来的概率"},
    "bar_seeing": {"en": "Seeing: P(food | bell)", "zh": "观察：P(食物 | 铃声)"},
    "bar_doing": {"en": "Doing: P(food | do(bell))", "zh": "行动：P(食物 | do(铃声))"},
    "half": {"en": "50%: the dog salivates above this", "zh": "50%：高于此线狗就流口水"},
    "sec_errors": {"en": "How often is each dog wrong?", "zh": "两只狗的出错率"},
    "bar_corr_train": {"en": "Correlation-only, training", "zh": "只看相关性，训练时"},
    "bar_corr_deploy": {"en": "Correlation-only, bell at random", "zh": "只看相关性，随意摇铃时"},
    "bar_causal_train": {"en": "Causal, training", "zh": "懂因果，训练时"},
    "bar_causal_deploy": {"en": "Causal, bell at random", "zh": "懂因果，随意摇铃时"},
    "legend_corr": {"en": "Orange: the correlation-only dog (goes by what it has seen)",
                    "zh": "橙色：只看相关性的狗（凭看到的相关性行事）"},
    "legend_causal": {"en": "Blue: the causal dog (knows the bell does not bring food)",
                      "zh": "蓝色：懂因果的狗（知道摇铃不会带来食物）"},
    "legend_phase": {"en": "Hatched: training, the bell rings because food is coming; solid: the bell is "
                           "rung at random",
                     "zh": "斜线：训练时，铃声因食物要来而响；实心：随意摇铃时"},
    "grid_caption": {"en": "When the bell is rung at random: what the correlation-only dog does, and the "
                           "share of trials in each case",
                     "zh": "随意摇铃时：只看相关性的狗怎么做，以及每种情况占试验的比例"},
    "bell": {"en": "Bell rings", "zh": "铃声响"},
    "silence": {"en": "Bell silent", "zh": "铃声不响"},
    "food": {"en": "Food comes", "zh": "食物来了"},
    "no_food": {"en": "No food", "zh": "没有食物"},
    "of_trials": {"en": "{share} of trials", "zh": "占试验的 {share}"},
    "salivates": {"en": "salivates", "zh": "流口水"},
    "stays_dry": {"en": "does not salivate", "zh": "不流口水"},
    "right": {"en": "✓ right", "zh": "✓ 正确"},
    "false_alarm": {"en": "✗ false alarm", "zh": "✗ 误报"},
    "miss": {"en": "✗ miss", "zh": "✗ 漏报"},
    "quantity": {"en": "Quantity", "zh": "项目"},
    "value": {"en": "Value", "zh": "数值"},
    "policy": {"en": "Dog", "zh": "狗"},
    "dog_corr": {"en": "Correlation-only", "zh": "只看相关性"},
    "dog_causal": {"en": "Causal", "zh": "懂因果"},
    "on_bell": {"en": "Salivates at the bell", "zh": "铃响时流口水"},
    "on_silence": {"en": "Salivates in silence", "zh": "铃不响时流口水"},
    "phase": {"en": "Phase", "zh": "阶段"},
    "training": {"en": "training", "zh": "训练时"},
    "deployment": {"en": "bell at random", "zh": "随意摇铃时"},
    "false_alarms": {"en": "False alarms", "zh": "误报"},
    "misses": {"en": "Misses", "zh": "漏报"},
    "errors": {"en": "Error rate", "zh": "出错率"},
    "p_bell_train": {"en": "P(bell) in training", "zh": "训练时 P(铃声)"},
    "p_food_no_bell": {"en": "P(food | no bell) in training", "zh": "训练时 P(食物 | 无铃声)"},
    "gap": {"en": "Belief gap: seeing − doing", "zh": "预期差：观察 − 行动"},
    "points": {"en": " percentage points", "zh": " 个百分点"},
    "policies_table": {"en": "What each dog does and how often it errs", "zh": "每只狗的做法及出错率"},
    "sim_caption": {"en": "Simulated trials (n = {n} per phase, seed {seed}) against the exact values",
                    "zh": "模拟试验（每阶段 n = {n}，种子 {seed}）与精确值对照"},
    "exact": {"en": "Exact", "zh": "精确值"},
    "simulated": {"en": "Simulated", "zh": "模拟值"},
    "sim_pfb_train": {"en": "P(food | bell), training", "zh": "P(食物 | 铃声)，训练时"},
    "sim_pfb_deploy": {"en": "P(food | bell) seen when the bell is rung at random",
                       "zh": "随意摇铃时观察到的 P(食物 | 铃声)"},
    "sim_err_corr_train": {"en": "Correlation-only dog's error, training",
                           "zh": "只看相关性的狗出错率，训练时"},
    "sim_err_corr_deploy": {"en": "Correlation-only dog's error, bell at random",
                            "zh": "只看相关性的狗出错率，随意摇铃时"},
    "sim_err_causal_deploy": {"en": "Causal dog's error, bell at random",
                              "zh": "懂因果的狗出错率，随意摇铃时"},
    "summary": {"en": "Seeing: P(food | bell) = {seeing}; doing: P(food | do(bell)) = {doing}. With the bell "
                      "rung at random the correlation-only dog is wrong on {ec} of trials, the causal dog on "
                      "{ek}.",
                "zh": "观察：P(食物 | 铃声) = {seeing}；行动：P(食物 | do(铃声)) = {doing}。随意摇铃时，"
                      "只看相关性的狗在 {ec} 的试验中出错，懂因果的狗为 {ek}。"},
    "preset_classic": {"en": "Pavlov's set-up, as on this page (illustrative)",
                       "zh": "本页的巴甫洛夫设定（示意）"},
    "preset_rare": {"en": "Food is rare (illustrative)", "zh": "食物很少（示意）"},
    "preset_useless": {"en": "The bell tells nothing (illustrative)", "zh": "铃声不含信息（示意）"},
    "preset_seldom": {"en": "Food common, bell seldom rung (illustrative)",
                      "zh": "食物常有、很少摇铃（示意）"},
    "preset_always": {"en": "Bell rung on every trial (illustrative)", "zh": "每次都摇铃（示意）"},
}

_PROBS = ("base_rate", "p_bell_given_food", "p_bell_given_no_food", "p_ring")


def _preset(key: str, base_rate: str, if_food: str, if_no_food: str, ring: str) -> Preset:
    values = dict(zip(_PROBS, (base_rate, if_food, if_no_food, ring), strict=True))
    return Preset(key, T[f"preset_{key}"], values)


VIEW: View[PavlovResult] = View(
    name="pavlov",
    title=T["title"],
    fields=(
        *(Field(name, "slider", T[name], T[f"{name}_hint"], min=0, max=1, step=0.01) for name in _PROBS),
        Field("simulate", "number", T["simulate"],
              {lang: text.format(max=f"{pavlov.MAX_TRIALS:,}") for lang, text in T["simulate_hint"].items()},
              advanced=True),
        Field("seed", "number", T["seed"], T["seed_hint"], advanced=True),
    ),
    defaults={"base_rate": "0.5", "p_bell_given_food": "0.9", "p_bell_given_no_food": "0.1", "p_ring": "0.5",
              "simulate": "0", "seed": "0"},
    presets=(
        _preset("classic", "0.5", "0.9", "0.1", "0.5"),
        _preset("rare", "0.3", "0.9", "0.1", "0.5"),
        _preset("useless", "0.5", "0.9", "0.9", "0.5"),
        _preset("seldom", "0.8", "0.9", "0.1", "0.2"),
        _preset("always", "0.3", "0.9", "0.1", "1"),
    ),
    render=lambda result, params, lang: render(result, params, lang),
    assumptions=pavlov.ASSUMPTIONS,
)

ORANGE, BLUE = "#c2410c", "#1d4ed8"
"""Correlation-only dog and causal dog (both pass 3:1 against white); the bar labels say which is which."""

Bar = tuple[str, float, str, bool]
"""(label, probability, colour, hatched)."""


def _pct(p: float) -> str:
    return fmt(p * 100, 1, unit="%")


def pavlov_svg(belief: Sequence[Bar], errors: Sequence[Bar], *, headings: tuple[str, str], half_label: str,
               legend_rows: Sequence[tuple[str, bool, str]], title: str, desc: str, uid: str, variant: str) -> str:
    """Two groups of horizontal bars on a 0–100 % axis with a light grid. The first group carries a dashed line
    at 50 % (the dog's decision rule). Every bar has its value printed beside it and its meaning in its label
    (beside the bar when wide, above it when narrow); hatching marks training, solid the bell rung at random.
    ``legend_rows``: (colour, hatched, text)."""
    wide = variant == "wide"
    width = WIDE if wide else NARROW
    left, plot = (232.0, 330.0) if wide else (6.0, width - 62.0)
    bar_h = 18.0
    row_h = 28.0 if wide else 44.0
    c = Canvas(width, 0.0, uid + variant[0])
    fills = {ORANGE: c.hatch(ORANGE, name="pv-o", opacity=1, background="#fde6d6"),
             BLUE: c.hatch(BLUE, name="pv-b", opacity=1, background="#dbe4fb")}

    def x(p: float) -> float:
        return left + max(0.0, min(p, 1.0)) * plot

    def group(y: float, heading: str, rows: Sequence[Bar], half: bool) -> float:
        c.text(4, y + 14, shorten(heading, width - 8, bold=True), bold=True)
        y += 26
        under = len(c.parts)  # the grid goes under the bars
        spans: list[tuple[float, float]] = []
        for label, p, colour, hatched in rows:
            by = y + (5.0 if wide else 22.0)
            if wide:
                c.text(left - 8, by + 13.5, shorten(label, left - 14), anchor="end")
            else:
                c.text(left, y + 16, shorten(label, width - 12))
            c.add(f'<rect class="ai45-plot" x="{left}" y="{by:.1f}" width="{plot}" height="{bar_h}" fill="none" '
                  'stroke="#d1d5db"/>',
                  "<rect" + attrs(class_="ai45-pv-bar", x=left, y=f"{by:.1f}", width=f"{x(p) - left:.1f}",
                                  height=bar_h, fill=fills[colour] if hatched else colour, stroke=colour,
                                  stroke_width=1.5) + "/>")
            c.text(x(1) + 8, by + 13.5, _pct(p), bold=True)
            spans.append((by - 3, by + bar_h + 3))
            box = Box(left, by, left + plot, by + bar_h)
            hit, ring = hit_rect(box)
            c.tip([label, _pct(p)], box, hit, ring)
            y += row_h
        last = y
        c.parts[under:under] = [line(x(p), a, x(p), b, stroke=GRID, cls="ai45-grid")
                                for p in (0.25, 0.5, 0.75) for a, b in spans]
        c.x_labels([(x(p), f"{p * 100:.0f}%") for p in (0.0, 0.25, 0.5, 0.75, 1.0)], last + 16)
        if half:
            c.add(*(line(x(0.5), a, x(0.5), b, stroke=INK, width=1.5, dash="5 3", cls="ai45-diag")
                    for a, b in spans))
            for k, part in enumerate(wrap(half_label, width - 8)):
                c.text(x(0.5) if wide else 4, last + 36 + k * FONT * LINE, part,
                       anchor="middle" if wide else "start")
                last += FONT * LINE
            last += 4
        return last + 30

    y = group(4, headings[0], belief, True)
    y = group(y + 4, headings[1], errors, False)
    items = [(f'<rect x="0" y="-6" width="24" height="12" fill="{fills[colour] if hatched else colour}" '
              f'stroke="{colour}" stroke-width="1.5"/>', text) for colour, hatched, text in legend_rows]
    y = legend(c, items, 4, y + 6, width - 8)
    c.height = y - 8
    return c.render(title=title, desc=desc, variant="wide" if wide else "narrow")


def _grid(r: PavlovResult, lang: str) -> str:
    """The 2×2 of a trial with the bell rung at random (food or not × bell or not): the share of trials in
    each cell and what the correlation-only dog does there."""
    pi, ring = r.base_rate, r.p_ring
    corr = r.correlation
    th = "<td></td>" + "".join(f'<th scope="col">{esc(t(T[k], lang))}</th>' for k in ("bell", "silence"))
    body = []
    for food, p_food in ((True, pi), (False, 1 - pi)):
        cells = [f'<th scope="row">{esc(t(T["food" if food else "no_food"], lang))}</th>']
        for bell, p_bell in ((True, ring), (False, 1 - ring)):
            acts = corr.salivate_on_bell if bell else corr.salivate_on_silence
            outcome = "right" if acts == food else ("miss" if food else "false_alarm")
            share = t(T["of_trials"], lang).format(share=_pct(p_food * p_bell))
            cells.append(f"<td>{esc(share)}<br>{esc(t(T['salivates' if acts else 'stays_dry'], lang))} → "
                         f"<strong>{esc(t(T[outcome], lang))}</strong></td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return (f'<table class="ai45-table ai45-outcomes"><caption>{esc(t(T["grid_caption"], lang))}</caption>'
            f"<thead><tr>{th}</tr></thead><tbody>{''.join(body)}</tbody></table>")


def _head(lang: str, *keys: str) -> list[str]:
    return [esc(t(T[k], lang)) for k in keys]


def render(r: PavlovResult, params: Mapping[str, str], lang: str) -> Output:
    """Verdict, the two key probabilities side by side, both dogs' errors, the bar chart, the 2×2, tables."""
    sentence = r.sentence_zh if lang == "zh" else r.sentence_en
    differs = abs(r.belief_gap) > 1e-12
    verdict = "seeing_differs" if differs else "seeing_equals"
    corr, causal = r.correlation, r.causal
    seeing, doing = _pct(r.p_food_given_bell), _pct(r.p_food_do_bell)
    figures = [
        (t(T["seeing"], lang), seeing),
        (t(T["doing"], lang), doing),
        (t(T["err_corr"], lang), _pct(r.error_correlation)),
        (t(T["err_causal"], lang), _pct(r.error_causal)),
        (t(T["err_corr_train"], lang), _pct(corr.train_error)),
    ]
    dl = "".join(f'<div><dt>{esc(k)}</dt><dd data-ai45-value="{i}">{esc(v)}</dd></div>'
                 for i, (k, v) in enumerate(figures))
    u = uid("pavlov", params)
    wide, narrow = (pavlov_svg(
        [(t(T["bar_seeing"], lang), r.p_food_given_bell, ORANGE, True),
         (t(T["bar_doing"], lang), r.p_food_do_bell, BLUE, False)],
        [(t(T["bar_corr_train"], lang), corr.train_error, ORANGE, True),
         (t(T["bar_corr_deploy"], lang), corr.deploy_error, ORANGE, False),
         (t(T["bar_causal_train"], lang), causal.train_error, BLUE, True),
         (t(T["bar_causal_deploy"], lang), causal.deploy_error, BLUE, False)],
        headings=(t(T["sec_belief"], lang), t(T["sec_errors"], lang)), half_label=t(T["half"], lang),
        legend_rows=((ORANGE, False, t(T["legend_corr"], lang)), (BLUE, False, t(T["legend_causal"], lang)),
                     (ORANGE, True, t(T["legend_phase"], lang))),
        title=t(T["chart_title"], lang).format(seeing=seeing, doing=doing), desc=sentence,
        uid=u, variant=v) for v in ("wide", "narrow"))
    quantities = [
        (t(T["p_bell_train"], lang), _pct(r.p_bell_train)),
        (t(T["bar_seeing"], lang), seeing),
        (t(T["p_food_no_bell"], lang), _pct(r.p_food_given_no_bell)),
        (t(T["bar_doing"], lang), doing),
        (t(T["gap"], lang), fmt(r.belief_gap * 100, 1, unit=t(T["points"], lang))),
    ]
    mark = {True: "✓", False: "—"}
    p_rows = []
    for key, outcome in (("dog_corr", corr), ("dog_causal", causal)):
        for phase in ("train", "deploy"):
            p_rows.append([esc(t(T[key], lang)), mark[outcome.salivate_on_bell],
                           mark[outcome.salivate_on_silence],
                           esc(t(T["training" if phase == "train" else "deployment"], lang)),
                           *(esc(_pct(getattr(outcome, f"{phase}_{k}"))) for k in ("false_alarm", "miss", "error"))])
    caption = esc(t(UI["data_table"], lang))
    tables = (table(caption, _head(lang, "quantity", "value"), [[esc(k), esc(v)] for k, v in quantities])
              + table(esc(t(T["policies_table"], lang)),
                      _head(lang, "policy", "on_bell", "on_silence", "phase", "false_alarms", "misses",
                            "errors"),
                      p_rows))
    sim = r.simulation
    sim_rows: list[tuple[str, float, float]] = []
    sim_table = ""
    if sim:
        sim_rows = [
            ("sim_pfb_train", r.p_food_given_bell, sim.train_p_food_given_bell),
            ("sim_pfb_deploy", r.p_food_do_bell, sim.deploy_p_food_given_bell),
            ("sim_err_corr_train", corr.train_error, sim.train_error_correlation),
            ("sim_err_corr_deploy", r.error_correlation, sim.deploy_error_correlation),
            ("sim_err_causal_deploy", r.error_causal, sim.deploy_error_causal),
        ]
        sim_caption = t(T["sim_caption"], lang).format(n=fmt(sim.n, 0), seed=sim.seed)
        sim_table = table(esc(sim_caption), _head(lang, "quantity", "exact", "simulated"),
                          [[esc(t(T[k], lang)), esc(_pct(exact)), esc(_pct(seen))]
                           for k, exact, seen in sim_rows])
    definition = r.error_definition_zh if lang == "zh" else r.error_definition_en
    html = (f'<p class="ai45-verdict ai45-{verdict}" data-ai45-verdict="{verdict}">'
            f"<strong>{esc(t(T['differs' if differs else 'equal'], lang))}</strong> — {esc(sentence)}</p>"
            f'<dl class="ai45-figures">{dl}</dl>'
            f"{figure(wide, narrow)}"
            f"{_grid(r, lang)}{sim_table}"
            f'<p class="ai45-note">{esc(definition)}</p>'
            f'<details class="ai45-data"><summary>{caption}</summary>{tables}</details>')
    csv_rows: list[list[object]] = [["quantity", "value"]]
    for key in ("base_rate", "p_bell_given_food", "p_bell_given_no_food", "p_ring", "p_bell_train",
                "p_food_given_bell", "p_food_given_no_bell", "p_food_do_bell", "belief_gap"):
        csv_rows.append([key, getattr(r, key)])
    csv_rows.append([])
    columns = ("salivate_on_bell", "salivate_on_silence", "train_false_alarm", "train_miss", "train_error",
               "deploy_false_alarm", "deploy_miss", "deploy_error")
    csv_rows.append(["policy", *columns])
    outcomes: tuple[tuple[str, PolicyOutcome], ...] = (("correlation", corr), ("causal", causal))
    csv_rows += [[name, *(getattr(outcome, k) for k in columns)] for name, outcome in outcomes]
    if sim:
        csv_rows.append([])
        csv_rows.append(["simulation_n", sim.n, "seed", sim.seed])
        csv_rows.append(["quantity", "exact", "simulated"])
        csv_rows += [[k.removeprefix("sim_"), exact, seen] for k, exact, seen in sim_rows]
        csv_rows.append(["counts", *sim.train_counts])
        csv_rows += [[phase, *counts.values()] for phase, counts in (("train", sim.train_counts),
                                                                       ("deploy", sim.deploy_counts))]
    summary = t(T["summary"], lang).format(seeing=seeing, doing=doing, ec=_pct(r.error_correlation),
                                           ek=_pct(r.error_causal))
    return Output(html=html, csv=to_csv(csv_rows), svg=wide, summary=summary)
