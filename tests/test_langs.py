"""Language tags: BCP 47 casing, and which side of a file is Chinese and in which script."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from policyglossary.langs import (
    chinese_script,
    is_chinese,
    is_english,
    normalize_tag,
    primary,
    same_language,
)

# (written, normalised)
TAGS = [
    ("zh_cn", "zh-CN"), ("ZH-HANT", "zh-Hant"), ("en-us", "en-US"), ("zh-hant-tw", "zh-Hant-TW"),
    ("es-419", "es-419"), ("  en  ", "en"), ("EN_gb", "en-GB"), ("zh--CN", "zh-CN"),
    ("de-1996", "de-1996"), ("", ""), ("-", ""), ("x-klingon", "x-klingon"),
]


@pytest.mark.parametrize(("tag", "expected"), TAGS, ids=[t[0] or "empty" for t in TAGS])
def test_normalize_tag(tag: str, expected: str) -> None:
    assert normalize_tag(tag) == expected


tags = st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_ "),
               max_size=14)


@given(tags)
@example("- 0")  # a space inside a subtag was kept, then stripped the second time
@example("zh\tHant")
def test_normalising_twice_changes_nothing(tag: str) -> None:
    once = normalize_tag(tag)
    assert normalize_tag(once) == once


@given(tags)
def test_case_and_separators_do_not_matter(tag: str) -> None:
    assert normalize_tag(tag.upper().replace("-", "_")) == normalize_tag(tag.lower())


# (tag, Chinese?, English?, script when Chinese)
ROLES = [
    ("zh", True, False, "Hans"), ("zh-CN", True, False, "Hans"), ("zh_TW", True, False, "Hant"),
    ("zh-HK", True, False, "Hant"), ("zh-MO", True, False, "Hant"), ("zh-SG", True, False, "Hans"),
    ("zh-Hant", True, False, "Hant"), ("zh-Hans-HK", True, False, "Hans"),
    ("zh-Hant-CN", True, False, "Hant"), ("cmn", True, False, "Hans"),
    ("yue-HK", True, False, "Hant"), ("en", False, True, None), ("EN-us", False, True, None),
    ("ja", False, False, None), ("", False, False, None),
]


@pytest.mark.parametrize(("tag", "chinese", "english", "script"), ROLES,
                         ids=[r[0] or "empty" for r in ROLES])
def test_roles_and_scripts(tag: str, chinese: bool, english: bool, script: str | None) -> None:
    assert (is_chinese(tag), is_english(tag)) == (chinese, english)
    if script is not None:
        assert chinese_script(tag) == script


@pytest.mark.parametrize(("a", "b", "same"), [
    ("en-US", "en_gb", True), ("zh-CN", "zh-Hant", True), ("zh", "en", False),
    ("", "", False), ("ZH", "zh-TW", True),
])
def test_same_language(a: str, b: str, same: bool) -> None:
    assert same_language(a, b) == same
    assert primary(a) == primary(a.upper())
