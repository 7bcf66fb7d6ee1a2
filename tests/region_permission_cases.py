"""The region import's cases of tests/test_permission_effects.py, as tests/permission_cases.py
states them (`REGION_CASES`: name → (allowed users, arrange)): its upload keeps the parsed
workbook in the session and saves nothing; its confirmation saves the reports kept there."""

import io

import openpyxl
from django.urls import reverse

from monitoring import region_import_views, services, workbook_views
from monitoring.models import ProgressEntry, Submission
from monitoring.workbook.region import region_workbook
from programmes.models import ProgrammeNode
from tests.region_workbooks import as_upload, fill

TOKEN = "a-pending-import"


def _case(*args, **kwargs):
    from tests.permission_cases import Case  # which imports these cases

    return Case(*args, **kwargs)


def _upload(people, submission, client):
    book = openpyxl.load_workbook(io.BytesIO(region_workbook(submission.round)))
    fill(book, "Jelgava", "1.2", status="izpildīts")

    def done(user):
        pending = client.session.get(region_import_views.SESSION_KEY, {})
        assert [stored["round"] for stored in pending.values()] == [submission.round_id]

    return _case(
        reverse("monitoring:region-import", args=[submission.round_id]),
        {"workbook": as_upload(book)},
        done,
        status=200,  # the preview
        saves=False,  # until it is confirmed
    )


def _confirm(people, submission, client):
    node = ProgrammeNode.objects.get(programme__slug="zemgale", code="1.1")
    data = services.SubmissionData(
        entries={node.pk: {"status": "partial", "narrative": "No reģiona darbgrāmatas."}}
    )
    session = client.session
    session[region_import_views.SESSION_KEY] = {
        TOKEN: {
            "round": submission.round_id,
            "reports": [
                {
                    "submission": submission.pk,
                    "version": submission.version,
                    "data": workbook_views.data_to_json(data),
                }
            ],
        }
    }
    session.save()

    def done(user):
        after = Submission.objects.get(pk=submission.pk)
        assert (after.state, after.version, after.updated_by) == ("draft", 1, user)
        entry = ProgressEntry.objects.get(node=node, municipality=submission.municipality)
        assert entry.narrative == "No reģiona darbgrāmatas."
        record = entry.history.get()
        assert record.history_user == user and record.history_change_reason
        assert TOKEN not in client.session[region_import_views.SESSION_KEY]  # used once

    return _case(
        reverse("monitoring:region-import-confirm", args=[submission.round_id]),
        {"token": TOKEN},
        done,
    )


REGION_CASES = {
    "monitoring:region-import": ({"zemgale_coordinator"}, _upload),
    "monitoring:region-import-confirm": ({"zemgale_coordinator"}, _confirm),
}
