"""The Secretariat group: every permission on the record, and nothing else."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

SECRETARIAT = "Secretariat"
RECORD_APPS = ["meetings", "contributions", "actions"]


def create_secretariat(apps, schema_editor):
    # Permissions are normally created after all migrations ran; create them now.
    for label in RECORD_APPS:
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=SECRETARIAT)
    group.permissions.add(*Permission.objects.filter(content_type__app_label__in=RECORD_APPS))


def remove_secretariat(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=SECRETARIAT).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("meetings", "0001_initial"),
        ("contributions", "0001_initial"),
        ("actions", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_secretariat, remove_secretariat)]
