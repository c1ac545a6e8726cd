"""PPTX templates: opening a presentation, finding its layouts and placeholders, reading its look.

A template's own sample slides are removed; slides then go on the layouts found by
role (the type PowerPoint writes, then words in the layout's name), falling back to
blank or the sparest layout.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from pptx import Presentation

from generator.errors import RenderError
from generator.scene import Box

# Layouts by role: the type attribute PowerPoint writes, then words in the layout's name.
LAYOUTS = {
    "title": (("title", "ctrTitle"), ("title slide",)),
    "section": (("secHead",), ("section header", "section")),
    "title_only": (("titleOnly",), ("title only",)),
    "content": (("obj", "tx"), ("title and content", "title, content")),
    "blank": (("blank",), ("blank",)),
}


def open_presentation(template: str | Path):
    """A template (the user's, or our own `templates/deck.pptx`) with its sample slides removed."""
    source = Path(template)
    if not source.is_file():
        raise RenderError(f"{source}: template not found")
    try:
        prs = Presentation(str(source))
    except Exception as exc:  # python-pptx raises many kinds for a file that is not a PPTX
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise RenderError(f"{source}: not a PowerPoint .pptx template ({reason}); "
                          "save it as .pptx in PowerPoint or LibreOffice Impress") from None
    if not any(len(master.slide_layouts) for master in prs.slide_masters):
        raise RenderError(f"{source}: the template has no slide master with layouts; "
                          "use a .pptx saved by PowerPoint or LibreOffice Impress")
    remove_slides(prs)
    return prs


def remove_slides(prs) -> None:
    """Drop the template's own slides (and its slide sections, which name them)."""
    id_list = prs.element.get_or_add_sldIdLst()
    for sld_id in list(id_list):
        rid = sld_id.rId
        id_list.remove(sld_id)
        prs.part.drop_rel(rid)
    for ext in prs.element.xpath("./p:extLst/p:ext"):
        if "sectionLst" in "".join(child.tag for child in ext):
            ext.getparent().remove(ext)


def find_layout(prs, role: str):
    """The first layout of the given role (by type, then by name), or None."""
    types, names = LAYOUTS[role]
    layouts = [layout for master in prs.slide_masters for layout in master.slide_layouts]
    for layout in layouts:
        if layout.element.get("type") in types:
            return layout
    for layout in layouts:
        if any(word in layout.name.lower() for word in names):
            return layout
    return None


def pick_layouts(prs) -> dict:
    """Layouts for "title", "section" and "title_only" slides; blank (or the sparest) when missing."""
    blank = find_layout(prs, "blank") or min(
        (layout for master in prs.slide_masters for layout in master.slide_layouts),
        key=lambda layout: len(layout.placeholders))
    found = {role: find_layout(prs, role) or blank for role in ("title", "section", "title_only")}
    found["content"] = _content_layout(prs) or found["title_only"]
    return found


def _content_layout(prs):
    """The "Title and Content" layout: a title and one body placeholder (type obj or body)."""
    for master in prs.slide_masters:
        for layout in master.slide_layouts:
            kinds = [ph.get("type", "obj") for ph in layout.element.xpath("./p:cSld/p:spTree/p:sp/p:nvSpPr/p:nvPr/p:ph")]
            if layout.element.get("type") == "obj" or ("title" in kinds and kinds.count("obj") + kinds.count("body") == 1
                                                       and layout.element.get("type") in (None, "obj", "tx")):
                if kinds.count("obj") + kinds.count("body") == 1:
                    return layout
    return None


def placeholder_slots(layout) -> dict:
    """The layout's placeholders by what we put in them: {"title"|"subtitle"|"body"|"number"|...: (type, idx)}."""
    slots: dict = {}
    role_of = {"title": "title", "ctrTitle": "title", "subTitle": "subtitle", "body": "body", "obj": "body",
               "sldNum": "number", "ftr": "footer", "dt": "date", "pic": "picture"}
    for ph in layout.element.xpath("./p:cSld/p:spTree/p:sp/p:nvSpPr/p:nvPr/p:ph"):
        kind = ph.get("type", "obj")
        role = role_of.get(kind)
        idx = ph.get("idx")
        if role and role not in slots:
            slots[role] = (kind, int(idx) if idx else None)
    return slots


def uncentre_placeholders(prs) -> None:
    """Placeholders our text goes into stop centring their text block (anchorCtr="1" becomes "0").

    Our slides write anchor="t" anchorCtr="0" into each placeholder they fill, which PowerPoint
    honours; LibreOffice (7.4) only reads anchorCtr when it is true, so a layout's or master's
    centred block would still move our left-aligned text to the middle of its box. The
    paragraphs' own alignment is left as it is, so a slide added by hand still aligns its title
    as the template does.
    """
    kinds = "@type='title' or @type='ctrTitle' or @type='subTitle' or @type='body' or @type='sldNum' or not(@type)"
    holders = [*prs.slide_masters] + [layout for master in prs.slide_masters for layout in master.slide_layouts]
    for holder in holders:
        for body in holder.element.xpath(f"./p:cSld/p:spTree/p:sp[p:nvSpPr/p:nvPr/p:ph[{kinds}]]"
                                         "/p:txBody/a:bodyPr[@anchorCtr='1']"):
            body.set("anchorCtr", "0")


# --- the template's colours -------------------------------------------------------


def _color_value(element) -> str:
    """A DrawingML colour element as "#RRGGBB" or a scheme name ("" if unknown)."""
    tag = element.tag.rsplit("}", 1)[-1]
    if tag == "srgbClr":
        return "#" + element.get("val", "000000").upper()
    if tag == "sysClr":
        return "#" + element.get("lastClr", "000000").upper()
    if tag == "schemeClr" and element.get("val") != "phClr":
        return element.get("val", "")
    return ""


# --- what the template looks like: its boxes, its colours, what lies behind them ------------

SCHEME = ("tx1", "bg1", "tx2", "bg2", "accent1", "accent2", "accent3", "accent4", "accent5", "accent6")
_NS = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main",
       "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
       "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
EMU_PER_PT = 12700


@dataclass(frozen=True)
class Look:
    """A template as the deck's layout needs it, in points.

    `title` and `body` are the master's title and body placeholders (the body cut free of
    the template's artwork); `title_fill` and `body_fill` the colour actually behind them
    (the top-most artwork, else the layout or master background: solid, gradient or a
    picture sampled under the box); `scheme` the theme colours by scheme name.
    """

    width: float
    height: float
    title: Box
    body: Box
    title_fill: str
    body_fill: str
    scheme: dict
    title_samples: tuple = ()
    body_samples: tuple = ()


def read_look(template: str | Path) -> Look:
    """Open a template and read its look."""
    return look_of(open_presentation(template))


def look_of(prs) -> Look:
    master = prs.slide_master
    width, height = prs.slide_width / EMU_PER_PT, prs.slide_height / EMU_PER_PT
    scheme = scheme_colors(master)
    boxes = {}
    for shape in master.placeholders:
        kind = shape.placeholder_format.type
        key = {1: "title", 3: "title", 2: "body", 7: "body"}.get(int(kind)) if kind is not None else None
        if key and key not in boxes:
            boxes[key] = _box(shape)
    art = artwork(master)
    title = boxes.get("title") or Box(width * 0.05, height * 0.04, width * 0.9, height * 0.16)
    body = boxes.get("body") or Box(title.x, title.bottom + 12, title.w, height * 0.92 - title.bottom - 12)
    if body.h < height * 0.4 or title.y > body.y:
        # a title-slide master: the tallest stretch free of artwork, else the slide less a margin
        x, w = min(title.x, body.x), max(title.right, body.right) - min(title.x, body.x)
        body = _free_band(art, x, w, height)
        if body.h < height * 0.4:
            body = Box(width * 0.05, height * 0.05, width * 0.9, height * 0.9)
        title = Box(body.x, body.y, body.w, min(max(title.h, 40.0), body.h * 0.2))
    cleared = _clear(body, [a for a, _ in art])
    body = cleared if cleared.h >= height * 0.4 else body
    title_samples = _samples(prs, master, art, title, scheme)
    body_samples = _samples(prs, master, art, body, scheme)
    return Look(width, height, title, body, _mean(list(title_samples)), _mean(list(body_samples)), scheme,
                title_samples, body_samples)


def _samples(prs, master, art: list, box: Box, scheme: dict, cols: int = 6, rows: int = 4) -> tuple:
    """The colours behind a grid of cells over the box (a picture or artwork differs from place to place)."""
    w, h = box.w / cols, box.h / rows
    return tuple(_behind(prs, master, art, Box(box.x + i * w, box.y + j * h, w, h), scheme)
                 for j in range(rows) for i in range(cols))


def _box(shape) -> Box:
    return Box(shape.left / EMU_PER_PT, shape.top / EMU_PER_PT, shape.width / EMU_PER_PT, shape.height / EMU_PER_PT)


def artwork(master) -> list[tuple[Box, object]]:
    """The master's own drawings (every shape that is not a placeholder), with their boxes."""
    found = []
    for shape in master.shapes:
        if shape.is_placeholder or shape.width is None or shape.height is None:
            continue
        found.append((_box(shape), shape))
    return found


def _clear(body: Box, art: list[Box]) -> Box:
    """The body shrunk so no artwork overlaps it: artwork in its lower half lowers the bottom, upper half raises the top."""
    top, bottom = body.y, body.bottom
    for a in art:
        if not Box(body.x, top, body.w, bottom - top).overlaps(a) or (a.x <= body.x and a.right >= body.right
                                                                      and a.y <= top and a.bottom >= bottom):
            continue
        if a.y + a.h / 2 > (top + bottom) / 2:
            bottom = min(bottom, a.y - 4)
        else:
            top = max(top, a.bottom + 4)
    return Box(body.x, top, body.w, max(bottom - top, 1.0))


def _free_band(art: list, x: float, w: float, height: float) -> Box:
    """The tallest horizontal stretch between bands of artwork (rows of drawings covering much of the width)."""
    rows: list[list[float]] = []          # merged [top, bottom, covered width]
    for a, _ in sorted(art, key=lambda item: item[0].y):
        if rows and a.y <= rows[-1][1]:
            rows[-1][1] = max(rows[-1][1], a.bottom)
            rows[-1][2] += a.w
        else:
            rows.append([a.y, a.bottom, a.w])
    bands = [(top, bottom) for top, bottom, covered in rows if covered > w * 0.3]
    edges, cursor = [], 0.0
    for top, bottom in bands:
        edges.append((cursor, top))
        cursor = max(cursor, bottom)
    edges.append((cursor, height))
    top, bottom = max(edges, key=lambda e: e[1] - e[0])
    return Box(x, top + 6, w, bottom - top - 12)


def scheme_colors(master) -> dict:
    """The theme's colours by scheme name (tx1, bg1, ..., accent6, hlink), through the master's colour map."""
    from lxml import etree
    theme_part = master.part.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme")
    theme = etree.fromstring(theme_part.blob)
    base = {}
    for element in theme.xpath(".//a:clrScheme/*", namespaces=_NS):
        name = element.tag.rsplit("}", 1)[-1]
        value = _color_value(element[0]) if len(element) else ""
        if value.startswith("#"):
            base[name] = value
    mapping = master.element.xpath("./p:clrMap")
    cmap = dict(mapping[0].attrib) if mapping else {}
    out = {}
    for name in SCHEME + ("hlink",):
        target = cmap.get(name, {"tx1": "dk1", "bg1": "lt1", "tx2": "dk2", "bg2": "lt2"}.get(name, name))
        if target in base:
            out[name] = base[target]
    out.setdefault("tx1", "#000000")
    out.setdefault("bg1", "#FFFFFF")
    return out


def _resolve(element, scheme: dict) -> str:
    """A colour element as "#RRGGBB" (scheme colours through `scheme`; lumMod/lumOff/shade/tint applied)."""
    tag = element.tag.rsplit("}", 1)[-1]
    if tag == "schemeClr":
        value = scheme.get(element.get("val"), "") or scheme.get({"dk1": "tx1", "lt1": "bg1", "dk2": "tx2",
                                                                   "lt2": "bg2"}.get(element.get("val"), ""), "")
    else:
        value = _color_value(element)
    if not value.startswith("#"):
        return ""
    r, g, b = (int(value[i:i + 2], 16) for i in (1, 3, 5))
    for mod in element:
        kind, amount = mod.tag.rsplit("}", 1)[-1], int(mod.get("val", "100000")) / 100000
        if kind == "lumMod":
            r, g, b = (c * amount for c in (r, g, b))
        elif kind == "lumOff":
            r, g, b = (c + 255 * amount for c in (r, g, b))
        elif kind == "shade":
            r, g, b = (c * amount for c in (r, g, b))
        elif kind == "tint":
            r, g, b = (c + (255 - c) * (1 - amount) for c in (r, g, b))
    return "#" + "".join(f"{max(0, min(255, round(c))):02X}" for c in (r, g, b))


def _fill_of(element, scheme: dict, part, box: Box, size: tuple[float, float]) -> str:
    """The colour of a fill element (spPr or bgPr): solid, gradient (mean of stops) or picture (sampled)."""
    solid = element.xpath("./a:solidFill/*")
    if solid:
        return _resolve(solid[0], scheme)
    stops = element.xpath("./a:gradFill/a:gsLst/a:gs/*")
    if stops:
        colors = [c for c in (_resolve(s, scheme) for s in stops) if c]
        return _mean(colors) if colors else ""
    blip = element.xpath("./a:blipFill/a:blip/@r:embed")
    if blip:
        return _sample(part.related_part(blip[0]).blob, box, size)
    return ""


def _behind(prs, master, art: list, box: Box, scheme: dict) -> str:
    """The colour behind a box: the top-most filled artwork covering its centre, else the background."""
    cx, cy = box.x + box.w / 2, box.y + box.h / 2
    size = (prs.slide_width / EMU_PER_PT, prs.slide_height / EMU_PER_PT)
    for a, shape in reversed(art):
        if a.x <= cx <= a.right and a.y <= cy <= a.bottom:
            sp = shape.element.xpath("./p:spPr")
            if sp:
                color = _fill_of(sp[0], scheme, master.part, Box(0, 0, a.w, a.h), (a.w, a.h))
                if color:
                    return color
            pic = shape.element.xpath("./p:blipFill")
            if pic:
                return _fill_of(pic[0], scheme, master.part, Box(cx - a.x, cy - a.y, 1, 1), (a.w, a.h)) or "#FFFFFF"
    for holder in [layout for layout in master.slide_layouts][:0] + [master]:
        bg = holder.element.xpath("./p:cSld/p:bg")
        if not bg:
            continue
        pr = bg[0].xpath("./p:bgPr")
        if pr:
            color = _fill_of(pr[0], scheme, holder.part, box, size)
            if color:
                return color
        ref = bg[0].xpath("./p:bgRef/*")
        if ref:
            color = _resolve(ref[0], scheme)
            if color:
                return color
    return scheme.get("bg1", "#FFFFFF")


def _mean(colors: list[str]) -> str:
    values = [[int(c[i:i + 2], 16) for i in (1, 3, 5)] for c in colors]
    return "#" + "".join(f"{round(sum(v[i] for v in values) / len(values)):02X}" for i in range(3))


@functools.lru_cache(maxsize=4)
def _picture(blob: bytes):
    import io

    from PIL import Image
    try:
        return Image.open(io.BytesIO(blob)).convert("RGB")
    except Exception:     # a picture Pillow cannot read (EMF, WMF)
        return None


def _sample(blob: bytes, box: Box, size: tuple[float, float]) -> str:
    """The mean colour of a picture stretched over `size` points, under `box`."""
    from PIL import Image
    image = _picture(blob)
    if image is None:
        return ""
    sx, sy = image.width / size[0], image.height / size[1]
    crop = (max(0, int(box.x * sx)), max(0, int(box.y * sy)),
            min(image.width, max(int(box.right * sx), int(box.x * sx) + 1)),
            min(image.height, max(int(box.bottom * sy), int(box.y * sy) + 1)))
    region = image.crop(crop).resize((1, 1), Image.BOX)
    r, g, b = region.getpixel((0, 0))
    return f"#{r:02X}{g:02X}{b:02X}"


def look_colors(colors, look: Look) -> dict:
    """The deck's colours on a template: text that reads on what is actually behind it, the theme's accents.

    Text and title colours are the first of the template's own text and background colours
    (tx1, tx2, bg1, bg2) that reach 7:1, else 4.5:1, against the body's and the title's
    fill; black or white only when none does. Muted text is the text colour eased towards the
    background while it keeps 4.5:1; era fills are the accents faded into the background.
    """
    from generator.colors import contrast

    scheme = look.scheme
    own = [scheme[k] for k in ("tx1", "tx2", "bg1", "bg2") if k in scheme] + ["#000000", "#FFFFFF"]

    def worst(color: str, fills) -> float:
        return min(contrast(color, fill) for fill in fills)

    def ink(fills) -> str | None:
        for ratio in (7.0, 4.5):
            for color in own:
                if worst(color, fills) >= ratio:
                    return color
        return None

    out = dict(colors)
    fills = list(look.body_samples or (look.body_fill,))
    text = ink(fills)
    bg = look.body_fill
    if text is None:
        # no colour reads everywhere on this background (a busy picture): a panel of its mean colour
        toward = "#000000" if contrast("#FFFFFF", look.body_fill) >= contrast("#000000", look.body_fill) else "#FFFFFF"
        bg = _mix(look.body_fill, toward, 0.6)
        out["panel"] = bg
        fills = [bg]
        text = ink(fills) or "#000000"
    muted = text
    for amount in (0.7, 0.8, 0.9):
        candidate = _mix(text, bg, amount)
        if worst(candidate, fills) >= 4.5:
            muted = candidate
            break
    title_fills = list(look.title_samples or (look.title_fill,))
    title = ink(title_fills) or max(own, key=lambda c: worst(c, title_fills))
    if "panel" in out:         # the panel reaches under the title too
        title = text
    accents = [scheme[f"accent{i}"] for i in range(1, 7) if f"accent{i}" in scheme] or list(colors["era_fills"])
    out.update(background=bg, text=text, muted=muted, axis=text, card=bg, card_border=_mix(text, bg, 0.45),
               leader=_mix(text, bg, 0.6), era_text=text, title_text=title,
               era_fills=tuple(_mix(a, bg, 0.22) for a in accents))
    return out


def _mix(color: str, base: str, amount: float) -> str:
    """`amount` of color, the rest base."""
    a = [int(color[i:i + 2], 16) for i in (1, 3, 5)]
    b = [int(base[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(y + (x - y) * amount):02X}" for x, y in zip(a, b))
