"""The package's words in the course's two languages: figures, panels, quizzes and messages.

The pages' prose is translated by Sphinx (``locales/ja/LC_MESSAGES/<page>.po``); what the
package itself writes (a figure's title and axes, a control's label, a quiz, a model's error,
an exercise check's feedback) is translated here, at run time, in the language of the build
or session (:func:`proliferation_course.context.course_language`).

* In the source, a translatable text is written in English inside :func:`_`:
  ``_("Hazard per month")``. A text with values in it is one unit with named fields, formatted
  after translation: ``_("{share:.0%} unstruck at month {month:g}").format(share=s, month=m)``
  (never an f-string, whose words could not be looked up).
* A text that must be defined before the language is known (a constant read by both faces)
  is marked with :func:`N_` and translated where it is shown, with :func:`_`.
* The translations are gettext catalogues inside the package,
  ``proliferation_course/locale/<language>/LC_MESSAGES/<domain>.po``: one domain per module
  (``figures/window``) and one per quiz (``quizzes/ch02``). ``scripts/update-translations.sh``
  extracts the units from the source (:mod:`proliferation_course.sphinxext.messages`) and
  merges them into the catalogues: a new text arrives empty, a changed one is marked fuzzy.
* An empty or fuzzy unit is not used: the English shows, and ``tests/test_i18n.py`` fails for
  a domain that must be complete (:data:`COMPLETE_DOMAINS`).

The catalogues are read with a small parser (:func:`read_catalogue`), so the package needs no
compiled ``.mo`` files and no extra dependency on a learner's machine.

Examples
--------
>>> import os
>>> os.environ.pop("COURSE_LANGUAGE", None) and None
>>> _("Hazard per month")
'Hazard per month'
>>> format_date(datetime.date(2025, 11, 19), "en"), format_date(datetime.date(2025, 11, 19), "ja")
('19 November 2025', '2025年11月19日')
>>> format_count(5580, "en"), format_count(5580, "ja"), format_count(12000, "ja"), format_count(123456, "ja")
('5,580', '5,580', '1万2,000', '12万3,456')
"""

from __future__ import annotations

import datetime
import os
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from .context import LANGUAGE_ENV, LANGUAGES, course_language

__all__ = ["COMPLETE_DOMAINS", "LOCALE_DIR", "N_", "Entry", "_", "catalogue", "catalogue_files", "clear_cache",
           "domain_catalogues", "domain_of", "translate", "unescape_myst",
           "format_count", "format_date", "language", "read_catalogue", "set_language", "speaking"]

#: The catalogues' folder, inside the package (so an installed wheel carries them).
LOCALE_DIR = Path(__file__).parent / "locale"

#: The domains (``<module or quiz>``) whose every unit must be translated, per language: what the
#: pages listed in :data:`proliferation_course.sphinxext.languages.COMPLETE_PAGES` show.
#: ``tests/test_i18n.py`` fails for an empty, fuzzy or missing unit of one of them.
COMPLETE_DOMAINS: dict[str, tuple[str, ...]] = {
    "ja": (
        "appendix",
        "citation",
        "data",
        "data/datapackage",
        "figures/argument_map",
        "figures/arms_race",
        "figures/article_x",
        "figures/breakout",
        "figures/cascade",
        "figures/controls",
        "figures/deterrence",
        "figures/escalation",
        "figures/norm",
        "figures/options",
        "figures/risk_matrix",
        "figures/strike_range",
        "figures/support",
        "figures/timeline",
        "figures/two_theatre",
        "figures/window",
        "models/_validate",
        "models/argument_map",
        "models/article_x",
        "models/breakout",
        "models/cascade",
        "models/deterrence",
        "models/escalation",
        "models/norm",
        "models/options",
        "models/risk_matrix",
        "models/strike_range",
        "models/support",
        "models/two_theatre",
        "models/window",
        "quiz",
        "checks/ex02",
        "checks/ex03",
        "checks/ex05",
        "checks/ex06",
        "checks/ex09",
        "checks/ex12",
        "exercises",
        "handouts",
        "notebooks",
        "quizzes/ch01",
        "quizzes/ch02",
        "quizzes/ch03",
        "quizzes/ch04",
        "quizzes/ch05",
        "quizzes/ch06",
        "quizzes/ch07",
        "quizzes/ch08",
        "quizzes/ch09",
        "quizzes/ch10",
        "quizzes/ch11",
        "quizzes/ch12",
        "quizzes/ch13",
        "render",
        "tables",
        "timeline",
        "validation",
        "widgets/argument_map",
        "widgets/arms_race",
        "widgets/article_x",
        "widgets/breakout",
        "widgets/cascade",
        "widgets/deterrence",
        "widgets/escalation",
        "widgets/norm",
        "widgets/options",
        "widgets/panel",
        "widgets/risk_matrix",
        "widgets/strike_range",
        "widgets/support",
        "widgets/two_theatre",
        "widgets/window",
    ),
}


