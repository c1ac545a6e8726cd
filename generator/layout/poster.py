"""The wall poster: header, legend, the timeline, and a footer with sources, credits and a QR code."""

from __future__ import annotations

from dataclasses import replace

from generator.colors import luminance
from generator.errors import LayoutError
from generator.layout.context import Context
from generator.layout.density import Fit, NoFit, fit_timeline, fits_at_all, keeps_all
from generator.layout.lanes import fit_lanes
from generator.layout.marks import marker
from generator.model import Timeline
from generator.qr import qr_items
from generator.scene import Box, Document, Line, Link, Page, Rect
from generator.sizes import A0_SHORT, MM, crop_slug, inner_sheet, larger_sheets
from generator.style import PosterFormat, Style
from generator.text import block_height, text_block, wrap
from generator.words import words
from generator.layout.mirror import mirrored
from generator.scripts import is_rtl_language

def safe_inset(ctx: Context) -> float:
    """The print safe zone inside the trim: the theme's (5 mm) on A0, scaled with the sheet, at least 3 mm."""
    return max(ctx.theme.spacing["safe_zone_mm"] * MM * ctx.scale, 3 * MM)


def layout_poster(timeline: Timeline, lang: str, style: Style, fmt: PosterFormat, draw: bool = True) -> Document:
    """Lay out the poster on the format's trim (width x height points), with its bleed and crop marks.

    Crowded timelines step down the density ladder (see layout.density); the document's `notices`
    say what was shortened ("41 of 300 summaries left out to fit A1"). `fmt.min_type` is a floor
    the user insists on: no rung goes below it, and a sheet too small for it is an error naming
    the smallest standard --size that fits. `draw=False` lays it out to the same fit and notices without
    drawing the timeline (what `check` needs).
    """
    try:
        fit, page, base = poster_page(timeline, lang, style, fmt, draw=draw)
    except NoFit:
        raise LayoutError(_too_small(timeline, lang, style, fmt)) from None
    shortened = fit.summaries_left_out or fit.labels
    return Document((page,), style.fonts.faces(), title=base.text(timeline.title), author=timeline.meta.author,
                    subject=base.text(timeline.subtitle) if timeline.subtitle else "", lang=lang,
                    date=timeline.meta.date,
                    notices=notices(fit, fmt.label or "this sheet",
                                    _keeps_all_on(timeline, lang, style, fmt) if shortened else None),
                    placements=fit.placements)


COMPACT_MARGIN = 10 * MM      # on A0 (scaled): the margin of a poster that needs every point of its sheet


def poster_page(timeline: Timeline, lang: str, style: Style, fmt: PosterFormat, memos: dict | None = None,
                draw: bool = True):
    """(fit, page, context) of the poster: with the theme's margins, else (crowded) with narrow ones.

    On a custom sheet, type grows with the sheet only while that costs no events: when this sheet's own
    scale leaves anything out, the timeline is laid out as on the largest standard sheet inside it (that
    sheet's type, spacing and timeline region, centred here), so it holds exactly what that sheet holds.
    """
    memos = {} if memos is None else memos
    inner = inner_sheet(fmt.width, fmt.height)
    try:
        own = _sized_page(timeline, lang, style, fmt, memos, draw=draw)
    except NoFit:
        if inner is None:
            raise
        own = None
    if inner is None or (own is not None and own[0].labels == 0 and own[0].summaries_left_out == 0):
        return own
    try:
        return _sized_page(timeline, lang, style, fmt, memos.setdefault(("inner", inner[0]), {}), inner, draw)
    except NoFit:
        if own is None:
            raise
        return own


def _sized_page(timeline: Timeline, lang: str, style: Style, fmt: PosterFormat, memos: dict, inner=None,
                draw: bool = True):
    try:
        return _poster_page(timeline, lang, style, fmt, memos, inner=inner, draw=draw)
    except NoFit:
        return _poster_page(timeline, lang, style, fmt, memos, compact=True, inner=inner, draw=draw)


