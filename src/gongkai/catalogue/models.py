"""The catalogue (政府信息公开目录): information items, their categories, attachments, screening
findings, channels, the guide, and the section 二 figures not held in items.

Change these rows through `gongkai.catalogue.services` (transactions, permission checks, audit
log), never with ``save()`` from a view. Public code reads items only through
`gongkai.catalogue.visibility.public_items`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from gongkai.agencies.models import Agency
from gongkai.catalogue.articles import ART_20_ITEMS
from gongkai.catalogue.workflow import STATE_LABELS, State
from gongkai.rules.outcomes import ReplyKind
from gongkai.screening.patterns import mask_text

#: The items of Art. 20 as field choices, in article order.
ART_20_CHOICES = sorted(ART_20_ITEMS.items())


class SubjectCategory(models.Model):
    """A subject category (主题分类) of an agency's catalogue; a tree, seeded with `articles.DEFAULT_CATEGORIES`."""

    agency = models.ForeignKey(
        Agency, verbose_name="机关", on_delete=models.CASCADE, related_name="categories"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="上级分类",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    code = models.CharField("分类代码", max_length=20)
    name = models.CharField("分类名称", max_length=100)
    art20_item = models.PositiveSmallIntegerField(
        "对应第二十条事项", null=True, blank=True, choices=ART_20_CHOICES
    )
    order = models.PositiveIntegerField("排序", default=0)

    class Meta:
        verbose_name = "主题分类"
        verbose_name_plural = "主题分类"
        ordering = ["agency_id", "code"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "code"], name="catalogue_category_code_unique")
        ]

    def __str__(self) -> str:
        return self.name


class Genre(models.TextChoices):
    """体裁 (genre / 组配分类)."""

    NOTICE = "notice", "通知"
    ANNOUNCEMENT = "announcement", "公告"
    CIRCULAR = "circular", "通告"
    OPINION = "opinion", "意见"
    DECISION = "decision", "决定"
    MEASURES = "measures", "办法"
    PLAN = "plan", "规划计划"
    REPORT = "report", "报告"
    REPLY = "reply", "批复"
    RULE = "rule", "规章"
    NORMATIVE = "normative", "行政规范性文件"
    INTERPRETATION = "interpretation", "政策解读"
    OTHER = "other", "其他"


#: Genres counted in section 二 as rules (规章) and normative documents (行政规范性文件).
REPORTED_GENRES = {Genre.RULE: "rules", Genre.NORMATIVE: "normative_documents"}


class Attribute(models.TextChoices):
    """Disclosure attribute (公开属性), proposed by the drafting office (《条例》第十七条)."""

    PROACTIVE = "proactive", "主动公开"
    ON_REQUEST = "on_request", "依申请公开"
    WITHHELD = "withheld", "不予公开"


#: Legal reasons for 不予公开: the denial reply kinds of `gongkai.rules.outcomes`.
WITHHELD_REASONS = [(k.key, f"{k.description}（{k.article}）") for k in ReplyKind if k.row.group == "denied"]


class Validity(models.TextChoices):
    VALID = "valid", "有效"
    REPEALED = "repealed", "废止"
    EXPIRED = "expired", "失效"


class InterpretationKind(models.TextChoices):
    TEXT = "text", "文字解读"
    GRAPHIC = "graphic", "图解"
    VIDEO = "video", "视频解读"
    EXPERT = "expert", "专家解读"
    LEADER = "leader", "领导解读"


