"""The demo operator signs in with the code `manage.py demo_totp` prints, like any operator with an app."""

from io import StringIO

from allauth.mfa.models import Authenticator
from django.core.management import call_command

from conftest import PASSWORD
from openhour.demo.people.second_factor import demo_authenticator_set


def test_the_demo_operator_signs_in_with_the_printed_code(operator, client):
    demo_authenticator_set(user=operator)  # replaces the fixture's app with the demo's published secret
    demo_authenticator_set(user=operator)  # a second run changes nothing
    assert Authenticator.objects.filter(user=operator, type="totp").count() == 1
    out = StringIO()
    call_command("demo_totp", stdout=out)
    answer = client.post("/accounts/login/", {"login": operator.email, "password": PASSWORD})
    assert answer.status_code == 302
    client.post("/accounts/2fa/authenticate/", {"code": out.getvalue().strip()})
    assert client.get("/operations/moderation").status_code == 200
