"""Writing parsed minutes into the record: one transaction per file, in bulk.

Rows are matched by natural keys (the meeting; section numbers; document numbers; an action's
reference and its position among rows with that reference), so importing a corrected file
updates in place and importing the same file again changes nothing. Only fields the minutes
state are written: what the secretariat corrected by hand elsewhere stays. The number of
queries per file does not grow with the rows in it.
"""

import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.core import serializers
from django.db import IntegrityError, OperationalError, transaction
from django.db.models import Case, Exists, OuterRef, Q, Value, When
from django.utils import timezone

from actions.models import ActionItem, StatusUpdate
from contributions.models import Contribution, Handling, Relation, Revision
from contributions.numbers import parse_number
from meetings.identifiers import meeting_name
from meetings.models import (
    NAME_LENGTH,
    AgendaSection,
    Group,
    ImportWarning,
    Meeting,
    Organisation,
    OrganisationAlias,
    Person,
    RecordChange,
    Resolution,
    SourceFile,
    organisation_key,
)
from meetings.naturalsort import natural_key

from . import locks
from .readers import MinutesError


@dataclass
class ImportResult:
    status: str  # "created", "updated" or "unchanged"
    meeting: str
    counts: Counter = field(default_factory=Counter)
    changes: list[str] = field(default_factory=list)
    source: SourceFile | None = None


def sha256(raw):
    return hashlib.sha256(raw).hexdigest()


# How often an import that collided with another one's new rows is run again; see below.
ATTEMPTS = 3


def import_minutes(minutes, document, *, name, raw, user=None):
    """Write `minutes` (parsed from `document`, read from `raw` bytes) and return what changed.

    A file imported before is `unchanged`; one whose import was undone is imported afresh.
    Imports of different meetings run at once: when both create the same organisation,
    person or contribution, the one that commits second meets a unique key taken by the
    first, and runs again, now finding that row (PostgreSQL waits for the first to commit
    before it reports the clash); so does one that PostgreSQL rolled back to break a
    deadlock. Imports of one meeting, and undos, wait for each other (`locks`).
    """
    warnings = list(minutes.warnings)
    for attempt in range(1, ATTEMPTS + 1):
        try:
            with transaction.atomic():
                return _import_once(minutes, document, name, raw, user)
        except (IntegrityError, OperationalError) as error:
            if attempt == ATTEMPTS or not _clashed(error):
                raise
            minutes.warnings[:] = warnings  # the rolled-back run's own warnings go with it


def _clashed(error):
    """Whether `error` is another transaction's doing: a unique key it took first, or a
    deadlock PostgreSQL broke by rolling this one back."""
    return isinstance(error, IntegrityError) or getattr(error.__cause__, "sqlstate", None) in {
        "40P01",
        "40001",
    }


def _import_once(minutes, document, name, raw, user):
    info = minutes.meeting
    key = info.number or info.date  # a meeting its body does not number is known by its date
    locks.for_import(info.group, key)
    digest = sha256(raw)
    known = SourceFile.objects.filter(sha256=digest).select_related("meeting__group").first()
    if known and not known.undone:
        meeting = known.meeting
        if meeting and (meeting.group.code.upper(), meeting.number) != (info.group.upper(), key):
            raise MinutesError(
                f"this file was imported for {meeting}; undo that import in the admin "
                f"before importing it as {meeting_name(info.group, key)}"
            )
        return ImportResult("unchanged", str(meeting or ""), source=known)
    if known:
        known.delete()  # its changes were reverted; its history goes with the fresh import
    return _Import(minutes, document, name, raw, digest, user).run()


DELETED = "(deleted)"  # RecordChange.field of a row an import removed; `old` restores it
# Provenance: where a row was last read from. Recorded for undo; not a change to report.
_QUIET = {"source_id", "source_line"}
# Who last changed a row and when: recorded for undo, which puts them back.
STAMPS = ("updated_at", "updated_by_id")


