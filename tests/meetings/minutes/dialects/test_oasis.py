"""The OASIS dialect on the CSAF TC's real minutes (Markdown 2025, HTML 2017), and on
variants built from their lines for the cases those two files lack."""

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from meetings.minutes.dialects import common, oasis
from meetings.minutes.readers import Document, MinutesError, read_text, read_text_like

SAMPLES = Path(__file__).resolve().parents[4] / "samples"
MARKDOWN = SAMPLES / "oasis" / "oasis-csaf-2025-03-26-minutes.md"
HTML = SAMPLES / "oasis" / "oasis-csaf-2017-09-27-minutes.html"
OTHERS = sorted(
    path
    for path in SAMPLES.rglob("*")
    if path.is_file() and path.parent.name != "oasis" and path.suffix in (".md", ".html", ".txt")
)


def read(path):
    return read_text_like(path.read_bytes(), path.name)


def parse_text(text, name="minutes.md"):
    return oasis.parse(read_text_like(text.encode("utf-8"), name))


def section(minutes, number):
    return next(each for each in minutes.sections if each.number == number)


def source_line(path, number):
    return path.read_text(encoding="utf-8").split("\n")[number - 1]


def warnings_on(minutes, line):
    return [warning.message for warning in minutes.warnings if warning.line == line]


# The 2025 Markdown minutes ---------------------------------------------------------------


@pytest.fixture(scope="module")
def markdown():
    return oasis.parse(read(MARKDOWN))


def test_markdown_meeting_is_the_csaf_tc_on_its_meeting_date(markdown):
    meeting = markdown.meeting
    assert meeting.group == "csaf"
    assert meeting.group_name == "Common Security Advisory Framework (CSAF)"
    assert meeting.number is None  # a working meeting, not numbered
    assert meeting.date == "2025-03-26"
    assert meeting.dates == ["2025-03-26"]
    assert meeting.line == 3
    # No "Chair:" line: the participants table's Role column names the chair.
    assert meeting.chair == "Omar Santos"


def test_markdown_counts(markdown):
    assert len(markdown.sections) == 14
    assert [s.number for s in markdown.sections if s.parent is None] == list("1234567")
    assert len(markdown.resolutions) == 5
    assert len(markdown.actions) == 1
    assert markdown.contributions == []
    assert markdown.warnings == []


def test_markdown_sections_and_their_lines(markdown):
    assert (section(markdown, "4").title, section(markdown, "4").line) == ("Agenda", 41)
    quorum = section(markdown, "3.2")
    assert (quorum.title, quorum.line, quorum.parent) == ("Quorum", 37, "3")
    assert quorum.notes == "The meeting achieved quorum and was conducted as a formal session."


def test_markdown_github_items_are_subsections_titled_as_written(markdown):
    items = [(s.number, s.title, s.line) for s in markdown.sections if s.parent == "6"]
    assert items == [
        ("6.1", "PR #902", 74),
        ("6.2", "Issue #884", 80),
        ("6.3", "Issue #899", 100),
        ("6.4", "Issue #882", 105),
        ("6.5", "Issue #883", 126),
    ]
    assert source_line(MARKDOWN, 74).startswith("- PR [#902](")


def test_markdown_item_notes_are_its_sub_bullets(markdown):
    assert section(markdown, "6.3").notes.split("\n") == [
        "Thomas states that in addition to spell checking, a grammar check could be useful "
        "as an informative test.",
        "Christian asks if there is a suitable open source tool in mind to validate?",
        "Thomas suggests postponing the decision while investigating whether there are any "
        "available open source tools.",
        "Christian takes the action item to research tools.",
    ]
    # Code spans read as their text, as the HTML rendering shows them.
    assert "include a license field" in section(markdown, "6.2").notes


def test_markdown_a_bullet_naming_no_issue_is_discussion_of_the_section(markdown):
    notes = section(markdown, "6").notes.split("\n")
    assert notes[0] == 'Open Question to the TC ("optional tests")'
    assert len(notes) == 9  # lines 117-125
    assert "Open Question" not in section(markdown, "6.4").notes


