from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from monitoring.demo import DEMO_PASSWORD, demo_users_create


class Command(BaseCommand):
    help = _("Create one demo user per role (for local use only).")

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help=_("Create them even in production."),
        )

    def handle(self, *args, force=False, **options):
        if not settings.LOCAL and not force:
            raise CommandError(
                _("Demo users have a published password; in production they are not created.")
            )
        created = demo_users_create()
        if created:
            self.stdout.write(
                _("Created %(users)s with the password “%(password)s”.")
                % {"users": ", ".join(created), "password": DEMO_PASSWORD}
            )
        else:
            self.stdout.write(_("The demo users already exist."))
