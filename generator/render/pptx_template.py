"""PPTX templates: opening a user's presentation, and finding its layouts, title slots and ink.

A template's own sample slides are removed; slides then go on the layouts found by
role (the type PowerPoint writes, then words in the layout's name), falling back to
blank or the sparest layout.
"""

from __future__ import annotations

from pathlib import Path

from pptx import Presentation

from generator.errors import RenderError

# Layouts by role: the type attribute PowerPoint writes, then words in the layout's name.
LAYOUTS = {
    "title": (("title", "ctrTitle"), ("title slide",)),
    "section": (("secHead",), ("section header", "section")),
    "title_only": (("titleOnly",), ("title only",)),
    "blank": (("blank",), ("blank",)),
}


def open_presentation(template: str | Path | None):
    """python-pptx's default presentation, or the user's template with its sample slides removed."""
    if template is None:
        return Presentation()
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
    return {role: find_layout(prs, role) or blank for role in ("title", "section", "title_only")}


def title_slot(layout) -> tuple[str, int | None]:
    """The type and idx of the layout's title placeholder; ("title", None) if it has none."""
    for ph in layout.element.xpath("./p:cSld/p:spTree/p:sp/p:nvSpPr/p:nvPr/p:ph"):
        if ph.get("type") in ("title", "ctrTitle"):
            idx = ph.get("idx")
            return ph.get("type"), int(idx) if idx else None
    return "title", None


# --- the template's colours -------------------------------------------------------


def template_ink(prs) -> str:
    """The template's text colour: its master title style, else its title placeholder's text, else tx1."""
    master = prs.slide_master.element
    for query in ("./p:txStyles/p:titleStyle/a:lvl1pPr/a:defRPr/a:solidFill/*",
                  "./p:cSld/p:spTree/p:sp[p:nvSpPr/p:nvPr/p:ph[@type='title' or @type='ctrTitle']]"
                  "/p:txBody//a:solidFill/*"):
        for found in master.xpath(query):
            value = _color_value(found)
            if value:
                return value
    return "tx1"


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
