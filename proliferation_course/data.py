"""Load the course's data tables, validated against one declared schema.

Every table in ``data/`` is described in ``data/datapackage.json``, a
`Frictionless data package <https://specs.frictionlessdata.io/data-package/>`_
descriptor: its columns, their types, units and constraints (required,
minimum, maximum, allowed values, pattern, uniqueness) and its primary key.
:func:`load_table` reads a table and checks every cell against that schema.
A malformed file raises :class:`DataValidationError`, whose message names the
file, the line and the column at fault; nothing is clamped or dropped.

Files are found from the package (:mod:`proliferation_course.resources`), not
the working directory, so the same call works from a chapter page, a test, an
exercise notebook or a learner's own installation of the wheel.

Examples
--------
>>> presets = load_table("deterrence_presets")
>>> bool(presets["capabilities"].between(0, 1).all())
True
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd

from .context import LANGUAGES, course_language
from .i18n import _
from .resources import data_dir

__all__ = [
    "DATA_DIR",
    "DataValidationError",
    "TableSchema",
    "load_table",
    "localized",
    "read_descriptor",
    "table_names",
    "text",
    "validate_file",
]

#: Folder holding the CSV tables and ``datapackage.json`` (inside the installed package).
DATA_DIR = data_dir()
DESCRIPTOR = "datapackage.json"
TYPES = ("string", "integer", "number", "boolean", "date", "year")
_TRUE = {"true"}
_FALSE = {"false"}
# The descriptor and its field declarations are JSON (json.loads): dict[str, Any].
#: A cell's value after conversion to its field's type (None for an empty cell).
Cell = str | int | float | bool | date


class DataValidationError(ValueError):
    """A data file does not match its declared schema.

    The message names the file, and where it applies the line (as numbered in
    a text editor, the header being line 1) and the column.
    """


@dataclass(frozen=True)
class TableSchema:
    """The declared schema of one table, read from the data package."""

    name: str
    path: str
    title: str
    description: str
    fields: tuple[dict[str, Any], ...]
    primary_key: tuple[str, ...]

    @property
    def columns(self) -> list[str]:
        """Column names in their declared order."""
        return [f["name"] for f in self.fields]

    @property
    def translated(self) -> list[str]:
        """The columns a reader sees as text, kept in every language: ``"translated": true`` in the
        schema, with the Japanese beside the English in ``<column>_ja``."""
        return [f["name"] for f in self.fields if f.get("translated")]


@cache
def _descriptor_cached(data_dir: str) -> dict[str, Any]:
    path = Path(data_dir) / DESCRIPTOR
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataValidationError(_("{path}: the data package descriptor is missing").format(path=path)) from None
    try:
        descriptor: dict[str, Any] = json.loads(text)  # a JSON document: its values are of any JSON type
        return descriptor
    except json.JSONDecodeError as err:
        raise DataValidationError(_("{path}: not valid JSON ({error})").format(path=path, error=err)) from None


def read_descriptor(data_dir: Path | None = None) -> dict[str, Any]:
    """Return the data package descriptor (``datapackage.json``) as a dict."""
    return _descriptor_cached(str(data_dir or DATA_DIR))


def table_names(data_dir: Path | None = None) -> list[str]:
    """Names of all tables declared in the data package."""
    return [r["name"] for r in read_descriptor(data_dir)["resources"]]


def schema_for(name: str, data_dir: Path | None = None) -> TableSchema:
    """Return the declared schema of table ``name``."""
    resources = {r["name"]: r for r in read_descriptor(data_dir)["resources"]}
    if name not in resources:
        known = ", ".join(sorted(resources))
        raise KeyError(f"no table named {name!r} in {DESCRIPTOR}; known tables: {known}")
    r = resources[name]
    pk = r["schema"].get("primaryKey", [])
    return TableSchema(
        name=name,
        path=r["path"],
        title=r.get("title", name),
        description=r.get("description", ""),
        fields=tuple(r["schema"]["fields"]),
        primary_key=tuple([pk] if isinstance(pk, str) else pk),
    )


def _convert(raw: str, field: dict[str, Any]) -> Cell:
    """Convert one CSV cell to the field's type; raise ValueError saying why not."""
    ftype = field.get("type", "string")
    if ftype == "string":
        return raw
    if ftype == "integer":
        if not re.fullmatch(r"[+-]?\d+", raw):
            raise ValueError(_("{value!r} is not an integer").format(value=raw))
        return int(raw)
    if ftype == "year":
        if not re.fullmatch(r"\d{4}", raw):
            raise ValueError(_("{value!r} is not a four-digit year").format(value=raw))
        return int(raw)
    if ftype == "number":
        try:
            value = float(raw)
        except ValueError:
            raise ValueError(_("{value!r} is not a number").format(value=raw)) from None
        if not math.isfinite(value):
            raise ValueError(_("{value!r} is not a finite number").format(value=raw))
        return value
    if ftype == "boolean":
        low = raw.strip().lower()
        if low in _TRUE:
            return True
        if low in _FALSE:
            return False
        raise ValueError(_("{value!r} is not a boolean (write true or false)").format(value=raw))
    if ftype == "date":
        try:
            return date.fromisoformat(raw)
        except ValueError:
            raise ValueError(_("{value!r} is not a date in the form YYYY-MM-DD").format(value=raw)) from None
    raise DataValidationError(f"unknown field type {ftype!r} in {DESCRIPTOR}")


