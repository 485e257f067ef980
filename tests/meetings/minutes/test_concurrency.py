"""Imports and undos racing each other, as real processes on one real database.

Each test gets a database of its own, on the suite's database server (PostgreSQL in CI's
second run, an SQLite file otherwise), and drives the race with race_worker.py processes. One
side holds its transaction open until the test lets it commit, so the order is the one the
test states, however fast the machine.
"""

import json
import os
import shutil
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager, nullcontext
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.db import connection

from .helpers import SAMPLE, minutes_with

ROOT = Path(__file__).resolve().parents[3]
POSTGRES = connection.vendor == "postgresql"
WAIT = 60  # seconds a worker may take to reach the state the test waits for


def _server():
    """A connection to the suite's PostgreSQL server, outside any test database."""
    options = settings.DATABASES["default"]
    return psycopg.connect(
        dbname="postgres",
        host=options["HOST"],
        port=options["PORT"] or 5432,
        user=options["USER"],
        password=options["PASSWORD"] or None,
        autocommit=True,
    )


def _url(name):
    options = settings.DATABASES["default"]
    password = f":{options['PASSWORD']}" if options["PASSWORD"] else ""
    return f"postgres://{options['USER']}{password}@{options['HOST']}:{options['PORT']}/{name}"


def _env(database_url, uploads):
    env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_DEBUG": "1"}
    env["PLENARY_UPLOAD_DIR"] = str(uploads)
    return env


@contextmanager
def _database(template=None):
    """A new PostgreSQL database (a copy of `template`), dropped at the end."""
    name = f"race_{uuid.uuid4().hex[:12]}"
    with _server() as server:
        server.execute(f"CREATE DATABASE {name}" + (f" TEMPLATE {template}" if template else ""))
    try:
        yield name
    finally:
        with _server() as server:
            server.execute(f"DROP DATABASE {name} WITH (FORCE)")


@pytest.fixture(scope="module")
def migrated(tmp_path_factory):
    """A migrated database to copy for each test: an SQLite file, or a PostgreSQL template."""
    folder = tmp_path_factory.mktemp("race")
    with _database() if POSTGRES else nullcontext(folder / "template.sqlite3") as database:
        url = _url(database) if POSTGRES else f"sqlite:///{database}"
        migrate = [sys.executable, "manage.py", "migrate", "--noinput", "-v0"]
        subprocess.run(migrate, cwd=ROOT, env=_env(url, folder), check=True)
        yield database


@pytest.fixture
def race(migrated, tmp_path):
    """Starts workers on a fresh copy of the migrated database."""
    if not POSTGRES:
        shutil.copy(migrated, tmp_path / "record.sqlite3")
    with _database(migrated) if POSTGRES else nullcontext(tmp_path / "record.sqlite3") as name:
        url = _url(name) if POSTGRES else f"sqlite:///{name}"
        workers = Workers(_env(url, tmp_path / "uploads"), name)
        yield workers
        workers.stop()


