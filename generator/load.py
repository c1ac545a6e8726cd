"""Load a timeline data file into frozen model objects, reporting every problem found.

Each problem is located (FILE:LINE:COL) and names the field path, e.g.
`data/x.yaml:42:7: events[5].date: "2013-13" is not a date (YYYY, YYYY-MM or YYYY-MM-DD)`.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
import unicodedata
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlparse

from generator import markup
from generator.colornames import parse_color
from generator.errors import DataError, IconError, Problem, Where
from generator.model import (IMPORTANCE, Category, chronological, DateFormatError, Era, Event, LocalText, Meta,
                             PartialDate, Source, Timeline)
from generator.yamlnodes import Located

MAX_EVENTS = 10_000
LANG_PATTERN = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]+)*$")
# Longest text per field, in characters (the last part of the field's path); anything else: TEXT_LIMIT.
TEXT_LIMITS = {"title": 500, "subtitle": 1_000, "label": 200, "display_date": 100, "summary": 10_000,
               "url": 2_000, "author": 1_000, "license": 200}
TEXT_LIMIT = 10_000
QR_MAX_BYTES = 2_331         # a version 40 QR code at error correction M, in bytes
CORE_PROPERTY_LIMIT = 255    # the longest PPTX core property (author, title, keywords)
# Characters XML 1.0 cannot hold (PPTX and PDF metadata are XML): removed from text with a warning.
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")

TOP_KEYS = ("title", "subtitle", "languages", "categories", "eras", "events", "sources", "meta")
CATEGORY_KEYS = ("id", "label", "color")
ERA_KEYS = ("id", "label", "start", "end", "color")
EVENT_KEYS = ("id", "date", "end", "display_date", "title", "summary", "category", "icon", "sources", "order",
              "importance", "tags", "group", "circa")
SOURCE_KEYS = ("id", "title", "url")
META_KEYS = ("author", "url", "license", "date", "as_of")
ID_HINT = "letters, digits, - and _, starting with a letter or digit"


def load(path: str | Path, allow_outside_assets: bool = False) -> Timeline:
    """Load and validate a data file; raise DataError listing every problem."""
    return load_with_warnings(path, allow_outside_assets)[0]


def load_with_warnings(path: str | Path, allow_outside_assets: bool = False) -> tuple[Timeline, list[Problem]]:
    """Load a data file; return it with its warnings (missing translations)."""
    from generator.importers import read_tree  # the YAML parser or the importer for the file's format
    path = Path(path)
    return load_tree(read_tree(path), path, allow_outside_assets)


def load_tree(root: Located, path: str | Path, allow_outside_assets: bool = False) -> tuple[Timeline, list[Problem]]:
    """Load an already parsed (or imported) located tree; `path` is where icon paths are relative to."""
    path = Path(path)
    reader = _Reader(path, allow_outside_assets)
    timeline = reader.timeline(root)
    if timeline is None or any(not p.warning for p in reader.problems):
        raise DataError(reader.problems)
    return timeline, [p for p in reader.problems if p.warning]


def valid_id(text: str) -> bool:
    """Ids: Unicode letters (with their marks), digits, - and _, starting with a letter or digit."""
    if not text or unicodedata.category(text[0])[0] not in "LN":
        return False
    return all(c in "-_" or unicodedata.category(c)[0] in "LMN" for c in text)


def derive_id(date: PartialDate, title: str) -> str:
    """A stable id from a date and a title: `1815-12-10-ada-lovelace`, `500bce-작은-제목`."""
    words = []
    for c in unicodedata.normalize("NFKC", title).lower():
        words.append(c if unicodedata.category(c)[0] in "LMN" else " ")
    slug = "-".join("".join(words).split())[:48].strip("-")
    stamp = str(PartialDate(abs(date.year), date.month, date.day))
    stamp = stamp.replace(str(abs(date.year)), f"{abs(date.year)}bce", 1) if date.year < 0 else stamp
    return f"{stamp}-{slug}" if slug else stamp


def as_of_date(meta_as_of: str) -> PartialDate:
    """The date `now` stands for: meta.as_of, else SOURCE_DATE_EPOCH, else today (UTC)."""
    if meta_as_of:
        return PartialDate.parse(meta_as_of)
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    day = dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date() if epoch.isdigit() \
        else dt.datetime.now(dt.timezone.utc).date()
    return PartialDate(day.year, day.month, day.day)


def is_url(text: str) -> bool:
    """True for an absolute http(s) URL with a host."""
    parts = urlparse(text)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


class _Reader:
    """Walks the located YAML tree, collecting problems and building model objects."""

    def __init__(self, path: Path, allow_outside_assets: bool):
        self.path = path
        self.allow_outside = allow_outside_assets
        self.problems: list[Problem] = []
        self.languages: tuple[str, ...] = ("en",)

    # --- reporting -------------------------------------------------------
    def error(self, node: Located | Where, path: str, message: str) -> None:
        where = node.where if isinstance(node, Located) else node
        self.problems.append(Problem(where, path, message))

    def warn(self, node: Located, path: str, message: str) -> None:
        self.problems.append(Problem(node.where, path, message, warning=True))

    def mapping(self, node: Located, path: str, known: tuple[str, ...], required: tuple[str, ...]) -> dict | None:
        """Check a mapping's keys: unknown ones (with a suggestion) and missing required ones."""
        if not isinstance(node.value, dict):
            self.error(node, path, f"must be a mapping, not {_kind(node.value)}")
            return None
        for key, where in node.keys.items():
            if key not in known:
                hint = difflib.get_close_matches(key, known, n=1)
                tip = f'; did you mean "{hint[0]}"?' if hint else f" (known keys: {', '.join(known)})"
                self.error(where, _join(path, key), f'unknown key "{key}"{tip}')
        for key in required:
            if key not in node.value:
                self.error(node, _join(path, key), "is required but missing")
        return node.value

    # --- top level ---------------------------------------------------------
    def timeline(self, root: Located) -> Timeline | None:
        top = self.mapping(root, "", TOP_KEYS, ("title", "events"))
        if top is None:
            return None
        self.languages = self.language_list(top.get("languages"))
        categories = self.items(top.get("categories"), "categories", self.category)
        eras = self.items(top.get("eras"), "eras", self.era)
        sources = self.items(top.get("sources"), "sources", self.source)
        self.unique(categories, "categories")
        self.unique(eras, "eras")
        self.unique(sources, "sources")
        self.refs = ({c.id: c for c, *_ in categories}, {s.id: s for s, *_ in sources})
        meta = self.meta(top.get("meta"))
        self.now = as_of_date(meta.as_of)
        events_node = top.get("events")
        if events_node is not None and isinstance(events_node.value, list) and len(events_node.value) > MAX_EVENTS:
            self.error(events_node, "events", f"has {len(events_node.value):,} events; the limit is {MAX_EVENTS:,}")
            return None
        events = self.items(events_node, "events", self.event)
        if events_node is not None and not events and not any(not p.warning for p in self.problems):
            self.error(events_node, "events", "must list at least one event")
        events = self.derive_ids(events)
        self.unique(events, "events")
        title = self.text(top.get("title"), "title")
        subtitle = self.text(top.get("subtitle"), "subtitle") if "subtitle" in top else None
        if title is None:
            return None
        ordered = chronological(e for e, *_ in events)
        return Timeline(title=title, subtitle=subtitle, languages=self.languages,
                        events=tuple(ordered), categories=tuple(c for c, *_ in categories),
                        eras=tuple(sorted((e for e, *_ in eras), key=lambda e: e.start)),
                        sources=tuple(s for s, *_ in sources), meta=meta, path=str(self.path))

    def language_list(self, node: Located | None) -> tuple[str, ...]:
        if node is None:
            return ("en",)
        if not isinstance(node.value, list) or not node.value:
            self.error(node, "languages", "must be a non-empty list of language codes such as [en, ko]")
            return ("en",)
        codes = []
        for i, item in enumerate(node.value):
            code = item.value
            if not isinstance(code, str) or not LANG_PATTERN.fullmatch(code):
                self.error(item, f"languages[{i}]", f'"{_plain(item)}" is not a language code (such as en, ko, pt-BR)')
            elif code in codes:
                self.error(item, f"languages[{i}]", f'"{code}" is listed twice')
            else:
                codes.append(code)
        return tuple(codes) or ("en",)

    def items(self, node: Located | None, path: str, build) -> list[tuple[object, Located, int]]:
        """Build each item of a list with `build(item, path[i])`, keeping the good ones."""
        if node is None:
            return []
        if not isinstance(node.value, list):
            self.error(node, path, f"must be a list, not {_kind(node.value)}")
            return []
        built = []
        for i, item in enumerate(node.value):
            value = build(item, f"{path}[{i}]")
            if value is not None:
                built.append((value, item, i))
        return built

    def derive_ids(self, built: list[tuple[Event, Located, int]]) -> list[tuple[Event, Located, int]]:
        """Give every event without an id one derived from its date and title, unique in the file."""
        taken = {e.id for e, *_ in built if not e.derived_id}
        out = []
        for event, node, index in built:
            if event.derived_id:
                base = derive_id(event.date, event.title.get(self.languages[0]))
                ident, n = base, 2
                while ident in taken:
                    ident, n = f"{base}-{n}", n + 1
                taken.add(ident)
                event = replace(event, id=ident)
            out.append((event, node, index))
        return out

    def unique(self, built: list[tuple[object, Located, int]], path: str) -> None:
        seen: dict[str, Where] = {}
        for obj, node, index in built:
            if obj.id in seen:
                self.error(node.value["id"], f"{path}[{index}].id",
                           f'duplicate id "{obj.id}" (first at line {seen[obj.id].line})')
            else:
                seen[obj.id] = node.where

    # --- fields ------------------------------------------------------------
    def ident(self, fields: dict, path: str) -> str | None:
        node = fields.get("id")
        if node is None:
            return None
        value = node.value
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str) or not valid_id(value):
            self.error(node, _join(path, "id"), f'"{_plain(node)}" is not a valid id ({ID_HINT})')
            return None
        return value

    def text(self, node: Located | None, path: str) -> LocalText | None:
        """A string, or a map of language code to string."""
        if node is None:
            return None
        value = node.value
        if isinstance(value, bool):
            self.error(node, path, f"must be text, not true/false (quote it: \"{node.value}\")")
            return None
        if isinstance(value, (int, float)):
            value = str(value)
        if isinstance(value, str):
            value = self.clean(node, path, value)
            if value is None:
                return None
            if not value.strip():
                self.error(node, path, "is empty")
                return None
            return LocalText.of(value, self.languages[0])
        if not isinstance(value, dict) or not value:
            self.error(node, path, f"must be text or a map of language to text, not {_kind(value)}")
            return None
        table = {}
        for lang, item in value.items():
            if not LANG_PATTERN.fullmatch(lang):
                self.error(node.keys[lang], _join(path, lang), f'"{lang}" is not a language code')
            elif isinstance(item.value, bool) or not isinstance(item.value, (str, int, float)) \
                    or not str(item.value).strip():
                self.error(item, _join(path, lang), "must be non-empty text")
            else:
                text = self.clean(item, _join(path, lang), str(item.value), field=path)
                if text is not None:
                    table[lang] = text
        used = self.languages[0] if self.languages[0] in table else next(iter(table), "")
        for lang in self.languages:
            if lang not in table and table:
                self.warn(node, path, f'has no "{lang}" text; "{used}" is used instead')
        return LocalText.of(table, self.languages[0]) if table else None

    def date(self, node: Located | None, path: str) -> PartialDate | None:
        if node is None:
            return None
        value = node.value
        try:
            if isinstance(value, bool):
                raise DateFormatError(f'"{value}" is not a date (YYYY, YYYY-MM or YYYY-MM-DD)')
            if isinstance(value, int):
                return PartialDate.checked(value, None, None)
            if isinstance(value, dt.datetime):
                clock = (value.hour, value.minute) if (value.hour, value.minute) != (0, 0) else (None, None)
                return PartialDate(value.year, value.month, value.day, *clock)
            if isinstance(value, dt.date):
                return PartialDate(value.year, value.month, value.day)
            if isinstance(value, (dict, list)) or value is None:
                raise DateFormatError(f"{_kind(value)} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
            return PartialDate.parse(str(value))
        except DateFormatError as exc:
            self.error(node, path, str(exc))
            return None

    def color(self, node: Located | None, path: str) -> str | None:
        if node is None:
            return None
        value = parse_color(node.value) if isinstance(node.value, str) else None
        if value is None:
            self.error(node, path, f'"{_plain(node)}" is not a colour (#RGB or #RRGGBB, quoted in YAML, '
                                   'or a CSS colour name such as teal)')
        return value

    def string(self, node: Located | None, path: str) -> str:
        if node is None:
            return ""
        if isinstance(node.value, (dict, list)) or node.value is None:
            self.error(node, path, f"must be text, not {_kind(node.value)}")
            return ""
        return self.clean(node, path, str(node.value)) or ""

    def clean(self, node: Located, path: str, text: str, field: str = "") -> str | None:
        """Text within its field's length limit (else an error and None), XML-illegal characters removed."""
        limit = TEXT_LIMITS.get((field or path).rsplit(".", 1)[-1], TEXT_LIMIT)
        if len(text) > limit:
            self.error(node, path, f"is {len(text):,} characters long; the limit is {limit:,}")
            return None
        if XML_ILLEGAL.search(text):
            self.warn(node, path, "has control characters, which are removed")
            text = XML_ILLEGAL.sub("", text)
        return text

    # --- objects -----------------------------------------------------------
    def category(self, node: Located, path: str) -> Category | None:
        fields = self.mapping(node, path, CATEGORY_KEYS, ("id", "label"))
        if fields is None:
            return None
        ident = self.ident(fields, path)
        label = self.text(fields.get("label"), _join(path, "label"))
        color = self.color(fields.get("color"), _join(path, "color"))
        if ident is None or label is None:
            return None
        return Category(ident, label, color, node.where)

    def era(self, node: Located, path: str) -> Era | None:
        fields = self.mapping(node, path, ERA_KEYS, ("id", "label", "start", "end"))
        if fields is None:
            return None
        ident = self.ident(fields, path)
        label = self.text(fields.get("label"), _join(path, "label"))
        start = self.date(fields.get("start"), _join(path, "start"))
        end = self.date(fields.get("end"), _join(path, "end"))
        color = self.color(fields.get("color"), _join(path, "color"))
        if start and end and end.ends_before(start):
            self.error(fields["end"], _join(path, "end"), f"{end} is before the start {start}")
            return None
        if None in (ident, label, start, end):
            return None
        return Era(ident, label, start, end, color, node.where)

    def source(self, node: Located, path: str) -> Source | None:
        fields = self.mapping(node, path, SOURCE_KEYS, ("id", "title", "url"))
        if fields is None:
            return None
        ident = self.ident(fields, path)
        title = self.string(fields.get("title"), _join(path, "title"))
        url = self.string(fields.get("url"), _join(path, "url"))
        if "url" in fields and url and not is_url(url):
            self.error(fields["url"], _join(path, "url"), f'"{url}" is not an http(s) URL')
            return None
        if url and len(url.encode("utf-8")) > QR_MAX_BYTES:
            self.warn(fields["url"], _join(path, "url"), "is too long for a QR code; the handout prints it without one")
        if not (ident and title and url):
            return None
        return Source(ident, title, url, node.where)

    def event(self, node: Located, path: str) -> Event | None:
        fields = self.mapping(node, path, EVENT_KEYS, ("date", "title"))
        if fields is None:
            return None
        ident = self.ident(fields, path) if "id" in fields else ""
        date = self.now if _is_now(fields.get("date")) else self.date(fields.get("date"), _join(path, "date"))
        open_end = _is_now(fields.get("end"))
        end = self.now if open_end else self.date(fields.get("end"), _join(path, "end"))
        if date and self.flag(fields.get("circa"), _join(path, "circa")):
            date = replace(date, approx=True)
        if date and end and end.ends_before(date):
            where = fields["end"]
            message = f"now ({end}, meta.as_of) is before the start {date}" if open_end \
                else f"{end} is before the start {date}"
            self.error(where, _join(path, "end"), message)
            end, open_end = None, False
        title = self.text(fields.get("title"), _join(path, "title"))
        marked = self.text(fields.get("summary"), _join(path, "summary"))
        summary = _plain_text(marked)
        shown = self.text(fields.get("display_date"), _join(path, "display_date"))
        category = self.category_ref(fields.get("category"), _join(path, "category"))
        icon = self.icon(fields.get("icon"), _join(path, "icon"))
        sources = self.source_refs(fields.get("sources"), _join(path, "sources"))
        sources += self.markup_links(marked, fields.get("summary"), _join(path, "summary"), sources)
        order = self.order(fields.get("order"), _join(path, "order"))
        importance = self.importance(fields.get("importance"), _join(path, "importance"))
        tags = self.tags(fields.get("tags"), _join(path, "tags"))
        group = self.text(fields.get("group"), _join(path, "group"))
        if None in (ident, date, title):
            return None
        return Event(ident, date, title, summary, end, shown, category, icon, sources, node.where, order,
                     importance, tags=tags, group=group, open_end=open_end, derived_id=not ident, markup=marked)

    def flag(self, node: Located | None, path: str) -> bool:
        if node is None:
            return False
        if not isinstance(node.value, bool):
            self.error(node, path, f'must be true or false, not "{_plain(node)}"')
            return False
        return node.value

    def tags(self, node: Located | None, path: str) -> tuple[str, ...]:
        if node is None:
            return ()
        items = node.value if isinstance(node.value, list) else None
        if items is None:
            self.error(node, path, f"must be a list of tags such as [war, europe], not {_kind(node.value)}")
            return ()
        found = []
        for i, item in enumerate(items):
            if isinstance(item.value, bool) or not isinstance(item.value, (str, int)) or not str(item.value).strip():
                self.error(item, f"{path}[{i}]", f"must be a tag (text), not {_kind(item.value)}")
            elif str(item.value) not in found:
                found.append(str(item.value).strip())
        return tuple(found)

    def markup_links(self, marked: LocalText | None, node: Located | None, path: str,
                     cited: tuple[Source, ...]) -> tuple[Source, ...]:
        """The [text](url) links of a summary, as sources of the event (checked like source URLs)."""
        if marked is None:
            return ()
        found, seen = [], {s.url for s in cited}
        for _, text in marked.values:
            for label, url in markup.links(text):
                if not is_url(url):
                    self.error(node, path, f'the link "[{label}]({url})" is not an http(s) URL')
                elif url not in seen:
                    seen.add(url)
                    found.append(Source(url, label, url, node.where))
        return tuple(found)

    def importance(self, node: Located | None, path: str) -> str:
        """An event's `importance`: high, normal (the default) or low."""
        if node is None:
            return "normal"
        if node.value not in IMPORTANCE:
            self.error(node, path, f'"{_plain(node)}" is not one of {", ".join(IMPORTANCE)}')
            return "normal"
        return node.value

    def order(self, node: Located | None, path: str) -> int:
        """An event's `order`: a whole number that sorts events of the same date (default 0)."""
        if node is None:
            return 0
        if isinstance(node.value, bool) or not isinstance(node.value, int):
            self.error(node, path, f'"{_plain(node)}" is not a whole number (events of the same date sort by it)')
            return 0
        return node.value

    def category_ref(self, node: Located | None, path: str) -> Category | None:
        if node is None:
            return None
        table = self.refs[0]
        if not isinstance(node.value, str):
            self.error(node, path, f"must be a category id, not {_kind(node.value)}")
            return None
        if node.value not in table:
            self.error(node, path, f'unknown category "{node.value}"{_suggest(str(node.value), table)}')
            return None
        return table[node.value]

    def source_refs(self, node: Located | None, path: str) -> tuple[Source, ...]:
        if node is None:
            return ()
        if not isinstance(node.value, list):
            self.error(node, path, "must be a list of source ids or URLs")
            return ()
        table = self.refs[1]
        found = []
        for i, item in enumerate(node.value):
            if not isinstance(item.value, str):
                self.error(item, f"{path}[{i}]", f"must be a source id or URL, not {_kind(item.value)}")
                continue
            ref = item.value
            if ref in table:
                found.append(table[ref])
            elif is_url(ref):
                found.append(Source(ref, urlparse(ref).netloc, ref, item.where))
            elif "://" in ref or ref.startswith(("mailto:", "ftp:", "file:", "javascript:")):
                self.error(item, f"{path}[{i}]", f'"{ref}" is not an http(s) URL')
            else:
                self.error(item, f"{path}[{i}]", f'unknown source "{ref}"{_suggest(ref, table)}')
        return tuple(found)

    def icon(self, node: Located | None, path: str) -> str | None:
        if node is None:
            return None
        if not isinstance(node.value, str) or not node.value.strip():
            self.error(node, path, "must be an icon name or a file path")
            return None
        from generator import icons  # icons are optional for loading pure data
        try:
            icons.load_icon(node.value, self.path.parent, self.allow_outside)
        except IconError as exc:
            self.error(node, path, str(exc))
            return None
        return node.value

    def meta(self, node: Located | None) -> Meta:
        if node is None:
            return Meta()
        fields = self.mapping(node, "meta", META_KEYS, ())
        if fields is None:
            return Meta()
        url = self.string(fields.get("url"), "meta.url")
        if url and not is_url(url):
            self.error(fields["url"], "meta.url", f'"{url}" is not an http(s) URL')
        date = self.date(fields.get("date"), "meta.date")
        if date is not None and date.precision != "day":
            self.error(fields["date"], "meta.date", f'"{date}" must be a full date (YYYY-MM-DD)')
            date = None
        as_of = self.date(fields.get("as_of"), "meta.as_of")
        if as_of is not None and as_of.precision != "day":
            self.error(fields["as_of"], "meta.as_of", f'"{as_of}" must be a full date (YYYY-MM-DD)')
            as_of = None
        author = self.string(fields.get("author"), "meta.author")
        if len(author) > CORE_PROPERTY_LIMIT:
            self.warn(fields["author"], "meta.author", f"is longer than {CORE_PROPERTY_LIMIT} characters; "
                      "the deck's author property is shortened")
        return Meta(author=author, url=url,
                    license=self.string(fields.get("license"), "meta.license"),
                    date=str(date) if date else "", as_of=str(as_of) if as_of else "")


def _is_now(node: Located | None) -> bool:
    return node is not None and isinstance(node.value, str) and node.value.strip().lower() == "now"


def _plain_text(marked: LocalText | None) -> LocalText | None:
    """A summary without its inline marks, as readers see it."""
    if marked is None or not any(markup.has_markup(text) for _, text in marked.values):
        return marked
    return LocalText(tuple((lang, markup.plain(text)) for lang, text in marked.values), marked.default)


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _kind(value: object) -> str:
    if value is None:
        return "nothing"
    return {dict: "a mapping", list: "a list", str: "text", bool: "true/false"}.get(type(value), f"a {type(value).__name__}")


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _plain(node: Located) -> str:
    """A value as the user wrote it, for messages (containers are described, not dumped)."""
    if isinstance(node.value, (dict, list)) or node.value is None:
        return _kind(node.value)
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), str(node.value))


def _suggest(name: str, table: dict) -> str:
    hint = difflib.get_close_matches(name, list(table), n=1)
    return f'; did you mean "{hint[0]}"?' if hint else ""
