"""The programme page (as it stands, or as it stood in a year) and the annual review take the
same number of queries whatever the number of amendments, changes and proposals."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from monitoring.models import ProgressEntry
from municipalities.models import YearlyFigures
from programmes.models import Amendment, AmendmentChange, Proposal
from tests.factories import municipality_create, programme_create

pytestmark = pytest.mark.django_db

# programme, nodes (with their amendments), indicators (with their node and amendments), their
# values, the proposals counted, policy results, amendments, their changes (with the node or
# indicator), the page of proposals (with municipality and nodes)
PROGRAMME_PAGE_QUERIES = 9


def _amended(blocks: int, amendments: int, proposals: int, municipalities: int = 2):
    """A programme whose every other action and indicator an amendment added, each amendment
    taking effect a year later than the one before (from 2012); none, without amendments."""
    programme = programme_create(blocks=blocks, tasks_per_block=4, indicators=2 * blocks)
    towns = [municipality_create(programme.region) for _ in range(municipalities)]
    made = [
        Amendment.objects.create(
            programme=programme,
            title=f"Grozījumi {n}",
            starts_on=datetime.date(2012 + n, 1, 1),
            ends_on=datetime.date(2012 + n, 3, 31),
        )
        for n in range(amendments)
    ]
    actions = list(programme.nodes.filter(kind="action").order_by("sort_key"))
    elements = [*actions[1::2], *programme.indicators.all()[1::2]] if made else []
    for n, element in enumerate(elements):
        amendment = made[n % amendments]
        element.added_in = amendment
        element.save()
        target = "node" if element in actions else "indicator"
        AmendmentChange.objects.create(amendment=amendment, kind="added", **{target: element})
    for n in range(proposals):
        Proposal.objects.create(
            programme=programme,
            municipality=towns[n % municipalities],
            text=f"Priekšlikums {n}",
            node=actions[n % len(actions)],
            decision="included",
            reason="Iekļauts.",
            included_in=actions[-1],
        )
    return programme, towns, actions


@pytest.mark.parametrize("size", [(1, 1, 1), (5, 4, 30)])
@pytest.mark.parametrize("year", [None, 2011, 2014])
def test_the_programme_page_queries(client, django_assert_num_queries, size, year):
    programme, _towns, actions = _amended(*size)
    query = {"year": year} if year else {}

    with django_assert_num_queries(PROGRAMME_PAGE_QUERIES):
        response = client.get(programme.get_absolute_url(), query)

    html = response.content.decode()
    shown = (
        len(actions)
        if year is None
        else (len(actions) + 1) // 2
        + sum(1 for a in actions[1::2] if a.added_in.ends_on.year <= year)
    )
    tree = html[html.index('id="tree"') : html.index('id="amendments"')]
    assert tree.count("kind-action") == shown
    assert html.count('id="proposal-') == min(size[2], 25)


@pytest.mark.parametrize("municipalities", [5, 22])
def test_the_review_queries_with_amendments(
    client, people, django_assert_num_queries, municipalities
):
    def reported(amendments):
        programme, towns, actions = _amended(3, amendments, 5, municipalities)
        for town in towns:
            for node in actions:
                ProgressEntry.objects.create(
                    node=node, municipality=town, year=2013, status="implemented", narrative="T."
                )
            YearlyFigures.objects.create(municipality=town, year=2013, social_budget=Decimal(10))
        return programme, towns, actions

    programme, towns, actions = reported(3)
    client.force_login(people.national)
    # The same review of a programme never amended, whose number tests/test_annual_review.py
    # fixes: the amendments read with the tree and the indicators add no query.
    plain, _towns, _actions = reported(0)
    with CaptureQueriesContext(connection) as unamended:
        client.get(reverse("reports:review", args=[plain.slug, 2013]))

    with django_assert_num_queries(len(unamended)):
        response = client.get(reverse("reports:review", args=[programme.slug, 2013]))

    # In 2013 the first two amendments (2012, 2013) are in force, the third (2014) not yet.
    later = [a for a in actions[1::2] if a.added_in.ends_on.year > 2013]
    assert later
    in_review = len(actions) - len(later)
    assert response.content.decode().count(" – T.") == len(towns) * in_review
