"""A submission as an Excel workbook: download it, upload it back, check the changes, save.

The upload saves nothing: it shows what would change and keeps the parsed data in the
session under a one-time token, tied to the submission's version. Confirming applies it with
the same service as the entry form, so a report saved by someone else meanwhile is refused.
"""

from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST, require_safe

from monitoring import access, pending, services
from monitoring.downloads import XLSX, file_response
from monitoring.models import Submission
from monitoring.workbook.reading import parse_workbook
from monitoring.workbook.upload import MAX_UPLOAD_MB, WorkbookError, check_upload
from monitoring.workbook.writing import submission_workbook
from municipalities.models import YearlyFigures

SESSION_KEY = "monitoring_workbook_uploads"

UPLOAD_HELP = _("An Excel file (.xlsx) of at most %(size)d MB.")
UPLOAD_SAVED = _("The changes from the workbook were saved.")
UPLOAD_EXPIRED = _(
    "These changes can no longer be saved: they were saved already or the check has expired. "
    "Upload the workbook again."
)
UPLOAD_CONFLICT = _(
    "Someone else saved this report after you uploaded the workbook, so nothing was changed. "
    "Upload the workbook again to compare it with the report as it is now."
)


class WorkbookUploadForm(forms.Form):
    workbook = forms.FileField(
        label=_("Filled-in workbook"),
        widget=forms.FileInput(attrs={"accept": f".xlsx,{XLSX}"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["workbook"].help_text = UPLOAD_HELP % {"size": MAX_UPLOAD_MB}

    def clean_workbook(self):
        upload = self.cleaned_data["workbook"]
        try:
            check_upload(upload)
        except WorkbookError as exc:
            raise forms.ValidationError(str(exc)) from None
        return upload


def _get_editable_submission(user, pk: int) -> Submission:
    submission = access.get_submission_for_user(user, pk)
    if not access.can_edit(user, submission):
        raise Http404
    return submission


@require_safe
@login_required
def workbook_download(request, pk):
    submission = access.get_submission_for_user(request.user, pk)
    filename = f"{submission.municipality.slug}-{submission.round.year}.xlsx"
    return file_response(submission_workbook(submission), filename, XLSX)


@login_required
def workbook_upload(request, pk):
    submission = _get_editable_submission(request.user, pk)
    if request.method != "POST":
        form = WorkbookUploadForm()
    else:
        form = WorkbookUploadForm(request.POST, request.FILES)
        if form.is_valid():
            result = parse_workbook(submission, form.cleaned_data["workbook"])
            token = None
            if result.is_valid and result.changes:
                token = _remember(request, submission, result.data)
            return render(
                request,
                "monitoring/workbook_preview.html",
                {"submission": submission, "result": result, "token": token},
                status=200 if result.is_valid else 400,
            )
    return render(
        request,
        "monitoring/workbook_upload.html",
        {"submission": submission, "form": form},
        status=400 if form.errors else 200,
    )


def _remember(request, submission: Submission, data: services.SubmissionData) -> str:
    """Keep the parsed data until it is confirmed; a newer upload replaces an older one."""
    stored = {"version": submission.version, "data": data_to_json(data)}
    return pending.keep(request.session, SESSION_KEY, ("submission", submission.pk), stored)


@require_POST
@login_required
def workbook_confirm(request, pk):
    submission = _get_editable_submission(request.user, pk)
    token = request.POST.get("token", "")
    stored = pending.take(request.session, SESSION_KEY, token, ("submission", submission.pk))
    if stored is None:
        messages.error(request, UPLOAD_EXPIRED)
        return redirect("monitoring:workbook-upload", pk=submission.pk)
    try:
        services.submission_save(
            submission=submission,
            by=request.user,
            version=stored["version"],
            data=data_from_json(stored["data"]),
        )
    except services.SubmissionConflict:
        messages.error(request, UPLOAD_CONFLICT)
        return redirect("monitoring:workbook-upload", pk=submission.pk)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("monitoring:workbook-upload", pk=submission.pk)
    messages.success(request, UPLOAD_SAVED)
    return redirect(submission)


# --- the parsed data in the session ------------------------------------------------------

_DECIMAL_KEYS = frozenset({"value", *YearlyFigures.MONEY_FIELDS})


def _plain(values: dict[str, Any]) -> dict[str, Any]:
    return {k: str(v) if isinstance(v, Decimal) else v for k, v in values.items()}


def _typed(values: dict[str, Any]) -> dict[str, Any]:
    return {k: Decimal(v) if k in _DECIMAL_KEYS and v is not None else v for k, v in values.items()}


def data_to_json(data: services.SubmissionData) -> dict[str, Any]:
    """The parsed data as JSON can hold it (decimals as text, ids as keys in text)."""
    return {
        "entries": {str(pk): _plain(v) for pk, v in data.entries.items()},
        "indicator_values": {str(pk): _plain(v) for pk, v in data.indicator_values.items()},
        "figures": None if data.figures is None else _plain(data.figures),
    }


def data_from_json(stored: dict[str, Any]) -> services.SubmissionData:
    return services.SubmissionData(
        entries={int(pk): _typed(v) for pk, v in stored["entries"].items()},
        indicator_values={int(pk): _typed(v) for pk, v in stored["indicator_values"].items()},
        figures=None if stored["figures"] is None else _typed(stored["figures"]),
    )
