"""One municipality's report: the entry form, the coordinator's review and decision, and the
transitions that answer from the review page."""

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from monitoring import access, services
from monitoring.entry_page import entry_page
from monitoring.forms import (
    DecisionForm,
    ReopenForm,
    ReturnForm,
)
from monitoring.models import FormDraft, Status, Submission

# The names of the entry form's fields (monitoring/entry_page.py's prefixes): all an autosave keeps.
_FORM_FIELD = re.compile(r"(n\d+|i\d+|figures|projects|services|staff|catalogue)-[\w-]+|version")


def _task_counts(page) -> list[tuple[str, int]]:
    """(status, how many tasks have it) for the statuses given, then those without one."""
    given = [row.entry.status if row.entry else "" for group in page.groups for row in group.rows]
    counts = [(label, given.count(value)) for value, label in Status.choices]
    counts.append((_("no status yet"), given.count("")))
    return [(label, count) for label, count in counts if count]


def _conflicts(page) -> list[dict]:
    """Rows where what this person typed differs from what is saved now."""
    rows = []
    for group in page.groups:
        for row in group.rows:
            mine = row.form.cleaned_data
            saved = row.entry
            theirs = (saved.status, saved.narrative) if saved else ("", "")
            if (mine.get("status") or "", mine.get("narrative") or "") != theirs:
                rows.append({"node": row.node, "mine": mine, "theirs": saved})
    return rows


def _repeated(submission, data: QueryDict, node_pk: str) -> QueryDict:
    """The form as posted, with one task's status and text taken from last year's entry."""
    data = data.copy()
    previous = submission.municipality.entries.filter(
        node_id=node_pk, year=submission.round.year - 1
    ).first()
    if previous is not None:
        data[f"n{node_pk}-status"] = previous.status
        data[f"n{node_pk}-narrative"] = previous.narrative
    return data


def _draft_data(draft: FormDraft) -> QueryDict:
    data = QueryDict(mutable=True)
    for name, values in draft.data.items():
        data.setlist(name, values)
    return data


@login_required
def submission_detail(request, pk):
    submission = access.get_submission_for_user(request.user, pk)
    editable = access.can_edit(request.user, submission)
    draft = FormDraft.objects.filter(submission=submission, user=request.user).first()
    data = request.POST if request.method == "POST" else None
    version = submission.version
    restored = editable and draft is not None and request.GET.get("draft") == "restore"
    if restored:
        data = _draft_data(draft)
        version = data.get("version", version)
        messages.info(request, _("Your kept input is back in the form. Check it and save it."))
    repeat = request.method == "POST" and request.POST.get("repeat", "")
    if repeat:
        # "As in <year>" without JavaScript: the form comes back with the task's last year
        # in it, nothing saved.
        data = _repeated(submission, request.POST, repeat)
        version = request.POST.get("version", version)
    page = entry_page(submission, data)
    context = {
        "page": page,
        "submission": submission,
        "editable": editable,
        "can_review": access.can_review(request.user, submission),
        "version": version,
        "draft": draft,
        "restored": restored or bool(repeat),
    }
    if repeat and editable:
        messages.info(request, _("Last year’s status and text taken: edit them and save."))
        return render(request, "monitoring/submission.html", context)
    if request.method == "POST":
        if not editable:
            raise Http404
        action = request.POST.get("action")
        try:
            version = int(request.POST.get("version", ""))
        except ValueError:
            version = -1
        if not page.is_valid():
            messages.error(
                request,
                _("Nothing was saved: correct the fields marked below."),
            )
            return render(request, "monitoring/submission.html", context, status=400)
        try:
            saved = services.submission_save(
                submission=submission, by=request.user, version=version, data=page.data()
            )
        except services.SubmissionConflict as conflict:
            context["conflicts"] = _conflicts(page)
            context["version"] = conflict.submission.version
            context["conflict_by"] = conflict.submission.updated_by
            return render(request, "monitoring/submission.html", context, status=409)
        if action == "submit":
            try:
                services.submission_submit(submission=saved, by=request.user)
            except services.IncompleteSubmission as exc:
                messages.error(request, _("Saved as a draft, but not submitted: ") + str(exc))
                context["missing"] = exc.nodes
                context["submission"] = saved  # the header shows the draft it now is
                context["version"] = saved.version
                context["page"] = entry_page(saved)
                return render(request, "monitoring/submission.html", context, status=400)
            messages.success(request, _("Submitted to the coordinator. Thank you!"))
        else:
            messages.success(request, _("Draft saved."))
        FormDraft.objects.filter(submission=submission, user=request.user).delete()
        return redirect(submission)
    return render(request, "monitoring/submission.html", context)


