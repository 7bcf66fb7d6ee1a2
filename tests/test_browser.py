"""A person in headless Chromium finds the programmes, reads one, and switches language."""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from tests.browser import screenshot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("published_data"),
]


def test_a_visitor_reads_the_zemgale_programme(live_server, page):
    page.goto(live_server.url)
    expect(page.locator("html")).to_have_attribute("lang", "lv")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Sociālo pakalpojumu attīstības programmas"
    )
    screenshot(page, "home")

    page.get_by_role(
        "link", name="Sociālo pakalpojumu attīstības programma 2010.–2016. gadam Zemgales reģionā"
    ).click()
    expect(page.get_by_role("heading", name="Mērķi un uzdevumi")).to_be_visible()
    codes = page.locator("table.tree tbody th.code").all_inner_texts()
    assert codes.index("1.9") < codes.index("1.10") < codes.index("1.11")
    # The row whose name starts with its code: 1.10's names the 2014 review's code 1.11 (#15).
    expect(page.get_by_role("row", name=re.compile(r"^1\.11 "))).to_contain_text(
        "Plānošanas reģions"
    )
    screenshot(page, "zemgale")

    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", name="Goals and tasks")).to_be_visible()
    page.get_by_role("navigation", name="Main menu").get_by_role("link", name="Programmes").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Social services development programmes"
    )


def test_a_coordinator_logs_in_and_out(live_server, page):
    get_user_model().objects.create_user("koordinators-zemgale", password="demo-parole")
    page.goto(live_server.url)
    page.get_by_role("link", name="Pieslēgties").click()
    page.get_by_label("Lietotājvārds").fill("koordinators-zemgale")
    page.get_by_label("Parole").fill("nepareiza")
    page.get_by_role("button", name="Pieslēgties").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Lūgums ievadīt pareizu lietotājvārds un paroli"
    )
    expect(page.get_by_label("Lietotājvārds")).to_have_value("koordinators-zemgale")

    page.get_by_label("Parole").fill("demo-parole")
    page.get_by_role("button", name="Pieslēgties").click()
    expect(page.get_by_role("button", name="Iziet")).to_be_visible()
    page.get_by_role("button", name="Iziet").click()
    expect(page.get_by_role("link", name="Pieslēgties")).to_be_visible()
