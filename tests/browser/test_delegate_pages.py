"""A delegate's questions, answered in a real browser against the imported sample minutes."""

import re

import pytest
from playwright.sync_api import expect

# The label of the focused field (or the text of a focused button or link).
FOCUSED_LABEL = """() => {
  const e = document.activeElement;
  return e.labels && e.labels.length ? e.labels[0].textContent.trim() : e.textContent.trim();
}"""


@pytest.fixture
def site(live_server, sample_record):
    return live_server.url


def test_from_home_to_what_sec12_agreed_in_section_6_2(site, page, screenshot):
    page.goto(site)
    screenshot(page, "home")
    page.get_by_role("link", name="SEC#12").first.click()

    expect(page).to_have_url(f"{site}/meetings/SEC/12/")
    section = page.locator("section", has=page.get_by_role("heading", name="6.2 Chapter 6"))
    row = section.get_by_role("row", name=re.compile("SEC-2014-0363R01"))
    expect(row.get_by_text("Agreed")).to_be_visible()
    expect(page.get_by_role("img", name=re.compile(r"31 agreed"))).to_be_visible()
    screenshot(page, "meeting")


def test_filtering_contributions_by_decision_and_organisation(site, page, screenshot):
    page.goto(f"{site}/contributions/")
    page.get_by_label("Decision").select_option("agreed")
    page.get_by_label("Source organisation").select_option("Gemalto")
    page.get_by_role("button", name="Apply").click()

    expect(page).to_have_url(re.compile(r"decision=agreed.*organisation=Gemalto"))
    expect(page.get_by_text("9 contributions.")).to_be_visible()
    expect(page.get_by_role("link", name="SEC-2014-0357")).to_be_visible()
    expect(page.get_by_role("link", name="SEC-2014-0386")).to_have_count(0)
    screenshot(page, "contributions-filtered")


def test_typing_the_meeting_to_find_what_it_agreed(site, page):
    page.goto(f"{site}/contributions/")
    page.get_by_label("Handled at").fill("SEC#12")
    page.get_by_label("Decision").select_option("agreed")
    page.get_by_label("Agenda item").fill("6.2")
    page.get_by_role("button", name="Apply").click()

    expect(page).to_have_url(re.compile(r"meeting=SEC%2312"))
    expect(page.get_by_text("4 contributions.")).to_be_visible()
    expect(page.get_by_role("link", name="SEC-2014-0363")).to_be_visible()
    expect(page.get_by_label("Handled at")).to_have_value("SEC#12")


def test_following_an_integrated_into_link(site, page, screenshot):
    page.goto(f"{site}/contributions/SEC-2014-0346/")
    screenshot(page, "contribution")
    integrated = page.locator("p", has_text="Integrated into")
    integrated.get_by_role("link", name="SEC-2014-0362").click()

    expect(page).to_have_url(f"{site}/contributions/SEC-2014-0362/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("AccessControl_clarifications")
    expect(page.locator("li", has_text="Absorbed")).to_contain_text("SEC-2014-0346R04")


def test_open_actions_owned_by_qualcomm(site, page, screenshot):
    page.goto(f"{site}/actions/")
    page.get_by_label("Status").select_option("any_open")
    page.get_by_label("Owner organisation").select_option("Qualcomm")
    page.get_by_role("button", name="Apply").click()

    expect(page.get_by_text("7 actions.")).to_be_visible()
    expect(page.get_by_role("link", name="A-WG4-TP11-002")).to_be_visible()
    expect(page.get_by_role("link", name="A-WG4-TP11-004")).to_have_count(0)
    screenshot(page, "actions-filtered")


def test_downloading_the_meeting_document_list(site, page, tmp_path):
    page.goto(f"{site}/meetings/SEC/12/")

    with page.expect_download() as download:
        page.get_by_role("link", name="Download the document list (CSV)").click()

    assert download.value.suggested_filename == "SEC-12-documents.csv"
    path = tmp_path / "documents.csv"
    download.value.save_as(path)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("\ufeffNumber,Title,Source,Meeting,Agenda item,Presenter,Decision")
    assert "SEC-2014-0363R01,Configuration of Protection Levels" in text


def test_searching_for_access_control(site, page, screenshot):
    page.goto(site)
    page.get_by_role("searchbox", name="Search the record").fill("access control")
    page.get_by_role("searchbox", name="Search the record").press("Enter")

    expect(page).to_have_url(re.compile(r"/search/\?q=access\+control"))
    expect(page.get_by_role("link", name="SEC-2014-0347", exact=True)).to_be_visible()
    expect(page.get_by_text("It was AGREED to support ID Based Access Control")).to_be_visible()
    screenshot(page, "search")


def test_a_document_number_in_the_search_box_opens_it(site, page):
    page.goto(site)
    page.get_by_role("searchbox", name="Search the record").fill("sec-2014-363")
    page.get_by_role("searchbox", name="Search the record").press("Enter")

    expect(page).to_have_url(f"{site}/contributions/SEC-2014-0363/")


def test_the_filter_form_works_from_the_keyboard(site, page):
    page.goto(f"{site}/actions/")
    page.get_by_label("Status").focus()
    labels = []
    for _ in range(6):
        labels.append(page.evaluate(FOCUSED_LABEL))
        outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
        assert outline != "none", labels[-1]
        page.keyboard.press("Tab")

    assert labels == ["Status", "Owner organisation", "Group", "Raised at", "Overdue", "Words"]
    page.get_by_label("Status").focus()
    page.keyboard.press("End")  # the last status: Postponed
    page.get_by_role("button", name="Apply").focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"status=postponed"))


def test_core_pages_work_without_javascript(browser, site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site}/contributions/?decision=withdrawn")
    expect(page.get_by_text("4 contributions.")).to_be_visible()
    context.close()


def test_pages_fit_a_phone(browser, site, screenshot):
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    for name, url in [("phone-meeting", "/meetings/SEC/12/"), ("phone-actions", "/actions/")]:
        page.goto(f"{site}{url}")
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= 375, (url, width)
        screenshot(page, name)
    context.close()
