"""Indicators roll up: the region's value of a year is derived from the municipalities' counted
values by each indicator's rule, and shown beside the value the coordinator typed."""

import html as html_lib
import io
import re
from decimal import Decimal

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation

from monitoring import services
from monitoring.counting import Counting
from monitoring.models import Membership
from municipalities.models import Municipality
from programmes.models import Indicator, IndicatorValue, Programme
from reports.indicators import YearValue
from reports.review import annual_review
from reports.rollup import derive
from tests.factories import municipality_create, programme_create
from tests.pdf import pdf_text, words

pytestmark = pytest.mark.django_db

R = Indicator.Rollup


def _page_text(page: str) -> str:
    return words(html_lib.unescape(re.sub(r"<[^>]+>", " ", page)))


def _coverage(given: int, active: int) -> str:
    """The "N no M pašvaldībām" the pages show, in the site's language."""
    with translation.override("lv"):
        return YearValue(2015, derived=Decimal(0), given=given, active=active).coverage


def _rule(rollup: str) -> str:
    with translation.override("lv"):
        return str(R(rollup).label)


def _values(*items) -> list[IndicatorValue]:
    return [IndicatorValue(value=v, text=t) for v, t in items]


@pytest.mark.parametrize(
    ("rollup", "expected"),
    [
        (R.SUM, Decimal(12)),
        (R.COUNT, Decimal(3)),  # 2, 10 and "Jā"; 0, "nē" and the empty one are not
        (R.AVERAGE, Decimal("4.00")),
        (R.REGION, None),
    ],
)
def test_each_rule_derives_the_region_value(rollup, expected):
    values = _values((2, ""), (10, ""), (0, ""), (None, "Jā"), (None, "nē"), (None, ""))
    assert derive(rollup, values) == expected


def test_a_rule_gives_nothing_when_no_municipality_gave_a_value():
    assert derive(R.SUM, _values((None, ""))) is None
    assert derive(R.COUNT, []) is None


# --- a Zemgale round of 2015: Jelgava and Bauska approved, Dobele only submitted ----------


@pytest.fixture
def rollup_round(people, zemgale_round):
    programme = Programme.objects.get(slug="zemgale")
    counted = programme.indicators.get(kind="planned_result", code="2")  # "22 pašvaldības"
    summed = programme.indicators.get(kind="planned_result", code="3")  # "7 centri"
    assert (counted.rollup, summed.rollup) == (R.COUNT, R.SUM)  # as the fixture says
    averaged = Indicator.objects.create(
        programme=programme,
        kind=Indicator.Kind.RESULT_INDICATOR,
        code="R1",
        title="Vidējais klientu skaits uz sociālo darbinieku",
        baseline_value=0,
        baseline_year=2010,
        target_value=10,
        target_year=2017,
        rollup=R.AVERAGE,
    )
    typed_only = Indicator.objects.create(
        programme=programme,
        kind=Indicator.Kind.RESULT_INDICATOR,
        code="R2",
        title="Reģionālie semināri",
        baseline_value=0,
        baseline_year=2010,
        target_value=30,
        target_year=2017,
        rollup=R.REGION,
    )
    User = get_user_model()
    bauska = Municipality.resolve("Bauskas novads", year=2015)
    bauska_staff = User.objects.create_user("dienests-bauska", password="parole-123456")
    Membership.objects.create(user=bauska_staff, role="staff", municipality=bauska)
    nodes = services.reportable_nodes(programme)

    def report(municipality, by, values):
        submission = zemgale_round.submissions.get(municipality=municipality)
        data = services.SubmissionData(
            entries={n.pk: {"status": "implemented"} for n in nodes},
            indicator_values={
                indicator.pk: {"value": value, "text": text}
                for indicator, (value, text) in values.items()
            },
        )
        saved = services.submission_save(submission=submission, by=by, version=0, data=data)
        return services.submission_submit(submission=saved, by=by)

    coordinator = people.zemgale_coordinator
    jelgava = report(
        people.jelgava,
        people.jelgava_staff,
        {
            counted: (Decimal(1), ""),
            summed: (Decimal(2), ""),
            averaged: (Decimal(4), ""),
            typed_only: (Decimal(9), ""),
        },
    )
    services.submission_approve(submission=jelgava, by=coordinator)
    bauska_report = report(
        bauska,
        bauska_staff,
        {counted: (None, "jā"), summed: (Decimal(3), ""), averaged: (Decimal(7), "")},
    )
    services.submission_approve(submission=bauska_report, by=coordinator)
    report(  # handed in, not approved: counts on the dashboards only
        people.dobele,
        people.dobele_staff,
        {counted: (Decimal(1), ""), summed: (Decimal(5), ""), averaged: (Decimal(100), "")},
    )
    # The coordinator's own region-wide figures.
    IndicatorValue.objects.create(indicator=counted, year=2015, value=20, text="20 pašvaldības")
    IndicatorValue.objects.create(indicator=typed_only, year=2015, value=15)
    # Jelgava's value of last year, for the submission review.
    IndicatorValue.objects.create(
        indicator=averaged, municipality=people.jelgava, year=2014, value=Decimal("3.5")
    )
    return {
        "programme": programme,
        "counted": counted,
        "summed": summed,
        "averaged": averaged,
        "typed_only": typed_only,
        "jelgava": jelgava,
    }


