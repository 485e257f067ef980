"""Load benchmark: many clients at once on the delegate pages, on PostgreSQL and on SQLite.

Reproduce (about 3 minutes at 100,000 revisions): `make bench-load`, which runs

    scripts/with-postgres sh -c 'DJANGO_DEBUG=1 .venv/bin/python manage.py migrate -v0 &&
        .venv/bin/python bench/generate.py --revisions 100000 &&
        .venv/bin/python bench/load.py --sqlite-revisions 100000'

For each database, the filled PostgreSQL named by DATABASE_URL and then a temporary SQLite
file that this script migrates and fills with bench/generate.py, it imports a copy of the
sample minutes (so that a minutes page exists), creates a secretary's login with a password
made for the run, and serves Plenary with gunicorn (bench/serving.py: debug off, 2 x cores + 1
sync workers, explicit timeout) on 127.0.0.1. Then 20 client threads, each with its own
http.client connection, request the pages of MIX in its proportions for 30 s after a 5 s
warm-up; a secretary's admin pages come with a sign-in on the client's first one. Only
127.0.0.1 is ever asked, and every run is bounded in time and in requests.

On SQLite, halfway through, `manage.py ingest_minutes samples/` imports the sample (or, with
--import-copies, one long file) while the clients read; while it runs, one more client signs
in again and again, so that the site writes (sessions, last login) at the same moment. Errors
are any status other than 2xx and 3xx (and a redirect from an admin page, which means the
session was not recognised), connection errors and timeouts.

It prints, per database and per page, requests, requests per second, p50 and p95 latency and
errors by cause, the CPU time of the clients, gunicorn and PostgreSQL over the measured
window, and what gunicorn's log says about errors. It exits with status 1 if there were
errors. Servers, the import and the temporary directory are removed at the end, also when
interrupted (Ctrl-C, SIGTERM).
"""

import argparse
import http.client
import itertools
import json
import os
import random
import re
import resource
import secrets
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from contextlib import ExitStack
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest import SAMPLE, variant  # noqa: E402
from serving import (  # noqa: E402
    collect_static,
    gunicorn,
    percentile,
    pick_items,
    pick_pages,
    production_env,
)

# Page kinds and their share of the requests (%): delegates reading, a secretary's admin lists.
MIX = {
    "home": 10,
    "meetings": 7,
    "meeting": 10,
    "meeting documents CSV": 3,
    "minutes": 4,
    "contributions": 10,
    "contributions, filtered": 8,
    "contribution": 15,
    "search": 8,
    "actions, filtered": 7,
    "organisations": 5,
    "organisation": 8,
    "admin: contributions": 1.5,
    "admin: handlings": 1,
    "admin: actions": 1.5,
    "admin: meetings": 1,
}
SIGN_IN_PAGE, SIGN_IN = "sign-in page", "sign in"
SECRETARY = "load-secretary"
MINUTES_NAME = "load-minutes.txt"
_CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


# In the database's own process -------------------------------------------------------------


