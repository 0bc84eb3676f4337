"""Readable HTML tables of the course's data, with every row's sources and basis spelled out.

pandas' default display truncates long text and shows the index; a data table
in a chapter needs full text, a caption, named columns and sources a reader
can follow. :func:`data_table` gives that, deterministically, and wide tables
scroll inside their own box on a narrow screen.

Every table in ``data/`` has a ``basis`` column saying how each row's values
were obtained: ``reported`` by the sources, ``derived`` by the course from
reported values, or the course authors' ``judgement``. When the table shown
has that column, each row says so on the page. Japanese text in a cell is
marked with ``lang="ja"``.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from .context import in_site_build
from .i18n import _, language
from .japanese import japanese_runs
from .references import cite_keys, short_citation

__all__ = ["BASIS_KINDS", "DataTable", "basis_kind", "data_table", "html_text", "page_text"]

#: The words a ``basis`` cell starts with.
BASIS_KINDS = ("reported", "derived", "judgement")


def basis_kind(basis: str) -> str:
    """The controlled word a ``basis`` cell starts with.

    Examples
    --------
    >>> basis_kind("judgement: the course's score")
    'judgement'
    >>> basis_kind("reported")
    'reported'
    """
    word = str(basis).split(":", 1)[0].strip()
    if word not in BASIS_KINDS:
        raise ValueError(f"a basis must start with one of {', '.join(BASIS_KINDS)}; got {basis!r}")
    return word


def html_text(text: str) -> str:
    """``text`` escaped for HTML, with each run of Japanese in a ``<span lang="ja">``.

    Examples
    --------
    >>> html_text("Escort (護衛) & more")
    'Escort (<span lang="ja" class="ja">護衛</span>) &amp; more'
    """
    out, at = [], 0
    for start, end in japanese_runs(text):
        out.append(html.escape(text[at:start]))
        out.append(f'<span lang="ja" class="ja">{html.escape(text[start:end])}</span>')
        at = end
    out.append(html.escape(text[at:]))
    return "".join(out)


def page_text(text: str) -> str:
    """``text`` escaped for the page it will be on: :func:`html_text` everywhere but on a page of
    the Japanese site, which is ``<html lang="ja">`` already and needs no ``<span lang="ja">``
    (hundreds of elements in a long table). In Jupyter, whose page is English whatever the
    session's language, the spans tell screen readers to switch voice."""
    return html.escape(text) if language() == "ja" and in_site_build() else html_text(text)


def _format(value: object, ftype: str = "") -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return ""
    if ftype == "year":  # 1968, not 1,968
        return str(value)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
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
    row_bases: tuple[str, ...] = ()

    def to_html(self) -> str:
        japanese = language() == "ja"
        e, t = html.escape, page_text
        stop, colon = ("。", "：") if japanese else (".", ":")
        sources_word, basis_word = e(_("Sources:")), e(_("Basis:"))
        head = "".join(f'<th scope="col">{t(h)}</th>' for h in self.header)
        body = []
        for i, row in enumerate(self.rows):
            cells = "".join(
                f'<td class="{"num" if num else "text"}">{t(cell)}</td>'
                for cell, num in zip(row, self.numeric, strict=True)
            )
            body.append(f'<tr class="{"has-note" if self.notes else ""}">{cells}</tr>')
            if self.notes:
                sources = (f" <strong>{sources_word}</strong> {t(self.row_sources[i])}{stop}"
                           if self.row_sources else "")
                basis = (f' <strong>{basis_word}</strong> <span class="basis">{t(self.row_bases[i])}</span>{stop}'
                         if self.row_bases else "")
                body.append(
                    f'<tr class="note"><td colspan="{len(self.header)}">'
                    f"<strong>{e(self.note_heading)}{colon}</strong> {t(self.notes[i])}{sources}{basis}</td></tr>"
                )
        return (
            '<div class="course-table-wrap" tabindex="0" role="region" '
            f'aria-label="{e(self.caption)}">'
            f'<table class="course-table"><caption>{t(self.caption)}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
        )

    def _repr_html_(self) -> str:
        return self.to_html()

    def __repr__(self) -> str:
        lines = [" | ".join(self.header)] + [
            " | ".join(r) + (f" | basis: {self.row_bases[i]}" if self.notes and self.row_bases else "")
            for i, r in enumerate(self.rows)]
        return f"{self.caption}\n" + "\n".join(lines)


