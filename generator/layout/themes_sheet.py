"""The theme sample sheet: one page per theme with its name, colours, markers and a poster drawn small."""

from __future__ import annotations

from generator.layout.marks import marker
from generator.scene import Box, Document, Group, Page, Rect
from generator.sizes import MM
from generator.style import Style
from generator.text import block_height, text_block, wrap

PAGE = (420 * MM, 297 * MM)       # A3 landscape
SWATCHES = ("background", "text", "muted", "header_background", "header_text", "axis", "card", "card_border")


def themes_sheet(samples: list[tuple[Style, Document]], page_style: Style) -> Document:
    """A page per (style, its poster of the sample data): name, description, swatches, markers, the poster."""
    pages = tuple(_page(style, poster, page_style) for style, poster in samples)
    faces = {f.name: f for _style, poster in samples for f in poster.fonts}
    faces.update({f.name: f for f in page_style.fonts.faces()})
    return Document(pages, tuple(faces.values()), title="Themes")


def _page(style: Style, poster: Document, page_style: Style) -> Page:
    width, height = PAGE
    margin = 12 * MM
    ink, muted = page_style.color("text"), page_style.color("muted")
    bold, body = page_style.fonts.chain("heading"), page_style.fonts.chain("body")
    theme = style.theme
    items: list = [Rect(0, 0, width, height, fill=page_style.color("background"), role="background")]
    y = margin
    items.append(text_block([theme.name], bold, 22, margin, y, width - 2 * margin, ink, role="title"))
    y += block_height(1, 22)
    lines = wrap(theme.description or "", body, 11, width - 2 * margin)
    items.append(text_block(lines, body, 11, margin, y, width - 2 * margin, muted, role="subtitle"))
    y += block_height(len(lines), 11) + 4 * MM
    x, size = margin, 9.0
    for key in SWATCHES:
        color = theme.colors[key]
        items.append(Rect(x, y, 10 * MM, 10 * MM, fill=color, stroke=page_style.color("card_border"),
                          stroke_width=0.5, role="swatch"))
        label = f"{key} {color}"
        items.append(text_block([label], body, size, x, y + 11 * MM, 44 * MM, muted, role="swatch-label"))
        x += 47 * MM
    y += 11 * MM + block_height(1, size) + 3 * MM
    x = margin
    for index, color in enumerate(theme.palette):
        shape = theme.markers[index % len(theme.markers)]
        items.append(marker(shape, x, y, 8 * MM, color, "legend"))
        x += 11 * MM
    y += 12 * MM
    art = poster.pages[0]
    box = Box(margin, y, width - 2 * margin, height - margin - y)
    scale = min(box.w / art.width, box.h / art.height)
    frame = Box(box.x, box.y, art.width * scale, art.height * scale)
    items.append(Group(art, frame.x, frame.y, scale, frame))
    items.append(Rect(frame.x, frame.y, frame.w, frame.h, stroke=page_style.color("card_border"), stroke_width=0.5,
                      role="frame"))
    return Page(width, height, tuple(items), title=theme.name, kind="theme-sample")
