"""Resolve the BibTeX keys that data rows carry into short author-year labels.

Every row of every table names its sources as keys of ``book/references.bib``
(``"sipri2025; fas2025"``). :func:`short_citation` turns one key into the label
a reader knows (``"Kristensen et al. 2025"``); an unknown key is an error.

Examples
--------
>>> short_citation("schelling1966")
'Schelling 1966'
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from pybtex.database import BibliographyData, parse_file

from .resources import bibliography_file

__all__ = ["BIB_FILE", "bibliography", "cite_keys", "short_citation"]

#: The course's bibliography (inside the installed package).
BIB_FILE = bibliography_file()


@cache
def bibliography(path: Path = BIB_FILE) -> BibliographyData:
    """The parsed ``references.bib`` (cached)."""
    return parse_file(str(path), bib_format="bibtex")


def _clean(text: str) -> str:
    return text.replace("{", "").replace("}", "").replace("\\", "").strip()


def short_citation(key: str, path: Path = BIB_FILE) -> str:
    """``"Author Year"`` for a key of ``references.bib``; ``KeyError`` if it is not there.

    An entry's ``shorthand`` field, where set, is used instead (it tells apart
    sources whose author-year labels would collide).
    """
    entries = bibliography(path).entries
    if key not in entries:
        raise KeyError(f"{key!r} is not a key of {path.name}")
    entry = entries[key]
    if "shorthand" in entry.fields:  # set where author-year labels would collide
        return _clean(entry.fields["shorthand"])
    people = entry.persons.get("author") or entry.persons.get("editor") or []
    year = _clean(entry.fields.get("year", "n.d."))
    if not people:
        who = _clean(entry.fields.get("organization") or entry.fields.get("institution")
                     or entry.fields.get("publisher") or key)
    else:
        last = [_clean(" ".join(p.prelast_names + p.last_names)) for p in people]
        if len(last) == 1:
            who = last[0]
        elif len(last) == 2:
            who = f"{last[0]} and {last[1]}"
        else:
            who = f"{last[0]} et al."
    return f"{who} {year}"


def cite_keys(sources: str, path: Path = BIB_FILE) -> list[str]:
    """Split a ``source`` cell (``"a2020; b2021"``) and check that every key exists."""
    keys = [k.strip() for k in str(sources).split(";") if k.strip()]
    for k in keys:
        short_citation(k, path)
    return keys