def test_markdown_participants_table_adds_no_notes(markdown):
    assert section(markdown, "3").notes == ""
    assert not any("Fraunhofer" in s.notes for s in markdown.sections)


def test_markdown_resolutions_join_the_motion_and_its_outcome(markdown):
    first = markdown.resolutions[0]
    assert first.text == (
        "Omar sets the motion to accept this new framework to develop and maintain the "
        "website. Website will be transitioned to https://csaf.io/ Christian and Denny "
        "seconded. No discussion, no objections, motion passed."
    )
    assert (first.section, first.line) == ("5", 60)
    assert [(r.section, r.line) for r in markdown.resolutions] == [
        ("5", 60),
        ("5", 69),
        ("6.1", 78),
        ("6.2", 98),
        ("6.4", 111),
    ]


def test_markdown_an_amended_motion_is_the_one_resolved(markdown):
    amended = markdown.resolutions[3]
    assert amended.text == (
        'Thomas agrees and moves to add a license identifier under "Distribution" for CSAF '
        "v2.1 as an optional field. Omar seconded. No discussion, no objections, motion passed."
    )


def test_markdown_discussion_between_motion_and_outcome_is_left_out(markdown):
    # Lines 111-116: the motion, its seconding, three comments, then the outcome.
    assert markdown.resolutions[4].text == (
        "Thomas moves to accept the Issue #882. Stefan seconded. "
        "No objections. No further discussion. Motion passed."
    )


def test_markdown_action_owner_and_task(markdown):
    action = markdown.actions[0]
    assert (action.owners, action.description) == ("Christian", "research tools")
    assert (action.section, action.line, action.status, action.reference) == (
        "6.3",
        104,
        "open",
        None,
    )


def test_markdown_proposals_are_not_resolutions(markdown):
    lines = {r.line for r in markdown.resolutions}
    assert 103 not in lines  # "Thomas suggests postponing the decision"
    assert 125 not in lines  # "we table the discussion"


# The 2017 HTML minutes -------------------------------------------------------------------


@pytest.fixture(scope="module")
def html():
    return oasis.parse(read(HTML))


def test_html_meeting_is_numbered_and_dated_despite_the_titles_typo(html):
    meeting = html.meeting
    assert (meeting.group, meeting.number) == ("csaf", "10")
    assert meeting.group_name == "Common Security Advisory Framework (CSAF)"
    assert meeting.chair == "Omar"
    assert meeting.line == 33
    # The title's "Semptember 27, 2017" is no date; the chat transcript's start is.
    assert meeting.date == "2017-09-27"
    (message,) = warnings_on(html, 33)
    assert '"Semptember 27, 2017"' in message and "chat transcript" in message


def test_html_date_is_not_taken_from_previous_or_next_meetings():
    text = HTML.read_text(encoding="utf-8")
    start = text.index("<pre>Chat transcript")
    without_chat = text[:start] + text[text.index("</pre>", start) + len("</pre>") :]
    minutes = parse_text(without_chat, "minutes.html")
    assert minutes.meeting.date is None  # not 2017-08-30 (section 4) nor 2017-10-25 (10.1)
    assert "no other date was found" in warnings_on(minutes, 33)[0]


def test_html_counts(html):
    assert len(html.sections) == 21
    assert len(html.resolutions) == 3
    assert html.actions == []
    assert html.contributions == []
    assert len(html.warnings) == 3


def test_html_sections_numbered_as_written(html):
    approval = section(html, "4")
    assert approval.title == "Approval of Minutes from Previous Meeting #9 (2017-08-30)"
    assert approval.line == 93
    assert (section(html, "2.1.1").title, section(html, "2.1.1").parent) == (
        "Voting Members Present",
        "2.1",
    )
    assert (section(html, "12").title, section(html, "12").line) == ("Adjourn", 147)


def test_html_unnumbered_next_steps_takes_the_next_free_number(html):
    next_steps = section(html, "9")
    assert (next_steps.title, next_steps.line) == ("Next Steps", 118)
    assert next_steps.notes.startswith("Omar: Several of the JIRA issues")