def language() -> str:
    """The language the package speaks now (``en`` or ``ja``)."""
    return course_language()


def set_language(lang: str) -> None:
    """Speak ``lang`` from now on, in this session and the kernels it starts.

    Call it before importing the figures or the widgets: their labels are read once, at import.

    >>> set_language("de")
    Traceback (most recent call last):
    ...
    ValueError: the course exists in 'en' (English) and 'ja' (Japanese), not 'de'
    """
    if lang not in LANGUAGES:
        raise ValueError(f"the course exists in 'en' (English) and 'ja' (Japanese), not {lang!r}")
    os.environ[LANGUAGE_ENV] = lang


@contextmanager
def speaking(lang: str) -> Iterator[None]:
    """Speak ``lang`` inside a block (tests use this), then the language before it."""
    before = os.environ.get(LANGUAGE_ENV)
    set_language(lang)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(LANGUAGE_ENV, None)
        else:
            os.environ[LANGUAGE_ENV] = before


def N_(message: str) -> str:
    """Mark ``message`` for translation without translating it (translate it where it is shown)."""
    return message


def _(message: str) -> str:
    """``message`` (English) in the language the package speaks now; the English if it has no translation.

    Looked up as :func:`translate` does for the calling module.
    """
    return translate(message, sys._getframe(1).f_globals.get("__name__", ""))


def translate(message: str, module: str = "") -> str:
    """``message`` in the language the package speaks now, as ``module`` says it.

    One English word may need two Japanese ones ("Evidence" is 根拠 for a capability's basis,
    証拠 for a kind of node in the argument map), so the catalogues are searched in this order:
    the module's own (``figures/support`` for ``proliferation_course.figures.support``); those
    of the same explorer in the other layers (``models/support``, ``widgets/support``: a label
    defined in the model and shown by the figure); then every catalogue.
    """
    lang = course_language()
    if lang == LANGUAGES[0]:
        return message
    domains = domain_catalogues(lang)
    own = domain_of(module)
    stem = own.rsplit("/", 1)[-1]
    for domain in (own, *(d for d in domains if d != own and d.rsplit("/", 1)[-1] == stem)):
        units = domains.get(domain, {})
        if message in units:
            return units[message]
    return catalogue(lang).get(message, message)


def domain_of(module: str) -> str:
    """The catalogue domain of a module of the package: ``proliferation_course.figures.window`` is
    ``figures/window``.

    >>> domain_of("proliferation_course.figures.window")
    'figures/window'
    """
    prefix = __name__.rsplit(".", 1)[0] + "."
    return module.removeprefix(prefix).replace(".", "/")


def clear_cache() -> None:
    """Forget the catalogues read so far (tests that point :data:`LOCALE_DIR` elsewhere call it)."""
    catalogue.cache_clear()
    domain_catalogues.cache_clear()


class Entry(tuple[str, str, bool, int]):
    """One unit of a catalogue: ``(msgid, msgstr, fuzzy, line)``."""

    __slots__ = ()

    @property
    def msgid(self) -> str:
        return self[0]

    @property
    def msgstr(self) -> str:
        return self[1]

    @property
    def fuzzy(self) -> bool:
        return self[2]

    @property
    def line(self) -> int:
        return self[3]


_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\", "r": "\r"}
_ESCAPE = re.compile(r"\\(.)")


def _unquote(text: str, path: Path, line: int) -> str:
    text = text.strip()
    if len(text) < 2 or not (text.startswith('"') and text.endswith('"')):
        raise ValueError(f"{path}, line {line}: expected a quoted string, got {text!r}")
    return _ESCAPE.sub(lambda m: _ESCAPES.get(m.group(1), "\\" + m.group(1)), text[1:-1])


