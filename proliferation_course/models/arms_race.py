"""The Richardson arms race for N actors: a stylised teaching model.

Each actor ``i`` holds an arms level ``x_i`` (an index, not a warhead count).
It builds up in reaction to the others' arms, slows down under the cost of its
own ("fatigue"), and has a standing motive to arm of its own ("grievance"):

    dx_i/dt = sum_j K_ij x_j - a_i x_i + g_i,     in matrix form  dx/dt = (K - A) x + g,

with ``K`` the reaction matrix (non-negative, zero diagonal), ``A = diag(a)``
the fatigue coefficients (positive) and ``g`` the grievances (non-negative).
For two actors this is Richardson's classic pair

    dx/dt = k y - a x + g,        dy/dt = l x - b y + h.

* The **equilibrium** solves ``(A - K) x* = g``; for two actors
  ``x* = (b g + k h) / (a b - k l)`` and ``y* = (a h + l g) / (a b - k l)``.
* It is **stable** (every path converges to it) if and only if every
  eigenvalue of ``M = K - A`` has a negative real part; for two actors, if and
  only if ``a b > k l``. Otherwise the race **runs away**: levels grow without
  bound, at a rate set by the largest eigenvalue.
* When ``K = k W`` (a common reaction coefficient ``k`` times a pattern ``W``
  of who reacts to whom), the race is stable exactly when ``k`` is below the
  critical value ``k* = 1 / rho(A^-1 W)``, where ``rho`` is the spectral radius.

Paths are integrated with the classical fourth-order Runge-Kutta method at a
fixed step (0.05 years by default). With non-negative inputs the exact paths
never go below zero (the system is a "positive" linear system). This is a
teaching model, not a prediction: the coefficients are judgements, and real
arsenals answer to budgets, doctrine, treaties and technology that the model
leaves out.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ._validate import _check_real, check_positive

__all__ = [
    "ACTORS",
    "MAX_ACTORS",
    "PRESET_COLUMNS",
    "ArmsRacePreset",
    "ArmsRaceResult",
    "critical_reaction",
    "equilibrium",
    "evaluate_preset",
    "eigenvalues",
    "get_preset",
    "preset_arguments",
    "preset_from_row",
    "presets_from_table",
    "reaction_matrix",
    "richardson_matrix",
    "simulate_arms_race",
    "two_actor_stable",
]

#: Every actor a preset may include, in display order.
ACTORS: tuple[str, ...] = ("United States", "Russia", "China", "Canada", "Germany", "Japan")
#: The largest number of actors the model accepts.
MAX_ACTORS: int = 8
_TOL = 1e-12


# --------------------------------------------------------------------------------------
# Input checks
# --------------------------------------------------------------------------------------


def _vector(name: str, values: object, n: int | None = None, *, positive: bool = False) -> np.ndarray:
    if isinstance(values, str) or not isinstance(values, Sequence | np.ndarray):
        raise ValueError(f"{name} must be a sequence of numbers, got {type(values).__name__}")
    items = list(values)
    if n is not None and len(items) != n:
        raise ValueError(f"{name} must have {n} entries (one per actor), got {len(items)}")
    if not items:
        raise ValueError(f"{name} must not be empty")
    out = []
    for i, v in enumerate(items):
        x = check_positive(f"{name}[{i}]", v, allow_zero=not positive)
        out.append(x)
    return np.array(out, dtype=float)


def _matrix(name: str, values: object) -> np.ndarray:
    if isinstance(values, str) or not isinstance(values, Sequence | np.ndarray):
        raise ValueError(f"{name} must be a square matrix (a list of rows), got {type(values).__name__}")
    rows = list(values)
    n = len(rows)
    if n < 1:
        raise ValueError(f"{name} must have at least one row")
    if n > MAX_ACTORS:
        raise ValueError(f"{name} has {n} rows; the model takes at most {MAX_ACTORS} actors")
    out = np.zeros((n, n))
    for i, row in enumerate(rows):
        if isinstance(row, str) or not isinstance(row, Sequence | np.ndarray) or len(row) != n:
            raise ValueError(f"{name} must be square: row {i} is not a sequence of {n} numbers")
        for j, v in enumerate(row):
            x = check_positive(f"{name}[{i}][{j}]", v, allow_zero=True)
            if i == j and x != 0.0:
                raise ValueError(f"{name}[{i}][{i}] must be 0 (an actor does not react to itself; "
                                 f"its own restraint is the fatigue coefficient), got {x!r}")
            out[i, j] = x
    return out


# --------------------------------------------------------------------------------------
# Closed-form results
# --------------------------------------------------------------------------------------


def richardson_matrix(reaction: Sequence[Sequence[float]], fatigue: Sequence[float]) -> np.ndarray:
    """The system matrix ``M = K - A`` of ``dx/dt = M x + g``.

    Examples
    --------
    >>> richardson_matrix([[0, 0.2], [0.3, 0]], [0.5, 0.4]).tolist()
    [[-0.5, 0.2], [0.3, -0.4]]
    """
    k = _matrix("reaction", reaction)
    a = _vector("fatigue", fatigue, k.shape[0], positive=True)
    return k - np.diag(a)


def eigenvalues(reaction: Sequence[Sequence[float]], fatigue: Sequence[float]) -> tuple[complex, ...]:
    """Eigenvalues of ``M = K - A``, largest real part first.

    The race is stable if and only if every real part is negative.

    Examples
    --------
    >>> [round(e.real, 6) for e in eigenvalues([[0, 0.2], [0.2, 0]], [0.4, 0.4])]
    [-0.2, -0.6]
    """
    m = richardson_matrix(reaction, fatigue)
    vals = np.linalg.eigvals(m)
    ordered = sorted(vals, key=lambda z: (-z.real, -z.imag))
    return tuple(complex(round(z.real, 12) + 0.0, round(z.imag, 12) + 0.0) for z in ordered)


def equilibrium(reaction: Sequence[Sequence[float]], fatigue: Sequence[float],
                grievance: Sequence[float]) -> tuple[float, ...] | None:
    """The balance point ``x*`` solving ``(A - K) x* = g``, or ``None`` if there is none.

    The point exists whenever ``A - K`` is invertible; it attracts the paths
    only if the race is stable. In a runaway race it may have negative
    entries, which no arsenal can take: there is then no balance to reach.

    Examples
    --------
    >>> equilibrium([[0, 0.2], [0.2, 0]], [0.4, 0.4], [0.2, 0.2])
    (1.0, 1.0)
    >>> equilibrium([[0, 0.4], [0.4, 0]], [0.4, 0.4], [0.1, 0.1]) is None
    True
    """
    m = richardson_matrix(reaction, fatigue)
    g = _vector("grievance", grievance, m.shape[0])
    scale = max(1.0, float(np.abs(m).max()))
    if abs(np.linalg.det(-m)) < 1e-12 * scale ** m.shape[0]:
        return None
    x = np.linalg.solve(-m, g)
    return tuple(round(float(v), 12) + 0.0 for v in x)


def two_actor_stable(a: float, b: float, k: float, l: float) -> bool:  # noqa: E741 (Richardson's l)
    """Richardson's stability condition for two actors: ``a b > k l``.

    Parameters
    ----------
    a, b
        Fatigue coefficients of the two actors (positive).
    k, l
        Reaction coefficients: how strongly the first reacts to the second
        (``k``) and the second to the first (``l``); non-negative.

    Examples
    --------
    >>> two_actor_stable(0.4, 0.4, 0.2, 0.2), two_actor_stable(0.4, 0.4, 0.5, 0.5)
    (True, False)
    """
    a_ = check_positive("a", a)
    b_ = check_positive("b", b)
    k_ = check_positive("k", k, allow_zero=True)
    l_ = check_positive("l", l, allow_zero=True)
    return a_ * b_ > k_ * l_


def reaction_matrix(weights: Sequence[Sequence[float]], k: float) -> tuple[tuple[float, ...], ...]:
    """The reaction matrix ``K = k W`` for a pattern ``W`` and a common coefficient ``k``.

    Examples
    --------
    >>> reaction_matrix([[0, 1], [0.5, 0]], 0.2)
    ((0.0, 0.2), (0.1, 0.0))
    """
    w = _matrix("weights", weights)
    kk = check_positive("k", k, allow_zero=True)
    return tuple(tuple(round(float(v) * kk, 12) + 0.0 for v in row) for row in w)


def critical_reaction(weights: Sequence[Sequence[float]], fatigue: Sequence[float]) -> float:
    """The largest common reaction coefficient ``k*`` that keeps ``K = k W`` stable.

    The race with ``K = k W`` is stable exactly when ``k < k* = 1 / rho(A^-1 W)``.
    If no chain of reactions leads back to an actor (``rho = 0``), the race
    is stable for every ``k`` and ``k*`` is infinite.

    Examples
    --------
    >>> round(critical_reaction([[0, 1], [1, 0]], [0.4, 0.4]), 6)
    0.4
    >>> critical_reaction([[0, 1], [0, 0]], [0.4, 0.4])
    inf
    """
    w = _matrix("weights", weights)
    a = _vector("fatigue", fatigue, w.shape[0], positive=True)
    rho = float(max(abs(np.linalg.eigvals(w / a[:, None]))))
    if rho < 1e-12:
        return math.inf
    return 1.0 / rho


# --------------------------------------------------------------------------------------
# Paths over time
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ArmsRaceResult:
    """The model's full answer for one set of inputs.

    Attributes
    ----------
    actors
        Names, one per actor.
    times
        Years from the start at which levels are recorded.
    levels
        One path per actor: the arms level at each time in ``times``.
    equilibrium
        The balance point ``x*`` (``None`` if ``A - K`` is singular).
    eigenvalues
        Eigenvalues of ``K - A``, largest real part first.
    """

    actors: tuple[str, ...]
    times: tuple[float, ...]
    levels: tuple[tuple[float, ...], ...]
    equilibrium: tuple[float, ...] | None
    eigenvalues: tuple[complex, ...]

    @property
    def growth_rate(self) -> float:
        """The largest real part of the eigenvalues (per year): negative means stable."""
        return self.eigenvalues[0].real

    @property
    def stable(self) -> bool:
        """True when every eigenvalue has a negative real part (paths converge to ``x*``)."""
        return self.growth_rate < -_TOL

    @property
    def final_levels(self) -> tuple[float, ...]:
        """Each actor's level at the end of the horizon."""
        return tuple(path[-1] for path in self.levels)


