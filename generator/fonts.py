"""Find TrueType fonts for each script and text role, split text into runs, and measure it.

The measurer reads the same files the renderers embed, so what layout measures
is what gets drawn. Latin, Greek and Cyrillic prefer Liberation Sans (Arial's
metrics); Hangul NanumGothic; Han characters come from a Japanese font (IPAex
Gothic) in Japanese text and a Chinese one (WenQuanYi Zen Hei) in Chinese;
Arabic, Hebrew, Thai, Devanagari and the other scripts from Noto's TrueType
families; emoji from Noto Color Emoji. Complex scripts are measured after
shaping with HarfBuzz, with the features ReportLab draws them with.
"""

from __future__ import annotations

import importlib.util
import os
import re
import sys
import unicodedata
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import groupby, repeat
from operator import itemgetter
from pathlib import Path

import uharfbuzz as hb

from generator import cache, scripts
from generator.errors import FontError
from generator.scene import EMOJI_FACE, FontFace
from generator.scripts import COMMON, COMPLEX

INSTALL_HINT = "install a font that has it (Debian/Ubuntu: apt-get install fonts-nanum fonts-liberation2)"
# The OpenType features text is shaped with, in layout and in the PDF renderer: HarfBuzz's
# defaults (ReportLab's shapeStr would add discretionary ligatures, which others leave off).
FEATURES = {"kern": True, "liga": True}
_ASCII_LETTER = re.compile("[A-Za-z]")     # str.isalpha, for ASCII text

# Preferred files per style, in order. Names are file names found in the font folders.
LATIN = {
    "regular": ["LiberationSans-Regular.ttf", "Arial.ttf", "arial.ttf", "DejaVuSans.ttf", "Vera.ttf"],
    "bold": ["LiberationSans-Bold.ttf", "Arial Bold.ttf", "arialbd.ttf", "DejaVuSans-Bold.ttf", "VeraBd.ttf"],
}
HANGUL = {
    "regular": ["NanumGothic.ttf", "malgun.ttf", "AppleSDGothicNeo.ttc", "AppleGothic.ttf", "NanumBarunGothic.ttf"],
    "bold": ["NanumGothicBold.ttf", "malgunbd.ttf", "NanumBarunGothicBold.ttf"],
}
JAPANESE = {"regular": ["ipaexg.ttf", "fonts-japanese-gothic.ttf", "ipag.ttf"], "bold": []}
CHINESE = {"regular": ["wqy-zenhei.ttc", "wqy-microhei.ttc"], "bold": []}
NOTO = {
    "regular": ["NotoSans-Regular.ttf", "DejaVuSans.ttf"],
    "bold": ["NotoSans-Bold.ttf", "DejaVuSans-Bold.ttf"],
}
EMOJI_FILES = ["NotoColorEmoji.ttf"]

# Which Debian package gives a script its font, and a file that package installs.
PACKAGES = {
    "latin": ("fonts-liberation2", "LiberationSans-Regular.ttf"),
    "hangul": ("fonts-nanum", "NanumGothic.ttf"),
    "kana": ("fonts-ipaexfont-gothic", "ipaexg.ttf"),
    "han-ja": ("fonts-ipaexfont-gothic", "ipaexg.ttf"),
    "han": ("fonts-wqy-zenhei", "wqy-zenhei.ttc"),
    "emoji": ("fonts-noto-color-emoji", "NotoColorEmoji.ttf"),
    "other": ("fonts-noto-core", "NotoSans-Regular.ttf"),
}


def font_dirs() -> list[Path]:
    """Folders where this system keeps fonts, plus ReportLab's bundled ones last."""
    home = Path.home()
    dirs = [Path(p) for p in os.environ.get("TIMELINE_FONT_DIRS", "").split(os.pathsep) if p]
    if sys.platform == "darwin":
        dirs += [home / "Library/Fonts", Path("/Library/Fonts"), Path("/System/Library/Fonts"),
                 Path("/System/Library/Fonts/Supplemental")]
    elif sys.platform == "win32":
        windir = Path(os.environ.get("WINDIR", "C:/Windows"))
        dirs += [windir / "Fonts", home / "AppData/Local/Microsoft/Windows/Fonts"]
    else:
        dirs += [home / ".local/share/fonts", home / ".fonts", Path("/usr/local/share/fonts"),
                 Path("/usr/share/fonts")]
    spec = importlib.util.find_spec("reportlab")        # located, not imported
    if spec is not None and spec.origin:
        dirs.append(Path(spec.origin).parent / "fonts")
    return [d for d in dirs if d.is_dir()]


@lru_cache(maxsize=1)
def installed_fonts() -> dict[str, Path]:
    """Every .ttf/.ttc file under the font folders, by file name (first found wins)."""
    found: dict[str, Path] = {}
    for folder in font_dirs():
        for root, _dirs, files in os.walk(folder):
            for name in sorted(files):
                if name.lower().endswith((".ttf", ".ttc")):
                    found.setdefault(name, Path(root) / name)
    return found