def prepare(password):
    """Create the secretary's login and return what the clients need, as a dict. Runs in a
    process whose Django is set up for the database under test (see `describe_site`)."""
    import sqlite3

    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.db import connection
    from django.urls import reverse

    from contributions.models import Revision
    from meetings.models import SourceFile
    from meetings.roles import SECRETARIAT

    user, _ = get_user_model().objects.get_or_create(username=SECRETARY)
    user.is_staff = True
    user.set_password(password)
    user.save()
    user.groups.add(Group.objects.get(name=SECRETARIAT))

    picked = pick_items()
    shared = dict(pick_pages(picked))
    meeting, organisation = picked.meeting, picked.organisation
    source = SourceFile.objects.filter(name=MINUTES_NAME, undone_at=None).latest("pk")
    owned = urlencode({"status": "any_open", "owner": organisation.name})
    pages = {
        "home": shared["home"],
        "meetings": shared["meetings"],
        "meeting": shared["meeting"],
        "meeting documents CSV": reverse("meetings:csv", args=[meeting.group.code, meeting.number]),
        "minutes": reverse("meetings:minutes", args=[source.pk]),
        "contributions": shared["contribution list"],
        "contributions, filtered": shared["contributions, filtered"],
        "contribution": shared["contribution"],
        "search": shared["search"],
        "actions, filtered": f"{reverse('actions:list')}?{owned}",
        "organisations": shared["organisations"],
        "organisation": shared["organisation"],
        "admin: contributions": reverse("admin:contributions_contribution_changelist"),
        "admin: handlings": reverse("admin:contributions_handling_changelist"),
        "admin: actions": reverse("admin:actions_actionitem_changelist"),
        "admin: meetings": reverse("admin:meetings_meeting_changelist"),
    }
    if connection.vendor == "postgresql":
        major, minor = divmod(connection.pg_version, 10000)
        database = f"PostgreSQL {major}.{minor}"
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            backend = cursor.fetchone()[0]
        server_pid = _parent_of(backend)  # the postmaster, parent of every backend
    else:
        database, server_pid = f"SQLite {sqlite3.sqlite_version}", None
    return {
        "database": database,
        "server_pid": server_pid,
        "revisions": Revision.objects.count(),
        "pages": pages,
        "sign_in": reverse("login"),
    }


def describe_site(env, password):
    """`prepare` in a process of its own, set up for the database that `env` names."""
    done = subprocess.run(
        [sys.executable, __file__, "--prepare"],
        cwd=ROOT,
        env=env,
        input=password,
        capture_output=True,
        text=True,
    )
    if done.returncode:
        raise SystemExit(f"preparing the site failed:\n{done.stderr}")
    return json.loads(done.stdout)


# CPU time from /proc (Linux) ------------------------------------------------------------------


def _stat(pid):
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None


def _parent_of(pid):
    fields = _stat(pid)
    return int(fields[1]) if fields else None


def cpu_seconds(pid):
    """CPU time of a process and all its descendants, running or ended, in seconds."""
    if pid is None:
        return 0.0
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (fields := _stat(entry.name)):
            parents.setdefault(int(fields[1]), []).append(int(entry.name))

    def tree(pid):
        fields = _stat(pid)
        if not fields:
            return 0
        # utime, stime, and cutime, cstime: the children it has waited for.
        own = sum(int(value) for value in fields[11:15])
        return own + sum(tree(child) for child in parents.get(pid, []))

    return tree(pid) / CLOCK_TICKS


def machine_busy():
    """(busy, total) CPU seconds of the whole machine since boot, all cores."""
    with open("/proc/stat") as stat:
        values = [int(v) for v in stat.readline().split()[1:]]
    idle = values[3] + values[4]  # idle, iowait
    return (sum(values) - idle) / CLOCK_TICKS, sum(values) / CLOCK_TICKS


# The clients ----------------------------------------------------------------------------------


@dataclass
class Sample:
    kind: str
    start: float  # seconds since the clients began
    ms: float
    outcome: str  # the HTTP status, or what went wrong

    @property
    def ok(self):
        return self.outcome.isdigit() and 200 <= int(self.outcome) < 400