class _Import:
    def __init__(self, minutes, document, name, raw, digest, user):
        self.minutes = minutes
        self.user = user
        self.now = timezone.now()
        self.result = ImportResult("created", "")
        self.records = {}  # RecordChange rows by (model, row, field), written at the end
        # Existing rows are known by (model, primary key): Python may reuse an id() once a
        # step's rows are freed.
        self.written = defaultdict(set)  # the columns of an existing row to write
        self.edited = set()  # existing rows whose content changed
        self.source = SourceFile.objects.create(
            name=name,
            sha256=digest,
            format=document.format,
            dialect=minutes.dialect or "",
            size=len(raw),
            text=document.text,
            imported_at=self.now,
            imported_by=user,
        )
        self.result.source = self.source

    def run(self):
        self.meeting = self.import_meeting()
        self.result.meeting = str(self.meeting)
        self.sections = self.import_sections()
        self.organisations = self.import_organisations()
        self.people = self.import_people()
        self.contributions = self.import_contributions()
        self.revisions = self.import_revisions()
        self.import_handlings()
        self.import_relations()
        self.import_resolutions()
        self.import_actions()
        self.remove_stale()
        self.result.counts["warnings"] = len(self.minutes.warnings)
        self.finish()
        return self.result

    def finish(self):
        RecordChange.objects.bulk_create(self.records.values())
        ImportWarning.objects.bulk_create(
            ImportWarning(source=self.source, line=warning.line, message=warning.message)
            for warning in self.minutes.warnings
        )
        self.source.meeting = self.meeting
        self.source.counts = {**counts_of(self.minutes), **self.result.counts}
        self.source.save(update_fields=["meeting", "counts"])

    # Helpers ------------------------------------------------------------------------------

    def apply(self, row, label, line, **values):
        """Set `values` and provenance on `row`; True if it must be written.

        Each change to an existing row is recorded for undo. A change to what the row says,
        not only to the line it was read from, is also reported ("label: field old → new")
        and stamps the row as updated by this import; the old stamp is recorded too, so that
        undo puts it back.
        """
        values["source_id"], values["source_line"] = self.source.pk, line
        adding = row._state.adding
        changed = edited = False
        for name, value in values.items():
            value = self.fit(row, name, value, line)
            old = getattr(row, name)
            if old == value:
                continue
            changed = True
            setattr(row, name, value)
            if adding:
                continue
            self.written[_key(row)].add(name)
            self.record(row, name, old, value)
            if name not in _QUIET:
                edited = True
                if not name.endswith("_id"):
                    self.result.changes.append(f"{label}: {name} {old!r} → {value!r}")
        if edited:
            self.edited.add(_key(row))
        if hasattr(row, "updated_by") and (adding or edited):
            self.stamp(row)
        return adding or changed

    def stamp(self, row):
        if row._state.adding:
            row.created_at = self.now
        else:
            self.record(row, "updated_at", row.updated_at.isoformat(), self.now.isoformat())
            self.record(row, "updated_by_id", row.updated_by_id, self.user and self.user.pk)
            self.written[_key(row)].update(("updated_by", "updated_at"))
        row.updated_by, row.updated_at = self.user, self.now

    def remove_stale(self):
        """Remove what an earlier import of this meeting wrote and this file no longer says.

        A meeting's minutes are one file: a corrected version replaces the earlier one. Rows
        entered by hand (no source file) stay, and so does a section that still has handlings.
        """
        if self.result.status == "created":
            return  # the meeting is new: nothing can have been written to it before
        earlier = Q(source__isnull=False) & ~Q(source=self.source)
        for model in (StatusUpdate, Handling, Resolution):
            self.remove(model.objects.filter(earlier, meeting=self.meeting))
        # A relation belongs to no meeting: stale are those an earlier file of this meeting
        # stated and this one does not. A relation keeps only the first file that stated it,
        # so one whose revision another meeting also handled stays: its minutes may state it.
        elsewhere = Handling.objects.filter(revision=OuterRef("revision")).exclude(
            meeting=self.meeting
        )
        relations = Relation.objects.filter(earlier, source__meeting=self.meeting).exclude(
            Exists(elsewhere)
        )
        stale = [
            relation.pk
            for relation in relations
            if (relation.revision_id, relation.kind, relation.target_number)
            not in self.stated_relations
        ]
        self.remove(Relation.objects.filter(pk__in=stale).select_related("revision"))
        in_use = Handling.objects.filter(meeting=self.meeting).values("section")
        self.remove(
            AgendaSection.objects.filter(earlier, meeting=self.meeting).exclude(pk__in=in_use)
        )

    def remove(self, queryset):
        rows = list(queryset)
        for row in rows:
            self.result.changes.append(f"removed {row._meta.verbose_name} {row}")
            self.record(row, DELETED, old=serializers.serialize("json", [row]))
        if rows:
            queryset.model.objects.filter(pk__in=[row.pk for row in rows]).delete()
        self.result.counts[f"{queryset.model._meta.model_name}_removed"] += len(rows)

    def fit(self, row, name, value, line):
        return self.cut(type(row), name, value, line)

    def cut(self, model, name, value, line):
        """Text longer than its column is cut to fit, with a warning, not refused."""
        limit = getattr(model._meta.get_field(name), "max_length", None)
        if isinstance(value, str) and limit and len(value) > limit:
            self.minutes.warn(
                line, f'Too long for the record, cut to {limit} characters: "{value[:60]}…"'
            )
            return value[:limit]
        return value

    def record(self, row, field="", old=None, new=None):
        """Log a change for undo. A field the file sets twice (a row it names twice) keeps
        one entry: its value before the import and its value after."""
        key = (row._meta.label_lower, row.pk, field)
        earlier = self.records.get(key)
        if earlier is not None and field:
            earlier.new = _as_json(new)
            return
        self.records[key] = RecordChange(
            source=self.source,
            model=key[0],
            object_id=row.pk,
            field=field,
            old=_as_json(old),
            new=_as_json(new),
        )

    def save(self, model, rows, label):
        """Bulk-create the new rows, update the changed ones (those in `rows` that `apply`
        said must be written) and record what was created."""
        created = _in_key_order([row for row in rows if row._state.adding])
        changed = [row for row in rows if not row._state.adding]
        model.objects.bulk_create(created)
        for row in created:
            row._state.adding = False
            self.record(row)
        self.update(model, changed)
        self.result.counts[f"{label}_created"] += len(created)
        self.result.counts[f"{label}_updated"] += sum(_key(row) in self.edited for row in changed)

    def update(self, model, rows):
        """Write the fields `apply` changed on `rows`, in one UPDATE.

        A value every row shares (the source, the time) is set as it is; only values that
        differ between rows take a CASE on the primary key. Django's bulk_update writes a CASE
        of every row for every field listed, at about 0.3 ms a row and field: 20 ms for a
        file's 8 carried-over actions.
        """
        if not rows:
            return
        assignments = {}
        for name in set().union(*(self.written.pop(_key(row), ()) for row in rows)):
            field = model._meta.get_field(name)
            values = {row.pk: getattr(row, field.attname) for row in rows}
            if len(set(values.values())) == 1:
                assignments[field.attname] = next(iter(values.values()))
                continue
            by_value = defaultdict(list)
            for pk, value in values.items():
                by_value[value].append(pk)
            whens = [When(pk__in=pks, then=Value(v, field)) for v, pks in by_value.items()]
            assignments[field.attname] = Case(*whens, output_field=field)
        model.objects.filter(pk__in=[row.pk for row in rows]).update(**assignments)

    def create(self, model, rows, label):
        """Bulk-create rows that need no provenance (organisations, people)."""
        rows = _in_key_order(rows)
        model.objects.bulk_create(rows)
        for row in rows:
            self.record(row)
        self.result.counts[f"{label}_created"] += len(rows)

    # Meeting and agenda -------------------------------------------------------------------

    def group(self, code, alias=None, name=None):
        """The group known by `code` in any case, created if new; its short name and full
        name filled in where the record has none."""
        group = Group.objects.filter(code__iexact=code).first()
        if group is None:
            group = Group.objects.create(code=code)
            self.record(group)
        if alias and not group.short_name and not Group.objects.filter(short_name=alias).exists():
            self.record(group, "short_name", "", alias)
            group.short_name = alias
            group.save(update_fields=["short_name"])
        if name and not group.name:
            name = self.cut(Group, "name", name, self.minutes.meeting.line)
            self.record(group, "name", "", name)
            group.name = name
            group.save(update_fields=["name"])
        return group

    def import_meeting(self):
        info = self.minutes.meeting
        group = self.group(info.group, info.group_alias, info.group_name)
        key = info.number or info.date
        meeting = Meeting.objects.filter(group=group, number=key).first()
        if meeting is None:
            meeting = Meeting(group=group, number=key, number_key=natural_key(key))
        else:
            self.result.status = "updated"
        dates = sorted(set(info.dates) | ({info.date} if info.date else set()))
        values = {
            "plenary": info.plenary,
            "next_meeting": info.next_meeting,
            "start_date": dates and date.fromisoformat(dates[0]),
            "end_date": dates and date.fromisoformat(dates[-1]),
            "session_dates": dates if len(dates) > 1 else None,
        }
        values = {name: value for name, value in values.items() if value}
        if self.apply(meeting, meeting_name(group.code, key), info.line, **values):
            self.save(Meeting, [meeting], "meetings")
        return meeting

    def import_sections(self):
        existing = {s.number: s for s in AgendaSection.objects.filter(meeting=self.meeting)}
        rows = []
        for position, parsed in enumerate(self.minutes.sections, start=1):
            section = existing.get(parsed.number) or AgendaSection(
                meeting=self.meeting, number=parsed.number, number_key=natural_key(parsed.number)
            )
            label = f"{self.meeting} section {parsed.number}"
            values = {"title": parsed.title, "notes": parsed.notes, "position": position}
            if self.apply(section, label, parsed.line, **values):
                rows.append(section)
        self.save(AgendaSection, rows, "sections")
        by_number = {**existing, **{section.number: section for section in rows}}
        parents = []
        for parsed in self.minutes.sections:
            section = by_number[parsed.number]
            parent = by_number.get(parsed.parent) if parsed.parent else None
            if parent and section.parent_id != parent.pk:
                self.record(section, "parent_id", section.parent_id, parent.pk)
                section.parent = parent
                self.written[_key(section)].add("parent_id")
                parents.append(section)
        self.update(AgendaSection, parents)
        return by_number

    def section(self, number):
        return self.sections.get(number) if number else None

    # Organisations and people -------------------------------------------------------------

    def import_organisations(self):
        named = [(name, c.line) for c in self.minutes.contributions for name in c.sources]
        named += [(name, a.line) for a in self.minutes.actions for name in a.organisations]
        keys = {}
        for name, line in named:
            key = organisation_key(name)
            if key and key not in keys:
                keys[key] = self.cut(Organisation, "name", name, line)
        found = {o.key: o for o in Organisation.objects.filter(key__in=keys)}
        for alias in OrganisationAlias.objects.filter(key__in=keys).select_related("organisation"):
            found.setdefault(alias.key, alias.organisation)
        new = [Organisation(name=name, key=key) for key, name in keys.items() if key not in found]
        self.create(Organisation, new, "organisations")
        found.update({organisation.key: organisation for organisation in new})
        return found

    def organisation(self, name):
        return self.organisations.get(organisation_key(name))

    def import_people(self):
        presenters = {}
        for contribution in self.minutes.contributions:
            if contribution.presented_by:
                organisation = (
                    self.organisation(contribution.sources[0])
                    if len(contribution.sources) == 1
                    else None
                )
                name = self.cut(Person, "name", contribution.presented_by, contribution.line)
                presenters.setdefault(name, organisation)
        people = {p.name: p for p in Person.objects.filter(name__in=presenters)}
        new = [
            Person(name=name, organisation=organisation)
            for name, organisation in presenters.items()
            if name not in people
        ]
        self.create(Person, new, "people")
        people.update({person.name: person for person in new})
        return people

    def person(self, name):
        return self.people.get(name[:NAME_LENGTH]) if name else None

    # Contributions ------------------------------------------------------------------------

    def import_contributions(self):
        parsed = {c.number: c for c in self.minutes.contributions}
        documents = {number: parse_number(number) for number in parsed}
        codes = {document.group for document in documents.values() if document.group}
        groups = {code: self.group(code) for code in sorted(codes)}
        existing = {c.number: c for c in Contribution.objects.filter(number__in=parsed)}
        # A number without a year (a draft's) is dated by the meeting that first records it.
        year = self.meeting.start_date and self.meeting.start_date.year
        rows = []
        for number, contribution in parsed.items():
            row = existing.get(number)
            if row is None:
                document = documents[number]
                row = Contribution(
                    number=number,
                    group=groups[document.group] if document.group else self.meeting.group,
                    year=document.year or year,
                    serial=document.serial,
                )
            values = {"title": contribution.title} if contribution.title else {}
            if self.apply(row, number, contribution.line, **values):
                rows.append(row)
        self.save(Contribution, rows, "contributions")
        by_number = {**existing, **{row.number: row for row in rows}}
        links = [
            Contribution.sources.through(
                contribution_id=by_number[number].pk,
                organisation_id=self.organisation(source).pk,
            )
            for number, contribution in parsed.items()
            for source in contribution.sources
            if self.organisation(source)  # "Presented by Wei Zhou, –" names none
        ]
        Contribution.sources.through.objects.bulk_create(
            _in_key_order(links), ignore_conflicts=True
        )
        return by_number

    def import_revisions(self):
        entries = {
            entry.number: entry
            for contribution in self.minutes.contributions
            for entry in contribution.revisions
        }
        sources = {r.from_ for c in self.minutes.contributions for r in c.relations}
        numbers = set(entries) | sources
        existing = {r.number: r for r in Revision.objects.filter(number__in=numbers)}
        new = []
        for number in sorted(numbers - set(existing)):
            row = Revision(
                contribution=self.contributions[parse_number(number).family],
                revision=parse_number(number).revision or 0,
                number=number,
            )
            self.apply(row, number, entries[number].line if number in entries else None)
            new.append(row)
        self.save(Revision, new, "revisions")
        return {**existing, **{row.number: row for row in new}}

    def import_handlings(self):
        existing = {
            (h.revision_id, h.section_id): h for h in Handling.objects.filter(meeting=self.meeting)
        }
        rows = []
        entries = sorted(
            (
                (entry, contribution)
                for contribution in self.minutes.contributions
                for entry in contribution.revisions
            ),
            key=lambda pair: pair[0].line,
        )
        for position, (entry, contribution) in enumerate(entries, start=1):
            revision = self.revisions[entry.number]
            section = self.section(entry.section)
            key = (revision.pk, section.pk if section else None)
            row = existing.get(key) or Handling(
                revision=revision, meeting=self.meeting, section=section
            )
            presenter = self.person(contribution.presented_by)
            organisation = (
                self.organisation(contribution.sources[0])
                if len(contribution.sources) == 1
                else None
            )
            values = {"position": position}
            if entry.decision:  # no decision in the minutes never erases one set by hand
                values["decision"] = entry.decision
            if entry.notes:
                values["notes"] = entry.notes
            if presenter:
                values["presenter_id"] = presenter.pk
            if organisation:
                values["presenting_organisation_id"] = organisation.pk
            label = f"{entry.number} at {self.meeting} {entry.section or ''}".strip()
            if self.apply(row, label, entry.line, **values):
                rows.append(row)
        self.save(Handling, rows, "handlings")

    def import_relations(self):
        parsed = [r for c in self.minutes.contributions for r in c.relations]
        revisions = [self.revisions[r.from_] for r in parsed]
        existing = {
            (r.revision_id, r.kind, r.target_number): r
            for r in Relation.objects.filter(revision__in=revisions)
        }
        new = []
        self.stated_relations = set()
        for relation, revision in zip(parsed, revisions, strict=True):
            key = (revision.pk, relation.type, relation.to)
            self.stated_relations.add(key)
            if key not in existing:
                row = Relation(revision=revision, kind=relation.type)
                row.target_number = relation.to
                self.apply(row, str(revision), relation.line)
                existing[key] = row
                new.append(row)
        self.save(Relation, new, "relations")

    def import_resolutions(self):
        # Matched by position among the imported ones; resolutions entered by hand stay.
        existing = list(
            Resolution.objects.filter(meeting=self.meeting, source__isnull=False).order_by(
                "position", "pk"
            )
        )
        rows = []
        for position, parsed in enumerate(self.minutes.resolutions, start=1):
            row = existing[position - 1] if position <= len(existing) else None
            row = row or Resolution(meeting=self.meeting)
            section = self.section(parsed.section)
            label = f"{self.meeting} resolution {position}"
            values = {"text": parsed.text, "section_id": section and section.pk}
            values["position"] = position
            if self.apply(row, label, parsed.line, **values):
                rows.append(row)
        self.save(Resolution, rows, "resolutions")

    # Actions ------------------------------------------------------------------------------

    def import_actions(self):
        parsed = self.minutes.actions
        occurrences = Counter()
        keys = []
        for action in parsed:
            if action.reference:
                reference = self.cut(ActionItem, "reference", action.reference, action.line)
                occurrences[reference] += 1
                keys.append((reference, occurrences[reference]))
            else:
                keys.append(None)
        existing = {
            (a.reference, a.occurrence): a
            for a in ActionItem.objects.filter(reference__in=[k[0] for k in keys if k])
        }
        # Without a reference, an action is known by its description at this meeting; the
        # same text twice is two rows, matched in order.
        unreferenced = defaultdict(list)
        for row in ActionItem.objects.filter(meeting=self.meeting, reference="").order_by("pk"):
            unreferenced[row.description].append(row)
        plenary = self.meeting.plenary
        actions, rows = [], []
        for action, key in zip(parsed, keys, strict=True):
            if key:
                row = existing.get(key) or ActionItem(reference=key[0], occurrence=key[1])
            else:
                same = unreferenced[action.description]
                row = same.pop(0) if same else ActionItem(reference="")
            raised_here = key is None or (plenary and f"-{plenary}-" in key[0])
            values = {"description": action.description, "owners": action.owners}
            if raised_here and row.meeting_id is None:
                values["meeting_id"] = self.meeting.pk
                mentioned = action.mentions[0].section if action.mentions else action.section
                section = self.section(mentioned)
                values["section_id"] = section and section.pk
            if self.apply(row, action.reference or "action", action.line, **values):
                rows.append(row)
            actions.append(row)
        self.save(ActionItem, rows, "actions")
        owners = [
            ActionItem.owner_organisations.through(
                actionitem_id=row.pk, organisation_id=self.organisation(name).pk
            )
            for row, action in zip(actions, parsed, strict=True)
            for name in action.organisations
            if self.organisation(name)
        ]
        ActionItem.owner_organisations.through.objects.bulk_create(
            _in_key_order(owners), ignore_conflicts=True
        )
        self.import_statuses(actions, parsed)

    def import_statuses(self, actions, parsed):
        existing = {u.action_id: u for u in StatusUpdate.objects.filter(meeting=self.meeting)}
        date = self.meeting.start_date  # None when the minutes do not date their meeting
        rows = []
        for row, action in zip(actions, parsed, strict=True):
            update = existing.get(row.pk) or StatusUpdate(
                action=row, meeting=self.meeting, date=date
            )
            existing[row.pk] = update
            label = f"{row.reference or 'action'} status"
            if self.apply(update, label, action.line, status=action.status or "open"):
                rows.append(update)
        self.save(StatusUpdate, rows, "status_updates")
        ActionItem.objects.filter(pk__in={row.pk for row in actions}).refresh_status()


