"""W3C minutes written in Markdown: scribejs output published with Jekyll (front matter,
`### 1. Topic` headings, `> ***Resolution #2: …***` and `> ***Action #1: … (Owner)***`
quotes with kramdown attribute lines), and hand-written minutes in the TAG's way
(`## TAG Teleconference`, a dated heading, `Name: text` paragraphs, `Resolved: …` lines).

The Markdown is read through markdown-it's block tokens; the YAML front matter, which
markdown-it does not know, is read line by line from the text and its tokens are passed over.
Each paragraph becomes statements: a line after a hard break (scribejs ends every IRC line
with two spaces) starts one, a soft-wrapped line continues the one before unless it starts
one itself ("Name: ", "… ", "Resolved:"). The walk then keeps a little state: the section it
is in and the last speaker named, for scribejs's "… more" lines.
"""

import re
from dataclasses import dataclass

from .. import records
from .common import MONTHS, find_date, initials, irc_channel

NAME = "w3c-markdown"
LABEL = "W3C Markdown minutes (scribejs for Jekyll, or hand-written as the TAG writes them)"
FORMATS = ("markdown", "text")

# Signs of the format, each worth a share of the certainty (`detect`).
_SIGNS = [
    # scribejs for Jekyll: its front matter, and kramdown's attribute lines on its blocks
    (0.5, re.compile(r"\A---[ \t]*\n(?:[^\n]*\n){0,3}layout:[ \t]*minutes[ \t]*$", re.M)),
    (0.3, re.compile(r"^\{:[ \t]*(?:#section\d|#resolution\d|#action\d|\.no_toc\b)", re.M)),
    # scribejs, with or without Jekyll
    (0.3, re.compile(r"^> \*\*(?:\*Resolution #\d+:|\*Action #\d+:|Proposed resolution:)", re.M)),
    (0.2, re.compile(r"^\*\*(?:Scribe\(s\)|Regrets|Guests):\*\*", re.M)),
    (0.2, re.compile(r"^See also the \[Agenda\]\([^)\n]*\) and the \[IRC Log\]", re.M)),
    (0.1, re.compile(r"^# [^\n]* — Minutes$", re.M)),
    # minutes written by hand the W3C way
    (0.25, re.compile(r"^#{1,6}[ \t][^\n]*\b(?:Teleconference|Telecon|Telco)\b", re.M | re.I)),
    (0.15, re.compile(r"^(?:Present|Attendees)[ \t]*:", re.M)),
    (0.15, re.compile(r"^Regrets[ \t]*:", re.M)),
    (0.2, re.compile(r"^(?:RESOLVED|Resolved)[ \t]*:", re.M)),
]

