"""The list of the e-mail sent: to whom, what and when, delivered or why not."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from monitoring import access

PER_PAGE = 50


@login_required
def message_list(request):
    """A coordinator's region's e-mail (every region's, for a national administrator), newest
    first, 50 a page, optionally of one reporting year (?round=)."""
    if not access.sees_messages(request.user):
        raise Http404
    rounds = list(
        access.coordinated_rounds(request.user)
        .select_related("programme__region")
        .order_by("-year", "programme__region__sort_name")
    )
    # An unknown ?round= shows them all, as no filter does.
    shown_round = next((r for r in rounds if str(r.pk) == request.GET.get("round")), None)
    messages = access.visible_messages(request.user).select_related("recipient")
    if shown_round is not None:
        messages = messages.filter(round=shown_round)
    page = Paginator(messages.order_by("-created_at", "-pk"), PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "monitoring/messages.html",
        {
            "page": page,
            "rounds": rounds,
            "shown_round": shown_round,
            # The pager's links keep the year shown.
            "page_query": f"round={shown_round.pk}&" if shown_round else "",
        },
    )
