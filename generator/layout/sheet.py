"""The icon contact sheet: every icon the style holds, in a grid with its name underneath."""

from __future__ import annotations

import math

from generator import scene
from generator.icons import icon_paths
from generator.style import Style
from generator.text import text_block


def icon_sheet(style: Style, columns: int = 6, cell: float = 96, guides: bool = False) -> scene.Document:
    """A one-page document showing every icon of the style (by name) in a grid of square cells.

    Colours come from the theme's `sheet` section; labels are set in the body font.
    `guides` outlines each icon's square and its 1/24 margin, for checking drawings.
    """
    colors = style.theme.sheet["colors"]
    chain = style.fonts.chain("body")
    names = sorted(style.icons)
    margin = cell / 2
    title_size = cell * 0.22
    top = margin + title_size * 2
    rows = math.ceil(len(names) / columns)
    width, height = columns * cell + 2 * margin, top + rows * cell + margin
    title = f"Bundled icons ({len(names)})"
    items: list = [scene.Rect(0, 0, width, height, fill=colors["background"], role="background"),
                   text_block([title], chain, title_size, margin, margin, chain.width(title, title_size) + 1,
                              colors["ink"], role="label")]
    for i, name in enumerate(names):
        x, y = margin + (i % columns) * cell, top + (i // columns) * cell
        items.extend(_cell(style, name, x, y, cell, guides))
    page = scene.Page(width, height, tuple(items), title="Bundled icons", kind="sheet")
    return scene.Document((page,), style.fonts.faces(), title="Bundled icons")


def _cell(style: Style, name: str, x: float, y: float, cell: float, guides: bool) -> list:
    colors = style.theme.sheet["colors"]
    chain = style.fonts.chain("body")
    gap = cell * 0.06
    size = cell * 0.56
    ix, iy = x + (cell - size) / 2, y + cell * 0.1
    items: list = [scene.Rect(x + gap / 2, y + gap / 2, cell - gap, cell - gap, fill=colors["cell"],
                              radius=cell * 0.06, role="cell")]
    if guides:
        unit = size / 24
        items.append(scene.Rect(ix, iy, size, size, stroke=colors["guide"], stroke_width=max(0.5, cell / 400)))
        items.append(scene.Rect(ix + unit, iy + unit, size - 2 * unit, size - 2 * unit, stroke=colors["guide"],
                                stroke_width=max(0.25, cell / 800)))
    items.extend(icon_paths(style.icon(name), ix, iy, size, colors["ink"], alt=name))
    width = cell - 2 * gap
    text_size = _fitting_size(name, cell * 0.13, width, chain)
    top = iy + size + cell * 0.06
    items.append(text_block([name], chain, text_size, x + gap, top, width, colors["muted"], "center",
                            role="label"))
    return items


def _fitting_size(text: str, size: float, width: float, chain) -> float:
    """The size, shrunk if needed so text fits the width."""
    wide = chain.width(text, size)
    return size if wide <= width else size * width / wide * 0.999