@dataclass(frozen=True)
class Face:
    """One font file, parsed: its name, coverage and advance widths (per 1000 em)."""

    name: str
    path: str
    index: int
    widths: dict
    default_width: float
    ascent: float
    descent: float
    bold: bool = False          # the file's own weight is bold (OS/2 weight 600 or more)
    italic: bool = False        # the file's glyphs are slanted (a non-zero italic angle)

    def covers(self, char: str) -> bool:
        return ord(char) in self.widths

    def width(self, text: str, size: float) -> float:
        """Advance width of text in this face at size, in points (no shaping)."""
        return self.units(text) * size / 1000.0

    def units(self, text: str) -> float:
        """Advance width of text in thousandths of an em."""
        return sum(map(self.widths.get, map(ord, text), repeat(self.default_width)))

    @cached_property
    def ascii_chars(self) -> str:
        """The ASCII characters this face has, as one string (for `str.strip`: a fast coverage test)."""
        return "".join(chr(code) for code in range(128) if code in self.widths)

    def shaped_width(self, text: str, size: float) -> float:
        """Advance width after HarfBuzz shaping, as ReportLab draws a shaped string."""
        return shaped_advance(self.path, self.index, text) * size

    @property
    def font_face(self) -> FontFace:
        return FontFace(self.name, self.path, self.index)


@lru_cache(maxsize=64)
def font_file(path: str, index: int = 0):
    """The parsed TrueType file: parsed once per process, and kept across runs in the user's cache.

    The one place a font file is parsed; the measurer reads its widths and the PDF renderer
    embeds it (see `generator.render.pdf`). The cache entry is keyed by the file's path, size
    and modification time; a stale or damaged entry is parsed again. Raises FontError.
    """
    from reportlab.pdfbase.ttfonts import TTFontFace    # imported here: `check` and `--help` stay free of it
    try:
        info = os.stat(path)
        key = _file_key(path, index, info)
        with open(path, "rb") as file:
            data = file.read()
        state = cache.load("font", key)
        if state is not None and len(data) == info.st_size:
            return _restore(state, data)
        face = TTFontFace(path, subfontIndex=index)
    except Exception as exc:  # a broken file raises anything: TTFError, struct.error, IndexError ...
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise FontError(f"{path}: cannot use this font ({reason})") from None
    cache.store("font", key, _state(face))
    return face


_NOT_KEPT = ("_ttf_data", "_pdfScale")


def _state(face) -> dict:
    """The parsed face as plain data: its attributes but the file's bytes and one lambda."""
    from reportlab.pdfbase.ttfonts import TTFNameBytes
    state = {k: v for k, v in face.__dict__.items() if k not in _NOT_KEPT}
    names = {k: v.ustr for k, v in state.items() if isinstance(v, TTFNameBytes)}
    return {"attributes": {k: v for k, v in state.items() if k not in names}, "names": names}


def _restore(state: dict, data: bytes):
    """A TTFontFace as TTFontFace(path) would have made it, from `_state` and the file's bytes."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFNameBytes, TTFontFace
    face = TTFontFace.__new__(TTFontFace)
    pdfmetrics.TypeFace.__init__(face, None)
    face.__dict__.update(state["attributes"])
    face.__dict__.update({k: TTFNameBytes(v.encode("utf8")) for k, v in state["names"].items()})
    face._ttf_data = data
    scale = 1000 / face.unitsPerEm
    face._pdfScale = (lambda x: x) if face.unitsPerEm == 1000 else (lambda x: x * scale)
    return face


_FACE_KEPT = ("name", "widths", "default_width", "ascent", "descent", "bold", "italic")


def _file_key(path: str, index: int, info: os.stat_result) -> tuple:
    """What a cache entry of a font file is kept under: the file (path, size, modification time), the face in
    it, and the ReportLab that parsed it."""
    import reportlab        # its version only (a millisecond): not its font parser
    return os.path.abspath(path), index, info.st_size, info.st_mtime_ns, f"reportlab-{reportlab.Version}-1"


@lru_cache(maxsize=64)
def open_face(path: str, index: int = 0) -> Face:
    """The measurer's view of a TrueType file (cached); raise FontError if it cannot be used.

    Kept in the user's cache on its own, beside the parsed file (`font_file`): measuring needs only these
    numbers, so `check` neither imports ReportLab's parser nor restores the whole parsed file."""
    try:
        key = _file_key(path, index, os.stat(path))
    except OSError:
        key = None          # font_file says why
    kept = cache.load("face", key) if key is not None else None
    if isinstance(kept, tuple) and len(kept) == 7:
        return Face(path=path, index=index, **dict(zip(_FACE_KEPT, kept)))
    info = font_file(path, index)
    name = info.name.decode("latin-1") if isinstance(info.name, bytes) else str(info.name)
    if index:
        name = f"{name}-{index}"
    widths = {code: float(w) for code, w in info.charWidths.items()}
    face = Face(name, path, index, widths, float(info.defaultWidth),
                float(info.ascent) / 1000.0, float(-info.descent) / 1000.0,
                bool(info.flags & (1 << 18)), bool(info.italicAngle))     # FF_FORCEBOLD; italic angle
    if key is not None:
        cache.store("face", key, tuple(getattr(face, field) for field in _FACE_KEPT))
    return face


