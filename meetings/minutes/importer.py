"""Writing parsed minutes into the record: one transaction per file, in bulk.

Rows are matched by natural keys (the meeting; section numbers; document numbers; an action's
reference and its position among rows with that reference), so importing a corrected file
updates in place and importing the same file again changes nothing. Only fields the minutes
state are written: what the secretariat corrected by hand elsewhere stays. The number of
queries per file does not grow with the rows in it.
"""

import hashlib
from collections import Counter
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from actions.models import ActionItem, StatusUpdate
from contributions.models import Contribution, Handling, Relation, Revision
from contributions.numbers import parse_number
from meetings.models import (
    AgendaSection,
    Group,
    Meeting,
    Organisation,
    OrganisationAlias,
    Person,
    Resolution,
    SourceFile,
    organisation_key,
)
from meetings.naturalsort import natural_key

from .parser import organisation_names
from .references import family_of


@dataclass
class ImportResult:
    status: str  # "created", "updated" or "unchanged"
    meeting: str
    counts: Counter = field(default_factory=Counter)
    changes: list[str] = field(default_factory=list)


def sha256(raw):
    return hashlib.sha256(raw).hexdigest()


@transaction.atomic
def import_minutes(minutes, document, *, name, raw, user=None):
    """Write `minutes` (parsed from `document`, read from `raw` bytes) and return what changed."""
    digest = sha256(raw)
    known = SourceFile.objects.filter(sha256=digest).select_related("meeting__group").first()
    if known:
        return ImportResult("unchanged", str(known.meeting or ""))
    return _Import(minutes, document, name, raw, digest, user).run()


