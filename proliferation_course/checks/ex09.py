"""Checks for exercise 9, "Arms races and crisis stability"."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import pandas as pd

from ..data import load_table
from ..exercises import Fail, close, data_changed, number, numbers, register, written
from ..i18n import N_, _
from ..models.arms_race import PRESETS, critical_reaction, evaluate_preset

RUNAWAY_LEVEL = 10.0


def _stockpiles() -> pd.DataFrame:
    return load_table("warhead_stockpiles")


def _peak_years() -> pd.Series:
    df = _stockpiles().sort_values(["state", "year"])
    return df.loc[df.groupby("state")["warheads"].idxmax()].set_index("state")["year"].astype(int)


def _changes() -> pd.Series:
    df = _stockpiles()
    wide = df.pivot(index="state", columns="year", values="warheads")
    both = wide[[2023, 2025]].dropna()
    return (both[2025] - both[2023]).astype(int)


def _whole_numbers(answer: Any, expected: pd.Series, what: str, hint: str,
                   slip: Callable[[pd.Series, pd.Series], bool], slip_message: str) -> None:
    """Check a Series of whole numbers by state; ``slip(values, expected)`` recognises a usual slip first."""
    if isinstance(answer, pd.Series) and sorted(map(str, answer.index)) == sorted(expected.index):
        values = pd.to_numeric(answer, errors="coerce")
        if values.notna().all() and slip(values.astype(float), expected.reindex(answer.index)):
            raise Fail(slip_message)
    got = numbers(answer, list(map(str, expected.index)), what, hint, whole=True)
    for state, want in expected.items():
        if int(got[str(state)]) != int(want):
            raise Fail(_('wrong value for {state}: you gave {got}. Hint: {hint}')
                         .format(state=state, got=int(got[str(state)]), hint=hint))


@register("ex09", "q1")
def _ex09_q1(answer: Any) -> str:
    """The year of each state's largest stockpile in the table (earliest if tied), as a Series indexed by
    state

    Hint: Sort by state and year; then `groupby("state")["warheads"].idxmax()` gives, for each state,
    the row label of its largest stockpile (the first one on a tie). Read the `year` of those rows and
    index them by state.
    """
    _whole_numbers(answer, _peak_years(), _('the peak year'),
                   _('sort by year, then for each state keep the row with the most warheads (idxmax keeps the '
                     'first, so the earliest year wins a tie) and read its year'),
                   slip=lambda values, _: not values.between(1945, 2025).all(),
                   slip_message=_('wrong unit: give the year of the peak (e.g. 1986), not the number of '
                                  'warheads. Hint: use idxmax on the warheads, then read the year of that row'))
    return _('Correct: the superpowers peaked in the Cold War; China, India and Pakistan peak today.')


@register("ex09", "q2")
def _ex09_q2(answer: Any) -> str:
    """The change in each state's stockpile from 2023 to 2025 (states present in both years), as a Series
    indexed by state

    Hint: `pivot(index="state", columns="year", values="warheads")` puts each year in a column; keep the
    states that have both years (`dropna()`), then subtract one column from the other.
    """
    _whole_numbers(answer, _changes(), _('the change 2023 to 2025'),
                   _('pivot the table (states as rows, years as columns) and subtract the 2023 column from the '
                     '2025 column; South Africa has no 2023 row and should not appear'),
                   slip=lambda values, expected: bool((values.round(6) == -expected.astype(float)).all()),
                   slip_message=_('wrong sign: you computed 2023 minus 2025; give 2025 minus 2023, so that a '
                                  'growing arsenal has a positive change'))
    return _("Correct: China's is the largest change, the proponents' and the essay's shared premise.")


@register("ex09", "q3")
def _ex09_q3(answer: Any) -> str:
    """The critical reaction coefficient k* of each preset, as a Series indexed by preset_id

    Hint: With numpy arrays `w` (the weights) and `a` (the fatigue), `w / a[:, None]` divides each row
    of W by that actor's fatigue; take the largest absolute value of its eigenvalues
    (`np.linalg.eigvals`) and invert it.
    """
    got_k = numbers(answer, [p.preset_id for p in PRESETS], _('the critical k*'),
                    _("use the presets' preset_id as the index"))
    for p in PRESETS:
        expected = critical_reaction(p.weights, p.fatigue)
        got = got_k[p.preset_id]
        if math.isclose(got, 1 / expected, rel_tol=1e-6):
            raise Fail(_('wrong value for {preset_id}: you gave the spectral radius of A^-1 W; k* is its '
                         'reciprocal, 1 / rho').format(preset_id=p.preset_id))
        close(got, expected, 1e-3,
              _("for {preset_id}, k* = 1 / rho(A^-1 W): divide each row of W by that actor's fatigue, take the "
                'largest absolute eigenvalue (numpy.linalg.eigvals), and invert it').format(preset_id=p.preset_id))
    return _('Correct: adding the newcomers lowers k* below the k = 0.20 the presets use.')


def _years_to_exceed(level: float = RUNAWAY_LEVEL) -> int:
    res = evaluate_preset("two_runaway")
    us = res.levels[res.actors.index("United States")]
    for t, v in zip(res.times, us, strict=True):
        if v > level:
            return int(t)
    raise data_changed(_('the level is never exceeded'))  # pragma: no cover


@register("ex09", "q4")
def _ex09_q4(answer: Any) -> str:
    """In the two_runaway preset, the first recorded year in which the US level exceeds 10

    Hint: Make a Series of the United States' path, `run.levels[run.actors.index("United States")]`,
    indexed by `run.times`; keep the entries above 10 and read the first index.
    """
    expected = _years_to_exceed()
    got = number(answer, _('a year from the start (a whole number)'))
    if got != int(got):
        raise Fail(_('wrong type: the paths are recorded once a year, so give a whole number of years, not {got}')
                     .format(got=got))
    if got == expected - 1:
        raise Fail(_('wrong value: in year {got} the level is still at or below 10. Hint: look for the first '
                     'year whose level is strictly above 10').format(got=int(got)))
    close(got, expected, 0.5, _("run evaluate_preset('two_runaway') and read the United States' path (levels) "
                                'year by year (times) until it first exceeds 10'))
    return (_('Correct: at about 10 per cent a year, a runaway race multiplies the levels tenfold in well under '
              'two decades.'))


written("ex09", "q5", N_('A written argument (at least 60 words)'))
