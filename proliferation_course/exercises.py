"""Checks for the exercise notebooks: they say whether an answer is right, and if not, why.

Each exercise has a module in :mod:`proliferation_course.checks` whose
checkers are registered with :func:`register` (or :func:`written` for a
written argument). Each question of each exercise notebook has a check cell::

    check("ex02", "q1", product_scores)

The checker computes the expected answer itself, from the course's data and
models (nothing is hard-coded), and compares. A right answer prints one line
that starts with "Correct"; a wrong one raises :class:`AnswerError`, whose
message says in one line what is wrong (not answered yet, wrong type, wrong
shape, wrong value, wrong unit) with a hint. In a notebook that line is all the
learner sees: no traceback of the course's code. It is never a bare
``AssertionError``.

Every result is remembered for the rest of the session, so that the last cell
of a notebook, ``progress("ex02")``, can list each question's state in one line
and count the questions done. From a terminal, the report runs a copy of the
learner's notebook from the top, changes nothing, and prints the same lines::

    python -m proliferation_course.exercises report ex02_deterrence.ipynb

Written answers are checked for substance only (a minimum length); the
solution notebook gives the rubric.

Examples
--------
>>> check("ex02", "q4", 87.0)  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
proliferation_course.exercises.AnswerError: ex02 q4: wrong value: you gave 87.0, ...
"""

from __future__ import annotations

import html
import importlib
import inspect
import json
import math
import pkgutil
import re
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import pandas as pd

from .i18n import N_, _

__all__ = [
    "QUESTIONS", "AnswerError", "Fail", "Question", "Result", "all_questions", "check", "close",
    "data_changed", "exercise_index", "exercise_infos", "frame", "matches", "number", "numbers",
    "preset_row", "progress", "progress_lines", "questions", "register", "report", "series",
    "words", "written",
]

#: The states a question can be in, as the learner reads them.
#: They are stored in English (the report passes them between processes) and shown with :func:`_`.
RIGHT, RECORDED, WRONG, UNANSWERED, NOT_CHECKED = (
    N_("right"), N_("recorded"), N_("wrong"), N_("not answered yet"), N_("not checked yet"))
#: The states that count a question as done.
DONE = (RIGHT, RECORDED)


# --------------------------------------------------------------------------- the registry


@dataclass(frozen=True)
class Question:
    """One checkable question: what it asks, how its answer is checked, and a hint to open first."""

    exercise: str
    id: str
    asks: str
    checker: Callable[[Any], str]  # a learner's answer can be anything; each checker narrows it
    hint: str = ""
    written: bool = False

    @property
    def position(self) -> int:
        """The question's number in its notebook: 3 for ``"q3"``."""
        return int(self.id[1:])


QUESTIONS: dict[tuple[str, str], Question] = {}


def _from_docstring(fn: Callable[..., Any]) -> tuple[str, str]:
    """A checker's docstring as (what the question asks, its hint).

    The first paragraph says what the question asks; a paragraph that starts
    with ``Hint:`` is the hint.
    """
    paragraphs = [" ".join(p.split()) for p in inspect.cleandoc(fn.__doc__ or "").split("\n\n")]
    asks = paragraphs[0] if paragraphs and not paragraphs[0].startswith("Hint:") else ""
    hint = next((p.removeprefix("Hint:").strip() for p in paragraphs if p.startswith("Hint:")), "")
    return asks, hint


