"""Where letters and uploaded letter templates are kept (under DATA_DIR), and which stored letter
is the reply under review: the one made with the latest reply draft, passed by the reviewer by
its SHA-256. The workflow's review and sign-off guards read it (through the services' facts),
so no path to a signed reply skips the letter; `gongkai.applications.letters` makes the files."""

from __future__ import annotations

import hashlib
from pathlib import Path

from django.conf import settings

from gongkai.agencies import audit
from gongkai.applications.models import Application, Letter

#: Audit actions that make a reply draft (and, through `letters`, its letter).
DRAFT_ACTIONS = ("application.draft_reply", "application.mark_duplicate")


def storage(sub: str) -> Path:
    """The directory of stored ``letters`` or ``letter_templates`` (made when missing)."""
    path = Path(settings.DATA_DIR) / "applications" / sub
    path.mkdir(parents=True, exist_ok=True)
    return path


def letter_docx(letter: Letter) -> bytes:
    return (storage("letters") / letter.path).read_bytes()


def draft_letter(application: Application) -> Letter | None:
    """The reply letter made with the application's latest reply draft, None when there is none."""
    drafted = (audit.entries_for(application).filter(action__in=DRAFT_ACTIONS).order_by("-at", "-id")
               .values_list("at", flat=True).first())
    if drafted is None:
        return None
    return (application.letters.filter(kind__startswith="reply_", created_at__gte=drafted)
            .order_by("-created_at", "-id").first())


def letter_digest(letter: Letter) -> str:
    """SHA-256 of the stored letter file: what the reviewer passed is what the leader signs."""
    return hashlib.sha256(letter_docx(letter)).hexdigest()


def reviewed_digest(application: Application) -> str | None:
    """The SHA-256 of the reply letter the latest review passed (its audit entry names it)."""
    reviewed = (audit.entries_for(application).filter(action="application.review").order_by("-at", "-id")
                .values_list("after", flat=True).first()) or {}
    return reviewed.get("letter_sha256")
