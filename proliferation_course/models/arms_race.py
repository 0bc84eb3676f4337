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

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ._validate import _check_real, check_positive

__all__ = [
    "ACTORS",
    "MAX_ACTORS",
    "PRESETS",
    "ArmsRacePreset",
    "ArmsRaceResult",
    "critical_reaction",
    "equilibrium",
    "evaluate_preset",
    "eigenvalues",
    "get_preset",
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
    [0, 1] says how much actor ``i`` watches actor ``j``.
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


# Starting levels: January 2025 military stockpiles relative to the United States
# (data/nuclear_forces_2025.csv: 3,700 US, 4,309 Russia, 600 China -> 1.00, 1.16, 0.16).
_US, _RU, _CN = 1.0, 1.16, 0.16
_A = 0.4   # fatigue, per year, the same for every actor
_G = 0.2   # grievance of the established powers
_GN = 0.05  # grievance of a newcomer: a small standing motive to arm

PRESETS: tuple[ArmsRacePreset, ...] = (
    ArmsRacePreset(
        preset_id="two_stable",
        label="Two actors, stable",
        actors=("United States", "Russia"),
        weights=((0.0, 1.0), (1.0, 0.0)),
        fatigue=(_A, _A), grievance=(_G, _G), initial=(_US, _RU),
        reaction=0.2,
        rationale="A Cold War style dyad with modest mutual reaction: ab = 0.16 > kl = 0.04, so "
                  "both levels settle at the equilibrium x* = 1.",
    ),
    ArmsRacePreset(
        preset_id="two_runaway",
        label="Two actors, runaway",
        actors=("United States", "Russia"),
        weights=((0.0, 1.0), (1.0, 0.0)),
        fatigue=(_A, _A), grievance=(_G, _G), initial=(_US, _RU),
        reaction=0.5,
        rationale="The same dyad with stronger mutual reaction: ab = 0.16 < kl = 0.25, so the "
                  "levels grow without bound at about 10 per cent a year.",
    ),
    ArmsRacePreset(
        preset_id="three",
        label="Three: US, Russia, China",
        actors=("United States", "Russia", "China"),
        weights=((0.0, 1.0, 1.0), (1.0, 0.0, 0.25), (1.0, 0.25, 0.0)),
        fatigue=(_A, _A, _A), grievance=(_G, _G, _G), initial=(_US, _RU, _CN),
        reaction=0.2,
        rationale="Two near-peer competitors: the United States watches both Russia and China, "
                  "each of which watches the United States and, a little, the other. Still stable "
                  "at k = 0.2, but closer to the edge than the dyad.",
    ),
    ArmsRacePreset(
        preset_id="newcomers",
        label="Three + newcomers",
        actors=ACTORS,
        weights=(
            (0.0, 1.0, 1.0, 0.0, 0.0, 0.0),    # United States: its rivals, not its allies
            (1.0, 0.0, 0.25, 0.5, 1.0, 0.5),   # Russia: also Germany, Japan and Canada
            (1.0, 0.25, 0.0, 0.0, 0.0, 1.0),   # China: also Japan
            (0.0, 0.5, 0.0, 0.0, 0.0, 0.0),    # Canada: Russia across the Arctic
            (0.0, 1.0, 0.0, 0.0, 0.0, 0.0),    # Germany: Russia
            (0.0, 0.5, 1.0, 0.0, 0.0, 0.0),    # Japan: China and Russia
        ),
        fatigue=(_A,) * 6, grievance=(_G, _G, _G, _GN, _GN, _GN),
        initial=(_US, _RU, _CN, 0.0, 0.0, 0.0),
        reaction=0.2,
        rationale="The three powers plus Canada, Germany and Japan, starting from zero. Each "
                  "newcomer watches its regional adversaries, and Russia and China watch the "
                  "newcomers. With the same k = 0.2 as the three-actor preset, the new loops of "
                  "mutual reaction tip the system into a runaway.",
    ),
)


def get_preset(preset_id: str) -> ArmsRacePreset:
    """The preset with this id.

    Examples
    --------
    >>> get_preset("three").actors
    ('United States', 'Russia', 'China')
    """
    for p in PRESETS:
        if p.preset_id == preset_id:
            return p
    known = ", ".join(p.preset_id for p in PRESETS)
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
