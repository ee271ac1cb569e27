"""Plain text → `Document`: every text shape published and scraped reports come in.

Shapes read:
- one cell per line with a leading tab, a blank line between rows, a cell continued on the next
  line without a tab (the seeds);
- one row per line with ``|``, tabs or runs of two or more spaces between cells, Markdown pipe
  rows (separator lines skipped, padding cells kept as empty cells);
- PDF text: a row's label followed by its numbers on one line, header lines of short words, and
  vertical headers broken into single characters (one line per character row, transposed back);
- debris: ``[bookmark: …]``/``[image: …]``, full-width spaces, HTML entities and stray tags of
  scraped pages, traditional characters (converted to simplified with OpenCC, imported only
  when such characters are present), and one document repeated twice in the same file.

Everything else is a paragraph. The reader never interprets labels: that is the assembler's job.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

from gongkai.annual.parse.document import Document, Paragraph, TableBlock

_DEBRIS = re.compile(r"\[(?:bookmark|image):[^\]\n]*\]")
_BREAK_TAG = re.compile(r"<(?:br|/?p|/?div|/?tr)\b[^>\n]*>", re.IGNORECASE)
_INLINE_TAG = re.compile(
    r"</?(?:span|font|strong|b|i|em|a|td|th|table|tbody|thead|colgroup|col|u|sup|sub)\b[^>\n]*>",
    re.IGNORECASE,
)
_CELL_END = re.compile(r"</t[dh]\s*>", re.IGNORECASE)
_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);")
_SPACE_RUN = re.compile(r"[ \u3000\xa0]{2,}")
#: Markdown heading marks and bold around a whole line (## 二、主动公开政府信息情况, **（一）…**)
_MD_MARKUP = re.compile(r"^#{1,6}\s+|^\*\*|\*\*$")
_MD_SEPARATOR = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?$")
#: a value token as printed in a cell: numbers (with sign, decimals, units), dashes, 无
VALUE_TOKEN = re.compile(r"^(?:[+\-−]?\d+(?:[.,]\d+)*(?:万元|元|件|条|项|个|次|份)?|[—–\-－/／]+|无)$")
_CJK_TOKEN = re.compile(r"^[\u4e00-\u9fff（）()/、]{1,12}$")
_SENTENCE_END = re.compile(r"[。；;！？]")

#: characters that only occur in traditional writing: their presence triggers OpenCC t2s
_TRADITIONAL_CHARS = (
    "與處開們個來時對說國後會這過還進發當經應關於業務總實際請結轉數議訴據審維護糾決類項屬為範"
    "復況圍網頁聯機構責報導權現費齊區縣協調環節證傳輸單辦產檢測齡訊條"
)
_TRADITIONAL = re.compile(f"[{_TRADITIONAL_CHARS}]")
#: a pinyin gloss some mirrors insert after a character, inside words: 機(jī)關(guān)
_PINYIN = re.compile(
    r"(?<=[\u4e00-\u9fff])\((?=[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ])[a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜ]{1,7}\)"
)
#: digits in the appeals row when its fifteen cells are glued together
_GLUED_APPEALS = 15
#: the shortest block of lines that counts as a whole document repeated
_MIN_REPEAT = 10


@lru_cache(maxsize=1)
def _t2s():
    import opencc  # imported only when a traditional text is met

    return opencc.OpenCC("t2s")


def _tags(text: str) -> str:
    """Markup left in a text: rows and paragraphs end lines, cells end with a pipe."""
    text = _CELL_END.sub(" | ", text)
    return _INLINE_TAG.sub("", _BREAK_TAG.sub("\n", text))


def clean(text: str) -> str:
    """Undo the transport damage: line ends, entities, tags, debris, traditional characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    for _ in range(3):  # tags, then entities; crawlers escape twice (&amp;nbsp;) or escape the tags
        if "<" in text:
            text = _tags(text)
        if "&" not in text or not _ENTITY.search(text):
            break
        text = html.unescape(text)
    if "[" in text:
        text = _DEBRIS.sub("", text)
    if "(" in text:
        text = _PINYIN.sub("", text)
    if _TRADITIONAL.search(text):
        text = _t2s().convert(text)
    return text


