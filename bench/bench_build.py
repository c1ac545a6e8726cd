"""Benchmark: whole commands, as a user runs them, against a matplotlib poster script in the same run.

Not a test. Every case runs as its own process (imports included, as a user waits for
it), `--repeats` times; the table gives the median wall time, the ratio to the anchor
(`bench/anchor_matplotlib.py` drawing one A0 poster of the bundled data, timed in this
same run) and the peak memory (the largest resident set of the process, from wait4).
The generated data sets come from `tests/synthetic.py` (random titles and summaries
spread over 1900-2020, two languages). The last row times `timeline watch`: from a
one-line edit of the bundled data (one event's title) to the preview page reporting the
finished build (every page laid out again, the pages whose scene changed drawn again).

Needs the bench extra: `.venv/bin/pip install -e ".[bench]"` (matplotlib).
Run: .venv/bin/python bench/bench_build.py [--repeats 3] [--only build,poster-20] [--skip deck-5000]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import synthetic  # noqa: E402

PYTHON = sys.executable
TIMELINE = [PYTHON, "-m", "generator"]
DATA = ROOT / "data" / "container-history.yaml"


class Failed(Exception):
    """A case's process exited non-zero (its last line of stderr is the message)."""


def run(argv: list[str], cwd: Path) -> tuple[float, int]:
    """Wall seconds and peak resident memory (bytes) of one process; Failed on a non-zero exit."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    error = proc.stderr.read().decode(errors="replace")
    proc.stderr.close()
    if proc.returncode != 0:
        raise Failed((error.strip().splitlines() or [f"exit {proc.returncode}"])[-1][:150])
    return elapsed, usage.ru_maxrss * 1024


def cases(tmp: Path) -> dict[str, list[str]]:
    """Name -> command line, for every case of the table (data files written into tmp)."""
    def generated(count: int) -> Path:
        path = tmp / f"events-{count}.yaml"
        if not path.exists():
            synthetic.write(synthetic.large(count), path)
        return path

    out = tmp / "out"
    out.mkdir(exist_ok=True)
    table = {
        "anchor: matplotlib A0 poster": [PYTHON, str(ROOT / "bench" / "anchor_matplotlib.py"), str(DATA),
                                         str(out / "anchor.pdf")],
        "build (bundled, all outputs)": TIMELINE + ["build", str(DATA), "--out", str(out / "build")],
        "poster (bundled, en)": TIMELINE + ["poster", str(DATA), "-o", str(out / "poster.pdf")],
        "--help": TIMELINE + ["--help"],
        "check 1,000 events": TIMELINE + ["check", str(generated(1000))],
    }
    for count, size in ((20, "A0"), (150, "A0"), (573, "2A0"), (1000, "2A0")):   # A0 holds ~300 at most
        table[f"poster {count:,} events ({size})"] = TIMELINE + ["poster", str(generated(count)), "--size", size,
                                                                 "-o", str(out / f"poster-{count}.pdf")]
    for count in (100, 500, 1000, 5000):
        table[f"deck {count:,} events"] = TIMELINE + ["deck", str(generated(count)), "-o",
                                                      str(out / f"deck-{count}.pptx")]
    table["handout 1,000 events"] = TIMELINE + ["handout", str(generated(1000)), "-o",
                                                str(out / "handout-1000.pdf")]
    return table


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def status(port: int) -> dict:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/status", timeout=5) as response:
        return json.load(response)


def wait_for(port: int, generation: int, deadline: float) -> dict:
    """Poll the watch server until its build generation passes `generation`."""
    while time.perf_counter() < deadline:
        try:
            state = status(port)
            if state["generation"] > generation and not state["building"]:
                return state
        except OSError:
            pass
        time.sleep(0.005)
    raise SystemExit("timeline watch did not finish a build in time")


def watch_latency(tmp: Path, repeats: int) -> list[tuple[str, float]]:
    """Seconds from a one-line edit of the bundled data to the finished rebuild, per output set."""
    folder = tmp / "watch"
    folder.mkdir()
    data = folder / DATA.name
    shutil.copy(DATA, data)
    port = free_port()
    proc = subprocess.Popen(TIMELINE + ["watch", str(data), "--port", str(port)], cwd=folder,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        state = wait_for(port, 0, time.perf_counter() + 120)
        times = []
        for i in range(repeats):
            text = data.read_text(encoding="utf-8")
            edited = text.replace("title: {en: FreeBSD Jail,", f"title: {{en: FreeBSD Jail {i},", 1)
            start = time.perf_counter()
            data.write_text(edited, encoding="utf-8")
            state = wait_for(port, state["generation"], start + 60)
            times.append(time.perf_counter() - start)
            drawn = state["drawn"]
            data.write_text(text, encoding="utf-8")
            state = wait_for(port, state["generation"], time.perf_counter() + 60)
        return [(f"watch: one-line edit ({drawn} pages redrawn)", statistics.median(times))]
    finally:
        proc.terminate()
        proc.wait(10)


def ratio(seconds: float, results: dict, anchor_name: str) -> str:
    """The case's time over the anchor's, or a dash when the anchor failed (no matplotlib: the bench extra)."""
    anchor = results.get(anchor_name)
    return f"{seconds / anchor[0]:8.2f}" if anchor else f"{'-':>8}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--only", default="", help="comma-separated case name prefixes")
    parser.add_argument("--skip", default="", help="comma-separated case name prefixes")
    parser.add_argument("--no-watch", action="store_true")
    parser.add_argument("--slow", type=float, default=20.0, help="cases slower than this (s) run once")
    args = parser.parse_args()
    only = [p for p in args.only.split(",") if p]
    skip = [p for p in args.skip.split(",") if p]
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}; "
          f"median of {args.repeats} runs per case (1 if slower than {args.slow:g} s), each a new process")
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        table = cases(tmp)
        results: dict[str, tuple[float, int]] = {}
        anchor_name = next(iter(table))
        print(f"| {'case':38} | {'median s':>8} | {'/ anchor':>8} | {'peak MB':>8} |")
        print(f"| {'-' * 38} | {'-' * 8}:| {'-' * 8}:| {'-' * 8}:|")
        for case, argv in table.items():
            if case != anchor_name and (only and not any(case.startswith(p) for p in only)
                                        or any(case.startswith(p) for p in skip)):
                continue
            try:
                runs = [run(argv, tmp)]
                while len(runs) < (args.repeats if runs[0][0] < args.slow else 1):
                    runs.append(run(argv, tmp))
            except Failed as exc:
                print(f"| {case:38} | {'failed':>8} | {'':>8} | {'':>8} | {exc}", flush=True)
                continue
            seconds = statistics.median(t for t, _ in runs)
            peak = max(m for _, m in runs)
            results[case] = (seconds, peak)
            print(f"| {case:38} | {seconds:8.3f} | {ratio(seconds, results, anchor_name)} | "
                  f"{peak / 2**20:8.0f} |" + (" (1 run)" if len(runs) == 1 < args.repeats else ""), flush=True)
        if not args.no_watch and (not only or any("watch".startswith(p) for p in only)):
            for case, seconds in watch_latency(tmp, args.repeats):
                print(f"| {case:38} | {seconds:8.3f} | {ratio(seconds, results, anchor_name)} | {'':>8} |")
        small, large = results.get("deck 500 events"), results.get("deck 5,000 events")
        if small and large:
            print(f"deck growth 500 -> 5,000 events: x{large[0] / small[0]:.1f} time (linear: x10)")


if __name__ == "__main__":
    main()
