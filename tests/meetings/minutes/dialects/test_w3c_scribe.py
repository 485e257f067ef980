"""The W3C scribe.perl dialect on real minutes (scribe2 v246 and the old 1.140 through Tidy),
and on variants built from their lines for what those files lack: actions, an old-style
resolution, a page without IRC link or date, and HTML that scribe.perl did not write."""

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from meetings.minutes.dialects import read as read_with_registry
from meetings.minutes.dialects import w3c_scribe
from meetings.minutes.readers import Document, MinutesError, read_text_like

SAMPLES = Path(__file__).resolve().parents[4] / "samples"
VCWG = SAMPLES / "w3c" / "w3c-vcwg-2025-10-08-minutes.html"
WOT = SAMPLES / "w3c" / "w3c-wot-td-2025-10-15-minutes.html"
TAG = SAMPLES / "w3c" / "w3c-tag-2015-01-29-minutes.html"
OWN = [VCWG, WOT, TAG]


def document(path, text=None):
    if text is None:
        return read_text_like(path.read_bytes(), path.name)
    return read_text_like(text.encode("utf-8"), path.name)


def read(path, text=None):
    return w3c_scribe.parse(document(path, text))


def edited(path, old, new):
    """The file's text with `old` (which must be there, once) replaced by `new`."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    return text.replace(old, new)


def line_of(text, fragment):
    return text[: text.index(fragment)].count("\n") + 1


def notes_of(minutes, number):
    return next(s for s in minutes.sections if s.number == number).notes.split("\n")


# The corpus ------------------------------------------------------------------------------


def test_vcwg_meeting_is_the_group_of_the_irc_channel_on_the_date_of_the_heading():
    meeting = read(VCWG).meeting
    assert meeting.group == "vcwg"
    assert meeting.group_name == "Verifiable Credentials Working Group"
    assert meeting.number is None
    assert (meeting.date, meeting.dates) == ("2025-10-08", ["2025-10-08"])
    assert meeting.chair == "brent"
    assert meeting.line == 19


def test_vcwg_topics_and_subtopics_are_numbered_in_document_order():
    sections = read(VCWG).sections
    assert [(s.number, s.title, s.line, s.parent) for s in sections] == [
        ("1", "Community Updates", 63, None),
        ("2", "render method and confidence method", 78, None),
        ("3", "VCDM Issues", 212, None),
        ("4", "CID Issues", 229, None),
        ("4.1", "w3c/cid#157", 232, "4"),
        ("4.2", "w3c/cid#161", 247, "4"),
        ("4.3", "w3c/cid#160", 253, "4"),
    ]


def test_vcwg_resolutions_are_read_once_and_proposals_not_at_all():
    minutes = read(VCWG)
    assert [(r.section, r.line) for r in minutes.resolutions] == [("2", 156), ("2", 173)]
    assert minutes.resolutions[0].text == (
        "We will publish a First Public Working Draft of Render Method, with a shortname of "
        "vc-render-method, with initial content from "
        "https://www.w3.org/community/reports/credentials/CG-FINAL-vc-render-method-20250831/"
    )
    assert minutes.resolutions[1].text.startswith(
        "We will publish a First Public Working Draft of Confidence Method,"
    )
    assert (minutes.actions, minutes.contributions, minutes.warnings) == ([], [], [])
    # The proposal stays in the discussion, where it was typed.
    proposals = [note for note in notes_of(minutes, "2") if "PROPOSED:" in note]
    assert [note.partition(", with a shortname")[0] for note in proposals] == [
        "brent: PROPOSED: We will publish a First Public Working Draft of Render Method",
        "brent: PROPOSED: We will publish a First Public Working Draft of Confidence Method",
    ]


def test_vcwg_speaker_lines_are_the_notes_of_their_topic():
    minutes = read(VCWG)
    community = notes_of(minutes, "1")
    assert len(community) == 11
    assert community[0].startswith("Phil: I'm formerly with W3C on the team for about 8 years")
    assert "JoeAndrieu: Is there a URL for the Mosip #s?" in community
    # 128 paragraphs under topic 2: two are resolutions and one is Zakim's queue.
    render = notes_of(minutes, "2")
    assert len(render) == 125
    assert not any(note.startswith("Zakim") for note in render)
    assert render[0] == (
        "brent: We've received word that the CCG has published these specs as final "
        "community group drafts."
    )
    assert notes_of(minutes, "4.3")[-1] == "dlongley: You're welcome!"


def test_wot_meeting_and_sections():
    minutes = read(WOT)
    meeting = minutes.meeting
    assert (meeting.group, meeting.group_name) == ("wot-td", "WoT Thing Description")
    assert (meeting.date, meeting.chair, meeting.number) == ("2025-10-15", "Ege_Korkan", None)
    assert [(s.number, s.title, s.line, s.parent) for s in minutes.sections] == [
        ("1", "Minutes", 58, None),
        ("2", "Quick Schedule", 64, None),
        ("2.1", "URI vs IRI", 65, "2"),
        ("3", "Common definitions", 144, None),
        ("4", "Bindings", 162, None),
    ]
    assert (minutes.resolutions, minutes.actions, minutes.warnings) == ([], [], [])


def test_wot_continuation_lines_join_their_utterance_without_wbr():
    minutes = read(WOT)
    schedule = notes_of(minutes, "2.1")
    assert len(schedule) == 33
    assert schedule[5] == (
        "EK: Correct … I think W3C review asked us to use IRI … but correct, there is a "
        "discrepancy … IRI parsing not common in code basis … I found "
        "https://www.w3.org/International/wiki/IRIStatus"
    )
    assert notes_of(minutes, "1") == [
        "https://www.w3.org/2025/10/08-wot-td-minutes.html",
        "EK: Minutes from Wednesday are approved",
    ]
    assert notes_of(minutes, "4")[-1] == "[adjourned]"
    assert notes_of(minutes, "2") == [""]  # the heading of a subtopic only


def test_wot_diagnostics_are_not_notes():
    everything = "\n".join(section.notes for section in read(WOT).sections)
    assert "Succeeded" not in everything
    assert "Maybe present" not in everything


def test_old_tag_meeting_reads_the_malformed_attendees_and_tidy_wrapped_title():
    meeting = read(TAG).meeting
    assert meeting.group == "tagmem"
    assert meeting.group_name == "Technical Architecture Group"
    assert (meeting.date, meeting.chair, meeting.number, meeting.line) == (
        "2015-01-29",
        "Dan",
        None,
        27,
    )


def test_old_tag_discussion_before_the_first_topic_is_an_opening_section():
    minutes = read(TAG)
    assert [(s.number, s.title, s.line) for s in minutes.sections] == [
        ("0", "Before the first topic", 83),
        ("1", "Spec Reviews & Future Calls", 241),
    ]
    opening = notes_of(minutes, "0")
    assert len(opening) == 33
    assert opening[0].startswith(
        "Yves: hasn’t been that much discussion on the webapps list - … we discuss the use "
        "case. … and if the use case is just performance or something else."
    )
    # A "…" line after an IRC aside continues the last speaker on the call.
    assert opening[16:18] == [
        "wycats____: sounds good :)",
        "Dan: Maybe alex can comment on the chrome side… Likewise Travis from a MS perspective.",
    ]
    assert (
        "Yves: Marcos is working on the manfiest file [and we want to avoid conflicts] … "
        "I can step in as editor [for now]"
    ) in opening
    assert not any("trackbot" in note for note in opening)
    assert len(notes_of(minutes, "1")) == 19
    assert (minutes.resolutions, minutes.actions, minutes.warnings) == ([], [], [])


# Variants --------------------------------------------------------------------------------

CURRENT_ACTIONS = """<p id=d884 class=irc><cite>&lt;TallTed&gt;</cite> +1</p>
<p id=a001 class=action><strong>ACTION:</strong> manu to work with ivan to move the repos
over to the WG</p>
<p id=a002 class=action><strong>ACTION:</strong> brent and phila to set up the calendar stuff<br>
<span id=a003>… in the W3C WG page</span></p>
<p id=a004 class=action><strong>ACTION:</strong> investigate a way to pause/restart recorder</p>
"""
CURRENT_SUMMARY = """<div id=ActionSummary>
<h2>Summary of action items</h2>
<ol>
<li><a href="#a001">manu to work with ivan to move the repos over to the WG</a></li>
<li><a href="#a002">brent and phila to set up the calendar stuff<br>
… in the W3C WG page</a></li>
<li><a href="#a004">investigate a way to pause/restart recorder</a></li>
</ol>
</div>

