"""The one writer for every output file (PDF, PPTX, PNG, YAML, JSON).

Every output goes through `atomic_path` (or `write_bytes` / `write_text`), which:

- refuses to write onto an input of the run (the data file, an icon, the theme, a
  font, the template): compared with `os.path.samefile`, so links and other spellings
  of the same file are caught;
- refuses targets that are not regular files (folders, devices, FIFOs, sockets);
- writes through a symlink to the file it points to (the link stays a link);
- writes to a temporary file in the target's folder (random name, created
  exclusively), fsyncs it and atomically replaces the target, so the earlier file
  stays whole on any failure; the temporary file is removed on every exit path
  (with `install_signal_handlers`, also on SIGTERM and SIGHUP);
- holds a lock on the target's folder while it writes, and removes temporary files
  of its own naming that killed runs left there.

A build holds the folder lock for all its outputs (`folder_lock`), so a second build
into the same folder waits for the first instead of mixing their files.
"""

from __future__ import annotations

import contextvars
import os
import re
import signal
import stat
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterable

from generator.errors import RenderError

try:
    import fcntl
except ImportError:  # Windows: no advisory locks; the atomic replace still holds
    fcntl = None

TEMP_SUFFIX = ".part"
# `.NAME.XXXXXXXX.part` or `.NAME.XXXXXXXX.part.SUFFIX`: what mkstemp makes below.
_TEMP_NAME = re.compile(r"^\..+\.[a-z0-9_]{8}\.part(\.[A-Za-z0-9]{1,8})?$")

# Inputs of the running build: (role, path) pairs, set with `protecting`.
_INPUTS: contextvars.ContextVar[tuple[tuple[str, Path], ...]] = contextvars.ContextVar("inputs", default=())
# Called with a message when a folder lock is busy and the writer waits for it.
on_wait: Callable[[str], None] | None = None


# --- inputs ------------------------------------------------------------------------


@contextmanager
def protecting(inputs: Iterable[tuple[str, str | Path]]):
    """Within the block, refuse to write onto any of these (role, path) inputs."""
    added = tuple((role, Path(path)) for role, path in inputs if path)
    token = _INPUTS.set(_INPUTS.get() + added)
    try:
        yield
    finally:
        _INPUTS.reset(token)


def _same(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)


def check_target(target: str | Path, inputs: Iterable[tuple[str, str | Path]] = ()) -> Path:
    """The file to write for target (a symlink's destination); refuse unsafe targets.

    Raises RenderError if target is an input of the run or exists as anything but a
    regular file.
    """
    target = Path(target)
    real = Path(os.path.realpath(target)) if target.is_symlink() else target
    try:
        info = os.stat(real)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise RenderError(f"{target}: cannot write here ({exc.strerror})") from None
    if info is not None:
        if stat.S_ISDIR(info.st_mode):
            raise RenderError(f"{target}: is a folder; give a file name to write")
        if not stat.S_ISREG(info.st_mode):
            raise RenderError(f"{target}: is not a regular file (a device, FIFO or socket); refusing to write to it")
        for role, path in tuple(_INPUTS.get()) + tuple((r, Path(p)) for r, p in inputs if p):
            if _same(real, path):
                raise RenderError(f"{target}: is the {role} this command reads; refusing to overwrite it"
                                  " (choose another output name)")
    return real


# --- the folder lock ---------------------------------------------------------------

_LOCKS: dict[tuple[int, int], list] = {}   # (dev, ino) of a folder -> [fd, depth]
_LOCKS_GUARD = threading.RLock()


@contextmanager
def folder_lock(folder: str | Path):
    """Hold an exclusive lock on folder (created if missing); re-entrant within the process.

    A second process that wants the same folder waits, after calling `on_wait`. Taking
    the lock removes stale temporary files of killed runs; processes forked while it is
    held share it (and never clean up each other's files).
    """
    folder = Path(folder)
    _make_folder(folder)
    if fcntl is None:
        yield
        return
    with _LOCKS_GUARD:
        fd = os.open(folder, os.O_RDONLY)
        info = os.fstat(fd)
        key = (info.st_dev, info.st_ino)
        held = _LOCKS.get(key)
        if held is not None:
            os.close(fd)
            held[1] += 1
        else:
            try:
                _acquire(fd, folder)
            except BaseException:
                os.close(fd)
                raise
            held = _LOCKS[key] = [fd, 1]
            clean_stale(folder)   # nobody else writes here now (a forked worker inherits the lock)
    try:
        yield
    finally:
        with _LOCKS_GUARD:
            held[1] -= 1
            if held[1] == 0:
                del _LOCKS[key]
                os.close(held[0])   # closing the descriptor releases the lock


