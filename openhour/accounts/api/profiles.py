"""Accounts over HTTP: sign-up, verification, tokens, me, profile, photo, portfolio, people."""

from datetime import datetime
from typing import Annotated, Any, Literal

from allauth.account.utils import has_verified_email
from django.http import HttpRequest
from django_countries import countries
from ninja import File, Form, Query, Router, Schema, Status, UploadedFile
from pydantic import Field
from pydantic.json_schema import JsonDict

from openhour.accounts import selectors, services
from openhour.accounts.identity.selectors import identity_verified
from openhour.accounts.language.schemas import MeLanguageIn, language_out
from openhour.accounts.language.services import person_language_set
from openhour.accounts.languages import LANGUAGE_NAMES, language_name
from openhour.accounts.models import Availability, CompanySize, PortfolioItem, User
from openhour.api.auth import current_user
from openhour.api.pagination import PageQuery, paginate
from openhour.api.schemas import (
    Input,
    Money,
    MoneyOut,
    Page,
    Patch,
    QueryMinorUnits,
    SkillSlug,
    WholeNumber,
    amount_of_at_least,
    changes_of,
    money,
)
from openhour.catalog.api.taxonomy import SkillOut, skill_ref
from openhour.lib.errors import NotFound
from openhour.lib.process import CLIENT, FREELANCER
from openhour.reviews.integrity.access import access_record
from openhour.reviews.integrity.models import AccessRecord
from openhour.reviews.levels.selectors import public_level
from openhour.reviews.scoring import reputation_of

router = Router(tags=["accounts"])


# ---- output shapes -------------------------------------------------------------------------------


class MeOut(Schema):
    id: str
    username: str
    name: str
    email: str
    roles: list[Literal["client", "freelancer"]]
    email_verified: bool
    currency: str = Field(description="The person's preferred currency (ISO 4217)")
    language: str = Field(description="The language they read in (en, fr, de, …): their choice, else the site's")
    time_zone: str = Field(description="Their time zone (IANA name): their choice, else the site's")


class PortfolioItemOut(Schema):
    id: str
    title: str
    description: str
    link: str | None
    image: str | None = Field(description="Absolute URL of the image")
    position: int = Field(description="Lower comes first")


class CompanyOut(Schema):
    name: str
    size: str | None
    website: str | None


class ProfileOut(Schema):
    """What anyone may see of a person: never the e-mail address. The keys marked "freelancers only" or
    "clients only" are absent, not null, for people without that role."""

    username: str
    name: str
    roles: list[Literal["client", "freelancer"]]
    photo: str | None = Field(description="Absolute URL of the photo")
    headline: str
    bio: str
    languages: list[str] = Field(description="Language codes, as GET /languages lists them")
    country: str | None = Field(description="ISO 3166 alpha-2 code")
    # Sent as isoformat() gives it, microseconds and all: a datetime field would shorten it.
    member_since: str = Field(description="ISO 8601 date and time", json_schema_extra={"format": "date-time"})
    skills: list[SkillOut] | None = Field(None, description="Freelancers only")
    hourly_rate: MoneyOut | None = Field(None, description="Freelancers only; null when they have not set one")
    availability: str | None = Field(None, description="Freelancers only")
    company: CompanyOut | None = Field(None, description="Clients only")


class CompletenessOut(Schema):
    percent: int
    missing: list[str] = Field(description="What is still missing, as advice to the person")


class OwnProfileOut(ProfileOut):
    completeness: CompletenessOut


def _url(request: HttpRequest, field: Any) -> str | None:
    return request.build_absolute_uri(field.url) if field else None


def me_out(user: User) -> dict[str, Any]:
    return {
        "id": str(user.pk),
        "username": user.username,
        "name": user.name,
        "email": user.email,
        "roles": user.roles,
        "email_verified": has_verified_email(user),
        "currency": user.currency,
        **language_out(user),
    }


def portfolio_out(request: HttpRequest, item: PortfolioItem) -> dict[str, Any]:
    return {
        "id": str(item.pk),
        "title": item.title,
        "description": item.description,
        "link": item.link or None,
        "image": _url(request, item.image),
        "position": item.position,
    }


def profile_out(request: HttpRequest, user: User) -> dict[str, Any]:
    """What anyone may see of a person: never the e-mail address."""
    profile = user.profile
    out: dict[str, Any] = {
        "username": user.username,
        "name": user.name,
        "roles": user.roles,
        "photo": _url(request, profile.photo),
        "headline": profile.headline,
        "bio": profile.bio,
        "languages": profile.languages,
        "country": profile.country.code or None,  # type: ignore[attr-defined]
        "member_since": user.date_joined.isoformat(),
    }
    if user.is_freelancer:
        out |= {
            "skills": [skill_ref(s) for s in profile.skills.all()],
            "hourly_rate": money(profile.hourly_rate, profile.rate_currency),
            "availability": profile.availability,
        }
    if user.is_client:
        out["company"] = {
            "name": profile.company_name,
            "size": profile.company_size or None,
            "website": profile.website or None,
        }
    return out


