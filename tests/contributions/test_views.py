import csv
import datetime
import io
import re

import pytest
from django.utils import timezone

from contributions.models import Contribution
from meetings.forms import MeetingInput
from meetings.models import Group
from tests.make import import_sample, link, make_meeting, make_record, make_relation, queries_for

pytestmark = pytest.mark.django_db


def rows_of(response):
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def test_filters_combine_and_stay_in_the_url(client):
    import_sample()

    response = client.get("/contributions/", {"decision": "agreed", "organisation": "Gemalto"})

    assert response.status_code == 200
    assert "9 contributions." in response.text
    assert "SEC-2014-0357" in response.text  # agreed as R03, sourced by Gemalto among others
    assert "SEC-2014-0386" not in response.text  # Qualcomm's
    assert 'option value="Gemalto" selected' in response.text


def test_meeting_decision_and_section_describe_one_handling(client):
    import_sample()

    agreed_in_62 = client.get(
        "/contributions/", {"meeting": "SEC#12", "decision": "agreed", "section": "6.2"}
    )
    noted_in_611 = client.get("/contributions/", {"decision": "noted", "section": "6.11"})

    assert "4 contributions." in agreed_in_62.text  # 0363, 0371, 0384, 0385
    assert "3 contributions." in noted_in_611.text  # 0346, 0383, 0362


def test_the_meeting_is_typed_by_name_as_the_minutes_write_it(client):
    import_sample()

    typed = [
        client.get("/contributions/", {"meeting": name, "decision": "agreed", "section": "6.2"})
        for name in ["SEC#12", "sec 12", "WG4#12"]  # WG4 is SEC's short name
    ]

    for response in typed:
        assert response.status_code == 200
        assert "4 contributions." in response.text
    unknown = client.get("/contributions/", {"meeting": "SEC#99"})
    assert unknown.status_code == 400
    assert "There is no meeting SEC#99 in the record." in unknown.text
    assert client.get("/contributions/", {"meeting": "twelve"}).status_code == 400


def test_the_meeting_box_suggests_the_latest_meetings_held(client):
    import_sample()  # SEC#12, without dates
    group, first = Group.objects.get(code="SEC"), datetime.date(2020, 1, 1)
    for number in range(101, 151):
        make_meeting(group, str(number), start_date=first + datetime.timedelta(days=number))
    make_meeting(group, "199", start_date=timezone.localdate() + datetime.timedelta(days=30))

    text = client.get("/contributions/").text

    suggestions = text[text.index("<datalist") : text.index("</datalist>")]
    assert suggestions.count("<option") == MeetingInput.SUGGESTIONS
    assert suggestions.index("SEC#150") < suggestions.index("SEC#149")  # the latest first
    assert "SEC#199" not in suggestions  # not held yet
    assert "SEC#101" not in suggestions  # older than the forty latest


def test_text_filter_matches_numbers_and_titles(client):
    import_sample()

    assert "1 contribution." in client.get("/contributions/", {"q": "0363"}).text
    assert "SEC-2014-0362" in client.get("/contributions/", {"q": "clarifications"}).text


def test_sorting_by_title(client):
    import_sample()

    text = client.get("/contributions/", {"sort": "title"}).text

    assert text.index("AccessControl_clarifications") < text.index("Security Issues")


def test_bad_filters_get_a_400_with_the_form_and_unknown_places_the_first_page(client):
    import_sample()

    bad = client.get("/contributions/", {"year": "abc", "decision": "sort-of"})
    assert bad.status_code == 400
    assert "Enter a number." in bad.text
    first = numbers_on(client.get("/contributions/"))
    for unknown in ({"after": "SEC-1999-0001"}, {"before": "nonsense"}, {"page": "999"}):
        response = client.get("/contributions/", unknown)
        assert response.status_code == 200
        assert numbers_on(response) == first


def numbers_on(response):
    return [row.number for row in response.context["page"].rows]


