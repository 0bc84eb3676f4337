"""The data tables: every declared table loads, its sources are cited, its numbers add up,
and malformed files are refused with a message naming the file, the line and the column.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from pybtex.database import parse_file

from proliferation_course.data import (
    DATA_DIR,
    DataValidationError,
    load_table,
    localized,
    read_descriptor,
    schema_for,
    table_names,
    text,
)

ROOT = Path(__file__).resolve().parent.parent
BIB = ROOT / "book" / "references.bib"
FORCES = "nuclear_forces_2025"
PRESETS = "deterrence_presets"
FORCES_FILE = "nuclear_forces_2025.csv"
PRESETS_FILE = "deterrence_presets.csv"


def _declared() -> list[dict]:
    # Read the descriptor directly, not through the package, so that the list is independent.
    return json.loads((DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))["resources"]


DECLARED = [r["name"] for r in _declared()]


# --------------------------------------------------------------------------------------
# The real tables
# --------------------------------------------------------------------------------------


def test_data_dir_is_the_repository_data_folder() -> None:
    assert DATA_DIR == ROOT / "data"
    assert table_names() == DECLARED
    assert {FORCES, PRESETS} <= set(DECLARED)


@pytest.mark.parametrize("name", DECLARED)
def test_every_declared_table_loads(name: str) -> None:
    resource = next(r for r in _declared() if r["name"] == name)
    df = load_table(name)
    assert isinstance(df, pd.DataFrame)
    assert list(df.columns) == [f["name"] for f in resource["schema"]["fields"]]
    assert len(df) > 0
    # one CSV row per DataFrame row
    with (DATA_DIR / resource["path"]).open(encoding="utf-8", newline="") as fh:
        assert len(df) == len(list(csv.reader(fh))) - 1
    assert df.attrs["source_file"] == resource["path"]


def _bib_keys() -> set[str]:
    return set(parse_file(str(BIB)).entries.keys())


@pytest.mark.parametrize("name", DECLARED)
def test_every_source_key_is_in_references_bib(name: str) -> None:
    keys = _bib_keys()
    df = load_table(name)
    assert "source" in df.columns
    for i, source in enumerate(df["source"], start=2):
        cited = source.split("; ")
        assert cited and all(cited), f"{name} line {i}: empty source key in {source!r}"
        missing = [k for k in cited if k not in keys]
        assert not missing, f"{name} line {i}: keys not in book/references.bib: {missing}"


def test_forces_identities(forces: pd.DataFrame) -> None:
    for row in forces.itertuples(index=False):
        assert row.military_stockpile == row.deployed + row.stored, row.state
        assert row.total_inventory == row.military_stockpile + row.retired, row.state
        for col in ("deployed", "stored", "retired"):
            assert getattr(row, col) >= 0, (row.state, col)


def test_forces_types(forces: pd.DataFrame) -> None:
    for col in ("deployed", "stored", "military_stockpile", "retired", "total_inventory"):
        assert pd.api.types.is_integer_dtype(forces[col]), col
    assert pd.api.types.is_bool_dtype(forces["yardstick"])
    assert forces["state"].is_unique


def test_yardsticks_are_france_and_the_uk_only(forces: pd.DataFrame) -> None:
    yardsticks = set(forces.loc[forces["yardstick"].astype(bool), "state"])
    assert yardsticks == {"France", "United Kingdom"}


def test_world_total_inventory() -> None:
    # SIPRI Yearbook 2025, "World nuclear forces" (January 2025): an estimated 12 241
    # warheads in the world's total inventory (the sum over the nine nuclear-armed states).
    forces = load_table(FORCES)
    assert int(forces["total_inventory"].sum()) == 12241
    assert len(forces) == 9


def test_npt_status_values(forces: pd.DataFrame) -> None:
    status = dict(zip(forces["state"], forces["npt_status"], strict=True))
    for nws in ("United States", "Russia", "United Kingdom", "France", "China"):
        assert status[nws] == "NWS"
    for never in ("India", "Pakistan", "Israel"):
        assert status[never] == "non-party"
    assert status["North Korea"] == "withdrawn"


def test_deterrence_presets_in_unit_interval(presets: pd.DataFrame) -> None:
    for col in ("capabilities", "credibility", "communication"):
        assert pd.api.types.is_float_dtype(presets[col]), col
        assert presets[col].notna().all(), col
        assert ((presets[col] >= 0) & (presets[col] <= 1)).all(), col
    assert presets["preset_id"].is_unique
    assert presets["order"].is_unique


def test_unknown_table_is_a_key_error_listing_known_tables() -> None:
    with pytest.raises(KeyError) as info:
        load_table("no_such_table")
    message = str(info.value)
    assert "no_such_table" in message
    for name in DECLARED:
        assert name in message


# --------------------------------------------------------------------------------------
# Malformed files, in a fresh temporary data folder per test
# --------------------------------------------------------------------------------------


def _copy_data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copy(DATA_DIR / "datapackage.json", folder / "datapackage.json")
    for r in _declared():
        shutil.copy(DATA_DIR / r["path"], folder / r["path"])
    return folder


def _read_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


def _write_rows(path: Path, rows: list[list[str]]) -> None:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A fresh copy of data/ (a new path each test, so the descriptor cache cannot interfere)."""
    return _copy_data(tmp_path)


