"""Services of the catalogue: every change to an item goes through one of these functions.

They follow the workflow convention of every app (docs/architecture.md): a change of an item is
``service(record, actor, *, …, version=None)``. Every step of the review workflow (submit,
approve, sign-off, return, withdraw) and the clerk's edit of a draft is taken with
`gongkai.agencies.lifecycle.take` in one transaction: reader check, row lock, version (the one
the person saw; stale: `ConflictError`, nothing written), the workflow's rule with the actions the
actor holds (wrong state: `ConflictError` 409; wrong role, missing comment: `TransitionError`
422, "“审查通过”只能由审核人办理"), the change, version + 1, the audit entry of what changed, and
the search index (`gongkai.search.catalogue.sync`). The passed item is refreshed in place and
returned. Errors in what a person typed raise `ValidationError` (Chinese, per field; HTTP 422).
Agency-level work (drafting a new item, categories) and the changes around an item (attachments,
the screen's findings, validity, channels) check the role with `require` (`PermissionDenied`,
403), as the applications' attachments do; ``actor=None`` is the system (imports, the demo
loader) where a function allows it.

For the UI:

* ``create_item(actor, agency, **fields)`` / ``update_item(item, actor, *, version=n, **fields)`` —
  fields as in `EDITABLE_FIELDS`; ``body`` is sanitised; the Art. 26 deadline is recomputed from
  ``date_changed or date_made``.
* ``add_attachment(item, actor, *, name, data)`` / ``remove_attachment(attachment, actor)``.
* ``available_transitions(item, user)`` → the `workflow.Transition`s this user may fire now (show
  one button each; ``comment_required`` → ask for a comment). Fire one with
  ``transition(item, actor, name, *, comment="", version=n)`` or the named functions ``submit``,
  ``approve``, ``sign_off``, ``return_``, ``withdraw``; each bumps the item's version.
* ``submit`` runs the pre-publication screen on title, summary, body and every attachment and
  stores `ScreenFinding`s; ``resolve_finding(finding, actor, *, resolution, reason)`` (reviewer:
  ``redacted`` masks it in the text, or ``accepted`` with a reason);
  ``replace_attachment(attachment, actor, *, name, data)`` (reviewer, in review) swaps in a
  redacted file and screens it; ``approve`` is refused while any finding is open. Label a
  finding's ``kind`` with `queries.FINDING_KINDS`.
* ``change_validity(item, actor, *, validity, on, superseded_by=None, note="")`` — repeal (废止)
  or expiry (失效); the item stays published and listed with its new validity.
* ``mark_channel(item, actor, *, channel, on, note="")`` and `channel_rows` for the handover list.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from gongkai import clock, limits
from gongkai.agencies import audit, lifecycle
from gongkai.agencies.lifecycle import AuditExtra, held_actions
from gongkai.agencies.models import Agency, User
from gongkai.agencies.permissions import Action, require
from gongkai.catalogue import content, indexing, workflow
from gongkai.catalogue.articles import walk
from gongkai.catalogue.models import (
    Attachment,
    Attribute,
    Channel,
    ChannelRecord,
    Genre,
    Item,
    ScreenFinding,
    SubjectCategory,
    Validity,
)
from gongkai.catalogue.workflow import State, Transition, TransitionError
from gongkai.rules.proactive import publication_deadline
from gongkai.rules.workdays import CalendarError
from gongkai.screening import ScreenError, screen_file_isolated, screen_text
from gongkai.screening.patterns import mask_text
from gongkai.search import catalogue as search_index
from gongkai.workflow import ConflictError

#: Fields a clerk sets on a draft.
EDITABLE_FIELDS = (
    "title", "summary", "body", "category", "genre", "art20_item", "doc_number", "date_made", "date_changed",
    "keywords", "attribute", "withheld_reason", "attribute_note", "interprets", "interpretation_kind",
)  # fmt: skip
#: Fields whose before/after values the audit log keeps for an item.
AUDITED_FIELDS = (
    "title", "category", "genre", "art20_item", "doc_number", "date_made", "date_changed", "deadline", "attribute",
    "withheld_reason", "interprets", "interpretation_kind", "state", "index_number", "date_published", "validity",
    "validity_changed_on", "superseded_by",
)  # fmt: skip
#: Attachment types the screen can read; others (images) are stored but not screened.
SCREENABLE = {".pdf", ".docx", ".xlsx"}


def _require(actor: User | None, agency: Agency, action: Action | str) -> None:
    if actor is not None:
        require(actor, agency, Action(action))


def _snapshot(item: Item) -> dict[str, Any]:
    values = audit.snapshot(item, AUDITED_FIELDS)
    values["title"] = mask_text(values["title"])  # personal data never reaches the log in clear
    return values


def _record(actor, action: str, item: Item, before: dict | None, note: str = "") -> None:
    """Audit a change of `item` and bring the search index in line with it, in the same
    transaction (every change of an item ends here: published → indexed, otherwise removed)."""
    after = _snapshot(item)
    changes = audit.diff(before, after) if before is not None else {"after": after}
    audit.record(
        actor, f"catalogue.item.{action}", item, agency=item.agency, note=mask_text(note), mask=(), **changes
    )
    search_index.sync(item)


# --- categories ---------------------------------------------------------------------------------


@transaction.atomic
def seed_categories(agency: Agency, actor: User | None = None) -> int:
    """Create the default category tree (covering Art. 20/21) where missing; returns how many were
    made. With an `actor`, only the agency's admin may, and the seeding is audited."""
    _require(actor, agency, Action.ADMINISTER)
    existing = {c.code: c for c in SubjectCategory.objects.filter(agency=agency)}
    created = []
    for order, (parent_code, seed) in enumerate(walk()):
        if seed.code in existing:
            continue
        existing[seed.code] = SubjectCategory.objects.create(
            agency=agency,
            parent=existing.get(parent_code) if parent_code else None,
            code=seed.code,
            name=seed.name,
            art20_item=seed.art20_item,
            order=order,
        )
        created.append(seed.code)
    if created and actor is not None:
        audit.record(actor, "catalogue.category.seed", None, agency=agency, after={"codes": created}, mask=())
    return len(created)


