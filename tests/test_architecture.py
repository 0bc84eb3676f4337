"""The package's structure: layers, the explorer contract, colours, and no side effects on import.

* No module imports a private (``_``-prefixed) name, or a private module, of
  another layer (models, figures, widgets, checks, or a top-level module).
* ``checks/`` (the exercise checkers) imports neither ``figures`` nor ``widgets``.
* Every live panel subclasses :class:`proliferation_course.widgets.ExplorerPanel`.
* No figure module names a colour value: figures name palette entries
  (:data:`proliferation_course.figures.style.PALETTE`).
* Importing any module of the package changes no global plotly setting.

The modules not yet migrated onto the explorer contract are listed explicitly
below; each helper who migrates an explorer removes its modules from the lists.
A test fails if a list names a module that no longer needs to be there, so the
lists only shrink.
"""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PKG = ROOT / "proliferation_course"

#: Modules that still import another layer's private names (to be migrated): none is left.
PRIVATE_IMPORTS_ALLOWED: set[str] = set()
#: Exercise checkers that still import the figure layer (to be moved onto models and data).
CHECKS_IMPORTING_FIGURES_ALLOWED: set[str] = set()
#: Live panels not yet built on ExplorerPanel: none is left.
PANELS_NOT_YET_ON_THE_BASE: set[str] = set()
#: Figure modules that name no colour value: all of them.
COLOUR_FREE_MODULES = {
    "figures/__init__.py", "figures/controls.py", "figures/_checks.py", "figures/argument_map.py",
    "figures/arms_race.py", "figures/article_x.py", "figures/breakout.py", "figures/cascade.py",
    "figures/deterrence.py", "figures/escalation.py", "figures/norm.py", "figures/options.py",
    "figures/risk_matrix.py", "figures/strike_range.py", "figures/support.py", "figures/timeline.py",
    "figures/two_theatre.py", "figures/window.py",
}
#: Figure modules that still name colour values (to be migrated onto the palette): none is left.
COLOUR_VALUES_ALLOWED: set[str] = set()
#: The one place colour values live.
PALETTE_MODULE = "figures/style.py"

LAYERS = ("models", "figures", "widgets", "checks")


