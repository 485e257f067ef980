"""The IETF dialect on three working groups' minutes, written by three different hands, and on
variants built from their lines for what the format has and these files lack."""

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from meetings.identifiers import parse_meeting_name
from meetings.minutes import load, read
from meetings.minutes.dialects import ietf
from meetings.minutes.readers import MinutesError, read_text_like

SAMPLES = Path(__file__).resolve().parents[4] / "samples"
IETF = SAMPLES / "ietf"
HTTPBIS, CORE, QUIC = (
    "ietf-httpbis-119-minutes.md",
    "ietf-core-116-minutes.md",
    "ietf-quic-118-minutes.md",
)


def sample(name):
    return (IETF / name).read_text(encoding="utf-8")


def parse_text(text, name="minutes.md"):
    return ietf.parse(read_text_like(text.encode("utf-8"), name))


def section(minutes, number):
    return next(each for each in minutes.sections if each.number == number)


def contribution(minutes, number):
    return next(each for each in minutes.contributions if each.number == number)


def line_of(text, words):
    """The 1-based line of `text` that holds `words`, found rather than written down."""
    return next(n for n, line in enumerate(text.split("\n"), start=1) if words in line)


def replace_line(text, old, new):
    lines = text.split("\n")
    index = lines.index(old)
    return "\n".join([*lines[:index], *new.split("\n"), *lines[index + 1 :]])


@pytest.fixture(scope="module")
def httpbis():
    return parse_text(sample(HTTPBIS), HTTPBIS)


@pytest.fixture(scope="module")
def core():
    return parse_text(sample(CORE), CORE)


@pytest.fixture(scope="module")
def quic():
    return parse_text(sample(QUIC), QUIC)


# httpbis at IETF 119: doctoc TOC, two days, "#### [title](datatracker) - presenter / slides" ---


def test_httpbis_meeting_is_the_wg_at_ietf_119_over_two_days(httpbis):
    meeting = httpbis.meeting
    assert (meeting.group, meeting.number) == ("httpbis", "IETF119")
    assert parse_meeting_name(f"{meeting.group}@{meeting.number}").number == "IETF119"
    assert meeting.group_name == "HTTP Working Group"
    assert meeting.date == "2024-03-19"
    assert meeting.dates == ["2024-03-19", "2024-03-22"]
    assert meeting.chair is None
    assert meeting.line == 1


def test_httpbis_topics_are_the_headings_under_the_days_not_the_toc(httpbis):
    numbers = [each.number for each in httpbis.sections]
    assert numbers == [
        "1", "1.1", "1.2", "1.3", "1.4",
        "2", "2.1", "2.2", "2.3", "2.4", "2.5",
        "3", "3.1", "3.2", "3.3", "3.4",
    ]  # fmt: skip
    assert min(each.line for each in httpbis.sections) == 34  # nothing from the TOC (6-23)
    assert (section(httpbis, "1").title, section(httpbis, "1").line) == ("Active Drafts", 34)
    assert (section(httpbis, "1.1").title, section(httpbis, "1.1").parent) == ("Cookies", "1")
    assert section(httpbis, "2").line == 134
    assert (section(httpbis, "3").title, section(httpbis, "3").line) == ("Other Topics", 248)
    assert section(httpbis, "3.1").title == "HTTP/3 On Streams - Kazuko Oku and Lucas Pardue"
    assert not any("day" in each.title for each in httpbis.sections)


def test_httpbis_drafts_are_read_from_the_heading_links(httpbis):
    assert len(httpbis.contributions) == 9
    connect = contribution(httpbis, "draft-ietf-httpbis-connect-tcp")
    assert connect.title == "Templated Connect-TCP"
    assert connect.presented_by == "Ben Schwartz"
    assert connect.line == 138
    [entry] = connect.revisions
    assert (entry.number, entry.section, entry.line, entry.decision) == (
        "draft-ietf-httpbis-connect-tcp",
        "2.1",
        138,
        None,
    )
    tunnel = contribution(httpbis, "draft-kazuho-httpbis-reverse-tunnel")
    assert tunnel.revisions[0].number == "draft-kazuho-httpbis-reverse-tunnel-00"
    assert tunnel.presented_by == "Kazuko Oku"
    streams = contribution(httpbis, "draft-kazuho-httpbis-http3-on-streams")
    assert streams.presented_by == "Kazuko Oku and Lucas Pardue"
    assert streams.revisions[0].section == "3.1"


