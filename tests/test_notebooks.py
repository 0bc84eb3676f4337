"""Downloaded notebooks read cleanly in Jupyter: MyST becomes plain Markdown, instructor notes go.

Unit tests on small fixtures for :mod:`proliferation_course.notebooks`, the
quiz's two faces (:mod:`proliferation_course.context`), and, on the built
site, a scan of every notebook it offers for download and of the kit.
"""

from __future__ import annotations

import json
import re
import zipfile

import pytest

from proliferation_course import editions
from proliferation_course.context import in_site_build, site_build
from proliferation_course.notebooks import (
    NotebookConversionError,
    Site,
    bibliography_citations,
    convert_markdown,
    learner_notebook,
    notebook_json,
    page_notebook,
    setup_cell,
)
from proliferation_course.quiz import QuizWidget, load_quiz
from site_helpers import ROOT, require_site

SITE_INFO = Site(
    version="9.9.9",
    titles={"book/chapters/ch04_window": "4. The window of vulnerability",
            "book/glossary": "Glossary"},
    terms={"npt": "book/glossary#term-NPT", "extended deterrence": "book/glossary#term-extended-deterrence"},
    citations={"npt1968": ("NPT", "1968"), "bunn2005": ("Bunn and Rhinelander", "2005"),
               "joyner2012a": ("Joyner", "2012")},
    references={"npt1968": "Treaty on the Non-Proliferation of Nuclear Weapons. 1968.",
                "bunn2005": "George Bunn and John Rhinelander. The right to withdraw. 2005.",
                "joyner2012a": "Daniel Joyner. Interpreting the NPT. 2012."},
)
DOC = "book/chapters/ch05_article_x"


def convert(text: str, site: Site = SITE_INFO, cited: list[str] | None = None) -> str:
    return convert_markdown(text, docname=DOC, site=site, cited=[] if cited is None else cited)


# --------------------------------------------------------------------------- roles

def test_terms_become_plain_text_without_the_sites_address() -> None:
    assert convert("Leave the {term}`NPT` or trust {term}`the umbrella <extended deterrence>`.") == \
        "Leave the NPT or trust the umbrella."


def test_terms_and_pages_link_to_the_site_when_it_has_an_address() -> None:
    site = Site(**{**SITE_INFO.__dict__, "base_url": "https://example.org/course/"})
    assert convert("The {term}`NPT`, {doc}`ch04_window`.", site) == (
        "The [NPT](https://example.org/course/book/glossary.html#term-NPT), "
        "[4. The window of vulnerability](https://example.org/course/book/chapters/ch04_window.html).")


def test_citations_become_author_year_and_are_collected_in_order() -> None:
    cited: list[str] = []
    text = convert("As {cite:t}`joyner2012a` argues {cite:p}`npt1968, bunn2005`; see {cite:p}`npt1968`.",
                   cited=cited)
    assert text == "As Joyner (2012) argues (NPT, 1968; Bunn and Rhinelander, 2005); see (NPT, 1968)."
    assert cited == ["joyner2012a", "npt1968", "bunn2005"]


def test_an_unknown_citation_key_is_an_error_naming_it() -> None:
    with pytest.raises(NotebookConversionError, match="'nosuch2020'"):
        convert("{cite:p}`nosuch2020`")


def test_doc_references_become_titles_resolved_from_the_page() -> None:
    assert convert("See {doc}`ch04_window` and {doc}`the glossary <../glossary>`.") == \
        "See *4. The window of vulnerability* and the glossary."
    with pytest.raises(NotebookConversionError, match="names no page"):
        convert("{doc}`ch99_missing`")


def test_japanese_text_and_roles_spanning_lines() -> None:
    assert convert("withdrawal clause ({ja}`脱退条項`) and {term}`extended\ndeterrence`") == \
        "withdrawal clause (脱退条項) and extended\ndeterrence"


def test_inline_code_is_left_as_it_is() -> None:
    assert convert("Write `{term}`X`` in MyST.") == "Write `{term}`X`` in MyST."


def test_an_unknown_role_is_an_error_naming_the_cell() -> None:
    with pytest.raises(NotebookConversionError, match=r"ch05_article_x.*\{kbd\}"):
        convert("Press {kbd}`Ctrl`.")


def test_targets_and_comments_disappear() -> None:
    assert convert("(my-label)=\n% a comment\n# Title") == "# Title"


# --------------------------------------------------------------------------- directives

