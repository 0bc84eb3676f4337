"""Critical states and the norm: a stylised teaching model of norm strength.

The non-proliferation norm binds the non-nuclear-weapon states that are party
to the NPT. The model asks how much the norm loses when some of them defect,
and compares two ways of counting:

* the **unweighted** share of states that comply,
  ``U = (number complying) / (number of states)``;
* the **criticality-weighted** share, ``W = sum(w_i c_i) / sum(w_i)``, where
  ``c_i`` is 1 if state ``i`` complies and 0 if it defects, and ``w_i`` is its
  criticality weight.

A named key state's weight is ``w = 1 + latency + negotiation + exemplar``
(each score in 0..4, the course authors' judgement); every other state weighs
1. Norm **strength** ``S`` then passes ``W`` through a tipping curve: a
logistic step of steepness ``k`` centred on a tipping point ``tau``, rescaled
so that ``S(0) = 0`` and ``S(1) = 1``; with ``k = 0`` there is no tipping and
``S = W``. This is a teaching model, not a prediction: the weights and the
tipping point are assumptions the reader can change.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from numbers import Integral
from typing import TypedDict

from ..i18n import _
from ._validate import check_positive, check_unit_interval

__all__ = [
    "DEFAULT_STEEPNESS",
    "DEFAULT_TIPPING_POINT",
    "MAX_STEEPNESS",
    "NPT_PARTIES",
    "NUCLEAR_WEAPON_STATES",
    "PRESET_COLUMNS",
    "PresetArguments",
    "NormResult",
    "criticality_weight",
    "evaluate_norm",
    "latency_score",
    "preset_arguments",
    "strength_curve",
    "tipping_strength",
]

#: States the UN counts as parties to the NPT (UNODA), the DPRK included.
NPT_PARTIES: int = 191
#: The five nuclear-weapon states the treaty recognises (Article IX.3); the norm of
#: non-acquisition binds the other parties.
NUCLEAR_WEAPON_STATES: int = 5
#: Default tipping point ``tau`` of weighted compliance (a teaching assumption).
DEFAULT_TIPPING_POINT: float = 0.9
#: Default steepness ``k`` of the tipping curve (a teaching assumption).
DEFAULT_STEEPNESS: float = 40.0
#: Largest steepness accepted (keeps the logistic far from overflow).
MAX_STEEPNESS: float = 200.0
_MAX_SCORE = 4


def _check_score(name: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= _MAX_SCORE:
        raise ValueError(_("{name} must be an integer from 0 to {most}, got {value!r}").format(
            name=name, most=_MAX_SCORE, value=value))
    return int(value)


def latency_score(facilities: int) -> int:
    """Score nuclear latency from a count of enrichment and reprocessing facilities.

    The score is the count halved and rounded up, capped at 4:
    ``min(4, ceil(facilities / 2))``.

    Parameters
    ----------
    facilities
        Facilities listed for the state in the Nuclear Latency data set (a
        non-negative integer).

    Raises
    ------
    ValueError
        If ``facilities`` is not a non-negative integer.

    Examples
    --------
    >>> latency_score(9), latency_score(3), latency_score(2), latency_score(0)
    (4, 2, 1, 0)
    """
    if isinstance(facilities, bool) or not isinstance(facilities, int) or facilities < 0:
        raise ValueError(_("{name} must be a non-negative integer, got {value!r}").format(
            name="facilities", value=facilities))
    return min(_MAX_SCORE, math.ceil(facilities / 2))


def criticality_weight(latency: int, negotiation: int, exemplar: int) -> float:
    """A key state's criticality weight: ``1 + latency + negotiation + exemplar``.

    Each score is an integer from 0 to 4. A state with every score at 0 weighs
    1, like any of the other parties, so the weights run from 1 to 13.

    Raises
    ------
    ValueError
        If a score is not an integer from 0 to 4 (the message names it).

    Examples
    --------
    >>> criticality_weight(4, 4, 4)
    13.0
    >>> criticality_weight(0, 0, 0)
    1.0
    """
    return float(1 + _check_score("latency", latency) + _check_score("negotiation", negotiation)
                 + _check_score("exemplar", exemplar))


def _check_tipping(tipping_point: object, steepness: object) -> tuple[float, float]:
    tau = check_unit_interval("tipping_point", tipping_point)
    if tau in (0.0, 1.0):
        raise ValueError(_("tipping_point must lie strictly between 0 and 1, got {value!r}").format(value=tau))
    k = check_positive("steepness", steepness, allow_zero=True)
    if k > MAX_STEEPNESS:
        raise ValueError(_("steepness must be at most {most:g}, got {value!r}").format(
            most=MAX_STEEPNESS, value=k))
    return tau, k


def tipping_strength(
    weighted_compliance: float,
    tipping_point: float = DEFAULT_TIPPING_POINT,
    steepness: float = DEFAULT_STEEPNESS,
) -> float:
    """Norm strength ``S`` for a weighted compliance ``W``, through the tipping curve.

    ``S = (s(k (W - tau)) - s(-k tau)) / (s(k (1 - tau)) - s(-k tau))``, where
    ``s`` is the logistic function. ``S`` rises with ``W``, equals 0 at
    ``W = 0`` and 1 at ``W = 1``, and falls fastest around ``W = tau``. With
    ``steepness = 0`` there is no tipping and ``S = W``.

    Parameters
    ----------
    weighted_compliance
        ``W`` in [0, 1].
    tipping_point
        ``tau``, strictly between 0 and 1.
    steepness
        ``k`` in [0, 200]; larger values make the fall around ``tau`` sharper.

    Raises
    ------
    ValueError
        If an argument is out of range, NaN or not a number (the message names it).

    Examples
    --------
    >>> tipping_strength(1.0), tipping_strength(0.0)
    (1.0, 0.0)
    >>> tipping_strength(0.7, steepness=0.0)
    0.7
    >>> round(tipping_strength(0.9, tipping_point=0.9, steepness=40.0), 4)
    0.5092
    """
    w = check_unit_interval("weighted_compliance", weighted_compliance)
    tau, k = _check_tipping(tipping_point, steepness)
    if k == 0.0:
        return w
    # s(a) - s(b) = (tanh(a/2) - tanh(b/2)) / 2: the tanh form keeps its precision
    # when k is tiny, where the logistic form would subtract two numbers near 0.5.
    low = math.tanh(-k * tau / 2.0)
    span = math.tanh(k * (1.0 - tau) / 2.0) - low
    if span == 0.0:  # k so small that it underflows: the k -> 0 limit, S = W
        return w
    s = (math.tanh(k * (w - tau) / 2.0) - low) / span
    # Float rounding can leave S a unit in the last place outside [0, 1]; the
    # curve itself never leaves it.
    return min(1.0, max(0.0, s))


def strength_curve(
    tipping_point: float = DEFAULT_TIPPING_POINT,
    steepness: float = DEFAULT_STEEPNESS,
    lower: float = 0.0,
    points: int = 101,
) -> tuple[list[float], list[float]]:
    """The tipping curve ``S(W)`` on an even grid of ``W`` from ``lower`` to 1.

    Examples
    --------
    >>> xs, ys = strength_curve(0.9, 0.0, lower=0.5, points=3)
    >>> xs, ys
    ([0.5, 0.75, 1.0], [0.5, 0.75, 1.0])
    """
    low = check_unit_interval("lower", lower)
    if low >= 1.0:
        raise ValueError(_("lower must be below 1, got {value!r}").format(value=low))
    if isinstance(points, bool) or not isinstance(points, int) or points < 2:
        raise ValueError(_("points must be an integer of at least 2, got {value!r}").format(value=points))
    xs = [low + (1.0 - low) * i / (points - 1) for i in range(points)]
    xs[-1] = 1.0
    return xs, [tipping_strength(x, tipping_point, steepness) for x in xs]


@dataclass(frozen=True)
class NormResult:
    """The model's answer for one set of defections.

    ``unweighted`` is ``U``, ``weighted`` is ``W`` and ``strength`` is ``S``.
    """

    defectors: tuple[str, ...]
    others_defecting: int
    n_states: int
    n_defecting: int
    total_weight: float
    weight_lost: float
    unweighted: float
    weighted: float
    strength: float
    tipping_point: float
    steepness: float

    @property
    def unweighted_loss(self) -> float:
        """``1 - U``: the share of states that defect."""
        return self.n_defecting / self.n_states

    @property
    def weighted_loss(self) -> float:
        """``1 - W``: the share of criticality that defects."""
        return self.weight_lost / self.total_weight

    @property
    def multiplier(self) -> float:
        """How many times more the defections weigh than their number: ``(1 - W) / (1 - U)``.

        ``nan`` when no state defects.
        """
        if self.n_defecting == 0:
            return math.nan
        return self.weighted_loss / self.unweighted_loss


def evaluate_norm(
    weights: Mapping[str, float],
    defectors: Iterable[str] = (),
    others: int = NPT_PARTIES - NUCLEAR_WEAPON_STATES - 8,
    others_defecting: int = 0,
    tipping_point: float = DEFAULT_TIPPING_POINT,
    steepness: float = DEFAULT_STEEPNESS,
) -> NormResult:
    """Unweighted compliance, weighted compliance and norm strength for a set of defections.

    Parameters
    ----------
    weights
        The named key states and their criticality weights (each positive and
        finite), e.g. from :func:`criticality_weight`.
    defectors
        The named states that defect; each must be a key of ``weights``.
    others
        How many other states the norm binds, each of weight 1. The default,
        178, is the 186 non-nuclear-weapon parties (191 less the five
        nuclear-weapon states) less the course's eight key states.
    others_defecting
        How many of those other states defect (0 to ``others``).
    tipping_point, steepness
        ``tau`` and ``k`` of the tipping curve (see :func:`tipping_strength`).

    Returns
    -------
    NormResult

    Raises
    ------
    ValueError
        If an argument is out of range or of the wrong kind; the message names it.

    Examples
    --------
    >>> w = {"big": 13.0, "small": 1.0}
    >>> res = evaluate_norm(w, ["big"], others=6, steepness=0.0)
    >>> res.unweighted, res.weighted, res.strength
    (0.875, 0.35, 0.35)
    >>> round(res.multiplier, 2)
    5.2
    """
    if not isinstance(weights, Mapping) or not weights:
        raise ValueError(_("weights must be a non-empty mapping of state to weight"))
    clean: dict[str, float] = {}
    for state, value in weights.items():
        if not isinstance(state, str) or not state:
            raise ValueError(_("weights must be keyed by state names, got {state!r}").format(state=state))
        clean[state] = check_positive(f"weights[{state!r}]", value)
    if isinstance(defectors, str):
        raise ValueError(_("defectors must be a collection of state names, not the string {text!r}").format(
            text=defectors))
    chosen = tuple(defectors)
    unknown = [d for d in chosen if d not in clean]
    if unknown:
        raise ValueError(_("defectors names unknown state(s): {unknown}; known: {known}").format(
            unknown=", ".join(map(repr, unknown)), known=", ".join(clean)))
    if len(set(chosen)) != len(chosen):
        raise ValueError(_("defectors lists a state more than once: {chosen!r}").format(chosen=chosen))
    for name, value in (("others", others), ("others_defecting", others_defecting)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ValueError(_("{name} must be a non-negative integer, got {value!r}").format(
                name=name, value=value))
    if others_defecting > others:
        raise ValueError(_("others_defecting must be at most others ({others}), got {value!r}").format(
            others=others, value=others_defecting))
    tau, k = _check_tipping(tipping_point, steepness)

    n_states = len(clean) + others
    n_defecting = len(chosen) + others_defecting
    total = sum(clean.values()) + others
    lost = sum(clean[d] for d in chosen) + others_defecting
    unweighted = (n_states - n_defecting) / n_states
    weighted = min(1.0, max(0.0, (total - lost) / total))
    return NormResult(
        defectors=tuple(sorted(chosen, key=list(clean).index)),
        others_defecting=others_defecting,
        n_states=n_states,
        n_defecting=n_defecting,
        total_weight=total,
        weight_lost=lost,
        unweighted=unweighted,
        weighted=weighted,
        strength=tipping_strength(weighted, tau, k),
        tipping_point=tau,
        steepness=k,
    )


#: The columns of a ``norm_presets`` row that the model reads: who defects.
PRESET_COLUMNS: tuple[str, str] = ("defectors", "others_defecting")


class PresetArguments(TypedDict):
    """What a defection scenario gives :func:`evaluate_norm`: who defects."""

    defectors: tuple[str, ...]
    others_defecting: int


def preset_arguments(row: Mapping[str, object]) -> PresetArguments:
    """The model's arguments for one defection scenario: who defects, checked.

    Parameters
    ----------
    row
        One row of the ``norm_presets`` table (a dict or a pandas row): its
        ``defectors`` are state ids separated by ``"; "``, its
        ``others_defecting`` a non-negative whole number. Its other columns
        (``label``, ``rationale``, ...) are not read.

    Returns
    -------
    dict
        ``defectors`` (a tuple of state ids) and ``others_defecting`` (an int),
        to pass to :func:`evaluate_norm` as keyword arguments.

    Raises
    ------
    ValueError
        If a column is missing, a state id is empty or repeated, or the count
        is not a non-negative whole number; the message names the preset and
        the column.

    Examples
    --------
    >>> preset_arguments({"preset_id": "p", "defectors": "dprk; japan", "others_defecting": 0})
    {'defectors': ('dprk', 'japan'), 'others_defecting': 0}
    >>> preset_arguments({"preset_id": "q", "defectors": "dprk", "others_defecting": 1.5})
    Traceback (most recent call last):
    ...
    ValueError: preset 'q': others_defecting must be a non-negative whole number, got 1.5
    """
    name = _("preset {preset!r}").format(preset=row.get("preset_id", "?"))
    for column in PRESET_COLUMNS:
        if column not in row:
            raise ValueError(_("{name}: the column {column} is missing").format(name=name, column=column))
    text = row["defectors"]
    if not isinstance(text, str):
        raise ValueError(_("{name}: defectors must be state ids separated by '; ', got {text!r}").format(
            name=name, text=text))
    defectors = tuple(part.strip() for part in text.split(";")) if text.strip() else ()
    if any(not d for d in defectors):
        raise ValueError(_("{name}: defectors has an empty state id in {text!r}").format(name=name, text=text))
    if len(set(defectors)) != len(defectors):
        raise ValueError(_("{name}: defectors lists a state more than once: {text!r}").format(
            name=name, text=text))
    count = row["others_defecting"]
    if isinstance(count, float) and count.is_integer():
        count = int(count)
    if isinstance(count, bool) or not isinstance(count, Integral) or int(count) < 0:
        raise ValueError(_("{name}: others_defecting must be a non-negative whole number, got {value!r}").format(
            name=name, value=count))
    return {"defectors": defectors, "others_defecting": int(count)}
