"""Rich text and attachments: sanitising bodies with nh3, checking and storing uploaded files.

Attachments are type-checked by their content (`gongkai.sniff`), not by the name a user gave them,
size-limited, zip packages (Word, Excel, OFD, zip) inflated once with caps to refuse zip bombs
at upload, and stored under ``DATA_DIR/catalogue/<agency id>/`` with a random name. A body's text
is read by the screen's streaming tokenizer (`screening.markup`), which sees text at any depth.
"""

from __future__ import annotations

import hashlib
import io
import re
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import nh3
from django.conf import settings
from django.core.exceptions import ValidationError

from gongkai import limits, sniff
from gongkai.screening import markup
from gongkai.screening.patterns import find, mask_value

#: Tags and attributes a body may keep; everything else (scripts, styles, event handlers) goes.
ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "strong", "b", "em", "i", "u", "ul", "ol", "li", "blockquote",
    "table", "thead", "tbody", "tr", "th", "td", "a", "span", "div", "sub", "sup", "hr", "img",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan"},
    "img": {"src", "alt"},
}
ALLOWED_SCHEMES = {"http", "https", "mailto"}

#: Largest attachment accepted, in bytes.
MAX_ATTACHMENT_SIZE = 50 * 1024 * 1024
#: Deepest nesting of elements a body may have (a real document has a few dozen levels).
MAX_NESTING = 1_000
#: Longest body, in characters of HTML (a long notice has tens of thousands; longer texts are attachments).
MAX_BODY_CHARS = 500_000
#: Accepted attachment types, as `gongkai.sniff` names them (the name's suffix must agree).
ATTACHMENT_TYPES = {".pdf", ".docx", ".xlsx", ".png", ".jpg", ".ofd", ".zip"}


#: Characters a browser drops from inside a URL (so "/\t/host" is "//host").
_URL_IGNORED = re.compile(r"[\t\n\r]")


def same_site(url: str) -> bool:
    """Whether `url` is a relative reference into this site (no scheme, no host, not the
    backslash or protocol-relative forms a browser reads as another host)."""
    url = _URL_IGNORED.sub("", url).strip()
    parts = urlsplit(url)
    return bool(url) and not parts.scheme and not parts.netloc and not url.startswith(("\\", "/\\"))


def _keep_attribute(element: str, attribute: str, value: str) -> str | None:
    """Images load from this site only: another host's picture (a tracking pixel) is dropped."""
    if element == "img" and attribute == "src" and not same_site(value):
        return None
    return value


def clean_html(body: str) -> str:
    """`body` reduced to the allowed tags and attributes; links only http(s)/mailto; images
    only from this site (no external resource is fetched when the page is read).

    Markup nested deeper than `MAX_NESTING` is refused (`ValidationError`) before nh3 sees it:
    its HTML5 tree builder takes quadratic time on depth (100,000 levels: minutes).
    """
    if markup.nesting_depth(body or "") > MAX_NESTING:
        raise ValidationError(f"正文的HTML格式嵌套超过{MAX_NESTING}层，无法处理，请简化格式后重新保存")
    return nh3.clean(
        body or "", tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=ALLOWED_SCHEMES,
        attribute_filter=_keep_attribute,
    )  # fmt: skip


def html_text(body: str) -> str:
    """The readable text of an HTML body, one block per line (for screening and search), however
    deeply its elements nest."""
    return markup.html_text(body or "")


def redact_text(text: str, kind: str) -> str:
    """`text` with every hit of the screen's `kind` masked in place (遮盖); classification marks
    are blanked out entirely, personal data keeps the screen's partial mask (138****5678)."""
    out = list(text or "")
    for hit in find(text or ""):
        if hit.kind == kind:
            value = text[hit.start : hit.end]
            out[hit.start : hit.end] = "*" * len(value) if kind == "secret_word" else mask_value(kind, value)
    return "".join(out)


def redact_html(body: str, kind: str) -> str:
    """An HTML body with `kind` hits masked in every text node (markup kept, then re-sanitised)."""
    if not (body or "").strip():
        return body
    return clean_html(markup.map_text(body, lambda text: redact_text(text, kind)))


@dataclass(frozen=True)
class StoredFile:
    name: str
    path: str  #: relative to DATA_DIR
    extension: str
    size: int
    sha256: str


def detected_extension(name: str, data: bytes) -> str:
    """The type of `data` by its content (`gongkai.sniff`), which is the suffix it is stored
    under; `ValidationError` (Chinese) for a type not accepted or content that is not what the
    name says."""
    ext = Path(name).suffix.lower()
    if sniff.SUFFIXES.get(ext, ext) not in ATTACHMENT_TYPES:
        raise ValidationError(
            f"不支持的附件类型“{ext or '无扩展名'}”，允许：{'、'.join(sorted(ATTACHMENT_TYPES))}"
        )
    if not data:
        raise ValidationError("附件为空文件")
    if len(data) > MAX_ATTACHMENT_SIZE:
        raise ValidationError(f"附件超过{MAX_ATTACHMENT_SIZE // (1024 * 1024)}MB上限")
    detected = sniff.suffix(data)
    if detected != sniff.SUFFIXES.get(ext, ext):
        raise ValidationError(f"附件“{name}”的内容与扩展名{ext}不符")
    if detected in PACKAGES:
        _check_package(name, data)
    return detected


#: Types that are zip packages, inflated once at upload with caps (`limits.check_zip`).
PACKAGES = {".docx", ".xlsx", ".ofd", ".zip"}


def _check_package(name: str, data: bytes) -> None:
    """Refuse a zip bomb (members too many or too large once inflated) before it is stored."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            limits.check_zip(archive, inflate=True)
    except limits.LimitExceeded as exc:
        raise ValidationError(f"附件“{name}”不能接收：{exc.zh}") from exc
    except (zipfile.BadZipFile, EOFError, OSError, ValueError) as exc:
        raise ValidationError(f"附件“{name}”已损坏，无法解压") from exc


def store(agency_id: int, name: str, data: bytes) -> StoredFile:
    """Check `data` and write it under DATA_DIR; the caller records the `Attachment` row."""
    ext = detected_extension(name, data)
    relative = Path("catalogue") / str(agency_id) / f"{uuid.uuid4().hex}{ext}"
    target = Path(settings.DATA_DIR) / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return StoredFile(Path(name).name[:200], str(relative), ext, len(data), hashlib.sha256(data).hexdigest())


def stored_path(path: str) -> Path:
    """Where a stored attachment (its `path` relative to DATA_DIR) is on disk."""
    return Path(settings.DATA_DIR) / path


def read(path: str) -> bytes:
    """The bytes of a stored attachment."""
    return stored_path(path).read_bytes()
