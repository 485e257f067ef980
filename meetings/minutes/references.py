"""Finding document numbers in minutes as people write them, and making them canonical.

Minutes write "SEC-2014-0364R03", but also "-0362" and "0388R02" (the meeting's group and
year), "SEC-2014-378" (no padding), "TP-0459" (no year), "SEC-2014-0364-" (a trailing dash),
"SEC-2014-0364R01was" (no space), "SEC-2014-0367RF01" (a typo) and "SEC-2014- was NOTED"
(no serial at all). Each is read as the canonical number, and each oddity yields a warning
that quotes what was written.
"""

import re
from collections import Counter
from dataclasses import dataclass

# A full number: group and year, then (normally) the serial and a revision.
_FULL = re.compile(
    r"(?<![\w-])(?P<group>[A-Z][A-Z0-9]{1,9})-(?P<year>19[89]\d|2[01]\d\d)-"
    r"(?P<serial>\d{1,6})?(?P<rev>R\s?F?\d{1,2}(?!\d))?"
)
# "TP-0459": a known group's serial without the year.
_YEARLESS = re.compile(
    r"(?<![\w-])(?P<group>[A-Z][A-Z0-9]{1,9})-(?P<serial>\d{3,6})(?P<rev>R\d{1,2})?(?![\d-])"
)
# "-0362", "-0390R03": the meeting's group and year.
_SHORT = re.compile(r"(?<![\w-])-(?P<serial>\d{3,6})(?P<rev>R\d{1,2})?(?![\w-])")
# "0388R02", "contribution 0362": only where the sentence says a document is meant.
_BARE = re.compile(r"(?<![\w/.-])(?P<serial>\d{4})(?P<rev>R\d{1,2})?(?![\w/.-])")
# "R06", "an R02", "R3": a revision of the contribution under discussion.
_REVISION_ONLY = re.compile(r"(?<![\w-])R(?P<rev>\d{1,2})(?![\w-])")
_DIGITS = re.compile(r"\d{3}")
# What a warning quotes after a number: up to the punctuation, or the letters run on to it.
_TO_PUNCTUATION = re.compile(r"[^.;,]*")
_LETTERS = re.compile(r"[^\W\d_]+")
_QUOTED_CHARS = 100  # at most this much of it, however long the line


@dataclass
class Reference:
    number: str  # canonical: SEC-2014-0364 or SEC-2014-0364R03
    start: int
    end: int
    written: str
    oddity: str | None = None  # what was odd about how it was written, for a warning
    bare: bool = False  # digits only ("0362"): a document only where the sentence says so

    @property
    def family(self):
        return family_of(self.number)


def canonical(group, year, serial, revision=None):
    number = f"{group}-{year}-{int(serial):04d}"
    return f"{number}R{int(revision):02d}" if revision else number


def full_numbers(text):
    """The numbers in `text` written with group and year, however minutes write them
    ("SEC-2014-0364-", "SEC-2014-378", "SEC-2014-0367RF01"), made canonical. Without a
    meeting's context: for what a reader types rather than what minutes say."""
    return [reference.number for reference in Resolver("").full(text)]


def family_of(number):
    """SEC-2014-0364 for SEC-2014-0364R03 (and for itself)."""
    head, _, revision = number.rpartition("R")
    return head if head and revision.isdigit() and head[-1].isdigit() else number


def revision_of(number):
    """3 for SEC-2014-0364R03, 0 for the base document."""
    family = family_of(number)
    return int(number[len(family) + 1 :]) if number != family else 0