def _edit(folder: Path, filename: str, change: Callable[[list[list[str]]], None]) -> None:
    """Rewrite ``filename`` with ``change`` applied to its rows (one physical line per row)."""
    path = folder / filename
    rows = _read_rows(path)
    # The rewritten file must keep one row per line for the line numbers below to hold.
    assert not any("\n" in cell for row in rows for cell in row)
    change(rows)
    _write_rows(path, rows)


def _row_of(rows: list[list[str]], key: str) -> int:
    """Index in ``rows`` of the row whose first cell is ``key``; its line is index + 1."""
    return next(i for i, row in enumerate(rows) if row[0] == key)


def _set(rows: list[list[str]], key: str, column: str, value: str) -> int:
    i = _row_of(rows, key)
    rows[i][rows[0].index(column)] = value
    return i + 1  # the line number in a text editor (header = line 1)


def _assert_names(err: DataValidationError, filename: str, line: int | None, column: str | None):
    msg = str(err)
    assert filename in msg, msg
    if line is not None:
        assert re.search(rf"\bline {line}\b", msg), f"line {line} not named in: {msg}"
    if column is not None:
        assert re.search(rf"(?<![\w]){re.escape(column)}(?![\w])", msg), (
            f"column {column!r} not named in: {msg}"
        )


def _load_error(folder: Path, name: str) -> DataValidationError:
    with pytest.raises(DataValidationError) as info:
        load_table(name, data_dir=folder)
    assert isinstance(info.value, ValueError)
    return info.value


def test_pristine_copy_loads(data_dir: Path) -> None:
    for name in DECLARED:
        assert load_table(name, data_dir=data_dir).equals(load_table(name))


def test_missing_column(data_dir: Path) -> None:
    def drop_stored(rows):
        j = rows[0].index("stored")
        for row in rows:
            del row[j]

    _edit(data_dir, FORCES_FILE, drop_stored)
    _assert_names(_load_error(data_dir, FORCES), FORCES_FILE, 1, "stored")


def test_extra_column(data_dir: Path) -> None:
    def add_notes(rows):
        rows[0].append("notes")
        for row in rows[1:]:
            row.append("x")

    _edit(data_dir, FORCES_FILE, add_notes)
    _assert_names(_load_error(data_dir, FORCES), FORCES_FILE, 1, "notes")


def test_columns_out_of_order(data_dir: Path) -> None:
    def swap(rows):
        for row in rows:
            row[1], row[2] = row[2], row[1]

    _edit(data_dir, FORCES_FILE, swap)
    _assert_names(_load_error(data_dir, FORCES), FORCES_FILE, 1, None)


@pytest.mark.parametrize("bad", ["many", "280.5", "2e2", "1,000", "ten"])
def test_text_in_integer_column(data_dir: Path, bad: str) -> None:
    line = {}
    _edit(data_dir, FORCES_FILE, lambda rows: line.update(n=_set(rows, "France", "deployed", bad)))
    err = _load_error(data_dir, FORCES)
    _assert_names(err, FORCES_FILE, line["n"], "deployed")
    assert bad in str(err)


