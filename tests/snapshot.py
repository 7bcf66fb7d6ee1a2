"""What a refused input must leave untouched, as plain values to compare before and after."""

from django.apps import apps
from django.contrib.auth import get_user_model

from monitoring.models import (
    Membership,
    ProgressEntry,
    Project,
    ReportingRound,
    Submission,
    UserSettings,
)
from municipalities.models import YearlyFigures
from programmes.models import IndicatorValue
from reports.models import PolicyResultVerdict, ReviewPdf, ReviewText, ReviewVersion

# The fields a report's data and workflow live in; ids are included so a row deleted and
# created again with the same values still counts as a change.
TABLES = {
    ProgressEntry: ("id", "node_id", "municipality_id", "year", "status", "narrative")
    + ("quantity", "planned_quantity"),
    IndicatorValue: ("id", "indicator_id", "municipality_id", "year", "value", "text"),
    YearlyFigures: ("id", "municipality_id", "year", "currency", "social_budget", "clients")
    + ("benefits_total", "benefits_gmi", "benefits_housing", "benefits_other", "recipients"),
    Project: ("id", "region_id", "municipality_id", "year", "title", "funding_source")
    + ("budget", "currency", "start", "end", "continued"),
    Submission: ("id", "state", "version", "return_comment", "extended_until")
    + ("submitted_at", "approved_at", "updated_by_id"),
    ReportingRound: ("id", "programme_id", "year", "deadline", "first_reminder", "last_reminder"),
}


def snapshot() -> dict[str, object]:
    """Every row of the report tables (as tuples of the fields above) and the number of rows
    of every history table (django-simple-history's Historical* models)."""
    rows = {
        model._meta.label: sorted(model.objects.order_by().values_list(*fields))
        for model, fields in TABLES.items()
    }
    history = {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model.__name__.startswith("Historical")
    }
    return {**rows, "history": history}


# The annual reviews' tables; the PDFs' bytes are left out (their hash and state say enough).
REVIEW_TABLES = {
    ReviewText: ("id", "programme_id", "year", "introduction", "assessment")
    + ("conclusions", "next_steps"),
    PolicyResultVerdict: ("id", "policy_result_id", "year", "text"),
    ReviewVersion: ("id", "programme_id", "year", "created_by_id", "sha256", "incomplete")
    + ("decision_date", "decision_number", "decision_wording", "decision_recorded_by_id"),
    ReviewPdf: ("id", "programme_id", "year", "html_sha256", "requested_at", "finished_at")
    + ("error", "finalise_by_id"),
}


# The accounts: who may log in, with which address and password, their roles (their history
# is counted by `snapshot()`) and settings. Not the last login, which logging in changes.
ACCOUNT_TABLES = {
    get_user_model(): ("id", "username", "email", "first_name", "last_name", "is_active")
    + ("is_staff", "is_superuser", "password"),
    Membership: ("id", "user_id", "role", "region_id", "municipality_id"),
    UserSettings: ("id", "user_id", "language", "daily_digest"),
}


def snapshot_with_reviews() -> dict[str, object]:
    """`snapshot()`, the annual reviews' rows (the coordinator's texts and verdicts, the PDFs
    asked for without their bytes, the final versions) and the accounts."""
    rows = {
        model._meta.label: sorted(model.objects.order_by().values_list(*fields))
        for model, fields in {**REVIEW_TABLES, **ACCOUNT_TABLES}.items()
    }
    return {**snapshot(), **rows}
