"""Writes for accounts: sign-up, verification, roles, profiles, portfolio and access tokens."""

import hashlib
import secrets
from typing import Any

from allauth.account.adapter import get_adapter
from allauth.account.models import EmailAddress, get_emailconfirmation_model
from allauth.account.utils import has_verified_email
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from openhour.accounts.languages import LANGUAGE_NAMES
from openhour.accounts.limits import email_verify_limit_hit, signup_limit_hit
from openhour.accounts.models import AccessToken, PortfolioItem, Profile, Role, User
from openhour.accounts.signup import SignupForm
from openhour.catalog.selectors.taxonomy import skills_from_slugs
from openhour.lib.errors import EmailUnverified, InvalidInput, NotAllowed, NotFound, RateLimited, field_errors
from openhour.lib.ids import pk_or_404
from openhour.lib.images import clean_image
from openhour.search import documents

MAX_SKILLS = 15
MAX_LANGUAGES = 10
MAX_PORTFOLIO_ITEMS = 30
PHOTO_MAX_SIDE = 800
PORTFOLIO_MAX_SIDE = 1600
CLEARED: dict[str, Any] = {"hourly_rate": None, "languages": []}  # what `None` means per field; text fields become ""
PROFILE_FIELDS = {
    "headline",
    "bio",
    "country",
    "languages",
    "hourly_rate",
    "rate_currency",
    "availability",
    "company_name",
    "company_size",
    "website",
}


def user_signup(
    *,
    request: HttpRequest,
    email: str,
    password: str,
    name: str,
    role: str,
    username: str | None = None,
    accept_terms: bool | None = None,
) -> User:
    """Create an account through the same form the sign-up page uses, then mail the link. Without a username,
    one is made from the name. Signing up accepts the current terms unless `accept_terms` is an explicit False."""
    signup_limit_hit(request=request)  # every attempt counts, per client address, as on the page
    data = {"email": email, "password1": password, "name": name, "role": role, "username": username or ""}
    data["accept_terms"] = "" if accept_terms is False else "on"
    form = SignupForm(data=data, accepted_through="api")
    if not form.is_valid():
        raise InvalidInput(_("Please correct the highlighted fields."), fields=_signup_fields(form.errors))
    try:
        with transaction.atomic():
            user = form.save(request)
    except IntegrityError:  # a parallel sign-up took the address between validation and insert
        raise InvalidInput(
            _("A user is already registered with this e-mail address."),
            fields={"email": [_("A user is already registered with this e-mail address.")]},
        ) from None
    address = EmailAddress.objects.get_primary(user)
    if address is not None:
        address.send_confirmation(request, signup=True)
    return user


def _signup_fields(errors: Any) -> dict[str, list[str]]:
    fields = field_errors(errors)
    if "password1" in fields:
        fields["password"] = fields.pop("password1")
    return fields


def email_verify(*, request: HttpRequest, key: str) -> User:
    email_verify_limit_hit(request=request)  # keys cannot be guessed at speed from one address
    confirmation = get_emailconfirmation_model().from_key(key)
    address = confirmation.confirm(request) if confirmation else None
    if address is None:
        raise InvalidInput(
            _("This verification link is invalid or has expired. Ask for a new one from your account page."),
            fields={"key": [_("Invalid or expired key.")]},
        )
    return address.user


def require_verified_email(user: User) -> None:
    """Guard for posting, proposing, messaging and paying: only people with a verified e-mail may."""
    if not has_verified_email(user):
        raise EmailUnverified()


def role_add(*, user: User, role: str) -> User:
    if role not in Role.values:
        raise InvalidInput(_("Choose client or freelancer."), fields={"role": [_("Unknown role.")]})
    with transaction.atomic():
        setattr(user, f"is_{role}", True)
        user.save(update_fields=[f"is_{role}"])
        documents.refresh(user)  # a new freelancer is found by name even if the account came without a document
    return user


