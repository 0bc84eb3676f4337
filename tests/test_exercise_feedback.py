"""Exercise feedback a learner can read, and exercise pages that do not give answers away.

* The report the notebooks and the README tell learners to run
  (``python -m proliferation_course.exercises report NOTEBOOK``) names every
  question in one line (right, wrong with the reason, not answered yet, not
  checked with what stopped it), counts the questions done, shows nothing of
  the course's internals and leaves the notebook as it was.
* In a notebook, a failed check shows its one line, not a traceback;
  ``progress`` lists the session's results.
* Every question has a hint, written once (in its checker) and shown,
  collapsed, under the question in both notebooks.
* On the website, solutions, the checks' results and rubrics sit behind toggles.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import pickle
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import numpy as np
import pandas as pd
import pytest

from proliferation_course import exercises
from proliferation_course.exercises import AnswerError, Question, all_questions, check, progress, questions
from site_helpers import require_site

ROOT = Path(__file__).resolve().parent.parent
EXERCISES = ROOT / "book" / "exercises"
SOLUTIONS = sorted(EXERCISES.glob("*_solution.ipynb"))
CHECK = re.compile(r'^check\("(ex\d+)", "(q\d+)"')
#: What must never reach a learner's screen: a traceback, or the course's own files.
INTERNALS = ("Traceback", 'File "', "proliferation_course/", "site-packages", "exercises.py", "checks/ex")


def _learner(solution: Path) -> Path:
    return solution.with_name(solution.name.replace("_solution", ""))


def _answer_cells(nb: nbformat.NotebookNode) -> dict[str, nbformat.NotebookNode]:
    """Each question's answer cell (the cell before its check cell), by question id."""
    out = {}
    for before, cell in zip(nb.cells, nb.cells[1:], strict=False):
        if cell.cell_type == "code" and (m := CHECK.match(cell.source)):
            out[m.group(2)] = before
    return out


def _solution_source(solution: Path, qid: str) -> str:
    """The answer of question ``qid`` as the solution notebook gives it, without its markers."""
    source = _answer_cells(nbformat.read(solution, as_version=4))[qid].source
    return "\n".join(line for line in source.splitlines() if "SOLUTION" not in line)


def _report(*notebooks: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "proliferation_course.exercises", "report",
                           *map(str, notebooks)], cwd=cwd, capture_output=True, text=True, timeout=900)


def _no_internals(text: str) -> None:
    for word in INTERNALS:
        assert word not in text, f"{word!r} shown to the learner:\n{text}"


def _question_lines(out: str) -> list[str]:
    return [line for line in out.splitlines() if line.startswith("Question ")]


# --------------------------------------------------------------------------- the report command


def test_report_names_each_question_in_one_line(tmp_path: Path) -> None:
    """A right, a wrong, an unanswered, a badly typed, a broken and a too-short answer."""
    solution = EXERCISES / "ex05_article_x_solution.ipynb"
    nb = nbformat.read(_learner(solution), as_version=4)
    answers = _answer_cells(nb)
    answers["q1"].source = _solution_source(solution, "q1")          # right
    answers["q2"].source = 'longest = ("Canada", 12)'                 # wrong
    # q3 stays "japan_verdicts = ..."                                 # not answered yet
    answers["q4"].source = 'p_rogue = "0.34"'                         # badly typed: text, not a number
    answers["q5"].source = 'gain = pd.Series({"preset_coupling": 1.0,'   # a syntax error
    answers["q6"].source = 'argument = "Japan cannot leave."'         # too short
    path = tmp_path / "my_ex05.ipynb"
    nbformat.write(nb, path)
    before = path.read_bytes()

    result = _report(path, cwd=tmp_path)

    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stderr == ""
    _no_internals(result.stdout)
    lines = _question_lines(result.stdout)
    assert [line.split(":")[0] for line in lines] == [f"Question {i}" for i in range(1, 7)], result.stdout
    q1, q2, q3, q4, q5, q6 = lines
    assert q1 == "Question 1: right"
    assert q2.startswith("Question 2: wrong value: 'Canada' is not the state that took longest")
    assert q3 == "Question 3: not answered yet"
    assert q4.startswith("Question 4: wrong type:") and "the text '0.34'" in q4 and "without quotes" in q4
    assert q5.startswith("Question 5: not checked yet: its answer cell stopped with SyntaxError")
    assert ".py," not in q5, "the name IPython gives a cell's file means nothing to a learner"
    assert q6.startswith("Question 6: wrong, too short: 3 words")
    assert result.stdout.splitlines()[-1] == "1 of 6 questions done."
    assert path.read_bytes() == before, "the report changed the learner's notebook"


