import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

from meetings.roles import SECRETARIAT

USERNAME = "secretary"


class Command(BaseCommand):
    help = (
        "Create or reset the local demo's secretariat login and print it. "
        "Refuses to run unless DJANGO_DEBUG=1: a demo login has no place on a real site."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--url", default="http://127.0.0.1:8000/admin/", help="Where the admin is served."
        )

    def handle(self, *args, url, **options):
        if not settings.DEBUG:
            raise CommandError("demo_login only runs with DJANGO_DEBUG=1 (a local demo).")
        password = secrets.token_urlsafe(12)
        user, _ = get_user_model().objects.get_or_create(username=USERNAME)
        user.is_staff = True
        user.set_password(password)
        user.save()
        user.groups.add(Group.objects.get(name=SECRETARIAT))
        self.stdout.write(
            self.style.SUCCESS("Local demo login for the secretariat's admin (this machine only):")
        )
        self.stdout.write(f"  {url}\n  user: {USERNAME}\n  password: {password}")