OTHER_SIDE = """Before.

```{admonition} The other side
:class: tip

The strongest reply: {cite:p}`joyner2012a`.

- a point
```

After."""

INSTRUCTOR = """Question 1?

```{admonition} Notes for instructors
:class: dropdown

Students should see two positions (a sentence only instructors read).
```

Question 2?"""


def test_a_boxed_note_becomes_a_blockquote_with_its_title() -> None:
    assert convert(OTHER_SIDE) == (
        "Before.\n\n> **The other side**\n>\n> The strongest reply: (Joyner, 2012).\n>\n> - a point\n\nAfter.")


def test_instructor_notes_are_left_out() -> None:
    for source in (INSTRUCTOR, INSTRUCTOR.replace("```{admonition} Notes for instructors\n:class: dropdown\n",
                                                  "```{instructor}\n")):
        text = convert(source)
        assert "only instructors read" not in text
        assert "Notes for instructors" not in text
        assert "Question 1?" in text and "Question 2?" in text


def test_named_admonitions_colon_fences_and_nesting() -> None:
    text = convert("::::{important}\n**A teaching model.**\n\n:::{note}\nInner.\n:::\n::::")
    assert text == "> **Important**\n>\n> **A teaching model.**\n>\n> > **Note**\n> >\n> > Inner."


def test_plain_code_blocks_are_kept_verbatim() -> None:
    src = "```python\nx = '{term}`no`'\n```"
    assert convert(src) == src


def test_an_unclosed_directive_is_an_error() -> None:
    with pytest.raises(NotebookConversionError, match="never closed"):
        convert("```{important}\nno end")


def test_an_unknown_directive_is_an_error() -> None:
    with pytest.raises(NotebookConversionError, match=r"\{figure\}"):
        convert("```{figure} a.png\n```")


def test_the_site_only_directives_become_a_sentence_saying_where_their_content_is() -> None:
    assert "course's website" in convert("# Your progress\n\n```{course-progress}\n```")
    assert "quizzes/" in convert("```{quiz-exports}\n```")


def test_a_glossary_becomes_bold_terms() -> None:
    text = convert("```{glossary}\n:sorted:\n\nArticle X\n  The withdrawal clause ({ja}`脱退条項`).\n```")
    assert text == "**Article X**: The withdrawal clause (脱退条項).\n"


# --------------------------------------------------------------------------- notebooks

def _nb(*cells: tuple[str, str]) -> dict:
    return {"cells": [{"cell_type": k, "metadata": {}, "source": s,
                       **({"outputs": [{"output_type": "stream", "name": "stdout", "text": "x"}],
                           "execution_count": 3} if k == "code" else {})} for k, s in cells],
            "metadata": {"jupytext": {"x": 1}}, "nbformat": 4, "nbformat_minor": 5}


def test_learner_notebook_starts_with_set_up_drops_outputs_and_lists_references() -> None:
    nb = learner_notebook(_nb(("markdown", "# T\n\nSee {cite:p}`npt1968`."), ("code", "x = 1"),
                              ("markdown", INSTRUCTOR.split("Question 2?")[1] + "```{admonition} Notes "
                               "for instructors\nHidden.\n```"),
                              ("markdown", "## References\n\n```{bibliography}\n```")),
                          docname=DOC, site=SITE_INFO)
    cells = nb["cells"]
    assert cells[0]["metadata"]["tags"] == ["course-setup"]
    assert [c["cell_type"] for c in cells] == ["code", "markdown", "code", "markdown"]
    assert cells[2]["outputs"] == [] and cells[2]["execution_count"] is None
    assert cells[3]["source"] == "## References\n\n- Treaty on the Non-Proliferation of Nuclear Weapons. 1968."
    assert "jupytext" not in nb["metadata"]


def test_references_are_appended_when_the_page_has_no_bibliography() -> None:
    nb = learner_notebook(_nb(("markdown", "{cite:t}`bunn2005` and {cite:p}`joyner2012a`")),
                          docname=DOC, site=SITE_INFO, setup=False)
    assert nb["cells"][-1]["source"].startswith("## References\n\n- Daniel Joyner")
    assert "- George Bunn" in nb["cells"][-1]["source"]


def test_notebook_json_is_valid_and_stable() -> None:
    nb = learner_notebook(_nb(("markdown", "a\nb"), ("code", "1")), docname=DOC, site=SITE_INFO)
    text = notebook_json(nb)
    assert text == notebook_json(json.loads(text))
    import nbformat

    nbformat.validate(nbformat.reads(text, as_version=4))


