"""The draft's sentence on the catalogue's year (政府信息公开目录): items added, items marked 废止 and
失效, in the register of the seed reports, each number with its source and the words before it."""

from __future__ import annotations

from gongkai.annual import narrative
from gongkai.annual.checks import check
from tests.annual.test_narrative import _report


def _management(**facts) -> list[str]:
    overview = narrative.text(
        narrative.draft(_report(), narrative.Activity(**facts))["overview"]
    ).splitlines()
    at = next((i for i, line in enumerate(overview) if line.endswith("）政府信息管理情况")), None)
    return [] if at is None else overview[at : at + 2]


def test_added_repealed_and_expired_are_stated_with_the_guide():
    assert _management(guide_versions=1, catalogue_added=23, catalogue_repealed=2, catalogue_expired=1) == [
        "（三）政府信息管理情况",
        "本年更新政府信息公开指南1次。本年更新政府信息公开目录，新增政府信息23条，标注废止2条、失效1条。",
    ]


def test_only_the_changes_there_were_are_stated():
    assert _management(catalogue_added=5)[1] == "本年更新政府信息公开目录，新增政府信息5条。"
    assert _management(catalogue_expired=3)[1] == "本年更新政府信息公开目录，标注失效3条。"
    assert (
        _management(catalogue_added=5, catalogue_repealed=1)[1]
        == "本年更新政府信息公开目录，新增政府信息5条，标注废止1条。"
    )
    assert _management(guide_versions=2)[1] == "本年更新政府信息公开指南2次。"
    assert _management() == []


def test_each_figure_has_its_source_found_in_the_text_and_the_tables_are_not_contradicted():
    r = _report()
    drafted = narrative.draft(
        r, narrative.Activity(catalogue_added=23, catalogue_repealed=2, catalogue_expired=1)
    )
    paragraph = next(p for p in drafted["overview"] if "政府信息公开目录" in p.text)
    assert [(s.ref, s.value, s.before) for s in paragraph.sources] == [
        ("activity.catalogue_added", "23", "新增政府信息"),
        ("activity.catalogue_repealed", "2", "废止"),
        ("activity.catalogue_expired", "1", "失效"),
    ]
    for s in paragraph.sources:
        assert s.label and s.before + s.value in paragraph.text
    r.sections = {k: narrative.text(v) for k, v in drafted.items()}
    assert not [f for f in check(r) if f.code == "NARRATIVE_MISMATCH"]