def register(exercise: str, qid: str, asks: str = "", hint: str = "",
             *, is_written: bool = False) -> Callable[[Callable[[Any], str]], Callable[[Any], str]]:
    """Register the decorated function as the checker of question ``qid`` of ``exercise``.

    Parameters
    ----------
    exercise, qid
        E.g. ``"ex02"`` and ``"q1"``.
    asks
        What the question asks, in one sentence (the exercises index lists it);
        by default the first paragraph of the checker's docstring.
    hint
        A hint the learner can open before a first attempt; by default the
        docstring's paragraph that starts with ``Hint:``. ``make_exercises.py``
        writes it under the question in the notebook, so it is written only here.
    """
    if not re.fullmatch(r"ex\d+", exercise) or not re.fullmatch(r"q[1-9]\d*", qid):
        raise ValueError(f"register: expected ids such as 'ex02' and 'q1', got {exercise!r}, {qid!r}")

    def wrap(fn: Callable[[Any], str]) -> Callable[[Any], str]:
        doc_asks, doc_hint = _from_docstring(fn)
        if not (asks or doc_asks):
            raise ValueError(f"{exercise} {qid}: say what the question asks (its checker's docstring)")
        QUESTIONS[(exercise, qid)] = Question(exercise, qid, asks or doc_asks, fn, hint or doc_hint,
                                              is_written)
        return fn
    return wrap


#: The hint of a written argument, unless its question gives its own.
WRITTEN_HINT = N_("Take a position in your first sentence. Support it with at least two results from the "
                "questions above (numbers, not impressions), answer the strongest objection, and say what "
                "the model or the data leave out.")


def written(exercise: str, qid: str, asks: str, hint: str = WRITTEN_HINT, minimum: int = 60) -> None:
    """Register a written argument of at least ``minimum`` words (checked for length; a rubric judges it)."""
    register(exercise, qid, asks, hint, is_written=True)(lambda answer: words(answer, minimum))


def _load_checks() -> None:
    """Import every module of :mod:`proliferation_course.checks` (one per exercise)."""
    from . import checks

    for info in pkgutil.iter_modules(checks.__path__):
        importlib.import_module(f"{checks.__name__}.{info.name}")


def all_questions() -> dict[tuple[str, str], Question]:
    """Every registered question, keyed by (exercise, question)."""
    _load_checks()
    return dict(QUESTIONS)


def questions(exercise: str) -> list[Question]:
    """The questions of one exercise, in order."""
    _load_checks()
    return sorted((q for (ex, _qid), q in QUESTIONS.items() if ex == exercise), key=lambda q: q.position)


# --------------------------------------------------------------------------- failing an answer


class AnswerError(Exception):
    """An answer to an exercise is missing or wrong; the message says how, with a hint.

    Its text is ``"<exercise> <question>: <reason>"``, one line; a notebook shows
    only that line (:meth:`_render_traceback_`), not the course's code that found it.
    """

    def __init__(self, exercise: str, question: str, reason: str, state: str = WRONG) -> None:
        super().__init__(_("{exercise} q{number}: {reason}").format(
            exercise=exercise, number=question.removeprefix("q"), reason=reason))
        self.exercise, self.question, self.reason, self.state = exercise, question, reason, state

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.exercise, self.question, self.reason, self.state))

    def _render_traceback_(self) -> list[str]:
        """What IPython shows in place of a traceback: the message, and nothing of the course's code."""
        return [str(self)]


class UnknownQuestion(KeyError):
    """A check cell names an exercise or question that does not exist (a typo); one line in a notebook."""

    def __str__(self) -> str:
        return str(self.args[0])

    def _render_traceback_(self) -> list[str]:
        return [f"{type(self).__name__}: {self}"]


class Fail(Exception):
    """Raised inside a checker; :func:`check` turns it into an AnswerError with the question's name."""


class NotAnswered(Fail):
    """The answer is still the ``...`` of the learner's copy."""


def data_changed(what: str) -> Fail:
    """The Fail for a check that the course's own data no longer supports (never the learner's fault)."""
    return Fail(_("the data changed: {what}; tell the course authors").format(what=what))


def require_answered(value: object) -> None:
    if value is Ellipsis:
        raise NotAnswered(_("not answered yet: replace the ... in the answer cell with your answer, "
                            "then run that cell and this one again"))
    if value is None:
        raise Fail(_("your answer is None: did the answer cell end with a print() or an "
                     "assignment to the wrong name?"))


# --------------------------------------------------------------------------- helpers for checkers


