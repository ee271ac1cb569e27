"""Forms of the catalogue's staff pages. They parse input; the services decide what is allowed."""

from __future__ import annotations

from django import forms
from django.db.models import Q

from gongkai.catalogue.models import (
    ART_20_CHOICES,
    WITHHELD_REASONS,
    Channel,
    Genre,
    InterpretationKind,
    Item,
    ScreenFinding,
    SubjectCategory,
    Validity,
)
from gongkai.catalogue.services import EDITABLE_FIELDS
from gongkai.web.forms import field

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class NoSuffix:
    """Chinese labels take no colon after them."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class CategoryChoiceField(forms.ModelChoiceField):
    """Categories shown with their code, children indented under their parent."""

    def label_from_instance(self, obj: SubjectCategory) -> str:
        return ("\u3000" if obj.parent_id else "") + f"{obj.code} {obj.name}"


class ItemForm(NoSuffix, forms.ModelForm):
    """A draft's metadata and body, exactly the fields `services.EDITABLE_FIELDS` accepts."""

    category = CategoryChoiceField(label="主题分类", queryset=SubjectCategory.objects.none(), required=False)
    # a text reference, not a select: an agency may hold thousands of policies
    interprets = forms.CharField(
        label="所解读的政策",
        required=False,
        max_length=100,
        help_text="填写政策的索引号、文号或编号（#编号）；体裁为“政策解读”时必填，解读与政策同步发布。",
    )
    #: the version the person is editing (optimistic locking); absent on a new draft
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)

    class Meta:
        model = Item
        fields = EDITABLE_FIELDS
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "body": forms.Textarea(attrs={"rows": 12, "class": "rich"}),
            "attribute_note": forms.Textarea(attrs={"rows": 2}),
            "date_made": DATE,
            "date_changed": DATE,
        }
        help_texts = {
            "body": "可使用段落、标题、列表、表格和链接等HTML格式；保存时自动清除脚本和样式等不安全内容。",
            "attribute": "拟定公开属性（《条例》第十七条）：依申请公开或不予公开须说明理由。",
            "withheld_reason": "不予公开时必选，依据《条例》第十四条至第十六条。",
            "date_changed": "信息变更后填写，发布期限自变更之日重新计算（《条例》第二十六条）。",
        }

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        category = field(self, "category", forms.ModelChoiceField)
        category.queryset = SubjectCategory.objects.filter(agency=agency).order_by("code")
        category.empty_label = "请选择"
        field(self, "art20_item", forms.ChoiceField).choices = [("", "请选择（如适用）"), *ART_20_CHOICES]
        self.policies = Item.objects.filter(agency=agency).exclude(genre=Genre.INTERPRETATION)
        if self.instance.pk and self.instance.interprets_id:
            self.initial.setdefault("interprets", policy_ref(self.instance.interprets))
        field(self, "interpretation_kind", forms.ChoiceField).choices = [("", "—"), *InterpretationKind.choices]
        field(self, "withheld_reason", forms.ChoiceField).choices = [("", "—"), *WITHHELD_REASONS]
        if self.instance.pk:
            self.initial.setdefault("version", self.instance.version)

    def item_fields(self) -> dict:
        """The cleaned fields `services.create_item` / `update_item` take (the version apart)."""
        return {k: v for k, v in self.cleaned_data.items() if k != "version"}

    def clean_interprets(self) -> Item | None:
        """The agency's policy named by #id, index number or document number (newest first)."""
        ref = self.cleaned_data["interprets"].strip()
        if not ref:
            return None
        key = ref.removeprefix("#")
        found = self.policies.filter(pk=int(key)).first() if key.isdigit() else None
        found = (
            found
            or self.policies.filter(Q(index_number=ref) | Q(doc_number=ref)).order_by("-date_made").first()
        )
        if found is None:
            raise forms.ValidationError(f"本机关没有索引号、文号或编号为“{ref}”的政策文件")
        return found


def policy_ref(item: Item) -> str:
    """How a policy is named in the interpretation field: its index number, else its 文号, else #id."""
    return item.index_number or item.doc_number or f"#{item.pk}"


class AttachmentForm(NoSuffix, forms.Form):
    file = forms.FileField(
        label="附件", help_text="PDF、Word（.docx）、Excel（.xlsx）、图片、OFD或ZIP，按内容检查类型"
    )


