"""The council asks for the review's PDF in headless Chromium while the worker makes it."""

import pytest
from playwright.sync_api import expect

from monitoring.demo import demo_users_create
from tests.browser import axe_violations, log_in, screenshot
from tests.pdf import run_worker

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("published_data", "task_queue"),
]


@pytest.fixture(autouse=True)
def _every_review_pdf_queued(settings):
    """Zemgale 2014 is short enough to be made in the request: here it waits for the worker,
    as a long review does."""
    settings.REVIEW_PDF_AT_ONCE_MAX_BYTES = 0


def _ask_for_the_pdf(live_server, page):
    demo_users_create()
    log_in(page, live_server.url, "padome-zemgale")
    page.goto(f"{live_server.url}/reports/zemgale/2014/")
    page.get_by_role("link", name="Lejupielādēt PDF").click()
    expect(page.get_by_role("heading", name="PDF tiek gatavots")).to_be_visible()


def test_the_waiting_page_tells_when_the_pdf_is_ready(live_server, page):
    """Its script (allowed by the Content-Security-Policy) asks until the worker is done."""
    _ask_for_the_pdf(live_server, page)
    status = page.get_by_role("status")
    expect(status).to_contain_text("vēl nav gatavs")
    screenshot(page, "pdf-waiting")

    run_worker()

    expect(status).to_contain_text("PDF ir gatavs.", timeout=15000)
    expect(page.get_by_role("heading", level=1)).to_have_text("PDF ir gatavs")
    expect(page.get_by_role("link", name="Pārbaudīt vēlreiz")).to_be_hidden()
    screenshot(page, "pdf-ready")
    with page.expect_response(lambda r: r.url.endswith("/")) as opened:
        status.get_by_role("link", name="Atvērt PDF").click()
    assert opened.value.headers["content-type"] == "application/pdf"


@pytest.mark.bypass_csp
def test_the_waiting_page_has_no_accessibility_violations(live_server, page):
    _ask_for_the_pdf(live_server, page)
    assert axe_violations(page) == []
