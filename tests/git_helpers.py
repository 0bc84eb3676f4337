"""Git repositories with commits at fixed dates, for the tests of dates taken from the history."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

T1, T2, T3 = 1_700_000_000, 1_750_000_000, 1_760_000_000  # 2023-11-14, 2025-06-15, 2025-10-09


def git(root: Path, *args: str, when: int | None = None) -> str:
    """Run git in ``root`` as a neutral author; ``when`` (Unix seconds) dates a commit."""
    env = {**os.environ, "GIT_AUTHOR_NAME": "A", "GIT_AUTHOR_EMAIL": "a@example.org",
           "GIT_COMMITTER_NAME": "A", "GIT_COMMITTER_EMAIL": "a@example.org", "GIT_CONFIG_NOSYSTEM": "1"}
    if when is not None:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"@{when} +0900"
    return subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True,
                          text=True).stdout


def commit(root: Path, files: dict[str, str], when: int) -> None:
    """Write ``files`` ({path: text}) under ``root`` and commit them at ``when``."""
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    git(root, "add", *files)
    git(root, "commit", "-q", "-m", f"at {when}", when=when)