# ---- accounts ------------------------------------------------------------------------------------


class SignupIn(Input):
    email: str = Field(min_length=3, max_length=254)
    password: str = Field(max_length=200)
    name: str = Field(min_length=1, max_length=120)
    role: Literal["client", "freelancer"]
    username: str | None = Field(
        None,
        min_length=3,
        max_length=150,
        description="The public page's address, /u/<username>; made from the name if left out",
    )
    accept_terms: bool | None = Field(
        None,
        description="Signing up accepts the current terms of service (/legal/terms) and acknowledges the privacy "
        "notice (/legal/privacy); `false` refuses them and creates no account (400, field `accept_terms`)",
    )


@router.post("/auth/signup", auth=None, response={201: MeOut})  # limited per address in the service
def signup(request: HttpRequest, payload: SignupIn) -> Status[dict[str, Any]]:
    """Creates the account and mails the verification link. Signing up through the API accepts the current version
    of the terms of service, recorded like a tick on the sign-up page (GET /me/terms shows it)."""
    user = services.user_signup(request=request, **payload.dict())
    access_record(request=request, user=user, kind=AccessRecord.Kind.SIGNUP)
    return Status(201, me_out(user))


class VerifyIn(Input):
    key: str = Field(min_length=1, max_length=200)


@router.post("/auth/verify-email", auth=None, response=MeOut)  # limited per address in the service
def verify_email(request: HttpRequest, payload: VerifyIn) -> dict[str, Any]:
    return me_out(services.email_verify(request=request, key=payload.key))


class TokenIn(Input):
    email: str = Field(min_length=3, max_length=254)
    password: str = Field(max_length=200)
    label: str = Field(min_length=1, max_length=80)
    code: str | None = Field(
        None, max_length=64, description="With two-factor sign-in on: an authenticator-app code or a recovery code"
    )


class TokenCreatedOut(Schema):
    id: str
    token: str = Field(description="The secret, shown only this once: send it as `Authorization: Bearer <token>`")
    label: str
    created_at: datetime


@router.post("/auth/tokens", auth=None, response={201: TokenCreatedOut})
def token_create(request: HttpRequest, payload: TokenIn) -> Status[dict[str, Any]]:
    token, secret = services.access_token_issue(request=request, **payload.dict())
    access_record(request=request, user=token.user, kind=AccessRecord.Kind.TOKEN, api_token_id=token.pk)
    return Status(201, {"id": str(token.pk), "token": secret, "label": token.label, "created_at": token.created_at})


class TokenOut(Schema):
    id: str
    label: str
    prefix: str = Field(description="The start of the secret, to tell tokens apart")
    created_at: datetime
    last_used_at: datetime | None


@router.get("/auth/tokens", response=Page[TokenOut])
def token_list(request: HttpRequest) -> dict[str, Any]:
    tokens = selectors.access_tokens(user=current_user(request))
    return {
        "items": [
            {
                "id": str(t.pk),
                "label": t.label,
                "prefix": t.prefix,
                "created_at": t.created_at,
                "last_used_at": t.last_used_at,
            }
            for t in tokens
        ],
        "next_cursor": None,
    }


@router.delete("/auth/tokens/{token_id}", response={204: None})
def token_revoke(request: HttpRequest, token_id: str) -> Status[None]:
    services.access_token_revoke(user=current_user(request), token_id=token_id)
    return Status(204, None)


@router.get("/me", response=MeOut)
def me(request: HttpRequest) -> dict[str, Any]:
    return me_out(current_user(request))


@router.patch("/me", response=MeOut)
def me_update(request: HttpRequest, payload: MeLanguageIn) -> dict[str, Any]:
    person = current_user(request)
    return me_out(person_language_set(person=person, by=person, **changes_of(payload)))


class RoleIn(Input):
    role: Literal["client", "freelancer"]


@router.post("/me/roles", response=MeOut)
def role_add(request: HttpRequest, payload: RoleIn) -> dict[str, Any]:
    return me_out(services.role_add(user=current_user(request), role=payload.role))


# ---- profile -------------------------------------------------------------------------------------


class HourlyRate(Money):
    amount: WholeNumber = amount_of_at_least(100)  # 1.00: the profile's own validation says so in its words


# Stated, not checked, here: the profile's own validation names the field in its words.
COUNTRY: JsonDict = {"enum": [None, "", *(case(code) for code, _name in countries for case in (str.upper, str.lower))]}


