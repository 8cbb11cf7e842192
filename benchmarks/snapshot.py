"""Before/after comparison of everything a user sees: reports, exports, exit statuses.

    python benchmarks/snapshot.py take --bin OLD/bin/policyglossary --out /tmp/before
    python benchmarks/snapshot.py take --bin .venv/bin/policyglossary --out /tmp/after
    python benchmarks/snapshot.py compare /tmp/before /tmp/after

`take` runs a fixed list of commands (check in every report format on the seed translation,
seeded errors, every interop file and a generated workload with and without --jobs; every
export format and profile; convert to every format; lookup, lint, diff, import --dry-run,
textconv) and stores each command's stdout, stderr, exit status and written files under
--out. Inputs are copied to one fixed folder (--inputs) first, so that paths in the outputs
agree between runs; give the same --termbase (a copy of the glossary to hold still while it is
being edited elsewhere) to both runs. `compare` lists every difference; exit 1 if any.
XLSX files are compared member by member, without the creation and modification times that
openpyxl stamps into docProps/core.xml.
"""

from __future__ import annotations

import argparse
import filecmp
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHARED = ROOT.parent / "shared"

# Seeded errors a reviewer would make: (what, old, new) applied to the seed translation.
MUTATIONS = [
    ("forbidden", "dual-gigabit networks", "double gigabit networks"),
    ("missing", "specialized, refined, distinctive and innovative", "special"),
    ("number", "42%", "40%"),
    ("empty", 'msgstr "The ', 'msgstr ""\n"The '),
]


def _prepare(inputs: Path, termbase: Path, workload: int) -> dict[str, Path]:
    if inputs.exists():
        shutil.rmtree(inputs)
    inputs.mkdir(parents=True)
    shutil.copytree(termbase, inputs / "glossary")
    shutil.copytree(ROOT / "translations", inputs / "translations")
    article = (inputs / "translations" / "article.po").read_text("utf-8")
    seeded = inputs / "seeded"
    seeded.mkdir()
    for name, old, new in MUTATIONS:
        (seeded / f"{name}.po").write_text(article.replace(old, new, 1), "utf-8")
    paths = {"glossary": inputs / "glossary", "translations": inputs / "translations",
             "seeded": seeded}
    if SHARED.is_dir():
        shutil.copytree(SHARED / "interop", inputs / "interop",
                        ignore=shutil.ignore_patterns("schemas"))
        paths["interop"] = inputs / "interop"
    if workload:
        subprocess.run([sys.executable, str(HERE / "generate.py"), "--concepts", "2000",
                        "--segments", str(workload), "--formats", "tmx,po,xliff",
                        "--out", str(inputs / "bench")], check=True, stdout=subprocess.DEVNULL)
        paths["bench"] = inputs / "bench"
    return paths


