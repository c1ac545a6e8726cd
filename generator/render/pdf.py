"""Draw scene Documents with the ReportLab canvas: vector art, embedded subset fonts, links."""

from __future__ import annotations

import io
from contextlib import contextmanager
from dataclasses import dataclass
from fnmatch import fnmatch
from functools import lru_cache
from weakref import WeakKeyDictionary

from reportlab.lib.colors import HexColor as _hex_color
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.lib.abag import ABag
from reportlab.pdfbase.ttfonts import TTEncoding, TTFont, shapeFragWord
from reportlab.rl_config import ttfAsciiReadable, unShapedFontGlob
from reportlab.pdfgen.canvas import FILL_EVEN_ODD, FILL_NON_ZERO, Canvas

from generator import scripts
from generator.errors import RenderError
from generator.fonts import FEATURES, font_file
from generator.output import atomic_path
from generator.render import print_copy, unknown_primitive
from generator.render.emoji import emoji_picture
from generator.sizes import user_unit
from generator.scene import BOLD_STROKE, OBLIQUE, Document, bounds, Group, Image, Line, Link, Page, Path, Rect, Text, TextLine

_REGISTERED: dict[str, str] = {}


@lru_cache(maxsize=256)
def HexColor(value: str):
    """ReportLab's colour for "#RRGGBB", made once per colour (the canvas only reads it)."""
    return _hex_color(value)


@dataclass(frozen=True)
class _Frame:
    """Maps scene points (y down) to PDF user space (y up) in the current transform."""

    ox: float
    oy: float

    def x(self, x: float) -> float:
        return self.ox + x

    def y(self, y: float) -> float:
        return self.oy - y


def register_fonts(doc: Document) -> None:
    """Register each TrueType face with ReportLab once per process."""
    for face in doc.fonts:
        if _REGISTERED.get(face.name) != face.path:
            pdfmetrics.registerFont(_tt_font(face.name, face.path, face.index))
            _REGISTERED[face.name] = face.path


class _Font(TTFont):
    """A TTFont whose shaped glyphs without a character get a code from their glyph id alone.

    ReportLab gives such a glyph (a conjunct, a ligature) the next free private-use
    character in the order glyphs are first met in the process, and that character is
    written in the PDF's ToUnicode map: a document's bytes then depended on what the same
    process drew before (a build's handout before its poster). U+E000 + glyph id is the
    same in every process; past the BMP's private-use area (fonts of over 6,400 glyphs)
    or where the font maps that character itself, ReportLab's own choice is kept.
    """

    def hbFont(self, fontSize=10):
        font = super().hbFont(fontSize)
        self.hbAddPrivate = self._add_private
        return font

    def _add_private(self, name, gid, advance):
        face = self.face
        uchar = 0xE000 + gid
        if uchar > 0xF8FF or face.charToGlyph.get(uchar, gid) != gid:
            return self._TTFont__addPrivate(name, gid, advance)
        if uchar not in face.charToGlyph:
            face.charToGlyph[uchar] = gid
            face.glyphToChar.setdefault(gid, []).append(uchar)
            face.charWidths[uchar] = advance
        return uchar


def _tt_font(name: str, path: str, index: int) -> TTFont:
    """What TTFont(name, path, subfontIndex=index) makes, on the face the measurer already parsed."""
    font = _Font.__new__(_Font)
    font.fontName = name
    font.face = font_file(path, index)
    font.encoding = TTEncoding()
    font.state = WeakKeyDictionary()
    font._asciiReadable = ttfAsciiReadable
    font.shapable = not any(fnmatch(name, glob) for glob in unShapedFontGlob)
    return font


def render_pdf(doc: Document, path) -> None:
    """Write doc as a PDF at path (atomically); same input, same bytes."""
    with atomic_path(path) as temp, open(temp, "wb") as handle:
        _draw(doc, handle)       # our own handle: closed even when a write fails (ReportLab leaves its own open)


def pdf_bytes(doc: Document) -> bytes:
    """The bytes render_pdf would write, in memory (for previews)."""
    buffer = io.BytesIO()
    _draw(doc, buffer)
    return buffer.getvalue()