class ProfileIn(Patch):
    # `null` is taken as it always was: it empties a field (and leaves skills as they are), but for availability,
    # which always has a value.
    clearable = frozenset(
        {"headline", "bio", "skills", "hourly_rate", "country", "languages", "company_name", "company_size", "website"}
    )

    headline: str | None = Field(None, max_length=120)
    bio: str | None = Field(None, max_length=5000)
    skills: list[SkillSlug] | None = Field(None, max_length=50, json_schema_extra={"maxItems": services.MAX_SKILLS})
    hourly_rate: HourlyRate | None = None
    country: str | None = Field(
        None, max_length=2, description="ISO 3166 alpha-2 code, either case; empty clears it", json_schema_extra=COUNTRY
    )
    # The list stated, not checked, here: the service names the field in its own words.
    languages: list[Annotated[str, Field(json_schema_extra={"enum": list(LANGUAGE_NAMES)})]] | None = Field(
        None,
        max_length=20,
        description="ISO 639-1 codes, from GET /languages",
        json_schema_extra={"maxItems": services.MAX_LANGUAGES},
    )
    availability: Availability | None = None
    company_name: str | None = Field(None, max_length=120)
    company_size: CompanySize | None = None
    website: str | None = Field(None, max_length=200)


def own_profile_out(request: HttpRequest, user: User) -> dict[str, Any]:
    user = selectors.user_with_profile(user_id=user.pk)
    completeness = selectors.completeness_for(user=user)
    return profile_out(request, user) | {
        "completeness": {"percent": completeness.percent, "missing": completeness.missing}
    }


# exclude_unset: a key of a role the person lacks stays absent, as before, instead of turning null.
@router.get("/me/profile", response=OwnProfileOut, exclude_unset=True)
def profile_get(request: HttpRequest) -> dict[str, Any]:
    return own_profile_out(request, current_user(request))


@router.patch("/me/profile", response=OwnProfileOut, exclude_unset=True)
def profile_update(request: HttpRequest, payload: ProfileIn) -> dict[str, Any]:
    changes = changes_of(payload)
    if "hourly_rate" in changes:
        rate = changes.pop("hourly_rate")
        changes["hourly_rate"] = rate["amount"] if rate else None
        if rate:
            changes["rate_currency"] = rate["currency"]
    if "country" in changes:
        changes["country"] = (changes["country"] or "").upper()
    user = current_user(request)
    services.profile_update(user=user, **changes)
    return own_profile_out(request, user)


@router.post("/me/photo", response=OwnProfileOut, exclude_unset=True)
def photo_upload(request: HttpRequest, file: File[UploadedFile]) -> dict[str, Any]:
    user = current_user(request)
    services.profile_photo_set(user=user, upload=file)
    return own_profile_out(request, user)


@router.delete("/me/photo", response=OwnProfileOut, exclude_unset=True)
def photo_remove(request: HttpRequest) -> dict[str, Any]:
    user = current_user(request)
    services.profile_photo_remove(user=user)
    return own_profile_out(request, user)


# ---- portfolio -----------------------------------------------------------------------------------


@router.get("/me/portfolio", response=Page[PortfolioItemOut])
def portfolio_list(
    request: HttpRequest, cursor: str | None = None, limit: int = Query(50, ge=1, le=100)
) -> dict[str, Any]:
    items = current_user(request).portfolio.all()
    return paginate(items, cursor=cursor, limit=limit, serialize=lambda item: portfolio_out(request, item))


class PortfolioForm(Input):
    title: str = Field(min_length=1, max_length=120)
    description: str = Field("", max_length=2000)
    link: str = Field("", max_length=200)


@router.post("/me/portfolio", response={201: PortfolioItemOut})
def portfolio_create(
    request: HttpRequest, data: Form[PortfolioForm], image: File[UploadedFile]
) -> Status[dict[str, Any]]:
    item = services.portfolio_item_create(user=current_user(request), image=image, **data.dict())
    return Status(201, portfolio_out(request, item))


class PortfolioPatch(Input):
    title: str | None = Field(None, min_length=1, max_length=120)
    description: str | None = Field(None, max_length=2000)
    link: str | None = Field(None, max_length=200)
    position: WholeNumber | None = Field(None, ge=0, le=1000)


@router.patch("/me/portfolio/{item_id}", response=PortfolioItemOut)
def portfolio_update(request: HttpRequest, item_id: str, payload: PortfolioPatch) -> dict[str, Any]:
    changes = payload.dict(exclude_unset=True)
    item = services.portfolio_item_update(user=current_user(request), item_id=item_id, **changes)
    return portfolio_out(request, item)


@router.delete("/me/portfolio/{item_id}", response={204: None})
def portfolio_delete(request: HttpRequest, item_id: str) -> Status[None]:
    services.portfolio_item_delete(user=current_user(request), item_id=item_id)
    return Status(204, None)


