"""Document numbers, the one place that knows them: each numbering scheme, canonical forms.

- **oneM2M / ETSI style**: SEC-2014-0364 is a contribution (group, year, serial), and
  SEC-2014-0364R03 its third revision.
- **Internet-Drafts**: draft-ietf-quic-multipath is the draft, draft-ietf-quic-multipath-06
  its version 06. A draft named without a version stands for "the draft, version not said"
  (revision 0 in the record); version NN is revision NN + 1, so that -00 is a revision too.

This module knows only canonical forms and how people type them; finding numbers in running
minutes text ("-0362", "SEC-2014-378", "RF01") is each dialect's job.
"""

import re
from dataclasses import dataclass

_CANONICAL = re.compile(
    r"(?P<group>[A-Z][A-Z0-9]*)-(?P<year>\d{4})-(?P<serial>\d{4,})(?:R(?P<revision>\d{2,}))?"
)
_TYPED = re.compile(
    r"(?P<group>[A-Za-z][A-Za-z0-9]*)\s*-\s*(?P<year>19[89]\d|2[01]\d\d)\s*-\s*(?P<serial>\d{1,6})"
    r"(?:\s*[Rr](?P<revision>\d{1,2}))?"
)
# An Internet-Draft's name, with or without its two-digit version: "draft-ietf-httpbis-
# resumable-upload-03" is version 03 of the draft "draft-ietf-httpbis-resumable-upload".
DRAFT_NAME = re.compile(r"draft-[a-z0-9]+(?:-[a-z0-9]+)+", re.IGNORECASE)
_DRAFT_VERSION = re.compile(r"-(\d{2})$")
# "draft-ietf-httpbis-cache": the working group whose draft it is.
_WG_DRAFT = re.compile(r"draft-ietf-(?P<wg>[a-z0-9]+)-")
EXAMPLES = "SEC-2014-0364, SEC-2014-0364R03 or draft-ietf-quic-multipath-06"


@dataclass(frozen=True)
class DocumentNumber:
    family: str  # the contribution: SEC-2014-0364, draft-ietf-quic-multipath
    revision: int | None = None  # None: the contribution itself (its base document)
    group: str | None = None  # the group whose document it is, where the number says
    year: int | None = None
    serial: int | None = None

    def __str__(self):
        return number_for(self.family, self.revision or 0)


def is_draft(number):
    return number[:6].lower() == "draft-"


def number_for(family, revision):
    """The number of revision `revision` of the contribution `family`: SEC-2014-0364R03,
    draft-ietf-quic-multipath-06; the family's own number for revision 0."""
    if not revision:
        return family
    return f"{family}-{revision - 1:02d}" if is_draft(family) else f"{family}R{revision:02d}"


def parse_number(text):
    """Parse a canonical number; raise ValueError saying what is expected otherwise.

    "R00" means the base document and parses as the contribution itself.
    """
    if is_draft(text.strip()):
        return _draft(text)
    match = _CANONICAL.fullmatch(text.strip().upper())
    if not match:
        raise ValueError(f"{text!r} is not a document number like {EXAMPLES}.")
    return _onem2m(match)


def read_number(text):
    """A number as people type it ("sec-2014-363", "SEC-2014-0363r1", "Draft-IETF-…-06"),
    made canonical. Raises ValueError like `parse_number` for anything else."""
    if is_draft(text.strip()):
        return _draft(text)
    match = _TYPED.fullmatch(text.strip())
    if not match:
        raise ValueError(f"{text!r} is not a document number like {EXAMPLES}.")
    return _onem2m(match)


def _onem2m(match):
    group, year, serial = match["group"].upper(), int(match["year"]), int(match["serial"])
    revision = int(match["revision"] or 0) or None
    return DocumentNumber(f"{group}-{year}-{serial:04d}", revision, group, year, serial)


def _draft(text):
    family, version = split_draft(text)
    wg = _WG_DRAFT.match(family)
    return DocumentNumber(
        family, None if version is None else version + 1, wg["wg"] if wg else None
    )


def split_draft(name):
    """(draft, version) of an Internet-Draft's name, in lower case as the IETF writes them:
    ("draft-ietf-quic-multipath", 6) for "draft-ietf-quic-multipath-06", and version None
    when the name has none. ValueError for what is not a draft's name."""
    name = name.strip().lower()
    if not DRAFT_NAME.fullmatch(name) or len(name) > 90:
        raise ValueError(f"{name!r} is not an Internet-Draft name like draft-ietf-wg-topic-05.")
    version = _DRAFT_VERSION.search(name)
    if version:
        return name[: version.start()], int(version[1])
    return name, None


def draft_number(draft, version=None):
    """The document number of a draft's version: "draft-ietf-quic-multipath-06"."""
    return draft if version is None else f"{draft}-{version:02d}"
