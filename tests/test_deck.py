"""The conference deck: slide scenes, the PPTX package, LibreOffice's rendering of it, and user templates."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pdfplumber
import pytest
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

import synthetic
from scene_checks import overlapping_pairs, texts
from generator.errors import OptionError, RenderError
from generator.style import deck_format
from generator.layout.deck import AutospacedChain, DeckChain, layout_deck, script_changes
from generator.load import load
from generator.render import pptx as deck_render
from generator.render import pptx_template
from generator.render.deck_template import open_own
from generator.render.pptx import render_pptx
from generator.scene import Document, Group, Link, Page, Rect, Text

DATA = Path(__file__).resolve().parent.parent / "data" / "container-history.yaml"
IMPRESS_TEMPLATES = Path("/usr/lib/libreoffice/share/template/common/presnt")
NS = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main",
      "p": "http://schemas.openxmlformats.org/presentationml/2006/main"}
HANGUL = re.compile("[\uac00-\ud7a3]")


def squash(text: str) -> str:
    """Text without any whitespace, to compare across line breaks and PDF word spacing."""
    return "".join(text.split())


@pytest.fixture(scope="module")
def timeline():
    return load(DATA)


@pytest.fixture(scope="module")
def docs(timeline, style):
    return {lang: layout_deck(timeline, lang, style.with_icons(timeline)) for lang in ("en", "ko")}


@pytest.fixture(scope="module")
def decks(docs, theme, tmp_path_factory):
    """The container-history deck in English and Korean, as .pptx files."""
    folder = tmp_path_factory.mktemp("deck")
    paths = {}
    for lang, doc in docs.items():
        paths[lang] = folder / f"deck-{lang}.pptx"
        render_pptx(doc, paths[lang], theme)
    return paths


def missing(reason: str) -> None:
    """Skip on a developer's machine without LibreOffice; fail in CI, where it must be installed."""
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


def soffice_convert(files: list[Path], target: str, outdir: Path) -> None:
    """Convert files with LibreOffice in its own profile; skip the test where it is not installed."""
    binary = shutil.which("soffice") or shutil.which("libreoffice")
    if binary is None:
        missing("LibreOffice (soffice) is not installed; ./setup.sh --test installs it")
    profile = outdir / "lo-profile"
    subprocess.run([binary, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", target,
                    "--outdir", str(outdir), *map(str, files)], check=True, capture_output=True, timeout=300)


@pytest.fixture(scope="module")
def pdfs(decks, tmp_path_factory):
    """Both decks converted to PDF by LibreOffice in one run."""
    folder = tmp_path_factory.mktemp("deck-pdf")
    soffice_convert(list(decks.values()), "pdf", folder)
    return {lang: folder / f"{path.stem}.pdf" for lang, path in decks.items()}


# --- the scene ------------------------------------------------------------------------


def test_slides_come_in_order(docs, timeline):
    kinds = [page.kind for page in docs["en"].pages]
    assert kinds[0] == "title" and kinds[-1] == "sources" and kinds[1] == "overview"
    assert kinds.count("section") == len(timeline.eras)
    events = [page for page in docs["en"].pages if page.kind == "event"]
    assert [page.title for page in events] == [e.title.get("en") for e in timeline.events]
    first_event = kinds.index("event")
    assert kinds[first_event - 1] == "section"


def test_every_slide_has_one_title_text_and_notes(docs):
    for doc in docs.values():
        for page in doc.pages:
            titles = [t for t in texts(page) if t.role == "title"]
            assert len(titles) == 1, page.title
            assert squash(titles[0].text) == squash(page.title)
            assert page.notes.strip()
            assert [t.role for t in texts(page)][-1] == "slide_number"


def test_event_notes_hold_summary_full_date_and_source_urls(docs, timeline):
    for lang, doc in docs.items():
        notes = {page.title: page.notes for page in doc.pages if page.kind == "event"}
        for event in timeline.events:
            note = notes[event.title.get(lang)]
            assert event.summary.get(lang) in note
            assert event.date.format(lang) in note
            for source in event.sources:
                assert source.url in note
    garden = next(p for p in docs["en"].pages if p.title == "Cloud Foundry garden-runc")
    assert "After Jul 2015 (Jul 2015)" in garden.notes


