"""Pages every delegate sees: home, search, access, security headers, hostile text."""

import dataclasses
import datetime
import re

import pytest
from django.db import connection

from actions.models import ActionItem
from contributions.models import Contribution
from meetings import search as fulltext
from meetings.models import Resolution
from tests.make import (
    import_sample,
    make_action,
    make_contribution,
    make_handling,
    make_meeting,
    make_record,
    queries_for,
)

pytestmark = pytest.mark.django_db


def test_the_home_page_counts_the_record_and_lists_meetings(client):
    import_sample()

    response = client.get("/")

    assert response.status_code == 200
    assert "<dt>Meetings</dt><dd>1</dd>" in response.text
    assert "<dt>Contributions</dt><dd>46</dd>" in response.text
    assert '<a href="/meetings/SEC/12/"><strong>SEC#12</strong></a>' in response.text


def test_the_home_page_says_when_nothing_is_imported(client):
    assert "No minutes have been imported yet." in client.get("/").text


@pytest.mark.parametrize("size", [10, 200])
def test_the_home_page_counts_once_per_version_of_the_record(client, size):
    make_record(size)

    # The record's version (imports, admin edits), four counts, the latest and upcoming meetings.
    assert queries_for(client, "/")[0] == 8
    # Then the counts come from the cache.
    assert queries_for(client, "/")[0] == 4


def test_the_home_page_counts_what_an_import_or_an_admin_edit_changed(client, admin_client):
    make_record(3)
    assert "<dt>Contributions</dt><dd>3</dd>" in client.get("/").text

    import_sample()
    assert "<dt>Contributions</dt><dd>49</dd>" in client.get("/").text

    action = ActionItem.objects.open().first()
    admin_client.post(
        "/admin/actions/actionitem/",
        {"action": "close_selected", "_selected_action": [action.pk]},
    )
    assert f'<dd><a href="/actions/?status=any_open">{ActionItem.objects.open().count()}</a>' in (
        client.get("/").text
    )


@pytest.mark.parametrize(
    ("typed", "landing"),
    [
        ("0363", "/contributions/SEC-2014-0363/"),
        ("sec-2014-363", "/contributions/SEC-2014-0363/"),
        ("SEC-2014-0363R01", "/contributions/SEC-2014-0363/#SEC-2014-0363R01"),
        ("0363R01", "/contributions/SEC-2014-0363/#SEC-2014-0363R01"),
    ],
)
def test_search_takes_document_numbers_in_any_form(client, typed, landing):
    import_sample()

    response = client.get("/search/", {"q": typed}, follow=True)

    assert response.redirect_chain[0][0] == landing
    assert response.request["PATH_INFO"] == "/contributions/SEC-2014-0363/"


@pytest.mark.parametrize(
    ("typed", "landing"),
    [
        ("TP-0459", "/contributions/TP-2014-0459/"),  # minutes line 515
        ("tp-0459", "/contributions/TP-2014-0459/"),
        ("SEC-2014-0364-", "/contributions/SEC-2014-0364/"),  # "SEC-2014-0364- was NOTED."
        ("SEC-2014-0364R01was", "/contributions/SEC-2014-0364/#SEC-2014-0364R01"),
        ("SEC-0363R01", "/contributions/SEC-2014-0363/#SEC-2014-0363R01"),
        ("WG4-0363", "/contributions/SEC-2014-0363/"),
    ],
)
def test_search_takes_numbers_as_the_minutes_write_them(client, typed, landing):
    import_sample()

    response = client.get("/search/", {"q": typed})

    assert response.status_code == 302 and response["Location"] == landing
    assert client.get(landing).status_code == 200


def test_search_lists_the_documents_a_number_without_its_year_may_mean(client):
    import_sample()
    make_contribution("TP-2015-0459", "LS on security for the interworking framework")

    response = client.get("/search/", {"q": "TP-0459"})

    assert response.status_code == 200
    assert "Documents numbered TP-0459" in response.text
    assert '<a href="/contributions/TP-2014-0459/">TP-2014-0459</a>' in response.text
    assert '<a href="/contributions/TP-2015-0459/">TP-2015-0459</a>' in response.text


def test_search_finds_words_in_titles_notes_actions_and_resolutions(client):
    import_sample()

    response = client.get("/search/", {"q": "access control"})

    assert response.status_code == 200
    assert "SEC-2014-0347" in response.text  # "Access Control Specification"
    assert "ID Based Access Control" in response.text  # a resolution
    assert "access control procedure" in response.text  # action A-WG4-TP11-002


def test_search_for_an_unknown_serial_says_nothing_was_found(client):
    import_sample()

    response = client.get("/search/", {"q": "9999"})

    assert response.status_code == 200
    assert 'Contributions <span class="muted">(0)</span>' in response.text


@pytest.fixture(params=["small windows", "windows"])
def window(request, monkeypatch):
    """PostgreSQL tests the newest rows first, then looks further back (meetings/search.py):
    the same matches either way. Windows of 3 rows make the tests reach further back."""
    if request.param == "small windows":
        for name, kind in fulltext.KINDS.items():
            monkeypatch.setitem(fulltext.KINDS, name, dataclasses.replace(kind, window=3))


