"""`manage.py clear_page_cache`: after data was changed outside Django (psql, a restored dump
copied in by hand), the read pages are computed afresh (reports/page_cache.py)."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from reports import page_cache


class Command(BaseCommand):
    help = _("Make every read page computed afresh (after a change made outside Django).")

    def handle(self, *args, **options):
        page_cache.data_changed()
        self.stdout.write(_("The read pages will be computed afresh."))
