"""Who the person is on the site: account, profile, roles, language, e-mail addresses, second factor, portfolio."""

from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator

from openhour.accounts.models import PortfolioItem, Profile, User

from .base import ArchiveFile, file_of, path_or_none, present, rows

KEY = "account"
MODELS = ("accounts.Profile", "accounts.PortfolioItem", "account.EmailAddress", "mfa.Authenticator")


def section(user: User) -> dict[str, Any]:
    profile = Profile.objects.get(user=user)
    return {
        "username": user.username,
        "name": user.name,
        "email": user.email,
        "roles": user.roles,
        "currency": user.currency,
        "language": user.language,
        "time_zone": user.time_zone,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
        "is_operator": user.is_staff,
        "email_addresses": rows(EmailAddress.objects.filter(user=user), "email", "verified", "primary"),
        # Which second factors are set up, never their secrets or recovery codes.
        "second_factors": rows(Authenticator.objects.filter(user=user), "type", "created_at", "last_used_at"),
        "profile": _profile(profile),
        "portfolio": [_item(item) for item in PortfolioItem.objects.filter(owner=user).order_by("position", "pk")],
    }


def _profile(profile: Profile) -> dict[str, Any]:
    fields = ["headline", "bio", "country", "languages", "hourly_rate", "rate_currency", "availability"]
    fields += ["company_name", "company_size", "website", "updated_at", "freelancer_score", "freelancer_reviews"]
    found = {name: getattr(profile, name) for name in fields}
    found["skills"] = sorted(profile.skills.values_list("name", flat=True))
    found["photo"] = path_or_none("profile", profile, profile.photo)
    return found


def _item(item: PortfolioItem) -> dict[str, Any]:
    return {
        "title": item.title,
        "description": item.description,
        "link": item.link,
        "created_at": item.created_at,
        "image": path_or_none("portfolio", item, item.image),
    }


def files(user: User) -> list[ArchiveFile]:
    profile = Profile.objects.get(user=user)
    items = PortfolioItem.objects.filter(owner=user)
    return present([file_of("profile", profile, profile.photo), *(file_of("portfolio", i, i.image) for i in items)])
