"""Allow `python -m generator`; also the `timeline` command's entry point.

Ctrl-C while the command line module is still being imported exits with 130
and no traceback, like Ctrl-C anywhere later.
"""

import sys


def run() -> None:
    """Import the command line and run it."""
    try:
        from generator.cli import main
    except KeyboardInterrupt:
        sys.stderr.write("\ninterrupted\n")
        sys.exit(130)
    main()


if __name__ == "__main__":
    run()
