"""Browser tests: Playwright's sync API drives Debian's Chromium against live_server.

Playwright's own browser download (`playwright install`) is not used; CI installs the `chromium`
package (.ci/run). Every test in this directory is marked `browser`: `pytest -m "not browser"`
skips them, `pytest -m browser` runs only them. Screenshots go to test-artifacts/screenshots/.
"""

import os
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

# Playwright's sync API runs an event loop in the test's thread, so Django refuses ORM calls
# there (SynchronousOnlyOperation) unless told they are safe; they are, nothing else runs async.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SAMPLE_MINUTES = ROOT / "samples" / "oneM2M-SEC12-minutes.txt"
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",  # CI runs as root, where Chromium's sandbox cannot start
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """Mark every test in this directory `browser`, before `-m` selects by marker."""
    for item in items:
        if item.path.is_relative_to(HERE):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(autouse=True)
def _secretariat_group(transactional_db):
    """Recreate the Secretariat group that meetings/migrations/0002 writes, before every test.

    live_server answers from another thread, so these tests commit (transactional_db), and each
    ends by flushing every table: from the second browser test on, the group is gone and the
    `secretary` fixture fails with Group.DoesNotExist. Permissions survive: the flush re-runs
    post_migrate, which recreates them. `serialized_rollback=True` does not help here: once
    Playwright has started, its event loop counts as running in the test's thread, so Django
    (asgiref's Local) hands the test a fresh connection object per context, not the one
    holding the snapshot taken at database creation, and the snapshot is silently not restored.
    """
    from django.contrib.auth.models import Group, Permission

    from meetings.roles import SECRETARIAT, SECRETARIAT_APPS

    group, created = Group.objects.get_or_create(name=SECRETARIAT)
    if created:
        group.permissions.set(
            Permission.objects.filter(content_type__app_label__in=SECRETARIAT_APPS)
        )


@pytest.fixture(scope="session")
def browser():
    executable = shutil.which("chromium")
    if executable is None:
        reason = "Chromium is not installed (apt-get install chromium); browser tests need it."
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason} CI installs it, so here its absence is a failure.")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A fresh browser context per test: no cookies or storage carried over."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def sample_record(transactional_db):
    """The sample minutes, imported. live_server answers from another thread, so the data
    must be committed: transactional_db, not db."""
    call_command("ingest_minutes", str(SAMPLE_MINUTES), verbosity=0)


def take_screenshot(page, name):
    """Save the whole page as test-artifacts/screenshots/<name>.png; return the path."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=path, full_page=True)
    return path


@pytest.fixture
def screenshot():
    """`screenshot(page, name)` saves test-artifacts/screenshots/<name>.png (the full page)."""
    return take_screenshot
