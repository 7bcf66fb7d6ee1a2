"""How a row says what it is about (a year, a municipality, a task code), read the same way by
the workbook upload and the admin's bulk import (monitoring/resources.py)."""

import re
from typing import Any

from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from monitoring.rules import CellError, cell_text, key, quoted
from municipalities.models import Municipality, UnknownMunicipality
from programmes.models import Programme, ProgrammeNode

NOT_A_YEAR = _('"%(value)s" is not a year.')
UNKNOWN_MUNICIPALITY = _('Unknown municipality "%(name)s".')
MISSING_CODE = _("The row has no code.")
UNKNOWN_TASK = _('Unknown task code "%(code)s".')
NOT_MUNICIPAL_TASK = _("Municipalities do not report on %(code)s.")
DUPLICATE_ROW = _('"%(key)s" appears more than once (also in row %(row)d).')


def clean_year(value: Any) -> int:
    text = cell_text(value)
    if isinstance(value, bool) or not re.fullmatch(r"\d{4}", text):
        raise CellError(NOT_A_YEAR % {"value": quoted(value)})
    return int(text)


def clean_municipality(value: Any, *, year: int) -> Municipality:
    """The municipality a name or any known variant of it meant in the year."""
    name = cell_text(value)
    try:
        return Municipality.resolve(name, year=year)
    except UnknownMunicipality:
        raise CellError(UNKNOWN_MUNICIPALITY % {"name": Truncator(name).chars(60)}) from None


def nodes_by_code(programme: Programme) -> dict[str, ProgrammeNode]:
    """Every element of the programme, by code as `clean_task` looks it up."""
    return {key(node.code): node for node in programme.nodes.all()}


def clean_task(
    value: Any,
    *,
    nodes: dict[str, ProgrammeNode],
    reportable: set[int],
    not_reported=NOT_MUNICIPAL_TASK,
) -> ProgrammeNode:
    """The element with the code, which must be one of the `reportable` ones (by pk)."""
    code = cell_text(value)
    if not code:
        raise CellError(MISSING_CODE)
    node = nodes.get(key(code))
    if node is None:
        raise CellError(UNKNOWN_TASK % {"code": Truncator(code).chars(30)})
    if node.pk not in reportable:
        raise CellError(not_reported % {"code": node.code})
    return node
