"""IETF working-group minutes in Markdown, as chairs and note takers write them in the
groups' wg-materials repositories and on the IETF notes service.

There is no generator: every group, and every note taker, writes its own way. What they share
is the shape. A title heading names the group and the IETF meeting ("# HTTP Working Group
Minutes - IETF 119"); day headings ("## Tuesday, 19 March 2024") start each session; every
other heading is an agenda topic, often naming a draft and its presenter ("#### [Cache
Groups](https://datatracker.ietf.org/doc/draft-ietf-httpbis-cache-groups/) - Mark
Nottingham"); under it, speaker lines ("Martin Thomson: ...", "**LP**: ...", "BS (p3): ...")
and bullets. Decisions and actions are rare and, where written at all, start a line with a
marker word ("RESOLUTION:", "Action item:").

The parser walks the Markdown's block tokens once, with a stack of the open topics. Every fact
carries the line it was read from; everything odd becomes a warning quoting the text.
"""

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import islice

from contributions.numbers import draft_number, split_draft

from .. import records
from ..readers import MinutesError
from .common import MONTHS, find_date

NAME = "ietf"
LABEL = "IETF working-group minutes (Markdown)"
FORMATS = ("markdown", "text")

_INHERITED = 10  # drafts a subtopic (an issue heading) inherits from its topic, at most
# A draft's name where a name starts: "/draft-ietf-core-href/", " draft-foo-bar-03", not the
# "-draft-fz-core-coap-pm-04-00" inside a slide deck's file name.
_DRAFT = re.compile(r"(?<![\w-])draft-[a-z0-9]+(?:-[a-z0-9]+)+", re.IGNORECASE)
# "IETF 119", "IETF-118", "IETF119"; at most one space either side, so that no run of spaces
# is read twice.
_IETF_NUMBER = re.compile(r"\bIETF[ \t]?[-#]?[ \t]?(?P<number>\d{2,3})\b", re.IGNORECASE)
_INTERIM = re.compile(r"\binterim\b", re.IGNORECASE)
_MEETING_URL = re.compile(r"/meeting/(?P<number>\d{2,3})/")
_SESSION_URL = re.compile(r"/meeting/\d{2,3}/session/(?P<group>[a-z][a-z0-9-]{0,19})\b")
_NOTES_URL = re.compile(r"\bnotes-ietf-\d{2,3}-(?P<group>[a-z][a-z0-9-]{0,19})\b")
_PAREN_ACRONYM = re.compile(
    r"\((?P<group>[A-Za-z][A-Za-z0-9-]{1,19})\)\s*(?:WG|RG|Working Group|Research Group)\b"
)
_WG_ACRONYM = re.compile(r"(?<![\w-])(?P<group>[A-Za-z][A-Za-z0-9-]{1,19})\s+(?:WG|RG)\b")
_WORKING_GROUP = re.compile(r"\b(?:Working Group|Research Group|WG|RG)\b")
_GROUP_CODE = re.compile(r"[a-z][a-z0-9_-]{0,19}")
_NOT_IN_GROUP_NAME = {"agenda", "minutes", "meeting", "notes", "ietf", "session", "draft"}
_CONNECTORS = {"of", "and", "&", "for", "the", "on", "in", "to"}

_TITLE_WORDS = re.compile(r"\bIETF|\bWG\b|Working Group|Research Group|\bminutes\b", re.I)
_WEEKDAYS = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
}  # fmt: skip
_DAY_WORDS = {"of", "st", "nd", "rd", "th", "morning", "afternoon", "evening", "session"}
_DAY_WORDS |= {"sessions", "part", "utc", "i", "ii", "iii", "iv", "v", "vi"}
_ORDINAL_OF = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+of\s+", re.IGNORECASE)
_TOKEN = re.compile(r"[^\W\d_]+|\d+")

_DOCTOC_START = re.compile(r"<!--\s*START doctoc", re.IGNORECASE)
_DOCTOC_END = re.compile(r"<!--\s*END doctoc", re.IGNORECASE)
_CONTENTS = re.compile(r"(?:table of )?contents|toc", re.IGNORECASE)
_MALFORMED_HEADING = re.compile(r"(?P<marks>#{2,6})(?P<text>[^\s#].*)")
_ABBREVIATION = re.compile(r"\*\[[^\]\n]{1,40}\]:")  # kramdown's "*[MT]: Marco Tiloca"