def test_setup_cell_names_the_wheel_and_the_repository_when_set() -> None:
    plain = setup_cell(SITE_INFO)["source"]
    assert "proliferation_course-9.9.9-py3-none-any.whl" in plain and "git+" not in plain
    compile(plain, "setup", "exec")
    repo = Site(**{**SITE_INFO.__dict__, "repository_url": "https://github.com/o/r", "branch": "main"})
    with_repo = setup_cell(repo)["source"]
    assert '"git+https://github.com/o/r.git@main"' in with_repo
    compile(with_repo, "setup", "exec")


def test_the_set_up_cell_does_nothing_when_the_package_is_there(capsys: pytest.CaptureFixture[str]) -> None:
    from proliferation_course import __version__

    exec(setup_cell(Site(version=__version__))["source"], {})
    out = capsys.readouterr().out
    assert out.strip() == f"The course package is ready: proliferation_course {__version__}."


def test_every_chapter_converts_with_the_real_bibliography() -> None:
    citations, references = bibliography_citations()
    titles = {}
    for path in (ROOT / "book").rglob("*.md"):
        title = next(line[2:] for line in path.read_text(encoding="utf-8").splitlines()
                     if line.startswith("# "))
        titles[path.relative_to(ROOT).with_suffix("").as_posix()] = title
    site = Site(version="1.0.0", titles=titles, citations=citations, references=references)
    for path in sorted((ROOT / "book" / "chapters").glob("*.md")):
        doc = path.relative_to(ROOT).with_suffix("").as_posix()
        text = notebook_json(page_notebook(path, docname=doc, site=site))
        assert not MYST.search(text), (doc, MYST.search(text))
        assert "Notes for instructors" not in text, doc


# --------------------------------------------------------------------------- quizzes

def test_a_quiz_is_html_in_the_site_build_and_a_widget_in_a_kernel() -> None:
    quiz = load_quiz("ch05")
    with site_build():
        assert in_site_build()
        assert quiz._repr_mimebundle_() == {"text/html": quiz.to_html()}
    assert not in_site_build()
    bundle = quiz._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert "<form" not in bundle["text/html"] and "<button" not in bundle["text/html"]


def test_the_quiz_widget_checks_answers_in_place() -> None:
    quiz = load_quiz("ch05")
    panel = QuizWidget(quiz)
    q = quiz.questions[0]
    right = next(k for k, c in enumerate(q.choices) if c.correct)
    wrong = next(k for k, c in enumerate(q.choices) if not c.correct)
    panel.check(0)
    assert "Choose an answer to question 1 first" in panel.feedback[0].value
    panel.answer(0, wrong)
    assert "Not quite." in panel.feedback[0].value
    assert panel.score.value.startswith("0 of")
    panel.answer(0, right)
    assert "Correct." in panel.feedback[0].value
    assert q.choices[right].feedback.split()[0] in panel.feedback[0].value
    assert panel.score.value == f"1 of {len(quiz.questions)} answered correctly so far."


def test_the_quiz_widgets_button_checks_the_answer() -> None:
    panel = QuizWidget(load_quiz("ch01"))
    panel.choices[1].value = 0
    panel.buttons[1].click()
    assert panel.feedback[1].value.startswith('<p role="status">')


# --------------------------------------------------------------------------- the built site

MYST = re.compile(r"\{(term|doc|ja|ref|numref|download|cite(:[a-z]+)?)\}`|```\{|:::\{")


def _instructor_sentences() -> list[str]:
    """The first sentence of every instructor note in the sources (chapters and exercises)."""
    found = []
    for path in sorted((ROOT / "book").rglob("*.md")) + sorted((ROOT / "book").rglob("*.ipynb")):
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".ipynb":
            text = "\n".join("".join(c["source"]) for c in json.loads(text)["cells"])
        for block in editions.instructor_blocks(text):
            found.append(" ".join(block.split(". ")[0].split())[:60])
    return found


def _notebook_text(raw: str) -> str:
    nb = json.loads(raw)
    return "\n".join("".join(c["source"]) if isinstance(c["source"], list) else c["source"]
                     for c in nb["cells"])


