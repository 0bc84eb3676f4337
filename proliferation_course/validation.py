"""Checks shared by every layer (models, figures, exercise checks) for tables and mappings.

Each raises ``ValueError`` with a message that names the argument and what is
wrong with it, so that a model's error reads the same wherever it is raised.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import pandas as pd

from .i18n import _

__all__ = ["check_keys", "check_table"]


def check_table(df: object, columns: Sequence[str], name: str) -> pd.DataFrame:
    """Return ``df`` if it is a non-empty DataFrame that has every one of ``columns``.

    Examples
    --------
    >>> check_table(pd.DataFrame({"a": [1]}), ["a"], "steps")["a"].tolist()
    [1]
    >>> check_table(pd.DataFrame({"a": [1]}), ["a", "b"], "steps")
    Traceback (most recent call last):
    ...
    ValueError: steps is missing column(s): b
    >>> check_table(pd.DataFrame({"a": []}), ["a"], "steps")
    Traceback (most recent call last):
    ...
    ValueError: steps has no rows
    >>> check_table([1], ["a"], "steps")
    Traceback (most recent call last):
    ...
    ValueError: steps must be a pandas DataFrame, got list
    """
    if not isinstance(df, pd.DataFrame):
        raise ValueError(_("{name} must be a pandas DataFrame, got {kind}").format(
            name=name, kind=type(df).__name__))
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise ValueError(_("{name} is missing column(s): {columns}").format(name=name, columns=", ".join(missing)))
    if df.empty:
        raise ValueError(_("{name} has no rows").format(name=name))
    return df


def check_keys(value: object, keys: Iterable[str], name: str, what: str,
               value_word: str = "value") -> Mapping[str, object]:
    """Return ``value`` if it is a mapping whose keys are exactly ``keys``.

    ``what`` names one key in the message (``"criterion"``, ``"role"``); the
    message lists the unknown or missing ones, and the known ones.

    Examples
    --------
    >>> check_keys({"a": 1, "b": 2}, ("a", "b"), "weights", "criterion")["b"]
    2
    >>> check_keys({"a": 1, "c": 2}, ("a", "b"), "weights", "criterion")
    Traceback (most recent call last):
    ...
    ValueError: weights names unknown criterion(s) c; the criteria are a, b
    >>> check_keys({"a": 1}, ("a", "b"), "weights", "criterion")
    Traceback (most recent call last):
    ...
    ValueError: weights lacks the criterion(s) b
    >>> check_keys([1], ("a",), "scores", "role")
    Traceback (most recent call last):
    ...
    ValueError: scores must be a mapping of role to value, got list
    """
    keys = tuple(keys)
    plural = what[:-2] + "a" if what.endswith("on") else what + "s"
    if not isinstance(value, Mapping):
        raise ValueError(_("{name} must be a mapping of {what} to {value_word}, got {kind}").format(
            name=name, what=what, value_word=value_word, kind=type(value).__name__))
    unknown = [str(k) for k in value if k not in keys]
    if unknown:
        raise ValueError(_("{name} names unknown {what}(s) {unknown}; the {plural} are {keys}").format(
            name=name, what=what, unknown=", ".join(unknown), plural=plural, keys=", ".join(keys)))
    missing = [k for k in keys if k not in value]
    if missing:
        raise ValueError(_("{name} lacks the {what}(s) {missing}").format(name=name, what=what,
                                                                          missing=", ".join(missing)))
    return value