# "#### 2713: tcp_port", "#### 123 Title", "#### #123: Title", "#### Issue 851: ..."
_ISSUE = re.compile(r"(?:issues?\s*#?\d{1,6}|#\d{1,6}|\d{1,6}\s*:|\d{2,6}(?=\s|$))", re.I)
_ADMIN = re.compile(
    r"administrivia|agenda(?:\s+bash(?:ing)?)?|note\s*well|blue\s*sheets?|(?:jabber\s+)?scribes?"
    r"|(?:note|minute)[\s-]*takers?|logistics|preliminaries|welcome|introductions?",
    re.IGNORECASE,
)
_ADMIN_SPLIT = re.compile(r"[,&/;]|\band\b", re.IGNORECASE)
# "5 min total", "* 10 min - ...", "14:30-16:30 Wednesday, Session III"
_ALLOTMENT = re.compile(r"(?:\d{1,3}|xx)\s*(?:min|mins|minutes)\b|\d{1,2}:\d\d\b", re.I)
_MINUTES_ALLOTTED = re.compile(r"\s*\d{1,3}(?:\s*min(?:utes)?)?\s*", re.IGNORECASE)  # "(10)"
_BRACKETS = re.compile(r"\[[^\]]{0,20}\]")  # "[SJ]" after a name
_SLIDES_SPLIT = re.compile(r"(?<!\s)\s+/\s+")
_URL = re.compile(r"https?://\S+")

# "Martin Thomson: ...", "Mark (as chair): ...", "BS (p3): ...", "mnot: ...", "LP [LP]: ..."
_SPEAKER = re.compile(
    r"(?P<name>[^\W\d_][\w.'’-]*(?:[ \t]+[^\W\d_][\w.'’-]*){0,3})"
    r"(?:[ \t]*\[[^\]\n]{1,12}\])?(?:[ \t]*\([^()\n]{0,60}\))?[ \t]*:"
)
_LABELS = {
    "notes", "note", "chair", "chairs", "date", "time", "agenda", "slides", "result", "results",
    "question", "questions", "q", "a", "answer", "presenter", "presenters", "scribe", "scribes",
    "minutes", "action", "actions", "resolution", "resolved", "decision", "consensus", "issue",
    "issues", "status", "summary", "hum", "poll", "proposal", "update", "updates", "conclusion",
    "outcome", "discussion", "background", "motivation", "goal", "goals", "comment", "comments",
    "example", "recap", "http", "https", "see", "also", "todo", "nb", "ps", "re", "fyi", "mic",
}  # fmt: skip
_RESOLUTION = re.compile(r"(?:resolutions?|resolved|decisions?|consensus)\s*:\s*(?P<text>.*)", re.I)
_ACTION = re.compile(
    r"(?:action\s+items?|actions?)(?:\s*\((?P<who>[^()\n]{1,80})\))?\s*:\s*(?P<text>.*)",
    re.IGNORECASE,
)
_OWNER_THEN_TASK = re.compile(r"(?P<who>.{1,80}?)\s+(?:to|will|shall|should)\s+(?P<what>\S.*)")
_OWNER_COLON = re.compile(r"(?P<who>[^:]{1,60}):\s*(?P<what>\S.*)")
_NAME_SPLIT = re.compile(r",|&|\band\b")
_ROLES = {
    "chair", "chairs", "co-chairs", "author", "authors", "editor", "editors", "ad", "ads",
    "shepherd", "secretary", "everyone", "all", "wg", "presenter", "presenters", "proponents",
}  # fmt: skip
_NOT_NAMES = {
    "issues", "issue", "update", "updates", "status", "overview", "discussion", "steps", "next",
    "summary", "open", "items", "wrap", "review", "results", "proposal", "draft", "drafts",
    "other", "topics", "work", "related", "proposed", "introduction", "intro", "agenda",
    "session", "recap", "considerations", "requirements", "design", "team", "slides", "part",
    "protocol", "extensions", "extension", "frame", "frames", "remote",
}  # fmt: skip
_PRESENTED_BY = re.compile(r"presented\s+by\s+(?P<who>.+?)\.?$", re.IGNORECASE)
_CHAIR = re.compile(r"(?:wg\s+)?chairs?\b(?:\s*\([^()\n]*\))?\s*:\s*(?P<who>.*)", re.IGNORECASE)
_DATE_LINE = re.compile(r"date(?:\s+and\s+time)?\s*:\s*(?P<date>.+)", re.IGNORECASE)
_LINK_WORDS = {"slides", "slide", "draft", "here", "link", "pdf", "html", "text", "doc"}

