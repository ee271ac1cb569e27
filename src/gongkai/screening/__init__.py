"""Pre-publication screen (发布前审查): personal data, classification marks and hidden content.

Pure Python (no Django): the catalogue's confidentiality review (保密审查) and the
`gongkai screen` command use the same functions.

API for callers (the review screens show these):

* `screen_file(path)` / `screen_bytes(name, data)` → list of `Finding` (``kind``, ``where``,
  ``excerpt``; excerpts are already masked, safe to show and log); `ScreenError` when the file
  cannot be read or is over a limit (``str()`` English, ``.zh`` Chinese);
* `screen_file_isolated(path)`: the same in a child process bounded in time and memory — what a
  web request or the command line calls on a file someone handed in;
* `screen_text(text, where)` for a body of plain text (e.g. an item's body with tags stripped);
* `KINDS`: every finding kind with its Chinese label (身份证号码, 隐藏工作表, 修订痕迹 …).
"""

from gongkai.screening.documents import (
    STRUCTURE_KINDS,
    SUPPORTED,
    Finding,
    ScreenError,
    screen_bytes,
    screen_file,
    screen_file_isolated,
    screen_text,
)
from gongkai.screening.patterns import TEXT_KINDS

#: Every finding kind with its Chinese label.
KINDS: dict[str, str] = {**TEXT_KINDS, **STRUCTURE_KINDS}

__all__ = [
    "KINDS",
    "SUPPORTED",
    "Finding",
    "ScreenError",
    "screen_bytes",
    "screen_file",
    "screen_file_isolated",
    "screen_text",
]
