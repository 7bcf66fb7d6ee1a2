"""The Access page, the invitation form and the invitation itself take the same number of
queries whatever the number of the region's municipalities and people."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from monitoring.models import Membership
from tests.factories import municipality_create, region_create

pytestmark = pytest.mark.django_db

SIZES = [(1, 2), (8, 5)]  # municipalities, staff members in each

# user, the region, the coordinator's roles; the people counted for the pager, the
# page of people, their roles with municipality and region
PEOPLE_QUERIES = 6
# user, the region, roles; the region's municipalities for the choice
INVITE_FORM_QUERIES = 4
# user, the region, roles, the chosen municipality; the transaction's savepoint, the
# address looked up (locked), the new user in its savepoint (3), the admin's history (the
# content type, the entry), the role looked up, its user and municipality checked
# (full_clean), the role and its history saved, the message looked up, the recipient's
# language, the message written in its savepoint (3), the release; the task, run at once after
# the commit here: the due messages, and the one sent (a savepoint, locked, marked, released)
INVITE_QUERIES = 4 + 1 + 1 + 3 + 2 + 3 + 2 + 1 + 1 + 3 + 1 + 1 + 4


def _region(municipalities: int, staff: int):
    region = region_create()
    towns = [municipality_create(region) for _ in range(municipalities)]
    User = get_user_model()
    coordinator = User.objects.create_user(f"k-{region.slug}")
    Membership.objects.create(user=coordinator, role="coordinator", region=region)
    council = User.objects.create_user(f"p-{region.slug}", email=f"p@{region.slug}.lv")
    Membership.objects.create(user=council, role="council", region=region)
    for town in towns:
        for n in range(staff):
            user = User.objects.create_user(f"{town.slug}-{n}", email=f"{n}@{town.slug}.lv")
            Membership.objects.create(user=user, role="staff", municipality=town)
    return region, towns, coordinator


@pytest.mark.parametrize("size", SIZES)
def test_the_people_page_queries(client, django_assert_num_queries, size):
    region, _towns, coordinator = _region(*size)
    client.force_login(coordinator)

    with django_assert_num_queries(PEOPLE_QUERIES):
        response = client.get(reverse("accounts:people", args=[region.slug]))

    assert response.status_code == 200
    assert len(response.context["rows"]) == min(2 + size[0] * size[1], 50)


def test_the_second_page_of_people_queries(client, django_assert_num_queries):
    region, _towns, coordinator = _region(12, 5)
    client.force_login(coordinator)

    with django_assert_num_queries(PEOPLE_QUERIES):
        response = client.get(reverse("accounts:people", args=[region.slug]), {"page": 2})

    assert len(response.context["rows"]) == 62 - 50


@pytest.mark.parametrize("size", SIZES)
def test_the_invitation_form_queries(client, django_assert_num_queries, size):
    region, towns, coordinator = _region(*size)
    client.force_login(coordinator)

    with django_assert_num_queries(INVITE_FORM_QUERIES):
        response = client.get(reverse("accounts:invite", args=[region.slug]))

    assert response.status_code == 200
    assert len(response.context["form"].fields["municipality"].choices) == size[0] + 1


@pytest.mark.parametrize("size", SIZES)
def test_the_invitation_queries(
    client, django_assert_num_queries, django_capture_on_commit_callbacks, size
):
    region, towns, coordinator = _region(*size)
    client.force_login(coordinator)
    data = {
        "email": "jauna@example.lv",
        "first_name": "Jauna",
        "last_name": "Darbiniece",
        "role": "staff",
        "municipality": towns[-1].pk,
    }

    ContentType.objects.clear_cache()  # as in a new process: the first history entry
    with django_assert_num_queries(INVITE_QUERIES):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("accounts:invite", args=[region.slug]), data)

    assert response.status_code == 302
