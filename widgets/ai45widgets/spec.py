"""What a widget is: its input fields, presets and how it renders a result (one ``View`` per widget)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Generic, Literal, TypeVar

from .html import Text

__all__ = ["Field", "Output", "Preset", "View"]

R = TypeVar("R")
"""The typed result a view renders (an ai45core dataclass such as ``PlaneResult``)."""

Kind = Literal["number", "slider", "select", "series", "text", "csv", "checks"]


@dataclass(frozen=True)
class Field:
    """One input. ``name`` is the ai45core parameter it feeds and the key in the URL state."""

    name: str
    kind: Kind
    label: Text
    hint: Text | None = None
    options: tuple[tuple[str, Text], ...] = ()
    min: float | None = None
    max: float | None = None
    step: float | None = None
    rows: int = 3
    advanced: bool = False
    """Shown folded under "More options" to keep the first view simple."""
    grid: tuple[tuple[Text, ...], tuple[Text, ...]] | None = None
    """For "checks": lay the options out as a table, ``(row headers, column headers)``; ``options`` fill it
    row by row, so there must be rows × columns of them. Each option's text labels its checkbox."""


@dataclass(frozen=True)
class Preset:
    """A named set of starting values (e.g. "as claimed in the speech report", always labelled)."""

    id: str
    label: Text
    values: Mapping[str, str]


@dataclass(frozen=True)
class Output:
    """A rendered result: the HTML fragment, the data as CSV, the chart as SVG, one sentence to announce."""

    html: str
    csv: str
    svg: str
    summary: str


@dataclass(frozen=True)
class View(Generic[R]):
    """A widget: fields, defaults (text, like a form), and ``render(result, params, lang) -> Output``, where
    ``result`` is the computation's typed result (ai45core's dataclass for this widget)."""

    name: str
    title: Text
    fields: tuple[Field, ...]
    defaults: Mapping[str, str]
    render: Callable[[R, Mapping[str, str], str], Output]
    assumptions: Mapping[str, tuple[str, ...]]
    presets: tuple[Preset, ...] = ()
    intro: Text | None = None
    extra_params: tuple[str, ...] = field(default=())
    """Keys accepted in the state that are not fields (rare)."""

    def field_names(self) -> tuple[str, ...]:
        """The names of the state keys this widget accepts."""
        return tuple(f.name for f in self.fields) + self.extra_params
