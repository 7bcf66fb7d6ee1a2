"""Who may see and do what: every permission decision of the app is made here.

A user's roles are their Membership rows: staff of one or more municipalities, coordinator or
council member of a planning region, or national administrator (all regions, read-only in the
workflow). Objects a user may not see are reported as missing (404), not as forbidden, so their
existence is not revealed.
"""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from monitoring.counting import Counting
from monitoring.models import Membership, Message, ReportingRound, Submission, Survey
from municipalities.models import Municipality
from programmes.models import Programme, Proposal


@dataclass(frozen=True)
class Roles:
    municipality_ids: frozenset[int] = field(default_factory=frozenset)
    coordinated_region_ids: frozenset[int] = field(default_factory=frozenset)
    council_region_ids: frozenset[int] = field(default_factory=frozenset)
    national: bool = False

    @property
    def is_staff(self) -> bool:
        return bool(self.municipality_ids)

    @property
    def is_coordinator(self) -> bool:
        return bool(self.coordinated_region_ids)

    @property
    def is_council(self) -> bool:
        return bool(self.council_region_ids)

    @property
    def sees_reporting(self) -> bool:
        """Has a reporting page: their municipality's reports, a review queue, or all."""
        return self.national or self.is_staff or self.is_coordinator

    @property
    def reads_reviews(self) -> bool:
        """Reads dashboards and annual reviews (see `reviewable_region_ids`)."""
        return self.national or self.is_council or self.is_coordinator


def roles_of(user) -> Roles:
    """The user's roles, read once per request (cached on the user object)."""
    if not user.is_authenticated:
        return Roles()
    cached = getattr(user, "_monitoring_roles", None)
    if cached is None:
        rows = list(user.memberships.values_list("role", "region_id", "municipality_id"))

        def ids(role: str, column: int) -> frozenset[int]:
            return frozenset(row[column] for row in rows if row[0] == role)

        cached = Roles(
            municipality_ids=ids(Membership.Role.STAFF, 2),
            coordinated_region_ids=ids(Membership.Role.COORDINATOR, 1),
            council_region_ids=ids(Membership.Role.COUNCIL, 1),
            national=any(row[0] == Membership.Role.NATIONAL for row in rows),
        )
        user._monitoring_roles = cached
    return cached


def visible_submissions(user) -> QuerySet[Submission]:
    """Submissions the user may read: their municipalities', their region's, and for a national
    administrator every report once it is handed in (monitoring/counting.py: a draft is seen by
    its municipality's staff and the region's coordinator alone)."""
    roles = roles_of(user)
    readable = Q(municipality_id__in=roles.municipality_ids) | Q(
        round__programme__region_id__in=roles.coordinated_region_ids
    )
    if roles.national:
        readable |= Q(state__in=Counting.HANDED_IN.states)
    return Submission.objects.filter(readable)


def coordinated_rounds(user) -> QuerySet[ReportingRound]:
    """Reporting years of the regions the user coordinates (all, for a national admin)."""
    roles = roles_of(user)
    rounds = ReportingRound.objects.all()
    if roles.national:
        return rounds
    return rounds.filter(programme__region_id__in=roles.coordinated_region_ids)


def visible_messages(user) -> QuerySet[Message]:
    """The e-mail written about the regions the user coordinates (all, for a national
    administrator; none for anyone else)."""
    roles = roles_of(user)
    if roles.national:
        return Message.objects.all()
    return Message.objects.filter(region_id__in=roles.coordinated_region_ids)


def sees_messages(user) -> bool:
    """Whether the user has a list of the e-mail sent: coordinators and national administrators."""
    roles = roles_of(user)
    return roles.national or roles.is_coordinator


def get_submission_for_user(user, pk: int) -> Submission:
    """The submission with its context, or 404 when the user may not read it."""
    return get_object_or_404(visible_submissions(user).with_context(), pk=pk)


def get_round_for_user(user, pk: int) -> ReportingRound:
    """A reporting year the user coordinates (or any, for a national administrator)."""
    return get_object_or_404(coordinated_rounds(user).select_related("programme__region"), pk=pk)


def can_edit(user, submission: Submission) -> bool:
    """Staff of the municipality (or the region's coordinator entering data on its behalf),
    while the submission is open for changes."""
    roles = roles_of(user)
    return (
        submission.municipality_id in roles.municipality_ids
        or submission.round.programme.region_id in roles.coordinated_region_ids
    ) and submission.is_editable()


def can_review(user, submission: Submission) -> bool:
    """The coordinator of the submission's region."""
    return can_coordinate(user, submission.round.programme.region_id)


def can_coordinate(user, region_id: int) -> bool:
    return region_id in roles_of(user).coordinated_region_ids


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def can_read_reviews(user, region_id: int) -> bool:
    """The region's council and coordinator, and national administrators."""
    regions = reviewable_region_ids(user)
    return regions is None or region_id in regions


