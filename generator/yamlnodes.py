"""Read YAML into values that remember where they came from.

Uses PyYAML's safe composer (libyaml's, when present) (no Python tags), refuses files that are too large
or whose aliases would expand past a limit, and returns `Located` values.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from generator.errors import DataError, Problem, Where

# libyaml's composer (C) when PyYAML has it, the pure-Python one otherwise: the same nodes and marks.
COMPOSER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_BYTES = 10 * 1024 * 1024
MAX_NODES = 500_000
MAX_DEPTH = 64


# --- YAML 1.2 scalars: the one place that decides what a plain scalar means ----------

_YAML12_RULES = (
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("tag:yaml.org,2002:int", r"^[-+]?[0-9]+$", "-+0123456789"),
    ("tag:yaml.org,2002:float", r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$", "-+.0123456789"),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
)


def yaml12(loader_class: type) -> type:
    """Give a PyYAML loader class YAML 1.2 scalar rules (JSON-like core schema, decimal numbers only).

    Unlike YAML 1.1: `yes`/`no`/`on`/`off` stay text, `33:33` (sexagesimal), `0x7DD`,
    `0o17` and `1_000` are text, not numbers. Dates (`2013-03-05`) still resolve to dates.
    Works for SafeLoader and CSafeLoader alike (resolvers are Python-side in both).
    """
    import re
    resolvers = {key: [(tag, regexp) for tag, regexp in rules if tag == "tag:yaml.org,2002:timestamp"]
                 for key, rules in yaml.SafeLoader.yaml_implicit_resolvers.items()}
    loader_class.yaml_implicit_resolvers = {key: value for key, value in resolvers.items() if value}
    for tag, pattern, first in _YAML12_RULES:
        loader_class.add_implicit_resolver(tag, re.compile(pattern), list(first))
    return loader_class


@yaml12
class Loader(COMPOSER):
    """PyYAML's safe loader (libyaml's when present) with YAML 1.2 scalars.

    `resolve` is BaseResolver's for a scalar without path resolvers (there are none), with the rules of
    each first character gathered once rather than per scalar.
    """

    def resolve(self, kind, value, implicit):
        if kind is not yaml.ScalarNode or self.yaml_path_resolvers:
            return super().resolve(kind, value, implicit)
        if implicit[0]:        # as BaseResolver.resolve: the first rule for the first character that matches
            for tag, regexp in _RULES_BY_FIRST.get(value[:1], _NO_RULES):
                if regexp.match(value):
                    return tag
        return self.DEFAULT_SCALAR_TAG


_NO_RULES: list = Loader.yaml_implicit_resolvers.get(None, [])
_RULES_BY_FIRST = {first: rules + Loader.yaml_implicit_resolvers.get(None, [])
                   for first, rules in Loader.yaml_implicit_resolvers.items() if first is not None}


@dataclass
class Located:
    """A YAML value (dict of Located, list of Located, or scalar) and its position."""

    value: object
    where: Where
    keys: dict[str, Where] = field(default_factory=dict)


def fail(where: Where, message: str, path: str = "") -> DataError:
    """A DataError holding one problem."""
    return DataError([Problem(where, path, message)])


def read_text(path: Path) -> str:
    """Read a data file as UTF-8, refusing missing, empty, binary and oversize files.

    At most MAX_BYTES are ever read, whatever the file is (a device such as
    /dev/zero, a FIFO, a huge sparse file).
    """
    where = Where(str(path))
    if not path.exists():
        raise fail(where, "no such file")
    if path.is_dir():
        raise fail(where, "is a directory, not a data file")
    raw = read_limited(path, MAX_BYTES, where)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise fail(Where(str(path), line, column), f"is not UTF-8 text (byte 0x{raw[exc.start]:02x}); save it as UTF-8") from None
    if not text.strip():
        raise fail(where, "file is empty")
    return text


def plain(text: str):
    """Plain Python values from trusted YAML we ship or that names no positions (themes, the icon index)."""
    return yaml.load(text, Loader=COMPOSER)


def read_limited(path: Path, limit: int, where: Where) -> bytes:
    """The file's bytes, refusing it once it is longer than limit (never reads more than limit + 1)."""
    too_big = f"file is larger than the {limit / (1024 * 1024):g} MB limit"
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if os.path.isfile(path) and size > limit:
                raise fail(where, f"file is {size / 1e6:.1f} MB; the limit is {limit / (1024 * 1024):g} MB")
            raw = handle.read(limit + 1)
    except OSError as exc:
        raise fail(where, f"cannot read the file ({exc.strerror or exc})") from None
    if len(raw) > limit:
        raise fail(where, too_big)
    return raw


def parse(text: str, name: str) -> Located:
    """Parse YAML text into a Located tree."""
    loader = None
    try:
        loader = Loader(text)
        root = loader.get_single_node()
    except yaml.reader.ReaderError as exc:
        raise fail(_position(text, exc.position, name),
                   f"the character U+{ord(exc.character) if isinstance(exc.character, str) else exc.character:04X} "
                   "is not allowed in YAML (a control character); remove it") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = " ".join(str(part) for part in (exc.context, exc.problem) if part)
        raise fail(Where(name, mark.line + 1, mark.column + 1), f"YAML syntax error: {message}") from None
    except yaml.YAMLError as exc:
        raise fail(Where(name), f"YAML error: {str(exc).splitlines()[0]}") from None
    except RecursionError:
        raise fail(Where(name), f"values are nested too deeply (the limit is {MAX_DEPTH} levels)") from None
    finally:
        if loader is not None:
            loader.dispose()
    if root is None:
        raise fail(Where(name), "file is empty")
    try:
        return _Converter(name).convert(root, 0)
    except (_Unsure, DataError):
        pass
    _check_size(root, name)     # refuses what is too large, too deep or refers to itself ...
    return _convert(root, name, Loader(""))     # ... else the same tree, or the same first error


