"""The minutes pipeline: readers (bytes to blocks), a pure parser (blocks to records) and an
importer (records to the database, one transaction per file). `load` runs the first two."""

from dataclasses import dataclass
from pathlib import Path

from .parser import parse
from .readers import MinutesError, read_text
from .records import Minutes

READERS = {".txt": read_text}
SUFFIXES = tuple(READERS)


@dataclass
class Loaded:
    path: Path
    raw: bytes
    document: object
    minutes: Minutes


def find_files(paths):
    """The files named, and every minutes file inside the directories named, in stable order."""
    found = []
    for path in map(Path, paths):
        if path.is_dir():
            found.extend(
                sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
            )
        else:
            found.append(path)
    return found


def load(path, *, meeting=None, max_bytes):
    """Read and parse one file; raise MinutesError with a one-line reason if it cannot be."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in READERS:
        raise MinutesError(
            f"unsupported file type {suffix or '(none)'}: Plenary reads {', '.join(SUFFIXES)} files"
        )
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise MinutesError(
                f"the file is {_size(size)}, over the {_size(max_bytes)} limit "
                "(setting MINUTES_MAX_BYTES, from PLENARY_MINUTES_MAX_BYTES)"
            )
        raw = path.read_bytes()
    except OSError as error:
        raise MinutesError(f"cannot read the file: {error.strerror or error}") from None
    document = READERS[suffix](raw)
    return Loaded(path, raw, document, parse(document, meeting))


def _size(count):
    if count >= 1_000_000:
        return f"{count / 1_000_000:.1f} MB"
    if count >= 1000:
        return f"{count / 1000:.1f} kB"
    return f"{count} bytes"
