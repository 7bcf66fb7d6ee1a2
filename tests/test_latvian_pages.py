"""Every page each role can reach is in Latvian: no English interface word in what it shows.

The pages come from the URLconf itself, the admin's too (every registered model's list, add
and change form, history, delete page, import and export): a URL added later without a sample
here fails `test_every_named_url_has_a_sample`. Each role opens every page with real sample
objects; what answers 200 with HTML is checked (tests/latvian.py says what counts as shown).
The same check finds English on the same pages once the person switches to English.
"""

import datetime
from urllib.parse import urlsplit

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from monitoring import proposals, services, surveys
from monitoring.models import FormDraft, Message, ProgressEntry, Project, Status, UserSettings
from monitoring.resources import ProgressEntryResource
from programmes.models import Programme, ProgrammeNode
from reports.models import ReviewPdf
from tests import factories
from tests.latvian import english_snippets
from tests.survey_setup import zemgale_survey

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "jelgava_staff", "zemgale_coordinator", "zemgale_council", "national"]

# Named URLs that are no page to read, and why.
NOT_PAGES = {
    "logout": "a POST",
    "set_language": "a POST",
    "monitoring:round-approve": "a POST (its confirmation page is among POST_PAGES)",
    "monitoring:round-reminders": "a POST (a refusal shows the year's page, answering 400)",
    "monitoring:autosave": "a POST answering JSON",
    "monitoring:autosave-discard": "a POST",
    "monitoring:survey-link-reissue": "a POST (the link page it shows is among POST_PAGES)",
    "monitoring:decide": "a POST",
    "monitoring:approve": "a POST",
    "monitoring:return": "a POST",
    "monitoring:reopen": "a POST",
    "monitoring:workbook-confirm": "a POST",
    "monitoring:region-workbook": "an Excel file",
    "monitoring:region-import-confirm": "a POST",
    "monitoring:workbook": "an Excel file",
    "reports:pdf": "a PDF file",
    "reports:xlsx": "an Excel file",
    "reports:version": "a PDF file",
    "reports:finalise": "a POST",
    "reports:version-decision": "a POST",
    "admin:logout": "a POST",
    "admin:jsi18n": "a script",
    "admin:autocomplete": "JSON",
    "admin:view_on_site": "a redirect to the object's page",
}
# The admin's URLs of one model, by the end of their names: how to fill them in.
ADMIN_VIEWS = {
    "changelist": lambda obj: {},
    "add": lambda obj: {},
    "import": lambda obj: {},
    "export": lambda obj: {},
    "change": lambda obj: {"object_id": obj.pk},
    "history": lambda obj: {"object_id": obj.pk},
    "delete": lambda obj: {"object_id": obj.pk},
    "password_change": lambda obj: {"id": obj.pk},
    "simple_history": lambda obj: [obj.pk, _history(obj).earliest("history_date").history_id],
}
ADMIN_NOT_PAGES = {"process_import": "a POST"}


def _history(obj):
    return getattr(obj, obj._meta.simple_history_manager_attribute)


def _url_names(patterns=None, namespace=""):
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            yield from _url_names(pattern.url_patterns, pattern.namespace or namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


def _admin_view(name):
    """(model, view) of an admin URL name such as admin:monitoring_progressentry_change."""
    for model in admin.site._registry:
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}_"
        if name.startswith(prefix):
            return model, name.removeprefix(prefix)
    return None, None


def _sample(model):
    """The model's newest object: the small ones this module makes, where it makes one."""
    return model._default_manager.order_by("-pk").first()


def _pages(samples) -> tuple[list[str], list[str]]:
    """Every page's URL, and the names without a sample."""
    urls, missing = [], []
    for name in dict.fromkeys(_url_names()):
        model, view = _admin_view(name)
        if name in NOT_PAGES or view in ADMIN_NOT_PAGES:
            continue
        if model is not None:
            obj = _sample(model)
            if view not in ADMIN_VIEWS or obj is None:
                missing.append(name)
                continue
            arguments = ADMIN_VIEWS[view](obj)
            kwargs = arguments if isinstance(arguments, dict) else None
            args = None if kwargs is not None else arguments
            urls.append(reverse(name, args=args, kwargs=kwargs))
        elif name in samples:
            urls += [reverse(name, kwargs=kwargs) for kwargs in samples[name]]
        else:
            missing.append(name)
    return urls, missing


