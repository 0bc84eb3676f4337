"""The notebooks a learner downloads: plain Markdown, a set-up cell, no instructor notes.

The course's pages are written in MyST Markdown, which the website renders
but Jupyter, Colab and most JupyterHubs do not: there a ``{term}`` role or an
admonition shows as raw markup, and a collapsed "Notes for instructors" box
shows its text to every learner. Every notebook the website offers for
download (a chapter's ``.ipynb``, an exercise's learner copy, the exercise
kit) goes through :func:`learner_notebook`, which

* turns the MyST markup into plain Markdown: ``{term}`` into a link to the
  site's glossary (when the site's address is known) or plain text, ``{cite:p}``
  and ``{cite:t}`` into "(Author, year)" and "Author (year)" with the list of
  references at the end, ``{doc}`` into the page's title in italics (a link when the
  site's address is known), ``{ja}`` into the Japanese text itself, a boxed note
  (an admonition such as "The other side", ``{important}``) into a blockquote
  headed by its title;
* leaves out every ``{instructor}`` block and every admonition titled "Notes for instructors";
* puts a short set-up cell first (:func:`setup_cell`), which installs the
  course's package in the learner's kernel when it is missing.

Markup it does not know raises :class:`NotebookConversionError`, naming the
cell, so nothing reaches a learner half converted.

Examples
--------
>>> site = Site(version="1.2.3", titles={"book/chapters/ch05": "5. Article X"},
...             citations={"npt1968": ("NPT", "1968")})
>>> convert_markdown("See {doc}`ch05`, {ja}`脱退` and {cite:p}`npt1968`.",
...                  docname="book/chapters/ch01", site=site, cited=[])
'See *5. Article X*, 脱退 and (NPT, 1968).'
"""

from __future__ import annotations

import copy
import json
import posixpath
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .i18n import N_, _

__all__ = [
    "INSTRUCTOR_NOTES",
    "NotebookConversionError",
    "Site",
    "bibliography_citations",
    "convert_markdown",
    "learner_notebook",
    "notebook_json",
    "page_notebook",
    "page_units",
    "setup_cell",
    "translate_markdown",
    "translate_notebook",
    "translate_prompt",
    "translate_summaries",
]

#: Directives whose content only the website has, and what a notebook says instead.
_SITE_ONLY = {
    "course-progress": "*(The table of your progress, with export, import and reset, is on this page of "
                       "the course's website: your browser keeps the record.)*",
    "quiz-exports": "*(The files for Moodle and Canvas are listed on this page of the instructor edition "
                    "of the website, in its folder `quizzes/`.)*",
}
#: The title of the admonitions that hold notes for instructors (left out of learner notebooks).
INSTRUCTOR_NOTES = "Notes for instructors"
#: Tag of the set-up cell that :func:`setup_cell` makes.
SETUP_TAG = "course-setup"
_BIBLIOGRAPHY = "\x00references\x00"


class NotebookConversionError(ValueError):
    """MyST markup in a page has no plain-Markdown form here; the message names the page and cell."""


@dataclass(frozen=True)
class Site:
    """What a conversion needs to know about the course and its website.

    Attributes
    ----------
    version
        The package's version, which names the wheel that the set-up cell installs.
    base_url
        The published site's address (``html_baseurl``); empty while it is unknown,
        and then terms and page references become plain text instead of links.
    repository_url, branch
        The public repository, if set (``repository.url`` in ``_config.yml``): the
        set-up cell installs the package from it when no wheel lies beside the notebook.
    titles
        Page titles by document name (``"book/chapters/ch05_article_x"``).
    terms
        Glossary terms, lowercased, mapped to ``"<docname>#<anchor>"`` on the site.
    citations
        For each bibliography key, its author part and year: ``("Schelling", "1966")``.
    references
        For each bibliography key, its full reference as Markdown (the list at the end).
    """

    version: str
    base_url: str = ""
    repository_url: str = ""
    branch: str = "main"
    titles: Mapping[str, str] = field(default_factory=dict)
    terms: Mapping[str, str] = field(default_factory=dict)
    citations: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    references: Mapping[str, str] = field(default_factory=dict)

    @property
    def wheel(self) -> str:
        """The file name of the course's wheel."""
        return f"proliferation_course-{self.version}-py3-none-any.whl"

    def url(self, docname: str, anchor: str = "") -> str:
        """The page's address on the site, or "" when the site's address is unknown."""
        if not self.base_url:
            return ""
        return f"{self.base_url.rstrip('/')}/{docname}.html" + (f"#{anchor}" if anchor else "")