@pytest.mark.parametrize("aspect,width", [("16:9", 960), ("4:3", 720)])
@pytest.mark.parametrize("lang", ["en", "ko"])
def test_text_never_overlaps_and_stays_on_the_slide(timeline, style, lang, aspect, width):
    doc = layout_deck(timeline, lang, style.with_icons(timeline), deck_format(aspect))
    for page in doc.pages:
        assert (page.width, page.height) == (width, 540)
        assert not overlapping_pairs([t.box for t in texts(page)]), page.title
        for text in texts(page):
            assert text.box.inside(page.trim), (page.title, text.text)
            assert text.size >= 6
            for line in text.lines:
                assert all(text.x - 0.5 <= r.x and r.x + r.width <= text.x + text.w + 0.5 for r in line.runs)


def test_a_dense_timeline_has_one_overview_and_zoomed_era_slides(tmp_path, style):
    dense = load(synthetic.write(synthetic.dense(60), tmp_path / "dense.yaml"))
    doc = layout_deck(dense, "en", style.with_icons(dense))
    overviews = [page for page in doc.pages if page.kind == "overview"]
    assert len(overviews) == 1
    marks = [item for item in overviews[0].items if isinstance(item, Rect) and item.role == "mark"]
    assert len(marks) == 60
    labels = [t for t in texts(overviews[0]) if t.role == "label"]
    assert 3 <= len(labels) < 60 and all(t.size >= 18 for t in labels)
    sections = [page for page in doc.pages if page.kind == "section"]
    cards = [t for page in sections for t in texts(page) if t.role == "card_title"]
    assert len(cards) == 60 and all(t.size >= 14 for t in cards)
    assert any(page.title.startswith("Early (") for page in sections)


def test_an_unknown_aspect_is_refused():
    with pytest.raises(OptionError, match="16:9"):
        deck_format("3:2")


def test_korean_is_measured_with_libreoffices_asian_latin_spacing(fonts):
    assert script_changes("Docker와 Kubernetes") == 2
    assert script_changes("유닉스인 FreeBSD 4.0에 Jail이 도입") == 4
    assert script_changes("A plain English line") == 0
    plain = fonts.chain("body")
    spaced = AutospacedChain(plain)
    assert spaced.width("Docker와", 20) == pytest.approx(plain.width("Docker와", 20) + 5)
    assert spaced.width("Docker", 20) == plain.width("Docker", 20)
    assert DeckChain(plain).width("Docker와", 20) == pytest.approx(spaced.width("Docker와", 20) * 1.04)


# --- the PPTX package ------------------------------------------------------------------


def slide_xml(slide):
    return slide.element


def test_titles_are_in_title_placeholders(decks, docs):
    for lang, path in decks.items():
        prs = Presentation(str(path))
        assert len(prs.slides) == len(docs[lang].pages)
        for slide, page in zip(prs.slides, docs[lang].pages):
            title = slide.shapes.title
            assert title is not None, page.title
            assert squash(title.text_frame.text) == squash(page.title)
            assert title.placeholder_format.type in (1, 3)  # TITLE, CENTER_TITLE


def test_text_boxes_wrap_never_autofit_and_have_no_insets(decks, docs):
    prs = Presentation(str(decks["en"]))
    for slide in prs.slides:
        for body in slide_xml(slide).xpath(".//p:txBody/a:bodyPr"):
            assert body.get("wrap") == "square"
            assert [body.get(k) for k in ("lIns", "tIns", "rIns", "bIns")] == ["0"] * 4
            assert body.find("a:noAutofit", NS) is not None
    first_event = next(i for i, p in enumerate(docs["en"].pages) if p.kind == "event")
    summary = docs["en"].pages[first_event].items
    lines = [t for t in summary if isinstance(t, Text) and t.role == "summary"][0].lines
    paragraphs = [p for p in prs.slides[first_event].shapes if p.has_text_frame
                  and squash(p.text_frame.text) == squash("".join(line.text for line in lines))]
    assert len(paragraphs[0].text_frame.paragraphs) == len(lines)


