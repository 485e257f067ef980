"""The public minutes page: an imported file's lines, a page at a time, and the whole text."""

import re

import pytest

from meetings.models import SourceFile
from meetings.views import MINUTES_LINE_CHARS, MINUTES_LINES_PER_PAGE
from tests.make import import_sample, link, make_handling, make_meeting, make_record, queries_for

pytestmark = pytest.mark.django_db


def make_source(lines, name="long.txt"):
    text = "\n".join(lines)
    return SourceFile.objects.create(
        name=name, sha256="3" * 64, format="text", size=len(text), text=text
    )


def numbered(count):
    return [f"Line {number} as written" for number in range(1, count + 1)]


def shown_lines(response):
    return [int(number) for number in re.findall(r'<tr id="line-(\d+)">', response.text)]


def test_the_minutes_page_shows_numbered_lines(client):
    import_sample()
    source = SourceFile.objects.get()

    text = client.get(f"/meetings/minutes/{source.pk}/").text

    assert '<tr id="line-151"><th scope="row"><a href="#line-151">151</a></th>' in text
    assert "· SEC-2014-0363R01 was AGREED" in text
    assert "Lines 1 to 545 of 545." in text  # the last one empty, after the last newline
    assert "Next lines" not in text  # the sample fits on one page


@pytest.mark.parametrize("size", [10, 200])
def test_the_minutes_page_takes_one_query(client, size):
    make_record(size)
    source = make_source(numbered(3 * MINUTES_LINES_PER_PAGE))

    # The file, with its meeting and who undid it.
    assert queries_for(client, f"/meetings/minutes/{source.pk}/")[0] == 1
    assert queries_for(client, f"/meetings/minutes/{source.pk}/?line=2500")[0] == 1


def test_a_long_file_is_read_a_page_of_lines_at_a_time(client):
    source = make_source(numbered(2 * MINUTES_LINES_PER_PAGE + 500))
    first = client.get(source.get_absolute_url())

    second = client.get(link(first, "next"))
    last = client.get(link(second, "next"))

    assert shown_lines(first) == list(range(1, 1001))
    assert shown_lines(second) == list(range(1001, 2001))
    assert shown_lines(last) == list(range(2001, 2501))
    assert "Page 3 of 3" in last.text and 'rel="next"' not in last.text
    assert shown_lines(client.get(link(last, "prev"))) == list(range(1001, 2001))


def test_a_link_to_a_line_opens_the_page_that_holds_it(client):
    source = make_source(numbered(2500))

    response = client.get(f"/meetings/minutes/{source.pk}/", {"line": 1500})

    assert shown_lines(response) == list(range(1001, 2001))
    assert '<tr id="line-1500">' in response.text and "Line 1500 as written" in response.text


def test_the_page_offers_to_go_to_a_line(client):
    source = make_source(numbered(2500))

    text = client.get(source.get_absolute_url()).text

    assert '<label for="f-line">Line</label>' in text
    assert '<input id="f-line" name="line" type="number" min="1" max="2500" required>' in text


@pytest.mark.parametrize(
    "query, first_shown",
    [
        ({"page": "99"}, 2001),  # past the end: the last page
        ({"line": "99999"}, 2001),
        ({"page": "0"}, 2001),  # as on every paginated list
        ({"line": "0"}, 1),
        ({"page": "²"}, 1),
        ({"line": "٣"}, 1),
        ({"line": "9" * 40}, 1),
        ({"line": "-5", "page": "2"}, 1001),
    ],
)
def test_a_page_or_line_out_of_range_or_garbled_shows_a_page(client, query, first_shown):
    source = make_source(numbered(2500))

    response = client.get(source.get_absolute_url(), query)

    assert response.status_code == 200
    assert shown_lines(response)[0] == first_shown


def test_a_long_line_is_shown_cut_with_a_note(client):
    source = make_source(["short", "x" * (MINUTES_LINE_CHARS + 4000) + "THE END"])

    text = client.get(source.get_absolute_url()).text

    assert (
        "x" * MINUTES_LINE_CHARS + '<span class="muted"> … cut here: 4007 more characters' in text
    )
    assert "THE END" not in text


def test_a_huge_file_gives_a_page_of_bounded_size(client):
    source = make_source(["y" * 5000] * 3000)  # 15 MB of text

    response = client.get(source.get_absolute_url())

    assert len(shown_lines(response)) == MINUTES_LINES_PER_PAGE
    # A page of lines, each cut, with their markup and notes.
    assert len(response.content) < 1.5 * MINUTES_LINES_PER_PAGE * MINUTES_LINE_CHARS


def test_links_to_a_line_elsewhere_open_its_page(client, secretary_client):
    source = make_source(numbered(2500))
    handling = make_handling("SEC-2014-0363R01", make_meeting(), source=source, source_line=1500)
    url = f"/meetings/minutes/{source.pk}/?line=1500#line-1500"

    document_page = client.get("/contributions/SEC-2014-0363/").text
    admin_page = secretary_client.get(f"/admin/contributions/handling/{handling.pk}/change/").text

    assert f'<a class="muted" href="{url}">Show in minutes (line 1500)</a>' in document_page
    assert f'<a href="{url}">long.txt, line 1500</a>' in admin_page
    assert '<tr id="line-1500">' in client.get(url).text


def test_the_whole_text_downloads_as_plain_text(client):
    lines = ["Chapter 6 – Security", "x" * (MINUTES_LINE_CHARS + 10), *numbered(70_000)]
    source = make_source(lines, name="SEC12 minutes.docx")
    page = client.get(source.get_absolute_url())

    response = client.get(link(page, "Download the whole text"))

    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="SEC12 minutes.txt"'
    assert response.streaming
    assert b"".join(response.streaming_content).decode() == source.text


def test_on_a_members_only_site_the_minutes_ask_visitors_to_sign_in(client, settings, delegate):
    settings.MEMBERS_ONLY = True
    source = make_source(numbered(3))

    for url in [source.get_absolute_url(), f"/meetings/minutes/{source.pk}/text/"]:
        assert client.get(url)["Location"] == f"/accounts/login/?next={url}"

    client.force_login(delegate)
    assert client.get(f"/meetings/minutes/{source.pk}/text/").status_code == 200
