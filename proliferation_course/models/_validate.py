"""Shared parameter checks for the models: bad input raises ValueError naming the parameter."""

from __future__ import annotations

import math
from numbers import Real

__all__ = ["check_choice", "check_positive", "check_unit_interval"]


def _check_real(name: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, Real):
        raise ValueError(f"{name} must be a real number, got {type(value).__name__} {value!r}")
    x = float(value)
    if math.isnan(x):
        raise ValueError(f"{name} must be a number, got NaN")
    return x


def check_unit_interval(name: str, value: object) -> float:
    """Return ``value`` as a float if it lies in [0, 1]; otherwise raise ValueError."""
    x = _check_real(name, value)
    if not 0.0 <= x <= 1.0:
        raise ValueError(f"{name} must lie in [0, 1], got {x!r}")
    return x


def check_positive(name: str, value: object, *, allow_zero: bool = False) -> float:
    """Return ``value`` as a float if it is positive (or zero when allowed) and finite."""
    x = _check_real(name, value)
    if math.isinf(x):
        raise ValueError(f"{name} must be finite, got {x!r}")
    if x < 0 or (x == 0 and not allow_zero):
        bound = "non-negative" if allow_zero else "positive"
        raise ValueError(f"{name} must be {bound}, got {x!r}")
    return x


def check_choice(name: str, value: object, choices: tuple[str, ...]) -> str:
    """Return ``value`` if it is one of ``choices``; otherwise raise ValueError."""
    if not isinstance(value, str) or value not in choices:
        raise ValueError(f"{name} must be one of {', '.join(choices)}; got {value!r}")
    return value