# How a family names its bold, italic and bold italic files, after the regular file's stem.
_STYLE_SUFFIXES = {
    (True, False): ("-Bold", "Bold", "bd", " Bold", "B"),
    (False, True): ("-Italic", "-Oblique", "Italic", "i", " Italic"),
    (True, True): ("-BoldItalic", "-BoldOblique", "BoldItalic", "bi", " Bold Italic"),
}


def styled_face(face: Face, bold: bool, italic: bool) -> Face:
    """The face's own bold, italic or bold italic file (by the family's file names), or the face itself.

    A family without such a file (most CJK, Hangul and Noto script fonts have no italic) keeps
    the closest it has (bold for bold italic): the rest is drawn synthetic (see `scene.Run`).
    """
    bold, italic = bold or face.bold, italic or face.italic
    if (face.bold, face.italic) == (bold, italic):
        return face
    wanted = [(bold, italic)] + ([(True, face.italic)] if bold and italic and not face.bold else [])
    for style in wanted:
        found = _styled_face(face.path, face.index, *style)
        if found is not None:
            return found
    return face


_STYLE_ENDINGS = ("-Regular", "Regular", "-Roman", "-Bold", "Bold", "-Italic", "Italic", "bd", "R", "B")


@lru_cache(maxsize=256)
def _styled_face(path: str, index: int, bold: bool, italic: bool) -> Face | None:
    face = open_face(path, index)
    path = Path(path)
    stem = path.stem
    for ending in _STYLE_ENDINGS:
        if stem.endswith(ending) and len(stem) > len(ending) + 1:
            stem = stem[:-len(ending)]
            break
    table = installed_fonts()
    for suffix in _STYLE_SUFFIXES[(bold, italic)]:
        name = f"{stem}{suffix}{path.suffix}"
        candidate = path.with_name(name)
        candidate = candidate if candidate.is_file() else table.get(name)
        if candidate is None:
            continue
        try:
            found = open_face(str(candidate), index)
        except FontError:
            continue
        if (found.bold, found.italic) == (bold, italic) and found.covers("a") >= face.covers("a"):
            return found
    return None


@lru_cache(maxsize=64)
def harfbuzz_font(path: str, index: int = 0) -> hb.Font:
    """The same file opened by HarfBuzz (cached), for shaping and emoji coverage.

    Also opens the colour emoji font (bitmaps), which ReportLab cannot parse.
    """
    with open(path, "rb") as handle:
        data = handle.read()
    return hb.Font(hb.Face(hb.Blob(data), index))


@lru_cache(maxsize=512)
def cmap(path: str, index: int = 0) -> frozenset[int]:
    """The characters a TrueType file maps, read by HarfBuzz (empty for CFF fonts ReportLab cannot embed)."""
    try:
        face = harfbuzz_font(path, index).face
    except OSError:
        return frozenset()
    if "CFF " in face.table_tags or "glyf" not in face.table_tags:
        return frozenset()
    return frozenset(face.unicodes)


@lru_cache(maxsize=20000)
def shaped_advance(path: str, index: int, text: str) -> float:
    """Total advance of text shaped by HarfBuzz, in ems (script and direction guessed per run)."""
    glyphs = shape(path, index, text)
    font = harfbuzz_font(path, index)
    return sum(advance for _gid, _cluster, advance in glyphs) / font.face.upem


def shape(path: str, index: int, text: str) -> list[tuple[int, int, int]]:
    """(glyph id, cluster, x advance in font units) for text shaped as ReportLab shapes it."""
    font = harfbuzz_font(path, index)
    buf = hb.Buffer()
    buf.cluster_level = hb.BufferClusterLevel.MONOTONE_CHARACTERS
    buf.add_str(text)
    buf.guess_segment_properties()
    hb.shape(font, buf, FEATURES)
    return [(info.codepoint, info.cluster, pos.x_advance)
            for info, pos in zip(buf.glyph_infos, buf.glyph_positions)]


def find_face(candidates: list[str]) -> Face | None:
    """The first candidate (a file name or a path) that exists and parses."""
    table = installed_fonts()
    for candidate in candidates:
        path = Path(candidate)
        path = path if path.is_file() else table.get(candidate)
        if path is None:
            continue
        try:
            return open_face(str(path))
        except FontError:
            continue
    return None


@dataclass(frozen=True)
class EmojiFont:
    """The colour emoji font: coverage and advances come from HarfBuzz (it has no outlines)."""

    path: str

    def covers(self, cluster: str) -> bool:
        return all(gid for gid, _c, _a in shape(self.path, 0, cluster))

    def width(self, cluster: str, size: float) -> float:
        return shaped_advance(self.path, 0, cluster) * size


