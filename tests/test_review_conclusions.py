"""The review's conclusions: the computed share states its ground, follows the printed rule,
is withheld while too few reports are approved, and stands beside the coordinator's own
assessment, which is labelled as hers."""

import re
from html import unescape

import pytest
from django.urls import reverse
from django.utils.translation import gettext

from monitoring import services
from monitoring.models import ProgressEntry, Submission
from programmes.models import Programme
from reports.conclusions import (
    MAJORITY_RULE,
    MIN_APPROVED_SHARE,
    majority_status,
    task_fulfilled,
)
from reports.models import ReviewText
from reports.review import annual_review
from tests.pdf import pdf_text, words

pytestmark = pytest.mark.django_db

ASSESSMENT = (
    "Procentuāli var noteikt, ka aptuveni 70 % no plānotajiem uzdevumiem ir izpildīti gan "
    "vietējā, gan reģionālajā līmenī."
)
SHARE = re.compile(r"Izpildīti \d+ no \d+ uzdevumiem \(\d+ %\)")


def _approve(reporting_round, count: int, statuses=None) -> list[Submission]:
    """The first `count` municipalities' reports approved, every task "implemented" unless
    `statuses` ({node index: [status per approved municipality]}) says otherwise."""
    nodes = services.reportable_nodes(reporting_round.programme)
    submissions = list(reporting_round.submissions.order_by("municipality__name")[:count])
    for i, submission in enumerate(submissions):
        ProgressEntry.objects.bulk_create(
            ProgressEntry(
                node=node,
                municipality=submission.municipality,
                year=reporting_round.year,
                status=(statuses or {}).get(n, ["implemented"] * count)[i],
            )
            for n, node in enumerate(nodes)
        )
    Submission.objects.filter(pk__in=[s.pk for s in submissions]).update(
        state=Submission.State.APPROVED
    )
    return submissions


def test_a_tie_is_no_majority_and_the_task_is_not_fulfilled():
    assert majority_status({"implemented": 2, "partial": 2, "no_information": 18}) == ""
    assert not task_fulfilled(region_status="", counts={"implemented": 2, "partial": 2})
    # Most of those that gave information: more than half, not merely the largest group.
    assert not task_fulfilled(
        region_status="", counts={"implemented": 2, "partial": 1, "unchanged": 1}
    )
    assert task_fulfilled(region_status="", counts={"implemented": 3, "partial": 2})
    assert task_fulfilled(region_status="improved", counts={"partial": 5})


def test_a_tie_between_municipalities_leaves_the_task_unfulfilled(zemgale_round):
    half = ["implemented"] * 6 + ["partial"] * 6
    _approve(zemgale_round, 12, statuses={0: half, 1: ["implemented"] * 7 + ["partial"] * 5})
    review = annual_review(zemgale_round.programme, 2015)
    nodes = services.reportable_nodes(zemgale_round.programme)
    lines = {t.node: t for t in review.tasks}
    assert lines[nodes[0]].counts == {"implemented": 6, "partial": 6, "no_information": 10}
    assert not lines[nodes[0]].fulfilled
    assert lines[nodes[1]].fulfilled
    assert str(MAJORITY_RULE) in review.conclusions.rule  # the printed rule says so


def test_with_1_of_22_reports_approved_no_share_is_given(client, people, zemgale_round):
    _approve(zemgale_round, 1)
    conclusions = annual_review(zemgale_round.programme, 2015).conclusions
    assert conclusions.is_withheld
    assert (conclusions.approved, conclusions.municipalities) == (1, 22)
    assert conclusions.required == 11 == 22 * MIN_APPROVED_SHARE
    assert conclusions.percent is None and conclusions.share == ""
    assert "50 %" in conclusions.withheld_reason and "11" in conclusions.withheld_reason

    client.force_login(people.zemgale_council)
    html = unescape(client.get(reverse("reports:review", args=["zemgale", 2015])).content.decode())
    assert conclusions.withheld_reason in html
    assert not SHARE.search(html)


def test_with_every_report_approved_the_share_says_what_it_is_computed_from(
    client, people, zemgale_round
):
    _approve(zemgale_round, 22)
    conclusions = annual_review(zemgale_round.programme, 2015).conclusions
    assert not conclusions.is_withheld
    # every municipality reported every task "implemented"; the region-only tasks without a
    # region entry for 2015 are not fulfilled
    assert conclusions.percent == round(100 * conclusions.fulfilled_count / conclusions.counted)
    assert conclusions.fulfilled_count > conclusions.counted / 2
    assert "22" in conclusions.ground

    client.force_login(people.zemgale_council)
    html = unescape(client.get(reverse("reports:review", args=["zemgale", 2015])).content.decode())
    assert SHARE.search(html)
    assert conclusions.share in html and conclusions.ground in html


def test_a_year_without_a_round_is_computed_from_its_published_data():
    conclusions = annual_review(Programme.objects.get(slug="zemgale"), 2014).conclusions
    assert not conclusions.is_withheld and conclusions.counted == 34
    assert "2014" in conclusions.ground


def test_the_seeded_assessment_is_the_working_groups_not_the_conclusions():
    text = ReviewText.objects.get(programme__slug="zemgale", year=2014)
    assert text.assessment == ASSESSMENT
    assert "aptuveni 70 %" not in text.conclusions


def test_the_coordinators_assessment_stands_labelled_beside_the_computed_share(client, people):
    client.force_login(people.zemgale_council)
    label = gettext("The coordinator's (working group's) assessment")
    html = unescape(client.get(reverse("reports:review", args=["zemgale", 2014])).content.decode())
    conclusions = html[html.index('id="part-conclusions"') :]
    assert label in conclusions and ASSESSMENT in conclusions
    assert conclusions.index(label) < conclusions.index(ASSESSMENT)
    assert SHARE.search(conclusions).start() < conclusions.index(label)

    pdf = client.get(reverse("reports:pdf", args=["zemgale", 2014]))
    assert pdf["Content-Type"] == "application/pdf"
    text = words(pdf_text(pdf.getvalue()))
    part = text[text.rindex(gettext("Computed from the monitoring data")) :]
    assert SHARE.search(part)
    assert words(label) in part and ASSESSMENT in part


def test_the_coordinator_writes_the_assessment_and_the_introduction(client, people):
    programme = Programme.objects.get(slug="zemgale")
    client.force_login(people.zemgale_coordinator)
    response = client.post(
        reverse("reports:review", args=["zemgale", 2015]),
        {"introduction": "Ievads 2015.", "assessment": "Aptuveni puse.", "conclusions": ""},
    )
    assert response.status_code == 302
    text = ReviewText.objects.get(programme=programme, year=2015)
    assert (text.introduction, text.assessment) == ("Ievads 2015.", "Aptuveni puse.")


def test_a_year_without_text_starts_from_last_years_introduction(client, people):
    programme = Programme.objects.get(slug="zemgale")
    ReviewText.objects.filter(programme=programme, year=2014).update(
        introduction="Programmas ievads 2014. gadam."
    )
    client.force_login(people.zemgale_coordinator)
    html = unescape(client.get(reverse("reports:review", args=["zemgale", 2015])).content.decode())
    assert re.search(r'<textarea name="introduction"[^>]*>\s*Programmas ievads 2014. gadam.', html)
    # a year with its own text keeps it
    ReviewText.objects.create(programme=programme, year=2015, introduction="Savs ievads.")
    html = unescape(client.get(reverse("reports:review", args=["zemgale", 2015])).content.decode())
    assert "Programmas ievads 2014. gadam." not in html
    assert re.search(r'<textarea name="introduction"[^>]*>\s*Savs ievads.', html)
