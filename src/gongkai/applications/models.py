"""Application records (政府信息公开申请): the application, its items, events, letters, attachments.

The statutory clock is never stored as truth: `ApplicationEvent` rows are the clock's event list
(`gongkai.rules.clock`), and `Application.due_on` / `due_provisional` are a denormalised copy of
the computed due date, refreshed by the services on every event (fast sortable lists). While a
consultation or fee pause is open the stored date assumes it ends on the day of the last event;
the case page computes the live clock, and `gongkai applications recompute-due` refreshes rows.
State changes go through `gongkai.applications.services` only; `version` guards against two
people changing the same application at once (optimistic locking).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from gongkai import clock, personal_data
from gongkai.applications import identity, vocab
from gongkai.applications.workflow import STATE_LABELS, State
from gongkai.rules.outcomes import ReplyKind

STATE_CHOICES = [(s.value, STATE_LABELS[s]) for s in State]
DOCUMENT_CHOICES = [(d.value, identity.DOCUMENT_LABELS[d]) for d in identity.DocumentType]


def outcome_choices() -> list[tuple[str, str]]:
    """Reply kinds of Art. 36–39 (`gongkai.rules.outcomes.ReplyKind`): key → description."""
    return [(kind.key, kind.description) for kind in ReplyKind]


class Application(models.Model):
    """One application for government information, from receipt to reply."""

    agency = models.ForeignKey("agencies.Agency", verbose_name="机关", on_delete=models.PROTECT,
                               related_name="applications")
    tracking_number = models.CharField("受理编号", max_length=20, unique=True)
    channel = models.CharField("申请方式", max_length=16, choices=vocab.Channel.choices)
    received_on = models.DateField("收到申请之日", help_text="按《条例》第三十一条确定")
    applicant_type = models.CharField("申请人类型", max_length=16, choices=vocab.ApplicantType.choices)
    applicant_name = models.CharField("申请人姓名（法人或其他组织填联系人）", max_length=100)
    organisation_name = models.CharField("法人或其他组织名称", max_length=200, blank=True)
    organisation_code = models.CharField("统一社会信用代码", max_length=18, blank=True)
    id_type = models.CharField("身份证明类型", max_length=20, choices=DOCUMENT_CHOICES)
    id_number = models.CharField("身份证明号码", max_length=30)
    phone = models.CharField("联系电话", max_length=30, blank=True)
    email = models.EmailField("电子邮箱", blank=True)
    address = models.CharField("通信地址", max_length=200, blank=True)
    postcode = models.CharField("邮政编码", max_length=6, blank=True)
    description = models.TextField("所需政府信息的名称、文号或者便于查询的其他特征性描述")
    document_number = models.CharField("文号", max_length=100, blank=True)
    purpose = models.CharField("用途", max_length=200, blank=True)
    form = models.CharField("获取信息的方式", max_length=16, choices=vocab.InfoForm.choices)
    delivery = models.CharField("获取信息的途径", max_length=16, choices=vocab.Delivery.choices)

    state = models.CharField("状态", max_length=16, choices=STATE_CHOICES, default=State.RECEIVED.value)
    round = models.PositiveSmallIntegerField("办理轮次", default=1, help_text="复议或诉讼纠正后重新答复时加一")
    due_on = models.DateField("答复期限", null=True, blank=True)
    due_provisional = models.BooleanField("期限暂定", default=False)
    closed_on = models.DateField("办结日期", null=True, blank=True)
    report_row = models.CharField("年报统计口径", max_length=40, blank=True)
    duplicate_of = models.ForeignKey("self", verbose_name="重复的申请", null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="duplicates")
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="经办人", null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")
    version = models.PositiveIntegerField("版本", default=1)
    created_at = models.DateTimeField("登记时间", default=clock.now)
    updated_at = models.DateTimeField("更新时间", default=clock.now)

    class Meta:
        verbose_name = "政府信息公开申请"
        verbose_name_plural = "政府信息公开申请"
        ordering = ["-received_on", "-id"]
        indexes = [
            models.Index(fields=["agency", "received_on"]),
            models.Index(fields=["agency", "closed_on"]),
            models.Index(fields=["agency", "state", "due_on"]),
            models.Index(fields=["agency", "id_number"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closed_on__isnull=True) | models.Q(closed_on__gte=models.F("received_on")),
                name="application_closed_after_received",
            )
        ]

    def __str__(self) -> str:
        return self.tracking_number

    # --- display helpers for the UI (masking: see gongkai.applications.identity) ---------------

    @property
    def id_number_masked(self) -> str:
        """The identity number as shown everywhere except the case page for the agency's staff."""
        return identity.mask(self.id_number)

    @property
    def applicant_label(self) -> str:
        """Organisation name for organisations, else the person's name."""
        return self.organisation_name or self.applicant_name

    @property
    def applicant_label_masked(self) -> str:
        """`applicant_label` for readers without access to personal data (张*; an organisation's
        name is not personal data and stays)."""
        return self.organisation_name or personal_data.mask_free_text(self.applicant_name)

    @property
    def is_open(self) -> bool:
        return State(self.state) not in (State.REPLIED, State.CLOSED)

    @property
    def state_label(self) -> str:
        return STATE_LABELS[State(self.state)]


