"""OASIS Technical Committee minutes, as TCs write them in Markdown (the CSAF TC's GitHub
minutes: nested bullets) or in HTML (numbered `<h2>` sections, `<b>` movers).

One reading serves both formats: each is first flattened into the same passages (headings,
lines with their list depth, tables, preformatted text), and the passages are read once.
So the same meeting written as Markdown and as HTML gives the same sections, resolutions and
actions; only the lines they carry differ. A plain text file is read as the Markdown it
usually is (bullets written "-").

What is read: the meeting from the title ("Common Security Advisory Framework (CSAF)
Technical Committee Working Meeting", "... TC Meeting #10 September 27, 2017") and the
"Meeting Date:" and "Chair:" lines; the minutes' own sections (numbered as written, else in
order); each top-level bullet that names a GitHub issue or pull request as a subsection of
its section ("S.N"), its sub-bullets that subsection's notes; motions and their outcomes,
and an item's outcome written in plain words (OUTCOMES), as resolutions; "takes the action
item", "Action:" and "AI:" lines as actions. Tables (participants) and preformatted text
(participant lists, the chat transcript, meeting times) add no notes.

Pure: no database, no files. Everything odd becomes a warning that quotes the text.
"""

import re
from dataclasses import dataclass, field

from .. import records
from .common import find_date, initials

NAME = "oasis"
LABEL = "OASIS TC minutes (Markdown or HTML)"
FORMATS = ("markdown", "html", "text")

# A motion's outcome as OASIS minutes write it: "No discussion, no objections, motion passed.",
# "Omar: Unanimous consent, the motion carries, agenda approved unchanged as published."
MOTION_CARRIED = re.compile(
    r"\bmotion\s+(?:passed|passes|carries|carried|adopted|approved|accepted)\b"
    r"|\bunanimous\s+consent\b"
    r"|\b(?:approved|adopted|carried)\s+(?:unanimously|without\s+objections?)\b",
    re.IGNORECASE,
)
# A motion that failed is still the meeting's decision: it is recorded as a resolution whose
# text says so ("Objections from two members; the motion fails.").
MOTION_FAILED = re.compile(
    r"\bmotion\s+(?:fails|failed|is\s+defeated|was\s+defeated|defeated|rejected"
    r"|does\s+not\s+(?:pass|carry)|did\s+not\s+(?:pass|carry)|not\s+carried)\b",
    re.IGNORECASE,
)
# What was done with a GitHub issue or pull request, in plain words, as a line under it
# states it: "Merged.", "Closed as a duplicate of #880.", "Deferred to CSAF 2.2.".
OUTCOMES = (
    "merged",
    "closed",
    "accepted",
    "deferred",
    "agreed",
    "approved",
    "rejected",
    "postponed",
)
_OUTCOME = re.compile(rf"\b(?:{'|'.join(OUTCOMES)})\b", re.IGNORECASE)
# "agreed" is an outcome only said of the meeting ("It was agreed to merge", "Agreed: ..."),
# not of a person ("Omar agreed to help", which is a promise).
_AGREED = re.compile(
    r"^agreed\b|\b(?:was|were|is|been|it|tc|all|everyone|consensus|group|committee)\s+agreed\b",
    re.IGNORECASE,
)
# A sentence with these words proposes, asks or foresees; it does not state what was done.
_NOT_DONE = re.compile(
    r"\b(?:if|whether|unless|should|could|would|will|shall|may|might|can|suggests?|suggested"
    r"|proposes?|proposed|asks?|asked|recommends?|wants?|prefers?|plans?|to\s+be)\b",
    re.IGNORECASE,
)
_CONDITIONAL = re.compile(r"\b(?:if|whether|unless|once)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.;!?])\s+")
# "Troy moves to approve", "Harold: I move to approve", "Omar sets the motion to accept".
_MOTION = re.compile(
    r"\b(?:moves?|moved)\s+(?:to|that)\b"
    r"|\b(?:sets?|makes?|made|puts?|raises?|raised)\s+(?:the|a)\s+motion\b"
    r"|^motion\s*(?::|to\b)",
    re.IGNORECASE,
)
_SECONDED = re.compile(r"\bsecond(?:s|ed)\b", re.IGNORECASE)

