"""proliferation_course.source_dates: dates from the git history, never from the clock or file times."""

from __future__ import annotations

import io
import os
import subprocess
import tarfile
from pathlib import Path

import pytest
from git_helpers import T1, T2, T3, commit, git

from proliferation_course import source_dates


def test_a_file_is_dated_by_its_last_commit_not_its_file_time(git_repo: Path) -> None:
    for f in (git_repo / "a.md", git_repo / "book" / "b.md"):
        os.utime(f, (T3, T3))
    assert source_dates.last_commit_time(git_repo, Path("a.md")) == T1
    assert source_dates.last_commit_time(git_repo, git_repo / "book" / "b.md") == T2


def test_an_uncommitted_change_keeps_the_last_commit_date(git_repo: Path) -> None:
    (git_repo / "a.md").write_text("edited", encoding="utf-8")
    assert source_dates.last_commit_time(git_repo, Path("a.md")) == T1


def test_an_untracked_file_has_no_date(git_repo: Path) -> None:
    (git_repo / "new.md").write_text("new", encoding="utf-8")
    assert source_dates.last_commit_time(git_repo, Path("new.md")) is None


def test_the_source_is_dated_by_its_last_commit(git_repo: Path, no_source_date_epoch: None) -> None:
    assert source_dates.has_history(git_repo)
    assert source_dates.source_time(git_repo) == T2


def test_source_date_epoch_from_the_environment_wins(git_repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "42")
    assert source_dates.source_time(git_repo) == 42


def test_without_history_or_stamp_there_is_no_date(tmp_path: Path, no_source_date_epoch: None) -> None:
    (tmp_path / "a.md").write_text("a", encoding="utf-8")
    assert not source_dates.has_history(tmp_path)
    assert source_dates.last_commit_time(tmp_path, Path("a.md")) is None
    assert source_dates.source_time(tmp_path) is None  # the package's stamp is the placeholder here
    assert source_dates.history_problem(tmp_path) is None


def test_a_folder_in_another_repository_has_no_history_of_its_own(git_repo: Path,
                                                                   no_source_date_epoch: None) -> None:
    inner = git_repo / "copy"
    inner.mkdir()
    (inner / "page.md").write_text("p", encoding="utf-8")
    assert not source_dates.has_history(inner)
    assert source_dates.source_time(inner) is None, "not the surrounding repository's date"


def test_an_unreadable_history_is_reported(tmp_path: Path) -> None:
    (tmp_path / ".git").write_text("gitdir: /nowhere/at/all\n", encoding="utf-8")
    problem = source_dates.history_problem(tmp_path)
    assert problem is not None and "git cannot read the history" in problem


def test_a_shallow_clone_is_recognised(git_repo: Path, tmp_path: Path) -> None:
    assert not source_dates.is_shallow(git_repo)
    clone = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", git_repo.as_uri(), str(clone))
    assert source_dates.is_shallow(clone)
    assert source_dates.last_commit_time(clone, Path("a.md")) == T2, "the oldest commit the clone holds"


def test_git_archive_stamps_the_commit_date_into_the_package(tmp_path: Path, no_source_date_epoch: None) -> None:
    """The package's stamp file and its .gitattributes, committed and exported with `git archive`."""
    root = tmp_path / "repo"
    (root / "pkg").mkdir(parents=True)
    git(root, "init", "-q")
    stamp = source_dates.ARCHIVE_STAMP
    commit(root, {"pkg/source_date.txt": stamp.read_text(encoding="utf-8"),
                  "pkg/.gitattributes": (stamp.parent / ".gitattributes").read_text(encoding="utf-8")}, T3)
    assert source_dates.archive_time(root / "pkg" / "source_date.txt") is None, "a clone keeps the placeholder"
    archive = subprocess.run(["git", "archive", "--format=tar", "HEAD"], cwd=root, check=True,
                             capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(tmp_path / "export", filter="data")
    exported = tmp_path / "export" / "pkg" / "source_date.txt"
    assert source_dates.archive_time(exported) == T3
    assert source_dates.source_time(tmp_path / "export", stamp=exported) == T3


def test_the_package_stamp_holds_the_placeholder_in_the_repository() -> None:
    lines = [line for line in source_dates.ARCHIVE_STAMP.read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#")]
    assert lines == ["$Format:%cI$"]
    assert "source_date.txt export-subst" in (source_dates.ARCHIVE_STAMP.parent / ".gitattributes").read_text(
        encoding="utf-8")
