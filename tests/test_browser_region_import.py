"""The coordinator imports the municipalities' entries from the region workbook in headless
Chromium: from the year's page she downloads it, fills in two reports' rows, uploads it,
checks the changes and imports them; axe-core finds no violation on the upload and preview
pages."""

import datetime
import json

import openpyxl
import pytest
from django.utils import timezone, translation
from playwright.sync_api import expect

from monitoring import region_import_views, rules, services
from monitoring.demo import demo_users_create
from monitoring.models import ProgressEntry, Status
from monitoring.workbook_views import WorkbookUploadForm
from programmes.models import Programme
from tests.browser import axe_violations, log_in, screenshot
from tests.region_workbooks import fill

pytestmark = [
    pytest.mark.browser,
    pytest.mark.bypass_csp,  # for axe-core
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("published_data"),
]


def _lv(text, **values) -> str:
    """The words the Latvian page shows (the English ones until they are translated)."""
    with translation.override("lv"):
        text = translation.gettext(text) if isinstance(text, str) else str(text)
        return text % values if values else text


def test_the_coordinator_imports_two_reports(live_server, page, tmp_path):
    demo_users_create()
    zemgale = Programme.objects.get(slug="zemgale")
    coordinator = zemgale.region.memberships.get(role="coordinator").user
    reporting_round = services.round_open(
        programme=zemgale,
        year=2015,
        deadline=timezone.localdate() + datetime.timedelta(days=30),
        by=coordinator,
    )
    url = live_server.url
    found = {}

    log_in(page, url, "koordinators-zemgale")
    page.goto(url + reporting_round.get_absolute_url())
    page.get_by_role("link", name=_lv("Import the municipalities' entries")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Zemgale 2015")
    found["upload"] = axe_violations(page)

    with page.expect_download() as download:
        page.get_by_role("link", name=_lv("Download the region's workbook (.xlsx)")).click()
    assert download.value.suggested_filename == "zemgale-2015-ieraksti.xlsx"
    downloaded = tmp_path / download.value.suggested_filename
    download.value.save_as(downloaded)
    book = openpyxl.load_workbook(downloaded)
    fill(
        book,
        "Jelgava",
        "1.1",
        status=rules.status_label(Status.IMPROVED),
        narrative="Atvērts dienas centrs.",
    )
    fill(book, "Dobeles novads", "1.2", status=rules.status_label(Status.NOT_RELEVANT))
    filled = tmp_path / "aizpildita.xlsx"
    book.save(filled)

    page.get_by_label(_lv(WorkbookUploadForm.base_fields["workbook"].label)).set_input_files(filled)
    page.get_by_role("button", name=_lv("Check the workbook")).click()
    expect(page.get_by_role("heading", name="Jelgava")).to_be_visible()
    expect(page.get_by_role("heading", name="Dobeles novads")).to_be_visible()
    expect(page.get_by_text("Atvērts dienas centrs.")).to_be_visible()
    found["preview"] = axe_violations(page)
    screenshot(page, "region-import-preview")
    assert not ProgressEntry.objects.filter(year=2015, municipality__isnull=False).exists()

    page.get_by_role("button", name=_lv("Import these changes")).click()
    expect(page.get_by_role("status")).to_contain_text("Dobeles novads, Jelgava")
    expect(page.get_by_role("heading", level=1)).to_contain_text("2015")

    entries = ProgressEntry.objects.filter(year=2015, municipality__isnull=False)
    assert sorted(entries.values_list("municipality__name", "node__code", "status")) == [
        ("Dobeles novads", "1.2", Status.NOT_RELEVANT),
        ("Jelgava", "1.1", Status.IMPROVED),
    ]
    reason = _lv(region_import_views.IMPORT_REASON, round=reporting_round)
    assert {e.history.get().history_change_reason for e in entries} == {reason}
    assert not any(found.values()), json.dumps(found, indent=2, ensure_ascii=False)
