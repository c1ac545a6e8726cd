"""Benchmark: the handout layout as `check` runs it, in process CPU time, against a base tree in the same go.

Not a test. Run `python bench/bench_handout.py [--base PATH] [--runs 5]`. For each data set (the
1,000-event synthetic set and the bundled data) and each language, it lays out the handout as
`generator/predict.py` does for `check`: `cold` is the first layout in a fresh process (font files,
shaping caches and all), `warm` the median of the runs after it in the same process. With `--base`
(another checkout, e.g. `git archive main | tar -x -C /tmp/base`) it times that tree the same way,
interleaved run by run, and prints the ratios (this tree / base).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent

CHILD = r"""
import json, sys, time
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from generator import build
from generator.importers import read_tree
from generator.load import load_tree
from generator.predict import Locator, _layout
path, lang, runs = Path(sys.argv[2]), sys.argv[3], int(sys.argv[4])
root = read_tree(path)
timeline, _warnings = load_tree(root, path, False)
settings = build.resolve(build.Options(), timeline, refuse_missing=False)
where = Locator(root, timeline)
times = []
for _ in range(runs + 1):
    start = time.process_time()
    found = _layout(timeline, where, settings, lang, "handout")
    times.append(time.process_time() - start)
print(json.dumps({"times": times, "found": [str(p) for p in found]}))
"""


def synthetic(count: int, folder: Path) -> Path:
    sys.path.insert(0, str(HERE / "tests"))
    import synthetic as gen  # noqa: E402  (the tests' generator of large sets)
    path = folder / f"e{count}.yaml"
    gen.write(gen.large(count), path)
    return path


def child(tree: Path, data: Path, lang: str, runs: int) -> dict:
    out = subprocess.run([sys.executable, "-c", CHILD, str(tree), str(data), lang, str(runs)],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=Path, default=None, help="a base checkout to compare with")
    parser.add_argument("--runs", type=int, default=5, help="processes per case (each: 1 cold + runs warm)")
    parser.add_argument("--events", type=int, default=1000)
    args = parser.parse_args()
    trees = [("this", HERE)] + ([("base", args.base.resolve())] if args.base else [])
    with tempfile.TemporaryDirectory() as folder:
        sets = [(f"{args.events} events", synthetic(args.events, Path(folder))),
                ("bundled", HERE / "data" / "container-history.yaml")]
        for label, data in sets:
            for lang in ("en", "ko"):
                cold: dict[str, list[float]] = {name: [] for name, _ in trees}
                warm: dict[str, list[float]] = {name: [] for name, _ in trees}
                found: dict[str, list[str]] = {}
                for _ in range(args.runs):
                    for name, tree in trees:            # interleaved: the machine's load hits both alike
                        result = child(tree, data, lang, args.runs)
                        cold[name].append(result["times"][0])
                        warm[name] += result["times"][1:]
                        found[name] = result["found"]
                line = f"{label:12} {lang}: "
                for name, _ in trees:
                    line += f"{name} cold {statistics.median(cold[name]):.3f} s warm {statistics.median(warm[name]):.3f} s  "
                if args.base:
                    line += (f"ratio cold {statistics.median(cold['this']) / statistics.median(cold['base']):.2f} "
                             f"warm {statistics.median(warm['this']) / statistics.median(warm['base']):.2f}")
                    if found["this"] != found["base"]:
                        line += "  FINDINGS DIFFER"
                print(line, flush=True)


if __name__ == "__main__":
    main()
