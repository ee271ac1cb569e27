"""An item's attachments: the clerk uploads and removes them on a draft, the reviewer replaces one
with a processed version during review, staff download them."""

from __future__ import annotations

from urllib.parse import quote

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.views.decorators.http import require_POST

from gongkai.agencies.permissions import get_scoped_or_404
from gongkai.catalogue import services
from gongkai.catalogue.content import read
from gongkai.catalogue.forms import AttachmentForm
from gongkai.catalogue.models import Attachment
from gongkai.catalogue.views.common import content_visible, scoped_item
from gongkai.catalogue.views.page import act, refuse


def _with_upload(request, item, missing: str, store, done, *, form_name: str | None = None):
    """Hand the posted file to `store(name, data)` through `act` (success: `done(name)`); no
    file: the page again with `missing` (400), the bound form with its error as `form_name`."""
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        return refuse(request, item, missing, status=400, **({form_name: form} if form_name else {}))
    upload = form.cleaned_data["file"]
    return act(request, item, lambda: store(upload.name, upload.read()), done(upload.name))


def _attachment(request, attachment_pk: int) -> Attachment:
    return get_scoped_or_404(
        Attachment.objects.select_related("item__agency"),
        request.user,
        field="item__agency",
        pk=attachment_pk,
    )


@login_required
@require_POST
def attachment_add(request, pk: int):
    item = scoped_item(request, pk)
    return _with_upload(
        request, item, "请选择要上传的文件",
        lambda name, data: services.add_attachment(item, request.user, name=name, data=data),
        lambda name: f"已上传附件“{name}”",
        form_name="attachment_form",
    )  # fmt: skip


@login_required
@require_POST
def attachment_replace(request, attachment_pk: int):
    """The reviewer swaps in a redacted version of an attachment during review; it is screened again."""
    attachment = _attachment(request, attachment_pk)
    return _with_upload(
        request, attachment.item, "请选择处理后的附件",
        lambda name, data: services.replace_attachment(attachment, request.user, name=name, data=data),
        lambda name: f"已用“{name}”替换“{attachment.name}”，并重新审查",
    )  # fmt: skip


@login_required
@require_POST
def attachment_remove(request, attachment_pk: int):
    attachment = _attachment(request, attachment_pk)
    return act(request, attachment.item, lambda: services.remove_attachment(attachment, request.user), "已删除附件")


@login_required
def attachment_download(request, attachment_pk: int):
    """A staff download of an attachment of an item the user may read."""
    attachment = _attachment(request, attachment_pk)
    if not content_visible(request.user, attachment.item):
        raise PermissionDenied("该信息尚未发布，您没有查看其附件的权限")
    try:
        data = read(attachment.path)
    except OSError as exc:
        raise Http404("附件文件不存在") from exc
    response = HttpResponse(data, content_type="application/octet-stream")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(attachment.name)}"
    return response
