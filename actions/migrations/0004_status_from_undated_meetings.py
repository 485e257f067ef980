from django.db import migrations, models
from django.db.models import Case, F, Min, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce, TruncDate


def refresh_current_status(apps, schema_editor):
    """The order of StatusUpdateQuerySet, as it stood here, for the actions already recorded:
    a status from an undated meeting no longer loses to one recorded between meetings."""
    ActionItem = apps.get_model("actions", "ActionItem")
    StatusUpdate = apps.get_model("actions", "StatusUpdate")
    from_here_on = (
        StatusUpdate.objects.filter(
            action=OuterRef("action"),
            meeting__group=OuterRef("meeting__group"),
            meeting__number_key__gte=OuterRef("meeting__number_key"),
        )
        .order_by()
        .values("action")
    )
    first_happened = from_here_on.annotate(
        first=Min(Coalesce("date", "meeting__start_date", TruncDate("created_at")))
    ).values("first")
    first_recorded = from_here_on.annotate(first=Min("created_at")).values("first")
    latest = (
        StatusUpdate.objects.filter(action=OuterRef("pk"))
        .alias(
            happened=Coalesce(
                "date",
                "meeting__start_date",
                Subquery(first_happened, output_field=models.DateField()),
                TruncDate("created_at"),
                output_field=models.DateField(),
            ),
            recorded=Case(
                When(
                    Q(date__isnull=True, meeting__start_date__isnull=True, meeting__isnull=False),
                    then=Subquery(first_recorded),
                ),
                default=F("created_at"),
                output_field=models.DateTimeField(),
            ),
        )
        .order_by(
            F("happened").desc(),
            F("recorded").desc(),
            F("meeting__number_key").desc(nulls_last=True),
            "-pk",
        )
    )
    ActionItem.objects.update(
        current_status=Coalesce(Subquery(latest.values("status")[:1]), Value("open"))
    )


class Migration(migrations.Migration):
    dependencies = [
        ("actions", "0003_current_status"),
        ("meetings", "0006_meeting_latest_index"),
    ]

    operations = [migrations.RunPython(refresh_current_status, migrations.RunPython.noop)]