@pytest.fixture
def samples(people):
    """One object of each kind the pages need: Zemgale's year 2015 open with Jelgava's report,
    an entry changed once (its history shows a change), a final review version, a PDF being
    made, login records, a background job, and small objects whose delete pages are short.
    The national administrator is also the admin's superuser, as the demo's `admin` is."""
    people.national.is_staff = people.national.is_superuser = True
    people.national.save()
    zemgale = Programme.objects.get(slug="zemgale")
    reporting_round = services.round_open(
        programme=zemgale,
        year=2015,
        deadline=timezone.localdate() + datetime.timedelta(days=5),
        by=people.zemgale_coordinator,
    )
    submission = reporting_round.submissions.get(municipality=people.jelgava)
    factories.review_version_create(zemgale, by=people.zemgale_coordinator)
    prepared = ReviewPdf.objects.create(
        programme=zemgale, year=2014, html_sha256="0" * 64, requested_at=timezone.now()
    )
    node = ProgrammeNode.objects.get(programme=zemgale, code="1.1")
    entry = ProgressEntry.objects.create(
        node=node, municipality=people.jelgava, year=2015, status=Status.PARTIAL
    )
    entry.status, entry.narrative, entry._change_reason = Status.IMPLEMENTED, "Pabeigts.", "Labots"
    entry.save()
    Project.objects.create(
        region=zemgale.region, municipality=people.jelgava, year=2015, title="Dienas centrs"
    )
    FormDraft.objects.create(submission=submission, user=people.jelgava_staff, data={})
    UserSettings.objects.update_or_create(
        user=people.zemgale_coordinator, defaults={"language": "lv"}
    )
    Message.objects.create(  # an e-mail sent: on the year's page and the list of e-mail
        key="sample",
        kind=Message.Kind.RETURNED,
        recipient=people.jelgava_staff,
        to="dienests@jelgava.lv",
        language="lv",
        region=zemgale.region,
        round=reporting_round,
        submission=submission,
        subject="Jelgava: koordinators atgrieza 2015. gada pārskatu",
        body="Teksts",
        sent_at=timezone.now(),
    )
    _small_objects()
    _login_records()
    Group.objects.create(name="Koordinatori")
    DBTaskResult.objects.create(
        task_path="reports.tasks.make_review_pdf",
        args_kwargs={"args": [prepared.pk], "kwargs": {}},
        backend_name="default",
        run_after=get_date_max(),
    )
    proposal = proposals.proposal_submit(
        programme=zemgale,
        municipality=people.jelgava,
        text="Papildināt programmu ar atbalstu ģimenēm ar bērniem.",
        by=people.jelgava_staff,
    )
    survey = _survey(people)
    question = survey.questions.get(audience="social_services", number=1)
    provider, service = _survey_respondents(people, survey, question)
    pk = [{"pk": submission.pk}]
    review = {"slug": "zemgale", "year": 2014}
    survey_pk = [{"pk": survey.pk}]
    question_pk = [{"pk": question.pk}]
    return {
        "programmes:index": [{}],
        "programmes:detail": [{"slug": "zemgale"}],
        "municipalities:index": [{}],
        "municipalities:detail": [{"slug": "jelgava"}, {"slug": "auces-novads"}],
        "projects:detail": [
            {"pk": Project.objects.get(title__startswith="Sociālo pakalpojumu pieejamības").pk}
        ],
        "login": [{}],
        "monitoring:start": [{}],
        "monitoring:index": [{}],
        "monitoring:round-open": [{"slug": "zemgale"}],
        "monitoring:round": [{"pk": reporting_round.pk}],
        "monitoring:region-entries": [{"pk": reporting_round.pk}],
        "monitoring:region-import": [{"pk": reporting_round.pk}],
        "monitoring:messages": [{}],
        "monitoring:proposals": [{}],
        "monitoring:proposal-create": [{"slug": "zemgale"}],
        "monitoring:proposal-decide": [{"pk": proposal.pk}],
        "monitoring:surveys": [{}],
        "monitoring:survey-create": [{"slug": "zemgale"}],
        "monitoring:survey": survey_pk,
        "monitoring:survey-edit": survey_pk,
        "monitoring:survey-delete": survey_pk,
        "monitoring:survey-question-add": survey_pk,
        "monitoring:survey-question-edit": question_pk,
        "monitoring:survey-question-delete": question_pk,
        "monitoring:survey-provider-add": survey_pk,
        "monitoring:survey-respondent": [{"pk": provider.respondent.pk}, {"pk": service.pk}],
        "monitoring:survey-link-revoke": [{"pk": provider.respondent.pk}],
        "monitoring:survey-answer": [{"pk": survey.pk, "municipality_pk": people.jelgava.pk}],
        "monitoring:survey-link": [{"token": provider.token}],
        "monitoring:submission": pk,
        "monitoring:review": pk,
        "monitoring:workbook-upload": pk,
        "dashboard:index": [{}],
        "dashboard:national": [{}],
        "dashboard:region": [{"slug": "zemgale"}],
        "dashboard:task": [{"slug": "zemgale", "pk": node.pk}],
        "dashboard:municipality": [{"slug": "zemgale", "municipality_slug": "jelgava"}],
        "reports:index": [{}],
        "reports:review": [review],
        "reports:pdf-prepared": [{**review, "pk": prepared.pk}],
        "accounts:index": [{}],
        "accounts:people": [{"slug": "zemgale"}],
        "accounts:invite": [{"slug": "zemgale"}],
        "accounts:deactivate": [{"slug": "zemgale", "pk": people.dobele_staff.pk}],
        "accounts:reactivate": [{"slug": "zemgale", "pk": people.dobele_staff.pk}],
        "accounts:settings": [{}],
        "accounts:password-reset": [{}],
        "accounts:password-reset-done": [{}],
        "accounts:password-reset-confirm": [{"uidb64": "MQ", "token": "nederigs"}],
        "accounts:password-reset-complete": [{}],
        "admin:index": [{}],
        "admin:login": [{}],
        "admin:password_change": [{}],
        "admin:password_change_done": [{}],
        "admin:app_list": [
            {"app_label": label}
            for label in sorted({model._meta.app_label for model in admin.site._registry})
        ],
    }


