"""The portrait handout of a timeline, ink-friendly on A4 or letter paper.

The handout's page one holds the title, the category legend and the timeline laid
out by the poster's engine on a portrait box (a compact list when the engine
cannot fit it). The events follow in order, grouped by era, then the numbered
references with links and QR codes. Everything after page one is a flow of
blocks that know their height and draw themselves at a position (the platypus
`wrap`/`draw` contract): a card never breaks, except a long summary, which
continues on the next page with a marker. Colours are made ink-friendly
(white paper, dark text, pale fills) whatever the theme.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable

from generator.errors import FontError, LayoutError
from generator.fonts import FontChain, drawable_anywhere
from generator.markup import has_markup, spans
from generator.layout.cards import event_icon_items, least_card_area
from generator.layout.context import Context
from generator.layout.marks import marker
from generator.layout.flow import Block, fit_line, paginate, paint_flow
from generator.words import words
from generator.colors import luminance
from generator.layout.timeline import EMPHASIS, timeline_items
from generator.model import Era, Event, Source, Timeline
from generator.layout.poster import qr_code
from generator.scene import Box, Document, Line, Link, Page, Rect
from generator.sizes import MM
from generator.text import block_height, line_height, text_block, wrap, wrap_marked
from generator.style import PaperFormat, Style
from generator.layout.mirror import mirrored
from generator.scripts import is_rtl_language
from generator.labels import event_date, format_date

OVERVIEW_FITS = ((0.4, 1.0), (0.35, 1.0), (0.35, 0.8), (0.3, 1.0), (0.3, 0.8), (0.25, 0.8))  # (scale, shrink)
LONG_CARD = 8            # summaries of this many lines may continue on the next page
KEEP_LINES = 3           # fewest summary lines on either side of such a break
QR_SIZE = 17 * MM
HEADING_OVER_TITLE = 1.25   # era headings are at least this much larger than event titles


@dataclass(frozen=True)
class Sheet:
    """A handout page: paper size, margin and the furniture (header, footer) heights."""

    width: float
    height: float
    margin: float
    header: float
    footer: float

    @property
    def inner(self) -> float:
        return self.width - 2 * self.margin

    @property
    def body(self) -> Box:
        top = self.margin + self.header
        return Box(self.margin, top, self.inner, self.height - self.margin - self.footer - top)


@dataclass(frozen=True)
class PaperContext(Context):
    """The handout's Context: the same answers, each size, spacing, font chain and colour worked out once.

    A handout of 1,000 events asks for them tens of thousands of times; they depend only on the
    context's fields, which never change (`replace` makes a new context with an empty memo).
    """

    def __post_init__(self) -> None:
        object.__setattr__(self, "_memo", {})

    def size(self, role: str) -> float:
        key = ("size", role)
        if key not in self._memo:
            self._memo[key] = super().size(role)
        return self._memo[key]

    def space(self, key: str) -> float:
        memo = ("space", key)
        if memo not in self._memo:
            self._memo[memo] = super().space(key)
        return self._memo[memo]

    def chain(self, role: str) -> FontChain:
        key = ("chain", role)
        if key not in self._memo:
            self._memo[key] = super().chain(role)
        return self._memo[key]

    def color(self, key: str):
        memo = ("color", key)
        if memo not in self._memo:
            self._memo[memo] = super().color(key)
        return self._memo[memo]

    def category_of(self, category) -> str:
        key = ("category", category.id, category.color)
        if key not in self._memo:
            self._memo[key] = super().category_of(category)
        return self._memo[key]

    def wrapped(self, text: str, role: str, size: float, width: float) -> tuple[str, ...]:
        """`wrap` in the role's font chain, remembered: dates, category labels and source lines repeat."""
        key = ("wrap", text, role, size, width)
        if key not in self._memo:
            self._memo[key] = tuple(wrap(text, self.chain(role), size, width))
        return self._memo[key]

    def token_lines(self, tokens: tuple[tuple[str, str], ...], role: str, size: float, width: float) -> tuple:
        """`_token_lines` in the role's font chain, remembered (events citing the same sources)."""
        key = ("tokens", tokens, role, size, width)
        if key not in self._memo:
            self._memo[key] = tuple(_token_lines(list(tokens), self.chain(role), size, width))
        return self._memo[key]


def min_margin(style: Style) -> float:
    """The handout's smallest margin, from the theme."""
    return style.theme.handout["margin_mm"] * MM


