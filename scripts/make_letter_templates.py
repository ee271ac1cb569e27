"""Generate the default letter templates (告知书模板) of gongkai.applications as Word files.

Run once after changing the wording below: ``.venv/bin/python scripts/make_letter_templates.py``.
The output, ``src/gongkai/applications/letter_templates/<kind>.docx``, is what an office opens in
Word to restyle or reword (docxtpl tags such as ``{{ a.tracking_number }}`` stay in place); an
agency may upload its own version of any kind. The variables are listed in
`gongkai.applications.letters.context`.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

OUT = Path(__file__).resolve().parents[1] / "src" / "gongkai" / "applications" / "letter_templates"
SERIF, SANS = "Noto Serif CJK SC", "Noto Sans CJK SC"

RECEIVED = "本机关于{{ a.received }}收到{{ a.applicant }}提出的政府信息公开申请（受理编号：{{ a.tracking_number }}），申请获取“{{ a.description }}”。"
#: The remedies paragraph comes whole from gongkai.rules.remedies (by reply date and reply kinds).
REMEDIES = "{{ remedies.text }}"
ITEMS_TABLE = ("序号", "申请事项", "处理结果", "依据", "理由")
ITEM_ROW = ("{{ item.no }}", "{{ item.description }}", "{{ item.decision }}", "{{ item.article }}", "{{ item.reason }}")
FEE_TABLE = ("计费方式及档次", "数量", "单价（元）", "小计（元）")
FEE_ROW = ("{{ line.band }}", "{{ line.quantity }}", "{{ line.unit_price }}", "{{ line.subtotal }}")
REPLY_LEAD = RECEIVED + "经审查，现答复如下："
#: Every reply: each item with its own reply, article and reasons, then one sentence per kind of
#: reply given (the letters core writes them, naming the items: Art. 37 only for a separated item).
REPLY_BODY = [REPLY_LEAD, ("table", ITEMS_TABLE, ITEM_ROW, "item in items"),
              ("paragraphs", "{{ line }}", "line in conclusions")]

#: kind → (title, addressee, [paragraph | ("table", header, row, loop) | ("paragraphs", text, loop)],
#: remedies?)
LETTERS: dict[str, tuple[str, str, list, bool]] = {
    "correction_notice": ("政府信息公开申请补正告知书", "{{ a.applicant }}", [
        RECEIVED,
        "经审查，您的申请内容需要补正。根据《中华人民共和国政府信息公开条例》第三十条的规定，现一次性告知您需要补正的事项：{{ correction.content }}",
        "请于{{ correction.reply_by }}前向本机关提交补正材料。答复期限自本机关收到补正后的申请之日起计算。无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。",
    ], False),
    "third_party_letter": ("政府信息公开第三方意见征询函", "{{ third_party.name }}", [
        "本机关于{{ a.received }}收到政府信息公开申请（受理编号：{{ a.tracking_number }}），申请公开的“{{ a.description }}”可能涉及贵方的商业秘密、个人隐私等合法权益。",
        "根据《中华人民共和国政府信息公开条例》第三十二条的规定，现书面征求贵方意见，请{% if third_party.deadline %}于{{ third_party.deadline }}前（自收到本函之日起15个工作日内）{% else %}自收到本函之日起15个工作日内{% endif %}书面提出意见。逾期未提出意见的，由本机关依照条例的规定决定是否公开。",
        "第三方不同意公开且有合理理由的，本机关不予公开；本机关认为不公开可能对公共利益造成重大影响的，可以决定予以公开，并将决定公开的政府信息内容和理由书面告知贵方。",
    ], False),
    "extension_notice": ("政府信息公开申请延期答复告知书", "{{ a.applicant }}", [
        RECEIVED,
        "因{{ extension.reason }}，本机关不能在法定期限内作出答复。根据《中华人民共和国政府信息公开条例》第三十三条第二款的规定，经本机关政府信息公开工作机构负责人同意，答复期限延长{{ extension.days }}个工作日，延长后的答复期限至{{ extension.due }}。",
    ], False),
    "deferral_notice": ("政府信息公开申请延迟答复告知书", "{{ a.applicant }}", [
        RECEIVED,
        "您申请公开政府信息的数量、频次明显超过合理范围，本机关已要求您说明理由。经审查，本机关认为您说明的理由合理，但无法在《中华人民共和国政府信息公开条例》第三十三条规定的期限内答复。根据该条例第三十五条的规定，本机关确定延迟答复的期限至{{ deferral.until }}，将于该日前作出答复。",
    ], False),
    "fee_notice": ("政府信息公开信息处理费收费通知书", "{{ a.applicant }}", [
        RECEIVED,
        "您在同一自然月内申请公开政府信息的数量、频次明显超过合理范围。根据《中华人民共和国政府信息公开条例》第四十二条和《政府信息公开信息处理费管理办法》的规定，本机关依法收取信息处理费，计费明细如下：",
        ("table", FEE_TABLE, FEE_ROW, "line in fee.lines"),
        "合计：{{ fee.total }}元。请{% if fee.pay_by %}于{{ fee.pay_by }}前（自收到本通知次日起20个工作日内）{% else %}自收到本通知次日起20个工作日内{% endif %}缴纳。自发出本通知至缴费之日的期间不计算在答复期限内；逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。",
    ], False),
    "reply_granted": ("政府信息公开申请答复书", "{{ a.applicant }}", REPLY_BODY, True),
    "reply_partial": ("政府信息公开申请答复书（部分公开）", "{{ a.applicant }}", REPLY_BODY, True),
    "reply_denied": ("政府信息公开申请答复书（不予公开）", "{{ a.applicant }}", REPLY_BODY, True),
    "reply_inquiry": ("政府信息公开申请答复书", "{{ a.applicant }}", REPLY_BODY, True),
    "reply_unavailable": ("政府信息公开申请答复书（无法提供）", "{{ a.applicant }}", REPLY_BODY, True),
    "reply_not_processed": ("政府信息公开申请答复书（不予处理）", "{{ a.applicant }}", REPLY_BODY, True),
    "reply_other": ("政府信息公开申请终止办理告知书", "{{ a.applicant }}", REPLY_BODY, True),
    "reply_mixed": ("政府信息公开申请答复书", "{{ a.applicant }}", REPLY_BODY, True),
}


def _font(run, name: str, size: float, bold: bool = False) -> None:
    run.font.name, run.font.size, run.font.bold = name, Pt(size), bold
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)


def _para(doc, text: str, *, align=None, size: float = 14, font: str = SERIF, bold=False, indent=True):
    p = doc.add_paragraph()
    if align is not None:
        p.alignment = align
    if indent and align is None:
        p.paragraph_format.first_line_indent = Pt(size * 2)
    p.paragraph_format.line_spacing = 1.5
    _font(p.add_run(text), font, size, bold)
    return p


def _table(doc, header: tuple[str, ...], row: tuple[str, ...], loop: str) -> None:
    table = doc.add_table(rows=4, cols=len(header))
    table.style = "Table Grid"
    rows = [header, (f"{{%tr for {loop} %}}",) + ("",) * (len(header) - 1), row,
            ("{%tr endfor %}",) + ("",) * (len(header) - 1)]
    for cells, values in zip(table.rows, rows, strict=True):
        for cell, value in zip(cells.cells, values, strict=True):
            cell.text = ""
            _font(cell.paragraphs[0].add_run(value), SANS if cells is table.rows[0] else SERIF, 11,
                  bold=cells is table.rows[0])


def build(kind: str) -> Document:
    title, addressee, body, remedies = LETTERS[kind]
    doc = Document()
    for section in doc.sections:
        section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
        section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    _para(doc, "{{ agency.name }}", align=WD_ALIGN_PARAGRAPH.CENTER, size=22, font=SANS, bold=True)
    _para(doc, title, align=WD_ALIGN_PARAGRAPH.CENTER, size=18, font=SANS, bold=True)
    _para(doc, "受理编号：{{ a.tracking_number }}", align=WD_ALIGN_PARAGRAPH.RIGHT, size=12)
    _para(doc, addressee + "：", indent=False)
    for block in body:
        if isinstance(block, str):
            _para(doc, block)
        elif block[0] == "table":
            _table(doc, *block[1:])
        else:  # one paragraph per list element (docxtpl paragraph loop)
            _, text, loop = block
            _para(doc, f"{{%p for {loop} %}}")
            _para(doc, text)
            _para(doc, "{%p endfor %}")
    if remedies:
        _para(doc, REMEDIES)
    _para(doc, "联系机构：{{ agency.office_name }}　地址：{{ agency.address }}　邮编：{{ agency.postcode }}"
               "　电话：{{ agency.phone }}　传真：{{ agency.fax }}　电子邮箱：{{ agency.email }}", size=11)
    _para(doc, "{{ agency.name }}", align=WD_ALIGN_PARAGRAPH.RIGHT)
    _para(doc, "{{ date }}", align=WD_ALIGN_PARAGRAPH.RIGHT)
    return doc


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for kind in LETTERS:
        build(kind).save(OUT / f"{kind}.docx")
        print(f"wrote {OUT / f'{kind}.docx'}")


if __name__ == "__main__":
    main()
