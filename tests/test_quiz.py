"""Self-check quizzes: the real quiz files load, the HTML is deterministic, accessible and
escaped, and malformed files are refused with a message naming the file and the question.
"""

from __future__ import annotations

import copy
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml

from proliferation_course.quiz import QUIZ_DIR, Quiz, QuizError, load_quiz, show_quiz

ROOT = Path(__file__).resolve().parent.parent

SCRIPT = "<script>alert('x')</script>"

VALID: dict[str, Any] = {
    "id": "demo",
    "title": "Demo & test <quiz>",
    "questions": [
        {
            "id": "q1",
            "prompt": f"Which is right? {SCRIPT}",
            "choices": [
                {"text": "Alpha <b>bold</b>", "correct": False, "feedback": "No: \"quoted\"."},
                {"text": "Beta & co", "correct": True, "feedback": "Yes <i>indeed</i>."},
                {"text": "Gamma", "correct": False, "feedback": "No."},
            ],
        },
        {
            "id": "second-q_2",
            "prompt": "Pick the last one.",
            "choices": [
                {"text": "One", "correct": False, "feedback": "No, not one."},
                {"text": "Two", "correct": True, "feedback": "Yes, two."},
            ],
        },
    ],
}


def write_quiz(folder: Path, data: Any, name: str = "demo") -> Path:
    path = folder / f"{name}.yml"
    text = data if isinstance(data, str) else yaml.safe_dump(data, allow_unicode=True)
    path.write_text(text, encoding="utf-8")
    return path


def valid() -> dict[str, Any]:
    return copy.deepcopy(VALID)


# --------------------------------------------------------------------------------------
# A small HTML reader for the checks below
# --------------------------------------------------------------------------------------


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.text_in: dict[str, list[str]] = {}
        self._stack: list[str] = []
        self.texts: list[tuple[tuple[str, ...], str]] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        if tag not in ("input", "br", "img", "meta", "link", "hr"):
            self._stack.append(tag)

    def handle_endtag(self, tag):
        if tag in self._stack:
            while self._stack and self._stack.pop() != tag:
                pass

    def handle_data(self, data):
        self.texts.append((tuple(self._stack), data))

    def tags(self, name: str) -> list[dict[str, str | None]]:
        return [attrs for tag, attrs in self.elements if tag == name]

    def text_of(self, tag: str) -> list[str]:
        return [data for stack, data in self.texts if stack and stack[-1] == tag]


def read_html(text: str) -> _Reader:
    reader = _Reader()
    reader.feed(text)
    reader.close()
    return reader


@pytest.fixture
def demo(tmp_path: Path) -> Quiz:
    write_quiz(tmp_path, valid())
    return load_quiz("demo", quiz_dir=tmp_path)


# --------------------------------------------------------------------------------------
# The real quizzes
# --------------------------------------------------------------------------------------


def _real_quiz_files() -> list[Path]:
    return sorted(QUIZ_DIR.glob("*.yml"))


def test_quiz_dir_is_book_quizzes() -> None:
    assert QUIZ_DIR == ROOT / "book" / "quizzes"


def test_real_quizzes_exist_and_load() -> None:
    files = _real_quiz_files()
    assert files, f"no quiz files (*.yml) in {QUIZ_DIR}"
    for path in files:
        quiz = load_quiz(path.stem)
        assert quiz.id == path.stem
        assert quiz.questions
        for q in quiz.questions:
            assert sum(c.correct for c in q.choices) == 1, (path.name, q.id)
            assert len(q.choices) >= 2
        page = read_html(quiz.to_html())
        assert len(page.tags("form")) == len(quiz.questions)


def test_show_quiz_loads_from_the_quiz_folder() -> None:
    files = _real_quiz_files()
    assert files
    quiz = show_quiz(files[0].stem)
    assert quiz == load_quiz(files[0].stem)
    assert quiz._repr_html_() == quiz.to_html()


