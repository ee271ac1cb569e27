"""Benchmark: render annual reports as Word .docx, and read .docx reports back.

Targets (issue 3): render ≥ 50 .docx reports/s; parse ≥ 20 .docx/s (file → Document → Report),
on one core. The reports are filled-in 2021 and 2019 models with varied numbers and narrative.
Run: .venv/bin/python bench/bench_annual_docx.py [N]
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from gongkai.annual.formats import APPEAL_OUTCOMES, APPLICANT_TYPES, OUTCOME_ROWS
from gongkai.annual.model import Report, template
from gongkai.annual.parse import read, read_document
from gongkai.annual.render import docx

NARRATIVE = "按照《条例》规定，我局认真开展依申请公开政府信息工作，方便群众查询和申请。"


def model(rng: random.Random, n: int) -> Report:
    """A valid report with random figures: the identities of the format hold."""
    era = rng.choice(["2021", "2019"])
    report = template(era)
    report.agency = f"某县第{n}局"
    report.year = rng.randint(2021, 2024) if era == "2021" else rng.choice([2019, 2020])
    report.published = date(report.year + 1, 1, rng.randint(5, 31))
    report.sections = {s.key: "\n".join([NARRATIVE] * rng.randint(2, 8)) for s in report.format.sections}
    for values in report.proactive.values():
        for column in values:
            values[column] = rng.randint(0, 300) if column != "change" else rng.randint(-20, 20)
    rows = {key: [rng.randint(0, 9) for _ in APPLICANT_TYPES] for key in OUTCOME_ROWS[era]}
    rows["results_total"] = [sum(v[i] for k, v in rows.items() if k in OUTCOME_ROWS[era]) for i in range(6)]
    rows["carried_forward"] = [rng.randint(0, 3) for _ in APPLICANT_TYPES]
    rows["carried_in"] = [rng.randint(0, t) for t in rows["results_total"]]
    balance = zip(rows["results_total"], rows["carried_forward"], rows["carried_in"], strict=True)
    rows["new"] = [total + forward - carried for total, forward, carried in balance]
    for key, values in rows.items():
        report.applications[key] = {**dict(zip(APPLICANT_TYPES, values, strict=True)), "total": sum(values)}
    for group in report.appeals:
        values = {c: rng.randint(0, 3) for c in APPEAL_OUTCOMES}
        report.appeals[group] = {**values, "total": sum(values.values())}
    return report


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    rng = random.Random(3)
    reports = [model(rng, i) for i in range(n)]
    docx.render(reports[0])  # the shared package is built once, outside the timing

    start = time.perf_counter()
    files = [docx.render(r) for r in reports]
    render_s = time.perf_counter() - start

    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for i, data in enumerate(files):
            path = Path(tmp) / f"report{i}.docx"
            path.write_bytes(data)
            paths.append(path)
        start = time.perf_counter()
        for path in paths:
            read_document(path)
        document_s = time.perf_counter() - start
        start = time.perf_counter()
        wrong = sum(read(path).applications != r.applications for path, r in zip(paths, reports, strict=True))
        parse_s = time.perf_counter() - start

    print(f"nproc {os.cpu_count()} (pinned to one core), {n} reports, {sum(map(len, files)) // n} bytes each")
    print(f"render .docx:              {n / render_s:8.1f} reports/s  (target ≥ 50)")
    print(f"read .docx → Document:     {n / document_s:8.1f} files/s")
    print(f"parse .docx → Report:      {n / parse_s:8.1f} files/s    (target ≥ 20)")
    print(f"reports read back with different application figures: {wrong}")


if __name__ == "__main__":
    main()
