"""Playing people through the marketplace's own doors, for the red-team and honest generators.

A `World` is one seeded run: every random choice comes from its `random.Random(seed)`, every username carries
the seed (`s11-…`), so runs with different seeds can share a database without touching each other's people.
An `Actor` comes in by one of three doors, and does everything afterwards through it:

- "api": signs up with POST /api/v1/auth/signup, verifies the mailed key with POST /auth/verify-email, takes
  a token from POST /auth/tokens and then deposits, offers, accepts, delivers, pays, writes and reviews
  through the API with Django's test client, from its own address, browser and user agent;
- "page": signs up on the sign-up page, confirms the address on the confirmation page and signs in on the
  sign-in page (each recorded as the pages record it), then acts through the services the pages call;
- "service": an account made as the demo makes its own, acting through the services directly.

Only what the sandbox cannot produce is written past the services: join dates and the dates of finished work
moved back into the past (`move_back`), and, until the sandbox takes `tok_visa_<suffix>` cards, the fingerprint
of the card a deposit was really made with.
"""

import hashlib
import random
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import F
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from openhour.accounts.models import User
from openhour.contracts.models import Contract, ContractEvent, MilestoneEvent
from openhour.contracts.services import contracts as contract_services
from openhour.contracts.services import delivery, offers
from openhour.demo.people import DEMO_PASSWORD, DEMO_SALT
from openhour.demo.reviews import review_body
from openhour.lib.errors import DomainError
from openhour.lib.process import CLIENT, FREELANCER
from openhour.messaging.conversations.services import message_send
from openhour.messaging.models import Conversation
from openhour.money.models import Payment
from openhour.money.services.payments import card_fingerprint, deposit_start
from openhour.reviews import labels as review_labels
from openhour.reviews.integrity.models import AccessRecord
from openhour.reviews.models import Review, ReviewEvent, ReviewRound
from openhour.reviews.scoring import reputation_refresh
from openhour.reviews.services.reviews import review_submit

DOORS = ("api", "page", "service")
SANDBOX_CARD = "tok_visa"
CURRENCY = "GBP"
HOST = "localhost"  # in ALLOWED_HOSTS by default
AGENTS = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605",
    "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
    "python-httpx/0.27.0",
    "curl/8.5.0",
)
FIRST = [
    "Ada",
    "Alba",
    "Amir",
    "Anna",
    "Aoife",
    "Ben",
    "Bruno",
    "Carla",
    "Chen",
    "Chloe",
    "Dara",
    "Dev",
    "Elif",
    "Ella",
    "Emil",
    "Eva",
    "Farah",
    "Felix",
    "Gia",
    "Hugo",
    "Ida",
    "Ines",
    "Ivan",
    "Jade",
    "Joel",
    "Kai",
    "Kemi",
    "Lars",
    "Lea",
    "Leon",
    "Lina",
    "Luca",
    "Maja",
    "Malik",
    "Mara",
    "Nadia",
    "Nico",
    "Noor",
    "Omar",
    "Oscar",
    "Pia",
    "Quinn",
    "Ravi",
    "Rosa",
    "Sami",
    "Sara",
    "Theo",
    "Tia",
    "Uma",
    "Vera",
    "Yusuf",
    "Zoe",
    "Zain",
    "Jules",
    "Manon",
    "Camille",
    "Luc",
    "Elodie",
    "Thibault",
    "Margaux",
]
LAST = [
    "Abbott",
    "Achebe",
    "Ahmed",
    "Baker",
    "Berger",
    "Bianchi",
    "Blanc",
    "Brennan",
    "Carter",
    "Costa",
    "Dubois",
    "Duarte",
    "Evans",
    "Fischer",
    "Fontaine",
    "Garcia",
    "Girard",
    "Haas",
    "Hale",
    "Ito",
    "Jensen",
    "Kaur",
    "Keller",
    "Khan",
    "Kowalczyk",
    "Laurent",
    "Lemaire",
    "Lopez",
    "Marsh",
    "Martin",
    "Meyer",
    "Moreau",
    "Murphy",
    "Nakamura",
    "Novak",
    "Okafor",
    "Olsen",
    "Patel",
    "Perrin",
    "Quinn",
    "Reid",
    "Rossi",
    "Roux",
    "Sato",
    "Schmidt",
    "Silva",
    "Stone",
    "Tanaka",
    "Vidal",
    "Walsh",
    "Weber",
    "Young",
    "Zhou",
    "Fournier",
    "Lefebvre",
    "Mercier",
]
OPEN_MAIL = ("example.com", "example.org", "example.net")  # nobody's real address, and shared by everyone