def layout_handout(timeline: Timeline, lang: str, style: Style, fmt: PaperFormat = PaperFormat(),
                   draw: bool = True) -> Document:
    """Lay out the handout on portrait paper (A4, letter ...), in the theme's paper colours.

    `draw=False` (for `check`) meets every failure the build would, and no more: it lays out page one's
    title and overview, then returns no pages when the rest provably cannot fail (`_cannot_fail`: no
    text is broken into lines); else it paginates as the build does, and leaves the pages empty when
    drawing them cannot fail (see `_draws_safely`), or draws them.
    """
    width, height = fmt.width, fmt.height
    ctx = PaperContext(timeline, lang, style.on_paper(), style.theme.handout["scale"])
    furniture = line_height(ctx.size("footer")) + ctx.space("gap") * 1.5
    sheet = Sheet(width, height, max(ctx.space("margin"), min_margin(style)), furniture, furniture)
    first, top = _title_items(ctx, sheet)
    overview = _overview(ctx, Box(sheet.margin, top, sheet.inner, sheet.body.bottom - top))
    if not draw and _cannot_fail(ctx, sheet):
        return _plan(ctx, fmt, 0)
    blocks = [] if overview else _overview_rows(ctx, sheet.inner)
    blocks += _detail_blocks(ctx, sheet) + _reference_blocks(ctx, sheet.inner)
    if overview:
        flows = [[]] + paginate(blocks, sheet.body.h)
    else:
        flows = paginate(blocks, sheet.body.h, first_room=sheet.body.bottom - top)
    if not draw and _draws_safely(ctx, len(flows)):
        return _plan(ctx, fmt, len(flows))
    bodies = [paint_flow(page, sheet.margin, top if i == 0 else sheet.body.y) for i, page in enumerate(flows)]
    if is_rtl_language(lang):                  # dates and icons on the right, where reading starts
        bodies = [mirrored(body, sheet.margin, sheet.margin + sheet.inner) for body in bodies]
    bodies[0] = first + list(overview or ()) + bodies[0]
    pages = tuple(Page(width, height, tuple(_furniture(ctx, sheet, i + 1, len(bodies)) + items),
                       title=ctx.text(timeline.title), kind="handout") for i, items in enumerate(bodies))
    return Document(pages, style.fonts.faces(), title=ctx.text(timeline.title), author=timeline.meta.author,
                    subject=ctx.text(timeline.subtitle) if timeline.subtitle else "", lang=lang,
                    date=timeline.meta.date)


def _plan(ctx: Context, fmt: PaperFormat, pages: int) -> Document:
    """What `check` gets from a handout it proved cannot fail: `pages` empty pages (none when the proof
    came before paginating)."""
    timeline = ctx.timeline
    return Document(tuple(Page(fmt.width, fmt.height, (), title=ctx.text(timeline.title), kind="handout")
                          for _ in range(pages)),
                    ctx.style.fonts.faces(), title=ctx.text(timeline.title), author=timeline.meta.author,
                    subject=ctx.text(timeline.subtitle) if timeline.subtitle else "", lang=ctx.lang,
                    date=timeline.meta.date)


def _cannot_fail(ctx: Context, sheet: Sheet) -> bool:
    """True when the rest of the handout (after page one's title and overview) provably lays out and draws
    without failing, so `check` need not break its text at all; False when it might fail (or this cannot
    tell), and the handout is then laid out as the build does.

    The rest can fail in three ways only: a character no installed font has (FontError: breaking or drawing
    any text), an icon not resolved (LayoutError, drawing), and a block taller than a page that cannot
    split (LayoutError, paginating; see `flow._fill`). The first is ruled out when every character of every
    text the rest measures or draws is in an installed font (`_drawable`); the second by resolving the
    icons; the third by the blocks' heights with each text's lines counted at their most (`most_lines`):
    a row, an era heading and an event's first lines with its title, each no taller than a page, and a
    long entry's pieces of three to five summary lines too (the only pieces a split needs to find room
    for). References are laid out for real (they are few). Any other exception: False, and the layout
    meets it as the build does.
    """
    try:
        timeline, room, width = ctx.timeline, sheet.body.h, sheet.inner
        for event in timeline.events:
            if event.icon:
                ctx.style.icon(event.icon)
        again = words(ctx.lang)["era_again"]
        if any(_era_height(ctx, most_lines(f"{ctx.text(era.label)} {again}")) > room for era in timeline.eras):
            return False        # (its "(cont.)" heading is the taller)
        gutter, fits = _gutter(ctx, width), {}
        for event in timeline.events:
            counts = (most_lines(ctx.text(event.title)), most_lines(event_date(event, ctx.lang)),
                      most_lines(ctx.text(event.category.label)) if event.category else 0,
                      len(event.sources) + 1 if event.sources else 0)
            if counts not in fits:
                fits[counts] = _row_height(ctx, counts[0], counts[1]) <= room and _entry_fits(
                    ctx, event, width, gutter, counts, room)
            if not fits[counts]:
                return False
        return _drawable(ctx, _texts(ctx)) and all(block.height <= room for block in _reference_blocks(ctx, width))
    except Exception:       # noqa: BLE001 - whatever it is, the layout meets it as the build does
        return False


