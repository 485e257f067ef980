"""Import benchmark: parse speed, files per second, queries per file, re-import, memory.

Run with `make bench` (or `python bench/ingest.py --files 500`). Files are made from the
sample minutes with other meetings, years and document numbers, written to a temporary
directory and imported into a fresh SQLite database by `manage.py ingest_minutes`, start-up
included, exactly as a secretary would run it.
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "oneM2M-SEC12-minutes.txt"
sys.path.insert(0, str(ROOT))

# Debug off, as in production: with debug on Django keeps every query in memory.
PRODUCTION = {"DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": "benchmark-only-" + "x" * 50}
_NUMBER = re.compile(r"\b(SEC|PRO|ARC|TP)-2014-(\d+)")
_SHORT = re.compile(r"(?<![\w-])-(\d{4})\b")


def variant(text, index):
    """The sample as the minutes of meeting `index`: its own year, numbers and references."""
    year, offset = 2000 + index // 20, (index % 20) * 400

    def renumber(match):
        return f"{match[1]}-{year}-{int(match[2]) + offset:04d}"

    text = _NUMBER.sub(renumber, text)
    text = _SHORT.sub(lambda m: f"-{int(m[1]) + offset:04d}", text)
    text = text.replace("SEC_12_Agenda", f"SEC_{index}_Agenda")
    # The actions carried over come from the meetings before this one, as in a real archive;
    # kept as written, the same eight would be reviewed at every meeting of the archive.
    # Plenary TP(100 + index) holds meeting `index`.
    text = text.replace("A-WG4-TP10.7-", f"A-WG4-TP{98 + index}.7-")
    text = text.replace("A-WG4-TP11-", f"A-WG4-TP{99 + index}-")
    return text.replace("A-WG4-TP12-", f"A-WG4-TP{100 + index}-")


def write_archive(directory, count):
    text = SAMPLE.read_text(encoding="utf-8")
    for index in range(1, count + 1):
        (directory / f"SEC{index:04d}-minutes.txt").write_text(variant(text, index), "utf-8")


def run(args, database):
    """Run manage.py; return (seconds, peak memory in MB)."""
    env = {**os.environ, **PRODUCTION, "DATABASE_URL": f"sqlite:///{database}"}
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, stdout=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if status:
        raise SystemExit(f"manage.py {' '.join(args)} failed")
    return seconds, usage.ru_maxrss / 1024


def parse_speed():
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("DJANGO_DEBUG", "1")
    django.setup()
    from meetings.minutes.dialects.onem2m import parse
    from meetings.minutes.readers import read_text

    raw = SAMPLE.read_bytes()
    rounds, start = 0, time.perf_counter()
    while time.perf_counter() - start < 3:
        parse(read_text(raw))
        rounds += 1
    sample_speed = rounds * len(raw) / (time.perf_counter() - start) / 1e6
    large = "\n".join(variant(raw.decode(), i) for i in range(1, 53)).encode()
    start = time.perf_counter()
    parse(read_text(large), "SEC#1")
    large_seconds = time.perf_counter() - start
    return sample_speed, len(large) / 1e6, large_seconds


def queries_per_file(directory):
    """Queries for importing one file, for files of growing size (in a test database)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    from meetings.minutes import load
    from meetings.minutes.importer import import_minutes

    setup_test_environment()
    old = connection.creation.create_test_db(verbosity=0)
    try:
        text = SAMPLE.read_text(encoding="utf-8")
        counts = []
        for index, copies in ((0, 1), (1, 1), (2, 4)):  # the first creates groups, companies
            path = directory / f"queries-{index}.txt"
            body = "\n".join(variant(text, 1000 + index * 10 + c) for c in range(copies))
            path.write_text(body, "utf-8")
            loaded = load(path, meeting=f"SEC#{900 + index}", max_bytes=10**8)
            with CaptureQueriesContext(connection) as queries:
                import_minutes(loaded.minutes, loaded.document, name=path.name, raw=loaded.raw)
            counts.append((len(loaded.minutes.contributions), len(queries)))
        return counts[1:]
    finally:
        connection.creation.destroy_test_db(old, verbosity=0)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=500, help="files in the import run")
    parser.add_argument("--memory-files", type=int, default=1000, help="files for the memory run")
    options = parser.parse_args()

    sample_speed, large_mb, large_seconds = parse_speed()
    print(f"parse, sample file (19 kB):      {sample_speed:6.2f} MB/s")
    print(f"parse, one {large_mb:.1f} MB file:        {large_seconds:6.2f} s")

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        (tmp / "archive").mkdir()
        write_archive(tmp / "archive", options.files)
        database = tmp / "bench.sqlite3"
        run(["migrate", "--noinput"], database)
        first, _ = run(["ingest_minutes", str(tmp / "archive")], database)
        again, _ = run(["ingest_minutes", str(tmp / "archive")], database)
        print(
            f"import {options.files} files into SQLite:  {options.files / first:6.1f} files/s "
            f"({first:.1f} s, start-up included)"
        )
        print(
            f"re-import, unchanged:            {options.files / again:6.1f} files/s "
            f"({first / again:.1f}x faster)"
        )

        (tmp / "memory").mkdir()
        write_archive(tmp / "memory", options.memory_files)
        small_db, large_db = tmp / "m1.sqlite3", tmp / "m2.sqlite3"
        run(["migrate", "--noinput"], small_db)
        run(["migrate", "--noinput"], large_db)
        few = sorted((tmp / "memory").iterdir())[:100]
        (tmp / "few").mkdir()
        for path in few:
            (tmp / "few" / path.name).write_bytes(path.read_bytes())
        _, memory_few = run(["ingest_minutes", str(tmp / "few")], small_db)
        _, memory_many = run(["ingest_minutes", str(tmp / "memory")], large_db)
        print(f"peak memory, 100 files:          {memory_few:6.1f} MB")
        print(f"peak memory, {options.memory_files} files:         {memory_many:6.1f} MB")

        for contributions, queries in queries_per_file(tmp):
            print(f"queries for a file of {contributions:3d} contributions: {queries}")


if __name__ == "__main__":
    main()
