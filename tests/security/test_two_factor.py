"""Two-factor sign-in: an authenticator app with recovery codes for everyone; required for operators; asked
again before money leaves an account (pages and API); needed for API tokens; operators may reset it with a
reason; a sign-in from a new browser is announced. Each behaviour is tried by the person who must not pass."""

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.admin.models import LogEntry
from django.core import mail
from django.test import Client

from conftest import OPERATOR_TOTP_SECRET, PASSWORD
from conftest import totp_code as code_for
from openhour.accounts.models import User
from openhour.messaging.models import Notification
from openhour.money.models import Payout, PayoutMethod
from openhour.money.payouts.methods import payout_method_add
from openhour.money.tests.kit import top_up
from openhour.reviews.integrity.access import DEVICE_COOKIE

pytestmark = pytest.mark.django_db

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXQ"


def wrong(code: str) -> str:
    return f"{(int(code) + 1) % 1_000_000:06d}"


@pytest.fixture
def fred_2fa(fred):
    TOTP.activate(fred, SECRET)
    RecoveryCodes.activate(fred)
    return fred


def recovery_codes(user) -> list[str]:
    return RecoveryCodes(Authenticator.objects.get(user=user, type="recovery_codes")).get_unused_codes()


def password_step(browser: Client, user) -> str:
    answer = browser.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert answer.status_code == 302
    return answer["Location"]


def signed_in(browser: Client) -> bool:
    return browser.get("/api/v1/me").status_code == 200


# ---- turning it on, and signing in ------------------------------------------------------------------------


def test_anyone_signed_in_can_turn_on_an_authenticator_app_without_javascript(fred, client_for):
    browser = client_for(fred)
    assert browser.get("/accounts/2fa/totp/activate/")["Location"].startswith("/accounts/reauthenticate/")
    browser.post("/accounts/reauthenticate/", {"password": PASSWORD})  # allauth asks for the password first
    page = browser.get("/accounts/2fa/totp/activate/")
    assert page.status_code == 200
    secret = page.context["form"].secret
    assert secret in page.content.decode()
    refused = browser.post("/accounts/2fa/totp/activate/", {"code": wrong(code_for(secret))})
    assert refused.status_code == 200 and not Authenticator.objects.filter(user=fred).exists()
    answer = browser.post("/accounts/2fa/totp/activate/", {"code": code_for(secret)})
    assert answer.status_code == 302
    assert set(Authenticator.objects.filter(user=fred).values_list("type", flat=True)) == {"totp", "recovery_codes"}
    assert "On: sign-ins ask for the six-digit code" in browser.get("/accounts/2fa/").content.decode()


def test_the_account_menu_links_to_two_factor_sign_in(fred, client_for):
    assert 'href="/accounts/2fa/"' in client_for(fred).get("/").content.decode()


def test_anonymous_cannot_manage_a_second_factor(client, db):
    answer = client.get("/accounts/2fa/")
    assert answer.status_code == 302 and "/accounts/login/" in answer["Location"]


def test_sign_in_asks_for_the_code_after_the_password(fred_2fa, client):
    assert password_step(client, fred_2fa) == "/accounts/2fa/authenticate/"
    assert not signed_in(client)
    answer = client.post("/accounts/2fa/authenticate/", {"code": code_for(SECRET)})
    assert answer.status_code == 302 and signed_in(client)


def test_the_code_step_offers_a_security_key_only_to_someone_who_has_one(fred_2fa, client):
    password_step(client, fred_2fa)
    # Someone with a key is offered it: tests/browser/test_two_factor_pages.py signs in with a virtual key.
    assert "Use a security key" not in client.get("/accounts/2fa/authenticate/").content.decode()


def test_a_wrong_code_does_not_sign_in(fred_2fa, client):
    password_step(client, fred_2fa)
    answer = client.post("/accounts/2fa/authenticate/", {"code": wrong(code_for(SECRET))})
    assert answer.status_code == 200 and "Incorrect code" in answer.content.decode()
    assert not signed_in(client)


def test_an_old_code_does_not_sign_in(fred_2fa, client):
    password_step(client, fred_2fa)
    client.post("/accounts/2fa/authenticate/", {"code": code_for(SECRET, steps_ago=4)})
    assert not signed_in(client)