def _draw(doc: Document, target) -> None:
    register_fonts(doc)
    first = doc.fonts[0].name if doc.fonts else None
    canvas = Canvas(target, invariant=1, pageCompression=1, initialFontName=first,
                    initialFontSize=10, lang=doc.lang)
    canvas._timeline_text_font = first
    canvas.setTitle(doc.title)
    canvas.setAuthor(doc.author)
    canvas.setSubject(doc.subject)
    canvas.setCreator("timeline-generator")
    canvas.setKeywords(", ".join(doc.keywords))
    for page in doc.pages:
        _page(canvas, page)
    canvas.save()


def _page(canvas: Canvas, page: Page) -> None:
    """One page: media box = trim + 2 * (bleed + slug); past the PDF page limit, in larger user units."""
    out = page.bleed + page.slug
    media_w, media_h = page.width + 2 * out, page.height + 2 * out
    unit = page_unit(page)
    canvas.setPageSize((media_w / unit, media_h / unit))
    if out:
        canvas.setTrimBox(tuple(v / unit for v in (out, out, out + page.width, out + page.height)))
        bleed = page.slug
        canvas.setBleedBox(tuple(v / unit for v in (bleed, bleed, media_w - bleed, media_h - bleed)))
    if unit > 1:
        canvas.scale(1 / unit, 1 / unit)        # everything is drawn in points, then shrunk by the unit
    _items(canvas, page.items, _Frame(out, media_h - out))
    canvas.showPage()
    if unit > 1:
        _set_user_unit(canvas, unit)


def page_unit(page: Page) -> int:
    """The PDF UserUnit of the page's media box (1 within the PDF page limit of 14,400 units a side)."""
    out = page.bleed + page.slug
    return user_unit(max(page.width, page.height) + 2 * out)


def _set_user_unit(canvas: Canvas, unit: int) -> None:
    """Give the page just finished a /UserUnit (PDF 1.6): its boxes count `unit` points each."""
    page = canvas._doc.Pages.pages[-1]
    page.__NoDefault__ = [*type(page).__NoDefault__, "UserUnit"]
    page.UserUnit = unit
    canvas._doc._pdfVersion = max(canvas._doc._pdfVersion, (1, 6))


def _items(canvas: Canvas, items, frame: _Frame, links: bool = True) -> None:
    """Draw items; `links` is False inside Form XObjects, which cannot hold annotations."""
    for item in _icon_runs(items):
        if isinstance(item, tuple):
            _icon(canvas, item, frame)
            continue
        draw = DRAW.get(type(item))
        if draw is None:
            raise unknown_primitive(PdfRenderer.name, item)
        if isinstance(item, Link):
            if links:
                draw(canvas, item, frame)
            continue
        draw(canvas, item, frame)
        if links and isinstance(item, Text):
            for link in _text_links(item):
                _link(canvas, link, frame)


def _icon_runs(items):
    """The items, with each run of placed, filled paths of one use (an icon) as one tuple."""
    run: list[Path] = []
    for item in items:
        if isinstance(item, Path) and item.placed and item.fill and not item.stroke:
            if run and (run[0].origin, run[0].scale, run[0].fill) != (item.origin, item.scale, item.fill):
                yield tuple(run)
                run = []
            run.append(item)
            continue
        if run:
            yield tuple(run)
            run = []
        yield item
    if run:
        yield tuple(run)


def _text_links(text: Text) -> list[Link]:
    """The text's own link (the whole block) and those over its linked words."""
    own = [Link(text.x, text.y, text.w, text.h, text.link)] if text.link else []
    return own + text.run_links()


def _rect(canvas: Canvas, r: Rect, f: _Frame) -> None:
    if r.opacity < 1:
        canvas.saveState()
    if r.fill:
        canvas.setFillColor(HexColor(r.fill))
    if r.stroke:
        canvas.setStrokeColor(HexColor(r.stroke))
        canvas.setLineWidth(r.stroke_width)
    if r.opacity < 1:                   # after the colours: setting a colour resets the alpha
        canvas.setFillAlpha(r.opacity)
        canvas.setStrokeAlpha(r.opacity)
    fill, stroke = int(bool(r.fill)), int(bool(r.stroke and r.stroke_width))
    if r.radius:
        canvas.roundRect(f.x(r.x), f.y(r.y + r.h), r.w, r.h, r.radius, stroke=stroke, fill=fill)
    else:
        canvas.rect(f.x(r.x), f.y(r.y + r.h), r.w, r.h, stroke=stroke, fill=fill)
    if r.opacity < 1:
        canvas.restoreState()


