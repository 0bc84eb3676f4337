"""Input checks shared by the figure builders."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

__all__ = ["check_frame"]


def check_frame(df: pd.DataFrame, columns: Sequence[str], name: str = "presets") -> pd.DataFrame:
    """Check that ``df`` is a non-empty DataFrame with ``columns``; return it sorted by ``order``.

    Raises ``ValueError`` naming ``name`` and what is wrong.

    Examples
    --------
    >>> check_frame(pd.DataFrame({"a": [2, 1], "order": [2, 1]}), ["a"])["a"].tolist()
    [1, 2]
    """
    if not isinstance(df, pd.DataFrame):
        raise ValueError(f"{name} must be a pandas DataFrame, got {type(df).__name__}")
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise ValueError(f"{name} is missing column(s): {', '.join(missing)}")
    if df.empty:
        raise ValueError(f"{name} has no rows")
    if "order" in df.columns:
        df = df.sort_values("order")
    return df.reset_index(drop=True)