def _missing(value: object) -> bool:
    """``None``, NaN or a pandas missing value."""
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def number(value: object, what: str) -> float:
    """``value`` as a float, or a Fail saying that it is not a number (or is missing)."""
    if _missing(value):
        raise Fail(_("wrong value: no value (NaN) for {what}").format(what=what))
    if isinstance(value, bool) or not isinstance(value, int | float):
        import numpy as np

        if isinstance(value, np.number) and not isinstance(value, np.complexfloating):
            return number(float(value), what)
        if isinstance(value, str) and re.fullmatch(r"\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*", value):
            raise Fail(_("wrong type: expected {what} (a number), got the text {text!r}. Hint: write the "
                         "number without quotes").format(what=what, text=value))
        raise Fail(_("wrong type: expected {what} (a number), got {kind}").format(
            what=what, kind=type(value).__name__))
    try:
        x = float(value)
    except OverflowError:
        x = math.inf
    if math.isinf(x):
        raise Fail((_("wrong value: expected {what}, got an infinite number") if isinstance(value, float)
                    else _("wrong value: expected {what}, got a huge number")).format(what=what))
    return x


def close(got: float, expected: float, tol: float, hint: str) -> None:
    """Fail unless ``got`` lies within ``tol`` of ``expected``; the message gives ``hint``."""
    if not math.isclose(got, expected, rel_tol=0, abs_tol=tol):
        raise Fail(_("wrong value: you gave {got!r}, which is not within {tol} of the "
                     "expected value. Hint: {hint}").format(got=got, tol=tol, hint=hint))


# The labels are str in a learner's dict and Hashable in pandas' to_dict.
def matches(got: Mapping[Any, float], expected: Mapping[Any, float], tol: float) -> bool:
    """Whether every entry of ``got`` lies within ``tol`` of the entry of ``expected`` with the same label.

    Checkers use it to recognise a usual slip (months for years, a sum over the wrong rows)
    and name it.
    """
    return all(math.isclose(got[k], expected[k], rel_tol=0, abs_tol=tol) for k in expected)


def _labels(value: pd.Index) -> list[str]:
    return [str(i) for i in value]


def series(value: object, index: Sequence[str], what: str, index_hint: str = "set_index('preset_id') first",
           *, allow_dict: bool = False, type_hint: str = "") -> pd.Series:
    """``value`` as a Series indexed by exactly the labels ``index`` (as text), or a Fail saying what is off.

    Parameters
    ----------
    value
        The learner's answer.
    index
        The labels the Series must have, once each, in any order.
    what
        What the Series holds, in the question's words ("days by party").
    index_hint
        The hint when the labels are wrong.
    allow_dict
        Accept a dict ``{label: value}`` as well.
    type_hint
        The hint when ``value`` is not a Series (a default hint if empty).
    """
    if allow_dict and isinstance(value, dict):
        value = pd.Series(value, dtype=object)
    kinds = _("a pandas Series or a dict") if allow_dict else _("a pandas Series")
    if isinstance(value, pd.DataFrame):
        raise Fail(_("wrong type: expected {kinds} ({what}), got a DataFrame with columns {columns}. "
                     "Hint: select one column, df['name']").format(
            kinds=kinds, what=what, columns=", ".join(_labels(value.columns)) or _("none")))
    if not isinstance(value, pd.Series):
        raise Fail(_("wrong type: expected {kinds} ({what}), got {kind}. Hint: {hint}").format(
            kinds=kinds, what=what, kind=type(value).__name__,
            hint=type_hint or _("select one column of a DataFrame, or build one with pd.Series(...)")))
    got = _labels(value.index)
    if len(set(got)) != len(got) or sorted(got) != sorted(index):
        missing = [x for x in index if x not in got]
        extra = [x for x in got if x not in index]
        detail = _("; ").join(part for part in (
            _("missing {labels}").format(labels=", ".join(missing)) if missing else "",
            _("unexpected {labels}").format(labels=", ".join(extra)) if extra else "",
            _("some labels are repeated") if len(set(got)) != len(got) else "") if part)
        raise Fail(_("wrong index: expected one entry for each of {labels} ({detail}). Hint: {hint}").format(
            labels=", ".join(index), detail=detail, hint=index_hint))
    return pd.Series(value.to_numpy(dtype=object), index=got)


