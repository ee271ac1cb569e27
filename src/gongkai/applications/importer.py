"""Import of past applications from a spreadsheet (.xlsx or .csv), for `gongkai applications import`.

The header row and the accepted values are documented in docs/import-applications.md. Every
row is checked first (the same intake rules as the registration form, plus the outcome and reply
date); any error → a row-level report and nothing is written. Without ``--dry-run`` the rows are
then written in one transaction (all or nothing), each with its clock events and an audit entry.
Error messages never repeat an identity number.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from gongkai.applications import identity, vocab
from gongkai.sheets import cell_date

#: column header (Chinese, as printed in the template) → field key; the keys are accepted too.
COLUMNS: dict[str, str] = {
    "申请方式": "channel",
    "收到申请日期": "received_on",
    "申请人类型": "applicant_type",
    "申请人姓名": "applicant_name",
    "证件类型": "id_type",
    "证件号码": "id_number",
    "联系电话": "phone",
    "电子邮箱": "email",
    "通信地址": "address",
    "邮政编码": "postcode",
    "法人或其他组织名称": "organisation_name",
    "统一社会信用代码": "organisation_code",
    "所需信息描述": "description",
    "文号": "document_number",
    "用途": "purpose",
    "获取方式": "form",
    "获取途径": "delivery",
    "处理结果": "outcome",
    "答复日期": "replied_on",
    "理由": "reason",
}
REQUIRED = ("channel", "received_on", "applicant_type", "applicant_name", "id_type", "id_number", "description",
            "form", "delivery")
_LABELS = {key: label for label, key in COLUMNS.items()}


def _choice_map(choices) -> dict[str, str]:
    return {**{label: key for key, label in choices}, **{key: key for key, _ in choices}}


def _label_aliases(label: str) -> set[str]:
    """A report row label as people write it: with or without （一）/1. and the bracketed note."""
    bare = re.sub(r"^（[一二三四五六七]）\s*[^\d]*?(?=\d\.|$)", "", label) or label
    bare = re.sub(r"^（[一二三四五六七]）", "", bare)
    short = re.sub(r"^\d+\.", "", bare)
    return {label, bare, short, short.split("（")[0]} - {""}


def _outcome_map() -> dict[str, str]:
    """Reply kind keys and descriptions, report row keys and labels → reply kind key."""
    from gongkai.annual.formats import FORMATS
    from gongkai.rules.outcomes import ROWS, ReplyKind

    found = {k.key: k.key for k in ReplyKind} | {k.description: k.key for k in ReplyKind}
    table = FORMATS["2021"].table("applications")
    aliases: dict[str, set[str]] = {}
    for row_key, row in ROWS.items():  # a row stands for its first reply kind (e.g. 予以公开 → granted)
        first = next(k for k in ReplyKind if k.row_key == row_key).key
        for alias in {row_key} | _label_aliases(row.label) | _label_aliases(table.row(row_key).label):
            aliases.setdefault(alias, set()).add(first)
    found.update({alias: keys.pop() for alias, keys in aliases.items() if len(keys) == 1 and alias not in found})
    return found


CHOICES = {
    "channel": _choice_map(vocab.Channel.choices),
    "applicant_type": _choice_map(vocab.ApplicantType.choices) | {"其他": "other_org"},
    "id_type": {**{label: d.value for d, label in identity.DOCUMENT_LABELS.items()},
                **{d.value: d.value for d in identity.DocumentType}, "身份证": "resident_id"},
    "form": _choice_map(vocab.InfoForm.choices),
    "delivery": _choice_map(vocab.Delivery.choices),
}


class FileProblem(ValueError):
    """A problem with the file as a whole (not with one row)."""


@dataclass
class Row:
    number: int  # spreadsheet row number (header = 1)
    values: dict
    errors: list[str] = field(default_factory=list)


def parse_date(value) -> dt.date | None:
    """`cell_date`, its refusal worded for the row report."""
    try:
        return cell_date(value)
    except ValueError:
        raise ValueError(f"“{value}”不是日期（例如 2024-03-05）") from None


def rows_of(table: list[list]) -> list[Row]:
    """Rows keyed by field, from a table whose first row is the header."""
    if not table:
        raise FileProblem("the file is empty; the first row must be the header (see docs/import-applications.md)")
    header = [str(h or "").strip() for h in table[0]]
    keys = [COLUMNS.get(h, h if h in _LABELS else None) for h in header]
    unknown = [h for h, k in zip(header, keys, strict=True) if h and k is None]
    if unknown:
        raise FileProblem(f"unknown column(s): {', '.join(unknown)} (see docs/import-applications.md)")
    missing = [_LABELS[k] for k in REQUIRED if k not in keys]
    if missing:
        raise FileProblem(f"missing column(s): {', '.join(missing)}")
    rows = []
    for n, cells in enumerate(table[1:], start=2):
        if all(c in (None, "") for c in cells):
            continue
        values = {k: ("" if c is None else c) for k, c in zip(keys, cells, strict=False) if k}
        rows.append(Row(n, values))
    return rows


def check_row(row: Row, today: dt.date) -> dict | None:
    """The normalised intake + outcome of a row, or None with `row.errors` filled."""
    from gongkai.applications.services import TransitionError, validate_intake

    v = {k: (val.strip() if isinstance(val, str) else val) for k, val in row.values.items()}
    for key, mapping in CHOICES.items():
        if v.get(key) not in ("", None):
            if str(v[key]) not in mapping:
                row.errors.append(f"{_LABELS[key]}：不认识“{v[key]}”")
            else:
                v[key] = mapping[str(v[key])]
    dates: dict[str, dt.date | None] = {}
    for key in ("received_on", "replied_on"):
        try:
            v[key] = dates[key] = parse_date(v.get(key))
        except ValueError as exc:
            row.errors.append(f"{_LABELS[key]}：{exc}")
    v["id_number"] = str(v.get("id_number") or "")
    if row.errors:
        return None
    try:
        data = validate_intake(v)
    except TransitionError as exc:
        row.errors.append(str(exc))
        return None
    outcome = str(v.get("outcome") or "")
    replied = dates["replied_on"]
    if outcome:
        mapping = _outcome_map()
        if outcome not in mapping:
            row.errors.append(f"处理结果：不认识“{outcome}”")
            return None
        if replied is None:
            row.errors.append("有处理结果的，请填写答复日期")
            return None
        if not data["received_on"] <= replied <= today:
            row.errors.append("答复日期应在收到申请之日和今天之间")
            return None
        data["outcome"], data["replied_on"] = mapping[outcome], replied
        data["reason"] = str(v.get("reason") or "")
    elif replied:
        row.errors.append("填写了答复日期的，请填写处理结果")
        return None
    return data


def write(agency, data: dict, user=None):
    """Create one imported application with its items, events and audit entry (inside a transaction)."""
    from gongkai.agencies import audit
    from gongkai.applications import tracking
    from gongkai.applications.models import Application, ApplicationEvent, Item
    from gongkai.applications.services import AUDIT_FIELDS, clock_state
    from gongkai.rules.outcomes import ReplyKind

    outcome = data.pop("outcome", "")
    replied = data.pop("replied_on", None)
    reason = data.pop("reason", "")
    number = tracking.new(data["received_on"].year)
    while Application.objects.filter(tracking_number=number).exists():
        number = tracking.new(data["received_on"].year)
    kind = ReplyKind.from_key(outcome) if outcome else None
    state = "received" if kind is None else ("closed" if kind.row_key.startswith("other.") else "replied")
    a = Application.objects.create(agency=agency, tracking_number=number, state=state, closed_on=replied,
                                   report_row=kind.row_key if kind else "", **data)
    Item.objects.create(application=a, position=1, description=a.description,
                        outcome=kind.key if kind else "", reason=reason)
    events = [ApplicationEvent(application=a, kind="received", on=a.received_on)]
    if kind is not None:
        events.append(ApplicationEvent(application=a, kind="replied", on=replied))
    ApplicationEvent.objects.bulk_create(events)
    clock = clock_state(a)
    Application.objects.filter(pk=a.pk).update(due_on=clock.due, due_provisional=clock.provisional)
    audit.record(user, "application.import", a, agency=agency, note="导入历史申请",
                 after={**audit.snapshot(a, AUDIT_FIELDS), "id_number": identity.mask(a.id_number)})
    return a
