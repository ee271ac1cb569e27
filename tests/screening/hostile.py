"""Generators of hostile files (written to a temporary folder, never committed): a Word zip bomb,
a PDF deflate bomb, an oversized text file and deeply nested HTML. The tests and
bench/bench_hostile_files.py use the same ones."""

from __future__ import annotations

import struct
import zipfile
import zlib
from pathlib import Path

MiB = 1024 * 1024
#: What the deeply nested body hides: a resident ID, a mobile number and a classification mark.
HIDDEN_PERSONAL = "申请人身份证号370405195501011235，手机13912345678，本件机密"

_PARAGRAPH = (
    b'<w:p><w:r><w:t xml:space="preserve">'
    + "根据政府信息公开条例规定现将有关情况公告如下".encode() * 4
    + b"</w:t></w:r></w:p>"
)


def docx_bomb(path: Path, inflated: int = 300 * MiB) -> Path:
    """A valid .docx whose word/document.xml inflates to about `inflated` bytes (~1.6 MB on disk
    per 300 MB: repeated paragraphs deflate about 180 to 1)."""
    import docx

    docx.Document().save(path)
    head = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
    )
    return _inflate_member(path, "word/document.xml", head, _PARAGRAPH, b"</w:body></w:document>", inflated)


def xlsx_bomb(path: Path, inflated: int = 300 * MiB) -> Path:
    """A valid .xlsx whose first sheet inflates to about `inflated` bytes of rows."""
    import openpyxl

    openpyxl.Workbook().save(path)
    head = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    row = b'<row><c t="inlineStr"><is><t>' + "名单".encode() * 20 + b"</t></is></c></row>"
    return _inflate_member(path, "xl/worksheets/sheet1.xml", head, row, b"</sheetData></worksheet>", inflated)


def _inflate_member(path: Path, member: str, head: bytes, unit: bytes, tail: bytes, inflated: int) -> Path:
    """Rewrite the package at `path` with `member` as `head`, `unit` repeated to `inflated` bytes, `tail`."""
    with zipfile.ZipFile(path) as src:
        parts = {n: src.read(n) for n in src.namelist() if n != member}
    block = unit * (MiB // len(unit))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in parts.items():
            out.writestr(name, data)
        with out.open(member, "w", force_zip64=True) as fh:
            fh.write(head)
            for _ in range(inflated // len(block)):
                fh.write(block)
            fh.write(tail)
    return path


def docx_lying_about_its_size(path: Path, inflated: int = 64 * MiB) -> Path:
    """A zip bomb whose document.xml declares 1 KB in both zip headers but inflates to `inflated`."""
    docx_bomb(path, inflated)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("word/document.xml")
        central = archive.start_dir
    name_len, extra_len = struct.unpack_from("<HH", data, info.header_offset + 26)
    _patch_size(data, info.header_offset + 22, info.header_offset + 30 + name_len, extra_len)
    while data[central : central + 4] == b"PK\x01\x02":
        name_len, extra_len, comment_len = struct.unpack_from("<HHH", data, central + 28)
        if data[central + 46 : central + 46 + name_len] == b"word/document.xml":
            _patch_size(data, central + 24, central + 46 + name_len, extra_len)
        central += 46 + name_len + extra_len + comment_len
    path.write_bytes(bytes(data))
    return path


def _patch_size(data: bytearray, at: int, extra: int, extra_len: int, size: int = 1024) -> None:
    """Write `size` as a header's uncompressed size (in the zip64 extra field when it is there)."""
    if struct.unpack_from("<I", data, at)[0] != 0xFFFFFFFF:
        struct.pack_into("<I", data, at, size)
        return
    end = extra + extra_len
    while extra < end:
        tag, length = struct.unpack_from("<HH", data, extra)
        if tag == 1:  # zip64 extended information: the uncompressed size comes first
            struct.pack_into("<Q", data, extra + 4, size)
            return
        extra += 4 + length


def pdf_deflate_bomb(path: Path, inflated: int = 48 * MiB) -> Path:
    """A one-page PDF of about 47 KB whose content stream inflates to `inflated` bytes: one text
    operator showing a string of 48 million characters (pdfminer spends half a minute on it)."""
    deflater = zlib.compressobj(9)
    chunk = b"A" * MiB
    stream = (
        deflater.compress(b"BT /F1 12 Tf 72 720 Td (")
        + b"".join(deflater.compress(chunk) for _ in range(inflated // MiB))
        + deflater.compress(b") Tj ET\n")
        + deflater.flush()
    )
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path


def big_text(path: Path, size: int = 50 * MiB) -> Path:
    """A plain-text file of `size` bytes of ordinary notice text."""
    line = "台儿庄区民政局关于2025年城乡低保标准调整的通知，自2025年7月1日起执行。\n".encode()
    block = line * (MiB // len(line))
    with path.open("wb") as fh:
        for _ in range(size // len(block) + 1):
            fh.write(block)
    return path


def deep_html(depth: int = 300, text: str = HIDDEN_PERSONAL) -> str:
    """A body with `text` inside `depth` nested <div>s."""
    return "<div>" * depth + f"<p>{text}</p>" + "</div>" * depth