def _entry_fits(ctx: Context, event: Event, width: float, gutter: float, counts: tuple[int, int, int, int],
                room: float) -> bool:
    """True when an entry with at most these many lines of title, date, category and sources never needs
    more than `room`, however many summary lines it has: whole when it has up to five (it cannot split),
    else each piece a split makes (see `Entry.block`): the first three lines under the title, three more
    lines, or the last three to five with the sources."""
    title, date, category, sources = counts

    def probe(lines: int) -> Entry:
        return Entry(ctx, event, width, gutter, ("",) * date, ("",) * category, ("",) * title, ("",) * lines,
                     ((),) * sources)

    long = probe(2 * KEEP_LINES + 3)
    return (all(probe(n).height(0, n) <= room for n in range(2 * KEEP_LINES))
            and long.height(0, KEEP_LINES) <= room and long.height(KEEP_LINES, 2 * KEEP_LINES) <= room
            and long.height(KEEP_LINES + 1, 2 * KEEP_LINES + 3) <= room)


def most_lines(text: str) -> int:
    """The most lines `wrap` can break text into: every line holds at least one character that is not a
    space, and no two lines share one (and an empty text is one empty line)."""
    return max(1, len("".join(text.split())))


def _texts(ctx: Context) -> list[str]:
    """Every text the handout after page one's title and overview measures or draws, or a text with the
    same characters: the running title, page numbers and words, era headings, dates, categories, titles,
    summaries (and their marked-up spans), sources, references and credits. Texts only ever broken into
    lines are listed with their white space made single spaces, as `wrap` measures them."""
    said, lang, timeline = words(ctx.lang), ctx.lang, ctx.timeline

    def wrapped(text: str) -> str:
        return " ".join(text.split())

    texts = [ctx.text(timeline.title), said["again"], said["continued"], said["era_again"], said["references"],
             said["sources_colon"], said["page"].format(n=1234567890, m=1234567890), "[0123456789] –·…",
             wrapped(timeline.meta.author or ""), wrapped(timeline.meta.license or "")]
    for era in timeline.eras:
        texts += [wrapped(ctx.text(era.label)), format_date(era.start, lang), format_date(era.end, lang)]
    for event in timeline.events:
        texts += [ctx.text(event.title), wrapped(event_date(event, lang))]     # titles: also cut to a line
        if event.category:
            texts.append(wrapped(ctx.text(event.category.label)))
        if event.summary:
            summary = ctx.summary(event)
            texts.append(wrapped(summary))
            if has_markup(summary):         # what readers see, paragraph by paragraph as `wrap_marked` reads it
                texts += [wrapped(span.text) for paragraph in summary.split("\n") for span in spans(paragraph)]
    for source in timeline.cited_sources():
        texts += [wrapped(source.title), wrapped(source.url)]
    return texts


def _drawable(ctx: Context, texts: list[str]) -> bool:
    """True when an installed font has every character of the texts, so that no chain meets one no font has
    (see `fonts.drawable_anywhere`)."""
    chars = set("".join(texts)) | {" "}
    return drawable_anywhere(chars, ctx.chain("summary"))


def _draws_safely(ctx: Context, pages: int) -> bool:
    """True when drawing the paginated handout cannot raise, so `check` may skip it.

    Drawing places text already broken into lines, and breaking measured every line, strictly (a
    character no installed font has raises FontError, whichever chain asks: the last resort is any
    installed font). What is drawn without being measured first is measured here: the page numbers,
    the running title, the 'continued' marker and the reference numbers. The only other failure in
    drawing is an icon not resolved before layout (LayoutError). When any of these would fail, the
    handout is drawn, and fails as the build does.
    """
    try:
        for event in ctx.timeline.events:
            if event.icon:
                ctx.style.icon(event.icon)
        footer, size, said = ctx.chain("footer"), ctx.size("footer"), words(ctx.lang)
        for text in [said["page"].format(n=n, m=pages) for n in range(1, pages + 1)] + [
                said["continued"], ctx.text(ctx.timeline.title)]:
            footer.width(text, size)
        for number in source_numbers(ctx.timeline).values():
            ctx.chain("heading").width(f"[{number}]", size)
    except (LayoutError, FontError):
        return False
    return True