_SIGNS = [
    (re.compile(r"\bIETF[ \t]?[-#]?[ \t]?\d{2,3}\b"), 0.35),
    (re.compile(r"datatracker\.ietf\.org|\bietf\.org/"), 0.3),
    (re.compile(r"(?<![\w-])draft-[a-z0-9]+-[a-z0-9]+", re.IGNORECASE), 0.3),
    (_DOCTOC_START, 0.1),
    (re.compile(r"^#{1,6}[ \t].*\b(?:WG|Working Group)\b", re.MULTILINE), 0.1),
]


def detect(document):
    """IETF meeting numbers, datatracker links and draft names add to the certainty; a title
    naming a WG and a doctoc table of contents add a little. HTML is not this dialect's."""
    if document.format not in FORMATS:
        return 0.0
    return min(1.0, float(sum(weight for sign, weight in _SIGNS if sign.search(document.text))))


def parse(document, meeting=None):
    """Read `document` into `records.Minutes`. `meeting` ("httpbis@IETF119") is applied by
    the pipeline after the parse, so it is not read here."""
    try:
        tokens = document.tokens
    except RecursionError:
        raise MinutesError("the Markdown is nested too deeply to be read as minutes") from None
    return _Reader(document).run(tokens)


# Blocks of Markdown, as the walk sees them ---------------------------------------------------


@dataclass
class _Unit:
    """One line of discussion as written: a paragraph or list item, or the part of one that a
    hard break, a speaker or a marker word starts."""

    line: int
    text: str
    links: list = field(default_factory=list)  # (href, text)
    in_list: bool = False


def _lines(inline, first_line):
    """The lines of an inline token as (line, plain text, links, ends with a hard break)."""
    lines, parts, links = [], [], []
    link_href, link_start = None, 0
    line = first_line
    for child in inline.children or ():
        kind = child.type
        if kind in ("text", "code_inline", "image"):
            parts.append(child.content)
        elif kind in ("softbreak", "hardbreak"):
            lines.append((line, "".join(parts).strip(), links, kind == "hardbreak"))
            parts, links, line = [], [], line + 1
            link_start = 0
        elif kind == "link_open":
            link_href, link_start = child.attrs.get("href", ""), len(parts)
        elif kind == "link_close" and link_href is not None:
            links.append((str(link_href), "".join(parts[link_start:]).strip()))
            link_href = None
    lines.append((line, "".join(parts).strip(), links, False))
    return lines


def _units(inline, first_line, in_list):
    """A paragraph's units: a new one after each hard break, and where a wrapped line starts
    with a speaker or a marker word."""
    units, texts = [], []
    hard = True
    for line, text, links, hard_after in _lines(inline, first_line):
        if units and not hard and not _starts_turn(text):
            texts[-1].append(text)
            units[-1].links.extend(links)
        else:
            units.append(_Unit(line, "", list(links), in_list))
            texts.append([text])
        hard = hard_after
    for unit, parts in zip(units, texts, strict=True):
        unit.text = " ".join(part for part in parts if part)
    return [unit for unit in units if unit.text]


def _starts_turn(text):
    return bool(_RESOLUTION.match(text) or _ACTION.match(text) or _speaker(text))


def _speaker(text):
    """The speaker a line starts with ("Martin Thomson", "BS", "mnot"), or None."""
    match = _SPEAKER.match(text)
    if not match:
        return None
    name = match["name"]
    words = name.split()
    if name.lower() in _LABELS or words[0].lower() in _LABELS:
        return None
    if len(words) > 1 and not all(word[0].isupper() for word in words):
        return None
    return name


def _events(tokens):
    """("heading", level, line, inline), ("paragraph", line, inline, in a list), ("html",
    line, content) and ("text", units) for code and table rows, in document order."""
    lists = 0
    previous = None
    row = None
    for token in tokens:
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            lists += 1
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists -= 1
        elif kind == "tr_open":
            row = (token.map[0] + 1 if token.map else 0, [])
        elif kind == "tr_close" and row:
            cells = [cell for cell in row[1] if cell]
            if cells and row[0]:
                yield "text", [_Unit(row[0], " | ".join(cells))]
            row = None
        elif kind == "inline" and row is not None:
            row[1].append(" ".join(text for _, text, _, _ in _lines(token, 0)).strip())
        elif kind == "inline" and previous is not None and token.map:
            line = token.map[0] + 1
            if previous.type == "heading_open":
                yield "heading", int(previous.tag[1]), line, token
            elif previous.type == "paragraph_open":
                yield "paragraph", line, token, lists > 0
        elif kind == "html_block" and token.map:
            yield "html", token.map[0] + 1, token.content
        elif kind in ("fence", "code_block") and token.map:
            start = token.map[0] + (2 if kind == "fence" else 1)
            units = [
                _Unit(start + offset, text.strip())
                for offset, text in enumerate(token.content.split("\n"))
                if text.strip()
            ]
            yield "text", units
        previous = token


