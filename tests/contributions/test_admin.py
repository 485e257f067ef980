import pytest

from contributions.models import Contribution, Decision, Relation
from meetings.models import SourceFile
from tests.make import (
    make_contribution,
    make_group,
    make_handling,
    make_meeting,
    make_revision,
    make_section,
)

pytestmark = pytest.mark.django_db


def relation_form(revision, target_number, kind="integrated_into"):
    return {"revision": revision.pk, "kind": kind, "target_number": target_number}


def test_a_relation_can_point_at_a_document_not_yet_in_the_record(secretary_client):
    revision = make_revision("SEC-2014-0346R04")

    response = secretary_client.post(
        "/admin/contributions/relation/add/", relation_form(revision, "sec-2014-0362")
    )

    assert response.status_code == 302
    relation = Relation.objects.get()
    assert (relation.target_number, relation.known_target()) == ("SEC-2014-0362", None)


def test_a_relation_target_must_be_a_document_number(secretary_client):
    revision = make_revision("SEC-2014-0346R04")

    response = secretary_client.post(
        "/admin/contributions/relation/add/", relation_form(revision, "-0362")
    )

    assert response.status_code == 200
    assert "is not a document number like SEC-2014-0364" in response.text
    assert not Relation.objects.exists()


def test_the_same_relation_is_refused_twice(secretary_client):
    revision = make_revision("SEC-2014-0346R04")
    url = "/admin/contributions/relation/add/"
    secretary_client.post(url, relation_form(revision, "SEC-2014-0362"))

    response = secretary_client.post(url, relation_form(revision, "SEC-2014-0362"))

    assert response.status_code == 200
    assert "This relation is already recorded." in response.text
    assert Relation.objects.count() == 1


def test_adding_a_contribution_derives_group_year_and_serial(secretary_client, secretary):
    make_group("SEC")

    response = secretary_client.post(
        "/admin/contributions/contribution/add/",
        {
            "number": "SEC-2014-0364",
            "title": "Security Considerations on AE",
            "kind": "discussion",
            "revisions-TOTAL_FORMS": 0,
            "revisions-INITIAL_FORMS": 0,
        },
    )

    assert response.status_code == 302
    contribution = Contribution.objects.get()
    assert (contribution.group.code, contribution.year, contribution.serial) == ("SEC", 2014, 364)
    assert contribution.updated_by == secretary


def test_a_contribution_of_an_unknown_group_is_refused(secretary_client):
    response = secretary_client.post(
        "/admin/contributions/contribution/add/",
        {"number": "ARC-2014-1500", "revisions-TOTAL_FORMS": 0, "revisions-INITIAL_FORMS": 0},
    )

    assert "No group has the document prefix ARC; add it first." in response.text
    assert not Contribution.objects.exists()


def test_the_contribution_page_shows_every_handling_of_the_family(secretary_client):
    meeting = make_meeting()
    section = make_section(meeting, "6.2", "Chapter 6")
    make_handling("SEC-2014-0363", meeting, section, Decision.NOTED)
    make_handling("SEC-2014-0363R01", meeting, section, Decision.AGREED)
    contribution = Contribution.objects.get()

    response = secretary_client.get(f"/admin/contributions/contribution/{contribution.pk}/change/")

    assert "SEC-2014-0363R01" in response.text
    assert "Agreed" in response.text and "Noted" in response.text
    assert "6.2 Chapter 6" in response.text


def test_an_imported_row_shows_its_line_of_the_minutes(secretary_client):
    source = SourceFile.objects.create(
        name="oneM2M-SEC12-minutes.txt",
        sha256="1" * 64,
        format="text",
        size=40,
        text="6.2\nChapter 6 \n· SEC-2014-0363R01 was AGREED",
    )
    handling = make_handling(
        "SEC-2014-0363R01", make_meeting(), decision=Decision.AGREED, source=source, source_line=3
    )

    response = secretary_client.get(f"/admin/contributions/handling/{handling.pk}/change/")

    assert "oneM2M-SEC12-minutes.txt, line 3" in response.text
    assert "<q>· SEC-2014-0363R01 was AGREED</q>" in response.text
    assert 'name="source"' not in response.text  # shown, not editable
    assert 'name="source_line"' not in response.text


def test_text_from_minutes_is_escaped_in_the_admin(secretary_client):
    contribution = make_contribution("SEC-2014-0999", "<script>alert('x')</script>")
    make_handling("SEC-2014-0999", make_meeting(), notes="<img src=x onerror=alert(1)>")

    listing = secretary_client.get("/admin/contributions/contribution/").text
    page = secretary_client.get(f"/admin/contributions/contribution/{contribution.pk}/change/").text

    assert "<script>alert" not in listing and "&lt;script&gt;" in listing
    assert "<script>alert" not in page