def _line(canvas: Canvas, line: Line, f: _Frame) -> None:
    canvas.setStrokeColor(HexColor(line.color))
    canvas.setLineWidth(line.width)
    canvas.setDash(list(line.dash) or [])
    canvas.line(f.x(line.x1), f.y(line.y1), f.x(line.x2), f.y(line.y2))
    if line.dash:
        canvas.setDash([])


def _path(canvas: Canvas, shape: Path, f: _Frame) -> None:
    p = canvas.beginPath()
    _trace(p, shape.page_commands(), f)
    if shape.fill:
        canvas.setFillColor(HexColor(shape.fill))
    if shape.stroke:
        canvas.setStrokeColor(HexColor(shape.stroke))
        canvas.setLineWidth(shape.stroke_width)
    mode = FILL_EVEN_ODD if shape.fill_rule == "evenodd" else FILL_NON_ZERO
    canvas.drawPath(p, stroke=int(bool(shape.stroke)), fill=int(bool(shape.fill)), fillMode=mode)


def _icon(canvas: Canvas, paths: tuple[Path, ...], f: _Frame) -> None:
    """One use of an icon: its outlines, stored once per file as a Form XObject, placed and filled."""
    name = _icon_form(canvas, paths)
    (ox, oy), scale = paths[0].origin, paths[0].scale
    canvas.saveState()
    canvas.setFillColor(HexColor(paths[0].fill))     # the form paints in the colour it is used with
    canvas.transform(scale, 0, 0, -scale, f.x(ox), f.y(oy))
    canvas.doForm(name)
    canvas.restoreState()


def _icon_form(canvas: Canvas, paths: tuple[Path, ...]) -> str:
    """The name of the Form XObject holding these outlines (in their own units, y down), made on first use."""
    forms = canvas.__dict__.setdefault("_timeline_icon_forms", {})
    key = tuple((id(p.commands), p.fill_rule) for p in paths)
    if key not in forms:
        name = f"icon{len(forms) + 1}"
        boxes = [bounds(p.commands) for p in paths]
        x0, y0 = min(b[0] for b in boxes), min(b[1] for b in boxes)
        x1, y1 = max(b[0] + b[2] for b in boxes), max(b[1] + b[3] for b in boxes)
        pad = max(x1 - x0, y1 - y0, 1e-6) * 0.01
        canvas.beginForm(name, lowerx=x0 - pad, lowery=y0 - pad, upperx=x1 + pad, uppery=y1 + pad)
        for shape in paths:
            outline = canvas.beginPath()
            _trace(outline, shape.commands, None)
            mode = FILL_EVEN_ODD if shape.fill_rule == "evenodd" else FILL_NON_ZERO
            canvas.drawPath(outline, stroke=0, fill=1, fillMode=mode)
        canvas.endForm()
        forms[key] = (name, tuple(p.commands for p in paths))     # keeps the commands (and so their ids) alive
    return forms[key][0]


def _trace(outline, commands, f: _Frame | None) -> None:
    """Add path commands to a ReportLab path, mapping points through the frame's x() and y() (if any).

    Written out per command: icons and shapes have many points.
    """
    move, line, curve, close = outline.moveTo, outline.lineTo, outline.curveTo, outline.close
    if f is None:
        ops = {"M": move, "L": line, "C": curve, "Z": close}
        for c in commands:
            ops[c[0]](*c[1:])
        return
    ox, oy = f.ox, f.oy          # f.x(v) is ox + v, f.y(v) is oy - v
    for c in commands:
        op = c[0]
        if op == "C":
            curve(ox + c[1], oy - c[2], ox + c[3], oy - c[4], ox + c[5], oy - c[6])
        elif op == "L":
            line(ox + c[1], oy - c[2])
        elif op == "M":
            move(ox + c[1], oy - c[2])
        elif op == "Z":
            close()
        else:
            raise KeyError(op)


def _text(canvas: Canvas, text: Text, f: _Frame) -> None:
    canvas.setFillColor(HexColor(text.color))
    for line in text.lines:
        for run in line.runs:
            if run.emoji:
                with _actual_text(canvas, run.text):
                    _emoji(canvas, run, line.baseline, text.size, f)
            elif run.synthetic_italic:
                with _oblique(canvas, f.y(line.baseline)):
                    _run(canvas, run, line, text, f)
            else:
                _run(canvas, run, line, text, f)


