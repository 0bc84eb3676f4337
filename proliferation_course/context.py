"""Where the package runs: in the website's build, or in a learner's live kernel.

Some objects show themselves differently in the two places. A self-check quiz
is plain HTML on the website (``course.js`` runs it, no kernel needed), but a
widget in a live kernel, where the page's scripts are not loaded and an HTML
form would reload JupyterLab. The site build says where it runs by setting one
environment variable, which the kernels it starts inherit; anything else
(JupyterLab, Notebook 7, Colab, a JupyterHub, a script) is a live session.

The language works the same way: the build of each language's site sets
``COURSE_LANGUAGE`` (``en`` or ``ja``), and the package reads it with
:func:`course_language`; a live session may set it too (English by default).

Examples
--------
>>> import os
>>> os.environ.pop(ENV, None) and None
>>> in_site_build()
False
>>> with site_build():
...     in_site_build()
True
>>> in_site_build()
False
>>> os.environ.pop(LANGUAGE_ENV, None) and None
>>> course_language()
'en'
>>> os.environ[LANGUAGE_ENV] = "ja"; course_language()
'ja'
>>> os.environ[LANGUAGE_ENV] = "fr"; course_language()
Traceback (most recent call last):
...
ValueError: COURSE_LANGUAGE is 'fr': the course exists in 'en' (English) and 'ja' (Japanese)
>>> del os.environ[LANGUAGE_ENV]
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["DEFAULT_LANGUAGE", "ENV", "LANGUAGES", "LANGUAGE_ENV", "SITE_BUILD", "course_language",
           "in_site_build", "mark_site_build", "site_build"]

#: The environment variable that says where the package runs.
ENV = "PROLIFERATION_COURSE_CONTEXT"
#: Its value during the website's build.
SITE_BUILD = "site-build"
#: The environment variable that says which language the package speaks (set by the site build).
LANGUAGE_ENV = "COURSE_LANGUAGE"
#: The course's languages; the first is the default (the English site, at the root).
LANGUAGES = ("en", "ja")
DEFAULT_LANGUAGE = LANGUAGES[0]


def course_language() -> str:
    """The language of this build or session: ``COURSE_LANGUAGE``, English when it is unset."""
    value = os.environ.get(LANGUAGE_ENV, "").strip() or DEFAULT_LANGUAGE
    if value not in LANGUAGES:
        raise ValueError(f"{LANGUAGE_ENV} is {value!r}: the course exists in 'en' (English) and 'ja' (Japanese)")
    return value


def in_site_build() -> bool:
    """True while the website is built (the build's kernels), False in a learner's session."""
    return os.environ.get(ENV) == SITE_BUILD


def mark_site_build() -> None:
    """Say that this process, and every kernel it starts from now on, builds the website."""
    os.environ[ENV] = SITE_BUILD


@contextmanager
def site_build() -> Iterator[None]:
    """Run a block as the site build does (tests use this), then restore the environment."""
    before = os.environ.get(ENV)
    os.environ[ENV] = SITE_BUILD
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(ENV, None)
        else:
            os.environ[ENV] = before
