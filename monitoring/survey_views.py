"""The survey's pages: the coordinator's surveys, questions, respondents and providers' links;
a social service answering for its municipality; a provider answering by its link.

Who may do what is decided in monitoring/access.py (404 for anyone else); writes go through
monitoring/surveys.py. A provider's link is shown once, on the page that issues it, and the
pages that carry a token are never cached.
"""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from monitoring import access, surveys
from monitoring.mail import absolute
from monitoring.models import Audience, Survey, SurveyQuestion, SurveyRespondent
from monitoring.models.surveys import LINK_VALID_DAYS, counted_answer
from monitoring.survey_forms import AnswersForm, ProviderForm, QuestionForm, SurveyForm
from municipalities.models import Municipality
from programmes.models import Programme

SURVEYS_PER_PAGE = 20
PROVIDERS_PER_PAGE = 50
SERVICE_AUDIENCES = (Audience.SOCIAL_SERVICES, Audience.BOTH)


def _region_municipalities(survey: Survey):
    return (
        Municipality.objects.filter(region_id=survey.programme.region_id)
        .active_in_year(survey.year)
        .in_order()
    )


# --- the list -------------------------------------------------------------------------------


@login_required
def survey_list(request):
    """Coordinator: the region's surveys by year. Staff: the surveys their social service
    answers, with the state of its answers."""
    roles = access.roles_of(request.user)
    if not (roles.is_coordinator or roles.is_staff):
        raise Http404
    page = programmes = None
    if roles.is_coordinator:
        coordinated = (
            access.coordinated_surveys(request.user)
            .select_related("programme__region")
            .annotate(
                question_count=Count("questions", distinct=True),
                submitted_count=Count(
                    "respondents",
                    filter=Q(respondents__submitted_at__isnull=False),
                    distinct=True,
                ),
            )
            .order_by("-year", "programme__region__sort_name")
        )
        page = Paginator(coordinated, SURVEYS_PER_PAGE).get_page(request.GET.get("page"))
        programmes = Programme.objects.filter(
            region_id__in=roles.coordinated_region_ids
        ).select_related("region")
    to_answer = []
    if roles.is_staff:
        towns = list(Municipality.objects.filter(pk__in=roles.municipality_ids).in_order())
        asked = list(
            access.answerable_surveys(request.user)
            .filter(questions__audience__in=SERVICE_AUDIENCES)
            .select_related("programme__region")
            .order_by("-year")
        )
        respondents = {
            (r.survey_id, r.municipality_id): r
            for r in SurveyRespondent.objects.filter(
                survey__in=asked,
                kind=SurveyRespondent.Kind.SOCIAL_SERVICE,
                municipality_id__in=roles.municipality_ids,
            )
        }
        for survey in asked:
            for town in towns:
                day = datetime.date(survey.year, 1, 1)
                if town.region_id == survey.programme.region_id and town.is_active_on(day):
                    to_answer.append((survey, town, respondents.get((survey.pk, town.pk))))
    return render(
        request,
        "monitoring/surveys/list.html",
        {"roles": roles, "page": page, "programmes": programmes, "to_answer": to_answer},
    )


# --- the coordinator's survey ---------------------------------------------------------------


def _programme_for_coordinator(user, slug: str) -> Programme:
    programme = get_object_or_404(Programme.objects.select_related("region"), slug=slug)
    if not access.can_coordinate(user, programme.region_id):
        raise Http404
    return programme


