"""The wall poster: header, legend, the timeline, and a footer with sources, credits and a QR code."""

from __future__ import annotations

from dataclasses import replace

from generator.errors import LayoutError
from generator.layout.context import Context
from generator.layout.timeline import timeline_items
from generator.model import Timeline
from generator.qr import qr_items
from generator.scene import Box, Document, Line, Link, Page, Rect
from generator.sizes import MM
from generator.style import PosterFormat, Style
from generator.text import block_height, text_block, wrap

GROW_STEPS = (3.0, 2.4, 1.8, 1.5, 1.25, 1.1)   # roomy timelines get larger cards and type
SHRINK_STEPS = (1.0, 0.9, 0.8, 0.7, 0.6, 0.5)
NARROW_STEPS = (1.0, 0.85, 0.7, 0.55)
WORDS = {
    "en": {"sources": "Sources", "scan": "Scan for the source", "made": "Made with timeline-generator"},
    "ko": {"sources": "출처", "scan": "QR: 출처 보기", "made": "timeline-generator로 만듦"},
}


def words(lang: str) -> dict:
    return WORDS.get(lang, WORDS["en"])


def safe_inset(ctx: Context) -> float:
    """The print safe zone inside the trim: the theme's (5 mm) on A0, scaled with the sheet, at least 3 mm."""
    return max(ctx.theme.spacing["safe_zone_mm"] * MM * ctx.scale, 3 * MM)


def layout_poster(timeline: Timeline, lang: str, style: Style, fmt: PosterFormat) -> Document:
    """Lay out the poster on the format's trim (width x height points), with its bleed and crop marks."""
    width, height, bleed = fmt.width, fmt.height, fmt.bleed
    base = Context.for_sheet(timeline, lang, style, width, height)
    margin = max(base.space("margin"), safe_inset(base))
    frame = [Rect(-bleed, -bleed, width + 2 * bleed, height + 2 * bleed, fill=base.color("background"),
                  role="background")]
    header, top = _header(base, width, margin, bleed)
    legend, top = _legend(base, width, margin, top)
    footer, bottom = _footer(base, width, height, margin)
    region = Box(margin, top, width - 2 * margin, bottom - top)
    body = fit_timeline(base, region)
    slug = 0.0
    marks: list = []
    if fmt.crop_marks:
        slug = max(12 * MM * base.scale, 9 * MM)
        marks = _crop_marks(width, height, bleed, slug, base.theme.tiles["colors"]["ink"],
                            base.theme.spacing["crop_mark"])
    page = Page(width, height, tuple(frame + header + legend + list(body) + footer + marks), bleed=bleed,
                slug=slug, title=base.text(timeline.title), kind="poster")
    return Document((page,), style.fonts.faces(), title=base.text(timeline.title), author=timeline.meta.author,
                    subject=base.text(timeline.subtitle) if timeline.subtitle else "", lang=lang,
                    date=timeline.meta.date)


def fit_timeline(base: Context, region: Box) -> tuple:
    """The timeline at the largest card type that fits; then without summaries; else a clear error."""
    try:
        plain = timeline_items(base, region)
    except LayoutError:
        plain = None
    if plain is not None:
        for grow in GROW_STEPS:
            try:
                grown = timeline_items(replace(base, shrink=grow, narrow=grow), region)
            except LayoutError:
                continue
            if leader_ink(grown) <= leader_ink(plain) * 1.25 * grow:   # bigger, but cards stay near their dates
                return grown
        return plain
    tried = {(True, 1.0) + tuple(base.size(r) for r in ("event_title", "date", "summary"))}
    for with_summary in (True, False):
        for shrink in SHRINK_STEPS:
            for narrow in NARROW_STEPS:
                ctx = replace(base, shrink=shrink, narrow=narrow)
                key = (with_summary, narrow) + tuple(ctx.size(r) for r in ("event_title", "date", "summary"))
                if key in tried:
                    continue
                tried.add(key)
                try:
                    return timeline_items(ctx, region, with_summary=with_summary)
                except LayoutError as exc:
                    last = exc
    smallest = replace(base, shrink=SHRINK_STEPS[-1], narrow=NARROW_STEPS[-1])
    fitted = _how_many_fit(smallest, region)
    total = len(base.timeline.events)
    raise LayoutError(f"{total - fitted} of {total} events do not fit on this sheet even without summaries "
                      f"at the smallest legible type ({last}); use a larger sheet (--size) "
                      f"or the other orientation")


def leader_ink(items) -> float:
    """Total length of the leader lines: how far cards sit from their dates."""
    return sum(abs(i.x2 - i.x1) + abs(i.y2 - i.y1) for i in items
               if isinstance(i, Line) and i.role.startswith("leader "))


def _how_many_fit(ctx: Context, region: Box) -> int:
    """The largest number of leading events that can be laid out (binary search)."""
    events = ctx.timeline.events
    lo, hi = 0, len(events)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        try:
            timeline_items(ctx, region, events[:mid], with_summary=False)
            lo = mid
        except LayoutError:
            hi = mid - 1
    return lo


