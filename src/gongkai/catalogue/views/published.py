"""What happens to a published item: its validity (废止, 失效), the other channels it went out on
(gazette, WeChat, the archive and library) and the handover list of one channel."""

from __future__ import annotations

import csv
import io

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_POST

from gongkai.agencies.current import page_agency
from gongkai.catalogue import services
from gongkai.catalogue.forms import ChannelForm, HandoverForm, ValidityForm
from gongkai.catalogue.models import Item
from gongkai.catalogue.views.common import scoped_item
from gongkai.catalogue.views.page import act, refuse


@login_required
@require_POST
def item_validity(request, pk: int):
    """Repeal (废止) or expire (失效) a published item, or restore it to 有效."""
    item = scoped_item(request, pk)
    form = ValidityForm(request.POST)
    if not form.is_valid():
        return refuse(request, item, "请填写有效性和日期", status=400, validity_form=form)
    data = form.cleaned_data
    superseded_by = None
    if number := data["superseded_by"].strip():
        superseded_by = Item.objects.filter(agency=item.agency, index_number=number).first()
        if superseded_by is None:
            return refuse(request, item, f"本机关没有索引号为“{number}”的信息", status=422, validity_form=form)
    return act(
        request,
        item,
        lambda: services.change_validity(
            item, request.user, validity=data["validity"], on=data["on"], superseded_by=superseded_by,
            note=data["note"],
        ),
        "已变更有效性",
        validity_form=form,
    )


@login_required
@require_POST
def item_channel(request, pk: int):
    """Mark a published item as also published on a channel or handed to the archive/library."""
    item = scoped_item(request, pk)
    form = ChannelForm(request.POST)
    if not form.is_valid():
        return refuse(request, item, "请选择渠道并填写日期", status=400, channel_form=form)
    data = form.cleaned_data
    return act(
        request,
        item,
        lambda: services.mark_channel(item, request.user, channel=data["channel"], on=data["on"], note=data["note"]),
        "已登记发布渠道",
        channel_form=form,
    )


def _inert(value: str) -> str:
    """A cell a spreadsheet will not run as a formula (a title may start with = + - @)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


@login_required
def handover(request):
    """The handover list (移交清单) of one channel as CSV or XLSX; only public items are listed."""
    agency = page_agency(request)
    form = HandoverForm(request.GET or None)
    if not form.is_bound or not form.is_valid():
        return render(request, "catalogue/handover.html", {"form": form, "agency": agency})
    data = form.cleaned_data
    rows = [[_inert(v) for v in row] for row in services.channel_rows(agency, data["channel"], data["year"])]
    stem = f"handover-{data['channel']}-{data['year'] or 'all'}"
    if data["format"] == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(services.HANDOVER_COLUMNS)
        writer.writerows(rows)
        response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{stem}.csv"'
        return response
    from openpyxl import Workbook  # only for .xlsx downloads

    book = Workbook()
    sheet = book.active
    sheet.title = "移交清单"
    sheet.append(services.HANDOVER_COLUMNS)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    response = HttpResponse(
        out.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{stem}.xlsx"'
    return response