def test_httpbis_discussion_goes_to_the_draft_or_to_the_topic(httpbis):
    notes = contribution(httpbis, "draft-ietf-httpbis-connect-tcp").revisions[0].notes
    lines = notes.split("\n")
    assert len(lines) == 18  # every non-empty line of 140-173
    assert lines[0] == "3 issues to discuss:"
    assert lines[1] == "tcp_port (Issue #2713)"
    # Two speakers on consecutive lines of one paragraph stay two lines.
    assert lines[9].startswith("Jonathan Hoyland: I haven't followed this at all")
    assert lines[10].startswith("Ben: Yes, it would be a hostname")
    assert section(httpbis, "2.1").notes == ""
    assert section(httpbis, "1.1").notes.split("\n") == [
        "Fixed same-site bug in spec, but turned out sites relied on it so have reverted the "
        "spec change. Will try to do it again in the bis bis (bisque?).",
        "Remaining issues are small. Almost ready for WG last call.",
        "mnot thinks substantial last call (4 weeks+)",
    ]
    assert len(section(httpbis, "1.2").notes.split("\n")) == 15


def test_httpbis_states_no_decision_resolution_or_action(httpbis):
    assert httpbis.resolutions == []
    assert httpbis.actions == []
    assert all(e.decision is None for c in httpbis.contributions for e in c.revisions)
    assert httpbis.warnings == []


# CoRE at IETF 116: header block, "# Tuesday, March 28, 2023", "## Title (Presenter) (10)" ----


def test_core_meeting_from_the_title_and_the_header_block(core):
    meeting = core.meeting
    assert (meeting.group, meeting.number) == ("core", "IETF116")
    assert meeting.group_name == "Constrained RESTful Environments (CoRE) WG"
    assert (meeting.date, meeting.dates) == ("2023-03-28", ["2023-03-28"])
    assert meeting.chair == "Marco Tiloca, Jaime Jiménez, Carsten Bormann"


def test_core_topics_and_the_subtopic_under_sid_and_comi(core):
    assert len(core.sections) == 13
    assert [each.number for each in core.sections if each.parent] == ["7.1"]
    comi = section(core, "7.1")
    assert (comi.title, comi.line, comi.parent) == ("COMI", 331, "7")
    assert section(core, "1").title == "Intro, agenda, status (Chairs) (10)"
    assert section(core, "12").title == "Flextime (5)"
    # The abbreviation list after the last topic ("*[MT]: Marco Tiloca") is no discussion.
    assert section(core, "12").notes == "MT: Thanks, meeting adjourned."


def test_core_drafts_are_the_datatracker_lines_under_each_topic(core):
    assert len(core.contributions) == 12
    href = contribution(core, "draft-ietf-core-href")
    assert (href.title, href.presented_by, href.line) == (
        "Constrained Resource Identifiers",
        "Carsten Bormann",
        83,
    )
    # The draft inside a slide deck's file name is not a draft named.
    assert contribution(core, "draft-fz-core-coap-pm").revisions[0].number == (
        "draft-fz-core-coap-pm"
    )
    assert not any("coap-pm-04" in each.number for each in core.contributions)
    for number in ("draft-ietf-core-sid", "draft-ietf-core-comi"):
        assert [e.section for e in contribution(core, number).revisions] == ["7", "7.1"]


def test_core_two_drafts_in_one_topic_each_keep_their_own_discussion(core):
    limits = contribution(core, "draft-ietf-core-oscore-key-limits").revisions[0]
    update = contribution(core, "draft-ietf-core-oscore-key-update").revisions[0]
    assert (limits.section, limits.line, update.section, update.line) == ("5", 210, "5", 222)
    assert limits.notes.split("\n")[-1].startswith("RH (p2): This stems from CFRG work")
    assert "RH (p10)" not in limits.notes
    assert update.notes.split("\n")[-1] == (
        "RH (p10): Next steps: address pending points (see issue tracker), walkthrough of "
        "examples on updating OSCORE Sender/Recipient IDs, implementation."
    )