def numbers(value: object, index: Sequence[str], what: str, hint: str, *, allow_dict: bool = False,
            type_hint: str = "", whole: bool = False) -> dict[str, float]:
    """The entries of a Series answer (see :func:`series`) as numbers, by label.

    ``hint`` is given when the labels are wrong or an entry is missing (NaN);
    with ``whole``, every entry must also be a whole number.
    """
    s = series(value, index, what, hint, allow_dict=allow_dict, type_hint=type_hint)
    out = {}
    for label, entry in s.items():
        if _missing(entry):
            raise Fail(_("wrong value: no value (NaN) for {label}. Hint: {hint}").format(label=label, hint=hint))
        x = number(entry, _("{what} for {label}").format(what=what, label=label))
        if whole and not x.is_integer():
            raise Fail(_("wrong value for {label}: {value:g} is not a whole number. Hint: {hint}").format(
                label=label, value=x, hint=hint))
        out[str(label)] = x
    return out


def frame(value: object, rows: Sequence[str], columns: Sequence[str], what: str) -> pd.DataFrame:
    """``value`` as a DataFrame with exactly the rows and columns given (as text), or a Fail."""
    if not isinstance(value, pd.DataFrame):
        raise Fail(_("wrong type: expected a pandas DataFrame ({what}; rows: {rows}; columns: {columns}), "
                     "got {kind}").format(what=what, rows=", ".join(rows), columns=", ".join(columns),
                                          kind=type(value).__name__))
    got_rows, got_cols = _labels(value.index), _labels(value.columns)
    if sorted(got_rows) != sorted(rows) or sorted(got_cols) != sorted(columns):
        raise Fail(_("wrong shape: expected rows {rows} and columns {columns}; got rows {got_rows} and "
                     "columns {got_columns}").format(
            rows=", ".join(rows), columns=", ".join(columns),
            got_rows=", ".join(got_rows) or _("none"), got_columns=", ".join(got_cols) or _("none")))
    out = value.copy()
    out.index, out.columns = got_rows, got_cols
    return out


#: Kana and kanji: an argument written in Japanese is measured in characters, not words.
_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
#: Characters of Japanese that count as one English word (60 words: 180 characters).
CHARACTERS_PER_WORD = 3


def words(value: object, minimum: int) -> str:
    """Fail unless ``value`` is text of at least ``minimum`` words; say that it was recorded.

    An argument written in Japanese (it holds kana or kanji) needs ``CHARACTERS_PER_WORD * minimum``
    characters, spaces aside, since Japanese does not separate its words.
    """
    if not isinstance(value, str):
        raise Fail(_("wrong type: expected your argument as text (a str), got {kind}").format(
            kind=type(value).__name__))
    if _JAPANESE.search(value):  # Japanese has no spaces between words: count characters
        n, least = len("".join(value.split())), CHARACTERS_PER_WORD * minimum
        if n < least:
            raise Fail(_("too short: {n} characters; write at least {minimum} characters that make an "
                         "argument and use evidence from the chapter").format(n=n, minimum=least))
        return _("Recorded ({n} characters). Compare your argument with the rubric in the solution "
                 "notebook.").format(n=n)
    n = len(value.split())
    if n < minimum:
        raise Fail(_("too short: {n} words; write at least {minimum} words that make an argument "
                     "and use evidence from the chapter").format(n=n, minimum=minimum))
    return _("Recorded ({n} words). Compare your argument with the rubric in the solution notebook.").format(n=n)


def preset_row(table: str, preset_id: str) -> pd.Series:
    """One row of a presets table (``window_presets``, ...), by its ``preset_id``."""
    from .data import load_table

    row = load_table(table).set_index("preset_id").loc[preset_id]
    return cast(pd.Series, row)  # one row: preset_id is the table's unique key