def test_html_repeated_section_title_is_kept_and_warned(html):
    assert section(html, "6").title == section(html, "7").title == "Current Open JIRA Issues"
    (message,) = warnings_on(html, 107)
    assert '"Current Open JIRA Issues"' in message and "section 6" in message


def test_html_participant_lists_and_chat_transcript_add_no_notes(html):
    notes = "\n".join(s.notes for s in html.sections)
    assert "Bruce Rich" not in notes
    assert "Chat transcript" not in notes
    assert section(html, "2.1.1").notes == ""
    assert section(html, "2").notes.startswith("All participants recorded their attendance")


def test_html_resolution_is_mover_and_outcome_joined(html):
    agenda = html.resolutions[0]
    assert agenda.text == (
        "Troy moves to approve the agenda, Jared seconds. Omar: Unanimous consent, the motion "
        "carries, agenda approved unchanged as published."
    )
    assert (agenda.section, agenda.line) == ("3", 90)
    # An unclosed <p> (line 95) still ends where the next paragraph starts.
    assert html.resolutions[1].text.startswith("Troy moves to approve unchanged as published.")
    assert [(r.section, r.line) for r in html.resolutions] == [("3", 90), ("4", 95), ("8", 115)]


def test_html_motion_without_outcome_is_warned_not_resolved(html):
    assert not [r for r in html.resolutions if r.section == "12"]
    (message,) = warnings_on(html, 148)
    assert '"Troy moves to adjourn. Jamison seconds."' in message


# Variants ---------------------------------------------------------------------------------

HEADER = """# Common Security Advisory Framework (CSAF) Technical Committee Working Meeting

- Meeting Date: March 26, 2025

"""


def test_item_outcomes_closed_and_deferred_are_resolutions():
    minutes = parse_text(
        HEADER
        + """## GitHub Issues & Pull Requests

- PR [#902](https://github.com/oasis-tcs/csaf/pull/902)
  - Thomas discusses the conversion rule for CVSS v4.0 from CSAF v2.0 to CSAF v2.1.
  - No objections. Closed in favour of #905.
- Issue [#899](https://github.com/oasis-tcs/csaf/issues/899)
  - Thomas suggests postponing the decision while investigating open source tools.
  - Should it be deferred?
  - Deferred to the next meeting.
- Issue [#884](https://github.com/oasis-tcs/csaf/issues/884)
  - Omar agreed to facilitate an introduction.
  - It was agreed to merge the proposal.
"""
    )
    assert [(r.text, r.section, r.line) for r in minutes.resolutions] == [
        ("No objections. Closed in favour of #905.", "1.1", 9),
        ("Deferred to the next meeting.", "1.2", 13),
        ("It was agreed to merge the proposal.", "1.3", 16),
    ]


def test_item_words_outside_an_item_are_not_resolutions():
    minutes = parse_text(
        HEADER
        + """## Next Steps

- Omar: Several of the JIRA issues that were pending have been closed as a result of work.
- Omar, Troy, and Harold agreed to help in the creation of those user stories.
"""
    )
    assert minutes.resolutions == []
    assert len(section(minutes, "1").notes.split("\n")) == 2


def test_failed_motion_is_a_resolution_that_says_so():
    minutes = parse_text(
        HEADER
        + """## Adjourn

- Troy moves to adjourn. Jamison seconds.
- Objections from two voting members, the motion fails.
- Thomas moves to add a `license` identifier under "Distribution" for CSAF v2.1.
- Omar seconded. Objections were raised.
"""
    )
    (failed,) = minutes.resolutions
    assert failed.text == (
        "Troy moves to adjourn. Jamison seconds. "
        "Objections from two voting members, the motion fails."
    )
    assert failed.line == 7
    # Objections alone settle nothing: the second motion is warned about, not resolved.
    assert "has no outcome written" in warnings_on(minutes, 9)[0]


def test_wrapped_outcome_is_one_resolution_on_its_first_line():
    minutes = parse_text(
        HEADER
        + """## Meeting Notes

- Omar sets a motion to accept the contribution of the quorom tool
  to use for calculating quorum and voting rights.
- Justin and Denny seconded. No discussion,
  no objections, motion passed.
"""
    )
    (resolution,) = minutes.resolutions
    assert resolution.line == 7
    assert resolution.text.endswith("voting rights. Justin and Denny seconded. "
                                    "No discussion, no objections, motion passed.")  # fmt: skip