<div id=ResolutionSummary>"""


def test_current_action_paragraphs_have_owners_and_the_summary_is_not_read_again():
    text = edited(
        VCWG, "<p id=d884 class=irc><cite>&lt;TallTed&gt;</cite> +1</p>\n", CURRENT_ACTIONS
    )
    text = text.replace("<div id=ResolutionSummary>", CURRENT_SUMMARY, 1)
    minutes = read(VCWG, text)
    first = line_of(text, "<p id=a001")
    assert [(a.owners, a.description, a.section, a.line) for a in minutes.actions] == [
        ("manu", "work with ivan to move the repos over to the WG", "2", first),
        ("brent, phila", "set up the calendar stuff in the W3C WG page", "2", first + 2),
        ("", "investigate a way to pause/restart recorder", "2", first + 4),
    ]
    assert all((a.reference, a.status) == (None, "open") for a in minutes.actions)
    assert [w.line for w in minutes.warnings] == [first + 4]
    assert '"ACTION: investigate a way to pause/restart recorder"' in minutes.warnings[0].message
    assert not any("ACTION" in note for note in notes_of(minutes, "2"))
    assert len(minutes.resolutions) == 2


RECORDED = "http://www.w3.org/2015/01/29-tagmem-minutes.html#action01"
OLD_ACTION = f"""    <p class='phone'><cite>Dan:</cite> I can start the thing in a
    gist however it’s pronounced...</p>

    <p class='irc'>&lt;<cite>dka</cite>&gt; <strong>ACTION:</strong> Dan to start a
    gist on the packaging use cases [recorded in <a href=
    "{RECORDED}">{RECORDED}</a>]</p>

    <p class='irc'>&lt;<cite>trackbot</cite>&gt; Created ACTION-951 - Start a gist on
    the packaging use cases [on Daniel Appelquist - due 2015-02-05].</p>

    <p class='irc'>&lt;<cite>dka</cite>&gt; <strong>ACTION:</strong> Yves to reach
    back out to Anne <strong>[DONE]</strong></p>
