"""Read the canonical term base as it was at a git revision (for `diff HEAD~1`)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from ..errors import InputError, Problem, TermBaseError, UsageError
from ..formats import canonical
from ..model import Concept, TermBase, TermBaseInfo


def _git(args: list[str], cwd: Path, input_bytes: bytes | None = None) -> bytes:
    try:
        result = subprocess.run(["git", *args], cwd=cwd, input=input_bytes,
                                capture_output=True, check=False)
    except FileNotFoundError:
        raise UsageError("git is not installed") from None
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise UsageError(f"git {' '.join(args[:2])}: {message[-1] if message else 'failed'}")
    return result.stdout


def repository_root(start: Path) -> Path | None:
    try:
        result = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=start,
                                capture_output=True, check=False)
    except FileNotFoundError:
        return None
    if result.returncode != 0:
        return None
    return Path(result.stdout.decode().strip())


def is_revision(spec: str, cwd: Path) -> bool:
    try:
        result = subprocess.run(["git", "rev-parse", "--verify", "--quiet",
                                 f"{spec}^{{commit}}"], cwd=cwd, capture_output=True,
                                check=False)
    except FileNotFoundError:
        return False
    return result.returncode == 0


def split_range(spec: str, cwd: Path) -> tuple[str, str] | None:
    """`a..b` → (a, b); `a...b` → (merge base of a and b, b), as git diff reads them."""
    if "..." in spec:
        left, right = spec.split("...", 1)
        base = _git(["merge-base", left or "HEAD", right or "HEAD"], cwd).decode().strip()
        return base, right or "HEAD"
    if ".." in spec:
        left, right = spec.split("..", 1)
        return left or "HEAD", right or "HEAD"
    return None


def read_at_revision(revision: str, folder: Path) -> TermBase:
    """The canonical term base in `folder` (a path in the working tree) at `revision`."""
    folder = folder.resolve()
    root = repository_root(folder if folder.exists() else Path.cwd())
    if root is None:
        raise UsageError(f"{folder}: not inside a git repository")
    relative = folder.relative_to(root).as_posix()
    listing = _git(["ls-tree", "-r", "-z", "--name-only", revision, "--", f"{relative}/"], root)
    names = [n for n in listing.decode("utf-8").split("\0") if n]
    info_name = f"{relative}/{canonical.INFO_FILE}"
    concept_names = sorted(n for n in names if n.startswith(f"{relative}/{canonical.CONCEPTS_DIR}/")
                           and n.endswith(".toml"))
    if not concept_names and info_name not in names:
        raise InputError(f"{revision}:{relative}", "no canonical term base at this revision")
    wanted = ([info_name] if info_name in names else []) + concept_names
    blobs = _cat_files(revision, wanted, root)
    problems: list[Problem] = []
    info = TermBaseInfo()
    if info_name in blobs:
        info, found = canonical.loads_info(blobs[info_name], f"{revision}:{info_name}")
        problems.extend(found)
    concepts: list[Concept] = []
    for name in concept_names:
        concept, found = canonical.loads_concept(blobs[name], f"{revision}:{name}",
                                                 info.subject_fields)
        problems.extend(found)
        if concept is not None:
            concepts.append(concept)
    if problems:
        raise TermBaseError(problems)
    return TermBase(tuple(concepts), info)


def _cat_files(revision: str, names: list[str], root: Path) -> dict[str, str]:
    """Contents of many files at a revision with one `git cat-file --batch`."""
    request = "".join(f"{revision}:{name}\n" for name in names).encode("utf-8")
    output = _git(["cat-file", "--batch"], root, request)
    contents: dict[str, str] = {}
    position = 0
    for name in names:
        end = output.index(b"\n", position)
        header = output[position:end].split()
        if len(header) < 3 or header[1] != b"blob":
            raise InputError(f"{revision}:{name}", "not a file at this revision")
        size = int(header[2])
        data = output[end + 1:end + 1 + size]
        position = end + 1 + size + 1
        try:
            contents[name] = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(f"{revision}:{name}", f"not UTF-8: {exc.reason}") from None
    return contents
