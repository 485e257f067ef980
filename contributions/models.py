"""Contributions (Tdocs), their revisions, what each meeting decided on them, and relations."""

from django.core.exceptions import ValidationError
from django.db import connection, models
from django.db.models import F, OuterRef, Prefetch, Q, Subquery
from django.db.models.expressions import RawSQL
from django.urls import reverse

from meetings.models import AgendaSection, Group, Meeting, Organisation, Person, Sourced, Stamped
from meetings.vocabularies import DECISION_OUTCOMES, Decision, Outcome, RelationKind

__all__ = ["DECISION_OUTCOMES", "Decision", "Outcome", "RelationKind"]  # the record's words

from .numbers import number_for, parse_number

# (outcome, label) of each decision's badge.
BADGES = {
    decision.value: (outcome.value, decision.label)
    for decision, outcome in DECISION_OUTCOMES.items()
}


def decisions_with(outcome):
    return [decision for decision, of in DECISION_OUTCOMES.items() if of == outcome]


class ContributionKind(models.TextChoices):
    UNKNOWN = "", "Not classified"
    CR = "cr", "Change request"
    PCR = "pcr", "Pseudo change request"
    LS_IN = "ls_in", "Incoming liaison statement"
    LS_OUT = "ls_out", "Outgoing liaison statement"
    DISCUSSION = "discussion", "Discussion paper"
    AGENDA = "agenda", "Agenda"
    MINUTES = "minutes", "Minutes"
    WORK_ITEM = "work_item", "Work item description"
    OTHER = "other", "Other"


# Newest first, as the contribution_newest index orders them.
NEWEST_FIRST = ["-year", "-serial", "-id"]
# An organisation with more contributions than SORT_UP_TO has its newest looked for among the
# record's newest WINDOW (at a million revisions, that holds about 55 of its own or more); a
# smaller one has its own sorted (ContributionQuerySet.newest_of_organisation).
SORT_UP_TO = 1500
WINDOW = 20_000


class ContributionQuerySet(models.QuerySet):
    def with_latest_decision(self):
        """Annotate `latest_decision` and `latest_decided`: the last decision taken on the
        family (by meeting date, else meeting number, then order in the minutes) and on which
        revision; None while nothing was decided."""
        latest = (
            Handling.objects.filter(revision__contribution=OuterRef("pk"))
            .exclude(decision="")
            .order_by(
                F("meeting__start_date").desc(nulls_last=True),
                "-meeting__number_key",
                "-meeting_id",
                "-position",
            )
        )
        return self.annotate(
            latest_decision=Subquery(latest.values("decision")[:1]),
            latest_decided=Subquery(latest.values("revision__number")[:1]),
        )

    def page_with_latest_decisions(self, contributions):
        """Set `latest_decision`, `latest_decided` and `url` on an evaluated page of
        contributions, for contributions/_contribution_table.html.

        One query for the page alone: annotating the whole filtered list instead makes
        PostgreSQL evaluate the subqueries for every row an OFFSET skips (deep pages). One
        reverse() for the page's links (contribution_urls).
        """
        contributions = list(contributions)
        latest = (
            self.filter(pk__in=[contribution.pk for contribution in contributions])
            .with_latest_decision()
            .values_list("pk", "latest_decision", "latest_decided")
        )
        found = {pk: (decision, number) for pk, decision, number in latest}
        url = contribution_urls()
        for contribution in contributions:
            contribution.latest_decision, contribution.latest_decided = found.get(
                contribution.pk, (None, None)
            )
            contribution.url = url(contribution.number)
        return contributions

    def with_source_list(self):
        """Prefetch each row's sources as the list `source_list`, in name order.

        For tables of contributions: `sources.all` in a template builds a queryset per row,
        a noticeable share of a 50-row page.
        """
        return self.prefetch_related(
            Prefetch("sources", queryset=Organisation.objects.only("name"), to_attr="source_list")
        )

    def of_organisation(self, organisation):
        """Contributions that name `organisation` among their sources."""
        return self.filter(sources=organisation)

    def newest_of_organisation(self, organisation, count, sort_up_to=SORT_UP_TO):
        """The `count` newest contributions that name `organisation`, by year and serial, as
        a list. The queryset may add prefetches, not filters: the ways below count and sort
        the organisation's own contributions, whatever the queryset holds.

        There are two ways to find them, and which one is cheap depends on how many it has.
        Walking the record newest first (the contribution_newest index) and testing each row
        costs about count × all / its own rows: a few hundred for the largest member. Sorting
        its own costs one lookup of the year and serial each. Left to choose, PostgreSQL
        assumes that an organisation's contributions are spread evenly over the years and,
        at the default random_page_cost, walked 48,000 rows for an organisation with 1,086
        (80 ms at a million revisions; 150 ms with the parallel workers it adds to a long
        walk).

        So a count of its links that stops at `sort_up_to` chooses, and each way is written
        so that PostgreSQL has one plan for it. A larger organisation is looked for among the
        record's newest WINDOW rows, a bounded walk that PostgreSQL runs without parallel
        workers; only if fewer than `count` of its own are there (its work is mostly older)
        does a second query walk on.
        """
        links = Contribution.sources.through.objects.filter(organisation=organisation)
        if links[: sort_up_to + 1].count() > sort_up_to:
            walk = self.of_organisation(organisation).order_by(*NEWEST_FIRST)
            if connection.vendor != "postgresql":
                return list(walk[:count])
            window = RawSQL(_NEWEST_IN_WINDOW, [WINDOW, organisation.pk, count])
            found = list(self.filter(pk__in=window).order_by(*NEWEST_FIRST))
            return found if len(found) == count else list(walk[:count])
        # Correlated subqueries, looked up for each of its links from the covering index
        # contribution_id_year; a join would let PostgreSQL turn this back into the walk.
        this = Contribution.objects.filter(pk=OuterRef("contribution_id")).order_by()
        its_own = (
            links.annotate(
                year=Subquery(this.values("year")), serial=Subquery(this.values("serial"))
            )
            .order_by("-year", "-serial", "-contribution_id")
            .values("contribution_id")[:count]
        )
        return list(self.filter(pk__in=its_own).order_by(*NEWEST_FIRST))


