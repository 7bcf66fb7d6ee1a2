"""The whole reporting round in headless Chromium, with the demo users."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from monitoring.demo import demo_users_create
from monitoring.models import Submission
from programmes.models import Programme
from tests.browser import log_in, log_out, screenshot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("published_data"),
]


def _task(page, code):
    return (
        page.locator("fieldset.task")
        .filter(has=page.locator("legend .code", has_text=code))
        .filter(has=page.locator(f"xpath=./legend/span[text()='{code}']"))
    )


def test_the_reporting_round_from_opening_to_approval(live_server, page):
    demo_users_create()
    # Task 1.3 counts its group work here, so that a number is asked (Zemgale's tasks name no
    # unit: monitoring/questions.py).
    Programme.objects.get(slug="zemgale").nodes.filter(code="1.3").update(unit="dienas centri")
    url = live_server.url
    deadline = timezone.localdate() + datetime.timedelta(days=30)

    # The coordinator opens 2015.
    log_in(page, url, "koordinators-zemgale")
    expect(page.get_by_role("heading", name="Ikgadējie pārskati")).to_be_visible()
    page.get_by_role("link", name="Atvērt pārskata gadu: Zemgale").click()
    page.get_by_label("Pārskata gads").select_option("2015")
    page.get_by_label("Termiņš").fill(deadline.isoformat())
    page.get_by_role("button", name="Atvērt gadu").click()
    expect(page.get_by_role("status")).to_contain_text("2015. gada pārskats atvērts 22 pašvaldībām")
    log_out(page)

    # Jelgava fills two tasks and saves a draft.
    log_in(page, url, "dienests-jelgava")
    page.get_by_role("link", name="2015").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Jelgava: 2015. gada pārskats")
    first, second = _task(page, "1.1"), _task(page, "1.3")
    first.get_by_label("Statuss").select_option("improved")
    first.get_by_label("Izpildes apraksts").fill("Atvērts jauns dienas centrs senioriem.")
    second.get_by_label("Statuss").select_option("partial")
    second.get_by_label("Sasniegtais skaits (dienas centri)").fill("4")
    page.get_by_role("button", name="Saglabāt melnrakstu").click()
    expect(page.get_by_role("status")).to_contain_text("Melnraksts saglabāts.")

    page.reload()
    expect(_task(page, "1.1").get_by_label("Izpildes apraksts")).to_have_value(
        "Atvērts jauns dienas centrs senioriem."
    )
    expect(_task(page, "1.3").get_by_label("Statuss")).to_have_value("partial")
    expect(_task(page, "1.3").get_by_label("Sasniegtais skaits (dienas centri)")).to_have_value("4")

    # Submitting with one task open says which.
    selects = page.locator("select[name$='-status']")
    for i in range(selects.count()):
        if not selects.nth(i).input_value():
            selects.nth(i).select_option("implemented")
    _task(page, "2.3").get_by_label("Statuss").select_option("")
    page.get_by_role("button", name="Iesniegt koordinatoram").click()
    alert = page.get_by_role("alert").filter(has_text="vēl nav statusa")
    expect(alert).to_contain_text("1 uzdevumam vēl nav statusa")
    expect(alert.get_by_role("link")).to_contain_text("2.3")
    screenshot(page, "round-missing-task")

    _task(page, "2.3").get_by_label("Statuss").select_option("not_implemented")
    page.get_by_role("button", name="Iesniegt koordinatoram").click()
    expect(page.get_by_role("status")).to_contain_text("Iesniegts koordinatoram")
    expect(page.locator("textarea")).to_have_count(0)
    log_out(page)

    # The coordinator returns it with a comment.
    log_in(page, url, "koordinators-zemgale")
    page.get_by_role("link", name="Zemgale 2015", exact=True).click()
    page.get_by_role("link", name="Izskatīt: Jelgava", exact=True).click()
    expect(page.get_by_text("Atvērts jauns dienas centrs senioriem.")).to_be_visible()
    page.get_by_label("Kas jālabo").fill("Lūdzu, aprakstiet 2.3, kāpēc nav īstenots.")
    page.get_by_role("button", name="Atgriezt ar šo komentāru").click()
    expect(page.get_by_role("status")).to_contain_text("Atgriezts pašvaldībai")
    log_out(page)

    # Jelgava sees the comment, fixes and submits again.
    log_in(page, url, "dienests-jelgava")
    page.get_by_role("link", name="2015").click()
    expect(page.get_by_role("note")).to_contain_text("Lūdzu, aprakstiet 2.3")
    _task(page, "2.3").get_by_label("Izpildes apraksts").fill("Nav finansējuma 2015. gadā.")
    page.get_by_role("button", name="Iesniegt koordinatoram").click()
    expect(page.get_by_role("status")).to_contain_text("Iesniegts koordinatoram")
    log_out(page)

    # The coordinator approves.
    log_in(page, url, "koordinators-zemgale")
    page.get_by_role("link", name="Zemgale 2015", exact=True).click()
    page.get_by_role("link", name="Izskatīt: Jelgava", exact=True).click()
    expect(page.get_by_text("Nav finansējuma 2015. gadā.")).to_be_visible()
    page.get_by_role("button", name="Apstiprināt").click()
    expect(page.get_by_role("status")).to_contain_text("Apstiprināts.")
    screenshot(page, "round-approved")
    log_out(page)

    # The form is read-only for the staff now.
    log_in(page, url, "dienests-jelgava")
    page.get_by_role("link", name="2015").click()
    expect(page.get_by_text("Apstiprināts: pārskats ir slēgts.")).to_be_visible()
    expect(page.locator("textarea")).to_have_count(0)
    expect(page.get_by_role("button", name="Saglabāt melnrakstu")).to_have_count(0)
    assert Submission.objects.get(municipality__name="Jelgava").state == "approved"
