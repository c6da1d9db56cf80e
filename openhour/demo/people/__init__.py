"""The demo marketplace: freelancers, clients and an operator who all sign in with one password,
the projects the clients have posted (`openhour.demo.jobs`), the proposals freelancers sent for them
(`openhour.demo.proposals`) and the Hourlies freelancers sell (`openhour.demo.catalog`).

`seed_demo()` only fills in what is missing, so it can run before every start: a second run finds
nothing to do, and what people change while trying the demo (a bio, a portfolio) is left alone.
Only the password is put back, because the printed logins must always work.
"""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from functools import partial

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from openhour.accounts.models import Profile, User
from openhour.accounts.services import (
    portfolio_item_create,
    portfolio_item_delete,
    profile_photo_set,
    profile_update,
)
from openhour.demo.people.artwork import sample_picture
from openhour.demo.people.freelancers import FREELANCERS
from openhour.demo.people.identity import identity_demo_verify
from openhour.demo.people.images import as_upload
from openhour.demo.people.people import CLIENTS, EMAIL_DOMAIN, OPERATOR, Client, Freelancer, email_for
from openhour.demo.people.portraits import monogram, portrait
from openhour.demo.people.second_factor import demo_authenticator_set
from openhour.reviews.integrity.models import AccessRecord

DEMO_PASSWORD = "openhour-demo"  # noqa: S105 - printed for everyone; demo accounts only
# A fixed salt gives the same hash on every run, so an unchanged password is never rewritten. The password
# is public anyway; 22+ letters keep Django from rehashing it at every sign-in.
DEMO_SALT = "openhourdemoaccountsalt"


@dataclass(frozen=True)
class Login:
    role: str
    email: str
    username: str
    language: str = ""  # the language they chose, shown beside their login


@dataclass
class SeedResult:
    logins: list[Login] = field(default_factory=list)
    created: int = 0  # accounts created by this run
    pictures: int = 0  # photos and portfolio images drawn by this run
    projects: int = 0  # demo projects present after this run
    new_projects: int = 0  # demo projects posted by this run
    proposals: int = 0  # demo proposals present after this run
    new_proposals: int = 0  # demo proposals sent by this run
    hourlies: int = 0  # demo services present after this run
    new_hourlies: int = 0  # demo services published by this run
    skipped: list[str] = field(default_factory=list)  # demo usernames taken by someone else's account


class NotADemoAccount(Exception):
    """The username belongs to an account that is not (or no longer) a demo account: leave it alone."""


def seed_demo(*, password: str = DEMO_PASSWORD) -> SeedResult:
    result = SeedResult()
    encoded = make_password(password, salt=DEMO_SALT)  # once: Argon2 is slow on purpose
    _attempt(result, OPERATOR.username, partial(_seed_operator, encoded, result))
    for freelancer in FREELANCERS:
        _attempt(result, freelancer.username, partial(_seed_freelancer, freelancer, encoded, result))
    for client in CLIENTS:
        _attempt(result, client.username, partial(_seed_client, client, encoded, result))
    from openhour.demo.jobs import seed_projects  # here, not at the top: it imports the people from this package

    projects = seed_projects()
    result.projects, result.new_projects = projects.present, projects.created
    from openhour.demo.proposals import seed_proposals

    proposals = seed_proposals()
    result.proposals, result.new_proposals = proposals.present, proposals.created
    from openhour.demo.catalog import seed_hourlies

    hourlies = seed_hourlies()
    result.hourlies, result.new_hourlies = hourlies.present, hourlies.created
    return result


def _attempt(result: SeedResult, username: str, seed: Callable[[], Login]) -> None:
    try:
        result.logins.append(seed())
    except NotADemoAccount:
        result.skipped.append(username)


@transaction.atomic
def _seed_operator(encoded: str, result: SeedResult) -> Login:
    user, _created = _account(OPERATOR.username, OPERATOR.name, encoded, result, is_staff=True, is_superuser=True)
    demo_authenticator_set(user=user)  # operators need a second factor; its secret is published with the logins
    return Login("operator", user.email, user.username)


@transaction.atomic
def _seed_freelancer(person: Freelancer, encoded: str, result: SeedResult) -> Login:
    hires = person.hires_as
    user, created = _account(
        person.username,
        person.name,
        encoded,
        result,
        is_freelancer=True,
        is_client=hires is not None,
        currency=person.currency,
        language=person.language,
        time_zone=person.time_zone,
    )
    if created:
        company = {"company_name": hires.name, "company_size": hires.size, "website": hires.website} if hires else {}
        profile_update(
            user=user,
            skills=list(person.skills),
            headline=person.headline,
            bio=person.bio,
            hourly_rate=person.rate,
            rate_currency=person.currency,
            country=person.country,
            languages=list(person.languages),
            availability=person.availability,
            **company,
        )
    result.pictures += _ensure_photo(user, lambda: portrait(person.username))
    result.pictures += _ensure_portfolio(user, person)
    identity_demo_verify(user=user)
    return Login("client + freelancer" if hires else "freelancer", user.email, user.username, user.language)


