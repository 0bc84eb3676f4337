"""Checks for exercise 3, "The road to a credible arsenal" (chapter 3, the breakout timeline)."""

from __future__ import annotations

import math
from typing import Any, cast

import pandas as pd

from ..data import load_table
from ..exercises import Fail, close, data_changed, matches, number, numbers, register, written
from ..i18n import N_, _
from ..models.breakout import SANCTIONS_MAX, breakout_timeline, pursuit_durations

#: The chapter's static settings for the breakout explorer (estimate level and parallel work).
ESTIMATE, PARALLEL = 0.5, 0.5
#: The sanctions factor of question 3, and the grid step of question 4.
SANCTIONS_Q3, GRID_STEP = 1.5, 0.05
#: The step whose end the chapter matches to Bleek's "acquire" (a deliverable weapon).
DELIVERABLE_STEP = "delivery_integration"
#: The two ways of counting the start of pursuit (they differ for India).
STARTS = ("pursue", "pursue_last_start")
#: The two milestones of question 3.
MILESTONES = ("first_device", "arsenal")


def _timelines() -> pd.DataFrame:
    return load_table("proliferation_timelines")


def _steps() -> pd.DataFrame:
    return load_table("breakout_steps")


@register("ex03", "q1")
def _ex03_q1(answer: Any) -> str:
    """Years from the first year of pursuit to acquisition, as a Series indexed by state

    Hint: `timelines.set_index("state")` puts the states in the index; subtracting one of its columns
    from another then gives a Series indexed by state.
    """
    t = _timelines()
    expected = {str(k): float(v) for k, v in pursuit_durations(t, "pursue").items()}
    got = numbers(answer, list(expected), _('years from pursuit to acquisition'),
                  _("set_index('state') first, then subtract one column from another"))
    if matches(got, {k: 12 * v for k, v in expected.items()}, 1e-6):
        raise Fail(_("wrong unit: these are months; the table's columns are years, and the question asks for "
                     'years (do not multiply by 12)'))
    last_spell = {str(k): float(v) for k, v in pursuit_durations(t, "pursue_last_start").items()}
    explore = {str(st): float(a - e) for st, a, e in zip(t["state"], t["acquire"], t["explore"], strict=True)}
    for state, want in expected.items():
        if math.isclose(got[state], want, abs_tol=1e-6):
            continue
        if math.isclose(got[state], -want, abs_tol=1e-6):
            raise Fail(_('wrong value for {state}: you gave {got:g}, a negative duration. Hint: subtract the '
                         'year of pursuit from the year of acquisition, not the reverse')
                         .format(state=state, got=got[state]))
        if math.isclose(got[state], last_spell[state], abs_tol=1e-6):
            raise Fail(_('wrong value for {state}: you gave {got:g}, counted from the last spell of pursuit '
                         '(pursue_last_start). Hint: this question counts from the FIRST year of pursuit, the '
                         "column pursue; India's pursuit came in three spells, so the two differ")
                         .format(state=state, got=got[state]))
        if math.isclose(got[state], explore[state], abs_tol=1e-6):
            raise Fail(_('wrong value for {state}: you gave {got:g}, counted from exploration. Hint: count from '
                         'the first year of pursuit (column pursue), not from explore')
                         .format(state=state, got=got[state]))
        close(got[state], want, 1e-6, _('for {state}, subtract the column pursue from the column acquire')
                                        .format(state=state))
    fastest = min(expected, key=expected.__getitem__)
    slowest = max(expected, key=expected.__getitem__)
    return (_('Correct: from {fastest_years:g} years ({fastest}) to {slowest_years:g} ({slowest}). '
              'Years, not months.')
            .format(fastest_years=expected[fastest], fastest=fastest, slowest_years=expected[slowest],
                    slowest=slowest))


