"""Forms of the applications pages: they parse what a person typed, the services decide.

Each step form turns the POST into the keyword arguments of one service in
`gongkai.applications.services` (`service_kwargs`); every rule about *whether* a step is allowed
and what it needs stays in the services and the workflow table. Field-level checks only call the
core's own validators (e.g. `identity.validate`) so that the message appears beside the field.
"""

from __future__ import annotations

from django import forms

from gongkai import clock
from gongkai.applications import attachments, identity, vocab
from gongkai.applications.models import (
    DOCUMENT_CHOICES,
    Application,
    Attachment,
    outcome_choices,
)
from gongkai.web.forms import field

BLANK = [("", "——")]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def _on_field(label: str = "办理日期") -> forms.DateField:
    return forms.DateField(label=label, initial=clock.today, widget=DateInput(),
                           help_text="事项实际发生之日（默认今天），法定期限据此计算")


# --- intake (登记) ------------------------------------------------------------------------------------


class IntakeForm(forms.Form):
    """Registering an application (Art. 29, 31); `services.register` does the full validation."""

    channel = forms.ChoiceField(label="申请方式", choices=BLANK + vocab.Channel.choices)
    received_on = forms.DateField(label="收到申请之日", widget=DateInput(), initial=clock.today,
                                  help_text="按《条例》第三十一条确定，见下方说明；网上、电子邮件、传真提交的，为双方确认之日")
    submitted_on = forms.DateField(label="申请人提交之日（网上、电子邮件、传真）", required=False, widget=DateInput(),
                                   help_text="与双方确认之日不同时填写，例如周末提交、下一工作日确认")
    confirm_date = forms.BooleanField(label="已核对：双方确认之日无误", required=False,
                                      help_text="双方确认之日为非工作日且不同于提交之日时，须核对后勾选")
    applicant_type = forms.ChoiceField(label="申请人类型", choices=vocab.ApplicantType.choices,
                                       initial="natural_person")
    applicant_name = forms.CharField(label="申请人姓名", max_length=100,
                                     help_text="法人或其他组织填写联系人姓名")
    organisation_name = forms.CharField(label="法人或其他组织名称", max_length=200, required=False)
    organisation_code = forms.CharField(label="统一社会信用代码", max_length=18, required=False)
    id_type = forms.ChoiceField(label="身份证明类型", choices=DOCUMENT_CHOICES, initial="resident_id")
    id_number = forms.CharField(label="身份证明号码", max_length=30)
    phone = forms.CharField(label="联系电话", max_length=30, required=False)
    email = forms.CharField(label="电子邮箱", max_length=254, required=False)
    address = forms.CharField(label="通信地址", max_length=200, required=False)
    postcode = forms.CharField(label="邮政编码", max_length=6, required=False)
    description = forms.CharField(label="所需政府信息的名称或特征性描述", widget=forms.Textarea(attrs={"rows": 3}))
    items = forms.CharField(
        label="申请事项（一事一申请，每行一项）", required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="申请了多项信息的，每行写一项；留空则以上面的描述作为唯一事项",
    )
    document_number = forms.CharField(label="文号", max_length=100, required=False)
    purpose = forms.CharField(label="用途", max_length=200, required=False)
    form = forms.ChoiceField(label="获取信息的方式", choices=BLANK + vocab.InfoForm.choices)
    delivery = forms.ChoiceField(label="获取信息的途径", choices=BLANK + vocab.Delivery.choices)
    identity_file = forms.FileField(label="身份证明材料", required=False,
                                    help_text="PDF、图片或Word文件，按文件内容识别类型")
    application_file = forms.FileField(label="申请书", required=False)

    def clean(self):
        super().clean()
        data = self.cleaned_data
        if data.get("id_type") and data.get("id_number"):
            try:
                data["id_number"] = identity.validate(data["id_type"], data["id_number"])
            except identity.IdentityError as exc:
                self.add_error("id_number", str(exc))
        if data.get("applicant_type") in vocab.ORGANISATION_TYPES:
            if not (data.get("organisation_name") or "").strip():
                self.add_error("organisation_name", "法人或其他组织申请的，请填写其名称")
            try:
                data["organisation_code"] = identity.validate("credit_code", data.get("organisation_code") or "")
            except identity.IdentityError as exc:
                self.add_error("organisation_code", str(exc))
        return data

    def clean_identity_file(self):
        return _checked_file(self.cleaned_data.get("identity_file"))

    def clean_application_file(self):
        return _checked_file(self.cleaned_data.get("application_file"))

    def files_to_attach(self) -> list[tuple[str, str, bytes]]:
        """(kind, original name, content) of the uploaded files, already checked by the core."""
        return [(kind, f.name, f.read()) for kind, f in (("identity", self.cleaned_data.get("identity_file")),
                                                          ("application", self.cleaned_data.get("application_file")))
                if f]

    def item_texts(self) -> list[str]:
        return [line.strip() for line in (self.cleaned_data.get("items") or "").splitlines() if line.strip()]


