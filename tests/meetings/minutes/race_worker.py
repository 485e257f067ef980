"""One side of a race, run as its own process by test_concurrency.py against a shared database.

    python -m tests.meetings.minutes.race_worker import PATH [--hold]
    python -m tests.meetings.minutes.race_worker undo NAME
    python -m tests.meetings.minutes.race_worker upload PATH USERNAME
    python -m tests.meetings.minutes.race_worker confirm UPLOAD_ID USERNAME
    python -m tests.meetings.minutes.race_worker delegate USERNAME
    python -m tests.meetings.minutes.race_worker login USERNAME
    python -m tests.meetings.minutes.race_worker record

It prints one JSON line with what happened. `--hold` keeps the import's transaction open, after
printing {"holding": true}, until a line arrives on standard input: the test then knows the
import holds its locks and has written its rows, uncommitted. The line "rollback" rolls the
import back, as the admin's preview does.
"""

import json
import os
import sys
from pathlib import Path

import django

PASSWORD = "a-race-password-1"


def main(command, *args):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    print(json.dumps(globals()[f"_{command}"](*args)), flush=True)


def _import(path, hold=None):
    from django.db import transaction

    from meetings.minutes import MinutesError, load
    from meetings.minutes.importer import import_minutes

    path = Path(path)
    try:
        loaded = load(path, max_bytes=10**8)
        with transaction.atomic():
            result = import_minutes(loaded.minutes, loaded.document, name=path.name, raw=loaded.raw)
            if hold:
                print(json.dumps({"holding": True}), flush=True)
                if sys.stdin.readline().strip() == "rollback":  # as a preview does
                    transaction.set_rollback(True)
                    return {"status": "rolled back"}
    except MinutesError as error:
        return {"error": str(error)}
    return {"status": result.status, "meeting": result.meeting}


def _undo(name):
    from meetings.minutes.undo import UndoRefused, undo_import
    from meetings.models import SourceFile

    source = SourceFile.objects.get(name=name, undone_at=None)
    try:
        undo_import(source)
    except UndoRefused as error:
        return {"refused": str(error)}
    return {"undone": name}


def _upload(path, username):
    """A secretary who uploaded `path` and saw its preview, waiting to confirm."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.urls import reverse

    from meetings.models import Upload
    from meetings.roles import SECRETARIAT

    user = get_user_model().objects.create_user(username, is_staff=True)
    user.groups.add(Group.objects.get(name=SECRETARIAT))
    client = _client(user)
    with open(path, "rb") as file:
        client.post(reverse("admin:meetings_sourcefile_import"), {"files": [file]})
    return {"upload": Upload.objects.get(uploaded_by=user).pk}


def _confirm(upload_id, username):
    from django.contrib.auth import get_user_model
    from django.contrib.messages import get_messages
    from django.urls import reverse

    client = _client(get_user_model().objects.get(username=username))
    response = client.post(reverse("admin:meetings_sourcefile_confirm"), {"uploads": upload_id})
    said = [str(message) for message in get_messages(response.wsgi_request)]
    return {"status": response.status_code, "messages": said}


def _delegate(username):
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_user(username, password=PASSWORD)
    return {"delegate": username}


def _login(username):
    """Sign in through the login page, which writes the session and the last login."""
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    print(json.dumps({"signing in": username}), flush=True)
    response = Client(raise_request_exception=False).post(
        "/accounts/login/", {"username": username, "password": PASSWORD}
    )
    return {"status": response.status_code, "to": response.get("Location")}


def _client(user):
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()  # the test client's host name, "testserver", is allowed
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def _record():
    from actions.models import StatusUpdate
    from contributions.models import Handling
    from meetings.models import Meeting, Organisation, Person, Resolution, SourceFile

    return {
        "meetings": sorted(str(meeting) for meeting in Meeting.objects.all()),
        "handlings": Handling.objects.count(),
        "resolutions": Resolution.objects.count(),
        "status updates": StatusUpdate.objects.count(),
        "organisations": sorted(Organisation.objects.values_list("name", flat=True)),
        "people": sorted(Person.objects.values_list("name", flat=True)),
        "imported": sorted(
            SourceFile.objects.filter(undone_at=None).values_list("name", flat=True)
        ),
    }


if __name__ == "__main__":
    main(*sys.argv[1:])
