"""Allow `python -m generator`; also the `timeline` command's entry point.

Ctrl-C while the command line module is still being imported exits with 130
and no traceback, like Ctrl-C anywhere later.

A command makes many short-lived objects (scenes, text runs) beside a few large tables
(parsed fonts, modules): with the collector's default first threshold (700 allocations)
its passes cost several percent of a poster's time (bench/bench_build.py). A higher
threshold keeps cycles collected, in fewer passes.

A command that writes no file (`check`) ends without the interpreter's teardown, which frees
every object one by one (the parsed fonts, the layouts' caches: a tenth of a second or more for
1,000 events): its `atexit` handlers are run and the output is flushed, then the process exits.
"""

import atexit
import gc
import os
import sys
import threading

GC_THRESHOLD = 10_000


def run() -> None:
    """Import the command line and run it."""
    gc.set_threshold(GC_THRESHOLD, *gc.get_threshold()[1:])
    try:
        from generator.cli import main
    except KeyboardInterrupt:
        sys.stderr.write("\ninterrupted\n")
        sys.exit(130)
    try:
        main()
    except SystemExit as exc:
        from generator import cli
        if cli.quick_exit and threading.active_count() == 1:
            _exit(exc)
        raise


def _exit(exc: SystemExit) -> None:
    """Exit as SystemExit(exc.code) would, without freeing every object first."""
    code = exc.code
    if code is not None and not isinstance(code, int):
        raise exc       # a message to print: the interpreter's way
    atexit._run_exitfuncs()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except Exception:
        raise exc from None     # a closed pipe: the interpreter's way, with its message and exit code
    os._exit(code or 0)


if __name__ == "__main__":
    run()