def _checked_file(upload):
    """The upload when the core accepts its size and content type (`attachments.detect`)."""
    if upload is None:
        return None
    if upload.size > attachments.MAX_BYTES:
        raise forms.ValidationError(f"文件不能超过{attachments.MAX_BYTES // (1024 * 1024)}MB")
    try:
        attachments.detect(upload.read())
    except attachments.AttachmentError as exc:
        raise forms.ValidationError(str(exc)) from None
    upload.seek(0)
    return upload


class AttachmentForm(forms.Form):
    """One uploaded file; its size and type are checked by the core from the content."""

    kind = forms.ChoiceField(label="材料类型", choices=Attachment.Kind.choices)
    file = forms.FileField(label="文件")

    def clean_file(self):
        return _checked_file(self.cleaned_data.get("file"))


# --- steps (transitions) -----------------------------------------------------------------------------


class StepForm(forms.Form):
    """Base of every step form: the hidden `version` the person saw (optimistic locking)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    with_date = True

    def __init__(self, *args, application: Application, date_label: str = "办理日期", **kwargs):
        self.application = application
        kwargs.setdefault("initial", {}).setdefault("version", application.version)
        super().__init__(*args, **kwargs)
        if self.with_date:
            self.fields["on"] = _on_field(date_label)

    def service_kwargs(self) -> dict:
        """Keyword arguments for the service (besides the application and the user)."""
        data = dict(self.cleaned_data)
        return {k: v for k, v in data.items() if v is not None or k == "on"}


class PlainStepForm(StepForm):
    """A step that needs nothing but its date (received correction, payment, lapses, send)."""


class ReasonStepForm(StepForm):
    """Review, sign-off, return: an optional note, kept in the audit log."""

    reason = forms.CharField(label="意见", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ReturnDraftForm(StepForm):
    reason = forms.CharField(label="退回理由", widget=forms.Textarea(attrs={"rows": 2}))


class CorrectionRequestForm(StepForm):
    content = forms.CharField(label="需要补正的全部事项", widget=forms.Textarea(attrs={"rows": 3}),
                              help_text="《条例》第三十条：一次性告知需要补正的事项")
    reply_by = forms.DateField(label="补正期限", widget=DateInput(), help_text="给予申请人的合理补正期限")


def _party_received_field() -> forms.DateField:
    return forms.DateField(label="对方收到征求意见之日", required=False, widget=DateInput(),
                           help_text="《条例》第三十二条、第三十四条：对方提出意见的15个工作日自其收到之日起算。"
                                     "当面送达的为发出当日；邮寄的以签收之日为准，尚不知道的可在得知后登记")


class ThirdPartyStartForm(StepForm):
    third_party = forms.CharField(label="第三方名称", max_length=200)
    received = _party_received_field()


class ConsultationStartForm(StepForm):
    other_agency = forms.CharField(label="被征求意见机关", max_length=200)
    received = _party_received_field()


class FinishConsultationForm(StepForm):
    expired = forms.BooleanField(label="期满未答复", required=False)
    opinion = forms.CharField(label="意见摘要", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    received = _party_received_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["received"].help_text = "尚未登记对方收到之日的，在此填写（期满未答复须以此计算15个工作日）"


class ExtensionForm(StepForm):
    """The clerk's request or the head's approval; the approval starts from the pending request."""

    days = forms.IntegerField(label="延长工作日数", min_value=1, initial=20,
                              help_text="《条例》第三十三条第二款：延长期限最长不超过20个工作日")
    reason = forms.CharField(label="延期理由", widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, pending=None, **kwargs):
        if pending is not None:
            kwargs.setdefault("initial", {}).update(days=pending.data.get("days"), reason=pending.data.get("reason"))
        super().__init__(*args, **kwargs)


class DeclineExtensionForm(StepForm):
    reason = forms.CharField(label="不同意延期的理由", max_length=500, widget=forms.Textarea(attrs={"rows": 2}))


class AskReasonsForm(StepForm):
    content = forms.CharField(label="要求申请人说明的理由", max_length=1000, widget=forms.Textarea(attrs={"rows": 2}),
                              help_text="《条例》第三十五条：申请数量、频次明显超过合理范围的，可以要求申请人说明理由")


class DeferReplyForm(StepForm):
    until = forms.DateField(label="确定的答复日期", widget=DateInput(),
                            help_text="《条例》第三十五条：理由合理但无法在法定期限内答复的，确定延迟答复的合理期限并告知申请人")
    reason = forms.CharField(label="申请人说明的理由及审查意见", max_length=1000,
                             widget=forms.Textarea(attrs={"rows": 2}))


class CloseOtherForm(StepForm):
    reason = forms.CharField(label="终止办理的原因", max_length=500, widget=forms.Textarea(attrs={"rows": 2}),
                             help_text="如：申请人于某日书面撤回申请（撤回书可作为材料上传）")


class ReopenForm(StepForm):
    note = forms.CharField(label="纠正决定或判决", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class _ItemsMixin:
    """Forms with one or more fields per requested item (一事一申请)."""

    application: Application  # set by `StepForm`

    def items(self):
        if not hasattr(self, "_items"):
            self._items = list(self.application.items.order_by("position"))
        return self._items


class CorrectionForm(_ItemsMixin, StepForm):
    """What the applicant corrected (Art. 30): each item's corrected wording, and a note."""

    note = forms.CharField(label="补正说明", max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2}),
                           help_text="申请事项表述以外补正的内容，如补交的身份证明")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for item in self.items():
            self.fields[f"item_{item.position}"] = forms.CharField(
                label=f"第{item.position}项（补正后的表述）", initial=item.description, max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}))

    def service_kwargs(self) -> dict:
        d = self.cleaned_data
        return {"items": {i.position: d[f"item_{i.position}"] for i in self.items()}, "note": d.get("note") or "",
                "on": d.get("on"), "version": d["version"]}


