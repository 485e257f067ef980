"""W3C Markdown minutes: scribejs's Jekyll output (JSON-LD WG, DID WG) and the TAG's
hand-written minutes, as filed, and written the other ways the format allows."""

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from meetings.minutes import dialects, read
from meetings.minutes.dialects import w3c_markdown
from meetings.minutes.readers import MinutesError

SAMPLES = Path(__file__).resolve().parents[4] / "samples"
JSONLD = "w3c/w3c-jsonldwg-2019-12-13-minutes.md"
DID = "w3c/w3c-didwg-2020-04-21-minutes.md"
TAG = "w3c/w3c-tag-2019-01-08-minutes.md"
OURS = [JSONLD, DID, TAG]


def document(text, name="minutes.md"):
    return read(text.encode("utf-8"), name)


def sample_text(name):
    return (SAMPLES / name).read_bytes().decode("utf-8-sig")


def parse_sample(name):
    return w3c_markdown.parse(read((SAMPLES / name).read_bytes(), Path(name).name))


def parse_text(text, name="minutes.md"):
    return w3c_markdown.parse(document(text, name))


def replaced(text, old, new):
    assert old in text, old
    return text.replace(old, new, 1)


def line_of(text, fragment):
    """The 1-based line of `text` holding `fragment`, counted here from the file."""
    lines = [number for number, line in enumerate(text.split("\n"), 1) if fragment in line]
    assert lines, fragment
    return lines[0]


def numbers(minutes):
    return [section.number for section in minutes.sections]


def warned(minutes, fragment):
    return [w for w in minutes.warnings if fragment in w.message]


# The corpus ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def jsonld():
    return parse_sample(JSONLD)


@pytest.fixture(scope="module")
def did():
    return parse_sample(DID)


@pytest.fixture(scope="module")
def tag():
    return parse_sample(TAG)


def test_jsonld_meeting_is_the_irc_channel_on_the_front_matter_date(jsonld):
    meeting = jsonld.meeting
    assert (meeting.group, meeting.number, meeting.date) == ("json-ld", None, "2019-12-13")
    assert meeting.dates == ["2019-12-13"]
    assert meeting.group_name == "JSON-LD Working Group"
    assert meeting.chair == "Rob Sanderson"
    assert meeting.line == 3  # "date: 2019-12-13" in the front matter


def test_jsonld_topics_and_subtopics_are_numbered_as_written(jsonld):
    assert numbers(jsonld) == [
        *("1", "2", "3", "4"),
        *("4.1", "4.2", "4.3", "4.4", "4.5", "4.6", "4.7"),
        *("5", "6"),
    ]  # "7. Resolutions" and "8. Action Items" repeat what is above
    by_number = {section.number: section for section in jsonld.sections}
    assert (by_number["4.4"].title, by_number["4.4"].line) == ("@graph, @set", 310)
    assert (by_number["4.4"].parent, by_number["4"].parent) == ("4", None)
    assert (by_number["1"].title, by_number["1"].line) == ("Scribe Selection", 101)
    assert by_number["5"].title == "Recursive contexts (hsolbrig)"
    assert not jsonld.contributions


def test_jsonld_resolutions_are_read_once_without_proposals(jsonld):
    text = sample_text(JSONLD)
    assert len(jsonld.resolutions) == 8
    second = jsonld.resolutions[1]
    assert second.text == (
        "We accept that syntax and api should also refer to XHTML where they refer to text/html"
    )
    assert (second.section, second.line) == ("4.1", 238)
    assert [r.section for r in jsonld.resolutions] == [
        *("2", "4.1", "4.2", "4.3", "4.4", "4.5", "4.6", "4.7")
    ]
    for resolution in jsonld.resolutions:  # each where it is written, not in the summary
        assert "***Resolution #" in text.split("\n")[resolution.line - 1]


def test_jsonld_action_has_its_owner_apart(jsonld):
    (action,) = jsonld.actions
    assert action.description == "make google doc to co-edit, to be posted next week"
    assert (action.owners, action.section, action.line) == ("Benjamin Young", "3", 167)
    assert (action.reference, action.status) == (None, "open")


