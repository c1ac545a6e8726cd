"""`timeline export`: our data (or any format we import) out as TimelineJS JSON, written atomically."""

from __future__ import annotations

from pathlib import Path

from generator.errors import OptionError
from generator.export import dumps, timelinejs
from generator.load import load
from generator.output import atomic_path


def export_file(data: Path, output: Path | None, lang: str | None = None) -> str:
    """Export `data`; write it to `output` when given; return the JSON text."""
    data = Path(data)
    if output is not None and output.exists() and output.resolve() == data.resolve():
        raise OptionError(f"{output}: is the data file being exported; choose another output")
    if output is not None and output.exists() and not output.is_file():
        raise OptionError(f"{output}: exists and is not a regular file")
    timeline = load(data)
    lang = lang or timeline.languages[0]
    if lang not in timeline.languages:
        raise OptionError(f'--lang {lang}: the data has {", ".join(timeline.languages)}')
    text = dumps(timelinejs(timeline, lang))
    if output is not None:
        with atomic_path(output) as temp:
            temp.write_text(text, encoding="utf-8")
    return text
