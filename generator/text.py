"""Break text into lines and turn it into scene Text blocks, in any script and direction.

Lines break between words (keep-all: at spaces, as Korean and European text
do) or, for languages written without spaces (Japanese, Chinese, Thai), at
UAX #14 opportunities. Each line is split into runs by script and font, run
through the Unicode bidi algorithm and placed in visual order, measured after
shaping. Right-to-left languages are aligned to the right.
"""

from __future__ import annotations

import re

from generator import scripts
from generator.fonts import FontChain
from generator.scene import Run, Text, TextLine

LEADING = 1.22
_SOFT_BREAK = re.compile(r"(?<=[·/\-–])")
_MIRROR_ALIGN = {"left": "right", "right": "left", "center": "center"}


def wrap(text: str, chain: FontChain, size: float, width: float) -> list[str]:
    """Break text into lines no wider than width.

    A single word wider than the line is broken after · / - –, else between
    grapheme clusters (an emoji sequence or a Thai syllable is never cut).
    """
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines.extend(_wrap_paragraph(" ".join(paragraph.split()), chain, size, width))
    return lines or [""]


def _wrap_paragraph(paragraph: str, chain: FontChain, size: float, width: float) -> list[str]:
    lines: list[str] = []
    current = ""
    for unit in scripts.break_units(paragraph, chain.lang):
        trial = current + unit
        if chain.width(trial.rstrip(), size) <= width:
            current = trial
            continue
        if current.strip():
            lines.append(current.rstrip())
        word = unit.rstrip()
        pieces = _split_word(word, chain, size, width)
        lines.extend(pieces[:-1])
        current = pieces[-1] + unit[len(word):]
    if current.strip():
        lines.append(current.rstrip())
    return lines


def _split_word(word: str, chain: FontChain, size: float, width: float) -> list[str]:
    """Break one word so each piece fits: after · / - – first, between clusters last."""
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
    for cluster in scripts.clusters(word):
        if current and chain.width(current + cluster, size) > width:
            pieces.append(current)
            current = cluster
        else:
            current += cluster
    return pieces + [current]


def line_height(size: float) -> float:
    return size * LEADING


def block_height(count: int, size: float) -> float:
    """Height of a block of count lines."""
    return count * line_height(size) if count else 0.0


def text_block(lines: list[str], chain: FontChain, size: float, x: float, y: float, width: float,
               color: str, align: str = "left", role: str = "", lang: str = "en", context: str = "",
               link: str = "") -> Text:
    """Place already-broken lines in a box whose top-left is (x, y) and width is `width`.

    In a right-to-left language the alignment is mirrored ("left" means the
    start of the line, which is on the right).
    """
    rtl_lang = scripts.is_rtl_language(lang)
    if rtl_lang:
        align = _MIRROR_ALIGN[align]
    step = line_height(size)
    pad = (step - (chain.ascent + chain.descent) * size) / 2
    built = []
    for i, line in enumerate(lines):
        rtl = scripts.has_rtl(line) if rtl_lang else scripts.first_strong_is_rtl(line)
        built.append(_line(line, chain, size, x, width, align, rtl, y + i * step + pad + chain.ascent * size,
                           context))
    return Text(x, y, width, block_height(len(lines), size), tuple(built), size, color, align, role, lang,
                "bold" if getattr(chain, "bold", False) else "regular", link)


def _line(line: str, chain: FontChain, size: float, x: float, width: float, align: str, rtl: bool,
          baseline: float, context: str) -> TextLine:
    """One line: runs in reading order, each placed at its visual position."""
    segments = chain.segments(line, rtl, context)
    widths = [piece.width(size) for piece, _level in segments]
    total = sum(widths)
    cursor = x + {"left": 0.0, "center": (width - total) / 2, "right": width - total}[align]
    xs = [0.0] * len(segments)
    for index in scripts.visual_order([level for _piece, level in segments]):
        xs[index] = cursor
        cursor += widths[index]
    runs = tuple(Run(piece.text, piece.face_name, xs[i], widths[i], rtl=level % 2 == 1, shaped=piece.shaped,
                     synthetic_bold=piece.synthetic_bold)
                 for i, (piece, level) in enumerate(segments))
    return TextLine(runs, baseline, rtl)
