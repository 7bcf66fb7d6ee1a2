"""The admin's bulk import and export of progress entries (monitoring/resources.py): an import
creates and updates entries by their keys, one bad row (an unknown code, municipality or status,
a municipality of another region, a year outside the programme, text in a number cell, a
repeated row) changes nothing and is named with its column, and the export writes labels and
keys as the import reads them."""

import pytest
import tablib

from monitoring import rules
from monitoring.models import ProgressEntry, Status
from monitoring.resources import (
    MUNICIPALITY_OUTSIDE_REGION,
    YEAR_OUTSIDE_PROGRAMME,
    ProgressEntryResource,
)
from monitoring.workbook import keys

pytestmark = pytest.mark.django_db


def _import_file(rows):
    """Rows as the admin reads them from an uploaded .xlsx file."""
    dataset = tablib.Dataset(*rows, headers=list(ProgressEntryResource.Meta.fields))
    return tablib.Dataset().load(dataset.export("xlsx"), format="xlsx")


GOOD_ROWS = [
    ("zemgale", 2015, "Jelgavas pilsēta", "1.2", "izpildīts", "Importēts.", "1 234", None),
    ("zemgale", 2015, "", "1.11", "nav īstenots", "Reģiona ieraksts.", None, None),
    ("zemgale", 2015, "Dobele", "2.1", "improved", "", 4, 5),
]


def _entries():
    return sorted(
        ProgressEntry.objects.filter(year=2015).values_list(
            "node__code", "municipality__name", "status", "narrative", "quantity"
        ),
        key=str,
    )


def test_the_admin_import_creates_and_updates_entries():
    result = ProgressEntryResource().import_data(_import_file(GOOD_ROWS))

    assert not result.has_errors() and not result.has_validation_errors()
    jelgava = ProgressEntry.objects.get(
        node__code="1.2", node__programme__slug="zemgale", year=2015, municipality__name="Jelgava"
    )
    assert (jelgava.municipality.name, jelgava.status, jelgava.quantity) == (
        "Jelgava",
        Status.IMPLEMENTED,
        1234,
    )
    region = ProgressEntry.objects.get(
        node__code="1.11", node__programme__slug="zemgale", year=2015
    )
    assert region.municipality is None and region.status == Status.NOT_IMPLEMENTED

    again = [("zemgale", 2015, "Jelgava", "1.2", "uzlabojies", "Labots.", 2, None)]
    ProgressEntryResource().import_data(_import_file(again))
    jelgava.refresh_from_db()
    assert (jelgava.status, jelgava.narrative) == (Status.IMPROVED, "Labots.")
    assert ProgressEntry.objects.filter(year=2015).count() == 3


BAD_ROWS = {
    "unknown code": (
        ("zemgale", 2015, "Jelgava", "9.9", "", "", None, None),
        "code",
        keys.UNKNOWN_TASK,
        {"code": "9.9"},
    ),
    "the region's task for a municipality": (
        ("zemgale", 2015, "Jelgava", "1.11", "", "x", None, None),
        "code",
        keys.NOT_MUNICIPAL_TASK,
        {"code": "1.11"},
    ),
    "unknown municipality": (
        ("zemgale", 2015, "Rīga", "1.2", "", "x", None, None),
        "municipality",
        keys.UNKNOWN_MUNICIPALITY,
        {"name": "Rīga"},
    ),
    "municipality of another region": (
        ("zemgale", 2015, "Balvu novads", "1.2", "", "x", None, None),
        "municipality",
        MUNICIPALITY_OUTSIDE_REGION,
        {"municipality": "Balvu novads", "programme": "zemgale"},
    ),
    "year outside the programme": (
        ("zemgale", 2030, "Jelgava", "1.2", "", "x", None, None),
        "year",
        YEAR_OUTSIDE_PROGRAMME,
        {"first": 2010, "last": 2017},
    ),
    "bad status": (
        ("zemgale", 2015, "Jelgava", "1.2", "pabeigts", "", None, None),
        "status",
        rules.UNKNOWN_STATUS,
        {
            "value": "pabeigts",
            "choices": ", ".join(rules.status_label(s) for s in Status.values),
        },
    ),
    "text in a number cell": (
        ("zemgale", 2015, "Jelgava", "1.2", "", "", "daži", None),
        "quantity",
        rules.NOT_A_NUMBER,
        {"value": "daži"},
    ),
    "duplicate row": (
        ("zemgale", 2015, "Jelgavas valstspilsēta", "1.2", "", "Vēlreiz.", None, None),
        "code",
        keys.DUPLICATE_ROW,
        {"key": "1.2", "row": 1},
    ),
}


@pytest.mark.parametrize("case", BAD_ROWS.values(), ids=BAD_ROWS.keys())
def test_the_admin_import_with_one_bad_row_changes_nothing(case):
    bad_row, column, message, values = case
    before = _entries()

    result = ProgressEntryResource().import_data(_import_file([*GOOD_ROWS, bad_row]))

    assert result.has_validation_errors()
    (invalid,) = result.invalid_rows
    assert invalid.number == len(GOOD_ROWS) + 1
    assert invalid.error_dict == {column: [str(message % values)]}
    assert _entries() == before


def test_the_admin_export_writes_labels_and_keys():
    ProgressEntryResource().import_data(_import_file(GOOD_ROWS[:1]))
    entries = ProgressEntry.objects.filter(year=2015, municipality__name="Jelgava")
    dataset = ProgressEntryResource().export(entries)
    assert dataset.headers == list(ProgressEntryResource.Meta.fields)
    assert dataset[0] == (
        "zemgale",
        2015,
        "Jelgava",
        "1.2",
        rules.status_label(Status.IMPLEMENTED),
        "Importēts.",
        1234,
        None,
    )