def test_icons_are_custom_geometry_with_curves_and_alt_text(decks, docs, timeline):
    prs = Presentation(str(decks["en"]))
    names = {e.icon for e in timeline.events}
    for slide, page in zip(prs.slides, docs["en"].pages):
        icons = [sp for sp in slide_xml(slide).xpath(".//p:sp[p:spPr/a:custGeom]")]
        if page.kind == "event":
            own = [sp for sp in icons if sp.xpath("./p:nvSpPr/p:cNvPr/@descr") == [page.title]]
            assert own, page.title
            assert own[0].xpath(".//a:cubicBezTo") or own[0].xpath(".//a:lnTo")
            assert own[0].xpath("./p:spPr/a:solidFill")
        for sp in icons + slide_xml(slide).xpath(".//p:pic"):
            alt = sp.xpath("./*/p:cNvPr/@descr")
            assert alt and alt[0].strip(), page.title
            assert alt[0] not in names and not re.search(r"\.(svg|png|jpe?g)$", alt[0], re.I)
    assert any(slide_xml(s).xpath(".//a:cubicBezTo") for s in prs.slides)


def test_korean_runs_carry_an_east_asian_font(decks):
    """Hangul runs name the East Asian font; their Latin font is the theme's (+mj-lt/+mn-lt), which is Arial."""
    prs = Presentation(str(decks["ko"]))
    with zipfile.ZipFile(decks["ko"]) as package:
        theme = package.read("ppt/theme/theme1.xml").decode()
    fonts = dict(re.findall(r'<a:(major|minor)Font><a:latin typeface="([^"]*)"', theme))
    theme_latin = {"+mj-lt": fonts["major"], "+mn-lt": fonts["minor"]}
    found = 0
    for slide in prs.slides:
        for run in slide_xml(slide).xpath(".//a:r"):
            text = run.findtext("a:t", namespaces=NS) or ""
            if HANGUL.search(text):
                found += 1
                props = run.find("a:rPr", NS)
                assert props.get("lang") == "ko-KR"
                assert props.find("a:ea", NS).get("typeface") == "Malgun Gothic"
                assert theme_latin[props.find("a:latin", NS).get("typeface")] == "Arial"
    assert found > 100


def test_fonts_used_and_fixed_dates_are_in_the_properties(decks):
    with zipfile.ZipFile(decks["ko"]) as package:
        app = package.read("docProps/app.xml").decode()
        assert {info.date_time for info in package.infolist()} == {(2026, 11, 28, 0, 0, 0)}
    assert "<vt:lpstr>Fonts Used</vt:lpstr>" in app
    assert "<vt:lpstr>Arial</vt:lpstr>" in app and "<vt:lpstr>Malgun Gothic</vt:lpstr>" in app
    props = Presentation(str(decks["ko"])).core_properties
    assert props.created == props.modified == dt.datetime(2026, 11, 28)
    assert props.language == "ko-KR"


def test_slides_are_numbered_and_carry_notes(decks, docs):
    prs = Presentation(str(decks["en"]))
    for number, (slide, page) in enumerate(zip(prs.slides, docs["en"].pages), 1):
        fields = slide_xml(slide).xpath(".//a:fld[@type='slidenum']")
        assert [f.findtext("a:t", namespaces=NS) for f in fields] == [str(number)]
        assert slide.notes_slide.notes_text_frame.text == page.notes


