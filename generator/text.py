"""Break text into lines and turn it into scene Text blocks, in any script and direction.

Lines break between words (keep-all: at spaces, as Korean and European text
do) or, for languages written without spaces (Japanese, Chinese, Thai), at
UAX #14 opportunities. Each line is split into runs by script and font, run
through the Unicode bidi algorithm and placed in visual order, measured after
shaping. Right-to-left languages are aligned to the right.
"""

from __future__ import annotations

import math
import re

from generator import markup, scripts
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
    memo = getattr(chain, "wrapped", None)       # a FontChain remembers what it wrapped (fitting tries again)
    key = (text, size, width)
    if memo is not None and key in memo:
        return list(memo[key])
    lines: list[str] = []
    for paragraph in text.split("\n"):
        paragraph = " ".join(paragraph.split())
        most = _width_at_most(paragraph, chain, size)
        if most is not None and most <= width:     # every line tried is a piece of it, and fits: one line
            lines.append(paragraph)
            continue
        lines.extend(_wrap_paragraph(paragraph, chain, size, width))
    lines = lines or [""]
    if memo is not None:
        if len(memo) > 20000:
            memo.clear()
        memo[key] = list(lines)
    return lines


# A relative margin for the bounds below: far more than the rounding of the sums they stand for.
_MARGIN = 1e-9


def _width_at_most(paragraph: str, chain: FontChain, size: float) -> float | None:
    """A width no piece of the paragraph exceeds at size (`chain.width`), or None if not known."""
    known = getattr(chain, "at_most", None)        # a FontChain remembers it per paragraph (wrapped again at
    if known is None:                              # other sizes and widths)
        em = _em_at_most(paragraph, chain)
    elif paragraph in known:
        em = known[paragraph]
    else:
        if len(known) > 20000:
            known.clear()
        em = known[paragraph] = _em_at_most(paragraph, chain)
    return None if em is None else em * size * (1 + _MARGIN)


def _em_at_most(paragraph: str, chain: FontChain) -> float | None:
    """`_width_at_most` at size 1."""
    bounds = getattr(chain, "em_bounds", None)
    if not paragraph or bounds is None:
        return None
    ems = bounds(paragraph)
    if ems is None:
        return None
    scale, extra = chain.width_terms(paragraph)
    return (sum(ems) + extra) * scale


def lines_at_most(text: str, chain: FontChain, size: float, width: float) -> int | None:
    """At most how many lines `wrap(text, chain, size, width)` gives, found without wrapping; None if not known.

    Wrapping is greedy: a line ends only when the next unit (a word and its spaces) does not fit after it. When
    every unit fits a line of its own (none is broken), each line but a paragraph's last and the word after it
    are wider together than the line, so with E the paragraph's whole em, m its widest word's and R the em a
    line holds, (lines - 1) * R < E + (lines - 1) * m: lines <= 1 + E / (R - m). Ems are the characters' most
    (`FontChain.em_bounds`), R the least any line may hold (`FontChain.width_terms`).
    """
    bounds = getattr(chain, "em_bounds", None)
    if bounds is None:
        return None
    total = 0
    for paragraph in text.split("\n"):
        paragraph = " ".join(paragraph.split())
        if not paragraph:
            continue
        ems = bounds(paragraph)
        if ems is None:
            return None
        scale, extra = chain.width_terms(paragraph)
        room = width / (scale * size) - extra
        whole = sum(ems)
        widest, at = 0.0, 0
        for unit in scripts.break_units(paragraph, chain.lang):
            word = len(unit.rstrip())
            widest = max(widest, sum(ems[at:at + word]))
            at += len(unit)
        margin = _MARGIN * (whole + abs(room) + 1.0)
        if widest + margin >= room:      # a word might not fit a line of its own: it would be broken
            return None
        total += 1 + math.floor((whole + margin) / (room - widest - margin))
    return max(total, 1)


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


# --- summaries with inline markup ------------------------------------------------

Style = tuple[bool, bool, str]          # bold, italic, url
_PLAIN: Style = (False, False, "")


class MarkedLine(str):
    """A broken line of marked-up text: a str of the text readers see, with its styled spans.

    Layout keeps lines as strings (counts them, splits them between slides); `text_block`
    draws a MarkedLine's bold and italic spans in their faces and links its linked words.
    """

    spans: tuple[markup.Span, ...]

    def __new__(cls, spans: tuple[markup.Span, ...]) -> "MarkedLine":
        line = super().__new__(cls, "".join(s.text for s in spans))
        line.spans = spans
        return line

    def __reduce__(self):            # lines travel to the worker processes with their spans
        return (MarkedLine, (self.spans,))


def wrap_marked(text: str, chain: FontChain, size: float, width: float) -> list[str]:
    """`wrap` for text with **bold**, *italic* and [links](url): bold and italic words are measured
    in their own faces. Lines with marks are MarkedLines; text without marks wraps as `wrap` does."""
    if not markup.has_markup(text):
        return wrap(text, chain, size, width)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        chars, styles = _collapsed(markup.spans(paragraph))
        lines.extend(_wrap_styled(chars, styles, chain, size, width))
    return lines or [""]


