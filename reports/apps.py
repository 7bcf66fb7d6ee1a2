from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports")

    def ready(self):
        # Every write through Django gives the read pages' cache a new data version.
        from reports import page_cache

        page_cache.install()
