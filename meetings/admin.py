"""The secretariat's workbench for meetings, agendas, organisations and imported files."""

from functools import partial

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.options import IncorrectLookupParameters
from django.db.models import Count, Exists, OuterRef, Q
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from . import admin_imports
from .forms import whole_number
from .models import (
    AgendaSection,
    Group,
    ImportWarning,
    Lines,
    Meeting,
    Organisation,
    OrganisationAlias,
    Person,
    Resolution,
    SourceFile,
    Stamped,
    minutes_url,
)

admin.site.site_header = "Plenary secretariat"
admin.site.site_title = "Plenary"
admin.site.index_title = "The record"


class RecordAdmin(admin.ModelAdmin):
    """Defaults for lists that grow to hundreds of thousands of rows."""

    # A second COUNT(*) over the whole table per page is the first thing to hurt at volume.
    show_full_result_count = False

    def get_changelist_instance(self, request):
        try:
            return super().get_changelist_instance(request)
        except OverflowError as error:
            # A date hierarchy's year of twenty digits: Django turns only ValueError into
            # its "?e=1" answer to a garbled filter.
            raise IncorrectLookupParameters(error) from error

    def response_action(self, request, queryset):
        """Runs an action on the ticked rows, unless the form names rows by something other
        than an id (Django would answer with a server error)."""
        selected = request.POST.getlist(helpers.ACTION_CHECKBOX_NAME)
        if any(whole_number(pk) is None for pk in selected):
            self.message_user(request, "Select the rows again.", messages.WARNING)
            return None  # Django then shows the list again
        return super().response_action(request, queryset)


class StampedAdmin(RecordAdmin):
    """Stamps who last changed a row, in the form and in its inlines."""

    def save_model(self, request, obj, form, change):
        if isinstance(obj, Stamped):
            obj.updated_by = request.user
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        for inline_form in formset.forms:
            if isinstance(inline_form.instance, Stamped) and inline_form.has_changed():
                inline_form.instance.updated_by = request.user
        super().save_formset(request, form, formset, change)


class SourcedAdmin(StampedAdmin):
    """Shows where a row was read from: the minutes file, the line number and the line.

    Provenance is evidence, not data to edit: the form leaves it out and shows it read-only.
    """

    exclude = ["source", "source_line"]

    @admin.display(description="From the minutes")
    def provenance(self, obj):
        if not obj.source_id:
            return "Entered by hand"
        return format_html(
            '<a href="{}">{}, line {}</a><br><q>{}</q>',
            minutes_url(obj.source_id, obj.source_line),
            obj.source,
            obj.source_line or "?",
            obj.source_text(),
        )


class MeetingFilter(admin.RelatedOnlyFieldListFilter):
    """The latest meetings that have rows in this list (and the one chosen), in one query.

    An archive holds thousands of meetings; listing them all made the sidebar the slowest part
    of the page. The meeting list links to each meeting's rows.
    """

    LATEST = 25

    def field_choices(self, field, request, model_admin):
        rows = model_admin.get_queryset(request).filter(**{self.field_path: OuterRef("pk")})
        latest = Meeting.objects.filter(Exists(rows)).select_related("group")[: self.LATEST]
        meetings = list(latest)
        chosen = self.lookup_val and self.lookup_val[-1]
        if chosen:
            pk = whole_number(chosen)
            if pk is None:
                # Django's own answer to a garbled filter: the whole list, flagged "?e=1".
                raise IncorrectLookupParameters(f"{chosen!r} is not a meeting's id")
            if pk not in {m.pk for m in meetings}:
                meetings += Meeting.objects.filter(pk=pk).select_related("group")
        return [(meeting.pk, str(meeting)) for meeting in meetings]


@admin.register(Group)
class GroupAdmin(RecordAdmin):
    list_display = ["code", "short_name", "name"]
    search_fields = ["code", "short_name", "name"]


class OrganisationAliasInline(admin.TabularInline):
    model = OrganisationAlias
    extra = 1


