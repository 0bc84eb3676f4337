"""The package's front door: each subpackage exports the main entry points of every module."""

from __future__ import annotations

import importlib
import pkgutil

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
