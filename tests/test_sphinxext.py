"""The extension as a whole: its concerns, its parallel safety, the mime plugin's entry point.

Each concern (a module of proliferation_course.sphinxext) has its own tests in
tests/test_sphinxext_<module>.py.
"""

from __future__ import annotations

import importlib.metadata
import pkgutil
from pathlib import Path
from types import ModuleType, SimpleNamespace

import pytest

from proliferation_course import sphinxext
from proliferation_course.sphinxext import PlotlyJsonMime

TESTS = Path(__file__).resolve().parent
#: Modules of the package that are not concerns (messages: the translation units' extraction, which
#: scripts/update-translations.sh and tests/test_i18n.py use).
HELPERS = {"_util", "mime", "messages"}


class RecordingApp:
    """Records what a concern's setup asks of Sphinx."""

    def __init__(self) -> None:
        self.events: list[str] = []

    def connect(self, event: str, handler, priority: int = 500) -> None:
        self.events.append(event)

    def __getattr__(self, name: str):  # add_node, add_role, add_js_file, setup_extension ...
        return lambda *args, **kwargs: None


def test_every_module_is_a_concern_that_is_set_up_and_tested() -> None:
    modules = {m.name for m in pkgutil.iter_modules(sphinxext.__path__)} - HELPERS
    assert modules == {c.__name__.rsplit(".", 1)[1] for c in sphinxext.CONCERNS}, (
        "a module of proliferation_course.sphinxext that is not in CONCERNS is never set up")
    for name in modules:
        assert (TESTS / f"test_sphinxext_{name}.py").is_file(), f"no tests/test_sphinxext_{name}.py"


@pytest.mark.parametrize("concern", sphinxext.CONCERNS, ids=lambda c: c.__name__.rsplit(".", 1)[1])
def test_each_concern_declares_its_parallel_safety(concern: ModuleType) -> None:
    app = RecordingApp()
    meta = concern.setup(app)  # type: ignore[arg-type]
    assert isinstance(meta.get("parallel_read_safe"), bool) and isinstance(meta.get("parallel_write_safe"), bool)
    reads = {"doctree-read", "env-purge-doc"} & set(app.events)
    if reads and meta["parallel_read_safe"]:
        assert "env-merge-info" in app.events, (
            f"{concern.__name__} keeps data from reading but does not merge it from parallel workers")


def test_the_extension_is_parallel_safe_only_if_every_concern_is(monkeypatch: pytest.MonkeyPatch) -> None:
    assert sphinxext.setup(RecordingApp())["parallel_read_safe"] is True  # type: ignore[arg-type]
    unsafe = SimpleNamespace(setup=lambda app: {"parallel_read_safe": False, "parallel_write_safe": True})
    monkeypatch.setattr(sphinxext, "CONCERNS", (*sphinxext.CONCERNS, unsafe))
    meta = sphinxext.setup(RecordingApp())  # type: ignore[arg-type]
    assert meta["parallel_read_safe"] is False and meta["parallel_write_safe"] is True


def test_the_mime_plugin_is_found_by_its_entry_point() -> None:
    (entry,) = [e for e in importlib.metadata.entry_points(group="myst_nb.mime_renderers")
                if e.name == "plotly_json"]
    assert entry.value == "proliferation_course.sphinxext:PlotlyJsonMime"
    assert entry.load() is PlotlyJsonMime


def test_the_plotly_json_renders_as_nothing_and_other_types_are_left_alone() -> None:
    assert PlotlyJsonMime.handle_mime(None, SimpleNamespace(mime_type="application/vnd.plotly.v1+json"),
                                      False) == []
    assert PlotlyJsonMime.handle_mime(None, SimpleNamespace(mime_type="text/html"), False) is None
