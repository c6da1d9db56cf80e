"""The data the law's own processes keep about a person is in their archive too: the identity check and the
documents sent for it, billing and tax details, and which terms they accepted."""

from datetime import date

from openhour.accounts.identity.services.checks import identity_start
from openhour.accounts.identity.tests.kit import document, selfie
from openhour.accounts.legal.services import terms_accept_current
from openhour.money.reporting.services import tax_details_save
from openhour.money.vat.services import BillingInput, billing_details_set

from .conftest import archive_of


def test_identity_billing_tax_and_terms_are_in_the_archive(fred, requested):
    identity_start(by=fred, return_url="/me/identity", document=document("fred-passport.pdf"), selfie=selfie())
    billing_details_set(person=fred, by=fred, data=BillingInput(kind="business", country="FR", legal_name="Fred SARL"))
    tax_details_save(
        user=fred, by=fred, kind="individual", first_name="Fred", last_name="Freelancer", birth_date=date(1990, 5, 1),
        street="1 Rue de la Paix", city="Paris", postcode="75002", country="FR", tin="3023217600053", tin_country="FR",
    )  # fmt: skip
    terms_accept_current(user=fred, how="signup", address="203.0.113.9")

    data, archive, _raw = archive_of(requested(fred))

    assert data["identity"]["checks"][0]["status"] == "pending"
    sent = {item["kind"]: item["file"] for item in data["identity"]["documents"]}
    assert set(sent) == {"document", "selfie"} and all(path in archive.namelist() for path in sent.values())
    assert data["billing"][0]["legal_name"] == "Fred SARL"
    assert data["tax_details"][0]["tin"] == "3023217600053"
    assert data["legal_acceptances"][0]["document"] == "terms" and data["legal_acceptances"][0]["how"] == "signup"


def test_nothing_of_the_law_is_left_out_for_someone_who_has_none_of_it(olga, requested):
    data, _archive, _raw = archive_of(requested(olga))

    assert data["identity"] == {"checks": [], "steps": [], "documents": []}
    assert data["billing"] == data["tax_details"] == data["legal_acceptances"] == []
