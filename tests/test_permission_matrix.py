"""Every URL of the app × seven named users → the expected answer.

The list of URLs comes from the URLconf itself: a URL added later without a row here fails
`test_every_url_has_a_row`. The admin (Django's own staff permissions) is left out.

A status cannot tell a change made from one refused with a message (both redirect), so what
each POST here did to the data is tested in tests/test_permission_effects.py, from states where
the change is possible.
"""

import datetime

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from monitoring import proposals, services, surveys
from programmes.models import ProgrammeNode
from reports.models import ReviewPdf
from tests.factories import review_version_create
from tests.survey_setup import zemgale_survey

pytestmark = pytest.mark.django_db

USERS = [
    "anonymous",
    "jelgava_staff",
    "dobele_staff",
    "zemgale_coordinator",
    "latgale_coordinator",
    "zemgale_council",
    "national",
]
LOGIN = "login"  # a redirect to the login page

# name: (method, {user: status}); users not named get `other`.
ALL_200 = {user: 200 for user in USERS}


def _row(method="get", other=404, anonymous=LOGIN, **statuses):
    return method, {"anonymous": anonymous, **statuses}, other


MATRIX = {
    "programmes:index": ("get", ALL_200, 200),
    "programmes:detail": ("get", ALL_200, 200),
    "municipalities:index": ("get", ALL_200, 200),
    "municipalities:detail": ("get", ALL_200, 200),
    # A project's page is public, as the municipalities' pages: it shows only what counts.
    "projects:detail": ("get", ALL_200, 200),
    "login": ("get", ALL_200, 200),
    "logout": _row("post", other=302, anonymous=302),
    "set_language": _row("post", other=302, anonymous=302),
    "monitoring:start": _row(other=302),
    "monitoring:index": _row(other=200),
    "monitoring:round-open": _row(zemgale_coordinator=200),
    "monitoring:round": _row(zemgale_coordinator=200, national=200),
    "monitoring:region-entries": _row(zemgale_coordinator=200, national=200),
    # An empty post chooses no report: back to the year's page with a message.
    "monitoring:round-approve": _row("post", zemgale_coordinator=302),
    # An empty post sets no reminder days: the year's page again with the errors, answering 400.
    "monitoring:round-reminders": _row("post", zemgale_coordinator=400),
    # The e-mail written about a region: its coordinator's (another region's coordinator sees
    # her own, none here) and the national administrators'.
    "monitoring:messages": _row(zemgale_coordinator=200, latgale_coordinator=200, national=200),
    # The proposals to a programme: those of the regions of the person's municipalities (whose
    # staff propose) and of the regions she coordinates (who decides), all the national
    # administrators'; a council member has none. The sample is Jelgava's to Zemgale.
    "monitoring:proposals": _row(other=200, zemgale_council=404),
    "monitoring:proposal-create": _row(jelgava_staff=200, dobele_staff=200),
    "monitoring:proposal-decide": _row(zemgale_coordinator=200),
    # The surveys: a coordinator's of her region, a social service's to answer; not the
    # council's or the national administrators'. The sample is Zemgale's, made in the app.
    "monitoring:surveys": _row(
        jelgava_staff=200, dobele_staff=200, zemgale_coordinator=200, latgale_coordinator=200
    ),
    "monitoring:survey-create": _row(zemgale_coordinator=200),
    "monitoring:survey": _row(zemgale_coordinator=200),
    "monitoring:survey-edit": _row(zemgale_coordinator=200),
    "monitoring:survey-delete": _row(zemgale_coordinator=200),
    "monitoring:survey-question-add": _row(zemgale_coordinator=200),
    "monitoring:survey-question-edit": _row(zemgale_coordinator=200),
    "monitoring:survey-question-delete": _row(zemgale_coordinator=200),
    "monitoring:survey-provider-add": _row(zemgale_coordinator=200),
    "monitoring:survey-respondent": _row(zemgale_coordinator=200),
    # A new link for the sample provider: the page that shows it, this once.
    "monitoring:survey-link-reissue": _row("post", zemgale_coordinator=200),
    "monitoring:survey-link-revoke": _row(zemgale_coordinator=200),
    # Jelgava's social service answers for Jelgava alone.
    "monitoring:survey-answer": _row(jelgava_staff=200),
    # A provider's link is the permission: whoever has it, signed in or not.
    "monitoring:survey-link": ("get", ALL_200, 200),
    # The year's entries are its drafts too: its coordinator's alone, as its other actions.
    "monitoring:region-workbook": _row(zemgale_coordinator=200),
    "monitoring:region-import": _row(zemgale_coordinator=200),
    # An empty post has no pending import: back to the upload with a message.
    "monitoring:region-import-confirm": _row("post", zemgale_coordinator=302),
    # The sample report is not handed in: beyond Jelgava and its coordinator nobody reads it.
    "monitoring:submission": _row(jelgava_staff=200, zemgale_coordinator=200),
    # Autosave keeps the form of whoever may change the report; others' answer is JSON 403.
    "monitoring:autosave": _row("post", jelgava_staff=200, zemgale_coordinator=200),
    # Removes only the person's own kept input, of a report they can read.
    "monitoring:autosave-discard": _row("post", jelgava_staff=302, zemgale_coordinator=302),
    "monitoring:review": _row(zemgale_coordinator=200),
    # An empty post decides nothing: the review page again, answering 400.
    "monitoring:decide": _row("post", zemgale_coordinator=400),
    "monitoring:approve": _row("post", zemgale_coordinator=302),
    "monitoring:return": _row("post", zemgale_coordinator=302),
    "monitoring:reopen": _row("post", zemgale_coordinator=302),
    "monitoring:workbook": _row(jelgava_staff=200, zemgale_coordinator=200),
    "monitoring:workbook-upload": _row(jelgava_staff=200, zemgale_coordinator=200),
    "monitoring:workbook-confirm": _row("post", jelgava_staff=302, zemgale_coordinator=302),
    "dashboard:index": _row(
        zemgale_coordinator=200, latgale_coordinator=200, zemgale_council=200, national=200
    ),
    "dashboard:national": _row(national=200),
    "dashboard:region": _row(zemgale_coordinator=200, zemgale_council=200, national=200),
    "dashboard:task": _row(zemgale_coordinator=200, zemgale_council=200, national=200),
    "dashboard:municipality": _row(zemgale_coordinator=200, zemgale_council=200, national=200),
    "reports:index": _row(other=200),
    "reports:review": _row(zemgale_coordinator=200, zemgale_council=200, national=200),
    "reports:pdf": _row(zemgale_coordinator=200, zemgale_council=200, national=200),
    "reports:xlsx": _row(zemgale_coordinator=200, zemgale_council=200, national=200),
    "reports:pdf-prepared": _row(zemgale_coordinator=200, zemgale_council=200, national=200),
    "reports:finalise": _row("post", zemgale_coordinator=302),
    "reports:version": _row(zemgale_coordinator=200, zemgale_council=200, national=200),
    "reports:version-decision": _row("post", zemgale_coordinator=302),
    # The accounts: a region's people are its coordinator's and the national administrators'
    # (a coordinator of one region goes straight to it); the sample person is Dobele's staff.
    "accounts:index": _row(zemgale_coordinator=302, latgale_coordinator=302, national=200),
    "accounts:people": _row(zemgale_coordinator=200, national=200),
    "accounts:invite": _row(zemgale_coordinator=200, national=200),
    "accounts:deactivate": _row(zemgale_coordinator=200, national=200),
    "accounts:reactivate": _row(zemgale_coordinator=200, national=200),
    "accounts:settings": _row(other=200),
    # Setting a password by e-mail is for anyone; the sample link is not a valid one.
    "accounts:password-reset": ("get", ALL_200, 200),
    "accounts:password-reset-done": ("get", ALL_200, 200),
    "accounts:password-reset-confirm": ("get", ALL_200, 200),
    "accounts:password-reset-complete": ("get", ALL_200, 200),
}


