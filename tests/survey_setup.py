"""A survey of Zemgale's for the survey tests: two questions to social services, one to
providers and one to both, made through the services as the coordinator's pages make it."""

from monitoring import surveys
from programmes.models import Programme

YEAR = 2016


def zemgale_survey(coordinator):
    survey = surveys.survey_create(
        programme=Programme.objects.get(slug="zemgale"),
        year=YEAR,
        title="Pakalpojumu aptauja",
        introduction="Lūdzam atbildēt līdz 1. martam.",
        by=coordinator,
    )
    for audience, number, text in (
        ("social_services", 1, "Vai darbinieku pietiek?"),
        ("social_services", 2, "Kas traucē sniegt pakalpojumus?"),
        ("providers", 1, "Kā vērtējat sadarbību?"),
        ("both", 1, "Kas uzlabojies pēdējos gados?"),
    ):
        surveys.question_save(
            survey=survey, audience=audience, number=number, text=text, summary="", by=coordinator
        )
    return survey
