"""The submission workbook's format: its sheets, their columns and the labels in the cells.

They are the file's format, so they are Latvian whatever language the interface is in: a
workbook downloaded with the English interface uploads the same way.
"""

from django.utils import translation
from django.utils.text import capfirst

from municipalities.models import EURO_ADOPTION_YEAR, YearlyFigures
from programmes.models import Indicator

SHEET_SUMMARY = "Pārskats"
SHEET_TASKS = "Uzdevumi"
SHEET_INDICATORS = "Rādītāji"
SHEET_FIGURES = "Finanses"

KEY_MUNICIPALITY = "Pašvaldība"
KEY_YEAR = "Gads"
KEY_PROGRAMME = "Programma"
KEY_INSTRUCTIONS = "Norādījumi"
INSTRUCTIONS = (
    "Aizpildiet lapas „Uzdevumi”, „Rādītāji” un „Finanses” un augšupielādējiet failu "
    "atpakaļ. Nemainiet lapu nosaukumus, kolonnu virsrakstus, kodus un šīs lapas vērtības. "
    "Statusu izvēlieties no saraksta. Tukša šūna nozīmē, ka vērtība nav norādīta. "
    "„—” plānotā skaita kolonnā nozīmē, ka programma šim uzdevumam skaitu neplāno."
)

# The entry form's Latvian labels (monitoring/forms.py, EntryForm), so that both channels ask
# for the same things by the same names; tests/test_workbook_channels.py compares them.
TASK_HEADERS = (
    "Kods",
    "Uzdevums",
    "Statuss",
    "Izpildes apraksts",
    "Sasniegtais skaits",
    "Gadam plānotais skaits",
)
# Workbooks downloaded before the planned number's header took the form's label still upload.
OLD_TASK_HEADERS = (*TASK_HEADERS[:5], "Plānotais skaits")
# What a number cell holds where the task asks no number (monitoring/questions.py): the
# form has no field there.
NOT_APPLICABLE = "—"
INDICATOR_HEADERS = ("Nr.", "Rādītājs", "Vērtība", "Komentārs")
FIGURE_HEADERS = ("Rādītājs", "Vērtība")
# The column of the task sheet each entry field is read from.
TASK_COLUMNS = {"status": 2, "narrative": 3, "quantity": 4, "planned_quantity": 5}
# The column of the indicator sheet each value field is read from.
INDICATOR_COLUMNS = {"value": 2, "text": 3}

FIGURE_FIELDS = YearlyFigures.FIELDS
WHOLE_FIGURES = tuple(name for name in FIGURE_FIELDS if name not in YearlyFigures.MONEY_FIELDS)
INDICATOR_PREFIXES = {
    Indicator.Kind.RESULT_INDICATOR: "R",
    Indicator.Kind.PLANNED_RESULT: "D",
}


def indicator_number(indicator: Indicator) -> str:
    """The number an indicator goes by in the workbook and on the entry form: "D-1", "R-1"."""
    return f"{INDICATOR_PREFIXES[indicator.kind]}-{indicator.code}"


def figure_names(year: int) -> tuple[str, ...]:
    """The figures of the year's sheet: the currency only before the euro."""
    return (*FIGURE_FIELDS, "currency") if year < EURO_ADOPTION_YEAR else FIGURE_FIELDS


def figure_labels(year: int) -> dict[str, str]:
    """Field name → the Latvian label of its row on the figures sheet."""
    with translation.override("lv"):
        return {
            name: capfirst(str(YearlyFigures._meta.get_field(name).verbose_name))
            for name in figure_names(year)
        }