# "Christian takes the action item to research tools."
_TAKES_ACTION = re.compile(
    r"^(?P<owners>[^.;:?!]{1,120}?)\s+(?:takes|took|take|has\s+taken|have\s+taken|will\s+take)"
    r"\s+(?:the\s+|an\s+|a\s+)?action(?:\s+items?)?\b[\s:]*(?:to\s+|of\s+|on\s+)?(?P<what>.*)$",
    re.IGNORECASE,
)
# "Action: Omar to check with OASIS staff", "AI: Thomas - draft the text", "Action (Omar): ..."
_ACTION_LINE = re.compile(
    r"^(?:[Aa]ction(?:\s+[Ii]tems?)?|ACTION(?:\s+ITEMS?)?|AI)\s*(?:\((?P<owners>[^()]{1,120})\))?"
    r"\s*:\s*(?P<rest>.*)$"
)
_OWNER_TASK = re.compile(r"\s+(?:to|will|shall|should)\s+|\s*:\s+|\s+[-–]\s+")
_NAME_WORD = re.compile(r"@?[A-Z][\w.'’-]*|and|&|van|von|de|der|da|le|la")

# "Meeting Date: March 26, 2025"; a bare "Date:" only before the first section.
_MEETING_DATE = re.compile(r"^meeting\s+date\s*:\s*(?P<value>.+)$", re.IGNORECASE)
_DATE = re.compile(r"^date\s*:\s*(?P<value>.+)$", re.IGNORECASE)
_CHAIR = re.compile(
    r"^(?:acting\s+|co-?\s?)?chair(?:s|\(s\)|person|persons)?\s*:\s*(?P<value>.+)$",
    re.IGNORECASE,
)
# The title: "Common Security Advisory Framework (CSAF) Technical Committee Working Meeting".
_TC = re.compile(r"\b(?:Technical\s+Committee|TC)\b")
_TITLE_END = re.compile(r"\b(?:Working\s+)?(?:Meeting|Minutes|Call)\b", re.IGNORECASE)
_ACRONYM = re.compile(r"\((?P<acronym>[A-Z][A-Za-z0-9-]{1,19})\)")
_MEETING_NUMBER = re.compile(r"\bMeeting\s*(?:#|No\.?\s*|Number\s+)(?P<number>\d{1,4})\b")
# What reads as a date even when it is not one ("Semptember 27, 2017").
_DATE_LIKE = re.compile(
    r"\b[A-Za-z]{3,12}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d\b"
    r"|\b\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]{3,12}\.?,?\s+(?:19|20)\d\d\b"
    r"|\b(?:19|20)\d\d-\d{1,2}-\d{1,2}\b"
)
_GROUP = re.compile(r"[a-z][a-z0-9_-]{0,19}")
# The chat export OASIS meetings kept: "Chat transcript from room: csaf" / "From 2017-09-27 …".
_CHAT_ROOM = re.compile(r"^\s*Chat\s+transcript\s+from\s+room\s*:\s*(?P<room>\S+)", re.IGNORECASE)
_CHAT_FROM = re.compile(r"^\s*From\s+(?P<date>(?:19|20)\d\d-\d\d-\d\d)\b", re.MULTILINE)
_NAME_DATE = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)-?(?P<m>\d\d)-?(?P<d>\d\d)(?!\d)")

# A heading's own number: "4. Approval of Minutes", "2.1.1 Voting Members Present".
_NUMBERED = re.compile(r"(?P<number>\d{1,3}(?:\.\d{1,3}){0,4})\.?\s+(?P<title>\S.*)")
# A GitHub issue or pull request named by a line: a link to one, "PR #902", "issue #123", or
# a line that starts "#902"; not "Meeting #9", which is a meeting.
_GITHUB_LINK = re.compile(r"github\.com/[^/\s]+/[^/\s]+/(?:pull|issues)/(?P<number>\d{1,7})\b")
_GITHUB_TEXT = re.compile(
    r"(?:\bPR|\bpull\s+request|\bissue)\s*#?\s*(?P<number>\d{1,7})\b|^#(?P<hash>\d{1,7})\b",
    re.IGNORECASE,
)
_MAX_NUMBER = 20  # the record's bound on a section number
_SPACES = re.compile(r"\s+")