@lru_cache(maxsize=1)
def emoji_font() -> EmojiFont | None:
    for name in EMOJI_FILES:
        path = installed_fonts().get(name)
        if path is not None:
            return EmojiFont(str(path))
    return None


class _once:
    """`functools.cached_property` without its lock (Python 3.11 takes one on every first access, and layout
    makes a Piece for every text it measures): computed on first access, then kept in the instance."""

    def __init__(self, func):
        self.func, self.name, self.__doc__ = func, func.__name__, func.__doc__

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.func(instance)
        return value


@dataclass(frozen=True)
class Piece:
    """A stretch of text drawn in one face: its script, and how it is drawn."""

    text: str
    face: Face | None          # None for an emoji cluster
    script: str
    synthetic_bold: bool = False

    @property
    def emoji(self) -> bool:
        return self.face is None

    @_once
    def shaped(self) -> bool:
        """Drawn through HarfBuzz: complex scripts, and text with combining marks."""
        return self.face is not None and (self.script in COMPLEX or (
            not self.text.isascii() and any(map(unicodedata.combining, self.text))))

    @property
    def face_name(self) -> str:
        return EMOJI_FACE if self.face is None else self.face.name

    def width(self, size: float) -> float:
        if self.face is not None and not self.shaped:
            return self._advance * size / 1000.0        # as Face.width, from the remembered units
        return self._advance * size                     # as Face.shaped_width and EmojiFont.width

    @_once
    def _advance(self) -> float:
        """The advance, measured once: in thousandths of an em for plain text, in ems when shaped."""
        if self.face is None:
            return shaped_advance(emoji_font().path, 0, self.text)
        if self.shaped:
            return shaped_advance(self.face.path, self.face.index, self.text)
        return self.face.units(self.text)


def script_faces(script: str, bold: bool, lang: str) -> list[tuple[Face, bool]]:
    """Faces for a script, best first, each with whether bold must be synthesised."""
    base = scripts.base_language(lang)
    if script == "hangul":
        groups = [HANGUL]
    elif script == "kana":
        groups = [JAPANESE, CHINESE]
    elif script == "han":
        groups = {"ja": [JAPANESE, CHINESE], "ko": [HANGUL, CHINESE, JAPANESE]}.get(base, [CHINESE, JAPANESE])
    elif script in ("latin", "greek", "cyrillic", COMMON):
        groups = [LATIN, NOTO]
    else:
        name = script.title()
        groups = [{"regular": [f"NotoSans{name}-Regular.ttf", f"NotoSerif{name}-Regular.ttf"],
                   "bold": [f"NotoSans{name}-Bold.ttf", f"NotoSerif{name}-Bold.ttf"]}, NOTO]
    return _weighted(tuple(tuple(g["bold"]) for g in groups), tuple(tuple(g["regular"]) for g in groups), bold)


@lru_cache(maxsize=256)
def _weighted(bold_lists, regular_lists, bold: bool) -> list[tuple[Face, bool]]:
    found = []
    for bold_names, regular_names in zip(bold_lists, regular_lists):
        face = find_face(list(bold_names)) if bold else None
        if face is not None:
            found.append((face, False))
            continue
        face = find_face(list(regular_names))
        if face is not None:
            found.append((face, bold))
    return found


