"""The located tree an importer builds: our format's keys, each value with its source position.

An importer fills a `Draft` (title, events, eras, categories) with values it read and where it
read them; `Draft.tree()` gives the same `Located` tree the YAML parser gives, so the loader
checks it and reports problems at the source file's line, column or cell.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from generator.colornames import parse_color
from generator.errors import Where
from generator.yamlnodes import Located, fail

IMAGE_SUFFIXES = (".svg", ".png", ".jpg", ".jpeg")


def at(value: object, where: Where) -> Located:
    """A scalar or a list of Located, at a position."""
    return Located(value, where)


def mapping(where: Where, **items: Located | None) -> Located:
    """A mapping of our keys (items that are None are left out)."""
    kept = {k: v for k, v in items.items() if v is not None}
    return Located(kept, where, {k: v.where for k, v in kept.items()})


@dataclass
class Draft:
    """What an importer has read so far, in our format's terms."""

    path: Path
    title: Located | None = None
    subtitle: Located | None = None
    events: list[Located] = field(default_factory=list)
    eras: list[Located] = field(default_factory=list)
    categories: dict[str, Located] = field(default_factory=dict)
    notes: list[tuple[Where, str]] = field(default_factory=list)
    meta: Located | None = None
    sources: dict[str, Located] = field(default_factory=dict)
    _category_ids: dict[str, str] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return str(self.path)

    def where(self, line: int = 0, column: int = 0, cell: str = "") -> Where:
        return Where(self.name, line, column, cell)

    def note(self, where: Where, message: str) -> None:
        """Something the import changed or left out: shown as a warning and a comment."""
        self.notes.append((where, message))

    def category(self, label: str, where: Where, color: str | None = None) -> Located:
        """The id of the category with this label, made on first use."""
        key = label.strip()
        if key not in self._category_ids:
            ident = unique_id(slug(key) or "category", set(self._category_ids.values()))
            self._category_ids[key] = ident
            shown = parse_color(color) if color else None
            self.categories[ident] = mapping(where, id=at(ident, where), label=at(key, where),
                                             color=at(shown, where) if shown else None)
        return at(self._category_ids[key], where)

    def color_category(self, key: str, where: Where, color: str) -> None:
        """Give the category with this label a colour (a Markwhen `#Tag: colour` line)."""
        ident = self.category(key, where, color).value
        shown = parse_color(color)
        if shown:
            node = self.categories[ident]
            self.categories[ident] = mapping(node.where, **{**node.value, "color": at(shown, where)})

    def media(self, url: str, where: Where, label: str = "") -> tuple[str, Located | None]:
        """A TimelineJS/Markwhen media URL: ('icon', path) for an image beside the data,
        ('source', url) for a web address, ('', None) for anything else."""
        url = url.strip()
        if not url:
            return "", None
        if url.lower().startswith("<blockquote"):
            return "quote", at(url, where)
        if urlparse(url).scheme in ("http", "https"):
            return "source", at(url, where)
        local = (self.path.parent / url)
        if local.suffix.lower() in IMAGE_SUFFIXES and "://" not in url and local.is_file():
            return "icon", at(url, where)
        self.note(where, f'media "{url[:60]}" is neither a web address nor an image file beside the data; left out')
        return "", None

    def source(self, url: Located, title: str = "") -> Located:
        """The id of the source with this URL, made on first use with a title (else the host name)."""
        for ident, node in self.sources.items():
            if node.value["url"].value == url.value:
                return at(ident, url.where)
        shown = " ".join(title.split())[:200] or urlparse(url.value).netloc
        ident = unique_id(slug(shown, 30) or "source", set(self.sources))
        self.sources[ident] = mapping(url.where, id=at(ident, url.where), title=at(shown, url.where), url=url)
        return at(ident, url.where)

    def era(self, where: Where, label: Located | None, start: Located | None, end: Located | None) -> None:
        """An era, with an id made from its label."""
        taken = {e.value["id"].value for e in self.eras}
        ident = unique_id(slug(str(label.value)) if label else "era", taken) if label else unique_id("era", taken)
        self.eras.append(mapping(where, id=at(ident or "era", where), label=label, start=start, end=end))

    def tree(self) -> Located:
        """The located tree of our format."""
        top = self.where(1, 1)
        if not self.events:
            raise fail(top, "no events found: nothing in this file has a date and a title")
        title = self.title or at(self.path.stem.replace("_", " ").replace("-", " "), top)
        return mapping(top, title=title, subtitle=self.subtitle,
                       categories=at(list(self.categories.values()), top) if self.categories else None,
                       eras=at(self.eras, top) if self.eras else None,
                       events=at(self.events, top),
                       sources=at(list(self.sources.values()), top) if self.sources else None, meta=self.meta)


def slug(text: str, limit: int = 40) -> str:
    """An id-shaped slug: Unicode letters and digits, lowercased, joined by '-'."""
    chars = [c if unicodedata.category(c)[0] in "LMN" else " " for c in unicodedata.normalize("NFKC", text).lower()]
    return "-".join("".join(chars).split())[:limit].strip("-")


def unique_id(base: str, taken: set[str]) -> str:
    ident, n = base, 2
    while ident in taken:
        ident, n = f"{base}-{n}", n + 1
    taken.add(ident)
    return ident


def source_id(text: str) -> str:
    """A usable id from someone else's id (TimelineJS unique_id, Markwhen !id), or ''."""
    from generator.load import valid_id
    text = text.strip()
    if valid_id(text):
        return text
    cleaned = re.sub(r"[^\w-]+", "-", text).strip("-_")
    return cleaned if valid_id(cleaned) else ""
