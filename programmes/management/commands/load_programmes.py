from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from programmes.fixture_loader import FixtureError, programmes_load


class Command(BaseCommand):
    help = _(
        "Load the planning regions, municipalities and the three programmes with their published "
        "data from fixtures/. Running it again changes nothing."
    )

    def handle(self, *args, **options):
        try:
            report = programmes_load()
        except FixtureError as exc:
            raise CommandError(_("Nothing was loaded: %(error)s") % {"error": exc}) from exc
        for label in sorted(set(report.created) | set(report.updated) | set(report.unchanged)):
            self.stdout.write(
                _("%(label)s: %(created)d new, %(updated)d updated, %(unchanged)d unchanged")
                % {
                    "label": label,
                    "created": report.created[label],
                    "updated": report.updated[label],
                    "unchanged": report.unchanged[label],
                }
            )
        self.stdout.write(
            self.style.SUCCESS(_("Done: %(count)d changes.") % {"count": report.changed})
        )
