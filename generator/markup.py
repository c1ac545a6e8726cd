"""The small inline markup allowed in summaries: **bold**, *italic* and [text](url), nothing else.

Pure text functions: `spans` splits marked-up text into styled pieces, `plain` drops the
marks, `links` lists the (text, url) pairs. Anything that is not one of the three marks is
plain text: a lone `*` or `[` prints as itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = re.compile(r"\*\*(?P<bold>[^*\n](?:.*?[^*\n])?)\*\*"
                    r"|\*(?P<italic>[^*\s](?:[^*\n]*?[^*\s])?)\*"
                    r"|\[(?P<text>[^\]\n]+)\]\((?P<url>[^)\s]+)\)")


@dataclass(frozen=True)
class Span:
    """A piece of text with its style: bold, italic, and the URL it links to."""

    text: str
    bold: bool = False
    italic: bool = False
    url: str = ""


def spans(text: str) -> list[Span]:
    """Split marked-up text into spans (nested marks inside bold or italic are kept as text)."""
    out: list[Span] = []
    at = 0
    for m in _TOKEN.finditer(text):
        if m.start() > at:
            out.append(Span(text[at:m.start()]))
        if m["bold"] is not None:
            out.append(Span(m["bold"], bold=True))
        elif m["italic"] is not None:
            out.append(Span(m["italic"], italic=True))
        else:
            out.append(Span(m["text"], url=m["url"]))
        at = m.end()
    if at < len(text):
        out.append(Span(text[at:]))
    return out


def plain(text: str) -> str:
    """The text a reader sees, with the marks removed."""
    return "".join(s.text for s in spans(text))


def links(text: str) -> list[tuple[str, str]]:
    """Every [text](url) in the text, in order."""
    return [(s.text, s.url) for s in spans(text) if s.url]


def has_markup(text: str) -> bool:
    return _TOKEN.search(text) is not None