def _rk4(m: np.ndarray, g: np.ndarray, x0: np.ndarray, dt: float, steps: int,
         every: int) -> list[np.ndarray]:
    """Classical Runge-Kutta (RK4) for dx/dt = M x + g, recording every ``every`` steps."""
    x = x0.copy()
    out = [x.copy()]
    for s in range(1, steps + 1):
        k1 = m @ x + g
        k2 = m @ (x + 0.5 * dt * k1) + g
        k3 = m @ (x + 0.5 * dt * k2) + g
        k4 = m @ (x + dt * k3) + g
        x = x + dt / 6.0 * (k1 + 2 * k2 + 2 * k3 + k4)
        if s % every == 0:
            out.append(x.copy())
    return out


def simulate_arms_race(
    reaction: Sequence[Sequence[float]],
    fatigue: Sequence[float],
    grievance: Sequence[float],
    initial: Sequence[float],
    years: float = 30.0,
    dt: float = 0.05,
    record_every: float = 1.0,
    actors: Sequence[str] | None = None,
) -> ArmsRaceResult:
    """Integrate ``dx/dt = (K - A) x + g`` from ``initial`` over ``years``.

    Parameters
    ----------
    reaction
        The reaction matrix ``K`` (N x N, non-negative, zero diagonal):
        ``reaction[i][j]`` is how strongly actor ``i`` arms in response to
        actor ``j``'s level, per year.
    fatigue
        The fatigue coefficients ``a_i`` (positive, per year): the restraint
        that an actor's own arms level puts on its further growth.
    grievance
        The grievances ``g_i`` (non-negative, level units per year): a
        standing motive to arm, whatever the others do.
    initial
        Starting levels (non-negative).
    years
        Horizon, in years (positive, at most 200).
    dt
        Step of the fixed-step RK4 integration, in years (0 < dt <= 0.1).
    record_every
        Interval between recorded points, in years; a whole multiple of ``dt``.
    actors
        Names for the actors; ``"Actor 1"``, ``"Actor 2"``... if ``None``.

    Returns
    -------
    ArmsRaceResult
        Recorded paths, the equilibrium and the eigenvalues.

    Raises
    ------
    ValueError
        If a matrix is not square, a coefficient is negative, NaN or not a
        number, a fatigue is not positive, a diagonal reaction is not zero,
        the lengths disagree, or the time settings are out of range. The
        message names the parameter.

    Examples
    --------
    >>> res = simulate_arms_race([[0, 0.2], [0.2, 0]], [0.4, 0.4], [0.2, 0.2], [1.0, 1.0])
    >>> res.stable, res.equilibrium, [round(v, 6) for v in res.final_levels]
    (True, (1.0, 1.0), [1.0, 1.0])
    >>> run = simulate_arms_race([[0, 0.5], [0.5, 0]], [0.4, 0.4], [0.2, 0.2], [1.0, 1.0])
    >>> run.stable, round(run.growth_rate, 6), run.final_levels[0] > 20
    (False, 0.1, True)
    """
    m = richardson_matrix(reaction, fatigue)
    n = m.shape[0]
    g = _vector("grievance", grievance, n)
    x0 = _vector("initial", initial, n)
    horizon = check_positive("years", years)
    if horizon > 200:
        raise ValueError(f"years must be at most 200, got {horizon!r}")
    step = check_positive("dt", dt)
    if step > 0.1:
        raise ValueError(f"dt must be at most 0.1 years for an accurate RK4 step, got {step!r}")
    every_years = check_positive("record_every", record_every)
    ratio = every_years / step
    every = round(ratio)
    if every < 1 or abs(ratio - every) > 1e-9 * max(1.0, ratio):
        raise ValueError(f"record_every must be a whole multiple of dt ({step!r}), got {every_years!r}")
    total = horizon / step
    steps = round(total)
    if abs(total - steps) > 1e-9 * max(1.0, total) or steps % every:
        raise ValueError(f"years must be a whole multiple of record_every ({every_years!r}), "
                         f"got {horizon!r}")
    if actors is None:
        names = tuple(f"Actor {i + 1}" for i in range(n))
    else:
        names = tuple(str(a) for a in actors)
        if len(names) != n or len(set(names)) != n:
            raise ValueError(f"actors must be {n} distinct names, got {list(actors)!r}")
    points = _rk4(m, g, x0, step, steps, every)
    times = tuple(round(i * every * step, 9) + 0.0 for i in range(len(points)))
    levels = tuple(tuple(float(p[i]) for p in points) for i in range(n))
    return ArmsRaceResult(
        actors=names,
        times=times,
        levels=levels,
        equilibrium=equilibrium(reaction, fatigue, g.tolist()),
        eigenvalues=eigenvalues(reaction, fatigue),
    )