class FontChain:
    """The faces for one text role in one language; text is split into runs by script.

    `faces` are the role's own faces (theme files, Latin, Hangul): they set the
    line metrics. Other scripts get their faces by script and language, one face
    per script within a piece of text.
    """

    def __init__(self, faces: list[Face], bold: bool = False, lang: str = "en"):
        self.faces = faces
        self.primary = faces[0]
        self.bold = bold
        self.lang = lang
        self.italic = False
        self.used: dict[str, Face] = {}
        self._pieces: dict[str, list[Piece]] = {}
        self._segments: dict[tuple[str, bool], list[tuple[Piece, int]]] = {}
        self._em: dict[str, float] = {}     # width per point of size, by text (layout measures a lot)
        self._by_kind: dict[str, list[tuple[Face, bool]]] = {}    # candidate faces per script
        self.wrapped: dict[tuple, list[str]] = {}    # `text.wrap`'s lines by (text, size, width), for this chain
        self.at_most: dict[str, float | None] = {}   # `text.wrap`'s bound on any piece's em, by paragraph
        self._sure: dict[str, tuple[str] | None] = {}    # per character: (its script,) if surely drawable
        self._sure_chars: set[str] = set()               # the characters that are
        self._most: dict[frozenset | None, dict[str, float]] = {}   # per set of scripts (None: ASCII in the
        # primary face): each character's most em
        self._plain: dict[str, str | None] = {}          # per character: its script if its advance is its own
        self._simple: dict[str, tuple | None] = {}       # per character: how `_plain_em` splits it (None: it does not)

    def for_lang(self, lang: str) -> "FontChain":
        """The same role's faces for text in another language."""
        other = object.__new__(type(self))
        other.__dict__.update(self.__dict__)
        other.lang, other.used, other._pieces, other._segments, other._em = lang, {}, {}, {}, {}
        other._styles = {}
        other._by_kind = {}
        other.wrapped, other.at_most = {}, {}
        other._sure, other._most, other._sure_chars, other._plain = {}, {}, set(), {}
        other._simple = {}
        return other

    @property
    def ascent(self) -> float:
        return max(f.ascent for f in self.faces)

    @property
    def descent(self) -> float:
        return max(f.descent for f in self.faces)

    def face_for(self, char: str) -> Face | None:
        """The face a single character would be drawn in (None if no installed font has it)."""
        pieces = self.pieces(char, strict=False)
        return pieces[0].face if pieces and pieces[0].face is not None else None

    def pieces(self, text: str, context: str = "", strict: bool = True) -> list[Piece]:
        """Split text into pieces of one face each, in logical order (cached per text)."""
        cached = self._pieces.get(text)
        if cached is None:
            cached = self._split(text, context, strict)
            if len(self._pieces) > 20000:
                self._pieces.clear()
            self._pieces[text] = cached
        return cached

    def styled(self, bold: bool, italic: bool) -> "FontChain":
        """The same role's chain in bold and/or italic: each face's own bold or italic file where the
        family has one (measured with it); others keep their face and are drawn synthetic."""
        key = (bold or self.bold, italic)
        if key == (self.bold, False):
            return self
        styles = self.__dict__.setdefault("_styles", {})
        if key not in styles:
            other = object.__new__(type(self))
            other.__dict__.update(self.__dict__)
            faces = []
            for face in self.faces:
                found = styled_face(face, *key)
                if found not in faces:
                    faces.append(found)
            other.faces, other.primary, other.bold, other.italic = faces, faces[0], key[0], italic
            other.used, other._pieces, other._segments, other._em, other._styles = {}, {}, {}, {}, {}
            other._by_kind = {}
            other.wrapped, other.at_most = {}, {}
            other._sure, other._most, other._sure_chars, other._plain = {}, {}, set(), {}
            other._simple = {}
            styles[key] = other
        return styles[key]

    def runs(self, text: str, context: str = "") -> list[tuple[Face, str]]:
        """(face, text) runs, for callers that only need faces (emoji runs are left out)."""
        return [(p.face, p.text) for p in self.pieces(text, context) if p.face is not None]

    def segments(self, text: str, rtl: bool | None = None, context: str = "") -> list[tuple[Piece, int]]:
        """Pieces further split where the bidi level changes, with their levels, in logical order.

        `rtl` is the paragraph direction; None takes it from the first strong character.
        """
        pieces = self.pieces(text, context)
        if not scripts.has_rtl(text):
            return [(piece, 0) for piece in pieces]
        if rtl is None:
            rtl = scripts.first_strong_is_rtl(text)
        key = (text, rtl)
        cached = self._segments.get(key)
        if cached is not None:
            return cached
        levels = scripts.bidi_levels(text, rtl)
        out: list[tuple[Piece, int]] = []
        pos = 0
        for piece in pieces:
            part, level = "", levels[pos]
            for offset, char in enumerate(piece.text):
                here = levels[pos + offset]
                if here != level and part and not piece.emoji:
                    out.append((Piece(part, piece.face, piece.script, piece.synthetic_bold), level))
                    part, level = "", here
                part += char
            out.append((Piece(part, piece.face, piece.script, piece.synthetic_bold), level))
            pos += len(piece.text)
        if len(self._segments) > 20000:
            self._segments.clear()
        self._segments[key] = out
        return out

    def width(self, text: str, size: float) -> float:
        """Width of text in points at size, measured piece by piece after shaping (remembered per text)."""
        em = self._em.get(text)
        if em is None:
            primary = self.primary
            if text and text.isascii() and not text.strip(primary.ascii_chars):
                # `_split`'s common case, one piece in the primary face: its width as Piece.width gives it
                self.used.setdefault(primary.name, primary)
                em = primary.units(text) * 1.0 / 1000.0
            else:
                em = self._plain_em(text)
            if em is None:
                em = sum(piece.width(1.0) for piece, _level in self.segments(text))
            if len(self._em) > 50000:
                self._em.clear()
            self._em[text] = em
        return em * size

    def _plain_em(self, text: str) -> float | None:
        """`width(text, 1.0)` without splitting text into Pieces, for text whose every character is unshaped
        and simple (`_simple_char`); None for any other text (the caller takes the general path).

        The same runs as `_split_any` makes, face by face in the same order (each script's face is the one
        `_choose` picks: all its characters' first face, else we give up; a common character joins the run
        before it as `_face_for_unit` says), each run's units summed by `Face.units` and the runs' widths
        summed as `Piece.width` and `width` sum them: the same floats, bit for bit, and the same faces `used`.
        """
        if not text:
            return None
        simple = self._simple
        chosen: dict[str, tuple[Face, bool]] = {}
        found = []
        for char in text:
            info = simple.get(char, _UNSEEN)
            if info is _UNSEEN:
                info = simple[char] = self._simple_char(char)
            if info is None:
                return None
            kind, choice = info
            if kind != COMMON and chosen.setdefault(kind, choice) is not choice:
                return None     # two characters of a script whose first faces differ: `_choose` looks further
            found.append(info)
        used = self.used
        runs: list[list] = []       # [face, script, synthetic bold, start]
        last = None
        for at, (kind, choice) in enumerate(found):
            if kind == COMMON:      # `_face_for_unit` for a common character: the run before it, or its own face
                if last is not None and last[0].covers(text[at]) and (
                        last[1] not in ("latin", "hangul", COMMON) or text[at].isspace()):
                    face, fake = last[0], last[2]
                else:
                    face, fake = choice
            else:
                face, fake = choice
            if face.name not in used:       # `_extend`
                used[face.name] = face
            if last is not None and last[0] is face and last[2] == fake:
                if last[1] == COMMON:
                    last[1] = kind
            else:
                last = [face, kind, fake, at]
                runs.append(last)
        ends = [run[3] for run in runs[1:]] + [len(text)]
        return sum([run[0].units(text[run[3]:end]) * 1.0 / 1000.0 for run, end in zip(runs, ends)])

    def _simple_char(self, char: str) -> tuple[str, tuple[Face, bool]] | None:
        """(its script, the (face, synthetic bold) `_split_any` gives it), for a character that is a unit of its
        own, unshaped, left to right, no emoji and not ignorable, whose face is found without searching the
        installed fonts: a script's character its first candidate face that has it (the face `_choose` picks
        when every character of that script has the same first face), a common character the chain's first
        face that has it (when the run before it does not take it). None for any other character."""
        if scripts.might_have_emoji(char) or scripts.has_rtl(char) or _ignorable(char) \
                or unicodedata.combining(char):
            return None
        kind = _unit_script(char)
        if kind == "emoji" or kind in COMPLEX:
            return None
        if kind == COMMON:
            for face in self.faces:
                if face.covers(char):
                    return kind, (face, False)
            return None
        for choice in self._candidates(kind):
            if choice[0].covers(char):
                return kind, choice
        return None

    def drawable(self, text: str, context: str = "") -> None:
        """Raise FontError where `pieces` would (a character no installed font has); free for a text measured
        already, which was split (or shown to split) without one, and cheap for one `surely_drawable` is sure of."""
        if text not in self._em and not self.surely_drawable(text):
            self.pieces(text, context)

    def surely_drawable(self, text: str) -> bool:
        """True when measuring or drawing text, any piece of it, or any of them with "…" after it cannot meet a
        character no installed font has (`pieces` cannot raise FontError); False says nothing.

        Each character stands alone (its own grapheme cluster next to any other such character, so `clusters`
        gives the characters) and is no emoji, and a face `_face_for_unit` tries before searching the installed
        fonts has it: whichever piece the character is in, it gets a face.
        """
        chars = set(text)
        if chars <= self._sure_chars:
            return True
        return all(self._bound(char) is not None for char in chars - self._sure_chars)

    def em_bounds(self, text: str) -> list[float] | None:
        """For each character of text, an em (width per point of size) it adds at most to `width` of any piece
        of text; None when that is not known (a character that is shaped, an emoji, one `surely_drawable` is
        not sure of).

        `width` sums its pieces' advances, each the sum of its characters' advances in the piece's face when
        nothing is shaped (no complex script, no combining mark, no emoji), and every face a character can get
        is one of the candidates of a script in text (or of Latin): its bound is the widest of those.
        Text in the primary face's ASCII characters only is measured in that face alone: its own advances.
        """
        primary = self.primary
        if text.isascii() and not text.strip(primary.ascii_chars):
            ems = self._most.get(None)
            if ems is None:
                ems = self._most[None] = {char: primary.widths[ord(char)] / 1000.0 for char in primary.ascii_chars}
            return list(map(ems.__getitem__, text))
        chars = set(text)
        plain = self._plain
        if not chars <= plain.keys():
            for char in chars - plain.keys():
                found = self._bound(char)
                plain[char] = None if found is None or found[0] in COMPLEX or (
                    not char.isascii() and unicodedata.combining(char)) else found[0]
        kinds = set(map(plain.__getitem__, chars))
        if None in kinds:
            return None
        kinds.add("latin")
        kinds.discard(COMMON)
        key = frozenset(kinds)
        ems = self._most.get(key)
        if ems is None:
            ems = self._most[key] = {}
        if not chars <= ems.keys():
            for char in chars - ems.keys():
                code = ord(char)
                ems[char] = max(max(face.widths.get(code, face.default_width) for face, _fake in
                                    self._candidates(kind)) for kind in key) / 1000.0
        return list(map(ems.__getitem__, text))

    def width_terms(self, text: str) -> tuple[float, float]:
        """(scale, extra): `width(piece, size)` of any piece of text lies between em * scale * size and
        (em + extra) * scale * size, em being the sum of the piece's advances (`em_bounds`). Here (1, 0): it is
        em * size."""
        return 1.0, 0.0

    def _bound(self, char: str) -> tuple[str] | None:
        """(the character's script,) if `surely_drawable` is sure of it, else None (remembered per chain)."""
        known = self._sure
        if char in known:
            return known[char]
        kind = _unit_script(char)
        found = None
        if kind != "emoji" and scripts.stands_alone(char) and any(
                face.covers(char) for face, _fake in self._candidates("latin" if kind == COMMON else kind)):
            found = (kind,)
            self._sure_chars.add(char)
        known[char] = found
        return found

    # --- splitting -------------------------------------------------------------

    def _split(self, text: str, context: str, strict: bool) -> list[Piece]:
        primary = self.primary
        if text.isascii() and text and not text.strip(primary.ascii_chars):
            # the common case, as the general path below splits it: one piece in the primary face
            self.used.setdefault(primary.name, primary)
            return [Piece(text, primary, "latin" if _ASCII_LETTER.search(text) else COMMON)]
        return self._split_any(text, context, strict)

    def _split_any(self, text: str, context: str, strict: bool) -> list[Piece]:
        units = scripts.clusters(text) if scripts.might_have_emoji(text) else text
        kinds = [_unit_script(u) for u in units]
        chosen = self._choose(units, kinds)
        runs: list[list] = []        # [face, script, synthetic bold, units]: one Piece each
        for kind, group in groupby(zip(units, kinds), key=itemgetter(1)):
            if kind in chosen:       # a stretch of one script with its chosen face: one run, or the last one grown
                face, fake = chosen[kind]
                self._extend(runs, face, kind, fake, [unit for unit, _kind in group])
                continue
            for unit, _kind in group:
                if not self._add_unit(runs, unit, kind, chosen, strict, context):
                    return []
        return [Piece("".join(parts), face, script, fake) for face, script, fake, parts in runs]

    def _add_unit(self, runs: list[list], unit: str, kind: str, chosen, strict: bool, context: str) -> bool:
        """One unit (a character or an emoji cluster) put into the last run or a new one; False if no
        installed font has it (FontError when strict)."""
        if kind == "emoji":
            if emoji_font() is not None and emoji_font().covers(unit):
                runs.append([None, "emoji", False, [unit]])
                return True
            kind = "symbol"
        last = runs[-1] if runs else None
        face, fake = self._face_for_unit(unit, kind, chosen, last)
        if face is None:
            if not strict:
                return False
            raise FontError(missing_message(unit, self.lang, context))
        self._extend(runs, face, kind, fake, [unit])
        return True

    def _extend(self, runs: list[list], face: Face, kind: str, fake: bool, units: list[str]) -> None:
        """Units drawn in face: added to the last run when it has the same face, else a new run."""
        if face.name not in self.used:
            self.used[face.name] = face
        last = runs[-1] if runs else None
        if last is not None and last[0] is face and last[2] == fake:
            last[3].extend(units)
            if last[1] == COMMON:
                last[1] = kind
        else:
            runs.append([face, kind, fake, units])

    def _choose(self, units, kinds: list[str]) -> dict[str, tuple[Face, bool]]:
        """One face per script: the first that has every character of that script in the text."""
        chosen = {}
        for kind in set(kinds) - {COMMON, "emoji"}:
            codes = {ord(c) for u, k in zip(units, kinds) if k == kind for c in u if not _ignorable(c)}
            for face, fake in self._candidates(kind):
                if face.widths.keys() >= codes:
                    chosen[kind] = (face, fake)
                    break
        return chosen

    def _candidates(self, kind: str) -> list[tuple[Face, bool]]:
        found = self._by_kind.get(kind)
        if found is None:
            own = [(f, False) for f in self.faces] if kind in ("latin", "greek", "cyrillic", "hangul") else []
            found = self._by_kind[kind] = own + script_faces(kind, self.bold, self.lang)
        return found

    def _face_for_unit(self, unit: str, kind: str, chosen, last: list | None) -> tuple[Face | None, bool]:
        """The face of one unit; `last` is the run before it ([face, script, synthetic bold, units])."""
        if kind in chosen:
            return chosen[kind]
        if kind == COMMON:
            if last is not None and last[0] is not None and last[1] not in ("latin", "hangul", COMMON) \
                    and all(last[0].covers(c) for c in unit):
                return last[0], last[2]
            if unit.isspace() and last is not None and last[0] is not None and last[0].covers(unit[0]):
                return last[0], last[2]
            for face in self.faces:
                if all(face.covers(c) for c in unit):
                    return face, False
        for face, fake in self._candidates(kind if kind != COMMON else "latin"):
            if all(face.covers(c) for c in unit):
                return face, fake
        face = _any_face_covering(unit[0])
        return face, False