@pytest.mark.parametrize("bad", ["high", "0.5.1", "nan", "inf", "-inf"])
def test_text_in_number_column(data_dir: Path, bad: str) -> None:
    line = {}
    _edit(data_dir, PRESETS_FILE,
          lambda rows: line.update(n=_set(rows, "ally_year5", "credibility", bad)))
    _assert_names(_load_error(data_dir, PRESETS), PRESETS_FILE, line["n"], "credibility")


def test_negative_warheads(data_dir: Path) -> None:
    line = {}
    _edit(data_dir, FORCES_FILE, lambda rows: line.update(n=_set(rows, "Israel", "retired", "-1")))
    _assert_names(_load_error(data_dir, FORCES), FORCES_FILE, line["n"], "retired")


@pytest.mark.parametrize(("column", "bad"), [("communication", "1.5"), ("capabilities", "-0.1")])
def test_factor_out_of_range(data_dir: Path, column: str, bad: str) -> None:
    line = {}
    _edit(data_dir, PRESETS_FILE, lambda rows: line.update(n=_set(rows, "uk_today", column, bad)))
    _assert_names(_load_error(data_dir, PRESETS), PRESETS_FILE, line["n"], column)


@pytest.mark.parametrize("bad", ["party", "nws", "NNWS", "signatory"])
def test_value_not_in_enum(data_dir: Path, bad: str) -> None:
    line = {}
    _edit(data_dir, FORCES_FILE, lambda rows: line.update(n=_set(rows, "India", "npt_status", bad)))
    err = _load_error(data_dir, FORCES)
    _assert_names(err, FORCES_FILE, line["n"], "npt_status")
    for allowed in ("NWS", "non-party", "withdrawn"):
        assert allowed in str(err)


@pytest.mark.parametrize("bad", ["", "   "])
@pytest.mark.parametrize(("name", "filename", "key"),
                         [(FORCES, FORCES_FILE, "China"), (PRESETS, PRESETS_FILE, "ally_year1")])
def test_empty_required_source(data_dir: Path, name, filename, key, bad: str) -> None:
    line = {}
    _edit(data_dir, filename, lambda rows: line.update(n=_set(rows, key, "source", bad)))
    _assert_names(_load_error(data_dir, name), filename, line["n"], "source")


@pytest.mark.parametrize("bad", ["SIPRI2025", "sipri2025;fas2025", "sipri2025, fas2025"])
def test_source_not_bibtex_keys(data_dir: Path, bad: str) -> None:
    line = {}
    _edit(data_dir, FORCES_FILE, lambda rows: line.update(n=_set(rows, "Russia", "source", bad)))
    _assert_names(_load_error(data_dir, FORCES), FORCES_FILE, line["n"], "source")


@pytest.mark.parametrize("bad", ["January 2025", "2025", "25-01"])
def test_as_of_pattern(data_dir: Path, bad: str) -> None:
    line = {}
    _edit(data_dir, FORCES_FILE, lambda rows: line.update(n=_set(rows, "Pakistan", "as_of", bad)))
    _assert_names(_load_error(data_dir, FORCES), FORCES_FILE, line["n"], "as_of")


@pytest.mark.parametrize(("name", "filename", "first", "column"), [
    (FORCES, FORCES_FILE, "France", "state"),
    (PRESETS, PRESETS_FILE, "ally_year5", "preset_id"),
])
def test_duplicate_primary_key(data_dir: Path, name, filename, first, column) -> None:
    lines = {}

    def duplicate(rows):
        i = _row_of(rows, first)
        lines["first"] = i + 1
        copy = list(rows[i])
        if column == "preset_id":  # keep the other unique column distinct
            copy[rows[0].index("order")] = "99"
        rows.append(copy)
        lines["second"] = len(rows)

    _edit(data_dir, filename, duplicate)
    err = _load_error(data_dir, name)
    _assert_names(err, filename, lines["second"], column)
    assert re.search(rf"\b{lines['first']}\b", str(err)), str(err)