class _Import:
    def __init__(self, minutes, document, name, raw, digest, user):
        self.minutes = minutes
        self.user = user
        self.now = timezone.now()
        self.result = ImportResult("created", "")
        self.source = SourceFile.objects.create(
            name=name,
            sha256=digest,
            format=document.format,
            size=len(raw),
            text=document.text,
            imported_at=self.now,
            imported_by=user,
        )

    def run(self):
        self.meeting = self.import_meeting()
        self.result.meeting = str(self.meeting)
        self.source.meeting = self.meeting
        self.source.save(update_fields=["meeting"])
        self.sections = self.import_sections()
        self.organisations = self.import_organisations()
        self.people = self.import_people()
        self.contributions = self.import_contributions()
        self.revisions = self.import_revisions()
        self.import_handlings()
        self.import_relations()
        self.import_resolutions()
        self.import_actions()
        self.result.counts["warnings"] = len(self.minutes.warnings)
        return self.result

    # Helpers ------------------------------------------------------------------------------

    def stamp(self, row, line):
        row.source, row.source_line = self.source, line
        if hasattr(row, "updated_by"):
            row.updated_by, row.updated_at = self.user, self.now
            if row._state.adding:
                row.created_at = self.now
        return row

    def update(self, row, label, **values):
        """Set `values` that differ on `row`; note each change; True if any did."""
        changed = False
        for name, value in values.items():
            old = getattr(row, name)
            if old != value:
                if not row._state.adding and not name.endswith("_id"):
                    self.result.changes.append(f"{label}: {name} {old!r} → {value!r}")
                setattr(row, name, value)
                changed = True
        return changed

    def save(self, model, rows, new, fields, label):
        """Bulk-create the new rows and bulk-update the changed ones."""
        created = [row for row in rows if row._state.adding]
        model.objects.bulk_create(created)
        for row in created:
            row._state.adding = False
        created_ids = {id(row) for row in created}
        changed = [row for row in rows if id(row) not in created_ids and row.pk in new]
        if changed:
            model.objects.bulk_update(changed, fields)
        self.result.counts[label] += len(rows)
        self.result.counts[f"{label}_created"] += len(created)
        self.result.counts[f"{label}_updated"] += len(changed)

    # Meeting and agenda -------------------------------------------------------------------

    def group(self, code, alias=None):
        group = Group.objects.get_or_create(code=code)[0]
        if alias and not group.short_name and not Group.objects.filter(short_name=alias).exists():
            group.short_name = alias
            group.save(update_fields=["short_name"])
        return group

    def import_meeting(self):
        info = self.minutes.meeting
        group = self.group(info.group, info.group_alias)
        meeting = Meeting.objects.filter(group=group, number=info.number).first()
        if meeting is None:
            meeting = Meeting(group=group, number=info.number)
        else:
            self.result.status = "updated"
        values = {
            "plenary": info.plenary,
            "next_meeting": info.next_meeting,
        }
        label = f"{info.group}#{info.number}"
        self.update(meeting, label, **{k: v for k, v in values.items() if v})
        self.stamp(meeting, info.line)
        meeting.save()
        self.result.counts["meetings"] += 1
        return meeting

    def import_sections(self):
        existing = {s.number: s for s in AgendaSection.objects.filter(meeting=self.meeting)}
        rows, changed = [], set()
        for position, parsed in enumerate(self.minutes.sections, start=1):
            section = existing.get(parsed.number) or AgendaSection(
                meeting=self.meeting, number=parsed.number, number_key=natural_key(parsed.number)
            )
            label = f"{self.meeting} section {parsed.number}"
            if self.update(section, label, title=parsed.title, position=position) or (
                section.source_line != parsed.line
            ):
                changed.add(section.pk)
            self.stamp(section, parsed.line)
            rows.append(section)
        fields = ["title", "position", "source", "source_line"]
        self.save(AgendaSection, rows, changed, fields, "sections")
        by_number = {section.number: section for section in rows}
        parents = []
        for parsed in self.minutes.sections:
            section = by_number[parsed.number]
            parent = by_number.get(parsed.parent) if parsed.parent else None
            if parent and section.parent_id != parent.pk:
                section.parent = parent
                parents.append(section)
        AgendaSection.objects.bulk_update(parents, ["parent"])
        return by_number

    def section(self, number):
        return self.sections.get(number) if number else None

    # Organisations and people -------------------------------------------------------------

    def import_organisations(self):
        names = {
            name for contribution in self.minutes.contributions for name in contribution.sources
        }
        for action in self.minutes.actions:
            names.update(organisation_names(action.owners))
        keys = {organisation_key(name): name for name in names if organisation_key(name)}
        found = {o.key: o for o in Organisation.objects.filter(key__in=keys)}
        for alias in OrganisationAlias.objects.filter(key__in=keys).select_related("organisation"):
            found.setdefault(alias.key, alias.organisation)
        new = [Organisation(name=name, key=key) for key, name in keys.items() if key not in found]
        Organisation.objects.bulk_create(new)
        found.update({organisation.key: organisation for organisation in new})
        self.result.counts["organisations_created"] += len(new)
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
                presenters.setdefault(contribution.presented_by, organisation)
        people = {p.name: p for p in Person.objects.filter(name__in=presenters)}
        new = [Person(name=n, organisation=o) for n, o in presenters.items() if n not in people]
        Person.objects.bulk_create(new)
        people.update({person.name: person for person in new})
        self.result.counts["people_created"] += len(new)
        return people

    # Contributions ------------------------------------------------------------------------

    def import_contributions(self):
        parsed = {c.number: c for c in self.minutes.contributions}
        codes = {parse_number(number).group for number in parsed}
        groups = {code: self.group(code) for code in codes}
        existing = {c.number: c for c in Contribution.objects.filter(number__in=parsed)}
        rows, changed = [], set()
        for number, contribution in parsed.items():
            row = existing.get(number)
            if row is None:
                document = parse_number(number)
                row = Contribution(
                    number=number,
                    group=groups[document.group],
                    year=document.year,
                    serial=document.serial,
                )
            if contribution.title and self.update(row, number, title=contribution.title):
                changed.add(row.pk)
            self.stamp(row, contribution.line)
            rows.append(row)
        self.save(Contribution, rows, changed, ["title", "source", "source_line"], "contributions")
        by_number = {row.number: row for row in rows}
        links = [
            Contribution.sources.through(
                contribution_id=by_number[number].pk,
                organisation_id=self.organisation(source).pk,
            )
            for number, contribution in parsed.items()
            for source in contribution.sources
        ]
        Contribution.sources.through.objects.bulk_create(links, ignore_conflicts=True)
        return by_number

    def import_revisions(self):
        entries = {
            entry.number: (contribution, entry)
            for contribution in self.minutes.contributions
            for entry in contribution.revisions
        }
        sources = {r.from_ for c in self.minutes.contributions for r in c.relations}
        numbers = set(entries) | sources
        existing = {r.number: r for r in Revision.objects.filter(number__in=numbers)}
        rows = []
        for number in sorted(numbers):
            row = existing.get(number)
            if row is None:
                document = parse_number(number)
                row = Revision(
                    contribution=self.contributions[family_of(number)],
                    revision=document.revision or 0,
                    number=number,
                )
                line = entries[number][1].line if number in entries else None
                self.stamp(row, line)
            rows.append(row)
        self.save(Revision, rows, set(), [], "revisions")
        return {row.number: row for row in rows}

    def import_handlings(self):
        existing = {
            (h.revision_id, h.section_id): h for h in Handling.objects.filter(meeting=self.meeting)
        }
        rows, changed = [], set()
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
            presenter = self.people.get(contribution.presented_by)
            organisation = (
                self.organisation(contribution.sources[0])
                if len(contribution.sources) == 1
                else None
            )
            values = {"decision": entry.decision or "", "position": position}
            if entry.notes:
                values["notes"] = entry.notes
            if presenter:
                values["presenter_id"] = presenter.pk
            if organisation:
                values["presenting_organisation_id"] = organisation.pk
            label = f"{entry.number} at {self.meeting} {entry.section or ''}".strip()
            if self.update(row, label, **values) or row.source_line != entry.line:
                changed.add(row.pk)
            self.stamp(row, entry.line)
            rows.append(row)
        fields = [
            "decision",
            "notes",
            "position",
            "presenter",
            "presenting_organisation",
            "source",
            "source_line",
            "updated_by",
            "updated_at",
        ]
        self.save(Handling, rows, changed, fields, "handlings")
        self.result.counts["decisions"] += sum(1 for row in rows if row.decision)

    def import_relations(self):
        parsed = [r for c in self.minutes.contributions for r in c.relations]
        revisions = [self.revisions[r.from_] for r in parsed]
        existing = {
            (r.revision_id, r.kind, r.target_number): r
            for r in Relation.objects.filter(revision__in=revisions)
        }
        rows = []
        for relation, revision in zip(parsed, revisions, strict=True):
            row = existing.get((revision.pk, relation.type, relation.to))
            if row is None:
                row = Relation(revision=revision, kind=relation.type)
                row.target_number = relation.to
                self.stamp(row, relation.line)
                existing[(revision.pk, relation.type, relation.to)] = row
                rows.append(row)
        self.save(Relation, rows, set(), [], "relations")
        self.result.counts["relations"] += len(parsed) - len(rows)

    def import_resolutions(self):
        existing = list(Resolution.objects.filter(meeting=self.meeting).order_by("position"))
        rows, changed = [], set()
        for position, parsed in enumerate(self.minutes.resolutions, start=1):
            row = existing[position - 1] if position <= len(existing) else None
            row = row or Resolution(meeting=self.meeting, position=position)
            section = self.section(parsed.section)
            label = f"{self.meeting} resolution {position}"
            if self.update(row, label, text=parsed.text, section_id=section and section.pk) or (
                row.source_line != parsed.line
            ):
                changed.add(row.pk)
            self.stamp(row, parsed.line)
            rows.append(row)
        fields = ["text", "section", "source", "source_line", "updated_by", "updated_at"]
        self.save(Resolution, rows, changed, fields, "resolutions")

    # Actions ------------------------------------------------------------------------------

    def import_actions(self):
        parsed = self.minutes.actions
        occurrences = Counter()
        keys = []
        for action in parsed:
            if action.reference:
                occurrences[action.reference] += 1
                keys.append((action.reference, occurrences[action.reference]))
            else:
                keys.append(None)
        existing = {
            (a.reference, a.occurrence): a
            for a in ActionItem.objects.filter(reference__in=[k[0] for k in keys if k])
        }
        unreferenced = {
            a.description: a for a in ActionItem.objects.filter(meeting=self.meeting, reference="")
        }
        plenary = self.meeting.plenary
        rows, changed = [], set()
        for action, key in zip(parsed, keys, strict=True):
            if key:
                row = existing.get(key) or ActionItem(reference=key[0], occurrence=key[1])
            else:
                row = unreferenced.get(action.description) or ActionItem(reference="")
            raised_here = key is None or (plenary and f"-{plenary}-" in key[0])
            values = {"description": action.description, "owners": action.owners}
            if raised_here and row.meeting_id is None:
                values["meeting_id"] = self.meeting.pk
                mentioned = action.mentions[0].section if action.mentions else action.section
                section = self.section(mentioned)
                values["section_id"] = section and section.pk
            label = action.reference or "action"
            if self.update(row, label, **values) or row.source_line != action.line:
                changed.add(row.pk)
            self.stamp(row, action.line)
            rows.append(row)
        fields = [
            "description",
            "owners",
            "meeting",
            "section",
            "source",
            "source_line",
            "updated_by",
            "updated_at",
        ]
        self.save(ActionItem, rows, changed, fields, "actions")
        owners = [
            ActionItem.owner_organisations.through(
                actionitem_id=row.pk, organisation_id=self.organisation(name).pk
            )
            for row, action in zip(rows, parsed, strict=True)
            for name in organisation_names(action.owners)
            if self.organisation(name)
        ]
        ActionItem.owner_organisations.through.objects.bulk_create(owners, ignore_conflicts=True)
        self.import_statuses(rows, parsed)

    def import_statuses(self, actions, parsed):
        existing = {u.action_id: u for u in StatusUpdate.objects.filter(meeting=self.meeting)}
        date = self.meeting.start_date or self.now.date()
        rows, changed = [], set()
        for row, action in zip(actions, parsed, strict=True):
            update = existing.get(row.pk) or StatusUpdate(
                action=row, meeting=self.meeting, date=date
            )
            if self.update(update, f"{row} status", status=action.status or "open") or (
                update.source_line != action.line
            ):
                changed.add(update.pk)
            self.stamp(update, action.line)
            existing[row.pk] = update
            rows.append(update)
        rows = list({id(update): update for update in rows}.values())  # a row may repeat
        fields = ["status", "source", "source_line", "updated_by", "updated_at"]
        self.save(StatusUpdate, rows, changed, fields, "status_updates")


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