# --------------------------------------------------------------------------- checking an answer


@dataclass(frozen=True)
class Result:
    """What the last check of a question found: a state (:data:`RIGHT`, ...) and its message."""

    state: str
    message: str


#: The last result of every question checked in this session (a kernel), for :func:`progress`.
_RESULTS: dict[tuple[str, str], Result] = {}


def _question(exercise: str, question: str) -> Question:
    _load_checks()
    key = (exercise, question)
    if key not in QUESTIONS:
        known = ", ".join(f"{e} {q}" for e, q in QUESTIONS)
        raise UnknownQuestion(_("no question {exercise} {question}; known: {known}").format(
            exercise=exercise, question=question, known=known))
    return QUESTIONS[key]


def check(exercise: str, question: str, answer: object) -> None:
    """Check ``answer`` to ``question`` of ``exercise``; print "Correct ..." or raise AnswerError.

    Parameters
    ----------
    exercise, question
        E.g. ``"ex02"``, ``"q1"``.
    answer
        The learner's answer (``...`` while unanswered).

    Raises
    ------
    AnswerError
        With a one-line message naming the exercise and question, what is wrong,
        and a hint; its ``state`` is ``"wrong"`` or ``"not answered yet"``. An
        answer of a form the checker did not foresee gets one too, never a
        traceback from inside the checker.
    UnknownQuestion
        A KeyError: there is no such exercise or question (a typo in the check cell).
    """
    q = _question(exercise, question)
    cause: BaseException | None = None
    try:
        require_answered(answer)
        message = q.checker(answer)
    except NotAnswered as err:
        state, reason = UNANSWERED, str(err)
    except Fail as err:
        state, reason = WRONG, str(err)
    except Exception as err:  # noqa: BLE001 - an answer the checker did not foresee
        state, cause = WRONG, err
        reason = _("this answer could not be checked ({error}). Hint: give it the type and shape the "
                   "question asks for").format(error=f"{type(err).__name__}: {err}")
    else:
        _RESULTS[(exercise, question)] = Result(RECORDED if q.written else RIGHT, message)
        print(_("{exercise} q{number}: {message}").format(exercise=exercise, number=q.position, message=message))
        return
    _RESULTS[(exercise, question)] = Result(state, reason)
    raise AnswerError(exercise, question, reason, state) from cause


# --------------------------------------------------------------------------- progress and the report


def _line(q: Question, result: Result | None, why: str = "") -> str:
    """One question's state in one line, as the learner reads it."""
    name = _("Question {number}").format(number=q.position)
    if result is None:
        if why:
            return _("{question}: not checked yet: {why}").format(question=name, why=why)
        return _("{question}: not checked yet (run its answer cell, then its check cell)").format(question=name)
    if result.state == RIGHT:
        return _("{question}: right").format(question=name)
    if result.state == RECORDED:  # "recorded (120 words). Compare ..."
        message = result.message
        if message[:1].isascii():
            message = message[:1].lower() + message[1:]
        return _("{question}: {message}").format(question=name, message=message)
    if result.state == UNANSWERED:
        return _("{question}: not answered yet").format(question=name)
    reason = result.message
    if reason.startswith(("wrong", _("wrong"))):  # "wrong value: ...", "誤った値: ..."
        return _("{question}: {message}").format(question=name, message=reason)
    return _("{question}: wrong, {reason}").format(question=name, reason=reason)


def progress_lines(exercise: str, results: Mapping[str, Result | None],
                   why: Mapping[str, str] | None = None) -> list[str]:
    """Each question of ``exercise`` in one line, then the number of questions done.

    ``results`` maps a question id to its last result (``None``: not checked);
    ``why`` says, for a question not checked, what stopped it.
    """
    qs = questions(exercise)
    if not qs:
        raise UnknownQuestion(_("no exercise {exercise!r}; known: {known}").format(
            exercise=exercise, known=", ".join(sorted({e for e, _q in QUESTIONS}))))
    why = why or {}
    lines = [_line(q, results.get(q.id), why.get(q.id, "")) for q in qs]
    done = sum(1 for q in qs if (r := results.get(q.id)) is not None and r.state in DONE)
    lines.append(_("{done} of {total} questions done.").format(done=done, total=len(qs)))
    return lines


