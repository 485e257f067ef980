"""oneM2M minutes, as the Word export and its text save write them: numbered agenda
sections, "SEC-2014-0364R03, Title" lines with "Presented by" and "was AGREED", and the
table of action items.

From blocks to a `Minutes` record: pure, no database, no files.

The parser walks the blocks in document order with a little state: the agenda section it is
in, the contribution under discussion (from its "NUMBER, Title" line until the next one), and
whether the action table is being read. Everything it recognises carries the line it was read
from; everything odd becomes a warning that quotes the text as written.
"""

import re
from collections import Counter, defaultdict
from itertools import chain

from meetings.identifiers import parse_meeting_name
from meetings.naturalsort import natural_key
from meetings.vocabularies import Decision, RelationKind, Status

from .. import records
from ..readers import MinutesError
from ..references import Resolver, Taken, family_of, revision_of

# Bounds that keep the work on a file in proportion to its size (docs/ingest.md):
_CUE_WINDOW = 100  # characters before a number in which a phrase ending at it is looked for
_CUE_GAP = 1_000  # white space between a phrase and its number (Word's alignment) passed over
_MATCH_BUDGET = 2_000_000  # "ACTION ITEM" sentences compared with action rows, in one file

DECISIONS = {
    "agreed": Decision.AGREED.value,
    "approved": Decision.APPROVED.value,
    "endorsed": Decision.ENDORSED.value,
    "technically endorsed": Decision.TECHNICALLY_ENDORSED.value,
    "partially approved": Decision.PARTIALLY_APPROVED.value,
    "noted": Decision.NOTED.value,
    "replied to": Decision.REPLIED_TO.value,
    "treated": Decision.TREATED.value,
    "not treated": Decision.NOT_TREATED.value,
    "not handled": Decision.NOT_TREATED.value,
    "not pursued": Decision.NOT_PURSUED.value,
    "revised": Decision.REVISED.value,
    "merged": Decision.MERGED.value,
    "withdrawn": Decision.WITHDRAWN.value,
    "rejected": Decision.REJECTED.value,
    "postponed": Decision.POSTPONED.value,
    "reserved": Decision.RESERVED.value,
}
_DECISION_WORDS = "|".join(sorted((re.escape(w) for w in DECISIONS), key=len, reverse=True))
# "... was integrated into -0362 and NOTED", "... was NOTED, a revision is expected." Both
# are matched where a number ends (`match(text, end)`), not on a copy of the rest of the line.
_DECISION = re.compile(
    rf"\s*was\s+(?:(?P<merge>integrated|merged)\s+into\s+(?P<into>\S+)\s+and\s+)?"
    rf"(?P<word>{_DECISION_WORDS})\b",
    re.IGNORECASE,
)
_DISCUSSED = re.compile(r"\s*was\s+(?:discussed|reviewed|presented|revised)\b", re.IGNORECASE)

