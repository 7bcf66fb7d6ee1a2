"""A reporting year's entries as one Excel workbook, for the region's coordinator: download
every municipality's entries, fill them in, upload, check the changes, import.

The upload saves nothing: it shows per report what would change (monitoring/workbook/region.py)
and keeps the parsed data in the session under a one-time token, with each report's version.
Confirming saves all the reports or none (services.submissions_save), through the service of
the entry form, so a report saved by someone else meanwhile stops the import and is named.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST, require_safe

from monitoring import access, pending, services
from monitoring.downloads import XLSX, file_response
from monitoring.models import ReportingRound
from monitoring.workbook.region import parse_region_workbook, region_workbook
from monitoring.workbook_views import WorkbookUploadForm, data_from_json, data_to_json

SESSION_KEY = "monitoring_region_imports"

IMPORT_EXPIRED = _(
    "This import can no longer be saved: it was saved already or the check has expired. "
    "Upload the workbook again."
)
IMPORT_CONFLICT = _(
    "Nothing was imported: someone else saved these reports after you uploaded the workbook: "
    "%(names)s. Upload the workbook again to compare it with the reports as they are now."
)
IMPORT_LOCKED = _(
    "Nothing was imported: these reports can no longer be changed: %(names)s. "
    "Upload the workbook again to see which rows to leave as they are."
)
# Kept on the history of every entry the import writes.
IMPORT_REASON = _("Imported from the region workbook of %(round)s")


def _get_coordinated_round(user, pk: int) -> ReportingRound:
    """The year, for its region's coordinator; 404 for anyone else, as its other actions."""
    reporting_round = access.get_round_for_user(user, pk)
    if not access.can_coordinate(user, reporting_round.programme.region_id):
        raise Http404
    return reporting_round


def _names(submissions) -> str:
    return ", ".join(submission.municipality.name for submission in submissions)


@require_safe
@login_required
def region_workbook_download(request, pk):
    reporting_round = _get_coordinated_round(request.user, pk)
    filename = f"{reporting_round.programme.slug}-{reporting_round.year}-ieraksti.xlsx"
    return file_response(region_workbook(reporting_round), filename, XLSX)


@login_required
def region_import(request, pk):
    reporting_round = _get_coordinated_round(request.user, pk)
    if request.method != "POST":
        form = WorkbookUploadForm()
    else:
        form = WorkbookUploadForm(request.POST, request.FILES)
        if form.is_valid():
            result = parse_region_workbook(
                reporting_round, form.cleaned_data["workbook"], by=request.user
            )
            token = _remember(request, reporting_round, result) if result.reports else None
            return render(
                request,
                "monitoring/region_import_preview.html",
                {"round": reporting_round, "result": result, "token": token},
                status=200 if result.is_valid else 400,
            )
    return render(
        request,
        "monitoring/region_import_upload.html",
        {"round": reporting_round, "form": form},
        status=400 if form.errors else 200,
    )


def _remember(request, reporting_round: ReportingRound, result) -> str:
    """Keep the parsed data until it is confirmed; a newer upload replaces an older one."""
    stored = {
        "reports": [
            {
                "submission": report.submission.pk,
                "version": report.submission.version,
                "data": data_to_json(services.SubmissionData(entries=report.entries)),
            }
            for report in result.reports
        ],
    }
    return pending.keep(request.session, SESSION_KEY, ("round", reporting_round.pk), stored)


@require_POST
@login_required
def region_import_confirm(request, pk):
    reporting_round = _get_coordinated_round(request.user, pk)
    token = request.POST.get("token", "")
    stored = pending.take(request.session, SESSION_KEY, token, ("round", reporting_round.pk))
    if stored is None:
        messages.error(request, IMPORT_EXPIRED)
        return redirect("monitoring:region-import", pk=reporting_round.pk)
    reports = stored["reports"]
    submissions = reporting_round.submissions.select_related("municipality").in_bulk(
        [report["submission"] for report in reports]
    )
    if len(submissions) != len(reports):
        messages.error(request, IMPORT_EXPIRED)
        return redirect("monitoring:region-import", pk=reporting_round.pk)
    saves = []
    for report in reports:
        submission = submissions[report["submission"]]
        submission.round = reporting_round
        saves.append((submission, report["version"], data_from_json(report["data"])))
    # A report saved meanwhile is the service's to find, under its lock; one that is as it
    # was but no longer open (its deadline passed) is told here.
    locked = [s for s, version, _data in saves if s.version == version]
    locked = [s for s in locked if not access.can_edit(request.user, s)]
    if locked:
        messages.error(request, IMPORT_LOCKED % {"names": _names(locked)})
        return redirect("monitoring:region-import", pk=reporting_round.pk)
    with translation.override(settings.LANGUAGE_CODE):  # history is in the site's language
        reason = str(IMPORT_REASON % {"round": reporting_round})
    try:
        saved = services.submissions_save(saves=saves, by=request.user, reason=reason)
    except services.SubmissionsConflict as exc:
        messages.error(request, IMPORT_CONFLICT % {"names": _names(exc.submissions)})
        return redirect("monitoring:region-import", pk=reporting_round.pk)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("monitoring:region-import", pk=reporting_round.pk)
    messages.success(
        request,
        ngettext(
            "The import changed %(count)d report: %(names)s.",
            "The import changed %(count)d reports: %(names)s.",
            len(saved),
        )
        % {"count": len(saved), "names": _names(saved)},
    )
    return redirect(reporting_round)
