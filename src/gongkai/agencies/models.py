"""Agencies (行政机关), staff users, their memberships (roles), and the audit log.

Other apps point at these models: every record they keep belongs to one `Agency` (a ``agency``
foreign key), and every change they make is recorded with `gongkai.agencies.audit.record`.
"""

from __future__ import annotations

import string
from collections.abc import Iterable

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import RegexValidator
from django.db import models, router, transaction

from gongkai import clock
from gongkai.agencies import chain, codes, slugs


def validate_org_code(value: str) -> None:
    """Django validator: a valid 统一社会信用代码 or 组织机构代码 (check character verified)."""
    try:
        codes.validate(value)
    except codes.CodeError as exc:
        raise ValidationError(str(exc), code="org_code") from exc


def validate_slug(value: str) -> None:
    """Django validator: a usable column slug (`gongkai.agencies.slugs.check`)."""
    try:
        slugs.check(value)
    except slugs.SlugError as exc:
        raise ValidationError(str(exc), code="slug") from exc


#: Fields an index pattern may use; see `Agency.index_number`.
INDEX_PATTERN_FIELDS = frozenset({"org_code", "year", "serial", "short_name"})


def validate_index_pattern(value: str) -> None:
    """The pattern must use `{serial}` and only the fields of `INDEX_PATTERN_FIELDS`."""
    try:
        fields = {name for _, name, _, _ in string.Formatter().parse(value) if name is not None}
    except ValueError as exc:
        raise ValidationError(f"索引号格式有误：{exc}", code="index_pattern") from exc
    unknown = fields - INDEX_PATTERN_FIELDS
    if unknown:
        raise ValidationError(
            "索引号格式只能使用 {org_code}、{year}、{serial}、{short_name}，不能使用 "
            + "、".join("{" + f + "}" for f in sorted(unknown)),
            code="index_pattern",
        )
    if "serial" not in fields:
        raise ValidationError("索引号格式必须包含流水号 {serial}", code="index_pattern")
    try:
        value.format(org_code="X", year=2026, serial=1, short_name="X")
    except (ValueError, IndexError) as exc:
        raise ValidationError(f"索引号格式有误：{exc}", code="index_pattern") from exc


