import pytest

from contributions.numbers import DocumentNumber, parse_number


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("SEC-2014-0364", DocumentNumber("SEC", 2014, 364)),
        ("SEC-2014-0364R03", DocumentNumber("SEC", 2014, 364, 3)),
        ("PRO-2014-0352R01", DocumentNumber("PRO", 2014, 352, 1)),
        ("sec-2014-0364r03", DocumentNumber("SEC", 2014, 364, 3)),
        ("SEC-2014-0364R00", DocumentNumber("SEC", 2014, 364)),
    ],
)
def test_canonical_numbers_parse(text, expected):
    assert parse_number(text) == expected


def test_a_number_prints_canonically():
    assert str(parse_number("TP-2014-0459")) == "TP-2014-0459"
    assert str(parse_number("SEC-2014-0390R03")) == "SEC-2014-0390R03"
    assert parse_number("SEC-2014-0390R03").family == "SEC-2014-0390"


@pytest.mark.parametrize("text", ["SEC-2014-", "0388R02", "SEC-2014-0367RF01", "", "SEC 2014 0364"])
def test_anything_else_is_refused_with_the_expected_form(text):
    with pytest.raises(ValueError, match="not a document number like SEC-2014-0364"):
        parse_number(text)
