"""PNG previews: the PDF we print, rendered by PDFium (pypdfium2), so what you see is what prints.

Every page of the PDF becomes one picture of its full media box (trim, bleed and slug) at
`dpi` pixels per inch: a page w x h points gives round(w * dpi / 72) x round(h * dpi / 72)
pixels (also past the PDF page limit, where the PDF counts in larger user units). One page is written to the file asked for; several pages to numbered files beside
it: `poster.png` -> `poster-01.png`, `poster-02.png` ... (two digits, more if needed). Each file
is written through the atomic writer.
"""

from __future__ import annotations

from pathlib import Path

from generator import scene
from generator.errors import RenderError
from generator.output import atomic_path
from generator.render import unknown_primitive

DEFAULT_DPI = 150
MAX_PAGE_PIXELS = 250_000_000


def render_png(doc: scene.Document, out: str | Path, dpi: float = DEFAULT_DPI,
               pages: list[int] | None = None) -> list[Path]:
    """Write pages of a document as PNG previews of its PDF; return the paths written.

    `pages` are 1-based page numbers (all pages if None). A target ending in .png names the
    file for a single page, or the stem for several; any other target is a folder that
    receives page-01.png, page-02.png ...
    """
    from generator.render.pdf import page_unit, pdf_bytes
    _check(doc.pages)
    return pdf_to_png(pdf_bytes(doc), out, dpi, pages, [page_unit(page) for page in doc.pages])


def pdf_to_png(pdf: bytes | Path, out: str | Path, dpi: float = DEFAULT_DPI,
               pages: list[int] | None = None, units: list[int] | None = None) -> list[Path]:
    """Render pages of a PDF (its bytes or its file) to PNG files; return the paths written.

    `units` are the pages' PDF UserUnits (PDFium draws a page in its boxes' numbers and
    ignores the unit, so a page past the PDF page limit is rendered `unit` times larger).
    """
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf if isinstance(pdf, bytes) else str(pdf))
    try:
        numbers = _page_numbers(len(document), pages)
        targets = preview_paths(Path(out), numbers, len(document))
        for number, target in zip(numbers, targets):
            image = _render(document[number - 1], dpi * (units[number - 1] if units else 1))
            with atomic_path(target, keep_suffix=True) as temp:
                try:
                    image.save(temp, "PNG", dpi=(dpi, dpi), compress_level=3)
                except OSError as err:
                    raise RenderError(f"{target}: cannot write ({err.strerror or err})") from None
    finally:
        document.close()
    return targets


def render_page(page: scene.Page, fonts: tuple[scene.FontFace, ...], dpi: float = 72):
    """One scene page as a Pillow RGB image, drawn as its PDF and rendered by PDFium."""
    import pypdfium2 as pdfium

    from generator.render.pdf import page_unit, pdf_bytes
    _check((page,))
    document = pdfium.PdfDocument(pdf_bytes(scene.Document((page,), fonts)))
    try:
        return _render(document[0], dpi * page_unit(page))
    finally:
        document.close()


def pixel_size(width: float, height: float, dpi: float) -> tuple[int, int]:
    """The preview's size in pixels for a page of width x height points."""
    return round(width * dpi / 72), round(height * dpi / 72)


def preview_paths(out: Path, numbers: list[int], count: int) -> list[Path]:
    """Where the previews of these 1-based page numbers go (see the module's note; one page asked: `out`)."""
    digits = max(2, len(str(count)))
    if out.suffix.lower() == ".png":
        if len(numbers) == 1:
            return [out]
        return [out.with_name(f"{out.stem}-{n:0{digits}d}.png") for n in numbers]
    return [out / f"page-{n:0{digits}d}.png" for n in numbers]


def _render(page, dpi: float):
    width, height = page.get_size()
    size = pixel_size(width, height, dpi)
    if size[0] * size[1] > MAX_PAGE_PIXELS:
        raise RenderError(f"a {size[0]}x{size[1]} pixel preview is too large; choose a lower --dpi")
    bitmap = page.render(scale=dpi / 72, rev_byteorder=True)
    image = bitmap.to_pil().convert("RGB")
    if image.size != size:           # PDFium rounds up: trim to the exact size of the page
        image = image.crop((0, 0, *size)) if image.width >= size[0] and image.height >= size[1] \
            else image.resize(size)
    return image


def _page_numbers(count: int, pages: list[int] | None) -> list[int]:
    numbers = list(pages) if pages else list(range(1, count + 1))
    for number in numbers:
        if not 1 <= number <= count:
            raise RenderError(f"page {number} does not exist (the document has {count})")
    return numbers


def _check(pages) -> None:
    """Refuse a primitive the renderers do not know, naming this renderer."""
    from generator.render.pdf import DRAW
    for page in pages:
        for item in page.items:
            if type(item) not in DRAW:
                raise unknown_primitive(PngRenderer.name, item)
            if isinstance(item, scene.Group):
                _check((item.page,))


class PngRenderer:
    """The `Renderer` for PNG previews (every page at `dpi`)."""

    name = "PNG"
    suffixes = (".png",)

    def __init__(self, dpi: float = DEFAULT_DPI):
        self.dpi = dpi

    def render(self, doc: scene.Document, path: Path) -> None:
        render_png(doc, path, self.dpi)
