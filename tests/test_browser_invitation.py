"""The invitation in headless Chromium: the coordinator invites, the link of the e-mail the
real SMTP server received sets the password, the new person logs in and sees only her
municipality. axe-core finds nothing on the pages on the way."""

import datetime
import json
import re
import time

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from monitoring import services
from monitoring.demo import demo_users_create
from programmes.models import Programme
from tests.browser import axe_violations, log_in, log_out, screenshot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.bypass_csp,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("published_data"),
]

ADDRESS = "ilze.liepa@jelgava.lv"
PASSWORD = "Lielupe-pie-Jelgavas-7"


def _received(inbox, address, timeout=10.0):
    """The e-mail to the address, once the server has it (the worker sends after the commit)."""
    deadline = time.monotonic() + timeout
    while not inbox.to(address):
        assert time.monotonic() < deadline, "no e-mail arrived"
        time.sleep(0.1)
    (message,) = inbox.to(address)
    return message


def test_an_invited_person_sets_her_password_and_sees_her_municipality(
    live_server, page, smtp_server, settings
):
    settings.SITE_URL = live_server.url
    demo_users_create()
    zemgale = Programme.objects.get(slug="zemgale")
    services.round_open(
        programme=zemgale,
        year=2015,
        deadline=timezone.localdate() + datetime.timedelta(days=20),
        by=zemgale.region.memberships.get(role="coordinator").user,
    )
    url = live_server.url
    found = {}

    log_in(page, url, "koordinators-zemgale")
    page.get_by_role("link", name="Piekļuve", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Piekļuve: Zemgale")
    expect(page.get_by_role("row").filter(has_text="dienests-jelgava@example.lv")).to_be_visible()
    found["people"] = axe_violations(page)

    page.get_by_role("link", name="Uzaicināt personu").click()
    found["invitation form"] = axe_violations(page)
    page.get_by_label("E-pasta adrese").fill(ADDRESS)
    page.get_by_label("Vārds", exact=True).fill("Ilze")
    page.get_by_label("Uzvārds").fill("Liepa")
    page.get_by_label("Loma").select_option("staff")
    page.get_by_label("Pašvaldība").select_option(label="Jelgava")
    page.get_by_role("button", name="Nosūtīt uzaicinājumu").click()
    expect(page.get_by_role("status")).to_contain_text(f"Uzaicinājums nosūtīts uz {ADDRESS}")
    row = page.get_by_role("row").filter(has_text=ADDRESS)
    expect(row).to_contain_text("uzaicināts, parole vēl nav iestatīta")
    screenshot(page, "invitation-people")
    log_out(page)

    message = _received(smtp_server, ADDRESS)
    link = re.search(re.escape(url) + r"/password/reset/\S+/", smtp_server.text(message)).group()
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Iestatiet savu paroli")
    found["set password"] = axe_violations(page)
    page.get_by_label("Jaunā parole", exact=True).fill(PASSWORD)
    page.get_by_label("Jaunā parole vēlreiz").fill(PASSWORD)
    page.get_by_role("button", name="Saglabāt paroli").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Parole iestatīta")

    page.locator("main").get_by_role("link", name="Pieslēgties").click()
    page.get_by_label("Lietotājvārds").fill(ADDRESS)
    page.get_by_label("Parole").fill(PASSWORD)
    page.get_by_role("button", name="Pieslēgties").click()
    expect(page.get_by_role("button", name="Iziet")).to_be_visible()
    expect(page.locator(".user-name")).to_have_text("Ilze Liepa")
    reports = page.get_by_role("region", name="Manas pašvaldības pārskati").get_by_role("row")
    expect(reports).to_have_count(2)  # the heading's row and Jelgava's 2015
    expect(reports.nth(1)).to_contain_text("Jelgava")
    expect(page.get_by_role("link", name="Piekļuve", exact=True)).to_have_count(0)
    screenshot(page, "invitation-logged-in")

    found = {name: v for name, v in found.items() if v}
    assert not found, json.dumps(found, indent=2, ensure_ascii=False)
