"""The processes `build` and `check` fork: results come back as soon as they are sent, and none is left behind."""

from __future__ import annotations

import os
import select
import signal
import time

import pytest

from generator import forks, output


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


_kill_at_fork = []      # while it holds a signal number, every forked process sends it to itself while forking


def _signal_during_fork():
    if _kill_at_fork:
        os.kill(os.getpid(), _kill_at_fork[0])


os.register_at_fork(after_in_child=_signal_during_fork)


@pytest.fixture
def our_handlers():
    """The command's handlers, which turn SIGTERM and SIGHUP into an exception (Ctrl-C is KeyboardInterrupt)."""
    before = {signum: signal.getsignal(signum) for signum in (signal.SIGTERM, signal.SIGHUP)}
    output.install_signal_handlers()
    yield
    for signum, handler in before.items():
        signal.signal(signum, handler)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP])
def test_a_stop_signal_kills_a_forked_process_without_running_this_process_handlers(our_handlers, signum):
    """A forked process stopped by the command (or by Ctrl-C on the terminal) dies of the signal; this
    process's handlers would raise an exception there that unwinds this process's frames in the copy."""
    children: list[tuple[int, int]] = []
    forks.fork(1, lambda: (time.sleep(30), ({}, None))[1], None, children)
    pid, read = children.pop()
    time.sleep(0.2)
    os.kill(pid, signum)
    os.close(read)
    _pid, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == -signum


def test_a_signal_while_forking_is_held_until_the_forked_process_has_the_default_action(our_handlers, capfd):
    """A SIGTERM that reaches the forked process while it is being forked (before its code runs) is not
    handled by this process's handler there (no 'Exception ignored', no exception escaping the fork): the
    process dies of it once the default action is set."""
    children: list[tuple[int, int]] = []
    _kill_at_fork.append(signal.SIGTERM)
    try:
        for _ in range(20):
            forks.fork(1, lambda: ({"ran": True}, None), None, children)
    finally:
        _kill_at_fork.clear()
    codes = []
    for pid, read in children:
        os.close(read)
        codes.append(os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))
    assert codes == [-signal.SIGTERM] * 20
    assert "Terminated" not in capfd.readouterr().err
