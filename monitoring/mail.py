"""Every e-mail the app sends goes through here: written once in the recipient's language,
recorded as a Message, then delivered by `deliver_due()`.

- `message_queue()` writes a message for an occasion (its key) unless one was written already:
  the occasion's key is unique, so running the sender twice, or on two machines at the same
  moment, writes nothing twice.
- `deliver_due()` sends the messages not yet sent. Each is locked (FOR UPDATE SKIP LOCKED on
  PostgreSQL), sent and marked sent in one transaction, so two senders never take the same
  one. A refusal by the mail server is recorded (attempts, last error) and the message stays
  due for the next run: late, never lost.

Templates: `templates/mail/<name>_subject.txt`, `<name>.txt` and `<name>.html`, rendered with
the context given plus `site_url` and the recipient.
"""

import logging
import re
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, connection, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from monitoring.models import Message, UserSettings

log = logging.getLogger(__name__)

# A set-password link is a key to the account: once the message is sent, the kept copy loses
# the link's token, so no one reading the log (or a backup of it) can use it.
SECRET_LINK = re.compile(r"(/password/reset/[^/\s\"<>]+/)[^/\s\"<>]+/")
SECRET_KINDS = (Message.Kind.INVITATION, Message.Kind.PASSWORD_RESET)


def _without_secrets(text: str) -> str:
    return SECRET_LINK.sub(r"\1…/", text)


def language_of(user) -> str:
    """The language the person chose (Latvian unless they chose English); no query when the
    settings were joined (select_related("settings"))."""
    try:
        return user.settings.language
    except UserSettings.DoesNotExist:
        return settings.LANGUAGE_CODE


def absolute(path: str) -> str:
    """A link to this site for an e-mail: SITE_URL and the path."""
    return settings.SITE_URL.rstrip("/") + path


def message_queue(
    *,
    kind: str,
    key: str,
    recipient,
    template: str,
    context: dict[str, Any],
    region=None,
    round=None,
    submission=None,
    language: str | None = None,
) -> Message | None:
    """The message for the occasion `key`, written now in the recipient's language unless it
    exists already (`written_now` says which: two senders at once both get the message, one
    of them wrote it). None when the person has no address or is not active."""
    if not recipient.email or not recipient.is_active:
        return None
    existing = Message.objects.filter(key=key).first()
    if existing is not None:
        existing.written_now = False
        return existing
    language = language or language_of(recipient)
    values = {**context, "recipient": recipient, "site_url": settings.SITE_URL}
    with translation.override(language):
        subject = " ".join(render_to_string(f"mail/{template}_subject.txt", values).split())
        body = render_to_string(f"mail/{template}.txt", values)
        html = render_to_string(f"mail/{template}.html", values)
    fields = {
        "kind": kind,
        "recipient": recipient,
        "to": recipient.email,
        "language": language,
        "region": region,
        "round": round,
        "submission": submission,
        "subject": subject[:300],
        "body": body,
        "html": html,
    }
    try:
        with transaction.atomic():  # a savepoint: a sender at the same moment may win the key
            message = Message.objects.create(key=key, **fields)
    except IntegrityError:
        message = Message.objects.get(key=key)
        message.written_now = False
        return message
    message.written_now = True
    return message


def _send(message: Message) -> None:
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.to],
    )
    if message.html:
        email.attach_alternative(message.html, "text/html")
    email.send()


def deliver_due(limit: int = 500) -> tuple[int, int]:
    """Send the messages not yet sent, oldest first; (sent, refused)."""
    sent = refused = 0
    # Those the server refused most often go last, so they cannot hold up the others.
    due = Message.objects.filter(sent_at__isnull=True).order_by("attempts", "created_at", "pk")
    for pk in list(due.values_list("pk", flat=True)[:limit]):
        with transaction.atomic():
            locked = Message.objects.filter(pk=pk, sent_at__isnull=True)
            if connection.features.has_select_for_update_skip_locked:
                locked = locked.select_for_update(skip_locked=True)
            message = locked.first()
            if message is None:  # sent meanwhile by another sender, or being sent now
                continue
            try:
                _send(message)
            except Exception as exc:  # noqa: BLE001 - any refusal leaves the message due
                log.warning("E-mail %s to %s not sent: %s", message.pk, message.to, exc)
                message.attempts += 1
                message.last_error = str(exc)[:2000] or exc.__class__.__name__
                message.save(update_fields=["attempts", "last_error"])
                refused += 1
                continue
            message.attempts += 1
            message.sent_at = timezone.now()
            message.last_error = ""
            if message.kind in SECRET_KINDS:
                message.body, message.html = map(_without_secrets, (message.body, message.html))
            message.save(update_fields=["attempts", "sent_at", "last_error", "body", "html"])
            sent += 1
    return sent, refused
