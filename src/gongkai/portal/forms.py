"""The public forms: the online application (《条例》第二十九条) and the status query."""

from __future__ import annotations

from django import forms
from django.db import models

from gongkai.agencies.models import Agency
from gongkai.applications import attachments
from gongkai.applications.models import DOCUMENT_CHOICES, Application


def _choices(name: str):
    """The application model's own choices of a field (the intake checks the same ones)."""
    field = Application._meta.get_field(name)
    assert isinstance(field, models.Field)
    return field.choices


class ApplyForm(forms.Form):
    agency = forms.ModelChoiceField(label="向哪个机关申请", queryset=Agency.objects.order_by("level", "-kind", "name"),
                                    empty_label="请选择机关")  # fmt: skip
    applicant_type = forms.ChoiceField(
        label="申请人类型", choices=_choices("applicant_type"), initial="natural_person"
    )
    applicant_name = forms.CharField(label="姓名（法人或其他组织填联系人姓名）", max_length=100)
    organisation_name = forms.CharField(label="法人或其他组织名称", max_length=200, required=False)
    organisation_code = forms.CharField(label="统一社会信用代码", max_length=18, required=False)
    id_type = forms.ChoiceField(label="身份证明类型", choices=DOCUMENT_CHOICES, initial="resident_id")
    id_number = forms.CharField(label="身份证明号码", max_length=30)
    id_scan = forms.FileField(label="身份证明扫描件（PDF、JPG、PNG，10MB以内）")
    phone = forms.CharField(label="联系电话", max_length=30, required=False)
    email = forms.CharField(label="电子邮箱", max_length=254, required=False)
    address = forms.CharField(label="通信地址", max_length=200, required=False)
    postcode = forms.CharField(label="邮政编码", max_length=6, required=False)
    description = forms.CharField(label="所需政府信息的名称、文号或者便于查询的其他特征性描述", max_length=2000,
                                  widget=forms.Textarea(attrs={"rows": 5}))  # fmt: skip
    document_number = forms.CharField(label="文号（如知道）", max_length=100, required=False)
    purpose = forms.CharField(label="用途（选填）", max_length=200, required=False)
    form = forms.ChoiceField(label="获取信息的方式", choices=_choices("form"), initial="paper")
    delivery = forms.ChoiceField(label="获取信息的途径", choices=_choices("delivery"), initial="post")
    altcha = forms.CharField(widget=forms.HiddenInput, required=False, max_length=2000)

    def clean_id_scan(self):
        upload = self.cleaned_data["id_scan"]
        if upload.size > attachments.MAX_BYTES:
            raise forms.ValidationError(f"文件不能超过{attachments.MAX_BYTES // (1024 * 1024)}MB")
        return upload


class QueryForm(forms.Form):
    number = forms.CharField(label="网上申请编号", max_length=20)
    code = forms.CharField(label="查询码", max_length=20)


class ConsultForm(forms.Form):
    """A consultation or complaint (咨询/投诉) to one agency's service desk."""

    kind = forms.ChoiceField(label="类别", choices=[("consultation", "咨询"), ("complaint", "投诉")],
                             initial="consultation")  # fmt: skip
    title = forms.CharField(label="标题", max_length=200)
    question = forms.CharField(label="内容", max_length=5000, widget=forms.Textarea(attrs={"rows": 6}))
    name = forms.CharField(label="姓名", max_length=100)
    phone = forms.CharField(label="联系电话", max_length=30, required=False)
    email = forms.EmailField(label="电子邮箱", max_length=254, required=False)
    consent = forms.BooleanField(label="同意在答复后公开本咨询及答复（不公开姓名和联系方式）", required=False)
    altcha = forms.CharField(widget=forms.HiddenInput, required=False, max_length=2000)
