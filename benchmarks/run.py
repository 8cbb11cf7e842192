"""Run the performance benchmarks (issues 6 and 13) and print the table for BENCHMARKS.md.

    python benchmarks/run.py                 # full: 1M-segment TMX, 50k concepts (~25 min)
    python benchmarks/run.py --quick         # smoke: 10k segments, 1k concepts (~1 min)
    python benchmarks/run.py --only tmx-1m --runs 5

Every job runs as its own process (`policyglossary` from this environment), `--runs` times;
the table shows the median wall time, the median CPU time (user + system, workers included:
steadier than wall time on a shared machine), the peak resident memory of the process tree
(sampled from /proc every 20 ms, workers included) and the largest single process (the
kernel's own maximum, from wait4). Baselines are measured in the same run, on the same files:
lxml `iterparse` of the TMX clearing each element (the issue's yardstick), polib loading the
PO file, and a bare `python -c pass`; translate-toolkit's `pofilter` (default checks) on the
PO file is the nearest open-source peer. `-pure` jobs run with POLICYGLOSSARY_PURE=1 (the
ahocorasick-rs fallback instead of the compiled matcher). Workload files are generated on first use
(benchmarks/generate.py, deterministic) into --data. Term base timings are with a warm matcher
cache; the cold build is measured once (the cache goes to a temporary folder).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


@dataclass
class Job:
    name: str
    argv: list[str]
    baseline: str | None = None
    """Name of the job whose median this one is compared with."""
    target: float | None = None
    """The issue's target as a ratio to the baseline, or as seconds when there is none."""
    note: str = ""
    env: dict[str, str] = field(default_factory=dict)
    """Extra environment variables for this job."""
    walls: list[float] = field(default_factory=list)
    cpus: list[float] = field(default_factory=list)
    trees: list[int] = field(default_factory=list)
    singles: list[int] = field(default_factory=list)


