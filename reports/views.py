from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import Q
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.timezone import localtime
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from monitoring import access
from monitoring.downloads import PDF, XLSX, file_response
from programmes.models import Programme
from reports import page_cache, services
from reports.forms import ReviewDecisionForm, ReviewTextForm
from reports.models import ReviewPdf, ReviewVersion
from reports.pdf import version_pdf
from reports.review import annual_review, review_standing, review_versions
from reports.selectors import readable_programmes, with_review_years
from reports.xlsx import review_workbook

# A decision form the service refused, kept from the POST to the review page it redirects to:
# {"version": pk, "data": what was typed, "refused": {field: [messages]}}.
DECISION_REFUSED = "reports_decision_refused"


def _programme_for_user(user, slug: str, year: int) -> Programme:
    programme = get_object_or_404(Programme.objects.select_related("region"), slug=slug)
    if not access.can_read_reviews(user, programme.region_id) or year not in programme.years:
        raise Http404
    return programme


@login_required
def index(request):
    """The reviews a person may read: each programme's years that have data or a round."""
    programmes = with_review_years(readable_programmes(request.user))
    return render(request, "reports/index.html", {"programmes": programmes})


def _filename(programme: Programme, year: int, extension: str) -> str:
    return f"parskats-{programme.slug}-{year}.{extension}"


@login_required
def review(request, slug, year):
    programme = _programme_for_user(request.user, slug, year)
    can_edit = access.can_coordinate(request.user, programme.region_id)
    form = None
    if request.method == "POST":
        if not can_edit:
            raise Http404
        # The review itself is gathered only to show it: a valid save redirects.
        form = ReviewTextForm(request.POST, policy_results=programme.policy_results.all())
        if form.is_valid():
            services.review_text_save(
                programme=programme,
                year=year,
                by=request.user,
                introduction=form.cleaned_data["introduction"],
                assessment=form.cleaned_data["assessment"],
                conclusions=form.cleaned_data["conclusions"],
                next_steps=form.cleaned_data["next_steps"],
                verdicts=form.verdicts(),
            )
            messages.success(request, _("The conclusions were saved."))
            return redirect("reports:review", slug=slug, year=year)
        messages.error(request, _("Nothing was saved: correct the fields marked below."))
    # The document and the final versions come from the page cache while the data is
    # unchanged, in one entry; the coordinator's forms and the finalisation's warning read only
    # where the review stands: the review just gathered for the document on a miss (a Review is
    # a ReviewStanding), otherwise its six queries, run when one of them is shown.
    gathered = []

    def document_and_versions():
        gathered.append(annual_review(programme, year))
        document = render_to_string("reports/_document.html", {"review": gathered[0]}, request)
        return document, review_versions(programme, year)

    document, versions = page_cache.cached(
        ("review", programme.pk, year, get_language()), document_and_versions
    )
    standing = (
        gathered[0] if gathered else SimpleLazyObject(lambda: review_standing(programme, year))
    )
    if can_edit and form is None:
        form = ReviewTextForm.for_review(standing)
    return page_cache.page_around(
        request,
        "reports/review.html",
        {
            "programme": programme,
            "year": year,
            "standing": standing,
            "form": form,
            "can_edit": can_edit,
            "versions": _versions_with_forms(request, versions, can_edit),
        },
        name="document",
        part=document,
        status=400 if form is not None and form.is_bound and not form.is_valid() else 200,
    )


def _versions_with_forms(request, versions, can_edit) -> list[tuple]:
    """Each final version with, for the coordinator while no decision is recorded, the form
    that records the council's decision; the one refused last comes back as it was typed,
    with its errors."""
    refused = request.session.pop(DECISION_REFUSED, None) if can_edit else None
    rows = []
    for stored in versions:
        form = None
        if can_edit and not stored.has_decision:
            if refused and refused["version"] == stored.pk:
                form = ReviewDecisionForm(refused["data"], version=stored)
                form.is_valid()
                for field, errors in refused["refused"].items():
                    form.add_error(field, errors)
            else:
                form = ReviewDecisionForm(version=stored)
        rows.append((stored, form))
    return rows


@login_required
def review_pdf_download(request, slug, year):
    """The review's PDF: served at once when it is ready, otherwise the page that waits for it."""
    programme = _programme_for_user(request.user, slug, year)
    prepared = services.review_pdf_request(programme=programme, year=year)
    if prepared.is_ready:
        return _pdf_response(prepared, programme, year)
    return redirect("reports:pdf-prepared", slug=slug, year=year, pk=prepared.pk)


