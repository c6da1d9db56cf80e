"""Reads of billing details: a person's own, never anyone else's (operators read them in the admin)."""

from django.utils.translation import gettext as _

from openhour.accounts.models import User
from openhour.lib.errors import NotFound
from openhour.money.vat import rules
from openhour.money.vat.models import BillingDetails
from openhour.money.vat.rules import VatTerms


def billing_details_for(*, person: User, viewer: User) -> BillingDetails | None:
    """`person`'s billing details (None when not given yet), for the person only: anyone else meets a 404."""
    if viewer.pk != person.pk:
        raise NotFound(_("No such billing details."))
    return rules.billing_details_of(person)


def vat_terms_preview(*, person: User, viewer: User) -> VatTerms:
    """The VAT rule the platform's fees would carry for `person` if invoiced now, as their own pages show it."""
    billing_details_for(person=person, viewer=viewer)
    return rules.vat_terms_for(person)
