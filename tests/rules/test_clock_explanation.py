"""The explanation of the legal deadline says each rule once (issue 10, point 12)."""

from __future__ import annotations

import datetime as dt
import re

from gongkai.rules import clock

D = dt.date


def _citations(text: str) -> list[str]:
    return re.findall(r"（(《[^）]*)）$", text, flags=re.M)


def test_a_plain_case_states_the_period_and_its_end_in_one_sentence():
    state = clock.compute([clock.Received(D(2024, 9, 2))], D(2024, 9, 20))
    # 9/2 received (not counted); 9/3–6, 9/9–13 (9), Sat 9/14 调休 (10), 中秋 9/15–17 off, 9/18–20 (13),
    # 9/23–27 (18), Sun 9/29 调休 (19), Mon 9/30 (20)
    assert state.text.splitlines() == [
        "1. 申请人当面提交申请，以提交之日为收到申请之日，即2024年9月2日。（《条例》第三十一条）",
        "2. 答复期限为20个工作日，自2024年9月2日的次日起算，届满日为2024年9月30日。（《条例》第三十三条第二款）",
    ]


def test_after_a_correction_the_restart_is_said_once_and_each_citation_names_its_law_once():
    events = [clock.Received(D(2024, 9, 2)), clock.CorrectionRequested(D(2024, 9, 3), D(2024, 9, 10)),
              clock.Corrected(D(2024, 9, 6)), clock.ThirdPartyStarted(D(2024, 9, 10)),
              clock.ThirdPartyAnswered(D(2024, 10, 11))]
    text = clock.compute(events, D(2024, 10, 20)).text
    assert text.count("起算") == 1 and text.count("自该日起计算") == 0
    assert "自收到补正后的申请之日即2024年9月6日的次日起算" in text
    # the third party's deadline (15 working days from the sending 9/10, receipt unrecorded: 10/8) once
    assert text.count("2024年10月8日") == 1
    assert text.count("届满日为") == 1  # the pause moved the end: said once, in the last sentence
    for citation in _citations(text):
        assert citation.count("《") == 1, citation
    assert "（《条例》第三十二条、第三十三条第三款）" in text