_UNSEEN = object()


@lru_cache(maxsize=8192)
def _ignorable(char: str) -> bool:
    """Marks and format characters: a face need not have them to be chosen for a script."""
    return unicodedata.category(char) in ("Mn", "Cf")


@lru_cache(maxsize=65536)
def _unit_script(unit: str) -> str:
    if len(unit) > 1 or ord(unit[0]) > 0x2000:
        if scripts.is_emoji_cluster(unit):
            return "emoji"
    return scripts.script_of(unit[0])


@lru_cache(maxsize=4096)
def _any_face_covering(char: str) -> Face | None:
    """Search every installed TrueType font for one that has char (slow the first time: every font is opened;
    cached). The characters of each font opened are kept, so a later search opens only a font that has its
    character (`open_face` keeps fewer fonts open than are installed)."""
    code = ord(char)
    for name, path in sorted(installed_fonts().items()):
        path = str(path)
        has = _HAS.get(path)
        if has is not None and code not in has:
            continue
        try:
            face = open_face(path)
        except FontError:
            _HAS[path] = frozenset()
            continue
        if has is None:
            _HAS[path] = frozenset(face.widths)
        if face.covers(char):
            return face
    return None


_HAS: dict[str, frozenset[int]] = {}       # an installed font's characters (its widths' keys), once opened


