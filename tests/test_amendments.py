"""Programme amendments: Kurzeme's of August–December 2011 from the fixture, the programme as it
stood in a year (`as_of`) in every reader, and the loading of amendments and proposals."""

import datetime
import io
import json
import shutil

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from programmes.fixture_loader import FIXTURES_DIR, FixtureError, programmes_load
from programmes.models import (
    Amendment,
    AmendmentChange,
    Indicator,
    Programme,
    ProgrammeNode,
    Proposal,
)
from programmes.models.changes import CHANGE_TARGET_MISMATCH
from reports.review import annual_review
from tests.factories import programme_create
from tests.pdf import pdf_text, words

pytestmark = pytest.mark.django_db

ADDED_INDICATORS = [str(code) for code in range(21, 33)]  # the rows without a number
ADDED_NODES = ["1.1.5", "1.2.9", "2.2.5"]  # the actions the decisions on proposals added
# Titles found nowhere else in the review: indicator 21 and action 1.2.9.
INDICATOR_21 = "Sociālie pakalpojumi ārpus institūcijām bērniem (audžuģimenes"
ACTION_129 = "Ģimenes atbalsta centra pakalpojumu attīstīšana"


def _amendment() -> Amendment:
    return Amendment.objects.get(programme__slug="kurzeme")


def _marker(amendment: Amendment) -> str:
    """ "(added in the amendment of ...)" as the Latvian page writes it."""
    with translation.override("lv"):
        text = gettext("added in the amendment of %(period)s") % {"period": amendment.period}
    return escape(text)


def _between(html: str, start: str, end: str) -> str:
    return html[html.index(start) : html.index(end)]


# --- the fixture -----------------------------------------------------------------------


def test_kurzeme_was_amended_from_august_to_december_2011():
    amendment = _amendment()
    assert (amendment.starts_on, amendment.ends_on) == (
        datetime.date(2011, 8, 1),
        datetime.date(2011, 12, 31),
    )
    assert amendment.effective_on.year == 2011
    with translation.override("en"):
        assert amendment.period == "August–December 2011"
    with translation.override("lv"):
        assert "augusts" in amendment.period and "decembris" in amendment.period


def test_the_unnumbered_indicators_and_the_actions_decided_on_proposals_were_added_then():
    amendment = _amendment()
    kurzeme = Indicator.objects.filter(programme__slug="kurzeme")
    assert sorted(kurzeme.filter(added_in=amendment).values_list("code", flat=True), key=int) == (
        ADDED_INDICATORS
    )
    # every one of them lacks the 2010 baseline or the value at the start of 2011
    for indicator in kurzeme.filter(added_in=amendment).prefetch_related("values"):
        values = [v for v in indicator.values.all() if v.year == 2011]
        assert indicator.baseline_value is None or all(v.value is None for v in values)
    nodes = ProgrammeNode.objects.filter(programme__slug="kurzeme", added_in=amendment)
    assert sorted(nodes.values_list("code", flat=True)) == ADDED_NODES
    assert amendment.changes.filter(kind="added").count() == len(ADDED_INDICATORS) + 3
    assert not kurzeme.filter(removed_in__isnull=False).exists()


def test_a_change_must_agree_with_the_element_it_names():
    amendment = _amendment()
    original = ProgrammeNode.objects.get(programme__slug="kurzeme", code="1.1.1")
    change = AmendmentChange(amendment=amendment, kind="added", node=original)
    with pytest.raises(ValidationError) as error:
        change.full_clean()
    assert str(CHANGE_TARGET_MISMATCH) in error.value.messages


# --- the programme as it stood in a year ---------------------------------------------------


@pytest.fixture
def changed_programme():
    """A programme with a task added by an amendment that took effect in 2013 and an indicator
    removed by one made on a day of 2012."""
    programme = programme_create(blocks=1, tasks_per_block=2, indicators=2)
    added = Amendment.objects.create(
        programme=programme,
        title="Papildinājumi",
        starts_on=datetime.date(2012, 11, 1),
        ends_on=datetime.date(2013, 2, 28),
    )
    removed = Amendment.objects.create(
        programme=programme, title="Svītrojumi", starts_on=datetime.date(2012, 6, 5)
    )
    task = programme.nodes.get(code="1.2.1")
    task.added_in = added
    task.save()
    indicator = programme.indicators.get(code="1")
    indicator.removed_in = removed
    indicator.save()
    return programme


