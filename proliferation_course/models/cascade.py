"""A proliferation cascade: a stylised threshold model in the manner of Granovetter (1978).

A set of latent nuclear states starts with some of them (the *first movers*)
committed to building nuclear weapons. In each round every other state
weighs the pressure on it,

.. math::

    p_i(t) = \\sum_j w_{ij}\\, x_j(t) + e_i - a\\, c_i,

where ``x_j(t)`` is 1 if state ``j`` has gone nuclear by round ``t`` (0
otherwise), ``w_ij >= 0`` is how much a nuclear ``j`` presses on ``i``,
``e_i >= 0`` is ``i``'s own threat exposure, ``a`` in [0, 1] is the level
of US assurance and ``c_i`` in [0, 1] how far that assurance covers ``i``.
State ``i`` goes nuclear in round ``t + 1`` if ``p_i(t) > theta_i``, its
threshold. Nobody goes back. Because the set of nuclear states only grows,
and pressure only grows with it, the process reaches a fixed point after at
most ``n - |seeds|`` rounds in which something changes.

This is a teaching model, not a prediction: the thresholds, weights and
exposures are the course authors' stated assumptions, and "going nuclear"
means deciding to seek weapons, not having them (chapter 3 is about how long
that takes).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ..data import localized
from ..i18n import _
from ._validate import _check_real, check_positive, check_preset_ids_and_share, check_unit_interval

__all__ = [
    "PRESET_COLUMNS",
    "CascadeResult",
    "cascade_inputs",
    "cascade_pressure",
    "preset_arguments",
    "run_cascade",
    "run_cascade_tables",
]


#: The columns of a ``cascade_presets`` row that the model reads: the first movers and ``a``.
PRESET_COLUMNS: tuple[str, str] = ("seeds", "assurance")


def preset_arguments(row: Mapping[str, object]) -> dict[str, Any]:
    """The model's arguments for one preset of the figure: its first movers and level of assurance.

    Parameters
    ----------
    row
        One row of the ``cascade_presets`` table (a dict or a pandas row):
        ``seeds``, state identifiers separated by ``;``, and ``assurance`` in
        [0, 1]. Its other columns (``label``, ``rationale``, ...) are not read.

    Returns
    -------
    dict
        ``seeds`` (a tuple of state identifiers) and ``assurance`` (a float),
        to pass to :func:`run_cascade_tables` as keyword arguments.

    Raises
    ------
    ValueError
        If a column is missing, the first movers are empty or repeat a state,
        or the assurance is outside [0, 1]; the message names the preset and
        the column.

    Examples
    --------
    >>> preset_arguments({"preset_id": "p", "seeds": "CAN; DEU; JPN", "assurance": 0.5})
    {'seeds': ('CAN', 'DEU', 'JPN'), 'assurance': 0.5}
    >>> preset_arguments({"preset_id": "q", "seeds": "JPN", "assurance": 1.5})
    Traceback (most recent call last):
    ...
    ValueError: preset 'q': assurance must lie in [0, 1], got 1.5
    """
    seeds, assurance = check_preset_ids_and_share(row, "seeds", "assurance", "state")
    return {"seeds": seeds, "assurance": assurance}


@dataclass(frozen=True)
class CascadeResult:
    """The whole path of one cascade, round by round.

    Attributes
    ----------
    states
        State identifiers, in the order of every array below.
    seeds
        The first movers (nuclear in round 0).
    assurance
        The level of US assurance ``a`` used.
    thresholds
        Each state's threshold ``theta_i``.
    status
        ``status[t][i]`` is True if state ``i`` is nuclear in round ``t``.
        Round 0 holds only the seeds; the last round is the fixed point.
    pressure
        ``pressure[t][i]`` is ``p_i(t)``, the pressure on ``i`` given the
        nuclear states of round ``t``.
    """

    states: tuple[str, ...]
    seeds: tuple[str, ...]
    assurance: float
    thresholds: tuple[float, ...]
    status: tuple[tuple[bool, ...], ...]
    pressure: tuple[tuple[float, ...], ...]

    @property
    def rounds(self) -> int:
        """Rounds in which at least one state joined (the fixed point is round ``rounds``)."""
        return len(self.status) - 1

    @property
    def final(self) -> tuple[str, ...]:
        """The states nuclear at the fixed point, in table order."""
        return tuple(s for s, x in zip(self.states, self.status[-1], strict=True) if x)

    @property
    def followers(self) -> tuple[str, ...]:
        """Nuclear states at the fixed point that were not first movers: what 'selective' did not select."""
        return tuple(s for s in self.final if s not in self.seeds)

    def joined_round(self, state: str) -> int | None:
        """The round in which ``state`` went nuclear (0 for a seed), or None if it never did."""
        i = self.states.index(state)
        for t, row in enumerate(self.status):
            if row[i]:
                return t
        return None


def _check_vector(name: str, values: object, n: int, *, unit: bool = False,
                  positive: bool = False) -> np.ndarray:
    if isinstance(values, str | bytes) or not isinstance(values, Sequence | np.ndarray | pd.Series):
        raise ValueError(f"{name} must be a sequence of {n} numbers, got {type(values).__name__}")
    items = list(values)
    if len(items) != n:
        raise ValueError(f"{name} must have {n} values (one per state), got {len(items)}")
    out = []
    for k, v in enumerate(items):
        label = f"{name}[{k}]"
        if unit:
            out.append(check_unit_interval(label, v))
        else:
            out.append(check_positive(label, v, allow_zero=not positive))
    return np.array(out, dtype=float)


def _check_weights(weights: object, n: int) -> np.ndarray:
    try:
        w = np.array(weights, dtype=float)
    except (TypeError, ValueError) as err:
        raise ValueError(f"weights must be an {n} x {n} array of numbers: {err}") from None
    if w.shape != (n, n):
        raise ValueError(f"weights must be an {n} x {n} array (one row and column per state), got shape {w.shape}")
    if np.isnan(w).any() or np.isinf(w).any():
        raise ValueError("weights must be finite numbers (no NaN or infinity)")
    if (w < 0).any():
        raise ValueError("weights must be non-negative: a nuclear neighbour cannot lower the pressure")
    if np.any(np.diag(w) != 0):
        raise ValueError("weights must have a zero diagonal: a state does not press on itself")
    return w


def cascade_pressure(
    status: Sequence[bool] | np.ndarray,
    weights: np.ndarray,
    exposure: np.ndarray,
    coverage: np.ndarray,
    assurance: float,
) -> np.ndarray:
    """The pressure on each state, ``p = W x + e - a c``, for one set of nuclear states.

    Inputs are assumed valid (see :func:`run_cascade`, which checks them).

    Examples
    --------
    >>> w = np.array([[0.0, 0.5], [0.25, 0.0]])
    >>> cascade_pressure([True, False], w, np.array([0.5, 0.5]), np.array([1.0, 1.0]), 0.5).tolist()
    [0.0, 0.25]
    """
    x = np.array(status, dtype=float)
    pressure: np.ndarray = weights @ x + exposure - assurance * coverage
    return pressure


def run_cascade(
    states: Sequence[str],
    thresholds: Sequence[float],
    exposure: Sequence[float],
    coverage: Sequence[float],
    weights: object,
    seeds: Sequence[str],
    assurance: float,
) -> CascadeResult:
    """Run the threshold cascade from the first movers to its fixed point.

    Parameters
    ----------
    states
        Unique state identifiers (at least one).
    thresholds
        ``theta_i > 0`` for each state: the pressure it must feel, strictly
        exceeded, before it goes nuclear.
    exposure
        ``e_i >= 0``: each state's own threat exposure.
    coverage
        ``c_i`` in [0, 1]: how far US assurance reaches each state.
    weights
        An ``n x n`` array, ``weights[i][j] >= 0`` the pressure a nuclear
        ``j`` puts on ``i``; zero diagonal.
    seeds
        The first movers: distinct members of ``states`` (may be empty).
    assurance
        ``a`` in [0, 1], the level of US assurance.

    Returns
    -------
    CascadeResult
        Status and pressure for round 0 (seeds only) up to the fixed point.

    Raises
    ------
    ValueError
        On any bad input; the message names the parameter.

    Examples
    --------
    Two states; A presses on B with weight 0.5, and B's threshold is 0.4:

    >>> res = run_cascade(["A", "B"], [0.4, 0.4], [0.0, 0.0], [1.0, 1.0],
    ...                   [[0.0, 0.0], [0.5, 0.0]], seeds=["A"], assurance=0.0)
    >>> res.final, res.rounds, res.followers
    (('A', 'B'), 1, ('B',))

    Assurance of 0.2 lowers the pressure on B to 0.3, below its threshold:

    >>> run_cascade(["A", "B"], [0.4, 0.4], [0.0, 0.0], [1.0, 1.0],
    ...             [[0.0, 0.0], [0.5, 0.0]], seeds=["A"], assurance=0.2).final
    ('A',)
    """
    if isinstance(states, str | bytes) or not isinstance(states, Sequence | np.ndarray | pd.Series):
        raise ValueError(f"states must be a sequence of names, got {type(states).__name__}")
    names = [str(s) for s in states]
    if not names:
        raise ValueError("states must name at least one state")
    if len(set(names)) != len(names):
        raise ValueError("states must be unique")
    n = len(names)
    theta = _check_vector("thresholds", thresholds, n, positive=True)
    if np.isinf(theta).any():
        raise ValueError("thresholds must be finite")
    e = _check_vector("exposure", exposure, n)
    if np.isinf(e).any():
        raise ValueError("exposure must be finite")
    c = _check_vector("coverage", coverage, n, unit=True)
    w = _check_weights(weights, n)
    a = check_unit_interval("assurance", assurance)
    if isinstance(seeds, str | bytes) or not isinstance(seeds, Sequence | np.ndarray | pd.Series):
        raise ValueError(f"seeds must be a sequence of state names, got {type(seeds).__name__}")
    seed_list = [str(s) for s in seeds]
    unknown = [s for s in seed_list if s not in names]
    if unknown:
        raise ValueError(f"seeds must be among the states; unknown: {', '.join(unknown)}")
    if len(set(seed_list)) != len(seed_list):
        raise ValueError("seeds must not repeat a state")

    x = np.array([s in seed_list for s in names])
    status = [tuple(bool(v) for v in x)]
    pressure = []
    while True:
        p = cascade_pressure(x, w, e, c, a)
        pressure.append(tuple(float(v) for v in p))
        nxt = x | (p > theta)
        if (nxt == x).all():
            break
        x = nxt
        status.append(tuple(bool(v) for v in x))
    # Each round that changes adds at least one state, so there are at most n - |seeds| of them.
    assert len(status) - 1 <= n - len(seed_list)
    return CascadeResult(
        states=tuple(names),
        seeds=tuple(s for s in names if s in seed_list),
        assurance=a,
        thresholds=tuple(float(t) for t in theta),
        status=tuple(status),
        pressure=tuple(pressure),
    )


def cascade_inputs(
    states: pd.DataFrame,
    links: pd.DataFrame,
    norm_erosion: float = 0.05,
    threshold_shift: float = 0.0,
    channel_scale: Mapping[str, float] | None = None,
) -> dict[str, object]:
    """Build the model's arrays from the ``cascade_states`` and ``cascade_links`` tables.

    Parameters
    ----------
    states
        One row per state: ``state_id``, ``threshold``, ``exposure``, ``coverage``.
    links
        One row per directed link: ``from_id`` (the state that goes nuclear),
        ``to_id`` (the state it presses on) and ``weight``.
    norm_erosion
        A weight ``g >= 0`` added to every pair of distinct states: each new
        nuclear state weakens the norm for all (chapter 7).
    threshold_shift
        Added to every threshold (the live panel's "how restrained are all
        states?" control); the shifted thresholds must stay positive.
    channel_scale
        Optional factors ``>= 0`` by link ``channel`` (e.g.
        ``{"allies following": 0.0}`` to remove that channel); links need a
        ``channel`` column when this is given.

    Returns
    -------
    dict
        Keyword arguments for :func:`run_cascade` (all but ``seeds`` and ``assurance``).

    Examples
    --------
    >>> st = pd.DataFrame({"state_id": ["A", "B"], "threshold": [0.4, 0.4],
    ...                    "exposure": [0.0, 0.1], "coverage": [1.0, 0.5]})
    >>> ln = pd.DataFrame({"from_id": ["A"], "to_id": ["B"], "weight": [0.3]})
    >>> cascade_inputs(st, ln, norm_erosion=0.05)["weights"].tolist()
    [[0.0, 0.05], [0.35, 0.0]]
    """
    for name, df, cols in (("states", states, ("state_id", "threshold", "exposure", "coverage")),
                           ("links", links, ("from_id", "to_id", "weight"))):
        if not isinstance(df, pd.DataFrame):
            raise ValueError(f"{name} must be a pandas DataFrame, got {type(df).__name__}")
        missing = [col for col in cols if col not in df.columns]
        if missing:
            raise ValueError(f"{name} is missing column(s): {', '.join(missing)}")
    g = check_positive("norm_erosion", norm_erosion, allow_zero=True)
    shift = _check_real("threshold_shift", threshold_shift)
    if not math.isfinite(shift):
        raise ValueError(f"threshold_shift must be finite, got {shift!r}")
    scale: dict[str, float] = {}
    if channel_scale is not None:
        if not isinstance(channel_scale, Mapping):
            raise ValueError(f"channel_scale must be a mapping of channel to factor, got {channel_scale!r}")
        if "channel" not in links.columns:
            raise ValueError("channel_scale needs a 'channel' column in links")
        for key, factor in channel_scale.items():
            scale[str(key)] = check_positive(f"channel_scale[{key!r}]", factor, allow_zero=True)
        unknown = sorted(set(scale) - set(links["channel"]))
        if unknown:
            raise ValueError(f"channel_scale names unknown channel(s): {', '.join(unknown)}")
    ids = [str(s) for s in states["state_id"]]
    index = {s: k for k, s in enumerate(ids)}
    n = len(ids)
    w = np.full((n, n), g)
    np.fill_diagonal(w, 0.0)
    row: Any  # a row of itertuples: pandas types its fields only as "any scalar"
    for row in links.itertuples(index=False):
        if row.from_id not in index or row.to_id not in index:
            raise ValueError(f"links names a state not in states: {row.from_id} -> {row.to_id}")
        if row.from_id == row.to_id:
            raise ValueError(f"links has a self-link: {row.from_id}")
        factor = scale.get(str(getattr(row, "channel", "")), 1.0)
        w[index[row.to_id], index[row.from_id]] += factor * check_positive("links.weight", row.weight,
                                                                           allow_zero=True)
    thresholds = [float(t) + shift for t in states["threshold"]]
    shown = [str(s) for s in localized(states, "state")] if "state" in states.columns else ids
    bad = [shown[k] for k, t in enumerate(thresholds) if t <= 0]
    if bad:
        # The panel names the control for the parameter (threshold_shift), in the reader's language.
        raise ValueError(_("{parameter} ({shift:+g}) leaves a threshold at or below zero for {states}; "
                           "every threshold must stay above zero").format(
            parameter="threshold_shift", shift=shift, states=_(", ").join(bad)))
    return {
        "states": ids,
        "thresholds": thresholds,
        "exposure": [float(v) for v in states["exposure"]],
        "coverage": [float(v) for v in states["coverage"]],
        "weights": w,
    }


def run_cascade_tables(
    states: pd.DataFrame,
    links: pd.DataFrame,
    seeds: Sequence[str],
    assurance: float,
    norm_erosion: float = 0.05,
    threshold_shift: float = 0.0,
    channel_scale: Mapping[str, float] | None = None,
) -> CascadeResult:
    """Run the cascade on the course's tables (see :func:`cascade_inputs`).

    Examples
    --------
    >>> from proliferation_course.data import load_table
    >>> res = run_cascade_tables(load_table("cascade_states"), load_table("cascade_links"),
    ...                          seeds=[], assurance=0.0)
    >>> res.final, res.rounds
    ((), 0)
    """
    kwargs: Mapping[str, object] = cascade_inputs(states, links, norm_erosion, threshold_shift,
                                                  channel_scale)
    return run_cascade(seeds=seeds, assurance=assurance, **kwargs)  # type: ignore[arg-type]
