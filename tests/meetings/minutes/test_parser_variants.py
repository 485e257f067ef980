"""Other minutes written the way SEC#12's are: other groups, meetings, people and numbers."""

import pytest

from meetings.minutes.dialects.onem2m import parse
from meetings.minutes.readers import MinutesError, read_text

ARC_MINUTES = """\
 1
Opening of the meeting
2
Review & Approval of Agenda

ARC-2017-0100R01-ARC_27.1_Agenda
ARC-2017-0100R01 was AGREED
5
Action Item Status
\tREFERENCE
\tWHAT
\tWHO
\tSTATUS

\tA-WG2-TP27-003
\tProvide text on CSE discovery procedures
\tHuawei & Convida Wireless
\tCLOSED

\tA-WG2-TP28-001
\tAlign the semantic resource types with PRO before the freeze
\tNokia
\tOPEN

6
Contributions for decision on TS-0001

6.1 Semantics:
· ARC-2017-0123R02, Semantic discovery CR
· Presented by Jane Doe, Convida Wireless
· Comments
· Edits were made resulting in R03
· ARC-2017-0123R03 was APPROVED
· ARC-2017-124, Group management clean up
· Presented by Nokia
· ARC-2017-124 was POSTPONED
· ARC-2017-0130, Reply LS to ETSI SmartM2M
· ARC-2017- was REJECTED
6.9
Wrap up
· ACTION ITEM: Nokia to align the semantic resource types with PRO.
· It was AGREED to freeze the Release 3 feature list.
8 Planning for next Meeting(s)
Next Face-to-Face: TP 29, June 2017, Seoul, Korea.
"""


@pytest.fixture(scope="module")
def minutes():
    return parse(read_text(ARC_MINUTES.encode())).to_dict()


def decisions(minutes):
    return {r["number"]: r["decision"] for c in minutes["contributions"] for r in c["revisions"]}


def test_the_meeting_and_its_plenary_week(minutes):
    meeting = minutes["meeting"]

    assert (meeting["group"], meeting["number"], meeting["group_alias"]) == ("ARC", "27.1", "WG2")
    assert meeting["plenary"] == "TP28"
    assert meeting["next_meeting"] == "TP 29, June 2017, Seoul, Korea"


def test_sections_in_both_heading_forms(minutes):
    assert [(s["number"], s["title"]) for s in minutes["sections"]] == [
        ("1", "Opening of the meeting"),
        ("2", "Review & Approval of Agenda"),
        ("5", "Action Item Status"),
        ("6", "Contributions for decision on TS-0001"),
        ("6.1", "Semantics"),
        ("6.9", "Wrap up"),
        ("8", "Planning for next Meeting(s)"),
    ]


def test_other_decision_words(minutes):
    assert decisions(minutes) == {
        "ARC-2017-0100R01": "agreed",
        "ARC-2017-0123R02": None,
        "ARC-2017-0123R03": "approved",
        "ARC-2017-0124": "postponed",
        "ARC-2017-0130": "rejected",
    }


def test_other_people_and_companies(minutes):
    by_number = {c["number"]: c for c in minutes["contributions"]}

    assert by_number["ARC-2017-0123"]["presented_by"] == "Jane Doe"
    assert by_number["ARC-2017-0123"]["sources"] == ["Convida Wireless"]
    assert by_number["ARC-2017-0124"]["sources"] == ["Nokia"]
    assert by_number["ARC-2017-0123"]["relations"] == [
        {"from": "ARC-2017-0123R02", "type": "revised_to", "to": "ARC-2017-0123R03", "line": 32}
    ]


def test_action_statuses_and_the_sentence_that_describes_one(minutes):
    actions = [(a["reference"], a["owners"], a["status"]) for a in minutes["actions"]]

    assert actions == [
        ("A-WG2-TP27-003", "Huawei & Convida Wireless", "closed"),
        ("A-WG2-TP28-001", "Nokia", "open"),
    ]
    assert [m["section"] for m in minutes["actions"][1]["mentions"]] == ["6.9"]


def test_resolutions_and_warnings(minutes):
    assert [r["text"] for r in minutes["resolutions"]] == [
        "It was AGREED to freeze the Release 3 feature list."
    ]
    messages = [w["message"] for w in minutes["warnings"]]
    assert 'Unpadded number: "ARC-2017-124" read as ARC-2017-0124.' in messages
    assert (
        'Incomplete number: "ARC-2017- was REJECTED" read as ARC-2017-0130, '
        "the contribution under discussion." in messages
    )


def test_minutes_that_name_no_meeting_ask_for_one():
    text = "6.1\nChapter 6\n· SEC-2014-0356 was AGREED\n"

    with pytest.raises(MinutesError, match="pass --meeting GROUP#NUMBER"):
        parse(read_text(text.encode()))
    assert parse(read_text(text.encode()), "SEC#12").meeting.number == "12"


def test_crlf_and_a_byte_order_mark_read_like_plain_lines():
    raw = ("\ufeff" + ARC_MINUTES).replace("\n", "\r\n").encode("utf-8")

    assert parse(read_text(raw)).to_dict() == parse(read_text(ARC_MINUTES.encode())).to_dict()


def test_two_agreements_in_one_paragraph_are_two_resolutions():
    # Lines 439 and 538 of SEC#12's minutes, written as one paragraph.
    text = (
        "6.11\nAccess Control\n"
        "· ARC-2017-0123, Semantic discovery CR\n"
        "It was AGREED to support ID Based Access Control including the usage of wild cards "
        "that are resolved to IDs. The Rapporteur will update the baseline TS003 with all "
        "contributions agreed at this meeting. There were no objections and this was AGREED.\n"
    )

    resolutions = [r.text for r in parse(read_text(text.encode()), "ARC#27").resolutions]

    assert resolutions == [
        "It was AGREED to support ID Based Access Control including the usage of wild cards "
        "that are resolved to IDs.",
        "The Rapporteur will update the baseline TS003 with all contributions agreed at this "
        "meeting. There were no objections and this was AGREED.",
    ]


@pytest.mark.parametrize("gap", [" ", " " * 120, " \t" * 60], ids=["one space", "120", "tabs"])
def test_a_cue_followed_by_a_long_run_of_white_space_still_relates(gap):
    # Lines 185 to 192 of SEC#12's minutes, with Word's alignment after each cue.
    text = (
        "6.11\nAccess Control\n"
        "· SEC-2014-0366R02, Acquisition of Location Information for Location Based Access "
        "Control\n"
        f"· This contribution is related to contribution{gap}-0362R01.\n"
        f"· Some small editorial clarification will be made resulting in{gap}-0366R03\n"
        f"· Participants discussed the edits presented in{gap}R01.\n"
        "· SEC-2014-0366R03 was AGREED\n"
    )

    minutes = parse(read_text(text.encode()), "SEC#12").to_dict()

    contribution = next(c for c in minutes["contributions"] if c["number"] == "SEC-2014-0366")
    relations = [(r["from"], r["type"], r["to"]) for r in contribution["relations"]]
    assert relations == [
        ("SEC-2014-0366R02", "related_to", "SEC-2014-0362R01"),
        ("SEC-2014-0366R02", "revised_to", "SEC-2014-0366R03"),
    ]
    revisions = [(r["number"], r["line"]) for r in contribution["revisions"]]
    assert ("SEC-2014-0366R01", 6) in revisions  # "discussed the edits presented in R01"
