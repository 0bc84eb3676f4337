"""Checks for exercise 5, "Leaving the NPT: Article X and the window"."""

from __future__ import annotations

import math
from datetime import date
from typing import Any

import pandas as pd

from ..data import load_table
from ..exercises import Fail, close, data_changed, frame, number, numbers, preset_row, register, written
from ..i18n import N_, _
from ..models import article_x, window
from ..models.article_x import LEGITIMACY_RULES, VERDICT_LABELS, VERDICTS, assess_withdrawal
from ..models.window import survival_probability

#: The three allies whose signature and ratification dates are both known to the day.
ALLIES: tuple[str, ...] = ("Japan", "Federal Republic of Germany", "Canada")
#: The hypothetical case of chapter 5 that questions 3 and 6 are about.
JAPAN_CASE = "japan_today"
#: Columns of the answer to question 3: (legitimacy, verdict) under each rule.
Q3_COLUMNS: tuple[str, ...] = tuple(f"{kind}_{rule}" for rule in LEGITIMACY_RULES for kind in ("L", "verdict"))
#: Index of the answer to question 5.
Q5_INDEX: tuple[str, ...] = ("preset_coupling", "no_coupling")
_DAYS_PER_YEAR = 365.25


def _days_to_ratify() -> dict[str, int]:
    """Days from signature to ratification for each of :data:`ALLIES`, from the milestones table."""
    m = load_table("npt_milestones")
    out = {}
    for state in ALLIES:
        rows = m[m["party"] == state]
        when = {}
        for kind in ("signature", "ratification"):
            hit = rows[rows["event_type"] == kind]
            if len(hit) != 1 or hit["date_precision"].iloc[0] != "day":  # pragma: no cover - data
                raise data_changed(_('{state} has no single {kind} dated to the day')
                                     .format(state=state, kind=kind))
            when[kind] = date.fromisoformat(str(hit["date"].iloc[0]))
        out[state] = (when["ratification"] - when["signature"]).days
    return out


def _looks_like_years(got: float, expected_days: float) -> bool:
    return math.isclose(got, expected_days / _DAYS_PER_YEAR, abs_tol=0.05) or \
        math.isclose(got, expected_days / 365, abs_tol=0.05)


@register("ex05", "q1")
def _ex05_q1(answer: Any) -> str:
    """Days from signature to ratification of the NPT for Japan, the Federal Republic of Germany and
    Canada, as a Series indexed by party

    Hint: Keep the three parties' `signature` and `ratification` rows first, then put the two dates side
    by side: `pivot(index="party", columns="event_type", values="date")`. Convert those dates with
    `pd.to_datetime` (all six are full dates); the difference of two date columns has `.dt.days`.
    """
    expected = _days_to_ratify()
    if isinstance(answer, pd.Series) and pd.api.types.is_timedelta64_dtype(answer.dtype):
        raise Fail(_('wrong type: your Series holds time spans (Timedelta), not numbers of days. Hint: take '
                     '.dt.days'))
    days_by_party = numbers(answer, ALLIES, _('the number of days to ratify'),
                            _('keep only those three parties (the names in the column party) and their '
                              'signature and ratification rows'),
                            type_hint=_('subtract the signature dates from the ratification dates, one row per '
                                        'state'))
    for state, days in expected.items():
        got = days_by_party[state]
        if got < 0 and math.isclose(-got, days, abs_tol=0.5):
            raise Fail(_('wrong value for {state}: {got!r} is negative. Hint: subtract the signature date from '
                         'the ratification date, not the other way round').format(state=state, got=got))
        if _looks_like_years(got, days):
            raise Fail(_('wrong unit for {state}: {got!r} looks like years; give the number of days')
                         .format(state=state, got=got))
        close(got, days, 0.5, _('for {state}, convert its two dates with pd.to_datetime (after selecting the '
                                'rows: the column date also holds years alone, such as 1975) and subtract '
                                'signature from ratification; count days').format(state=state))
    return (_('Correct: Canada ratified within six months, before the treaty was in force; Germany and Japan '
              'took more than five years.'))


