"""What the parser reads out of minutes: plain data, no database.

The same structure is printed by `ingest_minutes --dry-run --json` and written by the importer,
so a dry run shows exactly what an import would do. Field names follow docs/ingest.md.
"""

from dataclasses import asdict, dataclass, field


@dataclass
class Warning:
    line: int
    message: str


@dataclass
class MeetingInfo:
    """Which meeting the minutes record: by group and number where they have one ("SEC#12",
    "httpbis@IETF119"), else by group and date (a W3C or OASIS call)."""

    group: str | None = None  # the body's short name for the group: "SEC", "vcwg", "httpbis"
    number: str | None = None  # "12", "IETF119"; None for a meeting known by its date
    group_alias: str | None = None  # the other name actions use: "WG4"
    group_name: str | None = None  # as the file writes it: "Verifiable Credentials Working Group"
    date: str | None = None  # ISO date of the first session
    dates: list[str] = field(default_factory=list)  # ISO date of every session, in order
    chair: str | None = None  # as written: "Brent Zundel"
    plenary: str | None = None  # "TP12"
    next_meeting: str | None = None
    line: int | None = None  # where the meeting was recognised


@dataclass
class Section:
    number: str  # as written ("6.11"); where the minutes number nothing, 1, 2, 3 in order
    title: str
    line: int
    parent: str | None = None
    notes: str = ""  # the discussion under it that is about no document: "brent: we agree…"


@dataclass
class RevisionEntry:
    number: str
    section: str | None
    line: int
    decision: str | None = None
    notes: str = ""


@dataclass
class RelationEntry:
    from_: str
    type: str
    to: str
    line: int

    def to_dict(self):
        return {"from": self.from_, "type": self.type, "to": self.to, "line": self.line}


@dataclass
class Contribution:
    number: str
    title: str = ""
    presented_by: str | None = None
    sources: list[str] = field(default_factory=list)
    line: int | None = None
    revisions: list[RevisionEntry] = field(default_factory=list)
    relations: list[RelationEntry] = field(default_factory=list)

    def to_dict(self):
        return {
            "number": self.number,
            "title": self.title,
            "presented_by": self.presented_by,
            "sources": self.sources,
            "revisions": [asdict(revision) for revision in self.revisions],
            "relations": [relation.to_dict() for relation in self.relations],
        }


@dataclass
class Mention:
    line: int
    section: str | None
    text: str


@dataclass
class Action:
    reference: str | None
    description: str
    owners: str
    status: str | None
    section: str | None
    line: int
    mentions: list[Mention] = field(default_factory=list)
    # The organisations among the owners, as the dialect tells them from people and roles.
    organisations: list[str] = field(default_factory=list)


@dataclass
class Resolution:
    text: str
    section: str | None
    line: int


@dataclass
class Minutes:
    dialect: str | None = None  # the registry name of the dialect that read them
    meeting: MeetingInfo = field(default_factory=MeetingInfo)
    sections: list[Section] = field(default_factory=list)
    contributions: list[Contribution] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    resolutions: list[Resolution] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)

    def warn(self, line, message):
        self.warnings.append(Warning(line, message))

    def is_empty(self):
        """Nothing recognised: no section, contribution (hence no decision), resolution or
        action. Such a reading is refused, never reported as an import."""
        return not (self.sections or self.contributions or self.resolutions or self.actions)

    def to_dict(self):
        return {
            "dialect": self.dialect,
            "meeting": asdict(self.meeting),
            "sections": [asdict(section) for section in self.sections],
            "contributions": [contribution.to_dict() for contribution in self.contributions],
            "actions": [asdict(action) for action in self.actions],
            "resolutions": [asdict(resolution) for resolution in self.resolutions],
            "warnings": [asdict(warning) for warning in sorted(self.warnings, key=_by_line)],
        }


def _by_line(warning):
    return warning.line
