"""Benchmark: the handout as `timeline check` lays it out, per language, against another checkout.

Not a test. Run `.venv/bin/python bench/bench_handout_check.py [--base /path/to/checkout] [--events 1000]
[--runs 5] [--rounds 2]`. Writes `tests/synthetic.large(N)` (English and Korean), loads it as `check` does,
and times `predict._layout(..., "handout")` in process CPU (`time.process_time`), each time in a process
forked after loading, as check's workers are: "cold" (the handout first) and "after deck" (the deck of the
same language laid out first in that process, as check's scheduling often has it). Each checkout runs in its
own interpreter, round by round in turn; it prints medians and the ratios to the base.
"""

from layout_bench import compare

CHILD = r"""
out = {}
for lang in timeline.languages:
    cold, after = [], []
    for _ in range(runs):
        cold.append(forked(lang, (), "handout"))
        after.append(forked(lang, ("deck",), "handout"))
    out[lang] = (cold, after)
print(json.dumps(out))
"""

if __name__ == "__main__":
    compare(__doc__, CHILD, "handout", ("cold", "after deck"))