def test_jsonld_notes_are_speaker_lines_with_continuations_named(jsonld):
    notes = {section.number: section.notes for section in jsonld.sections}
    lines = notes["3"].split("\n")
    assert lines[0] == "Rob Sanderson: CR was published!"
    assert "Gregg Kellogg: I would have expected TR/json-ld10/, but it does not work" in lines
    assert "Gregg Kellogg: +1" in notes["2"].split("\n")  # an IRC aside
    assert "{:" not in "".join(notes.values())  # kramdown's attribute lines are no content
    assert notes["1"] == ""
    assert "Resolution #" not in "".join(notes.values())


def test_did_meeting_and_its_six_resolutions_under_one_topic(did):
    meeting = did.meeting
    assert (meeting.group, meeting.date, meeting.chair) == ("did", "2020-04-21", "Brent Zundel")
    assert meeting.group_name == "DID Working Group"
    assert [(s.number, s.title, s.line) for s in did.sections] == [
        ("1", "Editorial trust", 181),
        ("2", "DID Resolution", 190),
        ("3", "Regarding issue #204", 669),
    ]
    assert [(r.section, r.line) for r in did.resolutions] == [
        ("2", 248),
        ("2", 377),
        ("2", 431),
        ("2", 505),
        ("2", 581),
        ("2", 619),
    ]
    assert did.resolutions[4].text == (
        "it is out of scope to define whether protocols are used for DID Method "
        "implementations or to define those protocols."
    )
    assert not did.actions


def test_did_failed_resolution_and_talk_before_the_first_topic_are_not_recorded(did):
    texts = [r.text for r in did.resolutions]
    assert not any("resource result" in text for text in texts)  # "FAILED RESOLUTION: …"
    assert did.sections[0].notes.startswith("Brent Zundel: There have been concerns")
    assert "Tim Cappalli: Introduced himself" not in "".join(s.notes for s in did.sections)


def test_tag_meeting_from_its_title_and_dated_heading(tag):
    meeting = tag.meeting
    assert (meeting.group, meeting.group_name, meeting.number) == ("TAG", "TAG", None)
    assert (meeting.date, meeting.line, meeting.chair) == ("2019-01-08", 2, None)


def test_tag_sections_are_its_headings_in_order(tag):
    assert numbers(tag) == ["1", "2", "3", "4", "5", "6", "7"]
    background = tag.sections[1]
    assert background.title == "Background fetch @slightlyoff @kenchris @travisleithead"
    assert (background.line, background.parent) == (44, None)
    assert tag.sections[0].notes == "bumped 1 week"
    assert background.notes.split("\n")[-1] == "Peter: closed."
    assert not tag.actions


def test_tag_resolved_lines_outside_any_topic(tag):
    assert [(r.line, r.section) for r in tag.resolutions] == [
        (28, None),
        (30, None),
        (36, None),
        (142, None),  # after the "---" that ends the last topic
    ]
    assert tag.resolutions[2].text == "we love Travis and Alex."


@pytest.mark.parametrize("name", OURS)
def test_a_sample_is_read_without_warnings(name):
    minutes = parse_sample(name)
    assert minutes.warnings == []
    json.dumps(minutes.to_dict())


@pytest.mark.parametrize("name", OURS)
def test_the_registry_chooses_this_dialect(name):
    minutes = dialects.read(read((SAMPLES / name).read_bytes(), Path(name).name))
    assert minutes.dialect == "w3c-markdown"


# detect -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", OURS)
def test_detect_is_sure_of_its_own_files(name):
    assert w3c_markdown.detect(read((SAMPLES / name).read_bytes(), name)) >= 0.5


OTHERS = sorted(
    name
    for name in (str(path.relative_to(SAMPLES)) for path in SAMPLES.rglob("*") if path.is_file())
    if name not in OURS and name != "README.md"
)


@pytest.mark.parametrize("name", OTHERS)
def test_detect_refuses_every_other_sample(name):
    try:
        doc = read((SAMPLES / name).read_bytes(), Path(name).name)
    except MinutesError:
        return  # a file Plenary cannot read at all is no one's
    assert w3c_markdown.detect(doc) < 0.5