@pytest.mark.parametrize(
    ("year", "has_task", "has_indicator"),
    [(2011, False, True), (2012, False, True), (2013, True, False), (2016, True, False)],
)
def test_as_of_is_the_programme_of_the_year(changed_programme, year, has_task, has_indicator):
    codes = set(changed_programme.nodes.as_of(year).values_list("code", flat=True))
    assert ("1.2.1" in codes) is has_task
    assert "1.1.1" in codes
    indicators = set(changed_programme.indicators.as_of(year).values_list("code", flat=True))
    assert ("1" in indicators) is has_indicator
    assert "2" in indicators


def test_the_review_of_a_year_has_the_programme_of_that_year(changed_programme):
    before = annual_review(changed_programme, 2012)
    after = annual_review(changed_programme, 2013)
    assert "1.2.1" not in [t.node.code for t in before.tasks]
    assert "1.2.1" in [t.node.code for t in after.tasks]
    assert "1" in [line.indicator.code for line in before.planned_results + before.indicators]
    assert "1" not in [line.indicator.code for line in after.planned_results + after.indicators]


def test_a_period_of_days_is_written_as_dates(changed_programme):
    added = changed_programme.amendments.get(title="Papildinājumi")
    added.ends_on = datetime.date(2013, 2, 14)
    with translation.override("lv"):
        assert added.period == "1.11.2012 – 14.02.2013"
        assert "2012" in changed_programme.amendments.get(title="Svītrojumi").period


# --- every reader ------------------------------------------------------------------------


def test_the_programme_page_marks_what_the_amendment_added(client):
    html = client.get(reverse("programmes:detail", args=["kurzeme"])).content.decode()
    indicators = _between(html, 'id="indicators"', 'id="amendments"')
    assert INDICATOR_21 in indicators
    assert indicators.count(_marker(_amendment())) == len(ADDED_INDICATORS)
    tree = _between(html, 'id="tree"', 'id="indicators"')
    assert 'id="node-129"' in tree
    assert tree.count(_marker(_amendment())) == len(ADDED_NODES)
    amendments = _between(html, 'id="amendments"', 'id="proposals"')
    assert "Programmas aktualizācija" in amendments
    assert "tiek iekļauta kā atsevišķa rīcība (1.1.5.)" in amendments


def test_the_programme_page_of_2010_is_the_programme_before_the_amendment(client):
    url = reverse("programmes:detail", args=["kurzeme"])
    html = client.get(url, {"year": 2010}).content.decode()
    assert INDICATOR_21 not in _between(html, 'id="indicators"', 'id="amendments"')
    tree = _between(html, 'id="tree"', 'id="indicators"')
    assert 'id="node-129"' not in tree and 'id="node-128"' in tree
    assert '<option value="2010" selected>' in html
    later = client.get(url, {"year": 2011}).content.decode()
    assert INDICATOR_21 in _between(later, 'id="indicators"', 'id="amendments"')
    # a year outside the programme is the programme as it stands
    assert 'id="node-129"' in client.get(url, {"year": "1990"}).content.decode()


def test_the_review_html_of_2010_leaves_out_what_was_added_in_2011(client, people):
    client.force_login(people.national)
    before = client.get(reverse("reports:review", args=["kurzeme", 2010])).content.decode()
    assert INDICATOR_21 not in before and ACTION_129 not in before
    assert 'id="task-128"' in before
    after = client.get(reverse("reports:review", args=["kurzeme", 2011])).content.decode()
    assert INDICATOR_21 in after and ACTION_129 in after
    assert _marker(_amendment()) in _between(after, 'id="task-129"', 'id="task-131"')


