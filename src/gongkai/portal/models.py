"""Online submissions (网上申请) waiting for the office's confirmation, and daily visit counters.

A submission becomes an application only when staff confirm it: the day of that confirmation
is the day of receipt (《条例》第三十一条第三项). The applicant follows it with its number and a
query code, of which only a keyed hash is stored.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from gongkai import clock


class Submission(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", "待确认"
        CONFIRMED = "confirmed", "已确认收到"

    agency = models.ForeignKey("agencies.Agency", verbose_name="机关", on_delete=models.PROTECT,
                               related_name="+")  # fmt: skip
    number = models.CharField("网上申请编号", max_length=20, unique=True)
    code_hash = models.CharField("查询码摘要", max_length=64)
    submitted_on = models.DateField("提交之日")
    submitted_at = models.DateTimeField("提交时间", default=clock.now)
    data = models.JSONField("申请内容", help_text="经登记校验的申请字段（含个人信息）")
    scan_name = models.CharField("身份证明文件名", max_length=200, blank=True)
    scan_stored = models.CharField("身份证明存储名", max_length=80, blank=True)
    state = models.CharField("状态", max_length=12, choices=State.choices, default=State.PENDING)
    application = models.OneToOneField("applications.Application", verbose_name="申请", null=True, blank=True,
                                       on_delete=models.PROTECT, related_name="+")  # fmt: skip
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")  # fmt: skip
    version = models.PositiveIntegerField("版本", default=1)

    class Meta:
        verbose_name = "网上申请"
        verbose_name_plural = "网上申请"
        ordering = ["submitted_at", "id"]
        indexes = [models.Index(fields=["agency", "state"], name="portal_submission_queue")]

    def __str__(self) -> str:
        return self.number


class Visit(models.Model):
    """Page views of one public page on one day: a count only, nothing about the visitor."""

    day = models.DateField("日期")
    path = models.CharField("页面", max_length=200)
    item = models.ForeignKey(
        "catalogue.Item", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    agency = models.ForeignKey("agencies.Agency", null=True, blank=True, on_delete=models.CASCADE,
                               related_name="+")  # fmt: skip
    count = models.PositiveIntegerField("访问次数", default=0)

    class Meta:
        verbose_name = "访问量"
        verbose_name_plural = "访问量"
        constraints = [models.UniqueConstraint(fields=["day", "path"], name="portal_visit_day_path")]

    def __str__(self) -> str:
        return f"{self.day} {self.path} {self.count}"


class RateCount(models.Model):
    """One rate-limit counter (or one used proof-of-work solution) for one fixed window, shared by
    every worker and machine on the database (`abuse`). The key holds only a keyed hash of the
    address, document number, contact or tracking number counted — nothing readable."""

    key = models.CharField("键", max_length=120, primary_key=True)
    count = models.PositiveIntegerField("次数", default=0)
    expires = models.BigIntegerField("过期时间（Unix秒）", db_index=True)

    class Meta:
        verbose_name = "频率计数"
        verbose_name_plural = "频率计数"

    def __str__(self) -> str:
        return f"{self.key} {self.count}"