@register("ex05", "q2")
def _ex05_q2(answer: Any) -> str:
    """The state that took longest to ratify, and how many days longer than the second-slowest, as a tuple
    (state, days)

    Hint: Sort your Series of question 1 from the longest to the shortest (`sort_values`); its first two
    entries give the state and the gap.
    """
    days = _days_to_ratify()
    ranked = sorted(days, key=days.__getitem__, reverse=True)
    slowest, runner_up, fastest = ranked[0], ranked[1], ranked[-1]
    margin = days[slowest] - days[runner_up]
    if not isinstance(answer, tuple | list) or isinstance(answer, str):
        raise Fail(_("wrong type: expected a tuple (state, days), e.g. ('Canada', 12), got {kind}")
                     .format(kind=type(answer).__name__))
    if len(answer) != 2:
        raise Fail(_('wrong shape: expected two items (state, days), got {answer}').format(answer=len(answer)))
    state, gap = answer
    if not isinstance(state, str):
        raise Fail(_("wrong type: the first item should be the state's name (a str), got {kind}")
                     .format(kind=type(state).__name__))
    if state.strip() != slowest:
        raise Fail(_('wrong value: {state!r} is not the state that took longest to ratify. Hint: sort your '
                     'Series of question 1 (sort_values or idxmax)').format(state=state))
    got = number(gap, _('a number of days'))
    if _looks_like_years(got, margin):
        raise Fail(_('wrong unit: {got!r} looks like years; give the number of days').format(got=got))
    if math.isclose(got, days[slowest] - days[fastest], abs_tol=0.5):
        raise Fail(_('wrong value: {got!r} is the gap to the fastest state ({fastest}); compare with the '
                     'second-slowest instead').format(got=got, fastest=fastest))
    if got < 0:
        raise Fail(_('wrong value: {got!r} is negative; give by how many days {slowest} was slower')
                     .format(got=got, slowest=slowest))
    close(got, margin, 0.5, _('subtract the second-largest value of question 1 from the largest'))
    return (_('Correct: {slowest} took {days} days, {margin} more than the runner-up ({runner_up}), and '
              "declared on ratifying a 'fundamental policy of forsaking nuclear armament'.")
              .format(slowest=slowest, days=days[slowest], margin=margin, runner_up=runner_up))


def _japan_readings() -> dict[str, dict[str, str]]:
    cases = load_table("article_x_cases")
    japan = cases[cases["case_id"] == JAPAN_CASE]
    out: dict[str, dict[str, str]] = {}
    for reading, group in japan.groupby("reading_id", sort=False):
        out[str(reading)] = article_x.preset_arguments(group.to_dict("records"), name=f"{JAPAN_CASE}/{reading}")
    return out


@register("ex05", "q3")
def _ex05_q3(answer: Any) -> str:
    """The legitimacy score and verdict of the hypothetical Japan case under each reading and each rule, as
    a DataFrame

    Hint: Group the rows of `japan_today` by `reading_id`; in each group, `dict(zip(...))` of the
    columns `condition_id` and `assessment` is what `assess_withdrawal` takes. Collect one dict of four
    values per reading, then `pd.DataFrame.from_dict(rows, orient="index")`.
    """
    readings = _japan_readings()
    answer = frame(answer, list(readings), Q3_COLUMNS,
                   _('legitimacy and verdict by reading_id of the case {japan_case}')
                     .format(japan_case=JAPAN_CASE))
    labels = {label: code for code, label in VERDICT_LABELS.items()}
    for reading, levels in readings.items():
        for rule in LEGITIMACY_RULES:
            result = assess_withdrawal(levels, rule=rule)
            got = number(answer.loc[reading, f"L_{rule}"], _('the legitimacy score L ({reading}, {rule})')
                                                             .format(reading=reading, rule=rule))
            if not math.isclose(got, result.legitimacy, abs_tol=1e-3):
                raise Fail(_('wrong value at ({reading}, L_{rule}): you gave {got!r}. Hint: build the dict '
                             '{{condition_id: assessment}} for {japan_case} and this reading, and call '
                             "assess_withdrawal(..., rule='{rule}'); take .legitimacy")
                             .format(reading=reading, rule=rule, got=got, japan_case=JAPAN_CASE))
            verdict = answer.loc[reading, f"verdict_{rule}"]
            if not isinstance(verdict, str):
                raise Fail(_('wrong type at ({reading}, verdict_{rule}): expected a verdict as text, one of '
                             '{verdicts}; got {kind}')
                             .format(reading=reading, rule=rule, verdicts=', '.join(VERDICTS),
                                     kind=type(verdict).__name__))
            if verdict not in VERDICTS and verdict in labels:
                raise Fail(_('wrong value at ({reading}, verdict_{rule}): {verdict!r} is a label for display; '
                             'give the verdict code ({verdicts}), i.e. .verdict')
                             .format(reading=reading, rule=rule, verdict=verdict, verdicts=', '.join(VERDICTS)))
            if verdict != result.verdict:
                raise Fail(_('wrong value at ({reading}, verdict_{rule}): you gave {verdict!r}. Hint: use the '
                             'default thresholds (justified at 2/3, unjustified at 1/3) and take .verdict of '
                             'the result').format(reading=reading, rule=rule, verdict=verdict))
    return (_('Correct: the procedure is met in both readings, so everything turns on the substance, and the '
              'strict rule lets the weakest condition decide.'))


