"""The coordinator clicks through the dashboard in headless Chromium."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from monitoring import services
from monitoring.demo import demo_users_create
from programmes.models import Programme
from tests.browser import log_in, screenshot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("published_data"),
]


def test_the_coordinator_goes_from_the_grid_to_a_submission_and_from_a_bar_to_a_task(
    live_server, page
):
    demo_users_create()
    zemgale = Programme.objects.get(slug="zemgale")
    coordinator = zemgale.region.memberships.get(role="coordinator").user
    reporting_round = services.round_open(
        programme=zemgale,
        year=2015,
        deadline=timezone.localdate() + datetime.timedelta(days=10),
        by=coordinator,
    )
    staff = reporting_round.submissions.get(municipality__name="Jelgava")
    nodes = services.reportable_nodes(zemgale)
    jelgava = services.submission_save(
        submission=staff,
        by=staff.municipality.memberships.get().user,
        version=0,
        data=services.SubmissionData(
            entries={
                n.pk: {"status": "implemented", "narrative": f"Teksts {n.code}."} for n in nodes
            }
        ),
    )
    services.submission_submit(submission=jelgava, by=jelgava.updated_by)

    log_in(page, live_server.url, "koordinators-zemgale")
    page.get_by_role("navigation", name="Galvenā izvēlne").get_by_role(
        "link", name="Pārskata paneļi"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Zemgale: 2015. gada panelis")
    screenshot(page, "dashboard")

    page.get_by_role("link", name="Jelgava: iesniegts").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Izskatīšana: Jelgava, 2015")
    page.go_back()

    page.get_by_role("row").filter(
        has=page.get_by_role("link", name="1.1", exact=True)
    ).get_by_role("img").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("1.1 Attīstīt iedzīvotāju")
    expect(page.get_by_text("Teksts 1.1.")).to_be_visible()
    screenshot(page, "task")
