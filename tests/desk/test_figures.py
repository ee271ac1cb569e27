"""desk_figures: the year's counts for the report narrative, each with the cases behind it,
matching an independent count of what the test registered."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.desk import services
from gongkai.desk.queries import desk_figures

pytestmark = pytest.mark.django_db
D = dt.date


def test_figures_count_the_years_cases_only_and_link_to_them(register, users, agencies):
    register(received_on=D(2025, 3, 3))
    register(received_on=D(2025, 6, 2), title="二")
    register("complaint", received_on=D(2025, 7, 1))
    register(received_on=D(2024, 12, 30), title="上一年")
    on_time = register("hotline", number="A1", received_on=D(2025, 5, 6), due_on=D(2025, 5, 13))
    services.reply(on_time, users.clerk, text="答", on=D(2025, 5, 12))
    late = register("hotline", number="A2", received_on=D(2025, 5, 6), due_on=D(2025, 5, 13))
    services.reply(late, users.clerk, text="答", on=D(2025, 5, 20))
    register("hotline", number="A3", received_on=D(2025, 12, 30), due_on=D(2026, 1, 7))
    proposal = register("npc", received_on=D(2025, 4, 10))
    register("npc", number="第16号", role="assisting", received_on=D(2025, 4, 10))
    register("cppcc", number="第3号", received_on=D(2025, 4, 10))
    services.reply(proposal, users.clerk, text="答", on=D(2025, 6, 1))
    case = services.propose(proposal.__class__.objects.get(pk=proposal.pk), users.clerk, title="答复", question="",
                            reply_text="摘要", summary=True)
    services.publish(case, users.reviewer, on=D(2025, 6, 10))
    services.count_reception(users.clerk, agencies.dept, on=D(2025, 3, 3), channel="walk_in", set_to=4)
    services.count_reception(users.clerk, agencies.dept, on=D(2025, 3, 4), channel="walk_in", set_to=5)
    services.count_reception(users.clerk, agencies.dept, on=D(2024, 3, 4), channel="phone", set_to=9)

    f = desk_figures(agencies.dept, 2025)
    values = {key: fig.value for key, fig in f.figures.items()}
    assert values == {
        "consultations": 2, "complaints": 1, "hotline": 3, "hotline_replied": 2, "hotline_on_time": 1,
        "hotline_on_time_rate": 0.5, "npc": 2, "cppcc": 1, "proposals_main": 2, "proposals_assisting": 1,
        "proposals_replied": 1, "proposals_published": 1, "npc_published": 1, "cppcc_published": 0, "walk_in": 9, "phone": 0,
    }
    assert sorted(f["hotline_on_time"].queryset.values_list("number", flat=True)) == ["A1"]
    assert desk_figures(agencies.dept2, 2025)["consultations"].value == 0
    assert desk_figures(agencies.dept, 2025)["hotline_on_time_rate"].label == "12345转办件按期答复率"


def test_each_figure_links_to_the_cases_it_counts(client, register, users, agencies, make_user):
    register(received_on=D(2025, 3, 3), title="计入的咨询")
    register(received_on=D(2024, 3, 3), title="上一年的咨询")
    figures = desk_figures(agencies.dept, 2025)
    client.force_login(users.clerk)
    page = client.get(figures.url("consultations")).content.decode()
    assert '<span id="figure-value">1</span>' in page and "计入的咨询" in page and "上一年的咨询" not in page
    assert "13812345678" not in page
    rate = client.get(figures.url("hotline_on_time_rate")).content.decode()
    assert '<span id="figure-value">—</span>' in rate
    assert client.get("/desk/figures/2025/no-such-figure/").status_code == 404
    # the link names the agency (a report's reader may have another current agency): its
    # supervisor reads the list, an outsider gets 404, and without ?agency= the current one
    assert figures.url("consultations") == f"/desk/figures/2025/consultations/?agency={agencies.dept.pk}"
    client.force_login(users.supervisor)
    page = client.get(figures.url("consultations")).content.decode()
    assert '<span id="figure-value">1</span>' in page and "计入的咨询" in page and "13812345678" not in page
    outsider = make_user("outsider", (agencies.dept2, "clerk"))
    client.force_login(outsider)
    assert client.get(figures.url("consultations")).status_code == 404
    own = client.get("/desk/figures/2025/consultations/").content.decode()
    assert agencies.dept2.name in own and "计入的咨询" not in own


def test_figure_text_of_a_rate_and_a_count():
    from gongkai.desk.models import Case
    from gongkai.desk.queries import Figure

    none = Case.objects.none()
    assert (Figure("率", 0.985, none).text, Figure("件", 173, none).text, Figure("率", None, none).text) == (
        "98.5%", "173", "—")
