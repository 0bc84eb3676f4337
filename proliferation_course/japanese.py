"""Japanese text in English: where it is, so that it can be marked ``lang="ja"``.

Pure functions used at run time (:mod:`proliferation_course.tables` marks the
Japanese in its tables) and by the site build (:mod:`proliferation_course.sphinxext.japanese`
marks the Japanese that reaches a page without the ``{ja}`` role).

Examples
--------
>>> japanese_runs("Japan's 反撃能力 (counterstrike capability)")
[(8, 12)]
>>> japanese_runs("核トライアド（3本柱）")
[(0, 11)]
>>> japanese_runs("no Japanese here")
[]
"""

from __future__ import annotations

import re

__all__ = ["JAPANESE", "japanese_runs"]

_KANA_KANJI = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f"
_PUNCT = "\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"
#: A run of Japanese: kana, kanji and Japanese punctuation, possibly with
#: digits or Latin letters between Japanese characters (``核トライアド（3本柱）``).
JAPANESE = re.compile(
    rf"[{_KANA_KANJI}{_PUNCT}]+(?:[0-9A-Za-z\uff10-\uff19]+[{_KANA_KANJI}{_PUNCT}]+)*")
_HAS_KANA_KANJI = re.compile(f"[{_KANA_KANJI}]")

def japanese_runs(text: str) -> list[tuple[int, int]]:
    """Start and end of every run of Japanese in ``text`` (runs of punctuation alone are not runs)."""
    return [m.span() for m in JAPANESE.finditer(text) if _HAS_KANA_KANJI.search(m.group())]
