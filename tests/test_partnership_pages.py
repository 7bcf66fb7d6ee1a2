"""Seed 001's partnership on every page that shows it: its own page, the Zemgale review of 2016
(HTML, PDF and workbook) with its partners, parts, programme share and results per partner,
its partners' public pages and the region's drill-down; the year's total counts its budget once,
and Latgale's simple projects show as they always did."""

import datetime
import io
import re
from decimal import Decimal
from html.parser import HTMLParser

import openpyxl
import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from monitoring import services
from monitoring.models import Project, ProjectPartner
from municipalities.models import Municipality
from programmes.models import Programme
from reports.review import annual_review
from tests.pdf import pdf_text, words

pytestmark = pytest.mark.django_db

TITLE = "Sociālo pakalpojumu pieejamības un kvalitātes uzlabošana Vidusbaltijas reģionā"
# What the source says, as every page must show it (Latvian number format: 941 000,00).
SHOWN = [
    "941\xa0000,00 EUR",
    "799\xa0850,00 EUR",
    "90\xa0000,00 EUR",
    "Latvijas - Lietuvas pārrobežu sadarbības programma 2014. - 2020. gadam",
    "Zemgales plānošanas reģions",
    "Viesītes novads",
    "Auces novads",
    "Rokišķu jauniešu centrs",
    "Kauņas rajona sociālo pakalpojumu centrs",
    "Krekenavas kultūras centrs",
    "Izvietoti servisa dzīvokļi (5) - Auce",
    "Izveidoti grupu dzīvokļi (8) - Jaunjelgava",
    "Izstrādāta (1) kvalitātes vadības sistēma",
    "testēti (7) sociālie pakalpojumi",
]


def _seed_project() -> Project:
    return Project.objects.get(title__startswith=TITLE)


def _text(html: str) -> str:
    """The page's text with tags and runs of whitespace undone (the non-breaking space of the
    thousands kept)."""
    return re.sub(r"[ \t\r\n]+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&quot;", '"')


def _section(html: str, id_: str) -> str:
    start = html.index(f'<section id="{id_}"')
    return html[start : html.index("</section>", html.rindex('class="partnership"', start))]


@pytest.fixture(scope="module")
def review_pdf_2016(django_db_setup, django_db_blocker, tmp_path_factory):
    """Zemgale's review of 2016 as `manage.py annual_review` writes the PDF."""
    path = tmp_path_factory.mktemp("review") / "zemgale-2016.pdf"
    with django_db_blocker.unblock():
        call_command("annual_review", "zemgale", "2016", "--format", "pdf", "--output", str(path))
    return path.read_bytes()


def test_the_project_page_shows_aims_target_groups_activities_results_documents_and_money(
    client,
):
    project = _seed_project()
    html = client.get(project.get_absolute_url()).content.decode()
    text = _text(html)
    for shown in SHOWN:
        assert shown in text, shown
    assert "Projekta mērķis ir veicināt personu ar invaliditāti, bērnu, jauniešu" in text
    assert "Sociālo pakalpojumu sniedzēji, speciālisti." in text
    assert "Vienotu sociālās iekļaušanas pasākumu izveide un organizēšana" in text
    assert "Pamatnostādnes sociālo pakalpojumu attīstībai 2014.-2020. gadam" in text
    assert "Projekta idejas koncepcija" in text
    assert "(85 %" in text  # computed from the two amounts, as the source writes it
    # The English name the programme gives it, marked as English for screen readers.
    english = "Improvement of Quality and Accessibility of Social Services in MidBaltic Region"
    assert f'<span lang="en">„{english}”</span>' in html
    assert project.title == TITLE and project.title_en == english
    # The municipalities among the partners link to their public pages.
    auce = Municipality.resolve("Auces novads", year=2016)
    assert f'href="{auce.get_absolute_url()}"' in html


def test_the_project_page_of_a_project_that_does_not_count_is_not_found(client, people):
    zemgale = Programme.objects.get(slug="zemgale")
    services.round_open(
        programme=zemgale,
        year=2015,
        deadline=timezone.localdate() + datetime.timedelta(days=5),
        by=people.zemgale_coordinator,
    )
    draft = Project.objects.create(
        region=zemgale.region, municipality=people.jelgava, year=2015, title="Melnraksts"
    )
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(reverse("projects:detail", args=[0])).status_code == 404


def test_the_review_lists_the_partnership_with_partners_money_and_results(client, people):
    client.force_login(people.zemgale_council)
    html = client.get(reverse("reports:review", args=["zemgale", 2016])).content.decode()
    section = _section(html, "part-projects")
    text = _text(section)
    for shown in SHOWN:
        assert shown in text, shown
    assert "(85 %" in text
    assert f'href="{_seed_project().get_absolute_url()}"' in section
    # The project page links back to this review for those who may read it.
    page = client.get(_seed_project().get_absolute_url()).content.decode()
    assert reverse("reports:review", args=["zemgale", 2016]) in page


def test_the_year_counts_the_partnership_once_by_its_total():
    review = annual_review(Programme.objects.get(slug="zemgale"), 2016)
    assert [p.title for p in review.projects] == [_seed_project().title]
    # 941 000 EUR: the lead partner's 90 000 and the programme's 799 850 are parts of it.
    assert review.year_projects.total_eur == Decimal("941000.00")
    assert len(review.year_projects.partnerships) == 1


