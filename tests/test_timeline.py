"""The timeline: every dated cell of the data tables becomes an event, and the figure shows them.

Expected events are read from the CSV files with the ``csv`` module, not through
the package, so that the test does not repeat what the code does. A temporary
copy of the data package shows that the timeline follows the tables (a new
row appears, a malformed date is refused), and a check over the whole package
makes sure that no table with a date or a year column is forgotten.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from datetime import date
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest
from explorer_checks import check_figure_in_japanese

from proliferation_course.data import DATA_DIR, DataValidationError
from proliferation_course.figures.timeline import MIN_GAP, PERIODS, events_table, timeline_figure
from proliferation_course.i18n import speaking
from proliferation_course.references import short_citation
from proliferation_course.timeline import (
    COLUMNS,
    EVENT_TABLES,
    NOT_EVENT_TABLES,
    PRECISIONS,
    THEMES,
    TimelineError,
    collect_events,
    dated_columns,
    undeclared_dated_columns,
)

DESCRIPTOR = DATA_DIR / "datapackage.json"


def _resources() -> list[dict]:
    return json.loads(DESCRIPTOR.read_text(encoding="utf-8"))["resources"]


def _csv(name: str, folder: Path = DATA_DIR) -> list[dict[str, str]]:
    path = next(r["path"] for r in _resources() if r["name"] == name)
    with (folder / path).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _mid_year(year: str) -> pd.Timestamp:
    return pd.Timestamp(date(int(year), 7, 1))


@pytest.fixture(scope="module")
def events() -> pd.DataFrame:
    return collect_events()


def _of(events: pd.DataFrame, table: str, column: str | None = None) -> pd.DataFrame:
    sub = events[events["table"] == table]
    return sub if column is None else sub[sub["column"] == column]


# --------------------------------------------------------------------------------------
# The events equal what the tables say
# --------------------------------------------------------------------------------------


def test_the_table_of_events_has_its_columns_and_order(events: pd.DataFrame) -> None:
    assert list(events.columns) == list(COLUMNS)
    assert pd.api.types.is_datetime64_any_dtype(events["date"])
    assert set(events["precision"]) <= set(PRECISIONS)
    assert set(events["theme"]) <= set(THEMES)
    keys = list(zip(events["date"], events["label"], strict=True))
    assert keys == sorted(keys), "events are not sorted by date, then label"
    assert list(events.index) == list(range(len(events)))
    assert events["label"].str.strip().ne("").all()
    # Every theme has events today; a theme without any would be a dead filter.
    assert set(events["theme"]) == set(THEMES)


def test_collect_events_is_deterministic(events: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(collect_events(), events)


def test_japan_ratifies_the_npt_on_8_june_1976(events: pd.DataFrame) -> None:
    hit = events[(events["date"] == pd.Timestamp("1976-06-08")) & (events["table"] == "npt_milestones")]
    assert len(hit) == 1
    row = hit.iloc[0]
    assert row["theme"] == "NPT and treaties"
    assert row["precision"] == "day"
    assert row["date_text"] == "8 June 1976"
    assert row["label"].startswith("Japan deposits its instruments of ratification")
    assert row["source"] == "unoda_japan_rat; fco_npt_status"


def test_every_npt_milestone_is_an_event(events: pd.DataFrame) -> None:
    rows = _csv("npt_milestones")
    got = _of(events, "npt_milestones")
    assert len(got) == len(rows)
    for r in rows:
        if r["date_precision"] == "year":  # only the year: placed on 1 July
            when, text = _mid_year(r["date"]), r["date"]
        else:
            when = pd.Timestamp(r["date"])
            text = f"{when.day} {when.strftime('%B %Y')}"
        match = got[(got["date"] == when) & got["label"].str.endswith(r["description"])]
        assert len(match) == 1, r["event_id"]
        row = match.iloc[0]
        assert (row["precision"], row["date_text"], row["theme"], row["source"]) == (
            r["date_precision"], text, "NPT and treaties", r["source"]), r["event_id"]
    # The treaty's own events say that they are the NPT's.
    treaty = {r["description"] for r in rows if r["party"] == "The treaty"}
    assert {lab for lab in got["label"] if lab.startswith("NPT: ")} == {f"NPT: {d}" for d in treaty}


def test_korea_ratification_known_only_to_the_year(events: pd.DataFrame) -> None:
    row = events[events["label"] == "The Republic of Korea ratifies the treaty"].iloc[0]
    assert row["date"] == pd.Timestamp("1975-07-01")
    assert (row["precision"], row["date_text"]) == ("year", "1975")


def test_every_preventive_strike_is_an_event(events: pd.DataFrame) -> None:
    rows = _csv("preventive_strikes")
    got = _of(events, "preventive_strikes")
    assert len(got) == len(rows) == 4
    for r in rows:
        match = got[got["date"] == pd.Timestamp(r["date"])]
        assert len(match) == 1, r["strike_id"]
        row = match.iloc[0]
        assert row["label"] == f"{r['operation']}: {r['striker']} strikes {r['target_state']}"
        assert (row["theme"], row["precision"], row["source"]) == ("Preventive strikes", "day", r["source"])
    assert {"Operation Opera: Israel strikes Iraq",
            "Operation Midnight Hammer: United States strikes Iran"} <= set(got["label"])


def test_proliferation_history_gives_each_stage_as_its_own_event(events: pd.DataFrame) -> None:
    rows = _csv("proliferation_timelines")
    got = _of(events, "proliferation_timelines")
    expected = []
    for r in rows:
        s = r["state"]
        expected += [(_mid_year(r["explore"]), f"{s} begins to explore nuclear weapons"),
                     (_mid_year(r["pursue"]), f"{s} begins to pursue nuclear weapons"),
                     (_mid_year(r["acquire"]), f"{s} acquires nuclear weapons")]
        if r["pursue_last_start"] != r["pursue"]:
            expected.append((_mid_year(r["pursue_last_start"]),
                             f"{s} resumes its pursuit of nuclear weapons (last spell)"))
        if r["ended"]:
            expected.append((_mid_year(r["ended"]), f"{s} gives up its nuclear weapons"))
        if r["first_test"]:
            expected.append((pd.Timestamp(r["first_test"]), f"{s}: first nuclear test"))
    assert sorted(zip(got["date"], got["label"], strict=True)) == sorted(expected)
    assert set(got["theme"]) == {"Proliferation history"}
    # Tests are known to the day, Bleek's stages only to the year.
    assert set(got.loc[got["column"] == "first_test", "precision"]) == {"day"}
    assert set(got.loc[got["column"] != "first_test", "precision"]) == {"year"}
    # Israel and South Africa never tested; India resumed pursuit in 1980; South Africa gave up.
    assert not got["label"].isin(["Israel: first nuclear test", "South Africa: first nuclear test"]).any()
    india = got[got["label"] == "India resumes its pursuit of nuclear weapons (last spell)"]
    assert list(india["date"]) == [pd.Timestamp("1980-07-01")]
    assert list(got.loc[got["label"] == "South Africa gives up its nuclear weapons", "date"]) == [
        pd.Timestamp("1991-07-01")]
    assert list(got.loc[got["label"] == "United States: first nuclear test", "date_text"]) == ["16 July 1945"]


def test_japan_studies_are_dated_by_their_first_year(events: pd.DataFrame) -> None:
    rows = [r for r in _csv("japan_studies") if r["kind"] != "essay summary"]
    got = _of(events, "japan_studies")
    assert sorted(zip(got["date"], got["label"], strict=True)) == sorted(
        (_mid_year(r["year_start"]), r["label"]) for r in rows)
    assert set(got["theme"]) == {"Japan's choices"} and set(got["precision"]) == {"year"}
    assert "The essay's summary (2025)" not in set(got["label"])


def test_nuclear_force_estimates_are_dated_to_the_month(events: pd.DataFrame) -> None:
    rows = _csv("nuclear_forces_2025")
    got = _of(events, "nuclear_forces_2025")
    assert len(got) == len(rows)
    assert set(got["date"]) == {pd.Timestamp("2025-01-01")}
    assert set(got["precision"]) == {"month"} and set(got["date_text"]) == {"January 2025"}
    assert set(got["theme"]) == {"Deterrence today"}
    china = got[got["label"].str.startswith("China:")].iloc[0]
    assert china["label"] == "China: about 600 nuclear warheads (estimate)"
    usa = got[got["label"].str.startswith("United States:")].iloc[0]
    assert usa["label"] == "United States: about 5,177 nuclear warheads (estimate)"


def test_the_events_are_exactly_those_of_the_declared_tables(events: pd.DataFrame) -> None:
    assert set(events["table"]) == set(EVENT_TABLES)
    counts = events.groupby("table").size().to_dict()
    strikes, npt = _csv("preventive_strikes"), _csv("npt_milestones")
    studies = [r for r in _csv("japan_studies") if r["kind"] != "essay summary"]
    assert counts["preventive_strikes"] == len(strikes)
    assert counts["npt_milestones"] == len(npt)
    assert counts["japan_studies"] == len(studies)
    assert counts["nuclear_forces_2025"] == len(_csv("nuclear_forces_2025"))


def test_only_declared_tables_can_be_asked_for() -> None:
    only = collect_events(tables=["preventive_strikes"])
    assert set(only["table"]) == {"preventive_strikes"}
    with pytest.raises(TimelineError, match="window_presets"):
        collect_events(tables=["window_presets"])


# --------------------------------------------------------------------------------------
# The timeline follows a temporary copy of the tables
# --------------------------------------------------------------------------------------


def _copy(tmp_path: Path, names: list[str], folder_name: str = "data") -> Path:
    """A data package in ``tmp_path`` restricted to ``names``, with their CSV files.

    The loader caches each folder's descriptor, so a test that changes the
    descriptor does it in a folder not read before.
    """
    folder = tmp_path / folder_name
    folder.mkdir()
    package = json.loads(DESCRIPTOR.read_text(encoding="utf-8"))
    package["resources"] = [r for r in package["resources"] if r["name"] in names]
    assert {r["name"] for r in package["resources"]} == set(names)
    (folder / "datapackage.json").write_text(json.dumps(package, indent=2), encoding="utf-8")
    for r in package["resources"]:
        shutil.copy(DATA_DIR / r["path"], folder / r["path"])
    return folder


def _append(folder: Path, name: str, row: dict[str, str]) -> None:
    path = folder / next(r["path"] for r in _resources() if r["name"] == name)
    with path.open(encoding="utf-8", newline="") as fh:
        header = next(csv.reader(fh))
    # a new row's translations (the *_ja columns, required where the English has a value) say what it is
    row = {**{c: f"テスト用の行：{row[c[:-3]]}" if row.get(c[:-3]) else "" for c in header if c.endswith("_ja")},
           **row}
    assert set(row) == set(header), set(header) ^ set(row)
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow([row[c] for c in header])
    text = path.read_text(encoding="utf-8")
    path.write_text(text + ("" if text.endswith("\n") else "\n") + buf.getvalue(), encoding="utf-8")


def _set_cell(folder: Path, name: str, key: tuple[str, str], column: str, value: str) -> None:
    path = folder / next(r["path"] for r in _resources() if r["name"] == name)
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    fields = list(rows[0])
    hits = [r for r in rows if r[key[0]] == key[1]]
    assert len(hits) == 1
    hits[0][column] = value
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A fresh copy of the tables the timeline reads (a new path per test: no cache can interfere)."""
    return _copy(tmp_path, list(EVENT_TABLES))


