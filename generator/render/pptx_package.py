"""The PPTX package: part names and relationships added in linear time, and reproducible bytes.

python-pptx finds the next part name and relationship id by scanning the whole
package, so `PartNames` and `add_relationship` keep their own counters instead. The
build's timestamp fixes the dates in docProps/core.xml and in every zip entry, so the
same input gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import struct
import zipfile
from dataclasses import dataclass, field

from pptx.opc.packuri import PackURI

from generator import scene
from generator.errors import RenderError

LANG_TAGS = {"en": "en-US", "ko": "ko-KR", "ja": "ja-JP", "zh": "zh-CN", "zh-Hans": "zh-CN", "zh-Hant": "zh-TW",
             "de": "de-DE", "fr": "fr-FR", "es": "es-ES", "ar": "ar-SA", "he": "he-IL", "fa": "fa-IR",
             "ur": "ur-PK", "th": "th-TH", "hi": "hi-IN", "ru": "ru-RU", "el": "el-GR", "it": "it-IT",
             "pt": "pt-PT", "uk": "uk-UA", "tr": "tr-TR", "vi": "vi-VN"}
EPOCH_FLOOR = dt.datetime(1980, 1, 1, tzinfo=dt.timezone.utc)


def build_time(date: str, epoch: int | None) -> dt.datetime:
    """The build's timestamp: the given epoch, $SOURCE_DATE_EPOCH, the data's date, or 1980-01-01."""
    if epoch is None and os.environ.get("SOURCE_DATE_EPOCH", "").strip().isdigit():
        epoch = int(os.environ["SOURCE_DATE_EPOCH"])
    if epoch is not None:
        return max(dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc), EPOCH_FLOOR)
    try:
        day = dt.date.fromisoformat(str(date).strip())
    except ValueError:
        return EPOCH_FLOOR
    return max(dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc), EPOCH_FLOOR)


def set_core_properties(prs, doc: scene.Document, stamp: dt.datetime) -> None:
    """Title, author, language and fixed dates in docProps/core.xml."""
    props = prs.core_properties
    naive = stamp.replace(tzinfo=None)
    props.title = _property(doc.title)
    props.author = _property(doc.author)
    props.subject = _property(doc.subject)
    props.keywords = _property(", ".join(doc.keywords))
    props.language = lang_tag(doc.lang)
    props.last_modified_by = "timeline-generator"
    props.revision = 1
    props.created = naive
    props.modified = naive
    props.last_printed = naive


def _property(text: str, limit: int = 255) -> str:
    """Text as a core property holds it: at most 255 characters (shortened with an ellipsis)."""
    text = str(text or "")
    return text if len(text) <= limit else text[:limit - 1] + "\u2026"


def reproducible_zip(data: bytes, stamp: dt.datetime) -> bytes:
    """The same package with every entry's date and time set to `stamp` (patched in place).

    python-pptx stamps each zip entry with the current time; the DOS time and date
    sit at fixed offsets in each local header and central-directory record.
    """
    moment = struct.pack("<HH", (stamp.hour << 11) | (stamp.minute << 5) | (stamp.second // 2),
                         ((stamp.year - 1980) << 9) | (stamp.month << 5) | stamp.day)
    out = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for info in package.infolist():
            _stamp_at(out, info.header_offset, b"PK\x03\x04", 10, moment)
    end = data.rfind(b"PK\x05\x06")
    count, size, offset = struct.unpack("<HII", data[end + 10:end + 20])
    for _ in range(count):
        _stamp_at(out, offset, b"PK\x01\x02", 12, moment)
        name, extra, comment = struct.unpack("<HHH", data[offset + 28:offset + 34])
        offset += 46 + name + extra + comment
    return bytes(out)


def _stamp_at(out: bytearray, offset: int, signature: bytes, field: int, moment: bytes) -> None:
    if out[offset:offset + 4] != signature:
        raise RenderError("the PPTX package could not be dated (unexpected zip layout)")
    out[offset + field:offset + field + 4] = moment


def lang_tag(lang: str) -> str:
    """The BCP 47 tag PowerPoint expects for a language code (en -> en-US)."""
    return LANG_TAGS.get(lang, lang)


@dataclass
class PartNames:
    """Next free part names for slides, notes and images, known without rescanning the package."""

    taken: set[str]
    counters: dict[str, int] = field(default_factory=dict)

    @classmethod
    def of(cls, package) -> "PartNames":
        return cls({str(part.partname) for part in package.iter_parts()})

    def next(self, template: str) -> PackURI:
        n = self.counters.get(template, 0)
        while True:
            n += 1
            name = template % n
            if name not in self.taken:
                self.counters[template] = n
                self.taken.add(name)
                return PackURI(name)


def add_relationship(source, target, reltype: str) -> str:
    """A new relationship from source to target, without python-pptx's scan for an existing one.

    `_Relationships.get_or_add` rebuilds an index of every relationship on each call
    (quadratic over a deck); a new part can have no existing relationship, so add directly.
    """
    rels = source.rels
    add = getattr(rels, "_add_relationship", None)
    return add(reltype, target) if add is not None else source.relate_to(target, reltype)


class Relations:
    """One part's relationships, looked up in a dict: `relate_to` as python-pptx's, without its scan.

    python-pptx's `relate_to` groups every relationship of the part by type on each call,
    so a slide with a link per event (the overview) costs O(n^2). The same rIds come out:
    an existing relationship to the same target is reused, a new one takes python-pptx's
    next free rId.
    """

    def __init__(self, part):
        self.part = part
        self.known: dict[tuple, str] = {}
        for rel in part.rels.values():
            self.known.setdefault(self._key(rel.reltype, rel.target_ref if rel.is_external else rel.target_part,
                                            rel.is_external), rel.rId)

    @staticmethod
    def _key(reltype: str, target, is_external: bool) -> tuple:
        return reltype, target if is_external else id(target), is_external

    def relate_to(self, target, reltype: str, is_external: bool = False) -> str:
        key = self._key(reltype, target, is_external)
        rid = self.known.get(key)
        if rid is None:
            rels = self.part.rels
            add = getattr(rels, "_add_relationship", None)
            rid = (add(reltype, target, is_external) if add is not None
                   else self.part.relate_to(target, reltype, is_external))
            self.known[key] = rid
        return rid


class _Serialised:
    """A finished XML part that keeps its bytes instead of its element tree (see `let_go`)."""

    @property
    def blob(self) -> bytes:
        return self._serialised


_SERIALISED: dict[type, type] = {}


GEOMETRY = re.compile(rb"<!--timeline-geometry-[0-9]+-->")


def geometry_stand_in(number: int) -> str:
    """The XML comment a slide carries where shared geometry goes (see `let_go`)."""
    return f"<!--timeline-geometry-{number}-->"


def let_go(part, fragments: dict[bytes, bytes] | None = None) -> None:
    """Serialise a finished part now and drop its XML tree: a 5,000-slide deck then fits in memory.

    The part becomes a subclass of its own class whose `blob` is those bytes (the same bytes
    python-pptx would write on save); nothing may read or change its XML afterwards.
    `fragments` maps stand-ins (`geometry_stand_in`) to the XML that replaces them in the
    bytes: a large icon's geometry is written once and never parsed into a slide's tree.
    """
    blob = part.blob
    if fragments:
        blob = GEOMETRY.sub(lambda found: fragments[found.group(0)], blob)
    kind = type(part)
    if kind not in _SERIALISED:
        _SERIALISED[kind] = type(f"Serialised{kind.__name__}", (_Serialised, kind), {})
    part.__class__ = _SERIALISED[kind]
    part._serialised = blob
    part.__dict__.pop("_element", None)
    for name in ("slide", "notes_slide"):      # lazyproperty caches that hold the tree
        part.__dict__.pop(name, None)