# Topics ----------------------------------------------------------------------------------------


@dataclass
class _Listing:
    kind: str  # "resolution" or "action"
    line: int
    text: str  # the marker line as written
    items: int = 0


@dataclass
class _Topic:
    level: int
    text: str  # the heading as written
    line: int
    title: str  # the heading without its presenter and time
    presenter: str | None
    parent: "_Topic | None"
    is_issue: bool = False
    is_admin: bool = False
    heading_drafts: list = field(default_factory=list)  # (name, title)
    section: records.Section | None = None
    children: int = 0
    current: dict = field(default_factory=dict)  # the revision keys its discussion is about
    group: list | None = None  # their discussion's lines, shared by them
    noted: bool = False  # discussion was written since `current` was set
    lead: bool = True  # no speaker has spoken yet: a draft named here is the topic's
    pending: list = field(default_factory=list)  # an administrative topic's time allotments


class _Reader:
    def __init__(self, document):
        self.minutes = records.Minutes(warnings=list(document.warnings))
        self.title = None  # (text, line)
        self.first_heading = True
        self.stack = []  # the open topics, outermost first
        self.topic = None
        self.top_count = 0
        self.in_toc = None  # the line a table of contents started on
        self.dates = []
        self.preamble = []  # text outside any topic, for the meeting's number and group
        self.chair_list = None  # the chairs listed under a "Chairs:" line
        self.listing = None  # the marker line ("Action items:") whose list is being read
        self.contributions = {}  # draft family: records.Contribution
        self.entries = {}  # (number, section): records.RevisionEntry
        self.notes = defaultdict(list)  # a section's number: its lines about no document
        self.groups = defaultdict(list)  # a revision key: the shared lists of its lines
        self.budget = 4 * len(document.text) + 100_000  # characters of notes copied
        self.relations = set()
        self.wg_drafts = Counter()  # "httpbis" for each draft-ietf-httpbis-… named

    def run(self, tokens):
        for event in _events(tokens):
            kind = event[0]
            if kind == "html":
                self.html(event[1], event[2])
            elif kind == "heading":
                self.heading(event[1], event[2], _plain(event[3]), _links(event[3]))
            elif kind == "paragraph":
                self.paragraph(*event[1:])
            elif self.in_toc is None:
                for unit in event[1]:
                    self.unit(unit)
        if isinstance(self.in_toc, int):
            self.minutes.warn(self.in_toc, "The table of contents has no end comment.")
        self.finish()
        return self.minutes

    # Structure ---------------------------------------------------------------------------------

    def html(self, line, content):
        if _DOCTOC_START.search(content):
            self.in_toc = line
        if _DOCTOC_END.search(content):
            self.in_toc = None

    def paragraph(self, line, inline, in_list):
        raw = inline.content
        if self.in_toc is not None or _ABBREVIATION.match(raw):
            return
        if "\n" not in raw and (malformed := _MALFORMED_HEADING.fullmatch(raw.strip())):
            self.minutes.warn(
                line, f'Heading without a space after its "#", read as a heading: "{raw}".'
            )
            text = _plain(inline)[len(malformed["marks"]) :].strip()
            self.heading(len(malformed["marks"]), line, text, _links(inline))
            return
        for unit in _units(inline, line, in_list):
            self.unit(unit)

    def heading(self, level, line, text, links):
        self.end_listing()
        if self.in_toc is not None:
            if isinstance(self.in_toc, int):
                self.minutes.warn(self.in_toc, "The table of contents has no end comment.")
            self.in_toc = None
        first, self.first_heading = self.first_heading, False
        is_day, date, dated = _day(text)
        if is_day:
            self.day(line, text, date, dated)
            return
        if first and (level == 1 or _TITLE_WORDS.search(text)):
            self.title = (text, line)
            self.add_date(find_date(_ordinal_of(text)))
            return
        if _CONTENTS.fullmatch(text.strip(" :")):
            self.in_toc = "contents"
            return
        self.open_topic(level, line, text, links)

    def day(self, line, text, date, dated):
        if date:
            self.add_date(date)
        elif dated:
            self.minutes.warn(line, f'Day heading with a date that is not a date: "{text}".')
        self.stack, self.topic = [], None

    def open_topic(self, level, line, text, links):
        self.end_chair_list()
        is_issue = bool(_ISSUE.match(text))
        while self.stack and (
            self.stack[-1].level > level
            or (self.stack[-1].level == level and (self.stack[-1].is_issue or not is_issue))
        ):
            self.stack.pop()
        parent = self.stack[-1] if self.stack else None
        title, presenter = _split_heading(text)
        topic = _Topic(level, text, line, title, presenter, parent, is_issue=is_issue)
        topic.is_admin = _is_admin(title)
        for name, link_text in _drafts_in(text, links):
            topic.heading_drafts.append((name, _draft_title(link_text, title)))
        self.stack.append(topic)
        self.topic = topic
        if not topic.is_admin:
            self.materialise(topic)

    def materialise(self, topic):
        """The topic's section, numbered when it first holds something: an administrative
        heading with nothing but its time allotment under it is no topic."""
        if topic.section is not None:
            return
        parent = topic.parent
        if parent is not None:
            self.materialise(parent)
            parent.children += 1
            number = f"{parent.section.number}.{parent.children}"
        else:
            self.top_count += 1
            number = str(self.top_count)
        if len(number) > 20:
            self.minutes.warn(
                topic.line,
                f"Topic nested too deeply to be numbered; read into {parent.section.number}: "
                f'"{topic.text}".',
            )
            topic.section = parent.section
            topic.current, topic.group = parent.current, parent.group
            return
        topic.section = records.Section(
            number=number,
            title=topic.text,
            line=topic.line,
            parent=parent.section.number if parent else None,
        )
        self.minutes.sections.append(topic.section)
        for name, title in topic.heading_drafts:
            self.handle(topic, name, title, topic.line)
        if not topic.current and parent is not None:
            for number_, _ in islice(parent.current, _INHERITED):
                self.handle(topic, number_, "", topic.line)
        for text in topic.pending:
            self.write(topic, text)
        topic.pending.clear()

    # Lines -------------------------------------------------------------------------------------

    def unit(self, unit):
        topic = self.topic
        text = unit.text
        if topic is None:
            self.preamble_unit(unit)
        if topic is not None and topic.is_admin and topic.section is None:
            if _ALLOTMENT.match(text):
                topic.pending.append(text)
                return
            self.materialise(topic)
        section = topic.section.number if topic else None
        self.marker(unit, section)
        if topic is None:
            self.count_drafts(text, unit.links)
            return
        if _speaker(text):
            topic.lead = False
        drafts = _drafts_in(text, unit.links)
        handled = topic.lead or (drafts and _only_links(text, unit.links))
        if topic.lead:
            presenter = _presenter_in(text, unit.links)
            if presenter and not topic.presenter:
                topic.presenter = presenter
                for key in topic.current:
                    self.present(key, presenter)
        for name, link_text in drafts:
            if handled:
                self.handle(topic, name, _draft_title(link_text, topic.title), unit.line)
            else:
                self.mention(topic, name, unit.line)
        self.write(topic, text, counts=not (handled and drafts))

    def write(self, topic, text, counts=True):
        if topic.current:
            topic.group.append(text)
        else:
            self.notes[topic.section.number].append(text)
        if counts:
            topic.noted = True

    def preamble_unit(self, unit):
        """Text before the first topic of a session: the meeting's header."""
        text = unit.text
        self.preamble.append(text)
        if self.chair_list is not None:
            if unit.in_list:
                self.chair_list.append(_without_paren(text))
                return
            self.end_chair_list()
        if chair := _CHAIR.match(text):
            who = _without_paren(chair["who"])
            if who:
                self.set_chair(who)
            elif self.minutes.meeting.chair is None:
                self.chair_list = []
        elif dated := _DATE_LINE.match(text):
            date = find_date(_ordinal_of(dated["date"]))
            if date:
                self.add_date(date)
            else:
                self.minutes.warn(unit.line, f'Date line without a date: "{text}".')

    def end_chair_list(self):
        if self.chair_list is not None:
            self.set_chair(", ".join(name for name in self.chair_list if name))
            self.chair_list = None

    def set_chair(self, who):
        if who and self.minutes.meeting.chair is None:
            self.minutes.meeting.chair = who

    def add_date(self, date):
        if date and date not in self.dates:
            self.dates.append(date)

    # Documents ---------------------------------------------------------------------------------

    def handle(self, topic, name, title, line):
        """The draft `name` is discussed under `topic`: its revision entry there, which the
        discussion that follows is about (with the drafts named just before it)."""
        family, version = split_draft(name)
        number = draft_number(family, version)
        self.count_family(family)
        contribution = self.contributions.get(family)
        if contribution is None:
            contribution = records.Contribution(number=family, title=title, line=line)
            self.contributions[family] = contribution
            self.minutes.contributions.append(contribution)
        elif not contribution.title:
            contribution.title = title
        key = (number, topic.section.number)
        if key not in self.entries:
            entry = records.RevisionEntry(number=number, section=topic.section.number, line=line)
            self.entries[key] = entry
            contribution.revisions.append(entry)
        if topic.presenter and not contribution.presented_by:
            contribution.presented_by = topic.presenter
        if topic.noted or topic.group is None:
            topic.current, topic.group, topic.noted = {}, [], False
        if key not in topic.current:
            topic.current[key] = None
            groups = self.groups[key]
            if not groups or groups[-1] is not topic.group:
                groups.append(topic.group)

    def present(self, key, presenter):
        contribution = self.contributions[split_draft(key[0])[0]]
        if not contribution.presented_by:
            contribution.presented_by = presenter

    def mention(self, topic, name, line):
        """A draft named in passing relates the topic's draft to it; with no draft under
        discussion, a passing mention is not recorded."""
        family, version = split_draft(name)
        self.count_family(family)
        if not topic.current:
            return
        source = next(iter(topic.current))[0]
        target = draft_number(family, version)
        if split_draft(source)[0] == family or (source, target) in self.relations:
            return
        self.relations.add((source, target))
        self.contributions[split_draft(source)[0]].relations.append(
            records.RelationEntry(source, "related_to", target, line)
        )

    def count_drafts(self, text, links):
        for name, _ in _drafts_in(text, links):
            self.count_family(split_draft(name)[0])

    def count_family(self, family):
        parts = family.split("-")
        if len(parts) > 3 and parts[1] == "ietf":
            self.wg_drafts[parts[2]] += 1

    # Resolutions and actions -------------------------------------------------------------------

    def marker(self, unit, section):
        """A line that starts with a marker word, or an item of the list under one that has
        nothing after its colon ("Action items:", then "* Martin to review …")."""
        text = unit.text
        if self.listing and not unit.in_list:
            self.end_listing()
        if resolution := _RESOLUTION.match(text):
            self.end_listing()
            if resolution["text"].strip():
                self.resolution(resolution["text"].strip(), section, unit.line)
            else:
                self.listing = _Listing("resolution", unit.line, text)
        elif action := _ACTION.match(text):
            self.end_listing()
            if action["text"].strip() or action["who"] is not None:
                self.action(action["who"], action["text"], text, section, unit.line)
            else:
                self.listing = _Listing("action", unit.line, text)
        elif self.listing:
            self.listing.items += 1
            if self.listing.kind == "resolution":
                self.resolution(text, section, unit.line)
            else:
                self.action(None, text, text, section, unit.line)

    def end_listing(self):
        if self.listing and not self.listing.items:
            self.minutes.warn(
                self.listing.line, f'"{self.listing.text}" is followed by no {self.listing.kind}.'
            )
        self.listing = None

    def resolution(self, text, section, line):
        self.minutes.resolutions.append(records.Resolution(text, section, line))

    def action(self, who, text, line_text, section, line):
        """An action item: "Action item: Martin and Lucas to review the draft", "Action item
        (chairs): confirm on the list", or an item of the list under "Action items:"."""
        owners, description = who, text.strip()
        if owners is None:
            owners, description = _owners_and_task(description)
        else:
            owners = ", ".join(_names(owners))
        if not description:
            self.minutes.warn(line, f'Action without a description: "{line_text}".')
            return
        if not owners:
            self.minutes.warn(line, f'Action without an owner: "{line_text}".')
        self.minutes.actions.append(
            records.Action(
                reference=None,
                description=description,
                owners=owners,
                status="open",
                section=section,
                line=line,
            )
        )

    # The meeting -------------------------------------------------------------------------------

    def finish(self):
        self.end_chair_list()
        self.end_listing()
        self.write_notes()
        self.recognise_meeting()

    def write_notes(self):
        """Lines shared by drafts discussed together are joined once; a draft named again
        after other discussion in its topic has both parts, within a bound on the copies."""
        joined = {}
        for key, groups in self.groups.items():
            parts = []
            for group in groups:
                if id(group) not in joined:
                    joined[id(group)] = "\n".join(group)
                if joined[id(group)]:
                    parts.append(joined[id(group)])
            if len(parts) > 1:
                self.budget -= sum(map(len, parts))
                if self.budget < 0:
                    self.minutes.warn(
                        self.entries[key].line,
                        f"Too much discussion repeated for {key[0]}; only its first part is kept.",
                    )
                    parts = parts[:1]
            self.entries[key].notes = "\n".join(parts)
        for section in self.minutes.sections:
            if section.number in self.notes:
                section.notes = "\n".join(self.notes[section.number])

    def recognise_meeting(self):
        meeting = self.minutes.meeting
        title, line = self.title or ("", None)
        header = "\n".join(self.preamble)
        meeting.line = line
        if not _INTERIM.search(title):
            found = _IETF_NUMBER.search(title) or _IETF_NUMBER.search(header)
            found = found or _MEETING_URL.search(header)
            if found:
                meeting.number = f"IETF{int(found['number'])}"
        meeting.group = _group(title, header, self.wg_drafts)
        meeting.group_name = _group_name(title)
        self.dates.sort()
        meeting.dates = list(self.dates)
        meeting.date = self.dates[0] if self.dates else None
        if not self.dates and not self.minutes.is_empty():
            self.minutes.warn(
                line or 1,
                'No session date found: no day heading such as "Tuesday, 19 March 2024" and '
                'no "Date:" line.',
            )


