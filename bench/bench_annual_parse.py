"""Benchmark: audit plain-text annual reports, in-process and through `gongkai report audit`.

Target (issues 3 and 14): ≥ 300 plain-text reports per second per core. Two measures, one core:

* ``parse``: file → Document → Report → findings (`parse.read` and `checks.check`) called in
  this process on the five seeds copied N times, read in a shuffled order — the reader's and the
  checks' own cost, without isolation, start-up or output.
* ``cli``: the real command end to end, ``gongkai report audit --json DIR`` run as a child process
  on N files, in a shuffled order: the seeds repeated, then the seeds and the real-world texts of
  ../shared/realworld/ (shorter excerpts, several not fully readable) repeated: start-up, the bounded worker process that reads the files (`limits.WorkerPool`), the
  checks and the JSON. Its CPU time is the command's and its worker's together (both waited for).
  A run on one file gives the fixed cost (start-up, imports), so the per-report cost is also
  given without it.

Every read is a real file read (the files are copies in a temporary directory). The process and
its children are pinned to one core. CPU time is the figure to compare on a shared, loaded
machine: wall-clock time there also counts other work.
Run: .venv/bin/python bench/bench_annual_parse.py [N] [--mode parse|cli|both]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from gongkai.annual.checks import check
from gongkai.annual.parse import read

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"
SEEDS = SHARED / "seeds"
REALWORLD = SHARED / "realworld"
TARGET = 300
#: the command as installed, run by this interpreter
COMMAND = [sys.executable, "-c", "from gongkai.cli import main; main()", "report", "audit"]


def copies(sources: list[Path], n: int, folder: Path) -> list[Path]:
    """`n` files in `folder`, copies of the sources in turn, in a shuffled order (also by name)."""
    order = list(range(n))
    random.Random(7).shuffle(order)
    files = []
    for i, rank in enumerate(order):
        source = sources[i % len(sources)]
        target = folder / f"{rank:06d}_{source.name}"
        shutil.copyfile(source, target)
        files.append(target)
    return sorted(files)


def bench_parse(n: int) -> float:
    """Parse + check in this process; reports per CPU second."""
    seeds = sorted(SEEDS.glob("*.txt"))
    if not seeds:
        sys.exit(f"no seeds in {SEEDS.resolve()}")
    with tempfile.TemporaryDirectory() as tmp:
        files = copies(seeds, n, Path(tmp))
        read(files[0])  # imports and caches outside the timing

        start, cpu_start = time.perf_counter(), time.process_time()
        findings: Counter[str] = Counter()
        for path in files:
            for finding in check(read(path)):
                findings[finding.code] += 1
        elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu_start

    print(f"parse: {n} plain-text reports (the seeds), parse + check in this process")
    print(f"  wall clock: {elapsed:.2f} s = {n / elapsed:.0f} reports/s")
    # the core's own time: what one core does, whatever else the machine is running
    print(f"  CPU time:   {cpu:.2f} s = {n / cpu:.0f} reports/s per core (target ≥ {TARGET})")
    print(f"  per report: {1000 * cpu / n:.2f} ms CPU; findings: {dict(sorted(findings.items()))}")
    return n / cpu


def _run_cli(folder: Path, expected: int) -> tuple[float, float]:
    """Wall-clock and CPU seconds (the command and its workers) of one audit of `folder`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([*COMMAND, "--json", str(folder)], capture_output=True, check=False)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 2) or b"Traceback" in done.stderr:
        sys.exit(f"gongkai report audit failed ({done.returncode}): {done.stderr.decode()[-2000:]}")
    audited = json.loads(done.stdout)
    if len(audited) != expected:
        sys.exit(f"gongkai report audit gave {len(audited)} results for {expected} files")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu


def bench_cli(n: int, sources: list[Path], what: str) -> float:
    """`gongkai report audit --json DIR` on n copies of `sources`; reports per CPU second, end to end."""
    if not sources:
        sys.exit(f"no reports in {SEEDS.resolve()}")
    with tempfile.TemporaryDirectory() as tmp:
        one, many = Path(tmp) / "one", Path(tmp) / "many"
        one.mkdir()
        many.mkdir()
        copies(sources[:1], 1, one)
        copies(sources, n, many)
        _run_cli(one, 1)  # warm the file cache and the byte-code
        fixed_wall, fixed_cpu = _run_cli(one, 1)
        elapsed, cpu = _run_cli(many, n)

    per_report = (cpu - fixed_cpu) / n
    print(f"cli: gongkai report audit --json on {n} plain-text files ({what}, repeated)")
    print(f"  wall clock: {elapsed:.2f} s = {n / elapsed:.0f} reports/s")
    print(f"  CPU time:   {cpu:.2f} s = {n / cpu:.0f} reports/s per core end to end (target ≥ {TARGET})")
    print(f"  per report: {1000 * cpu / n:.2f} ms CPU end to end; {1000 * per_report:.2f} ms without the")
    print(
        f"              fixed cost of one run ({fixed_cpu:.2f} s CPU, {fixed_wall:.2f} s wall for one file)"
    )
    return n / cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=2000, help="reports per measure")
    parser.add_argument("--mode", choices=("parse", "cli", "both"), default="both")
    options = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core, children included
    load = os.getloadavg() if hasattr(os, "getloadavg") else (float("nan"),) * 3
    print(f"nproc: {os.cpu_count()} (pinned to 1 core; load average {' '.join(f'{x:.2f}' for x in load)})")
    rates = []
    if options.mode in ("parse", "both"):
        rates.append(bench_parse(options.n))
    if options.mode in ("cli", "both"):
        seeds, realworld = sorted(SEEDS.glob("*.txt")), sorted(REALWORLD.glob("[0-9]*.txt"))
        rates.append(bench_cli(options.n, seeds, f"the {len(seeds)} seeds"))
        if realworld:
            what = f"the seeds and the {len(realworld)} real-world texts"
            rates.append(bench_cli(options.n, seeds + realworld, what))
    print("  OK" if min(rates) >= TARGET else "  BELOW TARGET")


if __name__ == "__main__":
    main()