@login_required
def review_pdf_prepared(request, slug, year, pk):
    """One requested PDF: the file once it is ready; until then a page that says so.

    `?state=json` answers the page's script, which asks every few seconds; POST asks the
    worker again after a failure.
    """
    programme = _programme_for_user(request.user, slug, year)
    prepared = get_object_or_404(
        ReviewPdf.objects.defer("html", "pdf"), programme=programme, year=year, pk=pk
    )
    if request.method == "POST":
        services.review_pdf_retry(prepared)
        return redirect("reports:pdf-prepared", slug=slug, year=year, pk=pk)
    if request.GET.get("state") == "json":
        return JsonResponse({"ready": prepared.is_ready, "failed": prepared.has_failed})
    if prepared.is_ready:
        return _pdf_response(prepared, programme, year)
    return render(
        request,
        "reports/pdf_wait.html",
        {"programme": programme, "year": year, "prepared": prepared},
    )


def _pdf_response(prepared: ReviewPdf, programme: Programme, year: int) -> FileResponse:
    pdf = ReviewPdf.objects.values_list("pdf", flat=True).get(pk=prepared.pk)
    return file_response(pdf, _filename(programme, year, "pdf"), PDF, inline=True)


@login_required
def review_xlsx_download(request, slug, year):
    programme = _programme_for_user(request.user, slug, year)
    workbook = review_workbook(annual_review(programme, year))
    return file_response(workbook, _filename(programme, year, "xlsx"), XLSX)


@require_POST
@login_required
def finalise(request, slug, year):
    programme = _programme_for_user(request.user, slug, year)
    if not access.can_coordinate(request.user, programme.region_id):
        raise Http404
    try:
        version, prepared = services.review_finalise(
            programme=programme,
            year=year,
            by=request.user,
            incomplete_confirmed=request.POST.get("incomplete_confirmed") == "yes",
        )
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
        return redirect(reverse("reports:review", args=[slug, year]) + "#versions-title")
    if version is None:
        messages.info(
            request,
            _(
                "The PDF is being prepared; the review will be finalised with it as soon as it "
                "is ready, and the version will be listed on the review's page."
            ),
        )
        return redirect("reports:pdf-prepared", slug=slug, year=year, pk=prepared.pk)
    messages.success(
        request,
        _("The review was finalised: the PDF of %(date)s is kept unchanged.")
        % {"date": localtime(version.created_at).strftime("%d.%m.%Y %H:%M")},
    )
    return redirect("reports:review", slug=slug, year=year)


@require_POST
@login_required
def version_decision(request, slug, year, pk):
    """Record the council's decision on a final version; a refused form goes back to the
    review page as it was typed (kept in the session for that one page)."""
    programme = _programme_for_user(request.user, slug, year)
    if not access.can_coordinate(request.user, programme.region_id):
        raise Http404
    stored = get_object_or_404(
        ReviewVersion.objects.defer("pdf"), Q(programme=programme, year=year), pk=pk
    )
    form = ReviewDecisionForm(request.POST, version=stored)
    refused = {}
    if form.is_valid():
        try:
            services.review_version_decision_record(
                version=stored,
                by=request.user,
                date=form.cleaned_data["date"],
                number=form.cleaned_data["number"],
                wording=form.cleaned_data["wording"],
            )
        except ValidationError as refusal:
            if hasattr(refusal, "error_dict"):
                refused = refusal.message_dict
            else:
                refused = {NON_FIELD_ERRORS: refusal.messages}
        else:
            messages.success(
                request,
                _("The council's decision was recorded; the version's PDF shows it on page 1."),
            )
            return redirect("reports:review", slug=slug, year=year)
    request.session[DECISION_REFUSED] = {
        "version": stored.pk,
        "data": {name: request.POST.get(name, "") for name in form.fields},
        "refused": refused,
    }
    if NON_FIELD_ERRORS in refused:  # recorded already: there is no form to show it on
        messages.error(request, " ".join(refused[NON_FIELD_ERRORS]))
    else:
        messages.error(request, _("Nothing was saved: correct the fields marked below."))
    return redirect(reverse("reports:review", args=[slug, year]) + f"#version-{stored.pk}")


@login_required
def version(request, slug, year, pk):
    """A final version's PDF: the frozen one, stamped with the council's decision if any."""
    programme = _programme_for_user(request.user, slug, year)
    stored = get_object_or_404(
        ReviewVersion.objects.select_related("programme__region"),
        Q(programme=programme, year=year),
        pk=pk,
    )
    filename = f"parskats-{programme.slug}-{year}-{stored.created_at:%Y%m%d-%H%M}.pdf"
    return file_response(version_pdf(stored), filename, PDF, inline=True)
