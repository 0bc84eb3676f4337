"""The numbers the seminar pages quote, counted from the course's sources, never typed in.

The instructor guide and the syllabus say how many chapters, exercises,
self-check questions and discussion questions the course has. Typed by hand,
such numbers go stale ("Four exercises exist" stayed after exercises 9 and 12
were added). Here they are counted from the sources themselves:

* chapters: the ``book/chapters/ch*.md`` pages;
* discussion questions: the numbered items of each chapter's "Discussion
  questions" section, with the instructor notes (``{instructor}`` blocks)
  left out;
* self-check questions: the quiz files of ``book/quizzes``, read and validated
  by :func:`proliferation_course.quiz.load_quiz`;
* exercises and their questions: the solution notebooks and the registered
  checkers, read by :func:`proliferation_course.exercises.exercise_infos`.

:func:`syllabus_weeks` reads the 13-week plan of the syllabus, so that a test
can check that every week links its chapter and that every exercise is
scheduled; :func:`missing_role_cards` checks that every role of the capstone's
role-play has a complete card. All functions are pure: they read files and return values.

Examples
--------
>>> number_word(6)
'six'
>>> number_word(42)
'42'
>>> discussion_question_count("## Discussion questions\\n\\n1. Why?\\n2. How?\\n\\n## Self-check\\n")
2
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

from .editions import strip_instructor_blocks
from .exercises import exercise_infos
from .quiz import load_quiz

__all__ = [
    "CourseCounts", "ExerciseSummary", "SyllabusWeek", "capstone_roles", "chapter_pages", "course_counts",
    "discussion_question_count", "exercise_summaries", "missing_role_cards", "number_word",
    "quiz_question_counts", "role_cards", "syllabus_weeks", "unscheduled_exercises",
]

ROOT = Path(__file__).resolve().parent.parent
BOOK = ROOT / "book"

_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
          "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
          "eighteen", "nineteen", "twenty")
_CHAPTER = re.compile(r"ch(\d+)_\w+")
_ITEM = re.compile(r"^(\d+)\. ")


def number_word(n: int) -> str:
    """``n`` in words up to twenty (as English prose writes small numbers), in digits above."""
    if isinstance(n, bool) or not isinstance(n, int) or n < 0:
        raise ValueError(f"number_word: expected a whole number of 0 or more, got {n!r}")
    return _WORDS[n] if n < len(_WORDS) else str(n)


def chapter_pages(chapter_dir: Path | None = None) -> list[Path]:
    """The chapter pages (``ch<NN>_<name>.md``), in chapter order."""
    folder = Path(chapter_dir) if chapter_dir is not None else BOOK / "chapters"
    pages = [p for p in folder.glob("ch*.md") if _CHAPTER.fullmatch(p.stem)]
    if not pages:
        raise ValueError(f"{folder}: no chapter pages (ch<NN>_<name>.md)")
    return sorted(pages, key=lambda p: int(_CHAPTER.fullmatch(p.stem).group(1)))  # type: ignore[union-attr]


def discussion_question_count(text: str, name: str = "the page") -> int:
    """How many numbered questions the page's "## Discussion questions" section asks.

    The instructor notes under the questions are ``{instructor}`` blocks and are
    left out first, so a note that starts a line with a number ("1972. It ...")
    is not counted. The numbers must run 1, 2, 3, ... without a gap.

    Raises
    ------
    ValueError
        If the page has no such section, the section has no question, or the
        numbering skips or repeats; the message names the page.
    """
    body = strip_instructor_blocks(text)
    match = re.search(r"^## Discussion questions[ \t]*\n(.*?)(?=^## |\Z)", body, re.M | re.S)
    if match is None:
        raise ValueError(f"{name}: no '## Discussion questions' section")
    numbers = [int(m.group(1)) for line in match.group(1).splitlines() if (m := _ITEM.match(line))]
    if not numbers:
        raise ValueError(f"{name}: the 'Discussion questions' section has no numbered question")
    if numbers != list(range(1, len(numbers) + 1)):
        raise ValueError(f"{name}: the discussion questions are numbered {numbers}, "
                         f"expected 1 to {len(numbers)} in order")
    return len(numbers)


def quiz_question_counts(quiz_dir: Path | None = None) -> dict[str, int]:
    """Questions per self-check quiz, ``{quiz id: count}``, from the validated quiz files."""
    from .quiz import QUIZ_DIR

    folder = Path(quiz_dir) if quiz_dir is not None else QUIZ_DIR
    ids = sorted(p.stem for p in folder.glob("*.yml"))
    if not ids:
        raise ValueError(f"{folder}: no quiz files (*.yml)")
    return {qid: len(load_quiz(qid, folder).questions) for qid in ids}


@dataclass(frozen=True)
class ExerciseSummary:
    """One exercise as the seminar pages list it."""

    id: str
    number: int
    title: str
    page: str
    chapters: tuple[int, ...]
    questions: int


def exercise_summaries(folder: Path | None = None) -> list[ExerciseSummary]:
    """Every exercise (one per solution notebook), in order, with its chapters and question count."""
    out = []
    for info in exercise_infos(folder):
        number = re.fullmatch(r"ex(\d+)", info.id)
        if number is None:
            raise ValueError(f"{info.page}: the exercise id {info.id!r} is not ex<NN>")
        chapters = tuple(int(_CHAPTER.fullmatch(c).group(1)) for c in info.chapters  # type: ignore[union-attr]
                         if _CHAPTER.fullmatch(c))
        out.append(ExerciseSummary(info.id, int(number.group(1)), info.title, info.page, chapters,
                                   len(info.questions)))
    return sorted(out, key=lambda e: e.number)


@dataclass(frozen=True)
class CourseCounts:
    """What the course holds, counted from its sources; displays as a table in a page."""

    chapters: int
    discussion_questions: dict[str, int]
    quiz_questions: dict[str, int]
    exercises: tuple[ExerciseSummary, ...]

    @property
    def quizzes(self) -> int:
        return len(self.quiz_questions)

    @property
    def exercise_questions(self) -> int:
        return sum(e.questions for e in self.exercises)

    def words(self, lang: str | None = None) -> dict[str, str]:
        """The counts as words for prose, keyed by name, for pasting into a page: in English
        "six", "four to six" and "2, 3 and 5"; in Japanese (``lang`` or the language the package
        speaks) digits, "4〜6" and "2、3、5", as Japanese prose writes them."""
        from .i18n import language

        ja = (lang or language()) == "ja"
        word = str if ja else number_word
        join = "、".join if ja else _join
        dq = sorted(set(self.discussion_questions.values()))
        return {
            "chapters": word(self.chapters),
            "exercises": word(len(self.exercises)),
            "quizzes": word(self.quizzes),
            "quiz_questions": word(sum(self.quiz_questions.values())),
            "exercise_questions": word(self.exercise_questions),
            "discussion_questions": word(sum(self.discussion_questions.values())),
            # "five" when every chapter asks five, "four to six" when they differ.
            "discussion_per_chapter": (word(dq[0]) if len(dq) == 1
                                       else f"{word(dq[0])}〜{word(dq[-1])}" if ja
                                       else f"{word(dq[0])} to {word(dq[-1])}"),
            "exercise_list": join([str(e.number) for e in self.exercises]),
        }

    def to_html(self) -> str:
        """A table: one row per kind of material, with its count and where it comes from."""
        e = html.escape
        rows = [
            ("Chapters", str(self.chapters), "book/chapters"),
            ("Discussion questions", str(sum(self.discussion_questions.values())),
             "the chapters' 'Discussion questions' sections"),
            ("Self-check quizzes", str(self.quizzes), "book/quizzes"),
            ("Self-check questions", str(sum(self.quiz_questions.values())), "book/quizzes"),
            ("Exercises", str(len(self.exercises)), "book/exercises (one notebook each)"),
            ("Checked exercise questions", str(self.exercise_questions), "the exercises' checkers"),
        ]
        body = "".join(f"<tr><td>{e(a)}</td><td>{e(b)}</td><td>{e(c)}</td></tr>" for a, b, c in rows)
        return ('<div class="course-table-wrap"><table class="course-table course-counts">'
                "<caption>The course at a glance, "
                "counted from its sources when the site is built</caption><thead><tr>"
                '<th scope="col">Material</th><th scope="col">Count</th><th scope="col">Counted from</th>'
                f"</tr></thead><tbody>{body}</tbody></table></div>")

    def exercise_table_html(self) -> str:
        """The exercises with their chapters and questions, linked to their pages (from book/instructor/)."""
        e = html.escape
        rows = "".join(
            f"<tr><td>{ex.number}</td><td><a href=\"../exercises/{e(ex.page)}.html\">{e(ex.title)}</a></td>"
            f"<td>{e(_join([str(c) for c in ex.chapters]) or 'none')}</td><td>{ex.questions}</td></tr>"
            for ex in self.exercises)
        return ('<div class="course-table-wrap"><table class="course-table course-exercises">'
                "<caption>The exercises, read from their "
                'notebooks when the site is built</caption><thead><tr><th scope="col">Exercise</th>'
                '<th scope="col">Title (solution page)</th><th scope="col">Chapters</th>'
                f'<th scope="col">Checked questions</th></tr></thead><tbody>{rows}</tbody></table></div>')

    def _repr_html_(self) -> str:
        return self.to_html()


def _join(items: list[str]) -> str:
    """'2, 3 and 5' (English list)."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def course_counts(book: Path | None = None) -> CourseCounts:
    """Count the course's chapters, discussion questions, quizzes and exercises from ``book``."""
    book = Path(book) if book is not None else BOOK
    pages = chapter_pages(book / "chapters")
    discussion = {p.stem: discussion_question_count(p.read_text(encoding="utf-8"), p.name) for p in pages}
    return CourseCounts(
        chapters=len(pages),
        discussion_questions=discussion,
        quiz_questions=quiz_question_counts(book / "quizzes"),
        exercises=tuple(exercise_summaries(book / "exercises")),
    )