def _small_objects():
    """The newest region, municipality and programme are small: their change and delete
    pages list a few related objects, not a published programme's hundreds."""
    programme = factories.programme_create(blocks=1, tasks_per_block=1, indicators=1)
    programme.region.slug = "mazais"  # not the factory's "region-1"
    programme.region.save()
    municipality = factories.municipality_create(programme.region)
    municipality.aliases.create(name="Mazā pašvaldība")
    action = programme.nodes.get(kind="action")
    action.planned_quantities.create(municipality=municipality, quantity=3)
    programme.policy_results.create(position=1, text="Pakalpojumi pieejami tuvāk dzīvesvietai.")
    municipality.yearly_figures.create(year=2015)


PROVIDER = "Biedrība „Atbalsts”"


def _survey(people):
    """Zemgale's survey of tests/survey_setup.py, its summary of the answers written."""
    survey = zemgale_survey(people.zemgale_coordinator)
    question = survey.questions.get(audience="both", number=1)
    surveys.question_save(
        survey=survey,
        question=question,
        audience=question.audience,
        number=question.number,
        text=question.text,
        summary="Pakalpojumu pieejamība uzlabojusies.",
        by=people.zemgale_coordinator,
    )
    return survey


def _survey_respondents(people, survey, question):
    """A provider with its link, and Jelgava's social service with an answer in draft."""
    provider = surveys.provider_add(
        survey=survey,
        name=PROVIDER,
        email="atbalsts@example.lv",
        municipality=people.jelgava,
        by=people.zemgale_coordinator,
    )
    service = surveys.social_service_respondent(survey=survey, municipality=people.jelgava)
    surveys.answers_save(
        respondent=service, answers={question.pk: "Pietiek."}, submit=False, by=people.jelgava_staff
    )
    return provider, service


def _login_records():
    where = {"ip_address": "192.0.2.10", "user_agent": "Mozilla/5.0", "http_accept": "*/*"}
    attempt = AccessAttempt.objects.create(
        username="dienests-jelgava",
        path_info="/login/",
        get_data="",
        post_data="username=dienests-jelgava",
        failures_since_start=2,
        **where,
    )
    AccessLog.objects.create(username="dienests-jelgava", path_info="/login/", **where)
    AccessFailureLog.objects.create(
        username=attempt.username, path_info="/login/", locked_out=True, **where
    )


def _import_file(*rows, headers=("programme", "year", "municipality", "code", "status")):
    lines = [",".join(headers), *(",".join(row) for row in rows)]
    return SimpleUploadedFile("ieraksti.csv", "\n".join(lines).encode(), "text/csv")


def _import(client, upload):
    url = reverse("admin:monitoring_progressentry_import")
    formats = client.get(url).context["form"].fields["format"].choices
    csv = next(value for value, title in formats if title == "csv")
    return client.post(url, {"resource": "0", "format": csv, "import_file": upload})


def _import_pages(client, people):
    """The import's preview, its errors, a file without the key columns, and the message
    after a confirmed import."""
    good = ("zemgale", "2015", "Dobele", "1.2", "izpildīts")
    bad = ("zemgale", "2015", "Rīga", "1.2", "izpildīts")
    preview = _import(client, _import_file(good))
    yield preview
    yield _import(client, _import_file(good, bad))
    yield _import(client, _import_file(("zemgale", "2015"), headers=("programme", "year")))
    confirm = preview.context["confirm_form"].initial
    yield client.post(
        reverse("admin:monitoring_progressentry_process_import"), confirm, follow=True
    )


