"""A planning region's people and their accounts: who has access, invitations by e-mail,
deactivating and reactivating, and the e-mail that lets a person set her password (an
invitation's or a password reset's).

Every write here is one transaction and checks who may do it (monitoring/access.py). Each
e-mail is written into the message log (monitoring/mail.py) and delivered by the background
worker once the transaction has committed, so a mail server that is down delays it and loses
nothing.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Prefetch, Q, QuerySet
from django.db.models.functions import Coalesce, Lower
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext_lazy as _

from monitoring import access, mail
from monitoring.models import Membership, Message
from monitoring.tasks import deliver_messages
from municipalities.models import PlanningRegion

User = get_user_model()
Role = Membership.Role

# What an invitation is refused with (shown on the form).
ROLE_NOT_INVITED = _("An invitation gives the role of municipal staff or council member only.")
MUNICIPALITY_NOT_IN_REGION = _("Choose one of the region's municipalities.")
OWN_ACCOUNT = _("You cannot change your own roles here.")
SEVERAL_ACCOUNTS = _(
    "Several accounts have this e-mail address. Ask the administrator to sort them out."
)
BELONGS_ELSEWHERE = _(
    "This e-mail address belongs to an account with a role in another planning region, or with "
    "more rights than an invitation gives. Only the administrator can change its roles."
)
DEACTIVATED = _(
    "The account of this e-mail address is deactivated. Reactivate it on the Access page first."
)
ALREADY_HAS_ROLE = _("This person has this role already.")
ADDRESS_TAKEN = _("Another account has this e-mail address.")

# A person asks for at most this many password reset e-mails an hour: more are not sent, so
# the form cannot be used to flood somebody's mailbox.
RESETS_PER_HOUR = 3


def region_people(region: PlanningRegion) -> QuerySet:
    """The region's people: the staff of its municipalities, its council members and its
    coordinators, by name, each with every role they have (`memberships`, in any region, with
    the municipality and the region joined)."""
    in_region = Membership.objects.filter(Q(municipality__region=region) | Q(region=region))
    roles = Membership.objects.select_related("municipality__region", "region").order_by(
        "role", "municipality__sort_name", "region__sort_name"
    )
    return (
        User.objects.filter(pk__in=in_region.values("user_id"))
        .order_by(Lower("last_name"), Lower("first_name"), "username")
        .prefetch_related(Prefetch("memberships", queryset=roles))
    )


def scopes_of(memberships) -> list[tuple[str, int | None]]:
    """(role, region id) of each of the memberships, a staff member's region being her
    municipality's (access.can_manage_person)."""
    return [
        (m.role, m.municipality.region_id if m.municipality_id else m.region_id)
        for m in memberships
    ]


@dataclass(frozen=True)
class PersonRow:
    """A line of the Access page."""

    person: object
    memberships: list
    manageable: bool

    @property
    def invited(self) -> bool:
        """Invited and has not set a password yet."""
        return not self.person.has_usable_password()


def people_rows(people, *, by) -> list[PersonRow]:
    """The Access page's lines for the people (from `region_people`), as `by` sees them."""
    rows = []
    for person in people:
        memberships = list(person.memberships.all())
        manageable = access.can_manage_person(by, person, scopes_of(memberships))
        rows.append(PersonRow(person, memberships, manageable))
    return rows


def get_person_for_user(user, region: PlanningRegion, pk: int):
    """A person of the region whose account the user may deactivate or reactivate, or 404."""
    person = get_object_or_404(region_people(region), pk=pk)
    if not access.can_manage_person(user, person, scopes_of(person.memberships.all())):
        raise Http404
    return person


def _scopes_in_database(user) -> list[tuple[str, int | None]]:
    return list(
        user.memberships.values_list("role", Coalesce("municipality__region_id", "region_id"))
    )


