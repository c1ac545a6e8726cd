"""What every layout needs: the timeline, a language, the Style (theme, fonts, icons) and the type scale."""

from __future__ import annotations

from dataclasses import dataclass

from generator.fonts import FontChain, FontSet
from generator.model import Event, Timeline
from generator.sizes import A0_SHORT
from generator.style import Style
from generator.theme import Theme

CARD_ROLES = ("event_title", "date", "summary")


@dataclass(frozen=True)
class Context:
    """Layout inputs.

    `scale` is the sheet's short side over A0's; `shrink` (<= 1) eases card text
    towards the floors and `narrow` (<= 1) makes cards narrower, for crowded timelines.
    """

    timeline: Timeline
    lang: str
    style: Style
    scale: float = 1.0
    shrink: float = 1.0
    narrow: float = 1.0

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
        base = floors["event_title"] if role == "event_title" else floors["text"]
        return max(floors["minimum"], base * self.scale)

    def size(self, role: str) -> float:
        """Type size for a role: the theme's A0 size scaled to the sheet, never under the floor."""
        nominal = self.theme.scale[role] * self.scale
        if role in CARD_ROLES:
            nominal *= self.shrink
        return max(nominal, self.floor(role))

    def space(self, key: str) -> float:
        """A spacing value from the theme, scaled to the sheet."""
        return self.theme.spacing[key] * self.scale

    @property
    def card_width(self) -> float:
        return self.space("card_width") * self.narrow

    def chain(self, role: str) -> FontChain:
        bold = role in ("title", "event_title", "era", "heading")
        return self.fonts.chain("heading" if bold else "body")

    def color(self, key: str):
        return self.style.color(key)

    def category_color(self, event: Event) -> str:
        """The event's category colour, from the data or the theme's palette."""
        if event.category is None:
            return self.color("muted")
        return self.category_of(event.category)

    def category_of(self, category) -> str:
        """A category's colour: its own, or the theme's palette by its place in the list."""
        if category.color:
            return category.color
        index = [c.id for c in self.timeline.categories].index(category.id)
        return self.style.palette[index % len(self.style.palette)]

    def text(self, value) -> str:
        return value.get(self.lang) if value is not None else ""
