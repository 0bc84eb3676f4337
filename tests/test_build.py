"""The build itself: strict (a failing cell fails it, unless tagged), and deterministic.

These tests build books from scratch, so they are the slowest in the suite
(marked ``slow``; the determinism test also needs the built site, ``build``).
They run in the README's test command all the same.
"""

from __future__ import annotations

import filecmp
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from proliferation_course.context import DEFAULT_LANGUAGE, LANGUAGES
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


def _build(root: Path, *extra: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [JB, "build", str(root), "--builder", "html", "--warningiserror", "--nitpick",
         "--keep-going", *extra],
        cwd=root, env={**_env(root), **(env or {})}, capture_output=True, text=True, timeout=900,
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


def _git(*args: str, cwd: Path = ROOT) -> str:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True).stdout


def _working_tree_files() -> set[str]:
    """The files of the working tree that git tracks or would track (not the ignored ones)."""
    out = _git("ls-files", "--cached", "--others", "--exclude-standard")
    return {line for line in out.splitlines() if line and (ROOT / line).is_file()}


def _same_front_end_install(copy: Path) -> None:
    """Installed front-end files are not tracked (like .venv): the copy uses the same install,
    the pinned node modules and the plotly.js bundle scripts/_env.sh made from them."""
    for name in ("node_modules", "dist"):
        (copy / "scripts" / "node" / name).symlink_to(ROOT / "scripts" / "node" / name, target_is_directory=True)


def _fresh_clone(dest: Path, when: float) -> None:
    """Clone this commit into ``dest`` (a later clone date, other file times), with the working tree's
    uncommitted changes laid over it: the same sources as the first build, with the same history."""
    _git("clone", "--quiet", "--no-checkout", str(ROOT), str(dest))
    _git("checkout", "--quiet", "--detach", _git("rev-parse", "HEAD").strip(), cwd=dest)
    ours = _working_tree_files()
    for rel in set(_git("ls-files", cwd=dest).splitlines()) - ours:  # deleted in the working tree
        (dest / rel).unlink()
    for rel in sorted(ours):
        target = dest / rel
        if not target.is_file() or target.read_bytes() != (ROOT / rel).read_bytes():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(ROOT / rel, target)  # the content, not the file times
    for path in dest.rglob("*"):
        if ".git" not in path.relative_to(dest).parts:
            os.utime(path, (when, when), follow_symlinks=False)


def _another_day() -> str:
    """A time zone whose calendar date differs from the local one now: a clock read in it gives another day."""
    today = time.localtime().tm_yday
    for zone in ("Etc/GMT-14", "Etc/GMT+12"):  # 26 hours apart: at most one of them shares today's date
        env_tz = os.environ.get("TZ")
        os.environ["TZ"] = zone
        time.tzset()
        other = time.localtime().tm_yday
        if env_tz is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = env_tz
        time.tzset()
        if other != today:
            return zone
    raise AssertionError("no time zone a day away")  # cannot happen: the two zones are 26 hours apart


def _files(site: Path) -> set[str]:
    """The English site's files (the Japanese site under ja/ is another build, compared by its own test)."""
    return {p.relative_to(site).as_posix() for p in site.rglob("*")
            if p.is_file() and p.relative_to(site).parts[0] not in set(LANGUAGES) - {DEFAULT_LANGUAGE}}


def _all_files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


def _differ(first: Path, second: Path, files: Callable[[Path], set[str]] = _files) -> list[str]:
    files_a, files_b = files(first), files(second)
    assert files_a == files_b, (f"only in the first build: {sorted(files_a - files_b)}; "
                                f"only in the second: {sorted(files_b - files_a)}")
    return [f for f in sorted(files_a) if not filecmp.cmp(first / f, second / f, shallow=False)]


@pytest.mark.build
def test_two_builds_of_one_commit_are_identical(tmp_path: Path) -> None:
    """The site (scripts/build-site.sh's) against a build of a fresh clone of the same commit, in
    another folder, with other file times and another day on the clock: every file, byte for byte."""
    first = require_site()
    copy = tmp_path / "elsewhere" / "course"
    _fresh_clone(copy, when=time.time() - 86_400 * 400)
    _same_front_end_install(copy)
    env = {"TZ": _another_day()}
    result = _build(copy, env=env)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    # As scripts/build-site.sh does after the build.
    handouts = subprocess.run([sys.executable, str(copy / "scripts" / "make_handouts.py")], cwd=copy,
                              env={**_env(copy), **env}, capture_output=True, text=True, timeout=300)
    assert handouts.returncode == 0, handouts.stdout + handouts.stderr
    second = copy / "_build" / "html"
    assert _differ(first, second) == [], "these files differ between the two builds"
    # Rewriting every page over an existing build (as an incremental build does)
    # must not change a byte either: asset URLs stay stable.
    again = _build(copy, "--all", env=env)
    assert again.returncode == 0, again.stdout[-3000:] + again.stderr[-3000:]
    assert _differ(first, second) == [], "these files change when the pages are rewritten"


@pytest.mark.build
def test_two_japanese_builds_of_one_commit_are_identical(tmp_path: Path) -> None:
    """The Japanese site (``_build/html/ja``) against the Japanese build of a fresh clone, in another
    folder, with other file times and another day on the clock, made as scripts/build-site.sh makes it
    (the language's configuration, then the handouts): every file, byte for byte.

    The clone starts from a copy of the Japanese execution cache: that the same code gives the same
    outputs is what the English test above shows (it executes every notebook); this one shows that
    the translation, the Japanese pages and their PDFs are the same from one build to the next."""
    first = require_site() / "ja"
    assert first.is_dir(), "no Japanese site: run `bash scripts/build-site.sh`"
    copy = tmp_path / "elsewhere" / "course"
    _fresh_clone(copy, when=time.time() - 86_400 * 400)
    _same_front_end_install(copy)
    shutil.copytree(ROOT / "_build" / ".jupyter_cache_ja", copy / "_build" / ".jupyter_cache_ja")
    env = {"TZ": _another_day(), "COURSE_EDITION": "learner"}
    config = copy / "_build" / ".ja" / "_config.yml"
    made = subprocess.run([sys.executable, "-c", "import sys; from proliferation_course.sphinxext.languages "
                           "import main; sys.exit(main())", "config", "ja", str(config)],
                          cwd=copy, env={**_env(copy), **env}, capture_output=True, text=True, timeout=120)
    assert made.returncode == 0, made.stdout + made.stderr
    result = _build(copy, "--config", str(config), "--path-output", str(copy / "_build" / ".ja"), env=env)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    second = copy / "_build" / "html" / "ja"
    shutil.copytree(copy / "_build" / ".ja" / "_build" / "html", second)
    handouts = subprocess.run([sys.executable, str(copy / "scripts" / "make_handouts.py"), "ja"], cwd=copy,
                              env={**_env(copy), **env}, capture_output=True, text=True, timeout=300)
    assert handouts.returncode == 0, handouts.stdout + handouts.stderr  # the learner edition's (the only one here)
    assert _differ(first, second, _all_files) == [], "these files differ between the two Japanese builds"
