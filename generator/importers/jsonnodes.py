"""Read JSON into `Located` values (line and column of every value), like the YAML reader."""

from __future__ import annotations

import json
import re

from generator.errors import Where
from generator.yamlnodes import Located, fail

_SPACE = re.compile(r"[ \t\r\n]*")
_NUMBER = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?")
_STRING = re.compile(r'"(?:[^"\\\x00-\x1f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"')
MAX_DEPTH = 200


def parse(text: str, name: str) -> Located:
    """Parse JSON text; a syntax error is reported at its line and column."""
    reader = _Reader(text, name)
    reader.skip()
    value = reader.value(0)
    reader.skip()
    if reader.at < len(text):
        raise reader.error("extra text after the JSON value")
    return value


class _Reader:
    def __init__(self, text: str, name: str):
        self.text, self.name, self.at = text, name, 0
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def where(self, at: int) -> Where:
        import bisect
        line = bisect.bisect_right(self.line_starts, at)
        return Where(self.name, line, at - self.line_starts[line - 1] + 1)

    def error(self, message: str):
        return fail(self.where(self.at), f"JSON syntax error: {message}")

    def skip(self) -> None:
        self.at = _SPACE.match(self.text, self.at).end()

    def value(self, depth: int) -> Located:
        if depth > MAX_DEPTH:
            raise self.error(f"nested more than {MAX_DEPTH} levels deep")
        where = self.where(self.at)
        char = self.text[self.at:self.at + 1]
        if char == "{":
            return self.mapping(where, depth)
        if char == "[":
            return self.sequence(where, depth)
        if char == '"':
            return Located(self.string(), where)
        m = _NUMBER.match(self.text, self.at)
        if m:
            self.at = m.end()
            number = m.group(0)
            return Located(float(number) if any(c in number for c in ".eE") else int(number), where)
        for word, value in (("true", True), ("false", False), ("null", None)):
            if self.text.startswith(word, self.at):
                self.at += len(word)
                return Located(value, where)
        raise self.error("expected a value" if char else "the file ends where a value was expected")

    def string(self) -> str:
        m = _STRING.match(self.text, self.at)
        if not m:
            raise self.error("an unterminated or broken string")
        self.at = m.end()
        return json.loads(m.group(0))

    def mapping(self, where: Where, depth: int) -> Located:
        self.at += 1
        items: dict[str, Located] = {}
        keys: dict[str, Where] = {}
        self.skip()
        if self.text.startswith("}", self.at):
            self.at += 1
            return Located(items, where, keys)
        while True:
            self.skip()
            key_where = self.where(self.at)
            if not self.text.startswith('"', self.at):
                raise self.error('expected a "key" in double quotes')
            key = self.string()
            if key in items:
                raise fail(key_where, f'duplicate key "{key}" (first at line {keys[key].line})')
            self.skip()
            if not self.text.startswith(":", self.at):
                raise self.error('expected ":" after the key')
            self.at += 1
            self.skip()
            items[key], keys[key] = self.value(depth + 1), key_where
            self.skip()
            if self.text.startswith(",", self.at):
                self.at += 1
                continue
            if self.text.startswith("}", self.at):
                self.at += 1
                return Located(items, where, keys)
            raise self.error('expected "," or "}"')

    def sequence(self, where: Where, depth: int) -> Located:
        self.at += 1
        items: list[Located] = []
        self.skip()
        if self.text.startswith("]", self.at):
            self.at += 1
            return Located(items, where)
        while True:
            self.skip()
            items.append(self.value(depth + 1))
            self.skip()
            if self.text.startswith(",", self.at):
                self.at += 1
                continue
            if self.text.startswith("]", self.at):
                self.at += 1
                return Located(items, where)
            raise self.error('expected "," or "]"')
