"""A set-password link is a key to the account: it goes in the e-mail, and the kept copy of a
sent message loses it."""

import pytest
from django.contrib.auth import get_user_model

from monitoring import mail
from monitoring.models import Message

pytestmark = pytest.mark.django_db

LINK = "http://127.0.0.1:8000/password/reset/MTI/cx1b2c-0123456789abcdef/"


def _message(kind):
    person = get_user_model().objects.create_user("jauna", email="jauna@example.lv")
    return Message.objects.create(
        key=f"{kind}:1",
        kind=kind,
        recipient=person,
        to=person.email,
        language="lv",
        subject="Ielūgums",
        body=f"Iestatiet paroli: {LINK}\n",
        html=f'<p><a href="{LINK}">Iestatīt paroli</a></p>',
    )


@pytest.mark.parametrize("kind", [Message.Kind.INVITATION, Message.Kind.PASSWORD_RESET])
def test_the_link_reaches_the_person_and_leaves_the_log(smtp_server, kind):
    message = _message(kind)

    assert mail.deliver_due() == (1, 0)

    (received,) = smtp_server.messages
    assert LINK in smtp_server.text(received) and LINK in smtp_server.html(received)
    message.refresh_from_db()
    assert message.is_sent
    assert "cx1b2c" not in message.body and "cx1b2c" not in message.html
    assert "/password/reset/MTI/…/" in message.body


def test_a_refused_invitation_keeps_its_link_to_try_again(smtp_server):
    message = _message(Message.Kind.INVITATION)
    smtp_server.refuse = True

    assert mail.deliver_due() == (0, 1)

    message.refresh_from_db()
    assert not message.is_sent and LINK in message.body
    smtp_server.refuse = False
    assert mail.deliver_due() == (1, 0)
    assert LINK in smtp_server.text(smtp_server.messages[0])