@register("ex03", "q2")
def _ex03_q2(answer: Any) -> str:
    """The median years from pursuit to acquisition, counting from pursue and from pursue_last_start

    Hint: Compute the durations twice, once from `pursue` and once from `pursue_last_start`, take the
    `.median()` of each, and put both in `pd.Series({"pursue": ..., "pursue_last_start": ...})`.
    """
    t = _timelines()
    expected = {start: float(pursuit_durations(t, start).median()) for start in STARTS}
    if not isinstance(answer, bool) and isinstance(answer, int | float):
        raise Fail(_('wrong type: expected a pandas Series with two medians, indexed by {starts}; got a single '
                     'number ({answer!r}). Hint: compute the median once with each start column and put both in '
                     'pd.Series({{...}})').format(starts=' and '.join(STARTS), answer=answer))
    got = numbers(answer, list(STARTS), _('the median years'), _("pd.Series({'pursue': ..., "
                                                                 "'pursue_last_start': ...})"), allow_dict=True)
    if matches(got, {k: 12 * v for k, v in expected.items()}, 1e-6):
        raise Fail(_('wrong unit: these are months; give the medians in years, as in the table'))
    swapped = {STARTS[0]: expected[STARTS[1]], STARTS[1]: expected[STARTS[0]]}
    if expected[STARTS[0]] != expected[STARTS[1]] and matches(got, swapped, 1e-6):
        raise Fail(_('wrong value: the two medians are swapped. Hint: counting India from its FIRST year of '
                     'pursuit makes its programme longer, so which median is larger?'))
    for start in STARTS:
        years = pursuit_durations(t, start)
        if not math.isclose(got[start], expected[start], abs_tol=1e-6) and \
                math.isclose(got[start], float(years.mean()), abs_tol=1e-6):
            raise Fail(_('wrong value for {start}: you gave {got:g}, the mean. Hint: the question asks for the '
                         'median (.median()), which a single long programme moves less')
                         .format(start=start, got=got[start]))
        close(got[start], expected[start], 1e-6,
              _('take acquire minus {start} for every state, then the median of the ten values')
                .format(start=start))
    return (_('Correct: {pursue:g} years counted from the first year of pursuit, {pursue_last_start:g} if India '
              'is counted from 1980. How India is coded moves the median by itself.')
              .format(pursue=expected['pursue'], pursue_last_start=expected['pursue_last_start']))


def _japan(sanctions: float, estimate: float = ESTIMATE, parallel: float = PARALLEL) -> dict[str, float]:
    res = breakout_timeline(_steps(), "Japan", estimate=estimate, sanctions=sanctions, parallel=parallel)
    return {"first_device": res.months_to_first_device, "arsenal": res.months_to_arsenal}


@register("ex03", "q3")
def _ex03_q3(answer: Any) -> str:
    """Months to a first device and to a credible arsenal for Japan with sanctions x 1.5

    Hint: `breakout_timeline(steps, "Japan", estimate=..., sanctions=..., parallel=...)` returns a
    result whose attributes `months_to_first_device` and `months_to_arsenal` you can put in a Series.
    """
    expected = _japan(SANCTIONS_Q3)
    got = numbers(answer, list(MILESTONES), _('the months to each milestone'),
                  _("pd.Series({'first_device': ..., 'arsenal': ...}) from the model's result"),
                  allow_dict=True)
    tol = 0.05
    if matches(got, {k: v / 12 for k, v in expected.items()}, 0.01):
        raise Fail(_('wrong unit: these are years; give months (months_to_first_device and months_to_arsenal, '
                     'not years_to_...)'))
    if matches(got, {"first_device": expected["arsenal"], "arsenal": expected["first_device"]}, tol):
        raise Fail(_('wrong value: the two milestones are swapped; the first device comes before the arsenal'))
    if matches(got, _japan(1.0), tol):
        raise Fail(_('wrong value: these are the months without sanctions. Hint: pass sanctions=1.5 to '
                     'breakout_timeline (its default is 1, no sanctions)'))
    for m in MILESTONES:
        close(got[m], expected[m], tol,
              _("call breakout_timeline(steps, 'Japan', estimate={estimate}, sanctions={sanctions_q3}, "
                'parallel={parallel}) and read months_to_first_device and months_to_arsenal')
                .format(estimate=ESTIMATE, sanctions_q3=SANCTIONS_Q3, parallel=PARALLEL))
    return (_('Correct: about {first_device:.1f} years to a first device and {arsenal:.1f} to a credible '
              'arsenal.').format(first_device=expected['first_device'] / 12, arsenal=expected['arsenal'] / 12))


