"""What a build would do, found before any file is written: `timeline check` lays out every output.

`predict(timeline, root, settings, langs)` returns located problems: errors for what would make a
build fail (characters no installed font has, text that cannot fit a slide, a poster too dense for
the sheet) and warnings for what a build would shorten or get wrong (events whose summaries are
dropped on the poster, implausible dates). Colours against the theme are checked by `colors.color_problems`.
"""

from __future__ import annotations

import re
from dataclasses import replace

from generator.coverage import undrawable
from generator.errors import FontError, LayoutError, Problem, TimelineError, Where
from generator.model import Event, LocalText, Timeline
from generator.scene import Text
from generator.yamlnodes import Located

LONG_SPAN_YEARS = 3000
LATEST_PLAUSIBLE_YEAR = 2200


class Locator:
    """Finds where a field of the data was written, from the located tree."""

    def __init__(self, root: Located | None, timeline: Timeline):
        self.root = root
        self.file = Where(timeline.path)
        self.items: dict[Where, tuple[str, Located]] = {}
        if root is not None and isinstance(root.value, dict):
            for key in ("events", "eras", "categories"):
                node = root.value.get(key)
                if node is not None and isinstance(node.value, list):
                    for i, item in enumerate(node.value):
                        self.items[item.where] = (f"{key}[{i}]", item)

    def top(self, key: str, lang: str = "") -> tuple[Where, str]:
        node = self.root.value.get(key) if self.root is not None and isinstance(self.root.value, dict) else None
        return self._field(node, key, lang, self.file)

    def item(self, where: Where, key: str = "", lang: str = "") -> tuple[Where, str]:
        path, node = self.items.get(where, ("", None))
        if node is None:
            return where, key
        if not key:
            return node.where, path
        field = node.value.get(key) if isinstance(node.value, dict) else None
        return self._field(field, f"{path}.{key}", lang, node.where)

    @staticmethod
    def _field(node: Located | None, path: str, lang: str, fallback: Where) -> tuple[Where, str]:
        if node is None:
            return fallback, path
        if lang and isinstance(node.value, dict) and lang in node.value:
            return node.value[lang].where, f"{path}.{lang}"
        return node.where, path


def predict(timeline: Timeline, root: Located | None, settings, langs: tuple[str, ...],
            layout: bool = True) -> list[Problem]:
    """Every located problem a build of every output in every language would meet."""
    where = Locator(root, timeline)
    found = font_gaps(timeline, where, settings.style, langs)
    found += implausible_dates(timeline, where)
    if layout:
        laid_out = _without(timeline, {c for p in found if not p.warning for c in p.message.split("'")[1::2]})
        for lang in langs:
            found += layouts(laid_out, where, settings, lang)
    return found


def _without(timeline: Timeline, chars: set[str]) -> Timeline:
    """The timeline with characters no font has replaced by '?', so the rest can still be laid out."""
    chars = {c for c in chars if len(c) == 1}
    if not chars:
        return timeline
    table = str.maketrans({c: "?" for c in chars})

    def clean(text: LocalText | None) -> LocalText | None:
        if text is None:
            return None
        return LocalText(tuple((lang, value.translate(table)) for lang, value in text.values), text.default)

    events = tuple(replace(e, title=clean(e.title), summary=clean(e.summary), display_date=clean(e.display_date),
                           group=clean(e.group)) for e in timeline.events)
    eras = tuple(replace(era, label=clean(era.label)) for era in timeline.eras)
    categories = tuple(replace(c, label=clean(c.label)) for c in timeline.categories)
    return replace(timeline, title=clean(timeline.title), subtitle=clean(timeline.subtitle), events=events,
                   eras=eras, categories=categories)


