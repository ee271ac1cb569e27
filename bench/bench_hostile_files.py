"""Hostile files against `gongkai screen` and `gongkai report audit` (issue 9, section 3).

Run: .venv/bin/python bench/bench_hostile_files.py
Targets: each hostile file is refused or finished in under 5 s and under 300 MB of memory; a normal
50-page .docx screens in under 2 s. The files are generated in a temporary folder (tests/screening/
hostile.py makes the hostile ones, bench_screening.py the normal document). Each command runs in a
fresh measuring process, so its peak memory is the largest resident set of that command and the
reader child it starts (getrusage of the waited-for children), nothing left over from another run.
Wall time includes starting the command and its reader child; CPU time (user + system of both) is
printed beside it, since other jobs on a shared machine stretch the wall time.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

HOSTILE_SECONDS, HOSTILE_MB, NORMAL_SECONDS = 5.0, 300, 2.0
GONGKAI = str(Path(sys.executable).with_name("gongkai"))


def measure(command: list[str]) -> dict:
    """Run `command` from a fresh process; its wall time, exit status, stderr's last line, peak RSS."""
    probe = (
        "import json, resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        "done = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
        "lines = done.stderr.strip().splitlines()\n"
        "use = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
        "print(json.dumps({'seconds': time.perf_counter() - t, 'status': done.returncode,\n"
        "    'said': lines[-1] if lines else '', 'cpu': use.ru_utime + use.ru_stime,\n"
        "    'peak_mb': use.ru_maxrss / 1024}))\n"
    )
    out = subprocess.run([sys.executable, "-c", probe, *command], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def files(folder: Path) -> list[tuple[str, Path, bool]]:
    """(label, path, hostile)."""
    import bench_screening
    from tests.screening import hostile

    deep = folder / "deep-300.html"
    deep.write_text(f"<html><body>{hostile.deep_html(300)}</body></html>")
    deeper = folder / "deep-100000.html"
    deeper.write_text(f"<html><body>{hostile.deep_html(100_000)}</body></html>")
    return [
        ("docx zip bomb (document.xml → 300 MB)", hostile.docx_bomb(folder / "bomb.docx"), True),
        ("docx lying about its size (64 MB)", hostile.docx_lying_about_its_size(folder / "liar.docx"), True),
        ("xlsx zip bomb (sheet1.xml → 300 MB)", hostile.xlsx_bomb(folder / "bomb.xlsx"), True),
        ("PDF deflate bomb (→ 48 MB stream)", hostile.pdf_deflate_bomb(folder / "bomb.pdf"), True),
        ("text file of 50 MB", hostile.big_text(folder / "big.txt"), True),
        ("HTML nested 300 deep", deep, True),
        ("HTML nested 100,000 deep", deeper, True),
        ("normal 50-page .docx", bench_screening.build(folder / "normal.docx"), False),
    ]


def main() -> int:
    print(f"nproc = {os.cpu_count()}, Python {sys.version.split()[0]}")
    print(
        f"{'file':40} {'size':>9} {'command':13} {'wall s':>6} {'cpu s':>6} {'peak MB':>8} {'exit':>4}  said"
    )
    failed = []
    with tempfile.TemporaryDirectory() as tmp:
        for label, path, is_hostile in files(Path(tmp)):
            size = path.stat().st_size
            for name, command in (("screen", [GONGKAI, "screen", str(path)]),
                                  ("report audit", [GONGKAI, "report", "audit", str(path)])):  # fmt: skip
                if not is_hostile and name == "report audit":
                    continue  # the normal document is no annual report
                r = measure(command)
                print(
                    f"{label:40} {size / 1024:8.0f}K {name:13} {r['seconds']:6.2f} {r['cpu']:6.2f} {r['peak_mb']:8.0f}"
                    f" {r['status']:>4}  {r['said'].split(': ', 2)[-1][:70]}"
                )
                limit = HOSTILE_SECONDS if is_hostile else NORMAL_SECONDS
                if r["seconds"] > limit or r["peak_mb"] > HOSTILE_MB:
                    failed.append(f"{label} / {name}")
    print(f"peak memory of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    if failed:
        print("OVER TARGET: " + "; ".join(failed))
        return 1
    print(
        f"all within targets (hostile < {HOSTILE_SECONDS:g} s and < {HOSTILE_MB} MB, normal < {NORMAL_SECONDS:g} s)"
    )
    return 0


if __name__ == "__main__":
    started = time.perf_counter()
    status = main()
    print(f"bench took {time.perf_counter() - started:.0f} s")
    raise SystemExit(status)
