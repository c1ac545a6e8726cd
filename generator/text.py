"""Break text into lines (keep-all: at spaces only) and turn it into scene Text blocks."""

from __future__ import annotations

import re

from generator.fonts import FontChain
from generator.scene import Run, Text, TextLine

LEADING = 1.22
_SOFT_BREAK = re.compile(r"(?<=[·/\-–])")


def wrap(text: str, chain: FontChain, size: float, width: float) -> list[str]:
    """Break text into lines no wider than width, at spaces (Latin and Korean alike).

    A single word wider than the line is broken between characters.
    """
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines.extend(_wrap_paragraph(paragraph.split(), chain, size, width))
    return lines or [""]


def _wrap_paragraph(words: list[str], chain: FontChain, size: float, width: float) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in words:
        trial = f"{current} {word}" if current else word
        if chain.width(trial, size) <= width:
            current = trial
            continue
        if current:
            lines.append(current)
        pieces = _split_word(word, chain, size, width)
        lines.extend(pieces[:-1])
        current = pieces[-1]
    if current:
        lines.append(current)
    return lines


def _split_word(word: str, chain: FontChain, size: float, width: float) -> list[str]:
    """Break one word so each piece fits: after · / - – first, between characters last."""
    if chain.width(word, size) <= width:
        return [word]
    pieces, current = [], ""
    for part in _SOFT_BREAK.split(word):
        trial = current + part
        if current and chain.width(trial, size) > width:
            pieces.append(current)
            trial = part
        if chain.width(trial, size) > width:
            chars = _split_chars(trial, chain, size, width)
            pieces += chars[:-1]
            trial = chars[-1]
        current = trial
    return pieces + [current]


def _split_chars(word: str, chain: FontChain, size: float, width: float) -> list[str]:
    pieces, current = [], ""
    for char in word:
        if current and chain.width(current + char, size) > width:
            pieces.append(current)
            current = char
        else:
            current += char
    return pieces + [current]


def line_height(size: float) -> float:
    return size * LEADING


def block_height(count: int, size: float) -> float:
    """Height of a block of count lines."""
    return count * line_height(size) if count else 0.0


def text_block(lines: list[str], chain: FontChain, size: float, x: float, y: float, width: float,
               color: str, align: str = "left", role: str = "", lang: str = "en", context: str = "",
               link: str = "") -> Text:
    """Place already-broken lines in a box whose top-left is (x, y) and width is `width`."""
    step = line_height(size)
    pad = (step - (chain.ascent + chain.descent) * size) / 2
    built = []
    for i, line in enumerate(lines):
        runs = chain.runs(line, context)
        total = sum(face.width(part, size) for face, part in runs)
        cursor = x + {"left": 0.0, "center": (width - total) / 2, "right": width - total}[align]
        placed = []
        for face, part in runs:
            w = face.width(part, size)
            placed.append(Run(part, face.name, cursor, w))
            cursor += w
        built.append(TextLine(tuple(placed), y + i * step + pad + chain.ascent * size))
    return Text(x, y, width, block_height(len(lines), size), tuple(built), size, color, align, role, lang,
                "bold" if getattr(chain, "bold", False) else "regular", link)