@dataclass
class Client:
    """One user: a keep-alive connection (reopened when gunicorn closes it) and, once it has
    opened an admin page, a secretary's session."""

    port: int
    site: dict
    password: str
    timeout: float
    began: float
    samples: list = field(default_factory=list)
    connection: http.client.HTTPConnection | None = None
    session: str | None = None

    def send(self, kind, method, path, body=None, headers=None):
        """Time one request and record it; the response and its body, or None."""
        if self.connection is None:
            self.connection = http.client.HTTPConnection("127.0.0.1", self.port, self.timeout)
        headers = dict(headers or {})
        if self.session:
            headers["Cookie"] = f"sessionid={self.session}"
        start = time.perf_counter()
        try:
            self.connection.request(method, path, body, headers)
            response = self.connection.getresponse()
            content = response.read()
            outcome = str(response.status)
        except TimeoutError:
            response, content, outcome = None, b"", "timeout"
        except (OSError, http.client.HTTPException) as error:
            response, content, outcome = None, b"", type(error).__name__
        ms = (time.perf_counter() - start) * 1000
        if response is None:
            self.connection.close()
            self.connection = None
        self.samples.append(Sample(kind, start - self.began, ms, outcome))
        return (response, content) if response else None

    def get(self, kind):
        answer = self.send(kind, "GET", self.site["pages"][kind])
        if answer and kind.startswith("admin") and 300 <= answer[0].status < 400:
            self.samples[-1].outcome += " (not signed in)"  # sent to the sign-in page
            self.session = None

    def sign_in(self):
        """The login form, then the secretary's name and password: a new session."""
        self.session = None
        answer = self.send(SIGN_IN_PAGE, "GET", self.site["sign_in"])
        if not answer or answer[0].status != 200:
            return False
        csrf = cookies(answer[0]).get("csrftoken")
        token = _CSRF_FIELD.search(answer[1].decode())
        if not (csrf and token):
            self.samples[-1].outcome = "no CSRF token"
            return False
        form = {"username": SECRETARY, "password": self.password, "csrfmiddlewaretoken": token[1]}
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={csrf.value}",
        }
        answer = self.send(SIGN_IN, "POST", self.site["sign_in"], urlencode(form), headers)
        session = cookies(answer[0]).get("sessionid") if answer else None
        if answer and not session and self.samples[-1].ok:
            self.samples[-1].outcome += " (no session)"
        self.session = session.value if session else None
        return bool(self.session)

    def browse(self, rng, until, budget, stop):
        kinds, weights = list(MIX), list(MIX.values())
        while not stop.is_set() and time.monotonic() < until and next(budget) > 0:
            kind = rng.choices(kinds, weights)[0]
            if kind.startswith("admin") and not self.session and not self.sign_in():
                continue
            self.get(kind)

    def sign_in_while(self, running, budget):
        """Sign in again and again while `running` is set (the import)."""
        while running.is_set() and next(budget) > 0:
            self.sign_in()


def cookies(response):
    jar = SimpleCookie()
    for header in response.msg.get_all("Set-Cookie") or []:
        jar.load(header)
    return jar


# One database under load ----------------------------------------------------------------------


@dataclass
class Run:
    title: str
    seconds: float
    samples: list
    cpu: dict
    log: str
    imported: dict | None = None
    budget_spent: bool = False  # --max-requests ended the run early: rates are too low


def manage(env, *args):
    done = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if done.returncode:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
    return done