def _cases(p: dict[str, Path], workload: int) -> list[tuple[str, list[str]]]:
    tb = ["-t", str(p["glossary"])]
    cases: list[tuple[str, list[str]]] = []
    for fmt in ("text", "json", "github"):
        cases.append((f"check-seed-{fmt}", ["check", *tb, "-f", fmt, str(p["translations"])]))
        for mutation in sorted(p["seeded"].iterdir()):
            cases.append((f"check-{mutation.stem}-{fmt}", ["check", *tb, "-f", fmt,
                                                           str(mutation)]))
    cases.append(("check-seeded-all-warning", ["check", *tb, "--fail-on", "warning",
                                               str(p["seeded"]), str(p["translations"])]))
    cases.append(("check-seeded-disable", ["check", *tb, "--disable", "term-missing",
                                           "--disable", "number-mismatch", str(p["seeded"])]))
    cases.append(("check-unknown-check", ["check", *tb, "--disable", "nope",
                                          str(p["translations"])]))
    cases.append(("check-missing-file", ["check", *tb, str(p["seeded"] / "nope.po")]))
    if "interop" in p:
        for folder in ("po", "tmx", "xliff"):
            for file in sorted((p["interop"] / folder).iterdir()):
                cases.append((f"check-interop-{file.name}", ["check", *tb, "-f", "json",
                                                             str(file)]))
        cases.append(("check-interop-keep-going", ["check", *tb, "-k", "-f", "json",
                                                   str(p["interop"] / "po"),
                                                   str(p["interop"] / "tmx"),
                                                   str(p["interop"] / "xliff")]))
        for folder in ("glossary", "tbx"):
            for file in sorted((p["interop"] / folder).iterdir()):
                cases.append((f"import-{file.name}", ["import", *tb, "--dry-run",
                                                      str(file)]))
                cases.append((f"termbase-{file.name}", ["check", "-t", str(file), "-f",
                                                        "json", str(p["translations"])]))
    for fmt, ext in (("tbx", "tbx"), ("tbx2", "tbx"), ("tmx", "tmx"), ("omegat", "txt"),
                     ("csv", "csv"), ("tsv", "tsv"), ("xlsx", "xlsx")):
        cases.append((f"export-{fmt}", ["export", *tb, "--to", fmt, "-o", f"@{fmt}.{ext}"]))
        cases.append((f"export-{fmt}-variants", ["export", *tb, "--to", fmt, "--zh-tag",
                                                 "zh-Hans", "--zh-variants", "zh-TW,zh-HK",
                                                 "-o", f"@{fmt}-variants.{ext}"]))
        other = "omit" if fmt in ("tbx", "tbx2", "csv", "tsv", "xlsx") else "include"
        cases.append((f"export-{fmt}-{other}", ["export", *tb, "--to", fmt, "--forbidden",
                                                other, "-o", f"@{fmt}-{other}.{ext}"]))
        if fmt in ("csv", "tsv", "xlsx"):
            for profile in ("memoq", "phrase"):
                cases.append((f"export-{fmt}-{profile}", ["export", *tb, "--to", fmt,
                                                          "--profile", profile,
                                                          "-o", f"@{fmt}-{profile}.{ext}"]))
    article = str(p["translations"] / "article.po")
    for fmt, ext in (("po", "po"), ("xliff", "xlf"), ("xliff2", "xlf"), ("tmx", "tmx"),
                     ("csv", "csv"), ("tsv", "tsv"), ("xlsx", "xlsx")):
        cases.append((f"convert-{fmt}", ["convert", *tb, article, "--to", fmt,
                                         "-o", f"@article-{fmt}.{ext}"]))
    for query in ("双千兆", "雙千兆", "double gigabit", "SMEs", "nothing-like-this"):
        for fmt in ("text", "json"):
            cases.append((f"lookup-{query}-{fmt}", ["lookup", *tb, "-f", fmt, query]))
    for fmt in ("text", "json", "github"):
        cases.append((f"lint-{fmt}", ["lint", *tb, "-f", fmt]))
    cases.append(("fmt-check", ["fmt", *tb, "--check"]))
    cases.append(("formats", ["formats"]))
    cases.append(("checks", ["checks"]))
    for fmt in ("text", "json", "markdown"):
        cases.append((f"diff-xlsx-{fmt}", ["diff", *tb, str(p["glossary"]), "@xlsx.xlsx",
                                           "-f", fmt, "--impact", str(p["seeded"])]))
        cases.append((f"diff-tbx-{fmt}", ["diff", *tb, str(p["glossary"]), "@tbx.tbx",
                                          "-f", fmt]))
    cases.append(("diff-xlsx-xlsx", ["diff", *tb, str(p["glossary"]), "@xlsx-memoq.xlsx",
                                     "-f", "xlsx", "-o", "@diff.xlsx"]))
    concept = sorted((p["glossary"] / "concepts").iterdir())[0]
    cases.append(("textconv-concept", ["textconv", str(concept)]))
    cases.append(("textconv-tbx", ["textconv", "@tbx.tbx"]))
    for fmt in ("tbx", "xlsx", "csv", "omegat", "tmx"):
        ext = {"omegat": "txt"}.get(fmt, fmt)
        cases.append((f"import-own-{fmt}", ["import", *tb, "--dry-run", f"@{fmt}.{ext}"]))
    if workload:
        bench = p["bench"]
        btb = ["-t", str(bench / "tb-2000")]
        for ext in ("tmx", "po", "xlf"):
            data = str(bench / f"seg-{workload}-tb2000.{ext}")
            cases.append((f"bench-{ext}-json", ["check", *btb, "-q", "-f", "json", data]))
            cases.append((f"bench-{ext}-j2-json", ["check", *btb, "-q", "-j", "2", "-f",
                                                   "json", data]))
        cases.append(("bench-tmx-text", ["check", *btb, "-f", "text",
                                         str(bench / f"seg-{workload}-tb2000.tmx")]))
    return cases