# What OASIS minutes write and others do not, each worth a share of the certainty; the first
# _BODY_SIGNS name the body or a TC.
_BODY_SIGNS = 3
_SIGNS = [
    (re.compile(r"\bOASIS\b"), 0.2),
    (re.compile(r"oasis-open\.org|github\.com/oasis-tcs/", re.IGNORECASE), 0.25),
    (re.compile(r"\b(?:Technical\s+Committee|TC\s+Meeting)\b"), 0.25),
    (
        re.compile(
            r"^\W*(?:Meeting\s+Date|Acting\s+chair)\s*:|Chat\s+transcript\s+from\s+room:",
            re.IGNORECASE | re.MULTILINE,
        ),
        0.2,
    ),
    (re.compile(r"\bmotion\s+(?:passed|carries|carried)\b", re.IGNORECASE), 0.15),
    (re.compile(r"\bCall\s+to\s+Order\b", re.IGNORECASE), 0.15),
]


def detect(document):
    """The OASIS signs found, each adding its share: the body's name and sites, a "Technical
    Committee" title, the "Meeting Date:"/"Acting chair:" lines or chat transcript, the
    motion's words and the "Call to Order" that opens every TC meeting. Without a sign of
    the body itself (the first three) it is 0: this reading finds sections in any Markdown,
    so it must not be offered minutes of another body that its own dialect could not read."""
    found = [index for index, (sign, _) in enumerate(_SIGNS) if sign.search(document.text)]
    if not found or found[0] >= _BODY_SIGNS:
        return 0.0
    return min(sum(_SIGNS[index][1] for index in found), 1.0)


def parse(document, meeting=None):
    """Read `document` into `records.Minutes`. `meeting` is left to the pipeline: the
    minutes tell their own meeting, or leave group and date None for it to ask."""
    if document.format == "html":
        passages = html_passages(document.tree)
        title = _html_title(document.tree)
    else:
        passages = markdown_passages(document.tokens)
        title = None
    return _Reader(document).run(passages, title)


# Passages: what both formats are read into ---------------------------------------------------


@dataclass
class Passage:
    kind: str  # "heading", "line", "table" or "pre"
    line: int
    text: str = ""
    level: int = 0  # a heading's level, 1 to 6
    depth: int = 0  # how deep in lists a line is: 0 outside them, 1 a top-level bullet
    opens_item: bool = False  # the first line of a list item (its bullet)
    links: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)  # a table's, header first


def markdown_passages(tokens):
    """The passages of a Markdown document from its markdown-it block tokens."""
    passages = []
    depth = 0
    fresh_item = False
    heading = None
    table = None
    for token in tokens:
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            depth += 1
        elif kind in ("bullet_list_close", "ordered_list_close"):
            depth = max(depth - 1, 0)
        elif kind == "list_item_open":
            fresh_item = True
        elif kind == "heading_open":
            heading = int(token.tag[1:]) if token.tag[1:].isdigit() else 6
        elif kind == "heading_close":
            heading = None
        elif kind == "table_open":
            table = Passage("table", _line_of(token))
        elif kind == "tr_open" and table is not None:
            table.rows.append([])
        elif kind == "table_close" and table is not None:
            passages.append(table)
            table = None
        elif kind in ("fence", "code_block"):
            passages.append(Passage("pre", _line_of(token), token.content))
        elif kind == "inline":
            text, links = _inline_text(token)
            if table is not None:
                if table.rows:
                    table.rows[-1].append(text)
            elif heading is not None:
                passages.append(Passage("heading", _line_of(token), text, level=heading))
            else:
                line = Passage("line", _line_of(token), text, depth=depth, opens_item=fresh_item)
                line.links = links
                passages.append(line)
                fresh_item = False
    return passages


def _line_of(token):
    return token.map[0] + 1 if token.map else 1


def _inline_text(token):
    """An inline token's text as a reader sees it (links and code without their marks), and
    the addresses it links to."""
    parts, links = [], []
    for child in token.children or ():
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            parts.append(child.content)
        elif child.type == "link_open":
            links.append(str(child.attrs.get("href", "")))
    return _plain("".join(parts)), links


# Elements whose text is a line of its own; the others are read into the line around them.
_BLOCK_TAGS = {
    "p", "li", "blockquote", "div", "dd", "dt", "dl", "section", "article", "main", "header",
    "footer", "nav", "aside", "address", "center", "figure", "figcaption", "details",
    "summary", "body", "form", "fieldset", "hr", "ul", "ol",
}  # fmt: skip
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_UNREAD = {"head", "script", "style", "template", "noscript", "title", "svg", "math", "iframe"}