def test_the_other_samples_are_there():
    assert {"ietf/ietf-quic-118-minutes.md", "oasis/oasis-csaf-2025-03-26-minutes.md"} <= set(
        OTHERS
    )
    assert "oneM2M-SEC12-minutes.txt" in OTHERS


# Variants -----------------------------------------------------------------------------


def test_front_matter_line_without_colon_is_a_warning_not_a_failure():
    text = replaced(
        sample_text(JSONLD),
        "title: JSON-LD Working Group Telco — 2019-12-13\n",
        "title: JSON-LD Working Group\nTelco — 2019-12-13\n",
    )
    minutes = parse_text(text)
    assert [w.line for w in warned(minutes, '"Telco — 2019-12-13"')] == [5]
    assert (minutes.meeting.date, minutes.meeting.group_name) == (
        "2019-12-13",
        "JSON-LD Working Group",
    )
    assert len(minutes.resolutions) == 8
    assert minutes.resolutions[1].line == 239  # one line further down


def test_front_matter_with_tabs_is_read_with_a_warning():
    text = replaced(
        sample_text(JSONLD), "date: 2019-12-13\n", "date:\t2019-12-13\n\tchair: Ivan Herman\n"
    )
    minutes = parse_text(text)
    assert minutes.meeting.date == "2019-12-13"
    assert minutes.meeting.chair == "Ivan Herman"  # the front matter's, over "**Chair:**"
    assert [w.line for w in warned(minutes, "tab")] == [4]


def test_unclosed_front_matter_ends_before_the_minutes():
    text = replaced(sample_text(JSONLD), "    }\n---\n", "    }\n")
    minutes = parse_text(text)
    assert [w.line for w in warned(minutes, "not closed")] == [1]
    assert minutes.meeting.date == "2019-12-13"
    assert len(minutes.sections) == 13 and len(minutes.resolutions) == 8
    assert minutes.sections[0].line == 100


def test_without_front_matter_the_date_line_tells_the_date():
    text = sample_text(JSONLD)
    text = text[text.index("# JSON-LD Working Group Telco") :]
    minutes = parse_text(text, "minutes.md")
    assert minutes.meeting.date == "2019-12-13"
    assert minutes.meeting.line == line_of(text, "**Date:** 2019-12-13")
    assert minutes.meeting.group_name == "JSON-LD Working Group"  # from the title heading
    assert minutes.meeting.group == "json-ld"


def test_scribejs_without_kramdown_reads_the_same():
    """scribejs writes plain CommonMark when Jekyll is not used: no front matter, no
    attribute lines, a linked table of contents under "## Content:"."""
    text = sample_text(JSONLD)
    text = text[text.index("# JSON-LD Working Group Telco") :]
    text = "\n".join(line for line in text.split("\n") if not line.startswith("{:"))
    text = replaced(
        text,
        "* TOC\n",
        "* [1. Scribe Selection](#1-scribe-selection)\n* [2. Approve minutes](#2-approve)\n",
    )
    doc = document(text)
    assert w3c_markdown.detect(doc) >= 0.5
    minutes = w3c_markdown.parse(doc)
    assert numbers(minutes) == numbers(parse_sample(JSONLD))  # not "## Attendees", "## Content:"
    assert len(minutes.resolutions) == 8 and len(minutes.actions) == 1


def test_dates_that_differ_are_warned_and_the_front_matter_wins():
    text = replaced(sample_text(JSONLD), "**Date:** 2019-12-13", "**Date:** 2019-12-12")
    minutes = parse_text(text)
    assert minutes.meeting.date == "2019-12-13"
    assert [w.line for w in warned(minutes, "differs")] == [77]


def test_a_date_that_is_not_one_is_warned():
    text = replaced(sample_text(JSONLD), "date: 2019-12-13\n", "date: 2019-13-45\n")
    minutes = parse_text(text)
    assert [w.line for w in warned(minutes, '"2019-13-45" is not a date')] == [3]
    assert minutes.meeting.date == "2019-12-13"  # from "**Date:**"


