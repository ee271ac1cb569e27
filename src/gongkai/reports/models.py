"""Annual reports being produced, their hand-entered figures, their frozen publications, and
last year's reports brought in from outside (baselines)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from gongkai import clock
from gongkai.reports.workflow import LABELS, State


class Scope(models.TextChoices):
    """What a report covers. A department reports its own work; a government chooses between its
    own office and its whole area (its departments' and townships' tables added to its own)."""

    AGENCY = "agency", "本机关"
    AREA = "area", "本行政区域（含所属部门汇总）"


class Report(models.Model):
    """One agency's annual report for one year: the tables as drafted from the records (a
    snapshot, refreshed only on request), the narrative per section, and its workflow state."""

    agency = models.ForeignKey("agencies.Agency", verbose_name="机关", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("年度")
    scope = models.CharField("报告范围", max_length=8, choices=Scope.choices, default=Scope.AGENCY)
    state = models.CharField("状态", max_length=12, choices=[(s.value, LABELS[s]) for s in State], default=State.DRAFT)
    version = models.PositiveIntegerField("版本", default=1)
    #: the tables as computed from the records when drafted: {"proactive": {...}, "applications": ...}
    figures = models.JSONField("统计数据", default=dict)
    #: narrative text per section key (overview, proactive, …, other)
    sections = models.JSONField("正文", default=dict)
    #: the drafted paragraphs' sources: section key → [[paragraph text, [[ref, label, value], …]], …]
    #: (a fourth item, when present, is the words before the number in the paragraph)
    sources = models.JSONField("数据来源", default=dict, blank=True)
    #: Art. 50(4): 工作考核、社会评议和责任追究结果, entered by staff for section 五
    assessment = models.TextField("工作考核、社会评议和责任追究结果", blank=True)
    #: reasons recorded for warnings: finding key → {"reason", "by", "at"}
    acknowledged = models.JSONField("提示说明", default=dict, blank=True)
    drafted_at = models.DateTimeField("生成时间", null=True, blank=True)
    drafted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    #: why the report was reopened after publication (the next publication is a correction)
    correction_reason = models.TextField("更正原因", blank=True)
    created_at = models.DateTimeField(default=clock.now)
    updated_at = models.DateTimeField(default=clock.now)

    class Meta:
        verbose_name = "年度报告"
        verbose_name_plural = "年度报告"
        ordering = ["-year", "agency_id"]
        constraints = [models.UniqueConstraint(fields=["agency", "year", "scope"], name="reports_one_per_year")]

    def __str__(self) -> str:
        return f"{self.year} {self.agency_id}"

    @property
    def state_label(self) -> str:
        return LABELS[State(self.state)]


class ManualFigure(models.Model):
    """A table cell entered by hand instead of computed (records kept outside the system), with
    its source and who entered it; it wins over the computed value."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="manual")
    table = models.CharField("表", max_length=20)
    row = models.CharField("行", max_length=40)
    column = models.CharField("列", max_length=40)
    value = models.DecimalField("数值", max_digits=14, decimal_places=4)
    source = models.CharField("数据来源", max_length=200)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    entered_at = models.DateTimeField("填报时间", default=clock.now)

    class Meta:
        verbose_name = "人工填报数据"
        verbose_name_plural = "人工填报数据"
        constraints = [models.UniqueConstraint(fields=["report", "table", "row", "column"], name="reports_manual_cell")]

    def __str__(self) -> str:
        return f"{self.table}.{self.row}.{self.column} = {self.value}"


class FrozenError(Exception):
    """A published snapshot is never changed or deleted (a correction is a new publication)."""


class _Frozen(models.Model):
    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None and type(self)._default_manager.filter(pk=self.pk).exists():
            raise FrozenError("已发布的年度报告不能修改，如需更正请发布新版本")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise FrozenError("已发布的年度报告不能删除")


class Publication(_Frozen):
    """One published version of a report: the figures, narrative and findings as published, with
    the hash of that content. Number 2 and later are corrections, each with its reason."""

    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="publications")
    number = models.PositiveSmallIntegerField("版本号")
    published_on = models.DateField("发布日期")
    published_at = models.DateTimeField("发布时间", default=clock.now)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField("更正原因", blank=True)
    #: the report in the JSON contract (tables, sections, findings) as published
    content = models.JSONField("发布内容")
    sha256 = models.CharField("内容摘要（SHA-256）", max_length=64)

    class Meta:
        verbose_name = "已发布年度报告"
        verbose_name_plural = "已发布年度报告"
        ordering = ["report_id", "number"]
        constraints = [models.UniqueConstraint(fields=["report", "number"], name="reports_publication_number")]

    def __str__(self) -> str:
        return f"{self.report_id} 第{self.number}版"


class PublishedFile(_Frozen):
    """A rendering of a publication (.docx, .pdf, .xlsx, .html, .json, chart), kept as published."""

    publication = models.ForeignKey(Publication, on_delete=models.PROTECT, related_name="files")
    kind = models.CharField("格式", max_length=8)
    content = models.BinaryField("文件")
    sha256 = models.CharField("SHA-256", max_length=64)

    class Meta:
        verbose_name = "发布文件"
        verbose_name_plural = "发布文件"
        constraints = [models.UniqueConstraint(fields=["publication", "kind"], name="reports_file_kind")]

    def __str__(self) -> str:
        return f"{self.publication_id}.{self.kind}"


class Baseline(models.Model):
    """Last year's report published outside the system, read by the auditor and confirmed (or
    corrected) by staff: the carry-over and cross-year baseline of the first report made here."""

    agency = models.ForeignKey("agencies.Agency", verbose_name="机关", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("年度")
    filename = models.CharField("文件名", max_length=200)
    file_sha256 = models.CharField("文件SHA-256", max_length=64)
    #: the report as read (JSON contract, without findings), corrected by staff where needed
    content = models.JSONField("报告数据")
    findings = models.JSONField("审核发现", default=list)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(default=clock.now)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    confirmed_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField("版本", default=1)

    class Meta:
        verbose_name = "上年度报告（外部）"
        verbose_name_plural = "上年度报告（外部）"
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="reports_one_baseline")]

    def __str__(self) -> str:
        return f"{self.year} {self.filename}"
