"""sphinxext.notebooks: each page offered as a notebook a learner can run, the same on every build.

The conversion itself (MyST to plain Markdown, the set-up cell) is tested in test_notebooks.py;
the wheel and the kit in test_kit.py and test_wheel.py.
"""

from __future__ import annotations

import json
from pathlib import Path

EXTS = ["myst_parser", "proliferation_course.sphinxext.notebooks",
        "proliferation_course.sphinxext.reproducibility"]
PAGE = """---
jupytext:
  text_representation:
    extension: .md
    format_name: myst
---
# A page

Some text with a {term}`glossary term <Deterrence>`.

```{code-cell} ipython3
1 + 1
```
"""
PAGES = {"index": "Home\n====\n\n.. toctree::\n\n   page\n", "page.md": PAGE}


def _notebook(tiny_sphinx, out: Path) -> str:
    tiny_sphinx.out = out
    html = tiny_sphinx.build(PAGES, EXTS, suppress_warnings=["myst.directive_unknown", "myst.role_unknown",
                                                             "ref.term"])
    return (html / "_sources" / "page.ipynb").read_text(encoding="utf-8")


def test_a_myst_page_is_offered_as_a_plain_notebook_with_a_set_up_cell(tiny_sphinx, tmp_path: Path) -> None:
    nb = json.loads(_notebook(tiny_sphinx, tmp_path / "one"))
    kinds = [c["cell_type"] for c in nb["cells"]]
    assert kinds[0] == "code" and "proliferation_course" in "".join(nb["cells"][0]["source"]), "no set-up cell"
    assert kinds.count("code") == 2 and "markdown" in kinds
    text = json.dumps(nb)
    assert "{term}" not in text and "{code-cell}" not in text
    assert nb["metadata"]["kernelspec"]["name"] == "python3"


def test_the_notebook_is_the_same_on_every_build(tiny_sphinx, no_source_date_epoch: None, tmp_path: Path) -> None:
    first, second = _notebook(tiny_sphinx, tmp_path / "one"), _notebook(tiny_sphinx, tmp_path / "two")
    assert first == second
    ids = [c.get("id") for c in json.loads(first)["cells"]]
    # nbformat 4.5 cell ids, where the notebook has them, are numbered, not random.
    assert ids == [None] * len(ids) or ids == [f"cell-{i}" for i in range(len(ids))]


HINTS = """# Exercise

<details class="course-hint">
<summary>Hint for question 2</summary>

A hint.

</details>

<details class="course-rubric">
<summary>Rubric for question 5 (open it after you have written your own)</summary>

A rubric.

</details>
"""


def test_the_summaries_of_a_japanese_exercise_page_are_japanese(tiny_sphinx, tmp_path: Path) -> None:
    pages = {"index": "Home\n====\n\n.. toctree::\n\n   book/exercises/ex\n", "book/exercises/ex.md": HINTS}
    tiny_sphinx.out = tmp_path / "ja"
    html = tiny_sphinx.build(pages, EXTS, language="ja", suppress_warnings=["myst.header"])
    page = (html / "book" / "exercises" / "ex.html").read_text(encoding="utf-8")
    assert "<summary>問2のヒント</summary>" in page
    assert "<summary>問5の評価基準（自分の論述を書いてから開くこと）</summary>" in page
    assert "Hint for question" not in page and "Rubric for" not in page
    tiny_sphinx.out = tmp_path / "en"
    english = tiny_sphinx.build(pages, EXTS, suppress_warnings=["myst.header"])
    page = (english / "book" / "exercises" / "ex.html").read_text(encoding="utf-8")
    assert "<summary>Hint for question 2</summary>" in page


def test_a_summary_the_package_cannot_translate_is_a_warning(tiny_sphinx, tmp_path: Path) -> None:
    pages = {"index": "Home\n====\n\n.. toctree::\n\n   book/exercises/ex\n",
             "book/exercises/ex.md": "# Exercise\n\n<details>\n<summary>Something else</summary>\n\n"
                                     "Text\n\n</details>\n"}
    tiny_sphinx.out = tmp_path / "ja"
    tiny_sphinx.build(pages, EXTS, language="ja", suppress_warnings=["myst.header"])
    assert "book/exercises/ex: the summary 'Something else' is not one the package translates" \
        in tiny_sphinx.warnings


def test_the_toggles_of_a_japanese_exercise_page_are_japanese(tiny_sphinx, tmp_path: Path) -> None:
    cell = {"cell_type": "code", "execution_count": 1, "outputs": [], "source": "answer = 1",
            "metadata": {"tags": ["hide-cell"], "mystnb": {"code_prompt_show": "Show the solution to question 1",
                                                           "code_prompt_hide": "Hide the solution to question 1"}}}
    notebook = {"cells": [{"cell_type": "markdown", "metadata": {}, "source": "# Exercise"}, cell],
                "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
                "nbformat": 4, "nbformat_minor": 4}
    pages = {"index": "Home\n====\n\n.. toctree::\n\n   book/exercises/ex\n",
             "book/exercises/ex.ipynb": json.dumps(notebook)}
    exts = ["myst_nb", "proliferation_course.sphinxext.notebooks"]
    tiny_sphinx.out = tmp_path / "ja"
    html = tiny_sphinx.build(pages, exts, language="ja", nb_execution_mode="off")
    page = (html / "book" / "exercises" / "ex.html").read_text(encoding="utf-8")
    assert "問1の解答を表示" in page and "問1の解答を隠す" in page
    assert "Show the solution" not in page
