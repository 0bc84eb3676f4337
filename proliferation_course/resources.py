"""Where the package finds the files it reads at run time: the tables, the quizzes, the bibliography.

The course keeps these files where an author edits them: the tables and their
descriptor in ``data/``, the quizzes in ``book/quizzes/`` and the bibliography
in ``book/references.bib``. The wheel carries them inside the package: its
build maps ``data/`` to ``proliferation_course/_data/`` and ``book/`` (those
files only) to ``proliferation_course/_book/`` (``pyproject.toml``,
``[tool.setuptools.package-dir]``). Both places are found from the package
itself, with :func:`importlib.resources.files`, never from the working folder:

* an installed wheel (a learner's laptop, Colab, a JupyterHub) holds
  ``_data/`` and ``_book/`` inside the package;
* a checkout of the repository (the editable install that the course's scripts
  make, or the package put on ``PYTHONPATH``) has no mapped folders, since the
  mapping happens when a wheel is built: there the package's resources are the
  folders beside it, as the build maps them.

Examples
--------
>>> (data_dir() / "datapackage.json").is_file()
True
>>> sorted(p.name for p in quiz_dir().glob("ch01.yml"))
['ch01.yml']
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

__all__ = ["ResourceError", "bibliography_file", "data_dir", "quiz_dir"]

#: Each mapped folder: its name inside the package, and the repository folder it comes from.
MAPPED = {"_data": "data", "_book": "book"}


class ResourceError(FileNotFoundError):
    """The package lacks a file it needs: it was built or installed incompletely."""


def _package_root() -> Path:
    root = files(__package__ or "proliferation_course")
    if not isinstance(root, Path):  # pip always unpacks a wheel; a zipped package is not supported
        raise ResourceError(f"proliferation_course is installed as an archive ({root}); "
                            "install it with pip, which unpacks it")
    return root


def _mapped(name: str) -> Path:
    """The folder the build maps into the package as ``name``, wherever the package is."""
    root = _package_root()
    inside = root / name
    if inside.is_dir():  # an installed wheel
        return inside
    beside = root.parent / MAPPED[name]  # a checkout: the folder the build maps, beside the package
    if beside.is_dir():
        return beside
    raise ResourceError(
        f"proliferation_course has no {name}/ folder (expected {inside}): the package was built "
        f"without its {MAPPED[name]}/ files; reinstall it from the course's wheel")


def data_dir() -> Path:
    """The folder of the CSV tables and their descriptor, ``datapackage.json``."""
    return _mapped("_data")


def quiz_dir() -> Path:
    """The folder of the self-check quizzes (``<chapter>.yml``)."""
    return _mapped("_book") / "quizzes"


def bibliography_file() -> Path:
    """The course's bibliography, ``references.bib`` (the sources the tables cite)."""
    return _mapped("_book") / "references.bib"