# --------------------------------------------------------------------------- inline roles

_ROLE_OR_CODE = re.compile(r"\{(?P<role>[A-Za-z][\w:+-]*)\}`(?P<content>[^`]*)`"
                           r"|(?P<code>(?P<ticks>`+)(?s:.*?)(?P=ticks))")
_EXPLICIT = re.compile(r"^(?P<text>.*?)\s*<(?P<target>[^<>]+)>$", re.S)


def _split_explicit(content: str) -> tuple[str | None, str]:
    """``"text <target>"`` gives ``("text", "target")``; ``"target"`` gives ``(None, "target")``."""
    m = _EXPLICIT.match(content.strip())
    if m and m.group("text"):
        return m.group("text").strip(), m.group("target").strip()
    return None, content.strip()


def _link(text: str, url: str) -> str:
    return f"[{text}]({url})" if url else text


def _resolve_doc(target: str, docname: str) -> str:
    target = target.removesuffix(".md").removesuffix(".ipynb")
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(docname), target))


class _Converter:
    def __init__(self, docname: str, site: Site, cited: list[str], where: str) -> None:
        self.docname, self.site, self.cited, self.where = docname, site, cited, where

    def fail(self, what: str) -> NotebookConversionError:
        return NotebookConversionError(f"{self.where}: {what}")

    # roles ----------------------------------------------------------------
    def role(self, name: str, content: str) -> str:
        handler: Callable[[str], str] | None = {
            "term": self.term, "doc": self.doc, "ja": lambda c: c, "math": lambda c: f"${c}$",
            "cite": self.cite_p, "cite:p": self.cite_p, "cite:ps": self.cite_p,
            "cite:t": self.cite_t, "cite:ts": self.cite_t, "ref": self.plain_target,
            "numref": self.plain_target, "download": self.download, "abbr": lambda c: c,
            "sub": lambda c: f"<sub>{c}</sub>", "sup": lambda c: f"<sup>{c}</sup>",
        }.get(name)
        if handler is None:
            raise self.fail(f"the role {{{name}}} has no plain-Markdown form (add it to "
                            "proliferation_course.notebooks)")
        return handler(content)

    def term(self, content: str) -> str:
        text, target = _split_explicit(content)
        text = text or target
        where = self.site.terms.get(target.lower(), "")
        if where and self.site.base_url:
            doc, _, anchor = where.partition("#")
            return _link(text, self.site.url(doc, anchor))
        return text

    def doc(self, content: str) -> str:
        text, target = _split_explicit(content)
        doc = _resolve_doc(target, self.docname)
        url = self.site.url(doc)
        if text is None:
            if doc not in self.site.titles:
                raise self.fail(f"{{doc}}`{content}` names no page of the course ({doc})")
            text = self.site.titles[doc] if url else f"*{self.site.titles[doc]}*"
        return _link(text, url)

    def plain_target(self, content: str) -> str:
        text, target = _split_explicit(content)
        return text or target

    def download(self, content: str) -> str:
        text, target = _split_explicit(content)
        return text or posixpath.basename(target)

    def _keys(self, content: str) -> list[str]:
        keys = [k.strip() for k in content.split(",") if k.strip()]
        for key in keys:
            if key not in self.site.citations:
                raise self.fail(f"the citation key {key!r} is not in the bibliography")
            if key not in self.cited:
                self.cited.append(key)
        return keys

    def cite_p(self, content: str) -> str:
        parts = [", ".join(self.site.citations[k]) for k in self._keys(content)]
        return "(" + "; ".join(parts) + ")"

    def cite_t(self, content: str) -> str:
        parts = [f"{who} ({year})" for who, year in (self.site.citations[k] for k in self._keys(content))]
        return ", ".join(parts)

    def inline(self, line: str) -> str:
        def sub(m: re.Match[str]) -> str:
            if m.group("code") is not None:
                return m.group("code")
            return self.role(m.group("role"), m.group("content"))

        return _ROLE_OR_CODE.sub(sub, line)

    # blocks -----------------------------------------------------------------
    def block(self, text: str) -> str:
        lines = text.split("\n")
        out: list[str] = []
        prose: list[str] = []  # a role may span lines: convert prose a run of lines at a time

        def flush() -> None:
            if prose:
                out.extend(self.inline("\n".join(prose)).split("\n"))
                prose.clear()

        i = 0
        while i < len(lines):
            line = lines[i]
            m = _FENCE.match(line)
            if m is None:
                if not (re.match(r"^\s*\([\w-]+\)=\s*$", line) or re.match(r"^\s*%", line)):
                    prose.append(line)  # (a MyST target or comment shows nothing)
                i += 1
                continue
            flush()
            fence, name = m.group("fence"), m.group("name")
            end = i + 1
            closing = re.compile(rf"^ {{0,3}}{re.escape(fence[0])}{{{len(fence)},}}\s*$")
            while end < len(lines) and not closing.match(lines[end]):
                end += 1
            if end == len(lines):
                raise self.fail(f"the block opened by {line.strip()!r} is never closed")
            body = lines[i + 1:end]
            i = end + 1
            if name is None:  # a plain code block: kept as it is
                out.extend([line, *body, lines[end]])
                continue
            out.extend(self.directive(name, m.group("arg").strip(), body))
        flush()
        return "\n".join(out)

    def directive(self, name: str, arg: str, body: list[str]) -> list[str]:
        options: dict[str, str] = {}
        while body and (om := re.match(r"^:([\w-]+):\s*(.*)$", body[0])):
            options[om.group(1)] = om.group(2)
            body = body[1:]
        content = "\n".join(body).strip("\n")
        if name == "instructor":  # instructor-only material (proliferation_course.editions): never in a download
            return []
        if name == "admonition":
            if arg.strip().lower() == INSTRUCTOR_NOTES.lower():
                return []
            return _quote(self.inline(arg), self.block(content))
        if name in _ADMONITIONS:
            title = _ADMONITIONS[name]
            inner = self.block("\n".join([arg, content]) if arg else content)
            return _quote(title, inner)
        if name == "bibliography":
            return [_BIBLIOGRAPHY]
        if name == "glossary":
            return self.glossary(body)
        if name in ("code-block", "code", "sourcecode"):
            return [f"```{arg}", *body, "```"]
        if name == "math":
            return ["$$", content, "$$"]
        if name in ("toctree", "tableofcontents"):
            return []
        if name in _SITE_ONLY:  # made by the website's script or build: a sentence says where it is
            return [_SITE_ONLY[name]]
        if name == "raw" and arg == "html":
            return [content]
        raise self.fail(f"the directive {{{name}}} has no plain-Markdown form (add it to "
                        "proliferation_course.notebooks)")

    def glossary(self, body: list[str]) -> list[str]:
        out: list[str] = []
        terms: list[str] = []
        definition: list[str] = []

        def flush() -> None:
            if terms:
                out.append(f"**{' / '.join(self.inline(t) for t in terms)}**: "
                           + self.inline(" ".join(definition)))
                out.append("")
            terms.clear()
            definition.clear()

        for line in body:
            if not line.strip():
                continue
            if line.startswith((" ", "\t")):
                definition.append(line.strip())
            else:
                if definition:
                    flush()
                terms.append(line.strip())
        flush()
        return out


