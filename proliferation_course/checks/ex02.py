"""Checks for exercise 2, "Deterrence is more than warheads"."""

from __future__ import annotations

from typing import Any, cast

import pandas as pd

from ..data import load_table
from ..exercises import Fail, close, data_changed, frame, number, numbers, register, written
from ..i18n import N_, _
from ..models.deterrence import RULES, deterrence_score, deterrence_threshold


def _presets() -> pd.DataFrame:
    return load_table("deterrence_presets").set_index("preset_id")


@register("ex02", "q1")
def _ex02_q1(answer: Any) -> str:
    """The product score of every preset, as a Series indexed by preset_id

    Hint: Multiplying columns of a DataFrame works row by row and keeps its index; `presets` is already
    indexed by `preset_id`.
    """
    p = _presets()
    got = numbers(answer, list(map(str, p.index)), _('the product score'), _("set_index('preset_id') first"))
    for pid, row in p.iterrows():
        expected = deterrence_score(row["capabilities"], row["credibility"], row["communication"])
        close(got[str(pid)], expected, 1e-9,
              _('for {pid}, multiply capabilities, credibility and communication (or call deterrence_score with '
                "rule='product')").format(pid=pid))
    return _('Correct: the product rule punishes the weakest factor hardest.')


@register("ex02", "q2")
def _ex02_q2(answer: Any) -> str:
    """Which presets deter under each rule: a boolean DataFrame, presets x rules

    Hint: `deterrence_threshold(1.0, 3.0)` gives the threshold and `deterrence_score(c, r, m, rule=...)`
    one score. Build one column per rule in `RULES` (a dict of lists, say) and pass
    `index=presets.index`.
    """
    p = _presets()
    table = frame(answer, list(map(str, p.index)), RULES, _('True or False for each preset and rule'))
    threshold = deterrence_threshold()
    for pid, row in p.iterrows():
        for rule in RULES:
            expected = deterrence_score(row["capabilities"], row["credibility"],
                                        row["communication"], rule=rule) > threshold
            got = table.loc[str(pid), rule]
            if not isinstance(got, bool | type(expected)) and str(got) not in ("True", "False"):
                raise Fail(_('wrong type: cell ({pid}, {rule}) should be True or False, got {got!r}')
                             .format(pid=pid, rule=rule, got=got))
            if bool(got) != expected:
                raise Fail(_('wrong value at ({pid}, {rule}): you gave {got}. Hint: deterrence holds when the '
                             'score is strictly above B/(B+C) = {threshold}')
                             .format(pid=pid, rule=rule, got=bool(got), threshold=threshold))
    return _('Correct: the rule you choose decides which scenarios deter.')


@register("ex02", "q3")
def _ex02_q3(answer: Any) -> str:
    """The smallest capabilities value (on a 0.01 grid) at which ally_year1 deters under the weighted mean

    Hint: Try `c / 100` for `c` in `range(101)` and keep the first value whose weighted-mean score is
    strictly above 0.25; `next(...)` over a generator stops at the first one.
    """
    row = cast(pd.Series, _presets().loc["ally_year1"])  # one row: preset_id is the key
    threshold = deterrence_threshold()
    expected = next((i / 100 for i in range(101)
                     if deterrence_score(i / 100, row["credibility"], row["communication"],
                                         rule="weighted_mean") > threshold), None)
    if expected is None:  # pragma: no cover - depends on the data
        raise data_changed(_('no capabilities value deters'))
    got = number(answer, _('a capabilities value between 0 and 1'))
    if not 0 <= got <= 1:
        raise Fail(_('wrong value: capabilities lie in [0, 1], you gave {got}').format(got=got))
    close(got, expected, 0.005, _('try every value 0.00, 0.01, ..., 1.00 and keep the first one whose '
                                  'weighted-mean score is above the threshold'))
    return (_('Correct: under the weighted mean, capabilities alone can make up for weak credibility and '
              'communication. Would the product rule agree?'))


@register("ex02", "q4")
def _ex02_q4(answer: Any) -> str:
    """The share (in per cent) of the world's total inventory held by the US and Russia

    Hint: Index the table by `state`, add the two states' `total_inventory` and divide by the sum of the
    whole column. A share of 0.5 is 50 per cent.
    """
    f = load_table("nuclear_forces_2025").set_index("state")
    # pandas types one cell only as "any scalar"
    expected = 100 * (cast(int, f.loc["United States", "total_inventory"])
                      + cast(int, f.loc["Russia", "total_inventory"])) / f["total_inventory"].sum()
    got = number(answer, _('a percentage'))
    if 0 < got <= 1:
        raise Fail(_('wrong unit: you gave {got}, a fraction; give a percentage (multiply by 100)')
                     .format(got=got))
    close(got, float(expected), 0.05, _('add the two total inventories and divide by the sum of the column '
                                        'total_inventory, then multiply by 100'))
    return _('Correct: the two largest arsenals dwarf every medium power.')


written("ex02", "q5", N_('A written argument (at least 60 words)'))
