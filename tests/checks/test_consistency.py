"""term-inconsistent and segment-inconsistent across segments and files."""

from __future__ import annotations

from dataclasses import replace

from policyglossary.checks.consistency import MAX_REPORTS
from policyglossary.model import Segment, Term

from ..conftest import concept
from .conftest import found, run

SRDI = concept("srdi", "专精特新", [
    ("specialized, refined, distinctive and innovative", "preferred"),
    ("specialized and sophisticated", "admitted")])
_miit = concept("miit", "工业和信息化部", "Ministry of Industry and Information Technology")
MIIT = replace(_miit, en=(*_miit.en, Term("MIIT", "admitted", "acronym", case_sensitive=True)))
TERMS = [SRDI, MIIT]
FULL = "specialized, refined, distinctive and innovative firms"
OTHER = "specialized and sophisticated firms"


def test_minority_rendering_is_reported_across_files() -> None:
    pairs = [("专精特新企业", FULL), ("专精特新企业。", FULL), ("专精特新的企业", OTHER)]
    findings = run(TERMS, pairs, files=3)
    inconsistent = [f for f in findings if f.rule == "term-inconsistent"]
    assert len(inconsistent) == 1
    assert inconsistent[0].file == "file3.po"
    assert inconsistent[0].term == "专精特新"
    assert 'rendered "specialized and sophisticated" here but "specialized, refined, ' \
           'distinctive and innovative" in 2 other segments' in inconsistent[0].message


def test_tie_keeps_the_term_base_order() -> None:
    findings = run(TERMS, [("专精特新企业", OTHER), ("专精特新的企业", FULL)])
    inconsistent = [f for f in findings if f.rule == "term-inconsistent"]
    assert [f.segment for f in inconsistent] == ["0"]  # the admitted one, listed second


def test_acronym_next_to_full_form_is_consistent() -> None:
    pairs = [("工业和信息化部表示", "the Ministry of Industry and Information Technology said"),
             ("工业和信息化部认为", "MIIT believes")]
    assert found(run(TERMS, pairs), "term-inconsistent") == []


def test_one_rendering_everywhere_is_consistent() -> None:
    assert found(run(TERMS, [("专精特新企业", FULL)] * 3), "term-inconsistent") == []


def test_same_source_translated_differently() -> None:
    pairs = [("稳工业关键要稳企业。", "The key to stabilizing industry is stabilizing enterprises."),
             ("稳工业关键要稳企业。", "The key to stabilizing industry is stabilizing enterprises."),
             ("稳工业关键要稳企业。", "Stable industry needs stable firms."),
             ("其他句子。", "Another sentence.")]
    findings = [f for f in run(TERMS, pairs, files=2) if f.rule == "segment-inconsistent"]
    assert len(findings) == 1
    assert findings[0].file == "file2.po" and findings[0].segment == "2"
    assert "same source as segment 0 (file1.po:1)" in findings[0].message


def test_whitespace_and_width_differences_are_not_inconsistencies() -> None:
    pairs = [("稳工业关键要稳企业。", "The key  is stable enterprises."),
             ("稳工业关键要稳企业。 ", "The key is stable enterprises.")]
    assert found(run(TERMS, pairs), "segment-inconsistent") == []


def test_untranslated_segments_are_left_out_of_segment_consistency() -> None:
    segments = [Segment("1", "稳企业。", "Stable firms."),
                Segment("2", "稳企业。", "Firms stay stable.", state="needs-review")]
    assert found(run(TERMS, segments), "segment-inconsistent") == []


def test_reports_are_capped_with_a_count() -> None:
    pairs = [("专精特新企业", FULL)] * (MAX_REPORTS + 20) + \
        [("专精特新企业", OTHER)] * (MAX_REPORTS + 5)
    inconsistent = [f for f in run(TERMS, pairs) if f.rule == "term-inconsistent"]
    assert len(inconsistent) == MAX_REPORTS
    assert inconsistent[-1].message.endswith("(and 5 more segments like this, not listed)")


def test_exempt_segment_is_not_reported_by_a_collector() -> None:
    segments = [Segment("1", "专精特新企业", FULL, line=1), Segment("2", "专精特新企业", FULL, line=2),
                Segment("3", "专精特新的企业", OTHER, line=3,
                        notes=("policyglossary: ignore term-inconsistent",))]
    assert found(run(TERMS, segments), "term-inconsistent") == []
