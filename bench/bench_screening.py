"""Screening a generated 50-page .docx (target: under 2 seconds).

Run: .venv/bin/python bench/bench_screening.py
The document has 50 pages (page breaks), each with 25 paragraphs of ordinary notice text, a
4×5 table, a sprinkling of personal data, a tracked change and a comment on the first page.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import docx
from docx.enum.text import WD_BREAK

from gongkai.personal_data import resident_id_check_char
from gongkai.screening import screen_file

PAGES = 50
PARAGRAPHS_PER_PAGE = 25
TARGET_SECONDS = 2.0
TEXT = (
    "根据《中华人民共和国政府信息公开条例》第二十条规定，现将2025年度城乡最低生活保障资金发放情况公告如下，"
    "办公地址：台儿庄区华兴路1号，涉及商业秘密的内容依法不予公开，局办公室（秘书科）负责解释。"
)


def build(path: Path) -> Path:
    document = docx.Document()
    document.core_properties.author = "测试"
    first17 = "37040519850307123"
    for page in range(PAGES):
        document.add_heading(f"第{page + 1}部分", level=2)
        for n in range(PARAGRAPHS_PER_PAGE):
            text = TEXT
            if n == 7:
                text += f"联系人手机139{page:04d}{n:04d}，身份证{first17}{resident_id_check_char(first17)}。"
            document.add_paragraph(text)
        table = document.add_table(rows=4, cols=5)
        for r, row in enumerate(table.rows):
            for c, cell in enumerate(row.cells):
                cell.text = f"{r * 5 + c}号街道 {r}户 {c * 890}元"
        document.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)
    document.add_comment(document.paragraphs[1].runs, text="请核实", author="审核人")
    document.save(path)
    return path


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = build(Path(tmp) / "fifty-pages.docx")
        size = path.stat().st_size
        runs = []
        for _ in range(5):
            start = time.perf_counter()
            findings = screen_file(path)
            runs.append(time.perf_counter() - start)
    best, median = min(runs), statistics.median(runs)
    print(
        f"nproc={os.cpu_count()} pages={PAGES} paragraphs={PAGES * (PARAGRAPHS_PER_PAGE + 1)} size={size // 1024} KiB"
    )
    print(
        f"findings={len(findings)} screen: best {best * 1000:.0f} ms, median {median * 1000:.0f} ms "
        f"(target < {TARGET_SECONDS:.0f} s) {'OK' if median < TARGET_SECONDS else 'SLOW'}"
    )
    sys.exit(0 if median < TARGET_SECONDS else 1)


if __name__ == "__main__":
    main()
