"""No block of more than six lines repeats across the package (issue 17).

The same lines, or lines of the same shape with other names, strings and
numbers, outside docstrings, comments and imports (see ``tests/duplication.py``).
A repeated block is a sign that one function should serve both places.
"""

from __future__ import annotations

from pathlib import Path

from duplication import logical_lines, package_files, repeats

PKG = Path(__file__).resolve().parent.parent / "proliferation_course"

#: Deliberate exceptions, each with its reason (named in the closing note). May only shrink.
ALLOWED: dict[str, str] = {}


def test_no_block_of_seven_lines_repeats_in_the_package() -> None:
    found = {str(r) for r in repeats(package_files(PKG))}
    unexpected = sorted(found - set(ALLOWED))
    assert not unexpected, ("blocks of seven lines that repeat (make one function serve both):\n"
                            + "\n".join(unexpected))
    stale = sorted(set(ALLOWED) - found)
    assert not stale, f"no longer repeated: remove from ALLOWED: {stale}"


def test_a_repeated_shape_is_found_and_a_different_one_is_not() -> None:
    """The check can fail: the same shape with other names is found; docstrings and imports are not."""
    one = '''
import os
def f(df, columns):
    """A docstring
    that is long
    and would repeat
    in the other file
    for seven lines
    or more of it
    here."""
    if not isinstance(df, dict):
        raise ValueError(f"df must be a dict, got {type(df).__name__}")
    missing = [c for c in columns if c not in df]
    if missing:
        raise ValueError(f"df is missing {', '.join(missing)}")
    if not df:
        raise ValueError("df is empty")
    return df
'''
    other = one.replace("df", "table").replace("columns", "keys")
    assert [str(r) for r in repeats({"a.py": one, "b.py": other})] == ["a.py:3-18 ~ b.py:3-18"]
    different = other.replace("if not table:", "if len(table) > 3:")
    assert repeats({"a.py": one, "b.py": different}) == []
    docstring_only = ('def g():\n    """A docstring\n    that is long\n    and would repeat\n'
                      '    in the other file\n    for seven lines\n    or more of it\n'
                      '    here."""\n    return 1\n')
    assert repeats({"a.py": docstring_only, "b.py": docstring_only.replace("g()", "h()")}) == []
    assert [ln.shape for ln in logical_lines("x = f(y, 'a', 3)  # note\n")] == ["N = N ( N , S , 0 )"]
