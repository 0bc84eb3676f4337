"""Dates fixed by the source: never by the clock, never by a file's modification time.

The site's "Last updated" line and the dates inside the printed handouts come
from here, so that two builds of one commit are identical, whatever the day,
the folder or the time the files were checked out.

* Where the source has a git history, a file's date is the date of the last
  commit that changed it (the committer date, in UTC). A change not yet
  committed does not move it. A shallow clone (``git clone --depth 1``) knows
  only its newest commits, so a file last changed before them gets the date
  of the oldest commit the clone holds; clone the whole history for exact dates.
* The source as a whole is dated by ``SOURCE_DATE_EPOCH`` when the environment
  sets it (the reproducible-builds convention), else by its last commit (HEAD).
* A copy without history made by ``git archive`` (GitHub's "Download ZIP"
  is one) carries the date of the commit it was made from in
  ``source_date.txt``: git writes it in place of a placeholder
  (``export-subst``, set in ``.gitattributes`` beside it). Every page of
  such a copy carries that date.
* With none of these (a copy of the files alone), there is no date the source
  fixes, and :func:`source_time` says so with ``None``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

__all__ = ["ARCHIVE_STAMP", "archive_time", "has_history", "history_problem", "is_shallow",
           "last_commit_time", "source_time"]

#: Where ``git archive`` writes the date of the commit it exports (see the module's docstring).
ARCHIVE_STAMP = Path(__file__).resolve().with_name("source_date.txt")


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[str] | None:
    """Run git in ``root``; None when git is not installed."""
    if shutil.which("git") is None:
        return None
    return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=False)


def _out(root: Path, *args: str) -> str | None:
    done = _git(root, *args)
    return done.stdout.strip() if done is not None and done.returncode == 0 else None


def has_history(root: Path) -> bool:
    """Whether ``root`` holds files tracked by a git repository with at least one commit.

    A folder inside some other repository, whose files that repository does not
    track, has no history of its own.
    """
    return bool(_out(root, "rev-parse", "--verify", "--quiet", "HEAD")) and bool(
        _out(root, "ls-files", "--", "."))


def history_problem(root: Path) -> str | None:
    """Why the history in ``root`` cannot be read, when ``root`` has a ``.git`` but no readable history."""
    if not (root / ".git").exists() or has_history(root):
        return None
    if shutil.which("git") is None:
        return f"{root} is a git repository, but git is not installed"
    done = _git(root, "log", "-1", "--format=%ct")
    reason = (done.stderr.strip() if done is not None else "") or "it has no commit"
    return f"git cannot read the history of {root}: {reason}"


def is_shallow(root: Path) -> bool:
    """Whether the history in ``root`` is a shallow clone's (only the newest commits)."""
    return _out(root, "rev-parse", "--is-shallow-repository") == "true"


def last_commit_time(root: Path, path: Path) -> int | None:
    """The time (Unix seconds) of the last commit that changed ``path``; None if none did.

    ``path`` is a file under ``root``, absolute or relative to it. None when
    ``root`` has no history or the file is not committed.
    """
    full = path if path.is_absolute() else root / path
    out = _out(root, "log", "-1", "--format=%ct", "--", os.path.relpath(full, root))
    return int(out) if out else None


def archive_time(stamp: Path = ARCHIVE_STAMP) -> int | None:
    """The commit date ``git archive`` wrote into ``stamp``; None while it holds the placeholder."""
    if not stamp.is_file():
        return None
    for line in stamp.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            if line.startswith("$Format:"):
                return None
            return int(datetime.fromisoformat(line).timestamp())
    return None


def source_time(root: Path, stamp: Path = ARCHIVE_STAMP) -> int | None:
    """The date (Unix seconds) of the source as a whole: ``SOURCE_DATE_EPOCH``, HEAD's commit, or the archive's.

    None when the environment sets no date, ``root`` has no history and no
    ``git archive`` stamped its date.
    """
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return int(os.environ["SOURCE_DATE_EPOCH"])
    if has_history(root):
        out = _out(root, "log", "-1", "--format=%ct", "HEAD")
        if out:
            return int(out)
    return archive_time(stamp)