def _key(row):
    return row._meta.label_lower, row.pk


def _in_key_order(rows):
    """`rows` in the order of their model's first unique key.

    Imports of two meetings may add the same new rows (an organisation, a contribution) at
    once. PostgreSQL makes the second wait on each key the first holds; inserted in the same
    order by both, they cannot each wait on the other (a deadlock).
    """
    if not rows:
        return rows
    meta = rows[0]._meta
    unique = [(f.attname,) for f in meta.fields if f.unique and not f.primary_key]
    unique += [
        tuple(meta.get_field(name).attname for name in fields)
        for fields in [
            *meta.unique_together,
            *(constraint.fields for constraint in meta.total_unique_constraints),
        ]
    ]
    if not unique:
        return rows
    return sorted(rows, key=lambda row: tuple(str(getattr(row, name)) for name in unique[0]))


def counts_of(minutes):
    """What a file holds, in the summary's terms, without touching the database."""
    entries = [e for c in minutes.contributions for e in c.revisions]
    return Counter(
        meetings=1,
        sections=len(minutes.sections),
        contributions=len(minutes.contributions),
        revisions=len({e.number for e in entries}),
        decisions=sum(1 for e in entries if e.decision),
        relations=sum(len(c.relations) for c in minutes.contributions),
        resolutions=len(minutes.resolutions),
        actions=len(minutes.actions),
        warnings=len(minutes.warnings),
    )


def _as_json(value):
    """A value as RecordChange keeps it: dates as ISO text, which undo reads back."""
    return value.isoformat() if isinstance(value, date) else value
