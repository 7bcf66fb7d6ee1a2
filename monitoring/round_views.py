"""The coordinator's reporting years: each role's start page, the queue, opening a year, the
year's page with its reports by state, approving several at once, the region's own entries."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from monitoring import access, notices, services
from monitoring.forms import (
    BulkApproveForm,
    EntryForm,
    ReminderDaysForm,
    RoundOpenForm,
)
from monitoring.models import Message, ProgressEntry, Submission, count_states
from municipalities.models import municipality_order
from programmes.models import Programme
from programmes.tree import walk_tree


@login_required
def start(request):
    """Each role's own start page."""
    roles = access.roles_of(request.user)
    if roles.sees_reporting:
        return redirect("monitoring:index")
    if roles.is_council:
        return redirect("reports:index")
    return redirect("programmes:index")


@login_required
def index(request):
    """Staff: their municipality's reporting years. Coordinator: the review queue."""
    roles = access.roles_of(request.user)
    submissions = (
        access.visible_submissions(request.user)
        .filter(municipality_id__in=roles.municipality_ids)
        .with_context()
        .order_by("-round__year", *municipality_order("municipality"))
    )
    state_counts = {
        f"count_{state}": Count("submissions", filter=Q(submissions__state=state))
        for state in Submission.State.values
    }
    rounds = (
        access.coordinated_rounds(request.user)
        .select_related("programme__region")
        .annotate(total=Count("submissions"), **state_counts)
        .order_by("-year", "programme__region__sort_name")
    )
    programmes = Programme.objects.filter(
        region_id__in=roles.coordinated_region_ids
    ).select_related("region")
    return render(
        request,
        "monitoring/index.html",
        {
            "roles": roles,
            "submissions": submissions,
            "rounds": rounds,
            "programmes": programmes,
        },
    )