def test_core_hard_breaks_part_speakers_and_wrapped_lines_are_joined(core):
    lines = contribution(core, "draft-ietf-core-conditional-attributes").revisions[0].notes
    lines = lines.split("\n")
    assert "BS: Do we have liaisons?" in lines
    assert "MK: JJ is active in one." in lines
    assert (
        "JJ: That's in OMA / DSME meetings. We can also present and raise this "
        "(or take it offline asynchronously)."
    ) in lines
    assert contribution(core, "draft-ietf-core-conditional-attributes").presented_by == (
        "Bill Silverajan"
    )


def test_core_states_no_resolution_or_action(core):
    assert (core.resolutions, core.actions, core.warnings) == ([], [], [])


# QUIC at IETF 118: "**Name [XX]**:" speakers, agenda bullets naming the draft and presenters --


def test_quic_meeting_and_its_chair_line(quic):
    meeting = quic.meeting
    assert (meeting.group, meeting.number, meeting.group_name) == ("quic", "IETF118", "QUIC WG")
    assert (meeting.date, meeting.dates, meeting.chair) == (
        "2023-11-08",
        ["2023-11-08"],
        "Lucas Pardue",
    )
    assert meeting.line == 2


def test_quic_administrivia_with_only_its_time_is_no_topic(quic):
    assert [each.title for each in quic.sections] == [
        "Chair Updates", "Multipath QUIC", "Reliable Stream Resets", "qlog",
        "QUIC Address Discovery", "NAT Traversal", "ACK Receive Timestamps", "BDP Frame",
        "FEC Results",
    ]  # fmt: skip
    assert (section(quic, "1").number, section(quic, "1").line) == ("1", 17)


def test_quic_drafts_and_presenters_come_from_the_agenda_line(quic):
    assert len(quic.contributions) == 5
    multipath = contribution(quic, "draft-ietf-quic-multipath")
    assert (multipath.title, multipath.presented_by) == (
        "multipath QUIC",
        "Yanmei Liu and Mirja Kühlewind",
    )
    [entry] = multipath.revisions
    assert (entry.section, entry.line) == ("2", 49)
    notes = entry.notes.split("\n")
    assert len(notes) == 42  # every non-empty line of 49-131
    assert notes[0].startswith("25 min - Open issues, updates to multipath QUIC.")
    assert (
        "LP: Are you interested in exploring Path IDs further? y/n? => 20:11 (out of 134, "
        "103 without opinion)"
    ) in notes
    assert contribution(quic, "draft-seemann-quic-nat-traversal").presented_by == ("Marten Seemann")
    assert contribution(quic, "draft-kuhn-quic-bdpframe-extension").revisions[0].section == "8"


def test_quic_prose_about_actions_and_polls_is_not_guessed_at(quic):
    # "So action for authors is to first have proposal ..." and the shows of hands.
    assert (quic.actions, quic.resolutions, quic.warnings) == ([], [], [])
    assert len(section(quic, "5").notes.split("\n")) == 9  # Address Discovery: no draft named


# Variants --------------------------------------------------------------------------------------

ZSTD_END = "Mark Nottingham:  Sounds like we know what we need to do next then."


def with_decisions():
    return replace_line(
        sample(HTTPBIS),
        ZSTD_END,
        f"{ZSTD_END}\n\n"
        "RESOLUTION: Start a WG last call on draft-jaju-httpbis-zstd-window-size after the\n"
        "next revision.\n\n"
        "Action item: Martin and Lucas to review the draft before the last call.\n\n"
        "Action item (chairs): confirm on the mailing list.\n\n"
        "ACTION: Nidhi will publish a revision with the 8 MB window.\n\n"
        "action item: review the interaction with Client Hints.",
    )


