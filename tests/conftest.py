"""Shared fixtures for the package's tests: the two real tables and hand-computed scores."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import pytest

from proliferation_course.data import load_table


@pytest.fixture
def presets() -> pd.DataFrame:
    """The real ``deterrence_presets`` table, validated."""
    return load_table("deterrence_presets")


@pytest.fixture
def forces() -> pd.DataFrame:
    """The real ``nuclear_forces_2025`` table, validated."""
    return load_table("nuclear_forces_2025")


def _hand_scores(
    c: float, r: float, m: float, weights: tuple[float, float, float] = (1.0, 1.0, 1.0)
) -> dict[str, float]:
    """The three rules written out from the model's equations, independently of the package."""
    wc, wr, wm = weights
    return {
        "product": c * r * m,
        "weakest_link": min(c, r, m),
        "weighted_mean": (wc * c + wr * r + wm * m) / (wc + wr + wm),
    }


@pytest.fixture
def hand_scores() -> Callable[..., dict[str, float]]:
    """``hand_scores(c, r, m, weights=(1, 1, 1))`` -> {rule: D}, from the equations."""
    return _hand_scores