# The ids of an organisation's newest contributions among the record's newest rows, walked
# through the contribution_newest index (parameters: the window, the organisation, how many).
_NEWEST_IN_WINDOW = """
    SELECT recent.id FROM (
        SELECT id, year, serial FROM contributions_contribution
        ORDER BY year DESC, serial DESC, id DESC LIMIT %s
    ) recent
    WHERE EXISTS (
        SELECT 1 FROM contributions_contribution_sources link
        WHERE link.contribution_id = recent.id AND link.organisation_id = %s
    )
    ORDER BY recent.year DESC, recent.serial DESC, recent.id DESC LIMIT %s
"""


class Contribution(Stamped, Sourced):
    """A contribution family: the document SEC-2014-0364 (or the Internet-Draft
    draft-ietf-quic-multipath) and all its revisions."""

    Kind = ContributionKind

    number = models.CharField(
        max_length=100,
        unique=True,
        help_text="Canonical number without revision: SEC-2014-0364, draft-ietf-quic-multipath.",
    )
    group = models.ForeignKey(Group, on_delete=models.PROTECT, related_name="contributions")
    # From the number where it has them; a draft's year is that of the meeting that first
    # recorded it, and it has no serial.
    year = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    serial = models.PositiveIntegerField(null=True, blank=True, editable=False)
    title = models.CharField(max_length=500, blank=True)
    kind = models.CharField(max_length=12, choices=Kind, blank=True, default=Kind.UNKNOWN)
    sources = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="contributions",
        help_text="The organisations that submitted it.",
    )

    objects = ContributionQuerySet.as_manager()

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "year", "serial"], name="contribution_group_year_serial_unique"
            ),
            models.CheckConstraint(
                condition=Q(year__isnull=True) | (Q(year__gte=1980) & Q(year__lte=2200)),
                name="contribution_year_plausible",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=ContributionKind.values), name="contribution_kind_valid"
            ),
        ]
        indexes = [
            # The list's other orders, each ending with the number (contributions.paging).
            models.Index(fields=["title", "number"], name="contribution_title_order"),
            models.Index(fields=["year", "number"], name="contribution_year_order"),
            # Search lists the newest matches first and walks this index for a common word;
            # the organisation page walks it for a large member's newest contributions.
            models.Index(fields=["-year", "-serial", "-id"], name="contribution_newest"),
            # On PostgreSQL, contributions 0004 adds contribution_id_year, a covering index
            # of (id) with year and serial, for newest_of_organisation.
        ]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("contributions:detail", args=[self.number])

    def clean(self):
        try:
            parsed = parse_number(self.number)
        except ValueError as error:
            raise ValidationError({"number": str(error)}) from None
        if parsed.revision is not None:
            message = f"Enter the contribution's number without the revision: {parsed.family}."
            raise ValidationError({"number": message})
        self.number = parsed.family
        if parsed.group and not Group.objects.filter(code__iexact=parsed.group).exists():
            raise ValidationError(
                {"number": f"No group has the document prefix {parsed.group}; add it first."}
            )
        if not (parsed.group or self.group_id):
            raise ValidationError({"group": "Choose the group whose document this is."})

    def save(self, *args, **kwargs):
        parsed = parse_number(self.number)
        self.number = parsed.family
        if parsed.year is not None:
            self.year, self.serial = parsed.year, parsed.serial
        if parsed.group and (not self.group_id or self.group.code.lower() != parsed.group.lower()):
            self.group = Group.objects.get(code__iexact=parsed.group)
        old = None if self._state.adding else self._number_in_database()
        super().save(*args, **kwargs)
        if old and old != self.number:
            self._renumber(old)

    def _number_in_database(self):
        return Contribution.objects.filter(pk=self.pk).values_list("number", flat=True).first()

    def _renumber(self, old):
        """After a correction, revisions and the relations that name the family follow."""
        Relation.objects.filter(target_id=old).update(target_id=self.number)
        revisions = [
            revision
            for revision in self.revisions.all()
            if revision.number != Revision.number_for(self.number, revision.revision)
        ]
        for revision in revisions:
            revision.number = Revision.number_for(self.number, revision.revision)
        Revision.objects.bulk_update(revisions, ["number"])