def test_duplicate_primary_key_without_unique_constraint(data_dir: Path) -> None:
    """The primary key alone must catch a repeat (here the column is not declared unique)."""
    path = data_dir / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    resource = next(r for r in descriptor["resources"] if r["name"] == FORCES)
    state = next(f for f in resource["schema"]["fields"] if f["name"] == "state")
    del state["constraints"]["unique"]
    path.write_text(json.dumps(descriptor), encoding="utf-8")
    lines = {}

    def duplicate(rows):
        lines["first"] = _row_of(rows, "India") + 1
        rows.append(list(rows[lines["first"] - 1]))
        lines["second"] = len(rows)

    _edit(data_dir, FORCES_FILE, duplicate)
    err = _load_error(data_dir, FORCES)
    _assert_names(err, FORCES_FILE, lines["second"], "state")
    assert re.search(rf"\b{lines['first']}\b", str(err)), str(err)


@pytest.mark.parametrize("change", ["drop", "add"])
def test_row_with_wrong_number_of_cells(data_dir: Path, change: str) -> None:
    line = {}

    def edit(rows):
        i = _row_of(rows, "North Korea")
        line["n"] = i + 1
        if change == "drop":
            rows[i].pop()
        else:
            rows[i].append("surplus")

    _edit(data_dir, FORCES_FILE, edit)
    err = _load_error(data_dir, FORCES)
    # A whole row is at fault, not one column: the message names the file and the line.
    _assert_names(err, FORCES_FILE, line["n"], None)
    assert "cells" in str(err)


def test_empty_file(data_dir: Path) -> None:
    (data_dir / FORCES_FILE).write_bytes(b"")
    err = _load_error(data_dir, FORCES)
    _assert_names(err, FORCES_FILE, None, None)
    assert "empty" in str(err)


def test_header_only(data_dir: Path) -> None:
    def keep_header(rows):
        del rows[1:]

    _edit(data_dir, PRESETS_FILE, keep_header)
    err = _load_error(data_dir, PRESETS)
    _assert_names(err, PRESETS_FILE, None, None)
    assert "no rows" in str(err)


def test_non_utf8_bytes(data_dir: Path) -> None:
    """A Latin-1 byte in France's source_note: the message must say where, like every other."""
    path = data_dir / FORCES_FILE
    rows = _read_rows(path)
    line = _row_of(rows, "France") + 1
    raw = path.read_bytes()
    assert raw.count(b"President Macron") == 1
    path.write_bytes(raw.replace(b"President Macron", b"Pr\xe9sident Macron"))
    err = _load_error(data_dir, FORCES)
    assert "UTF-8" in str(err)
    _assert_names(err, FORCES_FILE, line, "source_note")


@pytest.mark.parametrize("bad", ["yes", "1", "no", "TRUE!", "y"])
def test_bad_boolean(data_dir: Path, bad: str) -> None:
    line = {}
    _edit(data_dir, FORCES_FILE, lambda rows: line.update(n=_set(rows, "France", "yardstick", bad)))
    _assert_names(_load_error(data_dir, FORCES), FORCES_FILE, line["n"], "yardstick")


def test_booleans_are_read_as_booleans(data_dir: Path) -> None:
    _edit(data_dir, FORCES_FILE, lambda rows: _set(rows, "Israel", "yardstick", "TRUE"))
    df = load_table(FORCES, data_dir=data_dir)
    assert bool(df.loc[df["state"] == "Israel", "yardstick"].iloc[0]) is True
    assert bool(df.loc[df["state"] == "India", "yardstick"].iloc[0]) is False


def test_line_numbers_count_physical_lines(data_dir: Path) -> None:
    """Lines are numbered as in a text editor, even after a quoted cell spanning two lines."""
    path = data_dir / PRESETS_FILE
    rows = _read_rows(path)
    header = rows[0]
    first = _row_of(rows, "us_extended_today")
    rows[first][header.index("rationale")] += "\nA second paragraph of the rationale."
    bad = _row_of(rows, "ally_year1")
    rows[bad][header.index("credibility")] = "high"
    _write_rows(path, rows)
    text = path.read_text(encoding="utf-8")
    editor_line = next(
        n for n, line in enumerate(text.splitlines(), start=1) if line.startswith("ally_year1,")
    )
    assert editor_line == bad + 2  # one extra physical line above it
    _assert_names(_load_error(data_dir, PRESETS), PRESETS_FILE, editor_line, "credibility")