@transaction.atomic
def save_category(actor: User | None, agency: Agency, *, code: str, name: str, parent=None, art20_item=None):
    """Add or rename a category of `agency` (the agency's admin); the tree stays a tree."""
    _require(actor, agency, Action.ADMINISTER)
    code, name = (code or "").strip(), (name or "").strip()
    if not code or not name:
        raise ValidationError("请填写分类代码和分类名称")
    if parent is not None and parent.agency_id != agency.pk:
        raise ValidationError("上级分类不属于本机关")
    current = SubjectCategory.objects.filter(agency=agency, code=code).first()
    node = parent
    while current is not None and node is not None:
        if node.pk == current.pk:
            raise ValidationError("上级分类不能是本分类或其下级分类")
        node = node.parent
    before = (
        {"name": current.name, "parent": current.parent_id, "art20_item": current.art20_item}
        if current
        else None
    )
    category, _ = SubjectCategory.objects.update_or_create(
        agency=agency, code=code, defaults={"name": name, "parent": parent, "art20_item": art20_item}
    )
    audit.record(
        actor, "catalogue.category.save", category, agency=agency, before=before,
        after={"code": code, "name": name, "parent": category.parent_id, "art20_item": art20_item}, mask=(),
    )  # fmt: skip
    return category


# --- drafting -------------------------------------------------------------------------------------


def _apply_fields(item: Item, fields: dict[str, Any]) -> None:
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(f"不能修改的字段：{'、'.join(sorted(unknown))}")
    for name, value in fields.items():
        setattr(item, name, value)
    item.body = content.clean_html(item.body)
    item.title = (item.title or "").strip()
    _check_fields(item)
    basis = item.date_changed or item.date_made
    try:
        due = publication_deadline(basis)
        item.deadline, item.deadline_provisional = due.date, due.provisional
    except CalendarError:
        item.deadline, item.deadline_provisional = None, False


