"""Write outputs atomically: to a temporary file beside the target, then move it into place."""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

from generator.errors import RenderError


@contextmanager
def atomic_path(target: str | Path, keep_suffix: bool = False):
    """Yield a temporary path; on success it replaces target, on failure it is removed.

    The temporary name ends in `.part`, or with `keep_suffix` in `.part` plus the
    target's suffix, for writers that choose the format by suffix.
    """
    target = Path(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise RenderError(f"{target.parent}: cannot create the folder ({exc.strerror})") from None
    handle, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part" + (target.suffix if keep_suffix else ""),
                                  dir=target.parent)
    os.close(handle)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(temp, 0o666 & ~umask)
    try:
        yield Path(temp)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
