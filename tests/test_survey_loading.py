"""Latgale's survey of 2014 (its 2013–2014 evaluation, §3) loaded from
fixtures/programmes/latgale/survey.json: as the source words it, twice changing nothing, a bad
item loading nothing."""

import json
import shutil

import pytest

from monitoring.models import Survey, SurveyAnswer, SurveyQuestion, SurveyRespondent
from programmes.fixture_loader import FIXTURES_DIR, FixtureError, programmes_load

pytestmark = pytest.mark.django_db

SURVEY_FILE = ("programmes", "latgale", "survey.json")


@pytest.fixture
def survey():
    return Survey.objects.get(programme__slug="latgale", year=2014)


def test_latgale_2014_survey_is_published_with_its_introduction(survey):
    assert survey.title == "Sociālo dienestu un sociālo pakalpojumu sniedzēju pašnovērtējums"
    assert survey.is_published and "003_075604a6623dea26.txt" in survey.source
    assert survey.introduction.startswith("Latgales plānošanas reģions, lai noskaidrotu")
    assert survey.introduction.endswith(
        "veica sociālo dienestu un sociālo pakalpojumu sniedzēju aptauju."
    )


def test_the_six_questions_to_social_services_and_five_to_providers(survey):
    services = survey.questions.filter(audience="social_services").order_by("number")
    providers = survey.questions.filter(audience="providers").order_by("number")
    assert [q.text for q in services] == [
        "Vai pašvaldības sociālajam dienestam ir pietiekošs darbinieku skaits, lai apkalpotu "
        "klientus?",
        "Pašvaldību minētie iemesli,kas apgrūtina sociālo pakalpojumu sniegšanu:",
        "Kā veidojas sadarbība ar sociālo pakalpojumu sniedzējiem?",
        "Kā vērtējat pašvaldības sociālā dienesta darbību kopumā?",
        "Vai ir kādas vajadzības, kuras būtu risināmas reģionālā vai valstiskā mērogā?",
        "Vai sociālo jautājumu risināšanas iespējas pēdējos gados ir uzlabojušās? (projekti, "
        "valsts atbalsts u.c.)",
    ]
    assert [q.number for q in providers] == [1, 2, 3, 4, 5]
    assert (
        providers[0].text
        == "Kā vērtējat visu socioālo pakalpojumu sniegšanā iesaistīto pušu sadarbību?"
    )
    assert providers[4].summary == (
        "Lielākā daļa sociālo pakalpojumu sniedzēju ir norādījuši,ka kopumā situācija ir "
        "uzlabojusies."
    )
    # The bulleted questions have answers and no summary of their own.
    assert services[1].summary == "" and services[4].summary == ""
    assert services[0].summary.startswith("Lielākā daļa pašvaldību sociālo dienestu ir norādījuši")


def test_each_answer_is_under_its_municipality_or_provider(survey):
    needs = SurveyQuestion.objects.get(survey=survey, audience="social_services", number=5)
    answers = {
        a.respondent.label: a.text for a in needs.answers.select_related("respondent__municipality")
    }
    assert set(answers) == {
        "Daugavpils",
        "Dagdas novads",
        "Rugāju novads",
        "Rēzekne",
        "Daugavpils novads",
        "Kārsavas novads",
        "Balvu novads",
        "Līvānu novads",
    }
    rezekne = answers["Rēzekne"]
    assert rezekne.startswith("Valstiskā līmenī jārisina šādi jautājumi:\n- Jāpieņem Sociālo")
    assert "- Psihologu likums izstrāde.\nReģionālā līmenī jāsniedz vairāk informācijas" in rezekne
    # "Soci ālajā" in the extracted text is "Sociālajā" in the source.
    assert "dotēšana Sociālajā sistēmā" in rezekne
    assert answers["Dagdas novads"] == (
        "Vienoti noteikumi un aprēķina kārtība dzīvokļa pabalstam Lauku un pilsētas teritorijās;"
    )
    providers = SurveyRespondent.objects.filter(survey=survey, kind="provider")
    assert sorted(providers.values_list("name", flat=True)) == [
        "Daugavpils psihoneiroloģiskā slimnīca",
        "Zilupes slimnīca",
    ]
    assert not providers.exclude(token_hash="").exists()
    assert SurveyAnswer.objects.filter(respondent__survey=survey).count() == 20
    # Daugavpils the city, not Daugavpils novads.
    city = SurveyRespondent.objects.get(survey=survey, municipality__name="Daugavpils")
    assert city.municipality.kind == "valstspilseta"


def test_loading_twice_changes_nothing():
    history = SurveyAnswer.history.count() + SurveyQuestion.history.count()
    report = programmes_load()
    assert report.changed == 0
    assert report.unchanged[SurveyAnswer._meta.verbose_name_plural] == 20
    assert report.unchanged[SurveyQuestion._meta.verbose_name_plural] == 11
    assert SurveyAnswer.history.count() + SurveyQuestion.history.count() == history


def _broken(tmp_path, change):
    fixtures = tmp_path / "fixtures"
    shutil.copytree(FIXTURES_DIR, fixtures)
    path = fixtures.joinpath(*SURVEY_FILE)
    data = json.loads(path.read_text())
    change(data["surveys"][0])
    path.write_text(json.dumps(data, ensure_ascii=False))
    return fixtures


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda s: s["questions"][1]["answers"][0].update(municipality="Nezināmā pils"),
            "Nezināmā pils",
        ),
        (lambda s: s["questions"][0].update(audience="all"), "audience 'all'"),
        (
            lambda s: s["questions"][1]["answers"].append({"provider": "Centrs", "text": "Jā."}),
            "not asked of Centrs",
        ),
        (
            lambda s: s["questions"][1]["answers"].append(
                {"municipality": "Jelgava", "text": "Jā."}
            ),
            "not in the programme's region",
        ),
        (lambda s: s.update(source=""), "names its source"),
    ],
)
def test_a_bad_item_loads_nothing(tmp_path, change, message):
    fixtures = _broken(tmp_path, change)
    SurveyAnswer.objects.update(text="mainīts")
    SurveyQuestion.objects.filter(survey__programme__slug="latgale").update(summary="mainīts")

    with pytest.raises(FixtureError, match=message):
        programmes_load(fixtures_dir=fixtures)

    assert not SurveyAnswer.objects.exclude(text="mainīts").exists()
    assert (
        not SurveyQuestion.objects.filter(survey__programme__slug="latgale")
        .exclude(summary="mainīts")
        .exists()
    )