class Item(models.Model):
    """An information item (政府信息) with its catalogue metadata and review state."""

    agency = models.ForeignKey(
        Agency, verbose_name="发布机构", on_delete=models.PROTECT, related_name="items"
    )
    index_number = models.CharField("索引号", max_length=100, blank=True)
    index_year = models.PositiveSmallIntegerField("索引号年份", null=True, blank=True)
    title = models.CharField("标题", max_length=300)
    summary = models.TextField("内容概述", blank=True)
    body = models.TextField("正文", blank=True, help_text="已按白名单清理的HTML")
    category = models.ForeignKey(
        SubjectCategory,
        verbose_name="主题分类",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="items",
    )
    genre = models.CharField("体裁", max_length=20, choices=Genre.choices, default=Genre.NOTICE)
    art20_item = models.PositiveSmallIntegerField(
        "对应第二十条事项", null=True, blank=True, choices=ART_20_CHOICES
    )
    doc_number = models.CharField("文号", max_length=100, blank=True)
    date_made = models.DateField("成文日期")
    date_changed = models.DateField("变更日期", null=True, blank=True, help_text="信息变更后重新计算发布期限")
    deadline = models.DateField(
        "发布期限", null=True, blank=True, help_text="《条例》第二十六条：形成或变更之日起20个工作日"
    )
    deadline_provisional = models.BooleanField("期限为临时计算", default=False)
    date_published = models.DateField("发布日期", null=True, blank=True)
    validity = models.CharField("有效性", max_length=10, choices=Validity.choices, default=Validity.VALID)
    validity_changed_on = models.DateField("废止/失效日期", null=True, blank=True)
    superseded_by = models.ForeignKey(
        "self",
        verbose_name="替代文件",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="supersedes",
    )
    keywords = models.CharField("主题词", max_length=200, blank=True)
    attribute = models.CharField(
        "公开属性", max_length=12, choices=Attribute.choices, default=Attribute.PROACTIVE
    )
    withheld_reason = models.CharField("不予公开理由", max_length=40, blank=True, choices=WITHHELD_REASONS)
    attribute_note = models.TextField("公开属性说明", blank=True)
    interprets = models.ForeignKey(
        "self",
        verbose_name="所解读的政策",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="interpretations",
    )
    interpretation_kind = models.CharField(
        "解读形式", max_length=10, blank=True, choices=InterpretationKind.choices
    )
    state = models.CharField(
        "状态", max_length=12, choices=[(s.value, STATE_LABELS[s]) for s in State], default=State.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="起草人", null=True, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField("版本", default=1, help_text="每次修改加一：两人同时修改时后保存者被拒绝")
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "政府信息"
        verbose_name_plural = "政府信息"
        ordering = ["-date_made", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "index_number"],
                condition=~Q(index_number=""),
                name="catalogue_item_index_unique",
                violation_error_message="索引号重复",
            ),
            models.UniqueConstraint(
                fields=["agency", "doc_number"],
                condition=Q(state="published") & ~Q(doc_number=""),
                name="catalogue_item_published_doc_number_unique",
                violation_error_message="本机关已发布相同文号的信息",
            ),
        ]
        indexes = [
            # the staff list: agency, then category and year (date_made range), newest first
            models.Index(fields=["agency", "category", "date_made"], name="catalogue_staff_list"),
            models.Index(fields=["agency", "state", "deadline"], name="catalogue_deadline"),
            models.Index(fields=["agency", "date_published"], name="catalogue_published"),
            models.Index(fields=["agency", "genre", "date_made"], name="catalogue_genre"),
        ]

    def __str__(self) -> str:
        """The title with any personal data masked: this is what logs and admin lists show."""
        return mask_text(self.title)

    @property
    def state_label(self) -> str:
        return STATE_LABELS[State(self.state)]

    @property
    def published_late(self) -> bool:
        return bool(self.date_published and self.deadline and self.date_published > self.deadline)


