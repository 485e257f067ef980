"""Groups, their meetings and agendas, who attends, and where each fact was read from."""

import re
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property

from .identifiers import MEETING_NUMBER, meeting_name
from .naturalsort import natural_key

_NOT_ALNUM = re.compile(r"[\W_]+")


# The longest name of an organisation or a person the record keeps; longer ones are cut.
NAME_LENGTH = 200


def organisation_key(name):
    """The form under which two spellings of one organisation meet.

    "AlcatelLucent", "Alcatel-Lucent" and "alcatel lucent" share a key; spellings that differ
    by more than case, spaces and punctuation ("LGE" / "LG Electronics") need an alias. A name
    too long for the record has the key of the part it keeps.
    """
    return _NOT_ALNUM.sub("", name[:NAME_LENGTH].casefold())[:NAME_LENGTH]


class Stamped(models.Model):
    """Who last changed a row and when; Django's admin log keeps the full history."""

    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.updated_at = timezone.now()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "updated_at"}
        super().save(*args, **kwargs)


class SourceFileFormat(models.TextChoices):
    TEXT = "text", "Text"
    DOCX = "docx", "Word (.docx)"
    HTML = "html", "HTML"
    MARKDOWN = "markdown", "Markdown"


class SourceFile(models.Model):
    """A minutes file as it was imported: the raw bytes' digest and the text as read.

    Lines are the text split on "\\n" (a Word file gives one line per paragraph or table row),
    so any row that records its `source_line` can show the sentence it came from.
    """

    Format = SourceFileFormat

    name = models.CharField(max_length=255, help_text="File name as uploaded or found on disk.")
    sha256 = models.CharField("SHA-256", max_length=64, unique=True)
    format = models.CharField(max_length=10, choices=Format)
    dialect = models.CharField(
        max_length=30, blank=True, help_text='The dialect it was read in: "onem2m", "w3c-scribe".'
    )
    size = models.PositiveBigIntegerField(help_text="Size of the raw file in bytes.")
    text = models.TextField(help_text="The file's text as read, one line per paragraph.")
    meeting = models.ForeignKey(
        "Meeting",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="source_files",
        help_text="The meeting whose minutes these are.",
    )
    imported_at = models.DateTimeField(default=timezone.now)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    counts = models.JSONField(default=dict, blank=True, help_text="What the import wrote.")
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-imported_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(format__in=SourceFileFormat.values), name="sourcefile_format_valid"
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return minutes_url(self.pk)

    @property
    def undone(self):
        return self.undone_at is not None

    def line(self, number):
        """Return line `number` (1-based) of the text as read, or "" when out of range."""
        if number is None or number < 1:
            return ""
        return "".join(Lines(self.text)[number - 1 : number])


def minutes_url(source_id, line=None):
    """The minutes page that holds `line`, scrolled to it (the page alone without a line)."""
    url = reverse("meetings:minutes", args=[source_id])
    return f"{url}?line={line}#line-{line}" if line else url


class Lines:
    """The lines of a text as read (split on "\\n"), a slice at a time.

    A minutes file runs to hundreds of thousands of lines; a page or a quoted line is found by
    counting newlines block by block (in C), without a string for every line before it.
    """

    BLOCK = 1 << 16  # characters counted at a time

    def __init__(self, text):
        self.text = text

    @cached_property
    def total(self):
        return self.text.count("\n") + 1

    def __len__(self):
        return self.total

    def __getitem__(self, index):
        if not isinstance(index, slice) or index.step not in (None, 1):
            raise TypeError("Lines are read a slice at a time, in order.")
        first, stop, _ = index.indices(self.total)
        if first >= stop:
            return []
        start = self._after_newlines(first, 0)
        end = self._after_newlines(stop - first, start)
        return self.text[start : None if end is None else end - 1].split("\n")

    def _after_newlines(self, newlines, position):
        """Where the text after the `newlines`-th newline from `position` starts, or None
        when there are fewer."""
        text = self.text
        while newlines:
            block_end = min(position + self.BLOCK, len(text))
            found = text.count("\n", position, block_end)
            if found >= newlines:
                for _ in range(newlines):
                    position = text.index("\n", position) + 1
                return position
            if block_end == len(text):
                return None
            newlines -= found
            position = block_end
        return position


def lines_around(text, line, around=2):
    """Line `line` of `text` with a few lines either side, as (number, text, is_it) rows."""
    first = max(1, line - around)
    rows = Lines(text)[first - 1 : line + around]
    return [(number, row, number == line) for number, row in enumerate(rows, start=first)]