class Workers:
    def __init__(self, env, database):
        self.env, self.database, self.running = env, database, []

    def start(self, *args):
        process = subprocess.Popen(
            [sys.executable, "-m", "tests.meetings.minutes.race_worker", *map(str, args)],
            cwd=ROOT,
            env=self.env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.running.append(process)
        return process

    def run(self, *args):
        return self.result(self.start(*args))

    def ingest(self, *paths):
        command = [sys.executable, "manage.py", "ingest_minutes", "-v2", *map(str, paths)]
        return subprocess.Popen(
            command, cwd=ROOT, env=self.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )

    @staticmethod
    def result(process, send=None):
        out, err = process.communicate(send, timeout=WAIT)
        assert process.returncode == 0, err
        return json.loads(out.strip().splitlines()[-1])

    @staticmethod
    def line(process):
        """The next line the worker prints (it says it holds its transaction open)."""
        line = process.stdout.readline()
        assert line, process.stderr.read()
        return json.loads(line)

    def wait_until_blocked(self, process, waiting=1):
        """Until `process` waits for a lock another worker holds (and `waiting` sessions
        in all do).

        PostgreSQL shows the waiting session; an SQLite writer only sleeps in its busy
        handler, so there the test gives it time to get there and checks it has not finished.
        """
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            assert process.poll() is None, "finished without waiting: " + process.stderr.read()
            if not POSTGRES:
                time.sleep(1.5)
                assert process.poll() is None, "finished without waiting: " + process.stderr.read()
                return
            with _server() as server:
                count = server.execute(
                    "SELECT count(*) FROM pg_stat_activity "
                    "WHERE datname = %s AND wait_event_type = 'Lock'",
                    [self.database],
                ).fetchone()[0]
            if count >= waiting:
                return
            time.sleep(0.1)
        pytest.fail("the worker never waited for the lock")

    def stop(self):
        for process in self.running:
            if process.poll() is None:
                process.kill()
            process.communicate()


def _earlier(tmp_path):
    """Minutes of SEC#11, presented by Wei Zhou of CATT."""
    path = tmp_path / "sec11.txt"
    path.write_text(minutes_with(1, "SEC_11_Agenda", start=300), encoding="utf-8")
    return path


def corrected(tmp_path):
    """SEC#12's minutes as a secretary corrects them: one decision is no longer AGREED."""
    text = SAMPLE.read_text(encoding="utf-8").replace("R03 was AGREED", "R03 was NOTED", 1)
    path = tmp_path / "oneM2M-SEC12-minutes-corrected.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_an_undo_waits_for_an_import_of_its_meeting_and_refuses_after_it(race, tmp_path):
    assert race.run("import", SAMPLE)["status"] == "created"
    importing = race.start("import", corrected(tmp_path), "--hold")
    assert race.line(importing) == {"holding": True}

    undoing = race.start("undo", SAMPLE.name)
    race.wait_until_blocked(undoing)
    imported = race.result(importing, send="\n")
    undone = race.result(undoing)

    assert imported == {"status": "updated", "meeting": "SEC#12"}
    assert "changed the same rows later: undo that import first" in undone["refused"]
    record = race.run("record")
    assert record["meetings"] == ["SEC#12"]
    assert record["handlings"] > 50 and record["resolutions"] and record["status updates"]
    assert record["imported"] == ["oneM2M-SEC12-minutes-corrected.txt", SAMPLE.name]


def test_an_import_queued_behind_an_undo_of_its_meeting_imports_afresh(race, tmp_path):
    assert race.run("import", SAMPLE)["status"] == "created"
    # The undo runs while an unrelated import holds the lock every import shares, so it has to
    # wait; the corrected file's import then waits behind the undo.
    other = tmp_path / "sec13.txt"
    other.write_text(minutes_with(2, "SEC_13_Agenda", start=500), encoding="utf-8")
    holding = race.start("import", other, "--hold")
    assert race.line(holding) == {"holding": True}
    undoing = race.start("undo", SAMPLE.name)
    race.wait_until_blocked(undoing)
    importing = race.start("import", corrected(tmp_path))
    race.wait_until_blocked(importing, waiting=2)

    assert race.result(holding, send="\n")["status"] == "created"
    undone, imported = race.result(undoing), race.result(importing)
    if POSTGRES:  # the import queued behind the undo
        assert (undone, imported) == (
            {"undone": SAMPLE.name},
            {"status": "created", "meeting": "SEC#12"},
        )
    else:  # SQLite wakes its waiting writers in no set order: either order, whole
        assert (undone, imported) in [
            ({"undone": SAMPLE.name}, {"status": "created", "meeting": "SEC#12"}),
            (
                {"refused": undone.get("refused", "")},
                {"status": "updated", "meeting": "SEC#12"},
            ),
        ]
    record = race.run("record")
    assert record["meetings"] == ["SEC#12", "SEC#13"]
    assert record["handlings"] > 50 and record["resolutions"] and record["status updates"]


def test_imports_of_two_meetings_naming_the_same_new_organisation_both_succeed(race, tmp_path):
    assert race.run("import", _earlier(tmp_path))["status"] == "created"  # SEC, CATT, Wei Zhou
    first, second = tmp_path / "sec13.txt", tmp_path / "sec14.txt"
    for path, start in [(first, 400), (second, 500)]:
        text = minutes_with(3, path.stem.upper().replace("SEC", "SEC_") + "_Agenda", start=start)
        path.write_text(text.replace("Wei Zhou, CATT", "Ana Lima, Nova Labs"), encoding="utf-8")

    holding = race.start("import", first, "--hold")
    assert race.line(holding) == {"holding": True}
    waiting = race.start("import", second)
    race.wait_until_blocked(waiting)  # on Nova Labs's name, until the first import commits

    assert race.result(holding, send="\n") == {"status": "created", "meeting": "SEC#13"}
    assert race.result(waiting) == {"status": "created", "meeting": "SEC#14"}
    record = race.run("record")
    assert record["meetings"] == ["SEC#11", "SEC#13", "SEC#14"]
    assert record["organisations"] == ["CATT", "Nova Labs"]
    assert record["people"] == ["Ana Lima", "Wei Zhou"]


def test_imports_adding_the_same_new_names_in_opposite_orders_both_succeed(race, tmp_path):
    def minutes(number, companies):
        text = minutes_with(1, f"SEC_{number}_Agenda", start=number * 100)
        return text.replace("Wei Zhou, CATT", f"Wei Zhou on behalf of {companies}")

    paths = {}
    for number, companies in [(12, "Xco"), (13, "Xco and Yco"), (14, "Yco and Xco")]:
        paths[number] = tmp_path / f"sec{number}.txt"
        paths[number].write_text(minutes(number, companies), encoding="utf-8")
    assert race.run("import", _earlier(tmp_path))["status"] == "created"  # group SEC, Wei Zhou
    # A preview adds Xco, uncommitted: SEC#13 waits on it, SEC#14 too, holding Yco.
    previewing = race.start("import", paths[12], "--hold")
    assert race.line(previewing) == {"holding": True}
    first, second = race.start("import", paths[13]), race.start("import", paths[14])
    race.wait_until_blocked(second, waiting=2)

    assert race.result(previewing, send="rollback\n") == {"status": "rolled back"}
    assert race.result(first) == {"status": "created", "meeting": "SEC#13"}
    assert race.result(second) == {"status": "created", "meeting": "SEC#14"}
    assert race.run("record")["organisations"] == ["CATT", "Xco", "Yco"]


def test_simultaneous_imports_of_one_file_import_it_once(race):
    commands = [race.ingest(SAMPLE) for _ in range(3)]
    outputs = [command.communicate(timeout=WAIT) for command in commands]

    assert [command.returncode for command in commands] == [0, 0, 0], outputs
    said = "".join(out.decode() + err.decode() for out, err in outputs)
    assert "internal error" not in said
    assert said.count("1 created") == 1 and said.count("1 unchanged") == 2
    assert race.run("record")["imported"] == [SAMPLE.name]


def test_several_imports_of_different_meetings_at_once_all_succeed(race, tmp_path):
    paths = []
    for number in range(13, 17):  # each adds group SEC, CATT and Wei Zhou if still missing
        path = tmp_path / f"sec{number}.txt"
        path.write_text(minutes_with(3, f"SEC_{number}_Agenda", start=number * 100), "utf-8")
        paths.append(path)

    commands = [race.ingest(path) for path in paths]
    outputs = [command.communicate(timeout=WAIT) for command in commands]

    assert [command.returncode for command in commands] == [0] * 4, outputs
    assert all(b"(1 created)" in out for out, _ in outputs)
    record = race.run("record")
    assert record["meetings"] == ["SEC#13", "SEC#14", "SEC#15", "SEC#16"]
    assert record["organisations"] == ["CATT"] and record["people"] == ["Wei Zhou"]


def test_two_confirms_of_one_upload_import_it_once_and_say_so(race):
    upload = race.run("upload", SAMPLE, "secretary")["upload"]

    confirms = [race.start("confirm", upload, "secretary") for _ in range(2)]
    results = [race.result(confirm) for confirm in confirms]

    assert [result["status"] for result in results] == [302, 302]
    said = sorted(message for result in results for message in result["messages"])
    assert f"Imported {SAMPLE.name}: SEC#12 added." in said
    assert len(said) == 2 and said != [said[0]] * 2
    assert any("already imported" in message or "Nothing to import" in message for message in said)
    assert race.run("record")["imported"] == [SAMPLE.name]


def test_a_sign_in_during_a_long_import_waits_for_it_instead_of_failing(race, tmp_path):
    race.run("delegate", "delegate")
    importing = race.start("import", SAMPLE, "--hold")
    assert race.line(importing) == {"holding": True}

    signing_in = race.start("login", "delegate")
    assert race.line(signing_in) == {"signing in": "delegate"}
    if not POSTGRES:  # SQLite's one writer: the sign-in waits, past sqlite3's own 5 seconds
        time.sleep(6)
        assert signing_in.poll() is None
    race.result(importing, send="\n")

    assert race.result(signing_in) == {"status": 302, "to": "/"}
