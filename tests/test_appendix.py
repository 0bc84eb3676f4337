"""The data appendix is generated from data/: change a table and the appendix changes."""

from __future__ import annotations

import html as html_lib
import json
import re
import shutil
from pathlib import Path

from proliferation_course.appendix import constraint_text, data_appendix
from proliferation_course.context import site_build
from proliferation_course.data import DATA_DIR, read_descriptor
from proliferation_course.i18n import speaking


def _copy(tmp_path: Path, names: list[str]) -> Path:
    d = read_descriptor()
    d = {**d, "resources": [r for r in d["resources"] if r["name"] in names]}
    (tmp_path / "datapackage.json").write_text(json.dumps(d), encoding="utf-8")
    for r in d["resources"]:
        shutil.copy(DATA_DIR / r["path"], tmp_path / r["path"])
    return tmp_path


def test_every_declared_table_appears_with_its_columns_and_download_link() -> None:
    html = data_appendix().to_html()
    for r in read_descriptor()["resources"]:
        assert f'id="data-{r["name"]}"' in html, r["name"]
        assert f'href="../../data/{r["path"]}"' in html
        for f in r["schema"]["fields"]:
            assert f"<code>{f['name']}</code>" in html, (r["name"], f["name"])


def test_a_new_row_changes_the_row_count_and_sources(tmp_path: Path) -> None:
    folder = _copy(tmp_path, ["deterrence_presets"])
    before = data_appendix(folder).tables()[0]
    csv = folder / "deterrence_presets.csv"
    row = ('extra_case,99,An extra case for the test,テスト用の追加ケース,0.50,0.50,0.50,'
           '"A rationale long enough for the schema, written for this test only.",'
           '"このテストのためだけに書いた、スキーマに足る長さの理由。",snyder1961,'
           '"judgement: a value invented for this test","判断：このテストのために作った値"\n')
    csv.write_text(csv.read_text(encoding="utf-8") + row, encoding="utf-8")
    after = data_appendix(folder).tables()[0]
    assert after["rows"] == before["rows"] + 1
    assert "Snyder 1961" in after["sources"] and "Snyder 1961" not in before["sources"]
    assert f"{after['rows']} rows" in data_appendix(folder).to_html()


def test_a_new_column_constraint_appears(tmp_path: Path) -> None:
    folder = _copy(tmp_path, ["nuclear_forces_2025"])
    d = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    fields = {f["name"]: f for f in d["resources"][0]["schema"]["fields"]}
    fields["deployed"]["constraints"]["maximum"] = 100000
    (folder / "datapackage.json").write_text(json.dumps(d), encoding="utf-8")
    assert "from 0 to 100000" in data_appendix(folder).to_html()


def test_constraint_text_covers_every_kind() -> None:
    text = constraint_text({"constraints": {"required": True, "unique": True, "pattern": "x+",
                                            "minLength": 3, "maximum": 5}})
    assert text == "required; unique; at most 5; pattern x+; at least 3 characters"


def test_allowed_values_are_shown_as_code_in_the_appendix() -> None:
    """An allowed value is what the CSV holds (``treaty ally``), in any language of the page."""
    html = data_appendix().to_html()
    assert "one of: <code>treaty ally</code>, <code>partner</code>, <code>none</code>" in html
    assert "pattern <code>[a-z][a-z0-9_]*</code>" in html
    assert "one of: treaty ally" not in html


def test_every_table_shows_the_basis_of_its_rows() -> None:
    """The appendix states how many rows are reported, derived or judgement, and each distinct basis."""
    html = data_appendix().to_html()
    for t in data_appendix().tables():
        assert t["bases"], f"{t['name']}: no basis column"
        assert sum(len(rows) for rows in t["bases"].values()) == t["rows"], t["name"]
        section = html.split(f'id="data-{t["name"]}"', 1)[1].split("</section>", 1)[0]
        assert "Basis of its rows:" in section, t["name"]
        for basis in t["bases"]:
            assert _visible(basis) in _visible_html(section), (t["name"], basis)


def test_a_judgement_row_says_so_in_the_appendix(tmp_path: Path) -> None:
    folder = _copy(tmp_path, ["deterrence_presets"])
    path = folder / "deterrence_presets.csv"
    row = ('extra_case,99,An extra case for the test,テスト用の追加ケース,0.50,0.50,0.50,'
           '"A rationale long enough for the schema, written for this test only.",'
           '"このテストのためだけに書いた、スキーマに足る長さの理由。",snyder1961,'
           '"judgement: a score invented for this test only","判断：このテストのためだけに作ったスコア"\n')
    path.write_text(path.read_text(encoding="utf-8") + row, encoding="utf-8")
    section = data_appendix(folder).to_html()
    assert "judgement: a score invented for this test only" in section
    assert "(rows: extra_case)" in section
    assert "7 judgement" in section
    from proliferation_course.i18n import speaking

    with speaking("ja"):  # a Japanese reader gets the row's basis_ja, the English one not at all
        section = data_appendix(folder).to_html()
    assert "判断：このテストのためだけに作ったスコア" in section
    assert "judgement: a score invented for this test only" not in section


def _visible(text: str) -> str:
    return " ".join(text.split())


def _visible_html(fragment: str) -> str:
    return _visible(html_lib.unescape(re.sub(r"<[^>]+>", "", fragment)))


def test_the_appendix_speaks_japanese() -> None:
    """Its own words, the column types and constraints, and the descriptor's texts (the catalogue
    data/datapackage) are Japanese on a Japanese page; the English appendix is unchanged."""
    from proliferation_course.i18n import speaking

    with speaking("ja"):
        page = data_appendix().to_html()
    visible = _visible_html(page)
    for word in ("CSVをダウンロード", "許される値", "各行が引用する出典:", "各行の根拠:", "必須"):
        assert word in visible, word
    for english in ("Download the CSV", "Allowed values", "Sources cited by its rows", "Basis of its rows",
                    "required"):
        assert english not in visible, english
    section = page.split('id="data-support_roles"', 1)[1].split("</section>", 1)[0]
    assert '<td class="type">文字列</td>' in section and "行）" in section
    # The descriptor's texts: a table's title and description, a column's description and unit.
    assert "論考が挙げる、同盟国が米国の核作戦で担いうる支援の役割" in section
    assert "<td>割合（0〜1）</td>" in section and "役割の識別子" in section
    english = [r["title"] for r in read_descriptor()["resources"] if html_lib.escape(r["title"]) in page]
    assert not english, english
    with speaking("en"):
        assert "Download the CSV" in data_appendix().to_html()


def test_the_appendix_on_the_japanese_site_leaves_japanese_unwrapped() -> None:
    """As a data table does: the Japanese site's page is lang="ja"; a Japanese session in Jupyter is not."""
    with speaking("ja"):
        live = data_appendix().to_html()
        with site_build():
            built = data_appendix().to_html()
    assert '<span lang="ja" class="ja">' in live
    assert 'class="ja"' not in built and "報告" in built