def _title_items(ctx: Context, sheet: Sheet) -> tuple[list, float]:
    """Title, subtitle and category legend on page one; returns them and the y below."""
    x, y, width = sheet.margin, sheet.margin, sheet.inner
    sub_size = ctx.size("subtitle") * 0.7
    title_size = sub_size * 2
    items: list = []
    for role, text, size, color in (("title", ctx.text(ctx.timeline.title), title_size, "text"),
                                    ("subtitle", ctx.text(ctx.timeline.subtitle), sub_size, "muted")):
        if not text:
            continue
        lines = wrap(text, ctx.chain(role), size, width)
        items.append(text_block(lines, ctx.chain(role), size, x, y, width, ctx.color(color), role=role,
                                lang=ctx.lang))
        y += block_height(len(lines), size) + size * 0.25
    legend, y = _legend(ctx, x, y + ctx.space("gap"), width)
    rule = Line(x, y, x + width, y, ctx.color("card_border"), ctx.theme.handout["rule"], role="rule")
    return items + legend + [rule], y + ctx.space("gap") * 2


def _legend(ctx: Context, x0: float, y: float, width: float) -> tuple[list, float]:
    size, chain = ctx.size("legend") * 0.85, ctx.chain("legend")
    step, swatch = line_height(size), size * 0.85
    x, items = x0, []
    for index, category in enumerate(ctx.timeline.categories):
        label = ctx.text(category.label)
        w = chain.width(label, size) + 1
        if x + swatch + size * 0.4 + w > x0 + width and x > x0:
            x, y = x0, y + step * 1.15
        items.append(marker(ctx.category_marker(category), x, y + (step - swatch) / 2, swatch,
                            ctx.category_of(category), "legend"))
        items.append(text_block([label], chain, size, x + swatch + size * 0.4, y, w, ctx.color("text"),
                                role="legend", lang=ctx.lang))
        x += swatch + size * 0.4 + w + size * 1.4
    if is_rtl_language(ctx.lang):              # the legend reads from the right
        items = mirrored(items, x0, x0 + width)
    return items, (y + step + ctx.space("gap") if items else y)


def _furniture(ctx: Context, sheet: Sheet, number: int, total: int) -> list:
    """Running header (after page one) and the page-number footer."""
    size, chain, m = ctx.size("footer"), ctx.chain("footer"), sheet.margin
    muted, rule = ctx.color("muted"), ctx.color("card_border")
    label = words(ctx.lang)["page"].format(n=number, m=total)
    bottom = sheet.height - m - line_height(size)
    items: list = [text_block([label], chain, size, m, bottom, sheet.inner, muted, "center", role="footer",
                              lang=ctx.lang)]
    if number > 1:
        title = fit_line(ctx.text(ctx.timeline.title), chain, size, sheet.inner)
        items.append(text_block([title], chain, size, m, m, sheet.inner, muted, role="header", lang=ctx.lang))
        y = m + line_height(size) + ctx.space("gap") * 0.5
        items.append(Line(m, y, m + sheet.inner, y, rule, 0.5, role="rule"))
    return items


# --- page one: the compact timeline ---------------------------------------------------


def _overview(ctx: Context, box: Box) -> tuple | None:
    """The poster engine's timeline on the portrait box, at the largest size that fits."""
    for scale, shrink in OVERVIEW_FITS:
        sized = replace(ctx, scale=scale, shrink=shrink)
        if _cards_area(sized) > box.w * box.h:      # cannot fit: timeline_items would raise LayoutError
            continue
        try:
            items = timeline_items(sized, box, with_summary=False)
        except LayoutError:
            continue
        if _words_whole(ctx, items):
            return items
    return None


def _cards_area(ctx: Context) -> float:
    """A lower bound on the area the overview's cards cover (cards without summaries), measured without
    breaking any text. The timeline places its cards inside its box without overlaps (columns of cards
    stacked across the depth beside the axis, side by side along it), so a box smaller than this area
    cannot hold them: `timeline_items` raises LayoutError, and the try is skipped unseen."""
    counts: dict[float, int] = {}       # without its summary, a card's bound depends only on its emphasis
    for event in ctx.timeline.events:
        emphasis = EMPHASIS.get(event.importance, 1.0)
        counts[emphasis] = counts.get(emphasis, 0) + 1
    probe = ctx.timeline.events[0] if ctx.timeline.events else None
    return sum(n * least_card_area(ctx, probe, ctx.card_width, False, emphasis) for emphasis, n in counts.items())