class ImportWarning(models.Model):
    """An oddity the parser found in an imported file, for the secretariat to review."""

    class State(models.TextChoices):
        OPEN = "open", "To review"
        RESOLVED = "resolved", "Resolved (record corrected)"
        ACCEPTED = "accepted", "Accepted as it is"

    source = models.ForeignKey(SourceFile, on_delete=models.CASCADE, related_name="warnings")
    line = models.PositiveIntegerField()
    message = models.TextField()
    state = models.CharField(max_length=10, choices=State, default=State.OPEN)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["source_id", "line", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=["open", "resolved", "accepted"]),
                name="importwarning_state_valid",
            ),
        ]

    def __str__(self):
        return f"{self.source}, line {self.line}: {self.message}"

    def context(self):
        return lines_around(self.source.text, self.line)


class RecordChange(models.Model):
    """One thing an import did to one row: created it, or changed one field from old to new.

    This is what lets an import be undone, and undo refuse when a later edit depends on it.
    """

    source = models.ForeignKey(SourceFile, on_delete=models.CASCADE, related_name="changes")
    model = models.CharField(max_length=60, help_text='"app_label.modelname"')
    object_id = models.PositiveBigIntegerField()
    field = models.CharField(max_length=60, blank=True, help_text="Empty: the row was created.")
    old = models.JSONField(null=True, blank=True)
    new = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["source_id", "pk"]
        indexes = [
            # Undo asks whether a later import touched the same rows.
            models.Index(fields=["model", "object_id"], name="recordchange_row"),
        ]

    def __str__(self):
        what = f"{self.field}: {self.old!r} → {self.new!r}" if self.field else "created"
        return f"{self.model} #{self.object_id} {what}"


class Upload(models.Model):
    """A minutes file uploaded in the admin and waiting to be confirmed or cancelled.

    The bytes are kept on disk under a generated name in MINUTES_UPLOAD_DIR (outside the
    static and media roots) so that what is confirmed is exactly what was previewed.
    """

    name = models.CharField(max_length=255, help_text="The file name as uploaded.")
    stored_name = models.CharField(max_length=64, unique=True)
    sha256 = models.CharField("SHA-256", max_length=64)
    size = models.PositiveBigIntegerField()
    meeting = models.CharField(max_length=40, blank=True, help_text='"SEC#12", if given.')
    dialect = models.CharField(
        max_length=30, blank=True, help_text="The dialect chosen, if not the one recognised."
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-uploaded_at"]

    def __str__(self):
        return self.name


class Sourced(models.Model):
    """A row that may have been read from minutes: the file and the line that carry it."""

    source = models.ForeignKey(
        SourceFile,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The minutes file this row was imported from.",
    )
    source_line = models.PositiveIntegerField(
        null=True, blank=True, help_text="1-based line (or Word paragraph) in the source file."
    )

    class Meta:
        abstract = True

    def source_text(self):
        """The line of the minutes this row was read from, as written there."""
        return self.source.line(self.source_line) if self.source_id else ""


class GroupQuerySet(models.QuerySet):
    def resolve(self, token):
        """Find a group by its document prefix ("SEC") or its short name ("WG4")."""
        token = token.strip()
        return self.filter(Q(code__iexact=token) | Q(short_name__iexact=token)).first()


class Group(models.Model):
    """A working group or plenary (oneM2M SEC alias WG4, TP; 3GPP SA2, ...)."""

    code = models.CharField(
        max_length=20,
        unique=True,
        help_text='Document prefix, as in SEC-2014-0364: "SEC"; else the body\'s short name for '
        'the group: "vcwg", "httpbis".',
    )
    short_name = models.CharField(
        max_length=20, blank=True, help_text='Other short name, as in A-WG4-TP12-009: "WG4".'
    )
    name = models.CharField(max_length=200, blank=True, help_text='Full name: "Security".')

    objects = GroupQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(
                fields=["short_name"],
                condition=~Q(short_name=""),
                name="group_short_name_unique",
            ),
        ]

    def __str__(self):
        return f"{self.code} ({self.short_name})" if self.short_name else self.code


class OrganisationQuerySet(models.QuerySet):
    def resolve(self, name):
        """The organisation known by `name` or one of its aliases, or None."""
        key = organisation_key(name)
        if not key:
            return None
        return self.filter(Q(key=key) | Q(aliases__key=key)).distinct().first()