def _check_constraints(value: Cell, raw: str, field: dict[str, Any]) -> None:
    c = field.get("constraints", {})
    if "enum" in c and raw not in [str(v) for v in c["enum"]]:
        allowed = ", ".join(str(v) for v in c["enum"])
        raise ValueError(_("{value!r} is not one of the allowed values ({allowed})").format(value=raw,
                                                                                             allowed=allowed))
    if "minimum" in c and value < c["minimum"]:
        raise ValueError(_("{value} is below the minimum {minimum}").format(value=raw, minimum=c["minimum"]))
    if "maximum" in c and value > c["maximum"]:
        raise ValueError(_("{value} is above the maximum {maximum}").format(value=raw, maximum=c["maximum"]))
    if "pattern" in c and not re.fullmatch(c["pattern"], raw):
        raise ValueError(_("{value!r} does not match the pattern {pattern}").format(value=raw,
                                                                                     pattern=c["pattern"]))
    if "minLength" in c and len(raw.strip()) < c["minLength"]:
        raise ValueError(_("{value!r} is shorter than {length} characters").format(value=raw,
                                                                                     length=c["minLength"]))


def _locate_bad_byte(raw: bytes, err: UnicodeDecodeError) -> str:
    """Say on which line, and in which column, a file stops being UTF-8."""
    before = raw[: err.start]
    line = before.count(b"\n") + 1
    text = raw.decode("utf-8", errors="replace")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    column = None
    if rows:
        header = rows[0]
        for row in rows[1:]:
            for name, cell in zip(header, row, strict=False):
                if "\ufffd" in cell:
                    column = name
                    break
            if column:
                break
    byte = f"0x{raw[err.start]:02x}"
    if column is None:
        return _("line {line}: not UTF-8 text (byte {byte}); save the file as UTF-8").format(line=line, byte=byte)
    return _("line {line}, column '{column}': not UTF-8 text (byte {byte}); save the file as UTF-8").format(
        line=line, column=column, byte=byte)


def validate_file(path: Path, schema: TableSchema) -> pd.DataFrame:
    """Read ``path`` and check it against ``schema``; return a typed DataFrame.

    Raises
    ------
    DataValidationError
        On a missing or unexpected column, a wrong type, a value out of range
        or not allowed, an empty required cell (every table's ``source``
        column is required), or a duplicate key. The message names the file,
        the line and the column.
    """
    where = path.name
    try:
        raw_bytes = path.read_bytes()
    except FileNotFoundError:
        raise DataValidationError(_("{file}: file not found at {path}").format(file=where, path=path)) from None
    try:
        text = raw_bytes.decode("utf-8")
    except UnicodeDecodeError as err:
        raise DataValidationError(f"{where}: {_locate_bad_byte(raw_bytes, err)}") from None
    reader = csv.reader(io.StringIO(text, newline=""))
    rows, starts, previous_end = [], [], 0
    for row in reader:
        rows.append(row)
        starts.append(previous_end + 1)  # a quoted cell may span several lines
        previous_end = reader.line_num
    if not rows:
        raise DataValidationError(_("{file}: the file is empty (no header line)").format(file=where))
    header, body = rows[0], rows[1:]
    expected = schema.columns
    missing = [c for c in expected if c not in header]
    if missing:
        raise DataValidationError(
            _("{file}: line 1 (header): missing column(s) {missing}; the schema in {descriptor} declares "
              "{expected}").format(file=where, missing=", ".join(missing), descriptor=DESCRIPTOR,
                                   expected=", ".join(expected))
        )
    extra = [c for c in header if c not in expected]
    if extra:
        raise DataValidationError(
            _("{file}: line 1 (header): column(s) {extra} are not declared in {descriptor}").format(
                file=where, extra=", ".join(extra), descriptor=DESCRIPTOR)
        )
    if header != expected:
        raise DataValidationError(
            _("{file}: line 1 (header): columns are out of order; expected {expected}").format(
                file=where, expected=", ".join(expected))
        )
    if not body:
        raise DataValidationError(_("{file}: the table has a header but no rows").format(file=where))
    fields = {f["name"]: f for f in schema.fields}
    translations = _translation_columns(schema)
    records: list[dict[str, Cell | None]] = []
    seen: dict[str, dict[str, int]] = {f["name"]: {} for f in schema.fields}
    keys: dict[tuple[Cell | None, ...], int] = {}
    for i, row in enumerate(body):
        line = starts[i + 1]
        if len(row) != len(header):
            raise DataValidationError(
                _("{file}: line {line}: has {cells} cells, the header has {columns}").format(
                    file=where, line=line, cells=len(row), columns=len(header))
            )
        record: dict[str, Cell | None] = {}
        for col, raw in zip(header, row, strict=True):
            field = fields[col]
            required = field.get("constraints", {}).get("required", False)
            if raw.strip() == "":
                if required:
                    raise DataValidationError(
                        _("{file}: line {line}, column '{column}': empty, but a value is required").format(
                            file=where, line=line, column=col)
                    )
                record[col] = None
                continue
            try:
                value = _convert(raw, field)
                _check_constraints(value, raw, field)
            except ValueError as err:
                raise DataValidationError(_("{file}: line {line}, column '{column}': {problem}").format(
                    file=where, line=line, column=col, problem=err)) from None
            if field.get("constraints", {}).get("unique"):
                if raw in seen[col]:
                    raise DataValidationError(
                        _("{file}: line {line}, column '{column}': {value!r} repeats line {first}, but values "
                          "must be unique").format(file=where, line=line, column=col, value=raw,
                                                   first=seen[col][raw])
                    )
                seen[col][raw] = line
            record[col] = value
        for col, others in translations.items():
            for other in others:
                if record[col] is not None and record[other] is None:
                    raise DataValidationError(
                        _("{file}: line {line}, column '{column}': empty, but column '{english}' is translated "
                          "and this row's {english} is {value!r}").format(file=where, line=line, column=other,
                                                                         english=col, value=record[col]))
        if schema.primary_key:
            key = tuple(record[k] for k in schema.primary_key)
            if key in keys:
                raise DataValidationError(
                    _("{file}: line {line}, column '{column}': the key {key} repeats line {first}").format(
                        file=where, line=line, column=", ".join(schema.primary_key), key=key, first=keys[key])
                )
            keys[key] = line
        records.append(record)
    df = pd.DataFrame.from_records(records, columns=expected)
    for col, field in fields.items():
        ftype = field.get("type", "string")
        if ftype in ("integer", "year"):
            df[col] = df[col].astype("Int64")
        elif ftype == "number":
            df[col] = df[col].astype("float64")
        elif ftype == "boolean":
            df[col] = df[col].astype("boolean")
        elif ftype == "string":
            df[col] = df[col].astype("string")
    df.attrs["field_types"] = {name: f.get("type", "string") for name, f in fields.items()}
    df.attrs["source_file"] = schema.path
    df.attrs["title"] = schema.title
    return df


