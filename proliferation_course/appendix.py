"""The data appendix, generated from the data package: never written by hand.

For every table declared in ``data/datapackage.json`` it shows the title and
description, the columns (type, unit, allowed values and ranges, description),
the row count, the sources cited by its rows, the basis of its rows (how many
are reported, derived or the course's judgement, and each distinct basis with
the rows it covers), and a link to download the CSV.
The Sphinx extension copies ``data/`` into the built site, next to the pages.

Every word it writes is in the reader's language: its own through :func:`~.i18n._`, the
descriptor's titles, descriptions and units through the catalogue ``data/datapackage``
(extracted by :mod:`proliferation_course.sphinxext.messages`).
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from .data import DATA_DIR, load_table, read_descriptor, schema_for, text
from .i18n import N_, _
from .references import cite_keys, short_citation
from .tables import BASIS_KINDS, basis_kind, page_text

__all__ = ["BASIS_WORDS", "TYPE_WORDS", "DataAppendix", "constraint_text", "data_appendix"]

#: How a column's type is named (the descriptor's word, in English: show it with :func:`~.i18n._`).
TYPE_WORDS = {"string": N_("string"), "integer": N_("integer"), "number": N_("number"), "date": N_("date"),
              "year": N_("year"), "boolean": N_("boolean")}
#: How each kind of basis is named in a table's summary (``3 reported, 2 judgement``).
BASIS_WORDS = {"reported": N_("reported"), "derived": N_("derived"), "judgement": N_("judgement")}


def _said(text: str) -> str:
    """A text of the descriptor (a title, a description, a unit) in the reader's language."""
    return _(text) if text else text


# A field of the data package descriptor, which is JSON: values of any JSON type.
def constraint_text(field: dict[str, Any], markup: bool = False) -> str:
    """A readable summary of a field's constraints; with ``markup``, HTML in which each allowed
    value and the pattern are code (they are what the CSV holds, in any language of the page).

    Examples
    --------
    >>> constraint_text({"constraints": {"required": True, "minimum": 0, "maximum": 1}})
    'required; from 0 to 1'
    >>> constraint_text({"constraints": {"enum": ["a", "b"]}})
    'one of: a, b'
    >>> constraint_text({"constraints": {"enum": ["a&b", "c"]}}, markup=True)
    'one of: <code>a&amp;b</code>, <code>c</code>'
    """
    def words(text: str) -> str:
        return html.escape(text) if markup else text

    def value(v: object) -> str:
        return f"<code>{html.escape(str(v))}</code>" if markup else str(v)

    c = field.get("constraints", {})
    parts = []
    if c.get("required"):
        parts.append(words(_("required")))
    if c.get("unique"):
        parts.append(words(_("unique")))
    if "enum" in c:
        parts.append(words(_("one of: {values}")).format(values=", ".join(value(v) for v in c["enum"])))
    if "minimum" in c and "maximum" in c:
        parts.append(words(_("from {low} to {high}")).format(low=c["minimum"], high=c["maximum"]))
    elif "minimum" in c:
        parts.append(words(_("at least {low}")).format(low=c["minimum"]))
    elif "maximum" in c:
        parts.append(words(_("at most {high}")).format(high=c["maximum"]))
    if "pattern" in c:
        parts.append(words(_("pattern {pattern}")).format(pattern=value(c["pattern"])))
    if "minLength" in c:
        parts.append(words(_("at least {count} characters")).format(count=c["minLength"]))
    return words(_("; ")).join(parts)


