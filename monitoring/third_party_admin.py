"""The admin of apps we do not own, saying in Latvian what their code cannot.

- django-axes writes its clean-up message as an f-string inside gettext (the catalog is asked
  for "Cleaned up 3 expired…", which it cannot hold), glues a number to "Attempt Remaining" and
  leaves two columns to be titled from their method names ("Status", "Expiration"); its
  clean-up action also fails outright in the admin.
- django-tasks-db titles three columns with plain English strings.
- django-import-export labels the export's columns by their keys, title-cased in English
  ("Planned Quantity"); its import preview writes an empty cell as "None", and it words a
  file without a key column before translating it, under a Python traceback.
- django-simple-history shows a change as the values are stored ("partial → implemented",
  "None → 2"), and a missing change reason as "None".
- Django writes permission names into the database in English when it migrates ("Can add
  log entry"; simple-history's models as "historical …"), and glues an English warning to the
  password form's help text.

These subclasses say the same through gettext; monitoring/admin.py uses the history, export
and import ones. The apps' translatable strings are in monitoring/third_party_messages.py.
"""

from axes.admin import AccessAttemptAdmin
from axes.conf import settings as axes_settings
from axes.handlers.proxy import AxesProxyHandler
from axes.models import AccessAttempt
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm, SetUnusablePasswordMixin
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.text import capfirst, format_lazy
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django_tasks_db.admin import DBTaskResultAdmin
from django_tasks_db.models import DBTaskResult
from import_export.forms import SelectableFieldsExportForm
from import_export.resources import Diff
from import_export.results import Error
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper


class AccessAttemptLatvianAdmin(AccessAttemptAdmin):
    @admin.action(description=_("Clean up expired attempts"))
    def cleanup_expired_attempts(self, request, queryset):
        # axes reckons from the attempt time it sets on a login's request only.
        AxesProxyHandler.update_request(request)
        count = self.handler.clean_expired_user_attempts(request=request)
        self.message_user(
            request,
            ngettext(
                "Cleaned up %(count)d expired access attempt.",
                "Cleaned up %(count)d expired access attempts.",
                count,
            )
            % {"count": count},
        )

    @admin.display(description=_("Expires At"))
    def expiration(self, obj):
        return super().expiration(obj)

    @admin.display(description=_("status"))
    def status(self, obj):
        remaining = axes_settings.AXES_FAILURE_LIMIT - obj.failures_since_start
        if remaining <= 0:
            return _("Locked Out")
        return ngettext(
            "%(count)d attempt remaining", "%(count)d attempts remaining", remaining
        ) % {"count": remaining}


class DBTaskResultLatvianAdmin(DBTaskResultAdmin):
    @admin.display(description=_("background job"))
    def task_name(self, obj):
        return obj.task_name

    @admin.display(description=_("traceback"))
    def formatted_traceback(self, obj):
        return super().formatted_traceback(obj)

    @admin.display(description=_("run after"))
    def display_run_after(self, obj):
        return super().display_run_after(obj)


class HistoryContext(HistoricalRecordContextHelper):
    """A change's values as the admin shows them: a choice by its label, nothing as "-"."""

    def __init__(self, *args, empty, **kwargs):
        super().__init__(*args, **kwargs)
        self.empty = empty

    def prepare_delta_change_value(self, change, value):
        value = super().prepare_delta_change_value(change, value)
        if value is None:
            return self.empty
        choices = dict(self.model._meta.get_field(change.field).flatchoices)
        return choices.get(value, value) if choices and not isinstance(value, list) else value


class HistoryAdmin(SimpleHistoryAdmin):
    def get_historical_record_context_helper(self, request, historical_record):
        return HistoryContext(self.model, historical_record, empty=self.get_empty_value_display())

    def set_history_delta_changes(self, request, historical_records, **kwargs):
        super().set_history_delta_changes(request, historical_records, **kwargs)
        for record in historical_records:
            if record.history_change_reason is None:
                record.history_change_reason = ""  # not shown as "None"


def _verbose_name(model, attribute: str, column: str):
    """The verbose name of the field the column is named after, on the attribute's way."""
    for name in attribute.split("__"):
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:  # a property, say
            return None
        if name == column:
            return field.verbose_name
        if not field.is_relation:
            return None
        model = field.related_model
    return None