def _tree_rss(root: int) -> int:
    """Resident bytes of `root` and all its descendants, now."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", "rb") as handle:
                    fields = handle.read().rsplit(b")", 1)[1].split()
                children.setdefault(int(fields[1]), []).append(int(entry))
            except OSError:
                continue
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo.extend(children.get(pid, []))
        try:
            with open(f"/proc/{pid}/statm") as handle:
                total += int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except OSError:
            continue
    return total


@dataclass
class Sample:
    wall: float
    """Seconds."""
    tree: int
    """Peak resident bytes of the process and its children together (sampled)."""
    single: int
    """Peak resident bytes of the process itself (the kernel's maximum)."""
    code: int
    cpu: float
    """User and system seconds of the process and the children it waited for."""


def measure(argv: list[str], env: dict[str, str], allow: tuple[int, ...] = (0, 1)) -> Sample:
    """One run of `argv`; an exit status outside `allow` stops the benchmark."""
    started = time.perf_counter()
    process = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss(process.pid))
            done.wait(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    before = os.times()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    after = os.times()  # wait4's usage leaves out the grandchildren (--jobs workers)
    children = (after.children_user - before.children_user +
                after.children_system - before.children_system)
    done.set()
    sampler.join()
    stderr = process.stderr.read().decode("utf-8", "replace") if process.stderr else ""
    code = os.waitstatus_to_exitcode(status)
    if code not in allow:  # 1: findings, which the workloads are made to have
        raise SystemExit(f"{' '.join(argv)} failed with {code}:\n{stderr}")
    cpu = max(children, usage.ru_utime + usage.ru_stime)
    return Sample(wall, peak, usage.ru_maxrss * 1024, code, cpu)


def generate(data: Path, concepts: int, segments: int, formats: str) -> None:
    subprocess.run([sys.executable, str(HERE / "generate.py"), "--concepts", str(concepts),
                    "--segments", str(segments), "--formats", formats, "--out", str(data)],
                   check=True)


LXML_PARSE = """
import sys
from lxml import etree
for _, element in etree.iterparse(sys.argv[1], events=("end",), tag="tu"):
    element.clear(keep_tail=True)
    while element.getprevious() is not None:
        del element.getparent()[0]
"""
LXML_PARSE_XLIFF = LXML_PARSE.replace('tag="tu"', 'tag="{*}trans-unit"')
POLIB_LOAD = "import sys, polib; polib.pofile(sys.argv[1])"
# The floor of the design, measured: what any checker built on lxml and the term base's
# matcher pays before checking anything (the cached matcher is loaded, every source is
# matched 512 at a time by the compiled matcher, or the fallback with -pure; nothing else).
PARSE_AND_MATCH = """
import sys
from lxml import etree
from policyglossary.api import load_matcher
automaton = load_matcher(sys.argv[2])._automaton
batch = []
for _, element in etree.iterparse(sys.argv[1], events=("end",), tag="tu"):
    batch.append(element.findtext("tuv/seg") or "")
    if len(batch) == 512:
        automaton.find_many(batch)
        batch.clear()
    element.clear(keep_tail=True)
    while element.getprevious() is not None:
        del element.getparent()[0]
automaton.find_many(batch)
"""
# The floor of a check with the toolkit's own reader and fast lane: every segment read,
# normalised, matched and put through the fast lane's substring tests (which settle most
# segments), and nothing else: no locations, no consistency records, no findings, no report.
LANE_FLOOR = """
import sys
from pathlib import Path
from policyglossary.api import load_matcher
from policyglossary.checking.fastlane import quick_observation
from policyglossary.formats import open_document
from policyglossary.matching.chinese import normalize_many
matcher = load_matcher(sys.argv[2])
batch = []
def lane(batch):
    normalized = normalize_many([s.source for s in batch])
    for segment, norm, matches in zip(batch, normalized, matcher.find_matches_many(normalized)):
        quick_observation(matcher, 0, norm, matches, segment.target, segment.state)
with open_document(Path(sys.argv[1])) as doc:
    for segment in doc.segments:
        batch.append(segment)
        if len(batch) == 512:
            lane(batch)
            batch = []
lane(batch)
"""
# Our readers alone: the segments of a file as Python objects, nothing checked (the part of
# the floor of a check that is reading, in the toolkit's own reader).
READ = """
import sys
from pathlib import Path
from policyglossary.formats import open_document
with open_document(Path(sys.argv[1])) as doc:
    for _ in doc.segments:
        pass
"""


def jobs_for(data: Path, quick: bool) -> tuple[list[Job], tuple[int, int, int, str]]:
    py = sys.executable
    tool = [py, "-m", "policyglossary"]
    concepts = 1000 if quick else 50000
    small, large = (2000, 10000) if quick else (100000, 1000000)
    tb = str(data / f"tb-{concepts}")
    tmx_small = str(data / f"seg-{small}-tb{concepts}.tmx")
    tmx_large = str(data / f"seg-{large}-tb{concepts}.tmx")
    po = str(data / f"seg-{small}-tb{concepts}.po")
    xliff = str(data / f"seg-{small}-tb{concepts}.xlf")
    article_check = [*tool, "check", "-q", "-f", "json", "--termbase", tb]
    large_name = "10k" if quick else "1M"
    small_name = "2k" if quick else "100k"
    one = str(data / "one-segment.po")
    pure = {"POLICYGLOSSARY_PURE": "1"}
    pofilter = str(Path(py).parent / "pofilter")
    return [
        Job("python", [py, "-c", "pass"], note="interpreter start-up"),
        Job(f"lxml-{large_name}", [py, "-c", LXML_PARSE, tmx_large],
            note=f"baseline: lxml iterparse of the {large_name} TMX"),
        Job(f"read-{large_name}", [py, "-c", READ, tmx_large], f"lxml-{large_name}",
            note="our TMX reader alone: every segment as a Python object, nothing checked"),
        Job(f"floor-{large_name}", [py, "-c", PARSE_AND_MATCH, tmx_large, tb],
            f"lxml-{large_name}", 2.0, "floor of the design: lxml parse, load the term base, "
            "the compiled matcher over every source; no checks"),
        Job(f"floor-{large_name}-pure", [py, "-c", PARSE_AND_MATCH, tmx_large, tb],
            f"lxml-{large_name}", note="the same with the fallback automaton", env=pure),
        Job(f"lane-{large_name}", [py, "-c", LANE_FLOOR, tmx_large, tb], f"lxml-{large_name}",
            note="floor of a check in this design: our reader, the compiled matcher and the "
            "fast lane on every segment; no records, findings or report"),
        Job(f"check-{large_name}", [*article_check, tmx_large], f"lxml-{large_name}", 5.0,
            f"check the {large_name} TMX, one process, compiled matcher"),
        Job(f"check-{large_name}-j2", [*article_check, "--jobs", "2", tmx_large],
            f"lxml-{large_name}", 3.0, "the same, --jobs 2"),
        Job(f"check-{large_name}-pure", [*article_check, tmx_large], f"lxml-{large_name}",
            12.0, "the same in one process, fallback automaton (POLICYGLOSSARY_PURE=1)",
            env=pure),
        Job(f"survey-{large_name}", [*tool, "survey", "-f", "json", "--termbase", tb,
                                     tmx_large], f"check-{large_name}", 1.2,
            f"survey the {large_name} TMX (the issue: about the time a check takes)"),
        Job(f"lxml-{small_name}", [py, "-c", LXML_PARSE, tmx_small],
            note=f"baseline: lxml iterparse of the {small_name} TMX"),
        Job(f"check-{small_name}", [*article_check, tmx_small], f"lxml-{small_name}",
            note=f"check the {small_name} TMX (memory: compare with {large_name})"),
        Job(f"lxml-xliff-{small_name}", [py, "-c", LXML_PARSE_XLIFF, xliff],
            note=f"baseline: lxml iterparse of the {small_name} XLIFF 1.2"),
        Job(f"check-xliff-{small_name}", [*article_check, xliff], f"lxml-xliff-{small_name}",
            note=f"check the {small_name} XLIFF 1.2 file"),
        Job(f"polib-{small_name}", [py, "-c", POLIB_LOAD, po],
            note=f"baseline: polib loads the {small_name} PO"),
        Job(f"read-po-{small_name}", [py, "-c", READ, po], f"polib-{small_name}",
            note="our PO reader alone, nothing checked"),
        Job(f"check-po-{small_name}", [*article_check, po], f"polib-{small_name}", 2.5,
            f"check the {small_name} PO file"),
        Job(f"pofilter-po-{small_name}", [pofilter, "--progress", "none", po,
                                          str(data / "pofilter-out.po")],
            f"polib-{small_name}", note="peer: translate-toolkit's pofilter, default checks "
            "(no glossary check), on the same PO file"),
        Job("termbase-load", [*article_check, one], None, 1.0,
            f"load the {concepts}-concept term base (warm cache) and check one segment"),
        Job("help", [*tool, "--help"], None, 0.3, "policyglossary --help"),
        Job("lookup", [*tool, "lookup", "--termbase", str(ROOT / "glossary"), "双千兆"], None,
            0.3, "lookup 双千兆 in the article's term base"),
    ], (concepts, small, large, one)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small smoke workload")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--data", type=Path, default=HERE / "data")
    parser.add_argument("--only", action="append", default=[],
                        help="run only jobs whose name starts with this (repeatable)")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args(argv)
    data: Path = args.data
    data.mkdir(parents=True, exist_ok=True)
    jobs, (concepts, small, large, one) = jobs_for(data, args.quick)
    generate(data, concepts, large, "tmx")
    generate(data, concepts, small, "tmx,po,xliff")
    Path(one).write_text('msgid ""\nmsgstr ""\n"Language: en\\n"\n\nmsgid "推进双千兆网络建设"\n'
                         'msgstr "Build dual-gigabit networks."\n', encoding="utf-8")
    if args.only:
        jobs = [j for j in jobs if any(j.name.startswith(p) for p in args.only)
                or any(k.baseline == j.name and any(k.name.startswith(p) for p in args.only)
                       for k in jobs)]
    env = dict(os.environ, NO_COLOR="1")
    cold = None
    with tempfile.TemporaryDirectory() as cache:
        # the cold build of the term base's matcher, once, into an empty cache
        for job in jobs:
            if job.name == "termbase-load":
                cold = measure(job.argv, dict(env, POLICYGLOSSARY_CACHE_DIR=cache)).wall
        # every job's own matcher cache warm (the compiled and the fallback builds share it)
        for job in jobs:
            if job.name.startswith("check") and "pure" not in job.name:
                measure([*job.argv[:job.argv.index("--termbase") + 2], one],
                        dict(env, **job.env))
                break
        for run in range(args.runs):
            for job in jobs:
                sample = measure(job.argv, dict(env, **job.env))
                job.walls.append(sample.wall)
                job.cpus.append(sample.cpu)
                job.trees.append(sample.tree)
                job.singles.append(sample.single)
                print(f"run {run + 1}/{args.runs} {job.name}: {sample.wall:.2f} s, "
                      f"{sample.tree / 2**20:.0f} MB", file=sys.stderr)
    print(table(jobs, cold, concepts))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({
            "machine": machine(), "cold_termbase_build": cold,
            "jobs": [{"name": j.name, "argv": j.argv, "walls": j.walls, "cpus": j.cpus,
                      "env": j.env, "trees": j.trees,
                      "singles": j.singles, "baseline": j.baseline} for j in jobs]},
            indent=2), encoding="utf-8")
    return 0


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (f"{cpu}, {os.cpu_count()} cores, {memory:.0f} GiB, Python "
            f"{platform.python_version()}, {platform.system()} {platform.release()}")