class DataAppendix:
    """The appendix as HTML; displays itself in Jupyter and on the site."""

    def __init__(self, data_dir: Path | None = None, data_url: str = "../../data/") -> None:
        self.data_dir = Path(data_dir) if data_dir is not None else DATA_DIR
        self.data_url = data_url

    def tables(self) -> list[dict[str, Any]]:  # records of mixed values (text, counts, lists)
        """One record per table: its schema, row count and the sources its rows cite."""
        out = []
        for resource in read_descriptor(self.data_dir)["resources"]:
            schema = schema_for(resource["name"], self.data_dir)
            df = load_table(resource["name"], self.data_dir)
            keys: list[str] = []
            if "source" in df.columns:
                for cell in df["source"]:
                    for k in cite_keys(cell):
                        if k not in keys:
                            keys.append(k)
            bases: dict[str, list[str]] = {}
            shown: dict[str, str] = {}  # each basis in the reader's language (its basis_ja)
            if "basis" in df.columns:
                key = list(schema.primary_key)
                for n, (_index, rec) in enumerate(df.iterrows(), start=2):
                    label = (", ".join(str(rec[k]) for k in key) if key else _("line {n}").format(n=n))
                    bases.setdefault(str(rec["basis"]), []).append(label)
                    shown.setdefault(str(rec["basis"]), text(rec, "basis"))
            out.append({"name": schema.name, "path": schema.path, "title": schema.title,
                        "description": schema.description, "fields": schema.fields,
                        "rows": len(df), "sources": [short_citation(k) for k in keys],
                        "chapters": resource.get("chapters", []), "bases": bases,
                        "bases_shown": shown})
        return out

    def to_html(self) -> str:
        e = html.escape
        parts = []
        for t in self.tables():
            parts.append(f'<section class="course-data-table" id="data-{e(t["name"])}">')
            where = _("(<code>{path}</code>, {rows} rows)").format(path=e(t["path"]), rows=t["rows"])
            download = e(_("Download the CSV"))
            parts.append(f'<p class="course-data-title"><strong>{e(_said(t["title"]))}</strong> {where} '
                         f'<a href="{e(self.data_url + t["path"])}" download>{download}</a></p>')
            if t["description"]:
                parts.append(f"<p>{e(_said(t['description']))}</p>")
            rows = "".join(
                f"<tr><td><code>{e(f['name'])}</code></td><td class=\"type\">{e(self._type(f))}</td>"
                f"<td>{e(_said(f.get('unit', '')))}</td><td class=\"text\">{constraint_text(f, markup=True)}</td>"
                f"<td class=\"text description\">{e(_said(f.get('description', '')))}</td></tr>"
                for f in t["fields"])
            columns = e(_("Columns of {table}").format(table=t["name"]))
            heads = "".join(f'<th scope="col">{e(h)}</th>' for h in (
                _("Column"), _("Type"), _("Unit"), _("Allowed values"), _("Description")))
            parts.append(
                '<div class="course-table-wrap" tabindex="0" role="region" '
                f'aria-label="{columns}"><table class="course-table">'
                f"<caption>{columns}</caption><thead><tr>{heads}</tr></thead>"
                f"<tbody>{rows}</tbody></table></div>")
            parts.append(_("<p><strong>Sources cited by its rows:</strong> {sources}.</p>").format(
                sources=e("; ".join(t["sources"]))))
            if t["bases"]:
                counts = {k: 0 for k in BASIS_KINDS}
                for basis, rows in t["bases"].items():
                    counts[basis_kind(basis)] += len(rows)
                summary = _(", ").join(_("{count} {kind}").format(count=n, kind=_(BASIS_WORDS.get(k, k)))
                                       for k, n in counts.items() if n)
                listed = [page_text(_(", ").join(rows)) if len(rows) < t["rows"] else e(_("all"))
                          for rows in t["bases"].values()]
                items = "".join(
                    f'<li><span class="basis">{page_text(t["bases_shown"].get(basis, basis))}</span> '
                    '<span class="basis-rows">'
                    + _("(rows: {rows})").format(rows=shown) + "</span></li>"
                    for basis, shown in zip(t["bases"], listed, strict=True))
                parts.append(_("<p><strong>Basis of its rows:</strong> {summary}.</p>").format(summary=summary)
                             + f'<ul class="course-data-basis">{items}</ul>')
            parts.append("</section>")
        return "\n".join(parts)

    @staticmethod
    def _type(field: dict[str, Any]) -> str:
        kind = str(field.get("type", "string"))
        return _(TYPE_WORDS[kind]) if kind in TYPE_WORDS else kind

    def _repr_html_(self) -> str:
        return self.to_html()


def data_appendix(data_dir: Path | None = None, data_url: str = "../../data/") -> DataAppendix:
    """The data appendix for ``data_dir`` (the course's ``data/`` by default)."""
    return DataAppendix(data_dir, data_url)
