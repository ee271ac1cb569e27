"""Tables of the service desk. Rules live in `gongkai.desk.services` and `gongkai.desk.workflow`.

One `Case` table for every kind of desk case (咨询、投诉、12345转办件、人大代表建议、政协提案):
they share the reply, the deadline, the office handling them, publication and the queue; the
kind decides which of the other fields are used. The asker's name, phone and e-mail are
personal data: shown masked everywhere but the case page for the agency's own staff.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from gongkai.agencies.models import Agency, User
from gongkai.desk.workflow import LABELS, State


class Kind(models.TextChoices):
    CONSULTATION = "consultation", "咨询"
    COMPLAINT = "complaint", "投诉"
    HOTLINE = "hotline", "12345转办件"
    NPC = "npc", "人大代表建议"
    CPPCC = "cppcc", "政协提案"


#: Kinds whose asker decides whether the reply may be published.
ASKER_KINDS = frozenset({Kind.CONSULTATION, Kind.COMPLAINT})
#: Kinds handled as proposals (建议提案): a member, a number per year, main or assisting office.
PROPOSAL_KINDS = frozenset({Kind.NPC, Kind.CPPCC})


class Channel(models.TextChoices):
    PHONE = "phone", "电话"
    WALK_IN = "walk_in", "现场"
    PORTAL = "portal", "网站"
    LETTER = "letter", "信函"
    EMAIL = "email", "电子邮件"
    HOTLINE = "hotline", "12345热线"
    ASSIGNED = "assigned", "交办"


class Role(models.TextChoices):
    MAIN = "main", "主办"
    ASSISTING = "assisting", "协办"


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", "满意"
    BASICALLY = "basically", "基本满意"
    UNSATISFIED = "unsatisfied", "不满意"


class DeskSettings(models.Model):
    """An agency's own deadlines (the defaults are the common practice)."""

    agency = models.OneToOneField(Agency, on_delete=models.CASCADE, related_name="desk_settings")
    reply_days = models.PositiveSmallIntegerField(
        "咨询、投诉答复期限（工作日）", default=5, validators=[MinValueValidator(1), MaxValueValidator(60)])
    proposal_months = models.PositiveSmallIntegerField(
        "建议提案办理期限（自交办之日起月数）", default=3, validators=[MinValueValidator(1), MaxValueValidator(12)])

    class Meta:
        verbose_name = verbose_name_plural = "服务台设置"

    def __str__(self) -> str:
        return f"{self.reply_days}个工作日 / {self.proposal_months}个月"


class Case(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="desk_cases", verbose_name="机关")
    kind = models.CharField("类别", max_length=16, choices=Kind.choices)
    channel = models.CharField("渠道", max_length=16, choices=Channel.choices)
    number = models.CharField("编号", max_length=60, help_text="12345工单编号、建议提案号或本机关登记号")
    year = models.PositiveSmallIntegerField("年度")
    state = models.CharField("状态", max_length=16, choices=[(s.value, LABELS[s]) for s in State], default=State.OPEN)
    version = models.PositiveIntegerField("版本", default=1)

    title = models.CharField("标题/事由", max_length=200)
    topic = models.CharField("主题", max_length=40, blank=True)
    question = models.TextField("内容", blank=True)
    asker_name = models.CharField("提问人/来电人", max_length=100, blank=True)
    asker_phone = models.CharField("联系电话", max_length=40, blank=True)
    asker_email = models.CharField("电子邮箱", max_length=254, blank=True)
    consent = models.BooleanField("同意公开答复", default=False)
    member = models.CharField("代表/委员", max_length=100, blank=True)
    role = models.CharField("主办/协办", max_length=10, choices=Role.choices, blank=True)

    received_on = models.DateField("收到/交办日期")
    due_on = models.DateField("答复期限")
    due_provisional = models.BooleanField("期限暂定", default=False)
    office = models.CharField("承办科室/单位", max_length=100, blank=True)

    reply = models.TextField("答复内容", blank=True)
    replied_on = models.DateField("答复日期", null=True, blank=True)
    late = models.BooleanField("逾期答复", default=False)
    closed_on = models.DateField("办结日期", null=True, blank=True)
    satisfaction = models.CharField("满意度", max_length=12, choices=Satisfaction.choices, blank=True)

    public_title = models.CharField("公开标题", max_length=200, blank=True)
    public_question = models.TextField("公开的问题", blank=True)
    public_reply = models.TextField("公开的答复或摘要", blank=True)
    public_is_summary = models.BooleanField("公开答复摘要", default=False)
    findings = models.JSONField("发布前审查发现", default=list, blank=True)
    findings_accepted = models.TextField("审查发现可公开的理由", blank=True)
    published_on = models.DateField("公开日期", null=True, blank=True)
    not_published_reason = models.TextField("不予公开的理由", blank=True)

    created_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField("登记时间")

    class Meta:
        verbose_name = verbose_name_plural = "服务台事项"
        ordering = ["-received_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "number"], condition=Q(kind="hotline"),
                                    name="desk_hotline_number_unique"),
            models.UniqueConstraint(fields=["agency", "kind", "year", "number"], name="desk_number_unique_per_year"),
        ]
        indexes = [models.Index(fields=["agency", "state", "due_on"]), models.Index(fields=["agency", "year", "kind"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"

    @property
    def state_label(self) -> str:
        return LABELS[State(self.state)]


class Reception(models.Model):
    """Front-desk visitors (现场接待) and information phone calls (咨询电话) of one day."""

    class Channel(models.TextChoices):
        WALK_IN = "walk_in", "现场接待"
        PHONE = "phone", "咨询电话"

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="desk_reception", verbose_name="机关")
    on = models.DateField("日期")
    channel = models.CharField("方式", max_length=10, choices=Channel.choices)
    count = models.PositiveIntegerField("人次", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "接待人次"
        ordering = ["-on", "channel"]
        constraints = [models.UniqueConstraint(fields=["agency", "on", "channel"], name="desk_reception_unique")]

    def __str__(self) -> str:
        return f"{self.on} {self.get_channel_display()} {self.count}"  # type: ignore[attr-defined]
