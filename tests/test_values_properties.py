"""Property tests: formatting and parsing agree; nothing but ValueParseError escapes."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from bplint import units
from bplint.comparators import OPS
from bplint.values import Quantity, ValueParseError, parse_value

amounts = st.decimals(min_value=0, max_value=Decimal("1e9"), places=2, allow_nan=False, allow_infinity=False)
simple_units = st.sampled_from(sorted(units.BASE_UNITS)).map(units.unit)
scaled_units = st.sampled_from(["万元", "千元", "亿元", "万人", "万人次"]).map(units.unit)
per_units = st.sampled_from(["次/月", "次/年", "元/天/人", "元/套", "人/次"]).map(units.unit)
quantities = st.builds(
    Quantity,
    amount=amounts,
    unit=st.one_of(st.none(), simple_units, scaled_units, per_units),
    op=st.sampled_from((None, *OPS)),
)


@given(quantities)
def test_format_then_parse_is_the_same_quantity(quantity):
    parsed = parse_value(str(quantity))
    assert parsed == quantity
    assert (parsed.op, parsed.amount, parsed.unit) == (quantity.op, quantity.amount, quantity.unit)


@given(st.text(max_size=30))
def test_arbitrary_text_raises_only_the_parse_error(text):
    try:
        parse_value(text)
    except ValueParseError as error:
        assert error.raw == text


@given(st.text(alphabet="0123456789.,%≥≤<>=～~-/ 万元次人月年日底前以上下内百分比之十二两", max_size=16))
def test_value_like_text_raises_only_the_parse_error(text):
    try:
        parse_value(text)
    except ValueParseError as error:
        assert error.raw == text
