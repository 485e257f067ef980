"""A secretary loads a meeting's minutes from the browser alone: upload, check, confirm."""

import re

from playwright.sync_api import expect

from contributions.models import Handling
from tests.conftest import PASSWORD
from tests.meetings.minutes.helpers import SAMPLE


def test_upload_preview_confirm(live_server, page, secretary, settings, tmp_path, screenshot):
    settings.MINUTES_UPLOAD_DIR = tmp_path / "uploads"
    page.goto(f"{live_server.url}/admin/")
    page.get_by_label("Username").fill(secretary.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    page.goto(f"{live_server.url}/admin/meetings/sourcefile/")
    page.get_by_role("link", name="Import minutes").click()
    page.get_by_label("Minutes files").set_input_files(str(SAMPLE))
    page.get_by_role("button", name="Check the import").click()

    expect(page).to_have_url(re.compile(r"/import/preview/\?uploads=\d+"))
    expect(page.get_by_text("a new meeting for the record")).to_be_visible()
    expect(page.get_by_text(re.compile(r"Line 221: Incomplete number"))).to_be_visible()
    screenshot(page, "admin-import-preview")
    assert not Handling.objects.exists()

    page.get_by_role("button", name="Confirm the import").click()

    expect(page.get_by_text("Imported oneM2M-SEC12-minutes.txt: SEC#12 added.")).to_be_visible()
    assert Handling.objects.exclude(decision="").count() == 57
    screenshot(page, "admin-import-history")
