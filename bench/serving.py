"""What the page benchmarks share: Plenary served by gunicorn as in production, and the pages
to visit, picked from the data.

`bench/pages.py` times the pages one at a time; `bench/load.py` puts them under load.
"""

import http.client
import os
import secrets
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent


def production_env(static_root, hosts="127.0.0.1", **extra):
    """The environment of a production server on this machine: debug off, a secret key made
    for this run, plain HTTP on 127.0.0.1 (no TLS proxy in front, so no HTTPS redirect)."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),  # 67 characters
        "DJANGO_ALLOWED_HOSTS": hosts,
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_STATIC_ROOT": str(static_root),
        "DJANGO_LOG_LEVEL": "WARNING",
        **extra,
    }


def collect_static(env):
    """With debug off, pages need the collected (hashed) static files."""
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(port, path):
    """One GET on a fresh connection (gunicorn's sync workers close it): (status, ms)."""
    start = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
    finally:
        connection.close()
    return response.status, (time.perf_counter() - start) * 1000


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


@dataclass
class Server:
    port: int
    pid: int


@contextmanager
def gunicorn(env, *, workers, timeout=30, log=None):
    """gunicorn serving config.wsgi on a free port of 127.0.0.1 until the block ends (or is
    interrupted); `log` is a file for its output, the console if None."""
    port = free_port()
    command = [sys.executable, "-m", "gunicorn", "config.wsgi", "--workers", str(workers)]
    command += ["--timeout", str(timeout), "--bind", f"127.0.0.1:{port}"]
    command += ["--no-control-socket", "--log-level", "warning"]
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if get(port, "/healthz")[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                raise SystemExit("gunicorn did not start")
            time.sleep(0.2)
        yield Server(port, server.pid)
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


@dataclass
class Picked:
    """The largest items of the record: the pages where they appear cost the most."""

    meeting: object
    organisation: object
    contribution: object


def pick_items():
    """The meeting with most handlings, the organisation with most contributions and the
    contribution with most revisions (in a process where Django is set up for the database)."""
    from django.db.models import Count

    from contributions.models import Contribution
    from meetings.models import Meeting, Organisation

    meeting = (
        Meeting.objects.select_related("group")
        .annotate(n=Count("handlings"))
        .order_by("-n", "pk")
        .first()
    )
    organisation = Organisation.objects.annotate(n=Count("contributions")).order_by("-n").first()
    contribution = (
        Contribution.objects.annotate(n=Count("revisions"), r=Count("revisions__relations"))
        .order_by("-n", "-r", "pk")
        .first()
    )
    return Picked(meeting, organisation, contribution)


def pick_pages(picked=None):
    """The delegate pages to measure, as (name, path), at the items `pick_items` finds."""
    from contributions.models import Contribution
    from contributions.views import PER_PAGE

    picked = picked or pick_items()
    meeting, organisation, contribution = picked.meeting, picked.organisation, picked.contribution
    # The list pages by keyset (contributions.paging): the last page starts after this one.
    near_end = Contribution.objects.order_by("-number").values_list("number", flat=True)
    near_end = near_end[PER_PAGE] if near_end.count() > PER_PAGE else ""
    middle = Contribution.objects.order_by("title", "number").values_list("number", flat=True)
    middle = middle[Contribution.objects.count() // 2]
    filtered = urlencode({"decision": "agreed", "organisation": organisation.name})
    return [
        ("home", "/"),
        ("meeting", f"/meetings/{meeting.group.code}/{meeting.number}/"),
        ("contribution list", "/contributions/"),
        ("contributions, filtered", f"/contributions/?{filtered}"),
        ("contributions, last page", f"/contributions/?after={near_end}"),
        ("contributions by title, middle", f"/contributions/?sort=title&after={middle}"),
        ("contribution", f"/contributions/{contribution.number}/"),
        ("actions, open", "/actions/?status=any_open"),
        ("meetings", "/meetings/"),
        ("organisation", f"/organisations/{organisation.pk}/"),
        ("organisations", "/organisations/"),
        ("search", "/search/?q=security"),
    ]