def _poster_page(timeline: Timeline, lang: str, style: Style, fmt: PosterFormat, memos: dict,
                 compact: bool = False, inner: tuple[str, float, float] | None = None, draw: bool = True):
    width, height, bleed = fmt.width, fmt.height, fmt.bleed
    sheet_w, sheet_h = (inner[1], inner[2]) if inner else (width, height)
    style = with_floor(style, fmt.min_type, sheet_w, sheet_h)
    base = Context.for_sheet(timeline, lang, style, sheet_w, sheet_h)
    frame, header, below, margin = _frame(base, width, height, bleed, compact)
    legend, top = _legend(base, width, margin, below)
    footer, bottom = _footer(base, width, height, margin)
    region = Box(margin, top, width - 2 * margin, bottom - top)
    if inner:       # the inner standard sheet's timeline region, centred in this one's
        region = _centred(_region(base, sheet_w, sheet_h, compact), region)
    fit = _fit(base, fmt, region, memos, draw)
    if inner:
        fit = replace(fit, floors_of=inner[0])
    elif legend and fit.ctx is not None and fit.ctx.shrink > 1:   # grown cards: the legend grows with them
        _, top = _legend(fit.ctx, width, margin, below)
        try:
            fit = _fit(base, fmt, Box(margin, top, width - 2 * margin, bottom - top), {}, draw)
        except NoFit:
            pass
        legend, _ = _legend(fit.ctx, width, margin, below)
    slug = 0.0
    marks: list = []
    if fmt.crop_marks:
        slug = crop_slug(min(width, height))
        marks = _crop_marks(width, height, bleed, slug, base.theme.tiles["colors"]["ink"],
                            base.theme.spacing["crop_mark"])
    page = Page(width, height, tuple(frame + header + legend + list(fit.items) + footer + marks), bleed=bleed,
                slug=slug, title=base.text(timeline.title), kind="poster")
    return fit, page, base


def _fit(base: Context, fmt: PosterFormat, region: Box, memos: dict, draw: bool = True) -> Fit:
    if fmt.lanes:       # swimlanes are drawn even when only the fit is wanted
        return fit_lanes(base, region, allow_reference=fmt.min_type is None, memos=memos, by=fmt.lanes)
    return fit_timeline(base, region, allow_reference=fmt.min_type is None, memos=memos, draw=draw)


def _frame(base: Context, width: float, height: float, bleed: float, compact: bool):
    """The background, the header, where the header ends, and the margin of a sheet."""
    margin = max(base.space("margin"), safe_inset(base))
    if compact:
        margin = max(min(margin, COMPACT_MARGIN * base.scale), safe_inset(base))
    frame = [Rect(-bleed, -bleed, width + 2 * bleed, height + 2 * bleed, fill=base.color("background"),
                  role="background")]
    header, below = _header(base, width, margin, bleed, 0.6 if compact else 1.0)
    return frame, header, below, margin


def _region(base: Context, width: float, height: float, compact: bool) -> Box:
    """The region a sheet leaves for its timeline, between the header and legend and the footer."""
    _, _, below, margin = _frame(base, width, height, 0.0, compact)
    top = _legend(base, width, margin, below)[1]
    bottom = _footer(base, width, height, margin)[1]
    return Box(margin, top, width - 2 * margin, bottom - top)


def _centred(box: Box, within: Box) -> Box:
    """A box of box's size centred in `within` (no larger than it)."""
    w, h = min(box.w, within.w), min(box.h, within.h)
    return Box(within.x + (within.w - w) / 2, within.y + (within.h - h) / 2, w, h)


def with_floor(style: Style, min_type: float | None, width: float, height: float) -> Style:
    """The style with its theme's floors raised so that no text on this sheet is under min_type points."""
    if not min_type:
        return style
    theme = style.theme
    scale = min(width, height) / A0_SHORT
    floors = dict(theme.floors)
    ratio = floors["event_title"] / floors["text"]
    floors["text"] = max(floors["text"], min_type / scale)
    floors["event_title"] = max(floors["event_title"], floors["text"] * ratio)
    floors["minimum"] = max(floors["minimum"], min_type)
    return replace(style, theme=replace(theme, floors=floors))


def notices(fit: Fit, sheet: str, larger: str | None = None) -> tuple[str, ...]:
    """What the layout shortened, in words for the user (layout never prints); `larger` is the smallest
    larger standard sheet that keeps every event as a card with its summary."""
    out = []
    with_summary = sum(1 for p in fit.placements if p.has_summary)
    if fit.summaries_left_out:
        out.append(f"{fit.summaries_left_out} of {with_summary} summaries left out to fit {sheet}")
    if fit.labels:
        out.append(f"{fit.labels} of {len(fit.placements)} events shown as compact labels (date and title)")
    if out and larger:
        out[0] += f"; {larger} keeps them all" if fit.summaries_left_out else f"; {larger} shows them all as cards"
    if fit.lanes:
        out.append(f"{fit.lanes} lanes by {fit.lanes_by} on one time axis")
    if fit.rows > 1:
        out.append(f"the time axis is wrapped into {fit.rows} rows, read top to bottom")
    if fit.warped:
        out.append("the time scale is stretched where events crowd (the ticks mark the real dates)")
    if fit.floors_of:
        out.append(f"type as on {fit.floors_of}, the largest standard sheet inside {sheet}: "
                   f"larger type would leave more out")
    if fit.reference and fit.ctx is not None:
        out.append(f"type down to {fit.ctx.size('summary'):.0f} pt: this poster is read at arm's length; "
                   f"{sheet} keeps {fit.ctx.floor_for_sheet('summary'):.0f} pt otherwise "
                   f"(--min-type refuses smaller type)")
    return tuple(out)