@login_required
def round_open(request, slug):
    programme = get_object_or_404(Programme.objects.select_related("region"), slug=slug)
    if not access.can_coordinate(request.user, programme.region_id):
        raise Http404
    # Offer only the years after the latest opened round: the first is the next one due.
    latest = max(programme.rounds.values_list("year", flat=True), default=None)
    years = [y for y in programme.years if latest is None or y > latest]
    form = RoundOpenForm(request.POST or None, years=years)
    if request.method == "POST" and form.is_valid():
        try:
            reporting_round = services.round_open(
                programme=programme,
                year=form.cleaned_data["year"],
                deadline=form.cleaned_data["deadline"],
                by=request.user,
                reminder_days=form.reminder_days,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            count = reporting_round.submissions.count()
            messages.success(
                request,
                ngettext(
                    "The reporting year %(year)d is open for %(count)d municipality.",
                    "The reporting year %(year)d is open for %(count)d municipalities.",
                    count,
                )
                % {"year": reporting_round.year, "count": count},
            )
            return redirect(reporting_round)
    return render(
        request,
        "monitoring/round_open.html",
        {"programme": programme, "form": form},
        status=400 if form.is_bound else 200,
    )


@login_required
def round_detail(request, pk):
    """The coordinator's overview of a reporting year: every municipality's state and the
    last e-mail its staff were sent."""
    return _round_page(request, access.get_round_for_user(request.user, pk))


def _kind_label(kind: str | None) -> str:
    return Message.Kind(kind).label if kind else ""


def _round_page(request, reporting_round, reminders_form=None, status=200):
    submissions = list(
        notices.with_last_messages(reporting_round.submissions)
        .select_related("municipality", "updated_by")
        .order_by(*municipality_order("municipality"))
    )
    for submission in submissions:
        submission.round = reporting_round
        submission.last_message_label = _kind_label(submission.last_message_kind)
        submission.last_reminder_label = _kind_label(submission.last_reminder_kind)
    can_coordinate = access.can_coordinate(request.user, reporting_round.programme.region_id)
    if can_coordinate and reminders_form is None:
        reminders_form = ReminderDaysForm(
            initial={
                "first_reminder": reporting_round.first_reminder,
                "last_reminder": reporting_round.last_reminder,
            }
        )
    # An unknown ?state= shows them all, as no filter does.
    shown_state = request.GET.get("state")
    if shown_state not in Submission.State.values:
        shown_state = None
    shown = [s for s in submissions if shown_state in (None, s.state)]
    return render(
        request,
        "monitoring/round_detail.html",
        {
            "round": reporting_round,
            "submissions": shown,
            "any_submitted": any(s.is_submitted for s in shown),
            "total": len(submissions),
            "shown_state": shown_state,
            "counts": count_states(submissions),
            "overdue": sum(s.is_overdue() for s in submissions),
            "can_coordinate": can_coordinate,
            "reminders_form": reminders_form,
        },
        status=status,
    )


@require_POST
@login_required
def round_reminders(request, pk):
    """The coordinator changes how many days before the deadline the reminders go; a refusal
    shows the year's page again with the form's errors, answering 400."""
    reporting_round = access.get_round_for_user(request.user, pk)
    if not access.can_coordinate(request.user, reporting_round.programme.region_id):
        raise Http404
    form = ReminderDaysForm(request.POST)
    if not form.is_valid():
        return _round_page(request, reporting_round, form, status=400)
    first, last = form.reminder_days
    notices.round_reminders_set(
        reporting_round=reporting_round, by=request.user, first=first, last=last
    )
    messages.success(
        request,
        _("Reminders go %(first)d and %(last)d days before the deadline.")
        % {"first": first, "last": last},
    )
    return redirect(reporting_round)


@require_POST
@login_required
def round_approve(request, pk):
    """Approve the chosen reports of a year at once. The first post lists them for
    confirmation; the confirmed one approves each submitted report in its own transaction and
    names the ones left as they were."""
    reporting_round = access.get_round_for_user(request.user, pk)
    if not access.can_coordinate(request.user, reporting_round.programme.region_id):
        raise Http404
    form = BulkApproveForm(request.POST, reporting_round=reporting_round)
    if not form.is_valid():
        messages.error(request, _("Choose the submitted reports to approve."))
        return redirect(reporting_round)
    chosen = list(form.cleaned_data["submissions"])
    for submission in chosen:
        submission.round = reporting_round
    ready = [s for s in chosen if s.is_submitted]
    left = [s for s in chosen if not s.is_submitted]
    if not form.cleaned_data["confirm"]:
        return render(
            request,
            "monitoring/round_approve.html",
            {"round": reporting_round, "ready": ready, "left": left},
        )
    approved, refused = services.submissions_approve(submissions=ready, by=request.user)
    left += [submission for submission, _reason in refused]
    if approved:
        messages.success(
            request,
            ngettext(
                "%(count)d report approved: %(names)s.",
                "%(count)d reports approved: %(names)s.",
                len(approved),
            )
            % {"count": len(approved), "names": _names(approved)},
        )
    if left:
        messages.warning(
            request,
            ngettext(
                "%(count)d report is not submitted and was left as it is: %(names)s.",
                "%(count)d reports are not submitted and were left as they are: %(names)s.",
                len(left),
            )
            % {"count": len(left), "names": _names(left)},
        )
    return redirect(reporting_round)


def _names(submissions) -> str:
    return ", ".join(s.municipality.name for s in submissions)


@login_required
def region_entries(request, pk):
    """The coordinator's region-wide entries on the tasks of the planning region."""
    reporting_round = access.get_round_for_user(request.user, pk)
    editable = access.can_coordinate(request.user, reporting_round.programme.region_id)
    programme = reporting_round.programme
    nodes = [n for n in walk_tree(programme.nodes.all()) if n.reported_by_region]
    entries = {
        (e.node_id, e.year): e
        for e in ProgressEntry.objects.filter(
            node__programme=programme,
            municipality__isnull=True,
            year__in=(reporting_round.year, reporting_round.year - 1),
        )
    }
    data = request.POST if request.method == "POST" else None
    rows = []
    for node in nodes:
        entry = entries.get((node.pk, reporting_round.year))
        initial = {"status": entry.status, "narrative": entry.narrative} if entry else {}
        form = EntryForm(data, prefix=f"n{node.pk}", initial=initial)
        # The region's page asks for the status and the text only; numbers stay as saved.
        del form.fields["quantity"], form.fields["planned_quantity"]
        rows.append(
            {
                "node": node,
                "form": form,
                "previous": entries.get((node.pk, reporting_round.year - 1)),
            }
        )
    if data is not None:
        if not editable:
            raise Http404
        if all([row["form"].is_valid() for row in rows]):
            changed = services.region_entries_save(
                reporting_round=reporting_round,
                by=request.user,
                entries={row["node"].pk: row["form"].cleaned_data for row in rows},
            )
            messages.success(request, _("Saved (%(count)d changed).") % {"count": changed})
            return redirect(reverse("monitoring:region-entries", args=[reporting_round.pk]))
        messages.error(request, _("Nothing was saved: correct the fields marked below."))
    return render(
        request,
        "monitoring/region_entries.html",
        {"round": reporting_round, "rows": rows, "editable": editable},
        status=400 if data is not None else 200,
    )
