"""What a backup holds: every model of the app and of the parts of Django it relies on, in an
order that loads without breaking foreign keys (parents before children)."""

from django.apps import apps

# Recreated by migrate (content types, permissions) or passing state (sessions, login
# attempts, the admin's action log, the background task queue).
SKIPPED_APPS = {"contenttypes", "sessions", "admin", "axes", "django_tasks_db"}
SKIPPED_MODELS = {"auth.permission"}
# Files made again on request (the review PDFs the worker lays out): not written to a backup,
# emptied by a restore, since they may point at rows the restore removes.
CACHE_MODELS = {"reports.reviewpdf"}


def backup_models() -> list:
    from django.core.serializers import sort_dependencies

    app_list = [
        (config, None)
        for config in apps.get_app_configs()
        if any(True for _ in config.get_models())
    ]
    models = sort_dependencies(app_list, allow_cycles=True)
    return [
        m
        for m in models
        if m._meta.app_label not in SKIPPED_APPS
        and m._meta.label_lower not in SKIPPED_MODELS | CACHE_MODELS
        and not m._meta.proxy
    ]


def clear_backed_up_data(connection) -> None:
    """Delete every row a backup holds, without signals (no history rows for the deletion).

    Foreign keys are checked at commit, so the order of the deletes does not matter inside
    the restore's transaction. The table names come from the models, never from input.
    """
    tables = [apps.get_model(label)._meta.db_table for label in sorted(CACHE_MODELS)]
    for model in backup_models():
        tables.append(model._meta.db_table)
        tables.extend(
            field.remote_field.through._meta.db_table
            for field in model._meta.local_many_to_many
            if field.remote_field.through._meta.auto_created
        )
    with connection.cursor() as cursor:
        for table in reversed(tables):
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")  # noqa: S608  # nosec B608
