"""The strings that django-axes, django-import-export, django-simple-history, django-tasks and
django-tasks-db show in our admin, so that `makemessages` copies them into our catalog.

None of these apps has a Latvian translation (and Django's own has a few words of English, at
the end). Our locale/ comes first in LOCALE_PATHS, and a
catalog answers for every app, so what is translated here is what the apps' pages show. Each
msgid is spelled exactly as the app spells it (with its context, and both forms of a plural).
Nothing here is ever translated at import: gettext_noop only marks, and the lazy pgettext and
ngettext (makemessages knows no pgettext_noop or ngettext_noop) are never evaluated.

Strings the apps' code cannot translate at all are said in monitoring/third_party_admin.py
and monitoring/third_party_apps.py instead.
"""

from django.utils.translation import gettext_noop, ngettext_lazy, pgettext_lazy

AXES = [
    # the access attempts, access logs and access failures admin (axes/admin.py, models.py)
    gettext_noop("access attempt"),
    gettext_noop("access attempts"),
    gettext_noop("access attempt expiration"),
    gettext_noop("access attempt expirations"),
    gettext_noop("access failure"),
    gettext_noop("access failures"),
    gettext_noop("access log"),
    gettext_noop("access logs"),
    gettext_noop("Access Attempt"),
    gettext_noop("User Agent"),
    gettext_noop("IP Address"),
    gettext_noop("Username"),
    gettext_noop("HTTP Accept"),
    gettext_noop("Path"),
    gettext_noop("Attempt Time"),
    gettext_noop("Access lock out"),
    gettext_noop("GET Data"),
    gettext_noop("POST Data"),
    gettext_noop("Failed Logins"),
    gettext_noop("Expires At"),
    gettext_noop("The time when access attempt expires and is no longer valid."),
    gettext_noop("Logout Time"),
    gettext_noop("Session key hash (sha256)"),
    gettext_noop("Form Data"),
    gettext_noop("Meta Data"),
    gettext_noop("Locked Out"),
    gettext_noop("Yes"),
    gettext_noop("No"),
    gettext_noop("Not set"),
    gettext_noop("Attempt Remaining"),
    gettext_noop("Clean up expired attempts"),
    # axes' own lockout answer (ours is templates/registration/locked_out.html)
    gettext_noop("Account locked: too many login attempts. Please try again later."),
    gettext_noop(
        "Account locked: too many login attempts. Contact an admin to unlock your account."
    ),
    # "Cleaned up {count} expired access attempts." is formatted before it is translated:
    # monitoring/third_party_admin.py says it instead.
]

IMPORT_EXPORT = [
    # the import and export pages (import_export/admin.py, forms.py, templates)
    gettext_noop("Import"),
    gettext_noop("Export"),
    gettext_noop("Home"),
    gettext_noop("Resource"),
    gettext_noop("Format"),
    gettext_noop("File to import"),
    gettext_noop("This importer will import the following fields: "),
    gettext_noop("This exporter will export the following fields: "),
    gettext_noop("Select all"),
    gettext_noop("Submit"),
    gettext_noop(
        "Below is a preview of data to be imported. If you are satisfied with the results, "
        "click 'Confirm import'"
    ),
    gettext_noop("Confirm import"),
    gettext_noop("Errors"),
    gettext_noop("Line number"),
    gettext_noop("Some rows failed to validate"),
    gettext_noop(
        "Please correct these errors in your data where possible, then reupload it using the "
        "form above."
    ),
    gettext_noop("Row"),
    gettext_noop("Non field specific"),
    gettext_noop("Preview"),
    gettext_noop("New"),
    gettext_noop("Skipped"),
    gettext_noop("Delete"),
    gettext_noop("Update"),
    ngettext_lazy("Export %(len)s selected item.", "Export %(len)s selected items."),
    gettext_noop("Export selected %(verbose_name_plural)s"),
    # messages and errors of an import or export
    gettext_noop("Import finished: {} new, {} updated, {} deleted and {} skipped {}."),
    gettext_noop(
        "%(exc_name)s encountered while trying to read file. Ensure you have chosen the "
        "correct format for the file."
    ),
    gettext_noop(
        "No valid data to import. Ensure your file has the correct headers or data for import."
    ),
    gettext_noop('Select at least 1 field for "%(resource_name)s" to export'),
    gettext_noop("Value could not be parsed."),
    gettext_noop("export failed due to IllegalCharacterError"),
    gettext_noop("Form is not validated, call `is_valid` first"),
    gettext_noop("use_natural_foreign_keys and key_is_id cannot both be True"),
    # "The following fields are declared in 'import_id_fields' but are not present in the file
    # headers: %s" (and "… resource fields: %s") are formatted before they are translated:
    # monitoring/third_party_admin.py says the first instead; the second is a programming error.
    # The admin's log of an import: the app formats "%s through import_export" with the kind
    # of change before it asks the catalog, so these are the msgids it asks for.
    gettext_noop("new through import_export"),
    gettext_noop("update through import_export"),
    gettext_noop("delete through import_export"),
]