@admin.register(Organisation)
class OrganisationAdmin(RecordAdmin):
    list_display = ["name", "alias_count"]
    search_fields = ["name", "aliases__name"]
    inlines = [OrganisationAliasInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(alias_count=Count("aliases"))

    @admin.display(description="Aliases", ordering="alias_count")
    def alias_count(self, obj):
        return obj.alias_count


@admin.register(Person)
class PersonAdmin(RecordAdmin):
    list_display = ["name", "organisation"]
    list_select_related = ["organisation"]
    search_fields = ["name", "organisation__name"]
    autocomplete_fields = ["organisation"]


class AgendaSectionInline(admin.TabularInline):
    model = AgendaSection
    fields = ["position", "number", "title", "parent"]
    autocomplete_fields = ["parent"]
    extra = 0
    show_change_link = True


class ResolutionInline(admin.StackedInline):
    model = Resolution
    fields = ["text", "section", "position"]
    autocomplete_fields = ["section"]
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(SourcedAdmin):
    list_display = ["__str__", "plenary", "kind", "start_date", "end_date", "location", "records"]
    list_select_related = ["group"]
    list_filter = ["group", "kind"]
    search_fields = ["group__code", "group__short_name", "number", "plenary", "location"]
    date_hierarchy = "start_date"
    autocomplete_fields = ["group", "chair"]
    readonly_fields = ["provenance", "updated_at", "updated_by"]
    inlines = [AgendaSectionInline, ResolutionInline]
    fieldsets = [
        (None, {"fields": ["group", "number", "kind", "plenary"]}),
        ("When and where", {"fields": ["start_date", "end_date", "location", "chair"]}),
        ("Announced", {"fields": ["next_meeting"]}),
        ("Record", {"fields": ["provenance", "updated_at", "updated_by"]}),
    ]

    @admin.display(description="Its records")
    def records(self, obj):
        """Links to the meeting's handlings and actions; their lists' meeting filter offers
        only the latest meetings."""
        return format_html(
            '<a href="{}?meeting__id__exact={}">Handlings</a> · '
            '<a href="{}?meeting__id__exact={}">Actions raised</a>',
            reverse("admin:contributions_handling_changelist"),
            obj.pk,
            reverse("admin:actions_actionitem_changelist"),
            obj.pk,
        )


@admin.register(AgendaSection)
class AgendaSectionAdmin(SourcedAdmin):
    list_display = ["number", "title", "meeting", "position"]
    list_select_related = ["meeting__group"]
    list_filter = ["meeting__group"]
    search_fields = ["number", "title", "meeting__number", "meeting__group__code"]
    autocomplete_fields = ["meeting", "parent"]
    readonly_fields = ["provenance"]
    ordering = ["meeting", "position"]


@admin.register(Resolution)
class ResolutionAdmin(SourcedAdmin):
    list_display = ["__str__", "meeting", "section"]
    list_select_related = ["meeting__group", "section"]
    list_filter = ["meeting__group"]
    search_fields = ["text", "meeting__number", "meeting__group__code"]
    autocomplete_fields = ["meeting", "section"]
    readonly_fields = ["provenance", "updated_at", "updated_by"]


@admin.register(SourceFile)
class SourceFileAdmin(RecordAdmin):
    """The import history. Imported files are evidence: read, undone, never edited."""

    list_display = ["name", "meeting", "imported_at", "imported_by", "open_warnings", "state"]
    list_select_related = ["meeting__group", "imported_by"]
    list_filter = ["format", ("meeting", MeetingFilter)]
    search_fields = ["name", "sha256"]
    fields = [
        "name",
        "sha256",
        "format",
        "size",
        "meeting",
        "imported_at",
        "imported_by",
        "counts",
        "undo",
        "warnings_to_review",
        "lines",
    ]
    readonly_fields = fields
    change_list_template = "admin/meetings/sourcefile/change_list.html"

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .defer("text")
            .annotate(open_count=Count("warnings", filter=Q(warnings__state="open")))
        )

    def get_urls(self):
        def view(function):
            return self.admin_site.admin_view(partial(function, self))

        return [
            path("import/", view(admin_imports.upload_view), name="meetings_sourcefile_import"),
            path(
                "import/preview/",
                view(admin_imports.preview_view),
                name="meetings_sourcefile_preview",
            ),
            path(
                "import/confirm/",
                view(admin_imports.confirm_view),
                name="meetings_sourcefile_confirm",
            ),
            path(
                "import/cancel/", view(admin_imports.cancel_view), name="meetings_sourcefile_cancel"
            ),
            path("<int:pk>/undo/", view(admin_imports.undo_view), name="meetings_sourcefile_undo"),
            *super().get_urls(),
        ]

    def has_add_permission(self, request):
        return False  # imports go through "Import minutes", which previews them first

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # the history undo works from; "Undo this import" takes an import back

    @admin.display(description="Warnings to review", ordering="open_count")
    def open_warnings(self, obj):
        return obj.open_count

    @admin.display(description="State")
    def state(self, obj):
        return f"undone {obj.undone_at:%Y-%m-%d}" if obj.undone else "imported"

    @admin.display(description="Undo")
    def undo(self, obj):
        if obj.undone:
            return f"Undone on {obj.undone_at:%Y-%m-%d %H:%M} by {obj.undone_by or 'someone'}."
        url = reverse("admin:meetings_sourcefile_undo", args=[obj.pk])
        return format_html('<a class="button" href="{}">Undo this import…</a>', url)

    @admin.display(description="Warnings")
    def warnings_to_review(self, obj):
        url = reverse("admin:meetings_importwarning_changelist")
        return format_html(
            '<a href="{}?source__id__exact={}&amp;state__exact=open">{} to review</a>',
            url,
            obj.pk,
            obj.warnings.filter(state="open").count(),
        )

    @admin.display(description="Text as read")
    def lines(self, obj):
        """A link to the minutes page, which shows the lines a page at a time: minutes run to
        hundreds of thousands of lines, too many for one page."""
        return format_html(
            '<a href="{}">Read its {} lines</a> · <a href="{}" download>Download the text</a>',
            obj.get_absolute_url(),
            len(Lines(obj.text)),
            reverse("meetings:minutes_text", args=[obj.pk]),
        )


