"""The library façade, one function per command: what each returns and writes, and the
errors that name what is wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from policyglossary import api
from policyglossary.checks import ORDER
from policyglossary.errors import UsageError
from policyglossary.formats import FORMATS, canonical
from policyglossary.model import TermBase, TermBaseInfo

from ..conftest import GLOSSARY, concept

TWO = (concept("dual-gigabit", "双千兆", "dual-gigabit", subject_field="telecom"),
       concept("troika", "三驾马车", "troika", subject_field="economy"))


def test_segment_refuses_an_article_without_text(tmp_path: Path) -> None:
    article = tmp_path / "blank.txt"
    article.write_text("\n  \n\u3000\n", encoding="utf-8")
    with pytest.raises(UsageError) as caught:
        api.segment(article, tmp_path / "out.po")
    assert str(caught.value) == f"{article}: no text to segment"
    assert not (tmp_path / "out.po").exists()


def test_segment_with_a_forced_encoding(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_bytes("推進雙千兆。鞏固增強。".encode("big5"))
    out = tmp_path / "a.po"
    assert api.segment(article, out, encoding="big5") == 2
    assert 'msgid "推進雙千兆。"' in out.read_text(encoding="utf-8")


def test_textconv_of_each_kind_of_file(tmp_path: Path, write_termbase) -> None:  # type: ignore[no-untyped-def]
    folder = write_termbase(*TWO, folder="tb")
    shown = api.textconv(folder / "concepts" / "troika.toml")
    assert shown.splitlines()[:2] == ["concept troika", "subject-field: economy"]
    info = folder / canonical.INFO_FILE
    assert api.textconv(info) == info.read_text(encoding="utf-8")  # shown as it is
    broken = folder / "concepts" / "broken.toml"
    broken.write_text('id = "broken"\n[[zh]\n', encoding="utf-8")
    assert api.textconv(broken) == 'id = "broken"\n[[zh]\n'  # a diff of it still works
    exported = tmp_path / "g.tbx"
    api.export("tbx", exported, GLOSSARY)
    whole = api.textconv(exported).split("\n\n")
    assert whole[0].startswith("concept ") and len(whole) == len(api.load_termbase(GLOSSARY))
    ids = [block.splitlines()[0] for block in whole]
    assert ids == sorted(ids)


def test_export_needs_a_format(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=r"^give --to FORMAT"):
        api.export(None, None, GLOSSARY)
    data, warnings = api.export("tsv", None, GLOSSARY)
    assert data is not None and data.startswith(b"id\tzh\tzh-Hant\t")
    assert warnings == ["TSV cannot hold: term base name, term base description, subject-field "
                        "list, primary-source domains"]  # termbase.toml's fields


def test_import_refuses_a_file_as_the_term_base(tmp_path: Path) -> None:
    target = tmp_path / "not-a-folder.txt"
    target.write_text("x", encoding="utf-8")
    with pytest.raises(UsageError, match=r"import writes into a canonical term base folder"):
        api.import_termbase(GLOSSARY / "concepts" / "troika.toml", target)


def test_import_into_a_new_folder_names_it_and_collects_subject_fields(
        tmp_path: Path, write_termbase) -> None:  # type: ignore[no-untyped-def]
    sheet = tmp_path / "team-glossary.csv"
    api.export("csv", sheet, write_termbase(*TWO, folder="source"))
    report = api.import_termbase(sheet, tmp_path / "new")
    assert report.created and report.written
    info = canonical.read_dir(tmp_path / "new").info
    assert info.name == "team-glossary"
    assert info.subject_fields == ("economy", "telecom")


def test_import_adds_a_new_subject_field_to_an_existing_term_base(
        tmp_path: Path, write_termbase) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "tb"
    canonical.write_dir(folder, TermBase(TWO[:1], TermBaseInfo(name="ours",
                                                               subject_fields=("telecom",))))
    sheet = tmp_path / "more.csv"
    api.export("csv", sheet, write_termbase(*TWO, folder="source"))
    dry = api.import_termbase(sheet, folder, dry_run=True)
    assert not dry.written and len(dry.result.added) == 1
    assert canonical.read_dir(folder).info.subject_fields == ("telecom",)
    report = api.import_termbase(sheet, folder)
    assert report.written and not report.created
    written = canonical.read_dir(folder)
    assert written.info.subject_fields == ("telecom", "economy")
    assert written.info.name == "ours"
    assert [c.id for c in written] == ["dual-gigabit", "troika"]


def test_fmt_rewrites_a_hand_edited_termbase_toml(raw_termbase) -> None:  # type: ignore[no-untyped-def]
    folder = raw_termbase({}, info='name="t"\nsubject-fields=["telecom"]\n')
    info = folder / canonical.INFO_FILE
    assert api.format_termbase(folder, check=True) == [info]
    assert info.read_text(encoding="utf-8") == 'name="t"\nsubject-fields=["telecom"]\n'
    assert api.format_termbase(folder) == [info]
    assert api.format_termbase(folder, check=True) == []
    assert canonical.read_dir(folder).info.subject_fields == ("telecom",)


def test_fmt_refuses_a_term_base_file(tmp_path: Path) -> None:
    exported = tmp_path / "g.csv"
    api.export("csv", exported, GLOSSARY)
    with pytest.raises(UsageError, match=r"fmt works on a canonical term base folder$"):
        api.format_termbase(exported)


def test_a_missing_term_base_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError) as caught:
        api.load_matcher(tmp_path / "nowhere")
    assert str(caught.value) == f"{tmp_path / 'nowhere'}: no such term base"


def test_the_registries_in_their_documented_order() -> None:
    assert [info.id for info in api.checks()] == list(ORDER)
    assert [spec.name for spec in api.formats()] == list(FORMATS)
