"""The functional core imports no Django: usable as a library and from the CLI without settings."""

from __future__ import annotations

import subprocess
import sys

CORE = [
    "gongkai.clock",
    "gongkai.workflow",
    "gongkai.numerals",
    "gongkai.sniff",
    "gongkai.limits",
    "gongkai.registry",
    "gongkai.personal_data",
    "gongkai.limits",
    "gongkai.sheets",
    "gongkai.rules.workdays",
    "gongkai.rules.clock",
    "gongkai.rules.fees",
    "gongkai.rules.outcomes",
    "gongkai.annual.checks",
    "gongkai.annual.audit",
    "gongkai.annual.render.docx",
    "gongkai.screening.documents",
    "gongkai.screening.markup",
    "gongkai.annual.parse",
    "gongkai.search.analyzer",
    "gongkai.search.documents",
    "gongkai.search.snippets",
]


def test_core_modules_import_no_django():
    code = (
        "import importlib, sys\n"
        f"for name in {CORE!r}: importlib.import_module(name)\n"
        "print(sorted({m for m in sys.modules if m.split('.')[0] == 'django'}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"
