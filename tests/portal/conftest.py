"""Portal fixtures: the catalogue's (tmp DATA_DIR, categories, drafts, publication) and a mixed
catalogue of one agency — public items and one of every kind that must never leave the workspace."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from tests.catalogue.conftest import _data_dir, categories, draft, publish  # noqa: F401

#: A word every hidden item holds in its title, summary, body and attachment name.
SECRET = "机密测试词"


@dataclass
class Mixed:
    notice: object  # the public 低保 notice, with an attachment
    repealed: object  # public, repealed, superseded by `notice`
    interpretation: object  # public 政策解读 of `notice`
    hidden: dict  # kind → item that must stay inside


@pytest.fixture
def mixed(draft, publish, users) -> Mixed:  # noqa: F811 (the imported fixtures)
    from gongkai.catalogue import services

    old = draft(
        title="台儿庄区民政局关于2024年城乡低保标准调整的通知",
        doc_number="台民发〔2024〕5号",
        date_made=dt.date(2024, 6, 20),
        summary="2024年低保标准。",
    )
    publish(old, on=dt.date(2024, 7, 1))
    notice = draft(
        doc_number="台民发〔2025〕12号",
        summary="城市低保标准提高到每人每月890元。",
        body="<p>各镇（街道）：城市<strong>低保</strong>标准提高到每人每月890元。</p>",
    )
    services.add_attachment(notice, users.clerk, name="低保标准表.pdf", data=b"%PDF-1.4\n%%EOF\n")
    publish(notice)
    services.change_validity(old, users.leader, validity="repealed", on=dt.date(2025, 7, 1), superseded_by=notice)
    interpretation = draft(
        title="《关于2025年城乡低保标准调整的通知》政策解读",
        genre="interpretation",
        interprets=notice,
        interpretation_kind="text",
        summary="解读低保标准调整。",
    )
    publish(interpretation, on=dt.date(2025, 7, 2))
    secret = {"summary": f"{SECRET}摘要", "body": f"<p>{SECRET}正文</p>"}
    hidden = {
        "draft": draft(title=f"草稿{SECRET}", **secret),
        "review": draft(title=f"审查中{SECRET}", **secret),
        "on_request": draft(title=f"依申请公开{SECRET}", attribute="on_request", **secret),
        "withheld": draft(
            title=f"不予公开{SECRET}",
            attribute="withheld",
            withheld_reason="denied.internal_affairs",
            **secret,
        ),
        "withdrawn": draft(title=f"已撤回{SECRET}", doc_number="台民发〔2025〕99号", **secret),
    }
    for item in hidden.values():
        services.add_attachment(item, users.clerk, name=f"{SECRET}.pdf", data=b"%PDF-1.4\n%%EOF\n")
    services.submit(hidden["review"], users.clerk)
    for key in ("on_request", "withheld", "withdrawn"):
        publish(hidden[key])
    services.withdraw(hidden["withdrawn"], users.leader, comment="发现问题")
    for item in (old, notice, interpretation, *hidden.values()):
        item.refresh_from_db()
    return Mixed(notice=notice, repealed=old, interpretation=interpretation, hidden=hidden)


def solution() -> str:
    """A solved proof-of-work challenge, as the page's script would post it."""
    from gongkai.portal import abuse, challenge

    issued = abuse.new_challenge()
    return challenge.payload(issued, challenge.solve(issued))
