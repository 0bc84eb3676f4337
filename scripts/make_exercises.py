"""Generate the learner's copy of every exercise notebook from its solution notebook.

The solution notebook (``book/exercises/<name>_solution.ipynb``) is the one
source. In it:

* a code cell tagged ``solution`` holds its answer between the lines
  ``# BEGIN SOLUTION`` and ``# END SOLUTION``; the learner's copy replaces that
  block with the cell's ``stub`` metadata (for example ``answer = ...``);
* a markdown cell tagged ``solution`` (a rubric, a worked explanation) and any
  cell tagged ``web-only`` (a download link for the website) are left out of
  the learner's copy;
* every other cell is copied as it is, without outputs.

Usage::

    python scripts/make_exercises.py            # write book/exercises/<name>.ipynb
    python scripts/make_exercises.py --check    # exit 1 if a copy is out of date
    python scripts/make_exercises.py --execute  # first re-run the solutions, storing outputs
    python scripts/make_exercises.py --execute --only ex03_breakout   # one exercise

A test runs ``--check``, so a copy that was not regenerated fails the suite.
"""

from __future__ import annotations

import argparse
import copy
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
EXERCISES = ROOT / "book" / "exercises"
BEGIN, END = "# BEGIN SOLUTION", "# END SOLUTION"


class ExerciseSourceError(ValueError):
    """A solution notebook is malformed; the message names the notebook and the cell."""


def solution_notebooks() -> list[Path]:
    return sorted(EXERCISES.glob("*_solution.ipynb"))


def learner_path(solution: Path) -> Path:
    return solution.with_name(solution.name.replace("_solution.ipynb", ".ipynb"))


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


def make_learner_copy(solution: Path) -> nbformat.NotebookNode:
    """The learner's notebook for one solution notebook (no solutions, no outputs)."""
    nb = nbformat.read(solution, as_version=4)
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
        tags = [t for t in tags if t not in ("solution", "hide-cell", "hide-input")]
        cell.metadata.pop("stub", None)
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


def execute(solution: Path) -> None:
    """Re-run a solution notebook in a fresh kernel and store its outputs."""
    from nbclient import NotebookClient

    nb = nbformat.read(solution, as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(EXERCISES)}}).execute()
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
    nb.metadata.pop("widgets", None)
    solution.write_text(_text(nb), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if a copy is out of date")
    parser.add_argument("--execute", action="store_true", help="re-run solutions, store outputs")
    parser.add_argument("--only", metavar="NAME", help="only this exercise, e.g. ex03_breakout")
    args = parser.parse_args(argv)
    stale = []
    chosen = solution_notebooks()
    if args.only:
        chosen = [p for p in chosen if p.name == f"{args.only}_solution.ipynb"]
        if not chosen:
            print(f"no book/exercises/{args.only}_solution.ipynb", file=sys.stderr)
            return 2
    for solution in chosen:
        if args.execute:
            execute(solution)
        target = learner_path(solution)
        text = _text(make_learner_copy(solution))
        if args.check:
            if not target.exists() or target.read_text(encoding="utf-8") != text:
                stale.append(target.relative_to(ROOT).as_posix())
        else:
            target.write_text(text, encoding="utf-8")
            print(f"wrote {target.relative_to(ROOT)}")
    if stale:
        print("out of date (run: python scripts/make_exercises.py): " + ", ".join(stale),
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