def test_resolved_line_in_scribejs_is_a_resolution():
    text = replaced(
        sample_text(JSONLD),
        "> ***Resolution #4: remove repeated text from expansion 13.4.4.4***\n",
        "RESOLVED: remove repeated text from expansion 13.4.4.4\n",
    )
    minutes = parse_text(text)
    fourth = minutes.resolutions[3]
    assert (fourth.text, fourth.section, fourth.line) == (
        "remove repeated text from expansion 13.4.4.4",
        "4.3",
        307,
    )
    assert len(minutes.resolutions) == 8


def test_action_with_two_owners():
    text = sample_text(JSONLD).replace("(Benjamin Young)***", "(Ivan Herman, Ralph Swick)***")
    text = text.replace("(Benjamin Young)\n", "(Ivan Herman, Ralph Swick)\n")
    (action,) = parse_text(text).actions
    assert action.owners == "Ivan Herman, Ralph Swick"
    assert action.description == "make google doc to co-edit, to be posted next week"


def test_action_without_owner_is_kept_with_a_warning():
    text = replaced(sample_text(JSONLD), " (Benjamin Young)***", "***")
    minutes = parse_text(text)
    (action,) = minutes.actions
    assert (action.owners, action.line) == ("", 167)
    assert [w.line for w in warned(minutes, "without an owner")] == [167]


def test_scribe_perl_action_names_its_owner_first():
    text = replaced(
        sample_text(JSONLD),
        "> ***Action #1: make google doc to co-edit, to be posted next week (Benjamin Young)***",
        "ACTION: bigbluehat to make google doc to co-edit",
    )
    (action,) = parse_text(text).actions
    assert (action.owners, action.description) == ("bigbluehat", "make google doc to co-edit")


def test_repeated_section_number_is_read_into_the_first():
    text = replaced(
        sample_text(JSONLD),
        "#### 4.2. JSON-LD featuring JSON featuring JSON-LD test",
        "#### 4.1. JSON-LD featuring JSON featuring JSON-LD test",
    )
    minutes = parse_text(text)
    assert numbers(minutes).count("4.1") == 1 and "4.2" not in numbers(minutes)
    assert [w.line for w in warned(minutes, 'Section "4.1" appears twice')] == [241]
    assert minutes.resolutions[2].section == "4.1"


def test_embedded_json_ld_script_is_not_content():
    text = replaced(
        sample_text(JSONLD),
        "# JSON-LD Working Group Telco — Minutes\n",
        '<script type="application/ld+json">\n{"name": "x",\n"about": "Resolved: nothing"}\n'
        "</script>\n\n# JSON-LD Working Group Telco — Minutes\n",
    )
    minutes = parse_text(text)
    assert len(minutes.resolutions) == 8
    assert minutes.meeting.group_name == "JSON-LD Working Group"


TAG_BY_HAND = """\
# TAG Teleconference
### 15 January 2019

Present: Dan, Kenneth, Peter, Travis, Yves, Hadley, Alex, Tess

Agenda:

1. [transferable streams](https://github.com/w3ctag/design-reviews/issues/332) @torgo
2. [Background fetch](https://github.com/w3ctag/design-reviews/issues/279) @slightlyoff

---

Resolved: next week we will hold the call at this same time (21:00 GMT) -
in order to facilitate Tess and Alice both joining hopefully.

## [transferable streams](https://github.com/w3ctag/design-reviews/issues/332) @torgo

bumped 1 week

## [Background fetch](https://github.com/w3ctag/design-reviews/issues/279) @slightlyoff

Travis: I read through the material and was ok with the responses on our open issues.
UAs should be careful about this...

Kenneth: I move to close it off. [consensus: close the background fetch review]

ACTION: Travis to open an issue on the security & privacy section
"""