def reviewable_region_ids(user) -> frozenset[int] | None:
    """The regions whose reviews the user may read; None means all of them."""
    roles = roles_of(user)
    if roles.national:
        return None
    return roles.council_region_ids | roles.coordinated_region_ids


def managed_region_ids(user) -> frozenset[int] | None:
    """The regions whose people the user manages; None means all of them."""
    roles = roles_of(user)
    if roles.national:
        return None
    return roles.coordinated_region_ids


def can_manage_people(user, region_id: int) -> bool:
    """The region's coordinator, and national administrators for every region: they see the
    region's people, invite its staff and council members, deactivate and reactivate them."""
    regions = managed_region_ids(user)
    return regions is None or region_id in regions


# The roles an invitation gives: coordinators and national administrators are made in the
# admin, so nobody gives herself or a colleague more rights here.
INVITED_ROLES = (Membership.Role.STAFF, Membership.Role.COUNCIL)


def can_manage_person(user, person, scopes) -> bool:
    """Whether the user may deactivate or reactivate the person, or give them a role: never
    herself, an administrator of the site (is_staff: the admin's own), a coordinator or a
    national administrator; and only when every role the person has (`scopes`: pairs of role
    and region id) lies in a region the user manages."""
    if person.pk == user.pk or person.is_staff or person.is_superuser:
        return False
    scopes = list(scopes)
    if any(role not in INVITED_ROLES for role, _region in scopes):
        return False
    regions = managed_region_ids(user)
    return all(regions is None or region in regions for _role, region in scopes)


# The region's survey (monitoring/surveys.py): the coordinator defines it and follows who has
# answered; a social service answers for its municipality; a provider by its link, without an
# account (no helper here: the link's token is the permission).


def coordinated_surveys(user) -> QuerySet[Survey]:
    """Surveys of the regions the user coordinates."""
    return Survey.objects.filter(programme__region_id__in=roles_of(user).coordinated_region_ids)


def get_survey_for_coordinator(user, pk: int) -> Survey:
    """A survey of a region the user coordinates, with its programme and region, or 404."""
    return get_object_or_404(coordinated_surveys(user).select_related("programme__region"), pk=pk)


def answerable_surveys(user) -> QuerySet[Survey]:
    """Surveys the social services of the user's municipalities answer: their regions' own
    (not those taken from a published document)."""
    roles = roles_of(user)
    return Survey.objects.filter(
        programme__region__municipalities__in=roles.municipality_ids, source=""
    ).distinct()


def get_survey_for_staff(user, pk: int, municipality_pk: int) -> tuple[Survey, Municipality]:
    """The survey and the municipality whose social service the user answers it for, or 404:
    the user works for the municipality, which lies in the survey's region and existed in
    its year."""
    if municipality_pk not in roles_of(user).municipality_ids:
        raise Http404
    municipality = get_object_or_404(Municipality, pk=municipality_pk)
    survey = get_object_or_404(
        Survey.objects.select_related("programme__region"),
        pk=pk,
        programme__region_id=municipality.region_id,
        source="",
    )
    if not municipality.is_active_on(datetime.date(survey.year, 1, 1)):
        raise Http404
    return survey, municipality


def proposal_programmes(user) -> QuerySet[Programme]:
    """The programmes whose proposals the user works with (monitoring/proposal_views.py):
    those of the regions of the user's municipalities, whose staff propose, and of the regions
    the user coordinates, who decides; every one, for a national administrator, who reads.
    `can_propose` says whether the user's municipalities may propose to it."""
    roles = roles_of(user)
    own = Municipality.objects.filter(pk__in=roles.municipality_ids)
    programmes = Programme.objects.annotate(
        can_propose=Exists(own.filter(region_id=OuterRef("region_id")))
    )
    if roles.national:
        return programmes
    return programmes.filter(
        Q(region_id__in=own.values("region_id")) | Q(region_id__in=roles.coordinated_region_ids)
    )


def proposing_municipalities(user, programme: Programme) -> QuerySet[Municipality]:
    """The user's municipalities that may propose a change to the programme: its region's."""
    return Municipality.objects.filter(
        pk__in=roles_of(user).municipality_ids, region_id=programme.region_id
    )


def can_propose(user, municipality: Municipality) -> bool:
    """Staff of the municipality."""
    return municipality.pk in roles_of(user).municipality_ids


def get_proposal_for_decision(user, pk: int) -> Proposal:
    """A proposal to a programme of a region the user coordinates, or 404."""
    return get_object_or_404(
        Proposal.objects.filter(
            programme__region_id__in=roles_of(user).coordinated_region_ids
        ).select_related("programme__region", "municipality", "node", "included_in"),
        pk=pk,
    )
