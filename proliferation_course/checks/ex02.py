"""Checks for exercise 2, "Deterrence is more than warheads"."""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..data import load_table
from ..exercises import Fail, close, number, register, series, words
from ..models.deterrence import RULES, deterrence_score, deterrence_threshold


def _presets() -> pd.DataFrame:
    return load_table("deterrence_presets").set_index("preset_id")


@register("ex02", "q1", "The product score of every preset, as a Series indexed by preset_id")
def _ex02_q1(answer: Any) -> str:
    p = _presets()
    s = series(answer, list(map(str, p.index)), "product score by preset_id")
    for pid, row in p.iterrows():
        expected = deterrence_score(row["capabilities"], row["credibility"], row["communication"])
        got = number(s[pid], f"the product score of {pid}")
        close(got, expected, 1e-9,
               f"for {pid}, multiply capabilities, credibility and communication "
               "(or call deterrence_score with rule='product')")
    return "Correct: the product rule punishes the weakest factor hardest."


@register("ex02", "q2", "Which presets deter under each rule: a boolean DataFrame, presets x rules")
def _ex02_q2(answer: Any) -> str:
    p = _presets()
    if not isinstance(answer, pd.DataFrame):
        raise Fail(f"wrong type: expected a pandas DataFrame (rows: preset_id, columns: the rules "
                    f"{', '.join(RULES)}), got {type(answer).__name__}")
    if sorted(map(str, answer.index)) != sorted(map(str, p.index)) or \
            sorted(map(str, answer.columns)) != sorted(RULES):
        raise Fail(f"wrong shape: expected rows {', '.join(map(str, p.index))} and columns "
                    f"{', '.join(RULES)}; got rows {', '.join(map(str, answer.index))} and columns "
                    f"{', '.join(map(str, answer.columns))}")
    threshold = deterrence_threshold()
    for pid, row in p.iterrows():
        for rule in RULES:
            expected = deterrence_score(row["capabilities"], row["credibility"],
                                        row["communication"], rule=rule) > threshold
            got = answer.loc[pid, rule]
            if not isinstance(got, bool | type(expected)) and str(got) not in ("True", "False"):
                raise Fail(f"wrong type: cell ({pid}, {rule}) should be True or False, got {got!r}")
            if bool(got) != expected:
                raise Fail(f"wrong value at ({pid}, {rule}): you gave {bool(got)}. Hint: deterrence "
                            f"holds when the score is strictly above B/(B+C) = {threshold}")
    return "Correct: the rule you choose decides which scenarios deter."


@register("ex02", "q3", "The smallest capabilities value (on a 0.01 grid) at which ally_year1 "
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
        raise Fail("the data changed: no capabilities value deters; tell the course authors")
    got = number(answer, "a capabilities value between 0 and 1")
    if not 0 <= got <= 1:
        raise Fail(f"wrong value: capabilities lie in [0, 1], you gave {got}")
    close(got, expected, 0.005, "try every value 0.00, 0.01, ..., 1.00 and keep the first one "
                                 "whose weighted-mean score is above the threshold")
    return ("Correct: under the weighted mean, capabilities alone can make up for weak credibility "
            "and communication. Would the product rule agree?")


@register("ex02", "q4", "The share (in per cent) of the world's total inventory held by the US "
                         "and Russia")
def _ex02_q4(answer: Any) -> str:
    f = load_table("nuclear_forces_2025").set_index("state")
    expected = 100 * (f.loc["United States", "total_inventory"] + f.loc["Russia", "total_inventory"]) \
        / f["total_inventory"].sum()
    got = number(answer, "a percentage")
    if 0 < got <= 1:
        raise Fail(f"wrong unit: you gave {got}, a fraction; give a percentage (multiply by 100)")
    close(got, float(expected), 0.05, "add the two total inventories and divide by the sum of the "
                                       "column total_inventory, then multiply by 100")
    return "Correct: the two largest arsenals dwarf every medium power."


@register("ex02", "q5", "A written argument (at least 60 words)")
def _ex02_q5(answer: Any) -> str:
    return words(answer, 60)