class LabelledExportForm(SelectableFieldsExportForm):
    """The export's columns as the model names them, the file's key beside each."""

    def _get_field_label(self, resource, field_name):
        field = resource.fields.get(field_name)
        label = (
            field
            and field.attribute
            and _verbose_name(resource._meta.model, field.attribute, field_name)
        )
        if not label:
            return super()._get_field_label(resource, field_name)
        return format_html("{} (<code>{}</code>)", capfirst(label), field.column_name)


class _EmptyCellsDiff(Diff):
    def as_html(self):
        self.left = ["" if value is None else value for value in self.left]
        self.right = ["" if value is None else value for value in self.right]
        return super().as_html()


class MissingColumns(Exception):
    """The file lacks a column that says which entry a row is: the person's mistake, said
    without the traceback import-export shows under an error."""


class _Error(Error):
    @cached_property
    def traceback(self):
        return "" if isinstance(self.error, MissingColumns) else super().traceback


class ImportPageResource:
    """For a resource of the admin's import page: the preview shows an empty cell empty (not
    "None"), and a file without a key column is told so in Latvian (import-export formats
    its own message before translating it)."""

    def get_diff_class(self):
        return _EmptyCellsDiff

    def get_error_result_class(self):
        return _Error

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        keys = [self.fields[name].column_name for name in self.get_import_id_fields()]
        missing = [key for key in keys if key not in (dataset.headers or ())]
        if missing:
            raise MissingColumns(
                ngettext(
                    "The file has no column %(columns)s.",
                    "The file has no columns %(columns)s.",
                    len(missing),
                )
                % {"columns": ", ".join(missing)}
            )


PERMISSION_ACTIONS = {
    "add": _("Can add %(model)s"),
    "change": _("Can change %(model)s"),
    "delete": _("Can delete %(model)s"),
    "view": _("Can view %(model)s"),
}


def permission_label(permission) -> str:
    """Like "Ikgadējā uzraudzība | pārskats | Var labot: pārskats", in the page's language."""
    # Cached by id: no query per permission.
    model = ContentType.objects.get_for_id(permission.content_type_id).model_class()
    if model is None:
        return str(permission)
    history_of = getattr(model, "instance_type", None)  # simple-history's model of a model
    if history_of is not None:
        name = gettext("%(model)s (history)") % {"model": history_of._meta.verbose_name}
    else:
        name = str(model._meta.verbose_name)
    action, _underscore, model_name = permission.codename.partition("_")
    if action in PERMISSION_ACTIONS and model_name == model._meta.model_name:
        text = PERMISSION_ACTIONS[action] % {"model": name}
    else:
        text = permission.name  # a permission of the model's own, named as written
    return f"{apps.get_app_config(model._meta.app_label).verbose_name} | {name} | {text}"


class PermissionLabels:
    def formfield_for_manytomany(self, db_field, request=None, **kwargs):
        field = super().formfield_for_manytomany(db_field, request=request, **kwargs)
        if field is not None and db_field.name in {"permissions", "user_permissions"}:
            field.label_from_instance = permission_label
        return field


class AdminPasswordChangeLatvianForm(AdminPasswordChangeForm):
    usable_password_help_text = format_lazy(
        '{}<ul id="id_unusable_warning" class="messagelist"><li class="warning">{}</li></ul>',
        SetUnusablePasswordMixin.usable_password_help_text,
        _("If disabled, the current password for this user will be lost."),
    )


class UserLatvianAdmin(PermissionLabels, UserAdmin):
    change_password_form = AdminPasswordChangeLatvianForm


class GroupLatvianAdmin(PermissionLabels, GroupAdmin):
    pass


for model, model_admin in [
    (AccessAttempt, AccessAttemptLatvianAdmin),
    (DBTaskResult, DBTaskResultLatvianAdmin),
    (User, UserLatvianAdmin),
    (Group, GroupLatvianAdmin),
]:
    # Registered by the apps' own admin modules (imported above), unless switched off.
    if admin.site.is_registered(model):
        admin.site.unregister(model)
        admin.site.register(model, model_admin)