_FENCE = re.compile(r"^ {0,3}(?P<fence>`{3,}|:{3,})(?:\{(?P<name>[\w:-]+)\})?\s*(?P<arg>.*)$")
_ADMONITIONS = {
    "note": "Note", "important": "Important", "warning": "Warning", "tip": "Tip", "hint": "Hint",
    "caution": "Caution", "attention": "Attention", "danger": "Danger", "error": "Error",
    "seealso": "See also",
}


def _quote(title: str, body: str) -> list[str]:
    """A boxed note as a Markdown blockquote headed by its title."""
    lines = [f"> **{title}**", ">"]
    lines += [f"> {line}" if line.strip() else ">" for line in body.split("\n")]
    return lines


def convert_markdown(text: str, *, docname: str, site: Site, cited: list[str],
                     where: str = "") -> str:
    """Turn one Markdown cell's MyST markup into plain Markdown.

    Parameters
    ----------
    text
        The cell's source.
    docname
        The page it comes from (``"book/chapters/ch05_article_x"``), for relative references.
    site
        Titles, terms and citations (:class:`Site`).
    cited
        Bibliography keys cited so far; the keys this cell cites are appended, in order.
    where
        How errors name the cell (default: the page).

    Raises
    ------
    NotebookConversionError
        For a role or directive with no plain form, an unknown page or citation key,
        or a block that is never closed.
    """
    return _Converter(docname, site, cited, where or docname).block(text)