def test_hand_written_minutes_without_numbers():
    doc = document(TAG_BY_HAND)
    assert w3c_markdown.detect(doc) >= 0.5
    minutes = w3c_markdown.parse(doc)
    assert [(s.number, s.title, s.line) for s in minutes.sections] == [
        ("1", "transferable streams @torgo", line_of(TAG_BY_HAND, "## [transferable")),
        ("2", "Background fetch @slightlyoff", line_of(TAG_BY_HAND, "## [Background")),
    ]  # the numbered agenda list is no section
    assert (minutes.meeting.group, minutes.meeting.date) == ("TAG", "2019-01-15")
    wrapped, consensus = minutes.resolutions
    assert wrapped.text == (
        "next week we will hold the call at this same time (21:00 GMT) - "
        "in order to facilitate Tess and Alice both joining hopefully."
    )
    assert (wrapped.line, wrapped.section) == (line_of(TAG_BY_HAND, "Resolved: next"), None)
    assert (consensus.text, consensus.section, consensus.line) == (
        "close the background fetch review",
        "2",
        line_of(TAG_BY_HAND, "[consensus:"),
    )
    (action,) = minutes.actions
    assert (action.owners, action.section, action.line) == (
        "Travis",
        "2",
        line_of(TAG_BY_HAND, "ACTION:"),
    )
    assert minutes.sections[1].notes.split("\n")[0] == (
        "Travis: I read through the material and was ok with the responses on our open issues. "
        "UAs should be careful about this..."
    )


def test_without_any_date_the_meeting_date_is_left_to_the_user():
    text = sample_text(TAG).replace("##### 08 January 2019\n", "")
    minutes = parse_text(text, "notes.md")
    assert (minutes.meeting.group, minutes.meeting.date) == ("TAG", None)
    assert len(minutes.sections) == 7


def test_jekyll_file_name_gives_the_date_when_nothing_else_does():
    text = sample_text(TAG).replace("##### 08 January 2019\n", "")
    assert parse_text(text, "2019-01-08-tag.md").meeting.date == "2019-01-08"


def test_a_meeting_named_by_the_user_is_no_failure():
    minutes = w3c_markdown.parse(document(sample_text(TAG)), "tag@2019-01-08")
    assert len(minutes.resolutions) == 4


def test_nothing_recognised_gives_empty_minutes():
    minutes = parse_text("---\nlayout: minutes\ndate: 2019-12-13\n---\n\nNothing was said.\n")
    assert minutes.is_empty()
    assert minutes.meeting.date == "2019-12-13"


# Fuzzing ------------------------------------------------------------------------------

FRAGMENTS = [
    "---\n", "layout: minutes\n", "date: 2019-12-13\n", "title: X Telco — 2019\n", "\t", "\n",
    "\n\n", " ", "  \n", "### 1. ", "#### 4.1. ", "## ", "# ", "{: #section1}\n", "{: .no_toc}\n",
    "> ***Resolution #2: ", "***", "> ***Action #1: ", "(Benjamin Young)", "Resolved: ",
    "[consensus: ", "]", "**Gregg Kellogg:** ", "… ", "> *Joe:* +1", "**Date:** ", "Chair: ",
    "1. ", "* ", "| a | b |\n|---|---|\n", "<script>", "</script>", "##### 08 January 2019\n",
    "### 7. Resolutions\n", "### 8. Action Items\n", "`@graph`", "[x](https://www.w3.org/2019/12/13-json-ld-irc.txt)",
]  # fmt: skip
markdown_like = st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=4), max_size=80).map("".join)


def parse_or_refuse(text):
    try:
        minutes = w3c_markdown.parse(document(text))
    except MinutesError as error:
        assert "\n" not in str(error) and str(error)
        return
    json.dumps(minutes.to_dict())
    lines = text.count("\n") + 1
    for fact in [*minutes.sections, *minutes.resolutions, *minutes.actions]:
        assert 1 <= fact.line <= lines


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(markdown_like)
def test_markdown_like_text_gives_minutes_or_a_clear_error(text):
    parse_or_refuse(text)


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_text_gives_minutes_or_a_clear_error(text):
    parse_or_refuse(text)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_mutated_samples_give_minutes_or_a_clear_error(data):
    lines = sample_text(data.draw(st.sampled_from(OURS))).split("\n")
    for _ in range(data.draw(st.integers(0, 8))):
        at = data.draw(st.integers(0, len(lines) - 1))
        change = data.draw(st.sampled_from(["drop", "double", "insert", "cut"]))
        if change == "drop":
            del lines[at]
        elif change == "double":
            lines.insert(at, lines[at])
        elif change == "insert":
            lines.insert(at, data.draw(st.sampled_from(FRAGMENTS)))
        else:
            lines[at] = lines[at][: data.draw(st.integers(0, len(lines[at])))]
    parse_or_refuse("\n".join(lines))