def test_missing_csv_file(data_dir: Path) -> None:
    (data_dir / PRESETS_FILE).unlink()
    _assert_names(_load_error(data_dir, PRESETS), PRESETS_FILE, None, None)


def test_missing_descriptor(tmp_path: Path) -> None:
    folder = tmp_path / "empty"
    folder.mkdir()
    with pytest.raises(DataValidationError, match="datapackage.json"):
        load_table(PRESETS, data_dir=folder)


def test_descriptor_is_read_per_folder(data_dir: Path) -> None:
    assert read_descriptor(data_dir)["name"] == read_descriptor()["name"]
    assert table_names(data_dir) == DECLARED


# --------------------------------------------------------------------------------------
# The basis of every row: reported, derived or the course's judgement
# --------------------------------------------------------------------------------------

BASIS_WORDS = ("reported", "derived", "judgement")
# Tables whose numbers are the course's, though their source column cites the essay or
# other works: every row must say it is a judgement (issue 16, item 15).
JUDGEMENT_TABLES = ("escalation_rungs", "escalation_scenarios", "escalation_presets", "option_scores",
                    "option_weight_presets",
                    "support_roles", "support_capabilities", "deterrence_presets", "window_presets",
                    "two_theatre_presets", "breakout_steps", "cascade_links", "cascade_states",
                    "article_x_cases", "japan_study_risks", "norm_states", "cascade_presets",
                    "support_presets")


@pytest.mark.parametrize("name", DECLARED)
def test_every_table_declares_a_required_basis(name: str) -> None:
    resource = next(r for r in _declared() if r["name"] == name)
    field = next((f for f in resource["schema"]["fields"] if f["name"] == "basis"), None)
    assert field is not None, f"{name}: no basis column declared in datapackage.json"
    assert field["constraints"]["required"] is True
    assert field["constraints"]["pattern"] == "reported(: .+)?|(derived|judgement): .+"
    assert len(field.get("description", "")) > 100


@pytest.mark.parametrize("name", DECLARED)
def test_every_row_has_a_basis_with_a_reason_where_it_is_not_reported(name: str) -> None:
    df = load_table(name)
    for line, basis in enumerate(df["basis"], start=2):
        word, _, reason = str(basis).partition(": ")
        assert word in BASIS_WORDS, f"{name} line {line}: basis {basis!r}"
        if word != "reported":
            assert len(reason) >= 15, f"{name} line {line}: a {word} needs its reason: {basis!r}"


@pytest.mark.parametrize("name", JUDGEMENT_TABLES)
def test_tables_of_the_course_s_numbers_say_they_are_judgements(name: str) -> None:
    df = load_table(name)
    assert all(str(b).startswith("judgement: ") for b in df["basis"]), name


def test_essay_citations_for_numbers_are_marked_as_judgements() -> None:
    """A row that cites the essay next to a number the essay never gives says it is a judgement."""
    for name, number in [("escalation_rungs", "level"), ("option_scores", "score"),
                         ("support_roles", "plan_dependence")]:
        df = load_table(name)
        rows = df[df["source"].str.contains("albessard2025")]
        assert len(rows) > 0, name
        assert rows[number].notna().all()
        assert all(b.startswith("judgement: ") for b in rows["basis"]), name


def test_npt_party_counts_follow_one_dprk_rule() -> None:
    parties = load_table("npt_parties_by_year")
    rules = dict(zip(parties["year"], parties["dprk_rule"], strict=True))
    assert all(rules[y] == "not yet a party" for y in rules if y < 1985)
    assert all(rules[y] in ("counted", "added by the course") for y in rules if y > 1985)
    counts = dict(zip(parties["year"], parties["parties"], strict=True))
    assert counts[2000] == 191 - 4  # less Cuba, Timor-Leste, Montenegro and the State of Palestine
    added = parties[parties["dprk_rule"] == "added by the course"]
    assert all(b.startswith("derived: ") for b in added["basis"])
    assert parties.loc[parties["year"] == 1970, "basis"].iloc[0].startswith("derived: ")


