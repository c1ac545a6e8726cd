"""Render a deck scene to PPTX with python-pptx: native, editable shapes and reproducible bytes.

Titles go into the layout's title placeholder; other text into text boxes that never
autofit, one paragraph per laid-out line (the line breaks are ours); icons become
custom-geometry shapes with cubic curves, raster pictures are embedded once; every
icon and picture carries the event title as alt text; shapes are written in the
scene's order (the reading order). Every deck is built inside a template: the
user's `--template`, else our own `templates/deck.pptx` with the Style written into
it (`deck_template`); either way text goes into the layout's placeholders, colours
that are the theme's are written as scheme references and fonts as theme fonts.
Raw XML comes from `generator.render.oxml`; templates are read in `pptx_template`,
the package's part names and reproducible bytes in `pptx_package`.

Scale: python-pptx's `Slides.add_slide` and `notes_slide` look up the next part
name and relationship id by scanning every part or relationship, so building n
slides costs O(n^2). This renderer keeps its own counters for part names, rIds
and slide ids, making the build linear, without changing the installed library.
"""

from __future__ import annotations

import copy
import io
import math
import re
from pathlib import Path

from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.oxml import parse_xml
from pptx.oxml.slide import CT_NotesSlide
from pptx.parts.image import Image as PptxImage
from pptx.parts.image import ImagePart
from pptx.parts.slide import NotesSlidePart, SlidePart

from generator import output, scene
from generator.colors import contrast
from generator.errors import RenderError
from generator.render import oxml, print_copy, unknown_primitive
from generator import scripts
from generator.render.pptx_package import (PartNames, Relations, add_relationship, build_time, geometry_stand_in, lang_tag,
                                           let_go, reproducible_zip, set_core_properties)
from generator.render.deck_template import open_own
from generator.render.pptx_template import (SCHEME, look_of, open_presentation, pick_layouts, placeholder_slots,
                                            uncentre_placeholders)
from generator.text import line_height
from generator.theme import Theme

DECK_FONTS = {"latin": "Arial", "east_asian": "Malgun Gothic"}
# Fonts presenters have for each script (they ship with Windows and Office; macOS substitutes).
EAST_ASIAN_FONTS = {"ja": "Yu Gothic", "zh": "Microsoft YaHei", "zh-Hant": "Microsoft JhengHei"}
COMPLEX_FONTS = {"arabic": "Arial", "hebrew": "Arial", "thai": "Leelawadee UI", "devanagari": "Nirmala UI",
                 "bengali": "Nirmala UI", "tamil": "Nirmala UI", "telugu": "Nirmala UI", "gujarati": "Nirmala UI",
                 "gurmukhi": "Nirmala UI", "kannada": "Nirmala UI", "malayalam": "Nirmala UI", "syriac": "Estrangelo Edessa",
                 "thaana": "MV Boli", "khmer": "Leelawadee UI", "lao": "Leelawadee UI", "sinhala": "Nirmala UI"}
# The language a run of another script is in, when it is not the text's own.
SCRIPT_LANGS = {"hangul": "ko-KR", "kana": "ja-JP", "arabic": "ar-SA", "hebrew": "he-IL", "thai": "th-TH",
                "devanagari": "hi-IN", "greek": "el-GR", "cyrillic": "ru-RU"}


def run_script(text: str) -> str:
    """The first script in text that chooses its own font (latin when there is none)."""
    for char in text:
        script = scripts.script_of(char)
        if script not in (scripts.COMMON, "latin"):
            return script
    return "latin"


def east_asian_font(lang: str, script: str, default: str) -> str:
    """The East Asian typeface: Japanese and Chinese faces for their text, the theme's (Korean) otherwise."""
    base = scripts.base_language(lang)
    if script == "kana" or base == "ja":
        return EAST_ASIAN_FONTS["ja"]
    if base == "zh":
        return EAST_ASIAN_FONTS["zh-Hant" if "Hant" in lang or lang.endswith(("TW", "HK")) else "zh"]
    return default


ICON_UNITS = 100_000     # an icon's path coordinates per unit of its outline (a 1/100,000 of its size)
KIND_LAYOUT = {"title": "title", "section": "section", "event": "content"}
# Which placeholder of the layout a text role goes into (each at most once a slide).
PLACEHOLDER_ROLES = {"title": "title", "subtitle": "subtitle", "summary": "body", "quote": "body",
                     "slide_number": "number"}
