"""What the characters of a text are: script, direction, emoji clusters and line-break chances.

Pure functions over strings (no fonts, no files): the Unicode bidi algorithm
(python-bidi), UAX #29 grapheme clusters and UAX #14 line-break opportunities
(uniseg), and a small script table for choosing fonts.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import re
import unicodedata
from functools import lru_cache

from bidi import algorithm as _bidi
from uniseg.graphemecluster import GCB, grapheme_cluster_break, grapheme_clusters
from uniseg.linebreak import line_break_units

RTL_LANGUAGES = ("ar", "he", "iw", "fa", "ur", "ps", "sd", "ug", "yi", "dv", "ckb")
COMMON = "common"

# (first, last, script) for the scripts that choose their own font; everything else is
# "latin" (letters) or COMMON (digits, spaces, punctuation, marks, symbols).
_RANGES = (
    (0x0370, 0x03FF, "greek"), (0x1F00, 0x1FFF, "greek"),
    (0x0400, 0x052F, "cyrillic"), (0x1C80, 0x1C8F, "cyrillic"), (0x2DE0, 0x2DFF, "cyrillic"),
    (0xA640, 0xA69F, "cyrillic"),
    (0x0590, 0x05FF, "hebrew"), (0xFB1D, 0xFB4F, "hebrew"),
    (0x0600, 0x06FF, "arabic"), (0x0750, 0x077F, "arabic"), (0x0870, 0x08FF, "arabic"),
    (0xFB50, 0xFDFF, "arabic"), (0xFE70, 0xFEFF, "arabic"),
    (0x0700, 0x074F, "syriac"), (0x0780, 0x07BF, "thaana"),
    (0x0900, 0x097F, "devanagari"), (0xA8E0, 0xA8FF, "devanagari"),
    (0x0980, 0x09FF, "bengali"), (0x0A00, 0x0A7F, "gurmukhi"), (0x0A80, 0x0AFF, "gujarati"),
    (0x0B00, 0x0B7F, "oriya"), (0x0B80, 0x0BFF, "tamil"), (0x0C00, 0x0C7F, "telugu"),
    (0x0C80, 0x0CFF, "kannada"), (0x0D00, 0x0D7F, "malayalam"), (0x0D80, 0x0DFF, "sinhala"),
    (0x0E00, 0x0E7F, "thai"), (0x0E80, 0x0EFF, "lao"), (0x0F00, 0x0FFF, "tibetan"),
    (0x1000, 0x109F, "myanmar"), (0x10A0, 0x10FF, "georgian"), (0x0530, 0x058F, "armenian"),
    (0x1200, 0x139F, "ethiopic"), (0x1780, 0x17FF, "khmer"),
    (0x1100, 0x11FF, "hangul"), (0x3130, 0x318F, "hangul"), (0xA960, 0xA97F, "hangul"),
    (0xAC00, 0xD7FF, "hangul"),
    (0x3040, 0x30FF, "kana"), (0x31F0, 0x31FF, "kana"), (0xFF66, 0xFF9F, "kana"),
    (0x2E80, 0x2FDF, "han"), (0x3005, 0x3007, "han"), (0x3021, 0x3029, "han"), (0x3400, 0x4DBF, "han"),
    (0x4E00, 0x9FFF, "han"), (0xF900, 0xFAFF, "han"), (0x20000, 0x3FFFF, "han"),
    (0x3000, 0x303F, "cjk_punct"), (0xFF00, 0xFF65, "cjk_punct"),
)
_RANGES = tuple(sorted(_RANGES))
_STARTS = [r[0] for r in _RANGES]
# Scripts HarfBuzz must shape (joining, reordering or marks); Latin-like text is drawn unshaped.
COMPLEX = frozenset({"arabic", "hebrew", "syriac", "thaana", "devanagari", "bengali", "gurmukhi",
                     "gujarati", "oriya", "tamil", "telugu", "kannada", "malayalam", "sinhala", "thai",
                     "lao", "tibetan", "myanmar", "khmer"})
# Languages written without spaces between words: break lines at UAX #14 opportunities.
NO_SPACES = ("ja", "zh", "th", "lo", "km", "my", "bo")
_EMOJI_CHARS = re.compile("[\U0001F000-\U0001FAFF\U0001F1E6-\U0001F1FF\uFE0F\u20E3\U000E0020-\U000E007F]")
_MAYBE_EMOJI = re.compile("[\u2000-\u3300\U0001F000-\U0001FAFF\uFE0F]")


@lru_cache(maxsize=256)
def base_language(lang: str) -> str:
    """'zh-Hant' -> 'zh', 'pt_BR' -> 'pt'."""
    return re.split(r"[-_]", lang or "en")[0].lower()


def is_rtl_language(lang: str) -> bool:
    return base_language(lang) in RTL_LANGUAGES


@lru_cache(maxsize=8192)
def script_of(char: str) -> str:
    """The script a character is drawn in, for choosing a font; COMMON for neutral characters."""
    code = ord(char)
    if code < 0x80:
        return "latin" if char.isalpha() else COMMON
    low, high = 0, len(_RANGES)
    while low < high:
        mid = (low + high) // 2
        if _STARTS[mid] <= code:
            low = mid + 1
        else:
            high = mid
    if low:
        first, last, name = _RANGES[low - 1]
        if code <= last and name != "cjk_punct":
            if name in COMPLEX or name in ("han", "kana", "hangul") or unicodedata.category(char)[0] in "LM":
                return name
            return COMMON
    category = unicodedata.category(char)
    return "latin" if category[0] == "L" else COMMON


def is_emoji_cluster(cluster: str) -> bool:
    """True for a grapheme cluster drawn from the colour emoji font (pictographs, flags, keycaps)."""
    return bool(_EMOJI_CHARS.search(cluster)) and not cluster.isascii()


def clusters(text: str) -> list[str]:
    """Grapheme clusters (UAX #29): ZWJ sequences, skin tones, flags and marks stay whole.

    Text whose every character stands alone (no marks, joiners, jamo, flags or CR) is
    its characters: no rule of UAX #29 joins two such characters, so the segmenter is
    not asked (it is slow, and layout asks for every line it tries).
    """
    if text.isascii() or all(map(_stands_alone, text)):
        return list(text)
    return list(grapheme_clusters(text))


# Grapheme_Cluster_Break values no rule of UAX #29 (GB3-GB13) keeps together with a neighbour
# of the same kind: Other, LF and Control break on both sides; a precomposed Hangul syllable
# (LV, LVT) joins only a following jamo (V, T), which is not in this set.
_ALONE = frozenset({GCB.OTHER, GCB.LF, GCB.CONTROL, GCB.LV, GCB.LVT})


@lru_cache(maxsize=65536)
def _stands_alone(char: str) -> bool:
    return grapheme_cluster_break(char) in _ALONE


def stands_alone(char: str) -> bool:
    """True for a character that is a grapheme cluster of its own next to any other such character."""
    return _stands_alone(char)


def might_have_emoji(text: str) -> bool:
    return bool(_MAYBE_EMOJI.search(text))


def break_units(text: str, lang: str) -> list[str]:
    """Pieces a line may break between; joined they give text back.

    Words with their following spaces (keep-all, as for Korean and European
    languages), or UAX #14 opportunities for languages written without spaces.
    """
    if not text:
        return []
    if base_language(lang) in NO_SPACES or (base_language(lang) != "ko" and _needs_uax14(text)):
        return list(_uax14_units(text))
    return re.findall(r"\S+\s*|\s+", text)


# A break after spaces between two ASCII letters or digits: UAX #14 always breaks there (LB18), and no rule
# looks back across it, so the pieces either side segment on their own, each once (the segmenter is slow).
_CUT = re.compile(r"[A-Za-z0-9] +(?=[A-Za-z0-9])")


@lru_cache(maxsize=8192)
def _uax14_units(text: str) -> tuple[str, ...]:
    """UAX #14 pieces (Thai split further into words), kept: layout wraps one title at many widths."""
    units: list[str] = []
    start = 0
    for cut in _CUT.finditer(text):
        units += _piece_units(text[start:cut.end()])
        start = cut.end()
    return tuple(units + list(_piece_units(text[start:])))


@lru_cache(maxsize=16384)
def _piece_units(text: str) -> tuple[str, ...]:
    if not text:
        return ()
    units = list(line_break_units(text))
    return tuple(_thai_words(units) if _THAI.search(text) else units)


_THAI = re.compile("[\u0E00-\u0E7F]")


@lru_cache(maxsize=1)
def _libthai():
    """libthai's word breaker (Debian libthai0), or None: Thai has no spaces between words."""
    name = ctypes.util.find_library("thai") or "libthai.so.0"
    try:
        lib = ctypes.CDLL(name)
        lib.th_brk_new.restype = ctypes.c_void_p
        lib.th_brk_new.argtypes = [ctypes.c_char_p]
        lib.th_brk_find_breaks.restype = ctypes.c_int
        lib.th_brk_find_breaks.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.POINTER(ctypes.c_int),
                                           ctypes.c_size_t]
        breaker = lib.th_brk_new(None)
    except (OSError, AttributeError):
        return None
    return (lib, breaker) if breaker else None


