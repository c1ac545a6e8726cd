"""Helpers shared by the two places that fork processes to use every core: `build` and `check` (predict).

Both hand out tasks through a pipe (a task is a few bytes; a read of a pipe is atomic, so each process
takes the next task) and collect each forked process's results from a pipe of its own.
"""

from __future__ import annotations

import os
import pickle
import signal
from typing import Callable


def available_cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def drain(queue: int) -> None:
    """Empty the task queue, so no process takes another task."""
    while os.read(queue, 4096):      # the writing end is closed: an empty queue reads as the end
        pass


def stop(children: list[tuple[int, int]], signum: int | None) -> None:
    """Wait for the forked processes ((pid, read end of its results pipe) each), after sending them signum."""
    for pid, _read in children:
        if signum is not None:
            try:
                os.kill(pid, signum)
            except ProcessLookupError:
                pass
    for pid, read in children:
        try:
            os.close(read)
            os.waitpid(pid, 0)
        except OSError:
            pass


def task_queue(order: list[int]) -> int:
    """A pipe holding the task indices in the order given, two bytes each (64 KiB: a pipe's room); its read end.

    Each process takes the next task with `next_task`, so one that finishes early takes more."""
    queue_out, queue_in = os.pipe()
    os.write(queue_in, b"".join(i.to_bytes(2, "big") for i in order))
    os.close(queue_in)
    return queue_out


def next_task(queue: int) -> int | None:
    """The next task's index (an atomic read of two bytes), or None when the queue is empty."""
    taken = os.read(queue, 2)
    return int.from_bytes(taken, "big") if taken else None


def fork(count: int, work: Callable[[], tuple], queue: int | None, children: list[tuple[int, int]]) -> None:
    """`count` processes forked from this one, each sending back `work()` (a (results, failure) pair) pickled;
    a bug in one is sent back as ({}, exception), after emptying the queue (if any). They exit without cleanup
    (no atexit handlers, no finally blocks of this process's frames). Each is added to `children` as
    (pid, read end of its results pipe) as soon as it runs, so the caller can stop it if forking fails.

    A forked process dies at once of Ctrl-C, SIGTERM or SIGHUP (the default actions): this process's handlers,
    which turn them into exceptions, are not run there. The signals are held from just before the fork until
    the forked process has the default actions, so none can raise an exception of this process's handlers in
    the forked copy before it is inside `_run` (it would unwind this process's frames there: a second copy of
    the command, its cleanups removing this process's files)."""
    for _ in range(count):
        read, write = os.pipe()
        held = _hold_stops()
        try:
            try:
                pid = os.fork()
            except OSError:
                os.close(read)
                os.close(write)
                raise
            if pid == 0:
                _run(work, queue, read, write, held)        # never returns
            os.close(write)
            children.append((pid, read))
        finally:
            _release(held)


def _run(work: Callable[[], tuple], queue: int | None, read: int, write: int, held) -> None:
    """The forked process: send `work()`'s answer down `write` and exit."""
    code = 1
    try:
        for signum in _STOPS:
            signal.signal(signum, signal.SIG_DFL)
        _release(held)
        os.close(read)
        for fd in _sending:         # a process forked from a forked one: its parent's results pipe is
            os.close(fd)            # not held open (that parent's reader would wait for this one's exit)
        _sending[:] = [write]
        _exiting.clear()
        try:
            payload = work()
        except Exception as exc:        # a bug: carried back and raised in the parent
            if queue is not None:
                drain(queue)
            payload = ({}, exc)
        try:
            data = pickle.dumps(payload)
        except Exception:
            data = pickle.dumps(({}, RuntimeError(f"{type(payload[1]).__name__}: {payload[1]}")))
        with os.fdopen(write, "wb") as handle:
            handle.write(data)
        code = 0
        for child in _exiting:      # sent: now wait for the exits of its own forked processes
            try:
                os.waitpid(child, 0)
            except ChildProcessError:
                pass
    finally:
        os.closerange(0, 3)     # the caller's terminal or pipes are not held while its memory is freed
        os._exit(code)


_STOPS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))


def _hold_stops():
    """Hold the stopping signals (delivered when released); the mask to restore."""
    if hasattr(signal, "pthread_sigmask"):
        return signal.pthread_sigmask(signal.SIG_BLOCK, _STOPS)
    return None


def _release(held) -> None:
    if held is not None:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


_sending: list[int] = []        # in a forked process: the pipe its results go to
_exiting: list[int] = []        # in a forked process: its own forked processes that sent their results


def collect(pid: int, read: int, stopped: Callable[[str], Exception]) -> tuple:
    """A forked process's (results, failure), once it has exited; ({}, stopped(how)) when it sent none.

    In a forked process, results sent whole are used at once: the exit of the process that sent them (which
    frees its memory, tens of milliseconds for a layout's) is waited for after this one has sent its own."""
    with os.fdopen(read, "rb") as handle:
        data = handle.read()
    if data and _sending:
        try:
            payload = pickle.loads(data)
        except Exception:
            pass        # cut short: it stopped while sending
        else:
            _exiting.append(pid)
            return payload
    _pid, status = os.waitpid(pid, 0)
    if not data or os.waitstatus_to_exitcode(status) != 0:
        code = os.waitstatus_to_exitcode(status)
        return {}, stopped(f"signal {-code}" if code < 0 else f"exit code {code}")
    return pickle.loads(data)
