"""Allow `python -m generator`; also the `timeline` command's entry point.

Ctrl-C while the command line module is still being imported exits with 130
and no traceback, like Ctrl-C anywhere later.

A command makes many short-lived objects (scenes, text runs) beside a few large tables
(parsed fonts, modules): with the collector's default first threshold (700 allocations)
its passes cost several percent of a poster's time (bench/bench_build.py). A higher
threshold keeps cycles collected, in fewer passes.
"""

import gc
import sys

GC_THRESHOLD = 10_000


def run() -> None:
    """Import the command line and run it."""
    gc.set_threshold(GC_THRESHOLD, *gc.get_threshold()[1:])
    try:
        from generator.cli import main
    except KeyboardInterrupt:
        sys.stderr.write("\ninterrupted\n")
        sys.exit(130)
    main()


if __name__ == "__main__":
    run()
