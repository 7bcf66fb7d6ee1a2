"""Issue 13, "Everyone": the small things every user saw, each checked as the user sees it."""

import datetime
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.template import Context, Template
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import number_format
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext

from monitoring.entry_page import EntryPage
from monitoring.models import ReportingRound
from municipalities.collation import latvian_key
from municipalities.models import Municipality
from municipalities.templatetags.numerals import num
from reports.indicators import YearValue
from reports.templatetags.report_rows import indicator_value

pytestmark = pytest.mark.django_db

ROOT = Path(settings.BASE_DIR)
NEXT_MONTH = timezone.localdate() + datetime.timedelta(days=30)
# Another engineer's files, still to be moved to the one number filter.


def test_the_opened_round_message_agrees_in_number(client, people):
    client.force_login(people.zemgale_coordinator)
    response = client.post(
        reverse("monitoring:round-open", args=["zemgale"]),
        {"year": "2015", "deadline": NEXT_MONTH.isoformat()},
    )
    count = ReportingRound.objects.get().submissions.count()
    with translation.override("lv"):
        expected = ngettext(
            "The reporting year %(year)d is open for %(count)d municipality.",
            "The reporting year %(year)d is open for %(count)d municipalities.",
            count,
        ) % {"year": 2015, "count": count}
    assert [str(m) for m in get_messages(response.wsgi_request)] == [expected]


def test_the_gmi_label_keeps_its_capitals():
    page = SimpleNamespace(previous_figures=None, figures=None)
    with translation.override("lv"):
        labels = [label for label, _, _ in EntryPage.figure_rows.fget(page)]
        expected = capfirst(gettext("of which guaranteed minimum income benefit"))
    assert expected in labels
    assert "GMI" in expected


def test_a_missing_indicator_value_prints_a_dash_not_none():
    missing = SimpleNamespace(year=2011, text="", value=None, is_derived=False)
    indicator = SimpleNamespace(
        code="1.1",
        title="Klienti",
        node=None,
        baseline_text="",
        baseline_value=None,
        baseline_year=None,
        region_values=[missing],
        target_text="",
        target_value=None,
        target_year=2017,
        data_source="",
        get_rollup_display=lambda: "summa",
    )
    table = render_to_string(
        "programmes/_indicator_table.html", {"indicators": [indicator], "caption_id": "x"}
    )
    value = indicator_value(YearValue(year=2011), show_year=True)  # no derived, no typed value
    assert "None" not in table
    assert "2011:</span> —" in table
    assert "None" not in value
    assert "—" in value


def test_the_deadline_has_no_space_before_the_full_stop():
    reporting_round = SimpleNamespace(deadline=datetime.date(2015, 6, 1), days_left=76)
    with translation.override("lv"):
        html = Template('{% include "monitoring/_deadline.html" %}.').render(
            Context({"round": reporting_round})
        )
    assert html.endswith(").")


def test_numbers_are_grouped_with_a_non_breaking_space():
    with translation.override("lv"):
        assert num(5400) == "5\xa0400"
        assert num(Decimal("5400.00")) == "5\xa0400"
        assert num(Decimal("5400.5")) == "5\xa0400,50"
        assert num(Decimal("5400"), 2) == "5\xa0400,00"
        assert num(None) == "—"
        assert num("pieaug") == "pieaug"


@pytest.mark.parametrize("language", ["lv", "en"])
def test_whole_numbers_are_written_as_number_format_writes_them(language):
    # num() writes whole numbers itself (numerals.py); Django's number_format is the reference.
    with translation.override(language):
        for value in (0, 7, -7, 999, 1000, -1000, 123456, -1234567, 10**12, Decimal("-25000")):
            assert num(value) == number_format(int(value), use_l10n=True, force_grouping=True)
    assert num(True) is True


def test_every_template_shows_numbers_through_the_one_filter():
    templates = ROOT / "templates"
    offenders = [
        str(path.relative_to(templates))
        for path in templates.rglob("*.html")
        if "floatformat" in path.read_text() or "intcomma" in path.read_text()
    ]
    assert offenders == []


def test_the_dashboard_groups_its_counts(client, people, zemgale_round):
    client.force_login(people.zemgale_coordinator)
    html = client.get(reverse("dashboard:region", args=["zemgale"]), {"year": 2015}).content
    with translation.override("lv"):
        label = capfirst(gettext("not started"))
    assert f"{label}: 22".encode() in html


def test_the_ready_pdf_page_says_so_everywhere():
    page = (ROOT / "templates/reports/pdf_wait.html").read_text()
    script = (ROOT / "static/js/pdf-wait.js").read_text()
    # The "being laid out" sentence goes with the "not ready yet" one, and the tab's title too.
    assert "<p data-waiting>{% blocktranslate with title=programme.title %}" in page
    assert 'document.querySelectorAll("[data-waiting]")' in script
    assert "document.title = document.title.replace(waiting, ready)" in script


def test_the_grid_marks_only_handed_in_reports_done(client, people, zemgale_round):
    client.force_login(people.zemgale_coordinator)
    html = client.get(
        reverse("dashboard:region", args=["zemgale"]), {"year": 2015}
    ).content.decode()
    with translation.override("lv"):
        label = gettext("not started")
    assert f'aria-label="Jelgava: {label}"><span aria-hidden="true">●</span>' in html
    assert "✔" not in html


def test_state_cities_sort_among_the_other_municipalities(client, people, zemgale_round):
    client.force_login(people.zemgale_coordinator)
    response = client.get(reverse("dashboard:region", args=["zemgale"]), {"year": 2015})
    names = [line.municipality.name for line in response.context["data"].review.completeness]
    assert names == sorted(names, key=latvian_key)
    assert names[-1] != "Jēkabpils"
    ordered = list(Municipality.objects.filter(region__slug="zemgale").in_order())
    assert ordered == sorted(ordered, key=Municipality.order_key)


def test_every_page_links_the_favicon(client):
    html = client.get(reverse("programmes:index")).content.decode()
    assert 'rel="icon"' in html
    assert "favicon.svg" in html
    assert (ROOT / "static/favicon.svg").read_text().startswith("<svg")


def test_the_year_list_starts_after_the_latest_opened_round(client, people, zemgale_round):
    client.force_login(people.zemgale_coordinator)
    response = client.get(reverse("monitoring:round-open", args=["zemgale"]))
    assert [year for year, _ in response.context["form"].fields["year"].choices] == [2016, 2017]


def test_without_a_round_the_year_list_starts_at_the_programme(client, people):
    client.force_login(people.zemgale_coordinator)
    response = client.get(reverse("monitoring:round-open", args=["zemgale"]))
    choices = [year for year, _ in response.context["form"].fields["year"].choices]
    assert choices[0] == 2010
