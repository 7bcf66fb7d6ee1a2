"""Work done by the background worker (`manage.py db_worker`), not in a request."""

from django_tasks import task

from monitoring import mail


@task()
def deliver_messages() -> None:
    """Send the e-mail due: queued after each transition that wrote some (monitoring/notices.py).
    A message the mail server refuses stays due for the next run or `send_reminders`."""
    mail.deliver_due()
