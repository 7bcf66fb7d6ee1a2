"""The one number filter (municipalities/templatetags/numerals.py) writes what Django's
number_format writes for the same number, in both languages, whatever the number
(hypothesis): its shortcut for whole numbers is no other rule."""

from decimal import Decimal

import pytest
from django.utils import translation
from django.utils.formats import number_format
from hypothesis import example, given
from hypothesis import strategies as st

from municipalities.templatetags.numerals import num
from tests.strategies import EXAMPLES

NUMBERS = st.one_of(
    st.integers(min_value=-(10**18), max_value=10**18),
    st.decimals(
        allow_nan=False, allow_infinity=False, places=2, min_value=-(10**16), max_value=10**16
    ),
    st.decimals(allow_nan=False, allow_infinity=False, min_value=-(10**6), max_value=10**6),
)


def _django(value, places: int | None) -> str:
    return number_format(value, decimal_pos=places, use_l10n=True, force_grouping=True)


@pytest.mark.parametrize("language", ["lv", "en"])
@given(value=NUMBERS, places=st.sampled_from([None, 0, 1, 2, 3]))
@EXAMPLES
@example(value=Decimal("-0.00"), places=2)
@example(value=Decimal("-0.004"), places=2)
@example(value=Decimal("1.005"), places=2)
@example(value=Decimal("1E+3"), places=None)
@example(value=10**15 + 1, places=None)
@example(value=Decimal("123456789012345.12"), places=2)
def test_num_writes_what_number_format_writes(language, value, places):
    with translation.override(language):
        written = num(value, places)
        if places is not None:
            assert written == _django(value, places)
        elif isinstance(value, int) or value == value.to_integral_value():
            assert written == _django(int(value), None)
        else:
            assert written == _django(value, 2)
