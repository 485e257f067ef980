"""How meetings are named, shared by the models, the admin, the commands and the dialects.

A meeting is known by its group and number where its body numbers meetings ("SEC#12"; an IETF
working group meets at "httpbis@IETF119"), else by its group and date ("vcwg@2025-10-08", a
W3C call). The date then stands in the number's place, so that every meeting has one readable
address: /meetings/vcwg/2025-10-08/.
"""

import re
from dataclasses import dataclass

# A meeting's number as written ("12", "27.1", "138-e", "IETF119"); it is part of the
# meeting's address, so no "/", "#", nor "." or ".." alone.
MEETING_NUMBER = r"^(?!\.{1,2}$)[A-Za-z0-9][A-Za-z0-9.\-]*$"
# A group's short name: "SEC", "WG4", "vcwg", "wot-td", "httpbis".
GROUP_CODE = r"^[A-Za-z][A-Za-z0-9_\-]{0,19}$"
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_NUMBER = re.compile(MEETING_NUMBER)
_GROUP = re.compile(GROUP_CODE)


@dataclass(frozen=True)
class MeetingName:
    group: str
    number: str | None = None  # None: known by its date
    date: str | None = None  # ISO

    @property
    def key(self):
        """What stands in the number's place: the number, else the date."""
        return self.number or self.date

    def __str__(self):
        return meeting_name(self.group, self.key)


def meeting_name(group, key):
    """ "SEC#12" for a number, "httpbis@IETF119" for a host meeting, "vcwg@2025-10-08" for a
    date: "#" before a number the group counts, "@" before where or when it met."""
    numbered = key[:1].isdigit() and not ISO_DATE.fullmatch(key)
    return f"{group}{'#' if numbered else '@'}{key}"


def parse_meeting_name(text):
    """The group and number (or date) of a meeting as a person writes it: "SEC#12",
    "WG4#12", "httpbis@IETF119", "vcwg@2025-10-08". ValueError says what is expected."""
    match = re.fullmatch(r"\s*([^#@\s]+)\s*[#@]\s*(\S+)\s*", text or "")
    if not match or not _GROUP.match(match[1]) or not _NUMBER.match(match[2]):
        raise ValueError(
            f'"{text}" is not a meeting like SEC#12, httpbis@IETF119 or vcwg@2025-10-08'
        )
    group, key = match[1], match[2]
    if len(key) > 20:
        raise ValueError(f'"{text}": a meeting number has at most 20 characters')
    if ISO_DATE.fullmatch(key):
        return MeetingName(group, None, key)
    return MeetingName(group, key)
