"""Canonical document numbers: SEC-2014-0364 for a contribution, SEC-2014-0364R03 for a revision.

This module knows only the canonical form; resolving what minutes actually write ("-0362",
"SEC-2014-378", "RF01") is the minutes parser's job.
"""

import re
from dataclasses import dataclass

_CANONICAL = re.compile(
    r"(?P<group>[A-Z][A-Z0-9]*)-(?P<year>\d{4})-(?P<serial>\d{4,})(?:R(?P<revision>\d{2,}))?"
)


@dataclass(frozen=True)
class DocumentNumber:
    group: str
    year: int
    serial: int
    revision: int | None = None  # None: the contribution itself (its base document)

    @property
    def family(self):
        return f"{self.group}-{self.year}-{self.serial:04d}"

    def __str__(self):
        return self.family if self.revision is None else f"{self.family}R{self.revision:02d}"


def parse_number(text):
    """Parse a canonical number; raise ValueError saying what is expected otherwise.

    "R00" means the base document and parses as the contribution itself.
    """
    match = _CANONICAL.fullmatch(text.strip().upper())
    if not match:
        raise ValueError(
            f"{text!r} is not a document number like SEC-2014-0364 or SEC-2014-0364R03."
        )
    revision = int(match["revision"] or 0)
    return DocumentNumber(
        group=match["group"],
        year=int(match["year"]),
        serial=int(match["serial"]),
        revision=revision or None,
    )


_TYPED = re.compile(
    r"(?P<group>[A-Za-z][A-Za-z0-9]*)\s*-\s*(?P<year>19[89]\d|2[01]\d\d)\s*-\s*(?P<serial>\d{1,6})"
    r"(?:\s*[Rr](?P<revision>\d{1,2}))?"
)


def read_number(text):
    """A number as people type it ("sec-2014-363", "SEC-2014-0363r1"), made canonical.

    Raises ValueError like `parse_number` for anything that is not a full number.
    """
    match = _TYPED.fullmatch(text.strip())
    if not match:
        raise ValueError(
            f"{text!r} is not a document number like SEC-2014-0364 or SEC-2014-0364R03."
        )
    revision = int(match["revision"] or 0)
    return DocumentNumber(
        group=match["group"].upper(),
        year=int(match["year"]),
        serial=int(match["serial"]),
        revision=revision or None,
    )


# An Internet-Draft's name, with or without its two-digit version: "draft-ietf-httpbis-
# resumable-upload-03" is version 03 of the draft "draft-ietf-httpbis-resumable-upload".
DRAFT_NAME = re.compile(r"draft-[a-z0-9]+(?:-[a-z0-9]+)+", re.IGNORECASE)
_DRAFT_VERSION = re.compile(r"-(\d{2})$")


def split_draft(name):
    """(draft, version) of an Internet-Draft's name, in lower case as the IETF writes them:
    ("draft-ietf-quic-multipath", 6) for "draft-ietf-quic-multipath-06", and version None
    when the name has none. ValueError for what is not a draft's name."""
    name = name.strip().lower()
    if not DRAFT_NAME.fullmatch(name):
        raise ValueError(f"{name!r} is not an Internet-Draft name like draft-ietf-wg-topic-05.")
    version = _DRAFT_VERSION.search(name)
    if version:
        return name[: version.start()], int(version[1])
    return name, None


def draft_number(draft, version=None):
    """The document number of a draft's version: "draft-ietf-quic-multipath-06"."""
    return draft if version is None else f"{draft}-{version:02d}"
