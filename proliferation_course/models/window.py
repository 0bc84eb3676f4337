"""The window of vulnerability: a stylised preventive-strike hazard (a teaching model).

A state that decides to build nuclear weapons spends a window of ``T`` months
between the decision and a credible deterrent. During that window an
adversary may strike its programme. The model treats the strike as a random
event with a hazard rate ``lambda(t)`` (strikes per month) and asks how likely
the state is to reach the end of the window unstruck:

* survival to month ``t``: ``S(t) = exp(-Lambda(t))``, with the cumulative
  hazard ``Lambda(t) = integral from 0 to t of lambda(u) du``;
* the chance of reaching the end of the window unstruck: ``S(T) = exp(-Lambda(T))``.

The hazard has a level and a shape. The level is the mean hazard over the window,

``lambda_bar = lambda0 * a * (1 - w_l * l) * (1 - w_b * b_eff)``, with
``b_eff = b * (1 - c * (1 - l))``,

where ``a`` is the adversary's capability and resolve to strike, ``l`` the
legitimacy of the programme, ``b`` the US backing on offer, ``c`` how much that
backing depends on legitimacy (the coupling), ``lambda0`` the base hazard and
``w_l``, ``w_b`` the weights of legitimacy and backing. The shape is a linear
ramp ``lambda(t) = lambda_bar * (1 - r + 2 r t / T)`` with ``r`` in [0, 1]: the
incentive to strike grows as the programme nears completion, while the mean
over the window stays ``lambda_bar``. Hence ``Lambda(t) = lambda_bar * ((1 - r) t + r t**2 / T)``
and ``S(T) = exp(-lambda_bar * T)`` whatever the ramp.

This is a teaching model, not a prediction: every parameter is a judgement,
and real decisions to strike are not coin flips with a known rate.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

from ..i18n import _
from ._validate import check_positive, check_unit_interval

__all__ = [
    "DEFAULT_BACKING_WEIGHT",
    "DEFAULT_BASE_HAZARD",
    "DEFAULT_COUPLING",
    "DEFAULT_LEGITIMACY_WEIGHT",
    "DEFAULT_RAMP",
    "MAX_BASE_HAZARD",
    "MAX_WINDOW_MONTHS",
    "PRESET_COLUMNS",
    "WindowResult",
    "cumulative_hazard",
    "effective_backing",
    "evaluate_window",
    "mean_hazard",
    "preset_arguments",
    "strike_hazard",
    "survival_probability",
]

#: Base hazard ``lambda0``: strikes per month when the adversary is fully able and
#: willing, the programme has no legitimacy and no ally shields it (about 38 per
#: cent a year). A teaching choice, argued on the chapter page.
DEFAULT_BASE_HAZARD: float = 0.04
#: Weight ``w_l`` of legitimacy on the hazard: a fully legitimate programme cuts it by 40 per cent.
DEFAULT_LEGITIMACY_WEIGHT: float = 0.4
#: Weight ``w_b`` of effective US backing: full backing cuts the hazard by 80 per cent.
DEFAULT_BACKING_WEIGHT: float = 0.8
#: Coupling ``c`` of US backing to legitimacy, used when a caller gives none.
DEFAULT_COUPLING: float = 0.5
#: Ramp ``r``: 0 for a constant hazard, 1 for a hazard that rises from 0 to twice its mean.
DEFAULT_RAMP: float = 0.5
#: Longest window the model accepts (50 years).
MAX_WINDOW_MONTHS: float = 600.0
#: Largest base hazard the model accepts (strikes per month).
MAX_BASE_HAZARD: float = 1.0


def _window(window_months: object) -> float:
    t = check_positive("window_months", window_months)
    if t > MAX_WINDOW_MONTHS:
        raise ValueError(_("window_months must be at most {limit:g}, got {value!r}").format(
            limit=MAX_WINDOW_MONTHS, value=t))
    return t


def _base(base_hazard: object) -> float:
    lam = check_positive("base_hazard", base_hazard, allow_zero=True)
    if lam > MAX_BASE_HAZARD:
        raise ValueError(_("base_hazard must be at most {limit:g} per month, got {value!r}").format(
            limit=MAX_BASE_HAZARD, value=lam))
    return lam


def effective_backing(us_backing: float, legitimacy: float, coupling: float = DEFAULT_COUPLING) -> float:
    """US backing that actually shields the programme: ``b_eff = b * (1 - c * (1 - l))``.

    With ``coupling = 0`` the backing on offer is all delivered, whatever the
    programme's legitimacy (the proposal's premise of US-approved, "selective"
    proliferation). With ``coupling = 1`` a programme with no legitimacy gets
    no backing at all (the essay's argument that contested legitimacy weakens
    the US incentive to keep its commitments).

    Parameters
    ----------
    us_backing
        Backing on offer ``b``, in [0, 1].
    legitimacy
        Legitimacy of the programme ``l``, in [0, 1].
    coupling
        How much the backing depends on legitimacy, ``c`` in [0, 1].

    Returns
    -------
    float
        ``b_eff`` in [0, b].

    Examples
    --------
    >>> effective_backing(0.8, 0.5, coupling=1.0)
    0.4
    >>> effective_backing(0.8, 0.0, coupling=0.0)
    0.8
    """
    b = check_unit_interval("us_backing", us_backing)
    lg = check_unit_interval("legitimacy", legitimacy)
    c = check_unit_interval("coupling", coupling)
    return b * (1.0 - c * (1.0 - lg))


def mean_hazard(
    capability: float,
    legitimacy: float,
    us_backing: float,
    coupling: float = DEFAULT_COUPLING,
    base_hazard: float = DEFAULT_BASE_HAZARD,
    legitimacy_weight: float = DEFAULT_LEGITIMACY_WEIGHT,
    backing_weight: float = DEFAULT_BACKING_WEIGHT,
) -> float:
    """Mean strike hazard over the window, in strikes per month.

    ``lambda_bar = lambda0 * a * (1 - w_l * l) * (1 - w_b * b_eff)``.

    Parameters
    ----------
    capability
        The adversary's capability and resolve to strike, ``a`` in [0, 1].
    legitimacy
        Legitimacy of the programme at home and abroad, ``l`` in [0, 1].
    us_backing
        US backing on offer, ``b`` in [0, 1].
    coupling
        How much the backing depends on legitimacy, ``c`` in [0, 1].
    base_hazard
        ``lambda0``, strikes per month, in [0, 1].
    legitimacy_weight, backing_weight
        ``w_l`` and ``w_b`` in [0, 1]: the largest share of the hazard that
        full legitimacy, and full effective backing, can remove.

    Raises
    ------
    ValueError
        If a parameter is outside its range, NaN or not a number; the
        message names the parameter.

    Examples
    --------
    >>> mean_hazard(1.0, 0.0, 0.0)
    0.04
    >>> round(mean_hazard(0.5, 1.0, 1.0, coupling=0.0), 6)  # 0.04 * 0.5 * 0.6 * 0.2
    0.0024
    """
    a = check_unit_interval("capability", capability)
    lg = check_unit_interval("legitimacy", legitimacy)
    w_l = check_unit_interval("legitimacy_weight", legitimacy_weight)
    w_b = check_unit_interval("backing_weight", backing_weight)
    lam0 = _base(base_hazard)
    b_eff = effective_backing(us_backing, lg, coupling)
    return lam0 * a * (1.0 - w_l * lg) * (1.0 - w_b * b_eff)


def _hazard_inputs(t: float, window_months: float, level: float, ramp: float) -> tuple[float, float, float, float]:
    """``(T, t, lambda_bar, r)`` checked, for the hazard and its integral."""
    big_t = _window(window_months)
    x = check_positive("t", t, allow_zero=True)
    if x > big_t:
        raise ValueError(_("t must lie in [0, window_months = {limit:g}], got {value!r}").format(
            limit=big_t, value=x))
    return big_t, x, check_positive("level", level, allow_zero=True), check_unit_interval("ramp", ramp)


def strike_hazard(t: float, window_months: float, level: float, ramp: float = DEFAULT_RAMP) -> float:
    """Hazard ``lambda(t) = lambda_bar * (1 - r + 2 r t / T)`` at month ``t`` of the window.

    Parameters
    ----------
    t
        Month, in [0, T].
    window_months
        Window length ``T`` in months (positive, at most 600).
    level
        The mean hazard ``lambda_bar`` (non-negative, finite), e.g. from :func:`mean_hazard`.
    ramp
        ``r`` in [0, 1].

    Examples
    --------
    >>> strike_hazard(0.0, 60, 0.02, ramp=0.5), strike_hazard(60, 60, 0.02, ramp=0.5)
    (0.01, 0.03)
    >>> strike_hazard(30, 60, 0.02, ramp=1.0)
    0.02
    """
    big_t, x, lam, r = _hazard_inputs(t, window_months, level, ramp)
    return lam * (1.0 - r + 2.0 * r * x / big_t)


def cumulative_hazard(t: float, window_months: float, level: float, ramp: float = DEFAULT_RAMP) -> float:
    """``Lambda(t) = lambda_bar * ((1 - r) t + r t**2 / T)``, the integral of the hazard from 0 to ``t``.

    Examples
    --------
    >>> cumulative_hazard(60, 60, 0.02, ramp=0.5)  # lambda_bar * T, whatever the ramp
    1.2
    >>> cumulative_hazard(30, 60, 0.02, ramp=1.0)  # 0.02 * 900 / 60
    0.3
    """
    big_t, x, lam, r = _hazard_inputs(t, window_months, level, ramp)
    return lam * ((1.0 - r) * x + r * x * x / big_t)


@dataclass(frozen=True)
class WindowResult:
    """The model's answer for one set of inputs: curves over the months of the window."""

    window_months: float
    mean_hazard: float
    effective_backing: float
    months: tuple[float, ...]
    hazard: tuple[float, ...]
    survival: tuple[float, ...]

    @property
    def survival_at_end(self) -> float:
        """``S(T)``: the chance of reaching the end of the window unstruck."""
        return self.survival[-1]

    @property
    def struck_by_end(self) -> float:
        """``1 - S(T)``: the chance of being struck at some point in the window."""
        return 1.0 - self.survival[-1]