@contextmanager
def _oblique(canvas: Canvas, y: float):
    """Slant what is drawn inside about the baseline at height y: a synthetic italic."""
    canvas.saveState()
    canvas.transform(1, 0, OBLIQUE, 1, -OBLIQUE * y, 0)
    yield
    canvas.restoreState()


def _run(canvas: Canvas, run, line: TextLine, text: Text, f: _Frame) -> None:
    """One run; right-to-left runs are shaped by HarfBuzz, which lays them out right to left."""
    try:
        canvas.setFont(run.face, text.size)
    except KeyError:
        raise RenderError(f'the font "{run.face}" is not one of the document\'s fonts') from None
    value = run.text
    if run.rtl and not scripts.has_strong_rtl(value):
        value = scripts.mirrored_reverse(value)       # neutrals only: HarfBuzz would read them left to right
    mode = None
    if run.synthetic_bold:
        canvas.setStrokeColor(HexColor(text.color))
        canvas.setLineWidth(text.size * BOLD_STROKE)
        mode = 2
    if value != run.text:           # mirrored neutrals: extraction gets them as written
        with _actual_text(canvas, run.text + "\u200f"):
            canvas.drawString(f.x(run.x), f.y(line.baseline), value, mode=mode)
        return
    if not run.shaped:
        canvas.drawString(f.x(run.x), f.y(line.baseline), value, mode=mode)
        return
    # ReportLab's own HarfBuzz shaping (drawString's shaping flag needs rlbidi, which we do not use)
    shaped = shape_text(value, run.face, text.size)
    if not hasattr(shaped, "__shapeData__"):        # shaping changed nothing
        canvas.drawString(f.x(run.x), f.y(line.baseline), shaped, mode=mode)
        return
    x = run.x
    for start, end, chars in _clusters(shaped, value, run.rtl):
        piece = shaped[start:end]
        with _actual_text(canvas, chars):
            canvas.drawString(f.x(x), f.y(line.baseline), piece, mode=mode)
        x += sum(d.x_advance for d in piece.__shapeData__) * text.size / 1000


def shape_text(value: str, face: str, size: float):
    """ReportLab's HarfBuzz shaping of value (a ShapedStr), with HarfBuzz's default features.

    ReportLab's shapeStr also turns on discretionary ligatures (dlig), which other
    programs leave off; layout measures with the same FEATURES.
    """
    word = [pdfmetrics.stringWidth(value, face, size), (ABag(fontName=face, fontSize=size), value)]
    return shapeFragWord(word, features=FEATURES)[1][1]


def _clusters(shaped, logical: str, rtl: bool):
    """(first glyph, end glyph, characters) per glyph cluster, in drawing order.

    Each cluster is drawn inside an ActualText span naming its characters, so text
    extraction gets letters, not contextual forms; a mark (no advance) stays with its
    base. Poppler reorders the characters of a right-to-left span as it reorders glyphs,
    so a ligature's characters (lam-alef) are given in display order there.
    """
    data = shaped.__shapeData__
    starts = sorted({d.cluster for d in data})
    following = {c: (starts[i + 1] if i + 1 < len(starts) else len(logical)) for i, c in enumerate(starts)}
    groups: list[list[int]] = []            # [first glyph, end glyph, lowest cluster, cluster end]
    first = 0
    for i in range(1, len(data) + 1):
        if i == len(data) or data[i].cluster != data[first].cluster:
            cluster = data[first].cluster
            groups.append([first, i, cluster, following[cluster], sum(d.x_advance for d in data[first:i])])
            first = i
    merged: list[list] = []
    pending = None                          # right to left: a mark comes before its base
    for group in groups:
        if pending is not None:
            group = [pending[0], group[1], min(pending[2], group[2]), max(pending[3], group[3]), group[4]]
            pending = None
        if group[4] == 0 and rtl:
            pending = group
        elif group[4] == 0 and merged:
            last = merged[-1]
            merged[-1] = [last[0], group[1], min(last[2], group[2]), max(last[3], group[3]), last[4]]
        else:
            merged.append(group)
    if pending is not None:
        merged.append(pending)
    for first, end, low, high, _advance in merged:
        chars = logical[low:high]
        if rtl and len(chars) > 1:
            chars = chars[::-1]
        elif rtl and not scripts.has_strong_rtl(chars):
            chars += "\u200f"          # a neutral (":", "(") in right-to-left text reads with it
        yield first, end, chars


