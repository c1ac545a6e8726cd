"""The processes `build` and `check` fork: results come back as soon as they are sent, and none is left behind."""

from __future__ import annotations

import os
import select
import time

import pytest

from generator import forks


def _stopped(how: str) -> Exception:
    return RuntimeError(how)


def test_results_come_back_while_a_process_forked_from_the_child_still_runs():
    """A process forked from a forked one does not hold its parent's results pipe open: the results of the
    first are read as soon as it has sent them, not when the second has exited."""
    release_read, release = os.pipe()

    def grandchild():
        os.close(release)
        select.select([release_read], [], [], 15)      # runs until the test has its results (at most 15 s)
        return {}, None

    def child():
        forks.fork(1, grandchild, None, [])
        os.close(release)
        return {"sent": os.getpid()}, None

    children: list[tuple[int, int]] = []
    start = time.monotonic()
    try:
        forks.fork(1, child, None, children)
        results, failure = forks.collect(*children[0], _stopped)
    finally:
        os.close(release)
        os.close(release_read)
    assert failure is None and results["sent"] == children[0][0]
    assert time.monotonic() - start < 10       # the grandchild was still running


def test_every_forked_process_is_waited_for_and_a_stopped_one_reported():
    """A forked process collects its own forked processes' results at once and waits for their exits after
    sending its own; here every one is waited for."""
    def child():
        grandchildren: list[tuple[int, int]] = []
        forks.fork(1, lambda: ({"deep": 1}, None), None, grandchildren)
        return forks.collect(*grandchildren[0], _stopped)

    children: list[tuple[int, int]] = []
    forks.fork(1, child, None, children)
    assert forks.collect(*children.pop(), _stopped) == ({"deep": 1}, None)
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)
    forks.fork(1, lambda: os._exit(3), None, children)
    results, failure = forks.collect(*children.pop(), _stopped)
    assert results == {} and str(failure) == "exit code 3"