class Revision(Stamped, Sourced):
    """One version of a contribution: revision 0 is the base document, then R01, R02, ..."""

    contribution = models.ForeignKey(
        Contribution, on_delete=models.CASCADE, related_name="revisions"
    )
    revision = models.PositiveSmallIntegerField(
        default=0,
        help_text="0 for the base document, 3 for R03; a draft's version 06 is 7 (numbers.py).",
    )
    number = models.CharField(max_length=110, unique=True, editable=False)
    title = models.CharField(
        max_length=500, blank=True, help_text="Only where it differs from the contribution's."
    )

    class Meta:
        ordering = ["contribution_id", "revision"]
        constraints = [
            models.UniqueConstraint(
                fields=["contribution", "revision"], name="revision_contribution_revision_unique"
            ),
        ]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        """The family's page, at this revision."""
        return f"{reverse('contributions:detail', args=[self.contribution.number])}#{self.number}"

    def save(self, *args, **kwargs):
        self.number = self.number_for(self.contribution.number, self.revision)
        super().save(*args, **kwargs)

    @staticmethod
    def number_for(family_number, revision):
        return number_for(family_number, revision)


def document_url(number):
    """The page for a canonical document number: its family's page, at the revision if any."""
    parsed = parse_number(number)
    url = reverse("contributions:detail", args=[parsed.family])
    return f"{url}#{parsed}" if parsed.revision else url


def contribution_urls():
    """A function (family number) -> the URL `Contribution.get_absolute_url` gives.

    For pages that link hundreds of documents: one reverse() for all of them instead of one
    each, which cost a noticeable share of the meeting page. Canonical numbers are letters,
    digits and "-", so they need no quoting in a path.
    """
    before, after = reverse("contributions:detail", args=["NUMBER"]).split("NUMBER")
    return lambda family: f"{before}{family}{after}"


def revision_urls():
    """A function (family number, revision number) -> the URL `Revision.get_absolute_url`
    gives (contribution_urls)."""
    url = contribution_urls()
    return lambda family, number: f"{url(family)}#{number}"


class HandlingQuerySet(models.QuerySet):
    def at(self, meeting):
        return self.filter(meeting=meeting)

    def with_outcome(self, outcome):
        return self.filter(decision__in=decisions_with(outcome))

    def agreed(self):
        return self.with_outcome(Outcome.POSITIVE)