def _translation_columns(schema: TableSchema) -> dict[str, list[str]]:
    """For each translated column, its columns in the other languages (``label`` -> ``[label_ja]``).

    Raises :class:`DataValidationError` if the schema lacks one of them.
    """
    found = {}
    for name in schema.translated:
        others = [f"{name}_{lang}" for lang in LANGUAGES[1:]]
        missing = [o for o in others if o not in schema.columns]
        if missing:
            raise DataValidationError(
                _("{descriptor}: table '{table}': column '{column}' is translated, but the table declares no "
                  "column {missing} for its translation").format(descriptor=DESCRIPTOR, table=schema.name,
                                                                  column=name,
                                                                  missing=", ".join(repr(m) for m in missing)))
        found[name] = others
    return found


def text(row: Any, column: str, lang: str | None = None) -> str:
    """The text of ``column`` in one row (a mapping or a pandas row), in the reader's language.

    For a translated column (see :attr:`TableSchema.translated`) a Japanese reader gets
    ``<column>_ja``; an untranslated column, or an English reader, gets ``column`` itself.

    >>> row = {"label": "Japan first", "label_ja": "日本が最初"}
    >>> text(row, "label", "en"), text(row, "label", "ja")
    ('Japan first', '日本が最初')
    """
    lang = lang or course_language()
    key = f"{column}_{lang}"
    if lang != LANGUAGES[0] and key in row:
        value = row[key]
        if value is not None and not pd.isna(value):
            return str(value)
    return str(row[column])


def localized(frame: pd.DataFrame, column: str, lang: str | None = None) -> pd.Series:
    """A column of ``frame`` in the reader's language (its ``<column>_ja`` for a Japanese reader).

    >>> frame = pd.DataFrame({"label": ["Japan first"], "label_ja": ["日本が最初"]})
    >>> list(localized(frame, "label", "ja")), list(localized(frame, "label", "en"))
    (['日本が最初'], ['Japan first'])
    """
    lang = lang or course_language()
    key = f"{column}_{lang}"
    if lang != LANGUAGES[0] and key in frame.columns:
        return frame[key].fillna(frame[column]).rename(column)
    return frame[column]


def load_table(name: str, data_dir: Path | None = None) -> pd.DataFrame:
    """Load table ``name`` from ``data/`` and validate it against its schema.

    Parameters
    ----------
    name
        The table's name in ``data/datapackage.json`` (e.g. ``"nuclear_forces_2025"``).
    data_dir
        Another folder holding a ``datapackage.json`` and its tables (tests use this).

    Returns
    -------
    pandas.DataFrame
        One row per CSV row, columns in their declared order and types.

    Examples
    --------
    >>> forces = load_table("nuclear_forces_2025")
    >>> "source" in forces.columns
    True
    """
    folder = Path(data_dir) if data_dir is not None else DATA_DIR
    schema = schema_for(name, folder)
    return validate_file(folder / schema.path, schema)