"""
OLD_SUMMARY = f"""<!-- Action Items -->
  <strong>[NEW]</strong> <strong>ACTION:</strong> Dan to start a gist on the
  packaging use cases [recorded in <a href=
  "{RECORDED}">{RECORDED}</a>]<br />
  <br />
  [End of minutes]<br />"""


def test_old_action_lines_with_strong_markup_are_read_from_the_body_only():
    text = edited(
        TAG,
        """    <p class='phone'><cite>Dan:</cite> I can start the thing in a
    gist however it’s pronounced...</p>
""",
        OLD_ACTION,
    )
    text = text.replace("<!-- Action Items -->\n  [End of minutes]<br />", OLD_SUMMARY, 1)
    minutes = read(TAG, text)
    assert [(a.owners, a.description, a.status, a.section) for a in minutes.actions] == [
        ("Dan", "start a gist on the packaging use cases", "open", "1"),
        ("Yves", "reach back out to Anne", "closed", "1"),
    ]
    assert minutes.actions[0].line == line_of(text, "<p class='irc'>&lt;<cite>dka</cite>")
    assert not any("ACTION" in note for note in notes_of(minutes, "1"))
    assert minutes.warnings == []


def test_old_resolution_line_wrapped_by_tidy_is_one_resolution_and_its_proposal_is_not():
    resolution = """    <p class='irc'>&lt;<cite>plinss</cite>&gt; PROPOSED: we continue working on
    the packaging use cases on GitHub</p>

    <p class='irc'>&lt;<cite>wycats</cite>&gt; +1</p>

    <p class='irc'>&lt;<cite>plinss</cite>&gt; RESOLUTION: we continue working on
    the packaging use cases on GitHub</p>

    <p class='phone'>RESOLVED: Yves steps in as editor [for now]</p>

    <h3 id="item01">Spec Reviews &amp; Future Calls</h3>
