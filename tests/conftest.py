"""Shared fixtures: the built site for tests marked ``build`` only, the real tables, hand-computed scores,
tiny Sphinx projects and git repositories with dated commits."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pandas as pd
import pytest
from git_helpers import T1, T2, commit, git

import site_helpers
from proliferation_course.data import load_table


@pytest.fixture(autouse=True)
def _the_built_site_only_for_tests_marked_build(request: pytest.FixtureRequest):
    """A test marked ``build`` fails at once without a built site; any other test may not read it."""
    if request.node.get_closest_marker("build") is not None:
        site_helpers.require_site()
    site_helpers.running = request.node
    yield
    site_helpers.running = None


@pytest.fixture(autouse=True)
def _each_test_starts_in_english() -> Iterator[None]:
    """Every test starts with the package speaking English, and leaves the language as it found it:
    a Japanese Sphinx build run inside a test sets ``COURSE_LANGUAGE`` for the whole process (the
    kernels it starts must read it), which would otherwise turn every later test Japanese."""
    before = os.environ.pop("COURSE_LANGUAGE", None)
    yield
    os.environ.pop("COURSE_LANGUAGE", None)
    if before is not None:
        os.environ["COURSE_LANGUAGE"] = before


@pytest.fixture
def presets() -> pd.DataFrame:
    """The real ``deterrence_presets`` table, validated."""
    return load_table("deterrence_presets")


@pytest.fixture
def forces() -> pd.DataFrame:
    """The real ``nuclear_forces_2025`` table, validated."""
    return load_table("nuclear_forces_2025")


def _hand_scores(
    c: float, r: float, m: float, weights: tuple[float, float, float] = (1.0, 1.0, 1.0)
) -> dict[str, float]:
    """The three rules written out from the model's equations, independently of the package."""
    wc, wr, wm = weights
    return {
        "product": c * r * m,
        "weakest_link": min(c, r, m),
        "weighted_mean": (wc * c + wr * r + wm * m) / (wc + wr + wm),
    }


@pytest.fixture
def hand_scores() -> Callable[..., dict[str, float]]:
    """``hand_scores(c, r, m, weights=(1, 1, 1))`` -> {rule: D}, from the equations."""
    return _hand_scores


class TinySphinx:
    """A small Sphinx project in a temporary folder, built in this process."""

    def __init__(self, root) -> None:
        self.src = root / "src"
        self.out = root / "out"
        self.warnings = ""

    def build(self, pages: dict[str, str], extensions: list[str], *, parallel: int = 1,
              fresh: bool = True, **conf: object):
        """Write ``pages`` ({path without suffix or with: text}) and build them as HTML.

        ``conf`` becomes conf.py's settings. Returns the HTML folder; warnings are in ``.warnings``.
        """
        import io

        from sphinx.testing.util import SphinxTestApp

        self.src.mkdir(parents=True, exist_ok=True)
        for name, text in pages.items():
            path = self.src / (name if "." in name.rsplit("/", 1)[-1] else name + ".rst")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        # A source_suffix of its own: extensions add to it, and Sphinx's default would carry
        # what one test's extensions added into the next test's build.
        settings = {"extensions": extensions, "exclude_patterns": ["_build"],
                    "source_suffix": {".rst": "restructuredtext"}, **conf}
        (self.src / "conf.py").write_text(
            "".join(f"{key} = {value!r}\n" for key, value in settings.items()), encoding="utf-8")
        warnings = io.StringIO()
        app = SphinxTestApp("html", srcdir=self.src, builddir=self.out, freshenv=fresh,
                            status=io.StringIO(), warning=warnings, parallel=parallel)
        try:
            app.build()
        finally:
            app.cleanup()  # Sphinx registers node classes globally: forget them for the next build
        self.warnings = warnings.getvalue()
        return self.out / "html"


@pytest.fixture
def tiny_sphinx(tmp_path) -> TinySphinx:
    """``tiny_sphinx.build(pages, extensions, **conf)``: build a small Sphinx project in this process."""
    return TinySphinx(tmp_path)


# --- git repositories with commits at fixed dates ------------------------------------


@pytest.fixture
def git_repo(tmp_path: Path) -> Path:
    """A repository: a.md committed at T1, book/b.md at T1 and changed at T2."""
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q")
    commit(root, {"a.md": "a", "book/b.md": "b"}, T1)
    commit(root, {"book/b.md": "b2"}, T2)
    return root


@pytest.fixture
def no_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    """No SOURCE_DATE_EPOCH in the environment, and none left behind by the test."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")  # recorded, so that whatever the test sets is undone
    monkeypatch.delenv("SOURCE_DATE_EPOCH")


@pytest.fixture(scope="module")
def browser() -> Iterator:
    """Debian's chromium driven by Playwright, offline (see site_helpers), for the browser tests.

    One per test module, closed at its end: Playwright's sync API cannot start while another
    instance of it is running, and some tests start their own (test_jupyterlab.py)."""
    from playwright.sync_api import sync_playwright

    from site_helpers import launch

    with sync_playwright() as p:
        b = launch(p)
        yield b
        b.close()
