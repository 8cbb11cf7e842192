"""Fuzz every reader: mutated real files must give a result or the toolkit's own error.

    python benchmarks/fuzz.py --minutes 10             # all readers, seeds from ../shared
    python benchmarks/fuzz.py --minutes 2 --only tmx,xlsx --seed 7

Seeds are the interop corpus (../shared/interop: TMX, TBX, XLIFF, PO and glossary files
written by other tools), the project's own term base and translation, and files this toolkit
writes in every format. Each round takes a seed, applies a few random mutations (bit flips,
byte runs deleted, duplicated or moved, truncation, markup-ish tokens inserted: "<", "&",
"]]>", "<!DOCTYPE", quotes, a NUL, a BOM, invalid UTF-8) and reads the result with every
reader that could be handed such a file: as a bilingual document (all segments consumed) and
as a term base. Anything other than a `PolicyGlossaryError` is a finding: the input is saved
to --out with the traceback, and the run goes on. A reader that takes longer than --slow
seconds on one input is reported too (a hang in the making).

Exit status: 0 when nothing was found, 1 otherwise. Deterministic for a given --seed.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import random
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from policyglossary.errors import PolicyGlossaryError
from policyglossary.formats import FORMATS, ReadOptions, open_document

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHARED = ROOT.parent / "shared" / "interop"

TOKENS = [b"<", b">", b"&", b"&amp;", b"&#0;", b"&#x110000;", b"]]>", b"<![CDATA[",
          b"<!DOCTYPE x [<!ENTITY e 'x'>]>", b"<!--", b"\"", b"'", b"\0", b"\xef\xbb\xbf",
          b"\xff\xfe", b"\xc3\x28", b"\xed\xa0\x80", b"\r", b"\n\n", b"\t", b",", b'"",',
          b"msgid ", b"msgstr[0] ", b"#, fuzzy\n", b"PK\x03\x04", b"\\", b"\\x", b"=cmd|",
          b"<tu>", b"</tu>", b"<seg>", b"</source>", b"<bpt id='1'>", b"<ec startRef='9'/>",
          "雙千兆".encode(), "专精特新".encode("gb18030")]


def seeds() -> list[tuple[str, bytes]]:
    """(suffix, bytes) of every seed file."""
    found: list[tuple[str, bytes]] = []
    if SHARED.is_dir():
        for path in sorted(SHARED.rglob("*")):
            if path.is_file() and path.suffix.lower() in {
                    ".tmx", ".tbx", ".xlf", ".xliff", ".po", ".csv", ".tab", ".txt",
                    ".xlsx"} and "schemas" not in path.parts:
                found.append((path.suffix.lower(), path.read_bytes()))
    found.append((".po", (ROOT / "translations" / "article.po").read_bytes()))
    found.extend(own_files())
    return found


def own_files() -> list[tuple[str, bytes]]:
    """The project's term base and translation written in every format we write."""
    from policyglossary import api
    from policyglossary.formats import get

    files: list[tuple[str, bytes]] = []
    termbase = api.load_termbase(ROOT / "glossary")
    for name in ("tbx", "tbx2", "xlsx", "csv", "tsv", "tmx", "omegat"):
        spec = get(name)
        buffer = io.BytesIO()
        from policyglossary.formats import WriteOptions

        spec.termbase_writer()(buffer, termbase, WriteOptions())
        files.append(((spec.extensions or (".tbx",))[0], buffer.getvalue()))
    with open_document(ROOT / "translations" / "article.po", ReadOptions()) as doc:
        segments = list(doc.segments)
    from policyglossary.model import BilingualDoc

    for name in ("xliff", "xliff2", "tmx", "xlsx", "csv", "tsv"):
        spec = get(name)
        buffer = io.BytesIO()
        spec.doc_writer()(buffer, BilingualDoc(iter(segments), "zh-CN", "en"),
                                   WriteOptions(source_lang="zh-CN", target_lang="en"))
        files.append(((spec.extensions or (".xlf",))[0], buffer.getvalue()))
    return files


