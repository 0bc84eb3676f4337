"""Find blocks of code that repeat across the package: the same lines, or lines of the same shape.

A *line* here is one logical line of Python with its comments, docstrings and
imports left out. Its *shape* replaces every name that is not a keyword or a
builtin by ``N``, every string by ``S`` and every number by ``0``, so that
``check(df, "a", 1)`` and ``check(rows, "b", 2)`` have one shape. A *block*
is a run of ``size`` such lines. Two blocks repeat when their shapes are equal
and they do not overlap; a block whose lines are mostly punctuation (closing
brackets, ``else:``) is too thin to count.

Used by ``tests/test_duplication.py``; it reads files as text and runs nothing.
"""

from __future__ import annotations

import ast
import builtins
import io
import keyword
import tokenize
from dataclasses import dataclass
from pathlib import Path

KEEP_NAMES = set(keyword.kwlist) | set(dir(builtins)) | {"self", "cls"}
SKIP = {tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT,
        tokenize.ENCODING, tokenize.ENDMARKER}


@dataclass(frozen=True)
class Line:
    number: int  # first physical line
    shape: str
    words: int  # tokens that are names, strings or numbers


def _docstring_lines(tree: ast.AST) -> set[int]:
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
                    and isinstance(body[0].value.value, str):
                end = body[0].end_lineno or body[0].lineno
                lines.update(range(body[0].lineno, end + 1))
    return lines


def _import_lines(tree: ast.AST) -> set[int]:
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            lines.update(range(node.lineno, (node.end_lineno or node.lineno) + 1))
    return lines


def logical_lines(source: str) -> list[Line]:
    """The file's logical lines with their shapes (docstrings, comments and imports left out)."""
    tree = ast.parse(source)
    left_out = _docstring_lines(tree) | _import_lines(tree)
    out: list[Line] = []
    parts: list[str] = []
    words = 0
    start = 0
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type == tokenize.NEWLINE:
            if parts and start not in left_out:
                out.append(Line(start, " ".join(parts), words))
            parts, words = [], 0
            continue
        if tok.type in SKIP:
            continue
        if not parts:
            start = tok.start[0]
        if tok.type == tokenize.NAME:
            parts.append(tok.string if tok.string in KEEP_NAMES else "N")
            words += 1
        elif tok.type == tokenize.STRING or tok.type in _FSTRING_TOKENS:
            if not parts or parts[-1] != "S":  # an f-string's pieces count as one string
                parts.append("S")
                words += 1
        elif tok.type == tokenize.NUMBER:
            parts.append("0")
            words += 1
        else:
            parts.append(tok.string)
    return out


_FSTRING_TOKENS = {getattr(tokenize, n) for n in ("FSTRING_START", "FSTRING_MIDDLE", "FSTRING_END")
                   if hasattr(tokenize, n)}


@dataclass(frozen=True)
class Repeat:
    first: str  # "path:start-end"
    second: str

    def __str__(self) -> str:
        return f"{self.first} ~ {self.second}"


def repeats(files: dict[str, str], size: int = 7, min_words: int = 3, min_full: int = 4) -> list[Repeat]:
    """Pairs of places where ``size`` lines of the same shape stand twice.

    ``files`` maps a name (for the report) to a file's text. A block counts only
    if at least ``min_full`` of its lines have ``min_words`` words or more.
    Overlapping blocks of one run are reported once, as the whole run.
    """
    seen: dict[tuple[str, ...], list[tuple[str, int]]] = {}
    lines_of = {name: logical_lines(text) for name, text in files.items()}
    for name, lines in lines_of.items():
        for i in range(len(lines) - size + 1):
            block = lines[i:i + size]
            if sum(1 for ln in block if ln.words >= min_words) < min_full:
                continue
            seen.setdefault(tuple(ln.shape for ln in block), []).append((name, i))
    # every matching pair of blocks, grouped by file pair and diagonal into runs
    matches: dict[tuple[str, str, int], list[tuple[int, int]]] = {}
    for places in seen.values():
        for a in range(len(places)):
            for b in range(a + 1, len(places)):
                (fa, ia), (fb, ib) = sorted((places[a], places[b]))
                if fa == fb and ib - ia < size:
                    continue
                matches.setdefault((fa, fb, ib - ia), []).append((ia, ib))
    found = []
    for (fa, fb, _), starts in matches.items():
        starts.sort()
        la, lb = lines_of[fa], lines_of[fb]
        run_start = prev = starts[0]
        for cur in [*starts[1:], None]:
            if cur is not None and cur[0] == prev[0] + 1:
                prev = cur
                continue
            end_a, end_b = prev[0] + size - 1, prev[1] + size - 1
            found.append(Repeat(f"{fa}:{la[run_start[0]].number}-{la[end_a].number}",
                                f"{fb}:{lb[run_start[1]].number}-{lb[end_b].number}"))
            if cur is not None:
                run_start = prev = cur
    return sorted(found, key=str)


def package_files(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted(root.rglob("*.py")) if "__pycache__" not in p.parts}
