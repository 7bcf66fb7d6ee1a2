"""What the e-mail tests share: the named people with addresses, the link an e-mail carries, a
report brought to a state, and the site the links point at."""

import re

from django.contrib.auth import get_user_model

from monitoring import services
from monitoring.models import Membership, Submission, UserSettings

State = Submission.State
SITE_URL = "https://uzraudziba.example.lv"
NAMED = [
    "jelgava_staff",
    "dobele_staff",
    "zemgale_coordinator",
    "latgale_coordinator",
    "zemgale_council",
    "national",
]


def address(name: str) -> str:
    return f"{name.replace('_', '.')}@example.lv"


def give_addresses(people) -> None:
    """Every named person gets an address (the People of tests/conftest.py have none)."""
    for name in NAMED:
        user = getattr(people, name)
        user.email = address(name)
        user.save(update_fields=["email"])


def second_coordinator(region, *, digest: bool = True, language: str = "lv"):
    """Another coordinator of the region, with her own settings."""
    user = get_user_model().objects.create_user(
        f"koordinatore-2-{region.slug}", email=f"otra.{region.slug}@example.lv"
    )
    Membership.objects.create(user=user, role="coordinator", region=region)
    UserSettings.objects.create(user=user, daily_digest=digest, language=language)
    return user


def link_path(text: str) -> str:
    """The path of the (first) link to the site in an e-mail's text."""
    found = re.search(re.escape(SITE_URL) + r"(/\S*)", text)
    assert found, f"no link to {SITE_URL} in {text!r}"
    return found.group(1)


def follow(client, user, message_text: str):
    """The link followed in the browser of the person who got it."""
    client.force_login(user)
    return client.get(link_path(message_text))


def complete(submission: Submission, by) -> Submission:
    entries = {
        n.pk: {"status": "implemented"}
        for n in services.reportable_nodes(submission.round.programme)
    }
    return services.submission_save(
        submission=submission,
        by=by,
        version=submission.version,
        data=services.SubmissionData(entries=entries),
    )


def submit(submission: Submission, by) -> Submission:
    return services.submission_submit(submission=complete(submission, by), by=by)


def subject(message) -> str:
    # Django folds a long non-ASCII subject onto the next line; the parser keeps the fold's
    # space, which mail programs drop.
    return str(message["Subject"]).strip()


def body(message) -> str:
    """The plain text, with the line ends it was written with."""
    return message.get_body(("plain",)).get_content().replace("\r\n", "\n")


def subjects(inbox, who: str) -> list[str]:
    return [subject(m) for m in inbox.to(address(who))]
