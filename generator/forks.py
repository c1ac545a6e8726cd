"""Helpers shared by the two places that fork processes to use every core: `build` and `check` (predict).

Both hand out tasks through a pipe (a task is a few bytes; a read of a pipe is atomic, so each process
takes the next task) and collect each forked process's results from a pipe of its own.
"""

from __future__ import annotations

import os


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
