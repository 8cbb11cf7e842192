"""Deterministic benchmark workloads: term bases and bilingual files of any size.

    python benchmarks/generate.py --concepts 50000 --segments 1000000 --formats tmx,po \
        --out benchmarks/data

writes benchmarks/data/tb-50000/ (a canonical term base), tb-50000.tbx, and
seg-1000000.{tmx,po,xlf} checked against it. The same arguments always give the same bytes
(seeded random, no clock). Workload shape, after perf-notes.md (about 480 bytes per translation
unit, as policy sentences are long): Chinese sentences of common characters with 0-5 inserted
terms, 20% of segments in Traditional script; English targets
with the term rendered correctly 90% of the time (sometimes inflected or in another
admitted rendering), left out 7% and rendered by a forbidden rendering 3%.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Iterator
from pathlib import Path
from xml.sax.saxutils import escape

# Frequent Chinese characters (a slice of the common-character list, in frequency order).
CHARS = ("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也"
         "能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实"
         "加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样"
         "与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情"
         "者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级"
         "少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色"
         "光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清美再采转"
         "更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米"
         "整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验"
         "连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族")
# Numerals are left out: random text with 七 before 个 would read as numbers.
CHARS = "".join(c for c in CHARS if c not in "一二三四五六七八九十百千万两亿零")
VOWELS = "aeiou"
CONSONANTS = "bcdfghklmnprstvz"
STATUS_MIX = ("preferred", "admitted", "admitted", "forbidden")


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(CONSONANTS) + rng.choice(VOWELS)
                   for _ in range(rng.randint(2, 4))) + rng.choice(("", "n", "t", "r", "s"))


class Workload:
    def __init__(self, concepts: int, seed: int = 1) -> None:
        import opencc

        self.rng = random.Random(seed)
        self.s2t = opencc.OpenCC("s2t")
        self.char_t = {c: self.s2t.convert(c) for c in CHARS}
        self.vocabulary = sorted({_word(self.rng) for _ in range(20000)})
        self.terms: list[dict[str, object]] = []
        seen: set[str] = set()
        while len(self.terms) < concepts:
            length = self.rng.choice((3, 4, 4, 4, 5, 5, 6))
            zh = "".join(self.rng.choice(CHARS) for _ in range(length))
            if zh in seen:
                continue
            seen.add(zh)
            words = [self.rng.choice(self.vocabulary) for _ in range(self.rng.randint(1, 4))]
            preferred = " ".join(words)
            admitted = [" ".join([*words[:-1], self.rng.choice(self.vocabulary)])] \
                if self.rng.random() < 0.3 else []
            forbidden = [" ".join(self.rng.choice(self.vocabulary)
                                  for _ in range(len(words)))] if self.rng.random() < 0.4 else []
            self.terms.append({"id": f"c{len(self.terms):06d}", "zh": zh, "en": preferred,
                               "admitted": admitted, "forbidden": forbidden})

    # ------------------------------------------------------------------ term base

    def write_termbase(self, folder: Path) -> None:
        concepts = folder / "concepts"
        concepts.mkdir(parents=True, exist_ok=True)
        (folder / "termbase.toml").write_text(
            'name = "benchmark"\nsource-language = "zh-CN"\ntarget-language = "en"\n',
            encoding="utf-8")
        for term in self.terms:
            lines = [f'id = "{term["id"]}"', "verified = false", "", "[[zh]]",
                     f'term = "{term["zh"]}"', 'status = "preferred"', "", "[[en]]",
                     f'term = "{term["en"]}"', 'status = "preferred"']
            for text in term["admitted"]:  # type: ignore[attr-defined]
                lines += ["", "[[en]]", f'term = "{text}"', 'status = "admitted"']
            for text in term["forbidden"]:  # type: ignore[attr-defined]
                lines += ["", "[[en]]", f'term = "{text}"', 'status = "forbidden"',
                          'reason = "benchmark"']
            (concepts / f"{term['id']}.toml").write_text("\n".join(lines) + "\n",
                                                         encoding="utf-8")

    # ------------------------------------------------------------------ segments

    def segments(self, count: int) -> Iterator[tuple[str, str, str]]:
        rng = random.Random(count)
        for index in range(count):
            traditional = rng.random() < 0.2
            source_parts: list[str] = []
            target_parts: list[str] = []
            for _ in range(rng.choice((0, 1, 1, 2, 2, 3, 4, 5))):
                source_parts.append("".join(rng.choice(CHARS) for _ in range(rng.randint(6, 18))))
                target_parts.append(" ".join(rng.choice(self.vocabulary)
                                             for _ in range(rng.randint(4, 10))))
                term = self.terms[rng.randrange(len(self.terms))]
                source_parts.append(str(term["zh"]))
                roll = rng.random()
                if roll < 0.90:
                    admitted = term["admitted"]
                    rendering = str(admitted[0] if admitted and rng.random() < 0.15  # type: ignore[index]
                                    else term["en"])
                    if rng.random() < 0.2:
                        rendering += "s"
                    target_parts.append(rendering)
                elif roll < 0.97 or not term["forbidden"]:
                    target_parts.append(rng.choice(self.vocabulary))
                else:
                    target_parts.append(str(term["forbidden"][0]))  # type: ignore[index]
            source_parts.append("".join(rng.choice(CHARS) for _ in range(rng.randint(10, 30))))
            target_parts.append(" ".join(rng.choice(self.vocabulary)
                                         for _ in range(rng.randint(6, 16))) + ".")
            source = "".join(source_parts) + "。"
            if traditional:
                source = "".join(self.char_t.get(c) or c for c in source[:-1]) + "。"
            yield f"s{index}", source, " ".join(target_parts).capitalize()


def write_tmx(path: Path, segments: Iterator[tuple[str, str, str]]) -> None:
    with path.open("w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n'
                  '<tmx version="1.4">\n<header creationtool="generate.py" '
                  'creationtoolversion="1" segtype="sentence" o-tmf="bench" adminlang="en" '
                  'srclang="zh-CN" datatype="plaintext"/>\n<body>\n')
        for ident, source, target in segments:
            out.write(f'<tu tuid="{ident}"><tuv xml:lang="zh-CN"><seg>{escape(source)}</seg>'
                      f'</tuv><tuv xml:lang="en"><seg>{escape(target)}</seg></tuv></tu>\n')
        out.write("</body>\n</tmx>\n")


def _po_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def write_po(path: Path, segments: Iterator[tuple[str, str, str]]) -> None:
    with path.open("w", encoding="utf-8") as out:
        out.write('msgid ""\nmsgstr ""\n"Language: en\\n"\n"X-Source-Language: zh-CN\\n"\n'
                  '"Content-Type: text/plain; charset=UTF-8\\n"\n\n')
        for ident, source, target in segments:
            out.write(f"msgctxt {_po_string(ident)}\nmsgid {_po_string(source)}\n"
                      f"msgstr {_po_string(target)}\n\n")


def write_xliff(path: Path, segments: Iterator[tuple[str, str, str]]) -> None:
    with path.open("w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" '
                  'xmlns="urn:oasis:names:tc:xliff:document:1.2">\n<file original="bench" '
                  'source-language="zh-CN" target-language="en" datatype="plaintext"><body>\n')
        for ident, source, target in segments:
            out.write(f'<trans-unit id="{ident}"><source>{escape(source)}</source>'
                      f'<target state="translated">{escape(target)}</target></trans-unit>\n')
        out.write("</body></file>\n</xliff>\n")


WRITERS = {"tmx": (".tmx", write_tmx), "po": (".po", write_po), "xliff": (".xlf", write_xliff)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--concepts", type=int, default=10000)
    parser.add_argument("--segments", type=int, default=10000)
    parser.add_argument("--formats", default="tmx", help="comma-separated: tmx, po, xliff")
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "data")
    parser.add_argument("--tbx", action="store_true", help="also export the term base as TBX")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    workload = Workload(args.concepts)
    folder = args.out / f"tb-{args.concepts}"
    if not (folder / "termbase.toml").exists():
        workload.write_termbase(folder)
        print(f"wrote {folder}", file=sys.stderr)
    if args.tbx:
        from policyglossary import api

        api.export("tbx", args.out / f"tb-{args.concepts}.tbx", folder)
    for name in filter(None, args.formats.split(",")):
        suffix, writer = WRITERS[name]
        path = args.out / f"seg-{args.segments}-tb{args.concepts}{suffix}"
        if not path.exists():
            writer(path, workload.segments(args.segments))
            print(f"wrote {path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
