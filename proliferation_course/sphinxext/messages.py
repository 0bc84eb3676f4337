"""The package's translatable texts, extracted from its source into gettext templates (``.pot``).

:mod:`proliferation_course.i18n` translates at run time what the package writes; this module,
used by ``scripts/update-translations.sh`` and by the tests (it needs Babel, which Sphinx
brings, so it lives with the build's code), finds the units to translate:

* every text inside ``_()`` or ``N_()`` in a module of the package (one domain per module,
  ``figures/window``), the site extension aside (its words are Sphinx's catalogue's);
* every title, prompt, choice and feedback of a quiz (one domain per quiz, ``quizzes/ch02``);
* every table's title and description and every column's description and unit in the data
  package's descriptor (the domain ``data/datapackage``; the tables' own text is translated in
  the tables, in ``<column>_ja`` columns: :func:`proliferation_course.data.text`).

``python -m proliferation_course.sphinxext.messages OUTDIR`` writes ``OUTDIR/<domain>.pot``.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import yaml
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.pofile import write_po

from .. import i18n
from ..resources import data_dir, quiz_dir

__all__ = ["PACKAGE", "descriptor_messages", "domains", "fields", "module_messages", "problems", "quiz_messages",
           "write_templates"]

#: The package's folder.
PACKAGE = Path(i18n.__file__).parent
_KEYWORDS = {"_": None, "N_": None}


def module_messages(path: Path) -> list[tuple[str, int]]:
    """The texts marked for translation in one module, with their lines, in order."""
    found = []
    for line, message, _comments, _context in extract_from_file("python", path, keywords=_KEYWORDS):
        if isinstance(message, str) and message:
            found.append((message, line))
    return found


def _quiz_texts(raw: object) -> Iterator[tuple[str, str]]:
    if not isinstance(raw, dict):
        return
    if isinstance(raw.get("title"), str):
        yield "title", raw["title"].strip()
    for n, question in enumerate(raw.get("questions") or [], 1):
        if not isinstance(question, dict):
            continue
        if isinstance(question.get("prompt"), str):
            yield f"question {n}", question["prompt"].strip()
        for k, choice in enumerate(question.get("choices") or []):
            if isinstance(choice, dict):
                for key in ("text", "feedback"):
                    if isinstance(choice.get(key), str):
                        yield f"question {n}, choice {chr(97 + k)}, {key}", choice[key].strip()


def quiz_messages(path: Path) -> list[tuple[str, str]]:
    """The texts of one quiz file, each with where it is (``question 2, choice b, feedback``)."""
    return [(text, where) for where, text in _quiz_texts(yaml.safe_load(path.read_text(encoding="utf-8")))]


def descriptor_messages(path: Path) -> list[tuple[str, str]]:
    """The texts of the data package's descriptor a reader sees (the data appendix): each table's
    title and description, each column's description and unit, with where they are."""

    found = []
    for resource in json.loads(path.read_text(encoding="utf-8"))["resources"]:
        name = resource["name"]
        for key in ("title", "description"):
            if resource.get(key):
                found.append((resource[key].strip(), f"{name}: {key}"))
        for field in resource["schema"]["fields"]:
            for key in ("description", "unit"):
                if isinstance(field.get(key), str) and field[key].strip():
                    found.append((field[key].strip(), f"{name}.{field['name']}: {key}"))
    return found


def domains(package: Path = PACKAGE, quizzes: Path | None = None,
            descriptor: Path | None = None) -> dict[str, list[tuple[str, str]]]:
    """Every domain with texts to translate: ``{domain: [(English, where), ...]}``, sorted by domain."""
    found: dict[str, list[tuple[str, str]]] = {}
    for path in sorted(package.rglob("*.py")):
        rel = path.relative_to(package)
        if rel.parts[0] in ("sphinxext", "locale") or rel.name == "i18n.py":
            continue
        marked = module_messages(path)
        if marked:
            found[rel.with_suffix("").as_posix()] = [(m, f"{rel.as_posix()}:{line}") for m, line in marked]
    for path in sorted((quizzes or quiz_dir()).glob("*.yml")):
        texts = quiz_messages(path)
        if texts:
            found[f"quizzes/{path.stem}"] = [(m, f"{path.name}: {where}") for m, where in texts]
    if descriptor is None and quizzes is None:
        descriptor = data_dir() / "datapackage.json"
    if descriptor is not None:
        found["data/datapackage"] = [(m, f"datapackage.json: {where}")
                                     for m, where in descriptor_messages(descriptor)]
    return found


def write_templates(outdir: Path, package: Path = PACKAGE, quizzes: Path | None = None) -> list[Path]:
    """Write one template per domain, ``outdir/<domain>.pot``; return their paths."""
    written = []
    for domain, messages in domains(package, quizzes).items():
        messages = list(dict.fromkeys(messages))
        catalog = Catalog(project="proliferation_course", version=None, header_comment="",
                          fuzzy=False)
        for message, where in messages:
            file, _sep, rest = where.partition(":")
            catalog.add(message, locations=[(file, int(rest))] if rest.strip().isdigit() else [],
                        auto_comments=[where] if not rest.strip().isdigit() else [])
        target = outdir / f"{domain}.pot"
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("wb") as out:
            write_po(out, catalog, width=100, omit_header=False, sort_output=False)
        written.append(target)
    return written


if __name__ == "__main__":  # pragma: no cover - the script's entry point
    for written_path in write_templates(Path(sys.argv[1])):
        print(written_path)


_FIELD = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*|\d*)(?:[!:][^{}]*)?\}")


def fields(text: str) -> list[str]:
    """The named fields of a text formatted with :meth:`str.format`, sorted (``{share:.0%}`` is ``share``)."""
    return sorted(m.group(1) for m in _FIELD.finditer(text.replace("{{", "").replace("}}", "")))


def problems(lang: str, wanted: dict[str, list[tuple[str, str]]], locale_dir: Path | None = None) -> list[str]:
    """What is wrong with the catalogues of ``lang`` for the domains in ``wanted`` (from :func:`domains`).

    A domain has no catalogue; a text of the source has no unit (the catalogue is older than
    the source: run ``bash scripts/update-translations.sh --package``); a unit is empty or
    fuzzy; a translation drops or renames one of the English text's ``{fields}``.
    """
    root = (locale_dir or i18n.LOCALE_DIR) / lang / "LC_MESSAGES"
    found = []
    for domain, messages in wanted.items():
        path = root / f"{domain}.po"
        if not path.is_file():
            found.append(f"{domain}: no catalogue ({path})")
            continue
        units = {e.msgid: e for e in i18n.read_catalogue(path)}
        for message, where in messages:
            unit = units.get(message)
            if unit is None:
                found.append(f"{domain}: {where}: no unit for {message!r} (the catalogue is out of date)")
            elif not unit.msgstr:
                found.append(f"{domain}: {where}: not translated: {message!r}")
            elif unit.fuzzy:
                found.append(f"{domain}: {where}: out of date (fuzzy): {message!r}")
            elif fields(unit.msgstr) != fields(message):
                found.append(f"{domain}: {where}: the translation's fields {fields(unit.msgstr)} differ from "
                             f"the English's {fields(message)}")
    return found