def test_a_recovery_code_signs_in_once(fred_2fa):
    code = recovery_codes(fred_2fa)[0]
    first, second = Client(), Client()
    password_step(first, fred_2fa)
    assert first.post("/accounts/2fa/authenticate/", {"code": code}).status_code == 302 and signed_in(first)
    password_step(second, fred_2fa)
    second.post("/accounts/2fa/authenticate/", {"code": code})
    assert not signed_in(second)
    assert code not in recovery_codes(fred_2fa)


# ---- operators must have it ---------------------------------------------------------------------------------

OPERATOR_PAGES = ["/operations/moderation", "/operations/disputes", "/operations/reports", "/admin/"]


@pytest.fixture
def bare_operator(operator):
    Authenticator.objects.filter(user=operator).delete()
    return operator


@pytest.mark.parametrize("page", OPERATOR_PAGES)
def test_an_operator_without_a_second_factor_is_sent_to_set_one_up(page, bare_operator, client_for):
    browser = client_for(bare_operator)
    answer = browser.get(page, follow=True)
    assert answer.redirect_chain[0] == ("/accounts/2fa/", 302)
    assert "Operators must turn on two-factor sign-in" in answer.content.decode()


@pytest.mark.parametrize("page", OPERATOR_PAGES)
def test_an_operator_with_a_second_factor_reaches_operations(page, operator, client_for):
    assert client_for(operator).get(page).status_code == 200


def test_api_operations_refuse_an_operator_without_a_second_factor(bare_operator, client_for, bearer):
    for client in (client_for(bare_operator), Client(headers=bearer(bare_operator))):
        answer = client.get("/api/v1/operations/moderation")
        assert answer.status_code == 403 and answer.json()["error"]["code"] == "mfa_required"


def test_api_operations_answer_an_operator_with_a_second_factor(operator, bearer):
    assert Client(headers=bearer(operator)).get("/api/v1/operations/moderation").status_code == 200


def test_people_who_are_not_operators_are_still_refused_as_before(olga, client_for, bearer):
    assert client_for(olga).get("/operations/moderation").status_code in (403, 404)
    answer = Client(headers=bearer(olga)).get("/api/v1/operations/moderation")
    assert answer.status_code in (403, 404) and answer.json()["error"]["code"] != "mfa_required"


def test_an_operator_signs_in_with_password_then_code(operator, client):
    assert password_step(client, operator) == "/accounts/2fa/authenticate/"
    client.post("/accounts/2fa/authenticate/", {"code": code_for(OPERATOR_TOTP_SECRET)})
    assert client.get("/operations/moderation").status_code == 200


# ---- API tokens ---------------------------------------------------------------------------------------------


def ask_token(client: Client, user, **extra):
    body = {"email": user.email, "password": PASSWORD, "label": "laptop", **extra}
    return client.post("/api/v1/auth/tokens", body, content_type="application/json")


def test_tokens_need_a_code_when_two_factor_is_on(fred_2fa, client):
    missing = ask_token(client, fred_2fa)
    assert missing.status_code == 401 and missing.json()["error"]["code"] == "mfa_required"
    wrong_code = ask_token(client, fred_2fa, code=wrong(code_for(SECRET)))
    assert wrong_code.status_code == 400 and "code" in wrong_code.json()["error"]["fields"]
    answer = ask_token(client, fred_2fa, code=code_for(SECRET))
    assert answer.status_code == 201
    assert Client(headers={"Authorization": f"Bearer {answer.json()['token']}"}).get("/api/v1/me").status_code == 200


def test_a_recovery_code_gets_a_token_once(fred_2fa, client):
    code = recovery_codes(fred_2fa)[0]
    assert ask_token(client, fred_2fa, code=code).status_code == 201
    assert ask_token(client, fred_2fa, code=code).status_code == 400


def test_the_same_code_cannot_be_replayed_for_a_second_token(fred_2fa, client):
    code = code_for(SECRET)
    assert ask_token(client, fred_2fa, code=code).status_code == 201
    assert ask_token(client, fred_2fa, code=code).status_code == 400


def test_tokens_without_two_factor_are_unchanged(olga, client):
    assert ask_token(client, olga).status_code == 201


def test_a_code_does_not_replace_the_password(fred_2fa, client):
    body = {"email": fred_2fa.email, "password": "wrong-password-1", "label": "x", "code": code_for(SECRET)}
    answer = client.post("/api/v1/auth/tokens", body, content_type="application/json")
    assert answer.status_code == 400 and "password" in answer.json()["error"]["fields"]