class Resolver:
    """Reads document numbers in the context of one meeting's minutes."""

    def __init__(self, text, group=None):
        groups, years = Counter(), Counter()
        for match in _FULL.finditer(text):
            if match["serial"]:
                groups[match["group"]] += 1
                if group is None or match["group"] == group:
                    years[int(match["year"])] += 1
        self.groups = set(groups)
        self.group = group or (groups.most_common(1) or [[None]])[0][0]
        self.year = years.most_common(1)[0][0] if years else None
        if self.group:
            self.groups.add(self.group)

    def full(self, text, context=None):
        """Numbers written with group and year (or a known group without the year)."""
        if "-" not in text:
            return []
        references = []
        for match in _FULL.finditer(text):
            reference = self._from_full(match, text, context)
            if reference:
                references.append(reference)
        taken = Taken(text, references)
        for match in _YEARLESS.finditer(text):
            if match["group"] not in self.groups or not self.year:
                continue
            number = canonical(match["group"], self.year, match["serial"], _rev(match["rev"]))
            oddity = f'Number without a year: "{match[0]}" read as {number}.'
            reference = Reference(number, match.start(), match.end(), match[0], oddity)
            if taken.free(reference):
                references.append(reference)
        return sorted(references, key=lambda r: r.start)

    def short(self, text, context=None, bare=False):
        """Short forms: "-0362", and with `bare` also "0388R02"."""
        if not self.year or not _DIGITS.search(text):
            return []
        group = _group_of(context) or self.group
        references = []
        for pattern in (_SHORT, _BARE) if bare else (_SHORT,):
            for match in pattern.finditer(text):
                number = canonical(group, self.year, match["serial"], _rev(match["rev"]))
                oddity = f'Short number: "{match[0]}" read as {number}.'
                references.append(
                    Reference(
                        number, match.start(), match.end(), match[0], oddity, pattern is _BARE
                    )
                )
        return sorted(references, key=lambda r: r.start)

    def revision_only(self, text, context):
        """ "R06", "an R02": revisions of the contribution `context` (a family number)."""
        if not context:
            return []
        return [
            Reference(f"{context}R{int(m['rev']):02d}", m.start(), m.end(), m[0])
            for m in _REVISION_ONLY.finditer(text)
        ]

    def _from_full(self, match, text, context):
        group, year, serial, rev = match["group"], match["year"], match["serial"], match["rev"]
        written, end = match[0], match.end()
        if serial is None:
            if not (context and context.startswith(f"{group}-{year}-")):
                return None
            quoted = (written + _TO_PUNCTUATION.match(text, end, end + _QUOTED_CHARS)[0]).strip()
            oddity = (
                f'Incomplete number: "{quoted}" read as {context}, '
                "the contribution under discussion."
            )
            return Reference(context, match.start(), end, written, oddity)
        revision = _rev(rev)
        oddities = []
        if len(serial) < 4:
            oddities.append("Unpadded number")
        if rev and ("F" in rev or " " in rev):
            oddities.append("Mistyped revision")
        if text[end : end + 1].isalpha():
            oddities.append("Missing space")
            quoted = written + _LETTERS.match(text, end, end + _QUOTED_CHARS)[0]
        elif text[end : end + 1] == "-" and not text[end + 1 : end + 2].strip():
            oddities.append("Trailing dash")
            end += 1
            written = quoted = written + "-"
        else:
            quoted = written
        number = canonical(group, year, serial, revision)
        oddity = f'{"; ".join(oddities)}: "{quoted}" read as {number}.' if oddities else None
        return Reference(number, match.start(), end, written, oddity)


def _rev(text):
    if not text:
        return None
    digits = re.sub(r"\D", "", text)
    return int(digits) or None


def _group_of(number):
    return number.split("-")[0] if number else None


class Taken:
    """The characters of a text already read as numbers, so that a second reading overlapping
    one is passed over: each is checked in the time of its own length."""

    def __init__(self, text, references=()):
        self.marks = bytearray(len(text))
        for reference in references:
            self.add(reference)

    def free(self, reference):
        return self.marks.find(1, reference.start, reference.end) == -1

    def add(self, reference):
        self.marks[reference.start : reference.end] = b"\x01" * (reference.end - reference.start)
