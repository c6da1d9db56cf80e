"""The receivers' helper: a delivery verifies with its endpoint's secret within the tolerance, and nothing else does."""

import pytest

from openhour.webhooks.signature import InvalidSignature, header, verify

BODY = b'{"id":"e1","type":"milestone.released","data":{}}'
NOW = 1_767_225_600


def test_a_signed_body_verifies_and_gives_its_timestamp():
    signed = header(["whsec_one"], NOW, BODY)

    assert signed.startswith(f"t={NOW},v1=")
    assert verify(BODY, signed, "whsec_one", now=NOW + 299) == NOW


@pytest.mark.parametrize(
    ("body", "secret", "now"),
    [
        (BODY, "whsec_other", NOW),  # another endpoint's secret
        (BODY.replace(b"e1", b"e2"), "whsec_one", NOW),  # a changed body
        (BODY, "whsec_one", NOW + 301),  # replayed after the tolerance
        (BODY, "whsec_one", NOW - 301),  # or from the future
    ],
)
def test_anything_else_is_refused(body, secret, now):
    with pytest.raises(InvalidSignature):
        verify(body, header(["whsec_one"], NOW, BODY), secret, now=now)


def test_the_tolerance_is_the_receivers_choice():
    signed = header(["whsec_one"], NOW, BODY)

    assert verify(BODY, signed, "whsec_one", tolerance=3600, now=NOW + 3000) == NOW
    with pytest.raises(InvalidSignature):
        verify(BODY, signed, "whsec_one", tolerance=10, now=NOW + 11)


def test_during_a_rotation_either_secret_verifies():
    signed = header(["whsec_new", "whsec_old"], NOW, BODY)

    assert signed.count("v1=") == 2
    assert verify(BODY, signed, "whsec_new", now=NOW) == verify(BODY, signed, "whsec_old", now=NOW) == NOW


@pytest.mark.parametrize("bad", ["", "v1=abc", f"t={NOW}", "t=soon,v1=abc", f"t={NOW},t={NOW},v1=abc"])
def test_a_malformed_header_is_refused(bad):
    with pytest.raises(InvalidSignature):
        verify(BODY, bad, "whsec_one", now=NOW)
