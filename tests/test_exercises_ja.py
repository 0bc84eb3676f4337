"""The exercises in Japanese: generated from the one English source, they run and speak Japanese.

``scripts/make_exercises.py --lang ja`` writes, for every solution notebook, a Japanese
solution and a Japanese learner's copy: each markdown block is replaced by its translation in
the exercise page's catalogue (``locales/ja/LC_MESSAGES/book/exercises/<name>_solution.po``),
the code cells are the English ones, and a first cell sets the language. Here, in a fresh
temporary folder (as a learner would have them, away from the repository):

* every Japanese solution notebook, executed once, passes strict nbval (a second run gives the
  same outputs), and every check in it says 正解 (or 記録した, for a written argument);
* every Japanese learner's copy, run as it is, fails each check with the Japanese message
  (``ex02 問1: 未回答: ...``), one line, no traceback;
* the translation of a notebook fails, naming the cell and the block, when a block has no
  translation; code, math and fences are kept as they are.
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from proliferation_course.exercises import questions
from proliferation_course.notebooks import NotebookTranslationError, translate_markdown

ROOT = Path(__file__).resolve().parent.parent
SOLUTIONS = sorted((ROOT / "book" / "exercises").glob("*_solution.ipynb"))
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def _make_exercises():  # the script, as a module
    spec = importlib.util.spec_from_file_location("make_exercises", ROOT / "scripts" / "make_exercises.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def japanese(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("exercises-ja")
    assert ROOT not in folder.parents
    _make_exercises().write_translated(folder, "ja")
    return folder


def _execute(nb: nbformat.NotebookNode, folder: Path, allow_errors: bool = False) -> None:
    NotebookClient(nb, timeout=600, kernel_name="python3", allow_errors=allow_errors,
                   resources={"metadata": {"path": str(folder)}}).execute()


def _text(cell: nbformat.NotebookNode) -> str:
    return "".join(o.get("text", "") for o in cell.get("outputs", []) if o.get("output_type") == "stream")


@pytest.mark.parametrize("solution", SOLUTIONS, ids=lambda p: p.stem)
def test_every_japanese_notebook_has_the_english_code_and_japanese_words(solution: Path, japanese: Path) -> None:
    english = nbformat.read(solution, as_version=4)
    ja = nbformat.read(japanese / solution.name, as_version=4)
    assert ja.cells[0].source.endswith('set_language("ja")'), "the language is set first"
    code_en = [c.source for c in english.cells if c.cell_type == "code"]
    code_ja = [c.source for c in ja.cells[1:] if c.cell_type == "code"]
    assert code_ja == code_en, "the code cells are the English source's"
    for cell in (c for c in ja.cells if c.cell_type == "markdown"):
        prose = re.sub(r"`[^`]*`|\$[^$]*\$|<[^>]+>|```.*?```|\{[a-z:]+\}", "", cell.source, flags=re.S)
        letters = re.findall(r"[A-Za-z]", prose)
        assert len(JAPANESE.findall(prose)) > len(letters), f"{solution.name}: not Japanese: {cell.source[:200]}"
    first = next(c for c in ja.cells if c.cell_type == "markdown").source
    assert first.startswith(f"# 演習{int(solution.name[2:4])}: "), first[:80]
    assert any("<summary>問1のヒント</summary>" in c.source for c in ja.cells if c.cell_type == "markdown")
    prompts = [c.metadata["mystnb"]["code_prompt_show"] for c in ja.cells if "mystnb" in c.metadata]
    assert "問1の解答を表示" in prompts and "問1の確認結果を表示" in prompts, prompts


@pytest.mark.parametrize("solution", SOLUTIONS, ids=lambda p: p.stem)
def test_japanese_solutions_pass_nbval_strictly_in_a_fresh_folder(solution: Path, japanese: Path) -> None:
    path = japanese / solution.name
    nb = nbformat.read(path, as_version=4)
    _execute(nb, japanese)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
    nbformat.write(nb, path)
    checks = [c for c in nb.cells if c.cell_type == "code" and c.source.startswith("check(")]
    ex = solution.name.split("_")[0]
    assert len(checks) == len(questions(ex))
    for cell in checks:
        qid = cell.source.split('"')[3]
        said = _text(cell)
        assert re.match(rf"{ex} 問{qid[1:]}: (正解: |記録した（)", said), f"{solution.name}: {said!r}"
    progress = _text(nb.cells[-1])
    assert f"{len(checks)} 問中 {len(checks)} 問を終えた。" in progress, progress
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "--nbval", "-p", "no:cacheprovider", "-q",
         "-o", "addopts=", "-W", "ignore::DeprecationWarning", "--rootdir", str(japanese), str(path)],
        cwd=japanese, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]


@pytest.mark.parametrize("solution", SOLUTIONS, ids=lambda p: p.stem)
def test_japanese_learner_copy_fails_every_check_in_japanese(solution: Path, japanese: Path) -> None:
    learner = japanese / solution.name.replace("_solution", "")
    text = learner.read_text(encoding="utf-8")
    assert "BEGIN SOLUTION" not in text and "評価基準" not in text
    nb = nbformat.read(learner, as_version=4)
    _execute(nb, japanese, allow_errors=True)
    ex = solution.name.split("_")[0]
    checks = [c for c in nb.cells if c.cell_type == "code" and c.source.startswith("check(")]
    assert len(checks) == len(questions(ex))
    for cell in checks:
        errors = [o for o in cell.outputs if o.output_type == "error"]
        assert errors, f"{learner.name}: {cell.source!r} passed without an answer"
        qid = cell.source.split('"')[3]
        assert errors[0].evalue.startswith(f"{ex} 問{qid[1:]}: 未回答: 解答セルの ... を"), errors[0].evalue
        assert errors[0].traceback == [errors[0].evalue]
    for cell in (c for c in nb.cells if c.cell_type == "code" and not c.source.startswith("check(")):
        assert not [o for o in cell.outputs if o.output_type == "error"], cell.source[:80]
    progress = _text(nb.cells[-1])
    assert "問1: 未回答" in progress and f"{len(checks)} 問中 0 問を終えた。" in progress, progress


UNITS = {"A title": "表題", "One paragraph on two lines.": "二行にわたる段落。", "An item": "項目",
         "Another item on two lines": "二行にわたる別の項目"}
SOURCE = """# A title

