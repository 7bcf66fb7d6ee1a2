"""Two third-party apps as the admin names them: in Latvian.

django-axes gives its app no name (the admin would call it "Axes") and django-tasks-db gives
a plain English one, which no catalog can translate; both name their objects in English
f-strings, which the admin shows in titles, breadcrumbs and delete pages. INSTALLED_APPS
lists these subclasses in place of the apps' own configs: the labels, tables and migrations
stay the apps' own.
"""

from axes.apps import AppConfig as AxesAppConfig
from django.utils import formats, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_tasks_db.apps import TasksAppConfig


def _when(moment) -> str:
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def _access_attempt(attempt) -> str:
    return gettext("Failed logins of %(username)s since %(time)s") % {
        "username": attempt.username,
        "time": _when(attempt.attempt_time),
    }


def _access_log(log) -> str:
    return gettext("Login of %(username)s at %(time)s") % {
        "username": log.username,
        "time": _when(log.attempt_time),
    }


def _access_failure(failure) -> str:
    values = {
        "username": failure.username,
        "time": _when(failure.attempt_time),
        "address": failure.ip_address,
    }
    if failure.locked_out:
        return gettext("Failed login of %(username)s at %(time)s from %(address)s, locked out") % (
            values
        )
    return gettext("Failed login of %(username)s at %(time)s from %(address)s") % values


def _task_result(result) -> str:
    return f"{result.task_name} ({result.id})"


class AxesConfig(AxesAppConfig):
    verbose_name = _("Login log")

    def ready(self):
        super().ready()
        from axes.models import AccessAttempt, AccessFailureLog, AccessLog

        AccessAttempt.__str__ = _access_attempt
        AccessLog.__str__ = _access_log
        AccessFailureLog.__str__ = _access_failure


class TasksDatabaseConfig(TasksAppConfig):
    verbose_name = _("Background jobs")

    def ready(self):
        super().ready()
        from django_tasks_db.models import DBTaskResult

        # Django's default would be "DBTaskResult object (…)".
        DBTaskResult.__str__ = _task_result