_EAST_ASIAN = re.compile("[\u1100-\u11ff\u2e80-\u2fdf\u3000-\u30ff\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff"
                         "\ua960-\ua97f\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]")


def render_pptx(doc: scene.Document, path: str | Path, theme: Theme, template: str | Path | None = None,
                source_date_epoch: int | None = None) -> None:
    """Write the deck as a .pptx file, on a user's template if given, else on ours; same input, same bytes."""
    if not doc.pages:
        raise RenderError("the deck has no slides")
    if template is not None:
        prs = open_presentation(template)
    else:
        prs = open_own(theme, doc.pages[0].width, doc.pages[0].height)
    writer = DeckWriter(prs, doc, theme)
    writer.add_all(doc.pages)
    writer.finish()
    stamp = build_time(doc.date, source_date_epoch)
    set_core_properties(prs, doc, stamp)
    buffer = io.BytesIO()
    prs.save(buffer)
    output.write_bytes(path, reproducible_zip(buffer.getvalue(), stamp))


# --- the deck writer --------------------------------------------------------------


class DeckWriter:
    """Adds scene pages as slides to a presentation, in linear time."""

    def __init__(self, prs, doc: scene.Document, theme: Theme):
        self.prs, self.doc = prs, doc
        self.package = prs.part.package
        deck = theme.fonts.get("deck") or {}
        self.latin = deck.get("latin", DECK_FONTS["latin"])
        self.east_asian = deck.get("east_asian", DECK_FONTS["east_asian"])
        # Colours that are the theme's own are written as scheme references (tx1, accent1...), so recolouring
        # the theme recolours the deck; fonts are the theme's (+mj-lt, +mn-lt, +mn-ea).
        look = look_of(prs)
        scheme = look.scheme
        self.scheme = {scheme[name].upper(): name for name in reversed(SCHEME) if name in scheme}
        # Linked runs are drawn in the theme's hyperlink colour whatever colour they are given: a URL is a linked
        # run only where that colour reads on the content area, else a clickable area over text in our colour.
        hlink = scheme.get("hlink")
        self.linked_runs = bool(hlink) and min(contrast(hlink, fill) for fill in
                                               look.body_samples or (look.body_fill,)) >= 4.5
        # A template whose master draws the slide number itself (a field in its artwork) keeps its own.
        self.numbered_by_template = bool(prs.slide_master.element.xpath(
            "./p:cSld/p:spTree/p:sp[not(p:nvSpPr/p:nvPr/p:ph)]//a:fld[@type='slidenum']"))
        self.scale = self.set_size(doc.pages[0])
        self.layouts = pick_layouts(prs)
        uncentre_placeholders(prs)
        self.slots = {role: placeholder_slots(layout) for role, layout in self.layouts.items()}
        self.names = PartNames.of(self.package)
        self.id_list = prs.element.get_or_add_sldIdLst()
        self.next_id = max([256] + [int(s.get("id")) + 1 for s in self.id_list])
        self.notes_master = prs.part.notes_master_part
        self._notes_prototype = None
        self.images: dict[str, ImagePart] = {}   # by file path and by content hash
        self.geometries: dict[tuple, tuple] = {}  # icon geometry by its outlines (see icon_geometry)
        self.fragments: dict[bytes, bytes] = {}   # each icon's a:path elements, by their stand-in
        self.fonts_used: set[str] = set()
        self.titles: list[str] = []
        self.parts: list[SlidePart] = []     # every slide, made before any is filled, for links between them

    def set_size(self, page: scene.Page) -> float:
        """Slide size from the page, at the template's width: the scene is scaled to it."""
        scale = self.prs.slide_width / oxml.emu(page.width)
        self.prs.slide_width = round(oxml.emu(page.width) * scale)
        self.prs.slide_height = round(oxml.emu(page.height) * scale)
        return scale

    def color(self, value: str | None) -> str | None:
        """A colour as written: the template's scheme name when it is one of the theme's colours."""
        return self.scheme.get(value.upper(), value) if value else value

    def typefaces(self, bold: bool, east: bool = False) -> tuple[str, str]:
        """(Latin, East Asian) typefaces of a run: the template theme's fonts.

        East Asian text names our East Asian font: templates made for Latin scripts often
        give a Latin-only font (or none) as their East Asian theme font.
        """
        latin, ea = ("+mj-lt", "+mj-ea") if bold else ("+mn-lt", "+mn-ea")
        return latin, self.east_asian if east else ea

    def e(self, points: float) -> int:
        """Scene points to EMU on this deck."""
        return round(points * oxml.EMU_PER_PT * self.scale)

    def box(self, x: float, y: float, w: float, h: float) -> tuple[int, int, int, int]:
        return self.e(x), self.e(y), self.e(w), self.e(h)

    def add_all(self, pages) -> None:
        """Every page as a slide: all slides are made first, so a slide can link to a later one."""
        self.parts = [self.new_slide(self.layouts[KIND_LAYOUT.get(page.kind, "title_only")]) for page in pages]
        for part, page in zip(self.parts, pages):
            self.fill(part, page)

    def add(self, page: scene.Page) -> None:
        """One slide for the page (links to slides not made yet are left out)."""
        part = self.new_slide(self.layouts[KIND_LAYOUT.get(page.kind, "title_only")])
        self.fill(part, page)

    def fill(self, part: SlidePart, page: scene.Page) -> None:
        """The slide's content: shapes in order, notes."""
        role = KIND_LAYOUT.get(page.kind, "title_only")
        shapes = SlideShapes(self, part, page, self.slots[role])
        tree = _tree(shapes.build())
        c_sld = part.slide.element.cSld
        c_sld.replace(c_sld.spTree, tree)
        if page.notes:
            let_go(self.add_notes(part, page.notes))
        let_go(part, self.fragments)  # serialised now: the XML trees of a long deck do not pile up
        self.titles.append(page.title)

    def new_slide(self, layout) -> SlidePart:
        """A slide part related to the presentation with precomputed part name, rId and slide id."""
        part = SlidePart.new(self.names.next("/ppt/slides/slide%d.xml"), self.package, layout.part)
        rid = add_relationship(self.prs.part, part, RT.SLIDE)
        self.id_list.append(parse_xml(oxml.sld_id(self.next_id, rid)))
        self.next_id += 1
        return part

    def add_notes(self, slide_part: SlidePart, text: str) -> NotesSlidePart:
        """Speaker notes on a new notes slide (python-pptx's own path rescans the package)."""
        master = self.notes_master
        notes = NotesSlidePart(self.names.next("/ppt/notesSlides/notesSlide%d.xml"), CT.PML_NOTES_SLIDE,
                               self.package, copy.deepcopy(self.notes_prototype()))
        notes.relate_to(master, RT.NOTES_MASTER)
        notes.relate_to(slide_part, RT.SLIDE)
        slide_part.relate_to(notes, RT.NOTES_SLIDE)
        frame = notes.notes_slide.notes_text_frame
        if frame is None:
            frame = notes.notes_slide.shapes.add_textbox(0, 0, 6858000, 914400).text_frame
        frame.text = text
        return notes

    def notes_prototype(self):
        """A notes slide with the notes master's placeholders, made once and copied for every slide.

        python-pptx's `clone_master_placeholders` searches the master's shapes on every call;
        the result depends only on the master, so it is worked out once.
        """
        if self._notes_prototype is None:
            part = NotesSlidePart(PackURI("/ppt/notesSlides/prototype.xml"), CT.PML_NOTES_SLIDE, self.package,
                                  CT_NotesSlide.new())
            part.notes_slide.clone_master_placeholders(self.notes_master.notes_master)
            self._notes_prototype = part._element
        return self._notes_prototype

    def image_part(self, source: str) -> ImagePart:
        """The image part for a file, embedded once however many slides show it."""
        if source in self.images:
            return self.images[source]
        try:
            image = PptxImage.from_file(source)
        except (OSError, ValueError) as exc:
            raise RenderError(f"{source}: cannot embed the picture: {exc}") from None
        part = self.images.get(image.sha1)
        if part is None:
            name = self.names.next(f"/ppt/media/image%d.{image.ext}")
            part = ImagePart(name, image.content_type, self.package, image.blob, image.filename)
            self.images[image.sha1] = part
        self.images[source] = part
        return part

    def icon_geometry(self, group: tuple[scene.Path, ...]) -> tuple[tuple[float, float, float, float], str]:
        """The outlines' box (in their own units) and a stand-in for their a:path elements.

        An icon's paths share their outlines' commands however often it is used, so its
        geometry is keyed by those objects (kept alive here) and written once per deck. A
        slide carries a comment in its place (`pptx_package.GEOMETRY`), swapped for the
        geometry's bytes when the slide is serialised: no slide parses or re-serialises it.
        """
        key = tuple(id(p.commands) for p in group)
        if key not in self.geometries:
            boxes = [scene.bounds(p.commands) for p in group]
            x0, y0 = min(b[0] for b in boxes), min(b[1] for b in boxes)
            x1, y1 = max(b[0] + b[2] for b in boxes), max(b[1] + b[3] for b in boxes)
            size = (round((x1 - x0) * ICON_UNITS), round((y1 - y0) * ICON_UNITS))
            xml = "".join(oxml.path(p.commands, (x0, y0), size, ICON_UNITS) for p in group)
            stand_in = geometry_stand_in(len(self.geometries) + 1)
            self.fragments[stand_in.encode("ascii")] = xml.encode("utf-8")
            self.geometries[key] = ((x0, y0, x1 - x0, y1 - y0), stand_in, tuple(p.commands for p in group))
        box, stand_in, _ = self.geometries[key]
        return box, stand_in

    def finish(self) -> None:
        """docProps/app.xml with the fonts used and slide titles."""
        theme_part = self.prs.slide_master.part.part_related_by(RT.THEME)
        fonts = [name for name in (self.latin, self.east_asian) if name in self.fonts_used]
        width, height = self.prs.slide_width, self.prs.slide_height
        shape = "16:9" if abs(width / height - 16 / 9) < 0.01 else "4:3" if abs(width / height - 4 / 3) < 0.01 else ""
        format_name = f"On-screen Show ({shape})" if shape else "Custom"
        app = oxml.app_properties(fonts, oxml.theme_name(theme_part.blob), self.titles, len(self.titles),
                                  format_name)
        self.app_part().blob = app

    def app_part(self):
        """The extended-properties part, added if the package has none."""
        try:
            return self.package.part_related_by(RT.EXTENDED_PROPERTIES)
        except KeyError:
            from pptx.opc.package import Part

            part = Part(PackURI("/docProps/app.xml"), CT.OFC_EXTENDED_PROPERTIES, self.package, b"")
            self.package.relate_to(part, RT.EXTENDED_PROPERTIES)
            return part


