"""Proposals to a programme: Kurzeme's from the fixture on the programme page, a municipality
proposes, the region's coordinator decides with the reason; who may do what."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.text import capfirst
from django.utils.translation import gettext

from monitoring import proposals
from monitoring.models import Membership
from municipalities.models import Municipality, PlanningRegion
from programmes.models import Programme, Proposal
from programmes.models.changes import PLACE_REQUIRED, REASON_REQUIRED

pytestmark = pytest.mark.django_db

Decision = Proposal.Decision


class Kurzeme:
    """Kurzeme's named users: Kuldīga's and Talsi's social services and the coordinator."""

    def __init__(self):
        User = get_user_model()
        region = PlanningRegion.objects.get(slug="kurzeme")
        self.programme = Programme.objects.get(slug="kurzeme")
        self.kuldiga = Municipality.resolve("Kuldīgas novads", year=2015)
        self.talsi = Municipality.resolve("Talsu novads", year=2015)

        def person(username, role, **scope):
            user = User.objects.create_user(username, password="parole-123456")
            Membership.objects.create(user=user, role=role, **scope)
            return user

        self.kuldiga_staff = person("dienests-kuldiga", "staff", municipality=self.kuldiga)
        self.talsi_staff = person("dienests-talsi", "staff", municipality=self.talsi)
        self.coordinator = person("koordinators-kurzeme", "coordinator", region=region)


@pytest.fixture
def kurzeme(db):
    return Kurzeme()


@pytest.fixture
def proposal(kurzeme):
    return proposals.proposal_submit(
        programme=kurzeme.programme,
        municipality=kurzeme.kuldiga,
        text="Iekļaut rīcības plānā atelpas brīža pakalpojumu.",
        node=kurzeme.programme.nodes.get(code="1.1"),
        by=kurzeme.kuldiga_staff,
    )


def shown(msgid) -> str:
    """The Latvian words a page shows for the msgid (or lazy text), as the HTML holds them."""
    with translation.override("lv"):
        return escape(capfirst(gettext(str(msgid))))


def _page(client, slug="kurzeme", **query) -> str:
    return client.get(reverse("programmes:detail", args=[slug]), query).content.decode()


# --- the fixture -----------------------------------------------------------------------


def test_kurzeme_has_the_proposals_of_brocēni_ventspils_kuldīga_and_talsi():
    found = Proposal.objects.filter(programme__slug="kurzeme")
    by_town = {}
    for proposal in found.select_related("municipality"):
        by_town.setdefault(proposal.municipality.name, []).append(proposal)
    assert {name: len(items) for name, items in by_town.items()} == {
        "Brocēnu novads": 1,
        "Ventspils": 1,
        "Kuldīgas novads": 6,  # three points, the third with four services: each decided
        "Talsu novads": 5,
    }
    assert not found.filter(decision=Decision.PENDING).exists()
    assert found.filter(decision=Decision.NOT_INCLUDED).count() == 8


def test_the_kuldīga_quality_system_was_included_by_the_vote_at_the_seminar():
    voted = Proposal.objects.get(
        programme__slug="kurzeme", text__contains="vienota kvalitātes novērtēšanas sistēma"
    )
    assert voted.decision == Decision.INCLUDED
    assert voted.included_in.code == "2.2.5"
    assert voted.decided_on == datetime.date(2011, 12, 7)
    assert voted.decided_how == (
        "par to nobalsoja sociālās nozares pārstāvji tiekoties seminārā 2011.gada 7.decembrī"
        " Kuldīgā"
    )


def test_services_the_programme_had_were_included_under_other_actions():
    elsewhere = Proposal.objects.filter(
        programme__slug="kurzeme", decision=Decision.INCLUDED_ELSEWHERE
    ).order_by("pk")
    assert [p.included_in.code for p in elsewhere] == ["1.1.4", "1.2.6"]
    assert elsewhere[0].text.endswith("Atbalsta ģimeņu/uzticības personu pakalpojumi")


def test_the_programme_page_lists_the_proposals_with_their_outcome(client):
    html = _page(client)
    assert 'id="proposals"' in html
    assert "sociālo dzīvokļu attīstīšana" in html
    assert "Sociālais dzīvoklis nav sociāls pakalpojums" in html  # the reason
    assert "Brocēnu novads" in html and "Talsu novads" in html
    assert "1.2.4.1. specializētās darbnīcas personām ar garīga rakstura traucējumiem" in html
    for decision in (Decision.INCLUDED, Decision.NOT_INCLUDED, Decision.INCLUDED_ELSEWHERE):
        assert shown(decision.label) in html
    assert shown(Decision.PENDING.label) not in html  # Kurzeme decided every one
    assert "07.12.2011; par to nobalsoja sociālās nozares pārstāvji" in html
    assert f'<th scope="col">{shown("Decision")}</th>' in html


