"""The widget's HTML: inputs (from the ``View``'s fields), status, output, assumptions and actions."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from .html import Text, attrs, esc, t
from .spec import Field, Output, View
from .ui import UI

__all__ = ["render_shell"]


def _field(view: View[Any], key: str, f: Field, value: str, lang: str) -> str:
    fid = f"{key}-{f.name}"
    hint_id, err_id = f"{fid}-hint", f"{fid}-err"
    described = f"{hint_id} {err_id}" if f.hint else err_id
    label = f'<label for="{fid}">{esc(t(f.label, lang))}</label>'
    if f.kind == "select":
        opts = "".join(f'<option{attrs(value=v, selected=v == value)}>{esc(t(text, lang))}</option>'
                       for v, text in f.options)
        control = f'<select{attrs(id=fid, name=f.name, aria_describedby=described)}>{opts}</select>'
    elif f.kind == "checks":
        chosen = {p.strip() for p in value.replace(",", " ").split()}
        if f.grid:
            boxes = _grid(f, f.grid, chosen, lang)
        else:
            boxes = "".join(
                f'<label class="ai45-check"><input type="checkbox"'
                f"{attrs(name=f.name, value=v, checked=v in chosen)}> {esc(t(text, lang))}</label>"
                for v, text in f.options)
        cls = "ai45-field ai45-checks" + (" ai45-gridded" if f.grid else "")
        return (f'<fieldset{attrs(class_=cls, data_field=f.name, aria_describedby=described)}>'
                f"<legend>{esc(t(f.label, lang))}</legend>{boxes}{_notes(f, hint_id, err_id, lang)}</fieldset>")
    elif f.kind in ("series", "text", "csv"):
        tag = "textarea" if f.kind == "csv" else "input"
        common = attrs(id=fid, name=f.name, aria_describedby=described, spellcheck="false", autocomplete="off")
        if tag == "textarea":
            control = f'<textarea{common}{attrs(rows=f.rows)}>{esc(value)}</textarea>'
            control += (f'<label class="ai45-upload">{esc(t(UI["upload"], lang))} '
                        f'<input type="file" accept=".csv,text/csv,text/plain" data-ai45-upload="{esc(f.name)}">'
                        "</label>")
        else:
            control = f'<input type="text"{common}{attrs(value=value)}>'
    else:  # number / slider: a text box keeps whatever the reader typed, even when it is not a number yet
        box = attrs(id=fid, name=f.name, value=value, aria_describedby=described, autocomplete="off")
        control = f'<input type="text" inputmode="decimal"{box}>'
        if f.kind == "slider":
            control = (f'<input type="range" tabindex="-1" aria-hidden="true"'
                       f'{attrs(min=f.min, max=f.max, step=f.step, value=value, data_ai45_slider=f.name)}>'
                       + control)
    return (f'<div class="ai45-field ai45-{f.kind}"{attrs(data_field=f.name)}>{label}{control}'
            f"{_notes(f, hint_id, err_id, lang)}</div>")


def _grid(f: Field, grid: tuple[tuple[Text, ...], tuple[Text, ...]], chosen: set[str], lang: str) -> str:
    """Checkboxes in a table with row and column headers; each box is named by its option's text (e.g.
    "Reasoning × Intervenable") for screen readers, and the whole cell is its click target."""
    rows, cols = grid
    if len(f.options) != len(rows) * len(cols):
        raise ValueError(f"{f.name}: a {len(rows)}×{len(cols)} grid needs {len(rows) * len(cols)} options, "
                         f"got {len(f.options)}")
    head = "".join(f'<th scope="col">{esc(t(c, lang))}</th>' for c in cols)
    body = []
    for i, row in enumerate(rows):
        cells = "".join(
            f'<td><label class="ai45-grid-cell"><input type="checkbox"'
            f"{attrs(name=f.name, value=v, checked=v in chosen)}>"
            f'<span class="ai45-sr">{esc(t(text, lang))}</span></label></td>'
            for v, text in f.options[i * len(cols):(i + 1) * len(cols)])
        body.append(f'<tr><th scope="row">{esc(t(row, lang))}</th>{cells}</tr>')
    return (f'<div class="ai45-grid-wrap"><table class="ai45-grid"><thead><tr><td></td>{head}</tr></thead>'
            f'<tbody>{"".join(body)}</tbody></table></div>')


def _notes(f: Field, hint_id: str, err_id: str, lang: str) -> str:
    hint = f'<p class="ai45-hint" id="{hint_id}">{esc(t(f.hint, lang))}</p>' if f.hint else ""
    return hint + f'<p class="ai45-error" id="{err_id}" data-ai45-error-for="{esc(f.name)}" hidden></p>'


def render_shell(view: View[Any], key: str, state: Mapping[str, str], output: Output, lang: str, *,
                 layout: str = "default") -> str:
    """The complete widget element, pre-rendered: the page shows correct results before any script runs.
    ``layout="figure-first"`` puts the output (its chart first) before the form."""
    main = [f for f in view.fields if not f.advanced]
    more = [f for f in view.fields if f.advanced]
    inputs = "".join(_field(view, key, f, state.get(f.name, ""), lang) for f in main)
    if more:
        inputs += (f'<details class="ai45-more"><summary>{esc(t(UI["more"], lang))}</summary>'
                   + "".join(_field(view, key, f, state.get(f.name, ""), lang) for f in more) + "</details>")
    presets = ""
    if view.presets:
        buttons = "".join(
            f'<button type="button" class="md-button"{attrs(data_ai45_preset=json.dumps(dict(p.values)))}>'
            f"{esc(t(p.label, lang))}</button>" for p in view.presets)
        colon = "：" if lang == "zh" else ":"
        presets = f'<div class="ai45-presets"><span>{esc(t(UI["presets"], lang))}{colon}</span> {buttons}</div>'
    assumptions = "".join(f"<li>{esc(a)}</li>" for a in view.assumptions.get(lang, view.assumptions["en"]))
    actions = "".join(
        f'<button type="button" class="md-button"{attrs(data_ai45_action=a)}>{esc(t(UI[label], lang))}</button>'
        for a, label in (("link", "copy_link"), ("csv", "download_csv"), ("svg", "download_svg"),
                         ("embed", "embed"), ("reset", "reset")))
    root = attrs(data_ai45_widget=view.name, data_ai45_key=key, data_ai45_state="static",
                 lang=lang, id=key)
    form = f'<form class="ai45-form" novalidate aria-label="{esc(t(view.title, lang))}">{presets}{inputs}</form>'
    status = f'<p class="ai45-status" data-ai45-status>{esc(t(UI["static"], lang))}</p>'
    out = (f'<div class="ai45-output" data-ai45-output{attrs(data_ai45_csv=output.csv)}>{output.html}</div>'
           f'<p class="ai45-sr" aria-live="polite" data-ai45-announce></p>')
    first = layout == "figure-first"
    return (
        # A <section>, not a <div>: Material's search indexer ends an exclusion at the first closing tag of the
        # same name, so the root's tag must not occur inside it (the widget's text is not search material).
        f'<section class="ai45-widget{" ai45-figure-first" if first else ""}" data-search-exclude{root}>'
        f'<p class="ai45-title">{esc(t(view.title, lang))}</p>'
        + (out + status + form if first else form + status + out) +
        f'<details class="ai45-assumptions"><summary>{esc(t(UI["assumptions"], lang))}</summary>'
        f"<ul>{assumptions}</ul></details>"
        f'<div class="ai45-actions">{actions}</div>'
        f'<div class="ai45-embed" data-ai45-embed hidden>'
        f'<label for="{key}-embed">{esc(t(UI["embed_help"], lang))}</label>'
        f'<textarea id="{key}-embed" readonly rows="3"></textarea></div>'
        "</section>"
    )
