"""`make run` creates one demo user per role, bound to their region or municipality."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from monitoring.demo import DEMO_PASSWORD, DEMO_USERS
from monitoring.models import Membership

pytestmark = pytest.mark.django_db


def test_it_creates_a_user_per_role(settings):
    settings.LOCAL = True
    call_command("create_demo_users", verbosity=0)
    users = get_user_model().objects.filter(username__in=[u[0] for u in DEMO_USERS])
    assert users.count() == 8
    jelgava = Membership.objects.get(user__username="dienests-jelgava")
    assert (jelgava.role, jelgava.municipality.name) == ("staff", "Jelgava")
    assert jelgava.user.email == "dienests-jelgava@example.lv"  # an example address
    dobele = Membership.objects.get(user__username="dienests-dobele")
    assert dobele.municipality.name == "Dobeles novads"
    assert dobele.municipality.valid_until is not None  # the municipality the seeds report on
    daugavpils = Membership.objects.get(user__username="dienests-daugavpils").municipality
    assert daugavpils.kind == "valstspilseta"
    council = Membership.objects.get(user__username="padome-zemgale")
    assert (council.role, council.region.slug) == ("council", "zemgale")
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser and admin.check_password(DEMO_PASSWORD)


def test_running_it_again_keeps_users_and_their_passwords(settings):
    settings.LOCAL = True
    call_command("create_demo_users", verbosity=0)
    user = get_user_model().objects.get(username="koordinators-latgale")
    user.set_password("cita-parole-123")
    user.save()
    get_user_model().objects.filter(username="admin").update(email="")  # made before addresses
    call_command("create_demo_users", verbosity=0)
    user.refresh_from_db()
    assert user.check_password("cita-parole-123")
    assert get_user_model().objects.get(username="admin").email == "admin@example.lv"
    assert Membership.objects.filter(user=user).count() == 1


def test_it_refuses_in_production_mode(settings):
    settings.LOCAL = False
    with pytest.raises(CommandError, match="publiskota parole"):
        call_command("create_demo_users")
    assert not get_user_model().objects.filter(username="admin").exists()


def test_migrations_create_no_users():
    assert not get_user_model().objects.exists()