class DuringImport:
    """`manage.py ingest_minutes PATH` started at a given moment of the run, with a
    secretary signing in again and again while it runs."""

    def __init__(self, env, path, client, budget, at):
        self.env, self.path, self.client, self.budget, self.at = env, path, client, budget, at
        self.running, self.process, self.result = threading.Event(), None, None
        self.thread = threading.Thread(target=self.run, daemon=True)

    def run(self):
        time.sleep(max(0, self.at - (time.monotonic() - self.client.began)))
        began = time.monotonic() - self.client.began
        self.running.set()
        signer = threading.Thread(
            target=self.client.sign_in_while, args=(self.running, self.budget)
        )
        signer.start()
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "ingest_minutes", str(self.path)],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        output, _ = self.process.communicate()
        ended = time.monotonic() - self.client.began
        self.running.clear()
        signer.join()
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = after.ru_utime + after.ru_stime - children.ru_utime - children.ru_stime
        self.result = {
            "began": began,
            "ended": ended,
            "path": self.path.name,
            "cpu": cpu,
            "status": self.process.returncode,
            "output": output.strip(),
        }

    def stop(self):
        self.running.clear()
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def load(env, site, options, log_path, import_path=None):
    """Serve the database that `env` names and put it under load, importing `import_path`
    halfway through if given; a Run."""
    password = site["password"]
    stop, budget = threading.Event(), itertools.count(options.max_requests, -1)
    with ExitStack() as stack:
        log = stack.enter_context(open(log_path, "w"))
        server = stack.enter_context(
            gunicorn(env, workers=options.workers, timeout=options.server_timeout, log=log)
        )
        stack.callback(stop.set)
        began = time.monotonic()
        clients = [
            Client(server.port, site, password, options.timeout, began)
            for _ in range(options.clients)
        ]
        check(clients[0])
        clients[0].samples.clear()
        began = time.monotonic()
        until = began + options.warmup + options.seconds
        threads = []
        for number, client in enumerate(clients):
            client.began = began
            rng = random.Random(options.seed * 1000 + number)
            thread = threading.Thread(
                target=client.browse, args=(rng, until, budget, stop), daemon=True
            )
            threads.append(thread)
        importer = None
        if import_path:
            signer = Client(server.port, site, password, options.timeout, began)
            clients.append(signer)
            halfway = options.warmup + options.seconds / 2
            importer = DuringImport(env, import_path, signer, budget, halfway)
            stack.callback(importer.stop)
        for thread in threads:
            thread.start()
        if importer:
            importer.thread.start()

        time.sleep(max(0, began + options.warmup - time.monotonic()))
        cpu_before = cpu_snapshot(server.pid, site["server_pid"])
        time.sleep(max(0, until - time.monotonic()))
        cpu_after = cpu_snapshot(server.pid, site["server_pid"])
        for thread in threads:
            thread.join(timeout=options.timeout + 5)
        if importer:
            importer.thread.join(timeout=options.import_timeout)
            if importer.thread.is_alive():
                raise SystemExit(f"the import took over {options.import_timeout} s")
    window = [
        Sample(s.kind, s.start - options.warmup, s.ms, s.outcome)
        for client in clients
        for s in client.samples
        if options.warmup <= s.start < options.warmup + options.seconds
    ]
    cpu = {name: cpu_after[name] - cpu_before[name] for name in cpu_before}
    imported = importer.result if importer else None
    if imported:
        imported["began"] -= options.warmup
        imported["ended"] -= options.warmup
    log = Path(log_path).read_text()
    return Run(site["title"], options.seconds, window, cpu, log, imported, next(budget) <= 0)


def check(client):
    """Every page answers before the load starts: a wrong URL is a mistake here, not load."""
    if not client.sign_in():
        raise SystemExit(f"cannot sign in as {SECRETARY}: {client.samples[-1].outcome}")
    for kind, path in client.site["pages"].items():
        client.get(kind)
        if client.samples[-1].outcome != "200":
            raise SystemExit(f"{path}: {client.samples[-1].outcome} before the load")


def cpu_snapshot(gunicorn_pid, database_pid):
    busy, total = machine_busy()
    return {
        "clients": time.process_time(),
        "gunicorn": cpu_seconds(gunicorn_pid),
        "database": cpu_seconds(database_pid),
        "machine": busy,
        "capacity": total,
    }


# The report -----------------------------------------------------------------------------------


def errors_of(samples):
    counts = Counter(s.outcome for s in samples if not s.ok)
    total = sum(counts.values())
    if not total:
        return "0"
    return f"{total} (" + ", ".join(f"{name}: {n}" for name, n in counts.most_common()) + ")"


def row(name, samples, seconds):
    times = [s.ms for s in samples]
    p50 = f"{statistics.median(times):.0f}" if times else "-"
    p95 = f"{percentile(times, 0.95):.0f}" if times else "-"
    rate = len(samples) / seconds
    return f"| {name} | {len(samples)} | {rate:.1f} | {p50} | {p95} | {errors_of(samples)} |"