def _words_whole(ctx: Context, items) -> bool:
    """True when no era label had to be broken inside a word to fit its band."""
    known = {word for era in ctx.timeline.eras for word in ctx.text(era.label).split()}
    for item in items:
        if getattr(item, "role", "") != "era" or not hasattr(item, "lines"):
            continue
        lines = [line.text.split() for line in item.lines]
        if any(a and b and a[-1] + b[0] in known for a, b in zip(lines, lines[1:])):
            return False
    return True


def _overview_rows(ctx: Context, width: float) -> list[Block]:
    """A list-style vertical timeline (era rows and one row per event) that flows across pages."""
    blocks: list[Block] = []
    current: Era | None = None
    carry: Block | None = None
    for event in ctx.timeline.events:
        era = ctx.timeline.era_of(event)
        if era is not None and era != current:
            blocks.append(_era_block(ctx, era, width, before=ctx.space("gap")))
        if era != current:          # one "(cont.)" heading per era, repeated above each of its rows pushed to a new page
            carry = _era_block(ctx, era, width, before=0.0, again=True) if era is not None else None
        current = era
        blocks.append(_overview_row(ctx, event, width, carry))
    return blocks


def _overview_row(ctx: Context, event: Event, width: float, carry: Block | None = None) -> Block:
    size, date_size = ctx.size("summary"), ctx.size("date")
    date_w = width * 0.2
    axis_x = date_w + size
    text_x = axis_x + size
    title = wrap(ctx.text(event.title), ctx.chain("event_title"), size, width - text_x)
    date = list(_wrapped(ctx, event_date(event, ctx.lang), "date", date_size, date_w))
    height = _row_height(ctx, len(title), len(date))

    def paint(x: float, y: float) -> list:
        dot = size * 0.6
        return [Line(x + axis_x, y, x + axis_x, y + height, ctx.color("axis"), ctx.theme.handout["rule"], role="axis"),
                marker(ctx.category_marker(event.category), x + axis_x - dot / 2, y + (line_height(size) - dot) / 2,
                       dot, ctx.category_color(event), "anchor", ctx.color("background"), dot * 0.18),
                text_block(date, ctx.chain("date"), date_size, x, y, date_w, ctx.color("muted"), "right",
                           role="date", lang=ctx.lang),
                text_block(title, ctx.chain("event_title"), size, x + text_x, y, width - text_x,
                           ctx.color("text"), role="event_title", lang=ctx.lang)]

    return Block(height, paint, carry=carry)


def _row_height(ctx: Context, title: int, date: int) -> float:
    """A row of the list-style timeline, its title and date in so many lines."""
    size = ctx.size("summary")
    return max(block_height(title, size), block_height(date, ctx.size("date"))) + size * 0.3


# --- the events in detail --------------------------------------------------------------


def source_numbers(timeline: Timeline) -> dict[str, int]:
    """Reference numbers, the same in every output (see `Timeline.source_numbers`)."""
    return timeline.source_numbers()


def _detail_blocks(ctx: Context, sheet: Sheet) -> list[Block]:
    """Era headings and event entries, starting on a new page."""
    numbers = source_numbers(ctx.timeline)
    blocks: list[Block] = []
    current: Era | None = None
    carry: Block | None = None
    for event in ctx.timeline.events:
        era = ctx.timeline.era_of(event)
        if era is not None and era != current:
            blocks.append(_era_block(ctx, era, sheet.inner, before=ctx.space("gap") * 2))
            carry = _era_block(ctx, era, sheet.inner, before=0.0, again=True)
        elif era is None:
            carry = None
        current = era
        entry = measure_entry(ctx, event, sheet.inner, numbers)
        blocks.append(entry.block(sheet.body.h, before=ctx.space("gap"), carry=carry))
    if blocks:
        blocks[0] = replace(blocks[0], new_page=True)
    return blocks


def heading_size(ctx: Context) -> float:
    """Era and section headings: the theme's era size, and always clearly larger than event titles."""
    return max(ctx.size("era"), ctx.size("event_title") * HEADING_OVER_TITLE)


