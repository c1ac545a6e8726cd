"""`timeline import`: another format in, our commented YAML out (checked before it is written)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from generator.errors import OptionError
from generator.importers import detect, read_bytes, read_draft
from generator.importers.yamlout import to_yaml
from generator.load import load_tree, load_with_warnings
from generator.model import Timeline
from generator.output import atomic_path


def import_file(source: Path, fmt: str | None, column_map: dict[str, str], output: Path | None,
                force: bool = False) -> tuple[str, list[str], Timeline]:
    """Import `source`; return the YAML text, the notes, and the loaded timeline; write it to `output`.

    The YAML is loaded back before anything is written, so a file that would not load is never
    written; problems are reported at the source's lines and cells.
    """
    source = Path(source)
    if output is not None:
        _check_target(source, output, force)
    fmt = fmt or detect(source, read_bytes(source))
    draft = read_draft(source, fmt, column_map)
    tree = draft.tree()
    load_tree(tree, source)  # problems are reported at the source's lines and cells
    text = to_yaml(draft, tree, source.name, fmt)
    timeline = _load_text(text, output or source.with_suffix(".yaml"))
    if output is not None:
        with atomic_path(output) as temp:
            temp.write_text(text, encoding="utf-8")
    notes = [f"{where}: note: {message}" for where, message in draft.notes]
    return text, notes, timeline


def _check_target(source: Path, output: Path, force: bool) -> None:
    if output.resolve() == source.resolve():
        raise OptionError(f"{output}: is the file being imported; choose another output")
    if output.exists() and not output.is_file():
        raise OptionError(f"{output}: exists and is not a regular file")
    if output.exists() and not force:
        raise OptionError(f"{output}: exists; add --force to overwrite it")


def _load_text(text: str, beside: Path) -> Timeline:
    """Load the written YAML (from a temporary file beside where it goes, so icon paths resolve)."""
    folder = beside.parent if beside.parent.exists() else Path(".")
    with tempfile.NamedTemporaryFile("w", suffix=".yaml", dir=folder, delete=True, encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        return load_with_warnings(handle.name)[0]
