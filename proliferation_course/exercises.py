"""Checks for the exercise notebooks: they say whether an answer is right, and if not, why.

Each question of each exercise notebook has a check cell::

    check("ex02", "q1", product_scores)

The checker computes the expected answer itself, from the course's data and
models (nothing is hard-coded), and compares. A right answer prints a line
that starts with "Correct"; a wrong one raises :class:`AnswerError`, whose
message says what is wrong (not answered yet, wrong type, wrong shape, wrong
value) with a hint. It is never a bare ``AssertionError``.

Written answers are checked for substance only (a minimum length); the
solution notebook gives the rubric.

Examples
--------
>>> check("ex02", "q4", 87.0)  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
proliferation_course.exercises.AnswerError: ex02 q4: wrong value: you gave 87.0, ...
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pandas as pd

from .data import load_table
from .models.deterrence import RULES, deterrence_score, deterrence_threshold

__all__ = ["AnswerError", "QUESTIONS", "check", "questions"]


class AnswerError(Exception):
    """An answer to an exercise is missing or wrong; the message says how, with a hint."""


@dataclass(frozen=True)
class Question:
    """One checkable question: what it asks and how its answer is checked."""

    exercise: str
    id: str
    asks: str
    checker: Callable[[Any], str]


QUESTIONS: dict[tuple[str, str], Question] = {}


def _register(exercise: str, qid: str, asks: str) -> Callable[[Callable[[Any], str]], Callable[[Any], str]]:
    def wrap(fn: Callable[[Any], str]) -> Callable[[Any], str]:
        QUESTIONS[(exercise, qid)] = Question(exercise, qid, asks, fn)
        return fn
    return wrap


def questions(exercise: str) -> list[Question]:
    """The questions of one exercise, in order."""
    return [q for (ex, _), q in QUESTIONS.items() if ex == exercise]


class _Fail(Exception):
    """Raised inside a checker; :func:`check` turns it into an AnswerError with the question's name."""


def _require_answered(value: Any) -> None:
    if value is Ellipsis:
        raise _Fail("not answered yet: replace the ... in the answer cell with your answer, "
                    "then run that cell and this one again")
    if value is None:
        raise _Fail("your answer is None: did the answer cell end with a print() or an "
                    "assignment to the wrong name?")