def _header(ctx: Context, width: float, margin: float, bleed: float) -> tuple[list, float]:
    title_size, sub_size = ctx.size("title"), ctx.size("subtitle")
    inner = width - 2 * margin
    title = wrap(ctx.text(ctx.timeline.title), ctx.chain("title"), title_size, inner)
    y = margin
    blocks = [text_block(title, ctx.chain("title"), title_size, margin, y, inner, ctx.color("header_text"),
                         role="title", lang=ctx.lang)]
    y += block_height(len(title), title_size)
    if ctx.timeline.subtitle:
        sub = wrap(ctx.text(ctx.timeline.subtitle), ctx.chain("subtitle"), sub_size, inner)
        y += sub_size * 0.2
        blocks.append(text_block(sub, ctx.chain("subtitle"), sub_size, margin, y, inner,
                                 ctx.color("header_muted"), role="subtitle", lang=ctx.lang))
        y += block_height(len(sub), sub_size)
    bottom = y + margin * 0.6
    band = Rect(-bleed, -bleed, width + 2 * bleed, bottom + bleed, fill=ctx.color("header_background"),
                role="header")
    return [band] + blocks, bottom + ctx.space("gap") * 1.5


def _legend(ctx: Context, width: float, margin: float, top: float) -> tuple[list, float]:
    categories = ctx.timeline.categories
    if not categories:
        return [], top
    size, chain = ctx.size("legend"), ctx.chain("legend")
    swatch, gap = size * 0.9, size * 1.4
    x, y, items = margin, top, []
    step = block_height(1, size)
    for category in categories:
        label = category.label.get(ctx.lang)
        w = chain.width(label, size) + 1
        if x + swatch + size * 0.4 + w > width - margin and x > margin:
            x, y = margin, y + step * 1.2
        color = ctx.category_of(category)
        items.append(Rect(x, y + (step - swatch) / 2, swatch, swatch, fill=color, radius=swatch * 0.2,
                          role="legend"))
        items.append(text_block([label], chain, size, x + swatch + size * 0.4, y, w, ctx.color("text"),
                                role="legend", lang=ctx.lang))
        x += swatch + size * 0.4 + w + gap
    return items, y + step + ctx.space("gap") * 1.5


def _footer(ctx: Context, width: float, height: float, margin: float) -> tuple[list, float]:
    size, chain = ctx.size("footer"), ctx.chain("footer")
    timeline = ctx.timeline
    sources = timeline.cited_sources()
    url = timeline.meta.url or (sources[0].url if sources else "")
    qr = max(size * 6, 16 * MM) if url else 0.0
    inner = width - 2 * margin - (qr + ctx.space("gap") * 2 if qr else 0)
    columns = 2 if inner > size * 60 else 1
    col_w = (inner - ctx.space("gap") * (columns - 1)) / columns
    entries = [wrap(f"{i}. {s.title}: {s.url}", chain, size, col_w) for i, s in enumerate(sources, 1)]
    per_col = _balance([len(e) for e in entries], columns)
    credit = " · ".join(p for p in (timeline.meta.author, timeline.meta.license, timeline.meta.date,
                                    words(ctx.lang)["made"]) if p)
    credit_lines = wrap(credit, chain, size, inner)
    heading = block_height(1, size)
    body_h = max([block_height(sum(len(e) for e in col), size) for col in _split(entries, per_col)] or [0])
    caption = wrap(words(ctx.lang)["scan"], chain, size, max(qr, 1)) if qr else []
    text_h = heading + body_h + size * 0.5 + block_height(len(credit_lines), size)
    qr_h = qr + size * 0.3 + block_height(len(caption), size) if qr else 0
    top = height - margin - max(text_h, qr_h)
    items: list = [Line(margin, top - ctx.space("gap"), width - margin, top - ctx.space("gap"),
                        ctx.color("card_border"), ctx.space("line") / 2, role="rule")]
    if sources:
        items.append(text_block([words(ctx.lang)["sources"]], ctx.chain("heading"), size, margin, top, inner,
                                ctx.color("text"), role="footer", lang=ctx.lang))
    for c, column in enumerate(_split(entries, per_col)):
        x, y = margin + c * (col_w + ctx.space("gap")), top + heading
        for lines in column:
            items.append(text_block(lines, chain, size, x, y, col_w, ctx.color("muted"), role="source",
                                    lang=ctx.lang))
            y += block_height(len(lines), size)
    items.append(text_block(credit_lines, chain, size, margin, top + heading + body_h + size * 0.5, inner,
                            ctx.color("muted"), role="credits", lang=ctx.lang))
    if qr:
        qx = width - margin - qr
        items += qr_items(url, qx, top, qr, ctx.color("text"))
        items.append(Link(qx, top, qr, qr, url))
        items.append(text_block(caption, chain, size, qx, top + qr + size * 0.3, qr, ctx.color("muted"),
                                "center", role="caption", lang=ctx.lang))
    return items, top - ctx.space("gap") * 2.5


def _balance(heights: list[int], columns: int) -> list[int]:
    """How many entries go in each column so the columns are about even."""
    if columns == 1 or not heights:
        return [len(heights)]
    total, run, first = sum(heights), 0, 0
    for i, h in enumerate(heights):
        if run + h / 2 > total / 2:
            break
        run += h
        first = i + 1
    return [first, len(heights) - first]


def _split(entries: list, counts: list[int]) -> list[list]:
    out, start = [], 0
    for n in counts:
        out.append(entries[start:start + n])
        start += n
    return out


def _crop_marks(width: float, height: float, bleed: float, slug: float, ink: str, stroke: float) -> list:
    """Trim marks in the slug, outside the bleed, at each corner."""
    offset, length = bleed + slug * 0.2, slug * 0.7
    marks = []
    for x in (0.0, width):
        for y in (0.0, height):
            sx = -1 if x == 0 else 1
            sy = -1 if y == 0 else 1
            marks.append(Line(x + sx * offset, y, x + sx * (offset + length), y, ink, stroke, role="crop"))
            marks.append(Line(x, y + sy * offset, x, y + sy * (offset + length), ink, stroke, role="crop"))
    return marks
