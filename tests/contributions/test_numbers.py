import pytest

from contributions.numbers import DocumentNumber, number_for, parse_number, read_number


def onem2m(group, year, serial, revision=None):
    return DocumentNumber(f"{group}-{year}-{serial:04d}", revision, group, year, serial)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("SEC-2014-0364", onem2m("SEC", 2014, 364)),
        ("SEC-2014-0364R03", onem2m("SEC", 2014, 364, 3)),
        ("PRO-2014-0352R01", onem2m("PRO", 2014, 352, 1)),
        ("sec-2014-0364r03", onem2m("SEC", 2014, 364, 3)),
        ("SEC-2014-0364R00", onem2m("SEC", 2014, 364)),
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


# Internet-Drafts, as IETF minutes name them (IETF 118 QUIC, IETF 119 HTTP).


def test_a_drafts_version_is_a_revision_of_the_draft():
    number = parse_number("draft-ietf-quic-multipath-06")
    assert (number.family, number.group, number.year) == ("draft-ietf-quic-multipath", "quic", None)
    assert str(number) == "draft-ietf-quic-multipath-06"
    # Version 00 is a revision of its own, distinct from the draft named without a version.
    assert str(parse_number("draft-ietf-quic-multipath-00")) == "draft-ietf-quic-multipath-00"
    assert parse_number("draft-ietf-quic-multipath").revision is None


def test_an_individual_draft_names_no_working_group():
    number = read_number(" Draft-Nottingham-HTTP-Availability-Hints-01 ")
    assert str(number) == "draft-nottingham-http-availability-hints-01"
    assert number.group is None


def test_revision_numbers_follow_each_scheme():
    assert number_for("SEC-2014-0364", 3) == "SEC-2014-0364R03"
    assert number_for("draft-ietf-httpbis-cache", 1) == "draft-ietf-httpbis-cache-00"
    assert number_for("draft-ietf-httpbis-cache", 0) == "draft-ietf-httpbis-cache"