@dataclass
class _Open:
    """A block element being read: the text gathered for its current line."""

    line: int
    depth: int
    item: "_Open | None"  # the list item it is in (itself, for an <li>)
    parts: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    fresh: bool = False  # an <li> whose first line is still to come
    empty: bool = True  # no text gathered yet: the next text tells the line

    def add(self, text, line):
        if text:
            self.parts.append(text)
            if self.empty and not text.isspace():
                self.line, self.empty = line or self.line, False


def html_passages(tree):
    """The passages of an HTML document, walking its elements once in document order."""
    from lxml import etree

    body = tree.find("body")
    root = tree if body is None else body
    passages = []
    stack = []
    depth = 0
    walker = etree.iterwalk(root, events=("start", "end"))
    for event, element in walker:
        tag = element.tag.lower() if isinstance(element.tag, str) else None
        if event == "start":
            if tag is None:
                continue
            if tag in _UNREAD:
                walker.skip_subtree()
            elif tag in _HEADINGS or tag in ("pre", "table"):
                _flush(stack, passages)
                passages.append(_leaf_passage(tag, element))
                walker.skip_subtree()
            elif tag in _BLOCK_TAGS:
                _flush(stack, passages)
                if tag in ("ul", "ol"):
                    depth += 1
                enclosing = stack[-1].item if stack else None
                opened = _Open(element.sourceline or 1, depth, enclosing)
                if tag == "li":
                    opened.item, opened.fresh = opened, True
                opened.add(element.text, element.sourceline)
                stack.append(opened)
            elif stack:
                current = stack[-1]
                if tag == "br":
                    current.add(" ", None)
                elif tag == "img":
                    current.add(element.get("alt"), element.sourceline)
                elif tag == "a" and element.get("href"):
                    current.links.append(element.get("href"))
                current.add(element.text, element.sourceline)
            continue
        if tag in _BLOCK_TAGS:
            _flush(stack, passages)
            if stack:
                stack.pop()
            if tag in ("ul", "ol"):
                depth = max(depth - 1, 0)
        if stack:
            stack[-1].add(element.tail, element.sourceline)
    _flush(stack, passages)
    return passages


def _flush(stack, passages):
    """The line gathered in the innermost open element, as a passage; it starts afresh."""
    if not stack:
        return
    current = stack[-1]
    text = _plain("".join(current.parts))
    if text:
        item = current.item
        opens = bool(item and item.fresh and current.depth == item.depth)
        if opens:
            item.fresh = False
        passages.append(
            Passage(
                "line",
                current.line,
                text,
                depth=current.depth if item else 0,
                opens_item=opens,
                links=current.links,
            )
        )
    current.parts, current.links, current.empty = [], [], True


def _leaf_passage(tag, element):
    line = element.sourceline or 1
    if tag in _HEADINGS:
        return Passage("heading", line, _plain(element.text_content()), level=_HEADINGS[tag])
    if tag == "pre":
        return Passage("pre", line, element.text_content())
    rows = [
        [_plain(cell.text_content()) for cell in row if cell.tag in ("td", "th")]
        for row in element.iter("tr")
    ]
    return Passage("table", line, rows=rows)


def _html_title(tree):
    """The `<title>` as (text, line), for HTML minutes whose body has no `<h1>`."""
    found = tree.find(".//title")
    if found is None:
        return None
    return _plain(found.text_content()), found.sourceline or 1


def _plain(text):
    return _SPACES.sub(" ", text.replace("\u00a0", " ")).strip()


# The reading ---------------------------------------------------------------------------------


@dataclass
class _Motion:
    """A motion made and waiting for its outcome: its lines, while they follow each other."""

    line: int
    depth: int
    texts: list[str]
    consecutive: bool = True


