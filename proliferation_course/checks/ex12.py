"""Checks for exercise 12, "Two theatres, one shock" (chapter 12, cross-regional cooperation)."""

from __future__ import annotations

import math
from typing import Any, cast

import pandas as pd

from ..data import load_table
from ..exercises import Fail, close, data_changed, matches, number, numbers, preset_row, register, written
from ..i18n import N_, _
from ..models.two_theatre import RULES, compare_rules, preset_params

SHOCK_GRID = range(0, 31)


def _agreements() -> pd.DataFrame:
    return load_table("poland_korea_agreements")


def _preset(preset_id: str) -> pd.Series:
    return preset_row("two_theatre_presets", preset_id)


def _contracted() -> pd.Series:
    a = _agreements()
    systems = list(dict.fromkeys(a.loc[a["kind"] == "framework agreement", "system"]))
    ex = a[a["kind"] == "executive contract"]
    return ex.groupby("system")["quantity"].sum().reindex(systems).astype(float)


@register("ex12", "q1")
def _ex12_q1(answer: Any) -> str:
    """Units under executive contracts so far, by system: a Series indexed by system

    Hint: Keep the rows whose `kind` is `executive contract`, then group them by `system` and add up
    their `quantity`.
    """
    expected = _contracted()
    units = numbers(answer, list(expected.index), _('the units under executive contracts'),
                    _("group the executive contracts by the column 'system' (the full names), and keep the four "
                      'systems that have a framework agreement'))
    a = _agreements()
    everything = a.dropna(subset=["quantity"]).groupby("system")["quantity"].sum()
    for system, value in expected.items():
        got = units[str(system)]
        if got != value and math.isclose(got, float(everything.get(system, -1))):
            raise Fail(_('wrong value for {system}: {got:g} also counts the framework agreement. Hint: keep '
                         "only rows whose kind is 'executive contract'").format(system=system, got=got))
        if abs(got - float(value)) > 0.5:
            raise Fail(_('wrong value for {system}: you gave {got:g}. Hint: add the quantities of the executive '
                         'contracts for {system}').format(system=system, got=got))
    return (_('Correct: the contracts placed so far are well below the framework plans for the K2 and the K9, '
              'while the FA-50 and Chunmoo orders are complete.'))


@register("ex12", "q2")
def _ex12_q2(answer: Any) -> str:
    """The total value of the executive contracts, in US$ billion

    Hint: Add up `value_usd_bn` over the same rows as in question 1; the column is already in billions.
    """
    a = _agreements()
    expected = float(a.loc[a["kind"] == "executive contract", "value_usd_bn"].sum())
    got = number(answer, _('a value in US$ billion'))
    if got > 1000:
        raise Fail(_('wrong unit: you gave {got:g}; the column value_usd_bn is already in billions of US '
                     'dollars, so do not convert to millions').format(got=got))
    everything = float(a["value_usd_bn"].sum())
    if not math.isclose(everything, expected) and math.isclose(got, everything, abs_tol=0.01):
        raise Fail(_('wrong value: that is the sum over every row. Hint: only executive contracts (framework '
                     'agreements have no value)'))
    close(got, expected, 0.01, _("sum value_usd_bn over the rows whose kind is 'executive contract'"))
    return _('Correct: about $23 billion of firm orders in three years.')


def _totals(preset_id: str, **override: float) -> pd.Series:
    params = {**preset_params(_preset(preset_id)), **override}
    return compare_rules(**params)["unmet_total"]


@register("ex12", "q3")
def _ex12_q3(answer: Any) -> str:
    """Total unmet demand by rule for the preset opportunistic_t1_first: a Series indexed by rule

    Hint: One row of `presets`, turned into the model's arguments by `preset_params`, is all
    `compare_rules` needs; it returns one row per rule, and the total is one of its columns.
    """
    expected = _totals("opportunistic_t1_first")
    got = numbers(answer, list(RULES), _('the total unmet demand'),
                  _('index it by the rule names in RULES, e.g. compare_rules(...).index'))
    free = _totals("opportunistic_t1_first", efficiency=1.0)
    if matches(got, free.to_dict(), 0.01) and not matches(free.to_dict(), expected.to_dict(), 0.01):
        raise Fail(_("wrong value: these are the totals with free transfers. Hint: use the preset's own "
                     'efficiency (preset_params gives every parameter of the preset)'))
    theatre_1 = compare_rules(**preset_params(_preset("opportunistic_t1_first")))["unmet_1"]
    if matches(got, theatre_1.to_dict(), 0.01):
        raise Fail(_('wrong value: that is theatre 1 only. Hint: the column unmet_total adds both theatres'))
    for rule in RULES:
        close(got[rule], float(expected[rule]), 0.01,
              _('for {rule}, run compare_rules(**preset_params(row)) and take the column unmet_total')
                .format(rule=rule))
    return (_('Correct: the totals differ only a little (the losses in transit); what the rule decides is who '
              'bears the shortfall.'))


def _first_shortfall_shock() -> int:
    row = _preset("opportunistic_shared")
    rule = str(row["rule"])
    for shock in SHOCK_GRID:
        params = preset_params(row, float(shock))
        if cast(float, compare_rules(**params).loc[rule, "unmet_total"]) > 1e-9:  # one cell: "any scalar"
            return shock
    raise data_changed(_('no shock up to 30 leaves a shortfall'))


@register("ex12", "q4")
def _ex12_q4(answer: Any) -> str:
    """The smallest whole-number shock at which pooling no longer prevents every shortfall (preset
    opportunistic_shared)

    Hint: Loop over `range(31)`: for each shock, run `compare_rules(**preset_params(row, shock))` and
    read the pooled rule's row (`row["rule"]`); stop at the first whose `unmet_total` is above zero.
    """
    expected = _first_shortfall_shock()
    got = number(answer, _('a shock size (units a week)'))
    if not float(got).is_integer():
        raise Fail(_('wrong value: {got:g} is not a whole number; try the shocks 0, 1, 2, ..., 30')
                     .format(got=got))
    if got == expected - 1:
        raise Fail(_('wrong value: at a shock of {got:g} pooling still covers every week. Hint: give the first '
                     'shock with a total unmet demand above zero').format(got=got))
    row = _preset("opportunistic_shared")
    separate = next((s for s in SHOCK_GRID
                     if cast(float, compare_rules(**preset_params(row, float(s))).loc["separate", "unmet_2"])
                     > 1e-9),
                    None)
    if separate is not None and got == separate and separate != expected:
        raise Fail(_('wrong value: {got:g} is where theatre 2 runs short under separate pools. Hint: use the '
                     "preset's pooled rule ({rule}) and both theatres").format(got=got, rule=row['rule']))
    close(got, float(expected), 0.0, _("run compare_rules for each shock 0, 1, ..., 30 with the preset's other "
                                       'parameters, and keep the first whose pooled total is above 0'))
    return (_('Correct: up to this point pooling frees stock that separate pools strand; beyond it, there is '
              'not enough for both theatres and pooling can only share the shortfall.'))


written("ex12", "q5", N_('A written argument (at least 60 words)'))
