"""Shared by bench_deck_check.py and bench_handout_check.py: one layout as `timeline check` lays it out, timed in
process CPU per language, in this checkout and another, round by round in turn (not a benchmark itself).

A bench gives the code its child interpreter runs after `PRELUDE` (which loads `tests/synthetic.large(N)` as
`check` does, and defines `forked(lang, before, layout)`): it prints, as JSON, {language: [times of the first kind, times of the second kind]}.
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

PRELUDE = r"""
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


def forked(lang, before, layout):
    # CPU seconds of one layout in a process forked after loading (as check's are), after `before` there
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        for name in before:
            predict._layout(timeline, where, settings, lang, name)
        start = time.process_time()
        predict._layout(timeline, where, settings, lang, layout)
        os.write(write, repr(time.process_time() - start).encode())
        os._exit(0)
    os.close(write)
    took = float(os.read(read, 64))
    os.close(read)
    os.waitpid(pid, 0)
    return took
"""


def measure(root: Path, data: Path, runs: int, child: str) -> dict:
    done = subprocess.run([sys.executable, "-c", PRELUDE + child, str(root), str(data), str(runs)],
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def compare(description: str, child: str, layout: str, kinds: tuple[str, str]) -> None:
    """Parse the command line, run `child` in each checkout round by round, print medians and ratios."""
    parser = argparse.ArgumentParser(description=description.splitlines()[0])
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
                for lang, times in measure(root, data, args.runs, child).items():
                    have = found[name].setdefault(lang, ([], []))
                    for kept, new in zip(have, times):
                        kept.extend(new)
    for lang in found["this"]:
        row = []
        for name in roots:
            medians = [statistics.median(times) for times in found[name][lang]]
            row.append(f"{name}: " + ", ".join(f"{kind} {m:.3f} s" for kind, m in zip(kinds, medians)))
        if "base" in found:
            ratios = [statistics.median(found["this"][lang][i]) / statistics.median(found["base"][lang][i])
                      for i in (0, 1)]
            row.append("this/base: " + ", ".join(f"{kind} {r:.2f}" for kind, r in zip(kinds, ratios)))
        print(f"{layout} ({lang}), {args.events} events, CPU medians of {args.runs * args.rounds}: " + " | ".join(row))