@dataclass
class Actor:
    user: User
    door: str
    ip: str
    device: str
    agent: str
    card: str  # the card token this person pays with
    browser: Client | None = None
    token: str = ""

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


@dataclass
class World:
    seed: int
    tag: str = ""  # told apart from another run of the same seed in one database (same draws, other addresses)
    rng: random.Random = field(init=False)
    made: int = 0
    names: set[str] = field(default_factory=set)
    used: dict[str, list[Any]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)  # noqa: S311 - reproducible play, not secrets

    # ---- people ------------------------------------------------------------------------------------------

    def name(self) -> str:
        while True:
            name = f"{self.rng.choice(FIRST)} {self.rng.choice(LAST)}"
            if name not in self.names:
                self.names.add(name)
                return name

    def home(self) -> tuple[str, str]:
        """A fresh address (documentation ranges only: RFC 3849 and 5737) and browser id of one's own."""
        self.made += 1
        digest = hashlib.sha256(f"home:{self.seed}:{self.made}".encode()).hexdigest()
        if self.rng.random() < 0.5:
            return f"2001:db8:{self.seed % 65536:x}:{self.made:x}::{digest[:3]}", digest[8:40]
        block = ("192.0.2", "198.51.100", "203.0.113")[self.made % 3]
        return f"{block}.{1 + (self.made // 3) % 254}", digest[8:40]

    def person(
        self,
        *,
        freelancer: bool = False,
        joined_days_ago: float | None = None,
        door: str | None = None,
        ip: str = "",
        device: str = "",
        card: str = "",
        domain: str = "",
        name: str = "",
    ) -> Actor:
        """A new member, by a door of its own (chance decides when not given), with its own home and card unless
        told to share someone's; established (months or years old) unless `joined_days_ago` says otherwise."""
        name = name or self.name()
        own_ip, own_device = self.home()
        door = door or self.rng.choice(DOORS)
        local = f"{name.lower().replace(' ', '.')}.s{self.seed}{self.tag}.{self.made}"
        email = f"{local}@{domain or self.rng.choice(OPEN_MAIL)}"
        actor = Actor(
            user=User(),
            door=door,
            ip=ip or own_ip,
            device=device or own_device,
            agent=self.rng.choice(AGENTS[:4] if door == "page" else AGENTS),
            card=card or f"{SANDBOX_CARD}_s{self.seed}x{self.made}",
        )
        {"api": _join_by_api, "page": _join_by_page, "service": _join_by_service}[door](actor, email, name, freelancer)
        joined = joined_days_ago if joined_days_ago is not None else self.rng.uniform(120, 1500)
        _date_joined(actor.user, timezone.now() - timedelta(days=joined))
        return actor

    # ---- money and work ----------------------------------------------------------------------------------

    def top_up(self, actor: Actor, pounds: int) -> None:
        top_up(actor, pounds * 100)

    def work(self, client: Actor, freelancer: Actor, title: str, amount: int) -> Contract:
        return finished_work(client, freelancer, title, amount)

    def pick(self, options: Any, k: int | None = None) -> Any:
        return self.rng.choice(options) if k is None else self.rng.sample(list(options), k)

    def fresh(self, kind: str, options: Any) -> Any:
        """One of `options` not drawn before under `kind` (all again once each was drawn): two honest people
        never write the very same text, so a text that stands for one person's own words is not drawn twice."""
        drawn = self.used.setdefault(kind, [])
        if len(drawn) == len(options):
            drawn.clear()
        chosen = self.rng.choice([option for option in options if option not in drawn])
        drawn.append(chosen)
        return chosen


# ---- joining ---------------------------------------------------------------------------------------------


def _browser(actor: Actor) -> Client:
    browser = Client(SERVER_NAME=HOST, REMOTE_ADDR=actor.ip, HTTP_USER_AGENT=actor.agent)
    browser.cookies["oh_device"] = actor.device
    return browser


def _expect(response: Any, *codes: int) -> Any:
    if response.status_code not in codes:
        raise DomainError(
            f"{response.request['PATH_INFO']} answered {response.status_code}: {response.content[:300]!r}"
        )
    return response