# ---- step-up before money leaves ----------------------------------------------------------------------------


@pytest.fixture
def paypal(fred_2fa):
    top_up(fred_2fa, 50_000)
    return payout_method_add(owner=fred_2fa, kind="paypal", details={"email": "fred@example.com"})


def withdraw(client: Client, method, **extra):
    body = {"amount": {"amount": 5_000, "currency": "GBP"}, "method": str(method.pk), **extra}
    return client.post("/api/v1/payouts", body, content_type="application/json")


def add_method(client: Client, **extra):
    body = {"kind": "paypal", "details": {"email": "f2@example.com"}, **extra}
    return client.post("/api/v1/payout-methods", body, content_type="application/json")


def test_api_payouts_need_a_fresh_code_with_two_factor_on(fred_2fa, paypal, bearer, ledger_ok):
    api = Client(headers=bearer(fred_2fa))
    for answer in (withdraw(api, paypal), withdraw(api, paypal, code=wrong(code_for(SECRET)))):
        assert answer.status_code == 403 and answer.json()["error"]["code"] == "step_up_required"
    assert not Payout.objects.exists()
    assert withdraw(api, paypal, code=code_for(SECRET)).status_code == 201
    ledger_ok()


def test_api_payout_methods_need_a_fresh_code_with_two_factor_on(fred_2fa, bearer):
    api = Client(headers=bearer(fred_2fa))
    answer = add_method(api)
    assert answer.status_code == 403 and answer.json()["error"]["code"] == "step_up_required"
    assert not PayoutMethod.objects.exists()
    assert add_method(api, code=recovery_codes(fred_2fa)[0]).status_code == 201


def test_api_money_out_without_two_factor_is_unchanged(olga, bearer):
    assert add_method(Client(headers=bearer(olga))).status_code == 201


def test_the_withdraw_page_asks_for_a_code_first(fred_2fa, paypal, client_for):
    browser = client_for(fred_2fa)
    for page in ("/wallet/payouts/new", "/wallet/payout-methods/new"):
        answer = browser.get(page)
        assert answer.status_code == 302 and answer["Location"].startswith("/accounts/2fa/reauthenticate/")
    answer = browser.post("/accounts/2fa/reauthenticate/?next=/wallet/payouts/new", {"code": code_for(SECRET)})
    assert answer.status_code == 302
    assert browser.get("/wallet/payouts/new").status_code == 200
    assert browser.get("/wallet/payout-methods/new").status_code == 200


def test_a_wrong_code_keeps_the_payout_pages_closed(fred_2fa, paypal, client_for):
    browser = client_for(fred_2fa)
    browser.post("/accounts/2fa/reauthenticate/", {"code": wrong(code_for(SECRET))})
    assert browser.get("/wallet/payout-methods/new").status_code == 302


def test_a_form_sent_before_the_code_is_carried_out_after_it(fred_2fa, client_for):
    browser = client_for(fred_2fa)
    form = {"kind": "paypal", "paypal_email": "fred2@example.com"}
    assert browser.post("/wallet/payout-methods/new", form).status_code == 302
    assert not PayoutMethod.objects.exists()
    browser.post("/accounts/2fa/reauthenticate/?next=/wallet/payout-methods/new", {"code": code_for(SECRET)})
    assert PayoutMethod.objects.filter(owner=fred_2fa).count() == 1


def test_payout_pages_without_two_factor_are_unchanged(olga, client_for):
    assert client_for(olga).get("/wallet/payout-methods/new").status_code == 200


# ---- operators reset a second factor ------------------------------------------------------------------------


def test_an_operator_resets_a_second_factor_with_a_reason_that_is_logged_and_told(
    fred_2fa, operator, client_for, django_capture_on_commit_callbacks
):
    browser = client_for(operator)
    reason = "Lost phone; identity checked by video call"
    with django_capture_on_commit_callbacks(execute=True):
        answer = browser.post("/operations/second-factor", {"person": "fred@example.com", "reason": reason})
    assert answer.status_code == 302
    assert not Authenticator.objects.filter(user=fred_2fa).exists()
    entry = LogEntry.objects.get(object_id=str(fred_2fa.pk))
    assert entry.user_id == operator.pk and reason in entry.change_message and entry.action_time
    notice = Notification.objects.get(user=fred_2fa, kind="second_factor_reset")
    assert reason in notice.body
    assert [message.to for message in mail.outbox] == [["fred@example.com"]] and reason in mail.outbox[0].body
    assert reason in browser.get("/operations/second-factor").content.decode()