def test_the_copy_gives_the_same_events(data_copy: Path, events: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(collect_events(data_copy), events)


def test_a_new_strike_row_appears(data_copy: Path, events: pd.DataFrame) -> None:
    _append(data_copy, "preventive_strikes", {
        "strike_id": "test_strike_1999", "order": "5", "operation": "Operation Test",
        "date": "1999-03-04", "striker": "Testland", "target_state": "Otherland",
        "targets": "A test site, for this test only", "category": "opening preventive strike",
        "target_npt_status": "party", "international_reaction": "None: the row exists only in a test.",
        "source": "albessard2025", "note": "A row added by tests/test_timeline.py.", "basis": "reported",
    })
    after = collect_events(data_copy)
    assert len(after) == len(events) + 1
    new = after[after["label"] == "Operation Test: Testland strikes Otherland"]
    assert len(new) == 1
    row = new.iloc[0]
    assert (row["date"], row["precision"], row["theme"], row["table"], row["source"]) == (
        pd.Timestamp("1999-03-04"), "day", "Preventive strikes", "preventive_strikes", "albessard2025")
    # It sits in date order between its neighbours.
    pos = int(new.index[0])
    assert after["date"].iloc[pos - 1] <= row["date"] <= after["date"].iloc[pos + 1]
    # And the figure shows it in its theme's trace: in its year's marker over the whole period,
    # at its date in the close-up of 1985-2007.
    fig = timeline_figure(after)
    i = [t.name for t in fig.data].index("Preventive strikes")
    trace = fig.data[i]
    assert "Operation Test" in trace.customdata[list(trace.x).index("1999-07-01")][1]
    close_up = next(b for b in fig.layout.updatemenus[1].buttons if b.label == "1985–2007")
    assert "1999-03-04" in close_up.args[0]["x"][i]


def test_a_new_milestone_known_to_the_year_appears(data_copy: Path, events: pd.DataFrame) -> None:
    _append(data_copy, "npt_milestones", {
        "event_id": "test_year_only", "order": "99", "date": "1990", "date_precision": "year",
        "party": "Canada", "event_type": "signature", "description": "A test event known to the year",
        "source": "fco_npt_status", "note": "A row added by tests/test_timeline.py.", "basis": "reported",
    })
    after = collect_events(data_copy)
    assert len(after) == len(events) + 1
    row = after[after["label"] == "A test event known to the year"].iloc[0]
    assert (row["date"], row["precision"], row["date_text"], row["theme"]) == (
        pd.Timestamp("1990-07-01"), "year", "1990", "NPT and treaties")


def test_a_new_state_gives_its_stages(data_copy: Path, events: pd.DataFrame) -> None:
    _append(data_copy, "proliferation_timelines", {
        "state": "Testland", "explore": "1990", "pursue": "1991", "pursue_last_start": "1991",
        "acquire": "2000", "ended": "", "first_test": "2001-02-03", "source": "bleek2017",
        "note": "A row added by tests/test_timeline.py.", "basis": "reported",
    })
    after = collect_events(data_copy)
    new = after[after["label"].str.startswith("Testland")]
    assert sorted(new["label"]) == sorted(["Testland begins to explore nuclear weapons",
                                           "Testland begins to pursue nuclear weapons",
                                           "Testland acquires nuclear weapons",
                                           "Testland: first nuclear test"])
    assert len(after) == len(events) + 4


def test_an_impossible_date_is_refused_naming_the_table(data_copy: Path) -> None:
    # 30 February passes the column's pattern, so only the timeline can catch it.
    _set_cell(data_copy, "npt_milestones", ("event_id", "japan_ratified"), "date", "1976-02-30")
    with pytest.raises(TimelineError) as info:
        collect_events(data_copy)
    message = str(info.value)
    for needle in ("npt_milestones", "japan_ratified", "'date'", "1976-02-30"):
        assert needle in message, message


def test_a_precision_that_contradicts_the_date_is_refused(data_copy: Path) -> None:
    _set_cell(data_copy, "npt_milestones", ("event_id", "japan_ratified"), "date", "1976")
    with pytest.raises(TimelineError) as info:
        collect_events(data_copy)
    message = str(info.value)
    assert "npt_milestones" in message and "date_precision" in message and "japan_ratified" in message


def test_a_malformed_date_column_is_refused_naming_the_table(data_copy: Path) -> None:
    _set_cell(data_copy, "preventive_strikes", ("strike_id", "osirak_1981"), "date", "7 June 1981")
    with pytest.raises(DataValidationError) as info:
        collect_events(data_copy)
    message = str(info.value)
    assert "preventive_strikes" in message and "'date'" in message, message


def test_a_declared_table_missing_from_the_package_is_an_error(tmp_path: Path) -> None:
    folder = _copy(tmp_path, [n for n in EVENT_TABLES if n != "japan_studies"])
    with pytest.raises(TimelineError) as info:
        collect_events(folder)
    message = str(info.value)
    assert "japan_studies" in message and "EVENT_TABLES" in message and "datapackage.json" in message


# --------------------------------------------------------------------------------------
# No dated table is forgotten
# --------------------------------------------------------------------------------------


def test_every_dated_table_is_on_the_timeline_or_set_aside() -> None:
    missing = undeclared_dated_columns()
    assert missing == {}, (
        f"dated columns not on the timeline: {missing}. Add the table to EVENT_TABLES in "
        "proliferation_course/timeline.py, or list the column in its entry's not_events (or the "
        "table in NOT_EVENT_TABLES) with the reason.")


def test_the_declarations_name_real_tables_and_columns() -> None:
    declared = {r["name"]: {f["name"] for f in r["schema"]["fields"]} for r in _resources()}
    for name, spec in EVENT_TABLES.items():
        assert name in declared, name
        assert "source" in declared[name], name
        for rule in spec.rules:
            assert rule.date in declared[name], (name, rule.date)
            if isinstance(rule.theme, str):
                assert rule.theme in THEMES, (name, rule.theme)
        for column, reason in spec.not_events.items():
            assert column in declared[name] and len(reason) > 20, (name, column)
    for name, reason in NOT_EVENT_TABLES.items():
        assert name in declared and name not in EVENT_TABLES and len(reason) > 20, name


def test_dated_columns_are_found_by_type_and_by_iso_strings() -> None:
    found = dated_columns()
    assert found["preventive_strikes"] == ["date"]  # type date
    assert found["japan_studies"] == ["year_start", "year_end"]  # type year
    assert found["npt_milestones"] == ["date"]  # a string of YYYY or YYYY-MM-DD
    assert found["nuclear_forces_2025"] == ["as_of"]  # a string of YYYY-MM
    assert "window_presets" not in found and "argument_map" not in found


def _with_new_table(folder: Path, fields: list[dict], rows: list[list[str]]) -> None:
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    package["resources"].append({
        "name": "test_exercises", "path": "test_exercises.csv", "title": "Exercises (test)",
        "description": "A table added by tests/test_timeline.py.", "chapters": [],
        "schema": {"primaryKey": "exercise_id", "fields": fields},
    })
    (folder / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows([[f["name"] for f in fields], *rows])
    (folder / "test_exercises.csv").write_text(buf.getvalue(), encoding="utf-8")


@pytest.mark.parametrize("ftype, value", [("date", "2024-11-05"), ("year", "2024"),
                                          ("string", "2024-11")])
def test_a_new_dated_table_is_reported(tmp_path: Path, ftype: str, value: str) -> None:
    assert undeclared_dated_columns(_copy(tmp_path, list(EVENT_TABLES), "before")) == {}
    folder = _copy(tmp_path, list(EVENT_TABLES))
    fields = [{"name": "exercise_id", "type": "string", "constraints": {"required": True}},
              {"name": "held", "type": ftype},
              {"name": "source", "type": "string", "constraints": {"required": True}}]
    _with_new_table(folder, fields, [["keen_sword_test", value, "albessard2025"]])
    assert undeclared_dated_columns(folder) == {"test_exercises": ["held"]}
    # The timeline itself still works: the table is simply not on it yet.
    assert len(collect_events(folder)) == len(collect_events())


def test_a_table_without_dates_is_not_reported(tmp_path: Path) -> None:
    folder = _copy(tmp_path, list(EVENT_TABLES))
    fields = [{"name": "exercise_id", "type": "string", "constraints": {"required": True}},
              {"name": "held", "type": "string"},
              {"name": "source", "type": "string", "constraints": {"required": True}}]
    _with_new_table(folder, fields, [["keen_sword_test", "every other year", "albessard2025"]])
    assert undeclared_dated_columns(folder) == {}


# --------------------------------------------------------------------------------------
# The figure
# --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def fig(events: pd.DataFrame) -> go.Figure:
    return timeline_figure(events)


def _marker_labels(text: str) -> list[str]:
    """The labels of one marker's hover: one label, or a bulleted list of those that share the marker."""
    items = text.split("<br>• ") if text.startswith("• ") else [text]
    return [item.removeprefix("• ").replace("<br>", " ") for item in items]


def _labels(trace) -> list[str]:
    return [" | ".join(_marker_labels(c[1])) for c in trace.customdata]


class _Trace:
    """One trace as a view (a period button's state) draws it."""

    def __init__(self, name: str, state: dict, i: int) -> None:
        self.name, self.x, self.y = name, list(state["x"][i]), list(state["y"][i])
        self.customdata, self.symbol = list(state["customdata"][i]), list(state["marker.symbol"][i])


def _view(fig: go.Figure, k: int) -> tuple[list[_Trace], dict]:
    """The traces and the layout of the k-th period button's view (0: the whole period)."""
    state, layout, traces = fig.layout.updatemenus[1].buttons[k].args
    assert list(traces) == list(range(len(fig.data)))
    return [_Trace(t.name, state, i) for i, t in enumerate(fig.data)], layout


def _close_ups(fig: go.Figure) -> list[tuple[int, pd.Timestamp, pd.Timestamp]]:
    buttons = fig.layout.updatemenus[1].buttons
    return [(k, *(pd.Timestamp(v) for v in b.args[1]["xaxis.range"])) for k, b in enumerate(buttons) if k]


def test_one_trace_per_theme_holding_exactly_its_events(fig: go.Figure, events: pd.DataFrame) -> None:
    """Whole period: one marker per theme and year, at 1 July, listing the year's events with their dates."""
    assert [t.name for t in fig.data] == list(THEMES)
    for trace in fig.data:
        sub = events[events["theme"] == trace.name]
        years = sub["date"].dt.year
        got = sorted((x, label) for x, c in zip(trace.x, trace.customdata, strict=True)
                     for label in _marker_labels(c[1]))
        expected = sorted((f"{y}-07-01", label if (years == y).sum() == 1 else f"{d}: {label}")
                          for y, d, label in zip(years, sub["date_text"], sub["label"], strict=True))
        assert got == expected, trace.name
        assert len(set(trace.x)) == len(trace.x), trace.name  # one marker per year
    assert sum(len(_marker_labels(c[1])) for t in fig.data for c in t.customdata) == len(events)


def test_every_close_up_holds_exactly_the_events_of_its_period(fig: go.Figure, events: pd.DataFrame) -> None:
    for k, start, end in _close_ups(fig):
        traces, _ = _view(fig, k)
        inside = events[events["date"].between(start, end)]
        assert len(inside), k
        for trace in traces:
            sub = inside[inside["theme"] == trace.name]
            got = sorted((x, label) for x, c in zip(trace.x, trace.customdata, strict=True)
                         for label in _marker_labels(c[1]))
            expected = sorted(zip(sub["date"].dt.strftime("%Y-%m-%d"), sub["label"], strict=True))
            assert got == expected, (k, trace.name)


def test_events_of_one_date_share_a_marker(fig: go.Figure, events: pd.DataFrame) -> None:
    """The nine warhead estimates of January 2025 are one marker, not a band of nine rows."""
    for k, _start, _end in _close_ups(fig):
        for trace in _view(fig, k)[0]:
            assert len(set(zip(trace.x, trace.symbol, strict=True))) == len(trace.x), trace.name
    recent = _view(fig, len(PERIODS))[0]
    forces = next(t for t in recent if t.name == "Deterrence today")
    assert len(forces.x) == 1 and len(_marker_labels(forces.customdata[0][1])) == 9
    # over the whole period, too: the nine are the one marker of 2025
    forces = next(t for t in fig.data if t.name == "Deterrence today")
    assert len(forces.x) == 1 and forces.customdata[0][0] == "2025: 9 events"
    assert list(forces.marker.symbol) == ["square"]


def test_hover_gives_the_date_to_its_precision_and_the_sources(fig: go.Figure, events: pd.DataFrame) -> None:
    seventies = _view(fig, 1)[0]
    npt = next(t for t in seventies if t.name == "NPT and treaties")
    i = list(npt.x).index("1976-06-08")
    date_text, label, sources, table = npt.customdata[i]
    assert date_text == "8 June 1976" and table == "npt_milestones"
    assert label.replace("<br>", " ").startswith("Japan deposits its instruments of ratification")
    cited = sources.replace("<br>", " ")
    assert cited == "Sources: " + "; ".join(short_citation(k) for k in ("unoda_japan_rat", "fco_npt_status"))
    korea = npt.customdata[list(npt.x).index("1975-07-01")]
    assert korea[0] == "1975 (year only)"
    forces = next(t for t in _view(fig, len(PERIODS))[0] if t.name == "Deterrence today")
    assert {c[0] for c in forces.customdata} == {"January 2025 (month only)"}
    symbols = dict(zip(_labels(npt), npt.symbol, strict=True))
    assert symbols["The Republic of Korea ratifies the treaty"] == "circle-open"
    assert set(forces.symbol) == {"diamond"}
    assert "%{customdata[0]}" in fig.data[0].hovertemplate and "%{customdata[2]}" in fig.data[0].hovertemplate
    # over the whole period, a year of one event keeps its hover and symbol; a year of several lists
    # each event with its date, and cites the sources of all
    whole = next(t for t in fig.data if t.name == "NPT and treaties")
    year = dict(zip(whole.x, whole.customdata, strict=True))
    symbol = dict(zip(whole.x, whole.marker.symbol, strict=True))
    n1976 = int((events[events["theme"] == "NPT and treaties"]["date"].dt.year == 1976).sum())
    if n1976 > 1:
        assert year["1976-07-01"][0] == f"1976: {n1976} events" and symbol["1976-07-01"] == "square"
        assert "8 June 1976: Japan deposits" in year["1976-07-01"][1].replace("<br>", " ")
        assert short_citation("unoda_japan_rat") in year["1976-07-01"][2].replace("<br>", " ")
    else:
        assert year["1976-07-01"][0] == "8 June 1976" and symbol["1976-07-01"] == "circle"
    npt_events = events[events["theme"] == "NPT and treaties"]
    counts = npt_events["date"].dt.year.value_counts()
    alone = npt_events[npt_events["date"].dt.year.map(counts) == 1]
    assert len(alone)
    for row in alone.itertuples():
        hover, label = year[f"{row.date.year}-07-01"][:2]
        assert hover.startswith(row.date_text) and label.replace("<br>", " ") == row.label
        assert symbol[f"{row.date.year}-07-01"] == {"day": "circle", "month": "diamond",
                                                    "year": "circle-open"}[row.precision]


def test_the_whole_period_gives_every_lane_one_row(fig: go.Figure) -> None:
    """The 31 events of 2022-26 no longer take two lanes of rows and 40 % of the height."""
    for trace in fig.data:
        assert len(set(trace.y)) == 1, trace.name
    ys = [t.y[0] for t in fig.data]
    assert ys == sorted(ys) and len(set(ys)) == len(ys)
    # a heading row and a row of markers per lane
    assert list(fig.layout.yaxis.range) == [2 * len(fig.data) - 0.5, -0.5]


def test_events_of_a_lane_never_overlap_in_a_close_up(fig: go.Figure) -> None:
    for k, start, end in _close_ups(fig):
        gap = (end - start) * MIN_GAP
        traces, layout = _view(fig, k)
        lanes = []
        for trace in traces:
            by_row: dict[float, list[pd.Timestamp]] = {}
            for x, y in zip(trace.x, trace.y, strict=True):
                by_row.setdefault(y, []).append(pd.Timestamp(x))
            for row in by_row.values():
                row.sort()
                assert all(b - a >= gap for a, b in zip(row, row[1:], strict=False)), (k, trace.name)
        # Lanes follow one another from the top without overlapping, each under its heading.
        heads = [a["y"] for a in layout["annotations"]]
        assert heads == sorted(heads)
        for trace, head, nxt in zip(traces, heads, [*heads[1:], layout["yaxis.range"][0] + 0.5], strict=True):
            assert all(head < y < nxt for y in trace.y), (k, trace.name)
        lanes.append(heads)


def test_theme_buttons_show_exactly_one_theme(fig: go.Figure) -> None:
    layout = fig.layout
    menu = layout.updatemenus[0]
    assert [b.label for b in menu.buttons] == ["All themes", *THEMES]
    assert menu.active == 0
    n = len(fig.data)
    first = menu.buttons[0]
    assert first.args[0]["visible"] == [True] * n
    assert list(first.args[1]["yaxis.range"]) == list(layout.yaxis.range)
    all_y = [y for t in fig.data for y in t.y]
    low, high = sorted(layout.yaxis.range)
    assert low < min(all_y) and max(all_y) < high
    states = []
    for k, button in enumerate(menu.buttons[1:]):
        assert button.method == "update"
        visible = button.args[0]["visible"]
        assert visible == [j == k for j in range(n)], button.label
        assert fig.data[k].name == button.label
        low, high = sorted(button.args[1]["yaxis.range"])
        assert all(low < y < high for y in fig.data[k].y), button.label
        others = [y for j, t in enumerate(fig.data) if j != k for y in t.y]
        assert not any(low < y < high for y in others), button.label
        states.append((tuple(visible), tuple(button.args[1]["yaxis.range"])))
    # Clicked in order, every button changes the figure.
    states.insert(0, (tuple(first.args[0]["visible"]), tuple(first.args[1]["yaxis.range"])))
    assert all(a != b for a, b in zip(states, states[1:], strict=False))


def test_period_buttons_start_from_the_whole_period(fig: go.Figure, events: pd.DataFrame) -> None:
    menu = fig.layout.updatemenus[1]
    ranges = [list(b.args[1]["xaxis.range"]) for b in menu.buttons]
    assert menu.active == 0
    assert ranges[0] == list(fig.layout.xaxis.range)
    start, end = (pd.Timestamp(v) for v in ranges[0])
    assert start < events["date"].min() and events["date"].max() < end
    first, last = events["date"].min().year, events["date"].max().year
    assert menu.buttons[0].label == f"{first}–{last}"
    assert [b.label for b in menu.buttons[1:]] == [p[0] for p in PERIODS]
    assert ranges[1:] == [[s, e] for _, s, e in PERIODS]
    assert all(a != b for a, b in zip(ranges, ranges[1:], strict=False))
    # Each close-up holds events.
    for _, s, e in PERIODS:
        assert events["date"].between(pd.Timestamp(s), pd.Timestamp(e)).any(), (s, e)
    # Each button redraws the markers and lanes of its view, shows every theme again and brings the
    # theme menu for its lanes; the first gives back the initial figure.
    whole, layout = _view(fig, 0)
    for trace, drawn in zip(whole, fig.data, strict=True):
        assert trace.x == list(drawn.x) and trace.y == list(drawn.y) and trace.symbol == list(drawn.marker.symbol)
    assert layout["yaxis.range"] == list(fig.layout.yaxis.range)
    assert [b["args"][1] for b in layout["updatemenus[0].buttons"]] == [
        b.args[1] for b in fig.layout.updatemenus[0].buttons]
    states = []
    for k, button in enumerate(menu.buttons):
        assert button.method == "update"
        state, layout, _traces = button.args
        assert state["visible"] == [True] * len(fig.data) and layout["updatemenus[0].active"] == 0
        theme_menu = layout["updatemenus[0].buttons"]
        assert theme_menu[0]["args"][1]["yaxis.range"] == layout["yaxis.range"]
        traces, _ = _view(fig, k)
        for i, entry in enumerate(theme_menu[1:]):
            low, high = sorted(entry["args"][1]["yaxis.range"])
            assert all(low < y < high for y in traces[i].y), (k, i)
            assert not any(low < y < high for j, t in enumerate(traces) if j != i for y in t.y), (k, i)
        states.append(json.dumps(state, sort_keys=True))
    assert len(set(states)) == len(states)  # every button redraws the markers
    # the close-ups are not grouped by year: the whole period has fewer markers than they show together
    close = sum(len(t.x) for k, _s, _e in _close_ups(fig) for t in _view(fig, k)[0])
    inside = sum(events["date"].between(pd.Timestamp(s), pd.Timestamp(e)).sum() for _, s, e in PERIODS)
    assert close > sum(len(t.x) for t in fig.data if True) / 3 and close <= inside


def test_the_figure_has_a_title_a_height_and_a_narrow_layout(fig: go.Figure) -> None:
    layout = fig.to_dict()["layout"]
    assert layout["title"]["text"].startswith("Timeline of the course's dated events")
    assert layout["height"] >= 400
    narrow = layout["meta"]["narrow"]
    assert narrow["updatemenus.1.type"] == "dropdown"
    for path in narrow:  # every path names a layout key that exists
        head = path.split(".")[0]
        assert head in layout, path
    # Lane headings name the themes.
    assert [a["text"] for a in layout["annotations"]] == [f"<b>{t}</b>" for t in THEMES]


def test_the_figure_is_deterministic(events: pd.DataFrame, fig: go.Figure) -> None:
    assert timeline_figure(events).to_json() == fig.to_json()


def test_the_figure_refuses_bad_events(events: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match="unknown theme"):
        timeline_figure(events.assign(theme="Other"))
    with pytest.raises(ValueError, match="label"):
        timeline_figure(events.drop(columns=["label"]))
    with pytest.raises(ValueError, match="no rows"):
        timeline_figure(events.iloc[0:0])
    with pytest.raises(ValueError, match="DataFrame"):
        timeline_figure([])  # type: ignore[arg-type]


def test_one_theme_alone_still_makes_a_figure(events: pd.DataFrame) -> None:
    sub = events[events["theme"] == "Preventive strikes"]
    fig = timeline_figure(sub)
    assert [t.name for t in fig.data] == ["Preventive strikes"]
    # No theme filter (it would change nothing): only the period buttons.
    assert len(fig.layout.updatemenus) == 1
    assert fig.layout.updatemenus[0].buttons[0].label == "1981–2025"
    assert fig.layout.meta["narrow"]["updatemenus.0.type"] == "dropdown"


def test_the_figure_follows_the_design_system(fig: go.Figure) -> None:
    """Labelled controls, text of at least 11 px, palette colours only (so dark mode reaches every marker)."""
    from explorer_checks import check_explorer_figure

    check_explorer_figure(fig)
    assert [m.name for m in fig.layout.updatemenus] == ["Theme", "Period"]
    assert set(fig.layout.meta) >= {"subtitle", "notes", "source", "description", "narrow"}


# ---------------------------------------------------------------- in Japanese

def test_the_figure_speaks_japanese() -> None:
    check_figure_in_japanese(lambda: timeline_figure(collect_events()))


def test_dates_themes_and_own_tables_events_in_japanese() -> None:
    with speaking("ja"):
        events = collect_events()
        fig = timeline_figure(events)
        table = events_table(events)
    assert set(events["theme"]) <= set(THEMES)  # the themes stay keys; only their display is translated
    row = events[events["table"] == "npt_milestones"].iloc[0]
    assert row["date_text"].endswith("日") and "年" in row["date_text"]
    # Only the tables of this part of the course are checked for Japanese text: the events of the
    # other tables (npt_milestones, nuclear_forces_2025, ...) take their <column>_ja from the
    # helpers who translate those tables, and appear in Japanese once their columns are merged.
    japanese = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
    for name in ("support_timeline", "strike_milestones", "poland_korea_agreements"):
        labels = events.loc[events["table"] == name, "label"]
        assert len(labels) and all(japanese.search(t) for t in labels), name
    assert "日米: 拡大抑止に関するガイドライン" in set(events["label"])
    assert [a.text for a in fig.layout.annotations][0] == "<b>NPTと条約</b>"
    assert fig.layout.updatemenus[0].buttons[0].label == "すべてのテーマ"
    assert any("出典: " in c[2] for t in fig.data for c in t.customdata)
    assert table.header[:4] == ("日付", "出来事", "テーマ", "表") and japanese.search(table.caption)
    with speaking("en"):
        english = collect_events(tables=["support_timeline"])
    assert "US-Japan: Guidelines for Extended Deterrence" in set(english["label"])
