"""Forms of the desk pages: they parse what a person typed; `gongkai.desk.services` decides."""

from __future__ import annotations

from django import forms

from gongkai import clock
from gongkai.applications.forms import BLANK, DateInput
from gongkai.desk.models import Case, Channel, Kind, Reception, Role, Satisfaction

#: Channels a person at the desk registers a case from (the portal and the platform import have their own).
STAFF_CHANNELS = [(c.value, c.label) for c in (Channel.PHONE, Channel.WALK_IN, Channel.LETTER, Channel.EMAIL,
                                               Channel.HOTLINE, Channel.ASSIGNED)]
MAX_UPLOAD = 5 * 1024 * 1024
#: The office fields offer the agency's child agencies and known offices (<datalist id="offices">).
OFFICE_INPUT = forms.TextInput(attrs={"list": "offices", "autocomplete": "off"})


class CaseForm(forms.Form):
    """A new case; the fields a kind does not use are ignored by the service."""

    kind = forms.ChoiceField(label="类别", choices=list(Kind.choices))
    channel = forms.ChoiceField(label="渠道", choices=STAFF_CHANNELS)
    number = forms.CharField(label="编号", required=False, max_length=60,
                             help_text="12345工单编号、建议提案号；咨询和投诉留空则自动编号")
    received_on = forms.DateField(label="收到/交办日期", initial=clock.today, widget=DateInput())
    due_on = forms.DateField(label="答复期限", required=False, widget=DateInput(),
                             help_text="12345转办件填平台规定的时限；留空则按本机关设置计算")
    title = forms.CharField(label="标题/事由", max_length=200)
    topic = forms.CharField(label="主题", required=False, max_length=40, help_text="如：社会救助、养老服务、婚姻登记")
    question = forms.CharField(label="内容", required=False, widget=forms.Textarea(attrs={"rows": 4}), max_length=20000)
    asker_name = forms.CharField(label="提问人/来电人", required=False, max_length=100)
    asker_phone = forms.CharField(label="联系电话", required=False, max_length=40)
    asker_email = forms.CharField(label="电子邮箱", required=False, max_length=254)
    consent = forms.BooleanField(label="提问人同意公开答复", required=False)
    member = forms.CharField(label="代表/委员姓名", required=False, max_length=100)
    role = forms.ChoiceField(label="主办/协办", required=False, choices=BLANK + list(Role.choices))
    office = forms.CharField(label="承办科室/单位", required=False, max_length=100, widget=OFFICE_INPUT)


class AssignForm(forms.Form):
    office = forms.CharField(label="承办科室/单位", max_length=100, widget=OFFICE_INPUT)


class ReplyForm(forms.Form):
    text = forms.CharField(label="答复内容", widget=forms.Textarea(attrs={"rows": 5}), max_length=20000)
    on = forms.DateField(label="答复日期", initial=clock.today, widget=DateInput())


class CloseForm(forms.Form):
    on = forms.DateField(label="办结日期", initial=clock.today, widget=DateInput())


class SatisfactionForm(forms.Form):
    satisfaction = forms.ChoiceField(label="满意度", choices=BLANK + list(Satisfaction.choices))


class ProposeForm(forms.Form):
    title = forms.CharField(label="公开标题", max_length=200)
    question = forms.CharField(label="公开的问题", required=False, widget=forms.Textarea(attrs={"rows": 3}),
                               max_length=20000)
    reply_text = forms.CharField(label="公开的答复或摘要", widget=forms.Textarea(attrs={"rows": 5}), max_length=20000)
    summary = forms.BooleanField(label="公开的是答复摘要", required=False)

    @classmethod
    def for_case(cls, case: Case) -> ProposeForm:
        title = case.public_title or case.title
        return cls(initial={"title": title, "question": case.public_question or case.question,
                            "reply_text": case.public_reply or case.reply, "summary": case.public_is_summary})


class ResolveForm(forms.Form):
    how = forms.ChoiceField(label="处理方式", choices=[("redact", "遮盖全部发现"), ("accept", "确认可以公开")])
    reason = forms.CharField(label="可以公开的理由", required=False, max_length=2000)


class CommentForm(forms.Form):
    comment = forms.CharField(label="理由", widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)


class EmptyForm(forms.Form):
    pass


#: The form of each step (the service's keyword arguments are its cleaned data).
STEP_FORMS: dict[str, type[forms.Form]] = {
    "assign": AssignForm, "reply": ReplyForm, "close": CloseForm, "satisfaction": SatisfactionForm,
    "propose": ProposeForm, "resolve": ResolveForm, "publish": EmptyForm, "return": CommentForm,
    "decline": CommentForm, "withdraw": CommentForm,
}


class ReceptionForm(forms.Form):
    on = forms.DateField(label="日期", initial=clock.today, widget=DateInput())
    channel = forms.ChoiceField(label="方式", choices=list(Reception.Channel.choices))
    count = forms.IntegerField(label="人次", min_value=0, max_value=100000)


class SettingsForm(forms.Form):
    reply_days = forms.IntegerField(label="咨询、投诉答复期限（工作日）", min_value=1, max_value=60)
    proposal_months = forms.IntegerField(label="建议提案办理期限（月）", min_value=1, max_value=12)


class ImportForm(forms.Form):
    file = forms.FileField(label="12345平台导出的工单表（.xlsx 或 .csv）")
    dry_run = forms.BooleanField(label="只检查，不导入", required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError("文件不能超过5MB")
        if not upload.name.lower().endswith((".xlsx", ".csv")):
            raise forms.ValidationError("只能导入 .xlsx 或 .csv 文件")
        return upload
