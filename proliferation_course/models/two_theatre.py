"""The two-theatre explorer: a stylised teaching model of separate and pooled supplies.

Two theatres draw on stocks and production of one kind of materiel (think of
munitions, counted in abstract "supply units") week by week. Theatre 1 is
already at war and needs ``demand_1`` units a week. Theatre 2 needs a peacetime
``baseline_2``, until a shock (opportunistic aggression) at week ``shock_week``
raises its demand by ``shock_2`` for the rest of the horizon:

* ``D_1(t) = demand_1``;  ``D_2(t) = baseline_2 + shock_2 * [t >= shock_week]``.

Each week, theatre ``i`` has its stock plus that week's production at hand,
``a_i(t) = S_i(t) + p_i``. A *rule* turns what is at hand into deliveries
``x_i(t) <= D_i(t)``; what is not delivered or shipped stays in stock. Unmet
demand is lost (it is not carried over). A unit shipped from one theatre to the
other arrives as ``efficiency`` units (``0 < efficiency <= 1``): the rest is lost
to distance, incompatible systems and friction.

Rules (see :data:`RULES`):

* ``"separate"``: separate pools; each theatre lives on its own stock and production.
* ``"share_surplus"``: pooled, home first; a theatre ships only what it does not need itself.
* ``"proportional"``: pooled; shortfalls are shared so that both theatres get the
  same fill rate ``x_i / D_i`` (the better-supplied theatre ships to the other).
* ``"priority_1"`` / ``"priority_2"``: pooled with a common priority; the priority
  theatre is served first from everything at hand, the other gets what is left.

This is a teaching model, not a prediction: real logistics has lead times,
many kinds of materiel, and adversaries who adapt.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from numbers import Integral
from typing import Any, cast

import pandas as pd

from ..i18n import N_, _
from ._validate import check_choice, check_positive

__all__ = [
    "PARAMETERS",
    "PRESET_COLUMNS",
    "RULES",
    "RULE_LABELS",
    "RULE_SHORT",
    "TwoTheatreResult",
    "allocate_week",
    "compare_rules",
    "preset_arguments",
    "preset_params",
    "two_theatre",
]

#: Allocation rules, in display order.
RULES: tuple[str, ...] = ("separate", "share_surplus", "proportional", "priority_1", "priority_2")
#: How each rule is named on the page (in English: show it with :func:`proliferation_course.i18n._`).
RULE_LABELS: dict[str, str] = {
    "separate": N_("Separate pools"),
    "share_surplus": N_("Pooled: share surplus only"),
    "proportional": N_("Pooled: equal fill rate"),
    "priority_1": N_("Pooled: theatre 1 first"),
    "priority_2": N_("Pooled: theatre 2 first"),
}
#: Short names for axis labels.
RULE_SHORT: dict[str, str] = {
    "separate": N_("Separate"),
    "share_surplus": N_("Share surplus"),
    "proportional": N_("Equal fill"),
    "priority_1": N_("T1 first"),
    "priority_2": N_("T2 first"),
}
# Unmet demand below this counts as none (float rounding, never data).
_TOL = 1e-9
MAX_WEEKS = 520
#: The model's parameters (all but ``rule``), as columns of the ``two_theatre_presets`` table.
PARAMETERS: tuple[str, ...] = ("weeks", "demand_1", "baseline_2", "shock_2", "shock_week", "stock_1",
                               "stock_2", "production_1", "production_2", "efficiency")
#: The columns of a ``two_theatre_presets`` row that the model reads: its pooled rule and parameters.
PRESET_COLUMNS: tuple[str, ...] = ("rule", *PARAMETERS)


def _check_int(name: str, value: object, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, Integral):
        raise ValueError(_("{name} must be a whole number, got {kind} {value!r}").format(
            name=name, kind=type(value).__name__, value=value))
    if not low <= int(value) <= high:
        raise ValueError(_("{name} must lie between {low} and {high}, got {value!r}").format(
            name=name, low=low, high=high, value=value))
    return int(value)


def _check_efficiency(value: object) -> float:
    x = check_positive("efficiency", value)
    if x > 1.0:
        raise ValueError(_("efficiency must lie in (0, 1], got {value!r}").format(value=x))
    return x


def _serve_from_other(need: float, other: float, eta: float) -> tuple[float, float]:
    """Ship from ``other`` to cover ``need``: return (units shipped, units arriving)."""
    shipped = min(other, need / eta)
    arriving = min(need, eta * shipped)
    return shipped, arriving


def allocate_week(
    at_hand: tuple[float, float],
    demand: tuple[float, float],
    rule: str = "separate",
    efficiency: float = 1.0,
) -> tuple[tuple[float, float], tuple[float, float], tuple[float, float]]:
    """One week's allocation: deliveries, shipments and what stays in stock.

    Parameters
    ----------
    at_hand
        ``(a_1, a_2)``: stock plus this week's production in each theatre (non-negative).
    demand
        ``(D_1, D_2)``: this week's demand in each theatre (non-negative).
    rule
        One of :data:`RULES`.
    efficiency
        Share of a shipped unit that arrives, in (0, 1].

    Returns
    -------
    tuple
        ``((x_1, x_2), (f_12, f_21), (S_1', S_2'))``: deliveries, units shipped
        from theatre 1 to 2 and from 2 to 1, and stocks left at the end of the week.

    Examples
    --------
    >>> allocate_week((5.0, 20.0), (10.0, 4.0), "separate")
    ((5.0, 4.0), (0.0, 0.0), (0.0, 16.0))
    >>> allocate_week((5.0, 20.0), (10.0, 4.0), "share_surplus", efficiency=0.5)
    ((10.0, 4.0), (0.0, 10.0), (0.0, 6.0))
    >>> allocate_week((6.0, 6.0), (10.0, 2.0), "proportional")
    ((10.0, 2.0), (0.0, 4.0), (0.0, 0.0))
    >>> allocate_week((4.0, 4.0), (6.0, 6.0), "priority_2")
    ((2.0, 6.0), (2.0, 0.0), (0.0, 0.0))
    """
    a1 = check_positive("at_hand[0]", at_hand[0], allow_zero=True)
    a2 = check_positive("at_hand[1]", at_hand[1], allow_zero=True)
    d1 = check_positive("demand[0]", demand[0], allow_zero=True)
    d2 = check_positive("demand[1]", demand[1], allow_zero=True)
    check_choice("rule", rule, RULES)
    eta = _check_efficiency(efficiency)
    a, d = [a1, a2], [d1, d2]
    x, left = [min(d1, a1), min(d2, a2)], [a1 - min(d1, a1), a2 - min(d2, a2)]
    flow = [0.0, 0.0]  # flow[j]: units shipped out of theatre j

    def ship(src: int, dst: int, need: float) -> None:
        shipped, arriving = _serve_from_other(need, left[src], eta)
        flow[src] += shipped
        left[src] -= shipped
        x[dst] += arriving

    if rule == "share_surplus":
        for dst in (0, 1):
            if x[dst] < d[dst]:
                ship(1 - dst, dst, d[dst] - x[dst])
    elif rule in ("priority_1", "priority_2"):
        p = 0 if rule == "priority_1" else 1
        q = 1 - p
        # The priority theatre may draw on everything the other has, even what it needs itself.
        left[q], x[q] = a[q], 0.0
        if x[p] < d[p]:
            ship(q, p, d[p] - x[p])
        x[q] = min(d[q], left[q])
        left[q] -= x[q]
        if x[q] < d[q]:
            ship(p, q, d[q] - x[q])
    elif rule == "proportional":
        fill = [a[i] / d[i] if d[i] > 0 else math.inf for i in (0, 1)]
        if min(fill) < 1.0:
            i = 0 if fill[0] <= fill[1] else 1
            j = 1 - i
            phi = min(1.0, (a[i] + eta * a[j]) / (d[i] + eta * d[j]))
            if phi < 1.0:  # not enough for both: theatre j keeps phi * D_j and ships the rest
                x[j] = phi * d[j]
                shipped = max(0.0, a[j] - x[j])
                x[i] = min(d[i], a[i] + eta * shipped)
                left[j] = 0.0
            else:  # enough: theatre j ships just what theatre i lacks
                shipped = min(a[j], (d[i] - a[i]) / eta)
                x[i], x[j] = d[i], d[j]
                left[j] = max(0.0, a[j] - shipped - d[j])
            flow[j] = shipped
            left[i] = 0.0
    return (x[0], x[1]), (flow[0], flow[1]), (left[0], left[1])


@dataclass(frozen=True)
class TwoTheatreResult:
    """Week-by-week outcome of one run of the model (weeks ``0 .. T-1``)."""

    rule: str
    efficiency: float
    shock_week: int
    demand: tuple[tuple[float, ...], tuple[float, ...]]
    delivered: tuple[tuple[float, ...], tuple[float, ...]]
    shipped: tuple[tuple[float, ...], tuple[float, ...]]
    stock: tuple[tuple[float, ...], tuple[float, ...]]

    @property
    def weeks(self) -> tuple[int, ...]:
        """The weeks ``0 .. T-1``."""
        return tuple(range(len(self.demand[0])))

    def unmet(self, theatre: int) -> tuple[float, ...]:
        """Unmet demand of theatre 1 or 2, week by week."""
        i = _theatre(theatre)
        return tuple(max(0.0, d - x) for d, x in zip(self.demand[i], self.delivered[i], strict=True))

    def cumulative_unmet(self, theatre: int) -> tuple[float, ...]:
        """Unmet demand of theatre 1 or 2, summed from week 0 to each week."""
        out, total = [], 0.0
        for u in self.unmet(theatre):
            total += u
            out.append(total)
        return tuple(out)

    def total_unmet(self, theatre: int) -> float:
        """Unmet demand of theatre 1 or 2 over the whole horizon."""
        return sum(self.unmet(theatre))

    def shortfall_weeks(self, theatre: int) -> int:
        """Number of weeks in which theatre 1 or 2 got less than it needed."""
        i = _theatre(theatre)
        return sum(1 for u, d in zip(self.unmet(theatre), self.demand[i], strict=True)
                   if u > _TOL * max(1.0, d))

    def first_shortfall(self, theatre: int) -> int | None:
        """The first week with a shortfall in theatre 1 or 2, or ``None``."""
        i = _theatre(theatre)
        for t, (u, d) in enumerate(zip(self.unmet(theatre), self.demand[i], strict=True)):
            if u > _TOL * max(1.0, d):
                return t
        return None

    def fill_rate(self, theatre: int) -> float:
        """Share of theatre 1's or 2's total demand that was delivered (1 if it had none)."""
        i = _theatre(theatre)
        total = sum(self.demand[i])
        return 1.0 if total == 0 else sum(self.delivered[i]) / total

    @property
    def lost_in_transit(self) -> float:
        """Units shipped between theatres that never arrived: ``(1 - efficiency) * shipped``."""
        return (1.0 - self.efficiency) * (sum(self.shipped[0]) + sum(self.shipped[1]))


def _theatre(theatre: int) -> int:
    if theatre not in (1, 2) or isinstance(theatre, bool):
        raise ValueError(f"theatre must be 1 or 2, got {theatre!r}")
    return theatre - 1


def two_theatre(
    weeks: int = 26,
    demand_1: float = 10.0,
    baseline_2: float = 1.0,
    shock_2: float = 9.0,
    shock_week: int = 8,
    stock_1: float = 40.0,
    stock_2: float = 60.0,
    production_1: float = 7.0,
    production_2: float = 3.0,
    rule: str = "separate",
    efficiency: float = 1.0,
) -> TwoTheatreResult:
    """Run the two-theatre model for ``weeks`` weeks under one allocation rule.

    Parameters
    ----------
    weeks
        Length of the horizon ``T`` in weeks (1 to 520).
    demand_1
        Theatre 1's demand per week (non-negative); it is already at war.
    baseline_2, shock_2
        Theatre 2's demand per week before the shock, and the extra demand from
        the shock on (both non-negative).
    shock_week
        The week the shock hits theatre 2 (``0 .. weeks - 1``).
    stock_1, stock_2
        Stocks at the start of week 0 (non-negative).
    production_1, production_2
        Units produced each week in each theatre (non-negative).
    rule
        One of :data:`RULES`.
    efficiency
        Share of a unit shipped between theatres that arrives, in (0, 1].

    Returns
    -------
    TwoTheatreResult
        Demand, deliveries, shipments and end-of-week stocks, week by week.

    Raises
    ------
    ValueError
        If a parameter is out of range, not a number, or ``rule`` is unknown;
        the message names the parameter.

    Examples
    --------
    Theatre 2 holds 30 units it does not need; theatre 1 runs short from week 2.

    >>> kw = dict(weeks=4, demand_1=10, baseline_2=0, shock_2=0, shock_week=0,
    ...           stock_1=10, stock_2=30, production_1=5, production_2=0)
    >>> sep = two_theatre(**kw, rule="separate")
    >>> sep.unmet(1), sep.total_unmet(2)
    ((0.0, 0.0, 5.0, 5.0), 0.0)
    >>> pooled = two_theatre(**kw, rule="share_surplus")
    >>> pooled.total_unmet(1), pooled.stock[1][-1]
    (0.0, 20.0)
    """
    T = _check_int("weeks", weeks, 1, MAX_WEEKS)
    d1 = check_positive("demand_1", demand_1, allow_zero=True)
    b2 = check_positive("baseline_2", baseline_2, allow_zero=True)
    s2 = check_positive("shock_2", shock_2, allow_zero=True)
    ts = _check_int("shock_week", shock_week, 0, T - 1)
    s = [check_positive("stock_1", stock_1, allow_zero=True),
         check_positive("stock_2", stock_2, allow_zero=True)]
    p = [check_positive("production_1", production_1, allow_zero=True),
         check_positive("production_2", production_2, allow_zero=True)]
    check_choice("rule", rule, RULES)
    eta = _check_efficiency(efficiency)

    dem: list[list[float]] = [[], []]
    dlv: list[list[float]] = [[], []]
    shp: list[list[float]] = [[], []]
    stk: list[list[float]] = [[], []]
    for t in range(T):
        demand = (d1, b2 + (s2 if t >= ts else 0.0))
        at_hand = (s[0] + p[0], s[1] + p[1])
        x, f, left = allocate_week(at_hand, demand, rule, eta)
        s = list(left)
        for i in (0, 1):
            dem[i].append(demand[i])
            dlv[i].append(x[i])
            shp[i].append(f[i])
            stk[i].append(left[i])
    return TwoTheatreResult(
        rule=rule, efficiency=eta, shock_week=ts,
        demand=(tuple(dem[0]), tuple(dem[1])),
        delivered=(tuple(dlv[0]), tuple(dlv[1])),
        shipped=(tuple(shp[0]), tuple(shp[1])),
        stock=(tuple(stk[0]), tuple(stk[1])),
    )


def compare_rules(**params: float) -> pd.DataFrame:
    """Run the model under every rule of :data:`RULES` and summarise each theatre.

    Parameters
    ----------
    **params
        Any parameters of :func:`two_theatre` except ``rule``.

    Returns
    -------
    pandas.DataFrame
        One row per rule (index: the rule), with columns ``unmet_1``,
        ``unmet_2``, ``unmet_total``, ``shortfall_weeks_1``,
        ``shortfall_weeks_2``, ``first_shortfall_1``, ``first_shortfall_2``
        (``None`` if never short), ``fill_rate_1``, ``fill_rate_2`` and
        ``lost_in_transit``.

    Examples
    --------
    >>> table = compare_rules(weeks=4, demand_1=10, baseline_2=0, shock_2=0, shock_week=0,
    ...                       stock_1=10, stock_2=30, production_1=5, production_2=0)
    >>> float(table.loc["separate", "unmet_total"]), float(table.loc["proportional", "unmet_total"])
    (10.0, 0.0)
    """
    if "rule" in params:
        raise ValueError("rule must not be given: compare_rules runs every rule")
    rows = {}
    for rule in RULES:
        # Numbers, some of which must be whole (weeks, shock_week): two_theatre checks them.
        res = two_theatre(**cast("dict[str, Any]", params), rule=rule)
        rows[rule] = {
            "unmet_1": res.total_unmet(1), "unmet_2": res.total_unmet(2),
            "unmet_total": res.total_unmet(1) + res.total_unmet(2),
            "shortfall_weeks_1": res.shortfall_weeks(1), "shortfall_weeks_2": res.shortfall_weeks(2),
            "first_shortfall_1": res.first_shortfall(1), "first_shortfall_2": res.first_shortfall(2),
            "fill_rate_1": res.fill_rate(1), "fill_rate_2": res.fill_rate(2),
            "lost_in_transit": res.lost_in_transit,
        }
    df = pd.DataFrame.from_dict(rows, orient="index")
    df.index.name = "rule"
    return df


def preset_params(row: Mapping[str, Any] | pd.Series, shock_2: float | None = None) -> dict[str, Any]:
    """The keyword arguments of :func:`two_theatre` and :func:`compare_rules` (without ``rule``) for one preset.

    Parameters
    ----------
    row
        A row of the ``two_theatre_presets`` table (a dict or a pandas Series)
        with the columns :data:`PARAMETERS`.
    shock_2
        Another shock in theatre 2 in place of the preset's own (the explorer's slider).

    Raises
    ------
    KeyError
        If the row lacks one of :data:`PARAMETERS`.

    Examples
    --------
    >>> row = {"weeks": 26, "demand_1": 10.0, "baseline_2": 1.0, "shock_2": 9.0, "shock_week": 8,
    ...        "stock_1": 40.0, "stock_2": 60.0, "production_1": 7.0, "production_2": 3.0,
    ...        "efficiency": 0.9}
    >>> preset_params(row, shock_2=4.0)["shock_2"], preset_params(row)["weeks"]
    (4.0, 26)
    """
    out: dict[str, Any] = {}
    for name in PARAMETERS:
        value = row[name]
        out[name] = int(value) if name in ("weeks", "shock_week") else float(value)
    if shock_2 is not None:
        out["shock_2"] = float(shock_2)
    return out


def preset_arguments(row: Mapping[Any, Any] | pd.Series) -> dict[str, Any]:
    """The model's arguments for one scenario preset: its pooled rule and parameters, checked.

    Parameters
    ----------
    row
        One row of the ``two_theatre_presets`` table (a dict or a pandas row)
        with the columns :data:`PRESET_COLUMNS`; its other columns (``label``,
        ``rationale``, ...) are not read.

    Returns
    -------
    dict
        ``rule`` (a pooled rule: 'separate' is always shown beside it) and the
        :data:`PARAMETERS`, ready for ``two_theatre(**arguments)``; without
        ``rule`` they are the arguments of :func:`compare_rules`.

    Raises
    ------
    ValueError
        If a column is missing, or a value is one the model rejects; the
        message names the preset and the column.

    Examples
    --------
    >>> row = {"preset_id": "a", "rule": "proportional", "weeks": 26, "demand_1": 10, "baseline_2": 1,
    ...        "shock_2": 6, "shock_week": 8, "stock_1": 40, "stock_2": 80, "production_1": 7,
    ...        "production_2": 4, "efficiency": 0.9}
    >>> args = preset_arguments(row)
    >>> args["rule"], args["weeks"], args["efficiency"]
    ('proportional', 26, 0.9)
    >>> preset_arguments({**row, "shock_week": 30})
    Traceback (most recent call last):
    ...
    ValueError: preset 'a': shock_week must lie between 0 and 25, got 30
    >>> preset_arguments({**row, "rule": "separate"})
    Traceback (most recent call last):
    ...
    ValueError: preset 'a': the column rule must be a pooled rule (share_surplus, proportional, \
priority_1, priority_2), got 'separate'
    """
    name = f"preset {row['preset_id']!r}" if "preset_id" in row else "a preset"
    for column in PRESET_COLUMNS:
        if column not in row:
            raise ValueError(f"{name}: the column {column} is missing")
    pooled = RULES[1:]
    if row["rule"] not in pooled:
        raise ValueError(f"{name}: the column rule must be a pooled rule ({', '.join(pooled)}), "
                         f"got {row['rule']!r}")
    out: dict[str, Any] = {"rule": str(row["rule"])}
    try:
        for column in PARAMETERS:
            value = row[column]
            if column in ("weeks", "shock_week"):
                whole = float(value)
                out[column] = int(whole) if whole.is_integer() else whole
            else:
                out[column] = float(value)
        two_theatre(**out)
    except (TypeError, ValueError) as err:
        raise ValueError(f"{name}: {err}") from None
    return out