def _url_names(patterns=None, namespace=""):
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue
            yield from _url_names(pattern.url_patterns, pattern.namespace or namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


def test_every_url_has_a_row():
    assert set(_url_names()) == set(MATRIX)


def _seed_001_project_pk() -> int:
    from monitoring.models import Project

    return Project.objects.get(title__startswith="Sociālo pakalpojumu pieejamības").pk


@pytest.fixture
def samples(people):
    """One object of each kind the URLs need, all in Zemgale."""
    from programmes.models import Programme

    zemgale = Programme.objects.get(slug="zemgale")
    reporting_round = services.round_open(
        programme=zemgale,
        year=2015,
        deadline=timezone.localdate() + datetime.timedelta(days=5),
        by=people.zemgale_coordinator,
    )
    submission = reporting_round.submissions.get(municipality=people.jelgava)
    version = review_version_create(zemgale, by=people.zemgale_coordinator)
    prepared = ReviewPdf.objects.create(
        programme=zemgale,
        year=2014,
        html_sha256="0" * 64,
        requested_at=timezone.now(),
        finished_at=timezone.now(),
        pdf=b"%PDF",
    )
    node = ProgrammeNode.objects.get(programme=zemgale, code="1.1")
    proposal = proposals.proposal_submit(
        programme=zemgale,
        municipality=people.jelgava,
        text="Papildināt programmu ar atbalstu ģimenēm ar bērniem.",
        by=people.jelgava_staff,
    )
    survey = zemgale_survey(people.zemgale_coordinator)
    question = survey.questions.get(audience="social_services", number=1)
    provider = surveys.provider_add(
        survey=survey, name="Biedrība „Atbalsts”", by=people.zemgale_coordinator
    )
    survey_pk = {"pk": survey.pk}
    question_pk = {"pk": question.pk}
    provider_pk = {"pk": provider.respondent.pk}
    pk = {"pk": submission.pk}
    review = {"slug": "zemgale", "year": 2014}
    return {
        "programmes:detail": {"slug": "zemgale"},
        "municipalities:detail": {"slug": "jelgava"},
        "projects:detail": {"pk": _seed_001_project_pk()},
        "monitoring:round-open": {"slug": "zemgale"},
        "monitoring:round": {"pk": reporting_round.pk},
        "monitoring:region-entries": {"pk": reporting_round.pk},
        "monitoring:round-approve": {"pk": reporting_round.pk},
        "monitoring:round-reminders": {"pk": reporting_round.pk},
        "monitoring:region-workbook": {"pk": reporting_round.pk},
        "monitoring:region-import": {"pk": reporting_round.pk},
        "monitoring:region-import-confirm": {"pk": reporting_round.pk},
        "monitoring:proposal-create": {"slug": "zemgale"},
        "monitoring:proposal-decide": {"pk": proposal.pk},
        "monitoring:survey-create": {"slug": "zemgale"},
        "monitoring:survey": survey_pk,
        "monitoring:survey-edit": survey_pk,
        "monitoring:survey-delete": survey_pk,
        "monitoring:survey-question-add": survey_pk,
        "monitoring:survey-question-edit": question_pk,
        "monitoring:survey-question-delete": question_pk,
        "monitoring:survey-provider-add": survey_pk,
        "monitoring:survey-respondent": provider_pk,
        "monitoring:survey-link-reissue": provider_pk,
        "monitoring:survey-link-revoke": provider_pk,
        "monitoring:survey-answer": {"pk": survey.pk, "municipality_pk": people.jelgava.pk},
        "monitoring:survey-link": {"token": provider.token},
        "monitoring:submission": pk,
        "monitoring:autosave": pk,
        "monitoring:autosave-discard": pk,
        "monitoring:review": pk,
        "monitoring:decide": pk,
        "monitoring:approve": pk,
        "monitoring:return": pk,
        "monitoring:reopen": pk,
        "monitoring:workbook": pk,
        "monitoring:workbook-upload": pk,
        "monitoring:workbook-confirm": pk,
        "dashboard:region": {"slug": "zemgale"},
        "dashboard:task": {"slug": "zemgale", "pk": node.pk},
        "dashboard:municipality": {"slug": "zemgale", "municipality_slug": "jelgava"},
        "reports:review": review,
        "reports:pdf": review,
        "reports:xlsx": review,
        "reports:pdf-prepared": {**review, "pk": prepared.pk},
        "reports:finalise": review,
        "reports:version": {**review, "pk": version.pk},
        "reports:version-decision": {**review, "pk": version.pk},
        "accounts:people": {"slug": "zemgale"},
        "accounts:invite": {"slug": "zemgale"},
        "accounts:deactivate": {"slug": "zemgale", "pk": people.dobele_staff.pk},
        "accounts:reactivate": {"slug": "zemgale", "pk": people.dobele_staff.pk},
        "accounts:password-reset-confirm": {"uidb64": "MQ", "token": "nederigs"},
    }


@pytest.mark.parametrize("name", sorted(MATRIX))
@pytest.mark.parametrize("user", USERS)
def test_the_answer_is_the_expected_one(client, people, samples, name, user):
    method, statuses, other = MATRIX[name]
    expected = statuses.get(user, other)
    if user != "anonymous":
        client.force_login(getattr(people, user))
    url = reverse(name, kwargs=samples.get(name, {}))
    response = getattr(client, method)(url)
    if expected == LOGIN:
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    else:
        assert response.status_code == expected, f"{method.upper()} {url} as {user}"