def test_a_programme_without_proposals_says_so(client):
    html = _page(client, "zemgale")
    assert shown("No proposals have been made to this programme yet.") in html


# --- a municipality proposes ----------------------------------------------------------


def test_staff_propose_a_change_to_their_regions_programme(client, kurzeme):
    client.force_login(kurzeme.kuldiga_staff)
    url = reverse("monitoring:proposal-create", args=["kurzeme"])
    assert shown("Task or action it concerns") in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "municipality": kurzeme.kuldiga.pk,
            "text": "Iekļaut sociālā mentora pakalpojumu.",
            "node": kurzeme.programme.nodes.get(code="1.3").pk,
        },
    )
    assert response.status_code == 302
    made = Proposal.objects.get(text="Iekļaut sociālā mentora pakalpojumu.")
    assert (made.municipality, made.node.code, made.decision) == (kurzeme.kuldiga, "1.3", "pending")
    assert made.submitted_by == kurzeme.kuldiga_staff
    assert made.submitted_on == timezone.localdate()
    assert made.history.get().history_user == kurzeme.kuldiga_staff
    listed = client.get(response["Location"]).content.decode()
    assert "Iekļaut sociālā mentora pakalpojumu." in listed
    assert shown(Decision.PENDING.label) in listed


def test_an_empty_proposal_is_refused_and_the_form_keeps_the_choice(client, kurzeme):
    client.force_login(kurzeme.kuldiga_staff)
    node = kurzeme.programme.nodes.get(code="1.3")
    response = client.post(
        reverse("monitoring:proposal-create", args=["kurzeme"]),
        {"municipality": kurzeme.kuldiga.pk, "text": "  ", "node": node.pk},
    )
    assert response.status_code == 400
    assert shown("This field is required.") in response.content.decode()
    assert f'<option value="{node.pk}" selected>' in response.content.decode()
    assert not Proposal.objects.filter(municipality=kurzeme.kuldiga, submitted_by__isnull=False)


def test_staff_of_another_region_cannot_propose_to_kurzeme(client, people):
    client.force_login(people.jelgava_staff)
    url = reverse("monitoring:proposal-create", args=["kurzeme"])
    assert client.get(url).status_code == 404
    assert client.post(url, {"municipality": people.jelgava.pk, "text": "X"}).status_code == 404


def test_staff_cannot_propose_for_a_municipality_not_theirs(client, kurzeme):
    client.force_login(kurzeme.kuldiga_staff)
    response = client.post(
        reverse("monitoring:proposal-create", args=["kurzeme"]),
        {"municipality": kurzeme.talsi.pk, "text": "Talsu vārdā."},
    )
    assert response.status_code == 400
    assert not Proposal.objects.filter(text="Talsu vārdā.").exists()


def test_the_service_refuses_someone_not_on_the_municipalitys_staff(kurzeme):
    with pytest.raises(PermissionDenied):
        proposals.proposal_submit(
            programme=kurzeme.programme,
            municipality=kurzeme.talsi,
            text="Talsu vārdā.",
            by=kurzeme.kuldiga_staff,
        )


