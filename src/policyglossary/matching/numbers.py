"""Numbers in Chinese sources and English targets, compared by value.

Source: Arabic numbers (42, 3.5, 1,000, 42%), with 万/亿 multipliers (3万 = 30,000); Chinese
numerals followed by a measure word (十大 → 10, 三个 → 3, 四方面 → 4); months and days
(10月 → October, 25日 → 25) and years (2024年). 一 alone is left out (usually "a"), as are
ordinals (第一) and digits inside Latin words (5G, H2O).

Target: Arabic numbers with thousands separators and decimals (and ordinal suffixes: 3rd),
optionally scaled by thousand/million/billion/trillion; number words (three, ten, twenty-one,
three hundred), ordinals (third, twenty-first) and multiplicatives (triple, tripled,
threefold); month names (October, Oct., Sept.).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
              "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN_BIG = {"万": 10_000, "亿": 100_000_000}
_CN_NUMERAL = "零〇一二两三四五六七八九十百千万亿"
# Measure words and nouns that make a preceding Chinese numeral a real quantity.
_MEASURES = ("个", "项", "大", "方面", "家", "次", "倍", "名", "批", "条", "种", "类", "所",
             "座", "位", "届", "季度", "周", "天", "年", "月", "日", "位", "件", "款", "只",
             "艘", "台", "部", "支", "轮", "期", "组", "份", "张", "场", "层", "点", "成", "元",
             "美元", "人", "户", "吨", "公里", "米", "岁", "小时", "分钟")

# Digits glued to Latin letters (5G, H2O, #391C31) are names or codes, not quantities.
# Characters without which `source_numbers` finds nothing (一 alone is never a number).
NUMBER_HINT = re.compile("[0-9二两三四五六七八九十百千万亿〇零]")
_ARABIC = re.compile(
    r"(?<![A-Za-z0-9.#])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?![A-Za-z0-9])"
    r"\s*(%|％|万亿|万|亿)?"
)
_CHINESE = re.compile(rf"(?<!第)([{_CN_NUMERAL}]+)(?=({'|'.join(_MEASURES)}))")
_MONTH_DAY = re.compile(r"(\d{1,2})\s*月|(\d{1,2})\s*日")

_WORDS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
          "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
          "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
          "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
          "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12, "single": 1,
          "double": 2, "triple": 3, "once": 1, "twice": 2, "half": 0.5}
# An ordinal renders its number (连续3个月 → "for the third consecutive month"), and so do
# multiplicatives (增长3倍 → "threefold", "tripled"; "three-fold" is "three" then "fold").
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
             "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11,
             "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
             "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
             "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60,
             "seventieth": 70, "eightieth": 80, "ninetieth": 90, "hundredth": 100,
             "thousandth": 1000}
_MULTIPLES = {"doubled": 2, "tripled": 3, "treble": 3, "trebled": 3, "quadruple": 4,
              "quadrupled": 4, "quintuple": 5, "quintupled": 5}
_FOLDS = {f"{word}fold": value for word, value in _WORDS.items() if value >= 2}
_WORDS.update(_ORDINALS)
_WORDS.update(_MULTIPLES)
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
           "trillion": 1_000_000_000_000}
_MONTHS = {"january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
           "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
           "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11,
           "nov": 11, "december": 12, "dec": 12}
_EN_TOKEN = re.compile(r"(?<![A-Za-z0-9.#])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?"
                       r"(?:st|nd|rd|th)?(?![A-Za-z0-9])|[A-Za-z]+")


@dataclass(frozen=True, slots=True)
class SourceNumber:
    value: float
    text: str
    start: int
    end: int
    month: bool = False


def chinese_numeral_value(text: str) -> int | None:
    """Value of a Chinese numeral such as 三, 十, 二十一, 三百零五, 两万, 二〇二四."""
    if not text:
        return None
    if all(ch in _CN_DIGITS for ch in text) and len(text) > 1:
        return int("".join(str(_CN_DIGITS[ch]) for ch in text))  # digit by digit: 二〇二四
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
        elif ch in _CN_UNITS:
            section += (digit if digit is not None else 1) * _CN_UNITS[ch]
            digit = None
        elif ch in _CN_BIG:
            section += digit or 0
            total += (section or 1) * _CN_BIG[ch]
            section, digit = 0, None
        else:
            return None
    return total + section + (digit or 0)


def source_numbers(text: str) -> list[SourceNumber]:
    found: list[SourceNumber] = []
    taken: list[tuple[int, int]] = []
    for match in _MONTH_DAY.finditer(text):
        month, day = match.group(1), match.group(2)
        number = int(month or day)
        if month and not 1 <= number <= 12:
            continue
        found.append(SourceNumber(number, match.group(0), match.start(), match.end(),
                                  month=bool(month)))
        taken.append((match.start(), match.end()))
    for match in _ARABIC.finditer(text):
        if any(s <= match.start() < e for s, e in taken):
            continue
        whole = match.group(1).replace(",", "")
        value = float(f"{whole}.{match.group(2)}") if match.group(2) else float(whole)
        scale = {"万": 1e4, "亿": 1e8, "万亿": 1e12}.get(match.group(3) or "", 1)
        found.append(SourceNumber(value * scale, match.group(0).strip(), match.start(),
                                  match.end()))
        taken.append((match.start(), match.end()))
    for match in _CHINESE.finditer(text):
        numeral = match.group(1)
        if numeral == "一" or any(s <= match.start() <= e for s, e in taken):
            continue
        numeral_value = chinese_numeral_value(numeral)
        if numeral_value is None:
            continue
        measure = match.group(2)
        found.append(SourceNumber(float(numeral_value), numeral + measure, match.start(),
                                  match.end() + len(measure), month=measure == "月"))
    return sorted(found, key=lambda n: n.start)


def target_values(text: str) -> tuple[set[float], set[int]]:
    """(numeric values, month numbers) mentioned in an English target."""
    values: set[float] = set()
    months: set[int] = set()
    tokens = list(_EN_TOKEN.finditer(text))
    pending: float | None = None  # a number that a following scale word may multiply
    for match in tokens:
        word = match.group(0).lower()
        if match.group(1) is not None:
            whole = match.group(1).replace(",", "")
            number = float(f"{whole}.{match.group(2)}") if match.group(2) else float(whole)
            values.add(number)
            if 1 <= number <= 12 and number.is_integer():
                months.add(int(number))
            pending = number
            continue
        if word in _SCALES and pending is not None:
            pending *= _SCALES[word]
            values.add(pending)
            continue
        value = _word_value(word)
        if value is not None:
            number = float(value)
            if pending is not None and pending >= 20 and number < 10 and \
                    text[match.start() - 1] == "-":
                number += pending  # twenty-one
            values.add(number)
            pending = number
            continue
        if word in _MONTHS:
            months.add(_MONTHS[word])
        if word not in ("and", "a"):
            pending = None
    return values, months


def _word_value(word: str) -> float | None:
    """The number an English word names: a number word, an ordinal, or "-fold" on one."""
    value = _WORDS.get(word)
    if value is None and word.endswith("fold"):
        value = _FOLDS.get(word) or _SCALES.get(word[:-4])
    return value


def missing_numbers(source: str, target: str,
                    skip: list[tuple[int, int]] | None = None) -> list[SourceNumber]:
    """Numbers of `source` (outside the `skip` spans) that `target` does not mention."""
    numbers = [n for n in source_numbers(source)
               if not any(s <= n.start < e for s, e in skip or ())]
    if not numbers:
        return []
    values, months = target_values(target)
    missing = []
    for number in numbers:
        if number.month and int(number.value) in months:
            continue
        if number.value in values:
            continue
        missing.append(number)
    return missing
