"""Sign-ups and sign-ins are recorded with the IP and a device cookie (the evidence for conflict-of-interest
checks); the cookie is random, long-lived and set once."""

import pytest

from conftest import PASSWORD
from openhour.reviews.integrity.access import DEVICE_COOKIE
from openhour.reviews.integrity.models import AccessRecord

pytestmark = pytest.mark.django_db


def test_a_sign_in_records_the_ip_and_gives_the_browser_a_device_id(client, fred):
    answer = client.post("/accounts/login/", {"login": fred.email, "password": PASSWORD}, REMOTE_ADDR="203.0.113.7")
    assert answer.status_code == 302
    device = answer.cookies[DEVICE_COOKIE]
    assert len(device.value) == 32 and device["httponly"] and device["max-age"] > 365 * 24 * 3600
    record = AccessRecord.objects.get(user=fred)
    assert (record.kind, record.ip, record.device) == ("login", "203.0.113.7", device.value)

    client.post("/accounts/logout/")
    client.post("/accounts/login/", {"login": fred.email, "password": PASSWORD}, REMOTE_ADDR="203.0.113.8")
    assert list(AccessRecord.objects.filter(user=fred).values_list("device", flat=True)) == [device.value] * 2


def test_a_sign_up_is_recorded(client):
    answer = client.post(
        "/accounts/signup/",
        {
            "email": "nina@example.com",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "name": "Nina New",
            "role": "freelancer",
            "accept_terms": "on",
        },
        REMOTE_ADDR="198.51.100.4",
    )
    assert answer.status_code == 302
    kinds = set(AccessRecord.objects.filter(user__email="nina@example.com").values_list("kind", "ip"))
    assert ("signup", "198.51.100.4") in kinds


def test_a_failed_sign_in_records_nothing(client, fred):
    client.post("/accounts/login/", {"login": fred.email, "password": "wrong"}, REMOTE_ADDR="203.0.113.7")
    assert not AccessRecord.objects.exists()
