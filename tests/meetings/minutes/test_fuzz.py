"""Whatever a file holds, the reader and parser give a result or their own one-line error."""

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from meetings.minutes.dialects.onem2m import parse
from meetings.minutes.readers import MinutesError, read_text

# Pieces of real minutes, so that generated text reaches deep into the parser.
FRAGMENTS = [
    "6.1", "6.10", "5.6", "1", "Chapter 6", "· ", "\t", "\n", "\n\n", " ", ", ",
    "SEC-2014-0363", "SEC-2014-0363R01", "R01", "RF01", "SEC-2014-", "SEC-2014-378",
    "TP-0459", "-0362", "0388R02", " was AGREED", " was NOTED", "was", " was discussed",
    " was integrated into -0362 and NOTED", "Presented by ", "Francois Ennesser",
    " on behalf of Giesecke & Devrient, Oberthur Technologies and Gemalto", "Wei Zhou, CATT",
    "Comments", "Comments and Issues", "Other Notes:", "ACTION ITEM: ", "It was AGREED to ",
    "this was AGREED.", "REFERENCE", "WHAT", "WHO", "STATUS", "OPEN", "CLOSED",
    "A-WG4-TP12-012", "A-WG4-TP10.7-001", "SEC_12_Agenda", "Next Face-to-Face: TP 13",
    "resulting in R03", "handled in ", "contribution ", "Participants discussed R02.",
]  # fmt: skip
minutes_like = st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=4), max_size=80).map("".join)


def parse_or_refuse(text, meeting=None):
    try:
        minutes = parse(read_text(text.encode("utf-8")), meeting)
    except MinutesError as error:
        assert "\n" not in str(error) and str(error)
        return None
    json.dumps(minutes.to_dict())  # the dry run's JSON can always be written
    return minutes


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(minutes_like)
def test_minutes_like_text_gives_a_record_or_a_clear_error(text):
    parse_or_refuse(text)
    minutes = parse_or_refuse(text.replace("\x00", "") + "\nSEC_12_Agenda\n")
    assert minutes is None or str(minutes.meeting.number) == "12"


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_text_with_a_meeting_named_gives_a_record_or_a_clear_error(text):
    parse_or_refuse(text, "SEC#12")


@settings(max_examples=200, deadline=None)
@given(st.binary())
def test_any_bytes_are_read_or_refused_in_one_line(raw):
    try:
        document = read_text(raw)
    except MinutesError as error:
        assert "\n" not in str(error)
    else:
        assert all(block.line >= 1 for block in document.blocks)