def test_the_review_pdf_of_2010_leaves_out_what_was_added_in_2011(client, people):
    client.force_login(people.national)
    before = words(pdf_text(client.get(reverse("reports:pdf", args=["kurzeme", 2010])).getvalue()))
    assert words(ACTION_129) not in before
    assert "aprūpes mājās pakalpojumu attīstīšana" in before  # 1.1.1, there from the start
    after = words(pdf_text(client.get(reverse("reports:pdf", args=["kurzeme", 2011])).getvalue()))
    assert words(ACTION_129) in after
    # The marks "added in the amendment of ..." name the month the period ends in; the PDF's
    # table cells come out interleaved, so the marks are counted by that word (the date the
    # PDF was made may name it too, in both).
    marks = after.count("decembris") - before.count("decembris")
    assert marks == len(ADDED_INDICATORS) + len(ADDED_NODES)


def _codes(client, year: int, sheet: int) -> list:
    response = client.get(reverse("reports:xlsx", args=["kurzeme", year]))
    book = openpyxl.load_workbook(io.BytesIO(response.getvalue()))
    return [row[0] for row in book[book.sheetnames[sheet]].iter_rows(2, values_only=True)]


def test_the_review_workbook_of_2010_leaves_out_what_was_added_in_2011(client, people):
    client.force_login(people.national)
    before, after = _codes(client, 2010, 2), _codes(client, 2011, 2)  # the result indicators
    assert "20" in before and not set(ADDED_INDICATORS) & set(before)
    assert set(ADDED_INDICATORS) <= set(after)
    tasks_before, tasks_after = _codes(client, 2010, 3), _codes(client, 2011, 3)
    assert "1.2.8" in tasks_before and "1.2.9" not in tasks_before
    assert "1.2.9" in tasks_after


def test_the_dashboard_of_2010_leaves_out_what_was_added_in_2011(client, people):
    client.force_login(people.national)
    url = reverse("dashboard:region", args=["kurzeme"])
    for year, shown in ((2010, False), (2011, True)):
        response = client.get(url, {"year": year})
        assert (INDICATOR_21 in response.content.decode()) is shown
        tasks = [t.node.code for g in response.context["data"].groups for t in g.tasks]
        assert "1.2.8" in tasks
        assert ("1.2.9" in tasks) is shown


# --- loading -----------------------------------------------------------------------------


def test_loading_again_changes_no_amendment_or_proposal():
    report = programmes_load()
    assert report.changed == 0
    for model in (Amendment, AmendmentChange, Proposal):
        assert report.unchanged[model._meta.verbose_name_plural] == model.objects.count()


def _broken_fixtures(tmp_path, change):
    fixtures = tmp_path / "fixtures"
    shutil.copytree(FIXTURES_DIR, fixtures)
    path = fixtures / "programmes" / "kurzeme" / "programme.json"
    data = json.loads(path.read_text())
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False))
    return fixtures


def test_an_amendment_naming_an_unknown_indicator_loads_nothing(tmp_path):
    def change(data):
        data["proposals"][0]["reason"] = "Cits iemesls."
        data["amendments"][0]["title"] = "Cits nosaukums"
        data["amendments"][0]["changes"].append({"kind": "added", "indicator": "99"})

    fixtures = _broken_fixtures(tmp_path, change)
    with pytest.raises(FixtureError, match="refers to unknown indicator 99"):
        programmes_load(fixtures_dir=fixtures)
    assert not Proposal.objects.filter(reason="Cits iemesls.").exists()
    assert not Amendment.objects.filter(title="Cits nosaukums").exists()


def test_a_decision_without_a_reason_loads_nothing(tmp_path):
    def change(data):
        data["proposals"].append(
            {"municipality": "Talsu novads", "text": "Jauns.", "decision": "included"}
        )
        data["indicators"][0]["title"] = "Mainīts nosaukums"  # loaded before the proposals

    fixtures = _broken_fixtures(tmp_path, change)
    with pytest.raises(FixtureError, match="a decision needs its reason"):
        programmes_load(fixtures_dir=fixtures)
    assert not Indicator.objects.filter(title="Mainīts nosaukums").exists()
    assert Programme.objects.get(slug="kurzeme").proposals.count() == 13
