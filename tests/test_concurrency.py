"""Many people at once on the same reports, on a real PostgreSQL (run by `make test-postgres`;
SQLite serialises writers, so this module is left out of the SQLite run).

Every wait is bounded (the barrier, each thread's attempts and deadline, the database's lock
waits, the joins), and every assertion is an invariant that holds for any interleaving of the
threads: which thread wins a race is up to the scheduler, how many win and what the data then
holds is not.
"""

import datetime
import threading
import time
from collections.abc import Callable

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.utils import timezone

from monitoring import services
from monitoring.models import ProgressEntry, Submission
from programmes.models import Programme

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db(transaction=True)]

WORKERS = 50
# Far more than any of these tests takes; reaching one means something hangs.
SECONDS = 60


class GaveUp(Exception):
    """A thread ran out of attempts or time without saving."""


def _run_at_once(work: Callable, *, before: Callable | None = None, count: int = WORKERS):
    """Run work(i, prepared) in `count` threads released together, `prepared` being what
    before(i) returned ahead of the release; returns each result or exception."""
    barrier = threading.Barrier(count, timeout=SECONDS)
    results: list[object] = [None] * count

    def target(i):
        try:
            with connection.cursor() as cursor:  # a lock waited for too long fails the test
                cursor.execute(f"SET lock_timeout = '{SECONDS}s'")
            prepared = before(i) if before else None
            barrier.wait()
            results[i] = work(i, prepared)
        except Exception as exc:  # noqa: BLE001 - the test inspects every outcome
            results[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=target, args=(i,), daemon=True) for i in range(count)]
    for thread in threads:
        thread.start()
    until = time.monotonic() + 2 * SECONDS
    for thread in threads:
        thread.join(timeout=max(0, until - time.monotonic()))
    assert not any(thread.is_alive() for thread in threads), "threads still running"
    return results


def _jelgava_staff(people):
    """The user as a thread's own object (roles are cached on it)."""
    return get_user_model().objects.get(pk=people.jelgava_staff.pk)


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
    history_before = submission.history.count()

    def read(i):
        return Submission.objects.get(pk=submission.pk)

    def save_until_saved(i, current):
        """Save, reloading after each conflict. A conflict means another thread saved in
        between, and each of the others saves once: so WORKERS attempts are always enough."""
        by = _jelgava_staff(people)
        deadline = time.monotonic() + SECONDS
        conflicts = []
        for _attempt in range(WORKERS):
            try:
                saved = services.submission_save(
                    submission=current,
                    by=by,
                    version=current.version,
                    data=services.SubmissionData(
                        entries={first.pk: {"status": "partial", "narrative": f"Versija {i}."}}
                    ),
                )
            except services.SubmissionConflict as conflict:
                conflicts.append((current.version, conflict.submission.version))
            else:
                return saved.version, conflicts
            if time.monotonic() > deadline:
                break
            current = Submission.objects.get(pk=submission.pk)
        raise GaveUp(conflicts)

    # Every thread reads version 0 before any is released, so exactly one first attempt
    # lands and the other WORKERS - 1 are told of the conflict, whatever the order.
    results = _run_at_once(save_until_saved, before=read)

    errors = [r for r in results if isinstance(r, Exception)]
    assert not errors, errors[:3]
    versions = sorted(version for version, _conflicts in results)
    conflicts = [c for _version, thread_conflicts in results for c in thread_conflicts]
    # Each save landed once, at its own version: 1, 2, … WORKERS.
    assert versions == list(range(1, WORKERS + 1))
    # Each conflict was reported against a newer version than the one tried, and so was
    # caused by some other thread's save.
    assert all(tried < current for tried, current in conflicts)
    # Every first attempt but the one that made version 1 was refused; a thread that saved at
    # version v was refused at most v - 1 times (once per save before its own, at most).
    assert sum(1 for _v, thread_conflicts in results if thread_conflicts) == WORKERS - 1
    assert all(len(thread_conflicts) < version for version, thread_conflicts in results)

    final = Submission.objects.get(pk=submission.pk)
    assert final.version == WORKERS
    assert final.history.count() == history_before + WORKERS
    entry = ProgressEntry.objects.get(node=first, municipality=people.jelgava, year=2015)
    assert entry.history.count() == WORKERS  # one row per save
    texts = {h.narrative for h in entry.history.all()}
    assert texts == {f"Versija {i}." for i in range(WORKERS)}  # no save was lost
    last = next(i for i, (version, _c) in enumerate(results) if version == WORKERS)
    assert entry.narrative == f"Versija {last}."  # the last save is what the report holds


def test_stale_saves_are_refused_not_applied(open_report, people):
    submission, nodes = open_report

    def save_once(i, _prepared):
        return services.submission_save(
            submission=Submission.objects.get(pk=submission.pk),
            by=_jelgava_staff(people),
            version=0,
            data=services.SubmissionData(entries={nodes[1].pk: {"narrative": f"Teksts {i}."}}),
        )

    results = _run_at_once(save_once)

    saved = [i for i, r in enumerate(results) if isinstance(r, Submission)]
    conflicts = [r for r in results if isinstance(r, services.SubmissionConflict)]
    assert len(saved) == 1 and len(conflicts) == WORKERS - 1, results[:3]
    assert all(conflict.submission.version == 1 for conflict in conflicts)
    entry = ProgressEntry.objects.get(node=nodes[1], municipality=people.jelgava, year=2015)
    assert entry.narrative == f"Teksts {saved[0]}."
    assert entry.history.count() == 1
    assert Submission.objects.get(pk=submission.pk).version == 1


def test_concurrent_transitions_have_one_winner(open_report, people):
    submission, nodes = open_report
    data = services.SubmissionData(entries={n.pk: {"status": "implemented"} for n in nodes})
    saved = services.submission_save(
        submission=submission, by=people.jelgava_staff, version=0, data=data
    )
    submitted = services.submission_submit(submission=saved, by=people.jelgava_staff)
    history_before = submitted.history.count()

    def decide(i, _prepared):
        current = Submission.objects.get(pk=submitted.pk)
        by = get_user_model().objects.get(pk=people.zemgale_coordinator.pk)
        if i % 2:
            return services.submission_approve(submission=current, by=by)
        return services.submission_return(submission=current, by=by, comment=f"Labot {i}.")

    results = _run_at_once(decide)

    winners = [i for i, r in enumerate(results) if isinstance(r, Submission)]
    refused = [r for r in results if isinstance(r, services.InvalidTransition)]
    assert len(winners) == 1 and len(refused) == WORKERS - 1, results[:3]
    winner = winners[0]
    final = Submission.objects.get(pk=submitted.pk)
    assert final.version == submitted.version + 1
    if winner % 2:
        assert (final.state, final.return_comment) == (Submission.State.APPROVED, "")
    else:
        assert (final.state, final.return_comment) == (
            Submission.State.RETURNED,
            f"Labot {winner}.",
        )
    assert final.history.count() == history_before + 1
    assert final.history.filter(state__in=["approved", "returned"]).count() == 1