def test_html_without_meeting_date_takes_the_title_date():
    text = HTML.read_text(encoding="utf-8").replace("Semptember", "September")
    minutes = parse_text(text, "minutes.html")
    assert minutes.meeting.date == "2017-09-27"
    assert not [w for w in minutes.warnings if "date" in w.message]


def test_meeting_date_line_and_title_that_disagree_warn():
    minutes = parse_text(HEADER.replace("Working Meeting", "Meeting March 27, 2025") + "## A\n")
    assert minutes.meeting.date == "2025-03-26"
    assert "2025-03-27" in warnings_on(minutes, 1)[0]


def test_no_date_anywhere_leaves_it_to_the_user():
    minutes = parse_text("# CSAF TC Working Meeting\n\n## Agenda\n\n- Roll Call\n")
    assert minutes.meeting.date is None
    assert minutes.meeting.dates == []


def test_file_name_gives_the_date_last_with_a_warning():
    minutes = parse_text("# CSAF TC Working Meeting\n\n## Agenda\n\n- Roll Call\n", "2025-03-26.md")
    assert minutes.meeting.date == "2025-03-26"
    assert "file's name" in warnings_on(minutes, 1)[0]


def test_minutes_without_github_items_have_no_subsections():
    text = MARKDOWN.read_text(encoding="utf-8")
    text = text[: text.index("## GitHub Issues")] + text[text.index("## Adjourn") :]
    minutes = parse_text(text)
    assert [s.number for s in minutes.sections if s.parent] == ["3.1", "3.2"]
    assert len(minutes.resolutions) == 2
    assert minutes.actions == []


def test_duplicated_item_reads_into_the_first():
    minutes = parse_text(
        HEADER
        + """## GitHub Issues & Pull Requests

- PR [#902](https://github.com/oasis-tcs/csaf/pull/902)
  - Thomas discusses the conversion rule for CVSS v4.0.
- Issue [#884](https://github.com/oasis-tcs/csaf/issues/884)
  - Sonny asks if the declaration of the license would be mandatory.
- PR #902
  - Omar agrees to facilitate an introduction.
"""
    )
    assert [s.title for s in minutes.sections if s.parent] == ["PR #902", "Issue #884"]
    assert section(minutes, "1.1").notes.endswith("Omar agrees to facilitate an introduction.")
    assert "already an item of section 1" in warnings_on(minutes, 11)[0]


def test_a_meeting_number_is_not_a_github_item():
    minutes = parse_text(
        HEADER
        + """## Approval of Minutes

- Approval of Minutes from Previous Meeting #9 (2017-08-30)
  - Troy moves to approve unchanged as published. Jared seconds.
- #905 Align the schema with CVSS v4.0
  - Merged.
"""
    )
    assert [(s.number, s.title) for s in minutes.sections if s.parent] == [
        ("1.1", "#905 Align the schema with CVSS v4.0")
    ]
    assert "Approval of Minutes from Previous Meeting #9" in section(minutes, "1").notes
    assert [r.text for r in minutes.resolutions] == ["Merged."]


def test_duplicated_section_number_reads_into_the_first():
    text = HTML.read_text(encoding="utf-8").replace(
        '<h2 id="7">7. Current Open', '<h2 id="6">6. Current Open'
    )
    minutes = parse_text(text, "minutes.html")
    assert len(minutes.sections) == 20
    assert "7" not in {s.number for s in minutes.sections}
    assert section(minutes, "6").notes.count("Gently reminds everyone") == 2
    assert "repeats section number 6" in warnings_on(minutes, 107)[0]


def test_action_lines_name_their_owners():
    minutes = parse_text(
        HEADER
        + """## Meeting Notes

- Action: Omar to check with OASIS Staff to update the OASIS CSAF landing page.
- AI: Thomas and Stefan - think more about the wording of "recommended tests"
- Action: research open source grammar tools.
- Action items:
"""
    )
    assert [(a.owners, a.description, a.line) for a in minutes.actions] == [
        ("Omar", "check with OASIS Staff to update the OASIS CSAF landing page", 7),
        ("Thomas and Stefan", 'think more about the wording of "recommended tests"', 8),
        ("", "research open source grammar tools", 9),
    ]
    assert "names no owner" in warnings_on(minutes, 9)[0]


