"""Export a timeline to TimelineJS JSON (the format TimelineJS3 reads; see its "JSON format" docs).

Pure: `timelinejs(timeline, lang)` gives the JSON-ready dict. What both formats have survives a
round trip (import -> export -> import): dates to the minute, spans, display dates, titles,
summaries (our markup as <b>, <i>, <a href>), groups, ids (`unique_id`), eras, the first cited
source as the slide's media, an icon file as media, the category colour as the background.
"""

from __future__ import annotations

import html
import json

from generator import markup
from generator.model import Event, PartialDate, Timeline

JS_DATE_LIMIT = 271_000  # JavaScript dates reach about 271,821 BCE; TimelineJS needs "cosmological" past it


def timelinejs(timeline: Timeline, lang: str) -> dict:
    """The timeline as a TimelineJS JSON document in one language."""
    title_text = {"headline": _escape(timeline.title.get(lang))}
    if timeline.subtitle is not None:
        title_text["text"] = _escape(timeline.subtitle.get(lang))
    doc: dict = {"title": {"text": title_text}, "events": [_event(e, lang) for e in timeline.events]}
    if timeline.eras:
        doc["eras"] = [{"start_date": _date(era.start), "end_date": _date(era.end),
                        "text": {"headline": _escape(era.label.get(lang))}} for era in timeline.eras]
    years = [e.date.year for e in timeline.events] + [era.start.year for era in timeline.eras]
    doc["scale"] = "cosmological" if min(years) < -JS_DATE_LIMIT else "human"
    return doc


def dumps(doc: dict) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _date(date: PartialDate) -> dict:
    out: dict = {"year": date.year}
    if date.month is not None:
        out["month"] = date.month
    if date.day is not None:
        out["day"] = date.day
    if date.hour is not None:
        out["hour"] = date.hour
        out["minute"] = date.minute or 0
    return out


def _event(event: Event, lang: str) -> dict:
    out: dict = {"start_date": _date(event.date)}
    if event.end is not None:
        out["end_date"] = _date(event.end)  # an open end ("now") as the as-of date, shown as "now"
    shown = event.display_date.get(lang) if event.display_date is not None else ""
    if not shown and (event.open_end or event.date.approx):
        shown = event.date_label(lang)
    if shown:
        out["display_date"] = shown
    text = {"headline": _escape(event.title.get(lang))}
    written = event.markup or event.summary
    if written is not None:
        text["text"] = to_html(written.get(lang))
    out["text"] = text
    media = _media(event, lang)
    if media:
        out["media"] = media
    if event.group is not None:
        out["group"] = event.group.get(lang)
    out["unique_id"] = event.id
    if event.category is not None and event.category.color:
        out["background"] = {"color": event.category.color}
    return out


def _media(event: Event, lang: str) -> dict | None:
    if event.icon and any(event.icon.lower().endswith(s) for s in (".png", ".jpg", ".jpeg", ".svg")):
        return {"url": event.icon}
    linked = {url for _, text in ((event.markup.values if event.markup else ())) for _, url in markup.links(text)}
    for source in event.sources:
        if source.url not in linked:
            return {"url": source.url, "caption": _escape(source.title)}
    return None


def to_html(text: str) -> str:
    """Our text and markup as TimelineJS HTML: paragraphs, <b>, <i> and <a href>."""
    paragraphs = []
    for line in text.split("\n"):
        if not line.strip():
            continue
        parts = []
        for span in markup.spans(line):
            piece = _escape(span.text)
            if span.url:
                piece = f'<a href="{html.escape(span.url, quote=True)}">{piece}</a>'
            elif span.bold:
                piece = f"<b>{piece}</b>"
            elif span.italic:
                piece = f"<i>{piece}</i>"
            parts.append(piece)
        paragraphs.append(f"<p>{''.join(parts)}</p>")
    return "".join(paragraphs)


def _escape(text: str) -> str:
    return html.escape(text, quote=False)