def test_a_reset_needs_a_reason(fred_2fa, operator, client_for):
    answer = client_for(operator).post("/operations/second-factor", {"person": "fred", "reason": "  "})
    assert answer.status_code == 400
    assert Authenticator.objects.filter(user=fred_2fa).exists() and not LogEntry.objects.exists()


def test_an_outsider_cannot_reset_a_second_factor(fred_2fa, olga, client_for, client):
    form = {"person": "fred", "reason": "Please let me in, I am Fred"}
    assert client_for(olga).post("/operations/second-factor", form).status_code == 404
    assert client.post("/operations/second-factor", form).status_code == 302  # to sign in
    assert Authenticator.objects.filter(user=fred_2fa).count() == 2 and not LogEntry.objects.exists()


def test_an_operator_without_a_second_factor_cannot_reset_anyones(fred_2fa, bare_operator, client_for):
    form = {"person": "fred", "reason": "Lost phone, checked by video call"}
    assert client_for(bare_operator).post("/operations/second-factor", form).status_code == 302
    assert Authenticator.objects.filter(user=fred_2fa).count() == 2


# ---- a sign-in from a new browser ---------------------------------------------------------------------------


def sign_in(browser: Client, user) -> None:
    password_step(browser, user)
    assert signed_in(browser)


def test_a_sign_in_from_a_new_browser_is_announced_once_and_not_from_a_known_one(olga):
    laptop = Client(HTTP_USER_AGENT="Firefox/140 on Linux")
    sign_in(laptop, olga)
    notices = Notification.objects.filter(user=olga, kind="new_sign_in")
    assert notices.count() == 1 and "Firefox/140 on Linux" in notices.get().body and "127.0.0.1" in notices.get().body
    laptop.post("/accounts/logout/")
    sign_in(laptop, olga)  # the same browser: its device cookie is known now
    assert notices.count() == 1
    phone = Client(HTTP_USER_AGENT="Safari on iPhone")
    sign_in(phone, olga)
    assert notices.count() == 2


def test_signing_up_is_not_announced_as_a_sign_in_from_a_new_browser(db):
    browser = Client()
    browser.post(
        "/accounts/signup/",
        {
            "name": "Nadia Novak",
            "email": "nadia@example.com",
            "password1": PASSWORD,
            "role": "freelancer",
            "accept_terms": "on",
        },
    )
    assert signed_in(browser)
    assert not Notification.objects.filter(user__email="nadia@example.com", kind="new_sign_in").exists()
    browser.post("/accounts/logout/")
    sign_in(browser, User.objects.get(email="nadia@example.com"))  # the browser she signed up on is known
    assert not Notification.objects.filter(kind="new_sign_in").exists()


def test_another_accounts_browser_is_new_for_this_account(olga, clara):
    shared = Client()
    sign_in(shared, clara)
    shared.post("/accounts/logout/")
    assert DEVICE_COOKIE in shared.cookies
    sign_in(shared, olga)
    assert Notification.objects.filter(user=olga, kind="new_sign_in").count() == 1


def test_the_admins_own_sign_in_form_cannot_skip_the_second_factor(operator, client):
    answer = client.post("/admin/login/?next=/admin/", {"username": "operator", "password": PASSWORD})
    assert answer.status_code == 302 and answer["Location"] == "/accounts/login/?next=%2Fadmin%2F"
    assert not signed_in(client) and client.get("/admin/").status_code == 302


def test_a_signed_in_outsider_cannot_use_the_admin_form_to_become_the_operator(olga, operator, client_for):
    browser = client_for(olga)
    browser.post("/admin/login/?next=/admin/", {"username": "operator", "password": PASSWORD})
    assert browser.get("/api/v1/me").json()["username"] == "olga"


def test_the_code_given_at_sign_in_does_not_open_the_withdraw_page(fred_2fa, paypal, client):
    password_step(client, fred_2fa)
    client.post("/accounts/2fa/authenticate/", {"code": code_for(SECRET)})
    assert signed_in(client)
    answer = client.get("/wallet/payouts/new")
    assert answer.status_code == 302 and answer["Location"].startswith("/accounts/2fa/reauthenticate/")
