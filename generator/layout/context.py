"""What every layout needs: the timeline, a language, the Style (theme, fonts, icons) and the type scale."""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.colors import readable
from generator.fonts import FontChain, FontSet
from generator.model import Event, Timeline
from generator.sizes import A0_SHORT
from generator.style import Style
from generator.theme import Theme

CARD_ROLES = ("event_title", "date", "summary")
AXIS_ROLES = ("tick", "era", "legend")
CARD_SPACING = ("card_width", "card_padding", "radius", "gap")
LEGEND_GROWTH = 0.75    # on a roomy sheet the legend grows a little less than the cards: it stays the smallest


def reference_floor(theme: Theme, role: str) -> float:
    """The reference rung's fixed floor: the theme's `minimum`, for every card role (titles are bold)."""
    return theme.floors["minimum"]


@dataclass(frozen=True)
class Context:
    """Layout inputs.

    `scale` is the sheet's short side over A0's; `shrink` (<= 1) eases card text
    towards the floors and `narrow` (<= 1) makes cards narrower, for crowded timelines.
    `reference` is the densest rung, for posters read up close: card text may go down to the
    theme's fixed `minimum` (which does not scale with the sheet), and card spacing with it.
    """

    timeline: Timeline
    lang: str
    style: Style
    scale: float = 1.0
    shrink: float = 1.0
    narrow: float = 1.0
    reference: bool = False
    # sizes, spacings and chains by role, worked out once: they depend only on the fields above, which never
    # change (`replace` makes a new context with an empty one); layout asks tens of thousands of times
    _known: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    @classmethod
    def for_sheet(cls, timeline: Timeline, lang: str, style: Style, width: float, height: float) -> "Context":
        return cls(timeline, lang, style, min(width, height) / A0_SHORT)

    @property
    def theme(self) -> Theme:
        return self.style.theme

    @property
    def fonts(self) -> FontSet:
        return self.style.fonts

    def floor(self, role: str) -> float:
        """The smallest size allowed for a role on this sheet."""
        floors = self.theme.floors
        if self.reference and role in CARD_ROLES:
            return reference_floor(self.theme, role)
        if self.reference and role in ("tick", "era"):     # the ruler of a reference poster: twice its cards' type
            return min(max(floors["minimum"], floors["text"] * self.scale), 2 * reference_floor(self.theme, role))
        base = floors["event_title"] if role == "event_title" else floors["text"]
        return max(floors["minimum"], base * self.scale)

    def size(self, role: str) -> float:
        """Type size for a role: the theme's A0 size scaled to the sheet, never under the floor."""
        value = self._known.get(role)
        if value is None:
            value = self._known[role] = self._size(role)
        return value

    def _size(self, role: str) -> float:
        nominal = self.theme.scale[role] * self.scale
        if role in CARD_ROLES:
            nominal *= self.shrink
        elif role in AXIS_ROLES and self.shrink > 1:    # grown cards: the ruler's labels and the legend grow too
            if role == "legend":    # a little less than the cards, and never past their text
                text = self.theme.scale["summary"] * self.scale * self.shrink * 0.95
                nominal = max(nominal, min(nominal * (1 + (self.shrink - 1) * LEGEND_GROWTH), text))
            else:
                nominal *= self.shrink
        elif role in ("tick", "era") and self.shrink < 1:     # crowded: the ruler eases down with the cards
            nominal *= self.shrink
        return max(nominal, self.floor(role))

    def space(self, key: str) -> float:
        """A spacing value from the theme, scaled to the sheet (card spacing tighter on the reference rung)."""
        value = self._known.get(("space", key))
        if value is None:
            value = self._known["space", key] = self._space(key)
        return value

    def _space(self, key: str) -> float:
        value = self.theme.spacing[key] * self.scale
        if self.reference and key in CARD_SPACING:
            value *= min(1.0, reference_floor(self.theme, "summary") / self.floor_for_sheet("summary"))
        return value

    def floor_for_sheet(self, role: str) -> float:
        """The sheet's floor for a role, ignoring the reference rung."""
        floors = self.theme.floors
        base = floors["event_title"] if role == "event_title" else floors["text"]
        return max(floors["minimum"], base * self.scale)

    @property
    def card_width(self) -> float:
        return self.space("card_width") * self.narrow

    def chain(self, role: str) -> FontChain:
        found = self._known.get(("chain", role))
        if found is None:
            bold = role in ("title", "event_title", "era", "heading")
            found = self._known["chain", role] = self.fonts.chain("heading" if bold else "body", self.lang)
        return found

    def color(self, key: str):
        return self.style.color(key)

    def category_color(self, event: Event) -> str:
        """The event's category colour, from the data or the theme's palette."""
        if event.category is None:
            return self.color("muted")
        return self.category_of(event.category)

    def category_of(self, category) -> str:
        """A category's colour (its own, or the palette's by its place in the list), made to stand out
        at the theme's contrast for marks against both the background and the cards."""
        return readable(self.raw_category_color(category), (self.color("background"), self.color("card")),
                        self.theme.contrast["marks"])

    def raw_category_color(self, category) -> str:
        if category.color:
            return category.color
        return self.style.palette[self.category_index(category) % len(self.style.palette)]

    def category_index(self, category) -> int:
        return [c.id for c in self.timeline.categories].index(category.id)

    def category_marker(self, category) -> str:
        """The category's marker shape (a circle for events without a category)."""
        if category is None:
            return "circle"
        return self.theme.markers[self.category_index(category) % len(self.theme.markers)]

    def text(self, value) -> str:
        return value.get(self.lang) if value is not None else ""

    def summary(self, event: Event) -> str:
        """The event's summary as written, with its **bold**, *italic* and [links](url) (see `wrap_marked`)."""
        return self.text(event.markup if event.markup is not None else event.summary)
