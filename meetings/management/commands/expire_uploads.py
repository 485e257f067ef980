from django.conf import settings
from django.core.management.base import BaseCommand

from meetings.uploads import expire_uploads


class Command(BaseCommand):
    help = (
        "Remove uploaded minutes that were neither confirmed nor cancelled within "
        "PLENARY_UPLOAD_HOURS, with their files. Run it from cron; each new upload does it too."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="List what would be removed; remove nothing."
        )

    def handle(self, *args, dry_run, verbosity, **options):
        expired = expire_uploads(dry_run=dry_run)
        if verbosity >= 2:
            for name in expired.uploads:
                self.stdout.write(f"upload: {name}")
            for name in expired.files:
                self.stdout.write(f"file: {name}")
        if verbosity >= 1:
            verb = "Would remove" if dry_run else "Removed"
            self.stdout.write(
                self.style.SUCCESS(
                    f"{verb} {len(expired.uploads)} upload(s) and {len(expired.files)} file(s) "
                    f"waiting over {settings.MINUTES_UPLOAD_HOURS} hours."
                )
            )
