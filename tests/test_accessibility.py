"""axe-core (WCAG 2.1 A and AA rules) finds no violation on the main pages, in real Chromium."""

import datetime
import json

import pytest
from django.utils import timezone

from monitoring import services
from monitoring.demo import demo_users_create
from monitoring.models import Project, Survey
from programmes.models import Programme, ProgrammeNode
from tests.browser import axe_violations, log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.bypass_csp,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("published_data"),
]


def test_the_main_pages_have_no_accessibility_violations(live_server, page):
    demo_users_create()
    zemgale = Programme.objects.get(slug="zemgale")
    coordinator = zemgale.region.memberships.get(role="coordinator").user
    reporting_round = services.round_open(
        programme=zemgale,
        year=2015,
        deadline=timezone.localdate() + datetime.timedelta(days=10),
        by=coordinator,
    )
    jelgava = reporting_round.submissions.get(municipality__name="Jelgava")
    task = ProgrammeNode.objects.get(programme=zemgale, code="1.1")
    url = live_server.url
    pages = {}

    page.goto(url + "/")
    pages["home"] = axe_violations(page)
    page.goto(url + "/programmes/kurzeme/")
    pages["programme"] = axe_violations(page)
    page.goto(url + "/municipalities/jelgava/")
    pages["municipality with its catalogue and trends"] = axe_violations(page)
    partnership = Project.objects.exclude(title_en="").get()
    page.goto(url + partnership.get_absolute_url())
    pages["partnership project"] = axe_violations(page)

    log_in(page, url, "dienests-jelgava")
    page.goto(url + jelgava.get_absolute_url())
    pages["entry form"] = axe_violations(page)

    log_in(page, url, "koordinators-zemgale")
    page.goto(f"{url}/dashboard/zemgale/?year=2014")
    pages["dashboard"] = axe_violations(page)
    page.goto(f"{url}/dashboard/zemgale/tasks/{task.pk}/")
    pages["task drill-down"] = axe_violations(page)
    page.goto(f"{url}/dashboard/zemgale/municipalities/jelgava/")
    pages["municipality drill-down"] = axe_violations(page)
    page.goto(f"{url}/reporting/submissions/{jelgava.pk}/review/")
    pages["review of a submission"] = axe_violations(page)

    log_in(page, url, "padome-zemgale")
    page.goto(f"{url}/reports/zemgale/2014/")
    pages["annual review"] = axe_violations(page)

    log_in(page, url, "koordinators-latgale")
    survey = Survey.objects.get(programme__slug="latgale", year=2014)
    page.goto(f"{url}/reporting/surveys/{survey.pk}/")
    pages["survey"] = axe_violations(page)
    page.goto(f"{url}/reporting/proposals/")
    pages["proposals"] = axe_violations(page)

    log_in(page, url, "admin")
    page.goto(f"{url}/dashboard/latgale/?year=2014")
    pages["dashboard with money"] = axe_violations(page)

    found = {name: v for name, v in pages.items() if v}
    assert not found, json.dumps(found, indent=2, ensure_ascii=False)