def font_gaps(timeline: Timeline, where: Locator, style, langs: tuple[str, ...]) -> list[Problem]:
    """Characters no installed font has, at the text that holds them (each character once per field)."""
    missing: dict[tuple[str, str], list[str]] = {}

    def gap(text: str, lang: str) -> list[str]:
        key = (text, lang)
        if key not in missing:
            missing[key] = undrawable(text, style.fonts.chain("body", lang))
        return missing[key]

    problems: list[Problem] = []

    def check(text: LocalText | None, located) -> None:
        if text is None:
            return
        for lang in langs:
            chars = gap(text.get(lang), lang)
            if chars:
                at, path = located(lang)
                shown = ", ".join(f"'{c}' ({' '.join(f'U+{ord(x):04X}' for x in c)})" for c in chars[:5])
                problems.append(Problem(at, path, f"no installed font has {shown}: every output in {lang} "
                                                  "would fail; install a font that has it, or remove it"))

    check(timeline.title, lambda lang: where.top("title", lang))
    check(timeline.subtitle, lambda lang: where.top("subtitle", lang))
    for event in timeline.events:
        for key in ("title", "summary", "display_date", "group"):
            check(getattr(event, key), lambda lang, key=key, e=event: where.item(e.where, key, lang))
    for era in timeline.eras:
        check(era.label, lambda lang, era=era: where.item(era.where, "label", lang))
    for category in timeline.categories:
        check(category.label, lambda lang, c=category: where.item(c.where, "label", lang))
    return _dedupe(problems)


def implausible_dates(timeline: Timeline, where: Locator) -> list[Problem]:
    """Warnings for spans longer than 3,000 years (without a display_date) and years past 2200."""
    problems = []
    for event in timeline.events:
        if event.end is not None and not event.open_end and event.display_date is None:
            years = event.end.end_decimal() - event.date.as_decimal()
            if years > LONG_SPAN_YEARS and event.date.year > -100_000:  # deep time (geology, cosmology) is long
                at, path = where.item(event.where, "end")
                problems.append(Problem(at, path, f"the event lasts {years:,.0f} years ({event.date} to {event.end}): "
                                                  "a typo? if it is meant, give it a display_date", warning=True))
        for key in ("date", "end"):
            date = getattr(event, key)
            if date is not None and date.year > LATEST_PLAUSIBLE_YEAR and not (key == "end" and event.open_end):
                at, path = where.item(event.where, key)
                problems.append(Problem(at, path, f"the year {date.year} is after {LATEST_PLAUSIBLE_YEAR}: a typo?",
                                        warning=True))
    return problems


def layouts(timeline: Timeline, where: Locator, settings, lang: str) -> list[Problem]:
    """Lay out the poster, the deck and the handout in one language, as the builds would."""
    from generator.layout.deck import layout_deck  # the layouts measure with the font files: imported late
    from generator.layout.handout import layout_handout
    from generator.layout.poster import layout_poster
    problems = []
    for name, make in (("poster", lambda: layout_poster(timeline, lang, settings.style, settings.poster)),
                       ("deck", lambda: layout_deck(timeline, lang, settings.style, settings.deck)),
                       ("handout", lambda: layout_handout(timeline, lang, settings.style, settings.paper))):
        try:
            doc = make()
        except (LayoutError, FontError) as exc:
            at, path = _blame(str(exc), timeline, where)
            problems.append(Problem(at, path, f"the {name} ({lang}) would fail: {exc}"))
            continue
        except TimelineError as exc:
            problems.append(Problem(where.file, "", f"the {name} ({lang}) would fail: {exc}"))
            continue
        problems += _shortenings(doc, name, where, lang)
    return problems


def _shortenings(doc, name: str, where: Locator, lang: str) -> list[Problem]:
    """What the layout says it shortened to fit (dropped summaries, compact labels, small type)."""
    return [Problem(where.file, "", f"the {name} ({lang}) is shortened: {notice}", warning=True)
            for notice in getattr(doc, "notices", ())]


def _blame(message: str, timeline: Timeline, where: Locator) -> tuple[Where, str]:
    """The data field a layout error is about, when its message names one."""
    m = re.search(r"\bevent ([^\s:,]+)", message)
    if m:
        event = next((e for e in timeline.events if e.id == m[1]), None)
        if event is not None:
            return where.item(event.where)
    for key in ("subtitle", "title"):
        if re.search(rf"\b{key}\b", message):
            return where.top(key)
    return where.file, ""


def _dedupe(problems: list[Problem]) -> list[Problem]:
    seen, out = set(), []
    for p in problems:
        key = (p.where, p.path, p.message)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


def derived_ids(timeline: Timeline, where: Locator) -> list[tuple[Where, str, Event]]:
    """The ids made from date and title, for `check --ids`."""
    return [(where.item(e.where)[0], where.item(e.where)[1], e) for e in timeline.events if e.derived_id]
