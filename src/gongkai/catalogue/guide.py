"""The disclosure guide (政府信息公开指南, 《条例》第十二条) of an agency: generated from its data,
editable, with a version history (every save is a new version and an audit entry).

For the UI: ``current(agency)`` → the latest `GuideVersion` or None; ``generate(agency)`` → the
HTML a new guide starts from (office, address, hours, phone, fax, e-mail, categories, how to
apply, remedies); ``save(actor, agency, body, note)`` stores a new version; ``versions(agency)``
lists them newest first; ``text(agency)`` the HTML to show publicly (latest or generated).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, QuerySet
from django.utils.html import escape

from gongkai.agencies import audit
from gongkai.agencies.models import Agency, User
from gongkai.agencies.permissions import Action, can
from gongkai.catalogue.content import clean_html
from gongkai.catalogue.models import GuideVersion, SubjectCategory
from gongkai.rules.constants import REPLY_PERIOD
from gongkai.screening.patterns import mask_text


def _p(label: str, value: str) -> str:
    return f"<p>{escape(label)}：{escape(value) if value else '（未填写）'}</p>"


def generate(agency: Agency) -> str:
    """A guide built from the agency's current data (sanitised HTML)."""
    office = agency.office_name or agency.name
    top = SubjectCategory.objects.filter(agency=agency, parent__isnull=True).order_by("code")
    categories = "".join(f"<li>{escape(c.name)}</li>" for c in top) or "<li>（尚未设置主题分类）</li>"
    parts = [
        f"<h2>{escape(agency.name)}政府信息公开指南</h2>",
        "<p>为了更好地提供政府信息公开服务，根据《中华人民共和国政府信息公开条例》，编制本指南。"
        "申请人在获取本机关政府信息之前，请仔细阅读本指南。</p>",
        "<h3>一、主动公开</h3>",
        f"<p>本机关主动公开的政府信息通过政府网站“政府信息公开”栏目公开，按以下主题分类编排：</p><ul>{categories}</ul>",
        "<p>属于主动公开范围的政府信息，自该信息形成或者变更之日起20个工作日内予以公开。</p>",
        "<h3>二、依申请公开</h3>",
        "<p>公民、法人或者其他组织可以通过当面、邮寄、传真、网络等方式向本机关提出政府信息公开申请。"
        "申请应当包括：申请人的姓名或者名称、身份证明、联系方式；申请公开的政府信息的名称、文号或者便于"
        "查询的其他特征性描述；申请公开的政府信息的形式要求，包括获取信息的方式、途径。</p>",
        f"<p>本机关收到申请，能够当场答复的当场答复；不能当场答复的，自收到申请之日起{REPLY_PERIOD}个工作日内"
        "予以答复；需要延长答复期限的，经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不超过"
        f"{REPLY_PERIOD}个工作日。</p>",
        "<h3>三、政府信息公开工作机构</h3>",
        _p("名称", office),
        _p("办公地址", agency.address),
        _p("邮政编码", agency.postcode),
        _p("办公时间", agency.office_hours),
        _p("联系电话", agency.phone),
        _p("传真", agency.fax),
        _p("电子邮箱", agency.email),
        _p("网站", agency.website),
        "<h3>四、监督和救济</h3>",
        "<p>公民、法人或者其他组织认为本机关在政府信息公开工作中侵犯其合法权益的，可以向上一级行政机关"
        "或者政府信息公开工作主管部门投诉、举报，也可以依法申请行政复议或者提起行政诉讼。</p>",
    ]
    return clean_html("\n".join(parts))


def versions(agency: Agency) -> QuerySet[GuideVersion]:
    return GuideVersion.objects.filter(agency=agency).order_by("-number")


def current(agency: Agency) -> GuideVersion | None:
    return versions(agency).first()


def text(agency: Agency) -> str:
    """The guide to show: the latest saved version, else one generated from the agency's data."""
    latest = current(agency)
    return latest.body if latest is not None else generate(agency)


@transaction.atomic
def save(actor: User | None, agency: Agency, body: str, note: str = "") -> GuideVersion:
    """Save a new version of the guide (a clerk or the agency's admin); never overwrites one."""
    if actor is not None and not (can(actor, agency, Action.ACT) or can(actor, agency, Action.ADMINISTER)):
        raise PermissionDenied("您没有修改本机关政府信息公开指南的权限")
    body = clean_html(body).strip()
    if not body:
        raise ValidationError("指南内容不能为空")
    Agency.objects.select_for_update().get(pk=agency.pk)  # one save at a time per agency
    number = (GuideVersion.objects.filter(agency=agency).aggregate(n=Max("number"))["n"] or 0) + 1
    version = GuideVersion.objects.create(
        agency=agency, number=number, body=body, note=note, created_by=actor
    )
    audit.record(
        actor, "catalogue.guide.save", version, agency=agency, after={"version": number, "length": len(body)},
        note=mask_text(note), mask=(),
    )  # fmt: skip
    return version