def test_a_wrapped_resolution_is_joined_and_actions_keep_their_owners():
    text = with_decisions()
    minutes = parse_text(text)
    [resolution] = minutes.resolutions
    assert resolution.text == (
        "Start a WG last call on draft-jaju-httpbis-zstd-window-size after the next revision."
    )
    assert (resolution.section, resolution.line) == ("3.3", line_of(text, "RESOLUTION:"))
    owners = [(a.owners, a.description, a.section, a.status) for a in minutes.actions]
    assert owners == [
        ("Martin, Lucas", "review the draft before the last call.", "3.3", "open"),
        ("chairs", "confirm on the mailing list.", "3.3", "open"),
        ("Nidhi", "publish a revision with the 8 MB window.", "3.3", "open"),
        ("", "review the interaction with Client Hints.", "3.3", "open"),
    ]
    assert minutes.actions[0].line == line_of(text, "Action item: Martin and Lucas")
    assert all(action.reference is None for action in minutes.actions)
    [warning] = minutes.warnings
    assert warning.line == line_of(text, "action item: review")
    assert "action item: review the interaction with Client Hints." in warning.message
    # The draft's own name in its discussion relates it to nothing.
    assert contribution(minutes, "draft-jaju-httpbis-zstd-window-size").relations == []


def test_resolution_markers_in_any_case_in_bullets_and_after_a_hard_break():
    text = replace_line(
        sample(CORE),
        "Result: 11 raised hands. 0 non-raised hands.",
        "Result: 11 raised hands. 0 non-raised hands.  \n"
        "resolved: the chairs start a WG adoption call for\n"
        "draft-fz-core-coap-pm, keeping IPPM in CC.\n\n"
        "- Consensus: the document stays in CoRE\n\n"
        "Decision:",
    )
    minutes = parse_text(text)
    assert [(r.text, r.section, r.line) for r in minutes.resolutions] == [
        (
            "the chairs start a WG adoption call for draft-fz-core-coap-pm, keeping IPPM in CC.",
            "9",
            line_of(text, "resolved:"),
        ),
        ("the document stays in CoRE", "9", line_of(text, "- Consensus:")),
    ]
    [warning] = minutes.warnings
    assert warning.line == line_of(text, "Decision:")
    assert '"Decision:" is followed by no resolution' in warning.message


def test_action_items_and_resolutions_lists_give_one_per_item():
    text = replace_line(
        sample(HTTPBIS),
        "Martin: I will.",
        "Martin: I will.\n\nAction items:\n\n"
        "* Martin Thomson to open an issue on the cost of pattern matching\n"
        "* Patrick to add guidance on the number of dictionaries\n\n"
        "Patrick: Thanks.\n\nResolutions:\n\n- Keep match-dest optional",
    )
    minutes = parse_text(text)
    [resolution] = minutes.resolutions
    assert (resolution.text, resolution.section, resolution.line) == (
        "Keep match-dest optional",
        "2.5",
        line_of(text, "- Keep match-dest"),
    )
    assert minutes.warnings == []
    assert [(a.owners, a.description, a.section, a.line) for a in minutes.actions] == [
        (
            "Martin Thomson",
            "open an issue on the cost of pattern matching",
            "2.5",
            line_of(text, "* Martin Thomson to open"),
        ),
        (
            "Patrick",
            "add guidance on the number of dictionaries",
            "2.5",
            line_of(text, "* Patrick to add"),
        ),
    ]


def test_issue_headings_are_subtopics_titled_as_written_even_malformed():
    text = sample(HTTPBIS)
    text = replace_line(
        text,
        "1. `tcp_port` ([Issue #2713](https://github.com/httpwg/http-extensions/issues/2713))",
        "#### 2713: tcp_port",
    )
    text = replace_line(
        text, "2. Happy Eyeballs and `target_host` lists", "####2714 Happy Eyeballs"
    )
    text = replace_line(text, "3. Capsule protocol", "#### #2715: Capsule protocol")
    minutes = parse_text(text)
    issues = [(s.number, s.title, s.parent) for s in minutes.sections if s.parent == "2.1"]
    assert issues == [
        ("2.1.1", "2713: tcp_port", "2.1"),
        ("2.1.2", "2714 Happy Eyeballs", "2.1"),
        ("2.1.3", "#2715: Capsule protocol", "2.1"),
    ]
    assert section(minutes, "2.2").title.startswith("Security Considerations")
    [warning] = minutes.warnings
    assert warning.line == line_of(text, "####2714")
    assert '"####2714 Happy Eyeballs"' in warning.message
    # Each issue is discussed as part of the topic's draft.
    entries = contribution(minutes, "draft-ietf-httpbis-connect-tcp").revisions
    assert [e.section for e in entries] == ["2.1", "2.1.1", "2.1.2", "2.1.3"]
    assert entries[0].notes == "3 issues to discuss:"
    assert entries[3].notes.startswith("Tommy Pauly: I'm okay with leaving it for a later thing")


