"""What several dialects read alike: dates as minutes write them, and a group's short name."""

import re
from datetime import date

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_DATES = [
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<day>\d\d)\b"),  # 2025-10-08
    re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+(?P<year>(?:19|20)\d\d)\b"),
    re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b"),
]
# "https://www.w3.org/2025/10/08-vcwg-irc": the IRC channel is the group's short name.
_IRC_LOG = re.compile(
    r"/(?:19|20)\d\d/\d\d/\d\d-(?P<channel>[A-Za-z0-9][\w-]{0,19}?)-(?:irc|minutes)"
)
_SMALL_WORDS = {"and", "of", "the", "for", "on", "in", "a", "an", "to", "&"}


def find_date(text):
    """The first date written in `text` as ISO ("2025-10-08"), from "2025-10-08",
    "08 October 2025", "29 Jan 2015", "March 26, 2025" or "Tuesday, 19 March 2024"; None if
    there is none, or it is not a day of the calendar (a typo such as "Semptember" included)."""
    found = []
    for pattern in _DATES:
        match = pattern.search(text)
        if match:
            found.append(match)
    for match in sorted(found, key=lambda m: m.start()):
        groups = match.groupdict()
        month = int(groups["m"]) if groups.get("m") else MONTHS.get(groups["month"].lower())
        if month is None:
            continue
        try:
            return date(int(groups["year"]), month, int(groups["day"])).isoformat()
        except ValueError:
            continue
    return None


def irc_channel(url):
    """ "vcwg" for a W3C IRC log or minutes address such as
    https://www.w3.org/2025/10/08-vcwg-irc; None for any other address."""
    match = _IRC_LOG.search(url or "")
    return match["channel"].lower() if match else None


def initials(name):
    """A group's short name made from its full name when the minutes give no other:
    "Technical Architecture Group" is "TAG"."""
    words = [
        word for word in re.findall(r"[A-Za-z][\w-]*", name) if word.lower() not in _SMALL_WORDS
    ]
    return "".join(word[0].upper() for word in words)[:20] or None
