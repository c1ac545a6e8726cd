"""Our raw DrawingML: text bodies with East Asian fonts, custom geometry, pictures, alt text, properties.

Every function returns an XML string (or bytes for whole parts) in EMU; the PPTX
renderer parses a slide's shapes at once with python-pptx's parser. This is the
only module that writes raw XML for the deck.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
NS_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NSDECLS = f'xmlns:a="{NS_A}" xmlns:p="{NS_P}" xmlns:r="{NS_R}"'
EMU_PER_PT = 12700
DECORATIVE = ('<a:extLst><a:ext uri="{C183D7F6-B498-43B3-948B-1728B52AA6E4}">'
              '<adec:decorative xmlns:adec="http://schemas.microsoft.com/office/drawing/2017/decorative" val="1"/>'
              '</a:ext></a:extLst>')
_FIELD_NS = uuid.UUID("6b3c1f4e-2d0a-4d59-9a51-0b7a3c2d1e10")
_SCHEME = re.compile(r"^[a-z]+[0-9]?$")


def emu(points: float) -> int:
    """Points to English Metric Units."""
    return round(points * EMU_PER_PT)


def attr(value: str) -> str:
    """An XML attribute value, quoted and escaped."""
    return quoteattr(value, {"\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})


def color(value: str) -> str:
    """A colour element: "#RRGGBB" as srgbClr, a scheme name such as "tx1" as schemeClr."""
    if value.startswith("#"):
        return f'<a:srgbClr val="{value[1:].upper()}"/>'
    if not _SCHEME.match(value):
        raise ValueError(f"not a colour: {value!r}")
    return f'<a:schemeClr val="{value}"/>'


def fill(value: str | None) -> str:
    return f"<a:solidFill>{color(value)}</a:solidFill>" if value else "<a:noFill/>"


def outline(value: str | None, width: float, dash: bool = False) -> str:
    """An a:ln element: a solid stroke of width points, or none."""
    if not value or width <= 0:
        return "<a:ln><a:noFill/></a:ln>"
    dashed = '<a:prstDash val="dash"/>' if dash else ""
    return f'<a:ln w="{emu(width)}">{fill(value)}{dashed}</a:ln>'


def xfrm(x: int, y: int, cx: int, cy: int, flip: str = "") -> str:
    return f'<a:xfrm{flip}><a:off x="{x}" y="{y}"/><a:ext cx="{max(cx, 0)}" cy="{max(cy, 0)}"/></a:xfrm>'


def wrapped(shapes: list[str]) -> str:
    """Shapes inside one element that declares the namespaces, for a single parse."""
    return f"<p:spTree {NSDECLS}>{''.join(shapes)}</p:spTree>"


def non_visual(shape_id: int, name: str, descr: str = "", decorative: bool = False, click: str = "") -> str:
    """A p:cNvPr element with alt text (`descr`) or the decorative mark, and a click action (`click_to`)."""
    alt = f" descr={attr(descr)}" if descr else ""
    inner = click + (DECORATIVE if decorative and not descr else "")
    return f"<p:cNvPr id=\"{shape_id}\" name={attr(name)}{alt}>{inner}</p:cNvPr>"


def click_to(rid: str) -> str:
    """A click action that jumps to the slide related as rid."""
    return f'<a:hlinkClick r:id="{rid}" action="ppaction://hlinksldjump"/>' if rid else ""


def group(shape_id: int, name: str, box: tuple[int, int, int, int], shapes: list[str]) -> str:
    """A group shape holding shapes (their coordinates stay the slide's)."""
    x, y, cx, cy = box
    return (f"<p:grpSp><p:nvGrpSpPr>{non_visual(shape_id, name)}<p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>"
            f'<p:grpSpPr><a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{cx}" cy="{cy}"/>'
            f'<a:chOff x="{x}" y="{y}"/><a:chExt cx="{cx}" cy="{cy}"/></a:xfrm></p:grpSpPr>'
            f"{''.join(shapes)}</p:grpSp>")


# --- text ----------------------------------------------------------------------


@dataclass(frozen=True)
class RunSpec:
    """One run of text with everything DrawingML needs written out explicitly."""

    text: str
    size: float          # points
    bold: bool
    color: str           # "#RRGGBB" or a scheme colour name
    latin: str
    east_asian: str
    lang: str            # "en-US", "ko-KR"
    link: str = ""       # relationship id of a hyperlink
    field: str = ""      # "slidenum" makes the run a slide-number field
    complex: str = ""    # typeface for complex scripts (Arabic, Hebrew, Thai, Devanagari); Latin if empty
    italic: bool = False


def run_properties(run: RunSpec, tag: str = "a:rPr") -> str:
    """The run properties: size, weight, colour, Latin and East Asian typefaces, language."""
    bold = ' b="1"' if run.bold else ' b="0"'
    italic = ' i="1"' if run.italic else ' i="0"'
    link = f'<a:hlinkClick r:id="{run.link}"/>' if run.link else ""
    return (f'<{tag} lang="{run.lang}" altLang="en-US" sz="{round(run.size * 100)}"{bold}{italic} cap="none" '
            f'spc="0" baseline="0" dirty="0">{fill(run.color)}<a:latin typeface={attr(run.latin)}/>'
            f'<a:ea typeface={attr(run.east_asian)}/><a:cs typeface={attr(run.complex or run.latin)}/>{link}</{tag}>')


def run_xml(run: RunSpec, field_id: str = "") -> str:
    text = escape(run.text)
    if run.field:
        return f'<a:fld id="{field_id}" type="{run.field}">{run_properties(run)}<a:t>{text}</a:t></a:fld>'
    return f"<a:r>{run_properties(run)}<a:t>{text}</a:t></a:r>"


def paragraph_xml(runs: list[RunSpec], align: str, line_pitch: float, field_key: str = "", rtl: bool = False) -> str:
    """One paragraph (one of our broken lines): exact line pitch, no spacing, indent or bullet.

    `rtl` marks a right-to-left paragraph (runs stay in reading order; PowerPoint orders them).
    """
    algn = {"left": "l", "center": "ctr", "right": "r"}[align]
    direction = ' rtl="1"' if rtl else ""
    ppr = (f'<a:pPr marL="0" indent="0" algn="{algn}"{direction}><a:lnSpc><a:spcPts val="{round(line_pitch * 100)}"/>'
           '</a:lnSpc><a:spcBef><a:spcPts val="0"/></a:spcBef><a:spcAft><a:spcPts val="0"/></a:spcAft>'
           "<a:buNone/></a:pPr>")
    field_id = "{" + str(uuid.uuid5(_FIELD_NS, field_key)).upper() + "}" if field_key else ""
    body = "".join(run_xml(r, field_id) for r in runs)
    end = run_properties(runs[-1], "a:endParaRPr") if runs else ""
    return f"<a:p>{ppr}{body}{end}</a:p>"


def text_body(paragraphs: list[str]) -> str:
    """A p:txBody that never autofits, wraps at the box, has no insets and hangs from the top."""
    return ('<p:txBody><a:bodyPr vert="horz" wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" rtlCol="0" '
            'anchor="t" anchorCtr="0"><a:noAutofit/></a:bodyPr><a:lstStyle/>'
            f"{''.join(paragraphs) or '<a:p/>'}</p:txBody>")


def textbox(shape_id: int, box: tuple[int, int, int, int], body: str, name: str = "", click: str = "") -> str:
    """A text box shape holding body."""
    name = name or f"TextBox {shape_id}"
    return (f"<p:sp><p:nvSpPr>{non_visual(shape_id, name, click=click)}<p:cNvSpPr txBox=\"1\"/><p:nvPr/>"
            f"</p:nvSpPr><p:spPr>{xfrm(*box)}<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom><a:noFill/>"
            f"</p:spPr>{body}</p:sp>")


def title_placeholder(shape_id: int, ph_type: str, idx: int | None, box: tuple[int, int, int, int],
                      body: str) -> str:
    """The slide's title placeholder, placed and sized by us."""
    return placeholder(shape_id, f"Title {shape_id}", ph_type, idx, box, body)


def placeholder(shape_id: int, name: str, ph_type: str, idx: int | None, box: tuple[int, int, int, int],
                body: str) -> str:
    """One of the layout's placeholders (title, subTitle, body, obj, sldNum...), placed and sized by us."""
    kind = f' type="{ph_type}"' if ph_type and ph_type != "obj" else ""
    index = f' idx="{idx}"' if idx else ""
    return (f"<p:sp><p:nvSpPr>{non_visual(shape_id, name)}"
            f'<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph{kind}{index}/></p:nvPr>'
            f"</p:nvSpPr><p:spPr>{xfrm(*box)}</p:spPr>{body}</p:sp>")


# --- shapes --------------------------------------------------------------------


def rectangle(shape_id: int, box: tuple[int, int, int, int], fill_color: str | None, stroke: str | None,
              stroke_width: float, corner: float, name: str = "", click: str = "") -> str:
    """A (rounded) rectangle; corner is the radius over the shorter side (0 to 0.5)."""
    geom = '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
    if corner > 0:
        adj = round(min(corner, 0.5) * 100000)
        geom = f'<a:prstGeom prst="roundRect"><a:avLst><a:gd name="adj" fmla="val {adj}"/></a:avLst></a:prstGeom>'
    name = name or f"Rectangle {shape_id}"
    return (f"<p:sp><p:nvSpPr>{non_visual(shape_id, name, decorative=not click, click=click)}<p:cNvSpPr/>"
            f"<p:nvPr/></p:nvSpPr><p:spPr>{xfrm(*box)}{geom}{fill(fill_color)}"
            f"{outline(stroke, stroke_width)}</p:spPr></p:sp>")


def link_area(shape_id: int, box: tuple[int, int, int, int], rid: str, url: str, jump: bool = False) -> str:
    """An invisible rectangle that opens the hyperlink rid (or jumps to the slide rid)."""
    click = click_to(rid) if jump else f'<a:hlinkClick r:id="{rid}"/>'
    return (f"<p:sp><p:nvSpPr><p:cNvPr id=\"{shape_id}\" name=\"Link {shape_id}\" descr={attr(url)}>"
            f'{click}</p:cNvPr><p:cNvSpPr/><p:nvPr/></p:nvSpPr><p:spPr>{xfrm(*box)}'
            '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/><a:ln><a:noFill/></a:ln></p:spPr></p:sp>')


def line(shape_id: int, start: tuple[int, int], end: tuple[int, int], stroke: str, width: float,
         dash: bool, name: str = "", attached: tuple[int, int] | None = None) -> str:
    """A straight connector from start to end (EMU); `attached` = (shape id, site) it starts at."""
    (x1, y1), (x2, y2) = start, end
    flip = (' flipH="1"' if x2 < x1 else "") + (' flipV="1"' if y2 < y1 else "")
    box = (min(x1, x2), min(y1, y2), abs(x2 - x1), abs(y2 - y1))
    name = name or f"Line {shape_id}"
    ends = f'<p:cNvCxnSpPr><a:stCxn id="{attached[0]}" idx="{attached[1]}"/></p:cNvCxnSpPr>' if attached \
        else "<p:cNvCxnSpPr/>"
    return (f"<p:cxnSp><p:nvCxnSpPr>{non_visual(shape_id, name, decorative=True)}{ends}"
            f"<p:nvPr/></p:nvCxnSpPr><p:spPr>{xfrm(*box, flip=flip)}"
            f'<a:prstGeom prst="line"><a:avLst/></a:prstGeom>{outline(stroke, width, dash)}</p:spPr></p:cxnSp>')


def custom_shape(shape_id: int, name: str, descr: str, box: tuple[int, int, int, int], paths: list[str],
                 fill_color: str | None, stroke: str | None = None, stroke_width: float = 0.0) -> str:
    """A freeform shape of one or more a:path elements (see `path`), filled in one colour."""
    x, y, cx, cy = box
    return (f"<p:sp><p:nvSpPr>{non_visual(shape_id, name, descr, decorative=not descr)}<p:cNvSpPr/><p:nvPr/>"
            f"</p:nvSpPr><p:spPr>{xfrm(x, y, cx, cy)}<a:custGeom><a:avLst/><a:gdLst/><a:ahLst/><a:cxnLst/>"
            f'<a:rect l="0" t="0" r="r" b="b"/><a:pathLst>{"".join(paths)}</a:pathLst></a:custGeom>'
            f"{fill(fill_color)}{outline(stroke, stroke_width)}</p:spPr></p:sp>")


def path(commands: tuple[tuple, ...], origin: tuple[float, float], size: tuple[int, int],
         unit: float = EMU_PER_PT) -> str:
    """An a:path from scene commands relative to origin, in `unit`s per command unit (EMU per point by default).

    ("M", x, y) -> moveTo, ("L", x, y) -> lnTo, ("C", x1, y1, x2, y2, x, y) -> cubicBezTo, ("Z",) -> close.
    `size` is the path's own width and height in those units; the shape's box stretches it.
    """
    ox, oy = origin

    def pt(x: float, y: float) -> str:
        return f'<a:pt x="{round((x - ox) * unit)}" y="{round((y - oy) * unit)}"/>'

    parts = []
    for command in commands:
        op, values = command[0], command[1:]
        points = "".join(pt(values[i], values[i + 1]) for i in range(0, len(values), 2))
        parts.append({"M": f"<a:moveTo>{points}</a:moveTo>", "L": f"<a:lnTo>{points}</a:lnTo>",
                      "C": f"<a:cubicBezTo>{points}</a:cubicBezTo>", "Z": "<a:close/>"}[op])
    w, h = size
    return f'<a:path w="{max(w, 1)}" h="{max(h, 1)}">{"".join(parts)}</a:path>'


def picture(shape_id: int, descr: str, rid: str, box: tuple[int, int, int, int]) -> str:
    """A picture showing the image related as rid, with alt text."""
    return (f"<p:pic><p:nvPicPr>{non_visual(shape_id, f'Picture {shape_id}', descr)}"
            '<p:cNvPicPr><a:picLocks noChangeAspect="1"/></p:cNvPicPr><p:nvPr/></p:nvPicPr>'
            f'<p:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch></p:blipFill>'
            f'<p:spPr>{xfrm(*box)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>')


def sld_id(slide_id: int, rid: str) -> str:
    return f'<p:sldId {NSDECLS} id="{slide_id}" r:id="{rid}"/>'


# --- package parts ---------------------------------------------------------------


def theme_name(theme_xml: bytes) -> str:
    match = re.search(rb'<a:theme [^>]*name="([^"]*)"', theme_xml)
    return match.group(1).decode("utf-8") if match else "Theme"


def app_properties(fonts: list[str], theme: str, titles: list[str], notes: int, format_name: str) -> bytes:
    """docProps/app.xml listing the fonts used, the theme and the slide titles, as PowerPoint does."""
    pairs = [("Fonts Used", len(fonts)), ("Theme", 1), ("Slide Titles", len(titles))]
    variants = "".join(f"<vt:variant><vt:lpstr>{escape(k)}</vt:lpstr></vt:variant>"
                       f"<vt:variant><vt:i4>{n}</vt:i4></vt:variant>" for k, n in pairs)
    names = fonts + [theme] + titles
    parts = "".join(f"<vt:lpstr>{escape(n)}</vt:lpstr>" for n in names)
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
            'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
            f"<TotalTime>0</TotalTime><Application>timeline-generator</Application>"
            f"<PresentationFormat>{escape(format_name)}</PresentationFormat><Slides>{len(titles)}</Slides>"
            f"<Notes>{notes}</Notes><HiddenSlides>0</HiddenSlides><ScaleCrop>false</ScaleCrop>"
            f'<HeadingPairs><vt:vector size="{len(pairs) * 2}" baseType="variant">{variants}</vt:vector>'
            f'</HeadingPairs><TitlesOfParts><vt:vector size="{len(names)}" baseType="lpstr">{parts}</vt:vector>'
            "</TitlesOfParts><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
            "<HyperlinksChanged>false</HyperlinksChanged><AppVersion>16.0000</AppVersion></Properties>"
            ).encode("utf-8")
