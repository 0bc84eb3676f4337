"""The breakout timeline: a stylised teaching model of the road to a credible arsenal.

A state that decides to build nuclear weapons must complete a series of
technical steps (the essay lists them): produce weapons-usable fissile
material, turn it into metal, build initiators and firing circuits,
miniaturise a reliable warhead, integrate it with delivery systems, test
warheads and delivery systems, and build the safe and secure infrastructure
that holds these capabilities. Each step ``k`` has a low and a high estimate of
its duration in months, ``L_k`` and ``H_k``, for a country profile.

The model has three dials:

* the estimate level ``e`` in [0, 1] interpolates between the two estimates;
* the sanctions factor ``s >= 1`` multiplies the duration of every step flagged
  as sensitive to sanctions (``z_k = 1``), and leaves the others alone;
* the degree of parallel work ``p`` in [0, 1] sets how soon a step starts after
  the one before it.

Durations, starts and ends (in months)::

    d_k = (L_k + e (H_k - L_k)) * (s if z_k else 1)
    start_1 = 0
    start_k = start_{k-1} + (1 - p) d_{k-1}        for k > 1
    end_k = start_k + d_k

With ``p = 0`` the steps run one after another; with ``p = 1`` they all start at
once. The months to a first device are the latest end among the steps flagged
as needed for a first device; the months to a credible arsenal are the latest
end among all steps. This is a teaching model, not a prediction: the step
estimates are stylised judgements anchored in sources (see the ``note`` and
``source`` columns of ``data/breakout_steps.csv``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from ..data import localized
from ..i18n import _
from ..validation import check_table
from ._validate import check_positive, check_unit_interval

__all__ = [
    "PRESET_COLUMNS",
    "SANCTIONS_MAX",
    "STEP_COLUMNS",
    "BreakoutResult",
    "breakout_profiles",
    "breakout_timeline",
    "preset_arguments",
    "pursuit_durations",
    "schedule_steps",
]

#: Columns the model reads from the steps table.
STEP_COLUMNS: tuple[str, ...] = (
    "profile", "order", "step_id", "step", "first_device", "sanctions_sensitive",
    "low_months", "high_months",
)
#: Largest sanctions factor the model accepts (a tenfold slow-down is already extreme).
SANCTIONS_MAX = 10.0
#: The columns of a ``breakout_presets`` row that the model reads: a profile and two dials
#: (the sanctions factor is the figure's slider, not part of a preset).
PRESET_COLUMNS: tuple[str, str, str] = ("profile", "estimate", "parallel")


def preset_arguments(row: Mapping[str, object]) -> dict[str, str | float]:
    """The model's arguments for one preset: its profile, estimate level and parallel work, checked.

    Parameters
    ----------
    row
        One row of the ``breakout_presets`` table (a dict or a pandas row).
        Its other columns (``label``, ``rationale``, ...) are not read.

    Returns
    -------
    dict
        ``profile`` (a string), ``estimate`` and ``parallel`` (floats in [0, 1]),
        to pass to :func:`breakout_timeline` as keyword arguments.

    Raises
    ------
    ValueError
        If a column is missing, the profile is empty or a dial is outside
        [0, 1]; the message names the preset and the column.

    Examples
    --------
    >>> preset_arguments({"preset_id": "japan", "profile": "Japan", "estimate": 0.5,
    ...                   "parallel": 0.5, "label": "Japan"})
    {'profile': 'Japan', 'estimate': 0.5, 'parallel': 0.5}
    >>> preset_arguments({"preset_id": "x", "profile": "Japan", "estimate": 1.5, "parallel": 0.5})
    Traceback (most recent call last):
    ...
    ValueError: preset 'x': estimate must lie in [0, 1], got 1.5
    """
    name = _("preset {preset!r}").format(preset=row["preset_id"]) if "preset_id" in row else _("the preset")
    for column in PRESET_COLUMNS:
        if column not in row:
            raise ValueError(_("{preset}: the column {column} is missing").format(preset=name, column=column))
    profile = row["profile"]
    if not isinstance(profile, str) or not profile.strip():
        raise ValueError(_("{preset}: profile must be a profile's name, got {value!r}").format(
            preset=name, value=profile))
    try:
        return {"profile": profile, "estimate": check_unit_interval("estimate", row["estimate"]),
                "parallel": check_unit_interval("parallel", row["parallel"])}
    except ValueError as err:
        raise ValueError(f"{name}: {err}") from None


def _check_durations(durations: Sequence[float]) -> list[float]:
    if isinstance(durations, str | bytes) or not isinstance(durations, Sequence | pd.Series):
        raise ValueError(f"durations must be a sequence of numbers, got {type(durations).__name__}")
    values = list(durations)
    if not values:
        raise ValueError("durations must not be empty")
    return [check_positive(f"durations[{i}]", d, allow_zero=True) for i, d in enumerate(values)]


def schedule_steps(durations: Sequence[float], parallel: float = 0.0) -> tuple[list[float], list[float]]:
    """Start and end months of steps run in order with a degree of overlap.

    Step 1 starts at month 0; step ``k`` starts ``(1 - parallel) * d_{k-1}``
    months after step ``k - 1`` started, and ends ``d_k`` months after it starts.

    Parameters
    ----------
    durations
        Duration of each step in months (non-negative, finite), in order.
    parallel
        Degree of parallel work ``p`` in [0, 1]: 0 runs the steps strictly one
        after another, 1 starts them all at month 0.

    Returns
    -------
    tuple of two lists
        The start and the end month of each step.

    Raises
    ------
    ValueError
        If a duration is negative, infinite, NaN or not a number, if there are
        none, or if ``parallel`` is outside [0, 1]. The message names the parameter.

    Examples
    --------
    >>> schedule_steps([10, 4, 6])
    ([0.0, 10.0, 14.0], [10.0, 14.0, 20.0])
    >>> schedule_steps([10, 4, 6], parallel=0.5)
    ([0.0, 5.0, 7.0], [10.0, 9.0, 13.0])
    >>> schedule_steps([10, 4, 6], parallel=1.0)
    ([0.0, 0.0, 0.0], [10.0, 4.0, 6.0])
    """
    d = _check_durations(durations)
    p = check_unit_interval("parallel", parallel)
    starts = [0.0]
    for previous in d[:-1]:
        starts.append(starts[-1] + (1.0 - p) * previous)
    ends = [s + dk for s, dk in zip(starts, d, strict=True)]
    return starts, ends


def _check_steps(steps: object) -> pd.DataFrame:
    return check_table(steps, STEP_COLUMNS, "steps")


def breakout_profiles(steps: pd.DataFrame) -> list[str]:
    """The country profiles in the steps table, in their order of first appearance.

    Examples
    --------
    >>> from proliferation_course.data import load_table
    >>> breakout_profiles(load_table("breakout_steps"))
    ['Japan', 'Germany', 'Canada']
    """
    steps = _check_steps(steps)
    return list(dict.fromkeys(str(p) for p in steps["profile"]))


@dataclass(frozen=True)
class BreakoutResult:
    """The model's answer for one profile and one set of dials.

    Attributes
    ----------
    profile, estimate, sanctions, parallel
        The inputs.
    steps
        One row per step, in order: ``order``, ``step_id``, ``step``,
        ``first_device``, ``sanctions_sensitive``, ``duration``, ``start`` and
        ``end`` (months).
    months_to_first_device
        The latest end among the steps needed for a first device.
    months_to_arsenal
        The latest end among all steps: a credible arsenal.
    """

    profile: str
    estimate: float
    sanctions: float
    parallel: float
    steps: pd.DataFrame
    months_to_first_device: float
    months_to_arsenal: float

    @property
    def years_to_first_device(self) -> float:
        """Months to a first device, in years."""
        return self.months_to_first_device / 12.0

    @property
    def years_to_arsenal(self) -> float:
        """Months to a credible arsenal, in years."""
        return self.months_to_arsenal / 12.0


def breakout_timeline(
    steps: pd.DataFrame,
    profile: str,
    estimate: float = 0.5,
    sanctions: float = 1.0,
    parallel: float = 0.5,
) -> BreakoutResult:
    """Schedule the technical steps to a first device and to a credible arsenal.

    Parameters
    ----------
    steps
        The ``breakout_steps`` table: one row per profile and step, with the
        columns in :data:`STEP_COLUMNS`.
    profile
        The country profile (``"Japan"``, ``"Germany"`` or ``"Canada"`` in the
        course's table).
    estimate
        Estimate level ``e`` in [0, 1]: 0 takes every step's low estimate, 1 its
        high estimate, values between interpolate linearly.
    sanctions
        Sanctions factor ``s`` in [1, 10]: multiplies the duration of each step
        flagged ``sanctions_sensitive``; 1 means no sanctions.
    parallel
        Degree of parallel work ``p`` in [0, 1] (see :func:`schedule_steps`).

    Returns
    -------
    BreakoutResult
        The scheduled steps and the months to a first device and to a credible
        arsenal.

    Raises
    ------
    ValueError
        If ``steps`` is not a table with the needed columns, if ``profile`` is
        not in it, if a dial is out of range, NaN or not a number, or if the
        profile's rows are inconsistent (a low estimate above the high one, a
        negative or missing estimate, repeated ``order`` values, or no step
        needed for a first device). The message names the parameter.

    Examples
    --------
    >>> from proliferation_course.data import load_table
    >>> res = breakout_timeline(load_table("breakout_steps"), "Japan", estimate=0.0,
    ...                         sanctions=1.0, parallel=1.0)
    >>> res.months_to_first_device <= res.months_to_arsenal
    True
    >>> sorted(set(res.steps["start"]))  # with full parallel work every step starts at once
    [0.0]
    >>> bool(res.months_to_arsenal == res.steps["duration"].max())
    True
    """
    table = _check_steps(steps)
    profiles = breakout_profiles(table)
    if not isinstance(profile, str) or profile not in profiles:
        raise ValueError(_("profile must be one of {profiles}; got {value!r}").format(
            profiles=", ".join(profiles), value=profile))
    e = check_unit_interval("estimate", estimate)
    s = check_positive("sanctions", sanctions)
    if not 1.0 <= s <= SANCTIONS_MAX:
        raise ValueError(_("sanctions must lie in [1, {high:g}], got {value!r}").format(
            high=SANCTIONS_MAX, value=s))
    p = check_unit_interval("parallel", parallel)

    rows = table.loc[table["profile"] == profile].sort_values("order").reset_index(drop=True)
    if rows["order"].duplicated().any():
        raise ValueError(f"steps: profile {profile!r} repeats an order value")
    durations = []
    for row in rows.itertuples(index=False):
        low = check_positive(f"steps low_months ({profile}, {row.step_id})", row.low_months,
                             allow_zero=True)
        high = check_positive(f"steps high_months ({profile}, {row.step_id})", row.high_months,
                              allow_zero=True)
        if low > high:
            raise ValueError(f"steps: low_months above high_months for ({profile}, {row.step_id}): "
                             f"{low} > {high}")
        base = low + e * (high - low)
        durations.append(base * (s if bool(row.sanctions_sensitive) else 1.0))
    first = [bool(v) for v in rows["first_device"]]
    if not any(first):
        raise ValueError(f"steps: profile {profile!r} has no step flagged first_device")
    starts, ends = schedule_steps(durations, p)
    out = pd.DataFrame({
        "order": [int(v) for v in rows["order"]],
        "step_id": [str(v) for v in rows["step_id"]],
        "step": [str(v) for v in localized(rows, "step")],  # the step's name, in the reader's language
        "first_device": first,
        "sanctions_sensitive": [bool(v) for v in rows["sanctions_sensitive"]],
        "duration": durations,
        "start": starts,
        "end": ends,
    })
    return BreakoutResult(
        profile=profile, estimate=e, sanctions=s, parallel=p, steps=out,
        months_to_first_device=max(end for end, f in zip(ends, first, strict=True) if f),
        months_to_arsenal=max(ends),
    )


def pursuit_durations(timelines: pd.DataFrame, start: str = "pursue") -> pd.Series:
    """Years from the start of pursuit to acquisition, one value per state.

    Parameters
    ----------
    timelines
        The ``proliferation_timelines`` table (columns ``state``, ``acquire``
        and the ``start`` column).
    start
        ``"pursue"`` (the first year of pursuit) or ``"pursue_last_start"`` (the
        first year of the last, unbroken spell of pursuit; they differ for India).

    Returns
    -------
    pandas.Series
        ``acquire - start`` in years, indexed by state.

    Examples
    --------
    >>> from proliferation_course.data import load_table
    >>> years = pursuit_durations(load_table("proliferation_timelines"))
    >>> int(years["United States"]), float(years.median())
    (3, 10.0)
    >>> float(pursuit_durations(load_table("proliferation_timelines"), "pursue_last_start").median())
    8.0
    """
    if not isinstance(timelines, pd.DataFrame):
        raise ValueError(f"timelines must be a pandas DataFrame, got {type(timelines).__name__}")
    if start not in ("pursue", "pursue_last_start"):
        raise ValueError(f"start must be one of pursue, pursue_last_start; got {start!r}")
    missing = [c for c in ("state", "acquire", start) if c not in timelines.columns]
    if missing:
        raise ValueError(f"timelines is missing column(s): {', '.join(missing)}")
    years = timelines["acquire"].astype("int64") - timelines[start].astype("int64")
    if (years < 0).any():
        raise ValueError("timelines: acquire is earlier than the start of pursuit for some state")
    return pd.Series(years.to_numpy(), index=[str(s) for s in timelines["state"]], name="years")
