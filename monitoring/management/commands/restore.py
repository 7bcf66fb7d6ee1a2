import gzip
from pathlib import Path

from django.core import serializers
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils.translation import gettext as _

from monitoring.backup import backup_models, clear_backed_up_data


class Command(BaseCommand):
    help = _("Replace all data with a file written by `backup` (all or nothing).")

    def add_arguments(self, parser):
        parser.add_argument("input", help=_("file written by backup"))
        parser.add_argument(
            "--yes", action="store_true", help=_("do not ask before replacing the data")
        )

    def handle(self, *args, input, yes, **options):
        path = Path(input)
        if not path.is_file():
            raise CommandError(_("No such file: %(path)s") % {"path": input})
        if not yes and not _confirmed():
            raise CommandError(_("Nothing was changed."))
        count = 0
        with transaction.atomic():
            clear_backed_up_data(connection)
            with gzip.open(path, "rt", encoding="utf-8") as stream:
                for deserialized in serializers.deserialize("xml", stream):
                    deserialized.save()
                    count += 1
            # Restored rows keep their ids; the next new row must not collide with them.
            with connection.cursor() as cursor:
                for sql in connection.ops.sequence_reset_sql(self.style, backup_models()):
                    cursor.execute(sql)
        self.stdout.write(_("Restored %(count)d records.") % {"count": count})


def _confirmed() -> bool:
    answer = input(_("This replaces all data in the database. Type “yes” to go on: "))
    return answer.strip().lower() in {"yes", "jā"}
