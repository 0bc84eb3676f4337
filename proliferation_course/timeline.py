"""Every dated event in the course's data tables, as one sorted table.

The course's timeline page is generated from ``data/``, never retyped: each
event is a cell of a table that holds a date or a year, with the row's own
sources. Which tables give events, and how, is declared in one place,
:data:`EVENT_TABLES`; :func:`collect_events` reads the tables through
:func:`proliferation_course.data.load_table` (so every cell is validated) and
applies those declarations.

How a table joins the timeline
------------------------------
Add an entry to :data:`EVENT_TABLES`: the table's name in
``data/datapackage.json`` mapped to a :class:`TableEvents`, which lists one
:class:`EventRule` per kind of event a row gives (a row of
``proliferation_timelines`` gives four: exploration, pursuit, acquisition
and first test). A rule names

* ``date``: the column holding the date. It may be of type ``date``
  (precision: day), of type ``year`` (precision: year; the event is placed on
  1 July of that year), or a ``string`` holding ``YYYY``, ``YYYY-MM`` or
  ``YYYY-MM-DD`` (the precision follows the form of each cell);
* ``label``: a format string over the row's columns (``"{state} acquires
  nuclear weapons"``, in English inside :func:`~proliferation_course.i18n.N_`:
  it is translated when the events are collected, and a translated column
  gives its text in the reader's language) or a function of the row (a dict);
* ``theme``: one of :data:`THEMES` (or a function of the row returning one);
* optionally ``precision``, a column that states each date's precision (it
  must agree with the form of the date), and ``when``, a function of the row
  that says whether the row gives this event.

A row whose date cell is empty gives no event (the column's schema decides
whether it may be empty). Every table must have a ``source`` column.

A dated column of a listed table that should give no event goes in the
entry's ``not_events``, with the reason; a table with dated columns that
gives no event at all goes in :data:`NOT_EVENT_TABLES`, with the reason.
:func:`undeclared_dated_columns` lists every dated column that is in none
of these places, and ``tests/test_timeline.py`` fails while that list is not
empty, so that a new table is not left off the timeline by accident.

Examples
--------
>>> events = collect_events()
>>> row = events[events["label"].str.startswith("Japan deposits")].iloc[0]
>>> row["date"].date().isoformat(), row["theme"], row["table"]
('1976-06-08', 'NPT and treaties', 'npt_milestones')
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pandas as pd

from . import data
from .context import LANGUAGES, course_language
from .data import DESCRIPTOR, DataValidationError, load_table, read_descriptor
from .i18n import N_, _, format_count

__all__ = [
    "COLUMNS",
    "EVENT_TABLES",
    "NOT_EVENT_TABLES",
    "PRECISIONS",
    "THEMES",
    "EventRule",
    "TableEvents",
    "TimelineError",
    "collect_events",
    "dated_columns",
    "format_date",
    "undeclared_dated_columns",
]

# A table row from pandas (to_dict): its cells are typed only as Any; the descriptor is JSON.
Row = Mapping[str, Any]

#: The themes a reader can filter the timeline by, in display order (keys, in English: show
#: them with :func:`proliferation_course.i18n._`).
THEMES: tuple[str, ...] = (
    N_("NPT and treaties"),
    N_("Japan's choices"),
    N_("Preventive strikes"),
    N_("Proliferation history"),
    N_("Deterrence today"),
    N_("Alliance cooperation"),
    N_("Long-range strike"),
)
#: How precisely an event's date is known.
PRECISIONS: tuple[str, ...] = ("day", "month", "year")
#: The columns of :func:`collect_events`' table, in order.
COLUMNS: tuple[str, ...] = ("date", "precision", "date_text", "label", "theme", "table", "column",
                            "source")

# A string cell counts as a date if it has one of these forms.
_ISO_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


class TimelineError(DataValidationError):
    """The timeline's declarations do not fit the data package, or a date cannot be read."""


@dataclass(frozen=True)
class EventRule:
    """One kind of event that a row of a table gives (see the module's documentation)."""

    date: str
    label: str | Callable[[Row], str]
    theme: str | Callable[[Row], str]
    precision: str | None = None
    when: Callable[[Row], bool] | None = None


@dataclass(frozen=True)
class TableEvents:
    """How one table contributes to the timeline.

    ``rules`` lists the events each row gives; ``not_events`` maps each dated
    column that gives no event to the reason why.
    """

    rules: tuple[EventRule, ...]
    not_events: Mapping[str, str] = field(default_factory=dict)


def _npt_label(row: Row) -> str:
    text = data.text(row, "description")
    return _("NPT: {description}").format(description=text) if row["party"] == "The treaty" else text