def _too_small(timeline: Timeline, lang: str, style: Style, fmt: PosterFormat) -> str:
    """The error for a sheet too small even for the densest rung, naming a --size that fits."""
    total = len(timeline.events)
    floor = f" at {fmt.min_type:g} pt" if fmt.min_type else ""
    for name, w, h in larger_sheets(fmt.width, fmt.height):
        if not _fits_on(timeline, lang, style, replace(fmt, width=w, height=h, label=name, bleed=0.0,
                                                       crop_marks=False)):
            continue
        return (f"the {total} events do not fit this sheet{floor} even as compact labels on a wrapped axis; "
                f"use --size {name} (the smallest standard sheet that holds them)")
    return (f"the {total} events do not fit this sheet{floor} even as compact labels on a wrapped axis, "
            f"nor on any standard sheet up to 4A0; split the data into several posters")


def _sheet(timeline: Timeline, lang: str, style: Style, fmt: PosterFormat, compact: bool) -> tuple[Context, Box]:
    """A standard sheet's context and timeline region, without laying the timeline out."""
    style = with_floor(style, fmt.min_type, fmt.width, fmt.height)
    base = Context.for_sheet(timeline, lang, style, fmt.width, fmt.height)
    return base, _region(base, fmt.width, fmt.height, compact)


def _fits_on(timeline: Timeline, lang: str, style: Style, fmt: PosterFormat) -> bool:
    """Whether a standard sheet builds (as poster_page would, with either margins), found cheaply."""
    if fmt.lanes:
        try:
            poster_page(timeline, lang, style, fmt)
        except NoFit:
            return False
        return True
    memos: dict = {}
    return any(fits_at_all(*_sheet(timeline, lang, style, fmt, compact), fmt.min_type is None, memos)
               for compact in (False, True))


def _keeps_all_on(timeline: Timeline, lang: str, style: Style, fmt: PosterFormat, most: int = 3) -> str | None:
    """The smallest of the next few larger standard sheets that surely keeps every event's card and summary."""
    if fmt.lanes:
        return None
    for name, w, h in larger_sheets(fmt.width, fmt.height)[:most]:
        if keeps_all(*_sheet(timeline, lang, style, replace(fmt, width=w, height=h, label=name), False)):
            return name
    return None


def _header(ctx: Context, width: float, margin: float, bleed: float, ease: float = 1.0) -> tuple[list, float]:
    """The header band; `ease` (< 1) sets the title smaller on a crowded sheet (never under the text floor)."""
    floor = ctx.floor("text")
    title_size = max(ctx.size("title") * ease, floor)
    sub_size = max(ctx.size("subtitle") * ease, floor)
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
        items.append(marker(ctx.category_marker(category), x, y + (step - swatch) / 2, swatch,
                            ctx.category_of(category), "legend"))
        items.append(text_block([label], chain, size, x + swatch + size * 0.4, y, w, ctx.color("text"),
                                role="legend", lang=ctx.lang))
        x += swatch + size * 0.4 + w + gap
    if is_rtl_language(ctx.lang):              # the legend reads from the right
        items = mirrored(items, margin, width - margin)
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
        items += qr_code(ctx, url, qx, top, qr)
        items.append(Link(qx, top, qr, qr, url))
        items.append(text_block(caption, chain, size, qx, top + qr + size * 0.3, qr, ctx.color("muted"),
                                "center", role="caption", lang=ctx.lang))
    if is_rtl_language(ctx.lang):              # sources from the right, the QR code on the left
        items = mirrored(items, margin, width - margin)
    return items, top - ctx.space("gap") * 2.5


def qr_code(ctx: Context, url: str, x: float, y: float, size: float) -> list:
    """A QR code in dark modules on a light ground: on a dark theme the light text colour becomes the ground
    (with a quiet zone), since many scanners cannot read light-on-dark codes."""
    ink, ground = ctx.color("text"), ctx.color("background")
    if luminance(ink) <= luminance(ground):
        return list(qr_items(url, x, y, size, ink))
    quiet = size * 0.08
    return [Rect(x - quiet, y - quiet, size + 2 * quiet, size + 2 * quiet, fill=ink, role="qr-ground"),
            *qr_items(url, x, y, size, ground)]


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
