"""Generate the learner's copy of every exercise notebook from its solution notebook.

The solution notebook (``book/exercises/<name>_solution.ipynb``) is the one
source. Each question in it is a markdown cell, an answer cell and a check
cell ``check("exNN", "qK", answer)``, in that order. In it:

* a code cell tagged ``solution`` holds its answer between the lines
  ``# BEGIN SOLUTION`` and ``# END SOLUTION``; the learner's copy replaces that
  block with the cell's ``stub`` metadata (for example ``answer = ...``);
* a markdown cell tagged ``solution`` (a rubric, a worked explanation) is
  wrapped in ``<details>`` so that the website shows it only on request, and is
  left out of the learner's copy, as is any cell tagged ``web-only`` (a
  download link for the website);
* every other cell is copied as it is, without outputs.

This script also writes into the solution notebook what the checkers already
say, so that it is written once: under each question's markdown, a collapsed
hint (``<details class="course-hint">``) from the checker's docstring; on the
website, the answer cell and the check cell's output behind toggles that say
what they reveal; and a last cell, ``progress("exNN")``, that lists every
question's state.

Usage::

    python scripts/make_exercises.py            # write book/exercises/<name>.ipynb
    python scripts/make_exercises.py --check    # exit 1 if a notebook is out of date
    python scripts/make_exercises.py --execute  # first re-run the solutions, storing outputs
    python scripts/make_exercises.py --execute --only ex03_breakout   # one exercise
    python scripts/make_exercises.py --lang ja   # the Japanese notebooks, into _build/exercises/ja

The Japanese notebooks are generated, never committed: their words come from the
exercise pages' catalogues (``locales/ja/LC_MESSAGES/book/exercises/<name>_solution.po``,
the units the Japanese website shows), their code from the one English source
(CONTRIBUTING, "Translating").

A test runs ``--check``, so a copy that was not regenerated fails the suite.
"""

from __future__ import annotations

import argparse
import copy
import re
import sys
import textwrap
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
EXERCISES = ROOT / "book" / "exercises"
BEGIN, END = "# BEGIN SOLUTION", "# END SOLUTION"
CHECK = re.compile(r"""^check\(\s*"(ex\d+)"\s*,\s*"(q\d+)"\s*,""")
HINT = re.compile(r'\n*<details class="course-hint">.*?</details>\n*\Z', re.S)
PROGRESS_TITLE = "## Your progress"
# Tags and metadata that only the website uses.
WEB_TAGS = ("solution", "hide-cell", "hide-input", "hide-output")


class ExerciseSourceError(ValueError):
    """A solution notebook is malformed; the message names the notebook and the cell."""


def solution_notebooks() -> list[Path]:
    return sorted(EXERCISES.glob("*_solution.ipynb"))


def learner_path(solution: Path) -> Path:
    return solution.with_name(solution.name.replace("_solution.ipynb", ".ipynb"))


def _wrap(text: str) -> str:
    return textwrap.fill(text, width=79, break_long_words=False, break_on_hyphens=False)


def _hint_block(number: int, hint: str) -> str:
    return (f'<details class="course-hint">\n<summary>Hint for question {number}</summary>\n\n'
            f"{_wrap(hint)}\n\n</details>")


def _toggle(cell: nbformat.NotebookNode, tag: str, what: str) -> None:
    """Hide ``cell`` (or its output) on the website behind a toggle that names what it reveals."""
    tags = [t for t in cell.metadata.get("tags", []) if t not in ("hide-cell", "hide-output")]
    cell.metadata["tags"] = [*tags, tag]
    cell.metadata["mystnb"] = {"code_prompt_show": f"Show {what}", "code_prompt_hide": f"Hide {what}"}