@admin.register(ImportWarning)
class ImportWarningAdmin(RecordAdmin):
    """The review queue: what the parser found odd, until someone has looked at it."""

    list_display = ["message", "line", "source", "meeting", "state", "reviewed_by"]
    list_select_related = ["source__meeting__group", "reviewed_by"]
    list_filter = ["state", ("source__meeting", MeetingFilter)]
    search_fields = ["message", "source__name"]
    fields = ["source", "line", "message", "in_context", "state", "reviewed_by", "reviewed_at"]
    readonly_fields = ["source", "line", "message", "in_context", "reviewed_by", "reviewed_at"]
    actions = ["mark_resolved", "mark_accepted"]

    def get_queryset(self, request):
        return super().get_queryset(request).defer("source__text")

    def has_add_permission(self, request):
        return False

    @admin.display(description="Meeting", ordering="source__meeting")
    def meeting(self, obj):
        return obj.source.meeting or "—"

    @admin.display(description="In the minutes")
    def in_context(self, obj):
        rows = format_html_join(
            "\n",
            '<tr{}><th scope="row">{}</th><td>{}</td></tr>',
            (
                (' class="selected"' if it else "", number, text)
                for number, text, it in obj.context()
            ),
        )
        return format_html('<table class="source-lines"><tbody>{}</tbody></table>', rows)

    def save_model(self, request, obj, form, change):
        obj.reviewed_by, obj.reviewed_at = request.user, timezone.now()
        super().save_model(request, obj, form, change)

    def _review(self, request, queryset, state):
        count = queryset.update(state=state, reviewed_by=request.user, reviewed_at=timezone.now())
        self.message_user(request, f"{count} warnings marked {state}.", messages.SUCCESS)

    @admin.action(description="Mark as resolved (record corrected)", permissions=["change"])
    def mark_resolved(self, request, queryset):
        self._review(request, queryset, ImportWarning.State.RESOLVED)

    @admin.action(description="Mark as accepted as they are", permissions=["change"])
    def mark_accepted(self, request, queryset):
        self._review(request, queryset, ImportWarning.State.ACCEPTED)