def _unstruck(preset: str, legitimacy: float | None = None, coupling: float | None = None) -> float:
    params = window.preset_arguments(preset_row("window_presets", preset), legitimacy)
    if coupling is not None:
        params["coupling"] = coupling
    return survival_probability(**params)


@register("ex05", "q4")
def _ex05_q4(answer: Any) -> str:
    """The probability that the 'rogue proliferator' Japan of chapter 4 reaches the end of its window
    unstruck

    Hint: `presets.loc["japan_rogue"]` is one row; pass its five parameters to `survival_probability`,
    by name or in the order of the question.
    """
    expected = _unstruck("japan_rogue")
    got = number(answer, _('a probability between 0 and 1'))
    if 1 < got <= 100 and math.isclose(got, 100 * expected, abs_tol=0.05):
        raise Fail(_('wrong unit: you gave {got}, a percentage; give a probability between 0 and 1')
                     .format(got=got))
    if not 0 <= got <= 1:
        raise Fail(_('wrong value: a probability lies in [0, 1], you gave {got!r}').format(got=got))
    if math.isclose(got, 1 - expected, abs_tol=5e-4):
        raise Fail(_('wrong value: {got!r} is the chance of being struck during the window; give the chance of '
                     'reaching its end unstruck').format(got=got))
    close(got, expected, 5e-4, _('take the preset japan_rogue from window_presets and pass its window_months, '
                                 'capability, legitimacy, us_backing and coupling to survival_probability'))
    return (_('Correct: about {per_hundred} in 100, worse than even odds of getting through the window.')
              .format(per_hundred=round(100 * expected)))


@register("ex05", "q5")
def _ex05_q5(answer: Any) -> str:
    """How many percentage points the rogue Japan's chance of getting through unstruck gains at the lawful
    preset's legitimacy, with its own coupling and with none

    Hint: Write a small function `unstruck(legitimacy, coupling)` that keeps every other parameter of
    `japan_rogue`. Each gain is the difference of two of its calls, times 100.
    """
    lawful = float(preset_row("window_presets", "japan_npt_rules")["legitimacy"])
    expected = {}
    for key, coupling in zip(Q5_INDEX, (None, 0.0), strict=True):
        expected[key] = 100 * (_unstruck("japan_rogue", lawful, coupling)
                               - _unstruck("japan_rogue", None, coupling))
    series_hint = _("pd.Series({'preset_coupling': ..., 'no_coupling': ...})")
    gains = numbers(answer, Q5_INDEX, _('the gain in percentage points'), series_hint, type_hint=series_hint)
    for key, value in expected.items():
        got = gains[key]
        if math.isclose(got, value / 100, abs_tol=5e-4) and not math.isclose(got, value, abs_tol=0.05):
            raise Fail(_('wrong unit at {key}: {got!r} is a difference of probabilities; give percentage points '
                         '(multiply by 100)').format(key=key, got=got))
        if math.isclose(got, -value, abs_tol=0.05) and value != 0:
            raise Fail(_("wrong value at {key}: {got!r} has the wrong sign; subtract the rogue preset's chance "
                         'from the chance at the higher legitimacy').format(key=key, got=got))
        hint = (_('keep every parameter of japan_rogue but set its legitimacy to that of japan_npt_rules')
                + (_(', and set coupling=0 in both calls') if key == "no_coupling" else ""))
        close(got, value, 0.05, hint)
    share = expected["no_coupling"] / expected["preset_coupling"]
    return (_('Correct: without the coupling, legitimacy buys only {share:.0%} of the gain; most of it comes '
              'through the US backing that legitimacy keeps.').format(share=share))


written("ex05", "q6", N_("A written argument (at least 60 words): could Japan's withdrawal today meet Article X, "
                        'and what does the DPRK precedent teach?'),
        hint=N_('Separate the procedure (notice, a statement of reasons) from the substance (extraordinary '
               'events, supreme interests). Use your answers to questions 3 to 5 as evidence, draw one lesson '
               "from the DPRK's notices of 1993 and 2003, and say what the models leave out."))