def progress(exercise: str) -> None:
    """Print each question of ``exercise`` as last checked in this session, one line each, and the total.

    The last cell of every exercise notebook calls it. It never raises for an
    unfinished exercise: it reports.
    """
    _load_checks()
    results = {q.id: _RESULTS.get((exercise, q.id)) for q in questions(exercise)}
    print("\n".join(progress_lines(exercise, results)))


_MARKER = "@@proliferation-course-results@@"
_CHECK_CELL = re.compile(r"""^\s*check\(\s*["'](ex\d+)["']\s*,\s*["'](q\d+)["']""")


def _session_json(exercise: str) -> str:
    """This session's results for ``exercise`` as JSON, for :func:`report` (it runs in the kernel)."""
    return _MARKER + json.dumps({q: [r.state, r.message] for (e, q), r in _RESULTS.items() if e == exercise})


def _one_line(text: str, limit: int = 300) -> str:
    """``text`` on one line, without terminal colours or the names IPython gives its cells' files."""
    text = re.sub(r"\x1b\[[0-9;]*m", "", text)
    text = re.sub(r"\([^()]*?\.py, (line \d+)\)", r"(\1)", text)  # "(931091280.py, line 1)"
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _error_of(cell: Any) -> str | None:  # nbformat's NotebookNode is untyped
    for out in cell.get("outputs", []):
        if out.get("output_type") == "error":
            return _one_line(f"{out.get('ename', 'Error')}: {out.get('evalue', '')}")
    return None


def _places(n: int) -> list[str]:
    """How the report names the cells of a question, the check cell last: "its answer cell", ..."""
    return [_("a cell before its answer cell")] * (n - 2) + [_("its answer cell"), _("its check cell")][-n:]


def _exercise_of(nb: Any, path: Path) -> str:  # nbformat's NotebookNode is untyped
    for cell in nb.cells:
        if cell.cell_type == "code" and (m := _CHECK_CELL.match(cell.source)):
            return m.group(1)
    if m := re.match(r"(ex\d+)_", path.name):
        return m.group(1)
    raise ValueError(_('{name}: no check cell such as check("ex02", "q1", answer); '
                       "is this an exercise notebook?").format(name=path.name))


