"""The guard that posting, proposing, messaging and paying call first: only verified e-mails pass."""

import pytest

from openhour.accounts.services import email_verify, require_verified_email
from openhour.lib.errors import EmailUnverified


def test_unverified_people_are_stopped_with_a_stable_code(una):
    with pytest.raises(EmailUnverified) as stopped:
        require_verified_email(una)
    assert stopped.value.code == "email_unverified"
    assert stopped.value.status == 403
    assert "Verify your e-mail" in stopped.value.message


def test_verified_people_pass(fred):
    require_verified_email(fred)


def test_verifying_lifts_the_guard(client, una):
    from allauth.account.models import EmailAddress, EmailConfirmationHMAC

    key = EmailConfirmationHMAC(EmailAddress.objects.get(user=una)).key
    request = client.get("/").wsgi_request
    email_verify(request=request, key=key)
    require_verified_email(una)
