"""Checks for exercise 5, "Leaving the NPT: Article X and the window"."""

from __future__ import annotations

import math
from datetime import date
from typing import Any

import pandas as pd

from ..data import load_table
from ..exercises import Fail, close, number, register, words
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
                raise Fail(f"the data changed: {state} has no single {kind} dated to the day; "
                           "tell the course authors")
            when[kind] = date.fromisoformat(str(hit["date"].iloc[0]))
        out[state] = (when["ratification"] - when["signature"]).days
    return out


def _looks_like_years(got: float, expected_days: float) -> bool:
    return math.isclose(got, expected_days / _DAYS_PER_YEAR, abs_tol=0.05) or \
        math.isclose(got, expected_days / 365, abs_tol=0.05)


def _index_names(value: pd.Series | pd.DataFrame) -> list[str]:
    return sorted(map(str, value.index))


@register("ex05", "q1", "Days from signature to ratification of the NPT for Japan, the Federal "
                         "Republic of Germany and Canada, as a Series indexed by party")
def _ex05_q1(answer: Any) -> str:
    expected = _days_to_ratify()
    if not isinstance(answer, pd.Series):
        raise Fail(f"wrong type: expected a pandas Series of days indexed by party, got "
                   f"{type(answer).__name__}. Hint: subtract the signature dates from the "
                   "ratification dates, one row per state")
    if _index_names(answer) != sorted(ALLIES):
        raise Fail(f"wrong index: expected one entry for each of {', '.join(ALLIES)} (the names in "
                   f"the column party); got {', '.join(map(str, answer.index)) or 'nothing'}. "
                   "Hint: keep only those three parties and their signature and ratification rows")
    if pd.api.types.is_timedelta64_dtype(answer.dtype):
        raise Fail("wrong type: your Series holds time spans (Timedelta), not numbers of days. "
                   "Hint: take .dt.days")
    for state, days in expected.items():
        got = number(answer[state], f"the number of days {state} took to ratify")
        if got < 0 and math.isclose(-got, days, abs_tol=0.5):
            raise Fail(f"wrong value for {state}: {got!r} is negative. Hint: subtract the signature "
                       "date from the ratification date, not the other way round")
        if _looks_like_years(got, days):
            raise Fail(f"wrong unit for {state}: {got!r} looks like years; give the number of days")
        close(got, days, 0.5, f"for {state}, convert the strings in the column date with "
                              "pd.to_datetime and subtract signature from ratification; count days")
    return ("Correct: Canada ratified within six months, before the treaty was in force; Germany and "
            "Japan took more than five years.")


@register("ex05", "q2", "The state that took longest to ratify, and how many days longer than the "
                         "second-slowest, as a tuple (state, days)")
def _ex05_q2(answer: Any) -> str:
    days = _days_to_ratify()
    ranked = sorted(days, key=days.__getitem__, reverse=True)
    slowest, runner_up, fastest = ranked[0], ranked[1], ranked[-1]
    margin = days[slowest] - days[runner_up]
    if not isinstance(answer, tuple | list) or isinstance(answer, str):
        raise Fail(f"wrong type: expected a tuple (state, days), e.g. ('Canada', 12), got "
                   f"{type(answer).__name__}")
    if len(answer) != 2:
        raise Fail(f"wrong shape: expected two items (state, days), got {len(answer)}")
    state, gap = answer
    if not isinstance(state, str):
        raise Fail(f"wrong type: the first item should be the state's name (a str), got "
                   f"{type(state).__name__}")
    if state.strip() != slowest:
        raise Fail(f"wrong value: {state!r} is not the state that took longest to ratify. Hint: "
                   "sort your Series of question 1 (sort_values or idxmax)")
    got = number(gap, "a number of days")
    if _looks_like_years(got, margin):
        raise Fail(f"wrong unit: {got!r} looks like years; give the number of days")
    if math.isclose(got, days[slowest] - days[fastest], abs_tol=0.5):
        raise Fail(f"wrong value: {got!r} is the gap to the fastest state ({fastest}); compare "
                   "with the second-slowest instead")
    if got < 0:
        raise Fail(f"wrong value: {got!r} is negative; give by how many days {slowest} was slower")
    close(got, margin, 0.5, "subtract the second-largest value of question 1 from the largest")
    return (f"Correct: {slowest} took {days[slowest]} days, {margin} more than the runner-up "
            f"({runner_up}), and declared on ratifying a 'fundamental policy of forsaking nuclear armament'.")


def _japan_readings() -> dict[str, dict[str, str]]:
    cases = load_table("article_x_cases")
    japan = cases[cases["case_id"] == JAPAN_CASE]
    out: dict[str, dict[str, str]] = {}
    for reading, group in japan.groupby("reading_id", sort=False):
        out[str(reading)] = {str(c): str(a) for c, a in zip(group["condition_id"], group["assessment"],
                                                            strict=True)}
    return out


@register("ex05", "q3", "The legitimacy score and verdict of the hypothetical Japan case under each "
                         "reading and each rule, as a DataFrame")
