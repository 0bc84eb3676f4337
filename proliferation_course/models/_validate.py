"""Shared parameter checks for the models: bad input raises ValueError naming the parameter."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from numbers import Integral, Real
from typing import Any, cast

import pandas as pd

from ..i18n import _
from ..validation import check_keys, check_table

__all__ = ["check_choice", "check_grid", "check_integer", "check_positive", "check_preset_ids_and_share",
           "check_unit_interval", "check_weights"]


def _check_real(name: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, Real):
        raise ValueError(_("{name} must be a real number, got {kind} {value!r}").format(
            name=name, kind=type(value).__name__, value=value))
    x = float(value)
    if math.isnan(x):
        raise ValueError(_("{name} must be a number, got NaN").format(name=name))
    return x


def check_unit_interval(name: str, value: object) -> float:
    """Return ``value`` as a float if it lies in [0, 1]; otherwise raise ValueError."""
    x = _check_real(name, value)
    if not 0.0 <= x <= 1.0:
        raise ValueError(_("{name} must lie in [0, 1], got {value!r}").format(name=name, value=x))
    return x


def check_positive(name: str, value: object, *, allow_zero: bool = False) -> float:
    """Return ``value`` as a float if it is positive (or zero when allowed) and finite."""
    x = _check_real(name, value)
    if math.isinf(x):
        raise ValueError(_("{name} must be finite, got {value!r}").format(name=name, value=x))
    if x < 0 or (x == 0 and not allow_zero):
        if allow_zero:
            raise ValueError(_("{name} must be non-negative, got {value!r}").format(name=name, value=x))
        raise ValueError(_("{name} must be positive, got {value!r}").format(name=name, value=x))
    return x


def check_choice(name: str, value: object, choices: tuple[str, ...]) -> str:
    """Return ``value`` if it is one of ``choices``; otherwise raise ValueError."""
    if not isinstance(value, str) or value not in choices:
        raise ValueError(_("{name} must be one of {choices}; got {value!r}").format(
            name=name, choices=", ".join(choices), value=value))
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


def check_integer(name: str, value: object, low: int, high: int) -> int:
    """Return ``value`` as an int if it is an integer (or a whole float) from ``low`` to ``high``."""
    if isinstance(value, bool) or not isinstance(value, Integral):
        if isinstance(value, float) and math.isfinite(value) and value.is_integer():
            value = int(value)
        else:
            raise ValueError(_("{name} must be an integer from {low} to {high}, got {value!r}").format(
                name=name, low=low, high=high, value=value))
    n = int(value)
    if not low <= n <= high:
        raise ValueError(_("{name} must be an integer from {low} to {high}, got {value!r}").format(
            name=name, low=low, high=high, value=n))
    return n


def check_weights(weights: Mapping[str, object] | None, keys: Sequence[str], what: str) -> dict[str, float]:
    """``{key: weight}`` for every one of ``keys``, each non-negative and finite, not all zero;
    equal weights if ``weights`` is None. ``what`` names one key in messages (``"risk"``)."""
    if weights is None:
        return {k: 1.0 for k in keys}
    check_keys(weights, keys, "weights", what, value_word="weight")
    checked = {k: check_positive(f"weights[{k!r}]", weights[k], allow_zero=True) for k in keys}
    if sum(checked.values()) == 0:
        raise ValueError(_("weights must not all be zero"))
    return checked


def check_grid(table: object, *, name: str, columns: Sequence[str], rows: tuple[str, str, str],
               keys: tuple[str, str, Sequence[str]], order: Sequence[str] | None,
               check_row: Callable[[Any], None]) -> pd.DataFrame:
    """Check a long table that must hold one row per (row item, key) and return it sorted.

    ``rows`` is ``(column, word, article)`` for the row items (``("study_id",
    "study", "a")``); ``keys`` is ``(column, word, keys in order)`` for the keys
    (``("risk_id", "risk", RISKS)``). ``order`` gives the row items' order
    (``None``: first appearance) and must name exactly those in the table;
    ``check_row`` checks each row's values. Messages name ``name``, the row
    item and the key at fault.
    """
    df = check_table(table, columns, name)
    row_col, row_word, article = rows
    key_col, key_word, key_order = keys
    seen = list(dict.fromkeys(str(s) for s in df[row_col]))
    if order is None:
        wanted = seen
    else:
        wanted = [str(s) for s in order]
        if len(set(wanted)) != len(wanted):
            raise ValueError(f"{row_word}_order repeats {article} {row_word}")
        if set(wanted) != set(seen):
            raise ValueError(f"{row_word}_order must name exactly the {row_word}s in {name} "
                             f"(not in {name}: {sorted(set(wanted) - set(seen))}; "
                             f"not in {row_word}_order: {sorted(set(seen) - set(wanted))})")
    for row in df.itertuples(index=False):
        check_row(row)
    counts = df.groupby([row_col, key_col]).size()
    pairs = cast("Iterable[tuple[tuple[str, str], int]]", counts.items())  # grouped by two columns
    repeated = [f"{a}/{b}" for (a, b), n in pairs if n > 1]
    if repeated:
        raise ValueError(f"{name} repeats {row_word}/{key_word} pair(s): {', '.join(repeated)}")
    for item in wanted:
        have = set(df.loc[df[row_col].astype(str) == item, key_col].astype(str))
        lacking = [k for k in key_order if k not in have]
        if lacking:
            raise ValueError(f"{name} lacks {key_word}(s) {', '.join(lacking)} for {row_word} {item!r}")
    out = df.copy()
    out["_row"] = out[row_col].astype(str).map({s: i for i, s in enumerate(wanted)})
    out["_key"] = out[key_col].astype(str).map({k: i for i, k in enumerate(key_order)})
    return out.sort_values(["_row", "_key"]).drop(columns=["_row", "_key"]).reset_index(drop=True)
