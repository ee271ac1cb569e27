"""Personal data and classification marks in plain text: detectors, validators and masks.

Each detector returns `Hit`s (kind, span); `scan` runs them all on one text segment, resolves
overlaps by priority (an ID number is never also reported as a bank card or a phone number),
and gives excerpts where every hit in the window is masked, so an excerpt never shows another
hit in clear. Masks keep the text's length, so excerpts can be cut from the masked text.

Precision choices (why a finding is or is not raised):

* resident ID numbers (居民身份证号码): 18 characters, a real birth date and a valid GB 11643
  check character; 15-digit numbers (no check digit) are not flagged — too many false hits.
  A number with a known region code and a plausible birth date but a wrong check character is
  a mistyped ID (``id_number_mistyped``): it still identifies its holder;
* mobile numbers: 11 digits 1[3-9]…, optionally +86 and grouped 3-4-4; landlines need an area
  code (0 + 2–3 digits) separated by "-", a space or brackets, or, unseparated, a phone cue
  such as 电话 just before them — otherwise any 10–12 digit amount would match;
* bank cards: 16–19 digits (optionally grouped by blanks or hyphens) in an issuer's range and
  length (`personal_data.card_issuer`: UnionPay 62 and the domestic debit ranges even without a
  Luhn check digit, Visa, Mastercard, JCB … with it), not already an ID number, not part of an
  index number (…/2025-00003, letters next to it) and not labelled as another kind of number
  (文号, 编号, 流水号, 订单号 … just before it). A number that only passes Luhn is not a card;
* street addresses of private persons (住址), see `_address_hits`;
* classification words: 绝密/机密/秘密 and 涉密, unless part of a legal term that names a kind of
  information rather than marking this one (商业秘密, 国家秘密, 不涉密 …); 内部 only as a
  circulation mark (内部资料, 内部使用, 仅限内部 …), since 内部控制, 内部事务 and the like are
  ordinary words in published documents. 秘书 never matches (it contains none of the words).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from gongkai import personal_data
from gongkai.personal_data import card_issuer, is_mistyped_resident_id, is_resident_id

#: Finding kinds found in text, with their Chinese labels.
TEXT_KINDS: dict[str, str] = {
    "id_number": "身份证号码",
    "id_number_mistyped": "身份证号码（校验位有误）",
    "mobile": "手机号码",
    "landline": "固定电话",
    "bank_card": "银行卡号",
    "email": "电子邮箱",
    "address": "个人住址",
    "secret_word": "涉密标识",
}


@dataclass(frozen=True)
class Hit:
    kind: str
    start: int
    end: int


# --- detectors --------------------------------------------------------------------------------

_NOT_ALNUM_BEFORE = r"(?<![0-9A-Za-z])"
_NOT_ALNUM_AFTER = r"(?![0-9A-Za-z])"
_ID_RE = re.compile(_NOT_ALNUM_BEFORE + r"[1-9]\d{16}[\dXx]" + _NOT_ALNUM_AFTER)
_MOBILE_RE = re.compile(r"(?<![\d+])(?:\+?86[- ]?)?1[3-9]\d(?:[- ]?\d{4}){2}(?!\d)")
_LANDLINE_SEPARATED_RE = re.compile(
    r"(?<!\d)(?:0\d{2,3}[-－—]|[（(]0\d{2,3}[)）]\s?)[2-9]\d{6,7}(?:[-－]\d{1,5})?(?!\d)"
)
_LANDLINE_CUED_RE = re.compile(
    r"(?:电话|座机|传真|联系方式|Tel|TEL|tel)[:：\s]{0,3}(0\d{2,3}\s?[2-9]\d{6,7})(?!\d)"
)
_CARD_RE = re.compile(r"(?<![0-9A-Za-z/-])[1-9](?:[ -]?\d){15,18}(?![0-9A-Za-z/-])")
#: Labels of numbers that are not cards, just before a card-shaped number.
_NOT_CARD_CUE = re.compile(
    r"(?:索引号|文号|编号|编码|流水号|订单号|单号|批号|序号|代码|登记号|证号|备案号|合同号|凭证号|发票号|税号|案号)"
    r"[为是:：\s]{0,3}$"
)
_EMAIL_RE = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")

_SECRET_RE = re.compile(
    r"绝密|机密|秘密|涉密|内部(?:资料|文件|材料|使用|刊物|参考|传阅|发行|通报|事项|讨论稿)|仅限内部|内部★"
)
#: Legal terms containing a classification word that name a kind of information, not a mark.
_SECRET_EXCEPTIONS = re.compile(
    r"商业秘密|商业机密|国家秘密|工作秘密事项|保守秘密|不涉密|非涉密|无涉密|未涉密|不涉及国家秘密|保密法"
)

_SEP_DIGITS = re.compile(r"[ -]")


def _id_hits(text: str) -> Iterator[Hit]:
    for m in _ID_RE.finditer(text):
        if is_resident_id(m.group()):
            yield Hit("id_number", m.start(), m.end())
        elif is_mistyped_resident_id(m.group()):
            yield Hit("id_number_mistyped", m.start(), m.end())


def _mobile_hits(text: str) -> Iterator[Hit]:
    for m in _MOBILE_RE.finditer(text):
        yield Hit("mobile", m.start(), m.end())


def _landline_hits(text: str) -> Iterator[Hit]:
    for m in _LANDLINE_SEPARATED_RE.finditer(text):
        yield Hit("landline", m.start(), m.end())
    for m in _LANDLINE_CUED_RE.finditer(text):
        yield Hit("landline", m.start(1), m.end(1))


def _card_hits(text: str) -> Iterator[Hit]:
    for m in _CARD_RE.finditer(text):
        digits = _SEP_DIGITS.sub("", m.group())
        if card_issuer(digits) and not _NOT_CARD_CUE.search(text[max(0, m.start() - 8) : m.start()]):
            yield Hit("bank_card", m.start(), m.end())


def _email_hits(text: str) -> Iterator[Hit]:
    for m in _EMAIL_RE.finditer(text):
        yield Hit("email", m.start(), m.end())


def _secret_hits(text: str) -> Iterator[Hit]:
    excepted = [(m.start(), m.end()) for m in _SECRET_EXCEPTIONS.finditer(text)]
    for m in _SECRET_RE.finditer(text):
        if not any(s <= m.start() and m.end() <= e for s, e in excepted):
            yield Hit("secret_word", m.start(), m.end())


# --- addresses of private persons -------------------------------------------------------------

_NUM = r"[0-9０-９一二三四五六七八九十百零〇]+"
_PLACE = r"[\u4e00-\u9fa5A-Za-z0-9]{1,12}?"
#: …路/街/巷/道…号, optionally …栋/幢/号楼, …单元, …室/户
_STREET_ADDRESS = (
    rf"{_PLACE}(?:路|街|巷|大道|胡同|弄|里){_NUM}(?:弄{_NUM})?号(?:院)?"
    rf"(?:{_NUM}(?:栋|幢|号楼|座))?(?:{_NUM}单元)?(?:{_NUM}(?:室|户|号房))?"
)
#: …小区/花园/公寓/家园/苑/村…栋/幢/号楼, optionally …单元, …室
_ESTATE_ADDRESS = (
    rf"{_PLACE}(?:小区|花园|公寓|家园|新村|苑|庄园|社区|村){_NUM}(?:栋|幢|号楼|排|组|号)"
    rf"(?:{_NUM}单元)?(?:{_NUM}(?:室|户|号))?"
)
_ADDRESS_RE = re.compile(rf"(?:{_STREET_ADDRESS})|(?:{_ESTATE_ADDRESS})")
#: A dwelling-level part: a flat or unit number, which offices and landmarks do not have.
_DWELLING_RE = re.compile(rf"{_NUM}(?:单元|室|户|号房)")
#: Words that make the address an institution's, not a home.
_INSTITUTION_RE = re.compile(
    r"政府|大楼|大厦|中心|办公|机关|委员会|法院|检察院|医院|学校|银行|服务厅|公司|局"
)
#: Cues that a private person is being described close to the address.
_PERSON_CUE_RE = re.compile(
    r"住址|家住|现住|居住|住所|户籍|暂住|申请人|当事人|被申请人|举报人|户主|居民|村民|先生|女士|姓名"
    r"|[\u4e00-\u9fa5]{1,3}[,，、]\s*(?:男|女)[,，、]"
)
#: A cue the address pattern swallowed at its start (家住…): not part of the address itself.
_LEADING_CUE_RE = re.compile(r"(?:家住|现住|居住|住址|住所|暂住|户籍地|住)[:：]?")
#: How far (characters) a person cue may stand from the address.
ADDRESS_CUE_WINDOW = 30


def _address_hits(text: str) -> Iterator[Hit]:
    """Street addresses that identify a private person's home.

    An address-shaped string (…路…号…室, …小区…栋…单元…) is flagged when it either names a
    dwelling (a flat, unit or household number) and no institution word (政府, 大厦, 中心 …),
    or has a person cue (住址, 家住, 申请人, 先生, "张三，男，" …) within `ADDRESS_CUE_WINDOW`
    characters. An agency's own address (华兴路1号, 政务服务中心3楼) is therefore not flagged.
    """
    for m in _ADDRESS_RE.finditer(text):
        lead = _LEADING_CUE_RE.match(m.group())
        start = m.start() + (lead.end() if lead else 0)
        address = text[start : m.end()]
        dwelling = bool(_DWELLING_RE.search(address)) and not _INSTITUTION_RE.search(address)
        window = text[max(0, m.start() - ADDRESS_CUE_WINDOW) : m.end() + ADDRESS_CUE_WINDOW]
        if dwelling or _PERSON_CUE_RE.search(window):
            yield Hit("address", start, m.end())


# --- scanning and masking ---------------------------------------------------------------------

#: Detectors in priority order: an earlier kind wins an overlapping span.
DETECTORS: tuple[Callable[[str], Iterator[Hit]], ...] = (
    _id_hits,
    _card_hits,
    _email_hits,
    _mobile_hits,
    _landline_hits,
    _address_hits,
    _secret_hits,
)


def find(text: str) -> list[Hit]:
    """Every hit in `text`, overlaps resolved by `DETECTORS` order, sorted by position."""
    taken: list[Hit] = []
    for detector in DETECTORS:
        for hit in detector(text):
            if not any(hit.start < t.end and t.start < hit.end for t in taken):
                taken.append(hit)
    return sorted(taken, key=lambda h: (h.start, h.end))


#: How a hit of each kind is masked (`personal_data`); other kinds keep their first character.
MASKS: dict[str, Callable[[str], str]] = {
    "id_number": personal_data.mask_id_number,
    "id_number_mistyped": personal_data.mask_id_number,
    "mobile": personal_data.mask_phone,
    "landline": personal_data.mask_landline,
    "bank_card": personal_data.mask_bank_card,
    "email": personal_data.mask_email,
}


def mask_value(kind: str, value: str) -> str:
    """`value` with its identifying part replaced by * (same length); a secret word stays as is."""
    if kind == "secret_word":
        return value
    return MASKS.get(kind, personal_data.mask_free_text)(value)


def mask_text(text: str, hits: list[Hit] | None = None) -> str:
    """`text` with every hit masked (same length)."""
    hits = find(text) if hits is None else hits
    out = list(text)
    for h in hits:
        out[h.start : h.end] = mask_value(h.kind, text[h.start : h.end])
    return "".join(out)


#: Characters of context shown either side of a hit in an excerpt.
EXCERPT_CONTEXT = 12


def excerpt(masked: str, start: int, end: int, context: int = EXCERPT_CONTEXT) -> str:
    """The masked hit with a little context, whitespace collapsed, … where cut."""
    a, b = max(0, start - context), min(len(masked), end + context)
    body = re.sub(r"\s+", " ", masked[a:b]).strip()
    return ("…" if a > 0 else "") + body + ("…" if b < len(masked) else "")


def scan(text: str) -> list[tuple[Hit, str]]:
    """Hits in one text segment, each with its masked excerpt."""
    hits = find(text)
    if not hits:
        return []
    masked = mask_text(text, hits)
    return [(h, excerpt(masked, h.start, h.end)) for h in hits]