@transaction.atomic
def profile_update(*, user: User, skills: list[str] | None = None, **changes: Any) -> Profile:
    """Change the given profile fields (all others stay); `skills` is a list of skill slugs."""
    unknown = set(changes) - PROFILE_FIELDS
    if unknown:
        raise TypeError(f"not profile fields: {sorted(unknown)}")
    profile = Profile.objects.select_for_update().get(user=user)
    for name, value in changes.items():
        setattr(profile, name, CLEARED.get(name, "") if value is None else value)
    errors = _profile_errors(profile)
    chosen = skills_from_slugs(skills, errors, limit=MAX_SKILLS) if skills is not None else None
    if errors:
        raise InvalidInput(_("Please correct the highlighted fields."), fields=errors)
    profile.save()
    if chosen is not None:
        profile.skills.set(chosen)
    documents.refresh(profile)
    return profile


def _profile_errors(profile: Profile) -> dict[str, list[str]]:
    try:
        profile.full_clean(exclude=["user", "photo"])
        errors: dict[str, list[str]] = {}
    except ValidationError as error:
        errors = field_errors(error.message_dict)
        errors.pop("__all__", None)
    if profile.hourly_rate is not None and profile.hourly_rate < 100:
        errors["hourly_rate"] = [_("An hourly rate must be at least 1.00.")]
    languages = profile.languages
    if not isinstance(languages, list) or any(code not in LANGUAGE_NAMES for code in languages):
        errors["languages"] = [_("Choose languages from the list.")]
    elif len(languages) > MAX_LANGUAGES:
        errors["languages"] = [_("Choose at most %(n)d languages.") % {"n": MAX_LANGUAGES}]
    else:
        profile.languages = list(dict.fromkeys(languages))
    return errors


def profile_photo_set(*, user: User, upload: UploadedFile) -> Profile:
    image = clean_image(upload, field="file", max_side=PHOTO_MAX_SIDE)
    with transaction.atomic():
        profile = Profile.objects.select_for_update().get(user=user)  # one replacement at a time
        old = profile.photo.name
        profile.photo.save(str(image.name), image, save=False)
        profile.save(update_fields=["photo", "updated_at"])
        if old:
            _delete_file_on_commit(profile.photo.storage, old)
    return profile


def _delete_file_on_commit(storage: Any, name: str) -> None:
    """Remove a replaced file only once the row no longer points at it."""
    transaction.on_commit(lambda: storage.delete(name))


def profile_photo_remove(*, user: User) -> Profile:
    profile = Profile.objects.get(user=user)
    if profile.photo:
        profile.photo.delete(save=False)
        profile.save(update_fields=["photo", "updated_at"])
    return profile


def _require_freelancer(user: User) -> None:
    if not user.is_freelancer:
        raise NotAllowed(_("Only freelancers keep a portfolio: add the freelancer role first."))


def portfolio_item_create(
    *, user: User, title: str, description: str = "", link: str = "", image: UploadedFile | None
) -> PortfolioItem:
    _require_freelancer(user)
    _require_portfolio_room(user)  # refuse before the image work; checked again under the lock
    if image is None:
        raise InvalidInput(_("Add an image of the work."), fields={"image": [_("This field is required.")]})
    item = PortfolioItem(owner=user, title=title.strip(), description=description.strip(), link=link.strip())
    _validate(item, exclude=["image", "owner", "position"])
    cleaned = clean_image(image, field="image", max_side=PORTFOLIO_MAX_SIDE)
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=user.pk).first()  # serialise additions per owner
        item.position = _require_portfolio_room(user)
        item.image.save(str(cleaned.name), cleaned, save=False)
        item.save()
    return item


def _require_portfolio_room(user: User) -> int:
    """Return the number of items, refusing when the portfolio is full."""
    count = user.portfolio.count()
    if count >= MAX_PORTFOLIO_ITEMS:
        raise InvalidInput(_("A portfolio holds at most %(n)d items.") % {"n": MAX_PORTFOLIO_ITEMS})
    return count


