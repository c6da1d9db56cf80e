"""The personal data a closed account leaves behind, erased or anonymised.

Kept, because other people's records point at them: the ledger and invoices (accounting law; see retention.py),
contracts and their history, published reviews written and received, and the messages in other people's
conversations — all now shown as by "a former member". Review-integrity access evidence is not deleted here: it
goes with everyone's, after INTEGRITY_ACCESS_RETENTION_DAYS (reviews/integrity/access.py), as it exists to catch
manipulation, which a closing must not wipe early."""

import secrets
import uuid

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django.db import transaction
from django.db.models.fields.files import FieldFile
from django.utils import timezone

from openhour.accounts.identity.models import IdentityFile
from openhour.accounts.models import AccessToken, Availability, PortfolioItem, Profile, User
from openhour.accounts.privacy.models import Export
from openhour.messaging.models import Block, Notification, NotificationPreference, Responsiveness, Upload
from openhour.money.models import PayoutMethod
from openhour.money.vat.models import BillingDetails
from openhour.reviews.integrity.models import Testimonial
from openhour.search import documents
from openhour.search.saved.models import SavedSearch
from openhour.webhooks.models import Endpoint

FORMER_NAME = "Former member"  # stored in place of the name; pages that know the account is closed say it in words
ADDRESS_DOMAIN = "closed.invalid"  # .invalid never delivers (RFC 2606): no mail reaches anyone any more


def personal_data_erase(*, user: User) -> None:
    """Everything that names or reaches the person goes; `user` keeps its row, anonymised and unable to sign in."""
    _sign_in_end(user)
    _reach_end(user)
    _profile_erase(user)
    _files_erase(user)
    BillingDetails.objects.filter(person=user).delete()  # each invoice keeps the details it was issued with
    PayoutMethod.objects.filter(owner=user, payouts__isnull=True).delete()
    # Methods payouts went to stay (removed) with those payouts until the records' retention ends.
    PayoutMethod.objects.filter(owner=user, removed_at__isnull=True).update(removed_at=timezone.now())
    _person_anonymise(user)


def _sign_in_end(user: User) -> None:
    """Tokens stop working, every session ends, the second factor and the e-mail addresses go."""
    AccessToken.objects.filter(user=user).delete()
    for session in UserSession.objects.filter(user=user):
        session.end()
    Authenticator.objects.filter(user=user).delete()
    EmailAddress.objects.filter(user=user).delete()


def _reach_end(user: User) -> None:
    """Webhooks, search alerts and notifications stop; blocks and reports they made stay with moderation."""
    Endpoint.objects.filter(owner=user).delete()  # their pending deliveries go with them
    SavedSearch.objects.filter(owner=user).delete()
    Notification.objects.filter(user=user).delete()
    NotificationPreference.objects.filter(user=user).delete()
    Block.objects.filter(blocker=user).delete()
    Responsiveness.objects.filter(user=user).delete()


def _profile_erase(user: User) -> None:
    profile = Profile.objects.select_for_update().get(user=user)
    if profile.photo:
        _delete_on_commit(profile.photo)
    for name in ("photo", "headline", "bio", "country", "company_name", "company_size", "website"):
        setattr(profile, name, "")
    profile.languages, profile.hourly_rate, profile.availability = [], None, Availability.UNAVAILABLE
    profile.save()
    profile.skills.clear()
    for item in PortfolioItem.objects.filter(owner=user):
        _delete_on_commit(item.image)
    PortfolioItem.objects.filter(owner=user).delete()
    Testimonial.objects.filter(freelancer=user).delete()  # other people's words and addresses, shown on the profile
    documents.forget("person", [user.pk])  # no longer found by name or skill


def _files_erase(user: User) -> None:
    """Uploads never attached to anything, the data archives they asked for, and their identity documents and
    selfies (no check of a closed account is decided any more; its status row stays)."""
    for document in IdentityFile.objects.filter(identity_check__user=user):
        _delete_on_commit(document.file)
    IdentityFile.objects.filter(identity_check__user=user).delete()
    for upload in Upload.objects.filter(owner=user):
        _delete_on_commit(upload.file)
    Upload.objects.filter(owner=user).delete()
    for export in Export.objects.filter(user=user).exclude(file=""):
        _delete_on_commit(export.file)
    Export.objects.filter(user=user).delete()


def _person_anonymise(user: User) -> None:
    user.username = f"former-{secrets.token_hex(6)}"
    user.email = f"closed-{uuid.uuid4().hex}@{ADDRESS_DOMAIN}"
    user.name = FORMER_NAME
    user.set_unusable_password()
    user.is_active = False
    user.closed_at = timezone.now()
    user.save(update_fields=["username", "email", "name", "password", "is_active", "closed_at"])


def _delete_on_commit(file: FieldFile) -> None:
    """Files go once the rows no longer point at them: a closing that rolls back keeps them."""
    storage, name = file.storage, file.name
    if name:
        transaction.on_commit(lambda: storage.delete(name))