def _number(value: Any, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or isinstance(value, complex):
        try:
            import numpy as np
            if isinstance(value, np.generic) and np.issubdtype(type(value), np.number):
                return float(value)
        except ImportError:  # pragma: no cover - numpy comes with pandas
            pass
        raise _Fail(f"wrong type: expected {what} (a number), got {type(value).__name__}")
    x = float(value)
    if math.isnan(x):
        raise _Fail(f"wrong value: expected {what}, got NaN")
    return x


def _close(got: float, expected: float, tol: float, hint: str) -> None:
    if not math.isclose(got, expected, rel_tol=0, abs_tol=tol):
        raise _Fail(f"wrong value: you gave {got!r}, which is not within {tol} of the "
                    f"expected value. Hint: {hint}")


def _series(value: Any, index: list[str], what: str) -> pd.Series:
    if not isinstance(value, pd.Series):
        raise _Fail(f"wrong type: expected a pandas Series ({what}), got {type(value).__name__}. "
                    "Hint: select one column of a DataFrame, or build one with pd.Series(...)")
    if sorted(map(str, value.index)) != sorted(index):
        raise _Fail(f"wrong index: expected one entry for each of {', '.join(index)}; "
                    f"got {', '.join(map(str, value.index))}. Hint: set_index('preset_id') first")
    return value


def _words(value: Any, minimum: int) -> str:
    if not isinstance(value, str):
        raise _Fail(f"wrong type: expected your argument as text (a str), got {type(value).__name__}")
    n = len(value.split())
    if n < minimum:
        raise _Fail(f"too short: {n} words; write at least {minimum} words that make an argument "
                    "and use evidence from the chapter")
    return f"Recorded ({n} words). Compare your argument with the rubric in the solution notebook."


def check(exercise: str, question: str, answer: Any) -> None:
    """Check ``answer`` to ``question`` of ``exercise``; print "Correct ..." or raise AnswerError.

    Parameters
    ----------
    exercise, question
        E.g. ``"ex02"``, ``"q1"``.
    answer
        The learner's answer (``...`` while unanswered).

    Raises
    ------
    AnswerError
        With a message naming the exercise and question, what is wrong, and a hint.
    KeyError
        If there is no such exercise or question (a typo in the check cell).
    """
    key = (exercise, question)
    if key not in QUESTIONS:
        known = ", ".join(f"{e} {q}" for e, q in QUESTIONS)
        raise KeyError(f"no question {exercise} {question}; known: {known}")
    try:
        _require_answered(answer)
        message = QUESTIONS[key].checker(answer)
    except _Fail as err:
        raise AnswerError(f"{exercise} {question}: {err}") from None
    print(f"{exercise} {question}: {message}")


# --------------------------------------------------------------------------- ex02: deterrence


def _presets() -> pd.DataFrame:
    return load_table("deterrence_presets").set_index("preset_id")


@_register("ex02", "q1", "The product score of every preset, as a Series indexed by preset_id")
def _ex02_q1(answer: Any) -> str:
    p = _presets()
    s = _series(answer, list(map(str, p.index)), "product score by preset_id")
    for pid, row in p.iterrows():
        expected = deterrence_score(row["capabilities"], row["credibility"], row["communication"])
        got = _number(s[pid], f"the product score of {pid}")
        _close(got, expected, 1e-9,
               f"for {pid}, multiply capabilities, credibility and communication "
               "(or call deterrence_score with rule='product')")
    return "Correct: the product rule punishes the weakest factor hardest."


@_register("ex02", "q2", "Which presets deter under each rule: a boolean DataFrame, presets x rules")
def _ex02_q2(answer: Any) -> str:
    p = _presets()
    if not isinstance(answer, pd.DataFrame):
        raise _Fail(f"wrong type: expected a pandas DataFrame (rows: preset_id, columns: the rules "
                    f"{', '.join(RULES)}), got {type(answer).__name__}")
    if sorted(map(str, answer.index)) != sorted(map(str, p.index)) or \
            sorted(map(str, answer.columns)) != sorted(RULES):
        raise _Fail(f"wrong shape: expected rows {', '.join(map(str, p.index))} and columns "
                    f"{', '.join(RULES)}; got rows {', '.join(map(str, answer.index))} and columns "
                    f"{', '.join(map(str, answer.columns))}")
    threshold = deterrence_threshold()
    for pid, row in p.iterrows():
        for rule in RULES:
            expected = deterrence_score(row["capabilities"], row["credibility"],
                                        row["communication"], rule=rule) > threshold
            got = answer.loc[pid, rule]
            if not isinstance(got, bool | type(expected)) and str(got) not in ("True", "False"):
                raise _Fail(f"wrong type: cell ({pid}, {rule}) should be True or False, got {got!r}")
            if bool(got) != expected:
                raise _Fail(f"wrong value at ({pid}, {rule}): you gave {bool(got)}. Hint: deterrence "
                            f"holds when the score is strictly above B/(B+C) = {threshold}")
    return "Correct: the rule you choose decides which scenarios deter."


@_register("ex02", "q3", "The smallest capabilities value (on a 0.01 grid) at which ally_year1 "
                         "deters under the weighted mean")
def _ex02_q3(answer: Any) -> str:
    row = _presets().loc["ally_year1"]
    threshold = deterrence_threshold()
    expected = None
    for i in range(101):
        c = i / 100
        if deterrence_score(c, row["credibility"], row["communication"], rule="weighted_mean") > threshold:
            expected = c
            break
    if expected is None:  # pragma: no cover - depends on the data
        raise _Fail("the data changed: no capabilities value deters; tell the course authors")
    got = _number(answer, "a capabilities value between 0 and 1")
    if not 0 <= got <= 1:
        raise _Fail(f"wrong value: capabilities lie in [0, 1], you gave {got}")
    _close(got, expected, 0.005, "try every value 0.00, 0.01, ..., 1.00 and keep the first one "
                                 "whose weighted-mean score is above the threshold")
    return ("Correct: under the weighted mean, capabilities alone can make up for weak credibility "
            "and communication. Would the product rule agree?")


@_register("ex02", "q4", "The share (in per cent) of the world's total inventory held by the US "
                         "and Russia")
def _ex02_q4(answer: Any) -> str:
    f = load_table("nuclear_forces_2025").set_index("state")
    expected = 100 * (f.loc["United States", "total_inventory"] + f.loc["Russia", "total_inventory"]) \
        / f["total_inventory"].sum()
    got = _number(answer, "a percentage")
    if 0 < got <= 1:
        raise _Fail(f"wrong unit: you gave {got}, a fraction; give a percentage (multiply by 100)")
    _close(got, float(expected), 0.05, "add the two total inventories and divide by the sum of the "
                                       "column total_inventory, then multiply by 100")
    return "Correct: the two largest arsenals dwarf every medium power."


@_register("ex02", "q5", "A written argument (at least 60 words)")
def _ex02_q5(answer: Any) -> str:
    return _words(answer, 60)