_SECTION_NUMBER = re.compile(r"(?P<number>\d{1,2}(?:\.\d{1,2}){0,3})\.?")
_SECTION_INLINE = re.compile(
    r"(?P<number>\d{1,2}(?:\.\d{1,2}){0,3})\.?\s+(?P<title>[A-Z(].{0,150})"
)
_PRESENTED = re.compile(r"^presented\s+by\s+(?P<who>.+)$", re.IGNORECASE)
# Patterns that start with white space start only where it does: tried at every space of a
# long run, each would read the rest of the run again.
_ON_BEHALF = re.compile(r"(?<!\s)\s+on\s+behalf\s+of\s+", re.IGNORECASE)
_COMMENTS = re.compile(r"^(?:no\s+)?comments(?:\s+and\s+issues)?\s*:?$", re.IGNORECASE)
_OTHER_NOTES = re.compile(r"^other\s+notes\s*:?$", re.IGNORECASE)
_NEXT_MEETING = re.compile(
    r"^next\s+(?:face-to-face|f2f|meeting|physical meeting)s?\s*:\s*(?P<next>.+?)\.?$",
    re.IGNORECASE,
)
_AGENDA_NAME = re.compile(r"\b(?P<group>[A-Z]{2,6})_(?P<number>\d+(?:\.\d+)?)_Agenda\b")
_ACTION_REFERENCE = re.compile(r"^A-(?P<group>[A-Z0-9]+)-(?P<meeting>[A-Z]+[\d.]+)-(?P<seq>\d+)$")
_ACTION_ITEM = re.compile(r"\bACTION ITEM\b")
_ACTION_ITEM_PREFIX = re.compile(r"^ACTION ITEM\s*:\s*")
_AGREED = re.compile(r"\bAGREED\b")
_ANAPHORIC_AGREEMENT = re.compile(r"\b(?:this|that|it)\s+was\s+AGREED\W*$")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
_STATUSES = {
    "open": Status.OPEN.value,
    "ongoing": Status.IN_PROGRESS.value,
    "in progress": Status.IN_PROGRESS.value,
    "closed": Status.CLOSED.value,
    "done": Status.CLOSED.value,
    "completed": Status.CLOSED.value,
    "dropped": Status.DROPPED.value,
    "withdrawn": Status.DROPPED.value,
    "postponed": Status.POSTPONED.value,
}
# Phrases in a discussion that relate the document to another.
_RELATION_CUES = [
    (
        re.compile(r"\b(?:integrated|merged)\s+into\s+$", re.IGNORECASE),
        RelationKind.INTEGRATED_INTO.value,
    ),
    (re.compile(r"\bhandled\s+in\s+$", re.IGNORECASE), RelationKind.HANDLED_IN.value),
    (
        re.compile(r"\breplies\s+to\s+$|\breply\s+to\s+$", re.IGNORECASE),
        RelationKind.REPLIES_TO.value,
    ),
    (
        re.compile(
            r"\b(?:result(?:ing|ed|s)?\s+in|lead(?:ing)?\s+to|uploaded\s+as|revised\s+to)"
            r"(?:\s+the\s+creation\s+of)?\s+(?:an?\s+)?$",
            re.IGNORECASE,
        ),
        RelationKind.REVISED_TO.value,
    ),
]
_DISCUSSED_REVISION = re.compile(
    r"\b(?:discussed|reviewed)\s+(?:the\s+edits\s+presented\s+in\s+)?(?:this\s+)?$", re.IGNORECASE
)
_CONTRIBUTION_CUE = re.compile(r"\bcontributions?\s+$", re.IGNORECASE)
_REVISION_N = re.compile(r"\ba\s+revision\s+(?P<rev>\d{1,2})\s+was\s+discussed", re.IGNORECASE)
_ROLE_WORDS = re.compile(
    r"\b(?:all|everyone|rapporteur|editor|chair|vice-chair|leadership|volunteers?|secretariat|"
    r"tbd|wg\d*|participants)\b",
    re.IGNORECASE,
)
# "Giesecke & Devrient" is one company among sources; "Qualcomm & CATT" are two owners.
_SOURCE_SPLIT = re.compile(r"(?:(?<!\s)\s+|(?!\s))(?:,|;|\band\b)\s*")
_OWNER_SPLIT = re.compile(r"(?:(?<!\s)\s+|(?!\s))(?:,|&|/|;|\band\b)\s*")


NAME = "onem2m"
LABEL = "oneM2M minutes (Word, or its text export)"
FORMATS = ("text", "docx")

# What oneM2M minutes write and others do not, each worth a share of the certainty.
_SIGNS = [
    re.compile(r"\b[A-Z][A-Z0-9]{1,9}-(?:19[89]\d|2[01]\d\d)-\d{3,6}"),  # SEC-2014-0364
    _AGENDA_NAME,
    re.compile(r"^presented\s+by\b", re.IGNORECASE | re.MULTILINE),
    re.compile(r"\bwas\s+(?:AGREED|NOTED|APPROVED|WITHDRAWN)\b"),
    _ACTION_ITEM,
]


def detect(document):
    """Each of oneM2M's signs found adds to the certainty; a text or Word file without any is
    still offered to this dialect, last, as the oldest one Plenary reads."""
    found = sum(1 for sign in _SIGNS if sign.search(document.text))
    return 0.05 + 0.95 * min(found, 3) / 3