def report(path: str | Path, timeout: int = 300) -> tuple[list[str], bool]:
    """Run a copy of the exercise notebook at ``path`` from the top; its questions' states, one line each.

    The notebook file is not changed. A cell that stops with an error does not
    stop the run: the questions after it are still checked, and a question
    whose own cells stopped says so (the error's name and message, no traceback).

    Returns
    -------
    lines, all_done
        The lines to print (a heading, one line per question, the number done)
        and whether every question is done.
    """
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import DeadKernelError

    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    exercise = _exercise_of(nb, path)
    qs = questions(exercise)
    if not qs:
        raise ValueError(_("{name}: no checks are registered for {exercise}").format(
            name=path.name, exercise=exercise))
    nb.cells.append(nbformat.v4.new_code_cell(
        f"from proliferation_course.exercises import _session_json\nprint(_session_json({exercise!r}))"))
    head = [_("{name} (exercise {number}), run from the top:").format(
        name=path.name, number=exercise[2:].lstrip("0"))]
    try:
        NotebookClient(nb, timeout=timeout, kernel_name="python3", allow_errors=True,
                       interrupt_on_timeout=True,
                       resources={"metadata": {"path": str(path.resolve().parent)}},
                       ).execute(stderr=subprocess.DEVNULL)  # the kernel's own log is not the learner's
    except DeadKernelError:
        head.append(_("The Python kernel stopped while running the notebook (out of memory?); "
                      "the questions after that point were not checked."))
    results: dict[str, Result | None] = {}
    last = "".join(o.get("text", "") for o in nb.cells[-1].get("outputs", []) if o.get("output_type") == "stream")
    if _MARKER in last:
        raw = json.loads(last.split(_MARKER, 1)[1])
        results = {q: Result(state, message) for q, (state, message) in raw.items()}
    code = [c for c in nb.cells[:-1] if c.cell_type == "code"]
    why: dict[str, str] = {}
    setup = _error_of(code[0]) if code else None
    if setup:
        head.append(_("The first code cell (the set-up) stopped with {error}. Fix it first: every "
                      "question needs it.").format(error=setup))
    segment: list[Any] = []
    for cell in code:
        segment.append(cell)
        m = _CHECK_CELL.match(cell.source)
        if not m or m.group(1) != exercise:
            continue
        qid = m.group(2)
        errors = [(where, e) for where, c in zip(_places(len(segment)), segment, strict=True)
                  if (e := _error_of(c))]
        if setup and qid not in results:
            why[qid] = _("the set-up cell failed (see above)")
        elif errors and qid not in results:
            where, error = errors[0]
            why[qid] = _("{where} stopped with {error}").format(where=where, error=error)
        segment = []
    for q in qs:
        if q.id not in results and q.id not in why:
            why[q.id] = _("no check cell ran for it (is its check cell still in the notebook?)")
    lines = head + progress_lines(exercise, results, why)
    return lines, all((r := results.get(q.id)) is not None and r.state in DONE for q in qs)


def main(argv: list[str] | None = None) -> int:
    """``python -m proliferation_course.exercises report NOTEBOOK...``: see :func:`report`.

    Exit status 0 when every question of every notebook is done, 1 when one is
    not, 2 when a notebook cannot be read or run.
    """
    import argparse

    parser = argparse.ArgumentParser(
        prog="python -m proliferation_course.exercises",
        description="Check your answers to a course exercise: runs a copy of your notebook as last "
                    "saved, from the top (your file is not changed), and prints each question's state "
                    "in one line and the number of questions done.")
    sub = parser.add_subparsers(dest="command", required=True)
    rep = sub.add_parser("report", help="run an exercise notebook and report each question")
    rep.add_argument("notebooks", nargs="+", type=Path, metavar="NOTEBOOK",
                     help="your exercise notebook, e.g. ex02_deterrence.ipynb")
    rep.add_argument("--timeout", type=int, default=300, help="seconds a cell may run (default 300)")
    args = parser.parse_args(argv)
    status = 0
    for i, path in enumerate(args.notebooks):
        if i:
            print()
        if not path.is_file():
            print(f"{path}: no such notebook", file=sys.stderr)
            status = 2
            continue
        try:
            lines, done = report(path, timeout=args.timeout)
        except ImportError as err:
            print(f"{path}: cannot run notebooks here ({err}); install JupyterLab or nbclient and "
                  "ipykernel", file=sys.stderr)
            return 2
        except (ValueError, OSError) as err:
            print(f"{path}: {_one_line(str(err))}", file=sys.stderr)
            status = 2
            continue
        print("\n".join(lines))
        status = max(status, 0 if done else 1)
    return status


# --------------------------------------------------------------------------- the index page

EXERCISE_DIR = Path(__file__).resolve().parent.parent / "book" / "exercises"
CHAPTER_DIR = EXERCISE_DIR.parent / "chapters"


@dataclass(frozen=True)
class ExerciseInfo:
    """What the exercises index shows for one notebook: the page (a stem), the chapters it practises."""

    id: str
    chapters: tuple[str, ...]
    title: str
    questions: tuple[str, ...]
    page: str


