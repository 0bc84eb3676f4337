r"""How to cite and reuse the course: its metadata, licences and recommended citations.

The version comes from :data:`proliferation_course.__version__`; the rest is
declared here once. ``CITATION.cff`` and ``CHANGELOG.md`` at the top of the
repository repeat the title, version and release date for tools that read
them, and ``tests/test_citation.py`` checks that they agree with this module.

Examples
--------
>>> import re
>>> bool(re.fullmatch(r"\d+\.\d+\.\d+", version()))
True
>>> bibtex().splitlines()[0]
'@misc{proliferation_course,'
"""

from __future__ import annotations

import html

from . import __version__

__all__ = [
    "AUTHORS",
    "LICENCES",
    "RELEASED",
    "TITLE",
    "bibtex",
    "footer_html",
    "prose_citation",
    "reuse_panel",
    "version",
]

TITLE = "Selective nuclear proliferation: a course"
#: The authors as they should be named in a citation.
AUTHORS = "The course authors"
#: Release date of this version (ISO 8601), as in CHANGELOG.md and CITATION.cff.
RELEASED = "2026-12-05"
#: What each licence covers: (material, SPDX identifier, title, URL of the legal code).
LICENCES: tuple[tuple[str, str, str, str], ...] = (
    ("text and figures", "CC-BY-4.0", "Creative Commons Attribution 4.0 International",
     "https://creativecommons.org/licenses/by/4.0/"),
    ("code", "MIT", "MIT License", "https://opensource.org/license/mit"),
    ("data", "CC-BY-4.0", "Creative Commons Attribution 4.0 International",
     "https://creativecommons.org/licenses/by/4.0/"),
)


def version() -> str:
    """The course's version (semantic versioning), as in the site footer and the kit."""
    return __version__


def bibtex(url: str = "") -> str:
    """The recommended citation as a BibTeX entry; ``url`` is the address where it was read.

    Examples
    --------
    >>> "version      = {" in bibtex()
    True
    """
    year = RELEASED[:4]
    lines = [
        "@misc{proliferation_course,",
        f"  author       = {{{{{AUTHORS}}}}},",
        f"  title        = {{{{{TITLE}}}}},",
        f"  year         = {{{year}}},",
        f"  version      = {{{version()}}},",
        f"  note         = {{Version {version()}, released {RELEASED}. Text and figures CC BY 4.0}},",
    ]
    if url:
        lines.append(f"  url          = {{{url}}},")
    lines.append("}")
    return "\n".join(lines)


def prose_citation(url: str = "") -> str:
    """The recommended citation in prose (author, year, title, version, licence).

    Examples
    --------
    >>> prose_citation().startswith("The course authors (2026).")
    True
    """
    text = (f"{AUTHORS} ({RELEASED[:4]}). {TITLE} (version {version()}, released {RELEASED}). "
            "Licensed under CC BY 4.0.")
    return f"{text} {url}" if url else text


def footer_html(reuse_href: str) -> str:
    """The line every page's footer carries: licence, version and a link to "Reuse and cite".

    Examples
    --------
    >>> "CC BY 4.0" in footer_html("reuse.html")
    True
    """
    cc = LICENCES[0][3]
    return (
        f'Text and figures <a href="{cc}" rel="license">CC BY 4.0</a>, code MIT, data CC BY 4.0 · '
        f'version {html.escape(version())} · '
        f'<a href="{html.escape(reuse_href)}">Reuse and cite</a>'
    )


class _Citations:
    """The recommended citations, shown as HTML in a page or notebook and as text elsewhere."""

    def __init__(self, url: str = "") -> None:
        self.url = url

    def __repr__(self) -> str:
        return f"{prose_citation(self.url)}\n\n{bibtex(self.url)}"

    def _repr_html_(self) -> str:
        return (
            '<div class="course-citation">'
            "<p><strong>In prose</strong></p>"
            f"<blockquote><p>{html.escape(prose_citation(self.url))}</p></blockquote>"
            "<p><strong>BibTeX</strong></p>"
            f'<pre class="course-citation-bibtex"><code>{html.escape(bibtex(self.url))}</code></pre>'
            "</div>"
        )


def reuse_panel(url: str = "") -> _Citations:
    """The recommended citations (prose and BibTeX) for a page of the course.

    Examples
    --------
    >>> "@misc{proliferation_course," in reuse_panel()._repr_html_()
    True
    """
    return _Citations(url)