class Handling(Stamped, Sourced):
    """What one meeting did with one revision under one agenda section."""

    revision = models.ForeignKey(Revision, on_delete=models.CASCADE, related_name="handlings")
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="handlings")
    # RESTRICT: a section with handlings cannot be deleted alone, but goes with its meeting.
    section = models.ForeignKey(
        AgendaSection,
        null=True,
        blank=True,
        on_delete=models.RESTRICT,
        related_name="handlings",
    )
    presenter = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="handlings"
    )
    presenting_organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="presented_handlings",
        help_text='Who presented it, when the minutes name only a company ("Presented by LGE").',
    )
    decision = models.CharField(max_length=24, choices=Decision, blank=True, default=Decision.NONE)
    notes = models.TextField(blank=True, help_text="Discussion notes (the minutes' Comments).")
    position = models.PositiveIntegerField(default=0, help_text="Order in the minutes.")

    objects = HandlingQuerySet.as_manager()

    class Meta:
        ordering = ["meeting_id", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["revision", "meeting", "section"], name="handling_once_per_section"
            ),
            models.UniqueConstraint(
                fields=["revision", "meeting"],
                condition=Q(section__isnull=True),
                name="handling_once_per_meeting_without_section",
            ),
            models.CheckConstraint(
                condition=Q(decision__in=Decision.values), name="handling_decision_valid"
            ),
        ]
        indexes = [
            # Meeting page and its outcome summary; "what did meeting N agree".
            models.Index(fields=["meeting", "decision"], name="handling_meeting_decision"),
        ]

    def __str__(self):
        decision = self.get_decision_display() if self.decision else "handled"
        return f"{self.revision} {decision.lower()} at {self.meeting}"

    @property
    def outcome(self):
        return Decision(self.decision).outcome

    def clean(self):
        if self.section_id and self.meeting_id and self.section.meeting_id != self.meeting_id:
            raise ValidationError({"section": "This section belongs to another meeting."})


class Relation(Stamped, Sourced):
    """A link from a revision to another document, known to the record or not yet.

    The target is stored as its contribution number. It is a foreign key without a database
    constraint on purpose: a relation to SEC-2014-0362 is kept before that contribution is
    imported, and links to it by itself once it is.
    """

    Kind = RelationKind

    INVERSE_LABELS = {
        Kind.REVISION_OF: "Revised to",
        Kind.REVISED_TO: "Revision of",
        Kind.INTEGRATED_INTO: "Absorbed",
        Kind.HANDLED_IN: "Handles",
        Kind.REPLIES_TO: "Replied to by",
        Kind.REFERENCES: "Referenced by",
        Kind.RELATED_TO: "Related to",
    }

    revision = models.ForeignKey(Revision, on_delete=models.CASCADE, related_name="relations")
    kind = models.CharField(max_length=20, choices=Kind)
    # null=True only so that select_related() keeps relations whose target is not known yet
    # (an outer join); the check constraint below still requires a number.
    target = models.ForeignKey(
        Contribution,
        to_field="number",
        db_constraint=False,
        null=True,
        on_delete=models.DO_NOTHING,
        related_name="incoming_relations",
    )
    target_revision = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Empty when the relation is to the contribution as a whole.",
    )

    class Meta:
        ordering = ["revision_id", "kind", "target_id"]
        constraints = [
            models.CheckConstraint(condition=Q(target__isnull=False), name="relation_has_target"),
            models.CheckConstraint(
                condition=Q(target_revision__isnull=True) | Q(target_revision__gte=1),
                name="relation_target_revision_positive",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=RelationKind.values), name="relation_kind_valid"
            ),
            models.UniqueConstraint(
                fields=["revision", "kind", "target", "target_revision"],
                name="relation_unique",
            ),
            models.UniqueConstraint(
                fields=["revision", "kind", "target"],
                condition=Q(target_revision__isnull=True),
                name="relation_unique_to_contribution",
            ),
        ]

    def __str__(self):
        return f"{self.revision} {self.get_kind_display().lower()} {self.target_number}"

    @property
    def target_number(self):
        return Revision.number_for(self.target_id, self.target_revision or 0)

    @target_number.setter
    def target_number(self, number):
        parsed = parse_number(number)
        self.target_id, self.target_revision = parsed.family, parsed.revision

    @property
    def inverse_label(self):
        return self.INVERSE_LABELS[self.kind]

    def known_target(self):
        """The target contribution, or None while it is not in the record."""
        try:
            return self.target
        except Contribution.DoesNotExist:
            return None
