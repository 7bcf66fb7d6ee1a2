"""The counted summary sentence of the annual review, in the reviews' own words.

"12 pašvaldībās izpildīts; 1 pašvaldībā situācija nav mainījusies; 9 pašvaldības nav
sniegušas informāciju": each status has a phrase whose noun agrees with the number through
gettext's plural forms (lv: 1, 21 → pašvaldībā; 2, 11, 12 → pašvaldībās; 0 → pašvaldībās).
"""

from collections.abc import Mapping
from functools import lru_cache

from django.utils.translation import get_language, ngettext_lazy, npgettext_lazy
from django.utils.translation import gettext as _

from monitoring.models import Status

# In the order the reviews list them: what was done first, silence last.
SUMMARY_ORDER = (
    Status.IMPLEMENTED,
    Status.IMPROVED,
    Status.PARTIAL,
    Status.UNCHANGED,
    Status.NOT_IMPLEMENTED,
    Status.SUPPORTED,
    Status.NOT_RELEVANT,
    Status.NO_INFORMATION,
)


# Each status's phrase, its plural form chosen by the count given as %(count)d.
PHRASES = {
    Status.IMPLEMENTED: ngettext_lazy(
        "implemented in %(count)d municipality",
        "implemented in %(count)d municipalities",
        "count",
    ),
    Status.IMPROVED: ngettext_lazy(
        "improved in %(count)d municipality",
        "improved in %(count)d municipalities",
        "count",
    ),
    Status.PARTIAL: ngettext_lazy(
        "partially implemented in %(count)d municipality",
        "partially implemented in %(count)d municipalities",
        "count",
    ),
    Status.UNCHANGED: ngettext_lazy(
        "situation unchanged in %(count)d municipality",
        "situation unchanged in %(count)d municipalities",
        "count",
    ),
    Status.NOT_IMPLEMENTED: ngettext_lazy(
        "not implemented in %(count)d municipality",
        "not implemented in %(count)d municipalities",
        "count",
    ),
    Status.SUPPORTED: ngettext_lazy(
        "%(count)d municipality supports the proposal",
        "%(count)d municipalities support the proposal",
        "count",
    ),
    Status.NOT_RELEVANT: ngettext_lazy(
        "not relevant in %(count)d municipality",
        "not relevant in %(count)d municipalities",
        "count",
    ),
    Status.NO_INFORMATION: ngettext_lazy(
        "%(count)d municipality gave no information",
        "%(count)d municipalities gave no information",
        "count",
    ),
}


@lru_cache(maxsize=4096)
def _phrase(language: str | None, status: str, count: int) -> str:
    """One part of the sentence, e.g. "implemented in 12 municipalities", in `language`."""
    # A review writes a phrase per status per task (962 at national scale), each a plural
    # lookup in the catalogue; the catalogues are fixed while the app runs.
    return str(PHRASES[status] % {"count": count})


def summary_sentence(counts: Mapping[str, int]) -> str:
    """The statuses with a non-zero count, joined in the reviews' order; "" when none."""
    # The language read once a sentence, not once a phrase: a review or a dashboard writes a
    # sentence per task (150 at national scale), some 960 phrases.
    language = get_language()
    parts = [
        _phrase(language, status, counts[status]) for status in SUMMARY_ORDER if counts.get(status)
    ]
    if not parts:
        return ""
    sentence = "; ".join(parts)
    return sentence[0].upper() + sentence[1:] + "."


# --- Year over year: how a municipality's status on a task moved since last year ----------

# The order of statuses for "better" and "worse", highest first; statuses of one tier are
# equal. "Situation unchanged" is no rung: the municipality says nothing changed, so this
# year's "unchanged" counts as stayed whatever last year's status was. "Not relevant" is no
# rung either (no demand is not progress) and "no information" is no status: those compare
# only with the same status, as stayed; a pair with no rung between them is not compared.
STATUS_TIERS = (
    (Status.IMPLEMENTED, Status.IMPROVED),
    (Status.PARTIAL,),
    (Status.NOT_IMPLEMENTED,),
)
STATUS_RANK = {
    status: len(STATUS_TIERS) - i for i, tier in enumerate(STATUS_TIERS) for status in tier
}

BETTER, WORSE, SAME = "better", "worse", "same"
MOVEMENT_ORDER = (BETTER, WORSE, SAME)

MOVEMENT_PHRASES = {
    BETTER: npgettext_lazy(
        "since last year",
        "improved in %(count)d municipality",
        "improved in %(count)d municipalities",
        "count",
    ),
    WORSE: npgettext_lazy(
        "since last year",
        "fell back in %(count)d municipality",
        "fell back in %(count)d municipalities",
        "count",
    ),
    SAME: npgettext_lazy(
        "since last year",
        "stayed the same in %(count)d municipality",
        "stayed the same in %(count)d municipalities",
        "count",
    ),
}


def status_movement(before: str, now: str) -> str | None:
    """BETTER, WORSE or SAME from last year's status to this year's; None when the two
    cannot be compared (either is missing or "no information", or no rung lies between)."""
    if not before or not now or Status.NO_INFORMATION in (before, now):
        return None
    if now == Status.UNCHANGED or now == before:
        return SAME
    if before in STATUS_RANK and now in STATUS_RANK:
        change = STATUS_RANK[now] - STATUS_RANK[before]
        return BETTER if change > 0 else WORSE if change < 0 else SAME
    return None


# status_movement() of every pair of statuses an entry may hold (none, "", included: the
# database's entry_status_valid allows no other), worked out once: the review looks one up per
# task and municipality, 3,600 times at national scale.
MOVEMENTS = {
    (before, now): status_movement(before, now)
    for before in ("", *Status.values)
    for now in ("", *Status.values)
}


@lru_cache(maxsize=1024)
def _movement_phrase(language: str | None, kind: str, count: int) -> str:
    """One part of the movement sentence, e.g. "improved in 3 municipalities", in `language`
    (a review writes up to three per task, as many plural lookups as _phrase saves)."""
    return str(MOVEMENT_PHRASES[kind] % {"count": count})


def movement_sentence(movement: Mapping[str, int], since: int) -> str:
    """E.g. "Compared with 2014: improved in 3 municipalities, …"; "" if nothing compared."""
    language = get_language()
    parts = [
        _movement_phrase(language, kind, movement[kind])
        for kind in MOVEMENT_ORDER
        if movement.get(kind)
    ]
    if not parts:
        return ""
    return _("Compared with %(year)s: %(changes)s.") % {"year": since, "changes": ", ".join(parts)}


def movement_rule(since: int) -> str:
    """The rule movement_sentence() counts by, in words, for the document."""
    label = {s: f"“{Status(s).label}”" for s in Status}
    order = " > ".join(" = ".join(label[s] for s in tier) for tier in STATUS_TIERS)
    return _(
        "Change since %(year)s: a municipality is compared when it gave a status on the task "
        "in both years. The order is %(order)s; a higher status than in %(year)s counts as "
        "improved, a lower one as fell back, the same one as stayed the same. This year's "
        "%(unchanged)s counts as stayed the same; any other pair (%(not_relevant)s, or "
        "%(unchanged)s in %(year)s, beside a different status) is not compared."
    ) % {
        "year": since,
        "order": order,
        "unchanged": label[Status.UNCHANGED],
        "not_relevant": label[Status.NOT_RELEVANT],
    }