def _warheads_label(row: Row) -> str:
    return _("{state}: about {count} nuclear warheads (estimate)").format(
        state=data.text(row, "state"), count=format_count(int(row["total_inventory"])))


def _support_label(row: Row) -> str:
    # The framework's name (a key: US-Japan, NATO...) is translated with the support chapter's words.
    return _("{track}: {title}").format(track=_(str(row["track"])), title=data.text(row, "title"))


#: The one declaration of which tables give events, and how. Add new tables here.
EVENT_TABLES: Mapping[str, TableEvents] = MappingProxyType({
    "npt_milestones": TableEvents(rules=(
        EventRule(date="date", precision="date_precision", label=_npt_label,
                  theme="NPT and treaties"),
    )),
    "japan_studies": TableEvents(
        rules=(
            # The last row is the essay's own summary of the studies, not a study.
            EventRule(date="year_start", label="{label}", theme="Japan's choices",
                      when=lambda row: row["kind"] != "essay summary"),
        ),
        not_events={"year_end": "each study is one event, dated by the year it began or was "
                                "dated; its label gives the span"},
    ),
    "preventive_strikes": TableEvents(rules=(
        EventRule(date="date", label=N_("{operation}: {striker} strikes {target_state}"),
                  theme="Preventive strikes"),
    )),
    "proliferation_timelines": TableEvents(rules=(
        EventRule(date="explore", label=N_("{state} begins to explore nuclear weapons"),
                  theme="Proliferation history"),
        EventRule(date="pursue", label=N_("{state} begins to pursue nuclear weapons"),
                  theme="Proliferation history"),
        EventRule(date="pursue_last_start",
                  label=N_("{state} resumes its pursuit of nuclear weapons (last spell)"),
                  theme="Proliferation history",
                  when=lambda row: row["pursue_last_start"] != row["pursue"]),
        EventRule(date="acquire", label=N_("{state} acquires nuclear weapons"),
                  theme="Proliferation history"),
        EventRule(date="ended", label=N_("{state} gives up its nuclear weapons"),
                  theme="Proliferation history"),
        EventRule(date="first_test", label=N_("{state}: first nuclear test"),
                  theme="Proliferation history"),
    )),
    "nuclear_forces_2025": TableEvents(rules=(
        EventRule(date="as_of", label=_warheads_label, theme="Deterrence today"),
    )),
    "support_timeline": TableEvents(rules=(
        EventRule(date="date", label=_support_label, theme="Alliance cooperation"),
    )),
    "strike_milestones": TableEvents(rules=(
        EventRule(date="date", label="{event}", theme="Long-range strike"),
    )),
    "poland_korea_agreements": TableEvents(rules=(
        EventRule(date="date", precision="date_precision", label=N_("Poland-South Korea: {event}"),
                  theme="Alliance cooperation"),
    )),
})

#: Tables with a dated column that give no event, each with the reason.
NOT_EVENT_TABLES: Mapping[str, str] = MappingProxyType({
    "npt_parties_by_year": ("a yearly series of party counts (how many states had joined), not a list of "
                            "events; the dated accessions are in npt_milestones"),
    "warhead_stockpiles": ("a yearly series of estimates (warhead stockpiles by state at selected "
                           "years), not a list of events"),
    "rok_nuclear_polls": ("a series of opinion measurements (the share of each sample in favour of "
                          "South Korean nuclear weapons), not events; chapter 8 charts them"),
})


def format_date(day: date, precision: str, lang: str | None = None) -> str:
    """The date as a reader of ``lang`` (the course's language if ``None``) writes it, to its precision.

    Examples
    --------
    >>> format_date(date(1976, 6, 8), "day", "en"), format_date(date(2025, 1, 1), "month", "en")
    ('8 June 1976', 'January 2025')
    >>> format_date(date(1975, 7, 1), "year", "en")
    '1975'
    >>> [format_date(date(1976, 6, 8), p, "ja") for p in ("day", "month", "year")]
    ['1976年6月8日', '1976年6月', '1976年']
    """
    if (lang or course_language()) == "ja" and precision in PRECISIONS:
        return {"day": f"{day.year}年{day.month}月{day.day}日", "month": f"{day.year}年{day.month}月",
                "year": f"{day.year}年"}[precision]
    if precision == "day":
        return f"{day.day} {day:%B %Y}"
    if precision == "month":
        return f"{day:%B %Y}"
    if precision == "year":
        return f"{day.year}"
    raise ValueError(f"precision must be one of {', '.join(PRECISIONS)}, got {precision!r}")


def _parse_iso(raw: str) -> tuple[date, str] | None:
    """``(date, precision)`` for ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; ``None`` if not that form."""
    m = _ISO_DATE.fullmatch(raw.strip())
    if not m:
        return None
    year, month, day = m.group(1), m.group(2), m.group(3)
    if month is None:
        return date(int(year), 7, 1), "year"
    if day is None:
        return date(int(year), int(month), 1), "month"
    return date(int(year), int(month), int(day)), "day"


