"""The exercise kit works on a machine that never saw this repository.

The kit the site build wrote (``downloads/proliferation-course-exercises.zip``)
is unpacked into a temporary folder. A fresh virtual environment there has a
Jupyter kernel and nothing of the course. Then, as a learner would:

1. a notebook opened away from the wheel says, in its set-up cell, where to get it;
2. a notebook's set-up cell installs the package from the wheel beside it;
3. each learner notebook, with its answers filled in from the solution notebook
   (a solved copy), runs from top to bottom there, every check saying "Correct".

The Japanese site's kit (``ja/downloads/``) goes through the same steps: its notebooks are the
Japanese learner copies, its set-up cell and README speak Japanese, and every check of a solved
copy says 正解 (or 記録した).

pip installs from the local wheelhouse only (``fresh_env.py``), as it would from
PyPI on a learner's machine. About two minutes.
"""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest

from fresh_env import KERNEL, clean_env, make_venv, pip_install, run, wheelhouse
from proliferation_course import __version__
from proliferation_course.kit import KIT_NAME
from site_helpers import ROOT, require_site

pytestmark = [pytest.mark.build, pytest.mark.slow]

EXECUTE = r"""
import json, sys
import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
nb = nbformat.read(sys.argv[1], as_version=4)
if sys.argv[2] == "setup-only":
    nb.cells = nb.cells[:1]
client = NotebookClient(nb, timeout=900, kernel_name="python3", resources={"metadata": {"path": "."}})
try:
    client.execute()
    error = None
except CellExecutionError as err:
    error = str(err)
outputs = []
for cell in nb.cells:
    text = ""
    for o in cell.get("outputs", []):
        text += o.get("text", "") + o.get("evalue", "") + "".join(o.get("data", {}).get("text/plain", ""))
    outputs.append({"source": cell.source, "text": text})
print(json.dumps({"error": error, "cells": outputs}))
"""


def _solved_copy(learner: dict, solution: dict) -> dict:
    """The kit's learner notebook with every answer cell replaced by the solution's."""
    code = [c for c in learner["cells"] if c["cell_type"] == "code"]
    setup, rest = code[0], code[1:]
    assert setup["metadata"]["tags"] == ["course-setup"]
    answers = [c for c in solution["cells"] if c["cell_type"] == "code"
               and "web-only" not in c["metadata"].get("tags", [])]
    assert len(rest) == len(answers), "the learner copy and the solution differ in their code cells"
    solved = json.loads(json.dumps(learner))
    targets = [c for c in solved["cells"] if c["cell_type"] == "code"][1:]
    for target, answer in zip(targets, answers, strict=True):
        target["source"] = answer["source"]
    return solved


#: What the kit says, in each language: the README, the set-up cell, a right answer.
SAYS = {
    "en": {"copies": "your copies", "away": ("is not beside this notebook", "exercise kit"),
           "installing": "Installing the course package from proliferation_course-{v}",
           "ready": "The course package is ready: proliferation_course {v}.",
           "check": r"ex\d+ q\d+: (Correct|Recorded)"},
    "ja": {"copies": "自分用の写し", "away": ("同じフォルダーにない", "演習キット"),
           "installing": "コースのパッケージを proliferation_course-{v}",
           "ready": "コースのパッケージの準備ができた: proliferation_course {v}",
           "check": r"ex\d+ 問\d+: (正解: |記録した（)"},
}


@pytest.fixture(scope="module", params=["en", "ja"])
def kit(request: pytest.FixtureRequest,
        tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, str], Path, str]:
    site = require_site()
    lang = request.param
    base = tmp_path_factory.mktemp(f"kit-{lang}")
    assert ROOT not in base.parents
    downloads = site / "downloads" if lang == "en" else site / lang / "downloads"
    with zipfile.ZipFile(downloads / KIT_NAME) as zf:
        zf.extractall(base)
    folder = base / f"proliferation-course-exercises-{__version__}"
    wheel = folder / f"proliferation_course-{__version__}-py3-none-any.whl"
    assert wheel.is_file() and (folder / "README.md").is_file()
    house = wheelhouse(wheel)
    python = make_venv(base / "venv")
    # The kernel's pip (the set-up cell's) finds packages in the wheelhouse, as it would on PyPI.
    env = clean_env(base / "home", PIP_NO_INDEX="1", PIP_FIND_LINKS=str(house))
    pip_install(python, house, *KERNEL, env=env)
    return python, folder, env, base, lang


def _execute(python: Path, notebook: Path, mode: str, env: dict[str, str]) -> dict:
    out = run(python, EXECUTE, str(notebook), mode, env=env, cwd=notebook.parent).stdout
    return json.loads(out.strip().splitlines()[-1])


def test_the_kit_holds_every_learner_notebook_the_wheel_and_a_readme(kit: tuple) -> None:
    _python, folder, _env, _base, lang = kit
    learners = sorted(p.name.replace("_solution", "") for p in
                      (ROOT / "book" / "exercises").glob("*_solution.ipynb"))
    assert sorted(p.name for p in folder.glob("*.ipynb")) == learners
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert f"pip install proliferation_course-{__version__}-py3-none-any.whl" in readme
    assert SAYS[lang]["copies"] in readme.lower()
    if lang == "ja":
        for name in learners:
            nb = json.loads((folder / name).read_text(encoding="utf-8"))
            assert 'set_language("ja")' in "".join(nb["cells"][0]["source"])
            assert "".join(nb["cells"][1]["source"]).startswith("# 演習"), name


def test_set_up_cell_explains_what_to_do_without_the_wheel(kit: tuple) -> None:
    python, folder, env, base, lang = kit
    away = base / "elsewhere"
    away.mkdir()
    notebook = shutil.copy(next(folder.glob("ex*.ipynb")), away)
    result = _execute(python, Path(notebook), "setup-only", env)
    assert result["error"] is not None
    assert all(words in result["error"] for words in SAYS[lang]["away"]), result["error"]


def test_set_up_cell_installs_the_package_then_every_solved_notebook_runs(kit: tuple) -> None:
    python, folder, env, base, lang = kit
    notebooks = sorted(folder.glob("ex*.ipynb"))
    first = _execute(python, notebooks[0], "setup-only", env)
    assert first["error"] is None, first["error"]
    said = first["cells"][0]["text"]
    assert SAYS[lang]["installing"].format(v=__version__) in said, said
    assert SAYS[lang]["ready"].format(v=__version__) in said, said
    for notebook in notebooks:
        solution = ROOT / "book" / "exercises" / notebook.name.replace(".ipynb", "_solution.ipynb")
        solved = _solved_copy(json.loads(notebook.read_text(encoding="utf-8")),
                              json.loads(solution.read_text(encoding="utf-8")))
        path = notebook.with_name(notebook.stem + "_solved.ipynb")
        path.write_text(json.dumps(solved), encoding="utf-8")
        result = _execute(python, path, "all", env)
        assert result["error"] is None, f"{notebook.name}: {result['error']}"
        assert SAYS[lang]["installing"].format(v=__version__) not in result["cells"][0]["text"], \
            "the package was installed already"
        checks = [c for c in result["cells"] if re.search(r'check\("ex\d+", "q\d+"', c["source"])]
        assert checks, notebook.name
        for cell in checks:
            # A right answer says "Correct"; a written argument is "Recorded" (its rubric is for a person).
            assert re.search(SAYS[lang]["check"], cell["text"]), \
                f"{notebook.name}: {cell['source']}: {cell['text']}"
