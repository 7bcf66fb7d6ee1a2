"""axe-core (WCAG 2.1 A and AA rules) finds no violation on the main pages, in real Chromium."""

import datetime
import json
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import expect

from monitoring import services
from monitoring.demo import DEMO_PASSWORD, demo_users_create
from programmes.models import Programme, ProgrammeNode

pytestmark = [
    pytest.mark.browser,
    pytest.mark.bypass_csp,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("published_data"),
]

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def _violations(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_AA
    )
    assert len(result["passes"]) > 10, "axe-core ran no rules"
    return [
        {
            "id": v["id"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"][:5]],
        }
        for v in result["violations"]
    ]


def _log_in(page, url, username):
    page.goto(url + "/login/")
    page.get_by_label("Lietotājvārds").fill(username)
    page.get_by_label("Parole").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Pieslēgties").click()
    expect(page.get_by_role("button", name="Iziet")).to_be_visible()


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
    pages["home"] = _violations(page)
    page.goto(url + "/programmes/kurzeme/")
    pages["programme"] = _violations(page)

    _log_in(page, url, "dienests-jelgava")
    page.goto(url + jelgava.get_absolute_url())
    pages["entry form"] = _violations(page)

    _log_in(page, url, "koordinators-zemgale")
    page.goto(f"{url}/dashboard/zemgale/?year=2014")
    pages["dashboard"] = _violations(page)
    page.goto(f"{url}/dashboard/zemgale/tasks/{task.pk}/")
    pages["task drill-down"] = _violations(page)
    page.goto(f"{url}/dashboard/zemgale/municipalities/jelgava/")
    pages["municipality drill-down"] = _violations(page)
    page.goto(f"{url}/reporting/submissions/{jelgava.pk}/review/")
    pages["review of a submission"] = _violations(page)

    _log_in(page, url, "padome-zemgale")
    page.goto(f"{url}/reports/zemgale/2014/")
    pages["annual review"] = _violations(page)

    _log_in(page, url, "admin")
    page.goto(f"{url}/dashboard/latgale/?year=2014")
    pages["dashboard with money"] = _violations(page)

    found = {name: v for name, v in pages.items() if v}
    assert not found, json.dumps(found, indent=2, ensure_ascii=False)