def set_password_link(user) -> str:
    """The one-time link (Django's password reset token) where the person sets a password."""
    path = reverse(
        "accounts:password-reset-confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return mail.absolute(path)


def _link_valid_days() -> int:
    return max(1, settings.PASSWORD_RESET_TIMEOUT // 86400)


def deliver_after_commit() -> None:
    # The background worker sends it, so the request does not wait for the mail server.
    transaction.on_commit(deliver_messages.enqueue, robust=True)


def _log(by, person, flag: int, message: list) -> None:
    """The admin's history of the account says who did it (LogEntry: the user's History)."""
    LogEntry.objects.log_actions(by.pk, [person], flag, message, single_object=True)


@dataclass(frozen=True)
class Invitation:
    user: object
    membership: Membership
    new_account: bool


def _existing_account(email: str, *, region: PlanningRegion, by):
    """The account the address belongs to, if it may take a role in the region; None if the
    address is new."""
    matches = list(
        User.objects.select_for_update().filter(Q(email__iexact=email) | Q(username__iexact=email))
    )
    if not matches:
        return None
    if len(matches) > 1:
        raise ValidationError(SEVERAL_ACCOUNTS)
    user = matches[0]
    if user.pk == by.pk:
        raise ValidationError(OWN_ACCOUNT)
    scopes = _scopes_in_database(user)
    elsewhere = any(region_id != region.pk for _role, region_id in scopes)
    if elsewhere or not access.can_manage_person(by, user, scopes):
        raise ValidationError(BELONGS_ELSEWHERE)
    if not user.is_active:
        raise ValidationError(DEACTIVATED)
    return user


@transaction.atomic
def account_invite(
    *,
    region: PlanningRegion,
    email: str,
    first_name: str,
    last_name: str,
    role: str,
    municipality=None,
    by,
) -> Invitation:
    """Give the person of the address a role in the region, making her account if there is
    none (without a password: she sets it through the link of the e-mail written here)."""
    access.require(access.can_manage_people(by, region.pk))
    if role not in access.INVITED_ROLES:
        raise ValidationError(ROLE_NOT_INVITED)
    if role == Role.STAFF:
        if municipality is None or municipality.region_id != region.pk:
            raise ValidationError(MUNICIPALITY_NOT_IN_REGION)
    else:
        municipality = None
    email = User.objects.normalize_email(email.strip())
    user = _existing_account(email, region=region, by=by)
    new_account = user is None
    if new_account:
        try:
            with transaction.atomic():
                # No password given: an unusable one, until she sets hers.
                user = User.objects.create_user(
                    username=email.lower()[:150],
                    email=email,
                    first_name=first_name.strip(),
                    last_name=last_name.strip(),
                )
        except IntegrityError:  # the same address invited at the same moment
            raise ValidationError(ALREADY_HAS_ROLE) from None
        _log(by, user, ADDITION, [{"added": {}}])
    membership = Membership(
        user=user,
        role=role,
        region=None if role == Role.STAFF else region,
        municipality=municipality,
    )
    duplicate = Membership.objects.filter(
        user=user, role=role, region=membership.region, municipality=municipality
    )
    if duplicate.exists():
        raise ValidationError(ALREADY_HAS_ROLE)
    membership.full_clean(validate_unique=False, validate_constraints=False)
    membership._history_user = by
    membership.save()
    mail.message_queue(
        kind=Message.Kind.INVITATION,
        key=f"invitation:{user.pk}:{membership.pk}",
        recipient=user,
        template="invitation",
        context={
            "membership": membership,
            "region": region,
            "by": by,
            # A new account sets its password first; one that has it, logs in.
            "first_time": not user.has_usable_password(),
            "link": (
                mail.absolute(reverse("login"))
                if user.has_usable_password()
                else set_password_link(user)
            ),
            "valid_days": _link_valid_days(),
        },
        region=region,
    )
    deliver_after_commit()
    return Invitation(user, membership, new_account)


def _locked_manageable(person, region: PlanningRegion, by):
    access.require(access.can_manage_people(by, region.pk))
    person = User.objects.select_for_update().get(pk=person.pk)
    scopes = _scopes_in_database(person)
    in_region = any(region_id == region.pk for _role, region_id in scopes)
    access.require(in_region and access.can_manage_person(by, person, scopes))
    return person


def _set_active(person, region: PlanningRegion, by, active: bool):
    person = _locked_manageable(person, region, by)
    if person.is_active != active:
        person.is_active = active
        person.save(update_fields=["is_active"])
        _log(by, person, CHANGE, [{"changed": {"fields": ["active"]}}])
    return person


@transaction.atomic
def account_deactivate(*, person, region: PlanningRegion, by):
    """The person can no longer log in (her open sessions end too); her data stays."""
    return _set_active(person, region, by, False)


@transaction.atomic
def account_reactivate(*, person, region: PlanningRegion, by):
    return _set_active(person, region, by, True)


def password_reset_mail(*, user, token: str) -> Message | None:
    """The e-mail with the link where the person sets a new password (or, invited, her first):
    one message per request (the token has its time in it), at most RESETS_PER_HOUR an hour.
    Delivered by the password reset form (MailedPasswordResetForm.save)."""
    an_hour_ago = timezone.now() - datetime.timedelta(hours=1)
    recent = Message.objects.filter(
        kind=Message.Kind.PASSWORD_RESET, recipient=user, created_at__gte=an_hour_ago
    )
    if recent.count() >= RESETS_PER_HOUR:
        return None
    path = reverse(
        "accounts:password-reset-confirm",
        kwargs={"uidb64": urlsafe_base64_encode(force_bytes(user.pk)), "token": token},
    )
    message = mail.message_queue(
        kind=Message.Kind.PASSWORD_RESET,
        key=f"password-reset:{user.pk}:{token}",
        recipient=user,
        template="password_reset",
        context={
            "link": mail.absolute(path),
            "first_time": not user.has_usable_password(),
            "valid_days": _link_valid_days(),
        },
    )
    return message


def email_taken(email: str, *, besides) -> bool:
    """Whether an account other than `besides` has the address (an address names one
    person: invitations find her by it)."""
    others = User.objects.exclude(pk=besides.pk)
    return others.filter(Q(email__iexact=email) | Q(username__iexact=email)).exists()