def test_title_without_acronym_gives_initials_and_the_chair_line():
    minutes = parse_text(
        "# OASIS Open Document Format for Office Applications TC Meeting #12\n\n"
        "Chair: Patrick Durusau\n\nMeeting Date: 2024-05-06\n\n## Roll call\n\nQuorum.\n"
    )
    meeting = minutes.meeting
    assert meeting.group_name == "Open Document Format for Office Applications"
    assert meeting.group == common.initials(meeting.group_name).lower() == "odfoa"
    assert (meeting.number, meeting.date, meeting.chair) == ("12", "2024-05-06", "Patrick Durusau")


def test_text_format_reads_as_markdown(markdown):
    minutes = oasis.parse(read_text(MARKDOWN.read_bytes(), "minutes.txt"))
    assert minutes.sections == markdown.sections
    assert minutes.resolutions == markdown.resolutions
    assert minutes.actions == markdown.actions


def _same_reading(first, second):
    """Sections, resolutions and actions, without the lines that differ between formats."""
    for minutes_ in (first, second):
        yield (
            [(s.number, s.title, s.parent, s.notes) for s in minutes_.sections],
            [(r.text, r.section) for r in minutes_.resolutions],
            [(a.owners, a.description, a.section) for a in minutes_.actions],
        )


def test_markdown_and_its_html_rendering_read_alike(markdown):
    body = MarkdownIt("commonmark").enable("table").render(MARKDOWN.read_text(encoding="utf-8"))
    rendered = parse_text(f"<!DOCTYPE html>\n<html><body>\n{body}</body></html>\n", "m.html")
    as_markdown, as_html = _same_reading(markdown, rendered)
    assert as_markdown == as_html
    assert rendered.meeting.date == markdown.meeting.date
    assert rendered.meeting.chair == markdown.meeting.chair


def test_html_and_the_same_minutes_in_markdown_read_alike():
    lines = HTML.read_text(encoding="utf-8").split("\n")
    # Sections 1 to 2.1.1 and 3 as written (lines 1-67, 88-91), the title's typo mended.
    html_part = "\n".join([*lines[:67], *lines[87:91], "</div></body></html>"])
    markdown_text = """# OASIS Common Security Advisory Framework (CSAF) TC Meeting #10 September 27, 2017

Acting chair: Omar

## 1. Call to Order and Welcome

Omar: Called the meeting to order @ 1:04 EDT (17:04 UTC).

## 2. Roll call

All participants recorded their attendance on the OASIS meeting calendar - **quorum** was reached.

> All participants were kindly encouraged to registrate themselves to optimize the use of the shared time during the meeting in one of two ways:
> Either click the link with the text "Register my attendance" on the top of the event page or directly visit the per event direct "record my attendace link":
> <https://www.oasis-open.org/apps/org/workgroup/csaf/record_my_attendance.php?event_id=45776&confirmed=1>, Thanks

Details cf. [normative attendance sheet for this meeting (event_id=45776)](https://www.oasis-open.org/apps/org/workgroup/csaf/event.php?event_id=45776).

### 2.1 Participants

#### 2.1.1 Voting Members Present

```
Bruce Rich (Cryptsoft Pty Ltd.)
```

## 3. The meeting agenda was reviewed

**Troy** moves to approve the agenda, **Jared** seconds.

Omar: Unanimous consent, the motion carries, agenda approved unchanged as published.
"""  # noqa: E501
    from_html = parse_text(html_part.replace("Semptember", "September"), "m.html")
    from_markdown = parse_text(markdown_text)
    first, second = _same_reading(from_html, from_markdown)
    assert first == second
    assert len(first[0]) == 5 and len(first[1]) == 1
    assert from_html.meeting == from_markdown.meeting.__class__(
        **{**from_markdown.meeting.__dict__, "line": from_html.meeting.line}
    )


# detect -----------------------------------------------------------------------------------