def take(binary: str, out: Path, inputs: Path, termbase: Path, workload: int) -> None:
    paths = _prepare(inputs, termbase, workload)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    files = inputs / "files"  # a fixed path, so that paths in the outputs agree between runs
    files.mkdir()
    env = dict(os.environ, NO_COLOR="1", POLICYGLOSSARY_CACHE_DIR="off", COLUMNS="100")
    env.pop("POLICYGLOSSARY_TERMBASE", None)
    for name, argv in _cases(paths, workload):
        argv = [str(files / a[1:]) if a.startswith("@") else a for a in argv]
        done = subprocess.run([binary, *argv], capture_output=True, env=env, cwd=inputs)
        (out / f"{name}.stdout").write_bytes(done.stdout)
        (out / f"{name}.stderr").write_bytes(done.stderr)
        (out / f"{name}.rc").write_text(f"{done.returncode}\n")
    shutil.copytree(files, out / "files")
    print(f"{len(list(out.glob('*.rc')))} commands run; outputs in {out}")


def _xlsx_members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    if "docProps/core.xml" in members:
        members["docProps/core.xml"] = re.sub(
            rb"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:\1>", b"",
            members["docProps/core.xml"])
    return members


def _info_sheet_dates(members: dict[str, bytes]) -> dict[str, bytes]:
    # The export's info sheet records when it was made: compare it without the date.
    return {name: re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)?",
                         b"<date>", data) for name, data in members.items()}


def _same(a: Path, b: Path) -> bool:
    if a.suffix == ".xlsx":
        return _info_sheet_dates(_xlsx_members(a)) == _info_sheet_dates(_xlsx_members(b))
    return filecmp.cmp(a, b, shallow=False)


def compare(before: Path, after: Path) -> int:
    names = sorted({p.relative_to(before) for p in before.rglob("*") if p.is_file()} |
                   {p.relative_to(after) for p in after.rglob("*") if p.is_file()})
    differ = [str(n) for n in names
              if not (before / n).is_file() or not (after / n).is_file()
              or not _same(before / n, after / n)]
    print(json.dumps({"compared": len(names), "different": differ}, indent=2))
    return 1 if differ else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    taking = sub.add_parser("take")
    taking.add_argument("--bin", required=True, help="the policyglossary executable to run")
    taking.add_argument("--out", type=Path, required=True)
    taking.add_argument("--inputs", type=Path, default=Path("/tmp/policyglossary-snapshot"))
    taking.add_argument("--termbase", type=Path, default=ROOT / "glossary")
    taking.add_argument("--workload", type=int, default=50000,
                        help="segments of the generated workload (0: none)")
    comparing = sub.add_parser("compare")
    comparing.add_argument("before", type=Path)
    comparing.add_argument("after", type=Path)
    args = parser.parse_args(argv)
    if args.command == "take":
        take(args.bin, args.out, args.inputs.resolve(), args.termbase.resolve(), args.workload)
        return 0
    return compare(args.before, args.after)


if __name__ == "__main__":
    sys.exit(main())
