"""The small inline markup allowed in summaries: **bold**, *italic* and [text](url), nothing else.

Pure text functions: `spans` splits marked-up text into styled pieces, `plain` drops the
marks, `links` lists the (text, url) pairs, `marked` writes spans back as markup. Anything
that is not one of the three marks is plain text: a lone `*` or `[` prints as itself, and a
backslash before `*`, `[`, `]` or `\\` makes that character literal (`\\*` prints `*`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = re.compile(r"\*\*(?P<bold>[^*\n](?:.*?[^*\n])?)\*\*"
                    r"|\*(?P<italic>[^*\s](?:[^*\n]*?[^*\s])?)\*"
                    r"|\[(?P<text>[^\]\n]+)\]\((?P<url>[^)\s]+)\)")
_ESCAPED = "*[]\\"
# An escaped character stands in for itself while the marks are found: a private-use character.
_HIDE = {c: chr(0xF8F0 + i) for i, c in enumerate(_ESCAPED)}
_SHOW = str.maketrans({v: k for k, v in _HIDE.items()})
_ESCAPE = re.compile(r"\\([*\[\]\\])")


@dataclass(frozen=True)
class Span:
    """A piece of text with its style: bold, italic, and the URL it links to."""

    text: str
    bold: bool = False
    italic: bool = False
    url: str = ""

    @property
    def styled(self) -> bool:
        return self.bold or self.italic or bool(self.url)


def spans(text: str) -> list[Span]:
    """Split marked-up text into spans (nested marks inside bold or italic are kept as text)."""
    hidden = _ESCAPE.sub(lambda m: _HIDE[m[1]], text) if "\\" in text else text
    out: list[Span] = []
    at = 0
    for m in _TOKEN.finditer(hidden):
        if m.start() > at:
            out.append(Span(hidden[at:m.start()]))
        if m["bold"] is not None:
            out.append(Span(m["bold"], bold=True))
        elif m["italic"] is not None:
            out.append(Span(m["italic"], italic=True))
        else:
            out.append(Span(m["text"], url=m["url"].translate(_SHOW)))
        at = m.end()
    if at < len(hidden):
        out.append(Span(hidden[at:]))
    if hidden is not text:
        out = [Span(s.text.translate(_SHOW), s.bold, s.italic, s.url) for s in out]
    return out


def plain(text: str) -> str:
    """The text a reader sees, with the marks removed."""
    return "".join(s.text for s in spans(text))


def links(text: str) -> list[tuple[str, str]]:
    """Every [text](url) in the text, in order."""
    return [(s.text, s.url) for s in spans(text) if s.url]


def has_markup(text: str) -> bool:
    """True if the text has a mark or an escaped character (what readers see differs from it)."""
    return _TOKEN.search(text) is not None or _ESCAPE.search(text) is not None


def escape(text: str) -> str:
    """Plain text as markup that reads back as the same text (`*` becomes `\\*`)."""
    return re.sub(r"([*\[\]\\])", r"\\\1", text)
