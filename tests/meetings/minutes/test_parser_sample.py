"""The sample minutes (oneM2M WG4 SEC#12) read in full: every count and every oddity pinned."""

from pathlib import Path

import pytest

from meetings.minutes.dialects.onem2m import parse
from meetings.minutes.readers import read_text

SAMPLE = Path(__file__).resolve().parents[3] / "samples" / "oneM2M-SEC12-minutes.txt"


@pytest.fixture(scope="module")
def minutes():
    return parse(read_text(SAMPLE.read_bytes())).to_dict()


def entries(minutes):
    return [
        (r["number"], r["section"], r["decision"])
        for c in minutes["contributions"]
        for r in c["revisions"]
    ]


def family(minutes, number):
    return next(c for c in minutes["contributions"] if c["number"] == number)


def test_the_meeting_is_sec_12_during_tp12(minutes):
    assert minutes["meeting"] == {
        "group": "SEC",
        "number": "12",
        "group_alias": "WG4",
        "group_name": None,
        "date": None,
        "dates": [],
        "chair": None,
        "plenary": "TP12",
        "next_meeting": "TP 13, September 2014, Phoenix, AZ, USA",
        "line": 16,
    }


def test_all_27_sections_with_their_titles_in_document_order(minutes):
    sections = [(s["number"], s["title"]) for s in minutes["sections"]]

    assert len(sections) == 27
    assert sections[:4] == [
        ("1", "Opening of the meeting"),
        ("1.1", "Welcome"),
        ("1.2", "Schedule for WG4"),
        ("2", "Review & Approval of Agenda"),
    ]
    assert sections[12:15] == [
        ("6.5", "Clause 8.2 - Security Associations"),
        ("5.6", "Clause 8.3 – Bootstrapping aka Remote Security Provisioning"),
        ("6.7", "Chapter 9"),
    ]
    assert ("6.11", "SEC/ARC Joint Discussions") in sections
    assert sections[-1] == ("10", "Closure of meeting")
    assert {
        "number": "6.2",
        "title": "Chapter 6",
        "line": 130,
        "parent": "6",
        "notes": "",
    } in minutes["sections"]


def test_57_decisions_on_56_revisions(minutes):
    decided = [entry for entry in entries(minutes) if entry[2]]

    assert len(decided) == 57
    assert len({number for number, _, _ in decided}) == 56


def test_a_revision_noted_in_two_sections_has_a_decision_in_each(minutes):
    assert [e for e in entries(minutes) if e[0] == "SEC-2014-0346R04"] == [
        ("SEC-2014-0346R04", "6.3", "noted"),
        ("SEC-2014-0346R04", "6.11", "noted"),
    ]


@pytest.mark.parametrize(
    ("number", "section", "decision"),
    [
        ("SEC-2014-0363", "6.2", "noted"),
        ("SEC-2014-0363R01", "6.2", "agreed"),
        ("SEC-2014-0365R01", "6.9", "noted"),
        ("SEC-2014-0365R02", "6.9", "agreed"),
        ("SEC-2014-0390R03", "6.7", "agreed"),
        ("SEC-2014-0390R02", "6.7", None),  # superseded during the meeting
        ("SEC-2014-0378", "6.4", "agreed"),  # "SEC-2014-378 was AGREED"
        ("SEC-2014-0360", "6.5", "noted"),  # "SEC-2014- was NOTED"
        ("SEC-2014-0367R01", "6.3", "agreed"),  # introduced as "RF01"
        ("SEC-2014-0364", "6.10", "noted"),  # "SEC-2014-0364- was NOTED."
        ("SEC-2014-0364R01", "6.10", None),  # "R01was discussed in a joint session"
        ("SEC-2014-0372", "6.5", "withdrawn"),
        ("ARC-2014-1500", "6.11", "withdrawn"),
        ("PRO-2014-0352R01", "6.12", "agreed"),
        ("TP-2014-0459", "7.3", "noted"),
        ("SEC-2014-0355R01", "2", "agreed"),
        ("SEC-2014-0328R01", "6.12", "noted"),  # "was NOTED, a revision is expected."
    ],
)
def test_decisions_as_the_minutes_record_them(minutes, number, section, decision):
    assert (number, section, decision) in entries(minutes)


def test_presenters_and_sources(minutes):
    def who(number):
        contribution = family(minutes, number)
        return contribution["presented_by"], contribution["sources"]

    assert who("SEC-2014-0357") == (
        "Francois Ennesser",
        ["Giesecke & Devrient", "Oberthur Technologies", "Gemalto"],
    )
    assert who("SEC-2014-0356") == ("Francois Ennesser", ["Gemalto"])
    assert who("SEC-2014-0386") == (None, ["Qualcomm"])
    assert who("SEC-2014-0362") == ("Wolfgang Granzow", ["Qualcomm"])
    assert who("SEC-2014-0372") == (None, [])


