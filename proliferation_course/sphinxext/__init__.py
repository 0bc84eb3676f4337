"""The course's Sphinx extension: one module per concern.

``_config.yml`` loads ``proliferation_course.sphinxext``, whose :func:`setup`
sets up each module of :data:`CONCERNS`, in order:

* :mod:`.editions`: the learner or the instructor edition, from the same sources;
* :mod:`.languages`: the English and the Japanese site from the same sources
  (gettext catalogues in ``locales/``, a language switch, the translation state);
* :mod:`.assets`: local files only, and only those the course uses;
* :mod:`.performance`: the text paints first; plotly.js, MathJax and icons load
  where and when they are needed;
* :mod:`.stylesheets`: one stylesheet per page (the theme's, the extensions' and the
  course's, in their order), so that the first paint waits for one request;
* :mod:`.accessibility`: Japanese marked as such, controls named by their text;
* :mod:`.japanese`: Japanese that reaches a page without the ``{ja}`` role (a
  bibliography entry) marked too;
* :mod:`.search`: one search button, and search from disk (``file://``);
* :mod:`.glossary`: where each term is used, safe under parallel reading;
* :mod:`.downloads`: the data tables;
* :mod:`.notebooks`: each page as a notebook a learner can run, the wheel and the exercise kit;
* :mod:`.quiz_exports`: the quizzes for Moodle and Canvas, in the instructor edition;
* :mod:`.class_tools`: the progress page, citable explorer settings, where a chapter stands;
* :mod:`.reuse`: the licence, the version and "Reuse and cite" in every footer;
* :mod:`.launch_buttons`: Binder, Colab and the repository button from one setting;
* :mod:`.reproducibility`: dates from the history, stable URLs, the same
  bytes on every build.

Each module is a Sphinx extension of its own: its ``setup(app)`` connects its
handlers and returns its metadata, saying whether it is safe for parallel
reading and writing; this extension is safe only where all of them are. A new
concern (an edition, a language) is a new module with a ``setup(app)``, added
to :data:`CONCERNS`, with its tests in ``tests/test_sphinxext_<module>.py``.

:class:`PlotlyJsonMime` (:mod:`.mime`) is a myst-nb mime plugin, registered by
an entry point in ``pyproject.toml``.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

from sphinx.application import Sphinx

from . import (
    accessibility,
    assets,
    class_tools,
    downloads,
    editions,
    glossary,
    japanese,
    languages,
    launch_buttons,
    notebooks,
    performance,
    quiz_exports,
    reproducibility,
    reuse,
    search,
    stylesheets,
)
from .assets import PLOTLY_JS
from .mime import PlotlyJsonMime

__all__ = ["CONCERNS", "PLOTLY_JS", "PlotlyJsonMime", "setup"]

#: The extension's modules, set up in this order.
CONCERNS: tuple[ModuleType, ...] = (editions, languages, assets, launch_buttons, search, performance, stylesheets,
                                    accessibility, japanese, glossary, downloads, notebooks, quiz_exports,
                                    class_tools, reuse,
                                    reproducibility)


def setup(app: Sphinx) -> dict[str, Any]:
    metadata = [concern.setup(app) for concern in CONCERNS]
    return {
        "version": "0.2",
        "parallel_read_safe": all(m.get("parallel_read_safe", False) for m in metadata),
        "parallel_write_safe": all(m.get("parallel_write_safe", False) for m in metadata),
    }
