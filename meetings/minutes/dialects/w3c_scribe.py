"""W3C minutes as scribe.perl writes them in HTML: the current generator (scribe2, "version
246") and David Booth's older scribe.perl 1.1xx, often passed through HTML Tidy.

Both write one page per meeting: the meeting's name in `<h1>` (and `<title>`), its date in
the first `<h2>`, a link to the IRC log whose channel is the group's short name, the attendees
as a `<dl>` (Present, Regrets, Chair, Scribe), then the minutes: one `<h3>` per topic (`<h4>`
for a subtopic) and one paragraph per utterance, "brent: …" said on the call or "<dmitriz> +1"
typed on IRC. A `RESOLUTION:` and an `ACTION:` are paragraphs of their own (`class=resolution`
and `class=action` in scribe2, `<strong>ACTION:</strong>` in the old one); both generators list
them again after the minutes, and those summaries are not read.

From `Document.tree` to a `Minutes` record: pure, no database, no files. The walk reads only
the minutes' body (scribe2's `<main>`, the old `<div class="meeting">`) and stops at the first
summary; every fact keeps the line of the element it was read from.
"""

import re
from dataclasses import dataclass

from lxml import etree

from .. import records
from ..readers import MinutesError
from . import common

NAME = "w3c-scribe"
LABEL = "W3C scribe minutes (scribe.perl HTML)"
FORMATS = ("html",)

_BREAK = "\x00"  # stands for a <br>: where the scribe's lines part inside one paragraph
_SPACE = re.compile(r"\s+")
# The W3C channel bots: their lines are the queue and the log, not the discussion.
_BOTS = {"zakim", "rrsagent", "trackbot", "agendabot"}
_TO_A_BOT = re.compile(r"^(?:zakim|rrsagent|trackbot|agendabot)\s*,", re.IGNORECASE)
_KEYWORD = re.compile(r"^(?P<word>ACTION|RESOLUTION|RESOLVED)\s*[:：]\s*", re.IGNORECASE)
_CONTINUATION = re.compile(r"^(?:…|\.\.+)\s*")
# "brent and ivan to draft the note"; "manu: draft the note" (scribe2's "action manu: …").
_OWNED = re.compile(r"^(?P<who>[^:;\[\]]{1,80}?)\s+to\s+(?P<what>\S.*)$", re.IGNORECASE)
_NICK_OWNED = re.compile(r"^(?P<who>[^\W\d][\w.-]{0,40})\s*[:：]\s*(?P<what>\S.*)$")
_OWNER_SPLIT = re.compile(r"\s*(?:,|&|/|\band\b)\s*", re.IGNORECASE)
_MAX_OWNER_WORDS = 6
# Words of a task's description, not of people's names: "investigate a way to pause …".
_NOT_NAMES = {"a", "an", "the", "this", "that", "we", "it", "is", "are", "be", "will", "need"}
# The old scribe.perl's additions to an action: "[recorded in http://…#action01]", "[NEW]".
_RECORDED = re.compile(r"\s*\[\s*recorded\s+in\s+[^\]]*\]?\s*$", re.IGNORECASE)
_STATUS = re.compile(
    r"^\s*\[\s*(?P<lead>[A-Z][A-Z _-]{1,15}?)\s*\]\s*"
    r"|\s*\[\s*(?P<tail>[A-Z][A-Z _-]{1,15}?)\s*\]\s*$",
    re.IGNORECASE,
)
_STATUSES = {
    "new": "open",
    "pending": "open",
    "unknown": "open",
    "in progress": "in_progress",
    "done": "closed",
    "dropped": "dropped",
    "retired": "dropped",
}
_DRAFT = re.compile(r"^[\s–—-]*DRAFT[\s–—-]*$", re.IGNORECASE)
_TITLE_DATE_SEPARATORS = (" – ", " — ", " -- ", " - ")
_MEETING_WORDS = re.compile(
    r"[\s,–—-]+(?:(?:weekly|monthly|bi-?weekly)\s+)?"
    r"(?:telco|telcon|teleconference|teleconf|conference\s+call|call|meeting)$",
    re.IGNORECASE,
)
_PLACEHOLDERS = {"meeting title", "sv_meeting_title", "sv_meeting_chair", "-", ""}
_CHAIR_LINE = re.compile(r"^chairs?\s*[:：]\s*(?P<chair>.+)$", re.IGNORECASE)
# What is not the minutes' body: the heading, attendees, contents, diagnostics, footer.
_PRUNED_TAGS = {"head", "header", "nav", "address", "dl", "script", "style"}
_PRUNED_IDS = {"prelims", "attendees", "toc", "links", "recording"}
_PRUNED_CLASSES = {"intro", "diagnostics"}
_SUMMARY_IDS = {"actionsummary", "resolutionsummary", "issuesummary"}
_READ_TAGS = {"h3", "h4", "p", "pre"}


