"""The course's two editions, from one set of sources: learner (public) and instructor.

Instructor-only material is marked once in the sources:

* a block inside a page, with the ``{instructor}`` directive (MyST)::

      ```{instructor}
      Notes for the seminar leader: ...
      ```

  The instructor edition shows it as a boxed note ("Notes for instructors", or
  the directive's argument as title); the learner edition leaves it out of
  everything it writes: pages, search index, page sources, notebook downloads,
  handouts and the exercise kit.
* a whole page, with ``edition: instructor`` in its front matter: the learner
  edition leaves the page out of its table of contents and does not build it.

The edition is chosen by the build through the environment variable
``COURSE_EDITION`` (``learner``, the default, or ``instructor``).
``COURSE_SOLUTIONS=no`` builds a learner edition without the worked solutions
of the exercises (a class site for instructors who grade them).

This module holds the pure functions (tested on small fixtures); the Sphinx
side is :mod:`proliferation_course.sphinxext.editions`.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

__all__ = [
    "EDITIONS",
    "INSTRUCTOR_TITLE",
    "toc_files",
    "edition_from_env",
    "instructor_blocks",
    "learner_toc",
    "page_is_instructor_only",
    "solutions_from_env",
    "strip_instructor_blocks",
    "strip_instructor_notebook",
]

EDITIONS = ("learner", "instructor")
INSTRUCTOR_TITLE = "Notes for instructors"

_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.DOTALL)
# An opening fence of the instructor directive: ``` or ~~~ or ::: (three or more), then {instructor}.
_OPEN = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,}|:{3,})\{instructor\}(?P<rest>.*)$")


def edition_from_env(environ: Mapping[str, str] | None = None) -> str:
    """The edition the build asks for (``COURSE_EDITION``), ``learner`` by default.

    Examples
    --------
    >>> edition_from_env({})
    'learner'
    >>> edition_from_env({"COURSE_EDITION": "instructor"})
    'instructor'
    >>> edition_from_env({"COURSE_EDITION": "teacher"})
    Traceback (most recent call last):
    ...
    ValueError: COURSE_EDITION must be 'learner' or 'instructor', got 'teacher'
    """
    env = os.environ if environ is None else environ
    value = env.get("COURSE_EDITION", "learner").strip() or "learner"
    if value not in EDITIONS:
        raise ValueError(f"COURSE_EDITION must be 'learner' or 'instructor', got {value!r}")
    return value


def solutions_from_env(environ: Mapping[str, str] | None = None) -> bool:
    """Whether the build keeps the worked solutions of the exercises (``COURSE_SOLUTIONS``, yes by default).

    Examples
    --------
    >>> solutions_from_env({}), solutions_from_env({"COURSE_SOLUTIONS": "no"})
    (True, False)
    >>> solutions_from_env({"COURSE_SOLUTIONS": "maybe"})
    Traceback (most recent call last):
    ...
    ValueError: COURSE_SOLUTIONS must be 'yes' or 'no', got 'maybe'
    """
    env = os.environ if environ is None else environ
    value = env.get("COURSE_SOLUTIONS", "yes").strip().lower() or "yes"
    if value not in ("yes", "no"):
        raise ValueError(f"COURSE_SOLUTIONS must be 'yes' or 'no', got {value!r}")
    return value == "yes"


def page_is_instructor_only(text: str) -> bool:
    """Whether a page's front matter says ``edition: instructor``.

    Examples
    --------
    >>> page_is_instructor_only("---\\nedition: instructor\\n---\\n# Guide\\n")
    True
    >>> page_is_instructor_only("# A chapter\\n\\nedition: instructor\\n")
    False
    """
    match = _FRONT_MATTER.match(text)
    if not match:
        return False
    return re.search(r"^edition:\s*instructor\s*$", match.group(1), re.MULTILINE) is not None


def _blocks(lines: list[str]) -> list[tuple[int, int]]:
    """(first, last) line indices of every instructor block, fences included."""
    spans, i = [], 0
    while i < len(lines):
        match = _OPEN.match(lines[i])
        if not match:
            i += 1
            continue
        fence = match.group("fence")
        close = re.compile(rf"^[ \t]*{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
        j = i + 1
        while j < len(lines) and not close.match(lines[j]):
            j += 1
        if j == len(lines):
            raise ValueError(f"line {i + 1}: the {{instructor}} block opened here is never closed "
                             f"(expected a line of {fence})")
        spans.append((i, j))
        i = j + 1
    return spans


def strip_instructor_blocks(text: str) -> str:
    """``text`` without its ``{instructor}`` blocks (and without the blank line each leaves).

    Examples
    --------
    >>> src = "Question 1?\\n\\n```{instructor}\\nThe answer.\\n```\\n\\nQuestion 2?\\n"
    >>> strip_instructor_blocks(src)
    'Question 1?\\n\\nQuestion 2?\\n'
    >>> strip_instructor_blocks("::::{instructor}\\n:::{note}\\nx\\n:::\\n::::\\nend\\n")
    'end\\n'
    """
    lines = text.splitlines(keepends=True)
    drop: set[int] = set()
    for first, last in _blocks([ln.rstrip("\r\n") for ln in lines]):
        drop.update(range(first, last + 1))
        # one blank line after the block goes with it, so that no double gap is left
        if last + 1 < len(lines) and not lines[last + 1].strip() and first > 0 and not lines[first - 1].strip():
            drop.add(last + 1)
    return "".join(line for n, line in enumerate(lines) if n not in drop)


def instructor_blocks(text: str) -> list[str]:
    """The inner text of every ``{instructor}`` block in ``text`` (for the leak tests).

    Examples
    --------
    >>> instructor_blocks("a\\n```{instructor}\\nSecret note.\\n```\\n")
    ['Secret note.']
    """
    lines = [ln.rstrip("\r\n") for ln in text.splitlines()]
    return ["\n".join(lines[first + 1:last]).strip() for first, last in _blocks(lines)]


def strip_instructor_notebook(notebook_json: str) -> str:
    """A notebook (as JSON text) with the ``{instructor}`` blocks removed from its markdown cells.

    Cells left empty are dropped. The JSON is written as nbformat writes it
    (one-space indent, sorted keys are kept as they were).
    """
    nb: dict[str, Any] = json.loads(notebook_json)  # JSON: values of any JSON type
    cells = []
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "markdown":
            source = cell.get("source", "")
            text = "".join(source) if isinstance(source, list) else source
            stripped = strip_instructor_blocks(text)
            if stripped != text:
                if not stripped.strip():
                    continue
                cell = dict(cell, source=stripped.splitlines(keepends=True))
        cells.append(cell)
    nb["cells"] = cells
    return json.dumps(nb, indent=1, ensure_ascii=False) + "\n"


def _entries_without(entries: list[object], drop: set[str]) -> list[object]:
    kept: list[object] = []
    for entry in entries:
        if isinstance(entry, dict) and "file" in entry and str(entry["file"]) in drop:
            continue  # an instructor page and every section under it
        if isinstance(entry, dict):
            entry = dict(entry)
            for key in ("sections", "chapters"):
                if key in entry:
                    entry[key] = _entries_without(entry[key], drop)
                    if not entry[key]:
                        del entry[key]
        kept.append(entry)
    return kept


def toc_files(node: object) -> list[str]:
    """Every ``file`` named anywhere in a table of contents."""
    found: list[str] = []
    if isinstance(node, dict):
        if "file" in node:
            found.append(str(node["file"]))
        if "root" in node:
            found.append(str(node["root"]))
        for value in node.values():
            if isinstance(value, (dict, list)):
                found += toc_files(value)
    elif isinstance(node, list):
        for item in node:
            found += toc_files(item)
    return found


# The table of contents is YAML (yaml.safe_load): values of any YAML type.
def learner_toc(toc: dict[str, Any], root: Path) -> dict[str, Any]:
    """The table of contents of the learner edition: ``toc`` without the instructor-only pages.

    A page is instructor-only when its front matter says ``edition: instructor``
    (see :func:`page_is_instructor_only`); its sections go with it, and a part
    left with no chapters is dropped.
    """
    drop: set[str] = set()
    for name in toc_files(toc):
        path = root / f"{name}.md"
        if path.is_file() and page_is_instructor_only(path.read_text(encoding="utf-8")):
            drop.add(name)
    out = dict(toc)
    if "parts" in out:
        parts = []
        for part in out["parts"]:
            part = dict(part)
            part["chapters"] = _entries_without(part.get("chapters", []), drop)
            if part["chapters"]:
                parts.append(part)
        out["parts"] = parts
    for key in ("chapters", "sections"):
        if key in out:
            out[key] = _entries_without(out[key], drop)
    return out