One paragraph
on two lines.

- An item
- Another item
  on two lines

```python
x = 1  # code is kept
```

$$
a = b
$$

<details class="course-hint">
<summary>Hint for question 3</summary>

One paragraph on two lines.

</details>"""


def test_a_markdown_cell_is_translated_block_by_block() -> None:
    out = translate_markdown(SOURCE, UNITS, lang="ja", where="ex.ipynb, cell 2")
    assert out == """# 表題

二行にわたる段落。

- 項目
- 二行にわたる別の項目

```python
x = 1  # code is kept
```

$$
a = b
$$

<details class="course-hint">
<summary>問3のヒント</summary>

二行にわたる段落。

</details>"""


def test_the_toggles_prompts_are_translated_and_other_texts_kept() -> None:
    from proliferation_course.notebooks import translate_prompt

    assert translate_prompt("Show the solution to question 4", "ja") == "問4の解答を表示"
    assert translate_prompt("Hide the check's result for question 12", "ja") == "問12の確認結果を隠す"
    assert translate_prompt("Show code cell source", "ja") == "Show code cell source"


def test_an_untranslated_block_is_named() -> None:
    units = {k: v for k, v in UNITS.items() if k != "An item"}
    with pytest.raises(NotebookTranslationError,
                       match=r"ex\.ipynb, cell 2: no translation for the block 'An item'"):
        translate_markdown(SOURCE, units, lang="ja", where="ex.ipynb, cell 2")


def test_the_script_says_which_catalogue_lacks_a_translation(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    script = _make_exercises()
    po = script.catalogue_path(SOLUTIONS[0], "ja")
    copy = tmp_path / po.name
    emptied = re.sub(r'(msgid "Question 1: [^"]*"\nmsgstr )"[^"]*"', r'\1""', po.read_text(encoding="utf-8"))
    copy.write_text(emptied, encoding="utf-8")
    assert copy.read_text(encoding="utf-8") != po.read_text(encoding="utf-8")
    monkeypatch.setattr(script, "catalogue_path", lambda solution, lang: copy)
    with pytest.raises(script.ExerciseSourceError, match=r"no translation for the block 'Question 1: "):
        script.translated(SOLUTIONS[0], "ja")


def test_the_japanese_site_offers_japanese_learner_notebooks_and_a_japanese_kit(tmp_path: Path) -> None:
    """What write_downloads puts in the Japanese site's downloads and kit, for one exercise."""
    import json
    import zipfile

    from proliferation_course import __version__
    from proliferation_course.kit import exercise_catalogue, exercise_notebook, write_kit
    from proliferation_course.notebooks import Site

    site = Site(version=__version__, titles={"book/chapters/ch02_deterrence": "第2章 抑止"})
    doc = "book/exercises/ex02_deterrence"
    text = exercise_notebook(ROOT / f"{doc}.ipynb", docname=doc, site=site, lang="ja",
                             catalogue=exercise_catalogue(ROOT, f"{doc}_solution", "ja"))
    nb = json.loads(text)
    setup = "".join(nb["cells"][0]["source"])
    assert setup.index('os.environ["COURSE_LANGUAGE"] = "ja"') < setup.index("import proliferation_course\n")
    assert 'set_language("ja")' in setup and "準備" in setup
    markdown = ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown"]
    assert markdown[0].startswith("# 演習2: ") and "*第2章 抑止*" in markdown[0]
    assert not any("{doc}" in m or "{download}" in m for m in markdown)
    code = ["".join(c["source"]) for c in nb["cells"][1:] if c["cell_type"] == "code"]
    learner = nbformat.read(ROOT / f"{doc}.ipynb", as_version=4)
    assert code == [c.source for c in learner.cells if c.cell_type == "code"]
    wheel = tmp_path / "proliferation_course-0-py3-none-any.whl"
    wheel.write_bytes(b"wheel")
    kit = write_kit(tmp_path / "kit.zip", site=site, notebooks={"ex02_deterrence.ipynb": text}, wheel=wheel,
                    epoch=315532800, lang="ja")
    with zipfile.ZipFile(kit) as zf:
        readme = next(zf.read(n).decode() for n in zf.namelist() if n.endswith("README.md"))
        assert any(n.endswith("ex02_deterrence.ipynb") for n in zf.namelist())
    assert readme.startswith("# 選択的核拡散: 演習キット") and "`ex02_deterrence.ipynb`" in readme


def test_a_japanese_download_without_a_catalogue_is_refused(tmp_path: Path) -> None:
    from proliferation_course.kit import exercise_notebook
    from proliferation_course.notebooks import Site

    with pytest.raises(FileNotFoundError, match="no ja catalogue"):
        exercise_notebook(ROOT / "book/exercises/ex02_deterrence.ipynb", docname="book/exercises/ex02_deterrence",
                          site=Site(version="0"), lang="ja", catalogue=tmp_path / "missing.po")


def test_the_japanese_exercises_index_lists_the_pages_own_words() -> None:
    from proliferation_course.exercises import exercise_index, exercise_infos
    from proliferation_course.i18n import speaking

    english = exercise_infos()
    with speaking("ja"):
        infos = exercise_infos()
        page = exercise_index().to_html()
    assert [i.id for i in infos] == [i.id for i in english]
    for info, en in zip(infos, english, strict=True):
        assert info.title.startswith(f"演習{int(info.id[2:])}: "), info.title
        assert len(info.questions) == len(en.questions)
        assert [q.split(":")[0] for q in info.questions] == [f"問{n}" for n in range(1, len(en.questions) + 1)]
    assert "対応する章: " in page and "Practises" not in page and "2. 抑止" in page
