"""Counting rules (统计口径) of section 三 of the annual report, written beside the spec rows. Pure.

The unit of section 三 is the application (件), so that the header identity
一 + 二 = 三（七）总计 + 四 holds in every column. For an agency and a year N (spec rows):

* ``new`` 一、本年新收: applications whose day of receipt (Art. 31) falls in N;
* ``carried_in`` 二、上年结转: received before 1 January N and not finished before it — by
  construction the ``carried_forward`` of N−1;
* outcome rows （一）…（六）: applications finished (reply sent, or closed as abandoned) in N,
  each in exactly one row, chosen by `application_row` from its items' outcomes;
* ``results_total`` （七）总计: the sum of the outcome rows;
* ``carried_forward`` 四、结转下年度继续办理: received by 31 December N and not finished by then;
* columns: the applicant type recorded at registration (自然人 … 其他), ``total`` their sum.

A reopened application (after a corrected appeal result) counts in the year of its new finish.
"""

from __future__ import annotations

from collections.abc import Sequence

from gongkai.annual.formats import OUTCOME_ROWS
from gongkai.rules.outcomes import ROWS

#: The outcome (处理结果) of one item is a section 三 row key of the 2021 format.
OUTCOMES: tuple[str, ...] = OUTCOME_ROWS["2021"]
GRANTED, PARTIAL = "granted", "partial"
_GROUPS = {"denied": "不予公开", "unavailable": "无法提供", "not_processed": "不予处理", "other": "其他处理"}
NO_CORRECTION, FEE_UNPAID, DUPLICATE = "other.no_correction", "other.fee_unpaid", "not_processed.duplicate"


def application_row(item_outcomes: Sequence[str]) -> str:
    """The single section 三 row of an application whose items ended with `item_outcomes`.

    * every item the same outcome → that row;
    * some information disclosed and some not (an item ``partial``, or ``granted`` beside any
      other outcome) → ``partial`` only: 区分处理的，只计这一情形，不计其他情形;
    * several non-disclosing outcomes → the row that comes first in the format's order, whatever
      the order the applicant wrote the items in (shared/spec/regulation.md, the counting
      convention; no official rule covers it).
    """
    if not item_outcomes:
        raise ValueError("an application needs at least one item outcome")
    unknown = [o for o in item_outcomes if o not in OUTCOMES]
    if unknown:
        raise ValueError(f"unknown outcome {unknown[0]!r}")
    distinct = set(item_outcomes)
    if len(distinct) == 1:
        return item_outcomes[0]
    if PARTIAL in distinct or GRANTED in distinct:
        return PARTIAL
    return min(distinct, key=OUTCOMES.index)


def convention_note(item_outcomes: Sequence[str]) -> str | None:
    """For an application whose items got different outcomes, how it is counted and why (Chinese,
    shown on the case page); None when every item got the same outcome."""
    row = application_row(item_outcomes)
    if len(set(item_outcomes)) == 1:
        return None
    if row == PARTIAL:
        how = "既有提供的信息、也有未提供的信息，计为一件“部分公开”"
    else:
        group, label = _GROUPS[row.split(".", 1)[0]], ROWS[row].label.split(" ")[-1]
        how = f"均未提供信息，计为一件，计入其中在年报表格中排列最前的一行“{group} {label}”"
    return (f"本申请各事项的处理结果不同：年报按件统计，{how}。这是本系统的统计口径（国家未作规定；"
            "年报格式只规定“区分处理的，只计部分公开”）。答复书仍对每一事项分别写明答复和依据，"
            "《条例》第三十七条只对实际区分处理的事项引用。各事项确属不同事项的，可拆分申请（一事一申请），分别计数。")


def era_row(row: str, era: str) -> str:
    """The row of `era` that a 2021 row key is counted in (era 2019 has one （六）其他处理 row)."""
    if era == "2019" and row.startswith("other."):
        return "other"
    return row