def _module_name(path: Path, root: Path = ROOT) -> str:
    parts = list(path.with_suffix("").relative_to(root).parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _layer(module: str) -> str:
    """``models``, ``figures``, ``widgets``, ``checks``, or the top-level module's own name."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def _private(name: str) -> bool:
    # ``_`` alone is gettext's public name for "translate" (proliferation_course.i18n), not a private one.
    return name.startswith("_") and not name.startswith("__") and name != "_"


def imports(path: Path, root: Path = ROOT) -> list[tuple[str, list[str]]]:
    """Every ``proliferation_course`` module ``path`` imports from, with the names it takes."""
    module = _module_name(path, root)
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[:len(package) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.append((target, [a.name for a in node.names]))
        elif isinstance(node, ast.Import):
            found.extend((a.name, []) for a in node.names)
    return [(t, n) for t, n in found if t == "proliferation_course" or t.startswith("proliferation_course.")]


def private_imports(path: Path, root: Path = ROOT) -> list[str]:
    """The imports of another layer's private names or private modules made by ``path``."""
    module = _module_name(path, root)
    bad = []
    for target, names in imports(path, root):
        if _layer(target) == _layer(module):
            continue
        private_names = [n for n in names if _private(n)]
        # "from ..figures import _checks" imports a private module too
        if private_names or any(_private(p) for p in target.split(".")):
            bad.append(f"{module} imports {private_names or names} from {target}")
    return bad


def _package_files() -> list[Path]:
    return sorted(p for p in PKG.rglob("*.py") if "__pycache__" not in p.parts)


def test_no_module_imports_another_layer_s_private_names() -> None:
    found: dict[str, list[str]] = {}
    for path in _package_files():
        bad = private_imports(path)
        if bad:
            found[_module_name(path)] = bad
    unexpected = {m: b for m, b in found.items() if m not in PRIVATE_IMPORTS_ALLOWED}
    assert not unexpected, "\n".join(line for b in unexpected.values() for line in b)
    stale = PRIVATE_IMPORTS_ALLOWED - set(found)
    assert not stale, f"migrated: remove from PRIVATE_IMPORTS_ALLOWED: {sorted(stale)}"


def test_the_import_walk_sees_a_private_import(tmp_path: Path) -> None:
    """The walk can fail: a widget that takes a figure's private name, or a private module."""
    widgets = tmp_path / "proliferation_course" / "widgets"
    widgets.mkdir(parents=True)
    bad = widgets / "bad.py"
    bad.write_text("from ..figures.deterrence import _DYNAMIC, check_presets\n"
                   "from ..figures import _checks\n"
                   "from .panel import _size\n", encoding="utf-8")
    assert private_imports(bad, root=tmp_path) == [
        "proliferation_course.widgets.bad imports ['_DYNAMIC'] from proliferation_course.figures.deterrence",
        "proliferation_course.widgets.bad imports ['_checks'] from proliferation_course.figures",
    ]


def test_exercise_checks_import_neither_figures_nor_widgets() -> None:
    found = set()
    for path in sorted((PKG / "checks").glob("*.py")):
        if any(_layer(t) in ("figures", "widgets") for t, _ in imports(path)):
            found.add(_module_name(path))
    assert found <= CHECKS_IMPORTING_FIGURES_ALLOWED, sorted(found - CHECKS_IMPORTING_FIGURES_ALLOWED)
    stale = CHECKS_IMPORTING_FIGURES_ALLOWED - found
    assert not stale, f"migrated: remove from CHECKS_IMPORTING_FIGURES_ALLOWED: {sorted(stale)}"


def test_every_live_panel_is_built_on_the_shared_base() -> None:
    import proliferation_course.widgets as widgets
    from proliferation_course.widgets import ExplorerPanel

    panels = {n for n in widgets.__all__ if n.endswith("Panel") and n != "ExplorerPanel"}
    assert len(panels) >= 14, panels
    not_yet = {n for n in panels if not issubclass(getattr(widgets, n), ExplorerPanel)}
    assert not_yet <= PANELS_NOT_YET_ON_THE_BASE, sorted(not_yet - PANELS_NOT_YET_ON_THE_BASE)
    stale = PANELS_NOT_YET_ON_THE_BASE - not_yet
    assert not stale, f"migrated: remove from PANELS_NOT_YET_ON_THE_BASE: {sorted(stale)}"


# --------------------------------------------------------------------------------------
# Colours: named palette entries, never values, in figure modules
# --------------------------------------------------------------------------------------

#: CSS colour names a figure might spell out (a value, like "#ffffff").
CSS_NAMES = {
    "white", "black", "red", "green", "blue", "orange", "purple", "grey", "gray", "yellow", "pink",
    "brown", "navy", "teal", "maroon", "olive", "silver", "lightgrey", "lightgray", "darkgrey",
    "darkgray", "darkblue", "darkred", "darkgreen", "steelblue", "crimson", "gold", "tomato",
    "firebrick", "royalblue", "slategray", "slategrey", "whitesmoke", "gainsboro", "transparent",
}
_VALUE = re.compile(r"#[0-9a-fA-F]{3,8}\b|\b(?:rgba?|hsla?)\s*\(")


def colour_values(source: str) -> list[str]:
    """Colour values written in a module's string literals (hex, rgb(a), hsl(a), CSS names),
    and uses of ``COLORS``, the old table of colour values kept for the modules not yet migrated."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Name) and node.id == "COLORS":
            found.append("COLORS")
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = node.value
            found += [m.group(0) for m in _VALUE.finditer(text)]
            if text.strip().lower() in CSS_NAMES:
                found.append(text)
    return found


def test_the_colour_scan_sees_a_colour_value() -> None:
    """The scan can fail: each way of writing a colour is seen; palette names and prose are not."""
    source = ('A = "#fff"\nB = {"color": "rgba(0, 0, 0, 0.1)"}\nC = "white"\n'
              'D = color("meets")\nE = "White House and the grey zone"\nF = f"{x} #1 rank"\n'
              'G = COLORS["holds"]\n')
    assert sorted(colour_values(source)) == ["#fff", "COLORS", "rgba(", "white"]


def test_no_figure_module_names_a_colour_value() -> None:
    modules = {p.relative_to(PKG).as_posix() for p in (PKG / "figures").glob("*.py")}
    listed = COLOUR_FREE_MODULES | COLOUR_VALUES_ALLOWED | {PALETTE_MODULE}
    assert modules == listed, (f"every figure module is listed once: unlisted {sorted(modules - listed)}, "
                               f"gone {sorted(listed - modules)}")
    assert not COLOUR_FREE_MODULES & COLOUR_VALUES_ALLOWED
    found = {m: colour_values((PKG / m).read_text(encoding="utf-8")) for m in sorted(modules)}
    raw = {m: v for m, v in found.items() if v and m in COLOUR_FREE_MODULES}
    assert not raw, f"colour values in figure modules (name a palette entry instead): {raw}"
    stale = sorted(m for m in COLOUR_VALUES_ALLOWED if not found[m])
    assert not stale, f"migrated: move from COLOUR_VALUES_ALLOWED to COLOUR_FREE_MODULES: {stale}"
    assert found[PALETTE_MODULE], "the palette lives in figures/style.py"


def test_contributing_lists_the_palette_as_it_is() -> None:
    """The palette written down in CONTRIBUTING.md is the one in figures/style.py."""
    from proliferation_course.figures.style import PALETTE

    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `([a-z_0-9]+)` \| `([^`]+)` \| `([^`]+)` \| (.+) \|$", text, flags=re.M)
    assert {name: (light, dark, meaning) for name, light, dark, meaning in rows} == {
        name: (s.light, s.dark, s.meaning) for name, s in PALETTE.items()}


def test_widgets_and_the_renderer_name_no_colour_value() -> None:
    """The shared panel base, the migrated panels and the renderer draw with the palette too."""
    for name in [*(p.relative_to(PKG).as_posix() for p in sorted((PKG / "widgets").glob("*.py"))), "render.py"]:
        assert colour_values((PKG / name).read_text(encoding="utf-8")) == [], name


# --------------------------------------------------------------------------------------
# No side effects on import
# --------------------------------------------------------------------------------------

_SIDE_EFFECTS = r"""
import importlib, json, pkgutil, sys
import plotly.graph_objects  # noqa: F401  (what a module would import anyway)
import plotly.io as pio

def settings():
    return {"renderer": pio.renderers.default, "renderers": sorted(pio.renderers),
            "render_on_display": pio.renderers.render_on_display,
            "template": str(pio.templates.default), "templates": sorted(pio.templates),
            "json_engine": pio.json.config.default_engine}

before = settings()
import proliferation_course
changed = {}
names = ["proliferation_course"] + [m.name for m in pkgutil.walk_packages(
    proliferation_course.__path__, "proliferation_course.")]
for name in names:
    importlib.import_module(name)
    now = settings()
    if now != before:
        changed[name] = {k: [before[k], now[k]] for k in now if now[k] != before[k]}
        before = now
if sys.argv[1:] == ["--register"]:  # show that the check sees a change
    from proliferation_course.render import register
    register()
    if settings() != before:
        changed["register()"] = True
print(json.dumps({"modules": len(names), "changed": changed}))
"""


def _import_everything(*args: str) -> dict:
    out = subprocess.run([sys.executable, "-c", _SIDE_EFFECTS, *args], capture_output=True, text=True,
                         cwd=ROOT, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_importing_any_module_changes_no_plotly_setting() -> None:
    result = _import_everything()
    assert result["modules"] > 40, result
    assert result["changed"] == {}, f"importing changed plotly's settings: {result['changed']}"


@pytest.mark.parametrize("flag", ["--register"])
def test_the_side_effect_check_sees_a_change(flag: str) -> None:
    """It can fail: registering the renderer (what a page does on purpose) is seen."""
    assert _import_everything(flag)["changed"] == {"register()": True}
