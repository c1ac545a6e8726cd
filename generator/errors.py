"""The project's exceptions: everything raised on purpose derives from TimelineError."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Where:
    """A position in a source file: 1-based line and column, or a spreadsheet cell (`Sheet1!C14`)."""

    file: str
    line: int = 0
    column: int = 0
    cell: str = ""

    def __str__(self) -> str:
        if self.cell:
            return f"{self.file}:{self.cell}"
        if not self.line:
            return self.file
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a data file, located and explained."""

    where: Where
    path: str
    message: str
    warning: bool = False

    def __str__(self) -> str:
        field = f" {self.path}:" if self.path else ""
        kind = " warning:" if self.warning else ""
        return one_line(f"{self.where}:{kind}{field} {self.message}")


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def one_line(text: str) -> str:
    """text with line breaks and other control characters shown as escapes (\\n, \\x07), so a message stays one line."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


class TimelineError(Exception):
    """Root of every error this package raises on purpose."""


class DataError(TimelineError):
    """A data file is broken; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = [p for p in problems if not p.warning]
        self.warnings = [p for p in problems if p.warning]
        super().__init__("\n".join(str(p) for p in self.problems))

    def __reduce__(self):
        return type(self), (self.problems + self.warnings,)      # pickled whole (a forked check sends it back)


class FontError(TimelineError):
    """No usable font for some text."""


class LayoutError(TimelineError):
    """Content cannot be laid out legibly on the requested format."""


class IconError(TimelineError):
    """An icon file is missing, unsafe or cannot be read."""


class ThemeError(TimelineError):
    """A theme file is missing or broken."""


class OptionError(TimelineError):
    """A command-line option value cannot be understood (bad size, length...)."""


class RenderError(TimelineError):
    """An output could not be written."""