def drawable_anywhere(chars: set[str], chain: FontChain) -> bool:
    """True when an installed font has every one of these characters: then no text made of them meets a
    character no installed font has (FontError) in any chain, bold, italic or not, since a unit is left
    without a face only when no installed font has its first character (`_face_for_unit`'s last resort).
    The chain's faces and its scripts' faces are looked in first (they are open already); the rest
    searches every installed font."""
    installed = {str(path) for path in installed_fonts().values()}

    def searched(faces) -> list[Face]:      # faces the last resort's search would open and find too
        return [face for face in faces if face.path in installed and face.index == 0]

    faces = searched(chain.faces)
    rest = {char for char in chars if not any(face.covers(char) for face in faces)}
    for kind in {scripts.script_of(char) for char in rest}:
        faces += searched(face for bold in (False, True) for face, _fake in script_faces(kind, bold, chain.lang))
    return all(any(face.covers(char) for face in faces) or _any_face_covering(char) is not None for char in rest)


def package_for(char: str, lang: str) -> tuple[str, str]:
    """The Debian package that provides fonts for a character, and a file it installs."""
    kind = "emoji" if scripts.is_emoji_cluster(char) else scripts.script_of(char[0])
    if kind == "han":
        kind = "han-ja" if scripts.base_language(lang) == "ja" else "han"
    return PACKAGES.get(kind, PACKAGES["latin" if kind in ("latin", "greek", "cyrillic") else "other"])


