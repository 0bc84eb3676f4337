"""Checks for exercise 12, "Two theatres, one shock" (chapter 12, cross-regional cooperation)."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from ..data import load_table
from ..exercises import Fail, close, number, register, series, words
from ..figures.two_theatre import preset_params
from ..models.two_theatre import RULES, compare_rules

SHOCK_GRID = range(0, 31)


def _agreements() -> pd.DataFrame:
    return load_table("poland_korea_agreements")


def _preset(preset_id: str) -> pd.Series:
    return load_table("two_theatre_presets").set_index("preset_id").loc[preset_id]


def _contracted() -> pd.Series:
    a = _agreements()
    systems = list(dict.fromkeys(a.loc[a["kind"] == "framework agreement", "system"]))
    ex = a[a["kind"] == "executive contract"]
    return ex.groupby("system")["quantity"].sum().reindex(systems).astype(float)


def _value_of(answer: Any, key: str, what: str) -> float:
    value = answer[key]
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        raise Fail(f"wrong value: no value (NaN) for {key}. Hint: every entry needs a number")
    return number(value, what)


@register("ex12", "q1", "Units under executive contracts so far, by system: a Series indexed by system")
def _ex12_q1(answer: Any) -> str:
    expected = _contracted()
    s = series(answer, list(expected.index), "units under executive contracts, by system",
               index_hint="group the executive contracts by the column 'system' (the full names), "
                          "and keep the four systems that have a framework agreement")
    a = _agreements()
    everything = a.dropna(subset=["quantity"]).groupby("system")["quantity"].sum()
    for system, value in expected.items():
        got = _value_of(s, system, f"the number of {system}s")
        if got != value and math.isclose(got, float(everything.get(system, -1))):
            raise Fail(f"wrong value for {system}: {got:g} also counts the framework agreement. "
                       "Hint: keep only rows whose kind is 'executive contract'")
        if abs(got - float(value)) > 0.5:
            raise Fail(f"wrong value for {system}: you gave {got:g}. Hint: add the quantities of the "
                       f"executive contracts for {system}")
    return ("Correct: the contracts placed so far are well below the framework plans for the K2 and "
            "the K9, while the FA-50 and Chunmoo orders are complete.")


@register("ex12", "q2", "The total value of the executive contracts, in US$ billion")
def _ex12_q2(answer: Any) -> str:
    a = _agreements()
    expected = float(a.loc[a["kind"] == "executive contract", "value_usd_bn"].sum())
    got = number(answer, "a value in US$ billion")
    if got > 1000:
        raise Fail(f"wrong unit: you gave {got:g}; the column value_usd_bn is already in billions "
                   "of US dollars, so do not convert to millions")
    everything = float(a["value_usd_bn"].sum())
    if not math.isclose(everything, expected) and math.isclose(got, everything, abs_tol=0.01):
        raise Fail("wrong value: that is the sum over every row. Hint: only executive contracts "
                   "(framework agreements have no value)")
    close(got, expected, 0.01, "sum value_usd_bn over the rows whose kind is 'executive contract'")
    return "Correct: about $23 billion of firm orders in three years."


def _totals(preset_id: str, **override: float) -> pd.Series:
    params = {**preset_params(_preset(preset_id)), **override}
    return compare_rules(**params)["unmet_total"]


@register("ex12", "q3", "Total unmet demand by rule for the preset opportunistic_t1_first: a Series "
                         "indexed by rule")
def _ex12_q3(answer: Any) -> str:
    expected = _totals("opportunistic_t1_first")
    s = series(answer, list(RULES), "total unmet demand by rule",
               index_hint="index it by the rule names in RULES, e.g. compare_rules(...).index")
    free = _totals("opportunistic_t1_first", efficiency=1.0)
    got = {rule: _value_of(s, rule, f"the total unmet demand under {rule}") for rule in RULES}
    if all(math.isclose(got[r], float(free[r]), abs_tol=0.01) for r in RULES) and \
            not all(math.isclose(float(free[r]), float(expected[r]), abs_tol=0.01) for r in RULES):
        raise Fail("wrong value: these are the totals with free transfers. Hint: use the preset's own "
                   "efficiency (preset_params gives every parameter of the preset)")
    theatre_1 = compare_rules(**preset_params(_preset("opportunistic_t1_first")))["unmet_1"]
    if all(math.isclose(got[r], float(theatre_1[r]), abs_tol=0.01) for r in RULES):
        raise Fail("wrong value: that is theatre 1 only. Hint: the column unmet_total adds both theatres")
    for rule in RULES:
        close(got[rule], float(expected[rule]), 0.01,
              f"for {rule}, run compare_rules(**preset_params(row)) and take the column unmet_total")
    return ("Correct: the totals differ only a little (the losses in transit); what the rule decides "
            "is who bears the shortfall.")


def _first_shortfall_shock() -> int:
    row = _preset("opportunistic_shared")
    rule = str(row["rule"])
    for shock in SHOCK_GRID:
        params = preset_params(row, float(shock))
        if compare_rules(**params).loc[rule, "unmet_total"] > 1e-9:
            return shock
    raise Fail("the data changed: no shock up to 30 leaves a shortfall; tell the course authors")


@register("ex12", "q4", "The smallest whole-number shock at which pooling no longer prevents every "
                         "shortfall (preset opportunistic_shared)")
def _ex12_q4(answer: Any) -> str:
    expected = _first_shortfall_shock()
    got = number(answer, "a shock size (units a week)")
    if not float(got).is_integer():
        raise Fail(f"wrong value: {got:g} is not a whole number; try the shocks 0, 1, 2, ..., 30")
    if got == expected - 1:
        raise Fail(f"wrong value: at a shock of {got:g} pooling still covers every week. Hint: give "
                   "the first shock with a total unmet demand above zero")
    row = _preset("opportunistic_shared")
    separate = next((s for s in SHOCK_GRID
                     if compare_rules(**preset_params(row, float(s))).loc["separate", "unmet_2"] > 1e-9),
                    None)
    if separate is not None and got == separate and separate != expected:
        raise Fail(f"wrong value: {got:g} is where theatre 2 runs short under separate pools. Hint: "
                   f"use the preset's pooled rule ({row['rule']}) and both theatres")
    close(got, float(expected), 0.0, "run compare_rules for each shock 0, 1, ..., 30 with the preset's "
                                      "other parameters, and keep the first whose pooled total is above 0")
    return ("Correct: up to this point pooling frees stock that separate pools strand; beyond it, "
            "there is not enough for both theatres and pooling can only share the shortfall.")


@register("ex12", "q5", "A written argument (at least 60 words)")
def _ex12_q5(answer: Any) -> str:
    return words(answer, 60)
