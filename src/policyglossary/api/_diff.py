"""Term base diffs between paths or git revisions, and git's textconv view."""

from __future__ import annotations

from pathlib import Path

from ..errors import UsageError
from ..formats import canonical
from ..model import TermBase
from ..termbase.diff import TermBaseDiff
from ._termbase import load_termbase, termbase_path


def _load_side(spec: str | None, folder: Path) -> tuple[TermBase, str]:
    """A term base named on the diff command line: a path, else a git revision of the
    canonical term base in `folder`; None is the working tree."""
    from ..termbase.git import is_revision, read_at_revision

    if spec is None:
        return load_termbase(folder), f"{folder} (working tree)"
    path = Path(spec)
    if path.exists():
        return load_termbase(path), spec
    if is_revision(spec, Path.cwd()):
        return read_at_revision(spec, folder), f"{spec}:{folder}"
    raise UsageError(f"{spec!r} is neither a term base path nor a git revision")


def diff(old: str, new: str | None = None, termbase: str | Path | None = None) \
        -> tuple[TermBaseDiff, TermBase, TermBase]:
    """Compare two term bases (paths or git revisions; `a..b` and `a...b` ranges too).

    Returns the diff and both term bases (for `--impact`).
    """
    from ..termbase.diff import diff_termbases
    from ..termbase.git import split_range

    folder = termbase_path(termbase)
    if new is None and not Path(old).exists() and ".." in old:
        pair = split_range(old, Path.cwd())
        if pair is not None:
            old, new = pair
    old_tb, old_label = _load_side(old, folder)
    new_tb, new_label = _load_side(new, folder)
    return diff_termbases(old_tb, new_tb, old_label, new_label), old_tb, new_tb


def textconv(path: str | Path) -> str:
    """A term base file as the text git shows in diffs (see README "Git integration")."""
    from ..fsutil import read_bytes
    from ..report.diff import concept_lines

    path = Path(path)
    if path.suffix == ".toml" and path.name != canonical.INFO_FILE:
        raw = read_bytes(path).decode("utf-8", "replace")
        concept, _ = canonical.loads_concept(raw, str(path))
        if concept is None:  # show invalid files as they are, so the diff still works
            return raw
        return "\n".join(concept_lines(concept)) + "\n"
    if path.name == canonical.INFO_FILE:
        return read_bytes(path).decode("utf-8", "replace")
    termbase = load_termbase(path)
    lines: list[str] = []
    for concept in sorted(termbase, key=lambda c: c.id or c.headword):
        lines += [*concept_lines(concept), ""]
    return "\n".join(lines)