def parse(document, meeting=None):
    """Read `document` (from a reader) into `records.Minutes`.

    `meeting` ("SEC#12") overrides what the minutes say about which meeting they record.
    Raises MinutesError when the meeting can be told neither way.
    """
    return _Parser(document, meeting).run()


class _Parser:
    def __init__(self, document, meeting):
        self.blocks = document.blocks
        self.minutes = records.Minutes(warnings=list(document.warnings))
        self.override = _split_meeting(meeting) if meeting else None
        group = self.override[0] if self.override else _agenda_group(document.text)
        self.resolver = Resolver(document.text, group)
        self.section = None  # the current records.Section
        self.last_in_sequence = None
        self.current = None  # the records.Contribution under discussion
        self.current_revision = None  # the revision its "NUMBER, Title" line named
        self.latest_revision = None  # the latest of its revisions mentioned in this section
        self.entry = None  # the RevisionEntry that collects discussion notes
        self.in_action_table = False
        self.action_columns = None
        self.action_lines = {}  # reference: the lines of the rows that carry it
        self.contributions = {}
        self.entries = {}
        self.mentions = []
        # Looked up per line rather than searched for in the lists they mirror:
        self.sections = {}  # number: records.Section
        self.latest_at_depth = {}  # depth: (position, records.Section), the latest one
        self.notes = {}  # (revision number, section): the discussion's lines, joined at the end
        self.sources = {}  # family: the contribution's sources, as a set
        self.relations = set()  # (from, type, to) of every relation recorded

    # The walk ---------------------------------------------------------------------------

    def run(self):
        index = 0
        while index < len(self.blocks):
            block = self.blocks[index]
            if block.is_row:
                self.row(block)
                index += 1
                continue
            consumed = self.heading(block, self.blocks[index + 1 : index + 2])
            if not consumed:
                self.in_action_table = False
                self.paragraph(block)
            index += consumed or 1
        self.close_contribution()
        self.write_notes()
        self.revise_from_predecessors()
        self.attach_mentions()
        for action in self.minutes.actions:  # oneM2M's owners are member companies
            action.organisations = organisation_names(action.owners)
        self.recognise_meeting()
        self.minutes.contributions = list(self.contributions.values())
        return self.minutes

    def heading(self, block, following):
        """How many blocks a section heading takes here: 0 (none), 1 or 2 (title next)."""
        if block.bullet:
            return 0
        whole = _SECTION_NUMBER.fullmatch(block.text)
        if whole:
            title_block = following[0] if following else None
            if title_block and self._could_be_title(title_block):
                self.open_section(whole["number"], title_block.text, block.line)
                return 2
            self.open_section(whole["number"], "", block.line)
            return 1
        inline = _SECTION_INLINE.fullmatch(block.text)
        if inline and not block.text.endswith(".") and not self.resolver.full(block.text):
            self.open_section(inline["number"], inline["title"], block.line)
            return 1
        return 0

    def _could_be_title(self, block):
        return not (
            block.is_row
            or block.bullet
            or _SECTION_NUMBER.fullmatch(block.text)
            or self.resolver.full(block.text)
            or len(block.text) > 150
        )

    def open_section(self, number, title, line):
        self.close_contribution()
        self.in_action_table = False
        if number in self.sections:
            self.minutes.warn(
                line, f'Section "{number}" appears twice; its contents are read into the first.'
            )
            self.section = self.sections[number]
            return
        previous = self.last_in_sequence
        if previous and natural_key(number) <= natural_key(previous.number):
            self.minutes.warn(
                line,
                f'Section "{number}" is out of sequence after "{previous.number}"; '
                "kept as written, in document order.",
            )
        else:
            self.last_in_sequence = None
        depth = number.count(".")
        self.section = records.Section(
            number=number,
            title=title.strip().rstrip(":").strip(),
            line=line,
            parent=self.parent_at(depth),
        )
        self.latest_at_depth[depth] = (len(self.minutes.sections), self.section)
        self.minutes.sections.append(self.section)
        self.sections[number] = self.section
        self.last_in_sequence = self.last_in_sequence or self.section

    def parent_at(self, depth):
        """The nearest section before that is less deep, if it is exactly one level up."""
        shallower = [self.latest_at_depth[d] for d in range(depth) if d in self.latest_at_depth]
        if not shallower:
            return None
        _, nearest = max(shallower, key=lambda latest: latest[0])
        return nearest.number if nearest.number.count(".") == depth - 1 else None

    # Paragraphs ---------------------------------------------------------------------------

    def paragraph(self, block):
        text = block.text
        if _COMMENTS.fullmatch(text):
            return
        if _OTHER_NOTES.fullmatch(text):
            self.close_contribution()
            return
        next_meeting = _NEXT_MEETING.match(text)
        if next_meeting:
            self.minutes.meeting.next_meeting = next_meeting["next"].strip()
            return
        presented = _PRESENTED.match(text)
        if presented and self.current:
            self.presented_by(presented["who"], block.line)
            return
        references = self.resolver.full(text, self.current and self.current.number)
        if references and references[0].start == 0 and self.introduce(block, references[0]):
            return
        decided = self.decisions(block, references)
        if _ACTION_ITEM.search(text):
            self.mentions.append(
                records.Mention(block.line, self.section and self.section.number, text)
            )
        elif not decided and _AGREED.search(text):
            self.resolution(block)
        if self.current and not decided:
            self.discussion(block, references)

    def introduce(self, block, reference):
        """A "NUMBER, Title" line starts the discussion of a contribution; False if it is not."""
        text, end = block.text, reference.end
        if _DECISION.match(text, end) or _DISCUSSED.match(text, end):
            return False
        title = re.sub(r"^\s*[,:;–-]\s*", "", text[end:]).strip()
        self.start_contribution(reference, title, block.line)
        return True

    def start_contribution(self, reference, title, line):
        self.close_contribution()
        self.note(reference, line)
        family = family_of(reference.number)
        contribution = self.contributions.get(family)
        if contribution is None:
            contribution = records.Contribution(number=family, title=title, line=line)
            self.contributions[family] = contribution
        elif title and not contribution.title:
            contribution.title = title
        self.current = contribution
        self.current_revision = self.latest_revision = reference.number
        self.entry = self.handled(reference.number, line)
        for mentioned in self.resolver.full(title, family):
            if mentioned.family != family:
                self.note(mentioned, line)
                self.relate(reference.number, RelationKind.REFERENCES.value, mentioned.number, line)

    def close_contribution(self):
        self.current = self.current_revision = self.latest_revision = self.entry = None

    def presented_by(self, who, line):
        """ "Presented by Wei Zhou, CATT", "... on behalf of A, B and C", "Presented by LGE"."""
        clause = re.search(r",\s*(?=was\b|who\b|which\b)", who)
        if clause:
            self.discussion_text(who[clause.end() :], line)
            who = who[: clause.start()]
        person, sources = None, []
        behalf = _ON_BEHALF.split(who, maxsplit=1)
        if len(behalf) == 2:
            person, sources = behalf[0].strip(), _names(behalf[1])
        else:
            parts = [part.strip() for part in who.split(",", 1)]
            if len(parts) == 2 and parts[1]:
                person, sources = parts[0], _names(parts[1])
            else:
                sources = _names(who)
        contribution = self.current
        contribution.presented_by = contribution.presented_by or person
        known = self.sources.get(contribution.number)
        if known is None:
            known = self.sources[contribution.number] = set()
        for source in sources:
            if source not in known:
                known.add(source)
                contribution.sources.append(source)

    def decisions(self, block, references):
        """Record "NUMBER was DECISION" (or "was discussed"); True if the block held one."""
        found = False
        for reference in references:
            decision = _DECISION.match(block.text, reference.end)
            if decision:
                self.note(reference, block.line)
                self.switch_to(reference, block.line)
                entry = self.handled(reference.number, block.line)
                entry.decision = DECISIONS[decision["word"].lower()]
                entry.line = block.line
                if decision["merge"]:
                    target = self._reference_in(decision["into"], reference.family)
                    if target:
                        self.note(target, block.line)
                        self.relate(
                            reference.number,
                            RelationKind.INTEGRATED_INTO.value,
                            target.number,
                            block.line,
                        )
                found = True
            elif _DISCUSSED.match(block.text, reference.end):
                self.note(reference, block.line)
                self.switch_to(reference, block.line)
                self.handled(reference.number, block.line)
                found = True
        return found

    def switch_to(self, reference, line):
        """A decision on another family than the one under discussion moves the discussion."""
        family = family_of(reference.number)
        if self.current and self.current.number == family:
            self.latest_revision = reference.number
            return
        self.close_contribution()
        contribution = self.contributions.setdefault(
            family, records.Contribution(number=family, line=line)
        )
        self.current, self.current_revision = contribution, reference.number
        self.latest_revision = reference.number

    def discussion(self, block, references):
        self.discussion_text(block.text, block.line, references)
        if self.entry is not None:
            self.notes.setdefault((self.entry.number, self.entry.section), []).append(block.text)

    def discussion_text(self, text, line, references=None):
        """Relations and revisions named while a contribution is discussed."""
        family = self.current.number
        found = list(references if references is not None else self.resolver.full(text, family))
        taken = Taken(text, found)
        for reference in self.resolver.short(text, family, bare=True):
            if taken.free(reference):
                found.append(reference)
                taken.add(reference)
        for reference in self.resolver.revision_only(text, family):
            if taken.free(reference):
                found.append(reference)
        numbered = _REVISION_N.search(text)
        for reference in sorted(found, key=lambda r: r.start):
            start = reference.start
            kind = next(
                (kind for cue, kind in _RELATION_CUES if _cue_before(cue, text, start)), None
            )
            if reference.bare and not (kind or _cue_before(_CONTRIBUTION_CUE, text, start)):
                continue
            self.note(reference, line)
            source = self.latest_revision or self.current_revision
            if reference.family == family:
                if kind == RelationKind.REVISED_TO.value and reference.number != source:
                    self.relate(source, RelationKind.REVISED_TO.value, reference.number, line)
                elif _cue_before(_DISCUSSED_REVISION, text, start):
                    self.handled(reference.number, line)
                    self.latest_revision = reference.number
                continue
            self.relate(source, kind or RelationKind.RELATED_TO.value, reference.number, line)
        if numbered:
            number = f"{family}R{int(numbered['rev']):02d}"
            self.handled(number, line)
            self.latest_revision = number

    # Entries ------------------------------------------------------------------------------

    def handled(self, number, line):
        """The revision's entry in the current section, created on first mention."""
        section = self.section and self.section.number
        key = (number, section)
        entry = self.entries.get(key)
        if entry is None:
            entry = records.RevisionEntry(number=number, section=section, line=line)
            self.entries[key] = entry
            self.contributions.setdefault(
                family_of(number), records.Contribution(number=family_of(number), line=line)
            ).revisions.append(entry)
        return entry

    def relate(self, source, kind, target, line):
        contribution = self.contributions[family_of(source)]
        if target == source or (source, kind, target) in self.relations:
            return
        self.relations.add((source, kind, target))
        contribution.relations.append(records.RelationEntry(source, kind, target, line))

    def write_notes(self):
        for key, lines in self.notes.items():
            self.entries[key].notes = "\n".join(lines)

    def revise_from_predecessors(self):
        """A revision is made from the one before it: "A revision 2 was discussed, and further
        edits will result in the creation of an R3" revises R02, which the minutes may name
        only after the sentence (or, as in "A revision was discussed", not number at all)."""
        for contribution in self.contributions.values():
            mentioned = {
                entry.number: revision_of(entry.number) for entry in contribution.revisions
            }
            relations, kept = [], set()
            for relation in contribution.relations:
                if (
                    relation.type == RelationKind.REVISED_TO.value
                    and family_of(relation.to) == contribution.number
                ):
                    low, high = revision_of(relation.from_), revision_of(relation.to)
                    between = [n for n, revision in mentioned.items() if low < revision < high]
                    if between:
                        relation.from_ = max(between, key=mentioned.get)
                key = (relation.from_, relation.type, relation.to)
                if key not in kept:
                    kept.add(key)
                    relations.append(relation)
            contribution.relations = relations

    def note(self, reference, line):
        if reference.oddity:
            self.minutes.warn(line, reference.oddity)

    def _reference_in(self, text, context_family):
        references = self.resolver.full(text, context_family) or self.resolver.short(
            text, context_family, bare=True
        )
        return references[0] if references else None

    # Resolutions and actions --------------------------------------------------------------

    def resolution(self, block):
        """Each agreement in a paragraph, with the sentences that qualify it.

        "It was AGREED to X. The topic will be addressed in future work." is one resolution;
        "P proposes X. This was AGREED." takes the sentences before its "this". A sentence
        between two agreements goes with the second when that one says "this", else the first.
        """
        sentences = _SENTENCE.split(block.text)
        agreed = [index for index, sentence in enumerate(sentences) if _AGREED.search(sentence)]
        looks_back = [bool(_ANAPHORIC_AGREEMENT.search(sentences[index])) for index in agreed]
        for n, index in enumerate(agreed):
            start = (agreed[n - 1] + 1 if n else 0) if looks_back[n] else index
            end = agreed[n + 1] if n + 1 < len(agreed) else len(sentences)
            if n + 1 < len(agreed) and looks_back[n + 1]:
                end = index + 1
            self.minutes.resolutions.append(
                records.Resolution(
                    text=" ".join(sentences[start:end]).strip(),
                    section=self.section and self.section.number,
                    line=block.line,
                )
            )

    def row(self, block):
        cells = [cell.strip() for cell in block.cells]
        header = [cell.upper() for cell in cells]
        if "REFERENCE" in header and ("WHAT" in header or "WHO" in header):
            self.in_action_table = True
            self.action_columns = {}
            for index, name in enumerate(header):
                if name:
                    self.action_columns.setdefault(name, index)
            return
        if not any(cells):
            return
        if self.in_action_table:
            self.action_row(block, cells)
            return
        references = self.resolver.full(cells[0])
        if references and references[0].start == 0:
            title = next((cell for cell in cells[1:] if cell), "")
            self.start_contribution(references[0], title, block.line)
            return
        self.minutes.warn(block.line, f'Table row not understood: "{" | ".join(cells)}".')

    def action_row(self, block, cells):
        def cell(name):
            index = self.action_columns.get(name)
            return cells[index] if index is not None and index < len(cells) else ""

        reference = cell("REFERENCE") or None
        status_text = cell("STATUS")
        status = _STATUSES.get(status_text.lower()) if status_text else None
        if status_text and status is None:
            self.minutes.warn(
                block.line, f'Unknown action status "{status_text}"; the action is kept open.'
            )
        if reference and not _ACTION_REFERENCE.match(reference):
            self.minutes.warn(block.line, f'Unusual action reference "{reference}".')
        earlier = self.action_lines.setdefault(reference, []) if reference else []
        if earlier:
            self.minutes.warn(
                block.line,
                f'Action reference "{reference}" is used by more than one row '
                f"(lines {_line_list(earlier, block.line)}); all rows are kept.",
            )
        earlier.append(block.line)
        self.minutes.actions.append(
            records.Action(
                reference=reference,
                description=cell("WHAT"),
                owners=cell("WHO"),
                status=status,
                section=self.section and self.section.number,
                line=block.line,
            )
        )

    def attach_mentions(self):
        """In-text "ACTION ITEM" sentences join the table row they describe, or stand alone."""
        rows = _Rows([action for action in self.minutes.actions if action.reference])
        compared = True
        for mention in self.mentions:
            action = rows.best_match(mention.text)
            if action:
                action.mentions.append(mention)
                continue
            if compared and rows.budget is None:
                compared = False
                self.minutes.warn(
                    mention.line,
                    "Too many action items to compare with the action table; from here on, "
                    "each is kept as an action of its own.",
                )
            self.minutes.actions.append(
                records.Action(
                    reference=None,
                    description=_ACTION_ITEM_PREFIX.sub("", mention.text),
                    owners=_owners_in(mention.text),
                    status="open",
                    section=mention.section,
                    line=mention.line,
                    mentions=[mention],
                )
            )

    # The meeting --------------------------------------------------------------------------

    def recognise_meeting(self):
        meeting = self.minutes.meeting
        agenda = _AGENDA_NAME.search("\n".join(b.text for b in self.blocks if not b.is_row))
        if agenda:
            meeting.group, meeting.number = agenda["group"], agenda["number"]
            meeting.line = next(b.line for b in self.blocks if agenda[0] in b.text)
        if self.override:
            meeting.group, meeting.number = self.override
        if not (meeting.group and meeting.number):
            raise MinutesError(
                "cannot tell which meeting these minutes record; pass --meeting GROUP#NUMBER"
            )
        own = [
            match
            for match in (_ACTION_REFERENCE.match(a.reference or "") for a in self.minutes.actions)
            if match
        ]
        if own:
            meeting.group_alias = own[0]["group"]
            meeting.plenary = max((m["meeting"] for m in own), key=natural_key)


