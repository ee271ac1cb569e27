"""Index numbers (索引号): drawn from a per-agency, per-year counter locked for the draw, never reused.

The counter row is read with ``select_for_update`` inside the caller's transaction, so two
publications at once get different serials (on SQLite the IMMEDIATE transaction mode serialises
writers). A number already taken (e.g. by an imported item) is skipped; imported numbers that
follow the agency's pattern raise the counter so later draws never collide with them.
"""

from __future__ import annotations

import re
import string

from django.db import transaction

from gongkai.agencies.models import Agency
from gongkai.catalogue.models import IndexCounter, Item


def next_index_number(agency: Agency, year: int) -> tuple[str, int]:
    """A fresh index number of `agency` for `year` and its serial (call inside a transaction)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("next_index_number must run inside transaction.atomic()")
    counter, _ = IndexCounter.objects.select_for_update().get_or_create(agency=agency, year=year)
    counter = IndexCounter.objects.select_for_update().get(pk=counter.pk)
    while True:
        counter.last += 1
        number = agency.index_number(year, counter.last)
        if not Item.objects.filter(agency=agency, index_number=number).exists():
            break
    counter.save(update_fields=["last"])
    return number, counter.last


def pattern_regex(agency: Agency) -> re.Pattern[str]:
    """A regex matching the agency's index numbers, capturing ``year`` and ``serial``."""
    parts = []
    for literal, name, _spec, _conv in string.Formatter().parse(agency.index_pattern):
        parts.append(re.escape(literal))
        if name == "year":
            parts.append(r"(?P<year>\d{4})")
        elif name == "serial":
            parts.append(r"(?P<serial>\d+)")
        elif name is not None:
            parts.append(re.escape(str({"org_code": agency.org_code, "short_name": agency.label}[name])))
    return re.compile("".join(parts))


def note_existing(agency: Agency, number: str) -> int | None:
    """Raise the counter past an index number that came from outside (an import); its year or None."""
    m = pattern_regex(agency).fullmatch(number)
    if not m or "year" not in m.groupdict():
        return None
    year, serial = int(m["year"]), int(m["serial"])
    counter, _ = IndexCounter.objects.select_for_update().get_or_create(agency=agency, year=year)
    if serial > counter.last:
        counter.last = serial
        counter.save(update_fields=["last"])
    return year
