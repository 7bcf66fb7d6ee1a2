"""The counted summary sentence of the annual review, in the reviews' own words.

"12 pašvaldībās izpildīts; 1 pašvaldībā situācija nav mainījusies; 9 pašvaldības nav
sniegušas informāciju": each status has a phrase whose noun agrees with the number through
gettext's plural forms (lv: 1, 21 → pašvaldībā; 2, 11, 12 → pašvaldībās; 0 → pašvaldībās).
"""

from collections.abc import Mapping

from django.utils.translation import ngettext_lazy

from monitoring.models import Status

# In the order the reviews list them: what was done first, silence last.
SUMMARY_ORDER = (
    Status.IMPLEMENTED,
    Status.IMPROVED,
    Status.PARTIAL,
    Status.UNCHANGED,
    Status.NOT_IMPLEMENTED,
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


def status_phrase(status: str, count: int) -> str:
    """One part of the sentence, e.g. "1 municipality: implemented" in the active language."""
    return PHRASES[status] % {"count": count}


def summary_sentence(counts: Mapping[str, int]) -> str:
    """The statuses with a non-zero count, joined in the reviews' order; "" when none."""
    parts = [
        status_phrase(status, counts[status]) for status in SUMMARY_ORDER if counts.get(status)
    ]
    if not parts:
        return ""
    sentence = "; ".join(parts)
    return sentence[0].upper() + sentence[1:] + "."
