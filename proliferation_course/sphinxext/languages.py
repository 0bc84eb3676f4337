"""Sphinx extension: one set of sources, a site in each language (English, Japanese).

How a language is built
-----------------------
Jupyter Book 1 cannot pass ``-D language=ja`` to Sphinx (jupyter-book issue 1791), and
Sphinx reads ``language`` and ``locale_dirs`` before any extension runs. So the build
writes a configuration of its own for each other language: ``_config.yml`` with the
overlay ``locales/<lang>/_config.yml`` laid over it (:func:`main`: ``config ja OUT``), and passes it with
``jupyter-book build --config OUT``. This module then, from ``config.language``:

* tells the package (and every kernel the build starts) the language, through the
  environment variable ``COURSE_LANGUAGE`` (:mod:`proliferation_course.context`);
* gives the language its own execution cache, ``_build/.jupyter_cache_<lang>``, shared by
  its learner and instructor editions, so that English outputs never reach a Japanese page;
* builds the catalogue (``gettext``) without executing a notebook.

How a page is translated
------------------------
Prose is translated with Sphinx's gettext catalogues, one per page
(``locales/ja/LC_MESSAGES/<page>.po``, ``gettext_compact = False``): each unit is a
paragraph, heading, list item or table cell of the English source, identified by its
English text. A unit whose English changed no longer matches its translation; a fuzzy
or empty translation is not used. Such a unit is shown in English, marked
``lang="en"``, and the page says at its top, in Japanese, that it is not (fully)
translated, with a link to the English page: nothing untranslated reaches a Japanese
page silently. The state of every page (units, translated units, the first
untranslated ones) is written to ``_build/translation-state/<lang>-<edition>.json``;
``tests/test_translations.py`` requires :data:`COMPLETE_PAGES` to be complete.

The site in two languages
-------------------------
The Japanese site is the English one under ``ja/`` (same paths below it). Every page has
a language switch in its header (``_templates/language-switch.html``) and
``<link rel="alternate" hreflang>`` to both versions; Japanese pages carry
``<html lang="ja">`` (Sphinx's own), the theme's strings in Japanese (Sphinx's and the
themes' catalogues, completed by ``locales/ja/LC_MESSAGES/sphinx.po``), search with
Sphinx's Japanese splitter, and ``course-ja.css`` (system CJK fonts, Japanese line breaking).
"""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path
from typing import Any

import yaml
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.errors import ConfigError
from sphinx.locale import get_translation
from sphinx.util import logging
from sphinx.util.typing import ExtensionMetadata

from ..context import DEFAULT_LANGUAGE, LANGUAGE_ENV, LANGUAGES

__all__ = ["COMPLETE_PAGES", "ENGLISH_CLASSES", "LANGUAGE_NAMES", "LOCALES", "catalogue_problems", "counterpart",
           "language_config", "setup", "source_term", "translate"]

logger = logging.getLogger(__name__)
_ = get_translation("sphinx")

#: The folder (at the book's root) that holds the catalogues and each language's config overlay.
LOCALES = "locales"
#: Each language's name, in that language (the switch shows it).
LANGUAGE_NAMES = {"en": "English", "ja": "日本語"}
#: The pages whose translation must be complete, per language (tests/test_translations.py).
#: Pages are added as their translation is finished (CONTRIBUTING, "Translating").
COMPLETE_PAGES: dict[str, tuple[str, ...]] = {"ja": (
    "book/intro",
    "book/chapters/ch01_proposal",
    "book/chapters/ch02_deterrence",
    "book/chapters/ch03_breakout",
    "book/chapters/ch04_window",
    "book/chapters/ch05_article_x",
    "book/chapters/ch06_japan_studies",
    "book/chapters/ch07_norm",
    "book/chapters/ch08_dominoes",
    "book/chapters/ch09_arms_race",
    "book/chapters/ch10_conventional",
    "book/chapters/ch11_support",
    "book/chapters/ch12_cross_regional",
    "book/chapters/ch13_conclusion",
    "book/exercises/index",
    "book/exercises/ex02_deterrence_solution",
    "book/exercises/ex03_breakout_solution",
    "book/exercises/ex05_article_x_solution",
    "book/exercises/ex06_japan_studies_solution",
    "book/exercises/ex09_arms_race_solution",
    "book/exercises/ex12_two_theatre_solution",
    "book/progress",
    "book/handouts/index",
    "book/handouts/part1",
    "book/handouts/part2",
    "book/handouts/part3",
    "book/instructor/notes_part1",
    "book/instructor/notes_part2",
    "book/instructor/notes_part3",
    "book/instructor/guide",
    "book/instructor/scoring_sheet",
    "book/instructor/syllabus",
    "book/instructor/capstone",
    "book/instructor/role_cards",
    "book/timeline",
    "book/glossary",
    "book/appendix/data",
    "book/references",
    "book/reuse",
    "book/accessibility",
)}
#: The build environment's attribute: {docname: translation state of the page}.
STATE = "course_translation_state"
#: Notices at the top of a page that is not (fully) translated (Japanese; the English page is linked).
NOTICE = {
    "none": "このページはまだ日本語に訳されていない。以下は英語の原文である。",
    "part": "このページの翻訳は完了していない。英語の原文が変わった箇所、または未訳の箇所は英語のまま示す。",
    "link": "英語版を開く",
}
#: The instructor edition's banner (editions.py writes the English one), per language.
BANNERS = {"ja": "教員版: 教員向けの注記、教員用手引き、シラバス、評価基準、解答を収める。学生とは共有しないこと。"
                 "学生は学習者版を用いる。"}


