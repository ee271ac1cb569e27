"""The type of an uploaded file, judged by its content and never by the name it came with.

puremagic reads the magic number; a zip package (Word, Excel and OFD files all are) is told
apart by its members, read from the central directory only (nothing is inflated). The answer
is a normalised suffix that the file is then stored under. Plain Python, no Django.
"""

from __future__ import annotations

import io
import zipfile

import puremagic

#: Spellings puremagic may give → the suffix files of that type are stored under.
SUFFIXES = {".jpeg": ".jpg", ".jfif": ".jpg", ".jpg": ".jpg", ".tiff": ".tif", ".tif": ".tif", ".png": ".png",
            ".pdf": ".pdf"}  # fmt: skip
#: A zip package's kind by the member that defines it.
PACKAGE_MEMBERS = (("word/document.xml", ".docx"), ("xl/workbook.xml", ".xlsx"), ("OFD.xml", ".ofd"))
#: A central directory with more entries than this is not a document (and is not worth listing).
MAX_MEMBERS = 5_000


def _package(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if len(archive.filelist) > MAX_MEMBERS:
                return ""
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        return ""
    return next((suffix for member, suffix in PACKAGE_MEMBERS if member in names), ".zip")


def suffix(data: bytes) -> str:
    """``.pdf``, ``.jpg``, ``.png``, ``.tif``, ``.docx``, ``.xlsx``, ``.ofd``, ``.zip`` — or
    ``""`` for anything else (including an empty or unreadable file)."""
    if data[:4] == b"PK\x03\x04":
        return _package(data)
    try:
        found = puremagic.from_string(data) if data else ""
    except (puremagic.PureError, ValueError):
        return ""
    return SUFFIXES.get(found.lower(), "")