# Readings of one heading or line -------------------------------------------------------------


def _plain(inline):
    return " ".join(text for _, text, _, _ in _lines(inline, 0)).strip()


def _links(inline):
    return [link for _, _, links, _ in _lines(inline, 0) for link in links]


def _ordinal_of(text):
    """ "28th of March 2023" as "28 March 2023", which `find_date` reads."""
    return _ORDINAL_OF.sub(r"\1 ", text)


def _day(text):
    """(is a day heading, ISO date or None, names a month): "Tuesday, 19 March 2024",
    "19 March 2024", "Tuesday Morning"; a heading with any other word is a topic."""
    words = [word.lower() for word in _TOKEN.findall(text)]
    weekday = any(word in _WEEKDAYS for word in words)
    month = any(word in MONTHS for word in words)
    if not (weekday or month):
        return False, None, False
    for word in words:
        if not (word in _WEEKDAYS or word in MONTHS or word in _DAY_WORDS or word.isdigit()):
            return False, None, False
    return True, find_date(_ordinal_of(text)), month


def _split_heading(text):
    """(title, presenter) of a topic heading: "Cache Groups - Mark Nottingham",
    "DNS over CoAP (DoC) (Martine Lenders) (10)", "Templated Connect-TCP - Ben Schwartz
    (remote) / slides"."""
    main = _SLIDES_SPLIT.split(text, maxsplit=1)[0].strip()
    if _trailing_paren(main) and _MINUTES_ALLOTTED.fullmatch(_trailing_paren(main)[1]):
        main = _trailing_paren(main)[0]
    for dash in (" - ", " – ", " — "):
        title, found, who = main.rpartition(dash)
        if found and title.strip():
            who = _without_paren(who)
            if _is_names(who, single_words=True):
                return title.strip(), who
    if found := _trailing_paren(main):
        title, who = found[0], found[1].strip()
        if title and (who.lower() in _ROLES or _is_names(who, single_words=False)):
            return title, who
    return main, None


