"""Reconsideration (行政复议) and litigation (行政诉讼) records about disclosure decisions.

`kind` and `result` use the keys of section 四 of the annual report (groups and columns), so the
statistics are a plain count. An appeal may concern an application of the agency (``application``)
or something recorded without one (e.g. a complaint about proactive disclosure).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from gongkai import clock


class Appeal(models.Model):
    class Kind(models.TextChoices):
        REVIEW = "review", "行政复议"
        LAWSUIT_DIRECT = "lawsuit_direct", "行政诉讼（未经复议直接起诉）"
        LAWSUIT_AFTER_REVIEW = "lawsuit_after_review", "行政诉讼（复议后起诉）"

    class Result(models.TextChoices):
        UPHELD = "upheld", "维持"
        CORRECTED = "corrected", "纠正"
        OTHER = "other", "其他结果"
        PENDING = "pending", "尚未审结"

    agency = models.ForeignKey("agencies.Agency", verbose_name="被申请人/被告机关", on_delete=models.PROTECT,
                               related_name="appeals")
    application = models.ForeignKey("applications.Application", verbose_name="相关申请", null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="appeals")
    kind = models.CharField("类型", max_length=24, choices=Kind.choices)
    body = models.CharField("复议机关/法院", max_length=100)
    case_number = models.CharField("案号", max_length=100, blank=True)
    appellant = models.CharField("申请人/原告", max_length=100, blank=True)
    filed_on = models.DateField("申请/立案日期")
    decided_on = models.DateField("决定/判决日期", null=True, blank=True)
    result = models.CharField("结果", max_length=12, choices=Result.choices, default=Result.PENDING)
    summary = models.TextField("结果摘要", blank=True)
    created_at = models.DateTimeField(default=clock.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")

    class Meta:
        verbose_name = "行政复议或行政诉讼"
        verbose_name_plural = "行政复议和行政诉讼"
        ordering = ["-filed_on", "-id"]
        indexes = [models.Index(fields=["agency", "filed_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(decided_on__isnull=True) | models.Q(decided_on__gte=models.F("filed_on")),
                name="appeal_decided_after_filed",
            ),
            models.CheckConstraint(
                condition=models.Q(result="pending") | models.Q(decided_on__isnull=False),
                name="appeal_result_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.case_number or self.filed_on}"