def search_section(response, heading):
    """The search page's part under the heading `heading`, up to the next heading."""
    return response.text.split(f"<h2>{heading} ")[1].split("<h2>")[0]


def listed_numbers(response):
    return re.findall(r">([A-Z]+-\d{4}-\d{4})</a>", search_section(response, "Contributions"))


def assert_in_order(text, *parts):
    positions = [text.index(part) for part in parts]
    assert positions == sorted(positions), parts


def test_search_lists_the_newest_contributions_first(client, window):
    for number in ["SEC-2013-0007", "ARC-2015-0002", "SEC-2015-0010", "PRO-2014-0100"]:
        make_contribution(number, "Security considerations on AE registration")
    make_contribution("SEC-2016-0001", "CR on device management")

    response = client.get("/search/", {"q": "security"})

    # By year, then number within the year.
    assert listed_numbers(response) == [
        "SEC-2015-0010",
        "ARC-2015-0002",
        "PRO-2014-0100",
        "SEC-2013-0007",
    ]
    assert 'Contributions <span class="muted">(4)</span>' in response.text
    assert "Newest first" in response.text


def test_search_lists_notes_actions_and_resolutions_by_latest_meeting(client, window):
    older = make_meeting(number="10", start_date=datetime.date(2014, 1, 20))
    newer = make_meeting(number="12", start_date=datetime.date(2014, 5, 12))
    undated = make_meeting(number="13")  # minutes often give no dates: after the dated ones
    for meeting in [older, undated, newer]:
        for position, which in [(2, "second"), (1, "first")]:
            make_handling(
                f"SEC-2014-0{meeting.number}{position}",
                meeting,
                notes=f"Security, {which} at {meeting}",
                position=position,
            )
        make_action(
            f"A-WG4-TP{meeting.number}-001", f"Check security at {meeting}", meeting=meeting
        )
        Resolution.objects.create(meeting=meeting, text=f"Security agreed at {meeting}")
    make_handling("SEC-2014-0999", newer, notes="Editorial changes only", position=3)
    make_action("A-WG4-TP99-001", "Check security, raised nowhere we know")

    response = client.get("/search/", {"q": "security"})

    for heading, count in [("Discussion notes", 6), ("Actions", 4), ("Resolutions", 3)]:
        assert f'{heading} <span class="muted">({count})</span>' in response.text
    assert_in_order(
        search_section(response, "Discussion notes"),
        # In the order of the minutes within a meeting.
        "Security, first at SEC#12",
        "Security, second at SEC#12",
        "Security, first at SEC#10",
        "Security, second at SEC#10",
        "Security, first at SEC#13",
        "Security, second at SEC#13",
    )
    assert_in_order(
        search_section(response, "Actions"),
        "Check security at SEC#12",
        "Check security at SEC#10",
        "Check security at SEC#13",
        "raised nowhere we know",
    )
    assert_in_order(
        search_section(response, "Resolutions"),
        "Security agreed at SEC#12",
        "Security agreed at SEC#10",
        "Security agreed at SEC#13",
    )


def test_search_says_when_more_match_than_it_shows(client, window):
    for serial in range(1, 52):
        make_contribution(f"SEC-2014-{serial:04d}", "Security considerations")

    response = client.get("/search/", {"q": "security"})

    heading = 'Contributions <span class="muted">(more than 50; the newest 50 shown)</span>'
    assert heading in response.text
    numbers = listed_numbers(response)
    assert (len(numbers), numbers[0], numbers[-1]) == (50, "SEC-2014-0051", "SEC-2014-0002")

    Contribution.objects.get(number="SEC-2014-0051").delete()
    response = client.get("/search/", {"q": "security"})

    assert 'Contributions <span class="muted">(50)</span>' in response.text
    assert listed_numbers(response)[-1] == "SEC-2014-0001"


def test_pages_carry_security_headers(client):
    response = client.get("/")

    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "script-src 'none'" in response["Content-Security-Policy"]


def test_the_health_check_reaches_the_database(client):
    response = client.get("/healthz")

    assert (response.status_code, response.text) == (200, "ok")
    assert client.post("/healthz").status_code == 405


HOSTILE = "<script>alert('x')</script>"


def test_text_from_minutes_is_escaped_everywhere(client):
    meeting = make_meeting()
    contribution = make_contribution("SEC-2014-0999", HOSTILE, sources=[HOSTILE])
    make_handling("SEC-2014-0999", meeting, notes=HOSTILE, decision="agreed")
    action = make_action("A-WG4-TP12-999", HOSTILE, owners=HOSTILE, meeting=meeting)
    organisation = contribution.sources.get()

    for url in [
        "/",
        "/meetings/SEC/12/",
        "/contributions/",
        "/contributions/SEC-2014-0999/",
        "/actions/",
        f"/actions/{action.pk}/",
        f"/organisations/{organisation.pk}/",
        "/search/?q=alert",
        f"/search/?q={HOSTILE}",
    ]:
        response = client.get(url)
        assert "<script>alert" not in response.text, url


