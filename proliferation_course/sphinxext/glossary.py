"""Glossary: under each entry of the glossary page, the pages that use the term.

Which page refers to which term (``{term}`...```) is recorded as each page is
read, kept in the build environment, and merged from the worker processes of a
parallel read (``sphinx-build -j``), so that no page is lost. The glossary page
is rewritten on every build, since any page may start or stop using a term.
"""

from __future__ import annotations

import html
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .languages import source_term, translate

__all__ = ["GLOSSARY_DOC", "setup", "term_usage"]

GLOSSARY_DOC = "book/glossary"
#: The attribute of the build environment that holds {term (lower case): {docname, ...}}.
USAGE = "course_term_usage"


def term_usage(env: BuildEnvironment) -> dict[str, set[str]]:
    """The pages that refer to each glossary term, kept in the environment (pickled with it)."""
    if not hasattr(env, USAGE):
        setattr(env, USAGE, {})
    return getattr(env, USAGE)


def _record(app: Sphinx, doctree: nodes.document) -> None:
    """Record which glossary terms the page just read refers to."""
    usage = term_usage(app.env)
    for ref in doctree.findall(nodes.Element):
        if ref.tagname == "pending_xref" and ref.get("reftype") == "term":
            usage.setdefault(ref["reftarget"].lower(), set()).add(app.env.docname)


def _purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    for pages in term_usage(env).values():
        pages.discard(docname)


def _merge(app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment) -> None:
    """Take over what a worker of a parallel read recorded for the pages it read."""
    usage = term_usage(env)
    for term, pages in term_usage(other).items():
        usage.setdefault(term, set()).update(pages & set(docnames))


def _used_in(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Under each glossary entry, list (and link) the pages that refer to the term."""
    if docname != GLOSSARY_DOC or app.builder.format != "html":
        return
    usage = term_usage(app.env)
    for item in doctree.findall(nodes.definition_list_item):
        # On a translated page the term is translated; the pages refer to it in English.
        terms = [source_term(app, t.astext().strip()) for t in item.findall(nodes.term)]
        pages = sorted({d for t in terms for d in usage.get(t.lower(), set()) if d != GLOSSARY_DOC})
        para = nodes.paragraph(classes=["glossary-used-in"])
        para += nodes.strong(text=translate(app, "Used in: "))
        if not pages:
            para += nodes.Text(translate(app, "(not yet referred to from a page)"))
        for i, page in enumerate(pages):
            if i:
                para += nodes.Text("; ")
            title = app.env.titles[page].astext() if page in app.env.titles else page
            para += nodes.reference("", title, internal=True,
                                    refuri=app.builder.get_relative_uri(docname, page))
        definitions = list(item.findall(nodes.definition))
        if definitions:
            definitions[0] += para


def _bilingual(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """At the end of the glossary page, in both languages: the whole glossary in English and in
    Japanese side by side, in a toggle (for seminars that mix the two languages)."""
    if docname != GLOSSARY_DOC or app.builder.format != "html":
        return
    from pathlib import Path

    from .. import handouts

    source = Path(app.srcdir) / "book" / "glossary.md"
    catalogue = Path(app.srcdir) / "locales" / "ja" / "LC_MESSAGES" / "book" / "glossary.po"
    if not (source.is_file() and catalogue.is_file()):
        return  # a project without the course's glossary and its catalogue (the extension's tests)
    table = handouts.bilingual_glossary_html(handouts.bilingual_glossary(source, catalogue))
    summary = translate(app, "English and Japanese side by side (for seminars that mix the two languages)")
    sections = list(doctree.findall(nodes.section))
    target: nodes.Element = sections[0] if sections else doctree
    target.append(nodes.raw("", f'<details class="course-glossary-bilingual" id="glossary-bilingual">'
                            f"<summary>{html.escape(summary)}</summary>{table}</details>", format="html"))


def _always_outdated(app: Sphinx, env: BuildEnvironment, added: set, changed: set,
                     removed: set) -> list[str]:
    """The glossary lists where each term is used, so it is rewritten on every build."""
    return [GLOSSARY_DOC] if GLOSSARY_DOC in env.found_docs else []


def setup(app: Sphinx) -> dict[str, Any]:
    handlers = (("doctree-read", _record), ("env-purge-doc", _purge), ("env-merge-info", _merge),
                ("doctree-resolved", _used_in), ("doctree-resolved", _bilingual),
                ("env-get-outdated", _always_outdated))
    for event, handler in handlers:
        app.connect(event, handler)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
