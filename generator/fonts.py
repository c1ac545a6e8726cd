"""Find TrueType fonts for text roles, split text into runs by coverage, and measure it.

The measurer reads the same files the renderers embed, so what layout measures
is what gets drawn. Latin text prefers Liberation Sans (Arial's metrics); Hangul
prefers NanumGothic, Malgun Gothic or Apple SD Gothic Neo; any installed
TrueType font that has a character is the last resort.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import reportlab
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFontFace, TTFNameBytes

from generator import cache
from generator.errors import FontError
from generator.scene import FontFace

INSTALL_HINT = "install a font that has it (Debian/Ubuntu: apt-get install fonts-nanum fonts-liberation2)"

# Preferred files per style, in order. Names are file names found in the font folders.
LATIN = {
    "regular": ["LiberationSans-Regular.ttf", "Arial.ttf", "arial.ttf", "DejaVuSans.ttf", "Vera.ttf"],
    "bold": ["LiberationSans-Bold.ttf", "Arial Bold.ttf", "arialbd.ttf", "DejaVuSans-Bold.ttf", "VeraBd.ttf"],
}
HANGUL = {
    "regular": ["NanumGothic.ttf", "malgun.ttf", "AppleSDGothicNeo.ttc", "AppleGothic.ttf", "NanumBarunGothic.ttf"],
    "bold": ["NanumGothicBold.ttf", "malgunbd.ttf", "AppleSDGothicNeo.ttc", "AppleGothic.ttf",
             "NanumBarunGothicBold.ttf", "NanumGothic.ttf"],
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
    import reportlab
    dirs.append(Path(reportlab.__file__).parent / "fonts")
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

    def covers(self, char: str) -> bool:
        return ord(char) in self.widths

    def width(self, text: str, size: float) -> float:
        """Advance width of text in this face at size, in points."""
        return self.units(text) * size / 1000.0

    def units(self, text: str) -> float:
        """Advance width of text in thousandths of an em."""
        table = self.widths
        return sum(table.get(ord(c), self.default_width) for c in text)

    @property
    def font_face(self) -> FontFace:
        return FontFace(self.name, self.path, self.index)


@lru_cache(maxsize=64)
def font_file(path: str, index: int = 0) -> TTFontFace:
    """The parsed TrueType file: parsed once per process, and kept across runs in the user's cache.

    The one place a font file is parsed; the measurer reads its widths and the PDF renderer
    embeds it (see `generator.render.pdf`). The cache entry is keyed by the file's path, size
    and modification time; a stale or damaged entry is parsed again. Raises FontError.
    """
    try:
        info = os.stat(path)
        key = (os.path.abspath(path), index, info.st_size, info.st_mtime_ns, _READER)
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


_READER = f"reportlab-{reportlab.Version}-1"
_NOT_KEPT = ("_ttf_data", "_pdfScale")


def _state(face: TTFontFace) -> dict:
    """The parsed face as plain data: its attributes but the file's bytes and one lambda."""
    state = {k: v for k, v in face.__dict__.items() if k not in _NOT_KEPT}
    names = {k: v.ustr for k, v in state.items() if isinstance(v, TTFNameBytes)}
    return {"attributes": {k: v for k, v in state.items() if k not in names}, "names": names}


def _restore(state: dict, data: bytes) -> TTFontFace:
    """A TTFontFace as TTFontFace(path) would have made it, from `_state` and the file's bytes."""
    face = TTFontFace.__new__(TTFontFace)
    pdfmetrics.TypeFace.__init__(face, None)
    face.__dict__.update(state["attributes"])
    face.__dict__.update({k: TTFNameBytes(v.encode("utf8")) for k, v in state["names"].items()})
    face._ttf_data = data
    scale = 1000 / face.unitsPerEm
    face._pdfScale = (lambda x: x) if face.unitsPerEm == 1000 else (lambda x: x * scale)
    return face


@lru_cache(maxsize=64)
def open_face(path: str, index: int = 0) -> Face:
    """The measurer's view of a TrueType file (cached); raise FontError if it cannot be used."""
    info = font_file(path, index)
    name = info.name.decode("latin-1") if isinstance(info.name, bytes) else str(info.name)
    if index:
        name = f"{name}-{index}"
    widths = {code: float(w) for code, w in info.charWidths.items()}
    return Face(name, path, index, widths, float(info.defaultWidth),
                float(info.ascent) / 1000.0, float(-info.descent) / 1000.0)


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


class FontChain:
    """An ordered list of faces for one role; text is split into runs by coverage."""

    def __init__(self, faces: list[Face], bold: bool = False):
        self.faces = faces
        self.primary = faces[0]
        self.bold = bold
        self._em: dict[str, float] = {}     # width per point of size, by text (layout measures a lot)
        self._runs: dict[str, tuple[tuple[Face, str], ...]] = {}     # text -> its runs

    @property
    def ascent(self) -> float:
        return max(f.ascent for f in self.faces)

    @property
    def descent(self) -> float:
        return max(f.descent for f in self.faces)

    def face_for(self, char: str) -> Face | None:
        for face in self.faces:
            if face.covers(char):
                return face
        extra = _any_face_covering(char)
        if extra is not None:       # kept, so FontSet.faces() hands it to the renderers to embed
            self.faces.append(extra)
        return extra

    def runs(self, text: str, context: str = "") -> list[tuple[Face, str]]:
        """Split text into (face, text) runs; spaces stay in the run they are in (remembered per text)."""
        known = self._runs.get(text)
        if known is None:
            known = tuple(self._split(text, context))
            _remember(self._runs, text, known)
        return list(known)

    def _split(self, text: str, context: str) -> list[tuple[Face, str]]:
        runs: list[tuple[Face, str]] = []
        for char in text:
            if char in " \u00a0" and runs and runs[-1][0].covers(char):
                face = runs[-1][0]
            else:
                face = self.face_for(char)
            if face is None:
                where = f" in {context}" if context else ""
                raise FontError(f"no installed font has the character {char!r} (U+{ord(char):04X}){where}; "
                                f"{INSTALL_HINT}")
            if runs and runs[-1][0] is face:
                runs[-1] = (face, runs[-1][1] + char)
            else:
                runs.append((face, char))
        return runs

    def width(self, text: str, size: float) -> float:
        """Width of text in points at size, measured run by run (remembered per text)."""
        em = self._em.get(text)
        if em is None:
            em = sum(face.width(part, 1.0) for face, part in self.runs(text))
            self._em[text] = em
        return em * size


def _remember(memo: dict, key, value, limit: int = 200_000) -> None:
    """Keep value in memo, starting afresh when it grows past limit entries."""
    if len(memo) >= limit:
        memo.clear()
    memo[key] = value


@lru_cache(maxsize=4096)
def _any_face_covering(char: str) -> Face | None:
    """Search every installed TrueType font for one that has char (slow; cached)."""
    for name, path in sorted(installed_fonts().items()):
        try:
            face = open_face(str(path))
        except FontError:
            continue
        if face.covers(char):
            return face
    return None


class FontSet:
    """Font chains per role ("heading", "body", ...) for one output."""

    def __init__(self, chains: dict[str, FontChain]):
        self.chains = chains

    def chain(self, role: str) -> FontChain:
        return self.chains.get(role) or self.chains["body"]

    def faces(self) -> tuple[FontFace, ...]:
        """Every face any chain holds, for the renderer to register."""
        seen: dict[str, FontFace] = {}
        for chain in self.chains.values():
            for face in chain.faces:
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
