"""The demo users `make run` creates, one per role, so a person can try every part of the app."""

from django.contrib.auth import get_user_model
from django.db import transaction

from monitoring.models import Membership
from municipalities.models import Municipality, PlanningRegion

DEMO_PASSWORD = "demo-parole"  # noqa: S105 - documented in the README, refused in production
# Demo staff report on the seeded programmes, whose years are before the 2021 reform.
DEMO_YEAR = 2014
# Each demo user's example address (example.lv is no real domain): username@DEMO_DOMAIN.
DEMO_DOMAIN = "example.lv"

DEMO_USERS = [
    # username, first name, last name, role, region slug, municipality name
    ("admin", "Administrators", "", Membership.Role.NATIONAL, None, None),
    (
        "koordinators-zemgale",
        "Zemgales",
        "koordinators",
        Membership.Role.COORDINATOR,
        "zemgale",
        None,
    ),
    (
        "koordinators-kurzeme",
        "Kurzemes",
        "koordinators",
        Membership.Role.COORDINATOR,
        "kurzeme",
        None,
    ),
    (
        "koordinators-latgale",
        "Latgales",
        "koordinators",
        Membership.Role.COORDINATOR,
        "latgale",
        None,
    ),
    ("dienests-jelgava", "Jelgavas", "sociālais dienests", Membership.Role.STAFF, None, "Jelgava"),
    (
        "dienests-dobele",
        "Dobeles",
        "sociālais dienests",
        Membership.Role.STAFF,
        None,
        "Dobeles novads",
    ),
    (
        "dienests-daugavpils",
        "Daugavpils",
        "sociālais dienests",
        Membership.Role.STAFF,
        None,
        "Daugavpils",
    ),
    ("padome-zemgale", "Zemgales", "attīstības padome", Membership.Role.COUNCIL, "zemgale", None),
]


@transaction.atomic
def demo_users_create(*, password: str = DEMO_PASSWORD) -> list[str]:
    """Create the demo users with their example addresses and roles; existing users keep
    their password. Returns the usernames that were created."""
    User = get_user_model()
    created = []
    for username, first_name, last_name, role, region_slug, municipality_name in DEMO_USERS:
        user, is_new = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first_name,
                "last_name": last_name,
                "email": f"{username}@{DEMO_DOMAIN}",
                "is_staff": username == "admin",
                "is_superuser": username == "admin",
            },
        )
        if is_new:
            user.set_password(password)
            user.save(update_fields=["password"])
            created.append(username)
        elif not user.email:  # made before the demo users had addresses
            user.email = f"{username}@{DEMO_DOMAIN}"
            user.save(update_fields=["email"])
        Membership.objects.get_or_create(
            user=user,
            role=role,
            region=PlanningRegion.objects.get(slug=region_slug) if region_slug else None,
            municipality=(
                Municipality.resolve(municipality_name, year=DEMO_YEAR)
                if municipality_name
                else None
            ),
        )
    return created