def test_forces_cite_only_sources_consulted() -> None:
    forces = load_table("nuclear_forces_2025")
    assert not forces["source"].str.contains("fas2025").any()
    france = forces.set_index("state").loc["France"]
    assert france["retired"] == 0 and "kristensen2025france" in france["source"]
    assert "370" in france["source_note"] and "differ" in france["source_note"]


@pytest.mark.parametrize("bad", ["", "guess", "judgement", "judgement:", "Reported", "derived:x"])
def test_basis_without_a_controlled_word_and_reason_is_refused(data_dir: Path, bad: str) -> None:
    line = {}
    _edit(data_dir, PRESETS_FILE, lambda rows: line.update(n=_set(rows, "uk_today", "basis", bad)))
    _assert_names(_load_error(data_dir, PRESETS), PRESETS_FILE, line["n"], "basis")


# --------------------------------------------------------------------------------------
# Translated columns: the Japanese beside the English, every row (issue 18, item 4)
# --------------------------------------------------------------------------------------

def _translated_package(tmp_path: Path, rows: list[list[str]], ja_column: bool = True) -> Path:
    folder = tmp_path / "tdata"
    folder.mkdir()
    fields = [{"name": "id", "type": "string", "constraints": {"required": True}},
              {"name": "label", "type": "string", "translated": True, "constraints": {"required": True}}]
    if ja_column:
        fields.append({"name": "label_ja", "type": "string", "description": "label, in Japanese"})
    descriptor = {"name": "t", "resources": [{"name": "demo", "path": "demo.csv",
                                               "schema": {"primaryKey": "id", "fields": fields}}]}
    (folder / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    _write_rows(folder / "demo.csv", rows)
    return folder


def test_a_translated_column_gives_each_reader_their_language(tmp_path: Path) -> None:
    folder = _translated_package(tmp_path, [["id", "label", "label_ja"], ["a", "Japan first", "日本が最初"]])
    table = load_table("demo", data_dir=folder)
    assert list(localized(table, "label", "ja")) == ["日本が最初"]
    assert list(localized(table, "label", "en")) == ["Japan first"]
    row = table.iloc[0]
    assert (text(row, "label", "ja"), text(row, "label", "en")) == ("日本が最初", "Japan first")


def test_a_missing_translation_names_file_line_and_column(tmp_path: Path) -> None:
    folder = _translated_package(tmp_path, [["id", "label", "label_ja"], ["a", "Japan first", "日本が最初"],
                                            ["b", "Iran first", ""]])
    err = _load_error(folder, "demo")
    _assert_names(err, "demo.csv", 3, "label_ja")
    assert "Iran first" in str(err)


def test_a_translated_column_without_its_japanese_column_is_an_error(tmp_path: Path) -> None:
    folder = _translated_package(tmp_path, [["id", "label"], ["a", "Japan first"]], ja_column=False)
    err = _load_error(folder, "demo")
    assert "'demo'" in str(err) and "label_ja" in str(err) and "translated" in str(err)


def test_every_translated_column_of_the_course_has_its_japanese_column() -> None:
    for name in DECLARED:
        schema = schema_for(name)
        for column in schema.translated:
            assert f"{column}_ja" in schema.columns, f"{name}: {column}"


def test_a_missing_translation_is_reported_in_japanese_to_a_japanese_reader(tmp_path: Path) -> None:
    """The same error, in the reader's language: file, line and column named in Japanese."""
    from proliferation_course.i18n import speaking

    folder = _translated_package(tmp_path, [["id", "label", "label_ja"], ["a", "Japan first", "日本が最初"],
                                            ["b", "Iran first", ""]])
    with speaking("ja"):
        err = _load_error(folder, "demo")
    assert str(err).startswith("demo.csv：3行目、列「label_ja」：空だが"), str(err)
    assert "Iran first" in str(err)