def _split_meeting(text):
    """ "SEC#12" as (group, number); the group is a document prefix, so upper case."""
    try:
        name = parse_meeting_name(text)
    except ValueError as error:
        raise MinutesError(str(error)) from None
    group = name.group.upper()
    if not (name.number and re.fullmatch(r"[A-Z][A-Z0-9]{0,19}", group)):
        raise MinutesError(f'"{text}" is not a oneM2M meeting like SEC#12: a group and number')
    return group, name.number


def _agenda_group(text):
    match = _AGENDA_NAME.search(text)
    return match["group"] if match else None


def _names(text, splitter=_SOURCE_SPLIT):
    return [name for name in (part.strip(" .") for part in splitter.split(text)) if name]


def _owners_in(text):
    match = re.match(r"^(?P<who>[A-Z][\w&.\- ]{1,60}?)\s+(?:was|were|is|are)\s+given\b", text)
    return match["who"] if match else ""


def organisation_names(owners):
    """The parts of an action's owners that name organisations, not roles."""
    return [name for name in _names(owners, _OWNER_SPLIT) if not _ROLE_WORDS.search(name)]


def _words(text):
    return {word[:5] for word in re.findall(r"[a-z]{3,}", text.lower())} - _STOP


_STOP = {"the", "was", "were", "given", "actio", "item", "with", "this", "that", "and", "for"}


