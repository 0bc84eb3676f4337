"""The package's front door: each subpackage exports the main entry points of every module."""

from __future__ import annotations

import importlib
import pkgutil
import re

import pytest

SUBPACKAGES = ("models", "figures", "widgets")


@pytest.mark.parametrize("name", SUBPACKAGES)
def test_every_exported_name_exists(name: str) -> None:
    pkg = importlib.import_module(f"proliferation_course.{name}")
    missing = [n for n in pkg.__all__ if not hasattr(pkg, n)]
    assert not missing, f"proliferation_course.{name}.__all__ names what it lacks: {missing}"
    assert len(pkg.__all__) == len(set(pkg.__all__)), "a name is exported twice"


@pytest.mark.parametrize("name", SUBPACKAGES)
def test_every_module_has_an_export_at_package_level(name: str) -> None:
    """A reader can write ``from proliferation_course.models import …`` for any model."""
    pkg = importlib.import_module(f"proliferation_course.{name}")
    exported = {getattr(pkg, n) for n in pkg.__all__ if callable(getattr(pkg, n))}
    modules = [m.name for m in pkgutil.iter_modules(pkg.__path__)
               if not m.name.startswith("_") and m.name != "style"]
    assert len(modules) >= 14, modules
    lacking = []
    for mod_name in modules:
        mod = importlib.import_module(f"proliferation_course.{name}.{mod_name}")
        own = {getattr(mod, n) for n in getattr(mod, "__all__", []) if callable(getattr(mod, n))}
        if not own & exported:
            lacking.append(mod_name)
    assert not lacking, f"proliferation_course.{name} exports nothing from: {lacking}"


def test_subpackages_are_still_modules_at_attribute_level() -> None:
    """An export must not hide a submodule of the same name (e.g. models.two_theatre)."""
    for name in SUBPACKAGES:
        pkg = importlib.import_module(f"proliferation_course.{name}")
        for m in pkgutil.iter_modules(pkg.__path__):
            attr = getattr(pkg, m.name, None)
            if attr is not None:
                assert type(attr).__name__ == "module", f"{name}.{m.name} is {attr!r}, not the submodule"


# --------------------------------------------------------------------------- packaging

def test_the_version_has_one_source() -> None:
    """pyproject.toml reads the version from the package; nothing else writes it down."""
    import tomllib

    import proliferation_course
    from site_helpers import ROOT

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in project["project"] and project["project"]["dynamic"] == ["version"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "proliferation_course.__version__"}
    assert re.fullmatch(r"\d+\.\d+\.\d+", proliferation_course.__version__)


def test_every_subpackage_is_declared_for_the_wheel() -> None:
    import tomllib

    from site_helpers import ROOT

    declared = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
                   ["tool"]["setuptools"]["packages"])
    on_disk = {p.parent.relative_to(ROOT).as_posix().replace("/", ".")
               for p in (ROOT / "proliferation_course").rglob("__init__.py")}
    assert on_disk <= declared, f"subpackages the wheel would leave out: {sorted(on_disk - declared)}"


def test_runtime_files_are_found_from_the_package(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    from proliferation_course import resources

    assert (resources.data_dir() / "datapackage.json").is_file()
    assert (resources.quiz_dir() / "ch01.yml").is_file()
    assert resources.bibliography_file().is_file()
    # An installed wheel: the mapped folders inside the package win over anything beside it.
    pkg = tmp_path / "site-packages" / "proliferation_course"
    (pkg / "_data").mkdir(parents=True)
    (pkg / "_book" / "quizzes").mkdir(parents=True)
    monkeypatch.setattr(resources, "_package_root", lambda: pkg)
    assert resources.data_dir() == pkg / "_data"
    assert resources.quiz_dir() == pkg / "_book" / "quizzes"
    # A package built without its files says so, and how to fix it.
    (pkg / "_data").rmdir()
    with pytest.raises(resources.ResourceError, match="built without its data/ files; reinstall"):
        resources.data_dir()


def test_the_runtime_modules_need_no_build_or_test_tool() -> None:
    """What a learner's kernel imports needs only the dependencies pyproject.toml declares."""
    import ast

    from site_helpers import ROOT

    allowed = {"numpy", "pandas", "plotly", "ipywidgets", "yaml", "pybtex"}
    build_only = {"handouts.py", "theme_assets.py"}  # and the Sphinx extension package, sphinxext/
    stdlib = set(__import__("sys").stdlib_module_names)
    offending = []
    for path in sorted((ROOT / "proliferation_course").rglob("*.py")):
        if path.name in build_only or "sphinxext" in path.relative_to(ROOT).parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:  # module-level imports only: lazy imports serve optional features
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) and node.level == 0 else [])
            for name in names:
                top = name.split(".")[0]
                if top and top not in stdlib and top not in allowed and top != "proliferation_course":
                    offending.append(f"{path.relative_to(ROOT)}: {name}")
    assert offending == []