@dataclass(frozen=True)
class SyllabusWeek:
    """One row of the syllabus's 13-week plan, as written in the page source."""

    week: int
    cells: tuple[str, ...]

    @property
    def text(self) -> str:
        return " | ".join(self.cells)


def syllabus_weeks(text: str, heading: str = "## A 13-week plan") -> list[SyllabusWeek]:
    """The rows of the table under ``heading`` in the syllabus source, one per week.

    Raises
    ------
    ValueError
        If the heading or its table is missing, or the weeks do not run 1, 2, 3, ...
    """
    start = text.find(f"\n{heading}\n")
    if start < 0:
        raise ValueError(f"the syllabus has no '{heading}' section")
    end = text.find("\n## ", start + len(heading) + 2)
    section = text[start:end if end >= 0 else len(text)]
    weeks = []
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("|") and cells and cells[0].isdigit():
            weeks.append(SyllabusWeek(int(cells[0]), tuple(cells[1:])))
    if not weeks:
        raise ValueError(f"the syllabus's '{heading}' section has no table of weeks")
    numbers = [w.week for w in weeks]
    if numbers != list(range(1, len(weeks) + 1)):
        raise ValueError(f"the syllabus's '{heading}' table numbers its weeks {numbers}")
    return weeks


def unscheduled_exercises(weeks: list[SyllabusWeek], exercises: list[ExerciseSummary]) -> list[str]:
    """The exercises whose solution page no week of the plan links (``{doc}`` to ``<page>``)."""
    text = "\n".join(w.text for w in weeks)
    return [ex.id for ex in exercises if f"../exercises/{ex.page}>`" not in text]