@transaction.atomic
def _seed_client(person: Client, encoded: str, result: SeedResult) -> Login:
    user, created = _account(
        person.username,
        person.name,
        encoded,
        result,
        is_client=True,
        currency=person.currency,
        language=person.language,
        time_zone=person.time_zone,
    )
    company = person.company
    if created:
        profile_update(
            user=user,
            company_name=company.name,
            company_size=company.size,
            website=company.website,
            country=person.country,
            bio=person.bio,
            languages=list(person.languages),
        )
    result.pictures += _ensure_photo(user, lambda: monogram(person.username, _initials(company.name)))
    return Login("client", user.email, user.username, user.language)


def _account(username: str, name: str, encoded: str, result: SeedResult, **fields: object) -> tuple[User, bool]:
    """The demo account for `username`, created when missing; returns (user, created)."""
    user = User.objects.filter(username=username).first()
    if user is not None and not user.email.lower().endswith("@" + EMAIL_DOMAIN):
        raise NotADemoAccount(username)
    created = user is None
    if user is None:
        # The hash is assigned rather than set_password(), which would hash it again for every account.
        user = User(username=username, email=email_for(username), name=name, password=encoded, **fields)
        user.save()  # User.save creates the profile
        _age(user)
        result.created += 1
    elif user.password != encoded:
        user.password = encoded
        user.save(update_fields=["password"])
    _verify_email(user)
    return user, created


OLDEST_WORK_DAYS = 320  # the demo's oldest past work (openhour.demo.reviews) started this long ago


def demo_home(username: str) -> tuple[str, str]:
    """An address of one's own (in a documentation range, RFC 3849: never a real one) and a browser id."""
    digest = hashlib.sha256(f"demo-home:{username}".encode()).hexdigest()
    return f"2001:db8:{digest[:4]}:{digest[4:8]}::1", digest[8:40]


def _age(user: User) -> None:
    """A demo account joined long before its first piece of work, and signed up and in from its own home,
    as a long-standing member would have: the checks for young accounts must not see it as new."""
    digest = hashlib.sha256(f"demo-joined:{user.username}".encode()).digest()
    joined = timezone.now() - timedelta(days=OLDEST_WORK_DAYS + 60 + digest[0], hours=digest[1] % 24)
    User.objects.filter(pk=user.pk).update(date_joined=joined)
    user.date_joined = joined
    ip, device = demo_home(user.username)
    for kind, when in (("signup", joined), ("login", joined + timedelta(minutes=5 + digest[2]))):
        record = AccessRecord.objects.create(user=user, kind=kind, ip=ip, device=device)
        AccessRecord.objects.filter(pk=record.pk).update(created_at=when)


def _verify_email(user: User) -> None:
    address, _created = EmailAddress.objects.get_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    if not address.verified:
        address.verified = True
        address.save(update_fields=["verified"])


def _ensure_photo(user: User, draw: Callable[[], bytes]) -> int:
    """Draw a photo only when there is none (or its file is gone); returns how many were drawn."""
    photo = Profile.objects.get(user=user).photo
    if photo.name and photo.storage.exists(photo.name):
        return 0
    profile_photo_set(user=user, upload=as_upload(f"{user.username}.jpg", draw()))
    return 1


def _ensure_portfolio(user: User, person: Freelancer) -> int:
    """Fill an empty portfolio. Items whose image file is gone are dropped first: after media is wiped,
    the whole portfolio comes back instead of showing broken pictures."""
    for item in user.portfolio.all():
        if not (item.image.name and item.image.storage.exists(item.image.name)):
            portfolio_item_delete(user=user, item_id=item.pk)
    if user.portfolio.exists():
        return 0
    for sample in person.portfolio:
        image = sample_picture(sample.style, f"{person.username}:{sample.title}", sample.title)
        portfolio_item_create(
            user=user,
            title=sample.title,
            description=sample.description,
            link=sample.link,
            image=as_upload(f"{sample.style}.jpg", image),
        )
    return len(person.portfolio)


def _initials(company: str) -> str:
    words = [word for word in company.replace("&", " ").split() if word[0].isalpha()]
    return "".join(word[0].upper() for word in words[:2])