# --------------------------------------------------------------------------------------
# Parsing and HTML
# --------------------------------------------------------------------------------------


def test_load_parses_fields(demo: Quiz) -> None:
    assert demo.id == "demo"
    assert demo.title == VALID["title"]
    assert [q.id for q in demo.questions] == ["q1", "second-q_2"]
    q1 = demo.questions[0]
    assert q1.prompt == VALID["questions"][0]["prompt"]
    assert [c.correct for c in q1.choices] == [False, True, False]
    assert q1.choices[1].feedback == "Yes <i>indeed</i>."


def test_to_html_is_deterministic(tmp_path: Path, demo: Quiz) -> None:
    assert demo.to_html() == demo.to_html()
    again = load_quiz("demo", quiz_dir=tmp_path)
    assert again.to_html() == demo.to_html()
    assert demo._repr_html_() == demo.to_html()


def test_ids_derive_from_quiz_and_question_ids(demo: Quiz) -> None:
    page = read_html(demo.to_html())
    (section,) = page.tags("section")
    assert section["id"] == "quiz-demo"
    forms = page.tags("form")
    assert [f["id"] for f in forms] == ["quiz-demo-q1", "quiz-demo-second-q_2"]
    inputs = page.tags("input")
    assert [i["id"] for i in inputs] == [
        "quiz-demo-q1-a", "quiz-demo-q1-b", "quiz-demo-q1-c",
        "quiz-demo-second-q_2-a", "quiz-demo-second-q_2-b",
    ]
    # radios of one question form one group
    assert [i["name"] for i in inputs] == ["quiz-demo-q1"] * 3 + ["quiz-demo-second-q_2"] * 2
    all_ids = [attrs["id"] for _, attrs in page.elements if "id" in attrs]
    assert len(all_ids) == len(set(all_ids))
    # no random part anywhere
    other = Quiz(id="other", title=demo.title, questions=demo.questions)
    assert other.to_html() == demo.to_html().replace("quiz-demo", "quiz-other").replace(
        'data-quiz="demo"', 'data-quiz="other"'
    )


def test_exactly_one_correct_choice_per_question(demo: Quiz) -> None:
    html = demo.to_html()
    assert html.count('data-correct="true"') == len(demo.questions)
    page = read_html(html)
    inputs = page.tags("input")
    for q in demo.questions:
        mine = [i for i in inputs if i["name"] == f"quiz-demo-{q.id}"]
        assert len(mine) == len(q.choices)
        flags = [i["data-correct"] for i in mine]
        assert flags.count("true") == 1
        assert flags == ["true" if c.correct else "false" for c in q.choices]


def test_every_input_has_a_label(demo: Quiz) -> None:
    page = read_html(demo.to_html())
    inputs = page.tags("input")
    labels_for = [label.get("for") for label in page.tags("label")]
    assert inputs
    for i in inputs:
        assert i["type"] == "radio"
        assert i["id"] and labels_for.count(i["id"]) == 1, i["id"]
    # and each label reads the choice text (unescaped by the parser)
    texts = page.text_of("label")
    assert texts == [c.text for q in demo.questions for c in q.choices]


def test_text_is_escaped(demo: Quiz) -> None:
    html = demo.to_html()
    assert SCRIPT not in html
    assert "<script" not in html.lower()
    assert "&lt;script&gt;" in html
    assert "<b>" not in html and "<i>" not in html
    page = read_html(html)
    # The parser sees the original text, so it is escaped, not dropped.
    legends = page.text_of("legend")
    assert legends[0] == f"1. {VALID['questions'][0]['prompt']}"
    assert legends[1] == "2. Pick the last one."
    (section,) = page.tags("section")
    assert section["aria-label"] == VALID["title"]
    feedback = [t for t in page.text_of("p") if t]
    assert "Yes <i>indeed</i>." in feedback
    assert 'No: "quoted".' in feedback


