"""Staff enter their year: save a draft, keep what was typed, submit when complete."""

from decimal import Decimal

import pytest
from django.urls import reverse

from monitoring.models import ProgressEntry, Submission
from monitoring.services import reportable_nodes
from municipalities.models import YearlyFigures

pytestmark = pytest.mark.django_db


def _form_data(submission, entries=None, version=None, action="save", **extra):
    """POST data as the entry form sends it: every task, indicator and figure field."""
    data = {"version": submission.version if version is None else version, "action": action}
    for node in reportable_nodes(submission.round.programme):
        values = (entries or {}).get(node.code, {})
        data[f"n{node.pk}-status"] = values.get("status", "")
        data[f"n{node.pk}-narrative"] = values.get("narrative", "")
        data[f"n{node.pk}-quantity"] = values.get("quantity", "")
    data.update(
        {
            "projects-TOTAL_FORMS": "1",
            "projects-INITIAL_FORMS": "0",
            "projects-MIN_NUM_FORMS": "0",
            "projects-MAX_NUM_FORMS": "1000",
            "projects-0-currency": "EUR",  # the empty extra row's select, as a browser sends it
        }
    )
    data.update(extra)
    return data


def _all_tasks(submission, status="implemented"):
    return {n.code: {"status": status} for n in reportable_nodes(submission.round.programme)}


def test_region_only_tasks_are_not_asked_of_municipalities(client, people, jelgava_submission):
    client.force_login(people.jelgava_staff)
    html = client.get(jelgava_submission.get_absolute_url()).content.decode()
    assert "Vienots uzticības telefons" not in html  # 1.11, the planning region's task
    assert "Atelpas brīža pakalpojumu centra izveide reģionā." in html  # 1.10, both


def test_it_saves_a_draft_and_shows_it_after_reload(client, people, jelgava_submission):
    client.force_login(people.jelgava_staff)
    data = _form_data(
        jelgava_submission,
        {
            "1.1": {"status": "improved", "narrative": "Atvērts dienas centrs."},
            "1.3": {"narrative": "Grupu darbs sākts.", "quantity": "3"},
        },
    )
    response = client.post(jelgava_submission.get_absolute_url(), data)
    assert response.status_code == 302
    entry = ProgressEntry.objects.get(
        node__programme__slug="zemgale", node__code="1.1", municipality=people.jelgava, year=2015
    )
    assert (entry.status, entry.narrative) == ("improved", "Atvērts dienas centrs.")
    assert ProgressEntry.objects.get(node__code="1.3", municipality=people.jelgava).quantity == 3
    jelgava_submission.refresh_from_db()
    assert jelgava_submission.state == Submission.State.DRAFT
    assert jelgava_submission.version == 1
    html = client.get(jelgava_submission.get_absolute_url()).content.decode()
    assert "Atvērts dienas centrs." in html
    assert "Grupu darbs sākts." in html


