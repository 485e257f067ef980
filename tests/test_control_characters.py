"""What a visitor or the secretariat types reaches the database only once it is valid text.

PostgreSQL refuses NUL in text, so these matter most there; CI runs them on both databases.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from meetings.models import Meeting, Upload
from tests.make import import_sample, make_meeting
from tests.meetings.minutes.helpers import SAMPLE

pytestmark = pytest.mark.django_db

LONG = "a" * 10_000


@pytest.fixture
def visitor():
    """An anonymous visitor whose server errors come back as pages, as they would in production."""
    return Client(raise_request_exception=False)


@pytest.mark.parametrize(
    "url",
    [
        "/search/?q=%00",
        "/meetings/?group=%00",
        "/contributions/?after=%00",
        "/contributions/?q=%00",
        "/actions/?q=%00",
        "/meetings/%00/12/",
        "/meetings/SEC/12%00/",
        "/meetings/SEC/%00/documents.csv",
        "/contributions/export.csv?meeting=SEC%2312%00",
        "/actions/export.csv?q=%00",
        "/contributions/SEC-2014-0363%00/",
        "/search/?q=%1B%5B31m",  # an escape sequence, for a terminal reading the logs
        "/search/?%00=x",  # in a name, not a value
    ],
)
def test_an_address_with_a_control_character_is_a_bad_request(visitor, url):
    import_sample()

    response = visitor.get(url)

    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain"
    assert "The address holds a control character" in response.text


@pytest.mark.parametrize(
    "url",
    [
        "/admin/meetings/meeting/?q=%00",
        "/admin/contributions/handling/?meeting__id__exact=%00",
        "/admin/contributions/contribution/?group__id__exact=1%00",
        "/admin/meetings/sourcefile/import/preview/?uploads=1%00",
        "/admin/autocomplete/?term=%00&app_label=meetings&model_name=meeting&field_name=chair",
    ],
)
def test_an_admin_filter_or_search_with_a_control_character_is_a_bad_request(secretary_client, url):
    import_sample()
    secretary_client.raise_request_exception = False

    response = secretary_client.get(url)

    assert response.status_code == 400
    assert "The address holds a control character" in response.text


def test_tabs_and_line_breaks_in_a_search_are_searched_for(visitor):
    import_sample()

    response = visitor.get("/search/", {"q": "security\tcontrol\r\naccess"})

    assert response.status_code == 200


def test_a_session_cookie_with_a_nul_asks_to_clear_cookies(visitor):
    # Written as Python's cookie quoting allows: no control character on the wire.
    response = visitor.get("/", HTTP_COOKIE='sessionid="\\000aaaaaaaaaaaaaaa"')

    assert response.status_code == 400
    assert "clear this site's cookies" in response.text


@pytest.mark.parametrize(
    "url",
    [
        f"/search/?q={LONG}",
        f"/meetings/?group={LONG}",
        f"/meetings/?year={LONG}",
        f"/contributions/?q={LONG}",
        f"/contributions/?after={LONG}",
        f"/contributions/?meeting={LONG}",
        f"/contributions/export.csv?section={LONG}",
        f"/actions/?q={LONG}&page={LONG}",
        f"/meetings/SEC/{LONG}/",
        f"/contributions/{LONG}/",
    ],
)
def test_an_overlong_value_in_the_address_gets_a_page_not_a_server_error(visitor, url):
    import_sample()

    response = visitor.get(url)

    assert response.status_code in (200, 302, 400, 404)


def test_an_overlong_admin_search_lists_nothing(secretary_client):
    import_sample()

    response = secretary_client.get("/admin/contributions/contribution/", {"q": LONG})

    assert response.status_code == 200
    assert "0 contributions" in response.text


def test_the_meeting_form_refuses_a_nul_in_what_the_secretary_typed(secretary_client):
    meeting = make_meeting(location="Sophia Antipolis")
    form = {
        "group": meeting.group_id,
        "number": "12",
        "kind": "in_person",
        "plenary": "TP12",
        "location": "Sophia\x00Antipolis",
        "sections-TOTAL_FORMS": 0,
        "sections-INITIAL_FORMS": 0,
        "resolutions-TOTAL_FORMS": 0,
        "resolutions-INITIAL_FORMS": 0,
    }

    response = secretary_client.post(f"/admin/meetings/meeting/{meeting.pk}/change/", form)

    assert response.status_code == 200
    assert "Null characters are not allowed." in response.text
    assert Meeting.objects.get().location == "Sophia Antipolis"


def test_the_import_form_refuses_a_nul_in_the_meeting_name(secretary_client, settings, tmp_path):
    settings.MINUTES_UPLOAD_DIR = tmp_path
    minutes = SimpleUploadedFile("sec12.txt", SAMPLE.read_bytes())

    response = secretary_client.post(
        "/admin/meetings/sourcefile/import/", {"files": [minutes], "meeting": "SEC#1\x002"}
    )

    assert response.status_code == 200
    assert "Null characters are not allowed." in response.text
    assert not Upload.objects.exists()