def test_a_draft_mentioned_in_passing_is_related_not_handled():
    text = replace_line(
        sample(HTTPBIS),
        "Martin: Sole purpose is invalidation, maybe worth working that in to make it clear.",
        "Martin: Sole purpose is invalidation, maybe worth working that in to make it clear.\n\n"
        "Mark: See also draft-nottingham-http-invalidation-00 for the invalidation side.",
    )
    minutes = parse_text(text)
    assert len(minutes.contributions) == 9
    [relation] = contribution(minutes, "draft-ietf-httpbis-cache-groups").relations
    assert (relation.from_, relation.type, relation.to, relation.line) == (
        "draft-ietf-httpbis-cache-groups",
        "related_to",
        "draft-nottingham-http-invalidation-00",
        line_of(text, "Mark: See also"),
    )


def test_sessions_on_several_days_and_a_day_heading_without_weekday():
    text = replace_line(
        sample(QUIC), "### NAT Traversal", "## 9 November 2023\n\n### NAT Traversal"
    )
    minutes = parse_text(text)
    assert (minutes.meeting.date, minutes.meeting.dates) == (
        "2023-11-08",
        ["2023-11-08", "2023-11-09"],
    )
    nat = section(minutes, "6")
    assert (nat.title, nat.parent) == ("NAT Traversal", None)
    assert not any(each.title == "9 November 2023" for each in minutes.sections)


def test_a_day_heading_that_is_not_a_date_is_warned_about():
    text = replace_line(
        sample(QUIC), "## Wednesday, November 8, 2023", "## Wednesday, November 31, 2023"
    )
    minutes = parse_text(text)
    assert minutes.meeting.date is None
    assert [w.line for w in minutes.warnings] == [4, 2]
    assert '"Wednesday, November 31, 2023"' in minutes.warnings[0].message


def test_an_administrative_heading_with_discussion_is_a_topic():
    text = replace_line(
        sample(QUIC), "5 min total", "5 min total\n\nNote Well accepted, agenda bashed: no changes."
    )
    minutes = parse_text(text)
    assert (section(minutes, "1").title, section(minutes, "1").notes) == (
        "Administrivia",
        "5 min total\nNote Well accepted, agenda bashed: no changes.",
    )
    assert section(minutes, "2").title == "Chair Updates"


def test_an_interim_has_no_ietf_number_and_is_known_by_its_date():
    text = replace_line(sample(QUIC), "# IETF-118 QUIC WG meeting", "# QUIC WG Interim Meeting")
    minutes = parse_text(text)
    assert (minutes.meeting.group, minutes.meeting.number) == ("quic", None)
    assert minutes.meeting.date == "2023-11-08"
    assert ietf.detect(read_text_like(text.encode(), "minutes.md")) >= 0.5


def test_minutes_with_no_number_and_no_date_make_the_pipeline_ask_for_the_meeting():
    text = replace_line(sample(QUIC), "# IETF-118 QUIC WG meeting", "# QUIC WG meeting")
    text = replace_line(text, "## Wednesday, November 8, 2023", "")
    minutes = parse_text(text)
    assert (minutes.meeting.number, minutes.meeting.date) == (None, None)
    assert "No session date found" in minutes.warnings[0].message
    with pytest.raises(MinutesError, match="--meeting"):
        load("minutes.md", raw=text.encode(), max_bytes=10**7)


def test_the_group_comes_from_the_drafts_when_the_title_names_only_the_working_group():
    # "HTTP Working Group" is the group's name; its acronym is in draft-ietf-httpbis-… names.
    minutes = parse_text(sample(HTTPBIS).replace("draft-ietf-httpbis-", "draft-ietf-foo-"))
    assert minutes.meeting.group == "foo"
    assert (
        parse_text(
            "# TLS Working Group - IETF 120\n\n## Monday, 22 July 2024\n\n### ECH\n\n"
            "Sean: ready for WGLC."
        ).meeting.group
        == "tls"
    )


def test_a_meeting_named_by_the_user_is_no_reason_to_fail():
    minutes = ietf.parse(read_text_like(sample(CORE).encode(), CORE), "core@IETF116")
    assert minutes.meeting.number == "IETF116"