def drop_repeat(lines: list[str]) -> list[str]:
    """A file holding the same document twice is read once: cut the repeated tail."""
    idx = [i for i, line in enumerate(lines) if line.strip()]
    content = [lines[i].strip() for i in idx]
    m = len(content)
    if m < 2 * _MIN_REPEAT:
        return lines
    last = content[-1]
    for j in range((m - 1) // 2, m - _MIN_REPEAT):
        k = m - 1 - j
        if content[j] == last and content[j - k + 1 : j + 1] == content[j + 1 :]:
            block = content[j + 1 :]
            if sum(1 for line in set(block) if len(line) >= 8) >= 3:
                return lines[: idx[j + 1]]
    return lines


def _terminated(lines: list[str]) -> bool:
    """Whether the document ends every cell with a pipe (``规章 |``, ``行政许可 | 0 |``, a bare ``|``
    for an empty cell) rather than writing Markdown rows (``| 规章 | 0 |``)."""
    ending = starting = 0
    for line in lines:
        stripped = line.strip()
        if stripped.endswith("|") and stripped != "|":
            if stripped.startswith("|"):
                starting += 1
            else:
                ending += 1
    return ending >= 3 and ending > starting


#: the fewest lone-pipe lines after cells that make a document one of cells each closed on the next line
_MIN_LONE_PIPES = 6


def _lone_pipes(lines: list[str]) -> list[str]:
    """Cells each closed by a pipe on the line after (``规章`` / ``|`` / ``0`` / ``|``), as some pages
    are scraped, joined back to the terminated shape (``规章 |``, ``0 |``). Only where such lone
    pipes are most of the document's pipe lines: elsewhere a lone ``|`` is an empty cell."""
    lone = closing = 0
    previous = ""
    for line in lines:
        stripped = line.strip()
        if not stripped:
            continue
        if stripped == "|":
            if previous and "|" not in previous:
                lone += 1
        elif stripped.endswith("|"):
            closing += 1
        previous = stripped
    if lone < _MIN_LONE_PIPES or lone <= closing:
        return lines
    out: list[str] = []
    for line in lines:
        stripped = line.strip()
        if stripped == "|" and out and out[-1].strip() and "|" not in out[-1]:
            out[-1] = f"{out[-1].rstrip()} |"
            continue
        out.append(line)
    return out


def _tab_cells(lines: list[str]) -> bool:
    """Whether a leading tab starts a cell (the seeds: one cell per line, a blank line between
    rows) rather than indenting paragraphs: tab-led lines that are sentences (a third or more of
    them) are paragraphs indented with a tab."""
    led = [line for line in lines if line.startswith("\t") and line.count("\t") == 1]
    sentences = sum(1 for line in led if _SENTENCE_END.search(line))
    return not sentences or 3 * sentences < len(led)


def split_row(line: str, terminated: bool = False) -> list[str] | None:
    """The cells of a line that is a table row, or None for a paragraph line. In a ``terminated``
    document the last pipe of a line closes its last cell: ``|`` is one empty cell."""
    stripped = line.strip()
    if not stripped:
        return None
    if "|" in stripped:
        if _MD_SEPARATOR.match(stripped):
            return []
        if terminated and stripped.endswith("|"):
            return [c.strip() for c in stripped[:-1].split("|")]
        body = stripped
        if len(body) > 1 and body.startswith("|") and body.endswith("|"):
            body = body[1:-1]  # Markdown: the outer pipes delimit the row; one alone is an empty cell
        return [c.strip() for c in body.split("|")]
    if "\t" in line:
        return [c.strip() for c in line.strip(" \u3000\xa0\r\n").split("\t")]
    parts = _SPACE_RUN.split(stripped)
    if (
        len(parts) >= 2
        and (len(parts) >= 3 or any(VALUE_TOKEN.match(p) for p in parts))
        and not any(_SENTENCE_END.search(p) for p in parts)
    ):
        return parts
    tokens = stripped.split()
    if len(tokens) < 2:
        # the appeals table's one row of fifteen numbers, glued together
        return tokens if stripped.isdigit() and len(stripped) >= _GLUED_APPEALS else None
    # PDF text: a label and the row's values on one line
    n = len(tokens)
    while n > 0 and VALUE_TOKEN.match(tokens[n - 1]):
        n -= 1
    values = tokens[n:]
    if values:
        label = "".join(tokens[:n])
        if not label:
            return values if sum(1 for v in values if v[-1].isdigit()) >= 3 else None
        if not _SENTENCE_END.search(label) and (len(label) <= 40 or (len(label) <= 80 and "，" not in label)):
            return [label, *values]
        return None
    # PDF text: a header line of short words, or one line of a vertical header
    if len(tokens) >= 3 and all(_CJK_TOKEN.match(t) for t in tokens):
        return tokens
    return None


#: the fewest gaps of one blank line for blank lines to separate a document's cells
_MIN_BLANK_GAPS = 20
#: the largest share of its line gaps without a blank line such a document may have
_ADJACENT_SHARE = 0.1


def _short_cell(line: str) -> bool:
    """One cell alone on its line: short, no sentence, no pipe, tab or run of spaces between cells."""
    text = line.strip()
    return (
        0 < len(text) <= 40
        and not _SENTENCE_END.search(text)
        and "|" not in text
        and "\t" not in text
        and not _SPACE_RUN.search(text)
    )


def _empty_cell_lines(lines: list[str]) -> frozenset[int]:
    """In a document printed one cell per paragraph with one blank line between (``规章`` / `` `` /
    ``0``), where an empty cell is printed as a bare line break only: the blank lines past the
    first of a run between two short cells, one empty cell each (``12``, six blank lines, ``12``:
    the five cells between left empty). Elsewhere blank lines separate and say nothing."""
    gaps: list[tuple[int, int]] = []  #: (first blank line, blank lines) between two non-blank lines
    previous: int | None = None
    for i, line in enumerate(lines):
        if line.strip():
            if previous is not None:
                gaps.append((previous + 1, i - previous - 1))
            previous = i
    single = sum(1 for _, n in gaps if n == 1)
    adjacent = sum(1 for _, n in gaps if n == 0)
    if single < _MIN_BLANK_GAPS or adjacent > _ADJACENT_SHARE * len(gaps):
        return frozenset()
    return frozenset(
        start + k
        for start, n in gaps
        if n >= 2 and _short_cell(lines[start - 1]) and _short_cell(lines[start + n])
        for k in range(1, n)
    )


def _chars(row: list[str]) -> bool:
    return all(len(c) == 1 and "\u4e00" <= c <= "\u9fff" for c in row)


def _vertical(rows: list[list[str]]) -> list[list[str]]:
    """Transpose runs of single-character rows (vertical headers) into one row of column prefixes."""
    out: list[list[str]] = []
    i = 0
    while i < len(rows):
        row = rows[i]
        if len(row) >= 2 and _chars(row):
            j = i + 1
            while j < len(rows) and len(rows[j]) == len(row) and _chars(rows[j]):
                j += 1
            if j - i >= 2:
                # lines after the run whose cells are still single characters but fewer: the shorter
                # columns have ended; the prefixes read so far identify the columns
                while j < len(rows) and rows[j] and _chars(rows[j]):
                    j += 1
                width = len(row)
                run = [r for r in rows[i:j] if len(r) == width]
                out.append(["".join(r[k] for r in run) for k in range(width)])
                i = j
                continue
        out.append(row)
        i += 1
    return out


def parse(text: str, kind: str = "text") -> Document:
    """Turn a report's text into paragraphs and tables (``kind`` names the source, e.g. "pdf")."""
    lines = drop_repeat(clean(text).split("\n"))
    if "\n|" in text:
        lines = _lone_pipes(lines)
    terminated = "|" in text and _terminated(lines)
    tab_cells = "\t" in text and _tab_cells(lines)
    empty_cells = (
        _empty_cell_lines(lines) if not tab_cells and "\n\n\n" in text.replace("\r", "") else frozenset()
    )
    blocks: list[Paragraph | TableBlock] = []
    rows: list[list[str]] = []
    cell_row: list[str] | None = None  # a row being read one cell per line

    def flush() -> None:
        nonlocal rows
        if rows:
            blocks.append(TableBlock(rows=_vertical(rows)))
            rows = []

    for at, line in enumerate(lines):
        if line.startswith("\t") and line.count("\t") == 1 and not tab_cells:
            line = line[1:]  # a paragraph indented with a tab
        elif line.startswith("\t") and line.count("\t") == 1:
            if cell_row is None:
                cell_row = []
            cell_row.append(line[1:].strip())
            continue
        if not line.strip():
            if cell_row is not None:
                rows.append(cell_row)
                cell_row = None
            if at in empty_cells:
                rows.append([""])
            continue
        cells = split_row(line, terminated)
        if cell_row is not None:
            if cells is None:
                cell_row[-1] = f"{cell_row[-1]}\n{line.strip()}".strip()
                continue
            rows.append(cell_row)
            cell_row = None
        if cells is not None:
            if cells:
                rows.append(cells)
            continue
        flush()
        blocks.append(Paragraph(_MD_MARKUP.sub("", line.strip())))
    if cell_row is not None:
        rows.append(cell_row)
    flush()
    return Document(blocks=blocks, kind=kind)


def decode(data: bytes) -> str:
    """Bytes of a text file as text: BOMs first, then UTF-8, then GB 18030."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030")


def read(path) -> Document:
    with open(path, "rb") as fh:
        return parse(decode(fh.read()))
