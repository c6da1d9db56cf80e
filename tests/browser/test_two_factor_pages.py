"""Two-factor sign-in in a real browser: turning on an authenticator app, the recovery codes, signing in with a
code, the code asked again before a withdrawal, and the operators' reset page. Each passes axe, fits a phone
and is photographed."""

import pytest
from playwright.sync_api import Page, expect

from conftest import PASSWORD
from conftest import totp_code as code_for
from tests.browser.support import accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_turning_on_two_factor_and_signing_in_with_it(page: Page, live_server, fred, operator, console, shoot):
    from openhour.money.payouts.methods import payout_method_add
    from openhour.money.tests.kit import top_up

    top_up(fred, 50_000)
    payout_method_add(owner=fred, kind="paypal", details={"email": "fred@example.com"})
    sign_in(page.context, live_server.url, fred)
    page.goto(f"{live_server.url}/accounts/2fa/")
    accessible(page, "two-factor-off", shoot=shoot)
    page.get_by_role("button", name="Set up an authenticator app").click()
    accessible(page, "two-factor-confirm-password", shoot=shoot)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()
    accessible(page, "two-factor-activate", shoot=shoot)
    secret = page.get_by_label("Authenticator secret").input_value()
    page.get_by_label("Authenticator code").fill(code_for(secret))
    page.get_by_role("button", name="Activate").click()
    accessible(page, "two-factor-recovery-codes", shoot=shoot)
    recovery_code = page.get_by_label("Unused codes").input_value().split()[0]
    page.goto(f"{live_server.url}/accounts/2fa/")
    accessible(page, "two-factor-on", shoot=shoot)
    page.get_by_role("button", name="Add a key").click()
    expect(page.get_by_role("button", name="Add")).to_be_visible()
    accessible(page, "two-factor-add-key", shoot=shoot)

    page.context.clear_cookies()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("E-mail").fill(fred.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page).to_have_url(f"{live_server.url}/accounts/2fa/authenticate/")
    accessible(page, "two-factor-sign-in", shoot=shoot)
    page.get_by_label("Code").fill(code_for(secret))
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("link", name="Dashboard", exact=True)).to_be_visible()

    page.goto(f"{live_server.url}/wallet/payouts/new")  # the code given at sign-in does not count: asked again
    page.get_by_label("Code").fill(recovery_code)  # the app's current code was used up at sign-in
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", name="Withdraw")).to_be_visible()

    page.context.clear_cookies()
    sign_in(page.context, live_server.url, operator)
    page.goto(f"{live_server.url}/operations/second-factor")
    accessible(page, "two-factor-operator-reset", shoot=shoot)
    page.get_by_label("Username or e-mail address").fill("fred")
    page.get_by_label("Why (kept in the log and sent to the person)").fill("Lost phone, checked by a video call")
    page.get_by_role("button", name="Reset their two-factor sign-in").click()
    expect(page.get_by_role("cell", name="Lost phone, checked by a video call")).to_be_visible()
    accessible(page, "two-factor-operator-log", shoot=shoot)
    console.assert_clean()


def test_withdrawing_asks_for_the_code_again(page: Page, live_server, fred, console, shoot):
    from allauth.mfa.totp.internal.auth import TOTP

    secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXQ"
    TOTP.activate(fred, secret)
    sign_in(page.context, live_server.url, fred)
    page.goto(f"{live_server.url}/wallet/payout-methods/new")
    expect(page).to_have_url(f"{live_server.url}/accounts/2fa/reauthenticate/?next=%2Fwallet%2Fpayout-methods%2Fnew")
    accessible(page, "two-factor-step-up", shoot=shoot)
    page.get_by_label("Code").fill(code_for(secret))
    page.get_by_role("button", name="Confirm").click()
    expect(page).to_have_url(f"{live_server.url}/wallet/payout-methods/new")
    console.assert_clean()


def test_a_security_key_is_added_and_signs_in_as_the_second_factor(page: Page, live_server, fred, settings, console):
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP

    settings.MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True  # the live server speaks plain http on localhost
    TOTP.activate(fred, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXQ")
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "usb",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    base = live_server.url.replace("127.0.0.1", "localhost")  # an IP address cannot be a WebAuthn relying party
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("E-mail").fill(fred.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.get_by_label("Code").fill(code_for("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXQ"))
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("link", name="Dashboard", exact=True)).to_be_visible()
    page.goto(f"{base}/accounts/2fa/webauthn/add/")
    page.get_by_label("Password").fill(PASSWORD)  # allauth confirms the password before a new key
    page.get_by_role("button", name="Confirm").click()
    page.get_by_role("button", name="Add").click()
    expect(page.get_by_text("Security key added")).to_be_visible()
    assert Authenticator.objects.filter(user=fred, type="webauthn").count() == 1

    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("E-mail").fill(fred.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.get_by_role("button", name="Use a security key").click()
    expect(page.get_by_role("link", name="Dashboard", exact=True)).to_be_visible()
    console.assert_clean()