def _acquire(fd: int, folder: Path) -> None:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return
    except BlockingIOError:
        pass
    except OSError:
        return  # a file system without locks: go on unlocked
    if on_wait is not None:
        on_wait(f"{folder}: another timeline command is writing into this folder; waiting for it to finish")
    fcntl.flock(fd, fcntl.LOCK_EX)


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise RenderError(f"{folder}: is a file, not a folder") from None
    except OSError as exc:
        raise RenderError(f"{folder}: cannot create the folder ({exc.strerror})") from None


def clean_stale(folder: Path) -> list[Path]:
    """Remove temporary files of this writer's naming that killed runs left in folder.

    Call only while holding the folder's lock: then no live writer owns them.
    """
    removed = []
    try:
        names = os.listdir(folder)
    except OSError:
        return removed
    uid = os.geteuid() if hasattr(os, "geteuid") else None
    for name in names:
        if not _TEMP_NAME.match(name):
            continue
        path = folder / name
        try:
            info = os.lstat(path)
            if (stat.S_ISREG(info.st_mode) or stat.S_ISLNK(info.st_mode)) and (uid is None or info.st_uid == uid):
                path.unlink()
                removed.append(path)
        except OSError:
            continue
    return removed


# --- writing -----------------------------------------------------------------------


@contextmanager
def atomic_path(target: str | Path, keep_suffix: bool = False, inputs: Iterable[tuple[str, str | Path]] = ()):
    """Yield a temporary path to write; on success it replaces target, on failure it is removed.

    The temporary name is `.NAME.XXXXXXXX.part` (random), or with `keep_suffix`
    `.part` plus the target's suffix, for writers that choose the format by suffix.
    Raises RenderError for a refused target or a failed write (the target is untouched).
    """
    target = Path(target)
    _make_folder(target.parent)
    real = check_target(target, inputs)
    folder = real.parent
    with folder_lock(folder):
        real = check_target(target, inputs)
        suffix = TEMP_SUFFIX + (real.suffix if keep_suffix else "")
        try:
            handle, name = tempfile.mkstemp(prefix=f".{real.name}.", suffix=suffix, dir=folder)
        except OSError as exc:
            raise RenderError(f"{target}: cannot write ({exc.strerror})") from None
        os.close(handle)
        temp = Path(name)
        try:
            yield temp
            _finish(temp, real)
        except OSError as exc:
            temp.unlink(missing_ok=True)
            raise RenderError(f"{target}: cannot write ({exc.strerror or exc})") from None
        except BaseException:
            temp.unlink(missing_ok=True)
            raise


def _finish(temp: Path, real: Path) -> None:
    """Give temp the target's permissions, flush it to disk and move it over the target."""
    try:
        mode = stat.S_IMODE(os.stat(real).st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    os.chmod(temp, mode)
    fd = os.open(temp, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(temp, real)
    _sync_folder(real.parent)


def _sync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_bytes(target: str | Path, data: bytes, inputs: Iterable[tuple[str, str | Path]] = ()) -> None:
    """Write data to target through the atomic writer."""
    with atomic_path(target, inputs=inputs) as temp:
        with open(temp, "wb") as handle:
            handle.write(data)


def write_text(target: str | Path, text: str, inputs: Iterable[tuple[str, str | Path]] = ()) -> None:
    """Write text as UTF-8 to target through the atomic writer."""
    write_bytes(target, text.encode("utf-8"), inputs)


# --- signals -----------------------------------------------------------------------


class Terminated(BaseException):
    """Raised in the main thread on SIGTERM or SIGHUP, so every `finally` runs."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def install_signal_handlers() -> None:
    """Turn SIGTERM and SIGHUP into `Terminated`, so temporary files are removed (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        return

    def handler(signum, frame):
        raise Terminated(signum)

    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), handler)
