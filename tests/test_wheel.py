"""The course's wheel works on a machine that never saw this repository.

The wheel is built from the repository's files (as the site build does), then
installed, with the dependencies it declares and nothing else of the course,
into a fresh virtual environment in a temporary folder. There, where the
repository's package cannot be imported, a script imports every module, loads
every data table and every quiz, and each exercise's solution notebook runs in
a kernel of that environment, so every solution answer goes through its check.

These tests take about a minute (a new environment, packages from the local
wheelhouse; see ``fresh_env.py``).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from fresh_env import KERNEL, clean_env, make_venv, pip_install, run, wheelhouse
from proliferation_course import __version__
from proliferation_course.kit import build_wheel
from site_helpers import ROOT

pytestmark = pytest.mark.slow

#: Modules (and packages, with their submodules) for building the website only: they need the
#: "build" extra, not a learner's kernel.
BUILD_ONLY = {"proliferation_course.sphinxext", "proliferation_course.handouts"}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_wheel(ROOT, tmp_path_factory.mktemp("wheel"), epoch=1_700_000_000)


def test_the_wheel_holds_every_module_and_every_file_the_package_reads(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        metadata = zf.read(f"proliferation_course-{__version__}.dist-info/METADATA").decode()
    package = ROOT / "proliferation_course"
    modules = {p.relative_to(ROOT).as_posix() for p in package.rglob("*.py") if "__pycache__" not in p.parts}
    assert modules - names == set(), "modules missing from the wheel"
    data = {f"proliferation_course/_data/{p.name}" for p in (ROOT / "data").iterdir()
            if p.suffix in (".csv", ".json")}
    quizzes = {f"proliferation_course/_book/quizzes/{p.name}" for p in (ROOT / "book" / "quizzes").glob("*.yml")}
    assets = {p.relative_to(ROOT).as_posix() for d in ("_static", "_templates", "locale")
              for p in (package / d).rglob("*") if p.is_file()}
    needed = data | quizzes | assets | {"proliferation_course/_book/references.bib",
                                        "proliferation_course/py.typed"}
    assert len(data) > 30 and len(quizzes) == 13
    assert any(name.endswith("/quizzes/ch01.po") for name in assets), "no catalogue of the package's words"
    assert needed - names == set(), "files missing from the wheel"
    assert not [n for n in names if "/book/chapters" in n or n.endswith(".pyc")]
    assert f"Version: {__version__}" in metadata
    runtime = re.findall(r"^Requires-Dist: ([\w-]+)([^;\n]*)$", metadata, re.M)
    assert sorted(name for name, _ in runtime) == ["anywidget", "ipywidgets", "numpy", "pandas", "plotly",
                                                   "pybtex", "pyyaml"]
    assert all("<" in spec and ">=" in spec for _, spec in runtime), runtime


def test_the_wheel_is_the_same_byte_for_byte_from_another_folder(wheel: Path, tmp_path: Path) -> None:
    copy = tmp_path / "elsewhere"
    for name in ("pyproject.toml", "README.md", "proliferation_course", "data", "book/quizzes",
                 "book/references.bib"):
        src, dest = ROOT / name, copy / name
        dest.parent.mkdir(parents=True, exist_ok=True)
        if src.is_dir():
            shutil.copytree(src, dest, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copyfile(src, dest)
    again = build_wheel(copy, tmp_path / "out", epoch=1_700_000_000)
    assert again.read_bytes() == wheel.read_bytes()


CHECK_INSTALL = r"""
import importlib, json, pkgutil, sys
from pathlib import Path
import proliferation_course as pc
site = Path(sys.argv[1]).resolve()
where = Path(pc.__file__).resolve()
assert site in where.parents, f"imported from {where}, not the fresh environment"
build_only = set(json.loads(sys.argv[2]))
imported = []
for m in pkgutil.walk_packages(pc.__path__, "proliferation_course."):
    if not any(m.name == b or m.name.startswith(b + ".") for b in build_only):
        importlib.import_module(m.name)
        imported.append(m.name)