def _own_item(user: User, item_id: int | str) -> PortfolioItem:
    """Someone else's item answers exactly like a missing one, so ids reveal nothing."""
    item = PortfolioItem.objects.filter(owner=user, pk=pk_or_404(item_id, _("No such portfolio item."))).first()
    if item is None:
        raise NotFound(_("No such portfolio item."))
    return item


def portfolio_item_update(
    *,
    user: User,
    item_id: int | str,
    title: str | None = None,
    description: str | None = None,
    link: str | None = None,
    position: int | None = None,
) -> PortfolioItem:
    item = _own_item(user, item_id)
    for name, value in (("title", title), ("description", description), ("link", link)):
        if value is not None:
            setattr(item, name, value.strip())
    _validate(item, exclude=["image", "owner", "position"])
    item.save(update_fields=["title", "description", "link"])
    if position is not None:
        portfolio_item_move(user=user, item_id=item.pk, position=position)
        item.refresh_from_db()
    return item


@transaction.atomic
def portfolio_item_move(*, user: User, item_id: int | str, position: int) -> list[PortfolioItem]:
    """Put an item at `position` (0 = first) and renumber the rest so positions stay 0..n-1."""
    item = _own_item(user, item_id)
    items = [other for other in user.portfolio.select_for_update() if other.pk != item.pk]
    items.insert(max(0, min(position, len(items))), item)
    for index, each in enumerate(items):
        if each.position != index:
            each.position = index
            each.save(update_fields=["position"])
    return items


@transaction.atomic
def portfolio_item_delete(*, user: User, item_id: int | str) -> None:
    item = _own_item(user, item_id)
    _delete_file_on_commit(item.image.storage, str(item.image.name))
    item.delete()
    for index, each in enumerate(user.portfolio.select_for_update()):
        if each.position != index:
            each.position = index
            each.save(update_fields=["position"])


def _validate(instance: Any, *, exclude: list[str]) -> None:
    try:
        instance.full_clean(exclude=exclude)
    except ValidationError as error:
        raise InvalidInput(
            _("Please correct the highlighted fields."), fields=field_errors(error.message_dict)
        ) from None


def access_token_create(*, user: User, label: str) -> tuple[AccessToken, str]:
    """Return the token row and the secret, which is shown this once and never stored."""
    label = label.strip()
    if not label or len(label) > 80:
        raise InvalidInput(_("Give the token a name of up to 80 characters."), fields={"label": [_("Enter a label.")]})
    secret = "oh_" + secrets.token_urlsafe(32)
    token = AccessToken.objects.create(user=user, label=label, digest=token_digest(secret), prefix=secret[:10])
    return token, secret


def access_token_issue(
    *, request: HttpRequest, email: str, password: str, label: str, code: str | None = None
) -> tuple[AccessToken, str]:
    """Exchange an e-mail and password (and, with two-factor sign-in on, a `code`) for a token, under the same
    rate limits as the sign-in page."""
    try:
        user = get_adapter(request).authenticate(request, email=email.strip(), password=password)
    except ValidationError:
        raise RateLimited() from None
    if user is None or not user.is_active:
        raise InvalidInput(
            _("The e-mail address and/or password you specified are not correct."),
            fields={"password": [_("Wrong e-mail or password.")]},
        )
    from openhour.accounts.mfa import token_second_factor_check

    token_second_factor_check(request=request, user=user, code=code)
    return access_token_create(user=user, label=label)


def token_digest(secret: str) -> str:
    # The secret has 256 bits of entropy, so a fast hash is as safe as a slow one here.
    return hashlib.sha256(secret.encode()).hexdigest()


def access_token_revoke(*, user: User, token_id: int | str) -> None:
    deleted, _rows = AccessToken.objects.filter(user=user, pk=pk_or_404(token_id, _("No such token."))).delete()
    if not deleted:
        raise NotFound(_("No such token."))


def access_token_touch(*, token: AccessToken) -> None:
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 300:
        AccessToken.objects.filter(pk=token.pk).update(last_used_at=now)
