"""The admin in a real browser: the secretariat signs in and finds a contribution."""

import re

from playwright.sync_api import expect

from tests.conftest import PASSWORD

# `secretary` is tests/conftest.py's: its `db` becomes transactional because these tests use
# live_server, and tests/browser/conftest.py recreates the Secretariat group it joins.


def test_anonymous_visitors_land_on_the_admin_login(live_server, page):
    responses = []
    page.on("response", lambda response: responses.append(response))  # not a bound builtin

    page.goto(f"{live_server.url}/admin/")

    expect(page).to_have_url(re.compile(r"/admin/login/\?next=/admin/$"))
    expect(page.get_by_label("Username")).to_be_visible()
    expect(page.get_by_label("Password")).to_be_visible()
    # live_server serves static files from the finders: no collectstatic needed.
    static = [(r.url, r.status) for r in responses if "/static/" in r.url]
    assert static, "the login page loaded no static files"
    assert [(url, status) for url, status in static if status != 200] == []


def test_the_secretariat_signs_in_and_finds_a_contribution(
    live_server, page, sample_record, secretary, screenshot
):
    page.goto(f"{live_server.url}/admin/")
    page.get_by_label("Username").fill(secretary.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(f"{live_server.url}/admin/")

    page.goto(f"{live_server.url}/admin/contributions/contribution/")
    page.locator("#searchbar").fill("0346")
    page.get_by_role("button", name="Search").click()
    expect(page).to_have_url(re.compile(r"\?q=0346$"))
    page.get_by_role("link", name="SEC-2014-0346", exact=True).click()

    expect(page).to_have_url(re.compile(r"/admin/contributions/contribution/\d+/change/"))
    expect(page.get_by_text("SEC-2014-0346R04").first).to_be_visible()
    expect(page.get_by_role("cell", name="Noted", exact=True).first).to_be_visible()
    screenshot(page, "admin-contribution")
