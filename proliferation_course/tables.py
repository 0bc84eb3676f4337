"""Readable HTML tables of the course's data, with every row's sources spelled out.

pandas' default display truncates long text and shows the index; a data table
in a chapter needs full text, a caption, named columns and sources a reader
can follow. :func:`data_table` gives that, deterministically, and wide tables
scroll inside their own box on a narrow screen.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from .references import cite_keys, short_citation

__all__ = ["DataTable", "data_table"]


def _format(value: object, ftype: str = "") -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return ""
    if ftype == "year":  # 1968, not 1,968
        return str(value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


@dataclass(frozen=True)
class DataTable:
    """An HTML table ready to display; it renders itself in Jupyter and on the site."""

    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[bool, ...]
    notes: tuple[str, ...] = ()
    note_heading: str = ""
    row_sources: tuple[str, ...] = ()

    def to_html(self) -> str:
        e = html.escape
        head = "".join(f'<th scope="col">{e(h)}</th>' for h in self.header)
        body = []
        for i, row in enumerate(self.rows):
            cells = "".join(
                f'<td class="{"num" if num else "text"}">{e(cell)}</td>'
                for cell, num in zip(row, self.numeric, strict=True)
            )
            body.append(f'<tr class="{"has-note" if self.notes else ""}">{cells}</tr>')
            if self.notes:
                sources = (f" <strong>Sources:</strong> {e(self.row_sources[i])}."
                           if self.row_sources else "")
                body.append(
                    f'<tr class="note"><td colspan="{len(self.header)}">'
                    f"<strong>{e(self.note_heading)}:</strong> {e(self.notes[i])}{sources}</td></tr>"
                )
        return (
            '<div class="course-table-wrap" tabindex="0" role="region" '
            f'aria-label="{e(self.caption)}">'
            f'<table class="course-table"><caption>{e(self.caption)}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
        )

    def _repr_html_(self) -> str:
        return self.to_html()

    def __repr__(self) -> str:
        lines = [" | ".join(self.header)] + [" | ".join(r) for r in self.rows]
        return f"{self.caption}\n" + "\n".join(lines)


def data_table(
    df: pd.DataFrame,
    columns: Mapping[str, str] | Sequence[str],
    caption: str,
    source_column: str | None = "source",
    note_column: str | None = None,
    note_heading: str = "Note",
) -> DataTable:
    """A table of ``df``'s ``columns`` (``{column: heading}``), with sources as author-year labels.

    Parameters
    ----------
    df
        A table from :func:`proliferation_course.data.load_table`.
    columns
        Columns to show, in order, as a mapping to their headings or a list
        (the column names are then the headings).
    caption
        What the table shows; screen readers announce it.
    source_column
        A column of BibTeX keys (``"a2020; b2021"``) to show as "Author Year"
        labels under the heading "Sources"; ``None`` to show no sources.
    note_column, note_heading
        A column of long text (a rationale, a caveat) shown in a full-width
        row under each row, introduced by ``note_heading``; the row's sources
        then close that note instead of taking a column.

    Raises
    ------
    ValueError
        If a column is missing.
    KeyError
        If a source key is not in ``book/references.bib``.

    Examples
    --------
    >>> df = pd.DataFrame({"state": ["France"], "n": [290], "source": ["sipri2025"]})
    >>> t = data_table(df, {"state": "State", "n": "Warheads"}, "Example")
    >>> t.header, t.rows[0][1]
    (('State', 'Warheads', 'Sources'), '290')
    """
    mapping = dict(columns) if isinstance(columns, Mapping) else {c: c for c in columns}
    wanted = (list(mapping) + ([source_column] if source_column else [])
              + ([note_column] if note_column else []))
    missing = [c for c in wanted if c not in df.columns]
    if missing:
        raise ValueError(f"data_table: column(s) {', '.join(missing)} not in the table")
    header = list(mapping.values())
    numeric = [pd.api.types.is_numeric_dtype(df[c]) and not pd.api.types.is_bool_dtype(df[c])
               for c in mapping]
    types = df.attrs.get("field_types", {})  # set by load_table from the schema
    rows, row_sources = [], []
    for _, rec in df.iterrows():
        row = [_format(rec[c] if not pd.isna(rec[c]) else None, types.get(c, "")) for c in mapping]
        if source_column:
            cited = "; ".join(short_citation(k) for k in cite_keys(rec[source_column]))
            if note_column:
                row_sources.append(cited)
            else:
                row.append(cited)
        rows.append(tuple(row))
    if source_column and not note_column:
        header.append("Sources")
        numeric.append(False)
    notes = tuple(_format(v) for v in df[note_column]) if note_column else ()
    return DataTable(caption=caption, header=tuple(header), rows=tuple(rows),
                     numeric=tuple(numeric), notes=notes, note_heading=note_heading,
                     row_sources=tuple(row_sources))