class _Rows:
    """Action rows found by the words of their descriptions, for sentences that mention them."""

    def __init__(self, actions):
        self.actions = actions
        self.sizes = []
        self.having = defaultdict(list)  # word: the positions of the rows with it
        for position, action in enumerate(actions):
            words = _words(action.description)
            self.sizes.append(len(words))
            for word in words:
                self.having[word].append(position)
        self.budget = _MATCH_BUDGET

    def best_match(self, text):
        """The row a sentence describes best (the first of equals), if any describes it well.

        Scored by the share of the shorter text's words the two have in common, with at least
        three in common. Only rows sharing a word are compared, up to _MATCH_BUDGET in all;
        past it, `budget` is None and no row is found.
        """
        words = _words(_ACTION_ITEM_PREFIX.sub("", text))
        rows = [self.having[word] for word in words if word in self.having]
        comparisons = sum(map(len, rows))
        if self.budget is None or comparisons > self.budget:
            self.budget = None
            return None
        self.budget -= comparisons
        best, best_score = None, 0.0
        for position, shared in sorted(Counter(chain.from_iterable(rows)).items()):
            if shared < 3:
                continue
            score = shared / min(len(words), self.sizes[position])
            if score > best_score:
                best, best_score = self.actions[position], score
        return best if best_score >= 0.5 else None


def _line_list(earlier, line):
    """ "94, 99 and 104"; past four earlier lines, "94, 99, 101, … and 300"."""
    shown = earlier if len(earlier) <= 4 else [*earlier[:3], "…"]
    return f"{', '.join(map(str, shown))} and {line}"


def _cue_before(cue, text, end):
    """Whether `cue` (ending in `$`) matches just before `end`, looked for over _CUE_WINDOW.

    White space right before `end`, up to _CUE_GAP characters of it, is passed over and not
    counted in the window; one character of it is kept, for the cues that end in `\\s+$`.
    """
    gap = text[max(0, end - _CUE_GAP) : end]
    stop = min(end, end - len(gap) + len(gap.rstrip()) + 1)
    return cue.search(text, max(0, stop - _CUE_WINDOW), stop) is not None