@pytest.mark.parametrize("path", [MARKDOWN, HTML], ids=lambda p: p.name)
def test_detect_is_sure_of_oasis_minutes(path):
    assert oasis.detect(read(path)) >= 0.5


@pytest.mark.parametrize("path", OTHERS, ids=lambda p: p.name)
def test_detect_is_unsure_of_every_other_sample(path):
    assert oasis.detect(read(path)) < 0.5


def test_the_other_bodies_samples_are_all_checked():
    assert {path.parent.name for path in OTHERS} == {"w3c", "ietf", "samples"}
    assert any(path.name.startswith("oneM2M") for path in OTHERS)


def test_detect_is_nothing_without_a_sign_of_the_body():
    text = "# Working Group Meeting\n\n## Call to Order\n\n- Troy moves to adjourn.\n"
    text += "- Unanimous consent, the motion carries.\n"
    assert oasis.detect(read_text_like(text.encode(), "m.md")) == 0
    assert len(parse_text(text).resolutions) == 1  # yet it reads, when asked by name


def test_detect_is_sure_of_the_variants():
    assert oasis.detect(read_text_like((HEADER + "## Call to Order\n").encode(), "m.md")) >= 0.5


# Fuzzing ----------------------------------------------------------------------------------

FRAGMENTS = [
    "\n", "\n\n", "  ", "- ", "  - ", "    - ", "1. ", "# ", "## ", "### ", "<h2>", "</h2>",
    "<p>", "</p>", "<ul>", "<li>", "</li>", "</ul>", "<b>", "</b>", "<pre>", "</pre>",
    "<table><tr><th>Given Name</th><th>Role</th></tr><tr><td>Omar</td><td>Chair</td></tr>",
    "| Given Name | Role |\n|---|---|\n| Omar | Chair |\n", "Meeting Date: ", "March 26, 2025",
    "Semptember 27, 2017", "Acting chair: Omar", "Chat transcript from room: csaf\n",
    "From 2017-09-27 17:04 UTC", "(CSAF) Technical Committee", "TC Meeting #10",
    "PR [#902](https://github.com/oasis-tcs/csaf/pull/902)", "Issue #884", "#9",
    "Troy moves to approve the agenda, ", "Jared seconds.", "motion passed.",
    "the motion fails.", "Unanimous consent", "Merged.", "Closed.", "Deferred",
    "It was agreed", "Christian takes the action item to research tools.", "Action: ",
    "AI: Omar to ", "6. ", "2.1 ", "Next Steps", "?",
]  # fmt: skip
minutes_like = st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=4), max_size=80).map("".join)


def parse_or_refuse(document):
    try:
        minutes = oasis.parse(document)
    except MinutesError as error:
        assert "\n" not in str(error) and str(error)
        return None
    json.dumps(minutes.to_dict())
    assert 0 <= oasis.detect(document) <= 1
    numbers = [s.number for s in minutes.sections]
    assert len(numbers) == len(set(numbers))
    assert all(len(number) <= 20 for number in numbers)
    group = minutes.meeting.group
    assert group is None or (len(group) <= 20 and group[0].isalpha())
    return minutes


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(minutes_like, st.sampled_from(["markdown", "html", "text"]))
def test_minutes_like_text_gives_a_record_or_a_clear_error(text, format):
    parse_or_refuse(Document(format, text))


@settings(max_examples=200, deadline=None)
@given(st.text(), st.sampled_from(["markdown", "html", "text"]))
def test_any_text_gives_a_record_or_a_clear_error(text, format):
    parse_or_refuse(Document(format, text))


@st.composite
def mutated(draw, path):
    text = path.read_text(encoding="utf-8")
    for _ in range(draw(st.integers(1, 6))):
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, min(len(text), start + 300)))
        text = text[:start] + draw(st.sampled_from(FRAGMENTS) | st.text(max_size=6)) + text[end:]
    return text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated(MARKDOWN) | mutated(HTML))
def test_mutated_minutes_give_a_record_or_a_clear_error(text):
    try:
        document = read_text_like(text.encode("utf-8"), "minutes")
    except MinutesError:
        return
    parse_or_refuse(document)
