"""Measure `gongkai report audit` on real published reports: what is read, missing, ambiguous.

Run: .venv/bin/python scripts/annual_realworld.py [DIR_OR_FILE…] [--labels FILE] [--set NAME] [-v]
(default: ../shared/realworld). ``--set found`` reads tests/annual/data/found/ (real reports found
on the web, each labelled in tests/annual/data/found_labels.json) and ``--set all`` both sets, each
file against its own set's labels. Files of both sets open with a ``SOURCE:`` line that is no part
of the report; it is left out before reading, so the report is read as published.

Per file: era, agency, year, cells read / missing / ambiguous, unplaced texts, finding codes.
With labels (tests/annual/data/realworld_labels.json, written by hand from the texts), also the
accuracy: labelled cells right, non-zero cells right, reports fully right (every labelled cell,
agency, year and era), and error findings the label does not allow ("undeserved").
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from gongkai.annual.checks import check
from gongkai.annual.formats import FORMATS
from gongkai.annual.parse import ReadError, read

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DIR = ROOT / ".." / "shared" / "realworld"
DEFAULT_LABELS = ROOT / "tests" / "annual" / "data" / "realworld_labels.json"
FOUND_DIR = ROOT / "tests" / "annual" / "data" / "found"
FOUND_LABELS = ROOT / "tests" / "annual" / "data" / "found_labels.json"
#: --set NAME → (folder, labels)
SETS = {"realworld": [(DEFAULT_DIR, DEFAULT_LABELS)], "found": [(FOUND_DIR, FOUND_LABELS)]}
SETS["all"] = SETS["realworld"] + SETS["found"]


def report_text(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    first, _, rest = text.partition("\n")
    return rest if first.startswith("SOURCE:") else text


def expected_cells(era: str, label: dict) -> dict[str, int | float]:
    """A label's cells as ``table.row.column`` → value; a row may be given as a list in the
    format's column order (shorter: the first cells of a row the excerpt cuts off)."""
    out: dict[str, int | float] = {}
    fmt = FORMATS[era]
    for key, value in label.get("cells", {}).items():
        if isinstance(value, list):
            table, row = key.split(".", 1)
            columns = [c.key for c in fmt.table(table).columns_of(row) if not c.optional]
            for column, v in zip(columns, value, strict=False):
                out[f"{key}.{column}"] = v
        else:
            out[key] = value
    return out


def read_cells(report) -> dict[str, float]:
    return {
        f"{table}.{row}.{column}": float(value)
        for table in ("proactive", "applications", "appeals", "legacy")
        for row, columns in report.values(table).items()
        for column, value in columns.items()
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--labels", type=Path, help="labels of the files given (default: the set's)")
    parser.add_argument("--set", choices=sorted(SETS), help="a labelled set instead of paths")
    parser.add_argument("-v", "--verbose", action="store_true", help="list wrong and missed cells")
    args = parser.parse_args()
    if args.set and args.paths:
        parser.error("give paths or --set, not both")
    sources = (
        SETS[args.set]
        if args.set
        else [(p, args.labels or DEFAULT_LABELS) for p in args.paths or [DEFAULT_DIR]]
    )
    if args.set and args.labels:
        sources = [(folder, args.labels) for folder, _ in sources]
    files: list[Path] = []
    labels: dict[str, dict] = {}
    for path, label_file in sources:
        found = [path] if path.is_file() else sorted(path.glob("*.txt"))
        files.extend(found)
        if label_file.is_file():
            known = json.loads(label_file.read_text(encoding="utf-8"))
            labels.update({p.name: known[p.name] for p in found if p.name in known})
    totals = {
        "cells": 0,
        "right": 0,
        "nonzero": 0,
        "nonzero_right": 0,
        "reports": 0,
        "full": 0,
        "undeserved": 0,
    }
    with tempfile.TemporaryDirectory() as tmp:
        for path in files:
            copy = Path(tmp) / path.name
            copy.write_text(report_text(path), encoding="utf-8")
            try:
                report = read(copy)
            except ReadError as exc:
                print(f"{path.name[:34]:34} UNREAD {exc.reason}")
                report = None
            if report is not None:
                findings = check(report)
                cells = read_cells(report)
                ambiguous = sum(len(a.candidates[0]) for a in report.ambiguous)
                codes = sorted({f.code for f in findings})
                print(
                    f"{path.name[:34]:34} {report.era} {str(report.year):4} {str(report.agency)[:18]:18} "
                    f"read {len(cells):3} miss {len(report.missing_cells):3} amb {ambiguous:2} "
                    f"unpl {len(report.unplaced):2} {' '.join(codes)}"
                )
                if args.verbose and report.unplaced:
                    for text in report.unplaced[:5]:
                        print(f"    unplaced: {text[:100]}")
            label = labels.get(path.name)
            if label is None:
                continue
            expected = expected_cells(label["era"], label)
            got = read_cells(report) if report else {}
            right = {k for k, v in expected.items() if k in got and got[k] == float(v)}
            nonzero = {k for k, v in expected.items() if v}
            allowed = set(label.get("errors", []))
            undeserved = sorted(
                {f.code for f in (findings if report else []) if f.severity == "error"} - allowed
            )
            meta_ok = report is not None and (report.agency, report.year, report.era) == (
                label["agency"],
                label["year"],
                label["era"],
            )
            full = meta_ok and len(right) == len(expected) and not undeserved
            totals["cells"] += len(expected)
            totals["right"] += len(right)
            totals["nonzero"] += len(nonzero)
            totals["nonzero_right"] += len(nonzero & right)
            totals["reports"] += 1
            totals["full"] += full
            totals["undeserved"] += bool(undeserved)
            print(
                f"    label: {len(right)}/{len(expected)} cells, non-zero {len(nonzero & right)}/{len(nonzero)}"
                f"{'' if meta_ok else ' META ' + str((report.agency, report.year, report.era) if report else None)}"
                f"{' UNDESERVED ' + ','.join(undeserved) if undeserved else ''}{' FULL' if full else ''}"
            )
            if args.verbose:
                for key in sorted(set(expected) - right):
                    print(f"    {key}: expected {expected[key]}, read {got.get(key)}")
    if totals["reports"]:
        t = totals
        print(
            f"\nlabelled reports: {t['reports']}; cells {t['right']}/{t['cells']} = {t['right'] / max(t['cells'], 1):.1%}; "
            f"non-zero {t['nonzero_right']}/{t['nonzero']} = {t['nonzero_right'] / max(t['nonzero'], 1):.1%}; "
            f"fully right {t['full']}/{t['reports']}; with undeserved errors {t['undeserved']}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
