"""Placeholder: being written."""

from typing import Any

from ._check import Result


def from_params(params: Any) -> Result:
    raise NotImplementedError