def _trailing_paren(text):
    """(what comes before, what is inside) of a text ending in a parenthesis, else None."""
    text = text.rstrip()
    if not text.endswith(")"):
        return None
    start = text.rfind("(")
    if start < 0 or ")" in text[start:-1]:
        return None
    return text[:start].rstrip(), text[start + 1 : -1]


def _without_paren(text):
    """ "Marco Tiloca" out of "Marco Tiloca (marco dot tiloca at ri dot se)"."""
    found = _trailing_paren(text)
    return (found[0] if found else text).strip()


def _is_names(text, single_words):
    """Whether `text` is people's names: "Kazuko Oku and Lucas Pardue", "Mark" (where
    `single_words`), not "Open Issues" or "QUIC"."""
    if not text or len(text) > 80:
        return False
    parts = [part.strip() for part in _NAME_SPLIT.split(text)]
    for part in parts:
        words = part.split()
        if not 1 <= len(words) <= 4 or (len(words) == 1 and not single_words):
            return False
        for word in words:
            if not (word[0].isupper() and word[0].isalpha()) or word.lower() in _NOT_NAMES:
                return False
            if any(character.isdigit() for character in word):
                return False
        if len(words) == 1 and len(words[0]) > 1 and words[0].isupper():
            return False
    return True


def _is_admin(title):
    parts = [part.strip() for part in _ADMIN_SPLIT.split(title.strip(" .:"))]
    parts = [part for part in parts if part]
    return bool(parts) and all(_ADMIN.fullmatch(part) for part in parts)


