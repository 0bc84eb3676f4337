"""The data appendix, generated from the data package: never written by hand.

For every table declared in ``data/datapackage.json`` it shows the title and
description, the columns (type, unit, allowed values and ranges, description),
the row count, the sources cited by its rows, the basis of its rows (how many
are reported, derived or the course's judgement, and each distinct basis with
the rows it covers), and a link to download the CSV.
The Sphinx extension copies ``data/`` into the built site, next to the pages.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from .data import DATA_DIR, load_table, read_descriptor, schema_for
from .references import cite_keys, short_citation
from .tables import BASIS_KINDS, basis_kind, html_text

__all__ = ["DataAppendix", "constraint_text", "data_appendix"]


# A field of the data package descriptor, which is JSON: values of any JSON type.
def constraint_text(field: dict[str, Any]) -> str:
    """A readable summary of a field's constraints.

    Examples
    --------
    >>> constraint_text({"constraints": {"required": True, "minimum": 0, "maximum": 1}})
    'required; from 0 to 1'
    >>> constraint_text({"constraints": {"enum": ["a", "b"]}})
    'one of: a, b'
    """
    c = field.get("constraints", {})
    parts = []
    if c.get("required"):
        parts.append("required")
    if c.get("unique"):
        parts.append("unique")
    if "enum" in c:
        parts.append("one of: " + ", ".join(str(v) for v in c["enum"]))
    if "minimum" in c and "maximum" in c:
        parts.append(f"from {c['minimum']} to {c['maximum']}")
    elif "minimum" in c:
        parts.append(f"at least {c['minimum']}")
    elif "maximum" in c:
        parts.append(f"at most {c['maximum']}")
    if "pattern" in c:
        parts.append(f"pattern {c['pattern']}")
    if "minLength" in c:
        parts.append(f"at least {c['minLength']} characters")
    return "; ".join(parts)


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
            if "basis" in df.columns:
                key = list(schema.primary_key)
                for n, (_, rec) in enumerate(df.iterrows(), start=2):
                    label = (", ".join(str(rec[k]) for k in key) if key else f"line {n}")
                    bases.setdefault(str(rec["basis"]), []).append(label)
            out.append({"name": schema.name, "path": schema.path, "title": schema.title,
                        "description": schema.description, "fields": schema.fields,
                        "rows": len(df), "sources": [short_citation(k) for k in keys],
                        "chapters": resource.get("chapters", []), "bases": bases})
        return out

    def to_html(self) -> str:
        e = html.escape
        parts = []
        for t in self.tables():
            parts.append(f'<section class="course-data-table" id="data-{e(t["name"])}">')
            parts.append(f'<p class="course-data-title"><strong>{e(t["title"])}</strong> '
                         f'(<code>{e(t["path"])}</code>, {t["rows"]} rows) '
                         f'<a href="{e(self.data_url + t["path"])}" download>Download the CSV</a></p>')
            if t["description"]:
                parts.append(f"<p>{e(t['description'])}</p>")
            rows = "".join(
                f"<tr><td><code>{e(f['name'])}</code></td><td>{e(f.get('type', 'string'))}</td>"
                f"<td>{e(f.get('unit', ''))}</td><td>{e(constraint_text(f))}</td>"
                f"<td>{e(f.get('description', ''))}</td></tr>"
                for f in t["fields"])
            parts.append(
                '<div class="course-table-wrap" tabindex="0" role="region" '
                f'aria-label="Columns of {e(t["name"])}"><table class="course-table">'
                f"<caption>Columns of {e(t['name'])}</caption><thead><tr>"
                '<th scope="col">Column</th><th scope="col">Type</th><th scope="col">Unit</th>'
                '<th scope="col">Allowed values</th><th scope="col">Description</th></tr></thead>'
                f"<tbody>{rows}</tbody></table></div>")
            parts.append(f"<p><strong>Sources cited by its rows:</strong> "
                         f"{e('; '.join(t['sources']))}.</p>")
            if t["bases"]:
                counts = {k: 0 for k in BASIS_KINDS}
                for basis, rows in t["bases"].items():
                    counts[basis_kind(basis)] += len(rows)
                summary = ", ".join(f"{n} {k}" for k, n in counts.items() if n)
                items = "".join(
                    f'<li><span class="basis">{html_text(basis)}</span> <span class="basis-rows">'
                    f'(rows: {html_text(", ".join(rows)) if len(rows) < t["rows"] else "all"})</span></li>'
                    for basis, rows in t["bases"].items())
                parts.append(f"<p><strong>Basis of its rows:</strong> {summary}.</p>"
                             f'<ul class="course-data-basis">{items}</ul>')
            parts.append("</section>")
        return "\n".join(parts)

    def _repr_html_(self) -> str:
        return self.to_html()


def data_appendix(data_dir: Path | None = None, data_url: str = "../../data/") -> DataAppendix:
    """The data appendix for ``data_dir`` (the course's ``data/`` by default)."""
    return DataAppendix(data_dir, data_url)