def _thai_words(units: list[str]) -> list[str]:
    """Units split further between Thai words (UAX #14 leaves Thai to a dictionary)."""
    found = _libthai()
    if found is None:
        return units
    lib, breaker = found
    out: list[str] = []
    for unit in units:
        if not _THAI.search(unit):
            out.append(unit)
            continue
        data = unit.encode("tis-620", errors="replace")      # one byte per character
        positions = (ctypes.c_int * (len(data) + 1))()
        count = lib.th_brk_find_breaks(breaker, data, positions, len(data) + 1)
        start = 0
        for end in list(positions[:max(count, 0)]) + [len(unit)]:
            if start < end <= len(unit):
                out.append(unit[start:end])
                start = end
    return out


def _needs_uax14(text: str) -> bool:
    if text.isascii():
        return False
    return any(script_of(c) in ("han", "kana", "thai", "lao", "khmer", "myanmar") for c in text
               if ord(c) >= 0x0E00)


def bidi_levels(text: str, rtl: bool) -> list[int]:
    """The resolved embedding level of every character (odd = right to left), rules X1-I2."""
    if not text:
        return []
    if not rtl and not any(unicodedata.bidirectional(c) in ("R", "AL", "AN", "RLE", "RLO", "RLI")
                           for c in text):
        return [0] * len(text)
    storage = _bidi.get_empty_storage()
    base = 1 if rtl else 0
    storage["base_level"] = base
    storage["base_dir"] = ("L", "R")[base]
    _bidi.get_embedding_levels(text, storage)
    for index, item in enumerate(storage["chars"]):
        item["index"] = index
    _bidi.explicit_embed_and_overrides(storage)
    _bidi.resolve_weak_types(storage)
    _bidi.resolve_neutral_types(storage, False)
    _bidi.resolve_implicit_levels(storage, False)
    levels = [-1] * len(text)
    for item in storage["chars"]:
        levels[item["index"]] = item["level"]
    _trailing_whitespace(text, levels, base)
    last = base
    for i, level in enumerate(levels):      # characters removed by X9 (ZWJ...) take their neighbour's
        if level < 0:
            levels[i] = last
        last = levels[i]
    return levels