# --------------------------------------------------------------------------- set-up cell

_SETUP = '''\
# Set-up (run it first): this notebook needs the course's package, proliferation_course {version}.
# If it is missing, this cell installs it with pip {sources}; otherwise it does nothing.
import importlib, importlib.util, site, subprocess, sys
from pathlib import Path

if importlib.util.find_spec("proliferation_course") is None:
    wheel = Path("{wheel}")
    source = {choose}
    if source is None:
        raise ModuleNotFoundError(
            "proliferation_course is not installed, and its wheel is not beside this notebook. Download "
            "the exercise kit from the course website's Exercises page, unzip it and open the notebook "
            "there (on Colab or a JupyterHub, upload the wheel into the notebook's folder).")
    print(f"Installing the course package from {{source}} (this takes a minute) ...")
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", str(source)], check=True)
    site.addsitedir(site.getusersitepackages())  # where pip puts it when site-packages is read-only
    importlib.invalidate_caches()
import proliferation_course

print(f"The course package is ready: proliferation_course {{proliferation_course.__version__}}.")
if proliferation_course.__version__ != "{version}":
    print("Note: this notebook was written for version {version} of the package.")
'''


_SETUP_JA = '''\
# 準備（最初に実行すること）: このノートブックにはコースのパッケージ proliferation_course {version} が必要である。
# 入っていなければ、このセルが pip で{sources_ja}インストールする。入っていれば何もしない。
# 確認のメッセージや図が日本語になるよう、何かを読み込む前に言語を日本語にする。
import importlib, importlib.util, os, site, subprocess, sys
from pathlib import Path

os.environ["COURSE_LANGUAGE"] = "ja"
if importlib.util.find_spec("proliferation_course") is None:
    wheel = Path("{wheel}")
    source = {choose}
    if source is None:
        raise ModuleNotFoundError(
            "proliferation_course がインストールされておらず、その wheel もこのノートブックと"
            "同じフォルダーにない。"
            "コースのウェブサイトの「演習」のページから演習キットをダウンロードし、展開してそこでノートブックを開くこと"
            "（Colab や JupyterHub では、wheel をノートブックと同じフォルダーにアップロードすること）。")
    print(f"コースのパッケージを {{source}} からインストールしている（1 分ほどかかる）...")
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", str(source)], check=True)
    site.addsitedir(site.getusersitepackages())  # site-packages に書き込めないとき pip が入れる場所
    importlib.invalidate_caches()
import proliferation_course
from proliferation_course.i18n import set_language

set_language("ja")
print(f"コースのパッケージの準備ができた: proliferation_course {{proliferation_course.__version__}}")
if proliferation_course.__version__ != "{version}":
    print("注意: このノートブックはパッケージのバージョン {version} 用に書かれている。")
'''