@login_required
def survey_create(request, slug):
    programme = _programme_for_coordinator(request.user, slug)
    taken = set(programme.surveys.values_list("year", flat=True))
    years = [y for y in programme.years if y not in taken]
    form = SurveyForm(request.POST or None, years=years)
    if request.method == "POST" and form.is_valid():
        try:
            survey = surveys.survey_create(
                programme=programme,
                year=form.cleaned_data["year"],
                title=form.cleaned_data["title"],
                introduction=form.cleaned_data["introduction"],
                by=request.user,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The survey was created. Add its questions."))
            return redirect(survey)
    return render(
        request,
        "monitoring/surveys/survey_form.html",
        {"programme": programme, "form": form, "survey": None, "years": years},
        status=400 if form.is_bound else 200,
    )


@login_required
def survey_detail(request, pk):
    """The survey's questions and who has answered: the region's municipalities (for the
    social services' questions) and the providers the coordinator added."""
    survey = access.get_survey_for_coordinator(request.user, pk)
    # Counted as the review counts them: submitted, or as the published document gives them.
    questions = list(
        survey.questions.in_order().annotate(
            answer_count=Count("answers", filter=counted_answer("answers__"))
        )
    )
    asks_services = any(q.asks_social_services for q in questions)
    services = {
        r.municipality_id: r
        for r in survey.respondents.filter(kind=SurveyRespondent.Kind.SOCIAL_SERVICE).annotate(
            answer_count=Count("answers")
        )
    }
    towns = [(m, services.get(m.pk)) for m in _region_municipalities(survey)]
    providers = Paginator(
        survey.respondents.filter(kind=SurveyRespondent.Kind.PROVIDER)
        .select_related("municipality")
        .annotate(answer_count=Count("answers"))
        .order_by("name", "pk"),
        PROVIDERS_PER_PAGE,
    ).get_page(request.GET.get("page"))
    submitted = sum(1 for _m, r in towns if r and r.is_submitted)
    return render(
        request,
        "monitoring/surveys/detail.html",
        {
            "survey": survey,
            "questions": questions,
            "asks_services": asks_services,
            "asks_providers": any(q.asks_providers for q in questions),
            "towns": towns,
            "services_submitted": submitted,
            "providers": providers,
            "fixed": surveys.has_submissions(survey),
        },
    )


@login_required
def survey_edit(request, pk):
    survey = access.get_survey_for_coordinator(request.user, pk)
    if survey.is_published:
        raise Http404
    form = SurveyForm(request.POST or None, instance=survey)
    if request.method == "POST" and form.is_valid():
        surveys.survey_update(
            survey=survey,
            title=form.cleaned_data["title"],
            introduction=form.cleaned_data["introduction"],
            by=request.user,
        )
        messages.success(request, _("The survey was saved."))
        return redirect(survey)
    return render(
        request,
        "monitoring/surveys/survey_form.html",
        {"programme": survey.programme, "form": form, "survey": survey},
        status=400 if form.is_bound else 200,
    )


@login_required
def survey_delete(request, pk):
    survey = access.get_survey_for_coordinator(request.user, pk)
    if survey.is_published:
        raise Http404
    if request.method == "POST":
        surveys.survey_delete(survey=survey, by=request.user)
        messages.success(request, _("The survey was deleted."))
        return redirect("monitoring:surveys")
    answers = survey.respondents.filter(answers__isnull=False).distinct().count()
    return render(
        request,
        "monitoring/surveys/confirm.html",
        {
            "survey": survey,
            "heading": _("Delete the survey “%(title)s”?") % {"title": survey.title},
            "warning": _(
                "Its questions and the answers of %(count)d respondents are deleted with it. "
                "This cannot be undone."
            )
            % {"count": answers},
            "button": _("Delete the survey"),
        },
    )


# --- questions ------------------------------------------------------------------------------


def _question_for_coordinator(user, pk: int) -> SurveyQuestion:
    question = get_object_or_404(SurveyQuestion.objects.select_related("survey"), pk=pk)
    question.survey = access.get_survey_for_coordinator(user, question.survey_id)
    if question.survey.is_published:
        raise Http404
    return question


def _question_page(request, survey, question):
    fixed = surveys.has_submissions(survey)
    if question is None:
        following = max(survey.questions.values_list("number", flat=True), default=0) + 1
        initial = {"number": following}
    else:
        initial = None
    form = QuestionForm(request.POST or None, instance=question, initial=initial, fixed=fixed)
    if request.method == "POST" and form.is_valid():
        try:
            surveys.question_save(
                survey=survey,
                question=question,
                audience=form.cleaned_data["audience"],
                number=form.cleaned_data["number"],
                text=form.cleaned_data["text"],
                summary=form.cleaned_data["summary"],
                by=request.user,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The question was saved."))
            return redirect(survey)
    return render(
        request,
        "monitoring/surveys/question_form.html",
        {"survey": survey, "question": question, "form": form, "fixed": fixed},
        status=400 if form.is_bound else 200,
    )


@login_required
def question_add(request, pk):
    survey = access.get_survey_for_coordinator(request.user, pk)
    if survey.is_published:
        raise Http404
    return _question_page(request, survey, None)


@login_required
def question_edit(request, pk):
    question = _question_for_coordinator(request.user, pk)
    return _question_page(request, question.survey, question)


@login_required
def question_delete(request, pk):
    question = _question_for_coordinator(request.user, pk)
    survey = question.survey
    error = ""
    if request.method == "POST":
        try:
            surveys.question_delete(question=question, by=request.user)
        except ValidationError as exc:
            error = exc.messages[0]
        else:
            messages.success(request, _("The question was deleted."))
            return redirect(survey)
    return render(
        request,
        "monitoring/surveys/confirm.html",
        {
            "survey": survey,
            "heading": _("Delete question %(number)d?") % {"number": question.number},
            "quote": question.text,
            "warning": _("This cannot be undone."),
            "button": _("Delete the question"),
            "error": error,
        },
        status=400 if error else 200,
    )


# --- providers and their links --------------------------------------------------------------


def _link_page(request, issued: surveys.IssuedLink):
    """The link, shown this once: it is not kept, so it cannot be shown again."""
    link = absolute(reverse("monitoring:survey-link", args=[issued.token]))
    return render(
        request,
        "monitoring/surveys/link.html",
        {
            "survey": issued.respondent.survey,
            "respondent": issued.respondent,
            "link": link,
            "link_days": LINK_VALID_DAYS,
        },
    )


@never_cache
@login_required
def provider_add(request, pk):
    survey = access.get_survey_for_coordinator(request.user, pk)
    if survey.is_published:
        raise Http404
    form = ProviderForm(request.POST or None, municipalities=_region_municipalities(survey))
    if request.method == "POST" and form.is_valid():
        try:
            issued = surveys.provider_add(
                survey=survey,
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                municipality=form.cleaned_data["municipality"],
                by=request.user,
            )
        except ValidationError as exc:
            form.add_error("name", exc)
        else:
            return _link_page(request, issued)
    return render(
        request,
        "monitoring/surveys/provider_form.html",
        {"survey": survey, "form": form},
        status=400 if form.is_bound else 200,
    )


def _provider_for_coordinator(user, pk: int) -> SurveyRespondent:
    respondent = get_object_or_404(
        SurveyRespondent.objects.filter(kind=SurveyRespondent.Kind.PROVIDER), pk=pk
    )
    respondent.survey = access.get_survey_for_coordinator(user, respondent.survey_id)
    return respondent


@never_cache
@login_required
@require_POST
def link_reissue(request, pk):
    respondent = _provider_for_coordinator(request.user, pk)
    try:
        issued = surveys.link_reissue(respondent=respondent, by=request.user)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
        return redirect(respondent.survey)
    issued.respondent.survey = respondent.survey
    return _link_page(request, issued)


@login_required
def link_revoke(request, pk):
    respondent = _provider_for_coordinator(request.user, pk)
    survey = respondent.survey
    if request.method == "POST":
        try:
            surveys.link_revoke(respondent=respondent, by=request.user)
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
        else:
            messages.success(
                request,
                _("The link of %(name)s no longer opens the survey.") % {"name": respondent},
            )
        return redirect(survey)
    return render(
        request,
        "monitoring/surveys/confirm.html",
        {
            "survey": survey,
            "heading": _("Revoke the link of %(name)s?") % {"name": respondent.name},
            "warning": _(
                "The link will no longer open the survey; answers saved so far are kept. You "
                "can issue a new link later."
            ),
            "button": _("Revoke the link"),
        },
    )


@login_required
def respondent_detail(request, pk):
    """One respondent's answers as the coordinator reads them (a draft too, marked so)."""
    respondent = get_object_or_404(SurveyRespondent.objects.select_related("municipality"), pk=pk)
    survey = access.get_survey_for_coordinator(request.user, respondent.survey_id)
    respondent.survey = survey
    answers = {a.question_id: a.text for a in respondent.answers.all()}
    questions = [q for q in survey.questions.in_order() if q.is_asked_of(respondent.kind)]
    return render(
        request,
        "monitoring/surveys/respondent.html",
        {
            "survey": survey,
            "respondent": respondent,
            "rows": [(q, answers.get(q.pk, "")) for q in questions],
        },
    )


# --- answering ------------------------------------------------------------------------------


def _answers_form(request, *, survey, respondent, kind) -> AnswersForm:
    """The answers form of a social service or a provider, bound to what was sent while the
    answers are not submitted; read-only once they are."""
    questions = [q for q in survey.questions.in_order() if q.is_asked_of(kind)]
    answers = {a.question_id: a.text for a in respondent.answers.all()} if respondent else {}
    submitted = respondent is not None and respondent.is_submitted
    return AnswersForm(
        request.POST if request.method == "POST" and not submitted else None,
        questions=questions,
        answers=answers,
        read_only=submitted,
    )


@login_required
def service_answer(request, pk, municipality_pk):
    survey, municipality = access.get_survey_for_staff(request.user, pk, municipality_pk)
    respondent = SurveyRespondent.objects.filter(
        survey=survey, kind=SurveyRespondent.Kind.SOCIAL_SERVICE, municipality=municipality
    ).first()
    form = _answers_form(
        request, survey=survey, respondent=respondent, kind=SurveyRespondent.Kind.SOCIAL_SERVICE
    )
    if form.is_bound and form.is_valid():
        submit = request.POST.get("action") == "submit"
        respondent = respondent or surveys.social_service_respondent(
            survey=survey, municipality=municipality
        )
        try:
            surveys.answers_save(
                respondent=respondent, answers=form.answers(), submit=submit, by=request.user
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("The answers were submitted. Thank you!")
                if submit
                else _("The answers were saved as a draft."),
            )
            return redirect(
                "monitoring:survey-answer", pk=survey.pk, municipality_pk=municipality.pk
            )
    return render(
        request,
        "monitoring/surveys/answer.html",
        {
            "survey": survey,
            "who": municipality.name,
            "respondent": respondent,
            "form": form,
            "by_link": False,
        },
        status=400 if form.is_bound else 200,
    )


@never_cache
def provider_answer(request, token):
    """A provider's answers by its one-time link; no login. A wrong, revoked or expired link
    gets the same page as a missing one; once submitted, the link says so and opens nothing."""
    respondent = surveys.respondent_by_token(token)
    state = respondent.link_state() if respondent else "none"
    if state == "used":
        return render(request, "monitoring/surveys/link_used.html", status=410)
    if state != "active":
        return render(request, "monitoring/surveys/link_invalid.html", status=404)
    survey = respondent.survey
    form = _answers_form(request, survey=survey, respondent=respondent, kind=respondent.kind)
    if form.is_bound and form.is_valid():
        submit = request.POST.get("action") == "submit"
        try:
            surveys.answers_save(respondent=respondent, answers=form.answers(), submit=submit)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            if submit:
                return render(request, "monitoring/surveys/link_thanks.html", {"survey": survey})
            messages.success(request, _("The answers were saved as a draft."))
            return redirect("monitoring:survey-link", token=token)
    return render(
        request,
        "monitoring/surveys/answer.html",
        {
            "survey": survey,
            "who": respondent.name,
            "respondent": respondent,
            "form": form,
            "by_link": True,
        },
        status=400 if form.is_bound else 200,
    )