def _year(review, indicator, year=2015) -> YearValue:
    line = next(
        line
        for line in [*review.planned_results, *review.indicators]
        if line.indicator == indicator
    )
    return next(v for v in line.values if v.year == year)


def test_the_review_derives_from_approved_reports_only(rollup_round):
    review = annual_review(rollup_round["programme"], 2015)
    counted = _year(review, rollup_round["counted"])
    assert (counted.derived, counted.given, counted.active) == (Decimal(2), 2, 22)
    assert counted.typed_value == Decimal(20) and counted.difference == Decimal(-18)
    assert counted.value == Decimal(2)  # the derived value is the one that counts
    summed = _year(review, rollup_round["summed"])
    assert (summed.derived, summed.given, summed.typed) == (Decimal(5), 2, None)
    averaged = _year(review, rollup_round["averaged"])
    assert averaged.derived == Decimal("5.50")
    line = next(line for line in review.indicators if line.indicator == rollup_round["averaged"])
    assert line.percent == 55  # (5.50 − 0) ÷ (10 − 0), from the derived value
    typed_only = _year(review, rollup_round["typed_only"])
    assert typed_only.derived is None and typed_only.value == Decimal(15)
    line = next(line for line in review.indicators if line.indicator == rollup_round["typed_only"])
    assert line.percent == 50  # from the typed value under the rule "region"


def test_the_dashboards_count_handed_in_reports(rollup_round):
    review = annual_review(rollup_round["programme"], 2015, counting=Counting.HANDED_IN)
    assert _year(review, rollup_round["counted"]).derived == Decimal(3)
    assert _year(review, rollup_round["summed"]).derived == Decimal(10)
    assert _year(review, rollup_round["averaged"]).derived == Decimal(37)
    assert _year(review, rollup_round["averaged"]).given == 3


def test_the_review_page_shows_the_rule_the_derived_and_typed_values(client, people, rollup_round):
    client.force_login(people.zemgale_coordinator)
    html = client.get(reverse("reports:review", args=["zemgale", 2015])).content.decode()
    text = _page_text(html)
    assert _coverage(2, 22) in text
    assert _rule(R.COUNT) in text and _rule(R.SUM) in text and _rule(R.AVERAGE) in text
    assert "5,50" in text  # the average, in Latvian number format
    assert "−18" in text or "-18" in text  # derived 2 against the typed 20
    assert '<th scope="col">' in html and "<caption" in html


def test_the_pdf_shows_the_derived_values(client, people, rollup_round):
    client.force_login(people.zemgale_coordinator)
    response = client.get(reverse("reports:pdf", args=["zemgale", 2015]))
    assert response["Content-Type"] == "application/pdf"
    text = words(pdf_text(response.getvalue()))
    assert _coverage(2, 22) in text
    assert "5,50" in text
    assert words(_rule(R.AVERAGE)) in text