def evaluate_window(
    window_months: float,
    capability: float,
    legitimacy: float,
    us_backing: float,
    coupling: float = DEFAULT_COUPLING,
    base_hazard: float = DEFAULT_BASE_HAZARD,
    legitimacy_weight: float = DEFAULT_LEGITIMACY_WEIGHT,
    backing_weight: float = DEFAULT_BACKING_WEIGHT,
    ramp: float = DEFAULT_RAMP,
) -> WindowResult:
    """Survival and hazard curves over the window, month by month.

    The months run 0, 1, 2, ... up to ``T`` (with ``T`` itself added when it
    is not a whole number). Parameters are those of :func:`mean_hazard` and
    :func:`strike_hazard`.

    Returns
    -------
    WindowResult
        ``months``, ``hazard`` (strikes per month) and ``survival`` (``S(t)``)
        as tuples of floats, with the mean hazard and the effective backing.

    Raises
    ------
    ValueError
        If a parameter is outside its range, NaN or not a number; the
        message names the parameter.

    Examples
    --------
    >>> res = evaluate_window(60, capability=1.0, legitimacy=0.0, us_backing=0.0, ramp=0.0)
    >>> round(res.survival_at_end, 4)  # exp(-0.04 * 60)
    0.0907
    >>> res.months[:3], len(res.months)
    ((0.0, 1.0, 2.0), 61)
    """
    big_t = _window(window_months)
    r = check_unit_interval("ramp", ramp)
    level = mean_hazard(capability, legitimacy, us_backing, coupling, base_hazard,
                        legitimacy_weight, backing_weight)
    months = [float(m) for m in range(int(math.floor(big_t)) + 1)]
    if months[-1] < big_t:
        months.append(big_t)
    hazard = tuple(strike_hazard(m, big_t, level, r) for m in months)
    survival = tuple(math.exp(-cumulative_hazard(m, big_t, level, r)) for m in months)
    return WindowResult(
        window_months=big_t,
        mean_hazard=level,
        effective_backing=effective_backing(us_backing, legitimacy, coupling),
        months=tuple(months),
        hazard=hazard,
        survival=survival,
    )


