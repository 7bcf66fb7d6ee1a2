"""Many people at once on the same reports, on a real PostgreSQL (run by `make test-postgres`;
SQLite serialises writers, so this module is left out of the SQLite run)."""

import datetime
import threading

import pytest
from django.db import connection
from django.utils import timezone

from monitoring import services
from monitoring.models import ProgressEntry, Submission
from programmes.models import Programme

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db(transaction=True)]

WORKERS = 50


def _run_at_once(work, count=WORKERS):
    """Run work(i) in `count` threads released together; returns each result or exception."""
    barrier = threading.Barrier(count)
    results = [None] * count

    def target(i):
        try:
            barrier.wait()
            results[i] = work(i)
        except Exception as exc:  # noqa: BLE001 - the test inspects every outcome
            results[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=target, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


@pytest.fixture
def open_report(published_data, people):
    assert connection.vendor == "postgresql"
    programme = Programme.objects.get(slug="zemgale")
    reporting_round = services.round_open(
        programme=programme,
        year=2015,
        deadline=timezone.localdate() + datetime.timedelta(days=5),
        by=people.zemgale_coordinator,
    )
    submission = reporting_round.submissions.get(municipality=people.jelgava)
    return submission, services.reportable_nodes(programme)


def test_concurrent_saves_lose_nothing_and_every_conflict_is_reported(open_report, people):
    submission, nodes = open_report
    first = nodes[0]

    def save_until_saved(i):
        conflicts = 0
        while True:
            current = Submission.objects.get(pk=submission.pk)
            try:
                services.submission_save(
                    submission=current,
                    by=people.jelgava_staff,
                    version=current.version,
                    data=services.SubmissionData(
                        entries={first.pk: {"status": "partial", "narrative": f"Versija {i}."}}
                    ),
                )
                return conflicts
            except services.SubmissionConflict:
                conflicts += 1

    results = _run_at_once(save_until_saved)
    errors = [r for r in results if isinstance(r, Exception)]
    assert not errors, errors
    final = Submission.objects.get(pk=submission.pk)
    assert final.version == WORKERS  # every save went through exactly once
    assert sum(results) > 0  # and the losers of each race were told
    entry = ProgressEntry.objects.get(node=first, municipality=people.jelgava, year=2015)
    texts = {h.narrative for h in entry.history.all()}
    assert texts == {f"Versija {i}." for i in range(WORKERS)}  # no save was lost
    assert entry.history.count() == WORKERS


def test_stale_saves_are_refused_not_applied(open_report, people):
    submission, nodes = open_report

    def save_once(i):
        return services.submission_save(
            submission=submission,
            by=people.jelgava_staff,
            version=0,
            data=services.SubmissionData(entries={nodes[1].pk: {"narrative": f"Teksts {i}."}}),
        )

    results = _run_at_once(save_once)
    saved = [r for r in results if isinstance(r, Submission)]
    conflicts = [r for r in results if isinstance(r, services.SubmissionConflict)]
    assert len(saved) == 1 and len(conflicts) == WORKERS - 1
    entry = ProgressEntry.objects.get(node=nodes[1], municipality=people.jelgava, year=2015)
    assert entry.history.count() == 1
    assert Submission.objects.get(pk=submission.pk).version == 1


def test_concurrent_transitions_have_one_winner(open_report, people):
    submission, nodes = open_report
    data = services.SubmissionData(entries={n.pk: {"status": "implemented"} for n in nodes})
    saved = services.submission_save(
        submission=submission, by=people.jelgava_staff, version=0, data=data
    )
    submitted = services.submission_submit(submission=saved, by=people.jelgava_staff)

    def decide(i):
        current = Submission.objects.get(pk=submitted.pk)
        if i % 2:
            return services.submission_approve(submission=current, by=people.zemgale_coordinator)
        return services.submission_return(
            submission=current, by=people.zemgale_coordinator, comment=f"Labot {i}."
        )

    results = _run_at_once(decide)
    winners = [r for r in results if isinstance(r, Submission)]
    refused = [r for r in results if isinstance(r, services.InvalidTransition)]
    assert len(winners) == 1 and len(refused) == WORKERS - 1
    final = Submission.objects.get(pk=submitted.pk)
    assert final.state == winners[0].state
    assert final.history.filter(state__in=["approved", "returned"]).count() == 1
