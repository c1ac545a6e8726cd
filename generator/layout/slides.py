"""Slide handouts: a deck's slides drawn small on paper, 3 a page beside note lines, or 6 a page."""

from __future__ import annotations

from generator.errors import OptionError
from generator.fonts import FontChain
from generator.layout.flow import fit_line
from generator.words import words
from generator.scene import Box, Document, Group, Line, Page, Rect
from generator.sizes import MM
from generator.style import PaperFormat, Style
from generator.text import line_height, text_block


def layout_slide_handout(deck: Document, lang: str, style: Style, fmt: PaperFormat) -> Document:
    """The deck's slides drawn small (vector groups), 3 a page beside ruled note lines, or 6 a page."""
    per_page = fmt.per_page
    if per_page not in (3, 6):
        raise OptionError(f"slides per page must be 3 or 6, not {per_page}")
    look = style.theme.slide_handout
    chain = style.fonts.chain("body", lang)
    width, height = fmt.width, fmt.height
    margin = look["margin_mm"] * MM
    size = look["text"]
    furniture = line_height(size) + 8
    body = Box(margin, margin + furniture, width - 2 * margin, height - 2 * margin - 2 * furniture)
    slides = deck.pages
    chunks = [slides[i:i + per_page] for i in range(0, len(slides), per_page)] or [()]
    pages = []
    for index, chunk in enumerate(chunks):
        items = _slide_cells(chunk, index * per_page, body, per_page, chain, look, lang)
        items += _slide_furniture(deck.title, index + 1, len(chunks), width, height, margin, chain, look, lang)
        pages.append(Page(width, height, tuple(items), title=deck.title, kind="slide-handout"))
    faces = {f.name: f for f in deck.fonts + style.fonts.faces()}
    return Document(tuple(pages), tuple(faces.values()), title=deck.title, author=deck.author,
                    subject=deck.subject, lang=lang, date=deck.date, keywords=deck.keywords)


def _slide_cells(chunk, first: int, body: Box, per_page: int, chain: FontChain, look, lang: str) -> list:
    columns = 1 if per_page == 3 else 2
    rows = 3
    gap, size, ink = look["gap"], look["text"], look["colors"]["text"]
    cell_w = (body.w - gap * (columns - 1)) / columns
    cell_h = (body.h - gap * (rows - 1)) / rows
    slide_w = cell_w * 0.62 if per_page == 3 else cell_w
    label_h = line_height(size) + 2
    items: list = []
    for k, slide in enumerate(chunk):
        cx = body.x + (k % columns) * (cell_w + gap)
        cy = body.y + (k // columns) * (cell_h + gap)
        frame = _fit(slide, Box(cx, cy + label_h, slide_w, cell_h - label_h))
        label = words(lang)["slide"].format(n=first + k + 1)
        items.append(text_block([label], chain, size, cx, cy, slide_w, ink, role="label", lang=lang))
        items += _slide_items(slide, frame, look)
        if per_page == 3:
            nx = cx + slide_w + gap
            items.append(text_block([words(lang)["notes"]], chain, size, nx, cy, cell_w - slide_w - gap, ink,
                                    role="label", lang=lang))
            items += _note_lines(Box(nx, frame.y, cell_w - slide_w - gap, frame.h), look)
    return items


def _fit(slide: Page, box: Box) -> Box:
    """The slide's frame: scaled to fit box with its aspect kept, at the box's top-left."""
    scale = min(box.w / slide.width, box.h / slide.height)
    return Box(box.x, box.y, slide.width * scale, slide.height * scale)


def _slide_items(slide: Page, frame: Box, look) -> list:
    scale = frame.w / slide.width
    colors = look["colors"]
    return [Rect(frame.x, frame.y, frame.w, frame.h, fill=colors["slide_back"], role="slide-back"),
            Group(slide, frame.x, frame.y, scale, frame),
            Rect(frame.x, frame.y, frame.w, frame.h, stroke=colors["frame"], stroke_width=look["rule"],
                 role="frame")]


def _note_lines(box: Box, look) -> list:
    """Ruled lines for notes, one every `note_step` points, inside box."""
    step = look["note_step"]
    count = int(box.h // step)
    return [Line(box.x, box.y + i * step, box.right, box.y + i * step, look["colors"]["rule"], look["rule"],
                 role="notes") for i in range(1, count + 1)]


def _slide_furniture(title: str, number: int, total: int, width: float, height: float, margin: float,
                     chain: FontChain, look, lang: str) -> list:
    inner, size, ink = width - 2 * margin, look["text"], look["colors"]["text"]
    label = words(lang)["page"].format(n=number, m=total)
    items = [text_block([label], chain, size, margin, height - margin - line_height(size), inner, ink,
                        "center", role="footer", lang=lang)]
    if title:
        items.append(text_block([fit_line(title, chain, size, inner)], chain, size, margin, margin, inner,
                                ink, role="header", lang=lang))
        y = margin + line_height(size) + 4
        items.append(Line(margin, y, width - margin, y, look["colors"]["rule"], look["rule"], role="rule"))
    return items