def survival_probability(
    window_months: float,
    capability: float,
    legitimacy: float,
    us_backing: float,
    coupling: float = DEFAULT_COUPLING,
    base_hazard: float = DEFAULT_BASE_HAZARD,
    legitimacy_weight: float = DEFAULT_LEGITIMACY_WEIGHT,
    backing_weight: float = DEFAULT_BACKING_WEIGHT,
) -> float:
    """``S(T) = exp(-lambda_bar * T)``: the chance of reaching the end of the window unstruck.

    The ramp changes when strikes are likely, not how likely one is over the
    whole window, so it is not a parameter here.

    Examples
    --------
    >>> round(survival_probability(12, 1.0, 0.0, 0.0, base_hazard=0.05), 4)  # exp(-0.6)
    0.5488
    >>> survival_probability(24, 0.0, 0.3, 0.5)  # an adversary with no capability never strikes
    1.0
    """
    big_t = _window(window_months)
    level = mean_hazard(capability, legitimacy, us_backing, coupling, base_hazard,
                        legitimacy_weight, backing_weight)
    return math.exp(-level * big_t)


#: The columns of a ``window_presets`` row that the model reads, in the order of
#: :func:`survival_probability`'s parameters.
PRESET_COLUMNS: tuple[str, ...] = ("window_months", "capability", "legitimacy", "us_backing", "coupling")