def _era_block(ctx: Context, era: Era, width: float, before: float, again: bool = False) -> Block:
    """An era's heading band; `again` marks it "(cont.)", repeated where the era runs onto a new page."""
    size, chain, pad = heading_size(ctx), ctx.chain("era"), ctx.space("card_padding")
    span = f"{format_date(era.start, ctx.lang)} – {format_date(era.end, ctx.lang)}"
    small = ctx.size("date")
    span_w = ctx.chain("date").width(span, small) + 2
    label = ctx.text(era.label) + (" " + words(ctx.lang)["era_again"] if again else "")
    lines = wrap(label, chain, size, width - span_w - 4 * pad)
    height = _era_height(ctx, len(lines))
    fills = ctx.color("era_fills")
    fill = era.color if era.color and luminance(era.color) >= 0.75 else fills[
        ctx.timeline.eras.index(era) % len(fills)]

    def paint(x: float, y: float) -> list:
        return [Rect(x, y, width, height, fill=fill, radius=ctx.space("radius"), role="era"),
                text_block(lines, chain, size, x + pad, y + pad, width - span_w - 3 * pad,
                           ctx.color("era_text"), role="era-continued" if again else "era", lang=ctx.lang),
                text_block([span], ctx.chain("date"), small, x + width - pad - span_w,
                           y + pad + (line_height(size) - line_height(small)) / 2, span_w, ctx.color("muted"),
                           "right", role="date", lang=ctx.lang)]

    return Block(height, paint, before=before, keep_with_next=True)


def _era_height(ctx: Context, lines: int) -> float:
    """An era's heading band with its label in so many lines."""
    return block_height(lines, heading_size(ctx)) + 2 * ctx.space("card_padding")


