"""Finalising a review: while any municipality's report is missing or not approved, only after
an explicit confirmation that lists them; the version then says so on its cover."""

from html import unescape

import pytest
from django.urls import reverse
from django.utils.translation import gettext

from monitoring.models import Submission
from reports.models import ReviewPdf, ReviewVersion
from reports.services import FINALISE_UNCONFIRMED
from tests.pdf import pdf_text, words

pytestmark = pytest.mark.django_db


def _finalise(client, year, **data):
    return client.post(reverse("reports:finalise", args=["zemgale", year]), data, follow=True)


@pytest.fixture
def jelgava_approved(people, zemgale_round):
    """Zemgale 2015 with only Jelgava's report approved."""
    zemgale_round.submissions.filter(municipality=people.jelgava).update(
        state=Submission.State.APPROVED
    )
    return zemgale_round


def test_the_page_asks_to_confirm_and_lists_the_reports_not_approved(
    client, people, jelgava_approved
):
    client.force_login(people.zemgale_coordinator)
    page = unescape(client.get(reverse("reports:review", args=["zemgale", 2015])).content.decode())
    form = page[page.index('action="/reports/zemgale/2015/finalise/"') :]
    assert 'name="incomplete_confirmed" value="yes" required' in form
    assert "Dobeles novads" in form and "Jelgava (" not in form.split("</form>")[0]


def test_finalising_an_incomplete_review_unconfirmed_is_refused_and_stores_nothing(
    client, people, jelgava_approved
):
    client.force_login(people.zemgale_coordinator)
    response = _finalise(client, 2015)
    assert response.redirect_chain[-1][0].startswith(
        reverse("reports:review", args=["zemgale", 2015])
    )
    assert str(FINALISE_UNCONFIRMED) in unescape(response.content.decode())
    assert not ReviewVersion.objects.exists() and not ReviewPdf.objects.exists()
    # a confirmation with any other value is no confirmation
    _finalise(client, 2015, incomplete_confirmed="on")
    assert not ReviewVersion.objects.exists()


def test_confirmed_the_version_is_marked_incomplete_on_its_cover(client, people, jelgava_approved):
    client.force_login(people.zemgale_coordinator)
    _finalise(client, 2015, incomplete_confirmed="yes")
    version = ReviewVersion.objects.get()
    assert version.incomplete
    assert "Dobeles novads: " in version.not_approved
    assert "Jelgava:" not in version.not_approved
    assert len(version.not_approved.splitlines()) == 21

    text = pdf_text(bytes(version.pdf))
    cover = words(text.split("\f")[0])
    note = gettext(
        "FINAL VERSION, finalised before every municipality's report was approved: "
        "%(approved)s of %(total)s approved."
    ) % {"approved": 1, "total": 22}
    assert words(note) in cover
    assert gettext("Not approved:") in cover and "Dobeles novads" in cover
    assert gettext("DRAFT") not in text  # not a draft: a final version, incomplete
    # The page lists the version with what it lacked.
    page = unescape(client.get(reverse("reports:review", args=["zemgale", 2015])).content.decode())
    assert version.get_absolute_url() in page
    # The review's own PDF stays a draft.
    draft = client.get(reverse("reports:pdf", args=["zemgale", 2015])).getvalue()
    assert gettext("DRAFT") in pdf_text(draft)


def test_a_complete_review_finalises_without_the_question(client, people):
    client.force_login(people.zemgale_coordinator)
    # 2014 has no reporting round: the published review, complete as it is
    response = _finalise(client, 2014)
    assert str(FINALISE_UNCONFIRMED) not in unescape(response.content.decode())
    version = ReviewVersion.objects.get()
    assert not version.incomplete and version.not_approved == ""
    assert gettext("Not approved:") not in pdf_text(bytes(version.pdf))


def test_a_round_with_every_report_approved_finalises_without_the_question(
    client, people, zemgale_round
):
    zemgale_round.submissions.update(state=Submission.State.APPROVED)
    client.force_login(people.zemgale_coordinator)
    _finalise(client, 2015)
    assert not ReviewVersion.objects.get().incomplete
