"""Write an imported timeline as our YAML: readable, commented, each event with its source line."""

from __future__ import annotations

import yaml

from generator.errors import Where
from generator.importers.tree import Draft
from generator.yamlnodes import Located

import re

ORDER = ("id", "label", "start", "date", "end", "circa", "display_date", "title", "summary", "category", "tags",
         "group", "importance", "icon", "sources", "color", "url")
_PLAIN_DATE = re.compile(r"^-?\d{1,11}(-\d{2}(-\d{2}(T\d{2}:\d{2})?)?)?$")


def scalar(value: object) -> str:
    """One YAML scalar, quoted only when it must be (dates stay plain: 2013-03)."""
    if isinstance(value, bool) or isinstance(value, int):
        return str(value).lower() if isinstance(value, bool) else str(value)
    text = str(value)
    if _PLAIN_DATE.match(text) and "T" not in text:
        return text
    dumped = yaml.safe_dump(text, allow_unicode=True, width=10_000, default_flow_style=True).strip()
    if dumped.endswith("\n..."):
        dumped = dumped[:-4].strip()
    if dumped.endswith("..."):
        dumped = dumped[:-3].strip()
    return dumped


def _text_block(text: str, indent: str) -> str:
    """Multi-line text as a YAML literal block."""
    if "\n" not in text or text != text.strip() or any(line != line.rstrip() for line in text.split("\n")):
        return " " + scalar(text)
    body = "\n".join(f"{indent}  {line}" if line else "" for line in text.split("\n"))
    return " |-\n" + body


def where_text(where: Where) -> str:
    if where.cell:
        return where.cell
    return f"line {where.line}" if where.line else ""


def to_yaml(draft: Draft, tree: Located, source_name: str, fmt: str) -> str:
    """Our YAML for an imported tree, with a header comment and the source position of each item."""
    out = [f"# Imported from {source_name} ({fmt}) by `timeline import`.",
           "# Each item's comment names the line (or cell) it came from. Check it with: timeline check FILE"]
    for where, message in draft.notes:
        out.append(f"# note ({where_text(where) or 'file'}): {message}")
    out.append("")
    top = tree.value
    for key in ("title", "subtitle"):
        if key in top:
            out.append(f"{key}: {scalar(top[key].value)}")
    for key in ("categories", "eras", "events", "sources"):
        if key not in top:
            continue
        out.append("")
        out.append(f"{key}:")
        for item in top[key].value:
            out.extend(_item(item, "  "))
    if "meta" in top:
        out.append("")
        out.append("meta:")
        for k, v in top["meta"].value.items():
            out.append(f"  {k}: {scalar(v.value)}")
    return "\n".join(out) + "\n"


def _item(node: Located, indent: str) -> list[str]:
    fields = node.value
    keys = sorted(fields, key=lambda k: ORDER.index(k) if k in ORDER else len(ORDER))
    lines = [f"{indent}# {where_text(node.where)}"] if where_text(node.where) else []
    first = True
    for key in keys:
        value = fields[key].value
        lead = f"{indent}- " if first else f"{indent}  "
        first = False
        if isinstance(value, list):
            items = ", ".join(scalar(v.value) for v in value)
            lines.append(f"{lead}{key}: [{items}]")
        elif isinstance(value, str) and "\n" in value:
            lines.append(f"{lead}{key}:{_text_block(value, indent + '  ')}")
        else:
            lines.append(f"{lead}{key}: {scalar(value)}")
    return lines