# --------------------------------------------------------------------------------------
# Scenario presets
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ArmsRacePreset:
    """A scenario: who takes part, who reacts to whom, and the default reaction coefficient.

    The reaction matrix is ``K = reaction * weights``; ``weights[i][j]`` in
    [0, 1] says how much actor ``i`` watches actor ``j``. The presets are the
    rows of ``data/arms_race_presets.csv`` (:func:`preset_from_row`).
    """

    preset_id: str
    label: str
    actors: tuple[str, ...]
    weights: tuple[tuple[float, ...], ...]
    fatigue: tuple[float, ...]
    grievance: tuple[float, ...]
    initial: tuple[float, ...]
    reaction: float
    rationale: str


#: The columns of an ``arms_race_presets`` row that the model reads.
PRESET_COLUMNS: tuple[str, ...] = ("actors", "weights", "fatigue", "grievance", "initial", "reaction")


def _numbers(name: str, text: object, sep: str) -> tuple[float, ...]:
    if isinstance(text, str):
        parts = [p for p in text.split(sep) if p.strip()] if sep.strip() else text.split()
        try:
            return tuple(float(p) for p in parts)
        except ValueError:
            raise ValueError(f"the column {name} must hold numbers separated by {sep.strip() or 'spaces'!r}, "
                             f"got {text!r}") from None
    if isinstance(text, Sequence | np.ndarray):
        return tuple(float(_check_real(name, v)) for v in text)
    raise ValueError(f"the column {name} must be a list of numbers, got {type(text).__name__}")


