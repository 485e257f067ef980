"""The minutes pipeline: readers (bytes to blocks), a pure parser (blocks to records) and an
importer (records to the database, one transaction per file). `load` runs the first two."""

from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from .docx import MAX_RATIO, MAX_UNPACKED_BYTES, read_docx
from .parser import parse
from .readers import MinutesError, describe_size, read_text
from .records import Minutes


def read_word(raw, **options):
    """`read_docx` within this deployment's limits: the settings DOCX_MAX_UNPACKED_BYTES and
    DOCX_MAX_RATIO, unless `options` say otherwise."""
    limits = {
        "max_unpacked_bytes": getattr(settings, "DOCX_MAX_UNPACKED_BYTES", MAX_UNPACKED_BYTES),
        "max_ratio": getattr(settings, "DOCX_MAX_RATIO", MAX_RATIO),
    }
    return read_docx(raw, **{**limits, **options})


READERS = {".txt": read_text, ".docx": read_word}
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


def read_file(path, *, max_bytes):
    """The raw bytes of a minutes file; MinutesError for a type or size it refuses."""
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
                f"the file is {describe_size(size)}, over the {describe_size(max_bytes)} limit "
                "(setting MINUTES_MAX_BYTES, from PLENARY_MINUTES_MAX_BYTES)"
            )
        return path.read_bytes()
    except OSError as error:
        raise MinutesError(f"cannot read the file: {error.strerror or error}") from None


def load(path, *, meeting=None, max_bytes, raw=None, max_chars=None):
    """Read (unless `raw` is given) and parse one file; MinutesError says why it cannot be.

    `meeting` ("SEC#12", "WG4#12") names the meeting the file records (see `meeting_named`).
    `max_chars` refuses, before parsing, a file holding more text than that: the admin's
    bound on the work one request does, shared by the files it checks or imports.
    """
    path = Path(path)
    raw = read_file(path, max_bytes=max_bytes) if raw is None else raw
    document = READERS[path.suffix.lower()](raw)
    if max_chars is not None and len(document.text) > max_chars:
        raise MinutesError(
            f"the file holds {len(document.text):,} characters of text; the admin imports at "
            f"most {max_chars:,} more in one request (setting MINUTES_ADMIN_MAX_CHARS, from "
            "PLENARY_ADMIN_MAX_CHARS): import it on its own, or with manage.py ingest_minutes"
        )
    return Loaded(path, raw, document, parse(document, meeting_named(meeting)))


def meeting_named(text):
    """A meeting given as GROUP#NUMBER, with the group as the record knows it.

    The group may be written by its code or its short name, in any case: "WG4#12" and
    "sec#12" are SEC#12 once the record has group SEC alias WG4. A group the record does not
    have yet stays as written, for the import to create; the parser checks the form.
    """
    from meetings.models import Group  # the parser and the readers stay free of the database

    group, hash_sign, number = (text or "").partition("#")
    group = group.strip()
    if not (hash_sign and group):
        return text
    found = (
        Group.objects.filter(code__iexact=group).first()
        or Group.objects.filter(short_name__iexact=group).first()
    )
    return f"{found.code}#{number}" if found else text
