"""The seminar pages' numbers come from the sources, and the syllabus schedules the whole course.

The counts of :mod:`proliferation_course.seminar` are checked against the
sources read here independently (the YAML files, the notebooks on disk, the
table of contents); then the syllabus's 13-week plan is checked against the
course: every week links its chapter, every exercise is scheduled, and the
pages that quote counts no longer type them in.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from proliferation_course import seminar
from proliferation_course.seminar import (
    SyllabusWeek,
    course_counts,
    discussion_question_count,
    exercise_summaries,
    number_word,
    quiz_question_counts,
    syllabus_weeks,
    unscheduled_exercises,
)

ROOT = Path(__file__).resolve().parent.parent
BOOK = ROOT / "book"
SYLLABUS = BOOK / "instructor" / "syllabus.md"


# ---------------------------------------------------------------- the counts, against the sources

def _toc_files() -> list[str]:
    def walk(node: object) -> list[str]:
        if isinstance(node, dict):
            return ([node["file"]] if "file" in node else []) + [f for v in node.values() for f in walk(v)]
        if isinstance(node, list):
            return [f for v in node for f in walk(v)]
        return []
    return walk(yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8")))


def test_the_counts_match_the_sources_read_independently() -> None:
    counts = course_counts()
    chapters_in_toc = [f for f in _toc_files() if f.startswith("book/chapters/")]
    assert counts.chapters == len(chapters_in_toc) == len(list((BOOK / "chapters").glob("ch*.md")))
    quiz_files = sorted((BOOK / "quizzes").glob("*.yml"))
    assert counts.quizzes == len(quiz_files)
    assert sum(counts.quiz_questions.values()) == sum(
        len(yaml.safe_load(p.read_text(encoding="utf-8"))["questions"]) for p in quiz_files)
    solutions_in_toc = sorted(f.split("/")[-1] for f in _toc_files() if f.endswith("_solution"))
    assert [e.page for e in counts.exercises] == solutions_in_toc
    assert [e.id for e in counts.exercises] == sorted(
        p.name.split("_")[0] for p in (BOOK / "exercises").glob("ex*_solution.ipynb"))
    # Every exercise has a learner notebook beside its solution.
    for ex in counts.exercises:
        assert (BOOK / "exercises" / f"{ex.page.removesuffix('_solution')}.ipynb").is_file(), ex.id


def test_exercise_questions_are_the_check_cells_of_each_notebook() -> None:
    for ex in exercise_summaries():
        nb = (BOOK / "exercises" / f"{ex.page}.ipynb").read_text(encoding="utf-8")
        asked = set(re.findall(rf'check\(\\"{ex.id}\\", \\"(q\d+)\\"', nb))
        assert len(asked) == ex.questions, f"{ex.id}: {len(asked)} check cells, {ex.questions} counted"
        assert ex.chapters, f"{ex.id}: no chapter linked"


def test_discussion_questions_skip_the_instructor_notes() -> None:
    text = ("# Ch\n\n## Discussion questions\n\n1. First?\n\n```{instructor}\n1972. A year in a note.\n"
            "2. Not a question.\n```\n\n2. Second?\n   1. not at the margin\n\n## Self-check\n\n3. no\n")
    assert discussion_question_count(text) == 2


@pytest.mark.parametrize(("text", "message"), [
    ("# Ch\n\n## Summary\n", "no '## Discussion questions' section"),
    ("## Discussion questions\n\nNo list.\n", "has no numbered question"),
    ("## Discussion questions\n\n1. a\n3. b\n", r"numbered \[1, 3\]"),
])
def test_a_malformed_chapter_is_named(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=rf"ch99\.md: .*{message}"):
        discussion_question_count(text, "ch99.md")


def test_every_chapter_asks_its_discussion_questions() -> None:
    counts = course_counts()
    assert set(counts.discussion_questions) == {p.stem for p in (BOOK / "chapters").glob("ch*.md")}
    assert all(n >= 3 for n in counts.discussion_questions.values()), counts.discussion_questions


def test_a_new_quiz_changes_the_count(tmp_path: Path) -> None:
    for p in (BOOK / "quizzes").glob("ch0[12].yml"):
        (tmp_path / p.name).write_text(p.read_text(encoding="utf-8"), encoding="utf-8")
    before = quiz_question_counts(tmp_path)
    assert set(before) == {"ch01", "ch02"}
    bad = yaml.safe_load((tmp_path / "ch01.yml").read_text(encoding="utf-8"))
    bad["id"] = "ch03"
    bad["questions"] = bad["questions"][:2]
    (tmp_path / "ch03.yml").write_text(yaml.safe_dump(bad), encoding="utf-8")
    assert quiz_question_counts(tmp_path) == {**before, "ch03": 2}
    with pytest.raises(ValueError, match="no quiz files"):
        quiz_question_counts(tmp_path / "empty")


def test_number_words() -> None:
    assert [number_word(n) for n in (0, 4, 6, 13, 20, 21)] == ["no", "four", "six", "thirteen", "twenty", "21"]
    for bad in (-1, 2.0, True, "6"):
        with pytest.raises(ValueError, match="number_word"):
            number_word(bad)  # type: ignore[arg-type]


def test_the_words_and_tables_say_what_the_counts_say() -> None:
    counts = course_counts()
    words = counts.words()
    assert words["exercises"] == number_word(len(counts.exercises))
    assert words["chapters"] == number_word(counts.chapters)
    assert words["exercise_list"].replace(" and ", ", ").split(", ") == [str(e.number) for e in counts.exercises]
    table = counts.to_html()
    assert f"<td>Exercises</td><td>{len(counts.exercises)}</td>" in table
    assert f"<td>Self-check questions</td><td>{sum(counts.quiz_questions.values())}</td>" in table
    rows = counts.exercise_table_html()
    for ex in counts.exercises:
        assert f'href="../exercises/{ex.page}.html"' in rows
        assert (BOOK / "exercises" / f"{ex.page}.ipynb").is_file()


# ---------------------------------------------------------------- the syllabus, against the course

def test_syllabus_weeks_are_read_from_the_13_week_table() -> None:
    text = ("# S\n\n## A 13-week plan\n\n| Week | A |\n|---|---|\n| 1 | x |\n| 2 | y |\n\n"
            "## A 6-week plan\n\n| 1 | z |\n")
    assert syllabus_weeks(text) == [SyllabusWeek(1, ("x",)), SyllabusWeek(2, ("y",))]
    with pytest.raises(ValueError, match="no '## A 13-week plan' section"):
        syllabus_weeks("# S\n")
    with pytest.raises(ValueError, match=r"numbers its weeks \[1, 3\]"):
        syllabus_weeks("\n## A 13-week plan\n\n| 1 | x |\n| 3 | y |\n")


def test_every_week_links_its_chapter_and_the_guide() -> None:
    weeks = syllabus_weeks(SYLLABUS.read_text(encoding="utf-8"))
    stems = [p.stem for p in seminar.chapter_pages()]
    assert len(weeks) == len(stems), "one week per chapter"
    for week, stem in zip(weeks, stems, strict=True):
        assert f"../chapters/{stem}>`" in week.cells[0], f"week {week.week} does not link {stem}"
        assert f"instructor-{stem[:4]}>`" in week.text, f"week {week.week} does not link the guide's notes"


def test_the_syllabus_schedules_every_exercise() -> None:
    weeks = syllabus_weeks(SYLLABUS.read_text(encoding="utf-8"))
    exercises = exercise_summaries()
    assert unscheduled_exercises(weeks, exercises) == []
    # An exercise is set in the week of its (last) chapter, and due the week after.
    for ex in exercises:
        week = weeks[max(ex.chapters) - 1]
        assert f"../exercises/{ex.page}>`" in week.text, f"{ex.id} is not set in week {week.week}"
        assert f"(due week {week.week + 1})" in week.text, f"{ex.id}: no due date in week {week.week}"
    assert unscheduled_exercises(weeks[:3], exercises) == [e.id for e in exercises if max(e.chapters) > 3]


def test_the_seminar_pages_type_no_counts() -> None:
    """The guide and the syllabus quote the counts through the package, not as typed words."""
    for page in ("guide", "syllabus"):
        text = (BOOK / "instructor" / f"{page}.md").read_text(encoding="utf-8")
        assert "from proliferation_course.seminar import" in text, page
        typed = re.findall(r"\b(?:[A-Z][a-z]+|\d+) (?:exercises|quizzes|chapters) exist", text)
        assert not typed, f"{page}: typed counts {typed}"
        assert "{glue:text}`n_exercises`" in text, page


# ---------------------------------------------------------------- the role cards, against the capstone

def test_every_role_of_every_variant_has_a_complete_card() -> None:
    capstone = (BOOK / "instructor" / "capstone.md").read_text(encoding="utf-8")
    cards = (BOOK / "instructor" / "role_cards.md").read_text(encoding="utf-8")
    roles = seminar.capstone_roles(capstone)
    assert sorted(roles) == [1, 2, 3] and all(len(r) >= 4 for r in roles.values()), roles
    assert seminar.missing_role_cards(capstone, cards) == []


def test_a_missing_or_incomplete_card_is_named() -> None:
    capstone = ("### Variant 1: a meeting\n\n| Role | Interest |\n|---|---|\n| Chair (chair) | x |\n"
                "| Treasury | y |\n\n| Minutes | Item |\n|---|---|\n| 0 to 5 | z |\n\n### Other\n")
    cards = ("## Variant 1\n\n### 1.1 Chair\n\n- **Brief.** b\n- **Interests.** i\n- **Evidence.** e\n"
             "- **Red lines.** r\n- **The question you must ask:** q\n\n### 1.2 Spy\n\n- **Brief.** b\n")
    assert seminar.capstone_roles(capstone) == {1: ["Chair", "Treasury"]}
    assert seminar.missing_role_cards(capstone, cards) == [
        "variant 1: no card for 'Treasury'",
        "variant 1: a card for 'Spy', a role the capstone does not have"]
    cut = cards.replace("- **Red lines.** r\n", "")
    assert seminar.missing_role_cards(capstone, cut)[0] == "variant 1, Chair: the card lacks Red lines"
    with pytest.raises(ValueError, match="no '### Variant N:' section"):
        seminar.capstone_roles("# Capstone\n")


# ---------------------------------------------------------------- the 15-session plan (Japanese semester)

FIFTEEN = "## A 15-session plan (a Japanese university semester)"


def test_the_15_session_plan_has_an_orientation_every_chapter_and_a_closing_session() -> None:
    sessions = syllabus_weeks(SYLLABUS.read_text(encoding="utf-8"), FIFTEEN)
    stems = [p.stem for p in seminar.chapter_pages()]
    assert len(sessions) == len(stems) + 2 == 15
    assert "Orientation" in sessions[0].cells[0] and "../intro>`" in sessions[0].cells[0]
    for session, stem in zip(sessions[1:-1], stems, strict=True):
        assert f"../chapters/{stem}>`" in session.cells[0], f"session {session.week} does not link {stem}"
        assert f"instructor-{stem[:4]}>`" in session.text, f"session {session.week}: no link to the guide"
    assert "capstone" in sessions[-1].text.lower() and "presentations" in sessions[-1].text


def test_the_15_session_plan_schedules_every_exercise_with_a_due_session() -> None:
    sessions = syllabus_weeks(SYLLABUS.read_text(encoding="utf-8"), FIFTEEN)
    exercises = exercise_summaries()
    assert unscheduled_exercises(sessions, exercises) == []
    for ex in exercises:
        session = sessions[max(ex.chapters)]  # session 1 is the orientation
        assert f"../exercises/{ex.page}>`" in session.text, f"{ex.id} is not set in session {session.week}"
        assert f"(due session {session.week + 1})" in session.text, f"{ex.id}: no due session"


def test_the_counts_read_as_japanese_prose_in_japanese() -> None:
    counts = seminar.CourseCounts(13, {"ch01": 4, "ch02": 6}, {"ch01": 5}, tuple(exercise_summaries()))
    en, ja = counts.words("en"), counts.words("ja")
    assert en["chapters"] == "thirteen" and ja["chapters"] == "13"
    assert en["discussion_per_chapter"] == "four to six" and ja["discussion_per_chapter"] == "4〜6"
    numbers = [str(e.number) for e in counts.exercises]
    assert ja["exercise_list"] == "、".join(numbers) and en["exercise_list"].endswith(f" and {numbers[-1]}")
    from proliferation_course.i18n import speaking

    with speaking("ja"):
        assert counts.words() == ja