def preset_arguments(row: Mapping[Any, Any]) -> dict[str, Any]:
    """The model's arguments for one scenario preset, checked.

    Parameters
    ----------
    row
        One row of the ``arms_race_presets`` table (a dict or a pandas row)
        with the columns :data:`PRESET_COLUMNS`. Lists are text, one value per
        actor separated by ``"; "``; the weights are one row per actor separated
        by ``"; "``, each row's values separated by spaces. Already-split
        sequences are accepted too. Other columns (``label``, ...) are not read.

    Returns
    -------
    dict
        ``actors``, ``weights``, ``fatigue``, ``grievance``, ``initial`` (tuples,
        one entry per actor) and ``reaction`` (the common ``k``): the keyword
        arguments of :func:`run_scenario` and of :class:`ArmsRacePreset`.

    Raises
    ------
    ValueError
        If a column is missing, an actor is unknown or repeated, a list has the
        wrong length, or a value is one the model rejects; the message names
        the preset and the column.

    Examples
    --------
    >>> args = preset_arguments({"preset_id": "d", "actors": "United States; Russia",
    ...     "weights": "0 1; 1 0", "fatigue": "0.4; 0.4", "grievance": "0.2; 0.2",
    ...     "initial": "1; 1.16", "reaction": 0.2})
    >>> args["actors"], args["weights"], args["initial"]
    (('United States', 'Russia'), ((0.0, 1.0), (1.0, 0.0)), (1.0, 1.16))
    >>> preset_arguments({**args, "preset_id": "d", "fatigue": "0.4; 0"})
    Traceback (most recent call last):
    ...
    ValueError: preset 'd': the column fatigue: fatigue[1] must be positive, got 0.0
    """
    name = f"preset {row['preset_id']!r}" if "preset_id" in row else "a preset"
    for column in PRESET_COLUMNS:
        if column not in row:
            raise ValueError(f"{name}: the column {column} is missing")
    raw = row["actors"]
    actors = tuple(a.strip() for a in raw.split(";")) if isinstance(raw, str) else tuple(map(str, raw))
    unknown = [a for a in actors if a not in ACTORS]
    if unknown or len(set(actors)) != len(actors) or not actors:
        raise ValueError(f"{name}: the column actors must name distinct actors among "
                         f"{', '.join(ACTORS)}; got {raw!r}")
    n = len(actors)
    out: dict[str, Any] = {"actors": actors}
    column = "weights"
    try:
        w = row["weights"]
        rows = w.split(";") if isinstance(w, str) else list(w)
        out["weights"] = tuple(_numbers("weights", r, " ") for r in rows)
        _matrix("weights", out["weights"])
        if len(out["weights"]) != n:
            raise ValueError(f"weights must have {n} rows (one per actor), got {len(out['weights'])}")
        for column in ("fatigue", "grievance", "initial"):
            out[column] = _numbers(column, row[column], ";")
            _vector(column, out[column], n, positive=column == "fatigue")
        column = "reaction"
        out["reaction"] = check_positive("reaction", row["reaction"], allow_zero=True)
    except ValueError as err:
        raise ValueError(f"{name}: the column {column}: {err}") from None
    return out


