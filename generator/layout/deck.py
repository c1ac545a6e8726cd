"""The conference deck: title, overview, section, event and sources slides as scene pages.

Every slide is a scene.Page with `title`, `notes` and `kind` set; its first Text has
the role "title" (the PPTX renderer puts it into the layout's title placeholder) and
the last one the role "slide_number". Type sizes are points on the slide. Text is
wrapped and measured here with the fonts the renderer names (Liberation Sans has
Arial's metrics) and shrunk towards a floor before a LayoutError is raised. Each
text column keeps `SLACK` of its width free so an application whose metrics differ
slightly never wraps a line differently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Callable

from generator.errors import LayoutError
from generator.fonts import FontChain, FontSet
from generator.layout.axis import Axis, build_axis
from generator.layout.cards import icon_items
from generator.colors import readable, tint
from generator.layout.context import Context
from generator.layout.marks import marker
from generator.layout.timeline import timeline_items
from generator.model import Era, Event, PartialDate, Timeline
from generator.scene import Box, Document, Line, Link, Page, Rect, Text
from generator.text import block_height, text_block, wrap
from generator.style import DeckFormat, Style
from generator.words import words
from generator.labels import event_date, format_date

SLACK = 0.06
OVERVIEW_SCALES = (0.7, 0.6, 0.5)  # the poster's type scale on overview slides (0.5: event titles 14 pt)
APP_SLACK = 0.04       # deck text is measured this much wider, for applications whose metrics differ a little
AUTOSPACE = 0.25       # em LibreOffice adds where Asian and Latin letters meet (measured: 0.24 em)
MAX_OVERVIEW = 24      # more events than this on one overview slide are too dense to read
BOLD = frozenset({"cover", "title", "source"})
_ASIAN = re.compile("[\u1100-\u11ff\u2e80-\u2fdf\u3040-\u30ff\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff"
                    "\ua960-\ua97f\uac00-\ud7af\uf900-\ufaff]")
def layout_deck(timeline: Timeline, lang: str, style: Style, fmt: DeckFormat = DeckFormat()) -> Document:
    """Lay out the deck: title, overview(s), a section per era, a slide per event, sources."""
    measured = replace(style, fonts=autospaced(style.fonts))
    deck = _Deck(Context(timeline, lang, measured), fmt.width, fmt.height)
    pages = deck.pages()
    return Document(tuple(pages), style.fonts.faces(), title=deck.ctx.text(timeline.title),
                    author=timeline.meta.author, subject=deck.ctx.text(timeline.subtitle), lang=lang,
                    date=timeline.meta.date, keywords=tuple(c.label.get(lang) for c in timeline.categories))


def full_date(event: Event, lang: str) -> str:
    """The date for speaker notes: the shown label, with the exact date when they differ."""
    exact = format_date(event.date, lang) + (" – " + format_date(event.end, lang) if event.end else "")
    shown = event_date(event, lang)
    return exact if shown == exact else f"{shown} ({exact})"


class AutospacedChain(FontChain):
    """A font chain whose widths include the gap LibreOffice puts between Asian and Latin text.

    Impress applies "spacing between Asian and non-Asian text" to PPTX text and the file
    format has no way to turn it off; PowerPoint adds none. Counting it keeps a line that
    fits in LibreOffice from wrapping and only leaves a little room elsewhere.
    """

    def __init__(self, chain: FontChain):
        super().__init__(chain.faces, chain.bold, chain.lang)

    def width(self, text: str, size: float) -> float:
        return super().width(text, size) + script_changes(text) * AUTOSPACE * size


class DeckChain(AutospacedChain):
    """The deck's measure: LibreOffice's Asian/Latin spacing, and APP_SLACK to spare for any application
    whose metrics differ a little, so the boxes the layout draws are the boxes the renderer writes."""

    def width(self, text: str, size: float) -> float:
        return super().width(text, size) * (1 + APP_SLACK)


def autospaced(fonts: FontSet) -> FontSet:
    """The same fonts, measured with LibreOffice's Asian/Latin spacing."""
    return FontSet({role: DeckChain(chain) for role, chain in fonts.chains.items()})