def walk(client, params, link):
    """Follow `link` ("after" or "before") from the first page; the numbers seen, page by page."""
    pages = [numbers_on(client.get("/contributions/", params))]
    while True:
        page = client.get("/contributions/", params).context["page"]
        if not (page.has_next if link == "after" else page.has_previous):
            return pages
        params = {**params, link: page.last if link == "after" else page.first}
        pages.append(numbers_on(client.get("/contributions/", params)))


@pytest.mark.parametrize("sort", ["", "title", "-number", "-year"])
def test_next_walks_every_contribution_once_in_order(client, monkeypatch, sort):
    import_sample()
    monkeypatch.setattr("contributions.views.PER_PAGE", 1000)
    everything = numbers_on(client.get("/contributions/", {"sort": sort}))
    monkeypatch.setattr("contributions.views.PER_PAGE", 7)

    pages = walk(client, {"sort": sort}, "after")

    assert [n for page in pages for n in page] == everything
    assert all(len(page) == 7 for page in pages[:-1]) and len(pages) == -(-len(everything) // 7)


def test_previous_comes_back_to_the_same_pages(client, monkeypatch):
    import_sample()
    monkeypatch.setattr("contributions.views.PER_PAGE", 7)
    first = client.get("/contributions/", {"sort": "title"}).context["page"]
    second = client.get("/contributions/", {"sort": "title", "after": first.last})
    third = client.get("/contributions/", {"sort": "title", "after": second.context["page"].last})

    back = client.get("/contributions/", {"sort": "title", "before": third.context["page"].first})
    again = client.get("/contributions/", {"sort": "title", "before": back.context["page"].first})

    assert numbers_on(back) == numbers_on(second)
    assert numbers_on(again) == [row.number for row in first.rows]
    assert again.context["page"].has_previous is False
    assert 'rel="next"' in again.text and 'rel="prev"' not in again.text


def test_previous_from_near_the_start_shows_a_full_first_page(client, monkeypatch):
    import_sample()
    monkeypatch.setattr("contributions.views.PER_PAGE", 7)
    first = numbers_on(client.get("/contributions/"))
    near_start = client.get("/contributions/", {"after": first[1]}).context["page"]

    back = client.get("/contributions/", {"before": near_start.first})

    assert numbers_on(back) == first
    assert back.context["page"].has_previous is False


def test_the_rendered_links_keep_the_filters_and_turn_the_page(client, monkeypatch):
    import_sample()
    monkeypatch.setattr("contributions.views.PER_PAGE", 3)
    params = {"decision": "agreed", "organisation": "Gemalto", "sort": "title"}
    first = client.get("/contributions/", params)

    second = client.get(link(first, "next"))
    back = client.get(link(second, "prev"))
    again = client.get(link(second, "First"))
    csv_rows = rows_of(client.get(link(first, "Download their document list (CSV)")))

    assert numbers_on(second) != numbers_on(first) and len(numbers_on(second)) == 3
    assert numbers_on(back) == numbers_on(first) == numbers_on(again)
    for response in (second, back, again):
        assert response.context["filter"].form.cleaned_data["sort"] == ["title"]
        assert "9 contributions." in response.text
    assert len({row[0].split("R")[0] for row in csv_rows[1:]}) == 9  # the filtered families


def test_past_the_counting_limit_the_list_says_more_than(client, monkeypatch):
    import_sample()
    monkeypatch.setattr("contributions.views.COUNT_UP_TO", 20)

    assert "More than 20 contributions, 50 a page." in client.get("/contributions/").text
    assert (
        "9 contributions."
        in client.get("/contributions/", {"decision": "agreed", "organisation": "Gemalto"}).text
    )


@pytest.mark.parametrize("size", [10, 200])
def test_the_list_takes_the_same_queries_at_any_size(client, size):
    make_record(size)

    # Form choices: groups, suggested meetings, organisations; the count, the page, its sources,
    # and the latest decisions of the page's rows alone.
    assert queries_for(client, "/contributions/")[0] == 7
    # And the organisation named in the filter.
    assert queries_for(client, "/contributions/?decision=agreed&organisation=Gemalto")[0] == 8


def test_the_family_page_tells_the_whole_story(client):
    import_sample()

    response = client.get("/contributions/SEC-2014-0346/")

    assert response.status_code == 200
    text = response.text
    assert text.index('id="SEC-2014-0346R04"') < text.index('id="SEC-2014-0346R05"')
    assert "6.3 Chapter 7 – Access Control" in text and "6.11 SEC/ARC Joint Discussions" in text
    assert "presented by Wei Zhou, CATT" in text
    assert "Integrated into" in text and 'href="/contributions/SEC-2014-0362/"' in text
    assert "Show in minutes (line 185)" in text


def test_the_target_page_names_what_it_absorbed(client):
    import_sample()

    text = client.get("/contributions/SEC-2014-0362/").text

    assert 'Absorbed <a href="/contributions/SEC-2014-0346/#SEC-2014-0346R04">' in text


def test_a_revision_url_lands_on_its_family_page_at_that_revision(client):
    import_sample()

    response = client.get("/contributions/SEC-2014-0363R01/")

    assert response.status_code == 302
    assert response["Location"] == "/contributions/SEC-2014-0363/#SEC-2014-0363R01"
    assert client.get("/contributions/sec-2014-363/")["Location"] == "/contributions/SEC-2014-0363/"


def test_a_number_not_in_the_record_answers_and_says_so(client):
    import_sample()

    response = client.get("/contributions/SEC-2014-0249/")

    assert response.status_code == 200
    assert "SEC-2014-0249 is not in the record yet" in response.text
    assert "SEC-2014-0328R01" in response.text  # "Request for Changing the Text of ..."


def test_something_that_is_no_number_is_a_friendly_404(client):
    response = client.get("/contributions/not-a-number/")

    assert response.status_code == 404
    assert "is not a document number like SEC-2014-0364" in response.text


@pytest.mark.parametrize("size", [10, 200])
def test_the_family_page_takes_the_same_queries_at_any_size(client, size):
    make_record(size)
    make_relation("SEC-2014-1002R01", "integrated_into", "SEC-2014-1001")

    # Contribution, sources, revisions, their handlings, their relations, incoming relations.
    assert queries_for(client, "/contributions/SEC-2014-1001/")[0] == 6


def test_the_filtered_list_downloads_as_a_tdoc_list(client):
    import_sample()

    response = client.get("/contributions/export.csv", {"organisation": "LGE"})

    assert response["Content-Disposition"] == 'attachment; filename="contributions.csv"'
    rows = rows_of(response)
    assert rows[0][:3] == ["Number", "Title", "Source"]
    numbers = [row[0] for row in rows[1:]]
    assert "SEC-2014-0366R03" in numbers and "PRO-2014-0352R01" in numbers
    assert all("LGE" in row[2] for row in rows[1:])


def test_the_csv_of_what_a_meeting_agreed_holds_only_those_decisions(client):
    import_sample()
    filters = {"meeting": "SEC#12", "decision": "agreed"}
    listed = client.get("/contributions/", filters)

    rows = rows_of(client.get(link(listed, "Download their document list (CSV)")))

    assert {(row[3], row[6]) for row in rows[1:]} == {("SEC#12", "Agreed")}
    # SEC-2014-0363 was noted, its R01 agreed: only the R01 is exported.
    numbers = [row[0] for row in rows[1:]]
    assert "SEC-2014-0363R01" in numbers and "SEC-2014-0363" not in numbers
    families = {re.sub(r"R\d\d$", "", number) for number in numbers}
    assert len(families) == listed.context["total"] == 31


def test_each_row_shows_its_latest_decision(client):
    import_sample()

    text = client.get("/contributions/").text

    assert "TP-2014-0459" in text  # the last contribution by number
    row = text[text.index("TP-2014-0459") :]
    assert '<span class="badge badge-neutral">Noted</span>' in row[: row.index("</tr>")]


def test_each_row_links_the_contributions_page(client):
    import_sample()

    rows = Contribution.objects.page_with_latest_decisions(Contribution.objects.all()[:3])

    assert [row.url for row in rows] == [row.get_absolute_url() for row in rows]
    assert f'<a href="{rows[0].url}">{rows[0].number}</a>' in client.get("/contributions/").text
