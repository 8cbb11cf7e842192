"""Primary source domains: which citations count, and the termbase.toml setting."""

from __future__ import annotations

from pathlib import Path

import pytest

from policyglossary import api
from policyglossary.formats import canonical
from policyglossary.model import TermBaseInfo
from policyglossary.termbase.primary import DEFAULT_PRIMARY_DOMAINS, is_primary, primary_domains

from .conftest import GLOSSARY, concept

# (source as cited, domains, primary?)
CASES = [
    ("https://english.news.cn/20231225/abc/c.html", DEFAULT_PRIMARY_DOMAINS, True),
    ("http://www.xinhuanet.com/english/2019-03/05/c_137870300.htm", DEFAULT_PRIMARY_DOMAINS,
     True),
    ("http://www.xinhuanet.com/politics/2019-03/05/c_1124195401.htm", DEFAULT_PRIMARY_DOMAINS,
     False),  # Xinhua, but its Chinese pages
    ("http://english.scio.gov.cn/pressroom/2023-12/26/content_116900000.htm",
     DEFAULT_PRIMARY_DOMAINS, True),
    ("https://english.www.gov.cn/news/202305/25/content_WS646f4e46c6d03ffcca6ed629.html",
     DEFAULT_PRIMARY_DOMAINS, True),
    ("https://english.mofcom.gov.cn/article/news/", DEFAULT_PRIMARY_DOMAINS, True),
    ("http://en.safea.gov.cn/2023-03/01/c_123.htm", DEFAULT_PRIMARY_DOMAINS, True),
    ("https://www.miit.gov.cn/english/news/index.html", DEFAULT_PRIMARY_DOMAINS, True),
    ("https://www.miit.gov.cn/energy/index.html", DEFAULT_PRIMARY_DOMAINS, False),  # not /en
    ("https://www.miit.gov.cn/jgsj/index.html", DEFAULT_PRIMARY_DOMAINS, False),
    ("https://global.chinadaily.com.cn/a/202312/25/WS6588.html", DEFAULT_PRIMARY_DOMAINS, True),
    ("https://www.urdupoint.com/en/world/china-to-x.html", DEFAULT_PRIMARY_DOMAINS, False),
    ("https://menafn.com/1107645521/China", DEFAULT_PRIMARY_DOMAINS, False),
    ("https://www.globaltimes.cn/page/202312/1304.shtml", DEFAULT_PRIMARY_DOMAINS, False),
    ("https://fakeenglish.news.cn.example.com/x", DEFAULT_PRIMARY_DOMAINS, False),
    ("https://notchinadaily.com.cn/x", DEFAULT_PRIMARY_DOMAINS, False),  # not a subdomain
    ("Xinhua, 25 Dec 2023: https://english.news.cn/x.html (quoted in a note)",
     DEFAULT_PRIMARY_DOMAINS, True),
    ("english.news.cn/20231225/x.html", DEFAULT_PRIMARY_DOMAINS, True),
    ("a press conference in Beijing", DEFAULT_PRIMARY_DOMAINS, False),
    ("https://www.urdupoint.com/en/x.html", ("urdupoint.com",), True),
    ("https://english.news.cn/x.html", ("urdupoint.com",), False),
    ("https://english.news.cn/x.html", (), False),
]


@pytest.mark.parametrize(("source", "domains", "expected"), CASES)
def test_is_primary(source: str, domains: tuple[str, ...], expected: bool) -> None:
    assert is_primary(source, domains) is expected


def test_default_applies_when_termbase_toml_says_nothing() -> None:
    assert primary_domains(TermBaseInfo()) == DEFAULT_PRIMARY_DOMAINS
    assert primary_domains(TermBaseInfo(primary_source_domains=())) == ()
    assert primary_domains(TermBaseInfo(primary_source_domains=("a.org",))) == ("a.org",)


@pytest.mark.parametrize("setting", [
    'primary-source-domains = [\n  "urdupoint.com",\n]\n',
    "primary-source-domains = []\n",
])
def test_setting_round_trips_byte_for_byte(setting: str) -> None:
    text = 'name = "t"\nsource-language = "zh-CN"\ntarget-language = "en"\n' + setting
    info, problems = canonical.loads_info(text, "termbase.toml")
    assert problems == []
    assert canonical.dumps_info(info) == text