class _Unsure(Exception):
    """The one-pass conversion met what only the two-pass one decides (too many values, too deep, a merge key)."""


class _Converter:
    """`_check_size` and `_convert` in one pass, for a document that passes the size check.

    It counts every value it converts (keys too) and their depth, as `_check_size` does, and gives up
    (`_Unsure`) past either limit, at a list or map met twice (an alias: only `_check_size` measures
    those without expanding them), at a key that is not a scalar or at a merge key; on that or on any
    error the caller runs the two passes, so the tree and the first error are always theirs.
    """

    STR = "tag:yaml.org,2002:str"
    MERGE = "tag:yaml.org,2002:merge"

    def __init__(self, name: str):
        self.name = name
        self.count = 0
        self.constructor = Loader("")
        self.allowed = Loader.yaml_constructors
        self.seen: set[int] = set()

    def convert(self, node: yaml.Node, depth: int) -> Located:
        self.count += 1
        if self.count > MAX_NODES or depth > MAX_DEPTH:
            raise _Unsure
        mark = node.start_mark
        where = Where(self.name, mark.line + 1, mark.column + 1)
        tag = node.tag
        if tag == self.STR and type(node) is yaml.ScalarNode:
            return Located(node.value, where)
        if tag not in self.allowed:
            raise _Unsure
        if isinstance(node, yaml.CollectionNode):
            if id(node) in self.seen:
                raise _Unsure
            self.seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            pairs = node.value
            result: dict[str, Located] = {}
            keys: dict[str, Where] = {}
            for key_node, _value in pairs:
                if type(key_node) is not yaml.ScalarNode or key_node.tag == self.MERGE:
                    raise _Unsure
            self.constructor.flatten_mapping(node)
            for key_node, value_node in node.value:
                self.count += 1
                if self.count > MAX_NODES or depth + 1 > MAX_DEPTH:
                    raise _Unsure
                key = str(key_node.value)
                if key in result:
                    raise _Unsure
                key_mark = key_node.start_mark
                result[key] = self.convert(value_node, depth + 1)
                keys[key] = Where(self.name, key_mark.line + 1, key_mark.column + 1)
            return Located(result, where, keys)
        if isinstance(node, yaml.SequenceNode):
            return Located([self.convert(child, depth + 1) for child in node.value], where)
        try:
            value = self.constructor.construct_object(node, deep=True)
        except (ValueError, TypeError, AttributeError, yaml.YAMLError):    # !!timestamp nonsense: AttributeError
            value = node.value
        return Located(value, where)


def _position(text: str, index: int, name: str) -> Where:
    """Line and column (1-based) of a character index in text."""
    line = text.count("\n", 0, index) + 1
    return Where(name, line, index - (text.rfind("\n", 0, index) + 1) + 1)


def _check_size(root: yaml.Node, name: str) -> None:
    """Refuse documents whose aliases expand past MAX_NODES, without expanding them."""
    sizes: dict[int, int] = {}
    busy: set[int] = set()

    def size(node: yaml.Node, depth: int = 0) -> int:
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in busy:
            raise fail(_where(node, name), "a YAML alias refers to itself")
        if depth > MAX_DEPTH:
            raise fail(_where(node, name), f"values are nested too deeply (the limit is {MAX_DEPTH} levels)")
        busy.add(key)
        total = 1
        if isinstance(node, yaml.SequenceNode):
            total += sum(size(child, depth + 1) for child in node.value)
        elif isinstance(node, yaml.MappingNode):
            total += sum(size(k, depth + 1) + size(v, depth + 1) for k, v in node.value)
        busy.discard(key)
        sizes[key] = min(total, MAX_NODES + 1)
        return sizes[key]

    if size(root) > MAX_NODES:
        raise fail(_where(root, name), f"YAML aliases expand to more than {MAX_NODES:,} values; refusing the file")


def _where(node: yaml.Node, name: str) -> Where:
    return Where(name, node.start_mark.line + 1, node.start_mark.column + 1)


def _convert(node: yaml.Node, name: str, constructor: yaml.SafeLoader) -> Located:
    where = _where(node, name)
    if node.tag not in Loader.yaml_constructors:
        raise fail(where, f'the YAML tag "{node.tag.replace("tag:yaml.org,2002:", "!!")}" is not allowed '
                          "(only plain YAML values)")
    if isinstance(node, yaml.MappingNode):
        return _mapping(node, name, constructor, where)
    if isinstance(node, yaml.SequenceNode):
        return Located([_convert(child, name, constructor) for child in node.value], where)
    try:
        value = constructor.construct_object(node, deep=True)
    except (ValueError, TypeError, AttributeError, yaml.YAMLError):    # !!timestamp nonsense: AttributeError
        value = node.value
    return Located(value, where)


def _mapping(node: yaml.MappingNode, name: str, constructor: yaml.SafeLoader, where: Where) -> Located:
    constructor.flatten_mapping(node)
    result: dict[str, Located] = {}
    keys: dict[str, Where] = {}
    for key_node, value_node in node.value:
        key = str(key_node.value)
        key_where = _where(key_node, name)
        if key in result:
            raise fail(key_where, f'duplicate key "{key}" (first at line {keys[key].line})')
        result[key] = _convert(value_node, name, constructor)
        keys[key] = key_where
    return Located(result, where, keys)