class Agency(models.Model):
    """An administrative agency (行政机关) and its government-information disclosure office.

    Agencies form a tree through `parent`: a government (人民政府) has its departments and the
    township governments below it. The office contact details feed the disclosure guide and every
    letter the agency sends.
    """

    class Level(models.TextChoices):
        NATIONAL = "national", "国家级"
        PROVINCE = "province", "省级"
        CITY = "city", "市级"
        COUNTY = "county", "县级"
        TOWNSHIP = "township", "乡镇级"

    class Kind(models.TextChoices):
        GOVERNMENT = "government", "人民政府"
        DEPARTMENT = "department", "政府部门"

    name = models.CharField("机关名称", max_length=100, unique=True)
    short_name = models.CharField("简称", max_length=30, blank=True)
    parent = models.ForeignKey(
        "self", verbose_name="上级机关", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    level = models.CharField("层级", max_length=10, choices=Level.choices)
    kind = models.CharField("类型", max_length=10, choices=Kind.choices)
    org_code = models.CharField(
        "统一社会信用代码或组织机构代码", max_length=18, unique=True, validators=[validate_org_code]
    )
    slug = models.CharField(
        "专栏网址名",
        max_length=slugs.MAX_LENGTH,
        unique=True,
        blank=True,
        validators=[validate_slug],
        help_text="门户网站专栏的网址 /xxgk/<专栏网址名>/，小写字母、数字或连字符；留空则按机关名称拼音生成。"
        "修改后旧网址失效，以机构代码访问的网址始终跳转到新网址",
    )
    office_name = models.CharField("政府信息公开工作机构", max_length=100, blank=True)
    address = models.CharField("办公地址", max_length=200, blank=True)
    postcode = models.CharField(
        "邮政编码", max_length=6, blank=True, validators=[RegexValidator(r"^\d{6}$", "邮政编码应为6位数字")]
    )
    phone = models.CharField("联系电话", max_length=50, blank=True)
    fax = models.CharField("传真", max_length=50, blank=True)
    email = models.EmailField("电子邮箱", blank=True)
    office_hours = models.CharField("办公时间", max_length=200, blank=True)
    website = models.URLField("网站", blank=True)
    index_pattern = models.CharField(
        "索引号格式",
        max_length=100,
        default="{org_code}/{year}-{serial:05d}",
        validators=[validate_index_pattern],
        help_text="可用字段：{org_code} 机构代码、{year} 年份、{serial} 流水号、{short_name} 简称",
    )

    class Meta:
        verbose_name = "行政机关"
        verbose_name_plural = "行政机关"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.org_code = codes.normalise(self.org_code)
        if not self.slug:  # a new agency, or its admin cleared the slug: the pinyin of its name
            others = Agency.objects.exclude(pk=self.pk)
            self.slug = slugs.unique(slugs.from_name(self.name), lambda s: others.filter(slug=s).exists())
        super().save(*args, **kwargs)

    def clean(self) -> None:
        if self.pk and self.parent_id and self.parent_id in self.subtree_ids([self.pk]):
            raise ValidationError({"parent": "上级机关不能是本机关或其下级机关"})

    @property
    def label(self) -> str:
        """Short name when set, else the full name."""
        return self.short_name or self.name

    def index_number(self, year: int, serial: int) -> str:
        """The index number (索引号) of the `serial`-th document of `year`, from `index_pattern`."""
        return self.index_pattern.format(org_code=self.org_code, year=year, serial=serial, short_name=self.label)

    @staticmethod
    def subtree_ids(roots: Iterable[int]) -> set[int]:
        """Ids of the given agencies and of every agency below them (one query per tree level)."""
        found = set(roots)
        frontier = set(found)
        while frontier:
            frontier = set(Agency.objects.filter(parent_id__in=frontier).values_list("id", flat=True)) - found
            found |= frontier
        return found

    def subtree(self) -> models.QuerySet[Agency]:
        """This agency and all agencies below it."""
        return Agency.objects.filter(pk__in=self.subtree_ids([self.pk]))

    def descendants(self) -> models.QuerySet[Agency]:
        """All agencies below this one (not itself)."""
        return self.subtree().exclude(pk=self.pk)

    def ancestors(self) -> list[Agency]:
        """The chain of parents, nearest first."""
        chain, node = [], self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return chain


class User(AbstractUser):
    """A staff account. Roles come from `Membership`; a superuser is the site admin (系统管理员)."""

    display_name = models.CharField("姓名", max_length=50, blank=True)

    class Meta:
        verbose_name = "用户"
        verbose_name_plural = "用户"

    def __str__(self) -> str:
        return self.display_name or self.username


class Membership(models.Model):
    """A user's role in one agency. A user may hold several roles in several agencies."""

    class Role(models.TextChoices):
        CLERK = "clerk", "经办人"
        REVIEWER = "reviewer", "审核人"
        LEADER = "leader", "分管领导"
        ADMIN = "admin", "机关管理员"
        SUPERVISOR = "supervisor", "监督（政府信息公开主管部门）"

    user = models.ForeignKey(User, verbose_name="用户", on_delete=models.CASCADE, related_name="memberships")
    agency = models.ForeignKey(Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField("角色", max_length=12, choices=Role.choices)

    class Meta:
        verbose_name = "岗位"
        verbose_name_plural = "岗位"
        ordering = ["agency__name", "role", "user__username"]
        constraints = [models.UniqueConstraint(fields=["user", "agency", "role"], name="unique_membership")]

    def __str__(self) -> str:
        return f"{self.user} · {self.agency} · {self.get_role_display()}"


class AppendOnlyError(Exception):
    """Raised on any attempt to change or delete an audit entry."""


class AuditQuerySet(models.QuerySet):
    """Audit entries can be read and added, never updated or deleted in bulk."""

    def update(self, **kwargs):
        raise AppendOnlyError("audit log is append-only")

    def delete(self):
        raise AppendOnlyError("audit log is append-only")

    def bulk_update(self, objs, fields, batch_size=None):
        raise AppendOnlyError("audit log is append-only")

    def update_or_create(self, defaults=None, create_defaults=None, **kwargs):
        raise AppendOnlyError("audit log is append-only")

    def bulk_create(self, objs, *args, **kwargs):
        raise AppendOnlyError("audit entries are appended one at a time (each is chained to the one before)")


class AuditEntry(models.Model):
    """One line of the append-only audit log: who did what to which object, when, and what changed.

    Write entries with `gongkai.agencies.audit.record`. Updates and deletions are refused by the
    model, its manager, the admin and — on both SQLite and PostgreSQL — a database trigger; each
    entry carries the hash of the one before it (`gongkai.agencies.chain`), so that rows changed
    or deleted below the triggers are found by `gongkai audit verify`.
    """

    actor = models.ForeignKey(
        User, verbose_name="操作人", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_label = models.CharField("操作人名称", max_length=150)
    at = models.DateTimeField("时间", default=clock.now, db_index=True)
    agency = models.ForeignKey(
        Agency, verbose_name="机关", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    object_type = models.CharField("对象类型", max_length=100, blank=True, db_index=True)
    object_id = models.CharField("对象编号", max_length=64, blank=True, db_index=True)
    object_repr = models.CharField("对象", max_length=200, blank=True)
    action = models.CharField("操作", max_length=100, db_index=True)
    before = models.JSONField("变更前", null=True, blank=True, encoder=DjangoJSONEncoder)
    after = models.JSONField("变更后", null=True, blank=True, encoder=DjangoJSONEncoder)
    note = models.TextField("说明", blank=True)
    prev_hash = models.CharField("上一条的哈希", max_length=64, blank=True, default="", editable=False)
    entry_hash = models.CharField("本条哈希", max_length=64, blank=True, default="", editable=False)

    objects = AuditQuerySet.as_manager()

    class Meta:
        verbose_name = "审计日志"
        verbose_name_plural = "审计日志"
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["agency", "at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_repr}"

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise AppendOnlyError("audit log is append-only")
        kwargs["force_insert"] = True
        using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
        with transaction.atomic(using=using):  # the head read and the insert under one lock
            chain.lock_head(using)
            head = AuditEntry.objects.using(using).order_by("-id").values_list("entry_hash", flat=True).first()
            self.prev_hash = head or ""
            self.entry_hash = chain.entry_hash(self)
            super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("audit log is append-only")