def _offered_notebooks() -> dict[str, str]:
    """Every .ipynb a page of the built site links to, and every notebook of the kit."""
    site = require_site()
    offered: dict[str, str] = {}
    for page in sorted(site.rglob("*.html")):
        for href in re.findall(r'href="([^"#?]+\.ipynb)"', page.read_text(encoding="utf-8")):
            target = (page.parent / href).resolve()
            assert target.is_file(), f"{page.relative_to(site)} links a missing notebook {href}"
            offered[target.relative_to(site.resolve()).as_posix()] = target.read_text(encoding="utf-8")
    kit = site / "downloads" / "proliferation-course-exercises.zip"
    with zipfile.ZipFile(kit) as zf:
        for name in zf.namelist():
            if name.endswith(".ipynb"):
                offered[f"kit:{name}"] = zf.read(name).decode("utf-8")
    return offered


@pytest.mark.build
def test_every_downloadable_notebook_is_plain_markdown_without_instructor_notes() -> None:
    offered = _offered_notebooks()
    chapters = [n for n in offered if n.startswith("_sources/book/chapters/")]
    exercises = [n for n in offered if n.startswith(("_sources/book/exercises/", "_downloads/"))]
    kit = [n for n in offered if n.startswith("kit:")]
    assert len(chapters) == 13 and len(kit) == 6 and exercises, sorted(offered)
    notes = _instructor_sentences()
    assert len(notes) >= 40, notes
    problems = []
    for name, raw in offered.items():
        text = _notebook_text(raw)
        if m := MYST.search(text):
            problems.append(f"{name}: MyST markup left: {text[m.start():m.start() + 40]!r}")
        problems += [f"{name}: instructor note {n!r}" for n in notes if n in " ".join(text.split())]
        if "Notes for instructors" in text:
            problems.append(f"{name}: 'Notes for instructors'")
        if not json.loads(raw)["cells"][0]["metadata"].get("tags") == ["course-setup"]:
            problems.append(f"{name}: does not begin with the set-up cell")
    assert problems == []


@pytest.mark.build
def test_an_exercise_page_offers_the_learner_copy_not_the_solution() -> None:
    site = require_site()
    for page in sorted((site / "book" / "exercises").glob("*_solution.html")):
        html = page.read_text(encoding="utf-8")
        links = set(re.findall(r'href="([^"#?]+\.ipynb)"', html))
        assert links, f"{page.name} offers no notebook"
        assert not [h for h in links if "_solution" in h], f"{page.name} offers the solution: {links}"
        learner = page.name.replace("_solution.html", ".ipynb")
        for href in links:
            assert href.endswith("/" + learner), (page.name, href)
            nb = json.loads((page.parent / href).read_text(encoding="utf-8"))
            code = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
            assert "# BEGIN SOLUTION" not in code and "= ..." in code, href
        assert 'downloads/proliferation-course-exercises.zip' in html, f"{page.name}: no kit in its menu"


@pytest.mark.build
def test_the_footer_and_the_kit_carry_the_package_version() -> None:
    from proliferation_course import __version__

    site = require_site()
    assert f"version {__version__}" in (site / "book" / "intro.html").read_text(encoding="utf-8")
    wheel = site / "downloads" / f"proliferation_course-{__version__}-py3-none-any.whl"
    assert wheel.is_file()
    with zipfile.ZipFile(site / "downloads" / "proliferation-course-exercises.zip") as zf:
        names = zf.namelist()
        readme = zf.read(f"proliferation-course-exercises-{__version__}/README.md").decode()
    assert f"proliferation-course-exercises-{__version__}/{wheel.name}" in names
    assert f"version {__version__}" in readme and "your copies" in readme


def test_the_kit_zip_depends_on_its_contents_only(tmp_path) -> None:  # noqa: ANN001
    import time

    from proliferation_course.kit import write_kit

    wheel = tmp_path / "proliferation_course-9.9.9-py3-none-any.whl"
    wheel.write_bytes(b"not really a wheel")
    notebooks = {"ex02_a.ipynb": notebook_json(learner_notebook(_nb(("code", "1")), docname=DOC,
                                                                site=SITE_INFO))}
    first = write_kit(tmp_path / "a" / "kit.zip", site=SITE_INFO, notebooks=notebooks, wheel=wheel,
                      epoch=1_700_000_000)
    time.sleep(1.1)
    second = write_kit(tmp_path / "b" / "kit.zip", site=SITE_INFO, notebooks=notebooks, wheel=wheel,
                       epoch=1_700_000_000)
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as zf:
        infos = zf.infolist()
    assert [i.filename for i in infos] == sorted(i.filename for i in infos)
    assert {i.date_time for i in infos} == {(2023, 11, 14, 22, 13, 20)}
    assert all(i.filename.startswith("proliferation-course-exercises-9.9.9/") for i in infos)