def mutate(data: bytes, rng: random.Random) -> bytes:
    buffer = bytearray(data)
    for _ in range(rng.choice((1, 1, 2, 3, 5, 8))):
        if not buffer:
            buffer.extend(rng.choice(TOKENS))
            continue
        at = rng.randrange(len(buffer))
        kind = rng.randrange(7)
        if kind == 0:
            buffer[at] ^= 1 << rng.randrange(8)
        elif kind == 1:
            del buffer[at:at + rng.randint(1, 64)]
        elif kind == 2:
            buffer[at:at] = rng.choice(TOKENS)
        elif kind == 3:
            size = rng.randint(1, 256)
            buffer[at:at] = buffer[at:at + size] * rng.randint(1, 4)
        elif kind == 4:
            del buffer[at:]
        elif kind == 5:
            size = rng.randint(1, 128)
            piece = buffer[at:at + size]
            del buffer[at:at + size]
            where = rng.randrange(len(buffer) + 1)
            buffer[where:where] = piece
        else:
            buffer[at] = rng.randrange(256)
    return bytes(buffer)


Reader = Callable[[Path], object]


def readers_for(suffix: str) -> list[tuple[str, Reader]]:
    """Every way the toolkit may read a file with this suffix: by detection, and as each
    format that claims the suffix, as a document and as a term base."""
    from policyglossary.formats import import_termbase_file

    found: list[tuple[str, Reader]] = []
    for spec in FORMATS.values():
        if suffix not in spec.extensions and not (suffix == ".xlf" and spec.name == "xliff2") \
                and not (suffix == ".tbx" and spec.name == "tbx2"):
            continue
        if spec.read_doc:
            def read_doc(path: Path, name: str = spec.name) -> object:
                with open_document(path, ReadOptions(), str(path), name) as doc:
                    return sum(1 for _ in doc.segments)
            found.append((f"{spec.name} document", read_doc))
        if spec.read_termbase:
            def read_tb(path: Path, name: str = spec.name) -> object:
                return import_termbase_file(path, ReadOptions(), name)
            found.append((f"{spec.name} term base", read_tb))
    return found


def run(minutes: float, seed: int, out: Path, only: set[str], slow: float) -> int:
    rng = random.Random(seed)
    corpus = seeds()
    if only:
        corpus = [(s, d) for s, d in corpus
                  if any(s.lstrip(".") in name or name in s for name in only)]
    deadline = time.monotonic() + minutes * 60
    rounds, findings = 0, 0
    kinds: Counter[str] = Counter()
    with tempfile.TemporaryDirectory() as folder:
        while time.monotonic() < deadline:
            suffix, original = rng.choice(corpus)
            data = mutate(original, rng)
            path = Path(folder) / f"input{suffix}"
            path.write_bytes(data)
            for name, reader in readers_for(suffix):
                started = time.monotonic()
                try:
                    reader(path)
                except PolicyGlossaryError:
                    kinds["clear error"] += 1
                except Exception:
                    findings += 1
                    report(out, name, suffix, data, traceback.format_exc())
                else:
                    kinds["read"] += 1
                took = time.monotonic() - started
                if took > slow:
                    findings += 1
                    report(out, name, suffix, data, f"slow: {took:.1f} s\n")
            rounds += 1
    print(f"{rounds} inputs, {sum(kinds.values())} reads ({kinds['read']} read, "
          f"{kinds['clear error']} clear errors), {findings} findings"
          + (f" in {out}" if findings else ""))
    return 1 if findings else 0


def report(out: Path, reader: str, suffix: str, data: bytes, text: str) -> None:
    out.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha1(data).hexdigest()[:12]
    (out / f"{digest}{suffix}").write_bytes(data)
    (out / f"{digest}.txt").write_text(f"reader: {reader}\n{text}", encoding="utf-8")
    last = text.strip().splitlines()[-1] if text.strip() else text
    print(f"finding: {reader} on {digest}{suffix}: {last}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=HERE / "results" / "fuzz")
    parser.add_argument("--only", default="", help="comma-separated suffixes or formats")
    parser.add_argument("--slow", type=float, default=5.0,
                        help="seconds after which one read counts as a finding")
    args = parser.parse_args(argv)
    return run(args.minutes, args.seed, args.out, set(filter(None, args.only.split(","))),
               args.slow)


if __name__ == "__main__":
    sys.exit(main())
