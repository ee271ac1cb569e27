"""Word (.docx) in the shape agencies publish: A4, 方正小标宋 title, 仿宋_GB2312 body, page numbers,
and the tables of the national format with their merged header cells (gridSpan / vMerge).

python-docx makes the package once (styles, page, footer); each report's body is then written as
WordprocessingML directly from the layout's `Grid`s, which is what keeps rendering well above 50
reports a second and states each covered cell exactly as Word writes it.
"""

from __future__ import annotations

import io
import zipfile
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

from docx import Document as new_document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt

from gongkai.annual.model import Report
from gongkai.annual.render.layout import Cell, Grid, date_line, parts, title

#: fonts named as agencies name them (GB/T 9704 公文格式); Word falls back when one is missing
TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING_FONT = "黑体"
SUBHEADING_FONT = "楷体_GB2312"
TABLE_FONT = "宋体"
LATIN_FONT = "Times New Roman"

PAGE_WIDTH, PAGE_HEIGHT = Cm(21), Cm(29.7)
MARGINS = {"top": Cm(3.7), "bottom": Cm(3.5), "left": Cm(2.8), "right": Cm(2.6)}
TEXT_WIDTH_TWIPS = int((21 - 2.8 - 2.6) / 2.54 * 1440)
#: tables in 五号 (10.5 pt), wide ones in 小五 (9 pt)
TABLE_PT, WIDE_TABLE_PT, WIDE_TABLE = 10.5, 9, 4
DOCUMENT_PART = "word/document.xml"
CORE_PART = "docProps/core.xml"


def _run(text: str, font: str, size: float) -> str:
    """A run naming both fonts: Word picks w:eastAsia for Chinese characters, w:ascii for digits."""
    half_points = int(size * 2)
    lines = "<w:br/>".join(f'<w:t xml:space="preserve">{escape(line)}</w:t>' for line in text.split("\n"))
    return (
        f'<w:r><w:rPr><w:rFonts w:ascii="{LATIN_FONT}" w:hAnsi="{LATIN_FONT}" w:eastAsia="{font}"/>'
        f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/></w:rPr>{lines}</w:r>'
    )


def _paragraph(
    text: str, font: str = BODY_FONT, size: float = 16, align: str = "", keep_next: bool = False
) -> str:
    """A paragraph at the fixed line pitch of 公文 (28 pt body, 2-character first-line indent);
    `keep_next` holds a heading on the page of the table under it."""
    pitch = 560 if size <= 16 else 720
    first = f'<w:ind w:firstLineChars="200" w:firstLine="{int(size * 40)}"/>' if not align else ""
    jc = f'<w:jc w:val="{align}"/>' if align else ""
    keep = "<w:keepNext/>" if keep_next else ""
    run = _run(text, font, size) if text else ""
    return (
        f'<w:p><w:pPr>{keep}<w:spacing w:before="0" w:after="0" w:line="{pitch}" w:lineRule="exact"/>'
        f"{first}{jc}</w:pPr>{run}</w:p>"
    )


def _is_subheading(text: str) -> bool:
    """（一）主动公开情况: short numbered lines under a section heading, set in 楷体."""
    return text.startswith("（") and "）" in text[:5] and len(text) <= 30 and "。" not in text


def _cell_xml(cell: Cell, width: int, size: float, vmerge: str = "") -> str:
    span = f'<w:gridSpan w:val="{cell.cols}"/>' if cell.cols > 1 else ""
    merge = f'<w:vMerge w:val="{vmerge}"/>' if vmerge == "restart" else ("<w:vMerge/>" if vmerge else "")
    font = HEADING_FONT if cell.header and not cell.scope.startswith("row") else TABLE_FONT
    text = _run(cell.text, font, size) if cell.text and vmerge != "continue" else ""
    align = "left" if cell.scope == "row" else "center"
    return (
        f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{span}{merge}<w:vAlign w:val="center"/></w:tcPr>'
        f'<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
        f'<w:jc w:val="{align}"/></w:pPr>{text}</w:p></w:tc>'
    )


def _table_xml(grid: Grid) -> str:
    total = sum(grid.widths)
    widths = [int(TEXT_WIDTH_TWIPS * w / total) for w in grid.widths]
    size = WIDE_TABLE_PT if grid.width > WIDE_TABLE else TABLE_PT
    rows = []
    for r, row in enumerate(grid.rows):
        tcs = []
        for c, slot in enumerate(row):
            if isinstance(slot, Cell):
                width = sum(widths[c : c + slot.cols])
                tcs.append(_cell_xml(slot, width, size, "restart" if slot.rows > 1 else ""))
            elif slot.row < r and slot.col == c:
                origin = grid.rows[slot.row][slot.col]
                assert isinstance(origin, Cell)  # a covered position points at its merged cell
                width = sum(widths[c : c + origin.cols])
                tcs.append(_cell_xml(origin, width, size, "continue"))
        repeat = "<w:tblHeader/>" if r < grid.head else ""
        rows.append(
            f'<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val="380"/>{repeat}</w:trPr>{"".join(tcs)}</w:tr>'
        )
    borders = "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    columns = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    return (
        f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
        f'<w:jc w:val="center"/><w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/>'
        f'<w:tblCellMar><w:left w:w="40" w:type="dxa"/><w:right w:w="40" w:type="dxa"/></w:tblCellMar>'
        f"</w:tblPr><w:tblGrid>{columns}</w:tblGrid>{''.join(rows)}</w:tbl>"
    )


