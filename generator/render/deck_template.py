"""Our own deck template, `templates/deck.pptx`, made by code; and the Style written into it.

`python -m generator.render.deck_template` writes the file (the same bytes every time; a
test regenerates it and compares). The default deck opens it exactly as it opens a user's
`--template` (`pptx_template.open_presentation`), so both go through one path; `restyle`
then writes the Style into the opened template: the theme's colour scheme (text, background,
muted and era colours, the category palette as accents) and fonts, the slide size and the
boxes of the master's and layouts' placeholders (the deck layout's `Frame.default` at that
size and margin). The renderer then writes the Style's colours as scheme references and
its fonts as theme fonts, as on any template.

Everything is written here as plain OOXML: one slide master (title and body placeholder,
a slide number), five layouts (Title Slide, Section Header, Title Only, Title and Content,
Blank) and one theme; no third-party parts.
"""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path
from xml.sax.saxutils import quoteattr

from generator.resources import shipped
from generator.scene import Box

TEMPLATE_NAME = "deck.pptx"
NAME = "Timeline"
STAMP = (2026, 1, 1, 0, 0, 0)           # the date of every zip entry and of docProps/core.xml
EMU_PER_PT = 12700
NS = ('xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
      'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"')
HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CT = "application/vnd.openxmlformats-officedocument"
# Layouts in the master's order: (file number, type, name, placeholders as (key, type, idx)).
LAYOUTS = (
    (1, "title", "Title Slide", (("cover", "ctrTitle", None), ("subtitle", "subTitle", 1), ("number", "sldNum", 12))),
    (2, "secHead", "Section Header", (("title", "title", None), ("kicker", "body", 1), ("number", "sldNum", 12))),
    (3, "titleOnly", "Title Only", (("title", "title", None), ("number", "sldNum", 12))),
    (4, "obj", "Title and Content", (("title", "title", None), ("content", "obj", 1), ("number", "sldNum", 12))),
    (5, "blank", "Blank", (("number", "sldNum", 12),)),
)
MASTER = (("title", "title", None), ("body", "body", 1), ("number", "sldNum", 12))
# Fonts for scripts the theme's Latin and East Asian fonts do not cover (as Office's own themes list them).
SCRIPT_FONTS = (("Jpan", "Yu Gothic"), ("Hans", "Microsoft YaHei"), ("Hant", "Microsoft JhengHei"),
                ("Arab", "Arial"), ("Hebr", "Arial"), ("Thai", "Leelawadee UI"), ("Deva", "Nirmala UI"))


def template_path() -> Path:
    """Where the shipped template is (the checkout's templates/ folder, or the installed copy)."""
    return shipped("templates") / TEMPLATE_NAME


# --- what the Style decides ----------------------------------------------------------------


def scheme(theme) -> tuple[dict, bool]:
    """The theme's colour scheme (dk1, lt1, dk2, lt2, accent1-6, hlink, folHlink) and whether it is dark.

    Text and background are tx1 and bg1, muted text and the first era fill tx2 and bg2, the
    category palette accents 1 to 6; on a dark theme the colour map swaps dark and light.
    """
    from generator.colors import luminance
    colors = theme.colors
    text, ground = colors["text"], colors["background"]
    muted, fill = colors["muted"], colors["era_fills"][0]
    dark = luminance(text) > luminance(ground)
    out = {"dk1": ground if dark else text, "lt1": text if dark else ground,
           "dk2": fill if dark else muted, "lt2": muted if dark else fill}
    palette = list(theme.palette) or [text]
    for i in range(6):
        out[f"accent{i + 1}"] = palette[i % len(palette)]
    out["hlink"], out["folHlink"] = palette[0], muted
    return {k: v.upper() for k, v in out.items()}, dark


def color_map(dark: bool) -> str:
    """The master's p:clrMap: tx1 on bg1, swapped on a dark theme."""
    pairs = (("bg1", "dk1"), ("tx1", "lt1"), ("bg2", "dk2"), ("tx2", "lt2")) if dark else \
        (("bg1", "lt1"), ("tx1", "dk1"), ("bg2", "lt2"), ("tx2", "dk2"))
    rest = " ".join(f'{n}="{n}"' for n in [f"accent{i}" for i in range(1, 7)] + ["hlink", "folHlink"])
    return "<p:clrMap " + " ".join(f'{k}="{v}"' for k, v in pairs) + f" {rest}/>"


