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
from .i18n import N_, _

__all__ = [
    "AUTHORS",
    "LICENCES",
    "RELEASED",
    "TITLE",
    "authors",
    "bibtex",
    "footer_html",
    "prose_citation",
    "reuse_panel",
    "title",
    "version",
]

#: The course's title (in English, as in ``CITATION.cff``; :func:`title` gives it in the session's language).
TITLE = N_("Selective nuclear proliferation: a course")
#: The authors as they should be named in a citation (:func:`authors` in the session's language).
AUTHORS = N_("The course authors")
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


def title() -> str:
    """The course's title in the language the package speaks now (the Japanese edition's own title)."""
    return _(TITLE)


def authors() -> str:
    """The authors, as a citation in the language the package speaks now names them."""
    return _(AUTHORS)


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
    text = _("{authors} ({year}). {title} (version {version}, released {released}). "
             "Licensed under CC BY 4.0.").format(authors=authors(), year=RELEASED[:4], title=title(),
                                                 version=version(), released=RELEASED)
    return f"{text} {url}" if url else text


def footer_html(reuse_href: str) -> str:
    """The line every page's footer carries: licence, version and a link to "Reuse and cite".

    Examples
    --------
    >>> "CC BY 4.0" in footer_html("reuse.html")
    True
    """
    return _('Text and figures <a href="{licence}" rel="license">CC BY 4.0</a>, code MIT, data CC BY 4.0 · '
             'version {version} · <a href="{reuse}">Reuse and cite</a>').format(
        licence=LICENCES[0][3], version=html.escape(version()), reuse=html.escape(reuse_href))


class _Citations:
    """The recommended citations, shown as HTML in a page or notebook and as text elsewhere."""

    def __init__(self, url: str = "") -> None:
        self.url = url

    def __repr__(self) -> str:
        return f"{prose_citation(self.url)}\n\n{bibtex(self.url)}"

    def _repr_html_(self) -> str:
        in_prose = _("In prose")
        return (
            '<div class="course-citation">'
            f"<p><strong>{html.escape(in_prose)}</strong></p>"
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