class _Reader:
    def __init__(self, document):
        self.document = document
        self.minutes = records.Minutes(warnings=list(document.warnings))
        self.sections = {}  # number: records.Section
        self.titles = {}  # (parent number, title): the number of the first section so titled
        self.written = set()  # the numbers the headings write, kept free for them
        self.next_child = {}  # parent number (None at the top): the next number to try
        self.levels = []  # (heading level, section number) of the headings enclosing
        self.section = None  # the heading's section being read
        self.item = None  # the GitHub issue or pull request being read, a subsection
        self.items = {}  # (section number, "#902"): its subsection
        self.notes = {}  # section number: its lines
        self.motion = None
        self.title = None  # (text, line)
        self.meeting_date = None  # (text, line) of "Meeting Date:"
        self.chair = None
        self.chat = None  # (room, date, line) from a chat transcript
        self.role_chairs = []  # chairs named in a participants table's "Role" column

    def run(self, passages, html_title=None):
        self.written = {
            match["number"]
            for passage in passages
            if passage.kind == "heading" and (match := _NUMBERED.fullmatch(passage.text))
        }
        for passage in passages:
            if passage.kind == "heading":
                self.heading(passage)
            elif passage.kind == "line":
                self.line(passage)
            elif passage.kind == "table":
                self.table(passage)
            else:
                self.preformatted(passage)
        self.end_scope()
        for section in self.minutes.sections:
            section.notes = "\n".join(self.notes.get(section.number, ()))
        self.recognise_meeting(self.title or html_title)
        return self.minutes

    # Sections ------------------------------------------------------------------------------

    def heading(self, passage):
        if not passage.text:
            return
        if self.title is None and passage.level == 1 and not self.minutes.sections:
            self.title = (passage.text, passage.line)
            return
        self.end_scope()
        self.item = None
        while self.levels and self.levels[-1][0] >= passage.level:
            self.levels.pop()
        numbered = _NUMBERED.fullmatch(passage.text)
        if numbered:
            number, title = numbered["number"], numbered["title"]
            prefix = number.rpartition(".")[0]
            parent = prefix if prefix in self.sections else None
        else:
            title = passage.text
            parent = self.levels[-1][1] if self.levels else None
            number = self.free_number(parent)
        if number is None:
            self.minutes.warn(
                passage.line,
                f'The heading "{passage.text}" is nested too deep for a section number; '
                "its notes are read into the section above it.",
            )
            return
        if number in self.sections:
            self.minutes.warn(
                passage.line,
                f'The heading "{passage.text}" repeats section number {number}; '
                "its notes are read into the first.",
            )
            self.section = self.sections[number]
        else:
            self.section = self.open_section(number, title, passage.line, parent)
        self.levels.append((passage.level, self.section.number))

    def free_number(self, parent):
        """The next number under `parent` that no heading writes and no section has."""
        start = self.next_child.get(parent)
        if start is None:
            start = 1
        candidate = start
        while True:
            number = f"{parent}.{candidate}" if parent else str(candidate)
            if number not in self.written and number not in self.sections:
                break
            candidate += 1
        if len(number) > _MAX_NUMBER:
            return None
        self.next_child[parent] = candidate + 1
        return number

    def open_section(self, number, title, line, parent):
        title = title.strip().rstrip(":").strip()
        same = self.titles.get((parent, title)) if title else None
        if same:
            self.minutes.warn(
                line,
                f'Section {number} "{title}" repeats the title of section {same}; '
                "both are kept as numbered.",
            )
        else:
            self.titles[(parent, title)] = number
        section = records.Section(number=number, title=title, line=line, parent=parent)
        self.minutes.sections.append(section)
        self.sections[number] = section
        if parent is None:
            leading = number.partition(".")[0]
            self.next_child[None] = max(self.next_child.get(None, 1), int(leading) + 1)
        return section

    # Lines ---------------------------------------------------------------------------------

    def line(self, passage):
        text = passage.text
        if self.meta(passage):
            return
        if self.section is None:
            return
        top_level = passage.depth == 0 or (passage.depth == 1 and passage.opens_item)
        if top_level and self.open_item(passage):
            return
        target = self.item or self.section
        self.notes.setdefault(target.number, []).append(text)
        self.decide(passage, target)
        self.act(passage, target)

    def meta(self, passage):
        """A "Meeting Date:" or "Chair:" line, read into the meeting; True where it is not a
        note (before the first section)."""
        text = passage.text
        date = _MEETING_DATE.match(text) or (self.section is None and _DATE.match(text))
        if date and self.meeting_date is None:
            self.meeting_date = (date["value"], passage.line)
        chair = _CHAIR.match(text)
        if chair and self.chair is None:
            self.chair = chair["value"].strip()
        return self.section is None

    def open_item(self, passage):
        """A top-level line naming a GitHub issue or pull request opens its subsection; any
        other top-level line closes the one open. True where the line is an item's title."""
        reference = _github_reference(passage) if passage.opens_item else None
        if reference is None:
            if self.item is not None:
                self.end_scope()
                self.item = None
            return False
        self.end_scope()
        key = (self.section.number, reference)
        if key in self.items:
            self.minutes.warn(
                passage.line,
                f'"{passage.text}" is already an item of section {self.section.number}; '
                "its notes are read into the first.",
            )
            self.item = self.items[key]
            return True
        number = self.free_number(self.section.number)
        if number is None:
            self.minutes.warn(
                passage.line,
                f'"{passage.text}" is nested too deep for a section number; '
                "it is read as a note of its section.",
            )
            self.item = None
            return False
        self.item = records.Section(
            number=number, title=passage.text, line=passage.line, parent=self.section.number
        )
        self.minutes.sections.append(self.item)
        self.sections[number] = self.item
        self.items[key] = self.item
        return True

    # Resolutions ---------------------------------------------------------------------------

    def decide(self, passage, target):
        """A motion's outcome, joined to the motion it settles; a motion waits for one."""
        text = passage.text
        motion = self.motion
        if motion and passage.depth < motion.depth:
            self.end_scope()
            motion = None
        if _motion_outcome(text) or (self.item is not None and _item_outcome(text)):
            if motion:
                self.resolve(" ".join([*motion.texts, text]), motion.line, target)
            else:
                self.resolve(text, passage.line, target)
            self.motion = None
        elif _MOTION.search(text) and "?" not in text:
            self.motion = _Motion(passage.line, passage.depth, [text])
        elif motion:
            follows = passage.depth > motion.depth or _SECONDED.search(text)
            if motion.consecutive and follows:
                motion.texts.append(text)
            else:
                motion.consecutive = False

    def resolve(self, text, line, target):
        self.minutes.resolutions.append(records.Resolution(text, target.number, line))

    def end_scope(self):
        """A motion still waiting when its section, item or bullet ends had no outcome."""
        if self.motion:
            self.minutes.warn(
                self.motion.line,
                f'The motion "{" ".join(self.motion.texts)}" has no outcome written; '
                "it is not recorded as a resolution.",
            )
        self.motion = None

    # Actions -------------------------------------------------------------------------------

    def act(self, passage, target):
        text = passage.text
        taken = _TAKES_ACTION.match(text)
        if taken:
            owners, what = taken["owners"].strip(), _task(taken["what"])
        else:
            line = _ACTION_LINE.match(text)
            if not line:
                return
            owners, what = _owners_and_task(line["owners"], line["rest"])
            if not (owners or what):
                return  # "Action items:" as a label
        if not what:
            self.minutes.warn(passage.line, f'The action "{text}" says nothing to do; not read.')
            return
        if not owners:
            self.minutes.warn(passage.line, f'The action "{text}" names no owner.')
        self.minutes.actions.append(
            records.Action(
                reference=None,
                description=what,
                owners=owners,
                status="open",
                section=target.number,
                line=passage.line,
            )
        )

    # Tables and preformatted text: not notes -----------------------------------------------

    def table(self, passage):
        """A participants table tells the chair where its "Role" column says "Chair"."""
        if not passage.rows:
            return
        header = [cell.lower() for cell in passage.rows[0]]
        if "role" not in header:
            return
        role = header.index("role")
        names = [i for i, cell in enumerate(header) if "name" in cell]
        for row in passage.rows[1:]:
            if role < len(row) and re.fullmatch(r"(?:co-?\s?)?chair", row[role], re.IGNORECASE):
                name = " ".join(row[i] for i in names if i < len(row) and row[i])
                if name:
                    self.role_chairs.append(name)

    def preformatted(self, passage):
        room = _CHAT_ROOM.match(passage.text)
        if room and self.chat is None:
            started = _CHAT_FROM.search(passage.text)
            self.chat = (room["room"], started and started["date"], passage.line)

    # The meeting ---------------------------------------------------------------------------

    def recognise_meeting(self, title):
        meeting = self.minutes.meeting
        name = None
        if title:
            text, meeting.line = title
            name, title_date = self.read_title(text)
            meeting.group_name = name
            number = _MEETING_NUMBER.search(text)
            meeting.number = number["number"] if number else None
        else:
            title_date = None
        meeting.group = _group_code(title and title[0], name, self.chat)
        meeting.chair = self.chair or (", ".join(self.role_chairs) or None)
        meeting.date = self.meeting_day(title_date, title)
        meeting.dates = [meeting.date] if meeting.date else []

    def read_title(self, text):
        """The TC's name as the title writes it (without "OASIS", "Technical Committee …"
        and the date) and the title's date text."""
        cuts = [match.start() for match in (_TC.search(text), _TITLE_END.search(text)) if match]
        date = _DATE_LIKE.search(text)
        if date:
            cuts.append(date.start())
        name = text[: min(cuts)] if cuts else text
        name = re.sub(r"^OASIS\b", "", name).strip(" -–:,")
        return name or None, date[0] if date else None

    def meeting_day(self, title_date, title):
        """The ISO date from "Meeting Date:", else the title, else the chat transcript's
        start, else the file's name; a date that is not one is warned about and passed over."""
        found = []  # (ISO date, where it was read), surest first
        wrong = []  # (line, the text as written) of dates that are not dates
        if self.meeting_date:
            value, line = self.meeting_date
            day = find_date(value)
            if day:
                found.append((day, '"Meeting Date:"'))
            else:
                wrong.append((line, f'"Meeting Date: {value}"'))
        if title_date:
            day = find_date(title_date)
            if day:
                found.append((day, "the title"))
            else:
                wrong.append((title[1], f'The title\'s date "{title_date}"'))
        if self.chat and self.chat[1]:
            found.append((find_date(self.chat[1]), "the chat transcript"))
        named = _NAME_DATE.search(self.document.name or "")
        if named:
            found.append((find_date("-".join(named.groups())), "the file's name"))
        found = [(day, source) for day, source in found if day]
        if not found:
            for line, quoted in wrong:
                self.minutes.warn(line, f"{quoted} is not a date, and no other date was found.")
            return None
        day, source = found[0]
        for line, quoted in wrong:
            self.minutes.warn(
                line, f"{quoted} is not a date; the meeting's date {day} is taken from {source}."
            )
        line = self.minutes.meeting.line or 1
        if not wrong and source in ("the chat transcript", "the file's name"):
            self.minutes.warn(line, f"The meeting's date {day} is taken from {source}.")
        other = next((each for each in found[1:] if each[0] != day), None)
        if other and other[1] != "the file's name":
            self.minutes.warn(
                line, f"{source} gives {day} but {other[1]} gives {other[0]}; {day} is taken."
            )
        return day


