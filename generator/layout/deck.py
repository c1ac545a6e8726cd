"""The conference deck: title, overview, era, event and sources slides as scene pages.

Every slide is a scene.Page with `title`, `notes` and `kind` set; its first Text has
the role "title" (the PPTX renderer puts it into the layout's title placeholder) and
the last one the role "slide_number". Type sizes are points on the slide. Text is
wrapped and measured here with the fonts the renderer names (Liberation Sans has
Arial's metrics) and shrunk towards a floor; text that is still too long wraps to
more lines or continues on a second slide, and only text that cannot fit two slides
raises a LayoutError. Each text column keeps `SLACK` of its width free so an
application whose metrics differ slightly never wraps a line differently.

The deck is a clickable talk: the overview shows the whole span with a mark per
event, each era gets a zoomed slide of cards, every mark and card links to its
event's slide and every event slide links back to its era's slide (scene Links
with `page` set). Everything is placed inside a `Frame`: the slide size, the title
box and the content box (a template's body placeholder).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from typing import Callable

from generator.errors import LayoutError
from generator.fonts import FontChain, FontSet
from generator.layout.cards import icon_items
from generator.layout.context import Context
from generator.colors import contrast, readable
from generator.layout.marks import marker
from generator.model import Era, Event, PartialDate, Timeline
from generator.scene import Box, Document, Link, Page, Rect, Text
from generator import markup
from generator.text import block_height, line_height, lines_at_most, text_block, text_box, wrap, wrap_marked
from generator.style import DeckFormat, Style
from generator.words import words
from generator.labels import event_date, format_date

SLACK = 0.06
APP_SLACK = 0.04       # deck text is measured this much wider, for applications whose metrics differ a little
AUTOSPACE = 0.25       # em LibreOffice adds where Asian and Latin letters meet (measured: 0.24 em)
BOLD = frozenset({"cover", "title", "source", "card_title", "label", "era_band", "numeral", "quote"})
STRIP = 34.0           # height of the progress strip at the foot of the content box
NUMBER_W = 44.0        # room for the slide number right of the strip
_ASIAN = re.compile("[\u1100-\u11ff\u2e80-\u2fdf\u3040-\u30ff\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff"
                    "\ua960-\ua97f\uac00-\ud7af\uf900-\ufaff]")
# runs of Asian letters and runs of other characters, in text without white space (str.split's white space)
_SCRIPT_RUNS = re.compile(f"{_ASIAN.pattern}+|[^{_ASIAN.pattern[1:-1]}]+")
_SENTENCE_END = re.compile(r"[.!?。]|다\.|요\.")


@dataclass(frozen=True)
class Frame:
    """Where a slide's parts go: the slide size, the title box and the content box (points)."""

    width: float
    height: float
    title: Box
    body: Box

    @classmethod
    def default(cls, fmt: DeckFormat = DeckFormat(), margin: float = 40.0) -> "Frame":
        """Our own deck's frame: the slide less its margin, the title at the top."""
        inner = fmt.width - 2 * margin
        top = margin - 6
        return cls(fmt.width, fmt.height, Box(margin, top, inner, block_height(2, 36)),
                   Box(margin, top, inner, fmt.height - 16 - top))


def layout_deck(timeline: Timeline, lang: str, style: Style, fmt: DeckFormat = DeckFormat(),
                frame: Frame | None = None, draw: bool = True) -> Document:
    """Lay out the deck: title, overview, a zoomed slide per era, a slide per event, sources.

    `draw=False` (for `timeline check`) makes every decision the same way, through the same code, and
    raises the same errors, but leaves the text boxes without their lines (see `text.text_box`), the
    slides without their progress strips and the event slides without speaker notes.
    """
    if frame is None:
        frame = Frame.default(fmt, style.theme.deck["margin"])
    measured = replace(style, fonts=autospaced(style.fonts))
    deck = _Deck(Context(timeline, lang, measured), frame, draw)
    pages = deck.pages()
    # the faces the measuring copy fell back on too: nothing else may have used them yet in this process
    faces = {f.name: f for f in style.fonts.faces() + measured.fonts.faces()}
    return Document(tuple(pages), tuple(faces.values()), title=deck.ctx.text(timeline.title),
                    author=timeline.meta.author, subject=deck.ctx.text(timeline.subtitle), lang=lang,
                    date=timeline.meta.date, keywords=tuple(c.label.get(lang) for c in timeline.categories))


def full_date(event: Event, lang: str) -> str:
    """The date for speaker notes: the shown label, with the exact date when they differ."""
    exact = format_date(event.date, lang) + (" – " + format_date(event.end, lang) if event.end else "")
    shown = event_date(event, lang)
    return exact if shown == exact else f"{shown} ({exact})"


def one_sentence(text: str) -> bool:
    """True for a summary of one sentence (a quote-like slide)."""
    ends = [m.end() for m in _SENTENCE_END.finditer(text.strip())]
    return len(ends) <= 1 and (not ends or ends[0] >= len(text.strip()) - 1)


