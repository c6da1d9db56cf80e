"""Nothing of anybody else beyond what explains the person's own data: others by display name, never by e-mail;
no secret that would let someone act as the person."""

from allauth.usersessions.models import UserSession

from .conftest import CLARA_PRIVATE_NOTE, CLIENT_SECRET_EMAIL, archive_of


def test_no_other_persons_email_note_or_files(fred, fred_everywhere, requested):
    _data, _archive, raw = archive_of(requested(fred))

    for leak in ("clara@example.com", "olga@example.com", CLIENT_SECRET_EMAIL, CLARA_PRIVATE_NOTE, "clara-attachment"):
        assert leak.encode() not in raw
    assert b"Clara Client" in raw  # the other party, as everyone sees her


def test_no_secret_of_the_person_either(fred, fred_everywhere, requested):
    _data, _archive, raw = archive_of(requested(fred))

    session_keys = UserSession.objects.filter(user=fred).values_list("session_key", flat=True)
    for secret in [fred_everywhere["token"], fred_everywhere["webhook"], *session_keys, fred.password]:
        assert secret.encode() not in raw
    assert b"DE89370400440532013000" not in raw  # the payout account, masked
    assert b"JBSWY3DPEHPK3PXP" not in raw  # the authenticator's secret
