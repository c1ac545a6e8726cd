"""TimelineJS JSON (`{title, events, eras, scale}`) read into our located tree.

Years are human years (-500 is 500 BCE); TimelineJS's year 0 becomes 1 BCE. Seconds are dropped
(our dates stop at the minute). HTML becomes our text and markup (see `html.py`). `media.url` is a
source when it is a web address and the icon when it is an image file beside the data;
`background.color` becomes a category of that colour.
"""

from __future__ import annotations

from pathlib import Path

from generator.colornames import CSS_COLORS, parse_color
from generator.errors import Where
from generator.importers import html
from generator.importers.jsonnodes import parse
from generator.importers.tree import Draft, at, mapping, source_id
from generator.yamlnodes import Located, fail

DATE_PARTS = ("year", "month", "day", "hour", "minute")


def read(path: Path, text: str) -> Draft:
    """Read a TimelineJS JSON file."""
    root = parse(text, str(path))
    draft = Draft(path)
    if not isinstance(root.value, dict):
        raise fail(root.where, "a TimelineJS file is a JSON object with an \"events\" list")
    events = root.value.get("events")
    if events is None or not isinstance(events.value, list):
        where = events.where if events else root.where
        raise fail(where, 'events: a TimelineJS file needs an "events" list')
    title = root.value.get("title")
    if title is not None and isinstance(title.value, dict):
        read_title(draft, title)
    for i, node in enumerate(events.value):
        if isinstance(node.value, dict):
            draft.events.append(event(draft, node))
        else:
            raise fail(node.where, f"events[{i}]: must be an object with start_date and text")
    eras = root.value.get("eras")
    if eras is not None and isinstance(eras.value, list):
        for node in eras.value:
            if isinstance(node.value, dict):
                era(draft, node)
    scale = root.value.get("scale")
    if scale is not None and scale.value == "cosmological":
        draft.note(scale.where, "cosmological scale: years are read as years before the common era")
    return draft


def read_title(draft: Draft, node: Located) -> None:
    text = _get(node, "text")
    headline = _text(text, "headline", plain=True)
    body = _text(text, "text", plain=True)
    if headline:
        draft.title = at(headline, _get(text, "headline").where)
    if body:
        draft.subtitle = at(body, _get(text, "text").where)
    media = _get(node, "media")
    if media is not None:
        draft.note(media.where, "the title slide's media is left out")


def date(draft: Draft, node: Located | None, path: str) -> Located | None:
    """`{year, month, day, hour, minute}` as our date string, at the year's position."""
    if node is None or not isinstance(node.value, dict):
        return node
    parts = {k: _scalar(node.value.get(k)) for k in DATE_PARTS}
    where = node.value["year"].where if "year" in node.value else node.where
    if not parts["year"]:
        return at("", where) if any(parts.values()) else None
    year = parts["year"]
    try:
        number = int(float(year)) if "." in year or "e" in year.lower() else int(year)
    except ValueError:
        return at(f"{year}", where)
    if number == 0:
        draft.note(where, f"{path}: TimelineJS year 0 read as 1 BCE (there is no year 0)")
        number = -1
    text = str(number)
    if parts["month"]:
        text += f"-{_two(parts['month'])}"
        if parts["day"]:
            text += f"-{_two(parts['day'])}"
            if parts["hour"]:
                text += f"T{_two(parts['hour'])}:{_two(parts['minute'] or '0')}"
    return at(text, where)


def event(draft: Draft, node: Located) -> Located:
    """One TimelineJS slide as one of our events."""
    text = _get(node, "text")
    headline = _text(text, "headline", plain=True)
    body = _text(text, "text")
    shown = _scalar(node.value.get("display_date"))
    start = _get(node, "start_date")
    if not shown and start is not None and isinstance(start.value, dict):
        shown = _scalar(start.value.get("display_date")) or _scalar(start.value.get("display_text"))
    where = node.where
    title = at(headline, _get(text, "headline").where) if headline else None
    if title is None and shown:
        title = at(html.to_plain(shown), where)
        draft.note(where, "a slide without a headline is titled by its display date")
    fields: dict[str, Located | None] = {
        "id": _unique_id(node),
        "date": date(draft, start, "start_date"),
        "end": date(draft, _get(node, "end_date"), "end_date"),
        "display_date": at(html.to_plain(shown), where) if shown else None,
        "title": title,
        "summary": at(body, _get(text, "text").where) if body else None,
    }
    media_fields(draft, node, fields)
    group = _scalar(node.value.get("group"))
    if group:
        fields["group"] = at(group, node.value["group"].where)
    color = _background_color(node)
    if color:
        fields["category"] = draft.category(_color_name(color), _get(node, "background").where, color)
    return mapping(where, **fields)


def media_fields(draft: Draft, node: Located, fields: dict) -> None:
    media = _get(node, "media")
    if media is None or not isinstance(media.value, dict):
        return
    label = html.to_plain(_scalar(media.value.get("caption"))) or html.to_plain(_scalar(media.value.get("credit")))
    for key in ("url", "thumbnail"):
        value = _scalar(media.value.get(key))
        if not value:
            continue
        kind, found = draft.media(value, media.value[key].where, label)
        if kind == "icon" and "icon" not in fields:
            fields["icon"] = found
        elif kind == "source" and key == "url":
            fields["sources"] = at([draft.source(found, label)], found.where)
        elif kind == "quote":
            _quote(fields, found, _scalar(media.value.get("credit")))


def _quote(fields: dict, quote: Located, credit: str) -> None:
    """A blockquote in the media field: the summary, or a paragraph after it, with its credit."""
    text = html.to_text(quote.value)
    credit = html.to_plain(credit)
    if credit:
        text += f" — {credit}"
    summary = fields.get("summary")
    fields["summary"] = at(f"{summary.value}\n{text}" if summary is not None else text,
                           summary.where if summary is not None else quote.where)


def era(draft: Draft, node: Located) -> None:
    text = _get(node, "text")
    headline = _text(text, "headline", plain=True)
    draft.era(node.where, at(headline, _get(text, "headline").where) if headline else None,
              date(draft, _get(node, "start_date"), "start_date"), date(draft, _get(node, "end_date"), "end_date"))


def _unique_id(node: Located) -> Located | None:
    raw = _scalar(node.value.get("unique_id"))
    ident = source_id(raw) if raw else ""
    return at(ident, node.value["unique_id"].where) if ident else None


def _background_color(node: Located) -> str | None:
    background = _get(node, "background")
    if background is None or not isinstance(background.value, dict):
        return None
    return parse_color(_scalar(background.value.get("color")) or "")


def _color_name(color: str) -> str:
    """'teal' for #008080, else the hex value: the label of a colour's category."""
    names = [name for name, value in CSS_COLORS.items() if value == color and "grey" not in name]
    return names[0] if names else color


def _get(node: Located | None, key: str) -> Located | None:
    if node is None or not isinstance(node.value, dict):
        return None
    return node.value.get(key)


def _scalar(node: Located | None) -> str:
    """A JSON string or number as stripped text ('' for null, objects and lists)."""
    if node is None or node.value is None or isinstance(node.value, (dict, list, bool)):
        return ""
    value = node.value
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _text(node: Located | None, key: str, plain: bool = False) -> str:
    value = _scalar(_get(node, key))
    return html.to_plain(value) if plain else html.to_text(value)


def _two(text: str) -> str:
    return text.zfill(2) if text.isdigit() else text


def where_of(node: Located | None, fallback: Where) -> Where:
    return node.where if node is not None else fallback