def script_changes(text: str) -> int:
    """How often text switches between Asian and other letters (spaces take the script before them)."""
    changes, last = 0, None
    for char in text:
        if char.isspace():
            continue
        asian = bool(_ASIAN.match(char))
        if last is not None and asian != last:
            changes += 1
        last = asian
    return changes


# --- the deck ------------------------------------------------------------------


@dataclass
class _Deck:
    """Builds the slides of one deck; slides are numbered in the order they are made."""

    ctx: Context
    width: float
    height: float
    axis: Axis = field(init=False)
    count: int = 0

    def __post_init__(self):
        self.axis = build_axis(self.ctx.timeline, self.margin, self.strip_right)

    @property
    def words(self) -> dict:
        return words(self.ctx.lang)

    @property
    def track(self) -> str:
        """The progress strip's track: the card border colour, darkened until it reads as a mark."""
        return readable(self.ctx.color("card_border"), (self.ctx.color("background"),), self.ctx.theme.contrast["marks"])

    @property
    def margin(self) -> float:
        return self.ctx.theme.deck["margin"]

    @property
    def sizes(self):
        """(start, floor) in points on the slide per role; text shrinks a point at a time down to the floor."""
        return self.ctx.theme.deck["sizes"]

    @property
    def inner(self) -> float:
        return self.width - 2 * self.margin

    @property
    def strip_right(self) -> float:
        return self.width - self.margin - 44

    @property
    def strip_top(self) -> float:
        return self.height - 50

    def pages(self) -> list[Page]:
        timeline = self.ctx.timeline
        pages = [self.cover()] + self.overviews()
        eras = {era.id: era for era in timeline.eras}
        shown: set[str] = set()
        for event in timeline.events:
            era = timeline.era_of(event)
            if era is not None and era.id not in shown:
                shown.add(era.id)
                pages.append(self.section(era, list(eras).index(era.id) + 1))
            pages.append(self.event(event))
        return pages + self.sources()

    # --- shared pieces ----------------------------------------------------------

    def chain(self, role: str) -> FontChain:
        return self.ctx.fonts.chain("heading" if role in BOLD else "body", self.ctx.lang)

    def block(self, lines: list[str], role: str, size: float, x: float, y: float, width: float,
              color: str = "text", align: str = "left", link: str = "") -> Text:
        """A Text block of already broken lines in a theme colour."""
        return text_block(lines, self.chain(role), size, x, y, width, self.ctx.color(color), align,
                          role=role, lang=self.ctx.lang, link=link)

    def fit(self, text: str, role: str, width: float, height: float, max_lines: int = 0,
            what: str = "") -> tuple[list[str], float]:
        """Lines and size of the largest type (down to the role's floor) that fits the box."""
        start, floor = self.sizes[role]
        usable = width * (1 - SLACK)
        size = float(start)
        while size >= floor:
            lines = wrap(text, self.chain(role), size, usable)
            if (not max_lines or len(lines) <= max_lines) and block_height(len(lines), size) <= height:
                return lines, size
            size -= 1
        raise LayoutError(f"{what or role} does not fit on a {self.width:g}x{self.height:g} pt slide "
                          f"even at {floor} pt: shorten it")

    def fitted(self, text: str, role: str, x: float, y: float, width: float, height: float,
               max_lines: int = 0, color: str = "text", what: str = "") -> Text:
        lines, size = self.fit(text, role, width, height, max_lines, what)
        return self.block(lines, role, size, x, y, width, color)

    def title(self, text: str, what: str) -> Text:
        """The slide title at the top, up to two lines."""
        return self.fitted(text, "title", self.margin, self.margin - 6, self.inner, block_height(2, 36), 2, what=what)

    def number(self) -> Text:
        """The slide number, right-aligned in the bottom-right corner."""
        size = self.sizes["slide_number"][0]
        box_w = 40.0
        y = self.strip_top + 3 - block_height(1, size) / 2
        return self.block([str(self.count)], "slide_number", size, self.width - self.margin - box_w, y, box_w,
                          "muted", "right")

    def page(self, kind: str, title: str, items: list, notes: str) -> Page:
        background = Rect(0, 0, self.width, self.height, fill=self.ctx.color("background"), role="background")
        inks = {self.ctx.color(key).upper() for key in ("text", "axis", "muted")}
        return Page(self.width, self.height, tuple([background] + inked(items + [self.number()], inks)),
                    title=title, notes=notes, kind=kind)

    def next_number(self) -> int:
        self.count += 1
        return self.count

    # --- the progress strip -----------------------------------------------------

    def strip(self, span: tuple[float, float] | None = None, event: Event | None = None) -> list:
        """A slim bar of the whole timeline: a segment per era, filled up to the event, and a marker."""
        y, h = self.strip_top, self.ctx.theme.deck["strip_height"]
        done = self.axis.at(event.date.as_decimal()) if event is not None else None
        items: list = []
        for a, b in self.strip_segments():
            items.append(Rect(a, y, b - a, h, fill=self.track, role="strip"))
            if done is not None and done > a:
                items.append(Rect(a, y, min(b, done) - a, h, fill=self.ctx.color("axis"), role="strip"))
        if span is not None:
            a, b = self.axis.at(span[0]), self.axis.at(span[1])
            items.append(Rect(a, y - 2, max(b - a, h), h + 4, fill=self.ctx.color("axis"), role="strip"))
        if event is not None:
            items.append(self.marker(event, y + h / 2))
        return items + self.strip_years(y + h + 4)

    def strip_segments(self) -> list[tuple[float, float]]:
        """The strip's pieces: cut with a 2 pt gap where each era starts."""
        cuts = sorted({self.axis.at(era.start.as_decimal()) for era in self.ctx.timeline.eras}
                      - {self.margin, self.strip_right})
        edges = [self.margin] + [c for c in cuts if self.margin < c < self.strip_right] + [self.strip_right]
        return [(a + (1 if i else 0), b - (1 if i < len(edges) - 2 else 0))
                for i, (a, b) in enumerate(zip(edges, edges[1:]))]

    def marker(self, event: Event, centre: float):
        at, d = self.axis.at(event.date.as_decimal()), self.ctx.theme.deck["marker"]
        return marker(self.ctx.category_marker(event.category), at - d / 2, centre - d / 2, d,
                      self.ctx.category_color(event), "strip", self.ctx.color("background"), 1.5)

    def strip_years(self, y: float) -> list:
        """The first and last year under the strip."""
        size = self.sizes["strip"][0]
        first, last = self.year_span()
        half = (self.strip_right - self.margin) / 2
        left = self.block([format_date(PartialDate(first), self.ctx.lang)], "strip", size, self.margin, y, half, "muted")
        right = self.block([format_date(PartialDate(last), self.ctx.lang)], "strip", size, self.margin + half, y, half,
                           "muted", "right")
        return [left, right]

    def year_span(self) -> tuple[int, int]:
        """The first and last year of the timeline (worked out once: every slide's strip shows them)."""
        if getattr(self, "_year_span", None) is None:
            timeline = self.ctx.timeline
            self._year_span = (
                min([e.date.year for e in timeline.events] + [era.start.year for era in timeline.eras]),
                max([(e.end or e.date).year for e in timeline.events] + [era.end.year for era in timeline.eras]))
        return self._year_span

    # --- the slides -------------------------------------------------------------

    def cover(self) -> Page:
        """The title slide: title, subtitle, the span of the timeline, credits."""
        self.next_number()
        ctx, timeline = self.ctx, self.ctx.timeline
        title_text = ctx.text(timeline.title)
        lines, size = self.fit(title_text, "cover", self.inner, block_height(3, 48), 3, "the title")
        y = self.height * 0.30
        items: list = [text_block(lines, self.chain("cover"), size, self.margin, y, self.inner, ctx.color("text"),
                                  role="title", lang=ctx.lang)]
        y += items[0].h + 12
        if timeline.subtitle:
            sub = self.fitted(ctx.text(timeline.subtitle), "subtitle", self.margin, y, self.inner,
                              block_height(2, 26), 2, "muted", "the subtitle")
            items.append(sub)
            y = sub.y + sub.h
        items.append(Rect(self.margin, y + 16, 96, 5, fill=ctx.color("axis"), role="rule"))
        items.append(self.fitted(self.span_note(), "kicker", self.margin, y + 33, self.inner, block_height(2, 18), 2,
                                 "muted", "the span"))
        credit = " · ".join(p for p in (timeline.meta.author, timeline.meta.license, timeline.meta.date) if p)
        if credit:
            items.append(self.fitted(credit, "meta", self.margin, self.strip_top - 72, self.inner,
                                     block_height(2, 14), 2, "muted", "the credits"))
        notes = "\n".join(p for p in (title_text, ctx.text(timeline.subtitle), self.span_note(), credit) if p)
        return self.page("title", title_text, items + self.strip(), notes)

    def span_note(self) -> str:
        timeline = self.ctx.timeline
        n = len(timeline.events)
        count = self.words["event"] if n == 1 else self.words["events"].format(n=n)
        first, last = timeline.events[0], timeline.events[-1]
        return f"{count}, {format_date(first.date, self.ctx.lang)} – {format_date(last.end or last.date, self.ctx.lang)}"

    def overviews(self) -> list[Page]:
        """The whole timeline as on the poster, split by era over several slides when too dense."""
        groups, scale = overview_groups(self.ctx.timeline, self.fits_overview)
        name = self.words["overview"]
        pages = []
        for i, events in enumerate(groups, 1):
            self.next_number()
            title = name if len(groups) == 1 else f"{name} ({i}/{len(groups)})"
            items = [self.title(title, "the overview title")]
            items += list(timeline_items(self.overview_context(events, scale), self.overview_box(), events,
                                         with_summary=False))
            items += self.legend(events)
            pages.append(self.page("overview", title, items, self.overview_notes(events)))
        return pages

    def overview_context(self, events: tuple[Event, ...], scale: float) -> Context:
        """The poster's context at a slide scale, keeping only the eras these events fall in."""
        timeline = self.ctx.timeline
        lo = min(e.date.as_decimal() for e in events)
        hi = max((e.end or e.date).end_decimal() for e in events)
        eras = tuple(era for era in timeline.eras
                     if era.start.as_decimal() < hi and era.end.end_decimal() > lo)
        return replace(self.ctx, timeline=replace(timeline, eras=eras), scale=scale)

    def overview_box(self) -> Box:
        top = self.margin + block_height(1, 36) + 8
        bottom = self.strip_top - 2 * block_height(1, self.sizes["legend"][0]) - 12
        return Box(self.margin, top, self.inner, bottom - top)

    def legend(self, events: tuple[Event, ...]) -> list:
        """Swatches and names of the categories on the slide, in rows above the bottom margin."""
        size = self.sizes["legend"][0]
        step, swatch = block_height(1, size), size * 0.9
        first = {}
        for event in events:
            if event.category is not None:
                first.setdefault(event.category.id, event)
        entries = [c for c in self.ctx.timeline.categories if c.id in first]
        rows: list[list] = [[]]
        x = self.margin
        for category in entries:
            label = self.ctx.text(category.label)
            width = self.chain("legend").width(label, size) / (1 - SLACK) + 2
            if x + swatch + 6 + width > self.width - self.margin - 44 and rows[-1]:
                rows.append([])
                x = self.margin
            rows[-1].append((x, category, label, width))
            x += swatch + 6 + width + size * 1.5
        items: list = []
        top = self.strip_top - len(rows) * step
        for r, row in enumerate(rows):
            y = top + r * step
            for x, category, label, width in row:
                color = self.ctx.category_color(first[category.id])
                items.append(marker(self.ctx.category_marker(category), x, y + (step - swatch) / 2, swatch, color,
                                    "legend"))
                items.append(self.block([label], "legend", size, x + swatch + 6, y, width, "text"))
        return items

    def fits_overview(self, events: tuple[Event, ...], scale: float) -> bool:
        if len(events) > MAX_OVERVIEW:
            return False
        try:
            timeline_items(self.overview_context(events, scale), self.overview_box(), events, with_summary=False)
        except LayoutError:
            return False
        return True

    def overview_notes(self, events: tuple[Event, ...]) -> str:
        lang = self.ctx.lang
        return "\n".join(f"{event_date(e, lang)}: {self.ctx.text(e.title)}" for e in events)

    def section(self, era: Era, index: int) -> Page:
        """An era's opening slide: its name and span, the events in it, the strip with the era lit."""
        self.next_number()
        ctx, lang = self.ctx, self.ctx.lang
        label = ctx.text(era.label)
        title = self.fitted(label, "title", self.margin, self.height * 0.18, self.inner, block_height(2, 36), 2,
                            what=f'the era "{era.id}"')
        events = [e for e in ctx.timeline.events if ctx.timeline.era_of(e) == era]
        span = f"{format_date(era.start, lang)} – {format_date(era.end, lang)}"
        part = self.words["part"].format(i=index, n=len(ctx.timeline.eras))
        kicker_text = f"{part} · {span}"
        kicker = self.fitted(kicker_text, "kicker", self.margin, title.y + title.h + 8, self.inner,
                             block_height(2, 18), 2, "muted")
        top = kicker.y + kicker.h + 20
        items = [title, kicker] + self.event_list(events, top, self.strip_top - 24 - top)
        notes = "\n".join([label, kicker_text] + [f"{event_date(e, lang)}: {ctx.text(e.title)}" for e in events])
        return self.page("section", label, items + self.strip(span=(era.start.as_decimal(),
                                                                    era.end.end_decimal())), notes)

    def event_list(self, events: list[Event], top: float, height: float) -> list:
        """One line per event (date, title), as many as fit, then "... and N more"."""
        size = self.sizes["list"][0]
        step = block_height(1, size)
        rows = max(0, int(height // step))
        shown = events if len(events) <= rows else events[:max(0, rows - 1)]
        lang = self.ctx.lang
        dates = [event_date(e, lang) for e in shown]
        date_w = max([self.chain("list").width(d, size) for d in dates] + [0]) + 16
        items, y = [], top
        title_w = self.inner - date_w
        for event, date in zip(shown, dates):
            items.append(self.block([date], "list", size, self.margin, y, date_w, "muted"))
            text = self.one_line(self.ctx.text(event.title), "list", size, title_w * (1 - SLACK))
            items.append(self.block([text], "list", size, self.margin + date_w, y, title_w))
            y += step
        if len(shown) < len(events):
            more = self.words["more"].format(n=len(events) - len(shown))
            items.append(self.block([more], "list", size, self.margin + date_w, y, title_w, "muted"))
        return items

    def one_line(self, text: str, role: str, size: float, width: float) -> str:
        """The text cut with an ellipsis to fit one line."""
        chain = self.chain(role)
        if chain.width(text, size) <= width:
            return text
        while text and chain.width(text + "…", size) > width:
            text = text[:-1]
        return text.rstrip() + "…"

    def event(self, event: Event) -> Page:
        """An event's slide: title, date, era and category, summary, icon and the progress strip."""
        self.next_number()
        ctx, lang = self.ctx, self.ctx.lang
        icon = 150.0 if self.width > 800 else 116.0
        col = self.inner - icon - 36
        what = f"event {event.id} ({event.where})"
        title = self.fitted(ctx.text(event.title), "title", self.margin, self.margin - 6, col, block_height(3, 36), 3,
                            what=f"the title of {what}")
        date = self.fitted(event_date(event, lang), "date", self.margin, title.y + title.h + 10, col,
                           block_height(2, 24), 2, what=f"the date of {what}")
        era = ctx.timeline.era_of(event)
        parts = (ctx.text(era.label) if era else "", ctx.text(event.category.label) if event.category else "")
        kicker_text = " · ".join(p for p in parts if p)
        items = [title, date]
        y = date.y + date.h + 4
        if kicker_text:
            kicker = self.fitted(kicker_text, "kicker", self.margin, y, col, block_height(2, 18), 2, "muted")
            items.append(kicker)
            y = kicker.y + kicker.h
        y += 18
        if event.summary is not None:
            items.append(self.fitted(ctx.text(event.summary), "summary", self.margin, y, col,
                                     self.strip_top - 28 - y, what=f"the summary of {what}"))
        items += self.event_icon(event, self.width - self.margin - icon, self.margin, icon)
        items += self.strip(event=event)
        return self.page("event", ctx.text(event.title), items, self.event_notes(event))

    def event_icon(self, event: Event, x: float, y: float, size: float) -> list:
        """A tinted disc ringed in the category colour with the icon in the text colour."""
        color = self.ctx.category_color(event)
        deck = self.ctx.theme.deck
        disc = Rect(x, y, size, size, fill=tint(color, deck["icon_tint"], self.ctx.color("background")),
                    stroke=color, stroke_width=deck["ring"], radius=size / 2,
                    role="disc")
        if not event.icon:
            return [disc]
        inset = size * 0.22
        return [disc] + icon_items(self.ctx, event.icon, x + inset, y + inset, size - 2 * inset,
                                   self.ctx.color("text"), self.ctx.text(event.title))

    def event_notes(self, event: Event) -> str:
        """Speaker notes: the summary, the full date, and the sources with their URLs."""
        w, ctx = self.words, self.ctx
        lines = [ctx.text(event.summary)] if event.summary is not None else []
        lines.append(f"{w['date']}: {full_date(event, ctx.lang)}")
        era = ctx.timeline.era_of(event)
        if era is not None:
            lines.append(f"{w['era']}: {ctx.text(era.label)}")
        if event.sources:
            lines.append(f"{w['sources']}:")
            numbers = ctx.timeline.source_numbers()
            cited = sorted(event.sources, key=lambda s: numbers[s.id])
            lines += [f"[{numbers[s.id]}] {s.title}: {s.url}" for s in cited]
        else:
            lines.append(f"{w['sources']}: {w['none']}")
        return "\n".join(lines)

    def sources(self) -> list[Page]:
        """The closing slide(s): every source with its URL, as many slides as needed."""
        sources = self.ctx.timeline.cited_sources()
        name = self.words["sources"]
        entries = [self.source_entry(i, s) for i, s in enumerate(sources, 1)]
        top, bottom = self.margin + block_height(1, 36) + 16, self.strip_top - 8
        groups = stack_groups([h for h, _ in entries], bottom - top) or [[]]
        pages = []
        for n, group in enumerate(groups, 1):
            self.next_number()
            title = name if len(groups) == 1 else f"{name} ({n}/{len(groups)})"
            items = [self.title(title, "the sources title")]
            y = top
            for index in group:
                height, build = entries[index]
                items += build(y)
                y += height
            if not sources:
                items.append(self.block([self.words["no_sources"]], "source", 16, self.margin, top, self.inner))
            notes = "\n".join(f"{sources[i].title}: {sources[i].url}" for i in group)
            pages.append(self.page("sources", title, items, notes))
        return pages

    def source_entry(self, number: int, source) -> tuple[float, Callable[[float], list]]:
        """The height of one source entry, and a function drawing it at a given top."""
        title_lines, title_size = self.fit(f"{number}. {source.title}", "source", self.inner,
                                           block_height(2, 16), 2, f'source "{source.id}"')
        url_lines, url_size = self.fit(source.url, "url", self.inner - 18, block_height(3, 14), 3,
                                       f'the URL of source "{source.id}"')
        height = block_height(len(title_lines), title_size) + block_height(len(url_lines), url_size) + 10

        def build(y: float) -> list:
            head = self.block(title_lines, "source", title_size, self.margin, y, self.inner)
            url = self.block(url_lines, "url", url_size, self.margin + 18, y + head.h, self.inner - 18, "muted",
                             link=source.url)
            return [head, url]

        return height, build


# --- ink on the ground ---------------------------------------------------------


def inked(items: list, inks: set[str]) -> list:
    """The items, with `ink` set on those drawn in an ink colour straight on the slide's ground (not on a
    card, disc or band drawn before them), so a renderer on a user's template can use its ink for them."""
    fills: list[Box] = []
    out = []
    for item in items:
        colors = [getattr(item, key, None) for key in ("color", "fill", "stroke")]
        box = _box_of(item)
        if box is not None and any(c and c.upper() in inks for c in colors) \
                and not any(box.inside(fill, tol=1.0) for fill in fills):
            item = replace(item, ink=True)
        if isinstance(item, Rect) and item.fill:
            fills.append(item.box)
        out.append(item)
    return out


def _box_of(item) -> Box | None:
    if isinstance(item, Line):
        return Box(min(item.x1, item.x2), min(item.y1, item.y2), abs(item.x2 - item.x1), abs(item.y2 - item.y1))
    return getattr(item, "box", None)


# --- grouping ------------------------------------------------------------------


def overview_groups(timeline: Timeline, fits) -> tuple[list[tuple[Event, ...]], float]:
    """Events split into as few runs of whole eras as fit one slide each, and the type scale used.

    `fits(events, scale) -> bool` says whether a run of events fits on one overview slide;
    the largest scale of OVERVIEW_SCALES that fits every slide is taken. An era is split
    in halves only when it cannot fit a slide by itself.
    """
    runs = _era_runs(timeline)
    for count in range(1, len(runs) + 1):
        groups = [sum(part, ()) for part in _partition(runs, count)]
        for scale in OVERVIEW_SCALES:
            if all(fits(g, scale) for g in groups):
                return groups, scale
    smallest = OVERVIEW_SCALES[-1]
    groups = []
    for run in runs:
        groups += _halves(run, lambda events: fits(events, smallest))
    return groups, smallest


def _era_runs(timeline: Timeline) -> list[tuple[Event, ...]]:
    """Events grouped by era in order; events outside every era form their own runs."""
    runs: list[list[Event]] = []
    last = object()
    for event in timeline.events:
        era = timeline.era_of(event)
        key = era.id if era is not None else None
        if not runs or key != last:
            runs.append([])
        runs[-1].append(event)
        last = key
    return [tuple(run) for run in runs]


def _partition(runs: list[tuple], count: int) -> list[list[tuple]]:
    """Split consecutive runs into `count` parts with event totals as even as possible."""
    total = sum(len(r) for r in runs)
    parts: list[list[tuple]] = [[]]
    done = 0
    for index, run in enumerate(runs):
        left = len(runs) - index
        target = total * len(parts) / count
        if parts[-1] and len(parts) < count and (done + len(run) / 2 > target or left <= count - len(parts)):
            parts.append([])
        parts[-1].append(run)
        done += len(run)
    return parts


def _halves(events: tuple[Event, ...], fits) -> list[tuple[Event, ...]]:
    """Split a run of events in halves until each half fits; a single event that does not fit is an error."""
    if fits(events):
        return [events]
    if len(events) == 1:
        raise LayoutError(f"event {events[0].id} does not fit on an overview slide")
    mid = len(events) // 2
    return _halves(events[:mid], fits) + _halves(events[mid:], fits)


def stack_groups(heights: list[float], room: float) -> list[list[int]]:
    """Indexes of entries stacked top to bottom into as many columns of `room` as needed."""
    groups: list[list[int]] = []
    used = room
    for index, height in enumerate(heights):
        if used + height > room:
            groups.append([])
            used = 0.0
        groups[-1].append(index)
        used += height
    return groups
