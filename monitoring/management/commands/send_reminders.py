import argparse
import datetime
from collections import Counter

from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from monitoring import mail, notices
from monitoring.models import Message


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("Give the date as YYYY-MM-DD, e.g. 2015-03-01.")
        ) from None


def _deliver(batch: int = 500) -> tuple[int, int]:
    """Send everything due, a batch at a time; (sent, refused in the last batch: the refused
    ones are the oldest, so each batch tries them again first)."""
    sent = 0
    while True:
        batch_sent, refused = mail.deliver_due(limit=batch)
        sent += batch_sent
        if batch_sent == 0 or batch_sent + refused < batch:
            return sent, refused


class Command(BaseCommand):
    help = _(
        "Write the deadline reminders, deadline-passed notices and daily digests due today, "
        "then send every e-mail not sent yet. Run it once a day: a second run, or one on "
        "another machine at the same moment, sends nothing twice."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--date",
            type=_date,
            help=_("the day to decide for, e.g. 2015-03-01 (default: today)"),
        )

    def handle(self, *args, date=None, **options):
        today = date or timezone.localdate()
        written = notices.due_reminders(today)
        self.stdout.write(
            ngettext(
                "%(date)s: %(count)d e-mail written.",
                "%(date)s: %(count)d e-mails written.",
                len(written),
            )
            % {"date": today.strftime("%d.%m.%Y"), "count": len(written)}
        )
        for kind, count in sorted(Counter(message.kind for message in written).items()):
            self.stdout.write(f"  {Message.Kind(kind).label}: {count}")
        sent, refused = _deliver()
        self.stdout.write(
            _("Sent: %(sent)d. Not delivered, left to try again: %(refused)d.")
            % {"sent": sent, "refused": refused}
        )
