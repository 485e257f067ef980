"""The secretariat's workbench for contributions, revisions, decisions and relations."""

from django import forms
from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from meetings.admin import MeetingFilter, SourcedAdmin

from .models import Contribution, Handling, Relation, Revision
from .numbers import parse_number


class RelationForm(forms.ModelForm):
    """Takes the target as a typed number, since it need not be in the record yet."""

    target_number = forms.CharField(
        label="Target document",
        help_text="SEC-2014-0362 or SEC-2014-0388R02; it may be imported later.",
    )

    class Meta:
        model = Relation
        fields = ["revision", "kind"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.target_id:
            self.initial["target_number"] = self.instance.target_number

    def clean_target_number(self):
        try:
            number = str(parse_number(self.cleaned_data["target_number"]))
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None
        self.instance.target_number = number
        return number

    def clean(self):
        # Model validation skips constraints on fields outside the form, as the target is.
        cleaned = super().clean()
        revision = cleaned.get("revision")
        revision_id = revision.pk if revision else self.instance.revision_id
        if revision_id and cleaned.get("kind") and cleaned.get("target_number"):
            duplicate = Relation.objects.filter(
                revision_id=revision_id,
                kind=cleaned["kind"],
                target_id=self.instance.target_id,
                target_revision=self.instance.target_revision,
            ).exclude(pk=self.instance.pk)
            if duplicate.exists():
                raise forms.ValidationError("This relation is already recorded.")
        return cleaned


class RevisionInline(admin.TabularInline):
    model = Revision
    fields = ["revision", "number", "title"]
    readonly_fields = ["number"]
    extra = 0
    show_change_link = True


@admin.register(Contribution)
class ContributionAdmin(SourcedAdmin):
    list_display = ["number", "title", "kind", "source_list"]
    list_filter = ["group", "kind", "sources"]  # years: search "SEC-2014"
    search_fields = ["number", "title"]
    autocomplete_fields = ["sources"]
    fields = ["number", "title", "kind", "sources", "record", "provenance"]
    readonly_fields = ["record", "provenance"]
    inlines = [RevisionInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("sources")

    @admin.display(description="Sources")
    def source_list(self, obj):
        return ", ".join(organisation.name for organisation in obj.sources.all())

    @admin.display(description="Handled at meetings")
    def record(self, obj):
        """Every handling and relation of the family; each revision's page edits them."""
        if obj.pk is None:
            return "—"
        handlings = (
            Handling.objects.filter(revision__contribution=obj)
            .select_related(
                "revision", "meeting__group", "section", "presenter", "presenting_organisation"
            )
            .order_by("revision__revision", "meeting_id", "position")
        )
        rows = format_html_join(
            "\n",
            '<tr><td><a href="{}">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>',
            (
                (
                    reverse("admin:contributions_handling_change", args=[handling.pk]),
                    handling.revision.number,
                    handling.meeting,
                    handling.section or "",
                    handling.presenter or handling.presenting_organisation or "",
                    handling.get_decision_display(),
                )
                for handling in handlings
            ),
        )
        if not rows:
            return "Not handled at any meeting yet."
        return format_html(
            "<table><thead><tr><th>Revision</th><th>Meeting</th><th>Section</th>"
            "<th>Presenter</th><th>Decision</th></tr></thead><tbody>{}</tbody></table>",
            rows,
        )


class HandlingInline(admin.StackedInline):
    model = Handling
    fields = [
        ("meeting", "section", "position"),
        ("presenter", "presenting_organisation"),
        "decision",
        "notes",
    ]
    autocomplete_fields = ["meeting", "section", "presenter", "presenting_organisation"]
    extra = 0


class RelationInline(admin.TabularInline):
    model = Relation
    form = RelationForm
    fk_name = "revision"
    fields = ["kind", "target_number"]
    extra = 0


@admin.register(Revision)
class RevisionAdmin(SourcedAdmin):
    list_display = ["number", "contribution_title"]
    list_select_related = ["contribution"]
    list_filter = ["contribution__group", "handlings__decision"]
    search_fields = ["number", "title", "contribution__title"]
    autocomplete_fields = ["contribution"]
    readonly_fields = ["number", "provenance"]
    inlines = [HandlingInline, RelationInline]

    @admin.display(description="Title", ordering="contribution__title")
    def contribution_title(self, obj):
        return obj.title or obj.contribution.title


@admin.register(Handling)
class HandlingAdmin(SourcedAdmin):
    list_display = ["revision", "meeting", "section", "presented_by", "decision"]
    list_select_related = [
        "revision",
        "meeting__group",
        "section",
        "presenter",
        "presenting_organisation",
    ]
    list_filter = ["decision", "meeting__group", ("meeting", MeetingFilter)]
    search_fields = ["revision__number", "revision__contribution__title", "notes"]
    autocomplete_fields = ["revision", "meeting", "section", "presenter", "presenting_organisation"]
    readonly_fields = ["provenance", "updated_at", "updated_by"]

    @admin.display(description="Presented by")
    def presented_by(self, obj):
        return obj.presenter or obj.presenting_organisation or ""


@admin.register(Relation)
class RelationAdmin(SourcedAdmin):
    form = RelationForm
    list_display = ["revision", "kind", "target_link", "target_known"]
    list_select_related = ["revision", "target"]
    list_filter = ["kind"]
    search_fields = ["revision__number", "target__number"]
    autocomplete_fields = ["revision"]
    fields = ["revision", "kind", "target_number", "provenance"]
    readonly_fields = ["provenance"]

    @admin.display(description="Target in the record", boolean=True)
    def target_known(self, obj):
        return obj.known_target() is not None

    @admin.display(description="Target document", ordering="target")
    def target_link(self, obj):
        target = obj.known_target()
        if target is None:
            return obj.target_number
        url = reverse("admin:contributions_contribution_change", args=[target.pk])
        return format_html('<a href="{}">{}</a>', url, obj.target_number)