def prepare(solution: Path, nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The solution notebook with what the checkers say written in: hints, toggles, the progress cell.

    Raises ExerciseSourceError, naming the cell, where a question is not a
    markdown cell, an answer cell and a check cell, or a rubric is not wrapped.
    """
    from proliferation_course.exercises import questions

    nb = copy.deepcopy(nb)
    exercise = solution.name.split("_")[0]
    registered = {q.id: q for q in questions(exercise)}
    if not registered:
        raise ExerciseSourceError(f"{solution.name}: no checkers are registered for {exercise}")
    previous = None  # the progress cell as it stands, with its stored output
    if nb.cells and nb.cells[-1].cell_type == "code" and nb.cells[-1].source.startswith(
            "from proliferation_course.exercises import progress"):
        previous = nb.cells[-1]
        del nb.cells[-2:]  # the progress cell and its title, written again below
    seen = []
    for i, cell in enumerate(nb.cells):
        where = f"{solution.name}, cell {i + 1}"
        tags = cell.metadata.get("tags", [])
        if cell.cell_type == "markdown" and "solution" in tags:
            text = cell.source.strip()
            if not (text.startswith("<details") and text.endswith("</details>")):
                raise ExerciseSourceError(f"{where}: a markdown solution cell (a rubric) must be wrapped "
                                          "in <details> ... </details>, so that the website hides it")
        if cell.cell_type != "code" or "solution" not in tags:
            continue
        after = nb.cells[i + 1] if i + 1 < len(nb.cells) else None
        m = CHECK.match(after.source) if after is not None and after.cell_type == "code" else None
        if m is None or m.group(1) != exercise or m.group(2) not in registered:
            raise ExerciseSourceError(f"{where}: an answer cell must be followed by its check cell, "
                                      f'check("{exercise}", "qK", answer), for a registered question')
        if i == 0 or nb.cells[i - 1].cell_type != "markdown":
            raise ExerciseSourceError(f"{where}: an answer cell must follow its question's markdown cell")
        q = registered[m.group(2)]
        seen.append(q.id)
        question = nb.cells[i - 1]
        question.source = HINT.sub("", question.source).rstrip("\n")
        if q.hint:
            question.source += "\n\n" + _hint_block(q.position, q.hint)
        _toggle(cell, "hide-cell", f"the solution to question {q.position}")
        _toggle(after, "hide-output", f"the check's result for question {q.position}")
    if sorted(seen) != sorted(registered):
        raise ExerciseSourceError(f"{solution.name}: answer cells for {', '.join(seen) or 'no question'}; "
                                  f"the checkers register {', '.join(registered)}")
    nb.cells.append(nbformat.v4.new_markdown_cell(PROGRESS_TITLE + "\n\n" + _wrap(
        "Run this cell to see, in one line each, the state of every question as its check cell last "
        "found it, and how many you have done.")))
    source = f'from proliferation_course.exercises import progress\n\nprogress("{exercise}")'
    cell = previous if previous is not None and previous.source == source else nbformat.v4.new_code_cell(source)
    nb.cells.append(cell)
    return nb


def _strip_solution(cell: nbformat.NotebookNode, where: str) -> nbformat.NotebookNode:
    stub = cell.metadata.get("stub")
    if not isinstance(stub, str) or not stub.strip():
        raise ExerciseSourceError(f"{where}: a solution cell needs a 'stub' in its metadata")
    lines = cell.source.splitlines()
    if lines.count(BEGIN) != 1 or lines.count(END) != 1 or lines.index(BEGIN) > lines.index(END):
        raise ExerciseSourceError(f"{where}: a solution cell needs one '{BEGIN}' line and one "
                                  f"'{END}' line after it")
    start, end = lines.index(BEGIN), lines.index(END)
    new = copy.deepcopy(cell)
    new.source = "\n".join(lines[:start] + stub.rstrip("\n").splitlines() + lines[end + 1:])
    return new


def make_learner_copy(solution: Path, nb: nbformat.NotebookNode | None = None) -> nbformat.NotebookNode:
    """The learner's notebook for one (prepared) solution notebook: no solutions, no outputs."""
    if nb is None:
        nb = prepare(solution, nbformat.read(solution, as_version=4))
    out = copy.deepcopy(nb)
    cells = []
    for i, cell in enumerate(nb.cells):
        tags = list(cell.metadata.get("tags", []))
        where = f"{solution.name}, cell {i + 1}"
        if "web-only" in tags:
            continue
        if "solution" in tags:
            if cell.cell_type == "markdown":
                continue
            cell = _strip_solution(cell, where)
        else:
            cell = copy.deepcopy(cell)
        tags = [t for t in tags if t not in WEB_TAGS]
        cell.metadata.pop("stub", None)
        cell.metadata.pop("mystnb", None)
        if tags:
            cell.metadata["tags"] = tags
        else:
            cell.metadata.pop("tags", None)
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
        cell.pop("id", None)
        cells.append(cell)
    out.cells = cells
    out.metadata.pop("widgets", None)
    return out


def _text(nb: nbformat.NotebookNode) -> str:
    for cell in nb.cells:
        cell.pop("id", None)
    nb.nbformat_minor = 4
    return nbformat.writes(nb) + "\n"


def execute(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Run a solution notebook in a fresh kernel; it with its outputs."""
    from nbclient import NotebookClient

    nb = copy.deepcopy(nb)
    NotebookClient(nb, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(EXERCISES)}}).execute()
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
    nb.metadata.pop("widgets", None)
    return nb


def catalogue_path(solution: Path, lang: str) -> Path:
    """The page catalogue that translates a solution notebook's markdown into ``lang``."""
    return ROOT / "locales" / lang / "LC_MESSAGES" / "book" / "exercises" / f"{solution.stem}.po"


def translated(solution: Path, lang: str = "ja") -> tuple[nbformat.NotebookNode, nbformat.NotebookNode]:
    """The solution notebook and the learner's copy in ``lang``, from the one English source.

    Each markdown block is replaced by its translation in the page's catalogue
    (:func:`catalogue_path`, the same units the website translates); code cells are identical,
    with no outputs; a first cell sets the language before anything is imported.

    Raises
    ------
    ExerciseSourceError
        When the page has no catalogue or a block of it is not translated (the message names the
        notebook, the cell and the block).
    """
    from proliferation_course.notebooks import (
        LANGUAGE_CELL,
        NotebookTranslationError,
        page_units,
        translate_notebook,
        translate_prompt,
    )

    po = catalogue_path(solution, lang)
    shown = po.relative_to(ROOT) if po.is_relative_to(ROOT) else po
    if not po.is_file():
        raise ExerciseSourceError(f"{solution.name}: no {lang} catalogue {shown}; start it with "
                                  f"bash scripts/update-translations.sh book/exercises/{solution.stem}")
    units = page_units(po)
    prepared = prepare(solution, nbformat.read(solution, as_version=4))
    out = []
    learner = make_learner_copy(solution, prepared)
    for nb, name in ((prepared, solution.name), (learner, learner_path(solution).name)):
        try:
            nb = nbformat.from_dict(translate_notebook(nb, units, lang=lang, name=f"{name} ({lang})"))
        except NotebookTranslationError as err:
            raise ExerciseSourceError(f"{err} [{shown}]") from err
        for cell in nb.cells:
            if cell.cell_type == "code":
                cell.outputs, cell.execution_count = [], None
                for key, prompt in cell.metadata.get("mystnb", {}).items():
                    cell.metadata["mystnb"][key] = translate_prompt(prompt, lang)
            cell.metadata.pop("execution", None)
        nb.cells.insert(0, nbformat.v4.new_code_cell(LANGUAGE_CELL.format(lang=lang),
                                                     metadata={"tags": ["course-language"]}))
        nb.metadata.pop("widgets", None)
        out.append(nb)
    return out[0], out[1]


def write_translated(folder: Path, lang: str = "ja", only: str | None = None) -> list[Path]:
    """Write every solution notebook and learner's copy in ``lang`` into ``folder``; the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for solution in solution_notebooks():
        if only and solution.name != f"{only}_solution.ipynb":
            continue
        nb_solution, nb_learner = translated(solution, lang)
        for nb, name in ((nb_solution, solution.name), (nb_learner, learner_path(solution).name)):
            (folder / name).write_text(_text(nb), encoding="utf-8")
            written.append(folder / name)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if a notebook is out of date")
    parser.add_argument("--execute", action="store_true", help="re-run solutions, store outputs")
    parser.add_argument("--only", metavar="NAME", help="only this exercise, e.g. ex03_breakout")
    parser.add_argument("--lang", metavar="LANG", help="write the notebooks in this language (ja) "
                        "into --out instead, translated by the pages' catalogues")
    parser.add_argument("--out", metavar="DIR", type=Path, default=ROOT / "_build" / "exercises",
                        help="the folder of --lang's notebooks (default _build/exercises/LANG)")
    args = parser.parse_args(argv)
    if args.lang:
        folder = args.out / args.lang if args.out == ROOT / "_build" / "exercises" else args.out
        try:
            for path in write_translated(folder, args.lang, args.only):
                print(f"wrote {path}")
        except ExerciseSourceError as err:
            print(err, file=sys.stderr)
            return 2
        return 0
    stale = []
    chosen = solution_notebooks()
    if args.only:
        chosen = [p for p in chosen if p.name == f"{args.only}_solution.ipynb"]
        if not chosen:
            print(f"no book/exercises/{args.only}_solution.ipynb", file=sys.stderr)
            return 2
    for solution in chosen:
        try:
            nb = prepare(solution, nbformat.read(solution, as_version=4))
            learner = _text(make_learner_copy(solution, nb))
        except ExerciseSourceError as err:
            print(err, file=sys.stderr)
            return 2
        if args.execute:
            nb = execute(nb)
        source = _text(nb)
        for path, text in ((solution, source), (learner_path(solution), learner)):
            if args.check:
                if not path.exists() or path.read_text(encoding="utf-8") != text:
                    stale.append(path.relative_to(ROOT).as_posix())
            elif not path.exists() or path.read_text(encoding="utf-8") != text:
                path.write_text(text, encoding="utf-8")
                print(f"wrote {path.relative_to(ROOT)}")
    if stale:
        print("out of date (run: python scripts/make_exercises.py --execute): " + ", ".join(stale),
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
