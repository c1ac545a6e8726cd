"""Benchmark: the handout as `timeline check` lays it out, per language, against another checkout.

Not a test. Run `.venv/bin/python bench/bench_handout_check.py [--base /path/to/checkout] [--events 1000]
[--runs 5] [--rounds 2]`. Writes `tests/synthetic.large(N)` (English and Korean), loads it as `check` does,
and times `predict._layout(..., "handout")` in process CPU (`time.process_time`), each time in a process
forked after loading, as check's workers are: "cold" (the handout first) and "after deck" (the deck of the
same language laid out first in that process, as check's scheduling often has it). Each checkout runs in its
own interpreter, round by round in turn; it prints medians and the ratios to the base.
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
import json, os, sys, time
root, path, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
sys.path.insert(0, root)
os.chdir(root)
from pathlib import Path
from generator import build, predict
from generator.importers import read_tree
from generator.load import load_tree
tree = read_tree(Path(path))
timeline, _ = load_tree(tree, Path(path), False)
settings = build.resolve(build.Options(), timeline, refuse_missing=False)
where = predict.Locator(tree, timeline)
predict.predict(timeline, tree, settings, timeline.languages, layout=False)
predict._import_layouts()


def forked(lang, before):
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        for name in before:
            predict._layout(timeline, where, settings, lang, name)
        start = time.process_time()
        predict._layout(timeline, where, settings, lang, "handout")
        os.write(write, repr(time.process_time() - start).encode())
        os._exit(0)
    os.close(write)
    took = float(os.read(read, 64))
    os.close(read)
    os.waitpid(pid, 0)
    return took


out = {}
for lang in timeline.languages:
    cold, after = [], []
    for _ in range(runs):
        cold.append(forked(lang, ()))
        after.append(forked(lang, ("deck",)))
    out[lang] = (cold, after)
print(json.dumps(out))
"""


def measure(root: Path, data: Path, runs: int) -> dict:
    done = subprocess.run([sys.executable, "-c", CHILD, str(root), str(data), str(runs)], capture_output=True,
                          text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=Path, default=None, help="another checkout to compare with")
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    sys.path.insert(0, str(HERE / "tests"))
    import synthetic
    roots = {"this": HERE} | ({"base": args.base.resolve()} if args.base else {})
    found: dict[str, dict[str, tuple[list, list]]] = {name: {} for name in roots}
    with tempfile.TemporaryDirectory() as folder:
        data = synthetic.write(synthetic.large(args.events), Path(folder) / "events.yaml")
        for _ in range(args.rounds):
            for name, root in roots.items():
                for lang, (cold, after) in measure(root, data, args.runs).items():
                    have = found[name].setdefault(lang, ([], []))
                    have[0].extend(cold)
                    have[1].extend(after)
    for lang in found["this"]:
        row = []
        for name in roots:
            cold, after = found[name][lang]
            row.append(f"{name}: cold {statistics.median(cold):.3f} s, after deck {statistics.median(after):.3f} s")
        if "base" in found:
            ratios = [statistics.median(found["this"][lang][i]) / statistics.median(found["base"][lang][i])
                      for i in (0, 1)]
            row.append(f"this/base: cold {ratios[0]:.2f}, after deck {ratios[1]:.2f}")
        print(f"handout ({lang}), {args.events} events, CPU medians of {args.runs * args.rounds}: " + " | ".join(row))


if __name__ == "__main__":
    main()