class FeeNoticeForm(_ItemsMixin, StepForm):
    """The fee basis per item (按件 / 按量 with pages); the core assesses the itemised fee."""

    delivered = forms.DateField(label="申请人收到通知之日", required=False, widget=DateInput(),
                                help_text="缴费期限自收到通知次日起20个工作日；当面送达的填发出当日，邮寄等可在得知后登记"
                                          "（登记前不计算缴费期限，也不能按逾期未缴费处理）")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for item in self.items():
            self.fields[f"basis_{item.position}"] = forms.ChoiceField(
                label=f"第{item.position}项计费方式", choices=[("count", "按件计收"), ("volume", "按量计收")],
                initial=item.fee_basis or "count")
            self.fields[f"pages_{item.position}"] = forms.IntegerField(
                label=f"第{item.position}项页数（按量）", min_value=0, initial=item.pages, required=False)

    def service_kwargs(self) -> dict:
        d = self.cleaned_data
        bases = {i.position: (d[f"basis_{i.position}"], d.get(f"pages_{i.position}") or 0) for i in self.items()}
        return {"bases": bases, "delivered": d.get("delivered"), "on": d.get("on"), "version": d["version"]}


class DraftReplyForm(_ItemsMixin, StepForm):
    """One outcome (Art. 36–39 reply kind) and its reasons per item."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for item in self.items():
            self.fields[f"outcome_{item.position}"] = forms.ChoiceField(
                label=f"第{item.position}项处理结果", choices=BLANK + outcome_choices(), initial=item.outcome)
            self.fields[f"reason_{item.position}"] = forms.CharField(
                label=f"第{item.position}项理由", required=False, initial=item.reason,
                widget=forms.Textarea(attrs={"rows": 2}))

    def service_kwargs(self) -> dict:
        d = self.cleaned_data
        outcomes = {i.position: (d[f"outcome_{i.position}"], d.get(f"reason_{i.position}") or "")
                    for i in self.items()}
        return {"outcomes": outcomes, "on": d.get("on"), "version": d["version"]}


class SplitItemForm(_ItemsMixin, StepForm):
    with_date = False
    position = forms.TypedChoiceField(label="要拆分的事项", coerce=int, choices=[])
    parts = forms.CharField(label="拆分后的事项（每行一项）", widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field(self, "position", forms.ChoiceField).choices = [(i.position, f"第{i.position}项：{i.description[:30]}") for i in self.items()]

    def service_kwargs(self) -> dict:
        d = self.cleaned_data
        return {"position": d["position"], "parts": d["parts"].splitlines(), "version": d["version"]}


class MergeItemsForm(_ItemsMixin, StepForm):
    with_date = False
    positions = forms.TypedMultipleChoiceField(label="要合并的事项", coerce=int, choices=[],
                                               widget=forms.CheckboxSelectMultiple)
    description = forms.CharField(label="合并后的事项", widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field(self, "positions", forms.MultipleChoiceField).choices = [(i.position, f"第{i.position}项：{i.description[:30]}") for i in self.items()]


class DuplicateForm(StepForm):
    """Pick the earlier answered application; candidates come from `services.duplicate_candidates`."""

    earlier = forms.TypedChoiceField(label="此前已答复的申请", coerce=int, choices=[])

    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.candidates = {a.pk: a for a, _ in candidates}
        field(self, "earlier", forms.ChoiceField).choices = [
            (a.pk, f"{a.tracking_number}（{a.received_on:%Y-%m-%d}，相似度{score:.0%}）：{a.description[:30]}")
            for a, score in candidates
        ]

    def service_kwargs(self) -> dict:
        d = self.cleaned_data
        return {"earlier": self.candidates[d["earlier"]], "on": d.get("on"), "version": d["version"]}


#: What the date of each step is (the day the clock event happened), shown as the field label.
DATE_LABELS = {
    "request_correction": "告知补正之日",
    "record_correction": "收到补正材料之日",
    "record_party_receipt": "对方收到征求意见之日",
    "request_extension": "申请延期之日",
    "decline_extension": "决定之日",
    "ask_reasons": "要求说明理由之日",
    "defer_reply": "确定延迟答复期限之日",
    "record_fee_delivery": "申请人收到收费通知之日",
    "correction_lapsed": "认定逾期未补正之日",
    "start_third_party": "书面征求意见之日",
    "finish_third_party": "第三方答复（或期满）之日",
    "start_consultation": "书面征求意见之日",
    "finish_consultation": "其他机关答复（或期满）之日",
    "approve_extension": "批准延期之日",
    "issue_fee_notice": "发出收费通知之日",
    "record_payment": "缴费之日",
    "fee_lapsed": "认定逾期未缴费之日",
    "send_reply": "答复送达之日",
    "close_other": "撤回（终止）之日",
    "reopen": "收到纠正决定或判决之日",
}

#: transition name → its form (names of `gongkai.applications.workflow.TRANSITIONS`).
STEP_FORMS: dict[str, type[StepForm]] = {
    "request_correction": CorrectionRequestForm,
    "record_correction": CorrectionForm,
    "record_party_receipt": PlainStepForm,
    "request_extension": ExtensionForm,
    "decline_extension": DeclineExtensionForm,
    "ask_reasons": AskReasonsForm,
    "defer_reply": DeferReplyForm,
    "record_fee_delivery": PlainStepForm,
    "correction_lapsed": PlainStepForm,
    "start_third_party": ThirdPartyStartForm,
    "finish_third_party": FinishConsultationForm,
    "start_consultation": ConsultationStartForm,
    "finish_consultation": FinishConsultationForm,
    "approve_extension": ExtensionForm,
    "issue_fee_notice": FeeNoticeForm,
    "record_payment": PlainStepForm,
    "fee_lapsed": PlainStepForm,
    "split_item": SplitItemForm,
    "merge_items": MergeItemsForm,
    "mark_duplicate": DuplicateForm,
    "draft_reply": DraftReplyForm,
    "return_draft": ReturnDraftForm,
    "review": ReasonStepForm,
    "sign_off": ReasonStepForm,
    "send_reply": PlainStepForm,
    "close_other": CloseOtherForm,
    "reopen": ReopenForm,
}


# --- agency settings (机关管理员) ----------------------------------------------------------------


class CalendarOverrideForm(forms.Form):
    """One change to the agency's working-day calendar; whether the date may be changed is the service's rule."""

    date = forms.DateField(label="日期", widget=DateInput())
    workday = forms.TypedChoiceField(label="调整为", choices=[("0", "停止办公（调为休息日）"), ("1", "调为工作日")],
                                     coerce=lambda v: v == "1", widget=forms.RadioSelect, initial="0")
    note = forms.CharField(label="说明", max_length=200, help_text="例如：办公楼停电闭馆；经批准周六补班")


class LetterTemplateForm(forms.Form):
    """A replacement Word template; the letters core checks its package and tags."""

    file = forms.FileField(label="Word模板（.docx）", widget=forms.ClearableFileInput(
        attrs={"accept": ".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"}))