def _ex05_q3(answer: Any) -> str:
    readings = _japan_readings()
    if not isinstance(answer, pd.DataFrame):
        raise Fail(f"wrong type: expected a pandas DataFrame (rows: reading_id, columns: "
                   f"{', '.join(Q3_COLUMNS)}), got {type(answer).__name__}")
    if _index_names(answer) != sorted(readings) or sorted(map(str, answer.columns)) != sorted(Q3_COLUMNS):
        raise Fail(f"wrong shape: expected rows {', '.join(readings)} (the reading_id values of the "
                   f"case {JAPAN_CASE}) and columns {', '.join(Q3_COLUMNS)}; got rows "
                   f"{', '.join(map(str, answer.index))} and columns {', '.join(map(str, answer.columns))}")
    labels = {label: code for code, label in VERDICT_LABELS.items()}
    for reading, levels in readings.items():
        for rule in LEGITIMACY_RULES:
            result = assess_withdrawal(levels, rule=rule)
            got = number(answer.loc[reading, f"L_{rule}"], f"the legitimacy score L ({reading}, {rule})")
            if not math.isclose(got, result.legitimacy, abs_tol=1e-3):
                raise Fail(f"wrong value at ({reading}, L_{rule}): you gave {got!r}. Hint: build the "
                           f"dict {{condition_id: assessment}} for {JAPAN_CASE} and this reading, and "
                           f"call assess_withdrawal(..., rule='{rule}'); take .legitimacy")
            verdict = answer.loc[reading, f"verdict_{rule}"]
            if not isinstance(verdict, str):
                raise Fail(f"wrong type at ({reading}, verdict_{rule}): expected a verdict as text, "
                           f"one of {', '.join(VERDICTS)}; got {type(verdict).__name__}")
            if verdict not in VERDICTS and verdict in labels:
                raise Fail(f"wrong value at ({reading}, verdict_{rule}): {verdict!r} is a label for "
                           f"display; give the verdict code ({', '.join(VERDICTS)}), i.e. .verdict")
            if verdict != result.verdict:
                raise Fail(f"wrong value at ({reading}, verdict_{rule}): you gave {verdict!r}. Hint: "
                           "use the default thresholds (justified at 2/3, unjustified at 1/3) and "
                           "take .verdict of the result")
    return ("Correct: the procedure is met in both readings, so everything turns on the substance, "
            "and the strict rule lets the weakest condition decide.")


def _presets() -> pd.DataFrame:
    return load_table("window_presets").set_index("preset_id")


def _unstruck(preset: str, legitimacy: float | None = None, coupling: float | None = None) -> float:
    row = _presets().loc[preset]
    return survival_probability(
        float(row["window_months"]), float(row["capability"]),
        float(row["legitimacy"]) if legitimacy is None else legitimacy,
        float(row["us_backing"]), float(row["coupling"]) if coupling is None else coupling)


@register("ex05", "q4", "The probability that the 'rogue proliferator' Japan of chapter 4 reaches the "
                         "end of its window unstruck")
def _ex05_q4(answer: Any) -> str:
    expected = _unstruck("japan_rogue")
    got = number(answer, "a probability between 0 and 1")
    if 1 < got <= 100 and math.isclose(got, 100 * expected, abs_tol=0.05):
        raise Fail(f"wrong unit: you gave {got}, a percentage; give a probability between 0 and 1")
    if not 0 <= got <= 1:
        raise Fail(f"wrong value: a probability lies in [0, 1], you gave {got!r}")
    if math.isclose(got, 1 - expected, abs_tol=5e-4):
        raise Fail(f"wrong value: {got!r} is the chance of being struck during the window; give the "
                   "chance of reaching its end unstruck")
    close(got, expected, 5e-4, "take the preset japan_rogue from window_presets and pass its "
                               "window_months, capability, legitimacy, us_backing and coupling to "
                               "survival_probability")
    return (f"Correct: about {round(100 * expected)} in 100, worse than even odds of getting through "
            "the window.")


@register("ex05", "q5", "How many percentage points the rogue Japan's chance of getting through "
                         "unstruck gains at the lawful preset's legitimacy, with its own coupling "
                         "and with none")
def _ex05_q5(answer: Any) -> str:
    lawful = float(_presets().loc["japan_npt_rules", "legitimacy"])
    expected = {}
    for key, coupling in zip(Q5_INDEX, (None, 0.0), strict=True):
        expected[key] = 100 * (_unstruck("japan_rogue", lawful, coupling)
                               - _unstruck("japan_rogue", None, coupling))
    if not isinstance(answer, pd.Series):
        raise Fail(f"wrong type: expected a pandas Series indexed by {', '.join(Q5_INDEX)}, got "
                   f"{type(answer).__name__}. Hint: pd.Series({{'preset_coupling': ..., "
                   "'no_coupling': ...}})")
    if _index_names(answer) != sorted(Q5_INDEX):
        raise Fail(f"wrong index: expected {', '.join(Q5_INDEX)}; got "
                   f"{', '.join(map(str, answer.index)) or 'nothing'}")
    for key, value in expected.items():
        got = number(answer[key], f"the gain in percentage points ({key})")
        if math.isclose(got, value / 100, abs_tol=5e-4) and not math.isclose(got, value, abs_tol=0.05):
            raise Fail(f"wrong unit at {key}: {got!r} is a difference of probabilities; give percentage "
                       "points (multiply by 100)")
        if math.isclose(got, -value, abs_tol=0.05) and value != 0:
            raise Fail(f"wrong value at {key}: {got!r} has the wrong sign; subtract the rogue "
                       "preset's chance from the chance at the higher legitimacy")
        hint = ("keep every parameter of japan_rogue but set its legitimacy to that of japan_npt_rules"
                + (", and set coupling=0 in both calls" if key == "no_coupling" else ""))
        close(got, value, 0.05, hint)
    share = expected["no_coupling"] / expected["preset_coupling"]
    return (f"Correct: without the coupling, legitimacy buys only {share:.0%} of the gain; most of it "
            "comes through the US backing that legitimacy keeps.")


@register("ex05", "q6", "A written argument (at least 60 words): could Japan's withdrawal today meet "
                         "Article X, and what does the DPRK precedent teach?")
def _ex05_q6(answer: Any) -> str:
    return words(answer, 60)
