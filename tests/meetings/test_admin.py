import pytest

from meetings.models import Meeting, SourceFile
from tests.make import make_group

pytestmark = pytest.mark.django_db


def test_a_meeting_is_entered_with_its_agenda(secretary_client, secretary):
    sec = make_group("SEC")
    sections = [("1", "Opening of the meeting"), ("6.10", "New chapters"), ("6.9", "Annexes")]
    form = {
        "group": sec.pk,
        "number": "12",
        "kind": "in_person",
        "plenary": "TP12",
        "next_meeting": "TP 13, September 2014, Phoenix, AZ, USA",
        "sections-TOTAL_FORMS": len(sections),
        "sections-INITIAL_FORMS": 0,
        "resolutions-TOTAL_FORMS": 0,
        "resolutions-INITIAL_FORMS": 0,
    }
    for index, (number, title) in enumerate(sections):
        form |= {
            f"sections-{index}-number": number,
            f"sections-{index}-title": title,
            f"sections-{index}-position": index + 1,
        }

    response = secretary_client.post("/admin/meetings/meeting/add/", form)

    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert str(meeting) == "SEC#12" and meeting.updated_by == secretary
    assert [s.number for s in meeting.sections.all()] == ["1", "6.10", "6.9"]
    assert [s.number for s in meeting.sections.natural_order()] == ["1", "6.9", "6.10"]


def test_a_source_file_links_to_its_numbered_lines_and_its_text(secretary_client):
    source = SourceFile.objects.create(
        name="minutes.txt", sha256="2" * 64, format="text", size=9, text="6.2\nChapter 6"
    )

    response = secretary_client.get(f"/admin/meetings/sourcefile/{source.pk}/change/")

    assert response.status_code == 200
    assert f'<a href="/meetings/minutes/{source.pk}/">Read its 2 lines</a>' in response.text
    assert f'<a href="/meetings/minutes/{source.pk}/text/" download>' in response.text
    assert "Chapter 6" not in response.text  # a long file would make a page of megabytes