def _page_number_footer(section) -> None:
    """— 3 — centred at the foot of every page, as in printed 公文."""
    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    rpr = '<w:rPr><w:rFonts w:ascii="宋体" w:hAnsi="宋体" w:eastAsia="宋体"/><w:sz w:val="28"/></w:rPr>'
    for inner in (
        '<w:t xml:space="preserve">— </w:t>',
        '<w:fldChar w:fldCharType="begin"/>',
        '<w:instrText xml:space="preserve"> PAGE </w:instrText>',
        '<w:fldChar w:fldCharType="separate"/>',
        "<w:t>1</w:t>",
        '<w:fldChar w:fldCharType="end"/>',
        '<w:t xml:space="preserve"> —</w:t>',
    ):
        p._p.append(parse_xml(f"<w:r {nsdecls('w')}>{rpr}{inner}</w:r>"))


#: the styles the package keeps; python-docx's default template carries 160, 0.8 MB with their copies
KEPT_STYLES = {"Normal", "DefaultParagraphFont", "TableNormal", "NoList", "TableGrid", "Header", "HeaderChar"}
KEPT_STYLES |= {"Footer", "FooterChar"}
#: parts of the default template no report needs (a thumbnail of an empty page, Word 2010 style copies)
DROPPED_RELATIONS = ("/thumbnail", "/stylesWithEffects", "/customXml")


def _trim(doc) -> None:
    """Leave out what the default template carries but a report never uses, which keeps each
    file small and rendering fast."""
    for rels in (doc.part.package.rels, doc.part.rels):
        for rid, rel in list(rels.items()):
            if rel.reltype.endswith(DROPPED_RELATIONS):
                rels.pop(rid)
    for style in list(doc.styles):
        if style.style_id not in KEPT_STYLES:
            style.delete()


@lru_cache(maxsize=1)
def _skeleton() -> tuple[dict[str, bytes], str, str]:
    """The package every report shares, made once with python-docx: A4 page, margins, the Normal
    style's fonts, the page-number footer. Returns its parts and document.xml split where the
    body goes."""
    doc = new_document()
    section = doc.sections[0]
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    for side, value in MARGINS.items():
        setattr(section, f"{side}_margin", value)
    normal = doc.styles["Normal"]
    normal.font.name = LATIN_FONT
    normal.font.size = Pt(16)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)
    _page_number_footer(section)
    _trim(doc)
    buffer = io.BytesIO()
    doc.save(buffer)
    with zipfile.ZipFile(buffer) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    document = parts.pop(DOCUMENT_PART).decode()
    cut = document.index("<w:sectPr")
    return parts, document[:cut], document[cut:]


def _core(report: Report) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f"<dc:title>{escape(title(report))}</dc:title><dc:creator>{escape(report.agency or '')}</dc:creator>"
        "</cp:coreProperties>"
    ).encode()


def body_xml(report: Report) -> str:
    """The body: title, the sections with their tables, the agency and date at the foot."""
    out = [_paragraph(title(report), TITLE_FONT, 22, align="center"), _paragraph("")]
    for part in parts(report):
        table_next = part.grid is not None
        if part.heading:
            out.append(_paragraph(part.heading, HEADING_FONT, keep_next=table_next or bool(part.paragraphs)))
        for n, text in enumerate(part.paragraphs, 1):
            font = SUBHEADING_FONT if _is_subheading(text) else BODY_FONT
            out.append(_paragraph(text, font, keep_next=table_next and n == len(part.paragraphs)))
        if part.grid is not None:
            out.extend((_table_xml(part.grid), _paragraph("")))
    signature = [line for line in (report.agency, date_line(report)) if line]
    if signature:
        out.append(_paragraph(""))
        out.extend(_paragraph(line, align="right") for line in signature)
    return "".join(out)


def render(report: Report) -> bytes:
    parts_, head, tail = _skeleton()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as package:
        for name, data in parts_.items():
            package.writestr(name, _core(report) if name == CORE_PART else data)
        package.writestr(DOCUMENT_PART, head + body_xml(report) + tail)
    return out.getvalue()


def write(report: Report, path: Path) -> None:
    Path(path).write_bytes(render(report))