def table(jobs: list[Job], cold: float | None, concepts: int) -> str:
    medians = {j.name: statistics.median(j.walls) for j in jobs}
    lines = [f"Machine: {machine()}", f"Runs per job: {len(jobs[0].walls)} (median shown)", "",
             "| job | what | median s | × baseline | target | CPU s | peak RSS tree MB | "
             "largest process MB |", "|---|---|---|---|---|---|---|---|"]
    for job in jobs:
        median = medians[job.name]
        ratio = target = ""
        if job.baseline and job.baseline in medians:
            ratio = f"{median / medians[job.baseline]:.2f} × {job.baseline}"
            if job.target:
                met = median / medians[job.baseline] <= job.target
                target = f"≤ {job.target} × ({'met' if met else 'not met'})"
        elif job.target:
            target = f"≤ {job.target} s ({'met' if median <= job.target else 'not met'})"
        lines.append(f"| {job.name} | {job.note} | {median:.2f} | {ratio} | {target} | "
                     f"{statistics.median(job.cpus):.2f} | {max(job.trees) / 2**20:.0f} | "
                     f"{max(job.singles) / 2**20:.0f} |")
    if cold is not None:
        lines.append("")
        lines.append(f"Cold build of the {concepts}-concept term base's matcher (empty cache, "
                     f"one run, then cached): {cold:.2f} s")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
