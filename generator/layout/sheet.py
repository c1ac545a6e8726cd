"""The icon contact sheet: every bundled icon in a grid with its name underneath."""

from __future__ import annotations

import math
from collections.abc import Callable

from generator import scene
from generator.fonts import open_face
from generator.icons import bundled_icons, icon_paths, load_icon

Measure = Callable[[str, float], float]

INK = "#1A1A1A"
MUTED = "#555555"
CELL_FILL = "#F3F4F6"
GUIDE = "#E69F00"


def font_measure(face: scene.FontFace) -> Measure:
    """Text width in points from the font file the renderers embed (our own measurer)."""
    parsed = open_face(face.path, face.index)
    return parsed.width


def icon_sheet(columns: int = 6, cell: float = 96, *, font_face: scene.FontFace,
               measure: Measure | None = None, guides: bool = False) -> scene.Document:
    """A one-page document showing every bundled icon in a grid of square cells.

    Labels use `font_face`, measured by `measure(text, size)` (the font file itself by default).
    `guides` outlines each icon's square and its 1/24 margin, for checking drawings.
    """
    measure = measure or font_measure(font_face)
    infos = bundled_icons()
    margin = cell / 2
    title_size = cell * 0.22
    top = margin + title_size * 2
    rows = math.ceil(len(infos) / columns)
    items: list = [_label(f"Bundled icons ({len(infos)})", margin, margin, title_size, font_face,
                          measure, align_width=0)]
    for i, info in enumerate(infos):
        x, y = margin + (i % columns) * cell, top + (i // columns) * cell
        items.extend(_cell(info.name, x, y, cell, font_face, measure, guides))
    page = scene.Page(columns * cell + 2 * margin, top + rows * cell + margin, tuple(items),
                      title="Bundled icons", kind="sheet")
    return scene.Document((page,), (font_face,), title="Bundled icons")


def _cell(name: str, x: float, y: float, cell: float, face: scene.FontFace, measure: Measure,
          guides: bool) -> list:
    gap = cell * 0.06
    size = cell * 0.56
    ix, iy = x + (cell - size) / 2, y + cell * 0.1
    items: list = [scene.Rect(x + gap / 2, y + gap / 2, cell - gap, cell - gap, fill=CELL_FILL,
                              radius=cell * 0.06, role="cell")]
    if guides:
        unit = size / 24
        items.append(scene.Rect(ix, iy, size, size, stroke=GUIDE, stroke_width=max(0.5, cell / 400)))
        items.append(scene.Rect(ix + unit, iy + unit, size - 2 * unit, size - 2 * unit, stroke=GUIDE,
                                stroke_width=max(0.25, cell / 800)))
    items.extend(icon_paths(load_icon(name, None), ix, iy, size, INK, alt=name))
    text_size = _fitting_size(name, cell * 0.13, cell - 2 * gap, measure)
    items.append(_label(name, x + gap, iy + size + cell * 0.06, text_size, face, measure,
                        align_width=cell - 2 * gap))
    return items


def _fitting_size(text: str, size: float, width: float, measure: Measure) -> float:
    """The size, shrunk if needed so text fits the width."""
    wide = measure(text, size)
    return size if wide <= width else size * width / wide


def _label(text: str, x: float, y: float, size: float, face: scene.FontFace, measure: Measure,
           align_width: float) -> scene.Text:
    """One line of text with its top at y, centred in align_width (left-aligned if 0)."""
    width = measure(text, size)
    box_w = align_width or width
    left = x + (box_w - width) / 2
    ascent, descent = size * 0.95, size * 0.25
    run = scene.Run(text, face.name, left, width)
    line = scene.TextLine((run,), y + ascent)
    return scene.Text(x, y, box_w, ascent + descent, (line,), size, MUTED if align_width else INK,
                      align="center" if align_width else "left", role="label")
