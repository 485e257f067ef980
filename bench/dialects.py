"""Parse speed per dialect, on every sample file: MB/s of the raw file.

Run with `make bench-dialects` (or `python bench/dialects.py`). For each file in samples/ the
raw bytes are read once; then, in a loop of at least a second, the file is read into a
document (decoding, HTML or Markdown parsing) and the dialect that recognises it reads it
("whole"), and separately the dialect alone reads an already-read document ("dialect only").
No database: dialects are pure.
"""

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
MIN_SECONDS = 1.0


def per_second(work):
    """How many times a second `work` runs, over at least MIN_SECONDS."""
    runs, start = 0, time.perf_counter()
    while (elapsed := time.perf_counter() - start) < MIN_SECONDS:
        work()
        runs += 1
    return runs / elapsed


def main():
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("DJANGO_SECRET_KEY", "benchmark-only-" + "x" * 50)
    import django

    django.setup()
    from meetings.minutes import MinutesError, dialects, find_files, read

    print(f"{'file':<44} {'dialect':<13} {'size':>8} {'whole MB/s':>11} {'dialect only':>13}")
    for path in find_files([ROOT / "samples"]):
        raw = path.read_bytes()
        try:
            minutes = dialects.read(read(raw, path.name))
        except MinutesError as error:
            print(f"{path.name:<44} not read: {error}")
            continue
        dialect = dialects.get(minutes.dialect)

        def whole(raw=raw, name=path.name):
            dialects.read(read(raw, name))

        document = read(raw, path.name)
        document.tree if document.format == "html" else None  # noqa: B018 (parsed once)
        document.tokens if document.format == "markdown" else None  # noqa: B018

        def alone(document=document, dialect=dialect):
            dialect.parse(document)

        megabytes = len(raw) / 1e6
        print(
            f"{path.name:<44} {dialect.name:<13} {len(raw) / 1000:>6.1f}kB "
            f"{megabytes * per_second(whole):>11.2f} {megabytes * per_second(alone):>13.2f}"
        )


if __name__ == "__main__":
    main()
