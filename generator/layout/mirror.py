"""Right-to-left pages: scene items reflected across a band, without mirroring glyphs or icons.

A card in Arabic or Hebrew has its accent bar and icon on the right and its
text on the left; a legend reads from the right. Layout builds the left-to-right
arrangement and reflects it: boxes move to the mirrored position, while text
(already aligned for its direction) and icons keep their own shape.
"""

from __future__ import annotations

from dataclasses import replace

from generator.scene import Group, Image, Line, Link, Path, Rect, Text, TextLine


def mirrored(items: list, left: float, right: float) -> list:
    """The items reflected across the band from `left` to `right` (x' = left + right - x)."""
    return [_mirror(item, left + right) for item in items]


def _mirror(item, axis: float):
    if isinstance(item, (Rect, Image, Link)):
        return replace(item, x=axis - item.x - item.w)
    if isinstance(item, Text):
        return _shift_text(item, axis - item.x - item.w - item.x)
    if isinstance(item, Line):
        return replace(item, x1=axis - item.x1, x2=axis - item.x2)
    if isinstance(item, Path):
        box = item.box
        return _shift_path(item, axis - box.x - box.w - box.x)
    if isinstance(item, Group):
        return replace(item, x=axis - item.x - item.page.width * item.scale)
    return item


def _shift_text(text: Text, dx: float) -> Text:
    lines = tuple(TextLine(tuple(replace(run, x=run.x + dx) for run in line.runs), line.baseline, line.rtl)
                  for line in text.lines)
    return replace(text, x=text.x + dx, lines=lines)


def _shift_path(path: Path, dx: float) -> Path:
    if path.placed:                   # an icon: its shared outline moves with its origin
        return replace(path, origin=(path.origin[0] + dx, path.origin[1]))
    commands = tuple((c[0],) + tuple(v + dx if i % 2 == 0 else v for i, v in enumerate(c[1:])) for c in path.commands)
    return replace(path, commands=commands)