def _check_fields(item: Item) -> None:
    errors: dict[str, str] = {}
    if not item.title:
        errors["title"] = "请填写标题"
    if len(item.body or "") > content.MAX_BODY_CHARS:
        errors["body"] = f"正文超过{content.MAX_BODY_CHARS // 10_000}万字符上限，请将长篇内容作为附件上传"
    if not item.date_made:
        errors["date_made"] = "请填写成文日期"
    if item.date_changed and item.date_made and item.date_changed < item.date_made:
        errors["date_changed"] = "变更日期不能早于成文日期"
    if item.category is not None and item.category.agency_id != item.agency_id:
        errors["category"] = "主题分类不属于本机关"
    if item.attribute == Attribute.WITHHELD and not item.withheld_reason:
        errors["withheld_reason"] = "不予公开须选择法定理由"
    if item.attribute != Attribute.WITHHELD and item.withheld_reason:
        item.withheld_reason = ""
    if (policy := item.interprets) is not None:
        if item.genre != Genre.INTERPRETATION:
            errors["interprets"] = "只有体裁为“政策解读”的信息才能关联所解读的政策"
        elif policy.agency_id != item.agency_id:
            errors["interprets"] = "只能解读本机关的政策"
        elif policy.genre == Genre.INTERPRETATION or policy.pk == item.pk:
            errors["interprets"] = "政策解读不能解读另一篇解读或自身"
        if not item.interpretation_kind:
            errors["interpretation_kind"] = "请选择解读形式"
    elif item.genre == Genre.INTERPRETATION:
        errors["interprets"] = "政策解读须关联所解读的政策"
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_item(actor: User | None, agency: Agency, **fields: Any) -> Item:
    """A new draft of `agency` (the clerk). The deadline (Art. 26) is computed and stored."""
    _require(actor, agency, Action.ACT)
    item = Item(agency=agency, created_by=actor if actor is not None and actor.is_authenticated else None)
    _apply_fields(item, fields)
    item.save()
    _record(actor, "create", item, None)
    return item


def _locked(item: Item) -> Item:
    return Item.objects.select_for_update().select_related("agency").get(pk=item.pk)




def update_item(item: Item, actor: User, *, version: int | None = None, **fields: Any) -> Item:
    """Change a draft (the clerk); only drafts can change — return an item to change it.

    `version` is the item's version the person edited (default: `item`'s own); when someone
    saved in between, `ConflictError` and nothing is overwritten.
    """

    def change(fresh: Item) -> None:
        _apply_fields(fresh, fields)

    return _take(item, actor, workflow.EDIT.name, version=version, change=change, audit_action="update")


@transaction.atomic
def add_attachment(item: Item, actor: User | None, *, name: str, data: bytes) -> Attachment:
    """Attach a file to a draft (type checked by content, size-limited, stored under DATA_DIR)."""
    item = _locked(item)
    _require(actor, item.agency, Action.ACT)
    if item.state not in workflow.EDITABLE:
        raise ConflictError("只有起草状态的信息可以添加附件")
    stored = content.store(item.agency_id, name, data)
    attachment = Attachment.objects.create(
        item=item,
        name=stored.name,
        path=stored.path,
        extension=stored.extension,
        size=stored.size,
        sha256=stored.sha256,
        uploaded_by=actor,
    )
    audit.record(
        actor, "catalogue.attachment.add", item, agency=item.agency,
        after={"attachment": stored.name, "size": stored.size, "sha256": stored.sha256}, mask=(),
    )  # fmt: skip
    return attachment


@transaction.atomic
def remove_attachment(attachment: Attachment, actor: User | None) -> None:
    item = _locked(attachment.item)
    _require(actor, item.agency, Action.ACT)
    if item.state not in workflow.EDITABLE:
        raise ConflictError("只有起草状态的信息可以删除附件")
    audit.record(
        actor,
        "catalogue.attachment.remove",
        item,
        agency=item.agency,
        before={"attachment": attachment.name},
        mask=(),
    )
    attachment.delete()


