"""`gongkai rules …`: JSON keys for scripts, one-line errors with exit status 2."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from gongkai.cli import cli


def run(*args: str):
    return CliRunner().invoke(cli, ["rules", *args])


def test_workday_json_says_why():
    result = run("workday", "2024-02-04", "--json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert (data["workday"], data["reason"], data["name"]) == (True, "makeup", "春节")


def test_workday_table_for_humans():
    result = run("workday", "2024-10-01")
    assert result.exit_code == 0 and "国庆节" in result.output


def test_add_json_key_date():
    data = json.loads(run("add", "2024-02-09", "20", "--json").output)
    assert data["date"] == "2024-03-14" and data["provisional"] is False


def test_due_json_keys_and_explanation():
    result = run(
        "due",
        "--received",
        "2024-09-20",
        "--pause",
        "2024-09-27:2024-10-10",
        "--extension",
        "5",
        "--on",
        "2024-10-15",
        "--json",
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    # 10/31 (see test_clock's National Day case) + 5: 11/1, 11/4–11/7.
    assert data["due"] == "2024-11-07"
    # (9/20, 10/15]: 9/23–27, 9/29, 9/30, 10/8–12, 10/14, 10/15 = 14, minus 6 paused = 8.
    assert data["working_days_used"] == 8
    assert data["explanation"][0]["article"] == "《条例》第三十一条"
    assert any("将答复期限延长5个工作日" in s["text"] for s in data["explanation"])


def test_due_with_correction_and_fee_pause():
    data = json.loads(
        run(
            "due",
            "--received",
            "2025-04-25",
            "--corrected",
            "2025-05-12",
            "--pause",
            "fee=2025-05-20:2025-05-21",
            "--on",
            "2025-05-22",
            "--json",
        ).output
    )
    # From 5/12: base due 6/10 (test_clock), plus 2 paused working days: 6/11, 6/12.
    assert data["due"] == "2025-06-12"


def test_due_third_party_counted_from_its_receipt():
    # Issue 10's case, hand-counted in test_clock (ART_32_CASE): due Thu 2024-10-31, answer in time.
    args = (
        "due",
        "--received",
        "2024-09-02",
        "--pause",
        "third_party=2024-09-10:2024-10-11",
        "--on",
        "2024-10-14",
    )
    data = json.loads(run(*args, "--third-party-received", "2024-09-13", "--json").output)
    assert data["due"] == "2024-10-31"
    assert data["pauses"][0]["outcome"] == "answered" and data["pauses"][0]["receipt"] == "2024-09-13"
    # without the receipt the third party's period counts from the sending: answered late, due 10/28
    assert json.loads(run(*args, "--json").output)["due"] == "2024-10-28"


def test_due_deferred_to_is_the_due_date():
    # Art. 35: received 2024-09-02 (due 9/30), later reply date set to 2024-11-15.
    data = json.loads(
        run(
            "due", "--received", "2024-09-02", "--deferred-to", "2024-11-15", "--on", "2024-11-14", "--json"
        ).output
    )
    assert (data["due"], data["deferred_to"], data["overdue"]) == ("2024-11-15", "2024-11-15", False)


def test_due_refuses_a_receipt_in_the_future(fixed_clock):
    # the clock reads 2026-11-20 (tests/conftest.py TEST_NOW)
    result = run("due", "--received", "2026-11-23")
    assert result.exit_code == 2
    assert (
        result.stderr.strip() == "gongkai: Art. 31: the day of receipt 2026-11-23 is after today (2026-11-20)"
    )


def test_fee_json_total_as_string():
    data = json.loads(run("fee", "--count", "12", "--json").output)
    assert data["total"] == "200.00"
    assert [i["quantity"] for i in data["items"]] == [10, 2]
    data = json.loads(run("fee", "--pages", "31", "--json").output)
    assert data["total"] == "10.00"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("workday", "2024-02-30"), "not a date"),
        (("add", "2024-02-09", "-1"), "must not be negative"),
        (("add", "2024-02-09", "x"), "not a whole number"),
        (("add", "2027-12-20", "20"), "2028"),
        (("due", "--received", "2024-03-04", "--extension", "21"), "Art. 33"),
        (("due", "--received", "2024-03-04", "--replied", "2024-03-01"), "Art. 31"),
        (
            (
                "due",
                "--received",
                "2024-03-04",
                "--pause",
                "2024-03-05:2024-03-08",
                "--pause",
                "2024-03-06:2024-03-07",
            ),
            "still open",
        ),
        (("due", "--received", "2024-03-04", "--pause", "2024-03-05"), "START:END"),
        (
            ("due", "--received", "2025-03-10", "--replied", "2025-03-01"),
            "Art. 31: replied on 2025-03-01 is before",
        ),
        (
            ("due", "--received", "2025-03-10", "--pause", "2025-03-14:2025-03-12"),
            "Art. 32: the pause '2025-03-14:2025-03-12' ends on 2025-03-12, before it starts on 2025-03-14",
        ),
        (("due", "--received", "2025-03-10", "--pause", "fee=2025-03-14:2025-03-12"), "《办法》: the pause"),
        (
            (
                "due",
                "--received",
                "2025-03-10",
                "--pause",
                "2025-03-11:2025-03-12",
                "--third-party-received",
                "2025-03-13",
            ),
            "Art. 32: --third-party-received 2025-03-13 is not within",
        ),
        (("due", "--received", "2025-03-10", "--deferred-to", "2025-03-20"), "Art. 35"),
        (("fee", "--count", "3", "--pages", "40"), "exactly one"),
        (("fee", "--pages", "-2"), "negative"),
    ],
)
def test_bad_input_is_one_line_exit_2(args, message):
    result = run(*args)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("gongkai: ") and message in lines[0]