class Attachment(models.Model):
    """A file attached to an item, stored under DATA_DIR/catalogue/ with its content-checked type."""

    item = models.ForeignKey(
        Item, verbose_name="政府信息", on_delete=models.CASCADE, related_name="attachments"
    )
    name = models.CharField("文件名", max_length=200)
    path = models.CharField("存储路径", max_length=300, help_text="相对 DATA_DIR 的路径")
    extension = models.CharField("类型", max_length=10)
    size = models.PositiveIntegerField("大小（字节）")
    sha256 = models.CharField("SHA-256", max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)

    class Meta:
        verbose_name = "附件"
        verbose_name_plural = "附件"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class ScreenFinding(models.Model):
    """A finding of the pre-publication screen on an item; publication waits until each is resolved."""

    class Resolution(models.TextChoices):
        OPEN = "open", "待处理"
        REDACTED = "redacted", "已删除/遮盖"
        ACCEPTED = "accepted", "确认可公开"

    item = models.ForeignKey(Item, verbose_name="政府信息", on_delete=models.CASCADE, related_name="findings")
    attachment = models.ForeignKey(
        Attachment, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    source = models.CharField("位置", max_length=200, help_text="标题、内容概述、正文或附件名")
    kind = models.CharField("类型", max_length=20)
    where = models.CharField("具体位置", max_length=200)
    excerpt = models.CharField("摘录（已遮盖）", max_length=400)
    resolution = models.CharField("处理", max_length=10, choices=Resolution.choices, default=Resolution.OPEN)
    reason = models.TextField("理由", blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    resolved_at = models.DateTimeField("处理时间", null=True, blank=True)

    class Meta:
        verbose_name = "发布前审查发现"
        verbose_name_plural = "发布前审查发现"
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.source} {self.where} {self.kind}"


class Channel(models.TextChoices):
    WECHAT = "wechat", "政务微信/新媒体"
    GAZETTE = "gazette", "政府公报"
    NOTICE_BOARD = "notice_board", "公开栏/公告栏"
    ARCHIVE = "archive", "档案馆"
    LIBRARY = "library", "公共图书馆"


class ChannelRecord(models.Model):
    """The item was also published on a channel, or handed to the archive or library (两馆)."""

    item = models.ForeignKey(Item, verbose_name="政府信息", on_delete=models.CASCADE, related_name="channels")
    channel = models.CharField("渠道", max_length=20, choices=Channel.choices)
    on = models.DateField("日期")
    note = models.CharField("说明", max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "发布渠道"
        verbose_name_plural = "发布渠道"
        ordering = ["on", "id"]
        constraints = [models.UniqueConstraint(fields=["item", "channel"], name="catalogue_channel_once")]

    def __str__(self) -> str:
        return f"{self.item} · {self.get_channel_display()}"


class IndexCounter(models.Model):
    """The last index-number serial used by an agency in a year; locked while a number is drawn."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="catalogue_counter_unique")]

    def __str__(self) -> str:
        return f"{self.agency_id}/{self.year}: {self.last}"


class ProactiveFigure(models.Model):
    """A section 二 cell not held in the catalogue (licensing, penalty, coercion decisions, fees in
    万元, 2019-era extras), entered per agency and year with its source."""

    agency = models.ForeignKey(Agency, verbose_name="机关", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField("年度")
    row = models.CharField("行", max_length=40)
    column = models.CharField("列", max_length=40)
    value = models.DecimalField("数值", max_digits=14, decimal_places=4)
    source = models.CharField("数据来源", max_length=200)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "主动公开统计数据"
        verbose_name_plural = "主动公开统计数据"
        ordering = ["agency_id", "year", "row", "column"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year", "row", "column"], name="catalogue_figure_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.row}.{self.column} = {self.value}"


class GuideVersion(models.Model):
    """One saved version of an agency's disclosure guide (政府信息公开指南); the latest is current."""

    agency = models.ForeignKey(Agency, verbose_name="机关", on_delete=models.CASCADE, related_name="+")
    number = models.PositiveIntegerField("版本号")
    body = models.TextField("正文", help_text="已按白名单清理的HTML")
    note = models.CharField("修改说明", max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("保存时间", auto_now_add=True)

    class Meta:
        verbose_name = "政府信息公开指南版本"
        verbose_name_plural = "政府信息公开指南版本"
        ordering = ["agency_id", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "number"], name="catalogue_guide_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.agency_id} v{self.number}"


class Generation(models.Model):
    """The catalogue's generation: one row whose token changes, in the same transaction, with every
    change the public may see (`gongkai.catalogue.generation`), so cached public pages keyed by it
    are never served once the catalogue has changed."""

    token = models.CharField("版本标记", max_length=32)

    class Meta:
        verbose_name = "目录版本"
        verbose_name_plural = "目录版本"

    def __str__(self) -> str:
        return self.token