def _axes_clean_up(client, people):
    yield client.post(
        reverse("admin:axes_accessattempt_changelist"),
        {
            "action": "cleanup_expired_attempts",
            "_selected_action": [AccessAttempt.objects.get().pk],
        },
        follow=True,
    )


def _round_approve_confirmation(client, people):
    submission = people.jelgava.submissions.get()
    yield client.post(
        reverse("monitoring:round-approve", args=[submission.round_id]),
        {"submissions": [submission.pk]},
    )


def _survey_link_pages(client, people):
    """The provider's link as the coordinator sees it, issued again (shown once, after a
    POST), and a second provider's, on adding it."""
    from monitoring.models import SurveyRespondent

    provider = SurveyRespondent.objects.get(name=PROVIDER)
    yield client.post(reverse("monitoring:survey-link-reissue", args=[provider.pk]))
    yield client.post(
        reverse("monitoring:survey-provider-add", args=[provider.survey_id]),
        {"name": "Dienas centrs „Saule”", "email": "", "municipality": ""},
    )


def _survey_link_answered(client, people):
    """A provider's answers submitted by its link: the thanks, then the used link's page."""
    from monitoring.models import SurveyRespondent

    provider = SurveyRespondent.objects.get(name=PROVIDER)
    issued = surveys.link_reissue(respondent=provider, by=people.zemgale_coordinator)
    url = reverse("monitoring:survey-link", args=[issued.token])
    answers = {
        f"q{question.pk}": "Sadarbība laba."
        for question in provider.survey.questions.all()
        if question.asks_providers
    }
    yield client.post(url, {**answers, "action": "submit"})


def _set_password_page(client, people):
    """The page an invitation's link leads to (the link itself only redirects)."""
    from monitoring.people import set_password_link

    invited = get_user_model().objects.create_user("uzaicinata", email="uzaicinata@example.lv")
    yield client.get(urlsplit(set_password_link(invited)).path, follow=True)


# Far fewer pages would mean the role no longer reaches what it should (the admin's alone are
# more than a hundred).
MINIMUM_PAGES = {
    "anonymous": 6,
    "jelgava_staff": 10,
    "zemgale_coordinator": 20,
    "zemgale_council": 14,
    "national": 140,
}
# Pages that answer a POST: who sees them, and how to get there.
POST_PAGES = {
    "anonymous": [_set_password_page, _survey_link_answered],
    "national": [_import_pages, _axes_clean_up],
    "zemgale_coordinator": [_round_approve_confirmation, _survey_link_pages],
}


# The admin's import and export name the file's columns by their keys (programme, year, …),
# which the file's first row holds: a file format, as Excel's sheet names are.
FILE_COLUMNS = frozenset(ProgressEntryResource.Meta.fields)


def _import_export_pages():
    return {
        reverse("admin:monitoring_progressentry_import"),
        reverse("admin:monitoring_progressentry_export"),
    }


def _is_page(response) -> bool:
    return response.status_code == 200 and response["Content-Type"].startswith("text/html")


def test_every_named_url_has_a_sample(samples):
    _urls, missing = _pages(samples)
    assert not missing, f"no sample for {missing}: add one to `samples` or to NOT_PAGES"


@pytest.mark.parametrize("role", ROLES)
def test_every_page_a_role_can_reach_is_latvian(client, people, samples, role):
    if role != "anonymous":
        client.force_login(getattr(people, role))
    urls, _missing = _pages(samples)
    responses = ((url, client.get(url)) for url in urls)
    posted = (
        (response.request["PATH_INFO"], response)
        for make in POST_PAGES.get(role, [])
        for response in make(client, people)
    )
    pages, english = 0, []
    for url, response in [*responses, *posted]:
        if _is_page(response):
            pages += 1
            keys = FILE_COLUMNS if url in _import_export_pages() else frozenset()
            english += [f"{url}: {snippet}" for snippet in english_snippets(response.text, keys)]
    print(f"{role}: {pages} pages")
    assert not english, "English on the pages:\n" + "\n".join(english)
    assert pages >= MINIMUM_PAGES[role]


def test_the_check_finds_english_on_the_same_pages_in_english(client, people, samples):
    client.force_login(people.national)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    entry = _sample(ProgressEntry)
    for url in [
        reverse("programmes:index"),
        reverse("monitoring:round", args=[people.jelgava.submissions.get().round_id]),
        reverse("admin:index"),
        reverse("admin:monitoring_progressentry_import"),
        reverse("admin:monitoring_progressentry_history", args=[entry.pk]),
        reverse("admin:axes_accessattempt_changelist"),
        reverse("admin:django_tasks_database_dbtaskresult_changelist"),
    ]:
        response = client.get(url)
        assert _is_page(response), url
        assert english_snippets(response.text), f"no English found on {url} in English"
