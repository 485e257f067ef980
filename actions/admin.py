"""The secretariat's workbench for action items and their status history."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.admin.widgets import AutocompleteSelect
from django.template.response import TemplateResponse

from meetings.admin import MeetingFilter, SourcedAdmin
from meetings.models import Meeting

from .models import OPEN_STATUSES, ActionItem, Status, StatusUpdate
from .status import record_status


class CurrentStatusFilter(admin.SimpleListFilter):
    title = "current status"
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [("any_open", "Open (any open status)"), *Status.choices]

    def queryset(self, request, queryset):
        if self.value() == "any_open":
            return queryset.filter(current_status__in=OPEN_STATUSES)
        if self.value() in Status.values:
            return queryset.filter(current_status=self.value())
        return queryset


class DuplicateReferenceFilter(admin.SimpleListFilter):
    title = "reference"
    parameter_name = "duplicate"

    def lookups(self, request, model_admin):
        return [("yes", "Used by more than one action")]

    def queryset(self, request, queryset):
        return queryset.filter(is_duplicate=True) if self.value() == "yes" else queryset


class StatusUpdateInline(admin.TabularInline):
    model = StatusUpdate
    fields = ["meeting", "status", "date", "note", "updated_by"]
    readonly_fields = ["updated_by"]
    autocomplete_fields = ["meeting"]
    extra = 0

    def get_queryset(self, request):
        # In the order that decides the current status, as the action's page shows it.
        return super().get_queryset(request).select_related("meeting__group").oldest_first()


class StatusForm(forms.Form):
    meeting = forms.ModelChoiceField(
        Meeting.objects.select_related("group"),
        required=False,
        widget=AutocompleteSelect(StatusUpdate._meta.get_field("meeting"), admin.site),
        help_text="The meeting that reviewed these actions; leave empty for an update today.",
    )
    status = forms.ChoiceField(choices=Status.choices)
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)


@admin.register(ActionItem)
class ActionItemAdmin(SourcedAdmin):
    list_display = [
        "reference_label",
        "description",
        "owners",
        "meeting",
        "current_status",
        "due_date",
    ]
    list_display_links = ["reference_label", "description"]
    list_select_related = ["meeting__group"]
    list_filter = [
        CurrentStatusFilter,
        DuplicateReferenceFilter,
        "meeting__group",
        ("meeting", MeetingFilter),
        "owner_organisations",
    ]
    search_fields = ["reference", "description", "owners"]
    autocomplete_fields = ["owner_organisations", "meeting", "section"]
    readonly_fields = ["provenance", "current_status", "updated_at", "updated_by"]
    fieldsets = [
        (None, {"fields": ["reference", "occurrence", "description"]}),
        ("Who", {"fields": ["owners", "owner_organisations"]}),
        ("Raised", {"fields": ["meeting", "section", "due_date", "current_status"]}),
        ("Record", {"fields": ["provenance", "updated_at", "updated_by"]}),
    ]
    inlines = [StatusUpdateInline]
    actions = ["close_selected", "record_status_update"]

    def get_queryset(self, request):
        return super().get_queryset(request).with_duplicate_flag()

    @admin.display(description="Reference", ordering="reference")
    def reference_label(self, obj):
        label = obj.reference or "(no reference)"
        return f"{label} — used twice" if obj.is_duplicate else label

    def _log(self, request, queryset, message):
        LogEntry.objects.log_actions(request.user.pk, queryset, CHANGE, change_message=message)

    @admin.action(description="Close selected actions", permissions=["change"])
    def close_selected(self, request, queryset):
        to_close = list(queryset.exclude(current_status=Status.CLOSED))
        count = record_status(to_close, Status.CLOSED, user=request.user)
        self._log(request, to_close, "Closed.")
        skipped = queryset.count() - count
        message = f"Closed {count} action{'s' if count != 1 else ''}."
        if skipped:
            message += f" {skipped} already closed were left as they were."
        self.message_user(request, message, messages.SUCCESS)

    @admin.action(description="Record a status update for a meeting…", permissions=["change"])
    def record_status_update(self, request, queryset):
        form = StatusForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            meeting, status = form.cleaned_data["meeting"], form.cleaned_data["status"]
            count = record_status(
                queryset, status, meeting=meeting, note=form.cleaned_data["note"], user=request.user
            )
            where = f" at {meeting}" if meeting else ""
            self._log(request, queryset, f"Status {Status(status).label}{where}.")
            self.message_user(
                request,
                f"Recorded “{Status(status).label}”{where} for {count} actions.",
                messages.SUCCESS,
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": "Record a status update",
            "opts": self.model._meta,
            "form": form,
            "selected": queryset,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "media": self.media + form.media,
        }
        return TemplateResponse(request, "admin/actions/actionitem/record_status.html", context)


@admin.register(StatusUpdate)
class StatusUpdateAdmin(SourcedAdmin):
    list_display = ["action", "status", "meeting", "date", "updated_by"]
    list_select_related = ["action", "meeting__group", "updated_by"]
    list_filter = ["status", "meeting__group"]
    search_fields = ["action__reference", "note"]
    autocomplete_fields = ["action", "meeting"]
    readonly_fields = ["provenance", "updated_at", "updated_by"]
    date_hierarchy = "date"