def report(run):
    print(f"\n### {run.title}\n")
    print("| page | requests | req/s | p50 ms | p95 ms | errors |")
    print("|---|---:|---:|---:|---:|---:|")
    for kind in [*MIX, SIGN_IN_PAGE, SIGN_IN]:
        samples = [s for s in run.samples if s.kind == kind]
        if samples:
            print(row(kind, samples, run.seconds))
    print(row("**all**", run.samples, run.seconds))
    if run.budget_spent:
        print("\nThe request budget (--max-requests) ran out before the time: rates are low.")

    cpu = run.cpu
    capacity = cpu["capacity"]
    other = cpu["machine"] - cpu["clients"] - cpu["gunicorn"] - cpu["database"]
    shares = ", ".join(
        f"{name} {cpu[name]:.1f} s ({cpu[name] / capacity:.0%})"
        for name in ("clients", "gunicorn", "database")
        if cpu[name]
    )
    print(
        f"\nCPU over the {run.seconds:.0f} s, {capacity:.0f} core-seconds: {shares}, "
        f"everything else {other:.1f} s ({other / capacity:.0%}); "
        f"machine busy {cpu['machine'] / capacity:.0%}."
    )
    if run.samples:
        # What a request costs the server side, and so what the cores could serve if the
        # server had them to itself (clients elsewhere, nothing else running).
        per_request = (cpu["gunicorn"] + cpu["database"]) / len(run.samples)
        cores = capacity / run.seconds
        print(
            f"Server CPU per request: {per_request * 1000:.0f} ms, so {cores:.0f} cores "
            f"to itself would serve about {cores / per_request:.0f} requests/s."
        )
    if run.imported:
        imported = run.imported
        during, outside = [], []
        for sample in run.samples:
            inside = imported["began"] <= sample.start < imported["ended"]
            (during if inside else outside).append(sample)
        summary = (imported["output"].splitlines() or [""])[-1]
        print(
            f"\nImport of {imported['path']} from {imported['began']:.1f} s "
            f"to {imported['ended']:.1f} s of the window ({imported['cpu']:.1f} s CPU, "
            f"exit status {imported['status']}): {summary}"
        )
        if imported["status"]:
            print("\n    " + "\n    ".join(imported["output"].splitlines()[-15:]))
        print("\n| requests | count | p50 ms | p95 ms | errors |\n|---|---:|---:|---:|---:|")
        for name, samples in (("during the import", during), ("the rest", outside)):
            times = [s.ms for s in samples] or [0]
            print(
                f"| {name} | {len(samples)} | {statistics.median(times):.0f} "
                f"| {percentile(times, 0.95):.0f} | {errors_of(samples)} |"
            )
        writes = [s for s in during if s.kind == SIGN_IN]
        print(f"\nSign-ins during the import: {len(writes)}, errors {errors_of(writes)}.")
        if imported["ended"] > run.seconds:
            print("The import outlasted the measured window; the table stops at its end.")
    print("\ngunicorn's log: " + (summarise_log(run.log) or "no errors or warnings."))


def summarise_log(text):
    """What went wrong, by kind, from gunicorn's and Django's messages."""
    found = Counter()
    for line in text.splitlines():
        if match := re.match(r"^(?:\w+\.)*\w*(?:Error|Exception|Locked)\w*: .*", line):
            found[match[0][:160]] += 1
        elif "WORKER TIMEOUT" in line or "Internal Server Error" in line:
            found[re.sub(r"^\[[^]]*\] \[\d+\] ", "", line)[:160]] += 1
    return "".join(f"\n    {count} x {line}" for line, count in found.most_common(20))


# Driving it all -------------------------------------------------------------------------------