def detect(document):
    """scribe.perl signs its footer, styles its pages with the W3C minutes style sheets, writes
    its utterances as `<p class="phone|irc"><cite>…` and links the IRC log; each sign adds to
    the certainty."""
    if document.format != "html":
        return 0.0
    try:
        tree = document.tree
    except MinutesError:
        return 0.0
    signed = styled = spoken = logged = False
    for element in tree.iter():
        tag = element.tag
        if tag == "address" and not signed:
            signed = "scribe.perl" in element.text_content() or any(
                "/scribe" in (link.get("href") or "") for link in element.iter("a")
            )
        elif tag == "link" and not styled:
            href = element.get("href") or ""
            styled = href.endswith("minutes-style.css") or "/StyleSheets/scribe2/" in href
        elif tag == "p" and not spoken:
            spoken = (
                bool(_classes(element) & {"phone", "irc"}) and element.find(".//cite") is not None
            )
        elif tag == "a" and not logged:
            logged = common.irc_channel(element.get("href")) is not None
    return min(1.0, 0.5 * signed + 0.25 * styled + 0.25 * spoken + 0.15 * logged)


def parse(document, meeting=None):
    """Read `document` (HTML from a reader) into `records.Minutes`.

    `meeting` ("vcwg@2025-10-08") is applied by the pipeline after this parse; the minutes
    are read the same with or without it.
    """
    return _Parser(document).run()


@dataclass
class _Utterance:
    """One paragraph of the minutes: who spoke (None for the scribe's own text), how ("phone"
    said on the call, "irc" typed, "text" the scribe's description), and the lines the scribe
    wrote, their "…" marks taken off."""

    kind: str
    speaker: str | None
    lines: list[str]
    continues: bool = False

    @property
    def said(self):
        """The lines of one utterance as the minutes set them apart."""
        return " … ".join(self.lines)

    @property
    def sentence(self):
        """The lines as one text: a resolution or action the scribe wrapped."""
        return " ".join(self.lines)


