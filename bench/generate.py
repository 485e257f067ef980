"""Fill an empty, migrated database with a realistic synthetic archive, for page benchmarks.

`python bench/generate.py --revisions 100000` writes groups, meetings with their agendas,
organisations (a long-tailed share), people, contribution families with their revisions and
handlings, relations, resolutions, and action items with their status history, straight into
the database named by DATABASE_URL (run `manage.py migrate` first). Rows are written with
bulk_create in large batches; the derived fields that the models' save() normally sets
(numbers, keys, year/serial) are set here. The same --seed gives the same archive.
"""

import argparse
import datetime
import itertools
import os
import random
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BATCH = 5000

GROUPS = [  # code, short name, name, share of the documents
    ("SEC", "WG4", "Security", 0.15),
    ("ARC", "WG2", "Architecture", 0.25),
    ("PRO", "WG3", "Protocols", 0.22),
    ("REQ", "WG1", "Requirements", 0.10),
    ("MAS", "WG5", "Management, Abstraction and Semantics", 0.16),
    ("TP", "", "Technical Plenary", 0.12),
]
FIRST_YEAR, LAST_YEAR = 2012, 2026
REVISIONS_PER_MEETING = 300

LARGE_ORGANISATIONS = [
    "Qualcomm",
    "Huawei",
    "Ericsson",
    "Nokia",
    "Samsung",
    "Gemalto",
    "Deutsche Telekom",
    "InterDigital",
    "Telefonica",
    "Orange",
    "LG Electronics",
    "Cisco",
    "Intel",
    "ZTE",
    "KETI",
    "ETRI",
    "NEC",
    "Fujitsu",
    "Hitachi",
    "Oracle",
]
NAME_PARTS = (
    ["Alpha", "Nordic", "Pacific", "Atlas", "Vertex", "Orion", "Helix", "Quantum", "Blue"],
    ["Telecom", "Networks", "Systems", "Mobile", "Labs", "Semiconductors", "Devices", "Cloud"],
)
FIRST_NAMES = [
    "Wei", "Anna", "Jean", "Maria", "Hiroshi", "Sung", "Peter", "Laura", "Ahmed", "Olga",
    "Carlos", "Priya", "Tomas", "Yuki", "David", "Elena", "Min", "Rajesh", "Sofia", "Lars",
]  # fmt: skip
LAST_NAMES = [
    "Zhou", "Smith", "Dupont", "Garcia", "Tanaka", "Kim", "Müller", "Rossi", "Hassan",
    "Ivanova", "Silva", "Sharma", "Novak", "Sato", "Brown", "Petrova", "Lee", "Kumar",
    "Jensen", "Martin", "Nguyen", "Schmidt", "Chen", "Park", "Wang", "Li", "Berg", "Costa",
]  # fmt: skip
LOCATIONS = [
    "Sophia Antipolis, France", "Seoul, Korea", "Beijing, China", "Phoenix, AZ, USA",
    "Berlin, Germany", "Tokyo, Japan", "Miyazaki, Japan", "Singapore", "Electronic meeting",
]  # fmt: skip
AGENDA = [  # number, title: about 25 sections, as real minutes number them
    ("1", "Opening of the meeting"),
    ("2", "Approval of the agenda"),
    ("3", "Approval of previous meeting minutes"),
    ("4", "Input documents and liaisons"),
    ("4.1", "Incoming liaison statements"),
    ("4.2", "Outgoing liaison statements"),
    ("5", "Reports"),
    ("6", "Technical contributions"),
    *((f"6.{n}", None) for n in range(1, 14)),
    ("7", "Work items and study items"),
    ("7.1", "Work item progress"),
    ("8", "Action items review"),
    ("9", "Any other business"),
    ("10", "Closing of the meeting"),
]
TOPICS = [
    "AE registration", "access control policies", "group management", "subscription and "
    "notification", "semantic discovery", "device management", "location service", "time "
    "series data", "end-to-end security", "dynamic authorisation", "credential bootstrapping",
    "interworking with 3GPP", "LwM2M interworking", "resource announcement", "blocking "
    "requests", "service layer API", "ontology mapping", "privacy policy", "certificate "
    "management", "flexible containers", "message routing", "security associations",
]  # fmt: skip
PREFIXES = [
    "Security considerations on", "CR on", "Proposed text for", "Discussion on",
    "Clarification of", "Correction to", "Enhancement of", "LS on", "Requirements for",
    "Introduction of", "Update of",
]  # fmt: skip
NOTES = [
    "Concerns were raised about backward compatibility.",
    "The author will align the text with the architecture group.",
    "Several companies asked for more time to review.",
    "Editorial changes requested in the security section.",
    "It was clarified that the procedure applies to all resource types.",
    "Offline discussion to resolve the comments on the access control model.",
    "Agreed with the changes shown on screen.",
]
RESOLUTION_TEXTS = [
    "It was AGREED to support {topic} in the next release.",
    "It was AGREED to send an LS to 3GPP SA3 on {topic}.",
    "The group AGREED to open a work item on {topic}.",
]
ACTION_TEXTS = [
    "Check the impact of {topic} on the existing specifications.",
    "Provide a contribution on {topic} for the next meeting.",
    "Align {topic} with the architecture group and report back.",
    "Draft an LS reply on {topic}.",
]
KINDS = [("cr", 30), ("pcr", 15), ("discussion", 25), ("ls_in", 8), ("ls_out", 7), ("", 15)]
# The decision on a family's last revision, as real minutes share them.
FINAL_DECISIONS = [
    ("agreed", 45),
    ("noted", 35),
    ("revised", 5),
    ("", 5),
    ("withdrawn", 5),
    ("postponed", 3),
    ("not_treated", 1),
    ("endorsed", 1),
]