def interrupt(number, frame):
    raise SystemExit(128 + number)  # unwinds: servers, the import and files are removed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20, help="concurrent clients")
    parser.add_argument("--seconds", type=float, default=30, help="measured seconds per database")
    parser.add_argument("--warmup", type=float, default=5, help="unmeasured seconds first")
    parser.add_argument(
        "--max-requests", type=int, default=50_000, help="at most this many requests a database"
    )
    parser.add_argument("--timeout", type=float, default=10, help="client timeout, seconds")
    parser.add_argument(
        "--workers", type=int, default=2 * os.cpu_count() + 1, help="gunicorn workers"
    )
    parser.add_argument("--server-timeout", type=int, default=60, help="gunicorn's --timeout")
    parser.add_argument(
        "--databases",
        default="postgres,sqlite",
        help="postgres (the one DATABASE_URL names), sqlite (a temporary file), or both",
    )
    parser.add_argument(
        "--sqlite-revisions", type=int, default=100_000, help="bench/generate.py size for SQLite"
    )
    parser.add_argument("--no-import", action="store_true", help="no import during the SQLite run")
    parser.add_argument(
        "--import-copies",
        type=int,
        default=0,
        help="import one file of this many copies of the sample, each with its own numbers, "
        "instead of samples/ (52 copies make 1 MB)",
    )
    parser.add_argument("--import-timeout", type=float, default=120, help="longest import, s")
    parser.add_argument("--seed", type=int, default=1, help="the clients' choice of pages")
    parser.add_argument(
        "--log-dir", type=Path, help="keep gunicorn's logs here (by default they are deleted)"
    )
    parser.add_argument("--prepare", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()

    if options.prepare:  # the child process of describe_site
        import django

        django.setup()
        print(json.dumps(prepare(sys.stdin.read())))
        return

    databases = [name.strip() for name in options.databases.split(",")]
    if "postgres" in databases and not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit(
            "Set DATABASE_URL to the filled PostgreSQL database (see the docstring), "
            "or pass --databases sqlite."
        )
    for number in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(number, interrupt)

    runs = []
    with tempfile.TemporaryDirectory(prefix="plenary-load-") as tmp:
        tmp = Path(tmp)
        static_root = tmp / "static"
        collect_static(production_env(static_root))
        minutes = tmp / "minutes"
        minutes.mkdir()
        # Meeting SEC#900 with its own document numbers: a minutes page, apart from samples/.
        sample = SAMPLE.read_text("utf-8")
        (minutes / MINUTES_NAME).write_text(variant(sample, 900), "utf-8")
        import_path = SAMPLE.parent
        if options.import_copies:  # one long file, of meeting SEC#600
            copies = (variant(sample, 600 + n) for n in range(options.import_copies))
            import_path = tmp / "archive-minutes.txt"
            import_path.write_text("\n".join(copies), "utf-8")

        for database in databases:
            if database == "postgres":
                url = os.environ["DATABASE_URL"]
            elif database == "sqlite":
                url = f"sqlite:///{tmp / 'load.sqlite3'}"
            else:
                raise SystemExit(f"unknown database {database!r}: postgres or sqlite")
            env = production_env(static_root, DATABASE_URL=url)
            if database == "sqlite":
                start = time.perf_counter()
                manage(env, "migrate", "--noinput")
                revisions = str(options.sqlite_revisions)
                subprocess.run(
                    [sys.executable, "bench/generate.py", "--revisions", revisions],
                    cwd=ROOT,
                    env=env,
                    check=True,
                    stdout=subprocess.DEVNULL,
                )
                print(
                    f"SQLite: migrated and filled with {options.sqlite_revisions:,} revisions "
                    f"in {time.perf_counter() - start:.0f} s",
                    file=sys.stderr,
                )
            manage(env, "ingest_minutes", str(minutes))
            password = secrets.token_urlsafe(16)
            site = {**describe_site(env, password), "password": password}
            site["title"] = (
                f"{site['database']}, {site['revisions']:,} revisions: {options.clients} "
                f"clients, {options.workers} gunicorn workers, {options.seconds:.0f} s"
            )
            print(f"load: {site['title']}", file=sys.stderr)
            runs.append(
                load(
                    env,
                    site,
                    options,
                    (options.log_dir or tmp) / f"gunicorn-{database}.log",
                    import_path if database == "sqlite" and not options.no_import else None,
                )
            )

    for run in runs:
        report(run)
    if any(not s.ok for run in runs for s in run.samples):
        sys.exit(1)


if __name__ == "__main__":
    main()