def setup_cell(site: Site, lang: str = "en") -> dict[str, Any]:
    """The code cell that every downloaded notebook begins with.

    It installs the package from the wheel beside the notebook (the exercise kit
    holds one), or from the repository when ``site.repository_url`` is set and no
    wheel is there, and only when the package is not importable already. It says
    in plain words what it does, and raises a clear error when it cannot.
    """
    if site.repository_url:
        repo = f"git+{site.repository_url.rstrip('/')}.git@{site.branch}"
        choose = f'wheel if wheel.exists() else "{repo}"'
        sources = f"from the wheel beside it (in the exercise kit) or from {site.repository_url}"
    else:
        choose = "wheel if wheel.exists() else None"
        sources = "from the wheel beside it (in the exercise kit)"
    if lang == "ja":
        sources_ja = ("同じフォルダーにある wheel（演習キット）から" if not site.repository_url
                      else f"同じフォルダーにある wheel（演習キット）または {site.repository_url} から")
        source = _SETUP_JA.format(version=site.version, wheel=site.wheel, choose=choose,
                                  sources_ja=sources_ja)
    else:
        source = _SETUP.format(version=site.version, wheel=site.wheel, choose=choose, sources=sources)
    return {"cell_type": "code", "execution_count": None, "metadata": {"tags": [SETUP_TAG]},
            "outputs": [], "source": source.rstrip("\n")}


# --------------------------------------------------------------------------- notebooks

def _source(cell: Mapping[str, Any]) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else str(src)


def _references(site: Site, cited: list[str]) -> str:
    items = sorted((site.references.get(k, ", ".join(site.citations[k])) for k in cited), key=str.lower)
    return "\n".join(f"- {item}" for item in items)


def learner_notebook(notebook: Mapping[str, Any], *, docname: str, site: Site,
                     setup: bool = True, lang: str = "en") -> dict[str, Any]:
    """A notebook as a learner downloads it (see the module's description).

    Markdown cells are converted with :func:`convert_markdown`; a cell that held
    only instructor notes is left out. Code cells keep their source and tags, lose
    their outputs and execution counts. The references cited are listed where the
    page had its ``{bibliography}``, or in a last cell. The set-up cell comes first
    unless ``setup`` is false; in ``lang``, which it sets before anything is imported.
    """
    cells: list[dict[str, Any]] = [setup_cell(site, lang)] if setup else []
    cited: list[str] = []
    for n, cell in enumerate(notebook.get("cells", []), start=1):
        kind = cell.get("cell_type")
        meta = {k: v for k, v in copy.deepcopy(dict(cell.get("metadata", {}))).items()
                if k in ("tags", "stub")}
        if kind == "markdown":
            text = convert_markdown(_source(cell), docname=docname, site=site, cited=cited,
                                    where=f"{docname}, cell {n}").strip("\n")
            if text.strip():
                cells.append({"cell_type": "markdown", "metadata": meta, "source": text})
        elif kind == "code":
            cells.append({"cell_type": "code", "execution_count": None, "metadata": meta,
                          "outputs": [], "source": _source(cell)})
        elif kind == "raw":
            continue
    listed = False
    for cell in cells:
        if _BIBLIOGRAPHY in cell["source"]:
            cell["source"] = cell["source"].replace(_BIBLIOGRAPHY, _references(site, cited) if cited
                                                    else "No sources are cited on this page.")
            listed = True
    if cited and not listed:
        cells.append({"cell_type": "markdown", "metadata": {},
                      "source": "## References\n\n" + _references(site, cited)})
    return {
        "cells": cells,
        "metadata": {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        },
        "nbformat": 4,
        "nbformat_minor": 4,
    }


def page_notebook(path: Path, *, docname: str, site: Site) -> dict[str, Any]:
    """A MyST Markdown page (a chapter) as the learner's notebook: jupytext, then :func:`learner_notebook`."""
    import jupytext

    notebook = jupytext.read(path, fmt="md:myst")
    return learner_notebook(notebook, docname=docname, site=site)