def _drafts_in(text, links):
    """(draft name, link text or None) of every draft a line names, in link targets first."""
    found = {}
    for href, link_text in links:
        for match in _DRAFT.finditer(href):
            found.setdefault(match[0].lower(), link_text)
    for match in _DRAFT.finditer(text):
        found.setdefault(match[0].lower(), None)
    return list(found.items())


def _draft_title(link_text, topic_title):
    """A draft's title: its link's text where that is a title, else the topic's."""
    if not link_text or _URL.match(link_text) or _DRAFT.match(link_text):
        return topic_title
    return topic_title if link_text.lower() in _LINK_WORDS else link_text


def _only_links(text, links):
    """Whether a line is nothing but links or addresses: "* https://datatracker…/draft-…/"."""
    outside = _alnum(_URL.sub("", text))
    inside = sum(_alnum(_URL.sub("", link_text)) for _, link_text in links)
    return outside <= inside


def _alnum(text):
    return sum(1 for character in text if character.isalnum())


def _presenter_in(text, links):
    """The presenter an agenda line names after its links ("* 25 min - … [slides](…).
    **Yanmei Liu** and **Mirja Kühlewind**"), or a "Presented by …" line."""
    if presented := _PRESENTED_BY.match(text):
        who = presented["who"].strip()
        return who if _is_names(who, single_words=True) else None
    if not (_ALLOTMENT.match(text) and links):
        return None
    last = links[-1][1]
    position = text.rfind(last) if last else -1
    if position < 0:
        return None
    tail = " ".join(_BRACKETS.sub("", text[position + len(last) :]).split()).strip(" .,;:-–")
    return tail if _is_names(tail, single_words=False) else None