def test_project_setting_round_trips_and_is_the_default() -> None:
    text = (GLOSSARY / canonical.INFO_FILE).read_text(encoding="utf-8")
    info, problems = canonical.loads_info(text, "termbase.toml")
    assert problems == [] and canonical.dumps_info(info) == text
    assert info.primary_source_domains == DEFAULT_PRIMARY_DOMAINS


def test_bad_setting_is_a_located_schema_error(raw_termbase) -> None:
    folder = raw_termbase({}, info='name = "t"\nprimary-source-domains = "english.news.cn"\n')
    result = api.lint(folder)
    assert result.unusable
    schema = [f for f in result.findings if f.rule == "schema"]
    assert [(f.line, f.message) for f in schema] == [
        (2, "'primary-source-domains' must be a list of non-empty strings")]


def _lint_rules(folder: Path) -> list[str]:
    return [f.rule for f in api.lint(folder).findings if f.rule == "no-primary-source"]


def test_configured_list_is_used_and_empty_list_turns_the_rule_off(raw_termbase) -> None:
    concept_file = {"a.toml": '''
        id = "a"
        sources = [
          "https://www.urdupoint.com/en/x.html",
        ]

        [[zh]]
        term = "局长"
        status = "preferred"

        [[en]]
        term = "director general"
        status = "preferred"
        '''}
    assert _lint_rules(raw_termbase(concept_file, folder="default")) == ["no-primary-source"]
    (finding,) = [f for f in api.lint(raw_termbase(concept_file, folder="lines")).findings
                  if f.rule == "no-primary-source"]
    assert finding.line == 2  # the sources line, after the id (not line 1)
    ours = 'name = "t"\nprimary-source-domains = [\n  "urdupoint.com",\n]\n'
    assert _lint_rules(raw_termbase(concept_file, info=ours, folder="ours")) == []
    off = 'name = "t"\nprimary-source-domains = []\n'
    assert _lint_rules(raw_termbase(concept_file, info=off, folder="off")) == []


def test_unverified_and_unsourced_concepts_are_left_to_other_rules(write_termbase) -> None:
    folder = write_termbase(
        concept("a", "局长", "director general", sources=("https://menafn.com/x",),
                verified=False),
        concept("b", "司长", "director general", sources=()))
    rules = [f.rule for f in api.lint(folder).findings]
    assert "no-primary-source" not in rules and "missing-source" in rules


def test_import_into_a_term_base_keeps_the_setting(tmp_path: Path, runner) -> None:
    from policyglossary.cli._app import main

    folder = tmp_path / "tb"
    (folder / "concepts").mkdir(parents=True)
    info = ('name = "t"\nsubject-fields = [\n  "sme",\n]\n'
            'primary-source-domains = [\n  "urdupoint.com",\n]\n')
    (folder / "termbase.toml").write_text(info, encoding="utf-8")
    sheet = tmp_path / "new.csv"
    sheet.write_text("zh,en,domain\n局长,director general,institution\n", encoding="utf-8")
    result = runner.invoke(main, ["import", str(sheet), "-t", str(folder)])
    assert result.exit_code == 0, result.output
    written = (folder / "termbase.toml").read_text(encoding="utf-8")
    assert 'primary-source-domains = [\n  "urdupoint.com",\n]\n' in written
    assert '"institution"' in written  # the subject field was added next to it


@pytest.mark.parametrize("setting", [("urdupoint.com", "english.*.gov.cn/en"), ()])
@pytest.mark.parametrize("fmt", ["tbx", "tbx2", "xlsx"])
def test_tbx_and_xlsx_exports_carry_the_setting(tmp_path: Path, fmt: str,
                                                 setting: tuple[str, ...]) -> None:
    from dataclasses import replace

    from policyglossary.formats import import_termbase_file

    source = api.load_termbase(GLOSSARY)
    folder = tmp_path / "tb"
    canonical.write_dir(folder, replace(source, info=replace(
        source.info, primary_source_domains=setting)))
    exported = tmp_path / f"g.{'xlsx' if fmt == 'xlsx' else 'tbx'}"
    api.export(fmt, exported, folder)
    info = import_termbase_file(exported).termbase.info
    assert info.primary_source_domains == setting


def test_exports_of_a_term_base_without_the_setting_say_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "tb"
    canonical.write_dir(folder, api.load_termbase(GLOSSARY).__class__(
        api.load_termbase(GLOSSARY).concepts[:3], TermBaseInfo(name="t")))
    data, _ = api.export("tbx", None, folder)
    assert data is not None and b"primary-source-domains" not in data