def test_titles(minutes):
    assert family(minutes, "SEC-2014-0363")["title"] == "Configuration of Protection Levels"
    assert (
        family(minutes, "TP-2014-0459")["title"] == "LS Response from ETSI Technical Committee SCP"
    )
    assert family(minutes, "ARC-2014-1500")["title"] == "ID for AE Registration"
    assert family(minutes, "SEC-2014-0362")["title"] == "AccessControl_clarifications"


def test_relations(minutes):
    relations = [
        (r["from"], r["type"], r["to"], r["line"])
        for c in minutes["contributions"]
        for r in c["relations"]
    ]

    assert ("SEC-2014-0346R04", "integrated_into", "SEC-2014-0362", 185) in relations
    assert ("SEC-2014-0391", "handled_in", "SEC-2014-0388R02", 127) in relations
    assert ("SEC-2014-0328R01", "references", "SEC-2014-0249R05", 463) in relations
    assert ("SEC-2014-0390R02", "revised_to", "SEC-2014-0390R03", 278) in relations
    # "A revision 2 was discussed, and further edits will result in the creation of an R3."
    assert ("SEC-2014-0357R02", "revised_to", "SEC-2014-0357R03", 331) in relations
    # "A revision was discussed." then "... resulting in the creation of an R02."
    assert ("SEC-2014-0365R01", "revised_to", "SEC-2014-0365R02", 318) in relations
    assert not [r for r in relations if r[0] in ("SEC-2014-0357", "SEC-2014-0365")]
    assert ("SEC-2014-0366R02", "related_to", "SEC-2014-0362R01", 190) in relations


def test_the_action_table_keeps_all_14_rows_in_order(minutes):
    rows = [(a["reference"], a["owners"], a["status"], a["line"]) for a in minutes["actions"]]

    assert len(rows) == 14
    assert rows[0] == ("A-WG4-TP10.7-001", "Qualcomm, AlcatelLucent", "open", 39)
    assert rows[9] == ("A-WG4-TP12-010", "Qualcomm and WG leadership", "open", 84)
    assert [r[0] for r in rows].count("A-WG4-TP12-012") == 2
    assert all(a["section"] == "5" for a in minutes["actions"])


def test_in_text_action_items_join_the_rows_they_describe(minutes):
    mentions = {
        (a["reference"], a["line"]): [(m["line"], m["section"]) for m in a["mentions"]]
        for a in minutes["actions"]
    }

    assert mentions[("A-WG4-TP12-009", 79)] == [(207, "6.4")]
    assert mentions[("A-WG4-TP12-010", 84)] == [(301, "6.8")]
    assert mentions[("A-WG4-TP12-011", 89)] == [(365, "6.10")]
    # Two rows share A-WG4-TP12-012; the sentence describes the first one.
    assert mentions[("A-WG4-TP12-012", 94)] == [(539, "9")]
    assert mentions[("A-WG4-TP12-012", 99)] == []


def test_resolutions(minutes):
    texts = [(r["section"], r["line"], r["text"]) for r in minutes["resolutions"]]

    assert (
        "6.11",
        439,
        "It was AGREED to support ID Based Access Control including the usage of wild cards "
        "that are resolved to IDs.",
    ) in texts
    # The sentence after the agreement qualifies it, with or without a full stop between.
    later = "The topic will be addressed in future work if deemed appropriate."
    assert (
        "6.11",
        435,
        "It was AGREED to leave group based access control as not supported at this time. " + later,
    ) in texts
    assert texts[1][2].endswith("not supported at this time " + later)
    assert texts[3][2].startswith("The Rapporteur will update the baseline TS003")
    assert [line for _, line, _ in texts] == [435, 437, 439, 538]


def test_a_warning_for_each_oddity_quoting_it(minutes):
    warnings = {(w["line"], w["message"]) for w in minutes["warnings"]}

    for line, quoted in [
        (99, '"A-WG4-TP12-012"'),
        (221, '"SEC-2014- was NOTED" read as SEC-2014-0360'),
        (222, '"5.6"'),
        (195, '"SEC-2014-0367RF01" read as SEC-2014-0367R01'),
        (209, '"SEC-2014-378" read as SEC-2014-0378'),
        (515, '"TP-0459" read as TP-2014-0459'),
        (185, '"-0362" read as SEC-2014-0362'),
        (127, '"0388R02" read as SEC-2014-0388R02'),
        (354, '"SEC-2014-0364R01was"'),
        (359, '"SEC-2014-0364-"'),
    ]:
        assert any(w_line == line and quoted in message for w_line, message in warnings), quoted
