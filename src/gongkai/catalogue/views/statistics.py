"""An agency's yearly statistics of what it published, and the annual report's section 二 figures
that the catalogue does not hold (entered with their source, or imported from a sheet)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render

from gongkai import clock
from gongkai.agencies.current import page_agency
from gongkai.agencies.permissions import Action, can, readable_agencies
from gongkai.annual.formats import FORMATS, era_for_year
from gongkai.catalogue import figures, statistics
from gongkai.catalogue.forms import FiguresForm, FiguresImportForm, YearForm
from gongkai.catalogue.views.common import errors_text


def _year(request, default: int | None = None) -> int:
    form = YearForm(request.GET)
    if form.is_valid():
        return form.cleaned_data["year"]
    return default or clock.today().year


@login_required
def statistics_page(request):
    """Items an agency published in a year: by category, by Art. 20 item, by month, on-time rate."""
    agency = page_agency(request)
    year = _year(request, default=statistics.latest_year(agency))
    stats = statistics.yearly(agency, year)
    charts = (
        [(which, statistics.chart_svg(stats, which)) for which in statistics.CHARTS] if stats.total else []
    )
    return render(
        request,
        "catalogue/statistics.html",
        {
            "agency": agency,
            "year": year,
            "years": range(clock.today().year, clock.today().year - 6, -1),
            "stats": stats,
            "rate": "—" if stats.on_time_rate is None else f"{stats.on_time_rate:.1%}",
            "months": list(zip(range(1, 13), stats.by_month, strict=True)),
            "charts": charts,
        },
    )


@login_required
def figures_page(request):
    """Section 二 figures not held in the catalogue, per agency and year, with their source."""
    agency = page_agency(request)
    year = _year(request)
    may_edit = can(request.user, agency, Action.ACT)
    cells = figures.entry_cells(year)
    form = FiguresForm(
        request.POST if request.method == "POST" and "source" in request.POST else None,
        cells=cells,
        held=figures.current(agency, year),
    )
    import_form = FiguresImportForm()
    era = era_for_year(year)
    derived = statistics.derived(agency, year, era)
    computed = [
        (f"{row.label}·{col.label}", derived[row.key][col.key])
        for row, col in FORMATS[era].table("proactive").cells()
        if row.key in derived and col.key in derived[row.key]
    ]
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied("您没有在该机关填报统计数据的权限")
        if "source" in request.POST:
            if form.is_valid():
                try:
                    changed = figures.save_figures(
                        request.user, agency, year, form.values(), form.cleaned_data["source"]
                    )
                except (ValidationError, PermissionDenied) as exc:
                    form.add_error(None, errors_text(exc))
                else:
                    messages.success(request, f"已保存{year}年度数据（{changed}项有变化）")
                    return redirect(f"{request.path}?agency={agency.pk}&year={year}")
        else:
            import_form = FiguresImportForm(request.POST, request.FILES)
            if import_form.is_valid() and _import_figures(request, import_form.cleaned_data["file"]):
                return redirect(f"{request.path}?agency={agency.pk}&year={year}")
    return render(
        request,
        "catalogue/figures.html",
        {
            "agency": agency,
            "agencies": readable_agencies(request.user).order_by("name"),
            "year": year,
            "form": form,
            "import_form": import_form,
            "computed": computed,
            "may_edit": may_edit,
        },
    )


def _import_figures(request, upload) -> bool:
    """Run the core's all-or-nothing figures import on an uploaded sheet; messages say what happened."""
    suffix = Path(upload.name).suffix.lower()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"figures{suffix}"
        path.write_bytes(upload.read())
        try:
            saved = figures.import_figures(request.user, path)
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, errors_text(exc))
            return False
    messages.success(request, f"已导入{saved}项数据")
    return True
