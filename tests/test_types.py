"""The type checker: mypy, with the settings in pyproject.toml ([tool.mypy]).

The models and the data loader are checked in strict mode, the rest of the package in
mypy's default mode. Neither test needs the built site (no ``build`` marker), so
``pytest -m "not build and not browser and not slow"`` runs them without a build.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MYPY = Path(sys.executable).with_name("mypy")


def _mypy(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(MYPY), "--config-file", str(ROOT / "pyproject.toml"), *args],
                          cwd=cwd, capture_output=True, text=True)


def test_mypy_finds_nothing() -> None:
    result = _mypy(cwd=ROOT)  # the files to check come from the configuration: the package
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Success: no issues found" in result.stdout, result.stdout + result.stderr


def test_strict_mode_reaches_the_models(tmp_path: Path) -> None:
    """A copy of one model module with an untyped function and a wrong return type fails.

    Proves that the strict settings apply to ``proliferation_course.models.*`` (an
    untyped function passes mypy's default mode) and that a failure is seen.
    """
    models = tmp_path / "proliferation_course" / "models"
    models.mkdir(parents=True)
    (models.parent / "__init__.py").write_text("")
    (models / "__init__.py").write_text("")
    source = (ROOT / "proliferation_course" / "models" / "_validate.py").read_text(encoding="utf-8")
    (models / "_validate.py").write_text(
        source + "\n\ndef untyped(x):\n    return x\n\n\ndef wrong() -> int:\n    return 'one'\n",
        encoding="utf-8")
    result = _mypy("proliferation_course/models/_validate.py", cwd=tmp_path)
    out = result.stdout + result.stderr
    assert result.returncode == 1, out
    assert "_validate.py:" in out and "[no-untyped-def]" in out, out
    assert "[return-value]" in out, out