def fonts(theme) -> tuple[str, str]:
    deck = theme.fonts.get("deck") or {}
    return deck.get("latin", "Arial"), deck.get("east_asian", "Malgun Gothic")


def boxes(width: float, height: float, margin: float) -> dict[str, dict[str, Box]]:
    """The placeholders' boxes by part ("master" or a layout type) and key, in points.

    The master's title and body are the deck layout's frame (`Frame.default`): the layout
    reads them back from any template as its title box and content area. The layouts'
    boxes are for slides a user adds by hand.
    """
    from generator.layout.deck import NUMBER_W, STRIP, Frame
    from generator.style import DeckFormat
    from generator.text import block_height
    frame = Frame.default(DeckFormat("", width, height), margin)
    title, body = frame.title, frame.body
    number = Box(body.right - NUMBER_W, body.bottom - STRIP - 6, NUMBER_W, 18)
    below = title.bottom + 8
    content = Box(body.x, below, body.w, body.bottom - STRIP - 12 - below)
    cover_y = height * 0.30
    cover = Box(body.x, cover_y, body.w, block_height(2, 48))
    return {
        "master": {"title": title, "body": body, "number": number},
        "title": {"cover": cover, "subtitle": Box(body.x, cover.bottom + 12, body.w, block_height(2, 26)),
                  "number": number},
        "secHead": {"title": title, "kicker": Box(body.x, below, body.w, block_height(1, 18)), "number": number},
        "titleOnly": {"title": title, "number": number},
        "obj": {"title": title, "content": content, "number": number},
        "blank": {"number": number},
    }


# --- the parts ---------------------------------------------------------------------------------


def _emu(points: float) -> int:
    return round(points * EMU_PER_PT)


def _xfrm(box: Box) -> str:
    return (f'<a:xfrm><a:off x="{_emu(box.x)}" y="{_emu(box.y)}"/>'
            f'<a:ext cx="{_emu(box.w)}" cy="{_emu(box.h)}"/></a:xfrm>')


def _placeholder(shape_id: int, name: str, kind: str, idx: int | None, box: Box, anchor: str, text: str) -> str:
    """A placeholder shape: our boxes, top (or bottom) anchored, no insets, no autofit."""
    ph_kind = f' type="{kind}"' if kind != "obj" else ""
    ph_idx = f' idx="{idx}"' if idx is not None else ""
    size = ' sz="quarter"' if kind == "sldNum" else ""
    body = (f'<p:txBody><a:bodyPr vert="horz" wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" rtlCol="0" '
            f'anchor="{anchor}" anchorCtr="0"><a:noAutofit/></a:bodyPr><a:lstStyle/>{text}</p:txBody>')
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name={quoteattr(name)}/><p:cNvSpPr><a:spLocks noGrp="1"/>'
            f'</p:cNvSpPr><p:nvPr><p:ph{ph_kind}{size}{ph_idx}/></p:nvPr></p:nvSpPr>'
            f"<p:spPr>{_xfrm(box)}</p:spPr>{body}</p:sp>")


PROMPTS = {"title": "Click to edit the title", "cover": "Click to edit the title",
           "subtitle": "Click to edit the subtitle", "kicker": "Click to edit the text",
           "body": "Click to edit the text", "content": "Click to edit the text"}


def _shapes(placeholders, part_boxes: dict[str, Box]) -> str:
    out = []
    for shape_id, (key, kind, idx) in enumerate(placeholders, 2):
        if kind == "sldNum":
            text = ('<a:p><a:pPr algn="r"/><a:fld id="{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}" type="slidenum">'
                    '<a:rPr lang="en-US"/><a:t>&lt;#&gt;</a:t></a:fld><a:endParaRPr lang="en-US"/></a:p>')
            name = f"Slide Number Placeholder {shape_id}"
        else:
            text = f'<a:p><a:r><a:rPr lang="en-US"/><a:t>{PROMPTS[key]}</a:t></a:r></a:p>'
            name = {"title": "Title", "cover": "Title", "subtitle": "Subtitle"}.get(key, "Text Placeholder")
            name = f"{name} {shape_id}"
        out.append(_placeholder(shape_id, name, kind, idx, part_boxes[key], "t", text))
    return "".join(out)


