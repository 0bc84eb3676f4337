"""Self-check quizzes that work in the browser with no kernel.

Each quiz is a YAML file in ``book/quizzes/``: a title and a list of
questions, each with choices of which exactly one is correct, and feedback for
every choice. :func:`show_quiz` renders it as plain, accessible HTML (radio
buttons in a fieldset, a submit button, a live feedback region); the course's
``course.js`` marks the answer and keeps the learner's score in the browser.
Ids are derived from the quiz and question ids, so builds are deterministic.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

__all__ = ["QUIZ_DIR", "Quiz", "QuizError", "load_quiz", "show_quiz"]

QUIZ_DIR = Path(__file__).resolve().parent.parent / "book" / "quizzes"
_ID = re.compile(r"[a-z0-9_-]+")


class QuizError(ValueError):
    """A quiz file is malformed; the message names the file and the question."""


@dataclass(frozen=True)
class Choice:
    text: str
    correct: bool
    feedback: str


@dataclass(frozen=True)
class Question:
    id: str
    prompt: str
    choices: tuple[Choice, ...]


@dataclass(frozen=True)
class Quiz:
    """A parsed, validated quiz. Displaying it in Jupyter or myst-nb renders its HTML."""

    id: str
    title: str
    questions: tuple[Question, ...]

    def to_html(self) -> str:
        """The quiz as HTML, with ids derived from the quiz and question ids."""
        e = html.escape
        parts = [
            f'<section class="course-quiz" id="quiz-{e(self.id)}" data-quiz="{e(self.id)}" '
            f'aria-label="{e(self.title)}">',
            f'<p class="course-quiz-title"><strong>{e(self.title)}</strong></p>',
            '<p class="course-quiz-score" aria-live="polite" data-quiz-score '
            f'data-total="{len(self.questions)}"></p>',
        ]
        for n, q in enumerate(self.questions, start=1):
            qid = f"quiz-{self.id}-{q.id}"
            parts.append(f'<form class="course-quiz-question" id="{qid}" data-question="{e(q.id)}">')
            parts.append(f'<fieldset><legend>{n}. {e(q.prompt)}</legend>')
            for k, choice in enumerate(q.choices):
                cid = f"{qid}-{chr(97 + k)}"
                parts.append(
                    f'<div class="course-quiz-choice"><input type="radio" name="{qid}" id="{cid}" '
                    f'value="{chr(97 + k)}" data-correct="{str(choice.correct).lower()}">'
                    f'<label for="{cid}">{e(choice.text)}</label>'
                    f'<p class="course-quiz-explain" data-feedback-for="{chr(97 + k)}" hidden>'
                    f"{e(choice.feedback)}</p></div>"
                )
            parts.append("</fieldset>")
            parts.append('<button type="submit" class="course-quiz-check">Check answer</button>')
            parts.append('<p class="course-quiz-feedback" role="status" aria-live="polite"></p>')
            parts.append("</form>")
        parts.append("</section>")
        return "\n".join(parts)

    def _repr_html_(self) -> str:
        return self.to_html()


def _fail(path: Path, where: str, what: str) -> QuizError:
    return QuizError(f"{path.name}: {where}: {what}")


def _text(path: Path, where: str, value: object, name: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _fail(path, where, f"'{name}' must be non-empty text, got {value!r}")
    return value.strip()


def load_quiz(quiz_id: str, quiz_dir: Path | None = None) -> Quiz:
    """Read and validate ``<quiz_dir>/<quiz_id>.yml``.

    Raises
    ------
    QuizError
        If the file is missing or malformed: no questions, a question without
        exactly one correct choice, fewer than two choices, empty text or
        feedback, duplicate or badly formed ids. The message names the file
        and the question.
    """
    if not isinstance(quiz_id, str) or not _ID.fullmatch(quiz_id):
        raise QuizError(
            f"{quiz_id}.yml: the quiz id must be lowercase letters, digits, - or _ (it names "
            f"the file and the page's HTML ids), got {quiz_id!r}"
        )
    folder = Path(quiz_dir) if quiz_dir is not None else QUIZ_DIR
    path = folder / f"{quiz_id}.yml"
    if not path.exists():
        raise QuizError(f"{path.name}: no quiz file at {path}")
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as err:
        raise QuizError(f"{path.name}: not valid YAML ({err})") from None
    if not isinstance(raw, dict):
        raise _fail(path, "top level", "expected a mapping with id, title and questions")
    if raw.get("id") != quiz_id:
        raise _fail(path, "id", f"must equal the file name {quiz_id!r}, got {raw.get('id')!r}")
    title = _text(path, "top level", raw.get("title"), "title")
    items = raw.get("questions")
    if not isinstance(items, list) or not items:
        raise _fail(path, "questions", "expected a non-empty list of questions")
    questions, seen = [], set()
    for i, item in enumerate(items, start=1):
        where = f"question {i}"
        if not isinstance(item, dict):
            raise _fail(path, where, "expected a mapping with id, prompt and choices")
        qid = item.get("id")
        if not isinstance(qid, str) or not _ID.fullmatch(qid):
            raise _fail(path, where, f"'id' must be lowercase letters, digits, - or _, got {qid!r}")
        if qid in seen:
            raise _fail(path, where, f"id {qid!r} is used twice")
        seen.add(qid)
        where = f"question {i} ({qid})"
        prompt = _text(path, where, item.get("prompt"), "prompt")
        raw_choices = item.get("choices")
        if not isinstance(raw_choices, list) or len(raw_choices) < 2:
            raise _fail(path, where, "needs a list of at least two choices")
        choices = []
        for k, ch in enumerate(raw_choices, start=1):
            cwhere = f"{where}, choice {k}"
            if not isinstance(ch, dict):
                raise _fail(path, cwhere, "expected a mapping with text, correct and feedback")
            if not isinstance(ch.get("correct"), bool):
                raise _fail(path, cwhere, f"'correct' must be true or false, got {ch.get('correct')!r}")
            choices.append(Choice(
                text=_text(path, cwhere, ch.get("text"), "text"),
                correct=ch["correct"],
                feedback=_text(path, cwhere, ch.get("feedback"), "feedback"),
            ))
        n_correct = sum(c.correct for c in choices)
        if n_correct != 1:
            raise _fail(path, where, f"needs exactly one correct choice, has {n_correct}")
        questions.append(Question(id=qid, prompt=prompt, choices=tuple(choices)))
    return Quiz(id=quiz_id, title=title, questions=tuple(questions))


def show_quiz(quiz_id: str) -> Quiz:
    """Load a quiz for display: the returned object renders as HTML in a notebook or page."""
    return load_quiz(quiz_id)
