"""The catalogue in the index: published items are found (with their attachments' text) the
moment their publication commits; drafts, items in review, 依申请公开 and 不予公开 items and
withdrawn items are never found, nor any snippet of them."""

from __future__ import annotations

import datetime as dt
import io

import docx
import pytest
from click.testing import CliRunner
from django.db import transaction

from gongkai.catalogue import services
from gongkai.search import catalogue as search_catalogue
from gongkai.search.backends import get_backend
from gongkai.search.documents import Filters

pytestmark = pytest.mark.django_db

SECRET = "内部讨论稿仅供审阅"


def found(query, filters=None):
    return [h.key for h in get_backend().search(query, filters).hits]


def all_html(query):
    results = get_backend().search(query)
    return " ".join(h.title_html + h.snippet_html for h in results.hits)


def docx_bytes(text: str) -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def test_published_item_is_found_with_its_attachment_text(draft, publish, users):
    item = draft(title="关于2025年城乡低保标准调整的通知", body="<p>城乡低保标准每人每月800元。</p>",
                 doc_number="台民发〔2025〕5号")  # fmt: skip
    services.add_attachment(item, users.clerk, name="标准表.docx", data=docx_bytes("特困人员救助供养标准一览表"))
    assert found("低保") == []
    publish(item)
    assert found("低保") == [item.pk]
    assert found("特困人员救助供养") == [item.pk]
    assert found("台民发(2025)5号") == [item.pk]
    assert found(item.index_number) == [item.pk]


@pytest.fixture
def hidden(draft, publish, users):
    """A draft, an item in review, one signed off as 依申请公开, one as 不予公开, a withdrawn one —
    each with the secret phrase in its title, body and attachment."""

    def make(title, **fields):
        item = draft(title=f"{title}{SECRET}", body=f"<p>{SECRET}</p>", **fields)
        services.add_attachment(item, users.clerk, name="附件.docx", data=docx_bytes(SECRET))
        return item

    items = {
        "draft": make("草稿"),
        "review": make("审查中"),
        "on_request": make("依申请公开", attribute="on_request"),
        "withheld": make("不予公开", attribute="withheld", withheld_reason="denied.internal_affairs"),
        "withdrawn": make("已撤回"),
    }
    services.submit(items["review"], users.clerk)
    publish(items["on_request"])
    publish(items["withheld"])
    publish(items["withdrawn"])
    services.withdraw(items["withdrawn"], users.leader, comment="发现问题")
    return items


def test_unpublished_items_are_never_found_nor_their_snippets(hidden, draft, publish):
    visible = publish(draft(title="公开的通知", body="<p>内部讨论稿已经作废。</p>"))
    assert found(SECRET) == []
    assert found("内部讨论稿") == [visible.pk]
    assert SECRET not in all_html("内部讨论稿")
    for word in ("草稿", "审查中", "依申请公开", "不予公开", "已撤回", "仅供审阅"):
        assert found(word) == []
    assert found("", Filters(agencies=(visible.agency_id,))) == [visible.pk]


def test_withdrawal_leaves_the_index_inside_its_own_transaction(draft, publish, users):
    item = publish(draft(title="关于低保资金发放的公告"))
    with transaction.atomic():
        services.withdraw(item, users.leader, comment="内容有误")
        assert found("低保资金") == []
    assert found("低保资金") == []


def test_publication_rolled_back_leaves_no_index_entry(draft, publish):
    item = draft(title="关于低保资金发放的公告")
    with pytest.raises(RuntimeError), transaction.atomic():
        publish(item)
        assert found("低保资金") == [item.pk]
        raise RuntimeError("the caller fails after publishing")
    assert found("低保资金") == []


def test_interpretation_waiting_for_its_policy_is_found_once_published_with_it(draft, publish, users):
    policy = draft(title="社会救助实施办法")
    interpretation = draft(title="《社会救助实施办法》政策解读", genre="interpretation", interprets=policy,
                           interpretation_kind="text")  # fmt: skip
    publish(interpretation)
    assert found("政策解读") == []
    publish(policy)
    assert sorted(found("社会救助")) == sorted([policy.pk, interpretation.pk])
    services.withdraw(policy, users.leader, comment="废止重发")
    assert found("社会救助") == []


def test_validity_change_moves_the_item_between_filters(draft, publish, users):
    item = publish(draft(title="关于低保审批的暂行规定"))
    assert found("低保", Filters(validity=("valid",))) == [item.pk]
    services.change_validity(item, users.leader, validity="repealed", on=dt.date(2025, 12, 1))
    assert found("低保", Filters(validity=("valid",))) == []
    assert found("低保", Filters(validity=("repealed",))) == [item.pk]


def test_category_filter_includes_subcategories(draft, publish, categories):
    child = categories["1104"]
    item = publish(draft(title="关于低保审批的通知", category=child))
    assert child.parent is not None
    assert found("低保", Filters(categories=(child.parent.pk,))) == [item.pk]
    assert found("低保", Filters(categories=(child.pk,))) == [item.pk]


def test_reindex_rebuilds_from_the_catalogue(draft, publish, hidden, agencies):
    item = publish(draft(title="关于低保审批的通知"))
    backend = get_backend()
    backend.clear()
    assert found("低保") == []
    seen = []
    assert search_catalogue.reindex(progress=lambda done, total: seen.append((done, total))) == 1
    assert found("低保") == [item.pk] and seen == [(1, 1)]
    assert found(SECRET) == []
    assert search_catalogue.reindex([agencies.dept2.pk]) == 0
    assert found("低保") == [item.pk]
    assert search_catalogue.reindex([agencies.dept.pk]) == 1


def test_reindex_command(draft, publish, agencies):
    from gongkai.search.cli import search

    item = publish(draft(title="关于低保审批的通知"))
    get_backend().clear()
    result = CliRunner().invoke(search, ["reindex", "--agency", agencies.dept.org_code])
    assert result.exit_code == 0, result.output
    assert "1" in result.output
    assert found("低保") == [item.pk]
    bad = CliRunner().invoke(search, ["reindex", "--agency", "no-such-agency"])
    assert bad.exit_code == 2


def test_imported_published_items_are_found_and_a_dry_run_leaves_no_entry(tmp_path, agencies):
    from gongkai.catalogue.importer import import_catalogue
    from tests.catalogue.test_import import good_rows, write_xlsx

    path = write_xlsx(tmp_path / "c.xlsx", good_rows(agencies.dept))
    import_catalogue(path, agencies.dept, dry_run=True)
    assert get_backend().count() == 0
    import_catalogue(path, agencies.dept)
    assert (
        found("临时救助") and found("城乡低保") and not found("内部工作规程") and not found("尚未发布的草稿")
    )
    assert get_backend().count() == 2