_IAL = re.compile(r"^\{:[^}]*\}$")  # kramdown's "{: #resolution2 .resolution}": never content
_NUMBERED = re.compile(r"(?P<number>\d{1,3}(?:\.\d{1,3}){1,3}\.?|\d{1,3}\.)(?:\s+(?P<title>.*))?")
_SUMMARY = re.compile(
    r"(?:resolutions|action items|actions|resolutions and action items|"
    r"summary of (?:resolutions|action items))",
    re.I,
)
_RESOLUTION = re.compile(r"resolution\s*#\s*\d{1,4}\s*:\s*(?P<text>.*)", re.I)
_RESOLVED = re.compile(r"resolved\s*:\s*(?P<text>.*)", re.I)
_CONSENSUS = re.compile(r"\[\s*(?:consensus|resolved|resolution)\s*:\s*(?P<text>[^\[\]]+)\]", re.I)
_ACTION = re.compile(r"action(?:\s*#\s*\d{1,4})?\s*:\s*(?P<body>.*)", re.I)
_SPEAKER = re.compile(r"(?P<who>[^\W\d_][\w.'’-]*(?: [^\W\d_][\w.'’-]*){0,3}):\s")
_CONTINUATION = ("…", "...")
_HEADER = re.compile(r"(?P<key>date|chairs?)\s*:\s*(?P<value>.*)", re.I)
_FRONT_KEY = re.compile(r"(?P<key>[A-Za-z][\w-]*)[ \t]*:(?P<value>.*)")
_FENCES = ("---", "...")
_CODE = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,19}")
_SEPARATORS = re.compile(r"\s[—–-]\s|:\s")
_CALL_WORDS = {"telco", "teleconference", "telecon", "teleconf", "call", "meeting", "minutes"}
_GROUP_KINDS = ("working group", "interest group", "community group", "business group")
_DATE_WORDS = {
    *MONTHS,
    *("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
    *("mon", "tue", "wed", "thu", "fri", "sat", "sun", "st", "nd", "rd", "th"),
}


def detect(document):
    """Each sign of scribejs or of the TAG's hand-written minutes adds to the certainty."""
    if document.format not in FORMATS:
        return 0.0
    return float(min(1.0, sum(weight for weight, sign in _SIGNS if sign.search(document.text))))


def parse(document, meeting=None):
    """Read `document` into `records.Minutes`. `meeting` is left to the pipeline: what the
    minutes say is read, and the user's name for the meeting applied over it afterwards."""
    minutes = records.Minutes(warnings=list(document.warnings))
    front = _front_matter(document.text.split("\n"), minutes)
    _Walk(minutes, front, document.name).run(_items(document.tokens, front.end))
    return minutes


# Front matter ---------------------------------------------------------------------------


@dataclass
class _FrontMatter:
    end: int = 0  # the number of lines it takes, fences included: the Markdown starts after
    fields: dict | None = None  # key (lower case): (value, 1-based line)


def _front_matter(lines, minutes):
    """The YAML front matter at the top, read as `key: value` lines whatever YAML would say
    of it: a line it cannot read is a warning, not a failure. Unclosed, it ends where a blank
    line is followed by something that is not YAML."""
    if len(lines) < 2 or lines[0].rstrip() != "---" or not _FRONT_KEY.match(lines[1]):
        return _FrontMatter(0, {})
    fields = {}
    index = 1
    while index < len(lines):
        line = lines[index]
        if line.rstrip() in _FENCES:
            return _FrontMatter(index + 1, fields)
        if not line.strip():
            following = lines[index + 1] if index + 1 < len(lines) else ""
            if following.strip() and not _yaml_like(following):
                break
        else:
            _front_line(index + 1, line, fields, minutes)
        index += 1
    minutes.warn(1, 'The front matter opened by "---" on line 1 is not closed by "---".')
    return _FrontMatter(index, fields)


def _yaml_like(line):
    """Whether a line after a blank one still reads as YAML; "# …" there is a heading."""
    return line[:1] in " \t-" or line.rstrip() in _FENCES or bool(_FRONT_KEY.match(line))


def _front_line(number, line, fields, minutes):
    if line[:1] == " " or line.lstrip()[:1] in ("-", "#"):
        return  # a block scalar's or a list's lines (the JSON-LD, attendees), or a comment
    if line[:1] == "\t":
        minutes.warn(number, f'Front matter line indented with a tab: "{line.strip()}".')
    found = _FRONT_KEY.match(line.strip())
    if not found:
        minutes.warn(number, f'Front matter line not read (no "key: value"): "{line.strip()}".')
        return
    value = found["value"].strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        value = value[1:-1].strip()
    fields.setdefault(found["key"].lower(), (value, number))


# From tokens to items -------------------------------------------------------------------


@dataclass(frozen=True)
class _Item:
    kind: str  # "heading", "text" (a statement), "attributes" (kramdown), "rule"
    line: int
    text: str = ""
    level: int = 0  # a heading's
    quoted: bool = False  # within a blockquote: scribejs's IRC asides, resolutions, actions
    links: tuple = ()


def _items(tokens, start):
    """The document's headings, statements, attribute lines and rules, in order; tokens
    that start before line `start` (the front matter's) are passed over. A table row is one
    statement, its cells joined by " | "."""
    quotes = 0
    level = 0  # of the heading being read, 0 outside one
    row = None  # (line, cells) of the table row being read
    for token in tokens:
        kind = token.type
        if kind == "blockquote_open":
            quotes += 1
        elif kind == "blockquote_close":
            quotes = max(0, quotes - 1)
        elif kind == "heading_close":
            level = 0
        elif kind == "tr_close" and row is not None:
            yield _Item("text", row[0], " | ".join(row[1]), 0, quotes > 0)
            row = None
        if token.map is None or token.map[0] < start:
            continue
        line = token.map[0] + 1
        if kind == "heading_open":
            level = int(token.tag[1:])
        elif kind == "hr":
            yield _Item("rule", line)
        elif kind == "tr_open":
            row = (line, [])
        elif kind == "inline" and level:
            yield _Item("heading", line, _plain(token), level)
        elif kind == "inline" and row is not None:
            row[1].append(_plain(token))
        elif kind == "inline":
            yield from _statements(token, quotes > 0)


def _plain(inline):
    return " ".join(text for _, _, text, _ in _lines(inline) if text)


def _lines(inline):
    """The inline token's source lines as (offset, hard break before, text, links): text
    as a reader sees it (emphasis and link marks gone), links' targets apart."""
    found = []
    offset, hard, parts, links = 0, True, [], []
    for child in inline.children or ():
        if child.type in ("softbreak", "hardbreak"):
            found.append((offset, hard, _joined(parts), tuple(links)))
            offset, hard, parts, links = offset + 1, child.type == "hardbreak", [], []
        elif child.type in ("text", "code_inline", "html_inline", "image"):
            parts.append(child.content)
        elif child.type == "link_open":
            links.append(child.attrGet("href") or "")
    found.append((offset, hard, _joined(parts), tuple(links)))
    return found


def _joined(parts):
    return " ".join("".join(parts).split("\n")).strip()  # inline HTML may span lines


def _statements(inline, quoted):
    """The paragraph's statements: its lines, a soft-wrapped one joined to the one before
    unless it starts a statement of its own; kramdown attribute lines apart."""
    first = inline.map[0] + 1
    current = None  # (line, texts, links) of the statement being read

    def done():
        line, texts, links = current
        return _Item("text", line, " ".join(texts), 0, quoted, tuple(links))

    for offset, hard, text, links in _lines(inline):
        if not text:
            continue
        if _IAL.match(text):
            if current:
                yield done()
                current = None
            yield _Item("attributes", first + offset, text)
        elif current and not hard and not _starts_statement(text):
            current[1].append(text)
            current[2].extend(links)
        else:
            if current:
                yield done()
            current = (first + offset, [text], list(links))
    if current:
        yield done()


def _starts_statement(text):
    return text.startswith(_CONTINUATION) or bool(
        _SPEAKER.match(text) or _RESOLUTION.match(text) or _ACTION.match(text)
    )


# The walk -------------------------------------------------------------------------------


class _Walk:
    def __init__(self, minutes, front, name):
        self.minutes = minutes
        self.front = front.fields
        self.name = name  # the file's name, where Jekyll keeps the date
        self.section = None  # the current records.Section
        self.sections = {}  # number: records.Section
        self.notes = {}  # number: the section's note lines
        self.summary = 0  # the level of the summary heading being passed over, 0 outside
        self.started = False  # a section has begun: the header (date, chair) is over
        self.speaker = None  # the last speaker named, for "… more" lines
        self.top_level = 0  # the heading level of top sections
        self.top = None  # the number of the current top section
        self.counter = 0  # the last top section's number, for those the minutes do not number
        self.subs = {}  # top number: its last subsection's number
        self.title = None  # (text, line) of the title heading
        self.dated = None  # (ISO date, line) of the first dated heading
        self.header = {}  # "date", "chair": (value, line) from the lines before any section
        self.channel = None  # the IRC channel of the log the header links to
        self.resolved = {}  # text: line, to read a repeated resolution once
        self.acted = {}  # (description, owners): line, the same for actions

    def run(self, items):
        items = list(items)
        roles = self.plan(items)
        for index, item in enumerate(items):
            if item.kind == "heading":
                self.heading(item, roles[index])
            elif item.kind == "rule":
                self.section = None  # a rule ends a topic: what follows is about the meeting
            elif item.kind == "text" and not self.summary:
                self.statement(item)
        for number, lines in self.notes.items():
            self.sections[number].notes = "\n".join(lines)
        self.recognise_meeting()

    # Headings ---------------------------------------------------------------------------

    def plan(self, items):
        """What each heading is: (role, number, title); roles are "title", "date",
        "structure" (attendees, contents), "summary" (the repeated resolutions and actions),
        "section" and "empty"."""
        roles = {}
        first = True
        for index, item in enumerate(items):
            if item.kind != "heading":
                continue
            number, title = _numbered(item.text)
            following = items[index + 1] if index + 1 < len(items) else None
            no_toc = following and following.kind == "attributes" and "no_toc" in following.text
            if not item.text:
                role = "empty"
            elif first and number is None and item.level <= 2:
                role = "title"
            elif number is None and _is_date(item.text):
                role = "date"
            elif _SUMMARY.fullmatch(title.rstrip(":").strip()):
                role = "summary"
            elif no_toc:
                role = "structure"
            else:
                role = "section"
            first = first and role == "empty"
            roles[index] = (role, number, title)
        numbered = [items[i].level for i, (role, n, _) in roles.items() if role == "section" and n]
        above = min(numbered, default=0)  # unnumbered headings above numbered ones: structure
        for index, (role, number, title) in roles.items():
            if role == "section" and number is None and items[index].level < above:
                roles[index] = ("structure", number, title)  # "## Attendees" above "### 1. …"
        tops = [
            items[i].level
            for i, (role, n, _) in roles.items()
            if role == "section" and (n is None or "." not in n)
        ]
        self.top_level = min(tops, default=0)
        return roles

    def heading(self, item, role):
        role, number, title = role
        if self.summary:
            if item.level > self.summary:
                return
            self.summary = 0
        self.speaker = None
        if role == "empty":
            self.minutes.warn(item.line, "Empty heading: passed over.")
        elif role == "title":
            self.title = self.title or (item.text, item.line)
        elif role == "date":
            self.dated = self.dated or (find_date(item.text), item.line)
        elif role == "summary":
            self.summary = item.level
            self.section = None
        elif role == "structure":
            self.section = None
        else:
            self.open_section(item, number, title)

    def open_section(self, item, number, title):
        self.started = True
        if not title:
            self.minutes.warn(item.line, f'Heading "{item.text}" has a number but no title.')
        if number is None:
            number, parent = self.next_number(item.level)
        else:
            parent = self.numbered(number)
        if number in self.sections:
            self.minutes.warn(
                item.line,
                f'Section "{number}" appears twice ("{item.text}"); its contents are read '
                "into the first.",
            )
            self.section = self.sections[number]
            return
        self.section = records.Section(number, title, item.line, parent)
        self.minutes.sections.append(self.section)
        self.sections[number] = self.section
        self.notes[number] = []

    def next_number(self, level):
        """The number of a heading the minutes do not number: the next top one, or the
        next subsection of the current top one for a deeper heading."""
        if self.top is None or level <= self.top_level:
            self.counter += 1
            self.top = str(self.counter)
            return self.top, None
        self.subs[self.top] = self.subs.get(self.top, 0) + 1
        return f"{self.top}.{self.subs[self.top]}", self.top

    def numbered(self, number):
        """The parent of a section numbered as written ("4" for "4.1"), if it is there; the
        count for unnumbered ones goes on from it."""
        parts = number.split(".")
        if len(parts) == 1:
            self.top = number
            self.counter = int(number)
            return None
        parent = ".".join(parts[:-1])
        if parent == self.top and len(parts) == 2:
            self.subs[parent] = max(self.subs.get(parent, 0), int(parts[-1]))
        return parent if parent in self.sections else None

    # Statements -------------------------------------------------------------------------

    def statement(self, item):
        text = item.text
        if not self.started and not item.quoted:
            header = _HEADER.fullmatch(text)
            if header:
                key = header["key"].lower().rstrip("s")
                self.header.setdefault(key, (header["value"].strip(), item.line))
                return
            if self.channel is None:
                self.channel = next(filter(None, map(irc_channel, item.links)), None)
        found = _RESOLUTION.fullmatch(text) or _RESOLVED.fullmatch(text)
        if found:
            self.resolve(found["text"], item)
            return
        found = _ACTION.fullmatch(text)
        if found:
            self.act(found["body"], item)
            return
        for found in _CONSENSUS.finditer(text):
            self.resolve(found["text"], item)
        self.note(item)

    def note(self, item):
        text = item.text
        if text.startswith(_CONTINUATION):
            rest = text.lstrip("….").strip()
            if self.speaker and rest:
                text = f"{self.speaker}: {rest}"
        elif not item.quoted:
            speaker = _SPEAKER.match(text)
            self.speaker = speaker["who"] if speaker else None
        if self.section:
            self.notes[self.section.number].append(text)

    def resolve(self, text, item):
        text = text.strip()
        if not text:
            self.minutes.warn(item.line, f'Resolution without text: "{item.text}".')
            return
        if text in self.resolved:
            self.minutes.warn(
                item.line,
                f'Resolution repeats the one on line {self.resolved[text]}: "{text}"; read once.',
            )
            return
        self.resolved[text] = item.line
        section = self.section.number if self.section else None
        self.minutes.resolutions.append(records.Resolution(text, section, item.line))

    def act(self, body, item):
        description, owners = _owners(body.strip())
        if not description:
            self.minutes.warn(item.line, f'Action without a description: "{item.text}".')
            return
        if not owners:
            self.minutes.warn(item.line, f'Action without an owner: "{item.text}".')
        key = (description, owners)
        if key in self.acted:
            self.minutes.warn(
                item.line,
                f'Action repeats the one on line {self.acted[key]}: "{description}"; read once.',
            )
            return
        self.acted[key] = item.line
        section = self.section.number if self.section else None
        self.minutes.actions.append(
            records.Action(None, description, owners, "open", section, item.line)
        )

    # The meeting ------------------------------------------------------------------------

    def recognise_meeting(self):
        info = self.minutes.meeting
        title = _given(self.front, "title") or self.title
        info.group_name = _group_name(title[0]) if title else None
        info.group = self.channel or _short_name(info.group_name)
        chair = _given(self.front, "chair") or _given(self.header, "chair")
        info.chair = chair[0].strip("[] ") if chair else None
        info.date, info.line = self.meeting_date(title)
        info.dates = [info.date] if info.date else []
        if info.line is None and title:
            info.line = title[1]

    def meeting_date(self, title):
        """(ISO date, line): from the front matter, else the "Date:" line, else a dated
        heading, else the title or the file's name (Jekyll's "2019-12-13-json-ld.md")."""
        found = []
        for key, source in (("date", self.front), ("date", self.header)):
            if key not in source:
                continue
            value, line = source[key]
            day = find_date(value)
            if day:
                found.append((day, line))
            elif value:
                self.minutes.warn(line, f'"{value}" is not a date; the meeting date is not read.')
        if len(found) == 2 and found[0][0] != found[1][0]:
            self.minutes.warn(
                found[1][1],
                f"The date {found[1][0]} differs from the front matter's {found[0][0]}; "
                "the front matter's is used.",
            )
        if found:
            return found[0]
        if self.dated and self.dated[0]:
            return self.dated
        day = title and find_date(title[0])
        if day:
            return day, title[1]
        return find_date(self.name) or None, None


# Small readings -------------------------------------------------------------------------


def _given(source, key):
    """(value, line) of `key` in the front matter or the header, if it has a value."""
    found = source.get(key)
    return found if found and found[0].strip("[] ") else None


def _numbered(text):
    """(number, title) of a heading: ("4.1", "XHTML vs HTML") for "4.1. XHTML vs HTML",
    (None, text) for a heading without a number."""
    found = _NUMBERED.fullmatch(text)
    if not found:
        return None, text
    return found["number"].rstrip("."), (found["title"] or "").strip()


def _is_date(text):
    """Whether `text` is only a date ("08 January 2019", "Tuesday, 2019-01-08")."""
    words = re.findall(r"[A-Za-z]+", text)
    return bool(find_date(text)) and all(word.lower() in _DATE_WORDS for word in words)


def _owners(body):
    """(description, owners) of an action: scribejs puts the owners in parentheses at the
    end ("… (Benjamin Young)"); scribe.perl's "manu to write …" names them first."""
    if body.endswith(")") and "(" in body:
        start = body.rfind("(")
        return body[:start].strip(), body[start + 1 : -1].strip()
    who, to, what = body.partition(" to ")
    names = who.replace(",", " ").split()
    if to and what.strip() and _names(names):
        return what.strip(), who.strip()
    return body, ""


def _names(words):
    """Whether the words before " to " name people: one nickname, or capitalised names."""
    names = [word for word in words if word.lower() != "and"]
    if len(names) == 1:
        return True
    return 0 < len(names) <= 6 and all(name[:1].isupper() for name in names)


def _group_name(title):
    """The group as the title names it: "JSON-LD Working Group" from "JSON-LD Working
    Group Telco — 2019-12-13", "TAG" from "TAG Teleconference"."""
    for part in _SEPARATORS.split(title):
        words = part.split()
        if len(words) > 1 and words[0].upper() == "W3C":
            words = words[1:]
        while words and words[-1].lower().strip(".,") in _CALL_WORDS:
            words.pop()
        name = " ".join(words)
        if name and not _is_date(name):
            return name
    return None


def _short_name(name):
    """The group's short name when no IRC log names it: the name itself if it is one word
    ("TAG"), the word before "Working Group" ("DID"), else its initials."""
    if not name:
        return None
    if _CODE.fullmatch(name):
        return name
    lower = name.lower()
    for kind in _GROUP_KINDS:
        if lower.endswith(" " + kind):
            head = name[: -len(kind)].strip()
            if _CODE.fullmatch(head):
                return head
    code = initials(name)
    return code if code and _CODE.fullmatch(code) else None