# ------------------------------------------------------------------ configuration

def language_config(root: Path, language: str) -> dict[str, Any]:
    """The Jupyter Book configuration of ``language``: ``_config.yml`` with the language's
    overlay (``locales/<language>/_config.yml``) merged in, and Sphinx's ``language`` and
    ``locale_dirs`` set (they must be known before any extension runs)."""
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}: the course is built in {', '.join(LANGUAGES)}")
    base = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    if language != DEFAULT_LANGUAGE:
        overlay_path = root / LOCALES / language / "_config.yml"
        if not overlay_path.is_file():
            raise FileNotFoundError(f"{overlay_path}: no configuration overlay for {language!r}")
        base = _merge(base, yaml.safe_load(overlay_path.read_text(encoding="utf-8")) or {})
    sphinx_config = base.setdefault("sphinx", {}).setdefault("config", {})
    sphinx_config["language"] = language
    sphinx_config["locale_dirs"] = [str(root / LOCALES)]
    return base


def _merge(base: dict[str, Any], overlay: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in overlay.items():
        out[key] = _merge(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


def _languages_of(root: Path) -> list[str]:
    """The languages the site is built in: English, and each language with catalogues in ``locales/``."""
    found = [DEFAULT_LANGUAGE]
    for lang in LANGUAGES:
        if lang != DEFAULT_LANGUAGE and (root / LOCALES / lang / "LC_MESSAGES").is_dir():
            found.append(lang)
    return found


def _configure(app: Sphinx, config: Config) -> None:
    language = config.language or DEFAULT_LANGUAGE
    if language not in LANGUAGES:
        raise ConfigError(f"language {language!r}: the course is built in {', '.join(LANGUAGES)}")
    os.environ[LANGUAGE_ENV] = language  # the package, and every kernel the build starts, read it
    root = Path(app.srcdir)
    config.course_languages = _languages_of(root)
    # One catalogue per page (book/intro.po ...), not one per folder.
    config.gettext_compact = False
    if len(config.course_languages) > 1:
        options = config.html_theme_options
        end = list(options.get("article_header_end") or ["article-header-buttons.html"])
        if "language-switch.html" not in end:
            options["article_header_end"] = ["language-switch.html", *end]
    if language == DEFAULT_LANGUAGE:
        return
    config.translation_progress_classes = "untranslated"
    if getattr(config, "course_edition", "learner") == "instructor" and language in BANNERS:
        config.html_theme_options["announcement"] = BANNERS[language]
    # Its own execution cache, for both editions of the language (after editions.py's choice).
    config.nb_execution_cache_path = str(root / "_build" / f".jupyter_cache_{language}")


def _catalogue_build_executes_nothing(app: Sphinx) -> None:
    """The catalogue (gettext) holds the prose only: no notebook needs executing for it."""
    if app.builder.name == "gettext":
        app.config.nb_execution_mode = "off"


def _add_stylesheet(app: Sphinx) -> None:
    if app.builder.format != "html":
        return
    if len(app.config.course_languages) > 1:  # the language switch
        app.add_css_file("course-languages.css")
    if app.config.language and app.config.language != DEFAULT_LANGUAGE:
        app.add_css_file(f"course-{app.config.language}.css")


# ------------------------------------------------------------------ translation state

def _states(env: BuildEnvironment) -> dict[str, dict[str, Any]]:
    if not hasattr(env, STATE):
        setattr(env, STATE, {})
    return getattr(env, STATE)


def _record(app: Sphinx, doctree: nodes.document) -> None:
    """After Sphinx's Locale transform: how much of the page just read is translated.

    The captions of the table of contents (``_toc.yml``'s parts) are inserted by
    sphinx-external-toc after that transform: they are translated here, from the root page's catalogue.
    """
    if (app.config.language or DEFAULT_LANGUAGE) == DEFAULT_LANGUAGE or app.builder.name == "gettext":
        return
    from sphinx import addnodes

    catalogue = _catalogue(app, app.env.docname)
    for toctree in doctree.findall(addnodes.toctree):
        caption = toctree.get("caption")
        if caption and caption in catalogue:
            toctree["caption"] = _plain(catalogue[caption])
    # Text a cell writes (a Markdown output) is the package's, in the page's language already: not a unit.
    units = [n for n in doctree.findall(nodes.Element) if "translated" in n and not _in_cell_output(n)]
    missing = [n for n in units if not n["translated"]]
    _states(app.env)[app.env.docname] = {
        "units": len(units),
        "translated": len(units) - len(missing),
        "catalogue": bool(units),  # without a catalogue, Sphinx marks no unit at all
        "untranslated": [" ".join(n.astext().split())[:120] for n in missing[:20]],
    }


def _purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    _states(env).pop(docname, None)


def _merge_states(app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment) -> None:
    mine = _states(env)
    for docname, state in _states(other).items():
        if docname in docnames:
            mine[docname] = state


def is_complete(state: dict[str, Any] | None) -> bool:
    """A page is translated when it has a catalogue and every unit of it is translated."""
    return bool(state) and state["catalogue"] and state["translated"] == state["units"]  # type: ignore[index]


def _is_english_text(node: nodes.Node) -> bool:
    """A piece of an untranslated page that holds its English text: a paragraph, a title, a term,
    a caption, a rubric, a table's header or a cell's output (figures, quizzes, tables)."""
    if isinstance(node, (nodes.paragraph, nodes.title, nodes.term, nodes.caption, nodes.rubric,
                         nodes.field_name)):
        return not any(isinstance(a, (nodes.paragraph, nodes.title, nodes.term)) for a in _ancestors(node))
    return isinstance(node, nodes.container) and "cell_output" in node.get("classes", [])


def _in_cell_output(node: nodes.Node) -> bool:
    return any(isinstance(a, nodes.container) and "cell_output" in a.get("classes", []) for a in _ancestors(node))


def _ancestors(node: nodes.Node) -> list[nodes.Node]:
    out = []
    parent = node.parent
    while parent is not None:
        out.append(parent)
        parent = parent.parent
    return out


def _notice(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """A page not (fully) translated says so at its top; its English is marked ``lang="en"``."""
    if (app.config.language or DEFAULT_LANGUAGE) == DEFAULT_LANGUAGE or app.builder.format != "html":
        return
    state = _states(app.env).get(docname)
    if is_complete(state):
        return
    kind = "part" if state and state["catalogue"] else "none"
    sections = list(doctree.findall(nodes.section))
    if not sections:
        return
    first = sections[0]
    if kind == "none":  # the whole page is English: every piece of its text says so
        # Text nodes and cell outputs, not the blocks around them: the labels the theme writes
        # around them (a code cell's toggle, an admonition's title) are Japanese.
        for node in list(first.findall(_is_english_text)):
            if isinstance(node, nodes.Element):
                node["classes"].append("untranslated")
    english = "../" * (docname.count("/") + 1) + docname + app.builder.link_suffix  # type: ignore[attr-defined]
    note = nodes.admonition(classes=["note", "course-untranslated"])
    note += nodes.title("", "未翻訳")
    para = nodes.paragraph()
    para += nodes.Text(NOTICE[kind] + " ")
    para += nodes.reference("", NOTICE["link"], refuri=english, internal=False)
    note += para
    position = 1 if first.children and isinstance(first.children[0], nodes.title) else 0
    first.insert(position, note)


def _write_state(app: Sphinx, exc: Exception | None) -> None:
    language = app.config.language or DEFAULT_LANGUAGE
    if exc is not None or language == DEFAULT_LANGUAGE or app.builder.format != "html":
        return
    folder = Path(app.srcdir) / "_build" / "translation-state"
    folder.mkdir(parents=True, exist_ok=True)
    edition = getattr(app.config, "course_edition", "learner")
    states = {d: s for d, s in sorted(_states(app.env).items()) if d in app.env.found_docs}
    (folder / f"{language}-{edition}.json").write_text(
        json.dumps(states, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")


# ------------------------------------------------------------------ catalogues

def catalogue_problems(po_path: Path, expected: list[str] | None = None) -> list[str]:
    """What keeps a page's catalogue from being complete: a unit untranslated or fuzzy, and
    (given the units of the current English source, ``expected``) a unit with no translation."""
    from babel.messages.pofile import read_po

    if not po_path.is_file():
        return [f"{po_path}: no catalogue"]
    with po_path.open("rb") as fh:
        catalogue = read_po(fh)
    problems = []
    have: dict[str, Any] = {}
    for message in catalogue:
        if not message.id:
            continue
        have[str(message.id)] = message
        where = f"{po_path.name}:{message.lineno}"
        if message.fuzzy:
            problems.append(f"{where}: fuzzy (its English changed): {str(message.id)[:80]!r}")
        elif not str(message.string or "").strip():
            problems.append(f"{where}: not translated: {str(message.id)[:80]!r}")
    for msgid in expected or []:
        if msgid not in have:
            problems.append(f"{po_path.name}: a unit of the English source has no translation: {msgid[:80]!r}")
    return problems


def _catalogue(app: Sphinx, docname: str) -> dict[str, str]:
    """The translated units of one page's catalogue (English -> translation), empty if none."""
    cache: dict[str, dict[str, str]] = app.__dict__.setdefault("_course_catalogues", {})
    if docname not in cache:
        from babel.messages.pofile import read_po

        path = Path(app.srcdir) / LOCALES / str(app.config.language) / "LC_MESSAGES" / f"{docname}.po"
        found: dict[str, str] = {}
        if path.is_file():
            with path.open("rb") as fh:
                for message in read_po(fh):
                    if message.id and message.string and not message.fuzzy:
                        found[str(message.id)] = str(message.string)
        cache[docname] = found
    return cache[docname]


def _term_map(app: Sphinx) -> dict[str, str]:
    """Glossary terms: English (lower case) -> the term as translated."""
    from .glossary import GLOSSARY_DOC

    return {k.lower(): _plain(v) for k, v in _catalogue(app, GLOSSARY_DOC).items()
            if "\n" not in k and len(k) < 80}


def _plain(markup: str) -> str:
    """A term's text without its roles: ``抑止 {en}`deterrence``` -> ``抑止 deterrence``."""
    return re.sub(r"\{[\w:-]+\}`([^`]*)`", r"\1", markup).strip()


def source_term(app: Sphinx, term: str) -> str:
    """The English term of a glossary entry (``term`` as it appears on the page, maybe translated)."""
    if (app.config.language or DEFAULT_LANGUAGE) == DEFAULT_LANGUAGE:
        return term
    for english, translated in _term_map(app).items():
        if translated.strip().lower() == term.strip().lower():
            return english
    return term


def translate(app: Sphinx, message: str) -> str:
    """A string of the course's own (a label the extension writes) in the build's language."""
    return _(message)


def _resolve_translated_term(app: Sphinx, env: BuildEnvironment, node: Any, contnode: nodes.Element) -> Any:
    """``{term}`extended deterrence``` on a page of a translated build: the glossary's entry is
    now under its translated term; find it there."""
    if node.get("reftype") != "term" or (app.config.language or DEFAULT_LANGUAGE) == DEFAULT_LANGUAGE:
        return None
    translated = _term_map(app).get(str(node.get("reftarget", "")).lower())
    if not translated:
        return None
    std = env.get_domain("std")
    return std.resolve_xref(env, node["refdoc"], app.builder, "term", translated, node, contnode)


# ------------------------------------------------------------------ pages

def counterpart(pagename: str, here: str, there: str, suffix: str = ".html") -> str:
    """The relative address, from page ``pagename`` of the ``here`` site, of the same page in the
    ``there`` site (English at the root, every other language in a folder of its name).

    >>> counterpart("book/intro", "en", "ja")
    '../ja/book/intro.html'
    >>> counterpart("book/chapters/ch02", "ja", "en")
    '../../../book/chapters/ch02.html'
    >>> counterpart("search", "en", "ja")
    'ja/search.html'
    >>> counterpart("book/intro", "ja", "ja")
    'intro.html'
    """
    if here == there:
        return pagename.rsplit("/", 1)[-1] + suffix
    up = "../" * pagename.count("/")
    if here != DEFAULT_LANGUAGE:
        up += "../"
    folder = "" if there == DEFAULT_LANGUAGE else f"{there}/"
    return f"{up}{folder}{pagename}{suffix}"


#: The classes of the elements a Japanese page renders as English (``lang="en"``): text
#: Sphinx found no translation for, and the ``{en}`` role.
ENGLISH_CLASSES = frozenset({"untranslated", "lang-en"})

_UNTRANSLATED = re.compile(
    r'<(\w+)((?:\s+[\w:-]+="[^"]*")*?\s+class="(?:[^"]*\s)?(?:'
    + "|".join(sorted(ENGLISH_CLASSES)) + r')(?:\s[^"]*)?")')


def _en_role(name: str, rawtext: str, text: str, lineno: int, inliner: Any,
             options: dict[str, Any] | None = None, content: list[str] | None = None) -> tuple[list, list]:
    """``{en}`deterrence```: English inside Japanese text, rendered with ``lang="en"``."""
    return [nodes.inline(rawtext, text, classes=["lang-en"])], []


def _page_context(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],  # Jinja values
                  doctree: nodes.document | None) -> None:
    language = app.config.language or DEFAULT_LANGUAGE
    languages: list[str] = list(getattr(app.config, "course_languages", [language]))
    context["course_language"] = language
    links = [{"lang": lang, "name": LANGUAGE_NAMES[lang],
              "href": counterpart(pagename, language, lang, app.builder.link_suffix)}  # type: ignore[attr-defined]
             for lang in languages]
    context["course_counterparts"] = [link for link in links if link["lang"] != language]
    if len(languages) > 1:
        alternates = "".join(f'<link rel="alternate" hreflang="{link["lang"]}" href="{link["href"]}" />\n'
                             for link in links)
        context["metatags"] = context.get("metatags", "") + alternates
    if language != DEFAULT_LANGUAGE and "body" in context:
        context["body"] = _UNTRANSLATED.sub(r'<\1 lang="en"\2', context["body"])


def main(argv: list[str] | None = None) -> int:
    """``main(["config", LANG, OUT])``: write LANG's Jupyter Book configuration to OUT (the build
    passes it with ``--config``). scripts/build-site.sh calls it as
    ``python -c "...languages import main; sys.exit(main())" config ja OUT``."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 3 or args[0] != "config":
        print(main.__doc__, file=sys.stderr)
        return 2
    root = Path.cwd()
    out = Path(args[2])
    out.parent.mkdir(parents=True, exist_ok=True)
    text = ("# Generated by proliferation_course.sphinxext.languages from _config.yml and "
            f"locales/{args[1]}/_config.yml: do not edit.\n")
    text += yaml.safe_dump(language_config(root, args[1]), sort_keys=False, allow_unicode=True)
    if not out.is_file() or out.read_text(encoding="utf-8") != text:
        out.write_text(text, encoding="utf-8")
    return 0


def _glue_in_translated_units() -> None:
    """Let ``{glue:text}`` work in a translated unit.

    myst-nb looks a glued key up in the notebook of the document being parsed; Sphinx parses a
    translated unit (its Locale transform) in a document of its own, with no notebook, so the key is
    "not found" (the seminar pages quote counts this way). The page's notebook renderer is kept, per
    page, when the English text resolves a key (which happens first), and lent to the unit's document.
    """
    from myst_nb.ext.glue import directives, roles, utils

    original = utils.retrieve_glue_data
    if getattr(original, "course_patched", False):
        return

    def retrieve(document: nodes.document, key: str) -> Any:
        env = getattr(document.settings, "env", None)
        if "nb_renderer" in document:
            if env is not None:
                env.temp_data["course_nb_renderer"] = document["nb_renderer"]
        elif env is not None and "course_nb_renderer" in env.temp_data:
            # Lent for the lookup only: the unit's nodes keep a reference to their document, and
            # the renderer (which holds modules) must not be pickled with the page's doctree.
            document["nb_renderer"] = env.temp_data["course_nb_renderer"]
            try:
                return original(document, key)
            finally:
                del document["nb_renderer"]
        return original(document, key)

    retrieve.course_patched = True  # type: ignore[attr-defined]
    for module in (utils, roles, directives):
        module.retrieve_glue_data = retrieve


def setup(app: Sphinx) -> ExtensionMetadata:
    _glue_in_translated_units()
    app.add_config_value("course_languages", [DEFAULT_LANGUAGE], "env", [list])
    app.add_role("en", _en_role)
    # After editions.py (800), which may point the instructor edition at the learner's cache.
    app.connect("config-inited", _configure, priority=810)
    # Before myst-nb reads its configuration (builder-inited, 500).
    app.connect("builder-inited", _catalogue_build_executes_nothing, priority=400)
    handlers = (("builder-inited", _add_stylesheet), ("doctree-read", _record), ("env-purge-doc", _purge),
                ("env-merge-info", _merge_states), ("doctree-resolved", _notice),
                ("missing-reference", _resolve_translated_term), ("html-page-context", _page_context),
                ("build-finished", _write_state))
    for event, handler in handlers:
        app.connect(event, handler)
    return {"parallel_read_safe": True, "parallel_write_safe": True}


if __name__ == "__main__":
    raise SystemExit(main())