def test_the_workbook_has_a_row_per_indicator_and_year_with_numbers(client, people, rollup_round):
    client.force_login(people.zemgale_coordinator)
    response = client.get(reverse("reports:xlsx", args=["zemgale", 2015]))
    book = openpyxl.load_workbook(io.BytesIO(response.getvalue()))
    sheet = book[book.sheetnames[2]]  # the result indicators
    header = [cell.value for cell in sheet[1]]
    rows = [dict(zip(header, row, strict=True)) for row in sheet.iter_rows(2, values_only=True)]
    averaged = next(row for row in rows if row[header[0]] == "R1" and row[header[6]] == 2015)
    assert averaged[header[9]] == 5.5  # derived, as a number
    assert averaged[header[10]] == _coverage(2, 22)
    assert (averaged[header[11]], averaged[header[12]]) == (2, 22)
    assert averaged[header[19]] == pytest.approx(0.55)
    planned = book[book.sheetnames[1]]
    counted = next(
        row for row in planned.iter_rows(2, values_only=True) if row[0] == "2" and row[6] == 2015
    )
    assert (counted[9], counted[13], counted[15]) == (2, 20, -18)


def test_the_dashboard_shows_the_handed_in_values(client, people, rollup_round):
    client.force_login(people.zemgale_coordinator)
    url = reverse("dashboard:region", args=["zemgale"])
    html = client.get(url, {"year": 2015}).content.decode()
    assert _coverage(3, 22) in html
    assert "37" in html
    response = client.get(url, {"year": 2015, "download": "indicators", "format": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.getvalue())).active
    averaged = next(row for row in sheet.iter_rows(2, values_only=True) if row[0] == "R1")
    assert averaged[5] == 37 and averaged[6] == _coverage(3, 22)


def test_the_submission_review_shows_this_year_beside_last_year(client, people, rollup_round):
    client.force_login(people.zemgale_coordinator)
    html = client.get(
        reverse("monitoring:review", args=[rollup_round["jelgava"].pk])
    ).content.decode()
    section = html[html.index('id="indicators-title"') :]
    row = section[section.index("R1") : section.index("</tr>", section.index("R1"))]
    cells = re.findall(r'<td class="num">(.*?)</td>', row, re.S)
    assert [words(c) for c in cells] == ["3,50", "4"]


@pytest.mark.parametrize("municipalities", [5, 22])
def test_rolled_up_values_take_no_more_queries(
    client, people, django_assert_num_queries, municipalities
):
    programme = programme_create(blocks=2, tasks_per_block=2, indicators=4)
    programme.indicators.update(rollup=R.SUM)
    towns = [municipality_create(programme.region) for _ in range(municipalities)]
    for indicator in programme.indicators.all():
        for town in towns:
            IndicatorValue.objects.create(
                indicator=indicator, municipality=town, year=2014, value=1
            )
    client.force_login(people.national)
    # the review's 16 (tests/test_annual_review.py), whatever the number of values, + 1
    # whether the year has a survey (reports/survey.py)
    with django_assert_num_queries(16 + 1):
        response = client.get(reverse("reports:review", args=[programme.slug, 2014]))
    html = _page_text(response.content.decode())
    # no reporting round in 2014: the published values count
    assert _coverage(municipalities, municipalities) in html


def test_the_kurzeme_fixture_counts_municipalities_and_sums_providers():
    kurzeme = Indicator.objects.filter(programme__slug="kurzeme")
    assert kurzeme.get(code="1").rollup == R.SUM  # providers registered in the region
    assert kurzeme.get(code="2").rollup == R.COUNT  # "20 pašvaldībās"
    assert kurzeme.get(code="19").rollup == R.REGION  # "1 reģionā": one database
    assert not kurzeme.filter(unit="pašvaldībās").exclude(rollup=R.COUNT).exists()
    zemgale = Indicator.objects.filter(programme__slug="zemgale")
    assert zemgale.get(code="1").rollup == R.REGION  # "1 metodoloģija"


def test_a_typed_value_without_municipal_ones_still_counts_under_a_rule():
    # Kurzeme 2011 is published as region-wide values only.
    review = annual_review(Programme.objects.get(slug="kurzeme"), 2011)
    care = next(line for line in review.indicators if line.indicator.code == "2")
    assert care.latest.derived is None and care.latest.value == Decimal(6)
    assert care.percent == 26  # (6 − 1) ÷ (20 − 1)