from proliferation_course.data import DATA_DIR, load_table, table_names
from proliferation_course.quiz import QUIZ_DIR, load_quiz
from proliferation_course.references import BIB_FILE, short_citation
assert site in DATA_DIR.resolve().parents and site in QUIZ_DIR.resolve().parents
tables = {name: len(load_table(name)) for name in table_names()}
quizzes = {p.stem: len(load_quiz(p.stem).questions) for p in sorted(QUIZ_DIR.glob("*.yml"))}
# A live panel draws into plotly's FigureWidget: it must work with only the declared dependencies.
from proliferation_course.widgets import deterrence_panel
panel = deterrence_panel(load_table("deterrence_presets"))
panel.controls["credibility"].value = 0.0
assert len(panel.figure.data) > 0
print(json.dumps({"version": pc.__version__, "modules": imported, "tables": tables,
                  "quizzes": quizzes, "bib": str(BIB_FILE), "cite": short_citation("schelling1966")}))
"""

RUN_SOLUTIONS = r"""
import json, re, sys
from pathlib import Path
import nbformat
from nbclient import NotebookClient
from proliferation_course.exercises import questions
report = {}
for path in sorted(Path(".").glob("*_solution.ipynb")):
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": "."}}).execute()
    ex = path.name.split("_")[0]
    checked = {}
    for cell in nb.cells:
        m = re.search(r'check\("(ex\d+)", "(q\d+)"', cell.source) if cell.cell_type == "code" else None
        if m:
            checked[m.group(2)] = "".join(o.get("text", "") for o in cell.outputs)
    report[ex] = {"registered": sorted(q.id for q in questions(ex)), "checked": checked}
print(json.dumps(report))
"""


@pytest.fixture(scope="module")
def fresh(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str], Path]:
    """A fresh environment with the course's wheel (and a kernel, for the notebooks) installed."""
    base = tmp_path_factory.mktemp("learner")
    assert ROOT not in base.parents
    python = make_venv(base / "venv")
    env = clean_env(base / "home")
    house = wheelhouse(wheel)
    pip_install(python, house, str(wheel), env=env)
    return python, env, base


def test_the_installed_package_imports_everything_and_reads_its_files(fresh: tuple, wheel: Path) -> None:
    python, env, base = fresh
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, env=env, check=True).stdout.strip()
    out = run(python, CHECK_INSTALL, site, json.dumps(sorted(BUILD_ONLY)), env=env, cwd=base).stdout
    report = json.loads(out.strip().splitlines()[-1])
    assert report["version"] == __version__
    subpackages = {"proliferation_course.models", "proliferation_course.figures",
                   "proliferation_course.widgets", "proliferation_course.checks"}
    assert subpackages <= set(report["modules"])
    expected = {p.relative_to(ROOT).with_suffix("").as_posix().replace("/", ".").removesuffix(".__init__")
                for p in (ROOT / "proliferation_course").rglob("*.py") if "__pycache__" not in p.parts}
    runtime = {m for m in expected - {"proliferation_course"}
               if not any(m == b or m.startswith(b + ".") for b in BUILD_ONLY)}
    assert runtime == set(report["modules"])
    data = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    assert set(report["tables"]) == {r["name"] for r in data["resources"]}
    assert all(n > 0 for n in report["tables"].values())
    assert set(report["quizzes"]) == {p.stem for p in (ROOT / "book" / "quizzes").glob("*.yml")}
    assert report["cite"] == "Schelling 1966" and report["bib"].startswith(site)


def test_every_solution_answer_passes_its_check_in_the_fresh_environment(fresh: tuple, wheel: Path) -> None:
    python, env, base = fresh
    pip_install(python, wheelhouse(wheel), *KERNEL, env=env)
    work = base / "solutions"
    work.mkdir()
    solutions = sorted((ROOT / "book" / "exercises").glob("*_solution.ipynb"))
    assert len(solutions) >= 6
    for path in solutions:
        shutil.copyfile(path, work / path.name)
    out = run(python, RUN_SOLUTIONS, env=env, cwd=work).stdout
    report = json.loads(out.strip().splitlines()[-1])
    assert sorted(report) == sorted(p.name.split("_")[0] for p in solutions)
    for ex, got in report.items():
        assert got["registered"], f"{ex}: no checks registered in the installed package"
        assert sorted(got["checked"]) == got["registered"], f"{ex}: not every question was checked"
        for q, output in got["checked"].items():
            # A right answer says "Correct"; a written argument is "Recorded" (its rubric is for a person).
            assert re.search(rf"{ex} {q}: (Correct|Recorded)", output), (ex, q, output)

