"""ai45core — the computations behind the AI-45° Law explainer (人工智能45°平衡律).

Pure Python, standard library only; the same code runs in CPython 3.11+ and in the reader's browser (Pyodide).
Each computation is one module with a typed function and a ``from_params`` that reads JSON-style parameters
(what the command line and the widgets send). Every result has ``to_dict()``; every bad input raises
:class:`AI45Error` with a stable ``code``, the ``field`` concerned and a message in English and Chinese.

==============  ====================================================================================
``plane``       angle of progress on the capability–safety plane, verdict, sustained deviation, debt
``investment``  how a split of resources between capability and safety turns into an angle
``ladder``      the causal ladder (泛对齐 → 可干预 → 能反思): coverage per layer and the stage reached
``pavlov``      correlation vs intervention: Pavlov's dog in closed form (Pearl's rungs 1 and 2)
``zones``       red and yellow lines: green / yellow / red zone per risk domain, thresholds set by the user
``matrix``      five levels of trustworthy AGI against the three ladder layers (a self-assessment)
``benchmarks``  before/after benchmark scores: absolute vs relative change, and why aggregation matters
==============  ====================================================================================

>>> compute("plane", {"capability": [10, 20, 40], "safety": [5, 10, 20]})["angle_deg"]
45.0
>>> compute("plane", {"capability": [1]})
Traceback (most recent call last):
...
ai45core.errors.AI45Error: capability: needs at least 2 values; got 1
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

from . import benchmarks, investment, ladder, matrix, pavlov, plane, zones
from ._check import Result, params_object
from .errors import AI45Error

__all__ = ["COMPUTATIONS", "NAMES", "AI45Error", "Result", "compute", "compute_result"]
__version__ = "0.1.0"

COMPUTATIONS: Final[dict[str, Callable[[Any], Result]]] = {
    "plane": plane.from_params,
    "investment": investment.from_params,
    "ladder": ladder.from_params,
    "pavlov": pavlov.from_params,
    "zones": zones.from_params,
    "matrix": matrix.from_params,
    "benchmarks": benchmarks.from_params,
}
NAMES: Final = tuple(COMPUTATIONS)


def compute_result(name: str, params: object) -> Result:
    """Run computation ``name`` on JSON-style ``params`` and return its typed result (e.g. a ``PlaneResult``).

    >>> type(compute_result("plane", {"capability": [1, 2], "safety": [1, 2]})).__name__
    'PlaneResult'

    Raises:
        AI45Error: ``unknown_computation`` for a bad name, or the computation's own input error.
    """
    if name not in COMPUTATIONS:
        raise AI45Error("unknown_computation", "name", en=f"must be one of {', '.join(NAMES)}",
                        zh=f"必须是以下之一：{', '.join(NAMES)}")
    return COMPUTATIONS[name](params_object(params))


def compute(name: str, params: object) -> dict[str, Any]:
    """Run computation ``name`` on JSON-style ``params`` and return plain JSON data (``compute_result`` as a
    dict: what the command line prints).

    Raises:
        AI45Error: ``unknown_computation`` for a bad name, or the computation's own input error.
    """
    return compute_result(name, params).to_dict()
