from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "monitoring"
    verbose_name = _("Yearly monitoring")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from monitoring.middleware import language_on_login

        user_logged_in.connect(language_on_login, dispatch_uid="monitoring-language-on-login")