@dataclass(frozen=True)
class Entry:
    """An event measured for the detail pages: a gutter with date and icon, and a card.

    `piece(start, end)` draws summary lines [start, end) with the title (first
    piece), the sources (last piece) or continuation markers in between.
    """

    ctx: Context
    event: Event
    width: float
    gutter: float
    date: tuple[str, ...]
    category: tuple[str, ...]
    title: tuple[str, ...]
    summary: tuple[str, ...]
    sources: tuple[tuple[tuple[str, str], ...], ...]

    @property
    def pad(self) -> float:
        return max(self.ctx.space("card_padding"), 6.0)

    @property
    def stripe(self) -> float:
        return self.pad * 0.55

    @property
    def text_x(self) -> float:
        return self.gutter + self.stripe + self.pad

    @property
    def text_w(self) -> float:
        return self.width - self.text_x - self.pad

    @property
    def icon(self) -> float:
        return self.ctx.size("event_title") * 1.7

    def _sizes(self) -> tuple[float, float, float]:
        return self.ctx.size("event_title"), self.ctx.size("summary"), self.ctx.size("footer")

    def gutter_height(self) -> float:
        ds, small = self.ctx.size("date"), self.ctx.size("footer")
        return block_height(len(self.date), ds) + self.icon + 6 + block_height(len(self.category), small)

    def height(self, start: int, end: int) -> float:
        ts, ss, small = self._sizes()
        first, last = start == 0, end == len(self.summary)
        h = 2 * self.pad + block_height(end - start, ss)
        h += block_height(len(self.title), ts) + ss * 0.3 if first else line_height(small)
        h += (ss * 0.3 + block_height(len(self.sources), small)) if last and self.sources else 0
        h += line_height(small) if not last else 0
        return max(h, self.gutter_height()) if first else h

    def block(self, page_room: float, before: float, carry: Block | None = None) -> Block:
        """The whole entry as one flow block that may split when long."""
        n = len(self.summary)
        full = self.height(0, n)
        splits = n >= LONG_CARD or full > page_room
        lead = self.height(0, min(KEEP_LINES, n)) if splits and n > KEEP_LINES else None
        return Block(full, self._painter(0, n), before=before, lead=lead,
                     split=self._splitter(0, page_room) if splits else None, carry=carry)

    def _splitter(self, start: int, page_room: float):
        def split(room: float) -> tuple[Block, Block] | None:
            n = len(self.summary)
            cuts = [k for k in range(start + KEEP_LINES, n - KEEP_LINES + 1) if self.height(start, k) <= room]
            if not cuts:
                return None
            k = cuts[-1]
            rest = self.height(k, n)
            tail = Block(rest, self._painter(k, n), split=self._splitter(k, page_room) if rest > page_room else None)
            return Block(self.height(start, k), self._painter(start, k)), tail
        return split

    def _painter(self, start: int, end: int) -> Callable[[float, float], list]:
        return lambda x, y: self.paint(x, y, start, end)

    def paint(self, x: float, y: float, start: int, end: int) -> list:
        """Scene items of summary lines [start, end) of the entry with its top-left at (x, y)."""
        ctx = self.ctx
        h = self.height(start, end)
        color = ctx.category_color(self.event)
        items: list = [
            Rect(x + self.gutter, y, self.width - self.gutter, h, fill=ctx.color("card"),
                 stroke=ctx.color("card_border"), stroke_width=ctx.theme.handout["rule"], radius=ctx.space("radius"), role="card"),
            Rect(x + self.gutter, y, self.stripe, h, fill=color, role="marker")]
        if start == 0:
            items += self._gutter_items(x, y, color)
        return items + self._text_items(x + self.text_x, y + self.pad, start, end)

    def _text_items(self, tx: float, cy: float, start: int, end: int) -> list:
        """Title (or its continuation line), the summary lines, then the sources or a 'continued' marker."""
        ctx = self.ctx
        ts, ss, small = self._sizes()
        where = f"event {self.event.id} ({self.event.where})"
        if start == 0:
            items = [text_block(list(self.title), ctx.chain("event_title"), ts, tx, cy, self.text_w,
                                ctx.color("text"), role="event_title", lang=ctx.lang, context=where)]
            cy += block_height(len(self.title), ts) + ss * 0.3
        else:
            again = fit_line(f"{ctx.text(self.event.title)} {words(ctx.lang)['again']}", ctx.chain("heading"),
                              small, self.text_w)
            items = [text_block([again], ctx.chain("heading"), small, tx, cy, self.text_w, ctx.color("muted"),
                                role="continued", lang=ctx.lang)]
            cy += line_height(small)
        if end > start:
            items.append(text_block(list(self.summary[start:end]), ctx.chain("summary"), ss, tx, cy,
                                    self.text_w, ctx.color("text"), role="summary", lang=ctx.lang, context=where))
            cy += block_height(end - start, ss)
        if end < len(self.summary):
            items.append(text_block([words(ctx.lang)["continued"]], ctx.chain("footer"), small, tx, cy,
                                    self.text_w, ctx.color("muted"), "right", role="continued", lang=ctx.lang))
        elif self.sources:
            items += self._source_items(tx, cy + ss * 0.3, small)
        return items

    def _gutter_items(self, x: float, y: float, color: str) -> list:
        ctx = self.ctx
        ds, small = ctx.size("date"), ctx.size("footer")
        w = self.gutter - ctx.space("gap")
        items = [text_block(list(self.date), ctx.chain("date"), ds, x, y, w, ctx.color("text"), "right",
                            role="date", lang=ctx.lang)]
        iy = y + block_height(len(self.date), ds) + 3
        items += event_icon_items(ctx, self.event, x + w - self.icon, iy, self.icon, color)
        if self.category:
            items.append(text_block(list(self.category), ctx.chain("footer"), small, x, iy + self.icon + 3, w,
                                    ctx.color("muted"), "right", role="category", lang=ctx.lang))
        return items

    def _source_items(self, x: float, y: float, size: float) -> list:
        """The 'Sources: [1] [2]' lines, each number a link to its source."""
        chain = self.ctx.chain("footer")
        items: list = []
        for i, tokens in enumerate(self.sources):
            line = " ".join(text for text, _url in tokens)
            top = y + i * line_height(size)
            items.append(text_block([line], chain, size, x, top, self.text_w, self.ctx.color("muted"),
                                    role="sources", lang=self.ctx.lang))
            cursor = x
            for text, url in tokens:
                w = chain.width(text, size)
                if url:
                    items.append(Link(cursor, top, w, line_height(size), url))
                cursor += w + chain.width(" ", size)
        return items


def measure_entry(ctx: Context, event: Event, width: float, numbers: dict[str, int]) -> Entry:
    """Break an event's text for an entry of the given width."""
    gutter = _gutter(ctx, width)
    probe = Entry(ctx, event, width, gutter, (), (), (), (), ())
    ts, ss, small = probe._sizes()
    tw, gw = probe.text_w, gutter - ctx.space("gap")
    date = _wrapped(ctx, event_date(event, ctx.lang), "date", ctx.size("date"), gw)
    category = _wrapped(ctx, ctx.text(event.category.label), "footer", small, gw) if event.category else []
    title = wrap(ctx.text(event.title), ctx.chain("event_title"), ts, tw)
    summary = wrap_marked(ctx.summary(event), ctx.chain("summary"), ss, tw) if event.summary else []
    tokens = [(words(ctx.lang)["sources_colon"], "")] + [(f"[{numbers[s.id]}]", s.url)
                                                  for s in sorted(event.sources, key=lambda s: numbers[s.id])]
    if not event.sources:
        sources = []
    elif isinstance(ctx, PaperContext):
        sources = ctx.token_lines(tuple(tokens), "footer", small, tw)
    else:
        sources = _token_lines(tokens, ctx.chain("footer"), small, tw)
    return Entry(ctx, event, width, gutter, tuple(date), tuple(category), tuple(title), tuple(summary),
                 tuple(sources))


