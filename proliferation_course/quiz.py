"""Self-check quizzes: plain HTML on the website, a widget in a live kernel.

Each quiz is a YAML file in ``book/quizzes/``: a title and a list of
questions, each with choices of which exactly one is correct, and feedback for
every choice. On the website, a quiz is plain, accessible HTML (radio buttons
in a fieldset, a submit button, a live feedback region); the course's
``course.js`` marks the answer and keeps the learner's score in the browser.
Ids are derived from the quiz and question ids, so builds are deterministic.

In a live kernel (JupyterLab, Notebook 7, Colab), where ``course.js`` is not
loaded and a form's submit button would reload the page, the same quiz shows
as an ipywidgets panel (:class:`QuizWidget`) that checks each answer in place.
Which face a quiz shows depends on where it runs
(:mod:`proliferation_course.context`).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .context import in_site_build
from .i18n import _
from .resources import quiz_dir

__all__ = ["QUIZ_DIR", "Quiz", "QuizError", "QuizWidget", "load_quiz", "show_quiz"]

#: Folder holding the quiz files (inside the installed package).
QUIZ_DIR = quiz_dir()
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
            check = e(_("Check answer"))
            parts.append(f'<button type="submit" class="course-quiz-check">{check}</button>')
            parts.append('<p class="course-quiz-feedback" role="status" aria-live="polite"></p>')
            parts.append("</form>")
        parts.append("</section>")
        return "\n".join(parts)

    def _repr_html_(self) -> str:
        return self.to_html()

    def to_static_html(self) -> str:
        """The questions as text, without controls: what a saved notebook shows without its kernel."""
        e = html.escape
        items = "".join(
            f"<li>{e(q.prompt)}<ul>{''.join(f'<li>{e(c.text)}</li>' for c in q.choices)}</ul></li>"
            for q in self.questions)
        hint = e(_("Run this cell in a live kernel to answer the questions."))
        return (f'<div class="course-quiz-static"><p><strong>{e(self.title)}</strong></p>'
                f"<p><em>{hint}</em></p><ol>{items}</ol></div>")

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        """The website's HTML while the site is built; a live widget in a learner's kernel."""
        if in_site_build():
            return {"text/html": self.to_html()}
        bundle = dict(QuizWidget(self).box._repr_mimebundle_(include=include, exclude=exclude) or {})
        bundle["text/html"] = self.to_static_html()
        return bundle


class QuizWidget:
    """A quiz as an ipywidgets panel: choose an answer, press "Check answer", read the feedback.

    Nothing is submitted anywhere and nothing reloads: the feedback for the chosen
    answer appears under the question, and the score line counts the questions
    answered correctly.

    Examples
    --------
    >>> from proliferation_course.quiz import load_quiz
    >>> panel = QuizWidget(load_quiz("ch01"))
    >>> right = next(k for k, c in enumerate(panel.quiz.questions[0].choices) if c.correct)
    >>> panel.answer(0, right)
    >>> panel.score.value.startswith("1 of")
    True
    """

    def __init__(self, quiz: Quiz) -> None:
        import ipywidgets as w

        self.quiz = quiz
        e = html.escape
        self.score = w.HTML(value=self._score_text(0), layout=w.Layout(width="100%"))
        self.choices: list[Any] = []
        self.feedback: list[Any] = []
        self.buttons: list[Any] = []
        self.results: list[bool | None] = [None] * len(quiz.questions)
        rows = [w.HTML(f"<h3>{e(quiz.title)}</h3>"), self.score]
        for n, q in enumerate(quiz.questions):
            # The choices are listed as text (long ones wrap), and chosen by their letter:
            # a radio button's label does not wrap in every Jupyter front end.
            letters = [chr(97 + k) for k in range(len(q.choices))]
            listing = "".join(f"<li><strong>({x})</strong> {e(c.text)}</li>"
                              for x, c in zip(letters, q.choices, strict=True))
            prompt = w.HTML(f"<p><strong>{n + 1}. {e(q.prompt)}</strong></p>"
                            f'<ul style="list-style: none; padding-left: 0.5em">{listing}</ul>',
                            layout=w.Layout(width="100%"))
            choice = w.ToggleButtons(options=[(x, k) for k, x in enumerate(letters)], value=None,
                                     description=_("Answer:"), tooltips=[c.text[:80] for c in q.choices],
                                     style={"button_width": "3em"})
            button = w.Button(description=_("Check answer"),
                              tooltip=_("Check your answer to question {number}").format(number=n + 1))
            feedback = w.HTML(value="", layout=w.Layout(width="100%"))
            button.on_click(lambda _b, n=n: self.check(n))
            self.choices.append(choice)
            self.buttons.append(button)
            self.feedback.append(feedback)
            rows += [prompt, w.HBox([choice, button]), feedback]
        self.box = w.VBox(rows, layout=w.Layout(width="100%", max_width="48rem"))
        self.box.add_class("course-quiz-widget")

    def _score_text(self, right: int) -> str:
        return _("{right} of {total} answered correctly so far.").format(right=right,
                                                                       total=len(self.quiz.questions))

    def answer(self, question: int, choice: int) -> None:
        """Choose ``choice`` (0-based) for ``question`` (0-based) and check it, as a click would."""
        self.choices[question].value = choice
        self.check(question)

    def check(self, question: int) -> None:
        """Show the feedback for the chosen answer of ``question`` (0-based) and update the score."""
        e = html.escape
        q = self.quiz.questions[question]
        chosen = self.choices[question].value
        if chosen is None:
            self.feedback[question].value = "<p>{}</p>".format(
                _("Choose an answer to question {number} first.").format(number=question + 1))
            return
        choice = q.choices[chosen]
        self.results[question] = choice.correct
        verdict = _("Correct.") if choice.correct else _("Not quite.")
        colour = "#1a7f37" if choice.correct else "#b35900"
        self.feedback[question].value = (
            f'<p role="status"><strong style="color:{colour}">{verdict}</strong> {e(choice.feedback)}</p>')
        self.score.value = self._score_text(sum(r is True for r in self.results))

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> Any:
        return self.box._repr_mimebundle_(include=include, exclude=exclude)


def _fail(path: Path, where: str, what: str) -> QuizError:
    return QuizError(f"{path.name}: {where}: {what}")


def _text(path: Path, where: str, value: object, name: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _fail(path, where, f"'{name}' must be non-empty text, got {value!r}")
    return _(value.strip())  # the quiz's words in the reader's language (proliferation_course.i18n)


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
    """Load a quiz for display: HTML on the website, a widget in a live kernel (see the module)."""
    return load_quiz(quiz_id)
