"""The fixed vocabularies of an application: channels, applicant types, forms, delivery.

Like every vocabulary of a model field, each is a Django ``TextChoices`` (the pure core uses a
``StrEnum`` with a labels dict instead).
"""

from __future__ import annotations

from django.db import models


class Channel(models.TextChoices):
    """Art. 29: how the application arrived (申请方式)."""

    IN_PERSON = "in_person", "当面"
    POST = "post", "邮寄"
    ORDINARY_MAIL = "ordinary_mail", "平信"
    FAX = "fax", "传真"
    ONLINE = "online", "网上"
    EMAIL = "email", "电子邮件"
    ORAL = "oral", "口头代填"

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

class ApplicantType(models.TextChoices):
    """The six applicant columns of the annual report's section 三 (values = report column keys)."""

    NATURAL_PERSON = "natural_person", "自然人"
    COMMERCIAL = "commercial", "商业企业"
    RESEARCH = "research", "科研机构"
    NONPROFIT = "nonprofit", "社会公益组织"
    LEGAL_SERVICE = "legal_service", "法律服务机构"
    OTHER_ORG = "other_org", "其他组织"


ORGANISATION_TYPES = frozenset(ApplicantType.values) - {ApplicantType.NATURAL_PERSON}


class InfoForm(models.TextChoices):
    """Art. 29(3): the form in which the information is wanted (获取信息的方式)."""

    PAPER = "paper", "纸质"
    EMAIL = "email", "电子邮件"
    DISC = "disc", "光盘/U盘"
    INSPECTION = "inspection", "当场阅览"


class Delivery(models.TextChoices):
    """Art. 29(3): how it is to be delivered (获取信息的途径)."""

    PICKUP = "pickup", "自取"
    POST = "post", "邮寄"
    EMAIL = "email", "电子邮件"
    ONLINE = "online", "网上"


def label(choices: type[models.TextChoices], key: str) -> str:
    """The Chinese label of `key`, or `key` itself for a value the vocabulary no longer has."""
    return dict(choices.choices).get(key, key)