def _gutter(ctx: Context, width: float) -> float:
    """The width of an entry's gutter (date, icon and category beside the card)."""
    return max(width * 0.17, ctx.size("date") * 7)


def _wrapped(ctx: Context, text: str, role: str, size: float, width: float) -> list[str] | tuple[str, ...]:
    """`wrap` in the role's chain (remembered by the handout's PaperContext)."""
    if isinstance(ctx, PaperContext):
        return ctx.wrapped(text, role, size, width)
    return wrap(text, ctx.chain(role), size, width)


def _token_lines(tokens: list[tuple[str, str]], chain: FontChain, size: float, width: float) -> list[tuple]:
    """Break (text, url) tokens into lines no wider than width, at the spaces between tokens."""
    lines: list[list] = [[]]
    for token in tokens:
        trial = " ".join(t for t, _u in lines[-1] + [token])
        if lines[-1] and chain.width(trial, size) > width:
            lines.append([])
        lines[-1].append(token)
    return [tuple(line) for line in lines]


# --- references ------------------------------------------------------------------------


def _reference_blocks(ctx: Context, width: float) -> list[Block]:
    numbers = source_numbers(ctx.timeline)
    by_id = {s.id: s for s in ctx.timeline.cited_sources()}
    blocks = [_heading_block(ctx, words(ctx.lang)["references"], width)] if numbers else []
    for source_id, number in numbers.items():
        blocks.append(_reference_block(ctx, number, by_id[source_id], width))
    credit = " · ".join(p for p in (ctx.timeline.meta.author, ctx.timeline.meta.license) if p)
    if credit:
        blocks.append(_note_block(ctx, credit, width))
    return blocks


def _heading_block(ctx: Context, text: str, width: float) -> Block:
    size, chain = heading_size(ctx), ctx.chain("heading")
    lines = wrap(text, chain, size, width)
    height = block_height(len(lines), size) + ctx.space("gap") * 0.5

    def paint(x: float, y: float) -> list:
        rule_y = y + height - 1
        return [text_block(lines, chain, size, x, y, width, ctx.color("text"), role="heading", lang=ctx.lang),
                Line(x, rule_y, x + width, rule_y, ctx.color("card_border"), ctx.theme.handout["rule"], role="rule")]

    return Block(height, paint, before=ctx.space("gap") * 3, keep_with_next=True)


def _reference_block(ctx: Context, number: int, source: Source, width: float) -> Block:
    size, small = ctx.size("summary"), ctx.size("footer")
    label = f"[{number}]"
    num_w = ctx.chain("heading").width("[00]", size) + 4
    text_w = width - num_w - QR_SIZE - ctx.space("gap") * 2
    title = wrap(source.title, ctx.chain("summary"), size, text_w)
    url = wrap(source.url, ctx.chain("footer"), small, text_w)
    text_h = block_height(len(title), size) + block_height(len(url), small)
    height = max(text_h, QR_SIZE)

    def paint(x: float, y: float) -> list:
        tx, qx = x + num_w, x + width - QR_SIZE
        uy = y + block_height(len(title), size)
        return [text_block([label], ctx.chain("heading"), size, x, y, num_w, ctx.color("text"), role="number",
                           lang=ctx.lang),
                text_block(title, ctx.chain("summary"), size, tx, y, text_w, ctx.color("text"), role="source",
                           lang=ctx.lang),
                text_block(url, ctx.chain("footer"), small, tx, uy, text_w, ctx.color("muted"), role="url",
                           lang=ctx.lang),
                Link(tx, y, text_w, text_h, source.url),
                *qr_code(ctx, source.url, qx, y, QR_SIZE),
                Link(qx, y, QR_SIZE, QR_SIZE, source.url)]

    return Block(height, paint, before=ctx.space("gap") * 1.2)


def _note_block(ctx: Context, text: str, width: float) -> Block:
    size = ctx.size("footer")
    lines = wrap(text, ctx.chain("footer"), size, width)

    def paint(x: float, y: float) -> list:
        return [text_block(lines, ctx.chain("footer"), size, x, y, width, ctx.color("muted"), role="credits",
                           lang=ctx.lang)]

    return Block(block_height(len(lines), size), paint, before=ctx.space("gap") * 2)
