import gzip
from pathlib import Path

from django.core import serializers
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.translation import gettext as _

from monitoring.backup import backup_models


class Command(BaseCommand):
    help = _(
        "Write all the app's data (programmes, reports, history, users) to a compressed XML "
        "file that `restore` reads back, on SQLite or PostgreSQL alike."
    )

    def add_arguments(self, parser):
        parser.add_argument("output", help=_("file to write, e.g. backup-2026-11-23.xml.gz"))

    def handle(self, *args, output, **options):
        count = 0
        with transaction.atomic(), gzip.open(Path(output), "wt", encoding="utf-8") as stream:
            objects = (
                obj for model in backup_models() for obj in model._default_manager.order_by("pk")
            )

            def counted():
                nonlocal count
                for obj in objects:
                    count += 1
                    yield obj

            # Permissions and content types are recreated by migrate with their own ids, so
            # references to them are written by name.
            serializers.serialize("xml", counted(), stream=stream, use_natural_foreign_keys=True)
        self.stdout.write(
            _("Wrote %(count)d records to %(path)s.") % {"count": count, "path": output}
        )
