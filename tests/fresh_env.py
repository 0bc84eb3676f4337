"""Fresh virtual environments outside the repository, as a learner's machine has.

Used by ``test_wheel.py`` and ``test_kit.py``. A fresh environment is made in a
temporary folder, with a clean environment (no ``PYTHONPATH``, no Jupyter or
IPython user folders of this machine), so the repository's own package is not
importable there. Packages are installed without the network from a wheelhouse:
the wheels of the pinned versions (``requirements.txt``) of everything the
course's wheel and the test's kernel need, downloaded once with ``pip download``
into ``_build/wheelhouse/<key>/`` (pip's cache makes that fast after the first
time) and reused until ``requirements.txt`` or ``pyproject.toml`` change.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

from site_helpers import ROOT

#: What a test's kernel needs besides the course's wheel (a test tool, not the package's).
KERNEL = ("ipykernel", "nbclient", "nbformat")


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    """The environment of a learner's session: nothing of this repository or this user's Jupyter."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PYTHON", "JUPYTER", "IPYTHON", "VIRTUAL_ENV", "PIP_", "PROLIFERATION"))}
    home.mkdir(parents=True, exist_ok=True)
    env.update(HOME=str(home), JUPYTER_DATA_DIR=str(home / "jupyter-data"),
               JUPYTER_CONFIG_DIR=str(home / "jupyter-config"), IPYTHONDIR=str(home / "ipython"),
               PYTHONNOUSERSITE="1", PYDEVD_DISABLE_FILE_VALIDATION="1", PIP_DISABLE_PIP_VERSION_CHECK="1")
    env.update(extra)
    return env


def wheelhouse(course_wheel: Path) -> Path:
    """A folder of wheels for the course's dependencies and a test kernel, at the pinned versions."""
    key = hashlib.sha256((ROOT / "requirements.txt").read_bytes()
                         + (ROOT / "pyproject.toml").read_bytes()).hexdigest()[:16]
    house = ROOT / "_build" / "wheelhouse" / key
    done = house / ".complete"
    if not done.exists():
        house.mkdir(parents=True, exist_ok=True)
        result = subprocess.run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check",
             "--only-binary", ":all:", "-d", str(house), "-c", str(ROOT / "requirements.txt"),
             str(course_wheel), *KERNEL],
            capture_output=True, text=True, check=False)
        assert result.returncode == 0, f"pip download failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
        done.write_text("ok\n", encoding="utf-8")
    for old in house.glob("proliferation_course-*.whl"):  # the course's wheel comes from the test
        old.unlink()
    return house


def make_venv(folder: Path) -> Path:
    """A new virtual environment in ``folder``; returns its python."""
    if folder.exists():
        shutil.rmtree(folder)
    venv.EnvBuilder(with_pip=True, clear=True).create(folder)
    return folder / "bin" / "python"


def pip_install(python: Path, house: Path, *what: str, env: dict[str, str]) -> None:
    """Install ``what`` into the environment of ``python`` from the wheelhouse only (no network)."""
    result = subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--no-index", "--find-links", str(house), *what],
        capture_output=True, text=True, env=env, check=False)
    assert result.returncode == 0, f"pip install {what} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"


def run(python: Path, script: str, *args: str, env: dict[str, str], cwd: Path,
        timeout: float = 1200) -> subprocess.CompletedProcess[str]:
    """Run a Python script with the environment's python; fail with its output if it fails."""
    result = subprocess.run([str(python), "-c", script, *args], capture_output=True, text=True,
                            env=env, cwd=cwd, timeout=timeout, check=False)
    assert result.returncode == 0, f"{result.stdout[-4000:]}\n{result.stderr[-6000:]}"
    return result
