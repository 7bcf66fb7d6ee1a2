"""Proposals to a programme: the list of a user's programmes' proposals, a municipality's form
to make one, the coordinator's form to record the decision."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Case, IntegerField, Value, When
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from monitoring import access, proposals
from monitoring.proposal_forms import DecisionForm, ProposalForm
from programmes.models import Programme, ProgrammeNode, Proposal
from programmes.tree import walk_tree

PER_PAGE = 25


def _list_url(programme: Programme) -> str:
    return f"{reverse('monitoring:proposals')}?programme={programme.slug}"


def _nodes(programme: Programme) -> list[ProgrammeNode]:
    """The programme's tasks and goals as it stands this year, in document order."""
    nodes = programme.nodes.as_of(timezone.localdate().year).exclude(
        kind=ProgrammeNode.Kind.REVIEW_ROW
    )
    return walk_tree(nodes)


@login_required
def proposal_list(request):
    """The proposals to the user's programmes (staff: their region's; a coordinator: the
    region's, with the decision to record; a national administrator: all), those not decided
    yet first, then the newest; optionally of one programme (?programme=) or decision
    (?decision=)."""
    programmes = list(
        access.proposal_programmes(request.user)
        .select_related("region")
        .order_by("region__sort_name", "period_start")
    )
    if not programmes:
        raise Http404
    # An unknown filter shows them all, as no filter does.
    shown = next((p for p in programmes if p.slug == request.GET.get("programme")), None)
    decision = request.GET.get("decision")
    if decision not in Proposal.Decision.values:
        decision = None
    found = Proposal.objects.filter(programme__in=[shown] if shown else programmes)
    if decision:
        found = found.filter(decision=decision)
    pending_first = Case(
        When(decision=Proposal.Decision.PENDING, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    page = Paginator(
        found.select_related("programme__region", "municipality", "node", "included_in").order_by(
            pending_first, "-pk"
        ),
        PER_PAGE,
    ).get_page(request.GET.get("page"))
    coordinated = access.roles_of(request.user).coordinated_region_ids
    for proposal in page:
        proposal.can_decide = proposal.programme.region_id in coordinated
    query = "".join(
        f"{name}={value}&"
        for name, value in (("programme", shown and shown.slug), ("decision", decision))
        if value
    )
    return render(
        request,
        "monitoring/proposals.html",
        {
            "programmes": programmes,
            "proposing": [p for p in programmes if p.can_propose],
            "shown": shown,
            "decision": decision,
            "decisions": Proposal.Decision.choices,
            "page": page,
            "page_query": query,
        },
    )


@login_required
def proposal_create(request, slug):
    """Staff of a municipality of the programme's region propose a change to it."""
    programme = get_object_or_404(Programme.objects.select_related("region"), slug=slug)
    municipalities = list(access.proposing_municipalities(request.user, programme).in_order())
    if not municipalities:
        raise Http404
    form = ProposalForm(
        request.POST or None, municipalities=municipalities, nodes=_nodes(programme)
    )
    if request.method == "POST" and form.is_valid():
        try:
            proposals.proposal_submit(
                programme=programme,
                municipality=form.cleaned_data["municipality"],
                text=form.cleaned_data["text"],
                node=form.cleaned_data["node"],
                by=request.user,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("Your proposal is sent. The planning region's coordinator will decide on it."),
            )
            return redirect(_list_url(programme))
    return render(
        request,
        "monitoring/proposal_form.html",
        {"programme": programme, "form": form},
        status=400 if form.is_bound else 200,
    )


@login_required
def proposal_decide(request, pk):
    """The region's coordinator records the decision on a proposal with its reason."""
    proposal = access.get_proposal_for_decision(request.user, pk)
    form = DecisionForm(
        request.POST or None,
        nodes=_nodes(proposal.programme),
        initial={
            "decision": proposal.decision,
            "reason": proposal.reason,
            "included_in": proposal.included_in_id,
            "decided_on": proposal.decided_on,
            "decided_how": proposal.decided_how,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            proposals.proposal_decide(proposal=proposal, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The decision is recorded."))
            return redirect(_list_url(proposal.programme))
    return render(
        request,
        "monitoring/proposal_decide.html",
        {"proposal": proposal, "form": form},
        status=400 if form.is_bound else 200,
    )
