"""Attachments of an application (identity proof, the applicant's letter, correction material).

Files are checked by their content (`gongkai.sniff`), never by their name, limited in size, and stored
under ``DATA_DIR/applications/attachments`` with a generated name; the original name is kept
only as a label. UI: `add_attachment(application, user, kind=..., name=..., data=...)`,
`attachment_bytes(attachment)` for downloads (serve with ``Content-Disposition: attachment``).
"""

from __future__ import annotations

import uuid
from pathlib import Path

from django.conf import settings
from django.db import transaction

from gongkai import sniff
from gongkai.agencies import audit
from gongkai.agencies.permissions import Action, require
from gongkai.applications.models import Application, Attachment

#: Largest accepted file.
MAX_BYTES = 10 * 1024 * 1024
#: Content types accepted, by the suffix `gongkai.sniff` detects → MIME type.
ALLOWED = {
    ".pdf": "application/pdf",
    ".jpg": "image/jpeg",
    ".png": "image/png",
    ".tif": "image/tiff",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".ofd": "application/ofd",
}


class AttachmentError(ValueError):
    """The file is refused (Chinese message)."""


def detect(data: bytes) -> tuple[str, str]:
    """The suffix and MIME type of `data` judged by its content, or AttachmentError when it is not allowed."""
    if not data:
        raise AttachmentError("文件为空")
    if len(data) > MAX_BYTES:
        raise AttachmentError(f"文件不能超过{MAX_BYTES // (1024 * 1024)}MB")
    suffix = sniff.suffix(data)
    if suffix not in ALLOWED:
        raise AttachmentError("只能上传PDF、JPG、PNG、TIFF、OFD或Word（.docx）文件（按文件内容识别）")
    return suffix, ALLOWED[suffix]


def _directory() -> Path:
    path = Path(settings.DATA_DIR) / "applications" / "attachments"
    path.mkdir(parents=True, exist_ok=True)
    return path


def add_attachment(application: Application, user, *, kind: str, name: str, data: bytes) -> Attachment:
    require(user, application.agency_id, Action.ACT)
    if kind not in Attachment.Kind.values:
        raise AttachmentError("请选择材料类型")
    suffix, content_type = detect(data)
    stored = f"{uuid.uuid4().hex}{suffix}"  # the detected type's suffix: the uploaded name is only a label
    path = _directory() / stored
    path.write_bytes(data)
    try:
        with transaction.atomic():
            attachment = Attachment.objects.create(
                application=application, kind=kind, original_name=Path(name).name[:200], stored_name=stored,
                content_type=content_type, size=len(data), uploaded_by=user)
            audit.record(user, "application.attachment", application, agency=application.agency,
                         note=f"上传{attachment.get_kind_display()}", after={"size": len(data), "type": content_type})
    except BaseException:
        path.unlink(missing_ok=True)  # no file without its record
        raise
    return attachment


def attachment_bytes(attachment: Attachment) -> bytes:
    return (_directory() / attachment.stored_name).read_bytes()