def _tree(shapes: list[str]):
    """A p:spTree element holding the shapes."""
    head = ('<p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>'
            '<p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/><a:chOff x="0" y="0"/>'
            '<a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>')
    return parse_xml(oxml.wrapped([head] + shapes))


# --- one slide's shapes ----------------------------------------------------------------


class SlideShapes:
    """Turns one page's items into shape XML, in order."""

    def __init__(self, writer: DeckWriter, part: SlidePart, page: scene.Page, slots: dict):
        self.w, self.part, self.page, self.slots = writer, part, page, slots
        self.slot = slots.get("title", ("title", None))
        self.used_slots: set[str] = set()
        self.next_id = 2
        self.has_title = False
        self.links = [item for item in page.items if isinstance(item, scene.Link)]
        self.jumps = LinkIndex(self.links)
        self.rels = Relations(part)
        self.used_links: set[int] = set()
        self.card_id: tuple[int, scene.Box] | None = None

    def new_id(self) -> int:
        self.next_id += 1
        return self.next_id - 1

    def build(self) -> list[str]:
        shapes: list[str] = []
        for name, members in _named_groups(_grouped(self.page.items)):
            if not name:
                for item in members:
                    shapes += self.shape(item)
                continue
            shapes.append(self.group(name, members))
        if not self.has_title:
            shapes.insert(0, self.hidden_title())
        for index, link in enumerate(self.links):
            if index not in self.used_links:
                shapes += self.link_area(link)
        return shapes

    def group(self, name: str, members: list) -> str:
        """A named group of shapes (a card with its leader and mark), the leader attached to the card."""
        group_id = self.new_id()
        self.card_id = None
        inner: list[str] = []
        for item in members:
            inner += self.shape(item)
        boxes = [_box_of(item) for item in members]
        x0, y0 = min(b.x for b in boxes), min(b.y for b in boxes)
        x1, y1 = max(b.right for b in boxes), max(b.bottom for b in boxes)
        return oxml.group(group_id, name, self.w.box(x0, y0, x1 - x0, y1 - y0), inner)

    def jump(self, box: scene.Box) -> str:
        """The click action of a slide link covering box ("" if none covers it)."""
        for index in self.jumps.covering(box):
            link = self.links[index]
            if link.page and box.inside(scene.Box(link.x, link.y, link.w, link.h), tol=1.0):
                rid = self.slide_rid(link.page)
                if rid:
                    self.used_links.add(index)
                    return oxml.click_to(rid)
        return ""

    def slide_rid(self, page: int) -> str:
        """The relationship id from this slide to slide number `page` ("" if there is no such slide yet)."""
        if not 0 < page <= len(self.w.parts):
            return ""
        return self.rels.relate_to(self.w.parts[page - 1], RT.SLIDE)

    def shape(self, item) -> list[str]:
        if isinstance(item, scene.Text):
            shape = self.text(item)
            return [shape] if shape else []
        if isinstance(item, scene.Rect):
            return self.rect(item)
        if isinstance(item, scene.Line):
            return [self.line(item)]
        if isinstance(item, tuple):
            return [self.paths(item)]
        if isinstance(item, scene.Image):
            return [self.picture(item)]
        if isinstance(item, scene.Link):
            return []
        raise unknown_primitive(PptxRenderer.name, item)

    # --- text ---

    def text(self, text: scene.Text) -> str:
        if text.role == "title" and not self.has_title:
            self.has_title = True
            self.used_slots.add("title")
            ph_type, idx = self.slot
            return oxml.title_placeholder(self.new_id(), ph_type, idx, self.text_box(text),
                                          self.body(text))
        if text.role == "slide_number" and self.w.numbered_by_template:
            return ""
        slot = PLACEHOLDER_ROLES.get(text.role)
        if slot and slot != "title" and slot in self.slots and slot not in self.used_slots and not text.group:
            self.used_slots.add(slot)
            ph_type, idx = self.slots[slot]
            shape_id = self.new_id()
            name = f"{text.role.replace('_', ' ').capitalize()} {shape_id}"
            return oxml.placeholder(shape_id, name, ph_type, idx, self.text_box(text), self.body(text))
        shape_id = self.new_id()
        name = f"{text.role.replace('_', ' ').capitalize()} {shape_id}" if text.role else ""
        return oxml.textbox(shape_id, self.text_box(text), self.body(text), name, self.jump(text.box))

    def text_box(self, text: scene.Text) -> tuple[int, int, int, int]:
        """The text's box as laid out (the deck's layout measured its lines with room to spare)."""
        return self.w.box(text.x, text.y, text.w, text.h)

    def body(self, text: scene.Text) -> str:
        link = self.link_for(text)
        if not self.w.linked_runs:      # linked words of a summary: clickable areas, as for link_for
            self.links += text.run_links()
        field = "slidenum" if text.role == "slide_number" else ""
        pitch = line_height(text.size) * self.w.scale
        color = self.text_color(text)
        paragraphs = []
        for number, line in enumerate(text.lines):
            runs = [self.run(text, run, link, field, color) for run in line.runs]
            key = f"{len(self.w.titles)}-{number}" if field else ""
            paragraphs.append(oxml.paragraph_xml(runs, text.align, pitch, key, line.rtl))
        return oxml.text_body(paragraphs)

    def run(self, text: scene.Text, run: scene.Run, link: str, field: str, color: str) -> oxml.RunSpec:
        script = run_script(run.text)
        east = bool(_EAST_ASIAN.search(run.text))
        latin, default_ea = self.w.typefaces(text.weight == "bold", east)
        east_asian = east_asian_font(text.lang, script, default_ea)
        complex_font = COMPLEX_FONTS.get(script, "")
        self.w.fonts_used.add(east_asian if east else complex_font or self.w.latin)
        lang = SCRIPT_LANGS.get(script) if script in SCRIPT_LANGS and \
            scripts.base_language(text.lang) != SCRIPT_LANGS[script][:2] else lang_tag(text.lang)
        if run.url and self.w.linked_runs:      # a linked word of a summary: a run hyperlink
            link = self.rels.relate_to(run.url, RT.HYPERLINK, is_external=True)
        return oxml.RunSpec(run.text, text.size * self.w.scale, text.weight == "bold" or run.bold,
                            color, latin, east_asian, lang, link, field, complex_font, run.italic)

    def link_for(self, text: scene.Text) -> str:
        """The hyperlink rId of the URL the text opens, if any.

        PowerPoint and LibreOffice draw linked runs in the theme's hyperlink colour: where that
        colour does not read on the template's content area, the link goes on a clickable area
        over the text instead, and the text keeps the colour chosen for it.
        """
        if text.link and not self.w.linked_runs:
            self.links.append(scene.Link(text.x, text.y, text.w, text.h, text.link))
            return ""
        return self.rels.relate_to(text.link, RT.HYPERLINK, is_external=True) if text.link else ""

    def hidden_title(self) -> str:
        """A title above the slide for a page that has none: screen readers and the outline need one."""
        latin, east_asian = self.w.typefaces(True)
        spec = oxml.RunSpec(self.page.title or "Slide", 18 * self.w.scale, False, "tx1",
                            latin, east_asian, lang_tag(self.w.doc.lang))
        body = oxml.text_body([oxml.paragraph_xml([spec], "left", line_height(18) * self.w.scale)])
        ph_type, idx = self.slot
        box = self.w.box(0, -40, self.page.width, 30)
        return oxml.title_placeholder(self.new_id(), ph_type, idx, box, body)

    # --- graphics ---

    def text_color(self, text: scene.Text) -> str:
        """The text's colour as written (a scheme reference when it is one of the theme's colours)."""
        return self.w.color(text.color)

    def rect(self, rect: scene.Rect) -> list[str]:
        if rect.role == "background" and self.page.trim.inside(rect.box):
            return []         # the slide's ground is the template's background (ours: the Style's)
        fill, stroke = self.w.color(rect.fill), self.w.color(rect.stroke)
        corner = rect.radius / min(rect.w, rect.h) if rect.radius and min(rect.w, rect.h) > 0 else 0.0
        shape_id = self.new_id()
        if rect.role == "card":
            self.card_id = (shape_id, rect.box)
        name = f"{rect.role.replace('_', ' ').capitalize()} {shape_id}" if rect.role else ""
        click = self.jump(rect.box) if rect.role in ("card", "mark") else ""
        return [oxml.rectangle(shape_id, self.w.box(rect.x, rect.y, rect.w, rect.h), fill, stroke,
                               rect.stroke_width * self.w.scale, corner, name, click)]

    def line(self, line: scene.Line) -> str:
        start, end = (self.w.e(line.x1), self.w.e(line.y1)), (self.w.e(line.x2), self.w.e(line.y2))
        attached = None
        if line.role == "leader" and self.card_id is not None:
            card_id, card = self.card_id
            if abs(line.y1 - card.bottom) < 0.5:
                attached = (card_id, 2)       # a rectangle's connection sites: 0 top, 1 left, 2 bottom, 3 right
            elif abs(line.y1 - card.y) < 0.5:
                attached = (card_id, 0)
        shape_id = self.new_id()
        name = f"{line.role.capitalize()} {shape_id}" if line.role else ""
        return oxml.line(shape_id, start, end, self.w.color(line.color),
                         line.width * self.w.scale, bool(line.dash), name,
                         attached)

    def paths(self, group: tuple[scene.Path, ...]) -> str:
        """Consecutive icon paths as one custom-geometry shape, one a:path per outline."""
        first = group[0]
        scale = self.w.scale
        if first.placed and all((p.origin, p.scale) == (first.origin, first.scale) for p in group):
            (ox, oy), s = first.origin, first.scale
            (x, y, w, h), geometry = self.w.icon_geometry(group)
            box, paths = (ox + x * s, oy + y * s, w * s, h * s), [geometry]
        else:
            boxes = [p.box for p in group]
            x0, y0 = min(b.x for b in boxes), min(b.y for b in boxes)
            x1, y1 = max(b.right for b in boxes), max(b.bottom for b in boxes)
            size = (self.w.e(x1 - x0), self.w.e(y1 - y0))
            box = (x0, y0, x1 - x0, y1 - y0)
            paths = [oxml.path(_scaled(p.page_commands(), scale), (x0 * scale, y0 * scale), size) for p in group]
        name = f"Icon {self.next_id}" if first.role == "icon" else f"Freeform {self.next_id}"
        return oxml.custom_shape(self.new_id(), name, first.alt, self.w.box(*box), paths,
                                 self.w.color(first.fill), self.w.color(first.stroke), first.stroke_width * scale)

    def picture(self, image: scene.Image) -> str:
        part = self.w.image_part(print_copy(image.source, image.w, image.h))
        rid = self.rels.relate_to(part, RT.IMAGE)
        alt = image.alt or self.page.title
        return oxml.picture(self.new_id(), alt, rid, self.w.box(image.x, image.y, image.w, image.h))

    def link_area(self, link: scene.Link) -> list[str]:
        """An invisible clickable rectangle for a link that covers no text or shape of its own."""
        if link.page:
            rid = self.slide_rid(link.page)
            return [oxml.link_area(self.new_id(), self.w.box(link.x, link.y, link.w, link.h), rid,
                                   f"slide {link.page}", jump=True)] if rid else []
        rid = self.rels.relate_to(link.url, RT.HYPERLINK, is_external=True)
        return [oxml.link_area(self.new_id(), self.w.box(link.x, link.y, link.w, link.h), rid, link.url)]


