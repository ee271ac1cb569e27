"""Input parsing of the reports room, with Chinese messages."""

from __future__ import annotations

from functools import cache

from django import forms

from gongkai.annual.formats import FORMATS, era_for_year
from gongkai.web.forms import field

#: longest text of one section (the longest published reports run to a few thousand characters)
MAX_SECTION_CHARS = 20_000


class FigureForm(forms.Form):
    """One cell entered by hand: which cell, the value (blank: back to the records), the source."""

    cell = forms.ChoiceField(label="数据项")
    value = forms.CharField(label="数值", required=False, max_length=20,
                            help_text="留空则撤销人工填报，恢复按记录统计")
    source = forms.CharField(label="数据来源", required=False, max_length=200,
                             widget=forms.TextInput(attrs={"placeholder": "如：行政许可办件系统年度统计"}))

    def __init__(self, *args, report, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cell = field(self, "cell", forms.ChoiceField)
        cell.choices = cell_choices(report.year)
        cell.error_messages["invalid_choice"] = "报告表格中没有这一项"


@cache
def cell_choices(year: int) -> tuple[tuple[str, str], ...]:
    """Every cell of the year's tables: (``table.row.column``, a short Chinese label)."""
    fmt = FORMATS[era_for_year(year)]
    return tuple(
        (f"{t.key}.{r.key}.{c.key}", f"{t.title[:8]}｜{r.label[:24]}｜{c.label}")
        for t in fmt.tables for r, c in t.cells()
    )


class TextForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    assessment = forms.CharField(label="工作考核、社会评议和责任追究结果（第五部分，《条例》第五十条第四项）",
                                 required=False, max_length=MAX_SECTION_CHARS, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, sections, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for s in sections:
            self.fields[s.key] = forms.CharField(
                label=f"{s.number}、{s.title}", required=False, max_length=MAX_SECTION_CHARS,
                widget=forms.Textarea(attrs={"rows": 10 if not s.table else 3}),
                error_messages={"max_length": f"{s.number}、{s.title}：不能超过{MAX_SECTION_CHARS}字"},
            )
        self.order_fields(["version", *(s.key for s in sections), "assessment"])


class UploadForm(forms.Form):
    file = forms.FileField(label="上年度报告文件（.docx/.pdf/.html/.txt）",
                           error_messages={"required": "请选择要上传的文件", "empty": "文件是空的"})