# ---- people --------------------------------------------------------------------------------------


class ReputationSummaryOut(Schema):
    """The reputation of a person's main role; /users/{username}/reputation has all of it."""

    role: str = Field(description="The role the person was reviewed in: freelancer, else client")
    score: float | None = Field(description="Out of 5; null before the first review")
    reviews: int
    last_12_months: int = Field(description="Reviews published in the last 12 months")
    would_work_again_lower_bound: float | None = Field(
        description="Cautious (Wilson) lower bound of the share who would work with them again, 0 to 1"
    )
    effective_percent_positive: float | None = Field(
        description="Positive reviews as a percentage of all completed contracts, reviewed or not"
    )


class LevelOut(Schema):
    code: Literal["rising_talent", "top_rated", "top_rated_plus"]
    name: str = Field(description="As shown on the badge; how each level is earned: /trust/levels")


class PublicProfileOut(ProfileOut):
    portfolio: list[PortfolioItemOut]
    reputation: ReputationSummaryOut
    level: LevelOut | None = Field(description="The reputation level held, from the daily check; null for none")
    identity_verified: bool = Field(description="Whether the person's identity was checked (the “Verified ID” badge)")


@router.get("/users/{username}", auth=None, response=PublicProfileOut, exclude_unset=True)
def user_detail(request: HttpRequest, username: str) -> dict[str, Any]:
    person = selectors.public_profile(username=username)
    if person is None:
        raise NotFound("No such person.")
    portfolio = [portfolio_out(request, item) for item in person.portfolio.all()]
    reputation = reputation_out(person)
    return profile_out(request, person) | {
        "portfolio": portfolio,
        "reputation": reputation,
        "level": public_level(person),
        "identity_verified": identity_verified(person),
    }


def reputation_out(person: User) -> dict[str, Any]:
    """The summary of the person's main role (freelancer, else client); /users/{username}/reputation has it all."""
    role = FREELANCER if person.is_freelancer else CLIENT
    if not getattr(person, f"has_{role}_reviews", True):  # known from the profile query: nothing to compute
        return {
            "role": role,
            "score": None,
            "reviews": 0,
            "last_12_months": 0,
            "would_work_again_lower_bound": None,
            "effective_percent_positive": None,
        }
    summary = reputation_of(user=person, role=role)
    return {
        "role": role,
        "score": summary.score,
        "reviews": summary.reviews,
        "last_12_months": summary.last_12_months,
        "would_work_again_lower_bound": summary.would_again_lower_bound,
        "effective_percent_positive": summary.effective_percent_positive,
    }


class FreelancerFilters(PageQuery):
    q: str = Field("", max_length=200)
    skill: str = Field("", max_length=80)
    category: str = Field("", max_length=80)
    country: str = Field("", max_length=2)
    max_rate: QueryMinorUnits | None = Field(None, ge=0, le=10**9, description="Minor units, in `currency`")
    currency: Literal["GBP", "EUR", "USD"] = "GBP"
    min_rating: float | None = Field(None, ge=1, le=5, description="Only people with at least this score")
    sort: Literal["relevance", "rating", "rate", "-rate", "newest"] = "relevance"


class StoredReputationOut(Schema):
    score: float | None = Field(description="The stored freelancer score search ranks by, out of 5")
    reviews: int


class FreelancerResultOut(ProfileOut):
    reputation: StoredReputationOut


@router.get("/freelancers", auth=None, response=Page[FreelancerResultOut], exclude_unset=True)
def freelancer_search(request: HttpRequest, filters: Query[FreelancerFilters]) -> dict[str, Any]:
    args = filters.dict()
    cursor, limit = args.pop("cursor"), args.pop("limit")
    people = selectors.freelancer_search(**args)
    return paginate(people, cursor=cursor, limit=limit, serialize=lambda person: search_result_out(request, person))


def search_result_out(request: HttpRequest, person: User) -> dict[str, Any]:
    """A profile with the stored freelancer score that search ranks by."""
    score = getattr(person, "reputation_score", None)
    stored = {"score": float(score) if score is not None else None, "reviews": getattr(person, "reputation_reviews", 0)}
    return profile_out(request, person) | {"reputation": stored}


class LanguageOut(Schema):
    code: str = Field(description="ISO 639 code")
    name: str = Field(description="The English name")
    label: str = Field(description="The name in the reader's language")


@router.get("/languages", auth=None, response=Page[LanguageOut])
def languages(request: HttpRequest) -> dict[str, Any]:
    items = [{"code": code, "name": name, "label": language_name(code)} for code, name in LANGUAGE_NAMES.items()]
    return {"items": items, "next_cursor": None}