class AutospacedChain(FontChain):
    """A font chain whose widths include the gap LibreOffice puts between Asian and Latin text.

    Impress applies "spacing between Asian and non-Asian text" to PPTX text and the file
    format has no way to turn it off; PowerPoint adds none. Counting it keeps a line that
    fits in LibreOffice from wrapping and only leaves a little room elsewhere.
    """

    def __init__(self, chain: FontChain):
        super().__init__(chain.faces, chain.bold, chain.lang)

    def width(self, text: str, size: float) -> float:
        return super().width(text, size) + _script_changes(text) * AUTOSPACE * size

    def width_terms(self, text: str) -> tuple[float, float]:
        # a piece of text changes script no more often than text does
        return 1.0, _script_changes(text) * AUTOSPACE


class DeckChain(AutospacedChain):
    """The deck's measure: LibreOffice's Asian/Latin spacing, and APP_SLACK to spare for any application
    whose metrics differ a little, so the boxes the layout draws are the boxes the renderer writes."""

    def width(self, text: str, size: float) -> float:
        # AutospacedChain.width * (1 + APP_SLACK), the same sum in the same order, without the calls between:
        # FontChain.width(text, 1.0) is the em the chain remembers per text
        em = self._em.get(text)
        if em is None:
            em = FontChain.width(self, text, 1.0)
        return (em * size + _script_changes(text) * AUTOSPACE * size) * (1 + APP_SLACK)

    def width_terms(self, text: str) -> tuple[float, float]:
        return 1 + APP_SLACK, _script_changes(text) * AUTOSPACE


def autospaced(fonts: FontSet) -> FontSet:
    """The same fonts, measured with LibreOffice's Asian/Latin spacing."""
    return FontSet({role: DeckChain(chain) for role, chain in fonts.chains.items()})


@lru_cache(maxsize=65536)
def _script_changes(text: str) -> int:
    """`script_changes`, remembered per text (the deck measures every line it tries)."""
    return script_changes(text)


def script_changes(text: str) -> int:
    """How often text switches between Asian and other letters (spaces take the script before them)."""
    if not _ASIAN.search(text):
        return 0
    return max(0, len(_SCRIPT_RUNS.findall("".join(text.split()))) - 1)


def grouped(items: list, name: str) -> list:
    """The items as one named group (a card with its leader and mark)."""
    return [_with(item, group=name) if hasattr(item, "group") else item for item in items]


def _with(item, **changes):
    """`dataclasses.replace` for the scene's plain frozen dataclasses (no __post_init__, no slots), without
    calling __init__ again: the deck makes tens of thousands of these."""
    new = object.__new__(type(item))
    new.__dict__.update(item.__dict__)
    new.__dict__.update(changes)
    return new


# --- the deck ------------------------------------------------------------------


@dataclass
class Section:
    """An era's zoomed slide (or one part of it): its events and the span its axis shows."""

    era: Era | None
    events: tuple[Event, ...]
    part: int
    parts: int
    lo: float
    hi: float

    @property
    def key(self) -> str:
        return f"#section-{self.era.id if self.era else self.events[0].id}-{self.part}"


