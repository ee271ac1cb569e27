"""Readable column slugs: an agency's portal column is ``/xxgk/<slug>/``, the pinyin of its name
(台儿庄区民政局 → ``taierzhuangquminzhengju``), made unique with ``-2``, ``-3``… Pure.

A slug is lowercase ASCII letters, digits and hyphens, starting with a letter; it is never one
of the portal's own path segments, and never reads as an organisation code (the column's URL by
code redirects to the slug, so a slug that was another agency's code would capture it).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from pypinyin import lazy_pinyin

from gongkai.agencies import codes

MAX_LENGTH = 60
#: Path segments of the portal's own pages under /xxgk/ (see gongkai.portal.urls).
RESERVED = frozenset({"search", "apply", "query", "catalogue", "items", "attachments", "feed", "sitemap",
                      "static", "admin", "robots"})  # fmt: skip
PATTERN = re.compile(r"^[a-z][a-z0-9-]*$")


class SlugError(ValueError):
    """A slug that cannot be used; the message (Chinese) says why."""


def from_name(name: str) -> str:
    """The pinyin of `name` as a slug (other characters dropped; "jiguan" when nothing is left)."""
    text = re.sub(r"[^a-z0-9]+", "", "".join(lazy_pinyin(name)).lower())
    text = text.lstrip("0123456789")[: MAX_LENGTH - 4]
    return text if text and text not in RESERVED and not is_code(text) else f"jiguan{text}"[: MAX_LENGTH - 4]


def is_code(value: str) -> bool:
    """True when `value` (any case) is a valid organisation code."""
    try:
        codes.validate(value.upper())
    except codes.CodeError:
        return False
    return True


def check(value: str) -> None:
    """Raise `SlugError` unless `value` may be a column's slug."""
    if not 2 <= len(value) <= MAX_LENGTH or not PATTERN.match(value):
        raise SlugError(f"专栏网址名须为2至{MAX_LENGTH}位小写字母、数字或连字符（-），以字母开头")
    if value in RESERVED:
        raise SlugError(f"“{value}”是门户网站已使用的网址，请换一个")
    if is_code(value):
        raise SlugError("专栏网址名不能是机构代码")


def unique(base: str, taken: Callable[[str], bool]) -> str:
    """`base`, or `base-2`, `base-3`… — the first for which `taken` is false."""
    candidate, n = base, 1
    while taken(candidate):
        n += 1
        candidate = f"{base}-{n}"
    return candidate
