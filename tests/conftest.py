"""Shared fixtures for the package's tests: the two real tables and hand-computed scores."""

from __future__ import annotations

from collections.abc import Callable, Iterator

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


@pytest.fixture(scope="session")
def browser() -> Iterator:
    """Debian's chromium driven by Playwright, offline (see site_helpers), for the browser tests."""
    from playwright.sync_api import sync_playwright

    from site_helpers import CHROMIUM, CHROMIUM_ARGS

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()