@require_POST
@login_required
def autosave(request, pk):
    """Keep what the entry form holds (monitoring.models.FormDraft); answers JSON."""
    submission = access.get_submission_for_user(request.user, pk)
    if not access.can_edit(request.user, submission):
        return JsonResponse({"message": _("This report can no longer be changed.")}, status=403)
    typed = {name: values for name, values in request.POST.lists() if _FORM_FIELD.fullmatch(name)}
    draft, _created = FormDraft.objects.update_or_create(
        submission=submission, user=request.user, defaults={"data": typed}
    )
    when = formats.time_format(timezone.localtime(draft.saved_at), "TIME_FORMAT")
    return JsonResponse(
        {"message": _("Your input was kept automatically at %(time)s.") % {"time": when}}
    )


@require_POST
@login_required
def autosave_discard(request, pk):
    submission = access.get_submission_for_user(request.user, pk)
    FormDraft.objects.filter(submission=submission, user=request.user).delete()
    messages.success(request, _("The kept input was discarded."))
    return redirect(submission)


def _reviewed_submission(request, pk) -> Submission:
    submission = access.get_submission_for_user(request.user, pk)
    if not access.can_review(request.user, submission):
        raise Http404
    return submission


def _review(request, submission, decision_form=None, status=200):
    page = entry_page(submission)
    return render(
        request,
        "monitoring/review.html",
        {
            "page": page,
            "submission": submission,
            "task_counts": _task_counts(page),
            "decision_form": decision_form or DecisionForm(),
            "reopen_form": ReopenForm(),
        },
        status=status,
    )


@login_required
def submission_review(request, pk):
    return _review(request, _reviewed_submission(request, pk))


@require_POST
@login_required
def submission_decide(request, pk):
    """The review's one decision form: approve (a comment typed goes into the history as the
    approval's note) or return with the comment. A refusal shows the page again, answering
    400, with the typed comment in the form."""
    submission = _reviewed_submission(request, pk)
    form = DecisionForm(request.POST)
    try:
        if not form.is_valid():
            raise _refusal(form, _("Choose to approve or to return the report."))
        comment = form.cleaned_data["comment"]
        if form.cleaned_data["action"] == DecisionForm.APPROVE:
            services.submission_approve(submission=submission, by=request.user, comment=comment)
            message = _("Approved.")
        else:
            services.submission_return(submission=submission, by=request.user, comment=comment)
            message = _("Returned to the municipality with your comment.")
    except (services.InvalidTransition, ValidationError) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
        return _review(request, submission, form, status=400)
    messages.success(request, message)
    return redirect("monitoring:review", pk=submission.pk)


def _refusal(form, missing: str) -> ValidationError:
    """What a refused decision form says: its fields' own messages, and `missing` for what
    was left empty."""
    said = []
    for errors in form.errors.as_data().values():
        for error in errors:
            for message in [missing] if error.code == "required" else error.messages:
                if message not in said:
                    said.append(message)
    return ValidationError(said)


def _transition(request, pk, handler):
    submission = access.get_submission_for_user(request.user, pk)
    if not access.can_review(request.user, submission):
        raise Http404
    try:
        message = handler(submission)
    except (services.InvalidTransition, ValidationError) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
    else:
        if message:
            messages.success(request, message)
    return redirect("monitoring:review", pk=submission.pk)


@require_POST
@login_required
def submission_approve(request, pk):
    def handler(submission):
        services.submission_approve(submission=submission, by=request.user)
        return _("Approved.")

    return _transition(request, pk, handler)


@require_POST
@login_required
def submission_return(request, pk):
    def handler(submission):
        form = ReturnForm(request.POST)
        if not form.is_valid():
            raise _refusal(form, _("Say what has to be corrected."))
        services.submission_return(
            submission=submission, by=request.user, comment=form.cleaned_data["comment"]
        )
        return _("Returned to the municipality with your comment.")

    return _transition(request, pk, handler)


@require_POST
@login_required
def submission_reopen(request, pk):
    def handler(submission):
        form = ReopenForm(request.POST)
        if not form.is_valid():
            raise _refusal(form, _("Give the reason for reopening and a date."))
        services.submission_reopen(
            submission=submission,
            by=request.user,
            reason=form.cleaned_data["reason"],
            until=form.cleaned_data["until"],
        )
        return _("Reopened for changes.")

    return _transition(request, pk, handler)
