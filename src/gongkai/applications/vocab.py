"""The fixed vocabularies of an application (pure): channels, applicant types, forms, delivery.

Each is a tuple of (key, Chinese label) pairs usable directly as Django ``choices``.
"""

from __future__ import annotations

#: Art. 29: how the application arrived (申请方式).
CHANNELS = (
    ("in_person", "当面"),
    ("post", "邮寄"),
    ("ordinary_mail", "平信"),
    ("fax", "传真"),
    ("online", "网上"),
    ("email", "电子邮件"),
    ("oral", "口头代填"),
)

#: Art. 31: which day counts as the day of receipt (收到申请之日), per channel — shown beside the
#: date field so that the clerk enters the legally right day.
RECEIPT_RULES = {
    "in_person": "当面提交的，以提交之日为收到申请之日（《条例》第三十一条第一项）",
    "oral": "口头提出、由工作人员代为填写的，以提交之日为收到申请之日（《条例》第三十一条第一项）",
    "post": "邮寄的，以行政机关签收之日为收到申请之日（《条例》第三十一条第二项）",
    "ordinary_mail": "以平常信函等无需签收的邮寄方式提交的，以与申请人确认之日为收到申请之日（《条例》第三十一条第二项）",
    "online": "通过互联网渠道提交的，以双方确认之日为收到申请之日（《条例》第三十一条第三项）",
    "email": "通过电子邮件提交的，以双方确认之日为收到申请之日（《条例》第三十一条第三项）",
    "fax": "通过传真提交的，以双方确认之日为收到申请之日（《条例》第三十一条第三项）",
}

#: The six applicant columns of the annual report's section 三 (keys = report column keys).
APPLICANT_TYPES = (
    ("natural_person", "自然人"),
    ("commercial", "商业企业"),
    ("research", "科研机构"),
    ("nonprofit", "社会公益组织"),
    ("legal_service", "法律服务机构"),
    ("other_org", "其他组织"),
)
ORGANISATION_TYPES = frozenset(key for key, _ in APPLICANT_TYPES if key != "natural_person")

#: Art. 29(3): the form in which the information is wanted (获取信息的方式).
FORMS = (
    ("paper", "纸质"),
    ("email", "电子邮件"),
    ("disc", "光盘/U盘"),
    ("inspection", "当场阅览"),
)

#: Art. 29(3): how it is to be delivered (获取信息的途径).
DELIVERIES = (
    ("pickup", "自取"),
    ("post", "邮寄"),
    ("email", "电子邮件"),
    ("online", "网上"),
)


def label(choices: tuple[tuple[str, str], ...], key: str) -> str:
    return dict(choices).get(key, key)
