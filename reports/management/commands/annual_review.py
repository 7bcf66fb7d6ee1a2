from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from programmes.models import Programme
from reports.pdf import review_html, review_pdf
from reports.review import annual_review
from reports.xlsx import review_workbook

WRITERS = {
    "html": lambda review: review_html(review).encode(),
    "pdf": review_pdf,
    "xlsx": review_workbook,
}


class Command(BaseCommand):
    help = _("Write a programme's annual implementation review for a year as HTML, PDF or Excel.")

    def add_arguments(self, parser):
        parser.add_argument("programme", help=_("programme identifier, e.g. zemgale"))
        parser.add_argument("year", type=int)
        parser.add_argument("--format", choices=sorted(WRITERS), default="pdf")
        parser.add_argument("--output", required=True, help=_("file to write"))

    def handle(self, *args, programme, year, format, output, **options):
        found = Programme.objects.select_related("region").filter(slug=programme).first()
        if found is None:
            raise CommandError(_('Unknown programme "%(slug)s".') % {"slug": programme})
        if year not in found.years:
            raise CommandError(
                _("The year must be within the programme (%(first)d–%(last)d).")
                % {"first": found.period_start, "last": found.years[-1]}
            )
        content = WRITERS[format](annual_review(found, year))
        Path(output).write_bytes(content)
        self.stdout.write(
            _("Written %(path)s (%(size)d bytes).") % {"path": output, "size": len(content)}
        )