def _group_code(title, name, chat):
    """ "csaf" from "(CSAF)" in the title, else the chat room, else the name's initials."""
    acronym = _ACRONYM.search(name or "") or _ACRONYM.search(title or "")
    candidates = [
        acronym and acronym["acronym"],
        chat and chat[0],
        name and initials(name),
    ]
    for candidate in candidates:
        if candidate and _GROUP.fullmatch(candidate.lower()):
            return candidate.lower()
    return None


def _github_reference(passage):
    """ "#902" where the line links to a GitHub issue or pull request or writes one."""
    for link in passage.links:
        found = _GITHUB_LINK.search(link)
        if found:
            return f"#{found['number']}"
    found = _GITHUB_TEXT.search(passage.text)
    if found:
        return f"#{found['number'] or found['hash']}"
    return None


def _motion_outcome(text):
    """The line states that a motion passed or failed (not "if the motion passes")."""
    for sentence in _SENTENCE_END.split(text):
        if (MOTION_CARRIED.search(sentence) or MOTION_FAILED.search(sentence)) and not (
            "?" in sentence or _CONDITIONAL.search(sentence)
        ):
            return True
    return False


def _item_outcome(text):
    """The line states what was done with the item: merged, closed, accepted, deferred…"""
    for sentence in _SENTENCE_END.split(text):
        word = _OUTCOME.search(sentence)
        if not word or "?" in sentence or _NOT_DONE.search(sentence):
            continue
        if word[0].lower() != "agreed" or _AGREED.search(sentence):
            return True
    return False


def _owners_and_task(owners, rest):
    """ "Omar to check with OASIS staff" as ("Omar", "check with OASIS staff")."""
    rest = rest.strip()
    if owners:
        return owners.strip(), _task(rest)
    split = _OWNER_TASK.search(rest)
    if split and _looks_like_names(rest[: split.start()]):
        return rest[: split.start()].strip(), _task(rest[split.end() :])
    return "", _task(rest)


def _looks_like_names(text):
    """ "Omar", "Thomas and Stefan", "Sonny van Lingen, @tschmidtb51": names, not a sentence."""
    words = [word for word in re.split(r"[\s,/]+", text.strip()) if word]
    return 0 < len(words) <= 8 and all(_NAME_WORD.fullmatch(word) for word in words)


def _task(text):
    return text.strip().rstrip(".").strip()