class Organisation(models.Model):
    """A member company or body that sources contributions and owns actions."""

    name = models.CharField(max_length=NAME_LENGTH, unique=True)
    key = models.CharField(max_length=NAME_LENGTH, unique=True, editable=False)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.key = organisation_key(self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("organisations:detail", args=[self.pk])


class OrganisationAlias(models.Model):
    """Another spelling under which minutes name an organisation ("LGE" for LG Electronics)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=NAME_LENGTH)
    key = models.CharField(max_length=NAME_LENGTH, unique=True, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "organisation aliases"

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.key = organisation_key(self.name)
        super().save(*args, **kwargs)


class Person(models.Model):
    """A delegate, chair or rapporteur, with the organisation they first appeared for; the
    organisation they presented for at each meeting is on the handling."""

    name = models.CharField(max_length=NAME_LENGTH, unique=True)
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
    )

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"

    def __str__(self):
        return self.name


class MeetingKind(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    CALL = "call", "Conference call"
    E_MEETING = "e_meeting", "E-meeting"


class MeetingQuerySet(models.QuerySet):
    def upcoming(self, today=None):
        today = today or timezone.localdate()
        return self.filter(start_date__gte=today).order_by("start_date")

    def past(self, today=None):
        today = today or timezone.localdate()
        return self.filter(start_date__lt=today)


class Meeting(Stamped, Sourced):
    """One meeting of a group: "SEC#12", held during the TP12 plenary week; "httpbis@IETF119";
    a call known by its date, "vcwg@2025-10-08", whose date stands in the number's place."""

    Kind = MeetingKind

    group = models.ForeignKey(Group, on_delete=models.PROTECT, related_name="meetings")
    number = models.CharField(
        max_length=20,
        validators=[
            RegexValidator(
                MEETING_NUMBER,
                'Letters, digits, "." and "-" only, as in "12", "27.1" or "138-e".',
            )
        ],
        help_text='As written: "12", "27.1", "138-e", "IETF119"; for a meeting its body does '
        'not number, its date: "2025-10-08".',
    )
    number_key = models.CharField(max_length=80, editable=False)
    plenary = models.CharField(
        max_length=40,
        blank=True,
        help_text='The plenary or host meeting it was held during: "TP12".',
    )
    kind = models.CharField(max_length=10, choices=Kind, default=Kind.IN_PERSON)
    # Home page: recent and upcoming meetings are found by date.
    start_date = models.DateField(null=True, blank=True, db_index=True)
    end_date = models.DateField(null=True, blank=True)
    session_dates = models.JSONField(
        default=list, blank=True, help_text='Every day it sat, as ISO dates: ["2024-03-19"].'
    )
    location = models.CharField(max_length=200, blank=True)
    chair = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="chaired_meetings",
    )
    next_meeting = models.CharField(
        max_length=300,
        blank=True,
        help_text='As announced: "TP 13, September 2014, Phoenix, AZ, USA".',
    )

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = [F("start_date").desc(nulls_last=True), "-number_key", "group_id"]
        constraints = [
            models.UniqueConstraint(fields=["group", "number"], name="meeting_group_number_unique"),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="meeting_ends_after_start",
            ),
            models.CheckConstraint(
                # A meeting's number is part of its page's address.
                condition=~Q(number__contains="/")
                & ~Q(number__contains="#")
                & ~Q(number__in=["", ".", ".."]),
                name="meeting_number_url_safe",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=MeetingKind.values),
                name="meeting_kind_valid",
            ),
        ]

    def __str__(self):
        return meeting_name(self.group.code, self.number)

    def save(self, *args, **kwargs):
        self.number_key = natural_key(self.number)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("meetings:detail", args=[self.group.code, self.number])

    @property
    def sessions(self):
        """The days it sat, when the record knows more than one."""
        return [date.fromisoformat(day) for day in self.session_dates or ()]


class AgendaSectionQuerySet(models.QuerySet):
    def natural_order(self):
        """By number as a reader counts: 6.9, 6.10, 6.11 (document order is the default)."""
        return self.order_by("meeting_id", "number_key", "position")


class AgendaSection(Sourced):
    """A numbered agenda item of one meeting, kept as written, slips included."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="sections")
    number = models.CharField(max_length=20, help_text='As written in the minutes: "6.11".')
    number_key = models.CharField(max_length=120, editable=False)
    title = models.CharField(max_length=300, blank=True)
    notes = models.TextField(
        blank=True, help_text="The discussion under it that is about no document, as minuted."
    )
    position = models.PositiveIntegerField(default=0, help_text="Order in the minutes.")
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
    )

    objects = AgendaSectionQuerySet.as_manager()

    class Meta:
        ordering = ["meeting_id", "position", "number_key"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "number"], name="agendasection_meeting_number_unique"
            ),
            models.CheckConstraint(
                condition=~Q(parent=F("pk")), name="agendasection_not_own_parent"
            ),
        ]

    def __str__(self):
        return f"{self.number} {self.title}".strip()

    def save(self, *args, **kwargs):
        self.number_key = natural_key(self.number)
        super().save(*args, **kwargs)

    def clean(self):
        if self.parent_id and self.parent.meeting_id != self.meeting_id:
            raise ValidationError({"parent": "The parent section must belong to the same meeting."})


class Resolution(Stamped, Sourced):
    """An agreement of a meeting that is not about one document."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="resolutions")
    section = models.ForeignKey(
        AgendaSection,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="resolutions",
    )
    text = models.TextField(help_text="The agreement as written in the minutes.")
    position = models.PositiveIntegerField(default=0, help_text="Order in the minutes.")

    class Meta:
        ordering = ["meeting_id", "position"]

    def __str__(self):
        return self.text if len(self.text) <= 80 else self.text[:79] + "…"
