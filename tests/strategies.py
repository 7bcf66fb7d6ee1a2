"""The hypothesis settings and strategies of the property tests (tests/test_properties_*.py):
what a browser types into a form field, what openpyxl hands over for a cell, and the words a
person writes for a status."""

import math
from decimal import Decimal

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from monitoring import rules
from monitoring.models import Status

# Function-scoped fixtures (the database, the named users) are shared by the examples of one
# test; the examples that write roll back what they wrote.
EXAMPLES = settings(
    max_examples=100,
    deadline=None,
    database=None,  # no .hypothesis/ folder in the working tree
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
FEW_EXAMPLES = settings(EXAMPLES, max_examples=40)


# A Decimal holds 28 digits: clean_number() fails with decimal.InvalidOperation, not a
# CellError, from 10**26 up (see
# test_numbers_beyond_a_decimals_precision_are_refused in tests/test_properties_cells.py).
# The other properties stay below that, so that they test everything else.
BEYOND_PRECISION = 10**26


# Text typed into a form field or a cell, biased towards what nearly reads as a number.
numberish = st.one_of(
    st.text(max_size=20),
    st.from_regex(r"\A\s?-?[\d \u00a0]{0,16}([.,]\d{0,4})?\s?\Z"),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.floats().map(str),
    st.integers(-(10**20), 10**20).map(str),
    st.sampled_from(["", " ", "-0", "1e5", "1E-3", "NaN", "Infinity", "0x10", "1_000"]),
)
# A form is given text by a browser, but anything by code that builds one from other data.
form_values = st.one_of(numberish, st.integers(), st.floats(), st.decimals())

# What openpyxl hands over for a cell, below BEYOND_PRECISION.
cell_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(BEYOND_PRECISION - 1), BEYOND_PRECISION - 1),
    st.floats(min_value=-1e25, max_value=1e25),
    st.sampled_from([math.nan, math.inf, -math.inf]),
    st.decimals(min_value=-(10**24), max_value=10**24, allow_nan=False, allow_infinity=False),
    # Text of up to 26 characters holds at most 26 digits: below BEYOND_PRECISION too.
    st.text(max_size=26),
    numberish.filter(lambda text: len(text) <= 26),
    st.datetimes(),
    st.dates(),
    st.times(),
)


STATUS_WORDS = [
    *Status.values,
    *(rules.status_label(value) for value in Status.values),
    "IZPILDĪTS",
    " daļēji izpildīts ",
    "implemented",
]


def _places(number: Decimal, places: int) -> bool:
    return number == number.quantize(Decimal(1).scaleb(-places))
