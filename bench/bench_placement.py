"""Benchmark: the poster's layout as `check` runs it (predict._layout), and the part of it spent placing cards
beside the axis (placement.place_side), on tests/synthetic.large(1000) in English and Korean.

Not a test. Each run is a fresh process (the layouts' caches start empty, as in `check`), with the garbage
collector's threshold the command sets; it prints the medians of process CPU time per language. With
`--base`, another checkout's `generator` package runs interleaved with this one and the ratio base / this
is printed: on a shared machine, compare the ratios.
Run: .venv/bin/python bench/bench_placement.py [--runs 9] [--base /work/main] [--events 1000]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

RUN = r"""
import gc, json, sys, time
gc.set_threshold(10_000, *gc.get_threshold()[1:])      # as generator/__main__.py sets it
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from generator import build, predict
from generator.importers import read_tree
from generator.layout import placement
from generator.load import load_tree
spent = [0.0]
place_side = placement.place_side


def timed(*args, **kwargs):
    start = time.process_time()
    try:
        return place_side(*args, **kwargs)
    finally:
        spent[0] += time.process_time() - start


placement.place_side = timed
import generator.layout.timeline as laid
laid.place_side = timed
path = Path(sys.argv[2])
root = read_tree(path)
timeline, _ = load_tree(root, path, False)
settings = build.resolve(build.Options(), timeline, refuse_missing=False)
where = predict.Locator(root, timeline)
predict._import_layouts()
out = {}
for lang in ("en", "ko"):
    spent[0] = 0.0
    start = time.process_time()
    predict._layout(timeline, where, settings, lang, "poster")
    out[lang] = (time.process_time() - start, spent[0])
print(json.dumps(out))
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--base", type=Path, default=None, help="another checkout to compare with")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "tests"))
    import synthetic
    trees = [ROOT] + ([args.base.resolve()] if args.base else [])
    with tempfile.TemporaryDirectory() as tmp:
        data = synthetic.write(synthetic.large(args.events), Path(tmp) / "large.yaml")
        found: dict[Path, list[dict]] = {tree: [] for tree in trees}
        for run in range(args.runs):
            for tree in trees if run % 2 == 0 else trees[::-1]:
                done = subprocess.run([sys.executable, "-c", RUN, str(tree), str(data)], capture_output=True,
                                      text=True, check=True)
                found[tree].append(json.loads(done.stdout))
    medians = {}
    for tree in trees:
        for lang in ("en", "ko"):
            layout = statistics.median(r[lang][0] for r in found[tree])
            placing = statistics.median(r[lang][1] for r in found[tree])
            medians[tree, lang] = layout, placing
            print(f"{tree}  poster {lang}: layout {layout:.3f} s CPU, placing sides {placing:.3f} s")
    if args.base:
        for lang in ("en", "ko"):
            (mine, mine_placing), (base, base_placing) = medians[ROOT, lang], medians[trees[1], lang]
            print(f"poster {lang}: base / this  layout {base / mine:.3f}  placing {base_placing / mine_placing:.3f}")


if __name__ == "__main__":
    main()