def _in_language(text: str, page: str) -> str:
    """A heading of ``page`` (``book/chapters/ch02_deterrence``) in the language of the session.

    In English, ``text`` itself; in another language, its translation in the page's catalogue
    (the Japanese site's own words), or a ValueError naming the catalogue and the heading.
    """
    from .i18n import language, unescape_myst
    from .notebooks import page_units

    lang = language()
    if lang == "en":
        return text
    po = EXERCISE_DIR.parent.parent / "locales" / lang / "LC_MESSAGES" / f"{page}.po"
    units = page_units(po) if po.is_file() else {}
    if text not in units:
        raise ValueError(f"{po}: no translation of the heading {text!r}")
    return unescape_myst(units[text])


def _chapter_title(stem: str) -> str:
    path = CHAPTER_DIR / f"{stem}.md"
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            return _in_language(line[2:].strip(), f"book/chapters/{stem}")
    raise ValueError(f"{path.name}: no '# ' title line")


def exercise_infos(folder: Path | None = None) -> list[ExerciseInfo]:
    """Every solution notebook: its title, the chapters it links and its registered questions."""
    import nbformat

    folder = Path(folder) if folder is not None else EXERCISE_DIR
    infos = []
    for nb_path in sorted(folder.glob("*_solution.ipynb")):
        nb = nbformat.read(nb_path, as_version=4)
        first = next(c for c in nb.cells if c.cell_type == "markdown")
        title = next((line[2:].strip() for line in first.source.splitlines()
                      if line.startswith("# ")), None)
        if title is None:
            raise ValueError(f"{nb_path.name}: the first markdown cell has no '# ' title")
        chapters = tuple(dict.fromkeys(re.findall(r"chapters/(ch\d+_\w+)", first.source)))
        ex_id = nb_path.name.split("_")[0]
        asks = tuple(q.asks for q in questions(ex_id))
        if not asks:
            raise ValueError(f"{nb_path.name}: no checkers registered for {ex_id}")
        from .i18n import language

        if language() != "en":  # the page's own translated headings: "問1: 積の規則"
            page = f"book/exercises/{nb_path.stem}"
            title = _in_language(title, page)
            headings = [h.strip() for c in nb.cells if c.cell_type == "markdown"
                        for h in re.findall(r"^## (Question \d+\b.*)$", c.source, flags=re.M)]
            if len(headings) != len(asks):
                raise ValueError(f"{nb_path.name}: {len(headings)} '## Question N' headings for "
                                 f"{len(asks)} registered questions")
            asks = tuple(_in_language(h, page) for h in headings)
        infos.append(ExerciseInfo(id=ex_id, chapters=chapters, title=title, questions=asks, page=nb_path.stem))
    return infos


class ExerciseIndex:
    """The exercises index as HTML (links relative to book/exercises/)."""

    def __init__(self, folder: Path | None = None) -> None:
        self.infos = exercise_infos(folder)

    def to_html(self) -> str:
        e = html.escape
        parts = ['<div class="course-exercise-index">']
        for info in self.infos:
            chapters = _("; ").join(
                f'<a href="../chapters/{e(c)}.html">{e(_chapter_title(c))}</a>' for c in info.chapters)
            items = "".join(f"<li>{e(q)}</li>" for q in info.questions)
            parts.append(
                f'<section class="course-exercise" id="{e(info.id)}">'
                f'<p><a href="{e(info.page)}.html"><strong>{e(info.title)}</strong></a></p>'
                "<p>" + e(_("Practises: {chapters}. {n} questions:")).format(
                    chapters=chapters or e(_("no chapter linked")), n=len(info.questions))
                + f"</p><ol>{items}</ol></section>")
        parts.append("</div>")
        return "\n".join(parts)

    def _repr_html_(self) -> str:
        return self.to_html()


def exercise_index(folder: Path | None = None) -> ExerciseIndex:
    """The index of every exercise notebook, for book/exercises/index.md."""
    return ExerciseIndex(folder)


if __name__ == "__main__":
    # Run through the imported module, whose registry the checks fill (not this __main__ copy).
    from proliferation_course.exercises import main as _main

    sys.exit(_main())