def missing_message(unit: str, lang: str, context: str = "") -> str:
    """Why a character cannot be drawn and what to do, never advising what is installed."""
    codes = " ".join(f"U+{ord(c):04X}" for c in unit)
    where = f" in {context}" if context else ""
    package, probe = package_for(unit, lang)
    if probe not in installed_fonts():
        advice = f"install the Debian package {package} (apt-get install {package})"
    else:
        advice = (f"{package} is installed but lacks it; put a TrueType font that has it in "
                  f"~/.local/share/fonts or TIMELINE_FONT_DIRS, or pass --font")
    return f"no installed font has the character {unit!r} ({codes}){where}; {advice}"


class FontSet:
    """Font chains per role ("heading", "body", ...) for one output, made per language on demand."""

    def __init__(self, chains: dict[str, FontChain]):
        self.chains = chains
        self._by_lang: dict[tuple[str, str], FontChain] = {}

    def chain(self, role: str, lang: str | None = None) -> FontChain:
        template = self.chains.get(role) or self.chains["body"]
        if lang is None:
            return template
        key = (role if role in self.chains else "body", lang)
        if key not in self._by_lang:
            self._by_lang[key] = template.for_lang(lang)
        return self._by_lang[key]

    def faces(self) -> tuple[FontFace, ...]:
        """Every face any chain holds or has used, for the renderer to register."""
        seen: dict[str, FontFace] = {}
        chains = list(self.chains.values()) + list(self._by_lang.values())
        chains += [styled for chain in chains for styled in chain.__dict__.get("_styles", {}).values()]
        for chain in chains:
            for face in list(chain.faces) + list(chain.used.values()):
                seen.setdefault(face.name, face.font_face)
        return tuple(seen.values())


def resolve(roles: dict[str, dict], override: str | None = None) -> FontSet:
    """Build a FontSet from a theme's font roles: {role: {style: bold|regular, files: [...]}}.

    `override` (the --font option) is a file put first in every chain.
    """
    chains = {}
    for role, spec in roles.items():
        style = spec.get("style", "regular")
        faces = []
        if override:
            if not Path(override).is_file():
                raise FontError(f"{override}: font file not found")
            faces.append(open_face(override))
        for group in (spec.get("files") or [], LATIN[style], HANGUL[style]):
            face = find_face(list(group))
            if face is not None and face not in faces:
                faces.append(face)
        if not faces:
            raise FontError(f"no TrueType font found for the {role} text; {INSTALL_HINT}")
        chains[role] = FontChain(faces, bold=style == "bold")
    if "body" not in chains:
        raise FontError("the theme defines no 'body' font role")
    return FontSet(chains)
