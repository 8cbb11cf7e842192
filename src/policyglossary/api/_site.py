"""Writing a folder of files all at once: the `site` command's output.

The files are written into a new folder beside the target, which then takes the target's
place: an interrupted write leaves the old site as it was. An existing folder is replaced
only when it is empty or holds a site this toolkit wrote (it has the marker file), so that
`site -o ~/Documents` cannot wipe a folder of other things.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

from ..errors import OutputError, UsageError
from ..report.site import MARKER


def write_folder(target: Path, files: Iterable[tuple[str, bytes]]) -> int:
    """Write `files` (relative path, content) as the folder `target`; returns their count.

    Raises:
        UsageError: `target` is a file, or a folder that is neither empty nor an earlier site.
        OutputError: the folder cannot be written.
    """
    target = Path(target)
    if target.exists() and not target.is_dir():
        raise UsageError(f"{target}: is a file; site writes a folder")
    if target.is_dir() and any(target.iterdir()) and not (target / MARKER).is_file():
        raise UsageError(f"{target}: the folder is not empty and was not written by "
                         "`policyglossary site`; choose a new or empty folder")
    parent = target.parent if str(target.parent) else Path()
    try:
        parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=parent))
    except OSError as exc:
        raise OutputError(f"{target}: cannot write: {exc.strerror or exc}") from exc
    count = 0
    try:
        for name, data in files:
            path = staging / name
            if not path.resolve().is_relative_to(staging.resolve()):
                raise OutputError(f"{name}: a file outside the site's folder")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            count += 1
        os.chmod(staging, 0o755)
        if not target.exists():
            os.replace(staging, target)
        else:
            old = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".old", dir=parent))
            os.replace(target, old / "site")
            try:
                os.replace(staging, target)
            except OSError:
                os.replace(old / "site", target)  # put the earlier site back
                raise
            finally:
                shutil.rmtree(old, ignore_errors=True)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            shutil.rmtree(staging)
        if isinstance(exc, OSError):
            raise OutputError(f"{target}: cannot write: {exc.strerror or exc}") from exc
        raise
    return count