class _Deck:
    """Builds the slides of one deck; slides are numbered in the order they are made."""

    def __init__(self, ctx: Context, frame: Frame, draw: bool = True):
        self.ctx, self.frame, self.draw = ctx, frame, draw
        self.width, self.height = frame.width, frame.height
        body = frame.body
        self.left, self.right, self.bottom = body.x, body.right, body.bottom
        self.count = 0
        self.keys: dict[str, int] = {}
        timeline = ctx.timeline
        starts = [e.date.as_decimal() for e in timeline.events] + [e.start.as_decimal() for e in timeline.eras]
        ends = [(e.end or e.date).end_decimal() for e in timeline.events] + [e.end.end_decimal()
                                                                           for e in timeline.eras]
        self.lo, self.hi = min(starts), max(ends)
        # worked out once (every event slide asks): the first and last year, each event's place
        # in the timeline and in its era
        self.first_year = min(e.date.year for e in timeline.events)
        self.last_year = max((e.end or e.date).year for e in timeline.events)
        self.era_places: dict[int, tuple[Era | None, int, int]] = {}
        self.places: dict[int, int] = {}
        members: dict[int, list[Event]] = {}
        for i, event in enumerate(timeline.events):
            self.places[id(event)] = i
            era = timeline.era_of(event)
            members.setdefault(id(era), []).append(event)
            self.era_places[id(event)] = (era, len(members[id(era)]), 0)
        for event in timeline.events:
            era, nth, _ = self.era_places[id(event)]
            self.era_places[id(event)] = (era, nth, len(members[id(era)]))
        self.numbers = timeline.source_numbers()      # reference numbers, once per deck
        self.words = words(ctx.lang)
        self._chains: dict[str, FontChain] = {}
        self._dates: dict[int, tuple[Event, str]] = {}      # `date_of`, by the event's id
        self._strip_segments: list | None = None
        self._strip_parts: list | None = None
        self.sections = self.plan_sections()
        self.section_of = {e.id: s for s in self.sections for e in s.events}

    @property
    def inner(self) -> float:
        return self.right - self.left

    @cached_property
    def sizes(self):
        """(start, floor) in points on the slide per role (the theme's `deck.sizes`)."""
        return self.ctx.theme.deck["sizes"]

    @property
    def strip_right(self) -> float:
        return self.right - NUMBER_W

    @property
    def strip_top(self) -> float:
        return self.bottom - STRIP

    def pages(self) -> list[Page]:
        pages = [self.cover(), self.overview()]
        for section in self.sections:
            pages.append(self.section(section))
            for event in section.events:
                pages += self.event(event)
        pages += self.sources()
        return [self.linked(page) for page in pages] if self.draw else pages

    def linked(self, page: Page) -> Page:
        """Links to "#key" become links to the page that key names."""
        items = tuple(_with(item, url="", page=self.keys[item.url])
                      if isinstance(item, Link) and item.url.startswith("#") else item for item in page.items)
        return replace(page, items=items)

    # --- shared pieces ----------------------------------------------------------

    def chain(self, role: str) -> FontChain:
        found = self._chains.get(role)
        if found is None:       # the font set hands out one chain per role and language: asked once per role
            found = self._chains[role] = self.ctx.fonts.chain("heading" if role in BOLD else "body", self.ctx.lang)
        return found

    def block(self, lines: list[str], role: str, size: float, x: float, y: float, width: float,
              color: str = "text", align: str = "left", link: str = "") -> Text:
        """A Text block of already broken lines in a theme colour (or a "#RRGGBB")."""
        ink = color if color.startswith("#") else self.ctx.color(color)
        made = text_block if self.draw else text_box
        return made(lines, self.chain(role), size, x, y, width, ink, align, role=role, lang=self.ctx.lang, link=link)

    def fit(self, text: str, role: str, width: float, height: float, max_lines: int = 0,
            what: str = "") -> tuple[list[str], float]:
        """Lines and size of the largest type (down to the role's floor) that fits the box.

        At the floor the text may take more lines than `max_lines` as long as they fit the height.
        """
        start, floor = self.sizes[role]
        usable = width * (1 - SLACK)
        size = float(start)
        while size >= floor:
            lines = wrap(text, self.chain(role), size, usable)
            if (not max_lines or len(lines) <= max_lines) and block_height(len(lines), size) <= height:
                return lines, size
            size -= 1
        lines = wrap(text, self.chain(role), floor, usable)
        if block_height(len(lines), floor) <= height:
            return lines, float(floor)
        raise LayoutError(f"{what or role} does not fit on a {self.width:g}x{self.height:g} pt slide "
                          f"even at {floor} pt: shorten it")

    def fitted(self, text: str, role: str, x: float, y: float, width: float, height: float,
               max_lines: int = 0, color: str = "text", what: str = "", align: str = "left") -> Text:
        lines, size = self.fit(text, role, width, height, max_lines, what)
        return self.block(lines, role, size, x, y, width, color, align)

    @property
    def banded(self) -> bool:
        """True when the title sits on a fill of its own (a template's band): titles stay in the title box."""
        colors = self.ctx.theme.colors
        return colors.get("title_text", colors["text"]) != colors["text"]

    def title(self, text: str, what: str, width: float | None = None, room: float | None = None) -> Text:
        """The slide title in the frame's title box: up to two lines, more at the floor if it needs them."""
        box = self.frame.title
        room = room if room is not None else max(box.h, block_height(2, 36))
        if self.banded:
            room = box.h + 4
        lines, size = self.fit_title(text, width or box.w, room, 2, what)
        return self.block(lines, "title", size, box.x, box.y, width or box.w, self.title_ink)

    @property
    def title_ink(self) -> str:
        return "title_text" if "title_text" in self.ctx.theme.colors else "text"

    def fit_title(self, text: str, width: float, room: float, max_lines: int, what: str) -> tuple[list[str], float]:
        """A title's lines; in a template's title band, cut to the lines the band holds rather than failing."""
        try:
            return self.fit(text, "title", width, room, max_lines, what)
        except LayoutError:
            if not self.banded:
                raise
        floor = self.sizes["title"][1]
        lines = wrap(text, self.chain("title"), floor, width * (1 - SLACK))
        keep = max(1, int(room // line_height(floor)))
        if len(lines) > keep:
            lines = lines[:keep - 1] + [self.one_line(" ".join(lines[keep - 1:]), "title", floor,
                                                      width * (1 - SLACK))]
        return lines, float(floor)

    def below_title(self, title: Text, gap: float = 8.0) -> float:
        """Where content may start under a title (under the template's title band too)."""
        top = title.y + title.h + gap
        return max(top, self.frame.body.y) if self.banded else top

    def one_line(self, text: str, role: str, size: float, width: float) -> str:
        """The text cut with an ellipsis to fit one line."""
        chain = self.chain(role)
        if chain.width(text, size) <= width:
            return text
        while text and chain.width(text + "…", size) > width:
            text = text[:-1]
        return text.rstrip() + "…"

    def number(self) -> Text:
        """The slide number, right-aligned in the bottom-right corner of the content box."""
        size = self.sizes["slide_number"][0]
        y = self.strip_top + 3 - block_height(1, size) / 2
        return self.block([str(self.count)], "slide_number", size, self.right - 40, y, 40, "muted", "right")

    def page(self, kind: str, title: str, items: list, notes: str, key: str = "") -> Page:
        self.count += 1
        if key:
            self.keys[key] = self.count
        background = Rect(0, 0, self.width, self.height, fill=self.ctx.color("background"), role="background")
        under = [background]
        panel = self.ctx.theme.colors.get("panel")
        if panel:    # a template's busy picture: our content sits on a panel of its own
            top = min(self.frame.body.y, self.frame.title.y)
            left, right = min(self.left, self.frame.title.x), max(self.right, self.frame.title.right)
            under.append(Rect(left, top, right - left, self.bottom - top, fill=panel, radius=10, role="panel"))
        return Page(self.width, self.height, tuple(under + items + [self.number()]),
                    title=title, notes=notes, kind=kind)

    def x_at(self, date: float, lo: float, hi: float, left: float, right: float) -> float:
        return left + (date - lo) / (hi - lo or 1.0) * (right - left)

    def era_fill(self, era: Era) -> str:
        fills = self.ctx.theme.colors["era_fills"]
        return era.color or fills[list(self.ctx.timeline.eras).index(era) % len(fills)]

    def readable(self, fill: str, preferred: str = "text") -> str:
        """A text colour that reads at 4.5:1 on fill: the theme's, else the nearest of its hue that does."""
        for color in (self.ctx.color(preferred), self.ctx.color("text")):
            if contrast(color, fill) >= 4.5:
                return color
        return readable(self.ctx.color(preferred), (fill,), 4.5)

    @cached_property
    def track(self) -> str:
        """The progress strip's track: the card border colour, darkened until it reads as a mark."""
        return readable(self.ctx.color("card_border"), (self.ctx.color("background"),),
                        self.ctx.theme.contrast["marks"])

    # --- planning ----------------------------------------------------------------

    def plan_sections(self) -> list[Section]:
        """A zoomed slide per era (several for a crowded era), and for runs of events outside every era."""
        timeline = self.ctx.timeline
        runs: list[tuple[Era | None, list[Event]]] = []
        for event in timeline.events:
            era = timeline.era_of(event)
            if not runs or runs[-1][0] != era or era is None and runs[-1][0] is not None:
                runs.append((era, []))
            runs[-1][1].append(event)
        per_slide = self.cards_per_slide()
        sections = []
        for era, events in runs:
            parts = math.ceil(len(events) / per_slide)
            size = math.ceil(len(events) / parts)
            for i in range(parts):
                chunk = tuple(events[i * size:(i + 1) * size])
                lo = chunk[0].date.as_decimal()
                hi = max((e.end or e.date).end_decimal() for e in chunk)
                if era is not None:     # every part of an era shows the era's whole span
                    lo, hi = min(lo, era.start.as_decimal()), max(hi, era.end.end_decimal())
                sections.append(Section(era, chunk, i + 1, parts, lo, hi))
        return sections

    def cards_per_slide(self) -> int:
        from generator.layout.deck_overview import cards_per_slide
        return cards_per_slide(self.inner)

    # --- the progress strip -----------------------------------------------------

    def strip(self, span: tuple[float, float] | None = None, event: Event | None = None) -> list:
        """The whole timeline as a bar: era segments with their names, the part done, and a marker."""
        if not self.draw:
            self.strip_parts()      # the era names measured where the drawn deck first measures them
            return []
        y, h = self.strip_top, self.ctx.theme.deck["strip_height"]
        left, right = self.left, self.strip_right
        done = self.x_at(event.date.as_decimal(), self.lo, self.hi, left, right) if event is not None else None
        items: list = []
        for (a, b, _era), (track, label) in zip(self.strip_segments(), self.strip_parts()):
            items.append(track)
            if done is not None and done > a:
                items.append(Rect(a, y, min(b, done) - a, h, fill=self.ctx.color("axis"), role="strip"))
            if label is not None:
                items.append(label)
        if span is not None:
            a = self.x_at(span[0], self.lo, self.hi, left, right)
            b = self.x_at(span[1], self.lo, self.hi, left, right)
            items.append(Rect(a, y - 2, max(b - a, h), h + 4, fill=self.ctx.color("axis"), role="strip"))
        if event is not None:
            d = self.ctx.theme.deck["marker"]
            done = min(max(done, left + d / 2), right - d / 2)     # the marker stays inside the content box
            items.append(marker(self.ctx.category_marker(event.category), done - d / 2, y + h / 2 - d / 2, d,
                                self.ctx.category_color(event), "strip", self.ctx.color("background"), 1.5))
        if not self.ctx.timeline.eras:
            items += self.strip_years(y + h + 3)
        return grouped(items, "Progress")

    def strip_parts(self) -> list[tuple[Rect, Text | None]]:
        """Per strip segment, its track and its era's name (None if it has no room): the same on every slide,
        so made once."""
        if self._strip_parts is None:
            y, h = self.strip_top, self.ctx.theme.deck["strip_height"]
            size = self.sizes["strip"][0]
            parts = []
            for a, b, era in self.strip_segments():
                track, name = Rect(a, y, b - a, h, fill=self.track, role="strip"), None
                if era is not None and b - a > size * 2:
                    label = self.one_line(self.ctx.text(era.label), "strip", size, (b - a - 4) * (1 - SLACK))
                    if len(label) > 2:
                        name = self.block([label], "strip", size, a, y + h + 3, b - a, "muted")
                parts.append((track, name))
            self._strip_parts = parts
        return self._strip_parts

    def strip_segments(self) -> list[tuple[float, float, Era | None]]:
        """The strip's pieces: one per era (2 pt apart), and the stretches outside every era (made once)."""
        if self._strip_segments is None:
            self._strip_segments = self._segments()
        return self._strip_segments

    def _segments(self) -> list[tuple[float, float, Era | None]]:
        left, right = self.left, self.strip_right
        eras = sorted(self.ctx.timeline.eras, key=lambda e: e.start.as_decimal())
        pieces: list[tuple[float, float, Era | None]] = []
        cursor = left
        for era in eras:
            a = max(cursor, self.x_at(era.start.as_decimal(), self.lo, self.hi, left, right))
            b = min(right, self.x_at(era.end.end_decimal(), self.lo, self.hi, left, right))
            if a - cursor > 3:
                pieces.append((cursor, a - 1, None))
            if b - a > 3:
                pieces.append((a + (1 if a > left else 0), b - (1 if b < right else 0), era))
            cursor = max(cursor, b)
        if right - cursor > 3 or not pieces:
            pieces.append((cursor + (1 if cursor > left else 0), right, None))
        return pieces

    def strip_years(self, y: float) -> list:
        """The first and last year under the strip (when there are no eras to name)."""
        size = self.sizes["strip"][0]
        first, last = self.first_year, self.last_year
        half = (self.strip_right - self.left) / 2
        return [self.block([format_date(PartialDate(first), self.ctx.lang)], "strip", size, self.left, y, half, "muted"),
                self.block([format_date(PartialDate(last), self.ctx.lang)], "strip", size, self.left + half, y, half,
                           "muted", "right")]

    # --- the title slide ----------------------------------------------------------

    def cover(self) -> Page:
        """The title slide: title, subtitle, the span of the timeline, credits (no progress strip).

        The block starts at 30% of the slide height (higher for a three-line title) and moves up,
        not above the content area, when its credits would reach below it (a template's content
        area can end well above the slide's foot).
        """
        ctx, timeline = self.ctx, self.ctx.timeline
        title_text = ctx.text(timeline.title)
        lines, size = self.fit(title_text, "cover", self.inner, self.height * 0.36, 3, "the title")
        y = self.height * 0.30 if len(lines) <= 2 else self.frame.body.y + 20
        credit = " · ".join(p for p in (timeline.meta.author, timeline.meta.license, timeline.meta.date) if p)
        items = self.cover_items(lines, size, y, credit)
        low = max(item.y + item.h for item in items if isinstance(item, Text))
        if low > self.bottom and y > self.frame.body.y:
            items = self.cover_items(lines, size, max(self.frame.body.y, y - (low - self.bottom)), credit)
        notes = "\n".join(p for p in (title_text, ctx.text(timeline.subtitle), self.span_note(), credit) if p)
        return self.page("title", title_text, items, notes)

    def cover_items(self, lines: list[str], size: float, y: float, credit: str) -> list:
        ctx, timeline = self.ctx, self.ctx.timeline
        items: list = [text_block(lines, self.chain("cover"), size, self.left, y, self.inner, ctx.color("text"),
                                  role="title", lang=ctx.lang)]
        y += items[0].h + 12
        if timeline.subtitle:
            sub = self.fitted(ctx.text(timeline.subtitle), "subtitle", self.left, y, self.inner,
                              max(block_height(2, 26), self.bottom - 110 - y), 2, "muted", "the subtitle")
            items.append(sub)
            y = sub.y + sub.h
        items.append(Rect(self.left, y + 16, 96, 5, fill=ctx.color("axis"), role="rule"))
        span = self.fitted(self.span_note(), "kicker", self.left, y + 33, self.inner, block_height(2, 18), 2,
                           "muted", "the span")
        items.append(span)
        if credit:
            # near the foot of the content area, never above the span
            top = max(self.bottom - 52 - block_height(1, 14), span.y + span.h + 10)
            items.append(self.fitted(credit, "meta", self.left, top, self.inner - NUMBER_W,
                                     max(block_height(3, 14), self.bottom - top), 3, "muted", "the credits"))
        return items

    def span_note(self) -> str:
        timeline = self.ctx.timeline
        n = len(timeline.events)
        count = self.words["event"] if n == 1 else self.words["events"].format(n=n)
        first = timeline.events[0]
        last = max(timeline.events, key=lambda e: (e.end or e.date).end_decimal())
        return f"{count}, {format_date(first.date, self.ctx.lang)} – {format_date(last.end or last.date, self.ctx.lang)}"

    # --- the overview ------------------------------------------------------------

    def overview(self) -> Page:
        """The whole span on one slide: era bands with names, a mark per event, as many labels as fit."""
        from generator.layout.deck_overview import overview_items
        name = self.words["overview"]
        title = self.title(name, "the overview title")
        items = [title] + overview_items(self, self.below_title(title, 10))
        lang = self.ctx.lang
        notes = "\n".join(f"{self.date_of(e)}: {self.ctx.text(e.title)}" for e in self.ctx.timeline.events)
        return self.page("overview", name, items, notes, "#overview")

    def section(self, section: Section) -> Page:
        """An era's zoomed slide: its name, span and cards linked to the event slides."""
        from generator.layout.deck_overview import section_items
        ctx, lang = self.ctx, self.ctx.lang
        if section.era is not None:
            label = ctx.text(section.era.label)
            index = list(ctx.timeline.eras).index(section.era) + 1
            span = f"{format_date(section.era.start, lang)} – {format_date(section.era.end, lang)}"
            kicker_text = f"{self.words['part'].format(i=index, n=len(ctx.timeline.eras))} · {span}"
        else:
            first, last = section.events[0], section.events[-1]
            label = self.words["other"]
            kicker_text = f"{format_date(first.date, lang)} – {format_date(last.end or last.date, lang)}"
        if section.parts > 1:
            label = f"{label} ({self.words['cont'].format(i=section.part, n=section.parts)})"
        title = self.title(label, f'the era slide "{label}"')
        kicker = self.fitted(kicker_text, "kicker", self.left, self.below_title(title, 4), self.inner,
                             block_height(1, 18), 1, "muted")
        top = kicker.y + kicker.h + 10
        items = [title, kicker]
        if self.draw or not self.cards_drawable(section):
            items += section_items(self, section, top, self.strip_top - 14)
        notes = "\n".join([label, kicker_text] + [f"{self.date_of(e)}: {ctx.text(e.title)}"
                                                  for e in section.events])
        strip = self.strip(span=(section.lo, section.hi))
        return self.page("section", label, items + strip, notes, section.key)

    def date_of(self, event: Event) -> str:
        """`event_date` in the deck's language, worked out once per event (the overview, the era slide, the card,
        the event slide and its neighbours' notes show it)."""
        known = self._dates.get(id(event))
        if known is None:       # kept with the event, whose id no other object can take meanwhile
            known = self._dates[id(event)] = (event, event_date(event, self.ctx.lang))
        return known[1]

    def cards_drawable(self, section: Section) -> bool:
        """True when the era slide's cards and dates cannot fail (undrawn, they are left out: they decide nothing
        else). Their dates are worked out here, where the cards would first work them out."""
        lang, ctx = self.ctx.lang, self.ctx
        dates = [self.date_of(event) for event in section.events]
        if section.era is not None:
            ends = [format_date(section.era.start, lang), format_date(section.era.end, lang)]
        else:
            last = section.events[-1]
            ends = [format_date(section.events[0].date, lang), format_date(last.end or last.date, lang)]
        # a card's date and title may be cut with "…", the title's last lines joined by a space first
        return self.surely_drawable("card_date", dates + ["…"]) and self.surely_drawable("tick", ends) \
            and self.surely_drawable("card_title", [ctx.text(event.title) for event in section.events] + [" …"])

    # --- event slides ---------------------------------------------------------------

    def variant(self, event: Event) -> str:
        """Which layout an event gets: picture, quote (one sentence), icon or text (a large date)."""
        if event.icon and self.is_raster(event.icon):
            return "picture"
        if event.summary is not None and one_sentence(self.ctx.text(event.summary)) \
                and len(self.ctx.text(event.summary)) <= 180:
            return "quote"
        return "icon" if event.icon else "text"

    def is_raster(self, ref: str) -> bool:
        return not self.ctx.style.icon(ref).is_vector

    def event(self, event: Event) -> list[Page]:
        """An event's slide, and a second one when the summary needs it ("2/2")."""
        ctx, lang = self.ctx, self.ctx.lang
        variant = self.variant(event)
        what = f"event {event.id} ({event.where})"
        title_text = ctx.text(event.title)
        visual_w = 0.0 if variant == "quote" else min(self.inner * 0.34, 280.0)
        col = self.inner - visual_w - (28 if visual_w else 0)
        badge = 72.0 if variant == "quote" and event.icon else 0.0   # a quote slide keeps its icon small
        room = self.strip_top - 16 - self.frame.title.y
        title_w = col - badge * 1.3
        lines, size = self.fit_title(title_text, title_w, self.frame.title.h + 4 if self.banded else room * 0.5, 3,
                                     f"the title of {what}")
        title = self.block(lines, "title", size, self.frame.title.x, self.frame.title.y, title_w, self.title_ink)
        date = self.fitted(self.date_of(event), "date", self.left, self.below_title(title), col,
                           block_height(2, 24), 2, "muted" if variant != "text" else "text",
                           what=f"the date of {what}")
        section = self.section_of[event.id]
        era = section.era
        parts = (ctx.text(era.label) if era else "", ctx.text(event.category.label) if event.category else "")
        kicker_text = " · ".join(p for p in parts if p) or self.words["overview"]
        kicker = self.fitted(kicker_text, "kicker", self.left, date.y + date.h + 4, col, block_height(2, 18), 2,
                             "muted")
        back = Link(kicker.x, kicker.y, kicker.w, kicker.h, section.key)
        head = [title, date, kicker, back]
        top = kicker.y + kicker.h + 18
        bottom = self.strip_top - 16
        summary = ctx.summary(event) if event.summary is not None else ""
        role = "quote" if variant == "quote" else "summary"
        indent = 34.0 if variant == "quote" else 0.0
        if not self.draw and self.summary_fits(summary, role, col - indent, bottom - top):
            first, rest, size = [], [], float(self.sizes[role][0])     # one slide; its lines are not drawn
        else:
            first, rest, size = self.split_summary(summary, role, col - indent, bottom - top, what)
        notes = self.event_notes(event) if self.draw else ""
        pages_count = 2 if rest else 1
        items = list(head)
        if first:
            items += self.summary_items(event, first, role, size, self.left + indent, top, col - indent)
        visual_top = self.frame.body.y if self.banded else self.frame.title.y
        items += self.visual(event, variant, self.right - visual_w, visual_top, visual_w, bottom)
        if badge:
            items += grouped(icon_items(ctx, event.icon, self.right - badge, visual_top + 4, badge,
                                        self.icon_color(ctx.category_color(event)), title_text), f"Icon: {title_text}")
        strip = self.strip(event=event)
        key = f"#event-{event.id}"
        if pages_count == 1:
            return [self.page("event", title_text, items + strip, notes, key)]
        mark = self.words["cont"]
        pages = [self.page("event", title_text, items + strip + [self.cont_mark(mark.format(i=1, n=2))],
                           notes, key)]
        more_title = self.title(f"{title_text} ({mark.format(i=2, n=2)})", f"the title of {what}")
        top2 = self.below_title(more_title, 18)
        lines, size2 = rest, size
        if block_height(len(lines), size2) > bottom - top2:
            raise LayoutError(f"the summary of {what} does not fit on two slides even at "
                              f"{self.sizes[role][1]} pt: shorten it")
        more = [more_title, self.block(lines, role, size2, self.left + indent, top2, self.inner - indent,
                                       "text"), Link(self.left, top2, self.inner, block_height(len(lines), size2),
                                                     section.key)]
        pages.append(self.page("event", f"{title_text} ({mark.format(i=2, n=2)})", more + strip, notes))
        return pages

    def cont_mark(self, text: str) -> Text:
        size = self.sizes["strip"][0]
        return self.block([text], "strip", size, self.right - 80, self.strip_top - 26, 80, "muted", "right")

    def summary_fits(self, text: str, role: str, width: float, height: float) -> bool:
        """True when the summary surely fits this slide at its start size (`split_summary` would keep it whole
        there, and no line of it can fail to be drawn); False says nothing."""
        if markup.has_markup(text):
            return False
        start = float(self.sizes[role][0])
        most = lines_at_most(text, self.chain(role), start, width * (1 - SLACK))
        return most is not None and block_height(most, start) <= height

    def surely_drawable(self, role: str, texts) -> bool:
        """True when measuring and drawing these texts in the role's fonts, any piece of them, and any of them with
        "…" after it, cannot fail (`FontChain.surely_drawable`): the undrawn deck leaves out what only draws them."""
        chain = self.chain(role)
        return all(chain.surely_drawable(text) for text in texts)

    def split_summary(self, text: str, role: str, width: float, height: float,
                      what: str) -> tuple[list[str], list[str], float]:
        """The summary's lines for this slide, the lines left for a second slide, and the size."""
        if not text:
            return [], [], float(self.sizes[role][0])
        start, floor = self.sizes[role]
        usable = width * (1 - SLACK)
        size = float(start)
        while size >= floor:
            lines = wrap_marked(text, self.chain(role), size, usable)
            if block_height(len(lines), size) <= height:
                return lines, [], size
            size -= 1
        lines = wrap_marked(text, self.chain(role), floor, usable)
        fit = max(1, int(height // line_height(floor)))
        if len(lines) <= fit:
            return lines, [], float(floor)
        return lines[:fit], lines[fit:], float(floor)

    def summary_items(self, event: Event, lines: list[str], role: str, size: float, x: float, y: float,
                      width: float) -> list:
        block = self.block(lines, role, size, x, y, width, "text")
        if role != "quote":
            return [block]
        color = self.ctx.category_color(event)
        return [Rect(x - 34, y + 4, 6, block.h - 8, fill=color, role="quote_rule"), block]

    def visual(self, event: Event, variant: str, x: float, top: float, width: float, bottom: float) -> list:
        """The right-hand visual: a picture with caption and credit, a large icon, or a large date."""
        if not width:
            return []
        ctx = self.ctx
        color = ctx.category_color(event)
        alt = ctx.text(event.title)
        if variant == "picture":
            caption_h = block_height(2, 16) + block_height(1, 14) + 8
            size = min(width, bottom - top - caption_h)
            items = icon_items(ctx, event.icon, x, top, size, color, alt)
            pic = items[-1]
            y = pic.y + pic.h + 6
            cap = self.fitted(alt, "caption", x, y, width, block_height(2, 16), 2, "muted")
            items.append(cap)
            if event.sources:
                credit = self.one_line(event.sources[0].title, "caption", 14, width * (1 - SLACK))
                items.append(self.block([credit], "caption", 14, x, cap.y + cap.h, width, "muted"))
            return grouped(items, f"Picture: {alt}")
        if variant == "icon":
            size = min(width, (bottom - top) * 0.75)
            return grouped(icon_items(ctx, event.icon, x + (width - size) / 2, top + 8, size,
                                      self.icon_color(color), alt), f"Icon: {alt}")
        if variant == "text":
            numeral = str(abs(event.date.year))
            start, floor = self.sizes["numeral"]
            size = float(start)
            while size > floor and self.chain("numeral").width(numeral, size) > width * (1 - SLACK):
                size -= 4
            ink = self.icon_color(color)
            return [self.block([numeral], "numeral", size, x, top + 8, width, ink, "right")]
        return []

    def icon_color(self, color: str) -> str:
        """The category colour for a large visual, moved in lightness until it shows on the background."""
        return readable(color, (self.ctx.color("background"),), self.ctx.theme.contrast["marks"])

    def event_notes(self, event: Event) -> str:
        """Speaker notes: the summary, context (before, after, how long since, the era), date and sources."""
        w, ctx, lang = self.words, self.ctx, self.ctx.lang
        timeline = ctx.timeline
        events = timeline.events
        index = self.places.get(id(event))
        if index is None:       # not one of the timeline's own event objects
            index = list(events).index(event)
        lines = [ctx.text(event.summary)] if event.summary is not None else []
        lines.append(f"{w['date']}: {full_date(event, lang)}")
        era, nth, count = self.era_places.get(id(event)) or self.era_places[id(events[index])]
        if era is not None:
            lines.append(f"{w['era']}: {ctx.text(era.label)} ({w['nth'].format(i=nth, n=count)})")
        if index > 0:
            before = events[index - 1]
            since = w["since"].format(span=self.how_long(before, event))
            lines.append(f"{w['before']}: {ctx.text(before.title)} ({self.date_of(before)}; {since})")
        else:
            lines.append(w["first"])
        if index + 1 < len(events):
            after = events[index + 1]
            lines.append(f"{w['after']}: {ctx.text(after.title)} ({self.date_of(after)})")
        else:
            lines.append(w["last"])
        if event.sources:
            numbers = self.numbers
            lines.append(f"{w['sources']}:")
            lines += [f"[{numbers[s.id]}] {s.title}: {s.url}" for s in sorted(event.sources,
                                                                             key=lambda s: numbers[s.id])]
        else:
            lines.append(f"{w['sources']}: {w['none']}")
        return "\n".join(lines)

    def how_long(self, before: Event, event: Event) -> str:
        w = self.words
        months = round((event.date.as_decimal() - before.date.as_decimal()) * 12)
        if months <= 0:
            return w["same"]
        if months < 12:
            return w["month"] if months == 1 else w["months"].format(n=months)
        years = round(months / 12)
        return w["year"] if years == 1 else w["years"].format(n=years)

    # --- sources ---------------------------------------------------------------------

    def sources(self) -> list[Page]:
        """The closing slide(s): every source with its URL, numbered as everywhere else."""
        sources = self.ctx.timeline.cited_sources()
        name = self.words["sources"]
        entries = [self.source_entry(i, s) for i, s in enumerate(sources, 1)]
        probe = self.title(name, "the sources title")
        top, bottom = self.below_title(probe, 12), self.strip_top - 8
        groups = stack_groups([h for h, _ in entries], bottom - top) or [[]]
        pages = []
        for n, group in enumerate(groups, 1):
            title = name if len(groups) == 1 else f"{name} ({n}/{len(groups)})"
            items = [self.title(title, "the sources title")]
            y = top
            for index in group:
                height, build = entries[index]
                items += build(y)
                y += height
            if not sources:
                items.append(self.block([self.words["no_sources"]], "source", 16, self.left, top, self.inner))
            notes = "\n".join(f"[{i + 1}] {sources[i].title}: {sources[i].url}" for i in group) or name
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
            head = self.block(title_lines, "source", title_size, self.left, y, self.inner)
            url = self.block(url_lines, "url", url_size, self.left + 18, y + head.h, self.inner - 18, "muted",
                             link=source.url)
            return [head, url]

        return height, build


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