def test_report_on_every_solution_counts_every_question_done() -> None:
    result = _report(*SOLUTIONS, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    _no_internals(result.stdout)
    blocks = result.stdout.strip().split("\n\n")
    assert len(blocks) == len(SOLUTIONS)
    for solution, block in zip(SOLUTIONS, blocks, strict=True):
        n = len(questions(solution.name.split("_")[0]))
        lines = block.splitlines()
        assert lines[0].startswith(solution.name)
        assert len(_question_lines(block)) == n
        for line in _question_lines(block):
            assert line.endswith(": right") or ": recorded (" in line, line
        assert lines[-1] == f"{n} of {n} questions done."


def test_report_says_when_the_set_up_or_a_check_cell_is_missing(tmp_path: Path) -> None:
    nb = nbformat.read(EXERCISES / "ex02_deterrence.ipynb", as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    code[0].source = "import proliferation_course_not_installed\n" + code[0].source
    broken = tmp_path / "ex02_broken.ipynb"
    nbformat.write(nb, broken)

    nb = nbformat.read(EXERCISES / "ex02_deterrence.ipynb", as_version=4)
    nb.cells = [c for c in nb.cells if not c.source.startswith('check("ex02", "q3"')]
    no_check = tmp_path / "ex02_no_check.ipynb"
    nbformat.write(nb, no_check)

    result = _report(broken, no_check, cwd=tmp_path)
    assert result.returncode == 1
    _no_internals(result.stdout)
    first, second = result.stdout.strip().split("\n\n")
    assert "The first code cell (the set-up) stopped with ModuleNotFoundError: No module named " \
           "'proliferation_course_not_installed'" in first
    assert _question_lines(first) == [f"Question {i}: not checked yet: the set-up cell failed (see above)"
                                      for i in range(1, 6)]
    assert "Question 3: not checked yet: no check cell ran for it" in second
    assert "Question 1: not answered yet" in second


def test_report_refuses_what_it_cannot_run(tmp_path: Path) -> None:
    plain = tmp_path / "notes.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 + 1")]), plain)
    result = _report(tmp_path / "missing.ipynb", plain, cwd=tmp_path)
    assert result.returncode == 2
    assert "missing.ipynb: no such notebook" in result.stderr
    assert "notes.ipynb: no check cell" in result.stderr and "exercise notebook" in result.stderr
    _no_internals(result.stdout + result.stderr)


# --------------------------------------------------------------------------- in the notebook


@pytest.fixture
def session(monkeypatch: pytest.MonkeyPatch) -> dict:
    """A fresh record of results, as in a new kernel."""
    fresh: dict = {}
    monkeypatch.setattr(exercises, "_RESULTS", fresh)
    return fresh


def test_a_failed_check_shows_one_line_not_a_traceback(session: dict) -> None:
    with pytest.raises(AnswerError) as info:
        check("ex02", "q4", "87")
    err = info.value
    assert err._render_traceback_() == [str(err)]
    assert "\n" not in str(err)
    assert (err.exercise, err.question, err.state) == ("ex02", "q4", "wrong")
    assert str(err) == f"ex02 q4: {err.reason}"
    again = pickle.loads(pickle.dumps(err))
    assert (str(again), again.state) == (str(err), err.state)