class _Parser:
    def __init__(self, document):
        self.tree = document.tree
        self.minutes = records.Minutes(warnings=list(document.warnings))
        self.section = None
        self.topic = None  # the current <h3> section, parent of <h4> subtopics
        self.topics = 0
        self.subtopics = 0
        self.notes = {}  # section number: its note lines, joined at the end
        self.last_phone = None  # (section number, note index, speaker) of the last "x: …"
        self.seen_actions = set()
        self.seen_resolutions = set()

    def run(self):
        body = _body(self.tree)
        self.read_meeting(body)
        for element in _walk(body):
            if element.tag == "h3":
                self.open_topic(element)
            elif element.tag == "h4":
                self.open_subtopic(element)
            else:
                self.paragraph(element)
        for section in self.minutes.sections:
            section.notes = "\n".join(self.notes.get(section.number, ()))
        return self.minutes

    # The meeting -------------------------------------------------------------------------

    def read_meeting(self, body):
        """Group, date and chair, from what comes before the minutes' body."""
        info = self.minutes.meeting
        title = h1 = h2 = None
        chair = None
        links = []
        for element in _before_minutes(self.tree, body):
            tag = element.tag
            if tag == "title" and title is None:
                title = element
            elif tag == "h1" and h1 is None:
                h1 = element
            elif tag == "h2" and h2 is None:
                h2 = element
            elif tag == "a" and element.get("href"):
                links.append(element)
            elif (
                tag == "dt"
                and chair is None
                and _collapse(element.text_content()).lower()
                in (
                    "chair",
                    "chairs",
                )
            ):
                chair = _definition(element)
            elif tag == "p" and chair is None:
                match = _CHAIR_LINE.match(_collapse(element.text_content()))
                chair = match["chair"] if match else None
        named_by = h1 if h1 is not None else title
        info.group_name = _group_name(h1, title)
        info.line = _line(named_by) if named_by is not None else None
        info.chair = chair if chair and chair.lower() not in _PLACEHOLDERS else None
        info.group = self.read_group(links, info.group_name, info.line or 1)
        self.read_date(h2, h1, title)

    def read_group(self, links, group_name, line):
        """The IRC channel of the log's address; else the initials of the group's name."""
        channel = _channel(links)
        if channel:
            return channel
        if not group_name:
            self.minutes.warn(
                line, "No meeting name and no IRC log link were found: the group is not known."
            )
            return None
        short = common.initials(group_name)
        self.minutes.warn(
            line,
            f'No IRC log link names the group\'s channel; its short name "{short}" was made '
            f'from "{group_name}".',
        )
        return short

    def read_date(self, h2, h1, title):
        info = self.minutes.meeting
        for element in (h2, h1, title):
            if element is None:
                continue
            found = common.find_date(_collapse(element.text_content()))
            if found:
                info.date = found
                info.dates = [found]
                return
        named = title if title is not None else h1
        written = _collapse(named.text_content()) if named is not None else ""
        self.minutes.warn(
            info.line or 1,
            f'No date was found in the headings or the title "{written}"; name the meeting '
            "with --meeting.",
        )

    # Topics ------------------------------------------------------------------------------

    def open_topic(self, element):
        self.topics += 1
        self.subtopics = 0
        self.topic = self.open_section(str(self.topics), element, parent=None)

    def open_subtopic(self, element):
        if self.topic is None:
            self.minutes.warn(
                _line(element),
                f'The subtopic "{_heading(element)}" comes before any topic; read as a topic.',
            )
            self.open_topic(element)
            return
        self.subtopics += 1
        number = f"{self.topic.number}.{self.subtopics}"
        self.open_section(number, element, parent=self.topic.number)

    def open_section(self, number, element, parent):
        title = _heading(element)
        if not title:
            self.minutes.warn(_line(element), f"Topic {number} has an empty heading.")
        self.section = records.Section(
            number=number, title=title, line=_line(element), parent=parent
        )
        self.minutes.sections.append(self.section)
        return self.section

    def current_section(self, line):
        """The section being read; before the first topic, an opening section "0", made only
        when something is said there."""
        if self.section is None:
            self.section = records.Section(number="0", title="Before the first topic", line=line)
            self.minutes.sections.append(self.section)
        return self.section

    # Paragraphs --------------------------------------------------------------------------

    def paragraph(self, element):
        utterance = _utterance(element)
        if utterance is None or _is_bot(utterance):
            return
        text = utterance.sentence
        keyword = _KEYWORD.match(text)
        if _has_class(element, "resolution"):
            self.resolution(element, _after(keyword, text))
        elif "action" in _classes(element):
            self.action(element, _after(keyword, text))
        elif keyword and keyword["word"].upper() == "ACTION":
            self.action(element, text[keyword.end() :])
        elif keyword:
            self.resolution(element, text[keyword.end() :])
        else:
            self.note(_line(element), utterance)

    def note(self, line, utterance):
        section = self.current_section(line)
        lines = self.notes.setdefault(section.number, [])
        if utterance.continues and self.last_phone:
            number, index, speaker = self.last_phone
            if number == section.number and index == len(lines) - 1:
                lines[index] += " … " + utterance.said
                return
            lines.append(f"{speaker}: {utterance.said}")
        elif utterance.speaker:
            lines.append(f"{utterance.speaker}: {utterance.said}")
        else:
            lines.append(utterance.said)
        if utterance.kind == "phone" or (utterance.continues and self.last_phone):
            speaker = utterance.speaker or self.last_phone[2]
            self.last_phone = (section.number, len(lines) - 1, speaker)

    def resolution(self, element, text):
        line = _line(element)
        if not text:
            self.minutes.warn(line, "A RESOLUTION without text was ignored.")
            return
        section = self.current_section(line)
        if (section.number, text) in self.seen_resolutions:
            self.minutes.warn(line, f'The resolution "{text}" is written twice; read once.')
            return
        self.seen_resolutions.add((section.number, text))
        self.minutes.resolutions.append(records.Resolution(text, section.number, line))

    def action(self, element, text):
        line = _line(element)
        text, status = _action_status(_RECORDED.sub("", text))
        if not text:
            self.minutes.warn(line, "An ACTION without text was ignored.")
            return
        owners, description = _owners(text)
        if not owners:
            self.minutes.warn(
                line,
                f'The action "ACTION: {text}" names no owner ("who to what"); read without one.',
            )
        section = self.current_section(line)
        key = (section.number, owners, description)
        if key in self.seen_actions:
            self.minutes.warn(line, f'The action "ACTION: {text}" is written twice; read once.')
            return
        self.seen_actions.add(key)
        self.minutes.actions.append(
            records.Action(
                reference=None,
                description=description,
                owners=owners,
                status=status,
                section=section.number,
                line=line,
            )
        )