def _owners_and_task(text):
    """ "Martin and Lucas to review the draft" as ("Martin, Lucas", "review the draft");
    ("", text) where the line names no owner."""
    for pattern in (_OWNER_COLON, _OWNER_THEN_TASK):
        match = pattern.match(text)
        if match and _owner_like(match["who"]):
            return ", ".join(_names(match["who"])), match["what"].strip()
    return "", text


def _owner_like(text):
    names = _names(text)
    if not names:
        return False
    for name in names:
        words = name.split()
        if words and words[0].lower() == "the":
            words = words[1:]
        if not 1 <= len(words) <= 4:
            return False
        for word in words:
            if not (word[0].isupper() or word.lower() in _ROLES):
                return False
    return True


def _names(text):
    return [name for name in (part.strip(" .") for part in _NAME_SPLIT.split(text)) if name]


def _group(title, header, wg_drafts):
    """The group's acronym, by this order of evidence: "(CoRE) WG" in the title; "QUIC WG"
    in the title; the datatracker session or notes address in the header; the working group
    most draft-ietf-<wg>- names in the file belong to; "HTTP Working Group" in the title."""
    found = _PAREN_ACRONYM.search(title)
    if not found:
        found = next(
            (m for m in _WG_ACRONYM.finditer(title) if not m["group"].upper().startswith("IETF")),
            None,
        )
    if not found:
        found = _SESSION_URL.search(header) or _NOTES_URL.search(header)
    if found:
        group = found["group"].lower()
    elif wg_drafts:
        group = wg_drafts.most_common(1)[0][0]
    else:
        named = re.search(r"(?<![\w-])([A-Za-z][A-Za-z0-9-]{1,19})\s+Working Group\b", title)
        group = named[1].lower() if named else None
    return group if group and _GROUP_CODE.fullmatch(group) else None


def _group_name(title):
    """The group's name as the title writes it, up to "Working Group" or "WG":
    "Constrained RESTful Environments (CoRE) WG" out of "IETF 116 - Agenda for …"."""
    found = _WORKING_GROUP.search(title)
    if not found:
        return None
    words = []
    for word in reversed(title[: found.start()].split()):
        bare = word.strip("()").lower()
        if bare in _NOT_IN_GROUP_NAME or bare.startswith("ietf") or word.endswith(":"):
            break
        if any(character.isdigit() for character in word) or not any(c.isalnum() for c in word):
            break
        if not (word[0].isupper() or word.startswith("(") or bare in _CONNECTORS):
            break
        words.append(word)
    while words and words[-1].lower() in _CONNECTORS:
        words.pop()
    return " ".join([*reversed(words), found[0]]) if words else None