"""
    text = edited(TAG, '    <h3 id="item01">Spec Reviews &amp; Future Calls</h3>\n', resolution)
    minutes = read(TAG, text)
    assert [(r.text, r.section, r.line) for r in minutes.resolutions] == [
        (
            "we continue working on the packaging use cases on GitHub",
            "0",
            line_of(text, "<p class='irc'>&lt;<cite>plinss</cite>&gt; RESOLUTION"),
        ),
        ("Yves steps in as editor [for now]", "0", line_of(text, "RESOLVED:")),
    ]
    assert "plinss: PROPOSED: we continue working on the packaging use cases on GitHub" in (
        notes_of(minutes, "0")
    )


def test_without_irc_log_link_the_group_is_the_initials_of_its_name():
    text = edited(
        TAG,
        """  <p>See also: <a href=
  "http://www.w3.org/2015/01/29-tagmem-irc">IRC log</a></p>
""",
        "",
    )
    minutes = read(TAG, text)
    assert minutes.meeting.group == "TAG"
    assert minutes.meeting.group_name == "Technical Architecture Group"
    assert [w.line for w in minutes.warnings] == [27]
    assert '"TAG"' in minutes.warnings[0].message


def test_without_a_date_the_meeting_has_none_and_the_user_is_told():
    text = edited(VCWG, "<h2>08 October 2025</h2>", "<h2></h2>")
    text = text.replace("Telco &ndash; 08 October 2025</title>", "Telco &ndash; </title>", 1)
    minutes = read(VCWG, text)
    assert (minutes.meeting.date, minutes.meeting.dates) == (None, [])
    assert minutes.meeting.group == "vcwg"
    assert len(minutes.sections) == 7
    assert [w.line for w in minutes.warnings] == [19]
    assert "--meeting" in minutes.warnings[0].message


def test_draft_minutes_keep_the_group_name_without_the_draft_mark():
    text = edited(
        WOT,
        "<h1>WoT Thing Description</h1>",
        "<h1>&ndash; DRAFT &ndash;<br>\nWoT Thing Description</h1>",
    )
    assert read(WOT, text).meeting.group_name == "WoT Thing Description"


def test_a_subtopic_before_any_topic_is_read_as_a_topic_with_a_warning():
    text = edited(WOT, "<section></section>", "<section>\n<h4 id=0001>Agenda</h4>\n</section>")
    minutes = read(WOT, text)
    assert [(s.number, s.title, s.parent) for s in minutes.sections[:2]] == [
        ("1", "Agenda", None),
        ("2", "Minutes", None),
    ]
    assert [w.line for w in minutes.warnings] == [line_of(text, "<h4 id=0001>")]


def test_the_registry_chooses_this_dialect_for_scribe_minutes():
    for path in OWN:
        assert read_with_registry(document(path)).dialect == "w3c-scribe"


# Detection -------------------------------------------------------------------------------


@pytest.mark.parametrize("path", OWN, ids=lambda path: path.name)
def test_detects_its_own_files(path):
    assert w3c_scribe.detect(document(path)) >= 0.5


def test_detects_scribe_minutes_without_their_footer():
    text = VCWG.read_text(encoding="utf-8")
    text = text[: text.index("<address>")] + "</body></html>"
    assert w3c_scribe.detect(document(VCWG, text)) >= 0.5


OTHERS = sorted(
    path for path in SAMPLES.rglob("*") if path.is_file() and path not in OWN and path.suffix
)


@pytest.mark.parametrize("path", OTHERS, ids=lambda path: path.name)
def test_does_not_detect_the_other_samples(path):
    assert w3c_scribe.detect(read_text_like(path.read_bytes(), path.name)) < 0.5


def test_does_not_detect_html_that_scribe_perl_did_not_write():
    page = (
        "<!DOCTYPE html><html><head><title>Team meeting – 08 October 2025</title></head>"
        "<body><h1>Team meeting</h1><h3>Budget</h3><p><cite>Ann:</cite> agreed.</p>"
        '<p><a href="https://example.org/2025/10/08-team-minutes">notes</a></p></body></html>'
    )
    assert w3c_scribe.detect(Document("html", page)) < 0.5


# Fuzzing ---------------------------------------------------------------------------------

FRAGMENTS = [
    "<h3>", "</h3>", "<h4>w3c/cid#157</h4>", "<h2>Summary of action items</h2>", "<p>", "</p>",
    "<p class=action><strong>ACTION:</strong> ", "<p class=resolution>", "RESOLUTION: ",
    "RESOLVED:", "PROPOSED: ", "ACTION: manu to ", "brent and ivan to ", " [recorded in ",
    "[DONE]", "]", "<p class='phone'>", "<p class=irc>", "<cite>", "</cite>", "&lt;", "&gt;",
    "brent:", "<br>", "<span>… ", "</span>", "…", "...", "<wbr>", "<main id=meeting>",
    "<div class='meeting'>", "</div>", "<section>", "</section>", "<dt>Chair</dt>", "<dd>",
    "<dl>", "<h1>", "</h1>", "<h2>", "08 October 2025", "<title>", "</title>",
    '<a href="https://www.w3.org/2025/10/08-vcwg-irc">IRC log</a>', "zakim, ", "<address>",
    "\n", " ",
]  # fmt: skip
html_like = st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=4), max_size=80).map("".join)
CORPUS_LINES = {path: path.read_text(encoding="utf-8").split("\n") for path in OWN}


def parse_or_refuse(text):
    try:
        minutes = w3c_scribe.parse(Document("html", text))
    except MinutesError as error:
        assert "\n" not in str(error) and str(error)
        return None
    json.dumps(minutes.to_dict())
    last = text.count("\n") + 1
    facts = [*minutes.sections, *minutes.resolutions, *minutes.actions, *minutes.warnings]
    assert all(1 <= fact.line <= last for fact in facts)
    return minutes


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(html_like)
def test_any_html_like_text_gives_a_record_or_a_clear_error(text):
    parse_or_refuse(text)
    w3c_scribe.detect(Document("html", text))


@settings(max_examples=100, deadline=None)
@given(st.text())
def test_any_text_gives_a_record_or_a_clear_error(text):
    parse_or_refuse(text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(OWN),
    st.sets(st.integers(0, 320), max_size=60),
    st.lists(st.tuples(st.integers(0, 320), st.sampled_from(FRAGMENTS)), max_size=12),
)
def test_mutations_of_real_minutes_give_a_record_or_a_clear_error(path, dropped, inserted):
    lines = [line for index, line in enumerate(CORPUS_LINES[path]) if index not in dropped]
    for position, fragment in inserted:
        lines.insert(min(position, len(lines)), fragment)
    parse_or_refuse("\n".join(lines))


def test_old_page_without_a_meeting_division_reads_from_the_rule_to_the_summary():
    text = edited(TAG, '  <div class="meeting">\n', "")
    text = text.replace("    </p>\n  </div>\n", "    </p>\n", 1)
    text = text.replace(
        "    <p class='irc'>&lt;<cite>wycats</cite>&gt; I have heard people\n",
        "    <p class='irc'>&lt;<cite>dka</cite>&gt; ACTION: Dan to start a gist</p>\n"
        "    <p class='irc'>&lt;<cite>wycats</cite>&gt; I have heard people\n",
        1,
    )
    text = text.replace(
        "<!-- Action Items -->\n",
        "<!-- Action Items -->\n  <p><strong>[NEW]</strong> <strong>ACTION:</strong> Dan to "
        "start a gist</p>\n",
        1,
    )
    minutes = read(TAG, text)
    assert 'class="meeting"' not in text
    assert [(s.number, s.line) for s in minutes.sections] == [("0", 82), ("1", 240)]
    assert not any("See also" in note for note in notes_of(minutes, "0"))
    assert [(a.owners, a.description, a.section) for a in minutes.actions] == [
        ("Dan", "start a gist", "1")
    ]
    assert minutes.warnings == []  # the summary's copy is not even seen as a duplicate
    assert notes_of(minutes, "1")[-1] == (
        'wycats: I have heard people pronounce github as "jit-hub"'
    )