def _to_date(value: Any, ftype: str) -> tuple[date, str]:  # a pandas cell
    """Read one cell as ``(date, precision)``; raise ValueError saying why it cannot be."""
    if ftype == "date":
        if not isinstance(value, date):
            raise ValueError(f"{value!r} is not a date")
        return value, "day"
    if ftype == "year":
        return date(int(value), 7, 1), "year"
    if ftype == "string":
        try:
            parsed = _parse_iso(str(value))
        except ValueError as err:  # the right form, but no such day or month
            raise ValueError(f"{value!r} is not a valid date ({err})") from None
        if parsed is None:
            raise ValueError(f"{value!r} is not a date in the form YYYY, YYYY-MM or YYYY-MM-DD")
        return parsed
    raise ValueError(f"a column of type {ftype!r} cannot hold a date")


def _is_empty(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value))


def _resources(data_dir: Path | None) -> dict[str, dict[str, Any]]:
    return {r["name"]: r for r in read_descriptor(data_dir)["resources"]}


def _primary_key(resource: dict[str, Any]) -> list[str]:
    pk = resource["schema"].get("primaryKey", [])
    return [pk] if isinstance(pk, str) else list(pk)


def _row_name(row: Row, key: list[str], position: int) -> str:
    if key:
        return f"row {position} ({', '.join(f'{k}={row[k]}' for k in key)})"
    return f"row {position}"


def _in_language(row: Row) -> dict[str, Any]:
    """The row with each translated column's text in the reader's language (its ``<column>_ja``)."""
    lang = course_language()
    if lang == LANGUAGES[0]:
        return dict(row)
    return {k: (row[f"{k}_{lang}"] if row.get(f"{k}_{lang}") is not None else v) for k, v in row.items()}


def _apply(value: str | Callable[[Row], str], row: Row) -> str:
    return value.format(**row) if isinstance(value, str) else str(value(row))


def _label(value: str | Callable[[Row], str], row: Row) -> str:
    """An event's label in the reader's language: a format string is translated and filled with
    the row's texts in that language; a function reads them itself (:func:`~.data.text`)."""
    return _(value).format(**_in_language(row)) if isinstance(value, str) else str(value(row))


def _check_declaration(name: str, spec: TableEvents, resource: dict[str, Any]) -> None:
    where = f"EVENT_TABLES[{name!r}] in proliferation_course/timeline.py"
    columns = {f["name"]: f.get("type", "string") for f in resource["schema"]["fields"]}
    if "source" not in columns:
        raise TimelineError(f"{name}: the table has no 'source' column, so its events would have no sources")
    if not spec.rules:
        raise TimelineError(f"{where}: no rules")
    for rule in spec.rules:
        for role, column in (("date", rule.date), ("precision", rule.precision)):
            if column is not None and column not in columns:
                raise TimelineError(
                    f"{where}: the {role} column {column!r} is not a column of {name} in {DESCRIPTOR} "
                    f"(its columns: {', '.join(columns)})")
        if isinstance(rule.theme, str) and rule.theme not in THEMES:
            raise TimelineError(f"{where}: theme {rule.theme!r} is not one of THEMES ({', '.join(THEMES)})")
    for column in spec.not_events:
        if column not in columns:
            raise TimelineError(f"{where}: not_events names {column!r}, which is not a column of {name}")


def _events_of(name: str, spec: TableEvents, resource: dict[str, Any],
               data_dir: Path | None) -> list[dict[str, Any]]:
    df = load_table(name, data_dir)
    types: dict[str, str] = df.attrs["field_types"]
    key = _primary_key(resource)
    events = []
    for position, record in enumerate(df.to_dict("records"), start=1):
        row = {str(k): (None if _is_empty(v) else v) for k, v in record.items()}
        for rule in spec.rules:
            raw = row[rule.date]
            if raw is None or (rule.when is not None and not rule.when(row)):
                continue
            where = f"{name} ({resource['path']}), {_row_name(row, key, position)}, column '{rule.date}'"
            try:
                day, precision = _to_date(raw, types[rule.date])
            except ValueError as err:
                raise TimelineError(f"{where}: {err}") from None
            if rule.precision is not None and row[rule.precision] != precision:
                raise TimelineError(
                    f"{where}: the date {raw!r} is known to the {precision}, but column "
                    f"'{rule.precision}' says {row[rule.precision]!r}")
            theme = _apply(rule.theme, row)
            if theme not in THEMES:
                raise TimelineError(f"{where}: theme {theme!r} is not one of THEMES ({', '.join(THEMES)})")
            label = _label(rule.label, row).strip()
            if not label:
                raise TimelineError(f"{where}: the event's label is empty")
            events.append({
                "date": pd.Timestamp(day), "precision": precision,
                "date_text": format_date(day, precision), "label": label, "theme": theme,
                "table": name, "column": rule.date, "source": str(row["source"]),
            })
    return events