def test_fieldsets_and_live_regions(demo: Quiz) -> None:
    page = read_html(demo.to_html())
    assert len(page.tags("fieldset")) == len(demo.questions)
    assert len(page.tags("legend")) == len(demo.questions)
    buttons = page.tags("button")
    assert len(buttons) == len(demo.questions)
    assert all(b["type"] == "submit" for b in buttons)
    live = [p for p in page.tags("p") if p.get("aria-live") == "polite"]
    assert len(live) == len(demo.questions) + 1  # one per question plus the score


# --------------------------------------------------------------------------------------
# Malformed quizzes
# --------------------------------------------------------------------------------------


def _error(folder: Path, quiz_id: str = "demo") -> str:
    with pytest.raises(QuizError) as info:
        load_quiz(quiz_id, quiz_dir=folder)
    assert isinstance(info.value, ValueError)
    return str(info.value)


def _assert_names_question(msg: str, number: int, qid: str | None = None) -> None:
    assert "demo.yml" in msg, msg
    assert f"question {number}" in msg, msg
    if qid is not None:
        assert qid in msg, msg


@pytest.mark.parametrize("flags", [(False, False), (True, True)], ids=["zero", "two"])
def test_not_exactly_one_correct(tmp_path: Path, flags) -> None:
    data = valid()
    for choice, flag in zip(data["questions"][1]["choices"], flags, strict=True):
        choice["correct"] = flag
    write_quiz(tmp_path, data)
    msg = _error(tmp_path)
    _assert_names_question(msg, 2, "second-q_2")
    assert "exactly one correct" in msg


def test_one_choice_only(tmp_path: Path) -> None:
    data = valid()
    data["questions"][1]["choices"] = data["questions"][1]["choices"][1:]
    write_quiz(tmp_path, data)
    _assert_names_question(_error(tmp_path), 2, "second-q_2")


def test_no_choices(tmp_path: Path) -> None:
    data = valid()
    data["questions"][0]["choices"] = []
    write_quiz(tmp_path, data)
    _assert_names_question(_error(tmp_path), 1, "q1")


@pytest.mark.parametrize("bad", ["", "   ", None, 3], ids=["empty", "blank", "null", "number"])
def test_empty_feedback(tmp_path: Path, bad) -> None:
    data = valid()
    data["questions"][1]["choices"][0]["feedback"] = bad
    write_quiz(tmp_path, data)
    msg = _error(tmp_path)
    _assert_names_question(msg, 2, "second-q_2")
    assert "feedback" in msg and "choice 1" in msg


def test_missing_feedback(tmp_path: Path) -> None:
    data = valid()
    del data["questions"][0]["choices"][2]["feedback"]
    write_quiz(tmp_path, data)
    msg = _error(tmp_path)
    _assert_names_question(msg, 1, "q1")
    assert "feedback" in msg and "choice 3" in msg


@pytest.mark.parametrize("field", ["prompt", "text"])
def test_empty_prompt_or_text(tmp_path: Path, field: str) -> None:
    data = valid()
    if field == "prompt":
        data["questions"][1]["prompt"] = " "
    else:
        data["questions"][1]["choices"][1]["text"] = ""
    write_quiz(tmp_path, data)
    msg = _error(tmp_path)
    _assert_names_question(msg, 2, "second-q_2")
    assert field in msg


def test_duplicate_question_ids(tmp_path: Path) -> None:
    data = valid()
    data["questions"][1]["id"] = "q1"
    write_quiz(tmp_path, data)
    msg = _error(tmp_path)
    _assert_names_question(msg, 2, "q1")
    assert "twice" in msg


@pytest.mark.parametrize("bad", ["Q1", "q 1", "q.1", "", None, 7, "q1<"])
def test_bad_question_id(tmp_path: Path, bad) -> None:
    data = valid()
    data["questions"][1]["id"] = bad
    write_quiz(tmp_path, data)
    msg = _error(tmp_path)
    _assert_names_question(msg, 2)
    assert "id" in msg