def test_text_with_nothing_recognised_reads_as_empty_minutes():
    assert parse_text("Just a note.\n\nNothing else.", "notes.txt").is_empty()


# Detection -------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", [HTTPBIS, CORE, QUIC])
def test_detect_recognises_ietf_minutes(name):
    assert ietf.detect(read((IETF / name).read_bytes(), name)) >= 0.5


def other_samples():
    return sorted(
        path
        for path in SAMPLES.rglob("*")
        if path.is_file() and path.name != "README.md" and path.parent != IETF
    )


@pytest.mark.parametrize("path", other_samples(), ids=lambda path: path.name)
def test_detect_leaves_other_bodies_minutes_alone(path):
    assert ietf.detect(read(path.read_bytes(), path.name)) < 0.5


def test_detect_recognises_the_variants():
    for text in (with_decisions(), sample(QUIC).replace("IETF-118 ", "")):
        assert ietf.detect(read_text_like(text.encode(), "minutes.md")) >= 0.5


# Fuzzing ---------------------------------------------------------------------------------------

FRAGMENTS = [
    "# ", "## ", "### ", "#### ", "####", "\n", "\n\n", "  \n", " ", "* ", "- ", "1. ", "> ",
    "HTTP Working Group Minutes - IETF 119", "IETF-118 QUIC WG meeting", "(CoRE) WG",
    "Tuesday, 19 March 2024", "Wednesday, November 8, 2023", "31 February 2024", "Tuesday",
    "<!-- START doctoc -->", "<!-- END doctoc -->", "Administrivia", "5 min total",
    "[Cache Groups](https://datatracker.ietf.org/doc/draft-ietf-httpbis-cache-groups/)",
    "draft-ietf-quic-multipath-06", "https://datatracker.ietf.org/doc/draft-ietf-core-href/",
    " - Mark Nottingham", " (Carsten Bormann) (10)", " / [slides](x.pdf)", "**LP**: ",
    "Martin Thomson: ", "BS (p3): ", "RESOLUTION: ", "resolved:", "Consensus: ",
    "Action item: ", "Action item (chairs): ", "Action items:", "Martin and Lucas to review",
    " will ", "2713: tcp_port", "#2715: ", "Issue 851", "Chairs:", "Chair: Lucas Pardue",
    "Date: 28th of March 2023", "*[MT]: Marco Tiloca", "```", "| a | b |\n|---|---|\n| c | d |",
    "25 min - [qlog](https://datatracker.ietf.org/doc/html/draft-ietf-quic-qlog-main-schema). ",
    "**Robin Marx**", "[", "]", "(", ")", "`", "*", "_",
]  # fmt: skip
minutes_like = st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=4), max_size=80).map("".join)


def parse_or_refuse(text, meeting=None):
    try:
        document = read_text_like(text.encode("utf-8", "surrogatepass"), "minutes.md")
        minutes = ietf.parse(document, meeting)
    except MinutesError as error:
        assert "\n" not in str(error) and str(error)
        return None
    except UnicodeEncodeError:
        return None
    json.dumps(minutes.to_dict())
    numbers = [each.number for each in minutes.sections]
    assert len(numbers) == len(set(numbers))
    assert all(len(number) <= 20 for number in numbers)
    lines = len(document.text.split("\n"))
    facts = [*minutes.sections, *minutes.resolutions, *minutes.actions, *minutes.warnings]
    assert all(1 <= fact.line <= lines for fact in facts)
    return minutes


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(minutes_like)
def test_minutes_like_text_gives_a_record_or_a_clear_error(text):
    parse_or_refuse(text)


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_text_with_a_meeting_named_gives_a_record_or_a_clear_error(text):
    parse_or_refuse(text, "httpbis@IETF119")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from([HTTPBIS, CORE, QUIC]),
    st.lists(
        st.tuples(st.floats(0, 1), st.integers(0, 400), st.sampled_from(FRAGMENTS)), max_size=8
    ),
)
def test_mutations_of_real_minutes_give_a_record_or_a_clear_error(name, cuts):
    text = sample(name)
    for where, length, fragment in cuts:
        start = int(where * len(text))
        text = text[:start] + fragment + text[start + length :]
    parse_or_refuse(text)
