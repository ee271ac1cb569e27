"""Benchmark: parse + check plain-text annual reports (the five seeds replicated).

Target (issue 3): ≥ 300 plain-text reports per second on one core, file → Document → Report →
findings, the way `gongkai report audit` runs. The files are the seeds copied N times into a
temporary directory (so every read is a real file read), read in a shuffled order.
Run: .venv/bin/python bench/bench_annual_parse.py [N]
"""

from __future__ import annotations

import os
import random
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from gongkai.annual.checks import check
from gongkai.annual.parse import read

SEEDS = Path(__file__).resolve().parents[1] / ".." / "shared" / "seeds"
TARGET = 300


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    seeds = sorted(SEEDS.glob("*.txt"))
    if not seeds:
        sys.exit(f"no seeds in {SEEDS.resolve()}")
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for i in range(n):
            source = seeds[i % len(seeds)]
            target = Path(tmp) / f"{i:05d}_{source.name}"
            shutil.copyfile(source, target)
            files.append(target)
        random.Random(7).shuffle(files)
        read(files[0])  # imports and caches outside the timing

        start, cpu_start = time.perf_counter(), time.process_time()
        findings: Counter[str] = Counter()
        for path in files:
            for finding in check(read(path)):
                findings[finding.code] += 1
        elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu_start

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"nproc: {os.cpu_count()} (pinned to 1 core; load average {load:.1f})")
    print(f"plain-text reports: {n}, parse + check")
    print(f"  wall clock: {elapsed:.2f} s = {n / elapsed:.0f} reports/s")
    # the core's own time: what one core does, whatever else the machine is running
    print(f"  CPU time:   {cpu:.2f} s = {n / cpu:.0f} reports/s per core (target ≥ {TARGET})")
    print(f"  per report: {1000 * cpu / n:.2f} ms CPU; findings: {dict(sorted(findings.items()))}")
    print("  OK" if n / cpu >= TARGET else "  BELOW TARGET")


if __name__ == "__main__":
    main()