def test_a_typo_in_a_check_cell_is_one_line_too() -> None:
    with pytest.raises(KeyError) as info:
        check("ex02", "q9", 1)
    assert info.value._render_traceback_() == [f"UnknownQuestion: {info.value}"]
    assert str(info.value).startswith("no question ex02 q9; known: ex02 q1, ")
    with pytest.raises(KeyError, match="no exercise 'ex99'"):
        progress("ex99")


def test_progress_lists_the_session_in_one_line_per_question(session: dict,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    for qid, answer in (("q1", ...), ("q4", 87.0), ("q5", "word " * 61)):
        with contextlib.suppress(AnswerError):
            check("ex02", qid, answer)
    capsys.readouterr()
    progress("ex02")
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Question 1: not answered yet"
    for i in (2, 3):
        assert lines[i - 1] == f"Question {i}: not checked yet (run its answer cell, then its check cell)"
    assert lines[3].startswith("Question 4: wrong value: you gave 87.0")
    assert lines[4].startswith("Question 5: recorded (61 words)")
    assert lines[5] == "1 of 5 questions done."
    assert len(lines) == 6


def test_an_answer_no_checker_foresaw_still_gets_one_line(session: dict,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(answer: object) -> str:
        return {}[answer]  # a checker with a bug, or an answer it did not foresee

    monkeypatch.setitem(exercises.QUESTIONS, ("ex02", "q1"),
                        Question("ex02", "q1", "asks", broken, "a hint"))
    with pytest.raises(AnswerError, match="this answer could not be checked") as info:
        check("ex02", "q1", "x")
    assert isinstance(info.value.__cause__, KeyError), "the cause is kept for the course's authors"


ODD_ANSWERS = [0, -1.5, "text", "0.5", True, [1, 2], (1,), {"a": 1}, {1, 2}, np.array([1.0, 2.0]),
               np.float64("nan"), float("inf"), 10**400, pd.NA, pd.Timestamp("2020-01-01"), object(),
               pd.Series([], dtype=float), pd.Series(["x", "y"]), pd.Series([1, 2], index=[0, 0]),
               pd.DataFrame(), pd.DataFrame({"a": [1]}), pd.Index(["a"]), ("Japan", "336"), [None]]


@pytest.mark.parametrize("key", sorted(all_questions()), ids=" ".join)
def test_every_checker_names_what_is_wrong_with_odd_answers(key: tuple[str, str], session: dict) -> None:
    """No checker falls back on "could not be checked": each names what is wrong, in one line."""
    for answer in ODD_ANSWERS:
        with pytest.raises(AnswerError) as info, contextlib.redirect_stdout(io.StringIO()):
            check(*key, answer)
        assert "could not be checked" not in str(info.value), f"{answer!r}: {info.value}"
        assert "\n" not in str(info.value)


# --------------------------------------------------------------------------- hints and toggles


def _make_exercises():
    spec = importlib.util.spec_from_file_location("make_exercises", ROOT / "scripts" / "make_exercises.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("solution", SOLUTIONS, ids=lambda p: p.stem)
def test_each_question_has_its_hint_collapsed_under_it(solution: Path) -> None:
    ex = solution.name.split("_")[0]
    for path in (solution, _learner(solution)):
        nb = nbformat.read(path, as_version=4)
        answers = _answer_cells(nb)
        for q in questions(ex):
            assert q.hint, f"{ex} {q.id} has no hint (its checker's docstring, 'Hint: ...')"
            question = nb.cells[nb.cells.index(answers[q.id]) - 1]
            assert question.cell_type == "markdown"
            block = re.search(r'<details class="course-hint">\n<summary>Hint for question (\d+)</summary>'
                              r"\n\n(.*?)\n\n</details>\Z", question.source, re.S)
            assert block, f"{path.name}: no hint block at the end of question {q.id}"
            assert int(block.group(1)) == q.position
            assert " ".join(block.group(2).split()) == q.hint


@pytest.mark.parametrize("solution", SOLUTIONS, ids=lambda p: p.stem)
def test_answers_are_behind_toggles_on_the_site_and_absent_from_the_learner_copy(solution: Path) -> None:
    nb = nbformat.read(solution, as_version=4)
    checks = [c for c in nb.cells if c.cell_type == "code" and CHECK.match(c.source)]
    for cell in checks:
        assert "hide-output" in cell.metadata.get("tags", []), cell.source
        assert "the check's result" in cell.metadata["mystnb"]["code_prompt_show"]
    for cell in nb.cells:
        tags = cell.metadata.get("tags", [])
        if cell.cell_type == "code" and "solution" in tags:
            assert "hide-cell" in tags
            assert cell.metadata["mystnb"]["code_prompt_show"].startswith("Show the solution to question")
        if cell.cell_type == "markdown" and "solution" in tags:
            assert cell.source.startswith("<details") and cell.source.rstrip().endswith("</details>")
    assert nb.cells[-1].source.endswith(f'progress("{solution.name.split("_")[0]}")')
    learner = nbformat.read(_learner(solution), as_version=4)
    for cell in learner.cells:
        assert "mystnb" not in cell.metadata
        assert not set(cell.metadata.get("tags", [])) & {"solution", "hide-cell", "hide-output", "web-only"}
        assert "course-rubric" not in cell.source


def test_make_exercises_refuses_a_rubric_left_open(tmp_path: Path) -> None:
    make = _make_exercises()
    solution = EXERCISES / "ex02_deterrence_solution.ipynb"
    nb = nbformat.read(solution, as_version=4)
    rubric = next(c for c in nb.cells if c.cell_type == "markdown" and "solution" in c.metadata.get("tags", []))
    rubric.source = "### Rubric\n\nA strong answer..."
    with pytest.raises(make.ExerciseSourceError, match=r"cell \d+: a markdown solution cell"):
        make.prepare(solution, nb)
    nb = nbformat.read(solution, as_version=4)
    del nb.cells[[i for i, c in enumerate(nb.cells) if CHECK.match(c.source)][1]]
    with pytest.raises(make.ExerciseSourceError, match="must be followed by its check cell"):
        make.prepare(solution, nb)


class _Toggles(HTMLParser):
    """The text of a page, split into what sits inside a <details> element and what does not."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.opened: list[str] = []
        self.outside: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "details":
            self.depth += 1
            if "open" in dict(attrs):
                self.opened.append(dict(attrs).get("class") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "details":
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth == 0:
            self.outside.append(data)


@pytest.mark.build
@pytest.mark.parametrize("solution", SOLUTIONS, ids=lambda p: p.stem)
def test_exercise_pages_show_no_answer_outside_a_toggle(solution: Path) -> None:
    page = require_site() / "book" / "exercises" / f"{solution.stem}.html"
    html = page.read_text(encoding="utf-8")
    article = re.search(r'<article class="bd-article">(.*)</article>', html, re.S)
    assert article, f"{page.name}: no article"
    parser = _Toggles()
    parser.feed(article.group(1))
    assert parser.depth == 0 and not parser.opened, f"{page.name}: a toggle is open: {parser.opened}"
    outside = " ".join(" ".join(parser.outside).split())
    nb = nbformat.read(solution, as_version=4)
    revealing = ["A strong answer", "Recorded ("]  # the rubric, a written answer's check
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        if "solution" in cell.metadata.get("tags", []):
            revealing += [line for line in cell.source.splitlines() if len(line.strip()) > 25]
            revealing += [o.get("data", {}).get("text/plain", "") for o in cell.outputs]
        if "solution" in cell.metadata.get("tags", []) or CHECK.match(cell.source):
            revealing += [o.get("text", "") for o in cell.outputs]
    revealing = [words for text in revealing if len(words := " ".join(text.split())) > 8]
    assert len(revealing) > 10
    for words in revealing:
        assert words not in outside, f"{page.name} shows outside a toggle: {words[:100]}"
    assert "Show the solution to question 1" in html
    assert html.count('<details class="course-hint">') == len(questions(solution.name.split("_")[0]))
