"""The walk through a modern report's paragraphs and rows: section headings, the text of each
section, table headers, and each labelled row handed to the `Placer`."""

from __future__ import annotations

from gongkai.annual.formats import APPEAL_COLUMNS, APPEALS, Section, normalize_label
from gongkai.annual.parse.assemble.headers import HeaderMap, continued, header_map
from gongkai.annual.parse.assemble.labels import HEADING_SPAN, SECTION_NUMBERS, era_labels, row_for_label
from gongkai.annual.parse.assemble.place import Placer
from gongkai.annual.parse.cells import Unreadable, cell_value, is_value, norm

#: the start of the group headings of section 二 (第二十条第（一）项 …)
_GROUP_PREFIX = "第二十条"


def _after_heading(text: str, section: Section) -> str:
    """What a heading line says after its title (二、主动公开政府信息情况。截至…)."""
    for title in (section.title, *section.variants):
        at = text.find(title)
        if at >= 0:
            return text[at + len(title) :].lstrip("。.：:，, \u3000")
    return ""


class Walker:
    """Reads a modern report's items in order: the text of each section into ``report.sections``,
    each table row to the `Placer`, and the tables printed as images (headings without rows)."""

    def __init__(self, placer: Placer) -> None:
        self.placer = placer
        self.report, self.fmt, self.items = placer.report, placer.fmt, placer.items
        self.labels = era_labels(placer.fmt.era)
        self.seen: set[str] = set()
        #: a section 二 row printed over sub-rows (its key and label), and their values so far
        self.parent: tuple[str, str] | None = None
        self.parts: list[list[str]] = []

    def heading(self, text: str) -> Section | None:
        if text[1:2] not in ("、", ".") or text[:1] not in SECTION_NUMBERS:
            return None
        for prefix, section in self.labels.headings:
            if text.startswith(prefix):
                return section
        return None

    def find_row(self, cells: list[str]) -> tuple[str, str, int] | None:
        for j in range(len(cells) - 1, -1, -1):
            cell = cells[j]
            if not cell or is_value(cell):
                continue
            hit = row_for_label(self.fmt.era, cell)
            if hit:
                return hit[0], hit[1], j
        return None

    def walk(self) -> None:
        report, fmt = self.report, self.fmt
        sections: dict[str, list[str]] = {}
        section: Section | None = None
        current: str | None = None
        headers: list[list[str]] = []
        maps: dict[str, HeaderMap | None] = {}
        order: list[str] = []  #: section headings in printed order
        pending = ""
        last_row = max((i for i, item in enumerate(self.items) if isinstance(item, list)), default=-1)
        for index, item in enumerate(self.items):
            if isinstance(item, str):
                text = item
                found = self.heading(normalize_label(text[:HEADING_SPAN])) if text[1:2] in "、.．" else None
                if found is not None:
                    section, current, headers = found, found.table, []
                    order.append(found.key)
                    rest = _after_heading(text, found)
                    sections.setdefault(found.key, []).extend([rest] if rest else [])
                    pending = ""
                    continue
                if section is not None:
                    sections[section.key].append(text)
                pending = text if len(text) <= 40 and "。" not in text else ""
                continue
            cells = item
            normed = [norm(c) for c in cells]
            filled = [c for c in normed if c]
            if not filled:
                if current == "appeals" and len(cells) == len(APPEAL_COLUMNS) * len(APPEALS.rows):
                    self.seen.add("appeals")  # the appeals row, every cell left blank
                    self.placer.place_appeals(cells, index == last_row)
                continue
            if len(filled) == 1 and (found := self.heading(filled[0])) is not None:
                section, current, headers = found, found.table, []
                order.append(found.key)
                sections.setdefault(found.key, [])
                continue
            last = index == last_row
            hit = self.find_row(normed)
            if hit is None and pending:
                # a label wrapped onto the row's line from the line before (PDF text)
                # (or standing alone on it, the numbers on the next line)
                k = max((i for i, c in enumerate(normed) if c and not is_value(c)), default=-1)
                target = row_for_label(self.fmt.era, pending + normed[k] if k >= 0 else pending)
                if target:
                    hit = (target[0], target[1], k)
            if hit is not None and hit[2] < len(cells) - 1:
                self.close_parent(maps)
                table_key, row, j = hit
                table = fmt.table(table_key)
                if table_key != current or headers:
                    if headers:
                        header = header_map(
                            headers, self.labels.columns[table_key], self.labels.groups[table_key]
                        )
                        maps[table_key] = continued(maps.get(table_key), header) if table.columns else header
                    current, headers = table_key, []
                self.seen.add(table_key)
                self.placer.place_row(table, row, cells, j, maps.get(table_key), last)
                pending = ""
                continue
            pending = ""
            has_values = any(c and is_value(c) for c in normed)
            if hit is not None and hit[0] == "proactive" and len(filled) == 1:
                # a section 二 row printed as a heading over sub-rows of its own (其他对外管理服务事项
                # over 行政检查, 行政确认): its cells are theirs added up
                self.close_parent(maps)
                self.parent, self.parts = (hit[1], cells[hit[2]]), []
                continue
            if self.parent is not None:
                if has_values and normed[0] and not is_value(normed[0]):
                    self.parts.append(cells[1:])  # a sub-row: its label, its values
                    continue
                if has_values and all(is_value(c) for c in normed):
                    self.parts.append(cells)  # a sub-row's values under its label's line
                    continue
                if not any(
                    c in self.labels.columns["proactive"] or c.startswith(_GROUP_PREFIX) for c in filled
                ):
                    continue  # a sub-row's label standing alone
                self.close_parent(maps)
            if not has_values:
                headers.append(normed)
                if current is None and any(c in ("行政复议", "行政诉讼") for c in normed):
                    current = "appeals"
                continue
            if all(is_value(c) for c in normed) and (
                current == "appeals" or len(filled) >= len(APPEAL_COLUMNS) * 3
            ):
                self.seen.add("appeals")
                self.placer.place_appeals(cells, last)
                headers = []
                continue
            report.unplaced.append(" ".join(c for c in cells if c))
        self.close_parent(maps)
        for table_key in self.seen:
            sections.setdefault(next(s.key for s in fmt.sections if s.table == table_key), [])
        # a section printed with its heading and the next heading after it, but no row of its
        # table: the table was an image
        for key in order[:-1]:
            tabled = next(s.table for s in fmt.sections if s.key == key)
            if tabled and tabled not in self.seen and tabled not in report.absent_tables:
                report.absent_tables.append(tabled)
        report.sections = {s.key: "\n".join(sections[s.key]) for s in fmt.sections if s.key in sections}

    def close_parent(self, maps: dict[str, HeaderMap | None]) -> None:
        """Place a section 二 row whose sub-rows were read: the sum of theirs, where every sub-row
        prints whole numbers in the same cells; else the sub-rows are reported unplaced."""
        if self.parent is None:
            return
        (row, label), parts = self.parent, self.parts
        self.parent, self.parts = None, []
        if not parts:
            return
        values = [[v.strip() for v in part if v.strip()] for part in parts]
        width = len(values[0])
        try:
            sums = [sum(int(cell_value(v) or 0) for v in column) for column in zip(*values, strict=True)]
        except (Unreadable, ValueError):
            sums = []
        if not sums or any(len(v) != width for v in values):
            self.report.unplaced.extend(f"proactive.{row}: {' '.join(v)}" for v in values)
            return
        self.seen.add("proactive")
        self.placer.place_row(
            self.fmt.table("proactive"), row, [label, *map(str, sums)], 0, maps.get("proactive"), False
        )