_PARTS = ("Brief", "Interests", "Evidence", "Red lines", "The question you must ask")


def _role_key(name: str) -> str:
    """A role's name without its parenthesis or the word "delegation": 'Canada (optional)' -> 'Canada'."""
    name = re.sub(r"\s*\([^)]*\)", "", name.replace("*", "")).strip()
    return name.removesuffix(" delegation").strip()


def _variants(text: str) -> dict[int, str]:
    """The body of each '## Variant N' or '### Variant N' section, by N."""
    out = {}
    for m in re.finditer(r"^#{2,3} Variant (\d+):[^\n]*\n(.*?)(?=^#{2,3} |\Z)", text, re.M | re.S):
        out[int(m.group(1))] = m.group(2)
    return out


def capstone_roles(text: str) -> dict[int, list[str]]:
    """The roles of each role-play variant, read from the first column of its table in the capstone."""
    roles = {}
    for number, body in _variants(text).items():
        table = re.search(r"^\|.*?(?=^[^|]|\Z)", body, re.M | re.S)  # the first table only
        rows = table.group(0).splitlines() if table else []
        names = [_role_key(r.strip("|").split("|")[0]) for r in rows[2:]]  # skip the header and the rule
        if not names:
            raise ValueError(f"capstone, variant {number}: no table of roles")
        roles[number] = names
    if not roles:
        raise ValueError("capstone: no '### Variant N:' section")
    return roles


def role_cards(text: str) -> dict[int, dict[str, tuple[str, ...]]]:
    """The cards of the role-cards page: for each variant, each card's role and the parts it has.

    A card is a '### N.M Role' heading followed by bullets that start with the
    part's name in bold (``- **Brief.**``).
    """
    cards: dict[int, dict[str, tuple[str, ...]]] = {}
    for m in re.finditer(r"^### (\d+)\.(\d+) ([^\n]+)\n(.*?)(?=^##|\Z)", text, re.M | re.S):
        parts = tuple(p for p in _PARTS if re.search(rf"^- \*\*{re.escape(p)}\b", m.group(4), re.M))
        cards.setdefault(int(m.group(1)), {})[_role_key(m.group(3))] = parts
    return cards


def missing_role_cards(capstone_text: str, cards_text: str) -> list[str]:
    """Every role of the capstone without a card, or whose card lacks one of the five parts."""
    cards = role_cards(cards_text)
    wanted = capstone_roles(capstone_text)
    problems = []
    for variant, roles in wanted.items():
        for role in roles:
            parts = cards.get(variant, {}).get(role)
            if parts is None:
                problems.append(f"variant {variant}: no card for {role!r}")
            elif parts != _PARTS:
                lacking = ", ".join(p for p in _PARTS if p not in parts)
                problems.append(f"variant {variant}, {role}: the card lacks {lacking}")
    for variant, found in cards.items():
        extra = sorted(set(found) - set(wanted.get(variant, [])))
        problems += [f"variant {variant}: a card for {r!r}, a role the capstone does not have" for r in extra]
    return problems
