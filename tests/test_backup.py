"""A backup and its restore give back exactly the data there was."""

import datetime
import gzip

import pytest
from django.core.management import call_command
from django.utils import timezone

from monitoring import services
from monitoring.backup import backup_models
from monitoring.models import ProgressEntry, Submission
from programmes.models import Programme
from reports.models import ReviewPdf

pytestmark = pytest.mark.django_db


def _everything():
    return {
        model._meta.label: list(model._default_manager.order_by("pk").values_list())
        for model in backup_models()
    }


def test_a_round_trip_restores_identical_data(tmp_path, people):
    programme = Programme.objects.get(slug="zemgale")
    reporting_round = services.round_open(
        programme=programme,
        year=2015,
        deadline=timezone.localdate() + datetime.timedelta(days=5),
        by=people.zemgale_coordinator,
    )
    submission = reporting_round.submissions.get(municipality=people.jelgava)
    node = services.reportable_nodes(programme)[0]
    services.submission_save(
        submission=submission,
        by=people.jelgava_staff,
        version=0,
        data=services.SubmissionData(
            entries={node.pk: {"status": "partial", "narrative": "Ā č ē."}}
        ),
    )
    ReviewPdf.objects.create(
        programme=programme,
        year=2014,
        html_sha256="a" * 64,
        requested_at=timezone.now(),
        finished_at=timezone.now(),
        pdf=b"%PDF",
    )
    before = _everything()
    backup = tmp_path / "backup.xml.gz"
    call_command("backup", str(backup))
    assert b"reports.reviewpdf" not in gzip.decompress(backup.read_bytes())

    ProgressEntry.objects.filter(year=2015).delete()
    Submission.objects.filter(pk=submission.pk).update(state="approved")
    call_command("restore", str(backup), "--yes")

    assert _everything() == before
    assert not ReviewPdf.objects.exists()  # kept PDFs are made again on request
    # New rows after a restore get fresh ids.
    entry = ProgressEntry.objects.create(
        node=node, municipality=people.dobele, year=2015, status="partial"
    )
    assert entry.pk > max(pk for pk, *_ in before["monitoring.ProgressEntry"])


def test_restore_refuses_a_missing_file():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("restore", "/nonexistent/backup.xml.gz", "--yes")