def test_missing_question_id(tmp_path: Path) -> None:
    data = valid()
    del data["questions"][0]["id"]
    write_quiz(tmp_path, data)
    _assert_names_question(_error(tmp_path), 1)


def test_bad_quiz_id(tmp_path: Path) -> None:
    """The quiz id becomes part of HTML ids, so it must be as well formed as a question id."""
    data = valid()
    data["id"] = "demo quiz"
    write_quiz(tmp_path, data, name="demo quiz")
    msg = _error(tmp_path, "demo quiz")
    assert "demo quiz.yml" in msg
    assert "id" in msg


@pytest.mark.parametrize("bad", ["other", None, "Demo"])
def test_id_not_matching_file_name(tmp_path: Path, bad) -> None:
    data = valid()
    data["id"] = bad
    write_quiz(tmp_path, data)
    msg = _error(tmp_path)
    assert "demo.yml" in msg and "id" in msg


def test_missing_quiz_id(tmp_path: Path) -> None:
    data = valid()
    del data["id"]
    write_quiz(tmp_path, data)
    assert "demo.yml" in _error(tmp_path)


@pytest.mark.parametrize("text", [
    "id: demo\ntitle: [unclosed\n",
    "id: demo\nquestions:\n  - id: q1\n   prompt: bad indent\n",
    "id: demo\ntitle: 'x'\nquestions: {a: 1\n",
], ids=["bracket", "indent", "brace"])
def test_invalid_yaml(tmp_path: Path, text: str) -> None:
    write_quiz(tmp_path, text)
    msg = _error(tmp_path)
    assert "demo.yml" in msg and "YAML" in msg


def test_missing_file(tmp_path: Path) -> None:
    msg = _error(tmp_path, "absent")
    assert "absent.yml" in msg


@pytest.mark.parametrize("bad", ["true", "yes", 1, 0, None], ids=repr)
def test_non_bool_correct(tmp_path: Path, bad) -> None:
    data = valid()
    data["questions"][1]["choices"][1]["correct"] = bad
    write_quiz(tmp_path, data)
    msg = _error(tmp_path)
    _assert_names_question(msg, 2, "second-q_2")
    assert "correct" in msg and "choice 2" in msg


def test_missing_correct(tmp_path: Path) -> None:
    data = valid()
    del data["questions"][0]["choices"][1]["correct"]
    write_quiz(tmp_path, data)
    _assert_names_question(_error(tmp_path), 1, "q1")


@pytest.mark.parametrize("text", ["", "- just\n- a list\n", "just a string\n"],
                         ids=["empty", "list", "scalar"])
def test_top_level_not_a_mapping(tmp_path: Path, text: str) -> None:
    write_quiz(tmp_path, text)
    assert "demo.yml" in _error(tmp_path)


@pytest.mark.parametrize("bad", [[], None, "q1", {"id": "q1"}], ids=["empty", "null", "str", "map"])
def test_questions_not_a_non_empty_list(tmp_path: Path, bad) -> None:
    data = valid()
    data["questions"] = bad
    write_quiz(tmp_path, data)
    msg = _error(tmp_path)
    assert "demo.yml" in msg and "questions" in msg


@pytest.mark.parametrize("bad", ["", None, "  "], ids=["empty", "null", "blank"])
def test_missing_title(tmp_path: Path, bad) -> None:
    data = valid()
    data["title"] = bad
    write_quiz(tmp_path, data)
    msg = _error(tmp_path)
    assert "demo.yml" in msg and "title" in msg


def test_question_not_a_mapping(tmp_path: Path) -> None:
    data = valid()
    data["questions"][1] = "just a string"
    write_quiz(tmp_path, data)
    _assert_names_question(_error(tmp_path), 2)


def test_choice_not_a_mapping(tmp_path: Path) -> None:
    data = valid()
    data["questions"][0]["choices"][0] = "plain"
    write_quiz(tmp_path, data)
    msg = _error(tmp_path)
    _assert_names_question(msg, 1, "q1")
    assert "choice 1" in msg