class CommentForm(NoSuffix, forms.Form):
    """A transition button's comment (required by the workflow for 退回 and 撤回)."""

    name = forms.CharField(widget=forms.HiddenInput)
    comment = forms.CharField(
        label="意见", required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )
    #: the item's version on the page the button was on (optimistic locking)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)


class FindingForm(NoSuffix, forms.Form):
    resolution = forms.ChoiceField(
        choices=[
            (ScreenFinding.Resolution.REDACTED, "已删除/遮盖"),
            (ScreenFinding.Resolution.ACCEPTED, "确认可公开"),
        ]
    )
    reason = forms.CharField(label="理由", required=False, max_length=2000)


class ValidityForm(NoSuffix, forms.Form):
    validity = forms.ChoiceField(label="有效性", choices=Validity.choices)
    on = forms.DateField(label="日期", widget=DATE)
    superseded_by = forms.CharField(label="替代文件索引号", required=False, max_length=100)
    note = forms.CharField(label="说明", required=False, max_length=500)


class ChannelForm(NoSuffix, forms.Form):
    channel = forms.ChoiceField(label="渠道", choices=Channel.choices)
    on = forms.DateField(label="日期", widget=DATE)
    note = forms.CharField(label="说明", required=False, max_length=200)


class HandoverForm(NoSuffix, forms.Form):
    channel = forms.ChoiceField(label="渠道", choices=Channel.choices)
    year = forms.IntegerField(label="年度", required=False, min_value=1949, max_value=2100)
    format = forms.ChoiceField(label="格式", choices=[("csv", "CSV"), ("xlsx", "Excel（.xlsx）")])


class YearForm(NoSuffix, forms.Form):
    year = forms.IntegerField(label="年度", min_value=1949, max_value=2100)


class FiguresForm(NoSuffix, forms.Form):
    """Section 二 figures not held in the catalogue: one field per cell of the year's format."""

    source = forms.CharField(
        label="数据来源", max_length=200, help_text="如：行政许可办件系统年度统计、财务决算报表"
    )

    def __init__(self, *args, cells, held, **kwargs):
        super().__init__(*args, **kwargs)
        self.cells = cells
        for cell in cells:
            figure = held.get(cell.key)
            self.fields[cell.key] = forms.DecimalField(
                label=cell.label + ("（万元）" if cell.money and "万元" not in cell.label else ""),
                required=False,
                decimal_places=4 if cell.money else None,
                initial=figure.value.normalize() if figure is not None else None,
                help_text=f"导入项目代码 {cell.key}"
                + (f"；来源：{figure.source}" if figure is not None else ""),
            )
        sources = {f.source for f in held.values()}
        if len(sources) == 1:
            self.fields["source"].initial = sources.pop()
        self.order_fields([c.key for c in cells] + ["source"])

    def values(self) -> dict[str, object]:
        return {c.key: self.cleaned_data.get(c.key) for c in self.cells}


#: Largest spreadsheet a figures import accepts.
MAX_IMPORT_SIZE = 10 * 1024 * 1024


class FiguresImportForm(NoSuffix, forms.Form):
    file = forms.FileField(
        label="导入表格（.xlsx 或 .csv）",
        help_text="列：机关、年度、项目（如 licensing.decisions）、数值、来源；不超过10MB",
    )

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload is not None and upload.size > MAX_IMPORT_SIZE:  # before it is read into memory
            raise forms.ValidationError(f"文件不能超过{MAX_IMPORT_SIZE // (1024 * 1024)}MB")
        return upload


class GuideForm(NoSuffix, forms.Form):
    body = forms.CharField(
        label="指南正文",
        widget=forms.Textarea(attrs={"rows": 24, "class": "rich"}),
        help_text="HTML格式；保存时自动清除不安全内容。每次保存形成一个新版本。",
    )
    note = forms.CharField(label="修改说明", required=False, max_length=200)


class CategoryForm(NoSuffix, forms.Form):
    """Add a subject category or rename one (same code) — `services.save_category`."""

    code = forms.CharField(label="分类代码", max_length=20, help_text="已有代码则修改该分类")
    name = forms.CharField(label="分类名称", max_length=100)
    parent = CategoryChoiceField(
        label="上级分类", queryset=SubjectCategory.objects.none(), required=False, empty_label="（顶级）"
    )
    art20_item = forms.TypedChoiceField(
        label="对应第二十条事项", required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        field(self, "parent", forms.ModelChoiceField).queryset = (
            SubjectCategory.objects.filter(agency=agency).order_by("code"))
        field(self, "art20_item", forms.ChoiceField).choices = [("", "—"), *ART_20_CHOICES]