class LinkIndex:
    """The slide links of a page by grid cell: which links may hold a box, without trying every one.

    A box inside a link's area (within `tol`) has its top-left corner in that area grown by
    `tol`, so only the links registered in that corner's cell need the full test; they come
    in the page's order, as a scan of every link would meet them. The overview slide has a
    link per event: scanning them all for every shape was O(n^2).
    """

    CELL = 48.0

    def __init__(self, links: list, tol: float = 1.0):
        self.cells: dict[tuple[int, int], list[int]] = {}
        self.everywhere: list[int] = []       # links too large (or odd) for the grid
        for index, link in enumerate(links):
            if not link.page:
                continue
            x0, y0 = math.floor((link.x - tol) / self.CELL), math.floor((link.y - tol) / self.CELL)
            x1 = math.floor((link.x + link.w + tol) / self.CELL)
            y1 = math.floor((link.y + link.h + tol) / self.CELL)
            if not (x1 >= x0 and y1 >= y0) or (x1 - x0 + 1) * (y1 - y0 + 1) > 4096:
                self.everywhere.append(index)
                continue
            for cx in range(x0, x1 + 1):
                for cy in range(y0, y1 + 1):
                    self.cells.setdefault((cx, cy), []).append(index)

    def covering(self, box: scene.Box) -> list[int]:
        """Indices, in page order, of the links that may hold box (a superset of those that do)."""
        if not (box.w >= 0 and box.h >= 0 and math.isfinite(box.x) and math.isfinite(box.y)):
            return sorted(set(self.everywhere).union(*self.cells.values()))
        here = self.cells.get((math.floor(box.x / self.CELL), math.floor(box.y / self.CELL)), [])
        return sorted(here + self.everywhere) if self.everywhere else here


