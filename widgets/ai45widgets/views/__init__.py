"""The closed registry of widgets: one view module per ai45core computation (the JS keeps the same list)."""

from __future__ import annotations

from typing import Any, Final

from ..spec import View
from . import benchmarks, investment, ladder, matrix, pavlov, plane, zones

__all__ = ["VIEWS"]

VIEWS: Final[dict[str, View[Any]]] = {
    view.name: view for view in (
        plane.VIEW, ladder.VIEW, pavlov.VIEW, zones.VIEW, matrix.VIEW, investment.VIEW, benchmarks.VIEW,
    )
}