def preset_from_row(row: Mapping[Any, Any]) -> ArmsRacePreset:
    """One row of the ``arms_race_presets`` table as an :class:`ArmsRacePreset` (checked)."""
    return ArmsRacePreset(preset_id=str(row.get("preset_id", "preset")), label=str(row.get("label", "")),
                          rationale=str(row.get("rationale", "")), **preset_arguments(row))


def presets_from_table(table: Any) -> tuple[ArmsRacePreset, ...]:
    """Every row of the ``arms_race_presets`` table (a DataFrame) as a preset, in display order."""
    records = table.sort_values("order").to_dict("records") if "order" in table else table.to_dict("records")
    return tuple(preset_from_row(r) for r in records)


@functools.cache
def _presets() -> tuple[ArmsRacePreset, ...]:
    from ..data import load_table  # at call time: importing the model reads no file

    return presets_from_table(load_table("arms_race_presets"))


def __getattr__(name: str) -> tuple[ArmsRacePreset, ...]:
    """``PRESETS``: the presets of ``data/arms_race_presets.csv``, read when first asked for
    (``from proliferation_course.models.arms_race import PRESETS``, as the exercise does)."""
    if name == "PRESETS":
        return _presets()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def get_preset(preset_id: str) -> ArmsRacePreset:
    """The preset with this id, from ``data/arms_race_presets.csv``.

    Examples
    --------
    >>> get_preset("three").actors
    ('United States', 'Russia', 'China')
    """
    for p in _presets():
        if p.preset_id == preset_id:
            return p
    known = ", ".join(p.preset_id for p in _presets())
    raise ValueError(f"preset_id must be one of {known}; got {preset_id!r}")


def evaluate_preset(preset: ArmsRacePreset | str, reaction: float | None = None,
                    years: float = 30.0) -> ArmsRaceResult:
    """Run a preset, optionally with another common reaction coefficient ``k``.

    Examples
    --------
    >>> evaluate_preset("three").stable, evaluate_preset("newcomers").stable
    (True, False)
    """
    p = get_preset(preset) if isinstance(preset, str) else preset
    k = p.reaction if reaction is None else reaction
    if isinstance(k, bool):
        raise ValueError(f"reaction must be a real number, got bool {k!r}")
    _check_real("reaction", k)
    return simulate_arms_race(reaction_matrix(p.weights, k), p.fatigue, p.grievance, p.initial,
                              years=years, actors=p.actors)
