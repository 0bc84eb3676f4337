"""sphinxext.reproducibility: dates from the history, a fresh redirect, a search index without leftovers."""

from __future__ import annotations

import filecmp
import os
import re
import shutil
import subprocess
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from git_helpers import T1, T2, T3, commit, git

from site_helpers import ROOT, content_pages, require_site

EXT = "proliferation_course.sphinxext.reproducibility"
#: Settings under which the page footer says "Last updated on ..." (the basic theme's footer does).
DATED = {"html_last_updated_fmt": "", "html_theme": "basic"}
PAGES = {"index.rst": "Home\n====\n\n.. toctree::\n\n   other\n", "other.rst": "Other\n=====\n\nText.\n"}


def day(when: int) -> str:
    """The date as the site prints it (UTC)."""
    return datetime.fromtimestamp(when, tz=UTC).strftime("%b %d, %Y")


def last_updated(page: Path) -> str | None:
    found = re.search(r"Last updated on ([^<]*?)\.\s", page.read_text(encoding="utf-8"))
    return found.group(1) if found else None


@pytest.fixture
def dated_project(tiny_sphinx, no_source_date_epoch: None):
    """A tiny project in a repository: index.rst committed at T1, other.rst at T2."""
    tiny_sphinx.src.mkdir(parents=True)
    git(tiny_sphinx.src, "init", "-q")
    commit(tiny_sphinx.src, {"index.rst": PAGES["index.rst"]}, T1)
    commit(tiny_sphinx.src, {"other.rst": PAGES["other.rst"]}, T2)
    return tiny_sphinx


def _build(project, out: str = "html", **conf: object) -> Path:
    project.out = project.src.parent / out
    return project.build({}, [EXT], **DATED, **conf)


def test_each_page_shows_its_last_commit_date(dated_project) -> None:
    html = _build(dated_project)
    assert last_updated(html / "index.html") == day(T1)  # committed 07:13 in Tokyo, 22:13 UTC the day before
    assert last_updated(html / "other.html") == day(T2)
    assert last_updated(html / "genindex.html") == day(T2), "a page without a source: the last commit's date"
    assert dated_project.warnings == ""


def test_file_times_and_the_clock_change_nothing(dated_project, monkeypatch: pytest.MonkeyPatch) -> None:
    first = _build(dated_project, "first")
    for f in dated_project.src.rglob("*.rst"):
        os.utime(f, (T3, T3))
    # A day apart from the first build's clock: fourteen hours east of UTC, twelve west.
    for zone in ("Etc/GMT-14", "Etc/GMT+12"):
        monkeypatch.setenv("TZ", zone)
        time.tzset()
        second = _build(dated_project, zone.replace("/", "_"))
        files = sorted(p.relative_to(first).as_posix() for p in first.rglob("*") if p.is_file())
        assert files == sorted(p.relative_to(second).as_posix() for p in second.rglob("*") if p.is_file())
        assert [f for f in files if not filecmp.cmp(first / f, second / f, shallow=False)] == [], zone
    monkeypatch.delenv("TZ")
    time.tzset()


def test_a_change_committed_after_the_build_moves_the_date(dated_project) -> None:
    (dated_project.src / "index.rst").write_text(PAGES["index.rst"] + "\nMore.\n", encoding="utf-8")
    html = _build(dated_project)
    assert last_updated(html / "index.html") == day(T1), "not committed yet: the last commit's date"
    git(dated_project.src, "commit", "-q", "-am", "more", when=T3)  # the file itself does not change
    html = dated_project.build({}, [EXT], fresh=False, **DATED)
    assert last_updated(html / "index.html") == day(T3)


def test_dates_read_in_parallel_are_kept(dated_project) -> None:
    """The dates recorded while pages are read reach the main process from parallel workers."""
    pages = {f"p{i}.rst": f"Page {i}\n======\n" for i in range(7)}
    commit(dated_project.src, {**pages, "index.rst": PAGES["index.rst"] + "   " + "\n   ".join(
        p[:-4] for p in pages) + "\n"}, T2)
    for name in pages:
        (dated_project.src / name).write_text(pages[name] + "\nMore.\n", encoding="utf-8")
    html = dated_project.build({}, [EXT], parallel=2, **DATED)
    git(dated_project.src, "commit", "-q", "-am", "more", when=T3)
    html = dated_project.build({}, [EXT], fresh=False, **DATED)
    assert {last_updated(html / f"p{i}.html") for i in range(7)} == {day(T3)}


def test_without_history_a_date_from_the_environment_or_none(tiny_sphinx, no_source_date_epoch: None,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    html = tiny_sphinx.build(PAGES, [EXT], **DATED)
    assert last_updated(html / "index.html") is None, "no history, no source date: no date, not the clock's"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(T3))
    html = tiny_sphinx.build(PAGES, [EXT], **DATED)
    assert last_updated(html / "index.html") == last_updated(html / "other.html") == day(T3)


def test_an_unreadable_history_is_a_warning(tiny_sphinx, no_source_date_epoch: None) -> None:
    tiny_sphinx.src.mkdir(parents=True)
    (tiny_sphinx.src / ".git").write_text("gitdir: /nowhere/at/all\n", encoding="utf-8")
    tiny_sphinx.build(PAGES, [EXT], **DATED)
    assert "git cannot read the history" in tiny_sphinx.warnings


def test_index_redirects_to_the_root_page(tiny_sphinx, no_source_date_epoch: None) -> None:
    html = tiny_sphinx.build({"book/intro": "Intro\n=====\n"}, [EXT], root_doc="book/intro",
                             language="en", html_title="A course")
    index = (html / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in index and "<title>A course</title>" in index
    assert '<meta http-equiv="Refresh" content="0; url=book/intro.html">' in index
    # An icon that needs no request: without one a browser asks the host for /favicon.ico
    # (a 404 in the console); a file's fetch would be cut off when the page moves on.
    assert '<link rel="icon" href="data:,">' in index


def test_an_incremental_build_leaves_no_dead_search_terms(tiny_sphinx, no_source_date_epoch: None) -> None:
    pages = {"index": "Home\n====\n\n.. toctree::\n\n   other\n", "other": "Other\n=====\n\nA zebrafinch.\n"}
    html = tiny_sphinx.build(pages, [EXT])
    assert "zebrafinch" in (html / "searchindex.js").read_text(encoding="utf-8")
    html = tiny_sphinx.build({"other": "Other\n=====\n\nA sparrow.\n"}, [EXT], fresh=False)
    index = (html / "searchindex.js").read_text(encoding="utf-8")
    assert "sparrow" in index and "zebrafinch" not in index


@pytest.mark.build
def test_every_page_of_the_site_shows_its_last_commit_date() -> None:
    site = require_site()
    shown = 0
    for page in content_pages(site):
        rel = page.relative_to(site).with_suffix("")
        sources = [ROOT / rel.with_suffix(s) for s in (".md", ".ipynb") if (ROOT / rel.with_suffix(s)).is_file()]
        assert len(sources) == 1, f"{rel}: no single source"
        out = subprocess.run(["git", "log", "-1", "--format=%ct", "--", str(sources[0])], cwd=ROOT,
                             capture_output=True, text=True, check=True).stdout.strip()
        if not out:  # a page not yet committed: the source's date, which the redirecting pages do not show
            continue
        assert last_updated(page) == day(int(out)), f"{rel}: Last updated {last_updated(page)}, last commit {out}"
        shown += 1
    assert shown >= 30, shown
    assert shutil.which("git")
