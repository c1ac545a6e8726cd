"""Benchmark: the deck as `timeline check` lays it out, per language, against another checkout.

Not a test. Run `.venv/bin/python bench/bench_deck_check.py [--base /path/to/checkout] [--events 1000]
[--runs 5]`. Writes `tests/synthetic.large(N)` (English and Korean), loads it as `check` does, and times
`predict._layout(..., "deck")` in process CPU (`time.process_time`): "cold" in a process forked after
loading, as check's workers are, and "warm" again in the same process. Each checkout runs in its own
interpreter, interleaved round by round; it prints medians and the ratio to the base.
"""

from layout_bench import compare

CHILD = r"""
out = {}
for lang in timeline.languages:
    cold = [forked(lang, (), "deck") for _ in range(runs)]
    warm = []
    for _ in range(runs):
        start = time.process_time()
        predict._layout(timeline, where, settings, lang, "deck")
        warm.append(time.process_time() - start)
    out[lang] = (cold, warm)
print(json.dumps(out))
"""

if __name__ == "__main__":
    compare(__doc__, CHILD, "deck", ("cold", "warm"))