def _tree(shapes: str) -> str:
    return ('<p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>'
            '<p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/><a:chOff x="0" y="0"/>'
            f'<a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>{shapes}</p:spTree>')


def _level(n: int, size: int, bold: bool, major: bool, indent: int = 0) -> str:
    font = "+mj" if major else "+mn"
    return (f'<a:lvl{n}pPr marL="{indent}" indent="0" algn="l" rtl="0"><a:lnSpc><a:spcPct val="100000"/></a:lnSpc>'
            '<a:spcBef><a:spcPts val="0"/></a:spcBef><a:buNone/>'
            f'<a:defRPr sz="{size}" b="{int(bold)}" kern="1200"><a:solidFill><a:schemeClr val="tx1"/></a:solidFill>'
            f'<a:latin typeface="{font}-lt"/><a:ea typeface="{font}-ea"/><a:cs typeface="{font}-cs"/></a:defRPr>'
            f"</a:lvl{n}pPr>")


def master_xml(part_boxes: dict[str, Box], dark: bool) -> str:
    title = _level(1, 3600, True, True)
    body = "".join(_level(n, size, False, False, (n - 1) * 457200)
                   for n, size in ((1, 2800), (2, 2400), (3, 2000), (4, 1800), (5, 1800)))
    other = _level(1, 1800, False, False)
    layouts = "".join(f'<p:sldLayoutId id="{2147483648 + n}" r:id="rId{n}"/>' for n, *_ in LAYOUTS)
    return (f"{HEAD}<p:sldMaster {NS}><p:cSld><p:bg><p:bgPr><a:solidFill><a:schemeClr val=\"bg1\"/></a:solidFill>"
            f"<a:effectLst/></p:bgPr></p:bg>{_tree(_shapes(MASTER, part_boxes))}</p:cSld>{color_map(dark)}"
            f"<p:sldLayoutIdLst>{layouts}</p:sldLayoutIdLst>"
            f"<p:txStyles><p:titleStyle>{title}</p:titleStyle><p:bodyStyle>{body}</p:bodyStyle>"
            f"<p:otherStyle>{other}</p:otherStyle></p:txStyles></p:sldMaster>")


def layout_xml(kind: str, name: str, placeholders, part_boxes: dict[str, Box]) -> str:
    return (f'{HEAD}<p:sldLayout {NS} type="{kind}" preserve="1"><p:cSld name={quoteattr(name)}>'
            f"{_tree(_shapes(placeholders, part_boxes))}</p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr>"
            "</p:sldLayout>")


def _font_group(tag: str, latin: str, east_asian: str) -> str:
    scripts = "".join(f'<a:font script="{s}" typeface={quoteattr(f)}/>' for s, f in
                      (("Hang", east_asian),) + SCRIPT_FONTS)
    return (f'<a:{tag}><a:latin typeface={quoteattr(latin)}/><a:ea typeface={quoteattr(east_asian)}/>'
            f'<a:cs typeface=""/>{scripts}</a:{tag}>')


def theme_xml(colors: dict, latin: str, east_asian: str) -> str:
    order = ("dk1", "lt1", "dk2", "lt2") + tuple(f"accent{i}" for i in range(1, 7)) + ("hlink", "folHlink")
    clr = "".join(f'<a:{k}><a:srgbClr val="{colors[k][1:]}"/></a:{k}>' for k in order)
    solid = '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>'
    lines = "".join(f'<a:ln w="{w}" cap="flat" cmpd="sng" algn="ctr">{solid}<a:prstDash val="solid"/></a:ln>'
                    for w in (6350, 12700, 19050))
    effects = "<a:effectStyle><a:effectLst/></a:effectStyle>" * 3
    return (f'{HEAD}<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="{NAME}">'
            f'<a:themeElements><a:clrScheme name="{NAME}">{clr}</a:clrScheme>'
            f'<a:fontScheme name="{NAME}">{_font_group("majorFont", latin, east_asian)}'
            f'{_font_group("minorFont", latin, east_asian)}</a:fontScheme>'
            f'<a:fmtScheme name="{NAME}"><a:fillStyleLst>{solid * 3}</a:fillStyleLst><a:lnStyleLst>{lines}'
            f"</a:lnStyleLst><a:effectStyleLst>{effects}</a:effectStyleLst><a:bgFillStyleLst>{solid * 3}"
            "</a:bgFillStyleLst></a:fmtScheme></a:themeElements><a:objectDefaults/><a:extraClrSchemeLst/></a:theme>")