def _basis_by_key(df: pd.DataFrame, translated: bool = False) -> list[str] | None:
    """The basis of each row of ``df``, looked up in the data package by primary key
    (with ``translated``, in the reader's language where the table has ``basis_ja``).

    For frames built from a table that did not keep its ``basis`` column (the
    argument map's display table, for instance): exactly one declared table
    must have all its key columns in ``df`` and a row for every key, or
    ``None`` is returned.
    """
    from .data import load_table, localized, read_descriptor, schema_for

    found = None
    for resource in read_descriptor()["resources"]:
        key = schema_for(resource["name"]).primary_key
        if not key or not all(k in df.columns for k in key):
            continue
        table = load_table(resource["name"])
        if "basis" not in table.columns:
            continue
        lookup = {tuple(str(v) for v in rec): b
                  for rec, b in zip(table[list(key)].itertuples(index=False),
                                    localized(table, "basis") if translated else table["basis"], strict=True)}
        wanted = [tuple(str(v) for v in rec) for rec in df[list(key)].itertuples(index=False)]
        if all(w in lookup for w in wanted):
            if found is not None:
                return None  # ambiguous: more than one table fits
            found = [str(lookup[w]) for w in wanted]
    return found


def data_table(
    df: pd.DataFrame,
    columns: Mapping[str, str] | Sequence[str],
    caption: str,
    source_column: str | None = "source",
    note_column: str | None = None,
    note_heading: str | None = None,
    basis_column: str | None = "basis",
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
    basis_column
        The column saying how each row's values were obtained ("reported",
        "derived" or "judgement", with its reason). It is shown under the
        heading "Basis", closing the note row or in a column of its own. If
        ``df`` has no such column but was built from a declared table that
        has one (it carries that table's primary key), the basis is looked up
        there; ``None`` shows no basis.

    A shown column (basis and note included) that has its translation beside it
    (``<column>_ja``, see :func:`proliferation_course.data.localized`) is shown in the
    reader's language.

    Raises
    ------
    ValueError
        If a column is missing, or a basis does not start with reported,
        derived or judgement.
    KeyError
        If a source key is not in ``book/references.bib``.

    Examples
    --------
    >>> df = pd.DataFrame({"state": ["France"], "n": [290], "source": ["sipri2025"],
    ...                    "basis": ["reported"]})
    >>> t = data_table(df, {"state": "State", "n": "Warheads"}, "Example")
    >>> t.header, t.rows[0][1], t.rows[0][-1]
    (('State', 'Warheads', 'Sources', 'Basis'), '290', 'reported')
    """
    from .data import localized

    mapping = dict(columns) if isinstance(columns, Mapping) else {c: c for c in columns}
    wanted = (list(mapping) + ([source_column] if source_column else [])
              + ([note_column] if note_column else []))
    missing = [c for c in wanted if c not in df.columns]
    if missing:
        raise ValueError(f"data_table: column(s) {', '.join(missing)} not in the table")
    bases: list[str] | None = None
    if basis_column and basis_column in df.columns:
        bases = [str(b) for b in df[basis_column]]
    elif basis_column:
        bases = _basis_by_key(df)
    if bases is not None:
        for b in bases:
            basis_kind(b)  # refuses a basis that does not start with a controlled word
        if basis_column and f"{basis_column}_ja" in df.columns:  # a translated basis: the reader's language
            bases = [str(b) for b in localized(df, basis_column)]
        elif basis_column and basis_column not in df.columns:  # looked up: in the reader's language too
            bases = _basis_by_key(df, translated=True)
    # A translated column (its <column>_ja beside it) is shown in the reader's language.
    df = df.assign(**{c: localized(df, c) for c in {*mapping, *([note_column] if note_column else [])}
                      if f"{c}_ja" in df.columns})
    header = list(mapping.values())
    numeric = [pd.api.types.is_numeric_dtype(df[c]) and not pd.api.types.is_bool_dtype(df[c])
               for c in mapping]
    types = df.attrs.get("field_types", {})  # set by load_table from the schema
    rows, row_sources = [], []
    for i, (_index, rec) in enumerate(df.iterrows()):
        row = [_format(rec[c] if not pd.isna(rec[c]) else None, types.get(c, "")) for c in mapping]
        if source_column:
            cited = "; ".join(short_citation(k) for k in cite_keys(rec[source_column]))
            if note_column:
                row_sources.append(cited)
            else:
                row.append(cited)
        if bases is not None and not note_column:
            row.append(bases[i])
        rows.append(tuple(row))
    if source_column and not note_column:
        header.append(_("Sources"))
        numeric.append(False)
    if bases is not None and not note_column:
        header.append(_("Basis"))
        numeric.append(False)
    notes = tuple(_format(v) for v in df[note_column]) if note_column else ()
    return DataTable(caption=caption, header=tuple(header), rows=tuple(rows),
                     numeric=tuple(numeric), notes=notes,
                     note_heading=_("Note") if note_heading is None else note_heading,
                     row_sources=tuple(row_sources),
                     row_bases=tuple(bases) if (bases is not None and note_column) else ())
