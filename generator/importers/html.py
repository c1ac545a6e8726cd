"""HTML from TimelineJS (headlines, texts, credits) turned into our text and inline markup.

`<a href>` becomes `[text](url)`, `<b>/<strong>` `**bold**`, `<i>/<em>` `*italic*`; paragraphs,
line breaks and list items become new lines; every other tag is dropped with its attributes,
and the content of `<script>`, `<style>` and `<iframe>` is dropped whole. Entities are decoded.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urlparse

from generator.markup import escape

_BLOCKS = {"p", "div", "br", "li", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "ul", "ol", "cite"}
_DROPPED = {"script", "style", "iframe", "object", "embed", "svg", "noscript", "template"}


class _Converter(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.links: list[str] = []  # open <a> hrefs ("" for a link we do not keep)
        self.link_start: list[int] = []
        self.dropping = 0

    def handle_starttag(self, tag, attrs):
        if tag in _DROPPED:
            self.dropping += 1
        elif tag in _BLOCKS:
            self.out.append("\n")
            if tag == "li":
                self.out.append("• ")
        elif tag in ("b", "strong"):
            self.out.append("**")
        elif tag in ("i", "em"):
            self.out.append("*")
        elif tag == "a":
            href = dict(attrs).get("href") or ""
            keep = urlparse(href).scheme in ("http", "https") and " " not in href and ")" not in href
            self.links.append(href if keep else "")
            self.link_start.append(len(self.out))

    def handle_endtag(self, tag):
        if tag in _DROPPED:
            self.dropping = max(0, self.dropping - 1)
        elif tag in _BLOCKS:
            self.out.append("\n")
        elif tag in ("b", "strong"):
            self.out.append("**")
        elif tag in ("i", "em"):
            self.out.append("*")
        elif tag == "a" and self.links:
            href, start = self.links.pop(), self.link_start.pop()
            text = " ".join("".join(self.out[start:]).split())
            del self.out[start:]
            self.out.append(f"[{text}]({href})" if href and text else text)

    def handle_startendtag(self, tag, attrs):
        if tag == "br":
            self.out.append("\n")

    def handle_data(self, data):
        if not self.dropping:
            self.out.append(escape(data))       # a "*" or "[" in HTML is a character, not our markup


def to_text(html: str) -> str:
    """Our text (with inline markup) for a piece of TimelineJS HTML."""
    if "<" not in html and "&" not in html:
        return " ".join(escape(html).split())
    converter = _Converter()
    converter.feed(html)
    converter.close()
    text = "".join(converter.out)
    lines = (" ".join(line.split()) for line in text.split("\n"))
    text = "\n".join(line for line in lines if line)
    return re.sub(r"\*\*\s*\*\*", "", text).strip()


def to_plain(html: str) -> str:
    """The text only, on one line: for titles, captions and credits."""
    from generator.markup import plain
    return " ".join(plain(to_text(html)).split())