def _collapsed(spans: list[markup.Span]) -> tuple[str, list[Style]]:
    """The paragraph's characters with runs of white space made one space and the ends trimmed, as
    `wrap` does, and each character's style."""
    chars: list[str] = []
    styles: list[Style] = []
    for span in spans:
        style = (span.bold, span.italic, span.url)
        for char in span.text:
            if char.isspace():
                if not chars or chars[-1] == " ":
                    continue
                char = " "
            chars.append(char)
            styles.append(style)
    while chars and chars[-1] == " ":
        chars.pop()
        styles.pop()
    return "".join(chars), styles


def _wrap_styled(text: str, styles: list[Style], chain: FontChain, size: float, width: float) -> list[str]:
    def measure(start: int, end: int) -> float:
        while end > start and text[end - 1] == " ":
            end -= 1
        total, at = 0.0, start
        while at < end:
            stop = at
            while stop < end and styles[stop] == styles[at]:
                stop += 1
            bold, italic, _url = styles[at]
            total += chain.styled(bold, italic).width(text[at:stop], size)
            at = stop
        return total

    ranges: list[tuple[int, int]] = []
    start = at = 0
    for unit in scripts.break_units(text, chain.lang):
        end = at + len(unit)
        if measure(start, end) <= width:
            at = end
            continue
        if start < at:
            ranges.append((start, at))
        word_end = at + len(unit.rstrip())
        pieces = _split_styled(text, at, word_end, measure, width)
        ranges.extend(pieces[:-1])
        start, at = pieces[-1][0], end
    if text[start:at].strip():
        ranges.append((start, at))
    return [_marked(text, styles, s, e) for s, e in ranges]


def _split_styled(text: str, start: int, end: int, measure, width: float) -> list[tuple[int, int]]:
    """One word's pieces that each fit: after · / - – first, between clusters last."""
    if measure(start, end) <= width:
        return [(start, end)]
    cuts = [start + m.end() for m in _SOFT_BREAK.finditer(text[start:end]) if 0 < m.end() < end - start]
    cluster_cuts, at = [], start
    for cluster in scripts.clusters(text[start:end]):
        at += len(cluster)
        cluster_cuts.append(at)
    pieces, begin, last = [], start, start
    for cut in sorted(set(cuts + cluster_cuts)):
        if cut > begin and measure(begin, cut) > width and last > begin:
            pieces.append((begin, last))
            begin = last
        if cut in cuts or cut == end or measure(begin, cut) <= width:
            last = cut
    return pieces + [(begin, end)]


def _marked(text: str, styles: list[Style], start: int, end: int) -> str:
    """The line text[start:end] (trailing spaces dropped): a MarkedLine if any of it is styled."""
    while end > start and text[end - 1] == " ":
        end -= 1
    if all(style == _PLAIN for style in styles[start:end]):
        return text[start:end]
    spans, at = [], start
    while at < end:
        stop = at
        while stop < end and styles[stop] == styles[at]:
            stop += 1
        bold, italic, url = styles[at]
        spans.append(markup.Span(text[at:stop], bold, italic, url))
        at = stop
    return MarkedLine(tuple(spans))


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


def text_box(lines: list[str], chain: FontChain, size: float, x: float, y: float, width: float,
             color: str, align: str = "left", role: str = "", lang: str = "en", context: str = "",
             link: str = "") -> Text:
    """`text_block`'s Text without its lines: the same box, size and colour, for a layout that only needs its
    decisions (`timeline check`). Each line is split into its faces' pieces as `text_block` splits it, so a
    character no installed font has fails here as it fails there."""
    for line in lines:
        if isinstance(line, MarkedLine):
            for span in line.spans:
                chain.styled(span.bold, span.italic).pieces(span.text, context)
        else:
            chain.drawable(line, context)
    if scripts.is_rtl_language(lang):
        align = _MIRROR_ALIGN[align]
    return Text(x, y, width, block_height(len(lines), size), (), size, color, align, role, lang,
                "bold" if getattr(chain, "bold", False) else "regular", link)


def _line(line: str, chain: FontChain, size: float, x: float, width: float, align: str, rtl: bool,
          baseline: float, context: str) -> TextLine:
    """One line: runs in reading order, each placed at its visual position."""
    if isinstance(line, MarkedLine):
        return _marked_line(line, chain, size, x, width, align, rtl, baseline, context)
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


def _marked_line(line: MarkedLine, chain: FontChain, size: float, x: float, width: float, align: str,
                 rtl: bool, baseline: float, context: str) -> TextLine:
    """A line with bold, italic and linked spans: each span in its own chain's faces."""
    segments = []
    for span in line.spans:
        styled = chain.styled(span.bold, span.italic)
        segments += [(piece, level, span) for piece, level in styled.segments(span.text, rtl, context)]
    widths = [piece.width(size) for piece, _level, _span in segments]
    total = sum(widths)
    cursor = x + {"left": 0.0, "center": (width - total) / 2, "right": width - total}[align]
    xs = [0.0] * len(segments)
    for index in scripts.visual_order([level for _piece, level, _span in segments]):
        xs[index] = cursor
        cursor += widths[index]
    runs = []
    for i, (piece, level, span) in enumerate(segments):
        face = piece.face
        runs.append(Run(piece.text, piece.face_name, xs[i], widths[i], rtl=level % 2 == 1, shaped=piece.shaped,
                        synthetic_bold=piece.synthetic_bold or (span.bold and face is not None and not face.bold),
                        bold=span.bold, italic=span.italic,
                        synthetic_italic=span.italic and face is not None and not face.italic, url=span.url))
    return TextLine(tuple(runs), baseline, rtl)