def test_the_same_input_gives_the_same_bytes(docs, theme, tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    first, second = tmp_path / "a.pptx", tmp_path / "b.pptx"
    render_pptx(docs["en"], first, theme)
    render_pptx(docs["en"], second, theme)
    assert first.read_bytes() == second.read_bytes()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    render_pptx(docs["en"], second, theme)
    with zipfile.ZipFile(second) as package:
        assert {info.date_time for info in package.infolist()} == {(2023, 11, 14, 22, 13, 20)}
    assert Presentation(str(second)).core_properties.created == dt.datetime(2023, 11, 14, 22, 13, 20)


def test_a_raster_icon_is_embedded_once_and_described_by_the_event(tmp_path, theme, style):
    Image.new("RGB", (64, 48), "#336699").save(tmp_path / "logo.png")
    (tmp_path / "data.yaml").write_text(
        "title: Logos\nevents:\n"
        "  - {id: one, date: 2001, title: First launch, icon: logo.png}\n"
        "  - {id: two, date: 2003, title: Second launch, icon: logo.png}\n", encoding="utf-8")
    timeline = load(tmp_path / "data.yaml")
    doc = layout_deck(timeline, "en", style.with_icons(timeline))
    out = tmp_path / "logos.pptx"
    render_pptx(doc, out, theme)
    with zipfile.ZipFile(out) as package:
        media = [n for n in package.namelist() if n.startswith("ppt/media/")]
    prs = Presentation(str(out))
    described = [pic.xpath("./p:nvPicPr/p:cNvPr/@descr")[0] for s in prs.slides for pic in
                 slide_xml(s).xpath(".//p:pic")]
    assert len(media) == 1
    assert {"First launch", "Second launch"} <= set(described)
    assert not any("logo" in d for d in described)


def test_building_does_not_rescan_the_package_per_slide(docs, theme, monkeypatch):
    """python-pptx's add_slide and notes_slide walk every part or relationship per slide; ours must not."""
    from pptx.opc.package import OpcPackage, _Relationships

    scans = []
    walk, index = OpcPackage.iter_parts, _Relationships._rels_by_reltype

    def counted_walk(self):
        scans.append("parts")
        return walk(self)

    def counted_index(self):
        if len(self) > 40:
            scans.append("rels")
        return index.fget(self)

    monkeypatch.setattr(OpcPackage, "iter_parts", counted_walk)
    monkeypatch.setattr(_Relationships, "_rels_by_reltype", property(counted_index))
    counts = []
    for repeat in (1, 8):
        doc = Document(docs["en"].pages * repeat, docs["en"].fonts)
        writer = deck_render.DeckWriter(open_own(theme, 960, 540), doc, theme)
        scans.clear()
        for page in doc.pages:
            writer.add(page)
        counts.append(len(scans))
    assert counts == [0, 0]


def test_a_page_without_title_text_still_gets_a_title_and_links_stay_clickable(theme, tmp_path):
    page = Page(960, 540, (Rect(10, 10, 100, 50, fill="#336699"), Link(10, 10, 100, 50, "https://example.org/x")),
                title="Hidden title", notes="n", kind="event")
    out = tmp_path / "bare.pptx"
    render_pptx(Document((page,), ()), out, theme)
    slide = Presentation(str(out)).slides[0]
    assert slide.shapes.title.text_frame.text == "Hidden title"
    assert slide.shapes.title.top < 0
    assert "https://example.org/x" in [r.target_ref for r in slide.part.rels.values() if r.is_external]
    with pytest.raises(RenderError, match="Group"):
        render_pptx(Document((Page(960, 540, (Group(page, 0, 0),), title="x"),), ()), out, theme)


# --- templates ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def impress_template(tmp_path_factory):
    """One of LibreOffice's bundled Impress templates, converted to .pptx (not made by this project)."""
    candidates = sorted(IMPRESS_TEMPLATES.glob("*.otp"))
    if not candidates:
        missing("no LibreOffice Impress templates installed")
    source = next((c for c in candidates if c.stem == "Blueprint_Plans"), candidates[0])
    folder = tmp_path_factory.mktemp("template")
    soffice_convert([source], "pptx", folder)
    return folder / f"{source.stem}.pptx"


def test_a_deck_on_a_user_template_uses_its_masters_and_layouts(impress_template, docs, theme, tmp_path):
    template = Presentation(str(impress_template))
    assert len(template.slides) > 0
    layouts = {id(layout.element): layout.name for m in template.slide_masters for layout in m.slide_layouts}
    out = tmp_path / "templated.pptx"
    render_pptx(docs["en"], out, theme, template=impress_template)
    prs = Presentation(str(out))
    assert len(prs.slides) == len(docs["en"].pages)
    assert len(prs.slide_masters) == len(template.slide_masters)
    assert prs.slide_width == template.slide_width
    names = {layout.name for m in template.slide_masters for layout in m.slide_layouts}
    used = [slide.slide_layout.name for slide in prs.slides]
    assert set(used) <= names and layouts
    kinds = [page.kind for page in docs["en"].pages]
    assert used[kinds.index("title")] == "Title Slide"
    assert used[kinds.index("event")] == "Title, Content"
    assert used[kinds.index("overview")] == "Title Only"
    template_media = {n for n in zipfile.ZipFile(impress_template).namelist() if n.startswith("ppt/media/")}
    with zipfile.ZipFile(out) as package:
        assert template_media & set(package.namelist())
    for slide in prs.slides:
        assert slide.shapes.title is not None


def test_a_template_without_a_section_layout_falls_back_to_blank_with_our_title(impress_template, docs,
                                                                               theme, tmp_path):
    prs = Presentation(str(impress_template))
    assert pptx_template.find_layout(prs, "section") is None
    out = tmp_path / "templated.pptx"
    render_pptx(docs["en"], out, theme, template=impress_template)
    built = Presentation(str(out))
    kinds = [page.kind for page in docs["en"].pages]
    section = built.slides[kinds.index("section")]
    assert section.slide_layout.element.get("type") == "blank"
    assert section.shapes.title.text_frame.text == docs["en"].pages[kinds.index("section")].title


@pytest.mark.parametrize("content", [b"not a presentation", b"PK\x03\x04broken zip"])
def test_a_file_that_is_not_a_pptx_is_a_clear_error(content, docs, theme, tmp_path):
    bad = tmp_path / "template.pptx"
    bad.write_bytes(content)
    with pytest.raises(RenderError, match=r"template\.pptx: not a PowerPoint \.pptx template"):
        render_pptx(docs["en"], tmp_path / "out.pptx", theme, template=bad)
    with pytest.raises(RenderError, match="not found"):
        render_pptx(docs["en"], tmp_path / "out.pptx", theme, template=tmp_path / "missing.pptx")


# --- as LibreOffice draws it -----------------------------------------------------------------


def all_shapes(shapes):
    """Every shape, with the shapes inside groups."""
    for shape in shapes:
        if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
            yield from all_shapes(shape.shapes)
        else:
            yield shape


def text_boxes(pptx: Path) -> list[list[tuple[float, float, float, float]]]:
    """Per slide, the boxes (points) of every shape that holds text."""
    slides = []
    for slide in Presentation(str(pptx)).slides:
        boxes = [(s.left / 12700, s.top / 12700, (s.left + s.width) / 12700, (s.top + s.height) / 12700)
                 for s in all_shapes(slide.shapes) if s.has_text_frame and s.text_frame.text.strip()]
        slides.append(boxes)
    return slides


def holder(word: dict, boxes, tol: float = 1.5) -> int | None:
    for index, (x0, y0, x1, y1) in enumerate(boxes):
        if (word["x0"] >= x0 - tol and word["x1"] <= x1 + tol and word["top"] >= y0 - tol
                and word["bottom"] <= y1 + tol):
            return index
    return None


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_libreoffice_keeps_every_word_in_its_box_without_overlaps(lang, pdfs, decks):
    slides = text_boxes(decks[lang])
    with pdfplumber.open(str(pdfs[lang])) as pdf:
        assert len(pdf.pages) == len(slides)
        for number, (page, boxes) in enumerate(zip(pdf.pages, slides), 1):
            words = page.extract_words()
            assert words, f"slide {number} has no text"
            owners = []
            for word in words:
                assert 0 <= word["x0"] and word["x1"] <= page.width and 0 <= word["top"] \
                    and word["bottom"] <= page.height, (number, word["text"])
                owner = holder(word, boxes)
                assert owner is not None, f"slide {number}: {word['text']!r} leaves its text box"
                owners.append(owner)
            for i, a in enumerate(words):
                for j in range(i + 1, len(words)):
                    b = words[j]
                    if owners[i] != owners[j] and a["x0"] < b["x1"] - 0.3 and b["x0"] < a["x1"] - 0.3 \
                            and a["top"] < b["bottom"] - 0.3 and b["top"] < a["bottom"] - 0.3:
                        pytest.fail(f"slide {number}: {a['text']!r} overlaps {b['text']!r}")


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_libreoffice_shows_every_title_event_and_source(lang, pdfs, docs, timeline):
    doc = docs[lang]
    with pdfplumber.open(str(pdfs[lang])) as pdf:
        pages = [squash(page.extract_text() or "") for page in pdf.pages]
    for text, page in zip(pages, doc.pages):
        assert squash(page.title) in text, page.title
    everything = "".join(pages)
    for event in timeline.events:
        assert squash(event.title.get(lang)) in everything
        assert squash(event.summary.get(lang)) in everything
    closing = "".join(t for t, p in zip(pages, doc.pages) if p.kind == "sources")
    for source in timeline.cited_sources():
        assert source.url in closing


# --- the clickable talk in the deck's PDF -------------------------------------------------------------


def pdf_link_targets(pdf_path: Path) -> tuple[list[set[int]], list[str]]:
    """Per page of a PDF, the page numbers (1-based) its link annotations go to; and each page's text."""
    from pypdf import PdfReader
    reader = PdfReader(str(pdf_path))
    number = {page.indirect_reference.idnum: n for n, page in enumerate(reader.pages, 1)}
    targets = []
    for page in reader.pages:
        found = set()
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            if annot.get("/Subtype") != "/Link":
                continue
            dest = annot.get("/Dest")
            action = annot.get("/A")
            if dest is None and action is not None and action.get_object().get("/S") == "/GoTo":
                dest = action.get_object().get("/D")
            if isinstance(dest, str) or dest is None:
                dest = reader.named_destinations.get(str(dest)) if dest else None
                dest = [dest.page] if dest is not None else None
            if dest:
                found.add(number[dest[0].idnum])
        targets.append(found)
    return targets, [squash(page.extract_text() or "") for page in reader.pages]


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_pdf_of_the_deck_links_the_overview_to_every_event_and_each_event_back_to_its_era(lang, pdfs, docs,
                                                                                               timeline):
    """LibreOffice's PDF of the deck keeps the clickable talk: GoTo links to the right pages, both ways."""
    targets, text = pdf_link_targets(pdfs[lang])
    pages = docs[lang].pages
    assert len(targets) == len(pages)
    kinds = [page.kind for page in pages]
    overview = kinds.index("overview") + 1
    for event in timeline.events:
        title = event.title.get(lang)
        slide = next(n for n, page in enumerate(pages, 1) if page.kind == "event" and page.title == title)
        assert squash(title) in text[slide - 1], f"page {slide} of the PDF is not {title!r}"
        assert slide in targets[overview - 1], f"the overview does not link to {title!r} (page {slide})"
        era = timeline.era_of(event)
        section = max(n for n in range(1, slide) if kinds[n - 1] == "section")
        assert squash(era.label.get(lang)) in text[section - 1]
        assert section in targets[slide - 1], f"{title!r} (page {slide}) does not link back to page {section}"
        assert slide in targets[section - 1], f"the era slide (page {section}) does not link to {title!r}"
    for number, page in enumerate(pages, 1):
        if page.kind == "event":       # continuation slides too
            section = max(n for n in range(1, number) if kinds[n - 1] == "section")
            assert section in targets[number - 1], page.title


def test_link_index_finds_the_same_first_link_as_a_scan_of_every_link():
    from hypothesis import given, settings, strategies as st
    from generator.render.pptx import LinkIndex
    from generator.scene import Box, Link

    coord = st.floats(-100, 1100, allow_nan=False)
    size = st.floats(0, 400, allow_nan=False)
    links = st.lists(st.builds(Link, coord, coord, size, size, st.just(""), st.integers(0, 5)), max_size=30)
    boxes = st.lists(st.builds(Box, coord, coord, size, size), min_size=1, max_size=20)

    @settings(max_examples=200, deadline=None)
    @given(links, boxes)
    def check(links, boxes):
        index = LinkIndex(links)
        for box in boxes:
            scan = [i for i, link in enumerate(links)
                    if link.page and box.inside(Box(link.x, link.y, link.w, link.h), tol=1.0)]
            found = [i for i in index.covering(box)
                     if links[i].page and box.inside(Box(links[i].x, links[i].y, links[i].w, links[i].h), tol=1.0)]
            assert found == scan

    check()


def test_a_deck_laid_out_first_names_every_font_its_slides_use(tmp_path):
    """The deck measures with its own copy of the fonts: faces only that copy fell back on are the document's too.

    In a fresh process (nothing laid out before), `handout --slides 3` of Arabic data drew
    its bold titles in a face the document did not list.
    """
    root = Path(__file__).resolve().parent.parent
    data = root / "tests" / "data" / "scripts" / "ar-computing.yaml"
    out = tmp_path / "slides.pdf"
    result = subprocess.run([sys.executable, "-m", "generator", "handout", str(data), "--slides", "3", "-o", str(out)],
                            cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    with pdfplumber.open(out) as pdf:
        used = {char["fontname"].split("+")[-1] for page in pdf.pages for char in page.chars}
    assert "NotoSansArabic-Bold" in used