def _join_by_api(actor: Actor, email: str, name: str, freelancer: bool) -> None:
    browser = actor.browser = _browser(actor)
    body = {"email": email, "password": DEMO_PASSWORD + "-x7", "name": name}
    body["role"] = "freelancer" if freelancer else "client"
    _expect(browser.post("/api/v1/auth/signup", body, content_type="application/json"), 201)
    actor.user = User.objects.get(email=email)
    key = EmailConfirmationHMAC(EmailAddress.objects.get(user=actor.user, email=email)).key
    _expect(browser.post("/api/v1/auth/verify-email", {"key": key}, content_type="application/json"), 200)
    login = {"email": email, "password": body["password"], "label": "script"}
    actor.token = _expect(browser.post("/api/v1/auth/tokens", login, content_type="application/json"), 201).json()[
        "token"
    ]
    _roles(actor.user, freelancer)


def _join_by_page(actor: Actor, email: str, name: str, freelancer: bool) -> None:
    browser = _browser(actor)
    password = DEMO_PASSWORD + "-p4"
    form = {"email": email, "password1": password, "name": name, "role": "freelancer" if freelancer else "client"}
    form["accept_terms"] = "on"  # the terms of service, as the page asks
    _expect(browser.post(reverse("account_signup"), form), 302)
    actor.user = User.objects.get(email=email)
    key = EmailConfirmationHMAC(EmailAddress.objects.get(user=actor.user, email=email)).key
    _expect(browser.post(reverse("account_confirm_email", args=[key])), 302)
    browser.post(reverse("account_logout"))
    _expect(browser.post(reverse("account_login"), {"login": email, "password": password}), 302)
    _roles(actor.user, freelancer)


def _join_by_service(actor: Actor, email: str, name: str, freelancer: bool) -> None:
    with transaction.atomic():
        user = User(
            username=email.split("@")[0].replace(".", "-")[:150],
            email=email,
            name=name,
            password=make_password(DEMO_PASSWORD, salt=DEMO_SALT),
            is_client=True,
            is_freelancer=freelancer,
            currency=CURRENCY,
        )
        user.save()
        EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
        for kind in ("signup", "login"):  # as the sign-up and sign-in pages record them
            AccessRecord.objects.create(user=user, kind=kind, ip=actor.ip, device=actor.device)
    actor.user = user


def _roles(user: User, freelancer: bool) -> None:
    """Everyone here both hires and may be hired, in pounds, like the demo's people."""
    User.objects.filter(pk=user.pk).update(is_client=True, is_freelancer=freelancer or user.is_freelancer)
    User.objects.filter(pk=user.pk).update(currency=CURRENCY)
    user.refresh_from_db()


def _date_joined(user: User, joined: Any) -> None:
    """The account, and what it recorded on joining, belong to the day it joined."""
    User.objects.filter(pk=user.pk).update(date_joined=joined)
    user.date_joined = joined
    for n, record in enumerate(AccessRecord.objects.filter(user=user).order_by("pk")):
        AccessRecord.objects.filter(pk=record.pk).update(created_at=joined + timedelta(minutes=n))


# ---- money, work, words ----------------------------------------------------------------------------------


def top_up(actor: Actor, amount: int) -> None:
    """A card deposit with the actor's own card (or the one it shares)."""
    if actor.door == "api" and actor.browser is not None:
        body = {"amount": {"amount": amount, "currency": CURRENCY}, "card_token": actor.card}
        path = "/api/v1/wallet/deposits"
        response = actor.browser.post(path, body, content_type="application/json", headers=actor.headers)
        if response.status_code == 201:
            return
        body["card_token"] = SANDBOX_CARD
        _expect(actor.browser.post(path, body, content_type="application/json", headers=actor.headers), 201)
        _own_card(actor)
        return
    try:
        deposit_start(payer=actor.user, amount=amount, currency=CURRENCY, card_token=actor.card)
    except DomainError:  # a sandbox without per-suffix cards: pay with its test card, then record the real one
        deposit_start(payer=actor.user, amount=amount, currency=CURRENCY, card_token=SANDBOX_CARD)
        _own_card(actor)


def _own_card(actor: Actor) -> None:
    last = Payment.objects.filter(payer=actor.user, status=Payment.Status.SUCCEEDED).order_by("-pk").first()
    if last is not None:
        Payment.objects.filter(pk=last.pk).update(card_fingerprint=card_fingerprint(actor.card))


def _api(actor: Actor, path: str, body: dict[str, Any] | None = None, multipart: bool = False) -> Any:
    assert actor.browser is not None
    if multipart:
        response = actor.browser.post(path, body or {}, headers=actor.headers)
    else:
        response = actor.browser.post(path, body or {}, content_type="application/json", headers=actor.headers)
    return _expect(response, 200, 201).json()