@contextmanager
def _actual_text(canvas: Canvas, value: str):
    canvas.addLiteral(f"/Span <</ActualText {_pdf_text(value)}>> BDC")
    yield
    canvas.addLiteral("EMC")


def _emoji(canvas: Canvas, run, baseline: float, size: float, f: _Frame) -> None:
    """A colour emoji picture; ReportLab stores each distinct picture once per file."""
    picture = emoji_picture(run.text)
    left, top, w, h = (v * size for v in picture.box)
    canvas.drawImage(ImageReader(picture.image), f.x(run.x + left), f.y(baseline + top + h), w, h, mask="auto")
    font = canvas.__dict__.get("_timeline_text_font")
    space = pdfmetrics.stringWidth(" ", font, size) if font else 0
    if space:       # an invisible space as wide as the emoji carries its ActualText, for extraction
        t = canvas.beginText(f.x(run.x), f.y(baseline))
        t.setTextRenderMode(3)
        t.setFont(font, size)
        t.setHorizScale(100 * run.width / space)
        t.textOut(" ")
        t.setHorizScale(100)
        t.setTextRenderMode(0)
        canvas.drawText(t)


def _pdf_text(value: str) -> str:
    """A PDF text string in UTF-16BE hex, for any characters."""
    return "<FEFF" + value.encode("utf-16-be").hex().upper() + ">"


def _image(canvas: Canvas, image: Image, f: _Frame) -> None:
    source = print_copy(image.source, image.w, image.h)
    canvas.drawImage(source, f.x(image.x), f.y(image.y + image.h), image.w, image.h, mask="auto")


def _link(canvas: Canvas, link: Link, f: _Frame) -> None:
    if not link.url:        # a link to another slide: only the deck itself carries those
        return
    rect = (f.x(link.x), f.y(link.y + link.h), f.x(link.x + link.w), f.y(link.y))
    canvas.linkURL(link.url, rect, relative=1, thickness=0)


def _group(canvas: Canvas, group: Group, f: _Frame) -> None:
    """Draw another page's items, scaled and clipped; a page drawn twice is one Form XObject."""
    canvas.saveState()
    if group.clip is not None:
        c = group.clip
        clip = canvas.beginPath()
        clip.rect(f.x(c.x), f.y(c.y + c.h), c.w, c.h)
        canvas.clipPath(clip, stroke=0, fill=0)
    canvas.translate(f.x(group.x), f.y(group.y))
    canvas.scale(group.scale, group.scale)
    canvas.doForm(_form(canvas, group.page))
    canvas.restoreState()
    for item in group.page.items:
        if isinstance(item, Link):
            _group_link(canvas, item, group, f)
        elif isinstance(item, Text):
            for link in _text_links(item):
                _group_link(canvas, link, group, f)


def _form(canvas: Canvas, page: Page) -> str:
    """The name of a Form XObject holding page's items, made on first use in this canvas."""
    forms = canvas.__dict__.setdefault("_timeline_forms", {})
    key = id(page)
    if key not in forms:
        name = f"page{len(forms) + 1}"
        out = page.bleed + page.slug
        canvas.beginForm(name, lowerx=-out, lowery=-page.height - out, upperx=page.width + out, uppery=out)
        _items(canvas, page.items, _Frame(0.0, 0.0), links=False)
        canvas.endForm()
        forms[key] = (name, page)   # keep page alive so its id stays unique
    return forms[key][0]


def _group_link(canvas: Canvas, link: Link, group: Group, f: _Frame) -> None:
    """A link inside a group, moved to this page and cut to the group's clip (dropped if outside)."""
    s = group.scale
    x0, y0 = group.x + link.x * s, group.y + link.y * s
    x1, y1 = x0 + link.w * s, y0 + link.h * s
    if group.clip is not None:
        c = group.clip
        x0, y0, x1, y1 = max(x0, c.x), max(y0, c.y), min(x1, c.right), min(y1, c.bottom)
    if x1 - x0 > 0.5 and y1 - y0 > 0.5:
        _link(canvas, Link(x0, y0, x1 - x0, y1 - y0, link.url, link.page), f)


DRAW = {Rect: _rect, Line: _line, Path: _path, Text: _text, Image: _image, Link: _link, Group: _group}


class PdfRenderer:
    """The `Renderer` for PDF files."""

    name = "PDF"
    suffixes = (".pdf",)

    def render(self, doc: Document, path) -> None:
        render_pdf(doc, path)
