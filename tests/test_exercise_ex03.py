"""Exercise 3 (the road to a credible arsenal): wrong answers are rejected with a reason, right ones pass.

The right answers are computed here from the CSV files and the model's
equations as the chapter states them, independently of the package's model.
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from proliferation_course.exercises import AnswerError, check

DATA = Path(__file__).resolve().parent.parent / "data"


def _rows(name: str) -> list[dict[str, str]]:
    with open(DATA / f"{name}.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _years(start: str = "pursue") -> pd.Series:
    rows = _rows("proliferation_timelines")
    return pd.Series({r["state"]: int(r["acquire"]) - int(r[start]) for r in rows})


def _japan(sanctions: float, estimate: float = 0.5, parallel: float = 0.5) -> dict[str, float]:
    """The chapter's equations, written out: durations, overlapping starts, milestone ends."""
    rows = sorted((r for r in _rows("breakout_steps") if r["profile"] == "Japan"), key=lambda r: int(r["order"]))
    durations = []
    for r in rows:
        low, high = float(r["low_months"]), float(r["high_months"])
        durations.append((low + estimate * (high - low))
                         * (sanctions if r["sanctions_sensitive"] == "true" else 1.0))
    starts = [0.0]
    for d in durations[:-1]:
        starts.append(starts[-1] + (1 - parallel) * d)
    ends = [t + d for t, d in zip(starts, durations, strict=True)]
    by_id = {r["step_id"]: e for r, e in zip(rows, ends, strict=True)}
    return {
        "first_device": max(e for r, e in zip(rows, ends, strict=True) if r["first_device"] == "true"),
        "arsenal": max(ends),
        "deliverable": by_id["delivery_integration"],
    }


YEARS = _years()
MEDIANS = pd.Series({"pursue": YEARS.median(), "pursue_last_start": _years("pursue_last_start").median()})
JAPAN_15 = _japan(1.5)
JAPAN_MONTHS = pd.Series({k: JAPAN_15[k] for k in ("first_device", "arsenal")})
MIN_SANCTIONS = next(i / 20 for i in range(20, 201) if _japan(i / 20)["deliverable"] > 12 * MEDIANS["pursue"])
ARSENAL_FACTOR = next(i / 20 for i in range(20, 201) if _japan(i / 20)["arsenal"] > 12 * MEDIANS["pursue"])

WRONG = {
    ("ex03", "q1"): [
        (3.0, "wrong type"),
        (pd.DataFrame({"years": YEARS}), "wrong type"),
        (pd.Series([3], index=["United States"]), "wrong index"),
        (YEARS.reset_index(drop=True), "wrong index"),
        (YEARS * 12, "wrong unit"),
        (_years("pursue_last_start"), "wrong value for India.*FIRST year"),
        (_years("explore"), "wrong value .*exploration"),
        (-YEARS, "negative"),
        (YEARS + 1, "wrong value"),
        (YEARS.astype(str), "wrong type"),
    ],
    ("ex03", "q2"): [
        (10.0, "wrong type.*single number"),
        ([10.0, 8.0], "wrong type"),
        (pd.Series({"pursue": 10.0}), "wrong index"),
        (MEDIANS * 12, "wrong unit"),
        (MEDIANS[::-1].set_axis(MEDIANS.index), "swapped"),
        (pd.Series({"pursue": YEARS.mean(), "pursue_last_start": MEDIANS["pursue_last_start"]}), "the mean"),
        (pd.Series({"pursue": 9.0, "pursue_last_start": 8.0}), "wrong value"),
    ],
    ("ex03", "q3"): [
        (JAPAN_15["arsenal"], "wrong type"),
        (pd.Series({"device": 1.0, "arsenal": 2.0}), "wrong index"),
        (JAPAN_MONTHS / 12, "wrong unit"),
        (pd.Series({"first_device": JAPAN_15["arsenal"], "arsenal": JAPAN_15["first_device"]}), "swapped"),
        (pd.Series(_japan(1.0)).drop("deliverable"), "without sanctions"),
        (JAPAN_MONTHS + 5, "wrong value"),
        ({"first_device": "34", "arsenal": "124"}, "wrong type"),
    ],
    ("ex03", "q4"): [
        ("1.75", "wrong type"),
        (0.5, "wrong value"),
        (12.0, "wrong value"),
        (float("nan"), "NaN"),
        (ARSENAL_FACTOR, "credible arsenal"),
        (MIN_SANCTIONS - 0.05, "strictly longer"),
        (MIN_SANCTIONS + 0.5, "wrong value"),
    ],
    ("ex03", "q5"): [("Years, not months.", "too short"), (42, "wrong type"), (["a"] * 80, "wrong type")],
}



def test_the_wrong_answers_are_really_wrong() -> None:
    """Guard the cases above: the hints must be for answers that differ from the right one."""
    assert ARSENAL_FACTOR != MIN_SANCTIONS
    assert _years("pursue_last_start")["India"] != YEARS["India"]
    assert MEDIANS["pursue"] != MEDIANS["pursue_last_start"]


@pytest.mark.parametrize(("question", "answer"), [
    ("q1", YEARS),
    ("q1", YEARS.astype("int64").rename_axis("state").sample(frac=1, random_state=0)),  # order does not matter
    ("q2", MEDIANS),
    ("q2", {"pursue": np.float64(MEDIANS["pursue"]), "pursue_last_start": MEDIANS["pursue_last_start"]}),
    ("q3", JAPAN_MONTHS),
    ("q3", {"first_device": round(JAPAN_15["first_device"], 2), "arsenal": round(JAPAN_15["arsenal"], 2)}),
    ("q4", MIN_SANCTIONS),
    ("q4", np.float64(1.0 + round((MIN_SANCTIONS - 1.0) / 0.05) * 0.05)),  # a grid built by adding steps
    ("q5", " ".join(["word"] * 60)),
], ids=lambda v: str(v)[:20])
def test_right_answers_print_correct(question: str, answer: object, capsys: pytest.CaptureFixture[str]) -> None:
    check("ex03", question, answer)
    out = capsys.readouterr().out
    expected = "ex03 q5: Recorded" if question == "q5" else f"ex03 {question}: Correct"
    assert out.startswith(expected), out


def test_the_right_answers_match_the_chapter() -> None:
    """The chapter states these values in its prose; they anchor the independent computation."""
    assert (YEARS.min(), YEARS.max()) == (3, 26)
    assert (MEDIANS["pursue"], MEDIANS["pursue_last_start"]) == (10, 8)
    assert _japan(1.0)["first_device"] == pytest.approx(23.5)
    assert _japan(1.0)["arsenal"] == pytest.approx(104.5)
    assert _japan(1.0, estimate=0.0, parallel=1.0)["arsenal"] == pytest.approx(24)
    assert _japan(1.0, estimate=0.0, parallel=1.0)["first_device"] == pytest.approx(6)


def test_unanswered_is_explained() -> None:
    for q in ("q1", "q2", "q3", "q4", "q5"):
        with pytest.raises(AnswerError, match="not answered yet"):
            check("ex03", q, ...)
