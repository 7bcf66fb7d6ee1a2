"""The accounts' cases of tests/test_permission_effects.py, as tests/permission_cases.py
states them (`ACCOUNT_CASES`: name → (allowed users, arrange)): an invitation, deactivating
and reactivating a staff member of Dobele, and a person's own settings. The snapshot compared
for the others holds the accounts (tests/snapshot.py)."""

from django.contrib.auth import get_user_model
from django.urls import reverse

from monitoring.models import Membership, Message, UserSettings

MANAGERS = {"zemgale_coordinator", "national"}
LOGGED_IN = {
    "jelgava_staff",
    "dobele_staff",
    "zemgale_coordinator",
    "latgale_coordinator",
    "zemgale_council",
    "national",
}
ADDRESS = "jauna.darbiniece@dobele.lv"


def _case(*args, **kwargs):
    from tests.permission_cases import Case  # which imports these cases

    return Case(*args, **kwargs)


def _invite(people, submission, client):
    def done(user):
        invited = get_user_model().objects.get(email=ADDRESS)
        membership = invited.memberships.get()
        assert (membership.role, membership.municipality) == ("staff", people.dobele)
        assert membership.history.get().history_user == user
        assert Message.objects.get(recipient=invited).kind == Message.Kind.INVITATION

    data = {
        "email": ADDRESS,
        "first_name": "Jauna",
        "last_name": "Darbiniece",
        "role": Membership.Role.STAFF,
        "municipality": people.dobele.pk,
    }
    return _case(reverse("accounts:invite", args=["zemgale"]), data, done)


def _active(people, *, before: bool, after: bool):
    """A second staff member of Dobele's (not one of the users who post: one deactivated
    could not post at all)."""
    person = get_user_model().objects.create_user("otra-dobele", is_active=before)
    Membership.objects.create(user=person, role=Membership.Role.STAFF, municipality=people.dobele)

    def done(user):
        assert get_user_model().objects.get(pk=person.pk).is_active is after

    name = "accounts:reactivate" if after else "accounts:deactivate"
    return _case(reverse(name, args=["zemgale", person.pk]), {}, done)


def _deactivate(people, submission, client):
    return _active(people, before=True, after=False)


def _reactivate(people, submission, client):
    return _active(people, before=False, after=True)


def _settings(people, submission, client):
    # The client is logged in already (anonymous: not): each person posts her own address.
    user = get_user_model().objects.filter(pk=client.session.get("_auth_user_id")).first()
    address = f"{user.username if user else 'neviens'}@example.lv"

    def done(user):
        assert UserSettings.objects.get(user=user).language == "en"
        assert get_user_model().objects.get(pk=user.pk).email == address

    return _case(reverse("accounts:settings"), {"language": "en", "email": address}, done)


ACCOUNT_CASES = {
    "accounts:invite": (MANAGERS, _invite),
    "accounts:deactivate": (MANAGERS, _deactivate),
    "accounts:reactivate": (MANAGERS, _reactivate),
    "accounts:settings": (LOGGED_IN, _settings),
}