def finished_work(client: Actor, freelancer: Actor, title: str, amount: int) -> Contract:
    """One fixed-price milestone offered, accepted, funded from the wallet, delivered, released and ended, each
    step by the party whose step it is, through that party's door."""
    milestone = {"title": title, "amount": amount, "due_in_days": 14}
    note = "As we discussed."
    if client.door == "api":
        offer = {"to": freelancer.user.username, "title": title, "message": note, "currency": CURRENCY}
        contract_id = _api(client, "/api/v1/offers", offer | {"milestones": [milestone]})["id"]
    else:
        contract_id = offers.offer_create(
            client=client.user,
            to=freelancer.user.username,
            title=title,
            message=note,
            currency=CURRENCY,
            milestones=[milestone],
        ).pk
    contract = Contract.objects.get(pk=contract_id)
    step = contract.milestones.get().pk
    if freelancer.door == "api":
        _api(freelancer, f"/api/v1/contracts/{contract.pk}/accept")
    else:
        offers.offer_accept(contract_id=contract.pk, by=freelancer.user)
    if client.door == "api":
        _api(client, f"/api/v1/milestones/{step}/fund")
    else:
        contract_services.milestone_fund(milestone_id=step, by=client.user, method="wallet")
    if freelancer.door == "api":
        _api(freelancer, f"/api/v1/milestones/{step}/submit", {"message": "Delivered."}, multipart=True)
    else:
        delivery.milestone_submit(milestone_id=step, by=freelancer.user, message="Delivered, as agreed.")
    if client.door == "api":
        _api(client, f"/api/v1/milestones/{step}/release")
        _api(client, f"/api/v1/contracts/{contract.pk}/end")
    else:
        contract_services.milestone_release(milestone_id=step, by=client.user)
        contract_services.contract_end(contract_id=contract.pk, by=client.user)
    contract.refresh_from_db()
    return contract


def review(contract: Contract, author: Actor, overall: int, went_well: str, could_improve: str = "") -> Review:
    role = CLIENT if contract.client_id == author.user.pk else FREELANCER
    data = review_body(role, overall, went_well, could_improve, again=overall >= 3)
    if author.door == "api":
        _api(author, f"/api/v1/contracts/{contract.pk}/reviews", data)
        return Review.objects.get(contract=contract, author=author.user)
    return review_submit(contract_id=contract.pk, by=author.user, data=data)


def say(by: Actor, to: Actor, text: str) -> None:
    """A message from one party to the other."""
    if by.door == "api":
        _api(by, "/api/v1/conversations", {"to": to.user.username, "text": text})
    else:
        message_send(to=to.user, by=by.user, text=text)


def move_back(contract: Contract, shift: timedelta, lasted: timedelta) -> None:
    """Move a finished piece of work, its messages and its reviews into the past, as if it had ended `shift` ago
    after running for `lasted`; the reputations of both parties are refreshed for the new dates."""
    ended = (contract.ended_at or timezone.now()) - shift
    first, second = sorted((contract.client_id, contract.freelancer_id))
    conversation = Conversation.objects.filter(first_id=first, second_id=second).first()
    if conversation is not None:
        conversation.messages.filter(created_at__gte=contract.created_at).update(created_at=F("created_at") - shift)
        latest = conversation.messages.order_by("-created_at").values_list("created_at", flat=True).first()
        Conversation.objects.filter(pk=conversation.pk).update(last_message_at=latest)
    Contract.objects.filter(pk=contract.pk).update(created_at=ended - lasted, started_at=ended - lasted, ended_at=ended)
    earlier = F("created_at") - shift
    ContractEvent.objects.filter(contract=contract).update(created_at=earlier)
    MilestoneEvent.objects.filter(milestone__contract=contract).update(created_at=earlier)
    ReviewEvent.objects.filter(review__contract=contract).update(created_at=earlier)
    contract.refresh_from_db()
    Review.objects.filter(contract=contract).update(
        submitted_at=F("submitted_at") - shift,
        published_at=F("published_at") - shift,
        duration_code=review_labels.duration_code(contract),
    )
    ReviewRound.objects.filter(contract=contract).update(
        opened_at=F("opened_at") - shift, closes_at=F("closes_at") - shift, closed_at=F("closed_at") - shift
    )
    reputation_refresh(user=contract.client, role=CLIENT)
    reputation_refresh(user=contract.freelancer, role=FREELANCER)
