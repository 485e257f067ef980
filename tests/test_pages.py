import pytest

from tests.make import make_action, make_contribution, make_meeting

pytestmark = pytest.mark.django_db


def test_the_home_page_counts_the_record(client):
    make_meeting()
    make_contribution("SEC-2014-0363", "Configuration of Protection Levels")
    make_action("A-WG4-TP12-009")

    response = client.get("/")

    assert response.status_code == 200
    assert "<dt>Meetings</dt><dd>1</dd>" in response.text
    assert "<dt>Open actions</dt><dd>1</dd>" in response.text


def test_the_home_page_says_when_nothing_is_imported(client):
    assert "No minutes have been imported yet." in client.get("/").text


def test_pages_carry_security_headers(client):
    response = client.get("/")

    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_the_health_check_reaches_the_database(client):
    response = client.get("/healthz")

    assert (response.status_code, response.text) == (200, "ok")
    assert client.post("/healthz").status_code == 405