def _grid() -> list[float]:
    n = round((SANCTIONS_MAX - 1.0) / GRID_STEP)
    return [1.0 + i * GRID_STEP for i in range(n + 1)]


def _deliverable_months(sanctions: float) -> float:
    res = breakout_timeline(_steps(), "Japan", estimate=ESTIMATE, sanctions=sanctions, parallel=PARALLEL)
    # pandas types one cell only as "any scalar"
    return float(cast(float, res.steps.set_index("step_id").loc[DELIVERABLE_STEP, "end"]))


def _first_factor(months: Any, limit: float) -> float | None:
    return next((s for s in _grid() if months(s) > limit), None)


@register("ex03", "q4")
def _ex03_q4(answer: Any) -> str:
    """The smallest sanctions factor (0.05 grid) at which Japan's deliverable weapon takes longer than the
    historical median

    Hint: Write a small function that runs the model for one sanctions factor and returns the end month
    of `delivery_integration` from the result's `steps` table; then try `i / 20` for `i` from 20 to 200.
    The median of question 2 is in years, the model counts months.
    """
    t = _timelines()
    median_years = float(pursuit_durations(t, "pursue").median())
    limit = 12 * median_years
    expected = _first_factor(_deliverable_months, limit)
    if expected is None:  # pragma: no cover - depends on the data
        raise data_changed(_("no sanctions factor up to the model's maximum is slow enough"))
    got = number(answer, _('a sanctions factor between 1 and {sanctions_max:g}')
                           .format(sanctions_max=SANCTIONS_MAX))
    if not 1 <= got <= SANCTIONS_MAX:
        raise Fail(_('wrong value: the sanctions factor lies in [1, {sanctions_max:g}], you gave {got!r}')
                     .format(sanctions_max=SANCTIONS_MAX, got=got))
    tol = GRID_STEP / 5
    if not math.isclose(got, expected, abs_tol=tol):
        alternatives = [
            (_first_factor(lambda s: _japan(s)["arsenal"], limit),
             _('that is the factor for the credible arsenal (all seven steps). The question asks for a '
               'deliverable weapon: the end of the {deliverable_step} step, in the steps table of the result')
               .format(deliverable_step=DELIVERABLE_STEP)),
            (_first_factor(lambda s: _japan(s)["first_device"], limit),
             _('that is the factor for the first device. The question asks for a deliverable weapon: the end of '
               'the {deliverable_step} step').format(deliverable_step=DELIVERABLE_STEP)),
            (expected - GRID_STEP,
             _('at that factor the deliverable weapon is not yet slower than the median. The question asks for '
               'the first factor at which it takes strictly longer')),
            (_first_factor(_deliverable_months,
                           12 * float(pursuit_durations(t, "pursue_last_start").median())),
             _('that uses the median counted from pursue_last_start. This question uses the median counted from '
               'the first year of pursuit (column pursue)')),
            (_first_factor(_deliverable_months, median_years),
             _('that compares months with a median in years. Convert the median to months (times 12) first')),
        ]
        for alt, why in alternatives:
            if alt is not None and math.isclose(got, alt, abs_tol=tol):
                raise Fail(_('wrong value: you gave {got:g}; {why}').format(got=got, why=why))
    close(got, expected, tol,
          _('for each factor 1.00, 1.05, ..., {sanctions_max:.2f}, run breakout_timeline for Japan with '
            'estimate={estimate} and parallel={parallel}, read the end of the {deliverable_step} step, and keep '
            'the first factor where it exceeds 12 times the median')
            .format(sanctions_max=SANCTIONS_MAX, estimate=ESTIMATE, parallel=PARALLEL,
                    deliverable_step=DELIVERABLE_STEP))
    return (_("Correct: from sanctions x {expected:.2f}, the model's deliverable weapon for Japan takes longer "
              'than the median historical programme ({limit:g} months).').format(expected=expected, limit=limit))


written("ex03", "q5", N_('A written argument (at least 60 words)'))