@transaction.atomic
def replace_attachment(attachment: Attachment, actor: User | None, *, name: str, data: bytes) -> Attachment:
    """The reviewer replaces an attachment during review with a redacted version (处理后的附件):
    its old findings go, the new file is screened and its findings must be resolved again."""
    item = _locked(attachment.item)
    _require(actor, item.agency, Action.REVIEW)
    if item.state != State.REVIEW:
        raise ConflictError("只有保密审查中的信息可以替换附件")
    stored = content.store(item.agency_id, name, data)
    old = {"attachment": attachment.name, "sha256": attachment.sha256}
    ScreenFinding.objects.filter(attachment=attachment).delete()
    attachment.delete()
    replacement = Attachment.objects.create(
        item=item, name=stored.name, path=stored.path, extension=stored.extension, size=stored.size,
        sha256=stored.sha256, uploaded_by=actor,
    )  # fmt: skip
    ScreenFinding.objects.bulk_create(_screen_attachment(item, replacement))
    audit.record(
        actor, "catalogue.attachment.replace", item, agency=item.agency, before=old,
        after={"attachment": stored.name, "sha256": stored.sha256}, mask=(),
    )  # fmt: skip
    return replacement


# --- the screen -----------------------------------------------------------------------------------


#: Text sources of an item the screen reads, with the field each comes from.
TEXT_SOURCES = {"标题": "title", "内容概述": "summary", "正文": "body"}


def _screen_texts(item: Item, sources=TEXT_SOURCES) -> list[ScreenFinding]:
    found = []
    for source, name in sources.items():
        value = getattr(item, name)
        text = content.html_text(value) if name == "body" else value
        for f in screen_text(text, where=source):
            found.append(
                ScreenFinding(item=item, source=source, kind=f.kind, where=f.where, excerpt=f.excerpt[:400])
            )
    return found


#: Seconds the screen of one submission may spend on attachments (the web worker's timeout is 60).
SCREEN_BUDGET = 40.0


def _screen_attachment(
    item: Item, attachment: Attachment, seconds: float = limits.TIME_LIMIT
) -> list[ScreenFinding]:
    """The attachment's findings, screened in a child process bounded in time and memory; a file
    that cannot be read, or not within `seconds`, is one ``unreadable`` finding (人工审查)."""
    if attachment.extension not in SCREENABLE:
        return []
    try:
        if seconds < 1:
            raise ScreenError("no time left to screen it", "本次提交的审查时间已用完")
        findings = screen_file_isolated(content.stored_path(attachment.path), seconds=seconds)
    except ScreenError as exc:
        return [
            ScreenFinding(
                item=item, attachment=attachment, source=attachment.name, kind="unreadable",
                where="整个文件", excerpt=f"无法自动审查，须人工审查：{exc.zh}"[:400],
            )
        ]  # fmt: skip
    return [
        ScreenFinding(
            item=item, attachment=attachment, source=attachment.name, kind=f.kind, where=f.where,
            excerpt=f.excerpt[:400],
        )
        for f in findings
    ]  # fmt: skip


def screen_item(item: Item) -> list[ScreenFinding]:
    """Run the pre-publication screen on the item and its attachments; unsaved findings. The
    attachments share `SCREEN_BUDGET` seconds, so a submission never outlasts a web worker."""
    found = _screen_texts(item)
    deadline = time.monotonic() + SCREEN_BUDGET
    for attachment in item.attachments.all():
        seconds = min(limits.TIME_LIMIT, deadline - time.monotonic())
        found.extend(_screen_attachment(item, attachment, seconds))
    return found


def _redact(item: Item, finding: ScreenFinding) -> dict[str, Any]:
    """Mask the finding's kind in the text it was found in; refuse when that does not remove it."""
    name = TEXT_SOURCES.get(finding.source) if finding.attachment_id is None else None
    if name is None:
        raise ValidationError(
            "附件中的内容不能在线遮盖：请上传处理后的附件替换（替换后重新审查），或退回经办人修改"
        )
    before = getattr(item, name)
    after = (
        content.redact_html(before, finding.kind)
        if name == "body"
        else content.redact_text(before, finding.kind)
    )
    setattr(item, name, after)
    still = [f for f in _screen_texts(item, {finding.source: name}) if f.kind == finding.kind]
    if still:
        raise ValidationError("未能自动遮盖该处内容（可能被格式分隔），请退回经办人修改后重新提交")
    item.save(update_fields=[name, "updated_at"])
    return {"field": name, "length_before": len(before), "length_after": len(after)}