def test_a_failed_validation_saves_nothing_and_keeps_what_was_typed(
    client, people, jelgava_submission
):
    client.force_login(people.jelgava_staff)
    data = _form_data(
        jelgava_submission,
        {"1.1": {"status": "improved", "narrative": "Teksts, kas nedrīkst pazust."}},
        **{"figures-social_budget": "daudz"},
    )
    response = client.post(jelgava_submission.get_absolute_url(), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Nekas netika saglabāts" in html
    assert "Teksts, kas nedrīkst pazust." in html
    assert 'value="daudz"' in html
    assert not ProgressEntry.objects.filter(municipality=people.jelgava, year=2015).exists()


def test_negative_amounts_are_refused(client, people, jelgava_submission):
    client.force_login(people.jelgava_staff)
    data = _form_data(jelgava_submission, **{"figures-social_budget": "-5"})
    response = client.post(jelgava_submission.get_absolute_url(), data)
    assert response.status_code == 400
    assert not YearlyFigures.objects.filter(municipality=people.jelgava, year=2015).exists()


def test_it_saves_figures_in_euro(client, people, jelgava_submission):
    client.force_login(people.jelgava_staff)
    data = _form_data(
        jelgava_submission, **{"figures-social_budget": "1200000.50", "figures-clients": "812"}
    )
    client.post(jelgava_submission.get_absolute_url(), data)
    figures = YearlyFigures.objects.get(municipality=people.jelgava, year=2015)
    assert (figures.social_budget, figures.clients, figures.currency) == (
        Decimal("1200000.50"),
        812,
        "EUR",
    )


def test_submit_with_a_task_missing_says_which_and_keeps_the_draft(
    client, people, jelgava_submission
):
    client.force_login(people.jelgava_staff)
    entries = _all_tasks(jelgava_submission)
    del entries["2.3"]
    entries["1.1"]["narrative"] = "Saglabājas."
    response = client.post(
        jelgava_submission.get_absolute_url(),
        _form_data(jelgava_submission, entries, action="submit"),
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "1 uzdevumam nav statusa: 2.3." in html
    assert "Palielināt pašvaldības atbildību par sociālo pakalpojumu pieejamību" in html
    jelgava_submission.refresh_from_db()
    assert jelgava_submission.state == Submission.State.DRAFT
    assert ProgressEntry.objects.get(node__code="1.1", municipality=people.jelgava).narrative == (
        "Saglabājas."
    )


def test_a_complete_submission_is_submitted_and_then_read_only(client, people, jelgava_submission):
    client.force_login(people.jelgava_staff)
    response = client.post(
        jelgava_submission.get_absolute_url(),
        _form_data(jelgava_submission, _all_tasks(jelgava_submission), action="submit"),
    )
    assert response.status_code == 302
    jelgava_submission.refresh_from_db()
    assert jelgava_submission.state == Submission.State.SUBMITTED
    html = client.get(jelgava_submission.get_absolute_url()).content.decode()
    assert "<textarea" not in html
    assert "Iesniegts" in html
    response = client.post(
        jelgava_submission.get_absolute_url(),
        _form_data(jelgava_submission, _all_tasks(jelgava_submission, "partial")),
    )
    assert response.status_code == 404
    assert not ProgressEntry.objects.filter(municipality=people.jelgava, status="partial").exists()


def test_a_conflicting_save_is_shown_and_overwrites_nothing(client, people, jelgava_submission):
    client.force_login(people.jelgava_staff)
    url = jelgava_submission.get_absolute_url()
    opened_version = jelgava_submission.version
    first = _form_data(jelgava_submission, {"1.1": {"status": "improved", "narrative": "Pirmais."}})
    assert client.post(url, first).status_code == 302

    second = _form_data(
        jelgava_submission,
        {"1.1": {"status": "partial", "narrative": "Otrais."}},
        version=opened_version,
    )
    response = client.post(url, second)
    assert response.status_code == 409
    html = response.content.decode()
    assert "Kāds cits saglabāja šo pārskatu pēc tam, kad to atvērāt" in html
    assert "Pirmais." in html and "Otrais." in html
    assert ProgressEntry.objects.get(node__code="1.1", municipality=people.jelgava).narrative == (
        "Pirmais."
    )
    # Saving again from the conflict page is a deliberate choice and goes through.
    again = dict(second, version=str(opened_version + 1))
    assert client.post(url, again).status_code == 302
    assert ProgressEntry.objects.get(node__code="1.1", municipality=people.jelgava).narrative == (
        "Otrais."
    )


def test_staff_of_another_municipality_gets_404(client, people, jelgava_submission):
    client.force_login(people.dobele_staff)
    url = jelgava_submission.get_absolute_url()
    assert client.get(url).status_code == 404
    response = client.post(url, _form_data(jelgava_submission, {"1.1": {"status": "improved"}}))
    assert response.status_code == 404
    assert not ProgressEntry.objects.filter(municipality=people.jelgava, year=2015).exists()


def test_anonymous_is_sent_to_log_in(client, jelgava_submission):
    response = client.get(jelgava_submission.get_absolute_url())
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_every_change_is_kept_with_who_made_it(client, people, jelgava_submission):
    client.force_login(people.jelgava_staff)
    url = jelgava_submission.get_absolute_url()
    client.post(url, _form_data(jelgava_submission, {"1.1": {"status": "improved"}}))
    jelgava_submission.refresh_from_db()
    client.post(url, _form_data(jelgava_submission, {"1.1": {"status": "partial"}}))
    entry = ProgressEntry.objects.get(node__code="1.1", municipality=people.jelgava)
    history = list(entry.history.order_by("history_date"))
    assert [h.status for h in history] == ["improved", "partial"]
    assert {h.history_user for h in history} == {people.jelgava_staff}
