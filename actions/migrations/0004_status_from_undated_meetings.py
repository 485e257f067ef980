from django.db import migrations, models
from django.db.models import Case, F, Min, OuterRef, Q, Subquery, Value, ValueRange, When, Window
from django.db.models.functions import Coalesce, TruncDate


def refresh_current_status(apps, schema_editor):
    """The order of StatusUpdateQuerySet, as it stood here, for the actions already recorded:
    a status from an undated meeting no longer loses to one recorded between meetings."""
    ActionItem = apps.get_model("actions", "ActionItem")
    StatusUpdate = apps.get_model("actions", "StatusUpdate")
    undated_meeting = Q(date__isnull=True, meeting__start_date__isnull=True, meeting__isnull=False)
    moment = Coalesce(
        "date", "meeting__start_date", TruncDate("created_at"), output_field=models.DateField()
    )

    def from_here_on(aggregate):
        return Window(
            aggregate,
            partition_by=[F("action"), F("meeting__group")],
            order_by=F("meeting__number_key").desc(),
            frame=ValueRange(start=None, end=0),
        )

    latest = (
        StatusUpdate.objects.filter(action=OuterRef("pk"))
        .alias(
            happened=Case(
                When(undated_meeting, then=from_here_on(Min(moment))),
                default=moment,
                output_field=models.DateField(),
            ),
            recorded=Case(
                When(undated_meeting, then=from_here_on(Min("created_at"))),
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