def _trailing_whitespace(text: str, levels: list[int], base: int) -> None:
    """Rule L1: whitespace at the end of a line goes to the paragraph level."""
    for i in range(len(text) - 1, -1, -1):
        if not text[i].isspace():
            break
        levels[i] = base


def visual_order(levels: list[int]) -> list[int]:
    """Indices of items in display order, left to right (rule L2) for items with these levels."""
    order = list(range(len(levels)))
    if not levels:
        return order
    highest = max(levels)
    lowest_odd = min(level for level in levels if level % 2) if any(level % 2 for level in levels) else highest + 1
    for level in range(highest, lowest_odd - 1, -1):
        i = 0
        while i < len(order):
            if levels[order[i]] >= level:
                j = i
                while j < len(order) and levels[order[j]] >= level:
                    j += 1
                order[i:j] = reversed(order[i:j])
                i = j
            else:
                i += 1
    return order


_RTL_CHARS = re.compile("[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF\u200F\u202B\u202E\u2067\U00010800-\U00010FFF\U0001E800-\U0001EFFF]")


def has_rtl(text: str) -> bool:
    """Whether text may hold right-to-left characters (a quick test before running bidi)."""
    return bool(_RTL_CHARS.search(text))


def first_strong_is_rtl(text: str) -> bool:
    """Rules P2-P3: the first strong character decides the paragraph direction."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


def has_strong_rtl(text: str) -> bool:
    return any(unicodedata.bidirectional(c) in ("R", "AL") for c in text)


def mirrored_reverse(text: str) -> str:
    """Neutral characters of a right-to-left run in display order, brackets mirrored."""
    return "".join(_bidi.MIRRORED.get(c, c) for c in reversed(text))