def weighted(rng, pairs):
    values, weights = zip(*pairs, strict=True)
    return lambda: rng.choices(values, weights)[0]


def organisation_names(count):
    names = list(LARGE_ORGANISATIONS)
    for first, second, n in itertools.product(*NAME_PARTS, range(1, 10)):
        if len(names) >= count:
            break
        names.append(f"{first} {second}" if n == 1 else f"{first} {second} {n}")
    return names[:count]


def generate(revisions, seed):
    from django.db import connection, transaction

    from actions.models import ActionItem, StatusUpdate
    from contributions.models import Contribution, Handling, Relation, Revision
    from meetings.models import (
        AgendaSection,
        Group,
        Meeting,
        Organisation,
        Person,
        Resolution,
        organisation_key,
    )
    from meetings.naturalsort import natural_key

    if Contribution.objects.exists() or Meeting.objects.exists():
        raise SystemExit("generate.py fills an empty database; this one has data already.")

    rng = random.Random(seed)
    counts = {}

    def save(model, rows):
        model.objects.bulk_create(rows, batch_size=BATCH)
        counts[model._meta.verbose_name_plural] = counts.get(
            model._meta.verbose_name_plural, 0
        ) + len(rows)
        return rows

    with transaction.atomic():
        # Groups, organisations (Zipf-like shares), people.
        groups = save(Group, [Group(code=c, short_name=s, name=n) for c, s, n, _ in GROUPS])
        names = organisation_names(200)
        organisations = save(
            Organisation, [Organisation(name=n, key=organisation_key(n)) for n in names]
        )
        org_weights = [1 / (rank + 1) ** 1.1 for rank in range(len(organisations))]

        def pick_organisation():
            return rng.choices(organisations, org_weights)[0]

        people, seen = [], set()
        for first, last in itertools.product(FIRST_NAMES, LAST_NAMES):
            name = f"{first} {last}"
            if name not in seen:
                seen.add(name)
                people.append(Person(name=name, organisation=pick_organisation()))
        save(Person, people)
        people_of = defaultdict(list)
        for person in people:
            people_of[person.organisation_id].append(person)

        # Meetings: about one per REVISIONS_PER_MEETING revisions, spread over the years.
        first_day = datetime.date(FIRST_YEAR, 1, 10)
        span = (datetime.date(LAST_YEAR, 12, 1) - first_day).days
        meetings_of = {}
        all_meetings = []
        for group, (_, _, _, share) in zip(groups, GROUPS, strict=True):
            count = max(1, round(revisions * share / REVISIONS_PER_MEETING))
            meetings = []
            for n in range(1, count + 1):
                start = first_day + datetime.timedelta(days=span * (n - 1) // max(1, count - 1))
                online = rng.random() < 0.15
                meetings.append(
                    Meeting(
                        group=group,
                        number=str(n),
                        number_key=natural_key(str(n)),
                        plenary=f"TP{n}",
                        kind="e_meeting" if online else "in_person",
                        start_date=start,
                        end_date=start + datetime.timedelta(days=4),
                        location="Electronic meeting" if online else rng.choice(LOCATIONS),
                        chair=rng.choice(people),
                        next_meeting=f"TP{n + 1}",
                    )
                )
            meetings_of[group.code] = meetings
            all_meetings += meetings
        save(Meeting, all_meetings)

        sections = []
        for meeting in all_meetings:
            for position, (number, title) in enumerate(AGENDA, start=1):
                title = title or f"{rng.choice(TOPICS).capitalize()}"
                sections.append(
                    AgendaSection(
                        meeting=meeting,
                        number=number,
                        number_key=natural_key(number),
                        title=title,
                        position=position,
                    )
                )
        save(AgendaSection, sections)
        sections_of = defaultdict(list)
        for section in sections:
            sections_of[section.meeting_id].append(section)
        # Documents are handled under 4.1, 4.2 and 6.x, 7.1.
        document_sections = {
            meeting_id: [s for s in rows if s.number[0] in "467" and "." in s.number]
            for meeting_id, rows in sections_of.items()
        }

        resolutions = []
        for meeting in all_meetings:
            for position in range(1, rng.randint(2, 5)):
                section = rng.choice(document_sections[meeting.pk])
                text = rng.choice(RESOLUTION_TEXTS).format(topic=rng.choice(TOPICS))
                resolutions.append(
                    Resolution(meeting=meeting, section=section, text=text, position=position)
                )
        save(Resolution, resolutions)

        # Contribution families, revisions, handlings: a meeting's documents, in order.
        kind = weighted(rng, KINDS)
        final_decision = weighted(rng, FINAL_DECISIONS)
        revision_count = weighted(rng, [(1, 50), (2, 25), (3, 15), (4, 10)])
        contributions, families = [], []  # families: (contribution, meeting index, size)
        serials = defaultdict(int)
        made = 0
        for group, (_, _, _, share) in zip(groups, GROUPS, strict=True):
            meetings = meetings_of[group.code]
            target = round(revisions * share)
            per_meeting = target / len(meetings)
            group_made = 0
            while group_made < target:
                index = min(len(meetings) - 1, int(group_made / per_meeting))
                size = min(revision_count(), target - group_made)
                year = meetings[index].start_date.year
                serials[group.code, year] += 1
                serial = serials[group.code, year]
                title = f"{rng.choice(PREFIXES)} {rng.choice(TOPICS)}"
                contributions.append(
                    Contribution(
                        number=f"{group.code}-{year}-{serial:04d}",
                        group=group,
                        year=year,
                        serial=serial,
                        title=title,
                        kind=kind(),
                    )
                )
                families.append((contributions[-1], meetings, index, size))
                group_made += size
            made += group_made
        save(Contribution, contributions)

        through = Contribution.sources.through
        source_rows = []
        for contribution in contributions:
            chosen = {pick_organisation() for _ in range(rng.choices([1, 2, 3], [70, 20, 10])[0])}
            source_rows += [
                through(contribution_id=contribution.pk, organisation_id=o.pk) for o in chosen
            ]
        save(through, source_rows)
        sources_of = defaultdict(list)
        for row in source_rows:
            sources_of[row.contribution_id].append(row.organisation_id)

        revision_rows, planned = [], []  # planned: (revision, meetings, index, is_last, family)
        for contribution, meetings, index, size in families:
            for r in range(size):
                # Most revisions are made during the meeting; some wait for the next one.
                if r and rng.random() < 0.2:
                    index = min(index + 1, len(meetings) - 1)
                revision = Revision(
                    contribution=contribution,
                    revision=r,
                    number=Revision.number_for(contribution.number, r),
                )
                revision_rows.append(revision)
                planned.append((revision, meetings, index, r == size - 1, contribution))
        save(Revision, revision_rows)

        positions = defaultdict(int)
        handlings = []

        def handle(revision, meeting, contribution, decision):
            positions[meeting.pk] += 1
            organisation_id = rng.choice(sources_of[contribution.pk])
            presenters = people_of.get(organisation_id)
            presenter = rng.choice(presenters) if presenters and rng.random() < 0.8 else None
            handlings.append(
                Handling(
                    revision=revision,
                    meeting=meeting,
                    section=rng.choice(document_sections[meeting.pk]),
                    presenter=presenter,
                    presenting_organisation_id=None if presenter else organisation_id,
                    decision=decision,
                    notes=rng.choice(NOTES) if rng.random() < 0.3 else "",
                    position=positions[meeting.pk],
                )
            )

        for revision, meetings, index, is_last, contribution in planned:
            decision = final_decision() if is_last else ""
            handle(revision, meetings[index], contribution, decision)
            if decision == "postponed" and index + 1 < len(meetings):
                # Carried over: decided at the group's next meeting.
                handle(revision, meetings[index + 1], contribution, rng.choice(["agreed", "noted"]))
        save(Handling, handlings)

        relations = []
        for revision, _, _, is_last, contribution in planned:
            if rng.random() >= 0.15:
                continue
            if not is_last:
                kind_, target, target_revision = "revised_to", contribution, revision.revision + 1
            else:
                neighbour = families[rng.randrange(len(families))][0]
                if neighbour.pk == contribution.pk:
                    continue
                kind_ = rng.choice(["integrated_into", "related_to"])
                target, target_revision = neighbour, None
            relations.append(
                Relation(
                    revision=revision,
                    kind=kind_,
                    target_id=target.number,
                    target_revision=target_revision,
                )
            )
        save(Relation, relations)

        # Action items (about one per 40 revisions), owned by organisations, with 1-3 updates.
        actions, owner_rows, updates = [], [], []
        numbers = defaultdict(int)
        for _ in range(max(1, made // 40)):
            group = rng.choices(groups, [g[3] for g in GROUPS])[0]
            meetings = meetings_of[group.code]
            index = rng.randrange(len(meetings))
            meeting = meetings[index]
            numbers[meeting.pk] += 1
            owners = sorted({pick_organisation() for _ in range(rng.choice([1, 1, 2]))}, key=str)
            owner_text = " and ".join(o.name for o in owners)
            if rng.random() < 0.2:
                owner_text += " and WG leadership"
            actions.append(
                ActionItem(
                    reference=f"A-{group.short_name or group.code}-{meeting.plenary}-"
                    f"{numbers[meeting.pk]:03d}",
                    description=rng.choice(ACTION_TEXTS).format(topic=rng.choice(TOPICS)),
                    owners=owner_text,
                    meeting=meeting,
                    section=sections_of[meeting.pk][-3],  # "8 Action items review"
                    due_date=meeting.start_date + datetime.timedelta(days=90)
                    if rng.random() < 0.4
                    else None,
                )
            )
            owner_rows.append((actions[-1], owners))
            later = meetings[index : index + rng.randint(1, 3)]
            for step, at in enumerate(later):
                if step == len(later) - 1 and step:
                    status = rng.choice(["closed", "closed", "dropped", "in_progress"])
                else:
                    status = "open" if step == 0 else "in_progress"
                updates.append((actions[-1], at, status))
        save(ActionItem, actions)
        through = ActionItem.owner_organisations.through
        save(
            through,
            [
                through(actionitem_id=action.pk, organisation_id=o.pk)
                for action, owners in owner_rows
                for o in owners
            ],
        )
        save(
            StatusUpdate,
            [
                StatusUpdate(action=action, meeting=at, status=status, date=at.start_date)
                for action, at, status in updates
            ],
        )
        ActionItem.objects.refresh_status()  # what the models' signals keep for single writes
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # fresh statistics, as autovacuum would give a live site
    return counts


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--revisions", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=5)
    options = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("DJANGO_DEBUG", "0")
    os.environ.setdefault("DJANGO_SECRET_KEY", "benchmark-only-" + "x" * 50)
    import django

    django.setup()
    start = time.perf_counter()
    counts = generate(options.revisions, options.seed)
    seconds = time.perf_counter() - start
    for name, count in counts.items():
        print(f"{name:40} {count:>9,}")
    print(f"generated in {seconds:.1f} s (seed {options.seed})")


if __name__ == "__main__":
    main()
