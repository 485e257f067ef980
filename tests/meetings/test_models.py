import pytest
from django.db import IntegrityError
from hypothesis import given
from hypothesis import strategies as st

from meetings.models import (
    AgendaSection,
    Group,
    Lines,
    Meeting,
    Organisation,
    OrganisationAlias,
    SourceFile,
)
from meetings.naturalsort import natural_key
from tests.make import make_group, make_meeting, make_section

pytestmark = pytest.mark.django_db


def test_natural_key_puts_6_10_after_6_9():
    numbers = ["6.10", "6.9", "6", "6.11", "6.1", "10", "7.2", "6.12"]
    assert sorted(numbers, key=natural_key) == [
        "6", "6.1", "6.9", "6.10", "6.11", "6.12", "7.2", "10",
    ]  # fmt: skip


def test_sections_sort_naturally_in_the_database():
    meeting = make_meeting()
    for position, number in enumerate(["6.10", "6.2", "6.9", "6.11", "6.1"], start=1):
        make_section(meeting, number, position=position)

    numbers = [s.number for s in AgendaSection.objects.natural_order()]

    assert numbers == ["6.1", "6.2", "6.9", "6.10", "6.11"]


def test_a_numbering_slip_keeps_its_number_and_its_place_in_the_minutes():
    # SEC#12 prints "5.6" between 6.5 and 6.7 for what is really 6.6.
    meeting = make_meeting()
    for number in ["6.5", "5.6", "6.7"]:
        make_section(meeting, number)

    assert [s.number for s in meeting.sections.all()] == ["6.5", "5.6", "6.7"]


def test_a_section_number_is_unique_within_its_meeting():
    meeting = make_meeting()
    make_section(meeting, "6.2", "Chapter 6")
    make_section(make_meeting(number="13"), "6.2", "Another meeting's 6.2")

    with pytest.raises(IntegrityError):
        make_section(meeting, "6.2", "Chapter 6 again")


def test_group_and_number_identify_a_meeting():
    group = make_group("SEC")
    make_meeting(group, "12")

    with pytest.raises(IntegrityError):
        Meeting.objects.create(group=group, number="12")


def test_meetings_order_by_number_naturally_when_undated():
    group = make_group("SEC")
    for number in ["9", "12", "10.7"]:
        make_meeting(group, number)

    assert [m.number for m in Meeting.objects.all()] == ["12", "10.7", "9"]


def test_a_meeting_cannot_end_before_it_starts():
    with pytest.raises(IntegrityError):
        make_meeting(start_date="2014-07-28", end_date="2014-07-27")


def test_a_group_is_found_by_prefix_or_short_name():
    sec = make_group("SEC")

    assert Group.objects.resolve("WG4") == sec
    assert Group.objects.resolve("sec") == sec
    assert Group.objects.resolve("WG9") is None


def test_spellings_differing_in_punctuation_are_one_organisation():
    alcatel = Organisation.objects.create(name="Alcatel-Lucent")

    assert Organisation.objects.resolve("AlcatelLucent") == alcatel
    assert Organisation.objects.resolve("alcatel lucent") == alcatel
    with pytest.raises(IntegrityError):
        Organisation.objects.create(name="AlcatelLucent")


def test_an_alias_names_the_same_organisation():
    lge = Organisation.objects.create(name="LG Electronics")
    OrganisationAlias.objects.create(organisation=lge, name="LGE")

    assert Organisation.objects.resolve("LGE") == lge
    assert Organisation.objects.resolve("Qualcomm") is None


def test_a_row_shows_the_line_it_was_read_from():
    text = "6.2\nChapter 6 \n· SEC-2014-0363R01 was AGREED"
    source = SourceFile.objects.create(
        name="oneM2M-SEC12-minutes.txt", sha256="0" * 64, format="text", size=50, text=text
    )
    meeting = make_meeting(source=source, source_line=3)

    assert meeting.source_text() == "· SEC-2014-0363R01 was AGREED"
    assert source.line(0) == "" and source.line(4) == ""


def test_the_same_file_cannot_be_recorded_twice():
    fields = {"name": "a.txt", "sha256": "a" * 64, "format": "text", "size": 1, "text": "x"}
    SourceFile.objects.create(**fields)

    with pytest.raises(IntegrityError):
        SourceFile.objects.create(**{**fields, "name": "copy of a.txt"})


@given(
    text=st.text(alphabet="ab\n", max_size=60),
    first=st.integers(-3, 70),
    stop=st.one_of(st.none(), st.integers(-3, 70)),
)
def test_lines_are_sliced_as_splitting_the_whole_text_would(text, first, stop):
    lines = Lines(text)
    lines.BLOCK = 4  # counted in small blocks, so that slices start and end across them

    assert len(lines) == len(text.split("\n"))
    assert lines[first:stop] == text.split("\n")[first:stop]