SIMPLE_HISTORY = [
    # the history pages (simple_history/admin.py, models.py, templates)
    gettext_noop("History"),
    gettext_noop("Home"),
    gettext_noop("View history: %s"),
    gettext_noop("Change history: %s"),
    gettext_noop("View %s"),
    gettext_noop("Revert %s"),
    gettext_noop("View %(verbose_name)s"),
    gettext_noop("Revert %(verbose_name)s"),
    gettext_noop("View on site"),
    gettext_noop(
        "Choose a date from the list below to revert to a previous version of this object."
    ),
    gettext_noop("This object doesn't have a change history."),
    gettext_noop("Press the 'Revert' button below to revert to this version of the object."),
    gettext_noop("Press the 'Change History' button below to edit the history."),
    gettext_noop("Object"),
    gettext_noop("Date/time"),
    gettext_noop("Comment"),
    gettext_noop("Changed by"),
    gettext_noop("Change reason"),
    gettext_noop("Changes"),
    gettext_noop("None"),
    ngettext_lazy("entry", "entries"),
    gettext_noop("Revert"),
    gettext_noop("Change History"),
    gettext_noop("Close"),
    # the kind of a history record
    gettext_noop("Created"),
    gettext_noop("Changed"),
    gettext_noop("Deleted"),
    gettext_noop("Deleted %(type_name)s"),
    # after a revert
    gettext_noop('The %(name)s "%(obj)s" was changed successfully.'),
    gettext_noop("You may edit it again below"),
]

DJANGO_TASKS = [
    # a task result's status (django_tasks/base.py)
    pgettext_lazy("Task", "Ready"),
    pgettext_lazy("Task", "Running"),
    pgettext_lazy("Task", "Failed"),
    pgettext_lazy("Task", "Successful"),
]

DJANGO_TASKS_DB = [
    # the task results admin (django_tasks_db/models.py)
    gettext_noop("Task Result"),
    gettext_noop("Task Results"),
    gettext_noop("status"),
    gettext_noop("enqueued at"),
    gettext_noop("started at"),
    gettext_noop("finished at"),
    gettext_noop("args kwargs"),
    gettext_noop("priority"),
    gettext_noop("task path"),
    gettext_noop("worker id"),
    gettext_noop("queue name"),
    gettext_noop("backend name"),
    gettext_noop("run after"),
    gettext_noop("return value"),
    gettext_noop("exception class path"),
    gettext_noop("traceback"),
]

DJANGO = [
    # the user's password forms: Django's Latvian says "(Single Sign-On)" in English
    gettext_noop(
        "Whether the user will be able to authenticate using a password or not. If disabled, "
        "they may still be able to authenticate using other backends, such as Single Sign-On "
        "or LDAP."
    ),
]
