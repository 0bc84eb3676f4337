"""Exercise notebooks: solutions pass nbval, learner copies are fresh and fail helpfully.

* The learner's copy of every exercise is generated from its solution
  notebook; a copy that was not regenerated fails here.
* Every solution notebook passes ``pytest --nbval`` (strict: the stored
  outputs must match a fresh run).
* Every learner's copy, run unmodified, fails each of its checks with the
  learner-facing message ("not answered yet") and no traceback, never a bare
  AssertionError (tests/test_exercise_feedback.py covers the report).
* Every checker rejects deliberately wrong answers with a message that says
  what is wrong.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import nbformat
import numpy as np
import pandas as pd
import pytest
from nbclient import NotebookClient

from proliferation_course.exercises import AnswerError, all_questions, check, questions
from proliferation_course.i18n import speaking

ROOT = Path(__file__).resolve().parent.parent
EXERCISES = ROOT / "book" / "exercises"
SOLUTIONS = sorted(EXERCISES.glob("*_solution.ipynb"))


def test_there_are_exercises() -> None:
    assert SOLUTIONS, "no solution notebooks in book/exercises"


def test_learner_copies_are_up_to_date() -> None:
    result = subprocess.run([sys.executable, "scripts/make_exercises.py", "--check"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("solution", SOLUTIONS, ids=lambda p: p.stem)
def test_solutions_pass_nbval_strictly(solution: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "--nbval", "-p", "no:cacheprovider", "-q",
         "-o", "addopts=", "-W", "ignore::DeprecationWarning", str(solution)],
        cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]


def _exercise_id(solution: Path) -> str:
    return solution.stem.split("_")[0]


@pytest.mark.parametrize("solution", SOLUTIONS, ids=lambda p: p.stem)
def test_every_question_is_checked_in_its_notebook(solution: Path) -> None:
    ex = _exercise_id(solution)
    text = solution.read_text(encoding="utf-8")
    expected = [q.id for q in questions(ex)]
    assert 3 <= len(expected) <= 6, f"{ex}: {len(expected)} questions"
    for qid in expected:
        assert f'check(\\"{ex}\\", \\"{qid}\\"' in text, f"{solution.name} has no check cell for {qid}"


@pytest.mark.parametrize("solution", SOLUTIONS, ids=lambda p: p.stem)
def test_learner_copy_fails_every_check_with_a_helpful_message(solution: Path) -> None:
    learner = solution.with_name(solution.name.replace("_solution", ""))
    nb = nbformat.read(learner, as_version=4)
    assert "BEGIN SOLUTION" not in learner.read_text(encoding="utf-8")
    NotebookClient(nb, timeout=300, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(EXERCISES)}}).execute()
    ex = _exercise_id(solution)
    checks = [c for c in nb.cells if c.cell_type == "code" and c.source.startswith("check(")]
    assert len(checks) == len(questions(ex))
    for cell in checks:
        errors = [o for o in cell.outputs if o.output_type == "error"]
        assert errors, f"{learner.name}: {cell.source!r} passed without an answer"
        assert errors[0].ename == "AnswerError", f"{cell.source!r}: {errors[0].ename}"
        qid = cell.source.split('"')[3]
        assert errors[0].evalue.startswith(f"{ex} {qid}: not answered yet"), errors[0].evalue
        assert errors[0].traceback == [errors[0].evalue], \
            "a failed check shows its one line, not a traceback of the course's code"
    others = [c for c in nb.cells if c.cell_type == "code" and not c.source.startswith("check(")]
    for cell in others:
        bad = [o for o in cell.outputs if o.output_type == "error"]
        assert not bad, f"{learner.name}: a non-check cell fails unanswered: {cell.source[:80]!r}"


WRONG = {
    ("ex02", "q1"): [
        (3.0, "wrong type"),
        (pd.Series([0.1], index=["us_extended_today"]), "wrong index"),
        ("load", "wrong type"),
    ],
    ("ex02", "q2"): [
        ([[True]], "wrong type"),
        (pd.DataFrame({"product": [True]}, index=["ally_year1"]), "wrong shape"),
    ],
    ("ex02", "q3"): [("0.4", "wrong type"), (0.9, "wrong value"), (1.5, "wrong value"),
                     (float("nan"), "NaN")],
    ("ex02", "q4"): [(0.869, "wrong unit"), (50, "wrong value"), ([86.9], "wrong type")],
    ("ex02", "q5"): [("Too short.", "too short"), (42, "wrong type")],
}


def _all_wrong_answers() -> dict:
    """WRONG here, plus the WRONG dict of every tests/test_exercise_exNN.py.

    Each exercise's test module only declares its wrong answers; this module feeds
    them all to the checkers (test_wrong_answers_are_rejected_with_a_reason)."""
    import importlib.util

    merged = dict(WRONG)
    for path in sorted(Path(__file__).parent.glob("test_exercise_ex*.py")):
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        merged.update(module.WRONG)
    return merged


def test_every_question_has_wrong_answers_to_test() -> None:
    tested, registered = set(_all_wrong_answers()), set(all_questions())
    assert tested == registered, sorted(tested ^ registered)


#: The kinds of wrong answer, as a Japanese learner reads them.
KINDS_JA = {"wrong type": "不正解（型）", "wrong value": "不正解（", "wrong unit": "単位）",
            "wrong shape": "不正解（形）",
            "wrong index": "不正解（インデックス）", "wrong sign": "符号", "too short": "短すぎる",
            "not answered yet": "未回答", "NaN": "NaN"}
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize(("key", "answer", "words"),
                         [(k, a, w) for k, cases in _all_wrong_answers().items() for a, w in cases],
                         ids=lambda v: str(v)[:30])
def test_wrong_answers_are_rejected_with_a_reason(key: tuple[str, str], answer: object,
                                                  words: str, lang: str) -> None:
    """In English, the message holds the case's words; in Japanese, it is Japanese, names the
    question by its number (ex02 問1) and the same kind of mistake, and is not the English one."""
    with speaking("en"), pytest.raises(AnswerError, match=words) as english:
        check(*key, answer)
    assert english.value.args[0].startswith(f"{key[0]} {key[1]}:")
    if lang == "en":
        return
    with speaking("ja"), pytest.raises(AnswerError) as info:
        check(*key, answer)
    message = info.value.args[0]
    assert message.startswith(f"{key[0]} 問{key[1][1:]}: "), message
    reason = message.split(": ", 1)[1]
    assert len(JAPANESE.findall(reason)) >= 4, f"not Japanese: {message}"
    assert reason != english.value.reason
    if words in KINDS_JA:
        assert KINDS_JA[words] in reason, f"{words!r} is not named in Japanese: {message}"
    assert not re.search(r"\b(wrong|Hint|expected|you gave)\b", reason), f"English left: {message}"


def test_a_wrong_value_in_a_right_shape_is_named() -> None:
    from proliferation_course.data import load_table
    presets = load_table("deterrence_presets").set_index("preset_id")
    wrong = pd.DataFrame(True, index=presets.index, columns=["product", "weakest_link",
                                                              "weighted_mean"])
    with pytest.raises(AnswerError, match=r"wrong value at \(ally_year1, product\)"):
        check("ex02", "q2", wrong)
    scores = presets["capabilities"] * presets["credibility"]  # communication forgotten
    with pytest.raises(AnswerError, match="wrong value"):
        check("ex02", "q1", scores)


def test_unanswered_and_none_are_explained() -> None:
    with pytest.raises(AnswerError, match="not answered yet"):
        check("ex02", "q1", ...)
    with pytest.raises(AnswerError, match="None"):
        check("ex02", "q3", None)
    with pytest.raises(KeyError, match="no question"):
        check("ex02", "q99", 1)


def test_numpy_numbers_are_accepted(capsys: pytest.CaptureFixture[str]) -> None:
    from proliferation_course.data import load_table
    f = load_table("nuclear_forces_2025").set_index("state")["total_inventory"]
    share = np.float64(100 * (f["United States"] + f["Russia"]) / f.sum())
    check("ex02", "q4", share)
    assert capsys.readouterr().out.startswith("ex02 q4: Correct")


def test_the_index_lists_every_exercise_with_its_questions_and_chapters() -> None:
    from proliferation_course.exercises import exercise_index

    index = exercise_index()
    ids = [info.id for info in index.infos]
    assert ids == sorted(_exercise_id(s) for s in SOLUTIONS)
    html = index.to_html()
    for info in index.infos:
        assert info.chapters, f"{info.id} links no chapter in its first cell"
        assert f'href="{info.page}.html"' in html
        for asks in (q.asks for q in questions(info.id)):
            assert asks.replace("'", "&#x27;") in html


def test_checks_import_only_data_and_models() -> None:
    """Checking an answer never imports the figures (which set plotly's renderer) or the widgets."""
    code = ("import sys\n"
            "from proliferation_course.exercises import all_questions\n"
            "all_questions()\n"
            "print(sorted(m for m in sys.modules if m.startswith(('proliferation_course.figures', "
            "'proliferation_course.widgets', 'plotly', 'ipywidgets'))))\n")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]", result.stdout