# The page ------------------------------------------------------------------------------


def _body(tree):
    """The element that holds the minutes: scribe2's <main id=meeting>, the old
    <div class="meeting">; the whole <body> when the page has neither."""
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        if (
            element.tag == "main"
            or element.get("id") == "meeting"
            or "meeting" in _classes(element)
        ):
            return element
    body = tree.find("body")
    return body if body is not None else tree


def _before_minutes(tree, body):
    """The elements before the minutes' body, in document order: where the meeting is named."""
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        if element is body if body.tag not in ("body", "html") else _starts_minutes(element):
            return
        yield element


def _starts_minutes(element):
    return element.tag in ("h3", "hr") or bool(
        _classes(element) & {"phone", "irc", "action", "resolution"}
    )


def _walk(body):
    """The headings and paragraphs of the minutes, in document order. Pruned: the page's
    heading, attendees and contents; stops at the first summary of actions or resolutions.
    Where the page has no body element of its own, reading starts at the first topic, rule
    or utterance, so that the "See also: IRC log" line above is not taken for minutes."""
    started = body.tag not in ("body", "html")
    stack = [iter((body,))]
    while stack:
        element = next(stack[-1], None)
        if element is None:
            stack.pop()
            continue
        if not isinstance(element.tag, str):
            continue
        if _is_summary(element):
            return
        if _is_pruned(element):
            continue
        started = started or _starts_minutes(element)
        if element.tag in _READ_TAGS or (element.tag == "div" and _is_record(element)):
            if started:
                yield element
            continue
        stack.append(iter(element))


def _is_summary(element):
    if (element.get("id") or element.get("name") or "").lower() in _SUMMARY_IDS:
        return True
    return element.tag == "h2" and _collapse(element.text_content()).lower().startswith(
        "summary of"
    )


def _is_pruned(element):
    return (
        element.tag in _PRUNED_TAGS
        or (element.get("id") or "").lower() in _PRUNED_IDS
        or bool(_classes(element) & _PRUNED_CLASSES)
    )


def _is_record(element):
    return bool(_classes(element) & {"action", "resolution"})


def _classes(element):
    return set((element.get("class") or "").lower().split())


def _has_class(element, name):
    return any(name in _classes(inner) for inner in element.iter() if isinstance(inner.tag, str))


def _line(element):
    """Where an element starts; 1 for one the HTML parser had to add itself."""
    return element.sourceline or 1


def _lines(element):
    """The element's text, one string per line the scribe wrote (a <br> parts them), white
    space collapsed (Tidy wraps inside sentences) and <wbr> dropped."""
    parts = []
    for event, inner in etree.iterwalk(element, events=("start", "end")):
        if not isinstance(inner.tag, str):
            if event == "end" and inner.tail:
                parts.append(inner.tail)
            continue
        if event == "start":
            parts.append(_BREAK if inner.tag == "br" else inner.text or "")
        elif inner is not element and inner.tail:
            parts.append(inner.tail)
    return [text for text in (_collapse(part) for part in "".join(parts).split(_BREAK)) if text]