@transaction.atomic
def resolve_finding(
    finding: ScreenFinding, actor: User | None, *, resolution: str, reason: str = ""
) -> ScreenFinding:
    """The reviewer redacts (已删除/遮盖) or accepts (确认可公开, a reason required) one finding.

    Redacting a finding in the title, summary or body masks that kind of data in that text in
    place (138****5678) and checks the screen no longer finds it; the other open findings of the
    same kind in the same text are resolved with it. An attachment cannot be redacted online:
    the reviewer replaces it (`replace_attachment`) or returns the item.
    """
    item = _locked(finding.item)
    _require(actor, item.agency, Action.REVIEW)
    if item.state != State.REVIEW:
        raise ConflictError("只有保密审查中的信息可以处理审查发现")
    resolution = ScreenFinding.Resolution(resolution)
    if resolution == ScreenFinding.Resolution.OPEN:
        raise ValidationError("请选择“已删除/遮盖”或“确认可公开”")
    if resolution == ScreenFinding.Resolution.ACCEPTED and not reason.strip():
        raise ValidationError("确认可公开须说明理由")
    finding = ScreenFinding.objects.select_for_update().get(pk=finding.pk)
    if finding.resolution != ScreenFinding.Resolution.OPEN:
        raise ConflictError("该审查发现已由他人处理，请刷新页面")
    before = {"resolution": finding.resolution}
    redaction = _redact(item, finding) if resolution == ScreenFinding.Resolution.REDACTED else {}
    if redaction:
        # other open findings of the same kind in the same text were masked by the same pass
        ScreenFinding.objects.filter(
            item=item, attachment=None, source=finding.source, kind=finding.kind, resolution="open"
        ).exclude(pk=finding.pk).update(
            resolution=resolution, reason="随同一遮盖操作处理", resolved_by=actor, resolved_at=clock.now()
        )
    finding.resolution, finding.reason = resolution, reason.strip()
    finding.resolved_by, finding.resolved_at = actor, clock.now()
    finding.save()
    audit.record(
        actor, "catalogue.finding.resolve", item, agency=item.agency, before=before,
        after={"resolution": finding.resolution, "kind": finding.kind, "where": f"{finding.source} {finding.where}",
               **redaction},
        note=mask_text(finding.reason), mask=(),
    )  # fmt: skip
    return finding


# --- the review workflow --------------------------------------------------------------------------

#: The item in the refusal of a stale version (该信息已被他人修改…).
NOUN = "信息"


def available_transitions(item: Item, user) -> list[Transition]:
    """The transitions `user` may fire on `item` now (one button each in the UI)."""
    held = held_actions(user, item.agency_id)
    return [t for t in workflow.WORKFLOW.available(item.state, held) if t.name in workflow.TRANSITIONS]


def _take(
    item: Item,
    actor: User,
    name: str,
    *,
    version: int | None,
    comment: str = "",
    change: Callable[[Item], None] | None = None,
    audit_action: str = "",
    then: Callable[[Item], None] | None = None,
) -> Item:
    """Take step `name` with `lifecycle.take` (reader check, lock, version, rule and role, `change`,
    version + 1, the audit entry ``catalogue.item.<audit_action or name>`` with the masked title
    and comment), bring the search index in line in the same transaction, then run `then` on the
    saved item (changes of other items whose audit entries follow this one). The passed `item`
    is refreshed in place and returned."""

    def apply(fresh: Item, _step: Transition) -> AuditExtra:
        if change is not None:
            change(fresh)
        return AuditExtra(note=mask_text(comment))

    with transaction.atomic():
        fresh = lifecycle.take(
            item, actor, workflow.WORKFLOW, name, noun=NOUN, version=version, comment=comment,
            audit_action=f"catalogue.item.{audit_action or name}", audit_fields=AUDITED_FIELDS,
            snapshot=_snapshot, change=apply, changes_only=True,
        )  # fmt: skip
        search_index.sync(fresh)
        if then is not None:
            then(fresh)
    item.refresh_from_db()
    return item


