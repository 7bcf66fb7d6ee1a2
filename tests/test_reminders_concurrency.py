"""`send_reminders` run on several machines at the same moment, on a real PostgreSQL (run by
`make test-postgres`): every e-mail is written once and received once. The occasion's key is
unique (two runs writing the same reminder: one insert wins, the other finds it), and each
message is claimed FOR UPDATE SKIP LOCKED, sent and marked sent in one transaction."""

import datetime
import io
import re
import threading
from collections import Counter

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from monitoring import services
from monitoring.models import Membership, Message
from programmes.models import Programme
from tests.mail_helpers import give_addresses

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db(transaction=True)]

SECONDS = 60
STAFF_PER_MUNICIPALITY = 3


def _runs_at_once(count: int, day: datetime.date) -> list:
    """`send_reminders --date day` in `count` threads released together, each on its own
    connection; returns each one's output or exception."""
    barrier = threading.Barrier(count, timeout=SECONDS)
    results: list = [None] * count

    def target(i):
        try:
            with connection.cursor() as cursor:
                cursor.execute(f"SET lock_timeout = '{SECONDS}s'")
            out = io.StringIO()
            barrier.wait()
            call_command("send_reminders", "--date", day.isoformat(), stdout=out)
            results[i] = out.getvalue()
        except Exception as exc:  # noqa: BLE001 - the test inspects every outcome
            results[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=target, args=(i,), daemon=True) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=2 * SECONDS)
    assert not any(thread.is_alive() for thread in threads), "runs still going"
    return results


@pytest.fixture
def crowded_round(published_data, people, smtp_server):
    """Zemgale's year opened while the mail server refused, so the opening e-mail of its 22
    municipalities' staff (three each, with the named ones) waits; then the server is back."""
    assert connection.vendor == "postgresql"
    give_addresses(people)
    programme = Programme.objects.get(slug="zemgale")
    User = get_user_model()
    for municipality in programme.region.municipalities.active_in_year(2015):
        for n in range(STAFF_PER_MUNICIPALITY):
            user = User.objects.create_user(
                f"{municipality.slug}-{n}", email=f"{municipality.slug}.{n}@example.lv"
            )
            Membership.objects.create(user=user, role="staff", municipality=municipality)
    smtp_server.refuse = True
    reporting_round = services.round_open(
        programme=programme,
        year=2015,
        deadline=timezone.localdate() + datetime.timedelta(days=20),
        by=people.zemgale_coordinator,
    )
    smtp_server.refuse = False
    assert Message.objects.filter(sent_at__isnull=True).count() > 22 * STAFF_PER_MUNICIPALITY
    return reporting_round


@pytest.mark.parametrize("runs", [2, 8])
def test_concurrent_runs_send_every_message_exactly_once(crowded_round, smtp_server, runs):
    day = crowded_round.deadline - datetime.timedelta(days=14)
    results = _runs_at_once(runs, day)

    errors = [r for r in results if isinstance(r, Exception)]
    assert not errors, errors[:3]
    messages = Message.objects.all()
    # Opening e-mail and 14-day reminders for every staff member, the coordinator's digest.
    staff = 22 * STAFF_PER_MUNICIPALITY + 2
    assert Counter(messages.values_list("kind", flat=True)) == {
        "round_opened": staff,
        "deadline_soon": staff,
        "digest": 1,
    }
    assert not messages.filter(sent_at__isnull=True).exists()
    # What each run says it wrote and sent adds up: no message is counted by two runs.
    written = sum(int(re.match(r"\S+: \D*(\d+)", out).group(1)) for out in results)
    sent = sum(int(re.search(r"(\d+)\D+\d+\.\s*$", out).group(1)) for out in results)
    assert written == staff + 1
    assert sent == messages.count()
    received = Counter(
        (m["X-Envelope-To"], str(m["Subject"]).strip()) for m in smtp_server.messages
    )
    assert len(smtp_server.messages) == messages.count()
    assert set(received.values()) == {1}
    assert set(received) == {(m.to, m.subject) for m in messages}
    # Another run afterwards finds nothing to do.
    assert not isinstance(_runs_at_once(1, day)[0], Exception)
    assert len(smtp_server.messages) == Message.objects.count() == messages.count()