def _utterance(element):
    """Who said what in one paragraph, continuation lines joined; None if it is empty."""
    lines = _lines(element)
    if not lines:
        return None
    first, rest = lines[0], [_CONTINUATION.sub("", line) for line in lines[1:]]
    kind, speaker = "text", None
    cite = element.find(".//cite")
    if cite is not None:
        name = _collapse(cite.text_content())
        if name.startswith("<") and name.endswith(">"):  # scribe2: <cite>&lt;nick&gt;</cite>
            kind, speaker, prefix = "irc", name[1:-1].strip(), name
        elif first.startswith(f"<{name}>"):  # the old one: &lt;<cite>nick</cite>&gt;
            kind, speaker, prefix = "irc", name, f"<{name}>"
        else:
            kind, speaker, prefix = "phone", name.rstrip(":：").strip(), name
        if first.startswith(prefix) and speaker:
            first = first[len(prefix) :].strip()
        else:
            kind, speaker = "text", None
    continues = kind == "text" and bool(_CONTINUATION.match(first))
    if continues:
        first = _CONTINUATION.sub("", first)
    if kind == "phone" and _KEYWORD.match(f"{speaker}:"):  # the old "<cite>ACTION:</cite> …"
        kind, first, speaker = "text", f"{speaker}: {first}", None
    said = [line for line in (first, *rest) if line]
    if not said:
        return None
    return _Utterance(kind, speaker, said, continues)


def _is_bot(utterance):
    return (utterance.speaker or "").lower() in _BOTS or bool(_TO_A_BOT.match(utterance.lines[0]))


def _after(keyword, text):
    return text[keyword.end() :] if keyword else text


def _action_status(text):
    """The action without the old scribe.perl's "[NEW]", "[DONE]"; and its status."""
    status = "open"
    for _ in range(4):  # a status at each end at most, and stray brackets
        match = _STATUS.search(text)
        word = match and _SPACE.sub(" ", (match["lead"] or match["tail"]).replace("_", " "))
        word = word and word.replace("-", " ").lower()
        if not word or word not in _STATUSES:
            break
        status = _STATUSES[word]
        text = (text[: match.start()] + " " + text[match.end() :]).strip()
    return text.strip(), status


def _owners(text):
    """("brent, ivan", "draft the note") from "brent and ivan to draft the note"; ("", text)
    when no owner is named the W3C way."""
    match = _OWNED.match(text)
    words = match["who"].lower().split() if match else ()
    if match and len(words) <= _MAX_OWNER_WORDS and not _NOT_NAMES.intersection(words):
        names = [name for name in _OWNER_SPLIT.split(match["who"]) if name]
        if names:
            return ", ".join(names), match["what"]
    match = _NICK_OWNED.match(text)
    if match:
        return match["who"], match["what"]
    return "", text


def _group_name(h1, title):
    """The meeting's name as the page writes it, less "– DRAFT –", the date and a closing
    "Telco" or "Teleconference"."""
    name = None
    if h1 is not None:
        kept = [
            line for line in _lines(h1) if not _DRAFT.match(line) and not common.find_date(line)
        ]
        name = " ".join(kept) or None
    if not name and title is not None:
        written = _collapse(title.text_content())
        for separator in _TITLE_DATE_SEPARATORS:
            if separator in written:
                written = written.rpartition(separator)[0]
                break
        name = None if common.find_date(written) else written
    if not name or name.strip("()").lower() in _PLACEHOLDERS:
        return None
    return _MEETING_WORDS.sub("", name).strip() or name


def _channel(links):
    """The group's IRC channel, from the IRC log's address (the link that says so first)."""
    said = [link for link in links if "irc" in _link_words(link)]
    for link in [*said, *links]:
        channel = common.irc_channel(link.get("href"))
        if channel and channel[0].isalpha():
            return channel
    return None


def _link_words(link):
    words = [link.text_content(), link.get("title") or ""]
    words += [image.get("alt") or "" for image in link.iter("img")]
    return " ".join(words).lower()


def _definition(term):
    """The text after a <dt>: its <dd>, or the old scribe.perl's stray <dl> in its place."""
    following = term.getnext()
    if following is None or following.tag not in ("dd", "dl"):
        return None
    return _collapse(following.text_content()) or None


def _heading(element):
    return " ".join(_lines(element))


def _collapse(text):
    return _SPACE.sub(" ", text.replace("\u00a0", " ")).strip()