def submit(item: Item, actor: User, *, comment: str = "", version: int | None = None) -> Item:
    """The clerk sends a draft to confidentiality review (保密审查); the screen runs now."""

    def change(fresh: Item) -> None:
        _check_fields(fresh)
        if not fresh.category_id:
            raise ValidationError({"category": "请选择主题分类"})
        fresh.findings.all().delete()
        ScreenFinding.objects.bulk_create(screen_item(fresh))

    return _take(item, actor, "submit", version=version, comment=comment, change=change)


def approve(item: Item, actor: User, *, comment: str = "", version: int | None = None) -> Item:
    """The reviewer passes the review; refused while any screening finding is unresolved."""

    def change(fresh: Item) -> None:
        open_count = fresh.findings.filter(resolution=ScreenFinding.Resolution.OPEN).count()
        if open_count:
            raise TransitionError(
                f"还有{open_count}项发布前审查发现未处理（删除/遮盖或确认可公开），不能通过审查"
            )

    return _take(item, actor, "approve", version=version, comment=comment, change=change)


def _publish(item: Item, on: dt.date) -> None:
    """Give the item its index number and publication date (inside the caller's transaction)."""
    if item.doc_number and (
        Item.objects.filter(agency=item.agency, doc_number=item.doc_number, state=State.PUBLISHED)
        .exclude(pk=item.pk)
        .exists()
    ):
        raise ValidationError({"doc_number": f"本机关已发布文号为“{item.doc_number}”的信息，不能重复发布"})
    if not item.index_number:
        item.index_number, _ = indexing.next_index_number(item.agency, on.year)
        item.index_year = on.year
    item.state = State.PUBLISHED
    item.date_published = on
    try:
        with transaction.atomic():
            item.save()
    except IntegrityError as exc:
        raise ValidationError("索引号或文号与已发布的信息重复") from exc


def sign_off(
    item: Item, actor: User, *, comment: str = "", on: dt.date | None = None, version: int | None = None
) -> Item:
    """The leader signs off (签发): a 主动公开 item is published now with its index number; an
    interpretation whose policy is not yet published waits for it; other attributes are filed.
    Publishing a policy also publishes its signed-off interpretations (published together)."""
    day = on or clock.today()

    def change(fresh: Item) -> None:
        if fresh.attribute != Attribute.PROACTIVE:
            fresh.state = State.FILED
        elif fresh.interprets is not None and fresh.interprets.state != State.PUBLISHED:
            fresh.state = State.WAITING
        else:
            _publish(fresh, day)
            for waiting in Item.objects.select_for_update().filter(interprets=fresh, state=State.WAITING):
                waiting_before = _snapshot(waiting)
                _publish(waiting, day)
                _record(actor, "publish_with_policy", waiting, waiting_before, f"随政策《{fresh.title}》同步发布")

    return _take(item, actor, "sign_off", version=version, comment=comment, change=change)


def return_(item: Item, actor: User, *, comment: str, version: int | None = None) -> Item:
    """The reviewer or the leader returns the item to the clerk with a comment (退回)."""
    return _take(item, actor, "return", version=version, comment=comment)


def withdraw(item: Item, actor: User, *, comment: str, version: int | None = None) -> Item:
    """The leader withdraws (撤回) a published item; it keeps its index number and history, and
    leaves every public listing. Its published interpretations are withdrawn with it."""
    interpretations: list[Item] = []

    def change(fresh: Item) -> None:
        # rows first, the audit log after: recording holds the log's lock to the end (agencies.chain)
        interpretations.extend(
            Item.objects.select_for_update().filter(interprets=fresh, state__in=[State.PUBLISHED, State.WAITING])
        )

    def then(fresh: Item) -> None:
        for interp in interpretations:
            interp_before = _snapshot(interp)
            interp.state = State.WITHDRAWN
            interp.save(update_fields=["state", "updated_at"])
            _record(
                actor, "withdraw_with_policy", interp, interp_before, f"随政策《{fresh.title}》撤回：{comment}"
            )

    return _take(item, actor, "withdraw", version=version, comment=comment, change=change, then=then)