def collect_events(data_dir: Path | None = None, tables: Iterable[str] | None = None) -> pd.DataFrame:
    """Every dated event of the data tables declared in :data:`EVENT_TABLES`.

    Parameters
    ----------
    data_dir
        Another folder holding a ``datapackage.json`` and its tables (tests use this).
    tables
        Only these tables of :data:`EVENT_TABLES`; all of them if ``None``.

    Returns
    -------
    pandas.DataFrame
        One row per event, with the columns of :data:`COLUMNS`: ``date``
        (``datetime64``; 1 July for an event known only to the year, the 1st
        for one known to the month), ``precision`` (``"day"``, ``"month"`` or
        ``"year"``), ``date_text`` (the date to its precision), ``label``,
        ``theme`` (one of :data:`THEMES`), ``table`` and ``column`` (where the
        date comes from) and ``source`` (the row's BibTeX keys). Sorted by
        date, then label, table and column.

    Raises
    ------
    TimelineError
        If a declared table or column is not in the data package, or a date
        cannot be read (the message names the table, the row and the column).
    DataValidationError
        If a table does not match its schema (raised by ``load_table``).

    Examples
    --------
    >>> strikes = collect_events(tables=["preventive_strikes"])
    >>> strikes[["date_text", "label"]].iloc[0].tolist()
    ['7 June 1981', 'Operation Opera: Israel strikes Iraq']
    """
    resources = _resources(data_dir)
    wanted = list(EVENT_TABLES) if tables is None else list(tables)
    rows: list[dict[str, Any]] = []
    for name in wanted:
        if name not in EVENT_TABLES:
            raise TimelineError(
                f"{name!r} is not declared in EVENT_TABLES (proliferation_course/timeline.py); "
                f"declared: {', '.join(EVENT_TABLES)}")
        if name not in resources:
            raise TimelineError(
                f"EVENT_TABLES in proliferation_course/timeline.py declares the table {name!r}, but "
                f"{DESCRIPTOR} declares no such table (its tables: {', '.join(resources)})")
        spec = EVENT_TABLES[name]
        _check_declaration(name, spec, resources[name])
        rows.extend(_events_of(name, spec, resources[name], data_dir))
    events = pd.DataFrame.from_records(rows, columns=list(COLUMNS))
    events["date"] = pd.to_datetime(events["date"]).astype("datetime64[ns]")
    events = events.sort_values(["date", "label", "table", "column"], kind="mergesort")
    return events.reset_index(drop=True)


def dated_columns(data_dir: Path | None = None) -> dict[str, list[str]]:
    """Every table's columns that hold dates: of type ``date`` or ``year``, or strings in ISO form.

    A ``string`` column counts as dated when every non-empty cell has the form
    ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``. Tables without one are left out.

    Examples
    --------
    >>> dated_columns()["preventive_strikes"]
    ['date']
    """
    found: dict[str, list[str]] = {}
    for name, resource in _resources(data_dir).items():
        fields = resource["schema"]["fields"]
        cols = [f["name"] for f in fields if f.get("type", "string") in ("date", "year")]
        strings = [f["name"] for f in fields if f.get("type", "string") == "string"]
        if strings:
            df = load_table(name, data_dir)
            for col in strings:
                cells = [str(v) for v in df[col] if not _is_empty(v)]
                if cells and all(_ISO_DATE.fullmatch(c.strip()) for c in cells):
                    cols.append(col)
        if cols:
            found[name] = [f["name"] for f in fields if f["name"] in cols]
    return found


def undeclared_dated_columns(data_dir: Path | None = None) -> dict[str, list[str]]:
    """Dated columns the timeline neither uses nor sets aside with a reason, by table.

    A column is accounted for if a rule of :data:`EVENT_TABLES` dates events
    by it, if its table's ``not_events`` names it, or if its table is in
    :data:`NOT_EVENT_TABLES`. An empty result means that no dated table has
    been forgotten.
    """
    missing: dict[str, list[str]] = {}
    for name, cols in dated_columns(data_dir).items():
        if name in NOT_EVENT_TABLES:
            continue
        spec = EVENT_TABLES.get(name)
        used = set() if spec is None else {r.date for r in spec.rules} | set(spec.not_events)
        left = [c for c in cols if c not in used]
        if left:
            missing[name] = left
    return missing