def preset_arguments(row: Mapping[Any, Any] | pd.Series[Any], legitimacy: float | None = None) -> dict[str, float]:
    """The keyword arguments of :func:`evaluate_window` (and :func:`survival_probability`) for one preset, checked.

    Parameters
    ----------
    row
        A row of the ``window_presets`` table (a dict or a pandas Series) with
        the columns :data:`PRESET_COLUMNS`; its other columns are not read.
    legitimacy
        Another legitimacy in place of the preset's own (the explorer's slider).

    Raises
    ------
    ValueError
        If the row lacks one of :data:`PRESET_COLUMNS` or a value is outside the
        model's range; the message names the preset and the column.

    Examples
    --------
    >>> row = {"window_months": 60, "capability": 0.8, "legitimacy": 0.2, "us_backing": 0.9,
    ...        "coupling": 0.5, "label": "ignored"}
    >>> preset_arguments(row)["legitimacy"], preset_arguments(row, legitimacy=0.7)["legitimacy"]
    (0.2, 0.7)
    >>> round(survival_probability(**preset_arguments(row)), 4)
    0.3667
    >>> preset_arguments({**row, "preset_id": "x", "coupling": 1.5})
    Traceback (most recent call last):
    ...
    ValueError: preset 'x': coupling must lie in [0, 1], got 1.5
    """
    name = _("preset {preset!r}").format(preset=row["preset_id"]) if "preset_id" in row else _("the preset")
    missing = [c for c in PRESET_COLUMNS if c not in row]
    if missing:
        raise ValueError(_("{name}: the column(s) {columns} are missing").format(
            name=name, columns=", ".join(missing)))
    try:
        out = {"window_months": _window(row["window_months"])}
        for column in PRESET_COLUMNS[1:]:
            out[column] = check_unit_interval(column, row[column])
        if legitimacy is not None:
            out["legitimacy"] = check_unit_interval("legitimacy", legitimacy)
    except ValueError as err:
        raise ValueError(f"{name}: {err}") from None
    return out
