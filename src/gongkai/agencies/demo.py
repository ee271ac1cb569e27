"""Demo agencies and staff: 台儿庄区人民政府 (枣庄市, 山东省), its departments and two townships.

Idempotent: objects are looked up by name / username and created only when missing, so running
the loader twice changes nothing. Every demo account has the password `DEMO_PASSWORD` — for local
use only (see README).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from django.contrib.auth.hashers import make_password

from gongkai.agencies import audit, codes, services
from gongkai.agencies.models import Agency, Membership, User

DEMO_PASSWORD = "gongkai-demo-2026"
#: Administrative division code (行政区划代码) of 台儿庄区.
REGION = "370405"
OFFICE_HOURS = "工作日上午8:30—12:00，下午13:30—17:30（法定节假日除外）"
WEBSITE = "http://www.taierzhuang.gov.cn"
Role = Membership.Role
Level = Agency.Level
Kind = Agency.Kind


def credit_code(serial: int) -> str:
    """A well-formed 统一社会信用代码 of a 台儿庄区 agency (机关: 11), with both check characters."""
    org = f"0042{serial:04d}"
    return codes.make_uscc(f"11{REGION}{org}{codes.org_check_char(org)}")


@dataclass(frozen=True)
class DemoAgency:
    slug: str  # account prefix
    name: str
    short_name: str
    level: str
    kind: str
    office_name: str
    address: str
    phone: str
    fax: str
    staff: tuple[tuple[Role, str], ...]  # (role, display name)


GOVERNMENT = DemoAgency(
    "zhengfu", "台儿庄区人民政府", "区政府", Level.COUNTY, Kind.GOVERNMENT, "台儿庄区人民政府办公室",
    "山东省枣庄市台儿庄区华兴路1号", "0632-6611001", "0632-6611002",
    ((Role.CLERK, "孙晓梅"), (Role.REVIEWER, "周建华"), (Role.LEADER, "吴国栋"), (Role.ADMIN, "郑海燕"),
     (Role.SUPERVISOR, "冯立新")),
)  # fmt: skip
DEPARTMENTS = (
    DemoAgency(
        "minzheng", "台儿庄区民政局", "区民政局", Level.COUNTY, Kind.DEPARTMENT, "台儿庄区民政局办公室",
        "山东省枣庄市台儿庄区文化路56号", "0632-6611201", "0632-6611202",
        ((Role.CLERK, "张丽"), (Role.REVIEWER, "王强"), (Role.LEADER, "刘建国"), (Role.ADMIN, "陈静")),
    ),
    DemoAgency(
        "jiaoyu", "台儿庄区教育和体育局", "区教体局", Level.COUNTY, Kind.DEPARTMENT, "台儿庄区教育和体育局办公室",
        "山东省枣庄市台儿庄区箭道街18号", "0632-6611301", "0632-6611302",
        ((Role.CLERK, "李娜"), (Role.REVIEWER, "赵磊"), (Role.LEADER, "黄志强"), (Role.ADMIN, "徐敏")),
    ),
    DemoAgency(
        "caizheng", "台儿庄区财政局", "区财政局", Level.COUNTY, Kind.DEPARTMENT, "台儿庄区财政局办公室",
        "山东省枣庄市台儿庄区华兴路9号", "0632-6611401", "0632-6611402",
        ((Role.CLERK, "马静"), (Role.REVIEWER, "朱军"), (Role.LEADER, "胡明"), (Role.ADMIN, "郭婷")),
    ),
    DemoAgency(
        "renshe", "台儿庄区人力资源和社会保障局", "区人社局", Level.COUNTY, Kind.DEPARTMENT,
        "台儿庄区人力资源和社会保障局办公室", "山东省枣庄市台儿庄区金光路66号", "0632-6611501", "0632-6611502",
        ((Role.CLERK, "何芳"), (Role.REVIEWER, "高伟"), (Role.LEADER, "林涛"), (Role.ADMIN, "罗丹")),
    ),
    DemoAgency(
        "ziran", "台儿庄区自然资源局", "区自然资源局", Level.COUNTY, Kind.DEPARTMENT, "台儿庄区自然资源局办公室",
        "山东省枣庄市台儿庄区长安路27号", "0632-6611601", "0632-6611602",
        ((Role.CLERK, "梁爽"), (Role.REVIEWER, "宋杰"), (Role.LEADER, "谢文斌"), (Role.ADMIN, "韩雪")),
    ),
    DemoAgency(
        "zhujian", "台儿庄区住房和城乡建设局", "区住建局", Level.COUNTY, Kind.DEPARTMENT,
        "台儿庄区住房和城乡建设局办公室", "山东省枣庄市台儿庄区运河大道168号", "0632-6611701", "0632-6611702",
        ((Role.CLERK, "唐颖"), (Role.REVIEWER, "冯刚"), (Role.LEADER, "于洪波"), (Role.ADMIN, "董璐")),
    ),
    DemoAgency(
        "weijian", "台儿庄区卫生健康局", "区卫健局", Level.COUNTY, Kind.DEPARTMENT, "台儿庄区卫生健康局办公室",
        "山东省枣庄市台儿庄区兴中路35号", "0632-6611801", "0632-6611802",
        ((Role.CLERK, "萧红"), (Role.REVIEWER, "程亮"), (Role.LEADER, "曹振华"), (Role.ADMIN, "袁媛")),
    ),
)  # fmt: skip
TOWNSHIPS = (
    DemoAgency(
        "yunhe", "台儿庄区运河街道办事处", "运河街道", Level.TOWNSHIP, Kind.GOVERNMENT, "运河街道党政办公室",
        "山东省枣庄市台儿庄区台北路21号", "0632-6621001", "0632-6621002",
        ((Role.CLERK, "邓佳"), (Role.REVIEWER, "许伟"), (Role.LEADER, "傅强")),
    ),
    DemoAgency(
        "jiantouji", "台儿庄区涧头集镇人民政府", "涧头集镇", Level.TOWNSHIP, Kind.GOVERNMENT, "涧头集镇党政办公室",
        "山东省枣庄市台儿庄区涧头集镇政府路1号", "0632-6631001", "0632-6631002",
        ((Role.CLERK, "沈丹"), (Role.REVIEWER, "曾磊"), (Role.LEADER, "彭飞")),
    ),
)  # fmt: skip

ROLE_SUFFIX = {
    Role.CLERK: "clerk",
    Role.REVIEWER: "reviewer",
    Role.LEADER: "leader",
    Role.ADMIN: "admin",
    Role.SUPERVISOR: "supervisor",
}


def _agency(spec: DemoAgency, serial: int, parent: Agency | None) -> tuple[Agency, bool]:
    existing = Agency.objects.filter(name=spec.name).first()
    if existing is not None:
        return existing, False
    agency = services.create_agency(
        None,
        name=spec.name,
        short_name=spec.short_name,
        parent=parent,
        level=spec.level,
        kind=spec.kind,
        org_code=credit_code(serial),
        office_name=spec.office_name,
        address=spec.address,
        postcode="277400",
        phone=spec.phone,
        fax=spec.fax,
        email=f"xxgk.{spec.slug}@taierzhuang.example",
        office_hours=OFFICE_HOURS,
        website=WEBSITE,
    )
    return agency, True


@cache
def _password_hash() -> str:
    """One Argon2 hash of the demo password for every demo account (hashing is deliberately slow)."""
    return make_password(DEMO_PASSWORD)


def _user(username: str, display_name: str, *, superuser: bool = False) -> tuple[User, bool]:
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "display_name": display_name,
            "is_superuser": superuser,
            "is_staff": superuser,
            "password": _password_hash(),
        },
    )
    if created:
        audit.record(None, "user.create", user, agency=None, note="演示数据")
    return user, created


def load() -> int:
    """Create the demo agencies and staff that are missing; return how many objects were created."""
    created = 0
    government, new = _agency(GOVERNMENT, 1, None)
    created += new
    agencies = [(GOVERNMENT, government)]
    for serial, spec in enumerate((*DEPARTMENTS, *TOWNSHIPS), start=2):
        agency, new = _agency(spec, serial, government)
        created += new
        agencies.append((spec, agency))
    for spec, agency in agencies:
        for role, display_name in spec.staff:
            user, new = _user(f"{spec.slug}_{ROLE_SUFFIX[role]}", display_name)
            created += new
            created += not Membership.objects.filter(user=user, agency=agency, role=role).exists()
            services.add_membership(None, user, agency, role)
    # The government office's admin also keeps the accounts of the two townships (agency switcher).
    zhengfu_admin = User.objects.get(username="zhengfu_admin")
    for spec, agency in agencies:
        if spec in TOWNSHIPS:
            created += not Membership.objects.filter(user=zhengfu_admin, agency=agency, role=Role.ADMIN).exists()
            services.add_membership(None, zhengfu_admin, agency, Role.ADMIN)
    _, new = _user("admin", "系统管理员", superuser=True)
    return created + new
