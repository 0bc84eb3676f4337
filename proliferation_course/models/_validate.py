"""Shared parameter checks for the models: bad input raises ValueError naming the parameter."""

from __future__ import annotations

import math
from collections.abc import Mapping
from numbers import Real

__all__ = ["check_choice", "check_positive", "check_preset_ids_and_share", "check_unit_interval"]


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


def check_preset_ids_and_share(row: Mapping[str, object], ids_column: str, share_column: str,
                               what: str) -> tuple[tuple[str, ...], float]:
    """A preset row's list of identifiers (``"A; B"``) and its share in [0, 1], checked.

    ``what`` names one identifier in messages (``"state"``, ``"ally"``). A
    ``ValueError`` names the preset (its ``preset_id``) and the column.

    >>> check_preset_ids_and_share({"preset_id": "p", "seeds": "A; B", "a": 0.5}, "seeds", "a", "state")
    (('A', 'B'), 0.5)
    >>> check_preset_ids_and_share({"preset_id": "p", "seeds": "A; A", "a": 0.5}, "seeds", "a", "state")
    Traceback (most recent call last):
    ...
    ValueError: preset 'p': seeds must not repeat a state, got 'A; A'
    """
    name = f"preset {row['preset_id']!r}" if "preset_id" in row else "the preset"
    for column in (ids_column, share_column):
        if column not in row:
            raise ValueError(f"{name}: the column {column} is missing")
    raw = row[ids_column]
    if not isinstance(raw, str):
        raise ValueError(f"{name}: {ids_column} must be {what} identifiers separated by ';', got {raw!r}")
    ids = tuple(part.strip() for part in raw.split(";"))
    if not all(ids):
        raise ValueError(f"{name}: {ids_column} must name at least one {what}, with no empty entry, got {raw!r}")
    if len(set(ids)) != len(ids):
        raise ValueError(f"{name}: {ids_column} must not repeat a{'n' if what[0] in 'aeiou' else ''} {what}, "
                         f"got {raw!r}")
    try:
        share = check_unit_interval(share_column, row[share_column])
    except ValueError as err:
        raise ValueError(f"{name}: {err}") from None
    return ids, share