class Item(models.Model):
    """One requested item (申请事项); the reply gives each item exactly one outcome."""

    class FeeBasis(models.TextChoices):
        COUNT = "count", "按件计收"
        VOLUME = "volume", "按量计收"

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField("序号", default=1)
    description = models.TextField("申请事项")
    outcome = models.CharField("处理结果（答复类型）", max_length=40, blank=True, choices=outcome_choices)
    reason = models.TextField("理由", blank=True)
    fee_basis = models.CharField("计费方式", max_length=8, choices=FeeBasis.choices, blank=True)
    pages = models.PositiveIntegerField("页数", default=0)

    class Meta:
        verbose_name = "申请事项"
        verbose_name_plural = "申请事项"
        ordering = ["application", "position"]

    def __str__(self) -> str:
        return f"{self.application_id}#{self.position}"


class ApplicationEvent(models.Model):
    """One event of the statutory clock (kind = a `gongkai.rules.clock` event kind), persisted."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    round = models.PositiveSmallIntegerField("办理轮次", default=1)
    kind = models.CharField("事件", max_length=40)
    on = models.DateField("日期")
    data = models.JSONField("参数", default=dict, blank=True)
    note = models.TextField("说明", blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                              related_name="+")
    created_at = models.DateTimeField(default=clock.now)

    class Meta:
        verbose_name = "办理事件"
        verbose_name_plural = "办理事件"
        ordering = ["application", "round", "on", "id"]

    def __str__(self) -> str:
        return f"{self.kind} {self.on}"


class Letter(models.Model):
    """A generated letter (告知书); the .docx is kept under DATA_DIR with a generated name."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="letters")
    kind = models.CharField("文书类型", max_length=40)
    title = models.CharField("标题", max_length=100)
    path = models.CharField("文件", max_length=200)
    created_at = models.DateTimeField(default=clock.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")

    class Meta:
        verbose_name = "告知书"
        verbose_name_plural = "告知书"
        ordering = ["application", "created_at", "id"]

    def __str__(self) -> str:
        return self.title


class Attachment(models.Model):
    """An uploaded file (identity proof, the applicant's letter); stored under a generated name."""

    class Kind(models.TextChoices):
        IDENTITY = "identity", "身份证明"
        APPLICATION = "application", "申请书"
        CORRECTION = "correction", "补正材料"
        OTHER = "other", "其他材料"

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField("材料类型", max_length=16, choices=Kind.choices)
    original_name = models.CharField("原文件名", max_length=200)
    stored_name = models.CharField("存储名", max_length=80, unique=True)
    content_type = models.CharField("文件类型", max_length=100)
    size = models.PositiveIntegerField("大小（字节）")
    uploaded_at = models.DateTimeField(default=clock.now)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")

    class Meta:
        verbose_name = "附件"
        verbose_name_plural = "附件"
        ordering = ["application", "uploaded_at"]

    def __str__(self) -> str:
        return self.original_name


class LetterTemplate(models.Model):
    """An agency's own Word template for one letter kind, replacing the shipped default."""

    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="letter_templates")
    kind = models.CharField("文书类型", max_length=40)
    stored_name = models.CharField("存储名", max_length=80)
    uploaded_at = models.DateTimeField(default=clock.now)

    class Meta:
        verbose_name = "告知书模板"
        verbose_name_plural = "告知书模板"
        constraints = [models.UniqueConstraint(fields=["agency", "kind"], name="unique_letter_template")]

    def __str__(self) -> str:
        return f"{self.agency_id}:{self.kind}"


class AgencyCalendarOverride(models.Model):
    """An agency's own change to the working-day calendar (a local closure or extra working day)."""

    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="calendar_overrides")
    date = models.DateField("日期")
    workday = models.BooleanField("是否工作日")
    note = models.CharField("说明", max_length=200)
    created_at = models.DateTimeField(default=clock.now)

    class Meta:
        verbose_name = "本机关工作日调整"
        verbose_name_plural = "本机关工作日调整"
        ordering = ["agency", "date"]
        constraints = [models.UniqueConstraint(fields=["agency", "date"], name="unique_calendar_override")]

    def __str__(self) -> str:
        return f"{self.date} {'工作日' if self.workday else '休息日'}（{self.note}）"
