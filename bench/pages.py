"""Page benchmark: delegate pages served by gunicorn from a filled PostgreSQL database.

Reproduce (about 6 minutes at 100,000 revisions, on a throwaway PostgreSQL cluster):

    scripts/with-postgres sh -c 'DJANGO_DEBUG=1 .venv/bin/python manage.py migrate -v0 &&
        .venv/bin/python bench/generate.py --revisions 100000 && .venv/bin/python bench/pages.py'

With the database named by DATABASE_URL already filled (bench/generate.py), this collects the
static files into a temporary directory, starts gunicorn (config.wsgi, 2 workers, debug off) on
a free port of 127.0.0.1, warms it up, then sends each page a bounded number of sequential
requests with http.client and reports p50/p95. In-process, with Django's test client against
the same database, it counts each page's queries and times its slowest one, and prints
EXPLAIN ANALYZE of that query for the pages over budget (100 ms p95, 200 ms for search).
gunicorn is stopped at the end, whatever happens.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from serving import collect_static, get, gunicorn, percentile, pick_pages, production_env  # noqa: E402

BUDGET_MS, SEARCH_BUDGET_MS = 100, 200


def queries_of(path):
    """(query count, slowest query ms, all SQL ms, slowest SQL) for one page, in-process."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.get(path)  # warm: caches, connection, the database's buffers
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    if response.status_code != 200:
        raise SystemExit(f"{path}: HTTP {response.status_code} in-process")
    timed = [(float(q["time"]) * 1000, q["sql"]) for q in captured.captured_queries]
    slowest = max(timed, default=(0.0, ""))
    return len(timed), slowest[0], sum(ms for ms, _ in timed), slowest[1]


def explain(sql):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
        return "\n".join(row[0] for row in cursor.fetchall())


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=60, help="measured requests per page")
    parser.add_argument("--seconds", type=float, default=60, help="time limit per page")
    parser.add_argument("--warmup", type=int, default=5, help="unmeasured requests per page")
    parser.add_argument("--only", default="", help="measure the pages whose name contains this")
    options = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("Set DATABASE_URL to the filled PostgreSQL database (see the docstring).")

    static = tempfile.TemporaryDirectory(prefix="plenary-bench-static-")  # removed at exit
    # The test client of the in-process query count asks for "testserver".
    env = production_env(static.name, hosts="127.0.0.1,testserver")
    os.environ.update(env)
    collect_static(env)
    import django

    django.setup()
    pages = [(name, path) for name, path in pick_pages() if options.only in name]

    results = []
    with gunicorn(env, workers=2) as server:
        for name, path in pages:
            for _ in range(options.warmup):
                status, _ = get(server.port, path)
                if status != 200:
                    raise SystemExit(f"{path}: HTTP {status}")
            times, stop = [], time.monotonic() + options.seconds
            while len(times) < options.requests and time.monotonic() < stop:
                status, ms = get(server.port, path)
                if status != 200:
                    raise SystemExit(f"{path}: HTTP {status}")
                times.append(ms)
            results.append((name, path, times))
            print(f"served {name}: {len(times)} requests", file=sys.stderr)

    print("| page | p50 ms | p95 ms | queries | slowest query ms | all SQL ms | p50 / slowest |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    slow = []
    for name, path, times in results:
        count, slowest_ms, sql_ms, sql = queries_of(path)
        p50, p95 = statistics.median(times), percentile(times, 0.95)
        ratio = f"{p50 / slowest_ms:.1f}" if slowest_ms else "-"
        print(
            f"| {name} `{path}` | {p50:.0f} | {p95:.0f} | {count} | {slowest_ms:.1f} "
            f"| {sql_ms:.1f} | {ratio} |"
        )
        budget = SEARCH_BUDGET_MS if path.startswith("/search/") else BUDGET_MS
        if p95 > budget:
            slow.append((name, path, sql))
    for name, path, sql in slow:
        print(f"\n## {name} {path}: slowest query\n{sql}\n\n{explain(sql)}")


if __name__ == "__main__":
    main()
