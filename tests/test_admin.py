"""The admin is the secretariat's workbench: open to it, closed to delegates, fast at volume."""

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.make import make_record

pytestmark = pytest.mark.django_db

RECORD_APPS = {"meetings", "contributions", "actions"}
RECORD_MODELS = [model for model in admin.site._registry if model._meta.app_label in RECORD_APPS]


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def test_every_record_model_is_in_the_admin():
    names = {model.__name__ for model in RECORD_MODELS}

    assert names >= {
        "Group", "Meeting", "AgendaSection", "Organisation", "Person", "Resolution",
        "SourceFile", "Contribution", "Revision", "Handling", "Relation",
        "ActionItem", "StatusUpdate",
    }  # fmt: skip


def test_anonymous_visitors_are_sent_to_the_login(client):
    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"] == "/admin/login/?next=/admin/"


@pytest.mark.parametrize("model", RECORD_MODELS, ids=lambda model: model.__name__)
def test_a_delegate_has_no_admin_access(client, delegate, model):
    client.force_login(delegate)

    response = client.get(admin_url(model, "changelist"))

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


@pytest.mark.parametrize("model", RECORD_MODELS, ids=lambda model: model.__name__)
def test_the_secretariat_can_list_every_record_model(secretary_client, model):
    make_record(3)

    response = secretary_client.get(admin_url(model, "changelist"))

    assert response.status_code == 200


@pytest.mark.parametrize(
    "model",
    [model for model in RECORD_MODELS if model.__name__ not in ("SourceFile", "ImportWarning")],
    ids=lambda model: model.__name__,
)
def test_the_secretariat_can_add_to_every_record_model(secretary_client, model):
    assert secretary_client.get(admin_url(model, "add")).status_code == 200


def test_imported_files_and_their_warnings_cannot_be_added_by_hand(secretary_client):
    from meetings.models import ImportWarning, SourceFile

    assert secretary_client.get(admin_url(SourceFile, "add")).status_code == 403
    assert secretary_client.get(admin_url(ImportWarning, "add")).status_code == 403


def test_the_secretariat_does_not_manage_user_accounts(secretary_client):
    assert secretary_client.get("/admin/auth/user/").status_code == 403


def test_the_admin_index_lists_the_record_for_the_secretariat(secretary_client):
    response = secretary_client.get("/admin/")

    assert response.status_code == 200
    for label in ["Meetings", "Contributions", "Action items", "Agenda sections"]:
        assert label in response.text
    assert "Users" not in response.text


def changelist_queries(client, model, size, meeting_number):
    make_record(size, meeting_number=meeting_number)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(admin_url(model, "changelist"))
    assert response.status_code == 200
    return len(queries)


# Queries per changelist: session, user, the user's own and group permissions, the count,
# the page of rows, and one each per list filter, date hierarchy or prefetch that reads
# another table. The same with 4 and with 40 rows a model.
CHANGELIST_QUERIES = {
    "Meeting": 9,
    "AgendaSection": 7,
    "Resolution": 7,
    "Contribution": 9,
    "Revision": 7,
    "Handling": 8,
    "Relation": 6,
    "ActionItem": 9,
    "StatusUpdate": 9,
    "Organisation": 6,
    "Person": 6,
    "Group": 6,
    "SourceFile": 7,
    "ImportWarning": 7,
}


@pytest.mark.parametrize("model", RECORD_MODELS, ids=lambda model: model.__name__)
def test_changelist_queries_stay_fixed_as_the_record_grows(secretary_client, model):
    small = changelist_queries(secretary_client, model, 4, "12")
    large = changelist_queries(secretary_client, model, 40, "13")

    assert (small, large) == (CHANGELIST_QUERIES[model.__name__],) * 2


def test_the_meeting_filter_offers_the_latest_meetings_with_rows_and_the_chosen_one(
    secretary_client, monkeypatch
):
    from meetings.admin import MeetingFilter
    from tests.make import make_handling, make_meeting

    monkeypatch.setattr(MeetingFilter, "LATEST", 2)
    meetings = [make_meeting(number=str(number)) for number in (9, 10, 11, 12)]
    for index, meeting in enumerate(meetings[:3]):  # SEC#12 handled nothing
        make_handling(f"SEC-2014-{index:04d}R01", meeting)
    url = reverse("admin:contributions_handling_changelist")

    latest = secretary_client.get(url).text
    chosen = secretary_client.get(url, {"meeting__id__exact": meetings[0].pk}).text

    sidebar = latest[latest.index('id="changelist-filter"') :]
    assert "SEC#11" in sidebar and "SEC#10" in sidebar
    assert "SEC#9" not in sidebar and "SEC#12" not in sidebar
    assert "SEC#9" in chosen[chosen.index('id="changelist-filter"') :]


def test_the_meeting_list_links_to_each_meetings_rows(secretary_client):
    from tests.make import make_meeting

    meeting = make_meeting(number="12")

    text = secretary_client.get(reverse("admin:meetings_meeting_changelist")).text

    assert f'/admin/contributions/handling/?meeting__id__exact={meeting.pk}">Handlings' in text
    assert f'/admin/actions/actionitem/?meeting__id__exact={meeting.pk}">Actions raised' in text


MEETING_FILTERS = {
    "Handling": "meeting__id__exact",
    "ActionItem": "meeting__id__exact",
    "SourceFile": "meeting__id__exact",
    "ImportWarning": "source__meeting__id__exact",
}


@pytest.mark.parametrize("digit", ["²", "٣"], ids=["superscript two", "Arabic-Indic three"])
@pytest.mark.parametrize("model_name", MEETING_FILTERS)
def test_a_meeting_filter_written_in_other_digits_shows_the_whole_list(
    secretary_client, model_name, digit
):
    from tests.make import make_meeting

    make_meeting(number="3")  # whichever id "٣" might be read as
    model = next(model for model in RECORD_MODELS if model.__name__ == model_name)
    url = admin_url(model, "changelist")

    response = secretary_client.get(url, {MEETING_FILTERS[model_name]: digit}, follow=True)

    # Django's own answer to a filter it cannot apply: the unfiltered list, at "?e=1".
    assert response.redirect_chain == [(f"{url}?e=1", 302)]
    assert response.status_code == 200


def test_an_import_link_naming_uploads_in_other_digits_is_refused(secretary_client):
    for garbled in ["²", "٣", "1²", "9" * 30]:
        response = secretary_client.get(
            reverse("admin:meetings_sourcefile_preview"), {"uploads": garbled}
        )
        assert response.status_code == 403


def test_an_action_on_rows_named_by_something_other_than_an_id_changes_nothing(secretary_client):
    from meetings.models import ImportWarning
    from tests.make import import_sample

    import_sample()
    url = reverse("admin:meetings_importwarning_changelist")

    response = secretary_client.post(
        url,
        {"action": "mark_resolved", "_selected_action": ["²", "٣"], "index": 0},
        follow=True,
    )

    assert response.status_code == 200 and "Select the rows again." in response.text
    assert not ImportWarning.objects.exclude(state="open").exists()


def test_a_date_too_far_in_the_future_shows_the_whole_meeting_list(secretary_client):
    url = reverse("admin:meetings_meeting_changelist")

    response = secretary_client.get(url, {"start_date__year": "9" * 25}, follow=True)

    assert response.redirect_chain == [(f"{url}?e=1", 302)]
