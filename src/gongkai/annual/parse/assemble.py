"""`Document` → `Report`: place every printed value by its label, as the format data describes.

The assembler is the one place where labels are interpreted, whatever file the document came
from. It detects the era from the labels used (not from the year: a 2021 report printed in the
2019 format reads as era 2019 and gets FORMAT_ERA; the year decides only where the labels do
not), the agency, the year, the publication date
where printed, and the value of every cell: rows by their label, columns by their header label
(2019-era tables differ in their columns), falling back to the national column order only where
the header is unreadable and the count of values fits. Blank cells read as 0 and are remembered;
a value that cannot be read or placed goes to ``unplaced``; cells never printed go to
``missing_cells``; glued cells (``713000074``) are split with the table's identities, and a row
printed with fewer numbers than cells (blanks dropped, ``5 1 6``) is placed only where those
identities leave one reading: readings that stay ambiguous are listed, never guessed. The
closing signature (agency, date) and page numbers are not narrative.

Before the walk, the shapes scraped pages print tables in are brought back to rows (`stream`):
cells one per line or per paragraph are regrouped at the format's row labels, a table glued to
its labels inside a paragraph (a whole page on one line) is cut at those labels, and section
headings run into the text are cut out. A report whose text holds no table of either kind is
read in the era of its year; sections printed without their table are said so (TABLE_NOT_TEXT),
and an excerpt's missing tail is no missing section.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, lru_cache, partial
from itertools import product

from gongkai.annual.checks import application_identities_hold, identities_within
from gongkai.annual.formats import (
    APPEAL_COLUMNS,
    APPEALS,
    FORMATS,
    LEGACY,
    Column,
    Format,
    Section,
    Table,
    era_for_year,
    normalize_chars,
    normalize_label,
)
from gongkai.annual.model import Ambiguity, Report
from gongkai.annual.parse import narrative, stream
from gongkai.annual.parse.cells import NUMBERING, Unreadable, cell_value, is_value, label_key, norm
from gongkai.annual.parse.document import Document, Paragraph
from gongkai.annual.parse.glued import is_glued, place_gapped, split_glued
from gongkai.annual.parse.masthead import (
    agency_kind,
    closing_start,
    detect_agency_in_text,
    detect_opening_year,
    detect_period_year,
    detect_published,
    detect_signature,
    detect_title,
)
from gongkai.annual.parse.stream import restream, split_page, unglue

#: tables whose rows are found by their label (appeals is one unlabelled row of 15 numbers)
_LABELLED = ("proactive", "applications")
_MAX_COMBINATIONS = 4096
#: a section heading is recognised from the start of its line
_HEADING_SPAN = 48
#: the longest cell or line still searched for the labels that tell the eras apart
_LABEL_LINE = 60

# --- labels -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _EraLabels:
    rows: dict[str, tuple[str, str]]  #: label key → (table, row)
    loose_rows: dict[str, tuple[str, str]]  #: the same without numbering, for labels of 4+ characters
    columns: dict[str, dict[str, str]]  #: table → label key → column key
    groups: dict[str, dict[str, tuple[str, ...]]]  #: table → group label key → column keys
    headings: tuple[tuple[str, Section], ...]  #: heading prefix → section


@cache
def _labels(era: str) -> _EraLabels:
    fmt = FORMATS[era]
    rows: dict[str, tuple[str, str]] = {}
    loose: dict[str, tuple[str, str]] = {}
    columns: dict[str, dict[str, str]] = {}
    groups: dict[str, dict[str, tuple[str, ...]]] = {}
    for table in fmt.tables:
        cols = columns.setdefault(table.key, {})
        for _row, column in table.cells():
            for label in column.labels:
                cols.setdefault(label_key(label), column.key)
        groups[table.key] = {label_key(name): keys for name, keys in table.column_groups}
        if table.key not in _LABELLED:
            continue
        for row in table.rows:
            for label in row.labels:
                key = label_key(label)
                rows[key] = (table.key, row.key)
                bare = NUMBERING.sub("", key)
                if len(bare) >= 4:
                    loose.setdefault(bare, (table.key, row.key))
    headings = tuple(
        (f"{s.number}{sep}{normalize_label(title)}", s)
        for s in fmt.sections
        for title in (s.title, *s.variants)
        for sep in ("、", ".")
    )
    return _EraLabels(rows, loose, columns, groups, headings)


@cache
def _glued_labels(era: str) -> tuple[re.Pattern[str], frozenset[str]]:
    """Every label of the era's tables and section headings, as one pattern over normalized text
    (longest first), for tables whose cells are glued to their labels; and the headings."""
    labels = _labels(era)
    fmt = FORMATS[era]
    words = set(labels.rows) | set(labels.loose_rows)
    words |= {re.sub(r"^(\d+)\.", r"\1、", key) for key in labels.rows}
    for table in fmt.tables:
        words |= set(labels.columns[table.key]) | set(labels.groups[table.key])
        words |= {normalize_label(row.group) for row in table.rows if row.group}
        if table.key == "appeals":
            words |= {normalize_label(row.label) for row in table.rows}
    words |= {normalize_label(w) for w in _HEADER_WORDS}
    headings = frozenset(prefix for prefix, _ in labels.headings)
    alternation = "|".join(re.escape(w) for w in sorted(words | headings, key=len, reverse=True) if w)
    return re.compile(alternation), headings


#: words of the tables' headers that name no row or column
_HEADER_WORDS = ("信息内容", "申请人情况", "行政诉讼")


@cache
def _era_markers() -> dict[str, tuple[str, ...]]:
    """Labels printed in one modern era's tables and not the other's: they tell the eras apart."""
    seen: dict[str, set[str]] = {}
    for era in ("2019", "2021"):
        labels: set[str] = set()
        for table in FORMATS[era].tables:
            if table.key not in _LABELLED:
                continue
            for row in table.rows:
                labels.update(normalize_label(x) for x in row.labels)
                if row.group:
                    labels.add(normalize_label(row.group))
                for column in table.columns_of(row):
                    labels.update(normalize_label(x) for x in column.labels)
        seen[era] = labels
    return {
        "2019": tuple(x for x in seen["2019"] - seen["2021"] if len(x) >= 5),
        "2021": tuple(x for x in seen["2021"] - seen["2019"] if len(x) >= 5),
    }


_OTHER_2019 = normalize_label(FORMATS["2019"].table("applications").row("other").label)


@cache
def _table_signs() -> dict[str, tuple[str, ...]]:
    """Labels that show a table of the national format ("modern", either era: the section 三 and
    四 tables), its section headings ("headings") or a local era-2008 table ("2008")."""
    appeals = {normalize_label(x) for c in APPEAL_COLUMNS for x in c.labels} | {
        normalize_label(r.label) for r in APPEALS.rows if r.group
    }
    tabled = [s for s in FORMATS["2021"].sections if s.table in ("applications", "appeals")]
    return {
        "modern": (
            normalize_label("本年新收政府信息公开申请数量"),
            normalize_label("第二十条第（一）项"),
            *sorted(x for x in appeals if len(x) >= 4),
        ),
        "headings": tuple(normalize_label(t) for s in tabled for t in (s.title, *s.variants)),
        "2008": tuple(sorted({normalize_label(x) for r in LEGACY.rows for x in r.labels if len(x) >= 5})),
    }


def detect_era(flat: str, year: int | None) -> str:
    """The era of the labels in ``flat`` (normalized text). Where they do not tell the two modern
    eras apart, the era of the report year decides, unless the tables printed belong to another
    era: the labels win and the report gets FORMAT_ERA. A text printing no table of either kind
    is read in the era of its year; without a year, as era 2008 unless it prints the national
    section headings."""
    markers = _era_markers()
    s2019 = sum(1 for m in markers["2019"] if m in flat)
    s2021 = sum(1 for m in markers["2021"] if m in flat)
    if s2019 != s2021:
        return "2019" if s2019 > s2021 else "2021"
    signs = _table_signs()
    modern = any(m in flat for m in signs["modern"])
    legacy = any(m in flat for m in signs["2008"])
    by_year = era_for_year(year) if year is not None else None
    if modern and not legacy:
        # no label of either era's own: a single 其他处理 row (no sub-rows) is the 2019 table
        if _OTHER_2019 in flat:
            return "2019"
        return by_year if by_year in ("2019", "2021") else "2021"
    if legacy and not modern:
        # a modern report printing the national section headings, with a count named like a
        # local table's row somewhere in it, is still of its year's era
        if by_year in ("2019", "2021") and any(m in flat for m in signs["headings"]):
            return by_year
        return "2008"
    # no table of either kind: the report year decides (a 2024 report whose labels are unusual or
    # whose tables were images is still a 2024 report); without a year, the national section
    # headings show a modern report
    if by_year is not None:
        return by_year
    return "2021" if modern or any(m in flat for m in signs["headings"]) else "2008"


# --- headers ----------------------------------------------------------------------------------


@dataclass
class _HeaderMap:
    grid: dict[int, str]  #: column position in a row of ``width`` cells → column key
    width: int
    sequence: list[str]  #: column keys in printed order, for rows of another width
    #: money columns whose header gives the unit as 元 (采购总金额（元）): their numbers are 元
    yuan: frozenset[str] = frozenset()


def _match_column(text: str, columns: dict[str, str], groups: dict[str, tuple[str, ...]]) -> str | None:
    """The column (or "group:<label>") a header cell names: exact, then the longest label it contains,
    then the one label it begins (a vertical header's prefix)."""
    if not text:
        return None
    if text in columns:
        return columns[text]
    if text in groups:
        return f"group:{text}"
    best = max((label for label in columns if len(label) >= 2 and label in text), key=len, default=None)
    if best is not None:
        return columns[best]
    if len(text) >= 2:
        keys = {key for label, key in columns.items() if label.startswith(text)}
        if len(keys) == 1:
            return keys.pop()
    return None


def _yuan(cells: list[str], columns: dict[str, str]) -> frozenset[str]:
    return frozenset(
        key
        for cell in cells
        if "元" in cell and "万元" not in cell and (key := _match_column(cell, columns, {})) is not None
    )


def _header_map(
    headers: list[list[str]], columns: dict[str, str], groups: dict[str, tuple[str, ...]]
) -> _HeaderMap | None:
    if not headers:
        return None
    rows = headers
    # a header split over several lines of equal width: join each column's pieces
    tail = [headers[-1]]
    for row in reversed(headers[:-1]):
        if len(row) != len(tail[0]):
            break
        tail.insert(0, row)
    if len(tail) >= 2:
        merged = ["".join(parts) for parts in zip(*tail, strict=True)]
        grid = {i: k for i, cell in enumerate(merged) if (k := _match_column(cell, columns, {})) is not None}
        if grid:
            return _HeaderMap(grid, len(merged), list(grid.values()), _yuan(merged, columns))
    matched = [[_match_column(cell, columns, groups) for cell in row] for row in rows]
    top = next((i for i, row in enumerate(matched) if any(row)), None)
    if top is None:
        return None
    sequence: list[str] = []
    below = [k for row in matched[top + 1 :] for k in row if k and not k.startswith("group:")]
    for key in matched[top]:
        if key is None:
            continue
        if key.startswith("group:"):
            members = groups[key[6:]]
            sequence.extend(k for k in below if k in members)
        else:
            sequence.append(key)
    grid = {i: k for i, k in enumerate(matched[top]) if k and not k.startswith("group:")}
    if any(k.startswith("group:") for k in matched[top] if k):
        grid = {}
    return _HeaderMap(grid, len(rows[top]) if grid else -1, sequence, _yuan(rows[top], columns))


def _continued(before: _HeaderMap | None, header: _HeaderMap | None) -> _HeaderMap | None:
    """A header repeated part-way down a table (a page break) naming only some columns: it moves
    those columns, the others stay where the full header put them."""
    if before is None or header is None or set(before.sequence) <= set(header.sequence):
        return header
    if not (before.grid and header.grid and before.width == header.width):
        return before
    moved = set(header.grid.values())
    grid = {i: k for i, k in before.grid.items() if k not in moved} | header.grid
    return _HeaderMap(grid, header.width, [grid[i] for i in sorted(grid)], before.yuan | header.yuan)


# --- the assembler ----------------------------------------------------------------------------


#: a paragraph's text, or a table row's cells
Item = str | list[str]


@dataclass
class _OpenRow:
    """An applications row its own identity left with several readings: the columns decide."""

    row: str
    keys: list[str]
    readings: dict[tuple[int, ...], frozenset[int]]  #: values → positions read as blank cells
    text: str
    gapped: bool


def _readings(
    segments: list[str], parts: int, rule: Callable[[tuple[int, ...]], bool], gaps: bool
) -> dict[tuple[int, ...], frozenset[int]] | None:
    """The readings of a row printed with fewer cells than it has, each with the positions it
    reads as blank: glued cells split, else (``gaps``) the numbers spread over the cells with
    blanks between (digits enough for every cell that split into them fill every cell). None
    when there are too many splits to try."""
    out: dict[tuple[int, ...], frozenset[int]] = {}
    if is_glued(segments, parts):
        splits = split_glued(segments, parts, rule)
        if splits is None:
            return None
        out.update(dict.fromkeys(splits, frozenset()))
    if gaps and not out and segments and all(v.isdigit() and v.isascii() for v in segments):
        for values, blank in place_gapped([int(v) for v in segments], parts, rule).items():
            out[values] = out.get(values, frozenset()) | blank
    return out


class _Assembler:
    def __init__(self, report: Report, fmt: Format, items: list[Item]) -> None:
        self.report = report
        self.fmt = fmt
        self.items = items
        self.labels = _labels(fmt.era)
        self.seen: set[str] = set()
        self.optional_seen: set[tuple[str, str, str]] = set()
        self.open_rows: list[_OpenRow] = []
        self.ambiguous_rows: set[tuple[str, str]] = set()
        self._stated: dict[tuple[str, str, str], int] | None = None
        #: a section 二 row printed over sub-rows (its key and label), and their values so far
        self.parent: tuple[str, str] | None = None
        self.parts: list[list[str]] = []

    # values ------------------------------------------------------------------------------

    def as_stated(
        self, table: str, row: str, keys: list[str], readings: dict[tuple[int, ...], frozenset[int]]
    ) -> dict[tuple[int, ...], frozenset[int]]:
        """The readings of a glued row that agree with the numbers the report's own sentences
        state for its cells (全年共收到政府信息公开申请62件); all of them when none does."""
        stated = self.stated()
        fixed = [(i, stated[(table, row, key)]) for i, key in enumerate(keys) if (table, row, key) in stated]
        kept = {r: b for r, b in readings.items() if all(r[i] == v for i, v in fixed)}
        return kept or readings

    def stated(self) -> dict[tuple[str, str, str], int]:
        if self._stated is None:
            text = "\n".join(item for item in self.items if isinstance(item, str))
            told: dict[tuple[str, str, str], set[int]] = {}
            for fact in narrative.facts(self.fmt.era, text):
                told.setdefault((fact.table, fact.row, fact.column), set()).add(fact.value)
            self._stated = {cell: next(iter(v)) for cell, v in told.items() if len(v) == 1}
        return self._stated

    def put(self, table: Table, row: str, column: str, text: str, yuan: bool = False) -> None:
        col = _columns(self.fmt.era, table.key, row).get(column)
        ref = (table.key, row, column)
        if col is None:
            if text:
                self.report.unplaced.append(f"{table.key}.{row}: {text}")
            return
        if col.optional:
            self.optional_seen.add(ref)
        if yuan and col.money and text.strip()[-1:].isdigit():
            text = f"{text.strip()}元"
        try:
            value = cell_value(text, col.money)
        except Unreadable:
            self.report.unplaced.append(f"{table.key}.{row}.{column}: {text}")
            return
        if value is None:
            self.report.blank_cells.add(ref)
            value = Decimal(0) if col.money else 0
        self.report.set(table.key, row, column, value)

    def settle(
        self,
        table: Table,
        row: str,
        keys: list[str],
        values: tuple[int, ...],
        blank: frozenset[int],
        yuan: frozenset[str] = frozenset(),
    ) -> None:
        """A row read from glued or gapped cells: its values, and the cells it read as blank."""
        for i, (key, number) in enumerate(zip(keys, values, strict=True)):
            self.put(table, row, key, str(number), key in yuan)
            if i in blank:
                self.report.blank_cells.add((table.key, row, key))

    def place(
        self, table: Table, row: str, keys: list[str], values: list[str], last: bool, yuan: frozenset[str]
    ) -> None:
        """Values printed after a row's label, mapped onto ``keys`` (the columns in printed order).

        Fewer values than columns are glued cells or dropped blanks, read where the row's identity
        leaves one reading (an applications row may be settled later by the column identities);
        in the table's last row they are the first cells of a row the document cuts off."""
        values = list(values)
        while len(values) > len(keys) and values and not values[-1]:
            values.pop()
        while len(values) > len(keys) and values and not values[0]:
            values.pop(0)
        text = " ".join(v for v in values if v)
        if len(values) == len(keys):
            for key, value in zip(keys, values, strict=True):
                self.put(table, row, key, value, key in yuan)
            return
        segments = [v for v in values if v]
        if len(values) < len(keys):
            rule = identities_within(self.fmt.era, table.key, tuple((row, key) for key in keys))
            readings = _readings(segments, len(keys), rule, gaps=not last)
            if readings is None:
                self.report.unplaced.append(
                    f"{table.key}.{row}: {text} (glued cells, too many splits to try)"
                )
                return
            readings = self.as_stated(table.key, row, keys, readings)
            gapped = not is_glued(segments, len(keys))
            if len(readings) == 1:
                [(numbers, blank)] = readings.items()
                self.settle(table, row, keys, numbers, blank, yuan)
                return
            if readings:
                self.ambiguous_rows.add((table.key, row))
                if table.key == "applications":
                    self.open_rows.append(_OpenRow(row, keys, readings, text, gapped))
                else:
                    self.report.ambiguous.append(
                        Ambiguity(table.key, row, text, tuple(sorted(readings)), gapped)
                    )
                return
            if not gapped:
                self.report.unplaced.append(f"{table.key}.{row}: {text} (glued cells that fit no split)")
                return
        if last and len(values) < len(keys):
            # the document ends inside this row: what was printed is its first cells
            for key, value in zip(keys, values, strict=False):
                self.put(table, row, key, value, key in yuan)
            return
        self.report.unplaced.append(f"{table.key}.{row}: {text or '(no values)'}")

    def place_appeals(self, values: list[str], last: bool) -> None:
        """The one row of 15 numbers, read as `place` reads a row (appeals have no labelled rows)."""
        cells = tuple((g.key, c.key) for g in APPEALS.rows for c in APPEAL_COLUMNS)
        values = list(values)
        while len(values) > len(cells) and not values[-1]:
            values.pop()
        segments = [v for v in values if v]
        text = " ".join(segments)
        blank: frozenset[int] = frozenset()
        if len(values) < len(cells):
            readings = _readings(
                segments, len(cells), identities_within(self.fmt.era, "appeals", cells), gaps=not last
            )
            if readings is None:
                self.report.unplaced.append(f"appeals: {text} (glued cells, too many splits to try)")
                return
            gapped = not is_glued(segments, len(cells))
            if len(readings) > 1:
                self.report.ambiguous.append(Ambiguity("appeals", "*", text, tuple(sorted(readings)), gapped))
                self.ambiguous_rows.update(("appeals", g.key) for g in APPEALS.rows)
                return
            if readings:
                [(numbers, blank)] = readings.items()
                values = [str(v) for v in numbers]
            elif not gapped:
                self.report.unplaced.append(f"appeals: {text} (glued cells that fit no split)")
                return
        if len(values) != len(cells) and not last:
            self.report.unplaced.append(f"appeals: {text}")
            return
        for i, ((group, column), value) in enumerate(zip(cells, values, strict=False)):
            self.put(APPEALS, group, column, value)
            if i in blank:
                self.report.blank_cells.add(("appeals", group, column))

    # the walk ----------------------------------------------------------------------------

    def heading(self, text: str) -> Section | None:
        if text[1:2] not in ("、", ".") or text[:1] not in _SECTION_NUMBERS:
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
            hit = _row_for_label(self.fmt.era, cell)
            if hit:
                return hit[0], hit[1], j
        return None

    def walk(self) -> None:
        report, fmt = self.report, self.fmt
        sections: dict[str, list[str]] = {}
        section: Section | None = None
        current: str | None = None
        headers: list[list[str]] = []
        maps: dict[str, _HeaderMap | None] = {}
        order: list[str] = []  #: section headings in printed order
        pending = ""
        last_row = max((i for i, item in enumerate(self.items) if isinstance(item, list)), default=-1)
        for index, item in enumerate(self.items):
            if isinstance(item, str):
                text = item
                found = self.heading(normalize_label(text[:_HEADING_SPAN])) if text[1:2] in "、.．" else None
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
                    self.place_appeals(cells, index == last_row)
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
                target = _row_for_label(self.fmt.era, pending + normed[k] if k >= 0 else pending)
                if target:
                    hit = (target[0], target[1], k)
            if hit is not None and hit[2] < len(cells) - 1:
                self.close_parent(maps)
                table_key, row, j = hit
                table = fmt.table(table_key)
                if table_key != current or headers:
                    if headers:
                        header = _header_map(
                            headers, self.labels.columns[table_key], self.labels.groups[table_key]
                        )
                        maps[table_key] = _continued(maps.get(table_key), header) if table.columns else header
                    current, headers = table_key, []
                self.seen.add(table_key)
                self.place_row(table, row, cells, j, maps.get(table_key), last)
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
                self.place_appeals(cells, last)
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

    def close_parent(self, maps: dict[str, _HeaderMap | None]) -> None:
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
        self.place_row(
            self.fmt.table("proactive"), row, [label, *map(str, sums)], 0, maps.get("proactive"), False
        )

    def place_row(
        self, table: Table, row: str, cells: list[str], j: int, header: _HeaderMap | None, last: bool
    ) -> None:
        columns = table.columns_of(row)
        own = [c.key for c in columns]
        required = [c.key for c in columns if not c.optional]
        if (
            header
            and header.grid
            and header.width == len(cells)
            and set(required) <= {k for i, k in header.grid.items() if i > j}
        ):
            for i, key in header.grid.items():
                if i > j:
                    self.put(table, row, key, cells[i], key in header.yuan)
            return
        values = cells[j + 1 :]
        keys = [k for k in header.sequence if k in own] if header else []
        if not set(required) <= set(keys) or (table.columns and keys != [k for k in own if k in keys]):
            # a header cut short (本年新), split (商业/企业) or out of the national order: the
            # format's own column order stands
            keys = []
        if not keys:
            printed = sum(1 for v in values if v)
            keys = own if printed > len(required) or len(values) >= len(own) else required
        self.place(table, row, keys, values, last, header.yuan if header else frozenset())

    # after the walk ----------------------------------------------------------------------

    def resolve_open_rows(self) -> None:
        """Settle applications rows left open by their own identity with the column identities;
        what stays open is ambiguous."""
        if not self.open_rows:
            return
        report = self.report
        combos = 1
        for open_row in self.open_rows:
            combos *= len(open_row.readings)
        survivors: list[tuple[tuple[int, ...], ...]] = []
        if combos <= _MAX_COMBINATIONS:
            for combo in product(*(sorted(o.readings) for o in self.open_rows)):
                values = {row: dict(cols) for row, cols in report.applications.items()}
                for o, reading in zip(self.open_rows, combo, strict=True):
                    values[o.row] = dict(zip(o.keys, reading, strict=True))
                if application_identities_hold(values, report.era):
                    survivors.append(combo)
        table = self.fmt.table("applications")
        for i, o in enumerate(self.open_rows):
            options = sorted({combo[i] for combo in survivors}) if survivors else sorted(o.readings)
            if len(options) == 1:
                self.settle(table, o.row, o.keys, options[0], o.readings[options[0]])
                self.ambiguous_rows.discard(("applications", o.row))
            else:
                report.ambiguous.append(Ambiguity("applications", o.row, o.text, tuple(options), o.gapped))

    def missing(self) -> None:
        report = self.report
        for table in self.fmt.tables:
            for row, column in table.cells():
                ref = (table.key, row.key, column.key)
                if column.optional and ref not in self.optional_seen:
                    continue
                if (table.key, row.key) in self.ambiguous_rows or table.key in report.absent_tables:
                    continue
                if report.get(*ref) is None:
                    report.missing_cells.append(ref)

    # era 2008 ----------------------------------------------------------------------------

    def legacy(self, body: str) -> None:
        """The legacy facts of an attached table (any shape), else of the sentences."""
        report = self.report
        index = _legacy_index()
        tokens: list[str] = []
        for item in self.items:
            if isinstance(item, list):
                tokens.extend(c for c in item if c)
            elif len(item) <= 40 and "。" not in item:
                tokens.append(item)
        header: list[str] = []
        i = 0
        while i < len(tokens):
            label = norm(tokens[i])
            i += 1
            if _LEGACY_YEAR_COLUMN.match(label):
                if "year" not in header:
                    header.append("year")
                continue
            if "累计" in label and len(label) <= 6:
                if "cumulative" not in header:
                    header.append("cumulative")
                continue
            row = index.get(_LEGACY_PREFIX.sub("", label))
            if row is None:
                continue
            keys = header or ["year", "cumulative"]
            values: list[str] = []
            if i < len(tokens) and norm(tokens[i]) in _UNITS:  # a 计量单位 column: 条, 件, 万元
                i += 1
            while (
                i < len(tokens)
                and len(values) < len(keys)
                and tokens[i].strip()
                and is_value(norm(tokens[i]))
            ):
                values.append(tokens[i])
                i += 1
            for key, text in zip(keys, values, strict=False):
                try:
                    value = cell_value(text, money=row.endswith("amount"))
                except Unreadable:
                    report.unplaced.append(f"legacy.{row}.{key}: {text}")
                    continue
                report.set("legacy", row, key, value if value is not None else 0)
                if value is None:
                    report.blank_cells.add(("legacy", row, key))
        if report.legacy:
            return
        for fact in narrative.facts("2008", body):
            if report.get(fact.table, fact.row, fact.column) is None:
                report.set(fact.table, fact.row, fact.column, fact.value)
                report.stated_cells.add((fact.table, fact.row, fact.column))


def _after_heading(text: str, section: Section) -> str:
    """What a heading line says after its title (二、主动公开政府信息情况。截至…)."""
    for title in (section.title, *section.variants):
        at = text.find(title)
        if at >= 0:
            return text[at + len(title) :].lstrip("。.：:，, \u3000")
    return ""


_SECTION_NUMBERS = frozenset("一二三四五六")


@cache
def _columns(era: str, table: str, row: str) -> dict[str, Column]:
    return {c.key: c for c in FORMATS[era].table(table).columns_of(row)}


@lru_cache(maxsize=8192)
def _row_for_label(era: str, cell: str) -> tuple[str, str] | None:
    """The (table, row) a label cell names: exactly, without its numbering, or after its group
    printed in the same cell (（三）不予公开1.属于国家秘密)."""
    labels = _labels(era)
    key = label_key(cell)
    hit = labels.rows.get(key) or labels.loose_rows.get(NUMBERING.sub("", key))
    if hit is None:
        ends = [label for label in labels.rows if key.endswith(label)]
        hit = labels.rows[max(ends, key=len)] if ends else None
    return hit


_UNITS = frozenset(("条", "件", "个", "项", "次", "份", "人次", "元", "万元"))
_LEGACY_YEAR_COLUMN = re.compile(r"^(?:(?:19|20)\d{2}年度?|本年度?|年度|本期)数?$")
_LEGACY_PREFIX = re.compile(r"^(?:其中[:：]?)?(?:\d+[.、]|\(\d+\))?")


@lru_cache(maxsize=1)
def _legacy_index() -> dict[str, str]:
    return {normalize_label(label): row.key for row in LEGACY.rows for label in row.labels}


#: a page number left standing as a paragraph of its own (— 3 —, -3-, 第3页 共5页): never narrative
_PAGE_DEBRIS = re.compile(
    r"^(?:[-—–－]+\s*\d{1,3}\s*[-—–－]+|第\s*\d{1,3}\s*页(?:\s*[，,/]?\s*共\s*\d{1,3}\s*页)?)$"
)


#: a paragraph this long may be a whole page printed on one line: it is cut into its parts
_PAGE_LINE = 200


def _items(doc: Document) -> list[Item]:
    items: list[Item] = []
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            text = block.text.strip()
            if len(text) > _PAGE_LINE:
                items.extend(split_page(text))
            elif text and not _PAGE_DEBRIS.match(text):
                items.append(text)
            continue
        for row in block.rows:
            cells = [str(c) for c in row]
            first = cells[0].strip() if cells else ""
            if len(first) > _LABEL_LINE and len(cells) > 1:
                # a page on one line whose table cells are pipe-separated: the narrative before
                # the table ends in the first cell, whose last word is the table's first label
                head, _, label = first.rpartition(" ")
                items.extend(split_page(head))
                cells[0] = label
            items.append(cells)
    return items


def _unglued(items: list[Item], era: str) -> list[Item]:
    """Paragraphs printing a table with cells glued to labels, as paragraphs and rows."""
    pattern, headings = _glued_labels(era)
    appeals = _appeals_words()
    out: list[Item] = []
    for item in items:
        found = None
        if isinstance(item, str) and stream.may_be_glued(item):
            found = unglue(
                normalize_chars(item),
                pattern,
                headings.__contains__,
                lambda cell: _row_for_label(era, norm(cell)) is not None,
                appeals.__contains__,
            )
        elif isinstance(item, str) and len(item) > stream.CELL_LINE and _NUMBER_INSIDE.search(item, 1):
            found = _cut_at_headings(item, era)
        out.extend(found if found is not None else [item])
    return out


@cache
def _appeals_words() -> frozenset[str]:
    """The labels of the appeals table's header, after which its one row of numbers follows."""
    return frozenset(
        normalize_label(label)
        for label in (*(c.label for c in APPEAL_COLUMNS), *(r.label for r in APPEALS.rows), "行政诉讼")
    )


#: the start of the group headings of section 二 (第二十条第（一）项 …)
_GROUP_PREFIX = "第二十条"
#: a section number inside a paragraph, where a heading may have been run into the text
_NUMBER_INSIDE = re.compile(r"[一二三四五六][、.．]")


@cache
def _heading_pattern(era: str) -> re.Pattern[str]:
    prefixes = sorted({prefix for prefix, _ in _labels(era).headings}, key=len, reverse=True)
    return re.compile("|".join(re.escape(p) for p in prefixes))


def _cut_at_headings(text: str, era: str) -> list[Item] | None:
    """A long paragraph with section headings run into it (…年度报告一、总体情况2023年…), cut there."""
    normal = normalize_chars(text)
    cuts = [m.start() for m in _heading_pattern(era).finditer(normal) if m.start() > 0]
    if not cuts:
        return None
    bounds = [0, *cuts, len(normal)]
    return [normal[a:b].strip() for a, b in zip(bounds, bounds[1:], strict=False) if normal[a:b].strip()]


def _is_heading(era: str, text: str) -> bool:
    if text[1:2] not in ("、", ".", "．") or text[:1] not in _SECTION_NUMBERS:
        return False
    key = normalize_label(text[:_HEADING_SPAN])
    return any(key.startswith(prefix) for prefix, _ in _labels(era).headings)


def assemble(doc: Document) -> Report:
    """The report a document prints."""
    items = _items(doc)
    lines = [item if isinstance(item, str) else " ".join(c for c in item if c) for item in items]
    lines = [line for line in lines if line]
    agency, year = detect_title(lines)
    if year is None:
        year = detect_period_year(lines) or detect_opening_year(lines)
    signature = detect_signature(lines)
    if signature and (agency is None or (signature != agency and signature.endswith(agency))):
        agency = signature
    if agency is None:
        agency = detect_agency_in_text(lines)
    # labels stand in table cells and short lines: sentences need no normalizing
    labels = [
        norm(c)
        for item in items
        for c in ([item] if isinstance(item, str) else item)
        if c and len(c) <= _LABEL_LINE
    ]
    era = detect_era("\n".join(labels), year)
    report = Report(
        era=era,
        agency=agency,
        year=year,
        published=detect_published(lines, year),
        agency_kind=agency_kind(agency),
    )
    # the closing signature (agency and date, read above) ends the text, not the last section
    tail = len(items)
    while tail > 0 and isinstance(items[tail - 1], str):
        tail -= 1
    end = tail + closing_start([item for item in items[tail:] if isinstance(item, str)])
    body_items = items[:end]
    if era != "2008":
        body_items = _unglued(body_items, era)
        body_items = restream(
            body_items, partial(_is_heading, era), lambda cell: _row_for_label(era, norm(cell)) is not None
        )
    assembler = _Assembler(report, FORMATS[era], body_items)
    if era == "2008":
        body = "\n".join(item for item in items[:end] if isinstance(item, str))
        report.sections = {"body": body}
        assembler.legacy(body)
    else:
        assembler.walk()
        assembler.resolve_open_rows()
        assembler.missing()
        last = FORMATS[era].sections[-1].key
        report.truncated = end == len(items) and last not in report.sections
    return report
