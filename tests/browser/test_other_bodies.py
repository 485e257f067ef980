"""Minutes of other bodies, from upload to the page a delegate reads: a W3C call's scribe
minutes and an OASIS TC's Markdown, side by side with oneM2M's."""

import re
from pathlib import Path

from playwright.sync_api import expect

from meetings.models import Meeting
from tests.conftest import PASSWORD

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
VCWG = SAMPLES / "w3c" / "w3c-vcwg-2025-10-08-minutes.html"
CSAF = SAMPLES / "oasis" / "oasis-csaf-2025-03-26-minutes.md"


def test_a_w3c_call_and_an_oasis_meeting_go_in_without_naming_them(
    live_server, page, secretary, settings, tmp_path, screenshot
):
    settings.MINUTES_UPLOAD_DIR = tmp_path / "uploads"
    page.goto(f"{live_server.url}/admin/")
    page.get_by_label("Username").fill(secretary.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto(f"{live_server.url}/admin/meetings/sourcefile/import/")
    page.get_by_label("Minutes files").set_input_files([str(VCWG), str(CSAF)])
    page.get_by_role("button", name="Check the import").click()

    expect(page.get_by_text("Read as W3C scribe minutes (scribe.perl HTML).")).to_be_visible()
    expect(page.get_by_text("Read as OASIS TC minutes (Markdown or HTML).")).to_be_visible()
    expect(page.get_by_text("vcwg@2025-10-08", exact=True)).to_be_visible()
    screenshot(page, "admin-import-preview-w3c-oasis")
    page.get_by_role("button", name="Confirm the import").click()
    expect(
        page.get_by_text(re.compile(r"Imported w3c-vcwg-2025-10-08-minutes\.html"))
    ).to_be_visible()
    assert sorted(map(str, Meeting.objects.all())) == ["csaf@2025-03-26", "vcwg@2025-10-08"]

    page.goto(f"{live_server.url}/meetings/")
    page.get_by_role("link", name="vcwg@2025-10-08").first.click()

    expect(page).to_have_url(f"{live_server.url}/meetings/vcwg/2025-10-08/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Verifiable Credentials Working Group"
    )
    resolution = page.locator("p.resolution").first
    expect(resolution).to_contain_text("First Public Working Draft of Render Method")
    discussion = page.locator("details.discussion").first
    expect(discussion.locator("p")).to_be_hidden()
    discussion.locator("summary").click()
    expect(discussion.locator("p")).to_be_visible()
    screenshot(page, "meeting-w3c-call")