def read_catalogue(path: Path) -> list[Entry]:
    """The units of a gettext catalogue (``.po``), obsolete ones (``#~``) left out.

    Raises :class:`ValueError` naming the file and line of anything it cannot read.
    """
    entries: list[Entry] = []
    fields: dict[str, str] = {}
    field = ""
    fuzzy = False
    start = 0

    def flush() -> None:
        nonlocal fields, fuzzy, field
        if "msgid" in fields:
            if "msgstr" not in fields:
                raise ValueError(f"{path}, line {start}: a msgid with no msgstr")
            entries.append(Entry((fields["msgid"], fields["msgstr"], fuzzy, start)))
        fields, fuzzy, field = {}, False, ""

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line:
            flush()
        elif line.startswith("#~"):
            continue
        elif line.startswith("#"):
            if "msgid" in fields and "msgstr" in fields:
                flush()
            if line.startswith("#,") and "fuzzy" in line[2:].replace(",", " ").split():
                fuzzy = True
        elif line.startswith('"'):
            if not field:
                raise ValueError(f"{path}, line {number}: a string outside any msgid or msgstr")
            fields[field] += _unquote(line, path, number)
        else:
            keyword, _sep, rest = line.partition(" ")
            if keyword not in ("msgid", "msgstr", "msgctxt", "msgid_plural") and not keyword.startswith("msgstr["):
                raise ValueError(f"{path}, line {number}: unknown keyword {keyword!r}")
            if keyword == "msgid" and "msgstr" in fields:
                flush()
            if keyword == "msgid":
                start = number
            field = "msgstr" if keyword.startswith("msgstr[") and "msgstr" not in fields else keyword
            fields[field] = _unquote(rest, path, number)
    flush()
    return [e for e in entries if e.msgid]


def catalogue_files(lang: str) -> list[Path]:
    """The catalogues of ``lang``, sorted."""
    return sorted((LOCALE_DIR / lang / "LC_MESSAGES").rglob("*.po"))


@cache
def domain_catalogues(lang: str) -> dict[str, dict[str, str]]:
    """Every usable translation of ``lang``, per domain: ``{domain: {English: translation}}``
    (empty and fuzzy units left out)."""
    root = LOCALE_DIR / lang / "LC_MESSAGES"
    found: dict[str, dict[str, str]] = {}
    for path in catalogue_files(lang):
        domain = path.relative_to(root).with_suffix("").as_posix()
        found[domain] = {e.msgid: e.msgstr for e in read_catalogue(path) if e.msgstr and not e.fuzzy}
    return found


@cache
def catalogue(lang: str) -> dict[str, str]:
    """Every usable translation of ``lang``, all domains together: English text to translation
    (where two domains translate one text differently, the first domain in sorted order)."""
    found: dict[str, str] = {}
    for units in domain_catalogues(lang).values():
        for msgid, msgstr in units.items():
            found.setdefault(msgid, msgstr)
    return found


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")


def unescape_myst(text: str) -> str:
    r"""A unit of a page's catalogue (MyST) as plain text: its backslash escapes dropped (a chapter's
    title is written ``2\\. …`` in Japanese, so that MyST does not read it as a numbered list).

    >>> unescape_myst("2\\. 抑止は弾頭だけでは成り立たない")
    '2. 抑止は弾頭だけでは成り立たない'
    """
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text)


def format_date(day: datetime.date, lang: str | None = None) -> str:
    """A date as a reader of ``lang`` writes it: ``19 November 2025``, ``2025年11月19日``."""
    lang = lang or course_language()
    if lang == "ja":
        return f"{day.year}年{day.month}月{day.day}日"
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def format_count(count: int, lang: str | None = None) -> str:
    """A whole number as a reader of ``lang`` writes it: ``12,000``; in Japanese ``1万2,000`` from 10,000 on."""
    lang = lang or course_language()
    if lang == "ja" and abs(count) >= 10_000:
        sign = "-" if count < 0 else ""
        man, rest = divmod(abs(count), 10_000)
        return f"{sign}{man:,}万" + (f"{rest:,}" if rest else "")
    return f"{count:,}"