def test_the_review_pdf_shows_the_partnership(review_pdf_2016):
    text = words(pdf_text(review_pdf_2016))
    for shown in SHOWN:
        assert shown.replace("\xa0", " ") in text, shown
    assert "85 %" in text


def test_the_workbook_has_the_partners_and_the_results_per_partner(client, people):
    client.force_login(people.national)
    response = client.get(reverse("reports:xlsx", args=["zemgale", 2016]))
    book = openpyxl.load_workbook(io.BytesIO(response.getvalue()))
    with translation.override("lv"):
        partners = book[gettext("Project partners")[:31]]
        results = book[gettext("Project results")[:31]]
        projects = book[gettext("Projects")[:31]]
    rows = list(partners.iter_rows(min_row=2, values_only=True))
    assert (rows[0][4], rows[0][5]) == (941000, "EUR")
    assert (rows[1][2], rows[1][4], rows[1][6]) == (
        "Latvijas - Lietuvas pārrobežu sadarbības programma 2014. - 2020. gadam",
        799850,
        85,
    )
    named = {row[2]: (row[3], row[4]) for row in rows[2:10]}
    assert named["Zemgales plānošanas reģions"] == ("LV", 90000)
    assert named["Rokišķu jauniešu centrs"] == ("LT", None)
    assert rows[10][4] == 24  # months
    counted = {row[3]: (row[1], row[4]) for row in results.iter_rows(min_row=2, values_only=True)}
    assert counted["Izvietoti servisa dzīvokļi (5) - Auce"] == ("Auces novads", 5)
    assert counted["Izveidoti grupu dzīvokļi (8) - Jaunjelgava"] == ("Jaunjelgavas novads", 8)
    assert len(counted) == 13
    # The Projects sheet's total is the project's total, not added up with the parts.
    rows = list(projects.iter_rows(min_row=2, values_only=True))
    assert [row[3] for row in rows] == [941000, 941000]  # the project, then the year's total


def test_a_partner_municipality_lists_the_project_on_its_pages(client, people):
    project = _seed_project()
    auce = Municipality.resolve("Auces novads", year=2016)
    public = client.get(reverse("municipalities:detail", args=[auce.slug])).content.decode()
    assert f'href="{project.get_absolute_url()}"' in public
    client.force_login(people.zemgale_council)
    drill_down = client.get(reverse("dashboard:municipality", args=["zemgale", auce.slug]))
    assert f'href="{project.get_absolute_url()}"' in drill_down.content.decode()
    jelgava = client.get(reverse("municipalities:detail", args=["jelgava"])).content.decode()
    assert project.get_absolute_url() not in jelgava


def test_a_partner_of_another_region_lists_it_and_its_regions_review_does_not(client, people):
    """The project counts in its lead's region's review; a Latgale partner shows it on its
    own public page only."""
    project = _seed_project()
    balvi = Municipality.resolve("Balvu novads", year=2016)
    ProjectPartner.objects.create(project=project, position=9, municipality=balvi)
    public = client.get(reverse("municipalities:detail", args=[balvi.slug])).content.decode()
    assert f'href="{project.get_absolute_url()}"' in public
    assert "Zemgale" in _text(public)
    latgale = annual_review(Programme.objects.get(slug="latgale"), 2016)
    assert project not in latgale.projects
    zemgale = annual_review(Programme.objects.get(slug="zemgale"), 2016)
    assert zemgale.projects == [project]


class _Rows(HTMLParser):
    """The rows of the first table body: each row's cells as (tag, text, has a link)."""

    def __init__(self):
        super().__init__()
        self.rows, self.cell, self.in_body, self.done = [], None, False, False

    def handle_starttag(self, tag, attrs):
        if self.done:
            return
        if tag == "tbody":
            self.in_body = True
        elif self.in_body and tag == "tr":
            self.rows.append([])
        elif self.in_body and tag in ("th", "td"):
            self.cell = [tag, "", False]
        elif self.cell is not None and tag == "a":
            self.cell[2] = True

    def handle_endtag(self, tag):
        if tag == "tbody" and self.in_body:
            self.in_body, self.done = False, True
        elif self.cell is not None and tag in ("th", "td"):
            self.rows[-1].append((self.cell[0], " ".join(self.cell[1].split()), self.cell[2]))
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell[1] += data


@pytest.mark.parametrize("year", [2013, 2014])
def test_latgales_projects_render_as_before(client, people, year):
    client.force_login(people.national)
    html = client.get(reverse("reports:review", args=["latgale", year])).content.decode()
    start = html.index('<section id="part-projects"')
    section = html[start : html.index("</section>", start)]
    assert 'class="partnership"' not in section
    assert "/projects/" not in section
    parser = _Rows()
    parser.feed(section)
    review = annual_review(Programme.objects.get(slug="latgale"), year)
    assert len(parser.rows) == len(review.projects) == 14
    for row, project in zip(parser.rows, review.projects, strict=True):
        assert [cell[0] for cell in row] == ["th", "td", "td", "td", "td"]
        assert not any(cell[2] for cell in row)
        municipality, title, funding, _period, _budget = (cell[1] for cell in row)
        assert municipality == project.municipality.name
        # The title alone, or with the note of a project counted the year before.
        assert title == project.title or (project.repeated and title.startswith(project.title))
        assert funding == (project.funding_source or "—")