_NAMED: dict[str, Callable[..., Item]] = {
    "submit": submit,
    "approve": approve,
    "sign_off": sign_off,
    "return": return_,
    "withdraw": withdraw,
}


def transition(item: Item, actor: User, name: str, *, comment: str = "", version: int | None = None) -> Item:
    """Fire the transition `name` (see `workflow.TRANSITIONS`) — what the UI's buttons call;
    `version` is the item's version the person saw (stale: `ConflictError`, nothing written)."""
    if name not in _NAMED:
        raise TransitionError(f"未知的操作：{name}")
    return _NAMED[name](item, actor, comment=comment, version=version)


@transaction.atomic
def change_validity(
    item: Item,
    actor: User | None,
    *,
    validity: str,
    on: dt.date,
    superseded_by: Item | None = None,
    note: str = "",
) -> Item:
    """Repeal (废止) or mark expired (失效) a published item — it stays listed with its validity —
    or restore it to 有效. `superseded_by` names the item that replaces it (same agency)."""
    item = _locked(item)
    _require(actor, item.agency, Action.SIGN_OFF)
    validity = Validity(validity)
    if item.state != State.PUBLISHED:
        raise ConflictError("只有已发布的信息可以变更有效性")
    if superseded_by is not None and (
        superseded_by.agency_id != item.agency_id or superseded_by.pk == item.pk
    ):
        raise ValidationError({"superseded_by": "替代文件须为本机关的其他信息"})
    if item.date_made and on < item.date_made:
        raise ValidationError({"validity_changed_on": "废止/失效日期不能早于成文日期"})
    before = _snapshot(item)
    item.validity = validity
    item.validity_changed_on = None if validity == Validity.VALID else on
    item.superseded_by = superseded_by if validity != Validity.VALID else None
    item.save()
    _record(actor, "validity", item, before, note)
    return item


# --- channels -------------------------------------------------------------------------------------


@transaction.atomic
def mark_channel(item: Item, actor: User | None, *, channel: str, on: dt.date, note: str = "") -> ChannelRecord:
    """Record that a published item also went out on `channel` (WeChat, gazette, notice board) or
    was handed to the archive or library (两馆)."""
    item = _locked(item)
    _require(actor, item.agency, Action.ACT)
    channel = Channel(channel)
    if item.state != State.PUBLISHED:
        raise ConflictError("只有已发布的信息可以登记发布渠道")
    record, _ = ChannelRecord.objects.update_or_create(
        item=item, channel=channel, defaults={"on": on, "note": note, "recorded_by": actor}
    )
    audit.record(
        actor, "catalogue.channel.mark", item, agency=item.agency,
        after={"channel": channel.value, "on": on.isoformat(), "note": mask_text(note)}, mask=(),
    )  # fmt: skip
    return record


HANDOVER_COLUMNS = ("索引号", "标题", "文号", "成文日期", "发布日期", "有效性", "渠道", "日期", "说明")


def channel_rows(agency: Agency, channel: str, year: int | None = None) -> Iterable[tuple[str, ...]]:
    """Rows for the handover list (移交清单) of one channel, headed by `HANDOVER_COLUMNS`;
    only public items (主动公开, published) are ever listed."""
    from gongkai.catalogue.visibility import public_items

    records = (
        ChannelRecord.objects.filter(item__in=public_items().filter(agency=agency), channel=Channel(channel))
        .select_related("item")
        .order_by("on", "item__index_number")
    )
    if year is not None:
        records = records.filter(on__year=year)
    for r in records:
        i = r.item
        yield (
            i.index_number or "", i.title, i.doc_number, i.date_made.isoformat(),
            i.date_published.isoformat() if i.date_published else "", i.get_validity_display(),
            r.get_channel_display(), r.on.isoformat(), r.note,
        )  # fmt: skip
