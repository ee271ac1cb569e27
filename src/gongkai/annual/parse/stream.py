"""Tables whose rows were lost on the way to the page, put back into rows.

Scraped pages print a table one cell per line (``规章 |`` then ``0 |``, with ``|`` for an empty
cell and ``||``/``|||`` lines as fillers), one cell per paragraph with blank lines between, or the
whole table inside one line. What is left is a stream of cells; a row of the national format is
always its label (or labels: a group heading, a sub-label) followed by its values, so the stream
is cut into rows there: labels up to the first value start a row, values continue it, the next
label after a value starts the next one. Empty cells count where they stand between a row's label
and its values or among its values; after the last value they are fillers. Labels before a row's
own label are a header row of their own (信息内容 | 本年制发件数 | …). Which label names which row
is the assembler's business: this module only needs to tell labels from values.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from gongkai.annual.formats import APPEAL_COLUMNS, APPEALS
from gongkai.annual.parse.cells import is_value, norm

Item = str | list[str]

#: the appeals table's one row of numbers
APPEAL_CELLS = len(APPEAL_COLUMNS) * len(APPEALS.rows)
#: the longest paragraph still read as one cell of a table printed one cell per line
CELL_LINE = 40
#: fewer values than this on a line without a label continue the row before (the appeals
#: table's one row of fifteen numbers stands alone)
_BARE_ROW = 3
_SENTENCE = re.compile(r"[。；;！？]")
#: where a page printed on one line starts a new numbered part: after a sentence end or a space
_PART = re.compile(
    r"(?:(?<=[。；;])|\s+)(?=[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)])"
)


def split_page(text: str) -> list[str]:
    """A page printed as one line, cut into its numbered parts (一、… （一）…)."""
    return [part.strip() for part in _PART.split(text) if part.strip()]


def _nonblank(row: list[str]) -> int:
    return sum(1 for c in row if c.strip())


def _cell_like(item: Item, is_heading: Callable[[str], bool]) -> bool:
    if isinstance(item, list):
        return True
    return len(item) <= CELL_LINE and not _SENTENCE.search(item) and not is_heading(item)


#: an empty cell of a line of several (``||``, ``|||``): a filler between rows, never one of a
#: row's trailing empty cells (those stand one per line)
FILLER = " "


def regroup(
    tokens: list[str], is_row_label: Callable[[str], bool], width: Callable[[str], int | None] | None = None
) -> list[list[str]]:
    """A stream of cells as rows: [header labels…], [row label, values…]; values after labels of
    which none names a row (the appeals table's header) are a row of their own, and after a
    row's label followed by others (its sub-rows' labels), they are the sub-row's. Where ``width``
    gives a row's number of cells, empty cells printed one per line after its last value are its
    own up to that number (予以公开 | 18 | then six empty cells: 总计 left blank)."""
    rows: list[list[str]] = []
    labels: list[str] = []
    values: list[str] = []
    blanks = 0
    lone = 0  #: empty cells one per line after the last value, before any filler line
    filler = False

    def close(blanks: int) -> None:
        if len(labels) >= 2 and not is_row_label(labels[-1]) and is_row_label(labels[-2] + labels[-1]):
            labels[-2:] = [labels[-2] + labels[-1]]  # a label wrapped onto a second line
        cells = width(labels[-1]) if width and labels and is_row_label(labels[-1]) else None
        if not values and blanks and labels and is_row_label(labels[-1]):
            values.extend(
                [""] * (min(blanks, cells) if cells else blanks)
            )  # a row printed with every cell empty
        elif values and cells and lone and len(values) < cells:
            values.extend([""] * min(lone, cells - len(values)))
        named = [i for i, label in enumerate(labels) if is_row_label(label)]
        if values and named and named[-1] < len(labels) - 1:
            # a row printed over sub-rows of its own (其他对外管理服务事项 | 行政检查 | 0 | 0 | 0)
            rows.extend([labels[: named[-1] + 1], [*labels[named[-1] + 1 :], *values]])
        elif values and not named:
            rows.extend([list(labels), values] if labels else [values])
        elif values:
            if len(labels) > 1:
                rows.append(labels[:-1])
            rows.append([labels[-1], *values])
        elif labels:
            rows.append(list(labels))

    for token in tokens:
        text = token.strip()
        if not text:
            blanks += 1 if (labels or values) else 0
            if token == FILLER:
                filler = True
            elif not filler:
                lone += 1
            continue
        if is_value(norm(text)):
            if values or (labels and is_row_label(labels[-1])):
                values.extend([""] * blanks)  # empty cells of the row (fillers after a header are not)
            values.append(text)
        else:
            if values or (blanks and labels and is_row_label(labels[-1])):
                close(blanks)
                labels, values = [], []
            labels.append(text)
        blanks = lone = 0
        filler = False
    close(blanks)
    return rows


def restream(
    items: list[Item],
    is_heading: Callable[[str], bool],
    is_row_label: Callable[[str], bool],
    width: Callable[[str], int | None] | None = None,
) -> list[Item]:
    """The items with every run of cells printed one per line (or several rows on one line)
    regrouped into rows; rows printed one per line are left as they are."""
    out: list[Item] = []
    i = 0
    while i < len(items):
        if not _cell_like(items[i], is_heading):
            out.append(items[i])
            i += 1
            continue
        j = i
        while j < len(items) and _cell_like(items[j], is_heading):
            j += 1
        run = items[i:j]
        out.extend(_run(run, is_row_label, width))
        i = j
    return out


def _run(
    run: list[Item], is_row_label: Callable[[str], bool], width: Callable[[str], int | None] | None = None
) -> list[Item]:
    rows = [item if isinstance(item, list) else [item] for item in run]
    single = sum(1 for row in rows if _nonblank(row) <= 1)
    values = sum(1 for row in rows for c in row if c.strip() and is_value(norm(c.strip())))
    labelled = [
        sum(1 for c in row if c.strip() and not is_value(norm(c.strip())) and is_row_label(c)) for row in rows
    ]
    if values < 2 or (not any(labelled) and values < APPEAL_CELLS):
        return run  # no row of the format (the appeals table has no row labels, only its numbers)
    # a row's cells continued on lines of their own: bare empty cells, a value or two, no label
    continued = any(
        all(not c.strip() or is_value(norm(c.strip())) for c in row) and 0 < _nonblank(row) < _BARE_ROW
        for row in rows
    )
    if 2 * single <= len(rows) and max(labelled) < 2 and not continued:
        return run  # a table printed one row per line
    tokens = [FILLER if len(row) > 1 and not _nonblank(row) else c for row in rows for c in row]
    return list(regroup(tokens, is_row_label, width))


_GAP = re.compile(r"[\s|｜]+")
#: what stands between a glued row's label and the next label: its numbers and nothing else
_CELLS = re.compile(r"[\d\s|｜/—–.+\-]*")


#: a number glued to the label after it (规章000行政规范性文件…); a count with its unit (117条) or
#: a date (2023年) is not
_GLUED_HINT = re.compile(r"[\u4e00-\u9fff)）\"”]\d+(?:\.\d+)?(.?)")
_UNIT_AFTER = frozenset("条件个项次份年月日号名人户元万亿千百十余多起篇期场批家所类%％")


_ENDS_IN_CELLS = re.compile(r"[\u4e00-\u9fff)）\"”][\d\s|]*\d$")


def may_be_glued(text: str) -> bool:
    """Whether a paragraph may print table cells glued to labels: two numbers right after a word
    and followed by no unit, or a paragraph ending in numbers run into a word (a cheap test
    before the labels are searched)."""
    if _ENDS_IN_CELLS.search(text):
        return True
    hits = 0
    for m in _GLUED_HINT.finditer(text):
        if m.group(1) not in _UNIT_AFTER:
            hits += 1
            if hits >= 2:
                return True
    return False


def _digit_after(text: str, m: re.Match[str]) -> bool:
    return text[m.end() : m.end() + 2].lstrip()[:1].isdigit()


def unglue(
    text: str,
    labels: re.Pattern[str],
    headings: Callable[[str], bool],
    is_row_label: Callable[[str], bool],
    is_appeals_label: Callable[[str], bool] = lambda label: False,
) -> list[Item] | None:
    """A paragraph that prints a table with its cells glued to their labels (规章000行政规范性文件
    124317第二十条第(五)项…), as the narrative before it, the section headings within it and the
    table's rows; None for a paragraph that prints no such table. ``labels`` finds the format's
    labels (in the text's normalized form); the digits between them are left glued, for the
    assembler to split with the table's identities (the appeals table's one row of numbers follows
    its header's last label)."""
    matches = list(labels.finditer(text))
    rows = [
        i
        for i, m in enumerate(matches)
        if (is_row_label(m.group(0)) or is_appeals_label(m.group(0)))
        and _digit_after(text, m)
        and _CELLS.fullmatch(text[m.end() : matches[i + 1].start() if i + 1 < len(matches) else len(text)])
    ]
    if not rows or (len(rows) == 1 and rows[0] != len(matches) - 1):
        return None  # one glued row is read only where it is the whole rest of the paragraph
    begin = rows[0]
    # the labels printed right before the first row: its section heading, the table's header
    while begin > 0 and len(text[matches[begin - 1].end() : matches[begin].start()].strip()) <= CELL_LINE:
        gap = text[matches[begin - 1].end() : matches[begin].start()]
        if _SENTENCE.search(gap):
            break
        begin -= 1
        if headings(matches[begin].group(0)):
            break
    # the narrative before the table, cut at the section headings run into it (…年度报告一、总体情况…)
    cuts = [0, *(m.start() for m in matches[:begin] if headings(m.group(0))), matches[begin].start()]
    out: list[Item] = [part for a, b in zip(cuts, cuts[1:], strict=False) for part in split_page(text[a:b])]
    tokens: list[str] = []
    at = matches[begin].start()
    for m in matches[begin:]:
        tokens.extend(p for p in _GAP.split(text[at : m.start()]) if p)
        if headings(m.group(0)):
            out.extend(regroup(tokens, is_row_label))
            tokens = []
            out.append(m.group(0))
        else:
            tokens.append(m.group(0))
        at = m.end()
    tokens.extend(p for p in _GAP.split(text[at:]) if p)
    out.extend(regroup(tokens, is_row_label))
    return out
