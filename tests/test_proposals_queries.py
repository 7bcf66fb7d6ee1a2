"""The pages of proposals take the same number of queries whatever the number of proposals,
municipalities and tasks."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from monitoring.models import Membership
from programmes.models import Proposal
from tests.factories import municipality_create, programme_create

pytestmark = pytest.mark.django_db

SIZES = [(1, 1, 2), (6, 40, 8)]  # blocks of 4 tasks, proposals, municipalities

# user, roles; the user's programmes (with whether they may propose), the proposals
# counted, the page of them with programme, municipality and nodes
LIST_QUERIES = 5
# user, programme, roles, the user's municipalities of its region, the nodes
FORM_QUERIES = 5
# the form's 6; the transaction's savepoint, the proposal and its history saved, the release
SUBMIT_QUERIES = FORM_QUERIES + 4
# user, roles, the proposal with programme, municipality and nodes, the nodes
DECIDE_FORM_QUERIES = 4
# the form's 5; the savepoint, the proposal locked, saved, its history, the release
DECIDE_QUERIES = DECIDE_FORM_QUERIES + 5


def _setup(blocks: int, proposals: int, municipalities: int):
    programme = programme_create(blocks=blocks, tasks_per_block=4, indicators=2)
    towns = [municipality_create(programme.region) for _ in range(municipalities)]
    nodes = list(programme.nodes.all())
    for n in range(proposals):
        Proposal.objects.create(
            programme=programme,
            municipality=towns[n % municipalities],
            text=f"Priekšlikums {n}",
            node=nodes[n % len(nodes)],
            decision="included" if n % 2 else "pending",
            reason="Iekļauts." if n % 2 else "",
            included_in=nodes[-1] if n % 2 else None,
        )
    User = get_user_model()
    staff = User.objects.create_user(f"dienests-{programme.slug}")
    Membership.objects.create(user=staff, role="staff", municipality=towns[0])
    coordinator = User.objects.create_user(f"koordinators-{programme.slug}")
    Membership.objects.create(user=coordinator, role="coordinator", region=programme.region)
    return programme, towns, nodes, staff, coordinator


@pytest.mark.parametrize("size", SIZES)
def test_the_list_queries(client, django_assert_num_queries, size):
    programme, _towns, _nodes, _staff, coordinator = _setup(*size)
    client.force_login(coordinator)

    with django_assert_num_queries(LIST_QUERIES):
        response = client.get(reverse("monitoring:proposals"), {"programme": programme.slug})

    assert response.status_code == 200
    assert len(response.context["page"]) == min(size[1], 25)


@pytest.mark.parametrize("size", SIZES)
def test_the_proposal_form_and_its_sending_queries(client, django_assert_num_queries, size):
    programme, towns, nodes, staff, _coordinator = _setup(*size)
    client.force_login(staff)
    url = reverse("monitoring:proposal-create", args=[programme.slug])

    with django_assert_num_queries(FORM_QUERIES):
        response = client.get(url)
    assert response.content.decode().count("<option") == len(nodes) + 2  # + none + the town

    with django_assert_num_queries(SUBMIT_QUERIES):
        response = client.post(
            url, {"municipality": towns[0].pk, "text": "Jauns.", "node": nodes[-1].pk}
        )
    assert response.status_code == 302
    assert Proposal.objects.filter(programme=programme, text="Jauns.").exists()


@pytest.mark.parametrize("size", SIZES)
def test_the_decision_form_and_the_decision_queries(client, django_assert_num_queries, size):
    programme, _towns, nodes, _staff, coordinator = _setup(*size)
    proposal = Proposal.objects.filter(programme=programme).first()
    client.force_login(coordinator)
    url = reverse("monitoring:proposal-decide", args=[proposal.pk])

    with django_assert_num_queries(DECIDE_FORM_QUERIES):
        assert client.get(url).status_code == 200

    with django_assert_num_queries(DECIDE_QUERIES):
        response = client.post(
            url,
            {"decision": "included_elsewhere", "reason": "Jau ir.", "included_in": nodes[0].pk},
        )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.included_in == nodes[0]