def _grouped(items) -> list:
    """Items in order, with runs of consecutive Paths of one icon (same alt and fill) as tuples."""
    out: list = []
    for item in items:
        if isinstance(item, scene.Path):
            last = out[-1] if out else None
            if isinstance(last, list) and item.role == "icon" and last[0].role == "icon" \
                    and (last[0].alt, last[0].fill) == (item.alt, item.fill):
                last.append(item)
                continue
            out.append([item])
        else:
            out.append(item)
    return [tuple(item) if isinstance(item, list) else item for item in out]


def _named_groups(items) -> list[tuple[str, list]]:
    """Runs of consecutive items by their `group` name ("" for items in no group)."""
    runs: list[tuple[str, list]] = []
    for item in items:
        name = getattr(item[0] if isinstance(item, tuple) else item, "group", "")
        if runs and name and runs[-1][0] == name:
            runs[-1][1].append(item)
        else:
            runs.append((name, [item]))
    return runs


def _box_of(item) -> scene.Box:
    if isinstance(item, tuple):
        boxes = [p.box for p in item]
        x0, y0 = min(b.x for b in boxes), min(b.y for b in boxes)
        return scene.Box(x0, y0, max(b.right for b in boxes) - x0, max(b.bottom for b in boxes) - y0)
    if isinstance(item, scene.Line):
        x0, y0 = min(item.x1, item.x2), min(item.y1, item.y2)
        return scene.Box(x0, y0, abs(item.x2 - item.x1), abs(item.y2 - item.y1))
    return item.box


def _scaled(commands: tuple[tuple, ...], scale: float) -> tuple[tuple, ...]:
    if scale == 1.0:
        return commands
    return tuple((c[0], *(v * scale for v in c[1:])) for c in commands)


class PptxRenderer:
    """The `Renderer` for PowerPoint decks (`theme` names the deck's fonts; `template` a .pptx to build on)."""

    name = "PPTX"
    suffixes = (".pptx",)

    def __init__(self, theme: Theme, template: str | Path | None = None):
        self.theme, self.template = theme, template

    def render(self, doc: scene.Document, path: Path) -> None:
        render_pptx(doc, path, self.theme, self.template)
