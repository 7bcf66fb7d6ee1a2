"""One municipality's report: the entry form, the coordinator's review and decision, and the
transitions that answer from the review page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from monitoring import access, services
from monitoring.entry_page import entry_page
from monitoring.forms import (
    DecisionForm,
    ReopenForm,
    ReturnForm,
)
from monitoring.models import Status, Submission


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


@login_required
def submission_detail(request, pk):
    submission = access.get_submission_for_user(request.user, pk)
    editable = access.can_edit(request.user, submission)
    page = entry_page(submission, request.POST if request.method == "POST" else None)
    context = {
        "page": page,
        "submission": submission,
        "editable": editable,
        "can_review": access.can_review(request.user, submission),
        "version": submission.version,
    }
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
        return redirect(submission)
    return render(request, "monitoring/submission.html", context)


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
