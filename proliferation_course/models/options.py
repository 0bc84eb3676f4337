"""Weighing the options: a weighted multi-criteria teaching model for the capstone (ch. 13).

The course ends with a choice among policy options (``OPTIONS``): keep US
extended deterrence as it is, adopt Graefrath and Raymond's selective
proliferation, or strengthen extended deterrence with the essay's three
alternatives, together or one at a time. Each option gets a score ``s`` from 1
to 5 on each of seven criteria drawn from the course (``CRITERIA``), where 5 is
always the best for the option (the most credible deterrence, the least risk,
the least damage, the lightest burden, the most autonomy). With non-negative
weights ``w_k``, not all zero, an option's overall score is the weighted mean

``V = sum_k w_k s_k / sum_k w_k``,

which lies in [1, 5]; ``(V - 1) / 4`` puts it in [0, 1]. Options are ranked by
``V`` (rank 1 is the highest; tied options share the better rank).

Two further quantities help a seminar:

* an option is *dominated* when another option scores at least as well on every
  criterion and better on at least one: no choice of weights can then put it
  strictly ahead of the option that dominates it;
* the *break-even weight* of a criterion for two options is the weight at which
  their overall scores are equal, the other weights held fixed. Above it (or
  below it) the ranking of the two flips.

This is a teaching model, not a prediction or a measurement: the scores are
the course authors' stated judgements for discussion (``data/option_scores.csv``
gives the reasoning and sources of each), and the weights are values, not facts.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, cast

import pandas as pd

from ..i18n import N_
from ..validation import check_keys
from . import _validate
from ._validate import check_choice, check_grid, check_integer

__all__ = [
    "CRITERIA",
    "CRITERION_LABELS",
    "CRITERION_SHORT",
    "MAX_SCORE",
    "MIN_SCORE",
    "OPTIONS",
    "OPTION_LABELS",
    "OPTION_SHORT",
    "PRESET_COLUMNS",
    "OptionsResult",
    "break_even_weight",
    "check_weights",
    "lead_weight",
    "option_score",
    "preset_arguments",
    "preset_weights",
    "rank_options",
    "validate_score_table",
]

#: The seven criteria, in display order.
CRITERIA: tuple[str, ...] = (
    "near_term_deterrence",
    "window_risk",
    "npt_norm",
    "cascade_risk",
    "arms_race_risk",
    "us_burden",
    "ally_autonomy",
)
#: What a score of 5 means on each criterion (1 is the opposite).
CRITERION_LABELS: dict[str, str] = {
    "near_term_deterrence": N_("Deterrence credibility in the near term (5 = most credible)"),
    "window_risk": N_("Risk in the window of vulnerability (5 = least risk)"),
    "npt_norm": N_("Damage to the NPT and the non-proliferation norm (5 = least damage)"),
    "cascade_risk": N_("Risk of a proliferation cascade (5 = least risk)"),
    "arms_race_risk": N_("Arms-race and crisis-stability risk (5 = least risk)"),
    "us_burden": N_("Burden on the United States (5 = lightest)"),
    "ally_autonomy": N_("Ally autonomy from Washington's choices (5 = most autonomy)"),
}
#: Short names for figure axes.
CRITERION_SHORT: dict[str, str] = {
    "near_term_deterrence": N_("Near-term deterrence"),
    "window_risk": N_("Window risk"),
    "npt_norm": N_("NPT norm"),
    "cascade_risk": N_("Cascade risk"),
    "arms_race_risk": N_("Arms race"),
    "us_burden": N_("US burden"),
    "ally_autonomy": N_("Ally autonomy"),
}
#: The options, in display order.
OPTIONS: tuple[str, ...] = (
    "status_quo",
    "selective_proliferation",
    "three_alternatives",
    "conventional_strike",
    "nuclear_support",
    "cross_regional",
)
OPTION_LABELS: dict[str, str] = {
    "status_quo": N_("Status quo: US extended deterrence as it is"),
    "selective_proliferation": N_("Selective proliferation (Canada, Germany, Japan)"),
    "three_alternatives": N_("The essay's three alternatives combined"),
    "conventional_strike": N_("Alternative 1 alone: conventional strike"),
    "nuclear_support": N_("Alternative 2 alone: support to US nuclear operations"),
    "cross_regional": N_("Alternative 3 alone: cross-regional cooperation"),
}
#: Short names of the options, for a narrow screen (two lines at most).
OPTION_SHORT: dict[str, str] = {
    "status_quo": N_("Status quo"),
    "selective_proliferation": N_("Selective<br>proliferation"),
    "three_alternatives": N_("Three<br>alternatives"),
    "conventional_strike": N_("Alt. 1: conv.<br>strike"),
    "nuclear_support": N_("Alt. 2: nuclear<br>support"),
    "cross_regional": N_("Alt. 3: cross-<br>regional"),
}
MIN_SCORE = 1
MAX_SCORE = 5
#: The columns of an ``option_weight_presets`` row that the model reads: one weight per criterion.
PRESET_COLUMNS: tuple[str, ...] = CRITERIA
_COLUMNS = ("option_id", "criterion_id", "score")


def check_weights(weights: Mapping[str, float] | None) -> dict[str, float]:
    """Return the weights as ``{criterion: float}``, checked; equal weights if ``None``.

    Raises
    ------
    ValueError
        If ``weights`` is not a mapping, lacks a criterion or names an unknown
        one, or if a weight is negative, NaN, infinite or not a number, or all
        are zero. The message names the parameter (``weights['us_burden']``, ...).

    Examples
    --------
    >>> check_weights(None)["ally_autonomy"]
    1.0
    >>> check_weights({**{c: 1 for c in CRITERIA}, "us_burden": 3})["us_burden"]
    3.0
    """
    return _validate.check_weights(weights, CRITERIA, "criterion")


def _check_score(name: str, value: object) -> int:
    return check_integer(name, value, MIN_SCORE, MAX_SCORE)


def _check_scores(scores: Mapping[str, int], name: str = "scores") -> dict[str, int]:
    check_keys(scores, CRITERIA, name, "criterion", value_word="score")
    return {c: _check_score(f"{name}[{c!r}]", scores[c]) for c in CRITERIA}


def option_score(scores: Mapping[str, int], weights: Mapping[str, float] | None = None) -> float:
    """One option's overall score ``V = sum w_k s_k / sum w_k``, in [1, 5].

    Parameters
    ----------
    scores
        ``{criterion: score}`` for all seven criteria, each an integer from 1 to 5.
    weights
        ``{criterion: weight}`` for all seven criteria, non-negative and not all
        zero; equal weights if ``None``.

    Examples
    --------
    >>> s = {c: 1 for c in CRITERIA} | {"ally_autonomy": 5}
    >>> round(option_score(s), 4)  # (6 * 1 + 5) / 7
    1.5714
    >>> w = {c: 1.0 for c in CRITERIA} | {"ally_autonomy": 3.0}
    >>> option_score(s, w)  # (6 + 15) / 9
    2.3333333333333335
    >>> option_score({c: 4 for c in CRITERIA})
    4.0
    """
    w = check_weights(weights)
    s = _check_scores(scores)
    value = sum(w[c] * s[c] for c in CRITERIA) / sum(w.values())
    # A weighted mean lies between the lowest and highest score; this only absorbs float rounding.
    return float(min(max(s.values()), max(min(s.values()), value)))


def validate_score_table(table: pd.DataFrame, option_order: Sequence[str] | None = None) -> pd.DataFrame:
    """Check the scores table and return it as a complete option × criterion grid.

    Every option must have exactly one row for each criterion, with an integer
    score from 1 to 5.

    Parameters
    ----------
    table
        The ``option_scores`` table (columns ``option_id``, ``criterion_id``,
        ``score``; others are kept).
    option_order
        The options in display order; by default, the order of first appearance.
        When given, it must name exactly the options in the table.

    Returns
    -------
    pandas.DataFrame
        The rows sorted by option (in ``option_order``) and criterion (in :data:`CRITERIA`).

    Raises
    ------
    ValueError
        Naming the column, option or criterion at fault.
    """
    def check_row(row: Any) -> None:
        check_choice(f"criterion_id ({row.option_id})", str(row.criterion_id), CRITERIA)
        _check_score(f"score ({row.option_id}/{row.criterion_id})", row.score)

    return check_grid(table, name="table", columns=_COLUMNS, rows=("option_id", "option", "an"),
                      keys=("criterion_id", "criterion", CRITERIA), order=option_order, check_row=check_row)


def _dominates(a: Sequence[int], b: Sequence[int]) -> bool:
    return all(x >= y for x, y in zip(a, b, strict=True)) and any(x > y for x, y in zip(a, b, strict=True))


@dataclass(frozen=True)
class OptionsResult:
    """The model's answer for one set of weights.

    Attributes
    ----------
    options, criteria
        Row and column ids, in display order.
    scores
        One tuple per option, one score (1 to 5) per criterion.
    weights
        The weights used, ``{criterion: weight}``.
    overall
        Each option's weighted mean score ``V``, in [1, 5].
    rank
        Each option's rank by ``V`` (1 is the highest; ties share the better rank).
    worst
        Each option's lowest score among the criteria with a positive weight.
    dominated_by
        For each option, the options that dominate it (whatever the weights).
    """

    options: tuple[str, ...]
    criteria: tuple[str, ...]
    scores: tuple[tuple[int, ...], ...]
    weights: dict[str, float]
    overall: tuple[float, ...]
    rank: tuple[int, ...]
    worst: tuple[int, ...]
    dominated_by: tuple[tuple[str, ...], ...]

    @property
    def normalised(self) -> tuple[float, ...]:
        """``(V - 1) / 4`` for each option, in [0, 1]."""
        return tuple((v - MIN_SCORE) / (MAX_SCORE - MIN_SCORE) for v in self.overall)

    @property
    def leaders(self) -> tuple[str, ...]:
        """The option(s) ranked first."""
        return tuple(o for o, r in zip(self.options, self.rank, strict=True) if r == 1)

    def summary(self) -> pd.DataFrame:
        """One row per option: overall score, normalised score, rank and worst score."""
        return pd.DataFrame({
            "option_id": list(self.options),
            "overall": list(self.overall),
            "normalised": list(self.normalised),
            "rank": list(self.rank),
            "worst": list(self.worst),
        })


def _ranks(values: Sequence[float], tol: float = 1e-9) -> tuple[int, ...]:
    """Competition ranks, highest first; values within ``tol`` count as tied."""
    return tuple(1 + sum(1 for u in values if u > v + tol) for v in values)


def rank_options(
    table: pd.DataFrame,
    weights: Mapping[str, float] | None = None,
    option_order: Sequence[str] | None = None,
) -> OptionsResult:
    """Score and rank every option of the scores table for one set of weights.

    Parameters
    ----------
    table
        The ``option_scores`` table (see :func:`validate_score_table`).
    weights
        ``{criterion: weight}`` for the seven criteria; equal weights if ``None``.
    option_order
        The options in display order (default: order of first appearance).

    Returns
    -------
    OptionsResult

    Examples
    --------
    >>> rows = [("a", c, 3) for c in CRITERIA] + [("b", c, 1) for c in CRITERIA]
    >>> rows[-1] = ("b", "ally_autonomy", 5)
    >>> df = pd.DataFrame(rows, columns=["option_id", "criterion_id", "score"])
    >>> res = rank_options(df)
    >>> [round(v, 4) for v in res.overall], res.rank, res.leaders
    ([3.0, 1.5714], (1, 2), ('a',))
    >>> w = {c: 1.0 for c in CRITERIA} | {"ally_autonomy": 4.0}
    >>> rank_options(df, w).rank  # b: (6 + 20) / 10 = 2.6; a: 3.0
    (1, 2)
    >>> w["ally_autonomy"] = 8.0  # b: (6 + 40) / 14 = 3.29 > 3.0: the ranking flips
    >>> rank_options(df, w).leaders
    ('b',)
    """
    w = check_weights(weights)
    grid = validate_score_table(table, option_order)
    options = tuple(dict.fromkeys(str(o) for o in grid["option_id"]))
    scores = tuple(tuple(int(s) for s in grid.loc[grid["option_id"].astype(str) == o, "score"])
                   for o in options)
    overall = tuple(option_score(dict(zip(CRITERIA, s, strict=True)), w) for s in scores)
    positive = [i for i, c in enumerate(CRITERIA) if w[c] > 0]
    worst = tuple(min(s[i] for i in positive) for s in scores)
    dominated = tuple(tuple(o2 for o2, s2 in zip(options, scores, strict=True) if _dominates(s2, s))
                      for s in scores)
    return OptionsResult(options=options, criteria=CRITERIA, scores=scores, weights=w,
                         overall=overall, rank=_ranks(overall), worst=worst, dominated_by=dominated)


def break_even_weight(
    table: pd.DataFrame,
    weights: Mapping[str, float] | None,
    criterion: str,
    option_a: str,
    option_b: str,
) -> float | None:
    """The weight of ``criterion`` at which options ``a`` and ``b`` score the same.

    The other weights stay as given. With ``d_k = s_ak - s_bk`` the difference
    in scores, the two overall scores are equal when
    ``w_c d_c + sum_{k != c} w_k d_k = 0``, that is at
    ``w_c = -sum_{k != c} w_k d_k / d_c``.

    Returns
    -------
    float or None
        The break-even weight, or ``None`` when no non-negative weight makes
        the two equal (``d_c = 0`` with the others not balancing, or a negative
        solution). When ``d_c = 0`` and the other criteria already balance,
        every weight does, and 0.0 is returned.

    Examples
    --------
    >>> rows = [("a", c, 3) for c in CRITERIA] + [("b", c, 1) for c in CRITERIA]
    >>> rows[-1] = ("b", "ally_autonomy", 5)
    >>> df = pd.DataFrame(rows, columns=["option_id", "criterion_id", "score"])
    >>> break_even_weight(df, None, "ally_autonomy", "b", "a")  # 6 * (1 - 3) + w * 2 = 0
    6.0
    >>> break_even_weight(df, None, "us_burden", "b", "a") is None
    True
    """
    w = check_weights(weights) if weights is not None else check_weights(None)
    check_choice("criterion", criterion, CRITERIA)
    grid = validate_score_table(table)
    options = list(dict.fromkeys(str(o) for o in grid["option_id"]))
    check_choice("option_a", option_a, tuple(options))
    check_choice("option_b", option_b, tuple(options))

    def scores(o: str) -> dict[str, int]:
        rows = grid.loc[grid["option_id"].astype(str) == o]
        return dict(zip(rows["criterion_id"].astype(str), (int(s) for s in rows["score"]), strict=True))

    sa, sb = scores(option_a), scores(option_b)
    rest = sum(w[k] * (sa[k] - sb[k]) for k in CRITERIA if k != criterion)
    d = sa[criterion] - sb[criterion]
    if d == 0:
        return 0.0 if rest == 0 else None
    value = -rest / d
    return value + 0.0 if value >= 0 else None


def lead_weight(
    table: pd.DataFrame,
    weights: Mapping[str, float] | None,
    criterion: str,
    option: str,
) -> float | None:
    """The smallest weight of ``criterion`` at which ``option`` ranks first (alone or tied).

    The other weights stay as given. Against each rival ``b``, with ``d_c`` the
    difference of the two scores on ``criterion`` and ``w*`` their break-even
    weight (:func:`break_even_weight`): if ``d_c > 0`` the option is at least
    level for weights from ``w*`` up; if ``d_c < 0``, for weights up to ``w*``;
    if ``d_c = 0``, for all weights or none. The answer is the lower end of
    the intersection of these ranges over all rivals.

    Returns
    -------
    float or None
        The weight, or ``None`` if no non-negative weight puts the option first.

    Examples
    --------
    >>> rows = [("a", c, 3) for c in CRITERIA] + [("b", c, 1) for c in CRITERIA]
    >>> rows += [("c", c, 2) for c in CRITERIA]
    >>> rows[6], rows[-1] = ("a", "ally_autonomy", 4), ("c", "ally_autonomy", 5)
    >>> df = pd.DataFrame(rows, columns=["option_id", "criterion_id", "score"])
    >>> lead_weight(df, None, "ally_autonomy", "c")  # level with a at 6; b is never ahead
    6.0
    >>> lead_weight(df, None, "ally_autonomy", "b") is None
    True
    """
    w = check_weights(weights)
    check_choice("criterion", criterion, CRITERIA)
    grid = validate_score_table(table)
    options = list(dict.fromkeys(str(o) for o in grid["option_id"]))
    check_choice("option", option, tuple(options))
    lo, hi = 0.0, math.inf
    for rival in options:
        if rival == option:
            continue
        rows = grid.loc[grid["option_id"].astype(str).isin([option, rival])]
        # pandas types the fields of an itertuples row only as "any scalar"
        s = {(str(r.option_id), str(r.criterion_id)): int(cast(Any, r.score))
             for r in rows.itertuples(index=False)}
        d = s[(option, criterion)] - s[(rival, criterion)]
        rest = sum(w[k] * (s[(option, k)] - s[(rival, k)]) for k in CRITERIA if k != criterion)
        if d == 0:
            if rest < 0:
                return None
            continue
        be = -rest / d
        if d > 0:
            lo = max(lo, be)
        else:
            hi = min(hi, be)
    return lo + 0.0 if lo <= hi else None


def preset_arguments(row: Mapping[str, object]) -> dict[str, dict[str, float]]:
    """The model's arguments for one row of the ``option_weight_presets`` table: its weights, checked.

    Parameters
    ----------
    row
        One row of the table (a dict or a pandas row), with one column per
        criterion; its other columns (``label``, ``rationale``, ...) are not read.

    Returns
    -------
    dict
        ``{"weights": {criterion: weight}}``, to pass to :func:`rank_options`.

    Raises
    ------
    ValueError
        If a criterion's column is missing or a weight is bad; the message
        names the preset and the column.

    Examples
    --------
    >>> preset_arguments({"preset_id": "equal", **{c: 1 for c in CRITERIA}})["weights"]["us_burden"]
    1.0
    >>> preset_arguments({"preset_id": "x", **{c: 1 for c in CRITERIA[:-1]}})
    Traceback (most recent call last):
    ...
    ValueError: presets, row 'x': the column ally_autonomy is missing
    """
    name = f"presets, row {str(row['preset_id'])!r}" if "preset_id" in row else "the preset"
    missing = [c for c in PRESET_COLUMNS if c not in row]
    if missing:
        raise ValueError(f"{name}: the column {', '.join(missing)} is missing")
    raw = {c: cast(float, row[c]) for c in PRESET_COLUMNS}
    try:
        return {"weights": check_weights(raw)}
    except ValueError as err:
        raise ValueError(f"{name}: {err}") from None


def preset_weights(presets: pd.DataFrame) -> dict[str, dict[str, float]]:
    """Read the ``option_weight_presets`` table into ``{preset_id: {criterion: weight}}``.

    The table has one row per preset and one column per criterion. Each row's
    weights are checked with :func:`check_weights`; rows keep the ``order`` column's order.

    Raises
    ------
    ValueError
        If the table is not a DataFrame, lacks ``preset_id`` or a criterion
        column, is empty, repeats a preset, or holds a bad weight.

    Examples
    --------
    >>> df = pd.DataFrame([{"preset_id": "equal", **{c: 1.0 for c in CRITERIA}}])
    >>> preset_weights(df)["equal"]["us_burden"]
    1.0
    """
    if not isinstance(presets, pd.DataFrame):
        raise ValueError(f"presets must be a pandas DataFrame, got {type(presets).__name__}")
    missing = [c for c in ("preset_id", *CRITERIA) if c not in presets.columns]
    if missing:
        raise ValueError(f"presets is missing column(s): {', '.join(missing)}")
    if presets.empty:
        raise ValueError("presets has no rows")
    if presets["preset_id"].duplicated().any():
        raise ValueError("presets repeats a preset_id")
    if "order" in presets.columns:
        presets = presets.sort_values("order")
    return {str(row["preset_id"]): preset_arguments(row)["weights"]
            for row in ({str(k): v for k, v in r.items()} for r in presets.to_dict("records"))}