def notebook_json(notebook: Mapping[str, Any]) -> str:
    """The notebook as ``.ipynb`` text: stable key order, one line per source line."""
    out = copy.deepcopy(dict(notebook))
    for cell in out["cells"]:
        text = _source(cell)
        cell["source"] = text.splitlines(keepends=True)
    return json.dumps(out, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


# --------------------------------------------------------------------------- the bibliography

def _clean(text: str) -> str:
    return text.replace("{", "").replace("}", "").replace("\\", "").strip()


def bibliography_citations(bib_file: Path | None = None) -> tuple[dict[str, tuple[str, str]],
                                                                  dict[str, str]]:
    """Each key's author part and year, and its full reference as Markdown, from ``references.bib``.

    The author part follows the site's author-year style: one or two surnames, or
    the first with "et al."; a source without a person is named by its
    ``shorthand``, organisation or publisher. The full reference is pybtex's
    ``plain`` style (the site's), as text (Jupyter links its URLs).
    """
    from pybtex.plugin import find_plugin

    from .references import BIB_FILE, bibliography

    data = bibliography(bib_file or BIB_FILE)
    citations: dict[str, tuple[str, str]] = {}
    for key, entry in data.entries.items():
        people = entry.persons.get("author") or entry.persons.get("editor") or []
        year = _clean(entry.fields.get("year", "n.d."))
        last = [_clean(" ".join(p.prelast_names + p.last_names)) for p in people]
        if len(last) == 1:
            who = last[0]
        elif len(last) == 2:
            who = f"{last[0]} and {last[1]}"
        elif last:
            who = f"{last[0]} et al."
        else:
            who = _clean(entry.fields.get("shorthand") or entry.fields.get("organization")
                         or entry.fields.get("institution") or entry.fields.get("publisher") or key)
            who = re.sub(rf"\s*\(?{re.escape(year)}[a-z]?\)?$", "", who) or who
        citations[key] = (who, year)
    style = find_plugin("pybtex.style.formatting", "plain")()
    formatted = style.format_bibliography(data)
    references = {e.key: e.text.render_as("text").replace("\n", " ") for e in formatted}
    return citations, references


# --------------------------------------------------------------------------- notebooks in another language

#: The folder of the pages' catalogues, at the repository's root (``<page>.po`` under it).
PAGE_CATALOGUES = Path("locales") / "{lang}" / "LC_MESSAGES"
#: The ``<summary>`` lines that scripts/make_exercises.py writes (and the rubrics' own), translated
#: by the package's catalogue: raw HTML is not a unit of the pages' catalogues.
SUMMARIES = (N_("Hint for question {number}"),
             N_("Rubric for question {number} (open it after you have written your own)"))


class NotebookTranslationError(ValueError):
    """A block of a notebook has no translation; the message names the notebook, cell and block."""


def page_units(path: Path) -> dict[str, str]:
    """The translated units of a page's catalogue (English MyST to its translation); empty and fuzzy left out."""
    from .i18n import read_catalogue

    return {e.msgid: e.msgstr for e in read_catalogue(path) if e.msgstr and not e.fuzzy}


def _unit(text: str) -> str:
    """A block's text as Sphinx makes it a catalogue's msgid: its lines joined by one space."""
    return re.sub(r"[ \t]*\n[ \t]*", " ", text.strip())


def _parser() -> Any:
    from markdown_it import MarkdownIt
    from mdit_py_plugins.dollarmath import dollarmath_plugin

    return MarkdownIt("commonmark").enable("table").use(dollarmath_plugin)


#: The toggles' prompts that scripts/make_exercises.py gives an exercise page's answer and check cells.
PROMPTS = (N_("Show the solution to question {number}"), N_("Hide the solution to question {number}"),
           N_("Show the check's result for question {number}"),
           N_("Hide the check's result for question {number}"))


def _template(text: str, templates: tuple[str, ...], lang: str) -> str | None:
    """``text``, one of ``templates`` with its number filled in, in ``lang``; None if it is none of them.

    Raises :class:`LookupError` when it is one of them but has no translation.
    """
    from .i18n import speaking

    for template in templates:
        pattern = re.escape(template).replace(r"\{number\}", r"(?P<number>\d+)")
        if found := re.fullmatch(pattern, text.strip()):
            with speaking(lang):
                translated = _(template)
            if translated == template:
                raise LookupError(f"{text!r} has no translation in the package's catalogue")
            return translated.format(number=found.group("number"))
    return None


def translate_prompt(text: str, lang: str) -> str:
    """A toggle's prompt of an exercise page (:data:`PROMPTS`) in ``lang``; another text unchanged."""
    try:
        return _template(text, PROMPTS, lang) or text
    except LookupError:
        return text


def _summary(html: str, lang: str, fail: Callable[[str], NotebookTranslationError]) -> str:
    def repl(m: re.Match[str]) -> str:
        text = m.group(1).strip()
        try:
            translated = _template(text, SUMMARIES, lang)
        except LookupError as err:
            raise fail(f"the summary {err}") from err
        if translated is None:
            raise fail(f"the summary {text!r} is not one the package translates ({', '.join(SUMMARIES)})")
        return f"<summary>{translated}</summary>"

    return re.sub(r"<summary>(.*?)</summary>", repl, html, flags=re.S)


def translate_summaries(html: str, lang: str, where: str) -> str:
    """``html`` with each ``<summary>`` that the exercises write (:data:`SUMMARIES`) in ``lang``.

    Raises :class:`NotebookTranslationError`, naming ``where``, for a summary the package does not translate.
    """
    return _summary(html, lang, lambda what: NotebookTranslationError(f"{where}: {what}"))


def translate_markdown(text: str, units: Mapping[str, str], *, lang: str, where: str) -> str:
    """A markdown cell with each block replaced by its translation from ``units`` (a page's catalogue).

    The blocks are those Sphinx makes units of: paragraphs, headings and the paragraphs of list items
    and quotes, each looked up by its MyST source (lines joined by a space), as markdown-it-py, the
    parser myst-parser uses, delimits it. Code blocks and math are kept as they are; a ``<summary>``
    line is translated by the package's catalogue.

    Raises
    ------
    NotebookTranslationError
        For a block with no translation, naming ``where`` and the block's beginning.
    """
    lines = text.split("\n")
    out: dict[int, tuple[int, str]] = {}  # first line -> (end line, new text)
    tokens = _parser().parse(text)

    def fail(what: str) -> NotebookTranslationError:
        return NotebookTranslationError(f"{where}: {what}")

    for i, token in enumerate(tokens):
        if token.type == "html_block" and token.map:
            start, end = token.map
            out[start] = (end, _summary("\n".join(lines[start:end]), lang, fail))
            continue
        if token.type not in ("paragraph_open", "heading_open") or not token.map:
            continue
        inline = tokens[i + 1]
        start, end = token.map
        msgid = _unit(inline.content)
        if msgid not in units:
            raise fail(f"no translation for the block {msgid[:70]!r}: translate it in the page's "
                       "catalogue (bash scripts/update-translations.sh, then CONTRIBUTING, \"Translating\")")
        first = lines[start]
        if token.type == "heading_open":
            prefix = first[: len(first) - len(first.lstrip())] + token.markup + " "
        else:
            head = inline.content.split("\n", 1)[0]
            at = first.find(head)
            if at < 0:
                raise fail(f"cannot find the block {head[:70]!r} in its line")
            prefix = first[:at]
        out[start] = (end, prefix + units[msgid])
    result, n = [], 0
    while n < len(lines):
        if n in out:
            end, new = out[n]
            result.append(new)
            n = end
        else:
            result.append(lines[n])
            n += 1
    return "\n".join(result)


def translate_notebook(notebook: Mapping[str, Any], units: Mapping[str, str], *, lang: str,
                       name: str) -> dict[str, Any]:
    """``notebook`` with every markdown cell translated (:func:`translate_markdown`); code cells identical."""
    out = copy.deepcopy(dict(notebook))
    for n, cell in enumerate(out.get("cells", []), start=1):
        if cell.get("cell_type") == "markdown":
            cell["source"] = translate_markdown(_source(cell), units, lang=lang, where=f"{name}, cell {n}")
    return out


#: The cell that makes a notebook speak a language, before anything of the course is imported.
LANGUAGE_CELL = '''\
# このノートブックは日本語で進める（確認のメッセージも日本語になる）。最初に実行すること。
from proliferation_course.i18n import set_language

set_language("{lang}")'''