def _rels(*targets: tuple[str, str]) -> str:
    rels = "".join(f'<Relationship Id="rId{n}" Type="{REL}/{kind}" Target="{target}"/>'
                   for n, (kind, target) in enumerate(targets, 1))
    return (f'{HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f"{rels}</Relationships>")


def parts(theme, width: float, height: float) -> dict[str, str]:
    """Every part of the template package by its name, as XML text."""
    colors, dark = scheme(theme)
    latin, east_asian = fonts(theme)
    all_boxes = boxes(width, height, theme.deck["margin"])
    types = "".join(f'<Override PartName="/ppt/slideLayouts/slideLayout{n}.xml" '
                    f'ContentType="{CT}.presentationml.slideLayout+xml"/>' for n, *_ in LAYOUTS)
    out = {
        "[Content_Types].xml": (
            f'{HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/ppt/presentation.xml" ContentType="{CT}.presentationml.presentation.main+xml"/>'
            f'<Override PartName="/ppt/slideMasters/slideMaster1.xml" ContentType="{CT}.presentationml.slideMaster+xml"/>'
            f"{types}"
            f'<Override PartName="/ppt/theme/theme1.xml" ContentType="{CT}.theme+xml"/>'
            f'<Override PartName="/ppt/presProps.xml" ContentType="{CT}.presentationml.presProps+xml"/>'
            f'<Override PartName="/ppt/viewProps.xml" ContentType="{CT}.presentationml.viewProps+xml"/>'
            f'<Override PartName="/ppt/tableStyles.xml" ContentType="{CT}.presentationml.tableStyles+xml"/>'
            '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
            f'<Override PartName="/docProps/app.xml" ContentType="{CT}.extended-properties+xml"/></Types>'),
        "_rels/.rels": _rels(("officeDocument", "ppt/presentation.xml"),
                             ("extended-properties", "docProps/app.xml")).replace(
            "</Relationships>", '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/package/2006/'
            'relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>'),
        "docProps/core.xml": (
            f'{HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
            'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>Timeline deck template</dc:title>'
            "<dc:creator>timeline-generator</dc:creator>"
            '<dcterms:created xsi:type="dcterms:W3CDTF">2026-01-01T00:00:00Z</dcterms:created>'
            '<dcterms:modified xsi:type="dcterms:W3CDTF">2026-01-01T00:00:00Z</dcterms:modified>'
            "</cp:coreProperties>"),
        "docProps/app.xml": (
            f'{HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
            "<Application>timeline-generator</Application><Slides>0</Slides></Properties>"),
        "ppt/presentation.xml": (
            f'{HEAD}<p:presentation {NS} saveSubsetFonts="1"><p:sldMasterIdLst>'
            '<p:sldMasterId id="2147483648" r:id="rId1"/></p:sldMasterIdLst>'
            f'<p:sldSz cx="{_emu(width)}" cy="{_emu(height)}"/><p:notesSz cx="6858000" cy="9144000"/>'
            "</p:presentation>"),
        "ppt/_rels/presentation.xml.rels": _rels(("slideMaster", "slideMasters/slideMaster1.xml"),
                                                 ("theme", "theme/theme1.xml"), ("presProps", "presProps.xml"),
                                                 ("viewProps", "viewProps.xml"), ("tableStyles", "tableStyles.xml")),
        "ppt/presProps.xml": f"{HEAD}<p:presentationPr {NS}/>",
        "ppt/viewProps.xml": f"{HEAD}<p:viewPr {NS}/>",
        "ppt/tableStyles.xml": (f'{HEAD}<a:tblStyleLst xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/'
                                'main" def="{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}"/>'),
        "ppt/theme/theme1.xml": theme_xml(colors, latin, east_asian),
        "ppt/slideMasters/slideMaster1.xml": master_xml(all_boxes["master"], dark),
        "ppt/slideMasters/_rels/slideMaster1.xml.rels": _rels(
            *[("slideLayout", f"../slideLayouts/slideLayout{n}.xml") for n, *_ in LAYOUTS],
            ("theme", "../theme/theme1.xml")),
    }
    for n, kind, name, placeholders in LAYOUTS:
        out[f"ppt/slideLayouts/slideLayout{n}.xml"] = layout_xml(kind, name, placeholders, all_boxes[kind])
        out[f"ppt/slideLayouts/_rels/slideLayout{n}.xml.rels"] = _rels(("slideMaster",
                                                                        "../slideMasters/slideMaster1.xml"))
    return out


def make(theme, width: float = 960.0, height: float = 540.0) -> bytes:
    """The template package for a theme and slide size (the shipped file: the default theme at 16:9)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for name, text in parts(theme, width, height).items():
            info = zipfile.ZipInfo(name, date_time=STAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            package.writestr(info, text.encode("utf-8"), compresslevel=9)
    return buffer.getvalue()


# --- the Style written into the opened template -------------------------------------------


def restyle(prs, theme, width: float, height: float) -> None:
    """Write the Style into our template, opened like any other: its theme's colours and fonts, the
    colour map, the slide size and the placeholders' boxes for that size and the theme's margin."""
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    from pptx.oxml import parse_xml

    colors, dark = scheme(theme)
    latin, east_asian = fonts(theme)
    master = prs.slide_master
    master.part.part_related_by(RT.THEME).blob = theme_xml(colors, latin, east_asian).encode("utf-8")
    old = master.element.find("{http://schemas.openxmlformats.org/presentationml/2006/main}clrMap")
    new = parse_xml(color_map(dark).replace("<p:clrMap ", f"<p:clrMap {NS} "))
    old.getparent().replace(old, new)
    prs.slide_width, prs.slide_height = _emu(width), _emu(height)
    all_boxes = boxes(width, height, theme.deck["margin"])
    _place(master.element, MASTER, all_boxes["master"])
    for layout in master.slide_layouts:
        kind = layout.element.get("type")
        spec = next((placeholders for _, k, _, placeholders in LAYOUTS if k == kind), None)
        if spec is not None:
            _place(layout.element, spec, all_boxes[kind])


def _place(element, placeholders, part_boxes: dict[str, Box]) -> None:
    """Set the boxes of a master's or layout's placeholders (found by type and idx)."""
    for key, kind, idx in placeholders:
        query = (f"./p:cSld/p:spTree/p:sp[p:nvSpPr/p:nvPr/p:ph"
                 f"[{'not(@type)' if kind == 'obj' else f'@type={quoteattr(kind)}'}]]/p:spPr/a:xfrm")
        for xfrm in element.xpath(query):
            box = part_boxes[key]
            off, ext = xfrm[0], xfrm[1]
            off.set("x", str(_emu(box.x)))
            off.set("y", str(_emu(box.y)))
            ext.set("cx", str(_emu(box.w)))
            ext.set("cy", str(_emu(box.h)))


def open_own(theme, width: float, height: float):
    """Our template opened as any user template is, with the Style written into it."""
    from generator.render.pptx_template import open_presentation
    prs = open_presentation(template_path())
    restyle(prs, theme, width, height)
    return prs


def main(argv: list[str] | None = None) -> int:
    """Write templates/deck.pptx (or the path given) for the default theme at 16:9."""
    from generator.theme import load_theme
    args = sys.argv[1:] if argv is None else argv
    target = Path(args[0]) if args else template_path()
    data = make(load_theme())
    if target.is_file() and target.read_bytes() == data:
        print(f"{target}: up to date")
        return 0
    target.write_bytes(data)
    print(f"{target}: written ({len(data)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