def test_members_only_mode_asks_anonymous_visitors_to_sign_in(client, settings, delegate):
    settings.MEMBERS_ONLY = True

    response = client.get("/contributions/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/contributions/"
    assert client.get("/accounts/login/").status_code == 200
    assert client.get("/healthz").status_code == 200

    client.force_login(delegate)
    assert client.get("/contributions/").status_code == 200


def test_signing_in_and_out_uses_the_sites_own_pages(client, delegate):
    from tests.conftest import PASSWORD

    login = client.get("/accounts/login/")
    assert '<label for="id_username">Username</label>' in login.text

    response = client.post("/accounts/login/", {"username": "delegate", "password": PASSWORD})
    assert response.status_code == 302
    assert "Sign out delegate" in client.get("/").text

    client.post("/accounts/logout/")
    assert "Sign in" in client.get("/").text


def test_staff_see_edit_links_and_delegates_never_see_admin_links(client, delegate, secretary):
    import_sample()
    url = "/contributions/SEC-2014-0346/"

    client.force_login(delegate)
    as_delegate = client.get(url).text
    client.force_login(secretary)
    as_secretary = client.get(url).text

    assert "/admin/" not in as_delegate
    edit = Contribution.objects.get(number="SEC-2014-0346").pk
    assert f'href="/admin/contributions/contribution/{edit}/change/">Edit in admin' in as_secretary


def test_an_unknown_page_is_a_friendly_404(client):
    response = client.get("/meetings/XYZ/1/")

    assert response.status_code == 404
    assert "Start from the record" in response.text


def test_every_link_on_the_main_pages_answers(client):
    """No link anywhere leads to a 404 or an error, unknown documents included."""
    import_sample()
    seen, queue = set(), ["/"]
    import re

    while queue:
        url = queue.pop()
        if url in seen or len(seen) > 400:
            continue
        seen.add(url)
        response = client.get(url)
        assert response.status_code == 200, url
        if response["Content-Type"].startswith("text/html"):
            for link in re.findall(r'href="(/[^"#]*)', response.text):
                if not link.startswith(("/admin", "/static", "/accounts/")):
                    queue.append(link.replace("&amp;", "&"))
    assert "/contributions/SEC-2014-0249/" in seen  # referenced, not in the record
    assert ActionItem.objects.count() == 14


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the GIN indexes exist on PostgreSQL only; SQLite searches by word matching",
)
def test_search_on_postgresql_uses_the_gin_indexes():
    from meetings.views import _text_search

    import_sample()
    # The tables are tiny: forbid the plans that beat an index at this size, so the plan
    # shows whether the GIN index can serve the @@ match.
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
    indexes = {
        "contributions": "contribution_title_search",
        "notes": "handling_notes_search",
        "actions": "actionitem_text_search",
        "resolutions": "resolution_text_search",
    }
    for kind, queryset in _text_search("access control").items():
        assert f"Bitmap Index Scan on {indexes[kind]}" in queryset.explain(), kind


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite searches by word matching, without a walk"
)
def test_search_on_postgresql_walks_the_newest_rows_through_a_recency_index():
    """The window's order must match an index, or the walk becomes a sort of the whole table."""
    import_sample()

    def walk(kind, incremental_sort="on"):
        """The plan of the window, the first part of the query."""
        sql, params = fulltext.newest_matches(fulltext.KINDS[kind], "access control", 51)
        with connection.cursor() as cursor:
            # Tiny tables: forbid the plans that beat an index at this size.
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_sort = off")
            cursor.execute(
                "SELECT set_config('enable_incremental_sort', %s, true)", [incremental_sort]
            )
            cursor.execute(f"EXPLAIN {sql}", params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
        return plan.split('"*SELECT* 2"')[0]

    # Without statistics, an index on the year alone plus an incremental sort can look as
    # cheap as the recency index on a table this small; only the latter serves the full order.
    contributions = walk("contributions", incremental_sort="off")
    assert "Index Scan using contribution_newest" in contributions
    assert "Sort" not in contributions
    notes = walk("notes")
    assert "Index Only Scan using meeting_latest" in notes
    # Only the order within each meeting is sorted.
    assert "Presorted Key: m.start_date, m.number_key, t.meeting_id" in notes


@pytest.mark.parametrize("size", [10, 200])
def test_search_takes_the_same_queries_at_any_size(client, size):
    make_record(size)

    # Contributions, notes, actions, resolutions: one query each, however many match.
    count, response = queries_for(client, "/search/?q=number")
    assert count == 4
    shown = "more than 50; the newest 50 shown" if size > 50 else size
    assert f'Contributions <span class="muted">({shown})</span>' in response.text
    # A bare serial first looks for documents with that serial.
    assert queries_for(client, "/search/?q=9999")[0] == 5
