"""The build itself: strict (a failing cell fails it, unless tagged), and deterministic.

These tests build books from scratch, so they are the slowest in the suite
(marked ``slow``). They run in the README's test command all the same.
"""

from __future__ import annotations

import filecmp
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from site_helpers import ROOT, require_site

pytestmark = pytest.mark.slow

JB = str(Path(sys.executable).with_name("jupyter-book"))
HEADER = """---
jupytext:
  text_representation:
    extension: .md
    format_name: myst
    format_version: 0.13
kernelspec:
  display_name: Python 3
  language: python
  name: python3
---
"""


def _env(root: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONHASHSEED"] = "0"
    env["PYTHONPATH"] = str(root)  # the copy's own package and data
    return env


def _build(root: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [JB, "build", str(root), "--builder", "html", "--warningiserror", "--nitpick",
         "--keep-going", *extra],
        cwd=root, env=_env(root), capture_output=True, text=True, timeout=900,
    )


def _tiny_book(tmp_path: Path, cell: str) -> Path:
    """A one-page book with the course's own configuration and one code cell."""
    shutil.copy(ROOT / "_config.yml", tmp_path / "_config.yml")
    (tmp_path / "book").mkdir()
    shutil.copy(ROOT / "book" / "references.bib", tmp_path / "book" / "references.bib")
    (tmp_path / "_toc.yml").write_text("format: jb-book\nroot: book/page\n", encoding="utf-8")
    (tmp_path / "book" / "page.md").write_text(
        HEADER + "# A page\n\n" + cell, encoding="utf-8")
    return tmp_path


def test_a_failing_cell_fails_the_build(tmp_path: Path) -> None:
    book = _tiny_book(tmp_path, "```{code-cell} ipython3\n1 / 0\n```\n")
    result = _build(book)
    assert result.returncode != 0, "a cell that raises must fail the build"
    assert "ZeroDivisionError" in result.stdout + result.stderr


def test_a_cell_tagged_raises_exception_may_fail(tmp_path: Path) -> None:
    book = _tiny_book(tmp_path, "```{code-cell} ipython3\n:tags: [raises-exception]\n\n"
                                "1 / 0\n```\n")
    result = _build(book)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    html = (book / "_build" / "html" / "book" / "page.html").read_text(encoding="utf-8")
    assert "ZeroDivisionError" in html, "the expected error is shown on the page"


def test_a_warning_fails_the_build(tmp_path: Path) -> None:
    book = _tiny_book(tmp_path, "A reference to {doc}`no-such-page`.\n")
    result = _build(book)
    assert result.returncode != 0, "warnings must be errors"


def _tracked_files() -> list[str]:
    out = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"],
                         cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return [line for line in out.splitlines() if line and (ROOT / line).is_file()]


def _compared(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*")
            if p.is_file() and p.suffix in (".html", ".js", ".css")}


def test_two_builds_in_two_folders_are_identical(tmp_path: Path) -> None:
    """Build the same files again in another folder; HTML, JS and CSS must match byte for byte."""
    first = require_site()
    copy = tmp_path / "elsewhere" / "course"
    for rel in _tracked_files():
        dest = copy / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / rel, dest)
    # Installed front-end files are not tracked (like .venv): the copy uses the same install.
    modules = ROOT / "scripts" / "node" / "node_modules"
    (copy / "scripts" / "node" / "node_modules").symlink_to(modules, target_is_directory=True)
    result = _build(copy)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    second = copy / "_build" / "html"
    files_a, files_b = _compared(first), _compared(second)
    assert files_a == files_b, (f"only in the first build: {sorted(files_a - files_b)}; "
                                f"only in the second: {sorted(files_b - files_a)}")
    differ = [f for f in sorted(files_a)
              if not filecmp.cmp(first / f, second / f, shallow=False)]
    assert differ == [], f"these files differ between the two builds: {differ}"
    # Rewriting every page over an existing build (as an incremental build does)
    # must not change a byte either: asset URLs stay stable.
    again = _build(copy, "--all")
    assert again.returncode == 0, again.stdout[-3000:] + again.stderr[-3000:]
    differ = [f for f in sorted(files_a)
              if not filecmp.cmp(first / f, second / f, shallow=False)]
    assert differ == [], f"these files change when the pages are rewritten: {differ}"