def test_anonymous_is_sent_to_log_in(client, proposal):
    for url in (
        reverse("monitoring:proposals"),
        reverse("monitoring:proposal-create", args=["kurzeme"]),
        reverse("monitoring:proposal-decide", args=[proposal.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_a_council_member_has_no_proposal_list(client, people):
    client.force_login(people.zemgale_council)
    assert client.get(reverse("monitoring:proposals")).status_code == 404


# --- the coordinator decides ----------------------------------------------------------


def test_the_coordinator_records_the_decision_with_the_reason(client, kurzeme, proposal):
    client.force_login(kurzeme.coordinator)
    listed = client.get(reverse("monitoring:proposals")).content.decode()
    url = reverse("monitoring:proposal-decide", args=[proposal.pk])
    assert url in listed
    response = client.post(
        url,
        {
            "decision": Decision.INCLUDED_ELSEWHERE,
            "reason": "Atelpas brīdis ir īslaicīgās sociālās aprūpes pakalpojums.",
            "included_in": kurzeme.programme.nodes.get(code="1.1.5").pk,
            "decided_on": "2015-03-02",
            "decided_how": "Darba grupas sēdē",
        },
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.decision == Decision.INCLUDED_ELSEWHERE
    assert proposal.included_in.code == "1.1.5"
    assert proposal.decided_on == datetime.date(2015, 3, 2)
    assert proposal.decided_by == kurzeme.coordinator
    assert proposal.history.latest("history_date").history_user == kurzeme.coordinator
    page = _page(client)
    assert "Atelpas brīdis ir īslaicīgās sociālās aprūpes pakalpojums." in page
    assert "02.03.2015; Darba grupas sēdē" in page


@pytest.mark.parametrize(
    "decision", [Decision.INCLUDED, Decision.NOT_INCLUDED, Decision.INCLUDED_ELSEWHERE]
)
def test_every_decision_needs_a_reason(client, kurzeme, proposal, decision):
    client.force_login(kurzeme.coordinator)
    response = client.post(
        reverse("monitoring:proposal-decide", args=[proposal.pk]),
        {
            "decision": decision,
            "reason": "",
            "included_in": kurzeme.programme.nodes.get(code="1.1.5").pk,
            "decided_how": "Sēdē",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert shown(REASON_REQUIRED) in html
    assert 'value="Sēdē"' in html  # what was typed is kept
    proposal.refresh_from_db()
    assert proposal.is_pending


def test_included_elsewhere_needs_the_place(kurzeme, proposal):
    with pytest.raises(ValidationError) as error:
        proposals.proposal_decide(
            proposal=proposal,
            by=kurzeme.coordinator,
            decision=Decision.INCLUDED_ELSEWHERE,
            reason="Jau ir programmā.",
        )
    assert error.value.message_dict == {"included_in": [str(PLACE_REQUIRED)]}


def test_pending_needs_no_reason_and_takes_the_decision_back(kurzeme, proposal):
    decided = proposals.proposal_decide(
        proposal=proposal,
        by=kurzeme.coordinator,
        decision=Decision.NOT_INCLUDED,
        reason="Nav alternatīvais pakalpojums.",
        decided_how="Sēdē",
    )
    assert decided.decided_on == timezone.localdate()
    back = proposals.proposal_decide(
        proposal=decided, by=kurzeme.coordinator, decision=Decision.PENDING, reason=""
    )
    assert back.is_pending
    assert (back.decided_on, back.decided_by, back.decided_how) == (None, None, "")


def test_a_decision_cannot_be_dated_in_the_future(kurzeme, proposal):
    with pytest.raises(ValidationError) as error:
        proposals.proposal_decide(
            proposal=proposal,
            by=kurzeme.coordinator,
            decision=Decision.INCLUDED,
            reason="Iekļauts.",
            decided_on=timezone.localdate() + datetime.timedelta(days=1),
        )
    assert "decided_on" in error.value.message_dict


def test_the_database_refuses_a_decision_without_a_reason(proposal):
    proposal.decision = Decision.INCLUDED
    with pytest.raises(ValidationError) as error:
        proposal.full_clean()
    assert str(REASON_REQUIRED) in error.value.messages


def test_another_regions_coordinator_gets_404(client, people, proposal):
    client.force_login(people.zemgale_coordinator)
    url = reverse("monitoring:proposal-decide", args=[proposal.pk])
    assert client.get(url).status_code == 404
    response = client.post(url, {"decision": Decision.INCLUDED, "reason": "Jā."})
    assert response.status_code == 404
    proposal.refresh_from_db()
    assert proposal.is_pending
    with pytest.raises(PermissionDenied):
        proposals.proposal_decide(
            proposal=proposal, by=people.zemgale_coordinator, decision="included", reason="Jā."
        )


def test_staff_cannot_decide_their_own_proposal(client, kurzeme, proposal):
    client.force_login(kurzeme.kuldiga_staff)
    assert client.get(reverse("monitoring:proposal-decide", args=[proposal.pk])).status_code == 404
    listed = client.get(reverse("monitoring:proposals")).content.decode()
    assert reverse("monitoring:proposal-decide", args=[proposal.pk]) not in listed
    assert reverse("monitoring:proposal-create", args=["kurzeme"]) in listed


def test_the_list_shows_the_undecided_first_and_filters_by_decision(client, kurzeme, proposal):
    client.force_login(kurzeme.coordinator)
    html = client.get(reverse("monitoring:proposals")).content.decode()
    assert html.index("atelpas brīža pakalpojumu") < html.index("sociālo dzīvokļu attīstīšana")
    only = client.get(reverse("monitoring:proposals"), {"decision": "included_elsewhere"})
    text = only.content.decode()
    assert "Atbalsta ģimeņu/uzticības personu pakalpojumi" in text
    assert "sociālo dzīvokļu attīstīšana" not in text
    empty = client.get(reverse("monitoring:proposals"), {"programme": "kurzeme", "decision": "x"})
    assert "atelpas brīža pakalpojumu" in empty.content.decode()  # an unknown filter: all


def test_the_reporting_start_page_links_to_the_proposals(client, kurzeme):
    client.force_login(kurzeme.talsi_staff)
    html = client.get(reverse("monitoring:index")).content.decode()
    assert reverse("monitoring:proposals") in html
