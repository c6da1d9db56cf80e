"""Labelled manipulation planted into the demo marketplace, so the review checks can be measured
(`manage.py seed_manipulation`, then `manage.py review_audit`).

Every scenario is played like real use: new accounts made as the demo makes them, wallets topped up by card,
offers accepted, milestones funded and released, messages sent and reviews submitted through the services, so
the checks run exactly as they do in production. Only what the sandbox cannot produce is written directly: sign-up
and sign-in records (IP and device), distinct card fingerprints (the sandbox has one good test card), and dates
moved back so an account or a piece of work has the age the scenario needs. Each review planted as manipulation
(or as a clean control) gets a label in the labels file (`labels.py`). A scenario whose accounts already wrote
labelled reviews is skipped, so a second run plants nothing."""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from openhour.accounts.models import User
from openhour.accounts.services import profile_update
from openhour.contracts.models import Contract, ContractEvent, MilestoneEvent
from openhour.demo.manipulation.labels import labels_add, labels_held
from openhour.demo.people import DEMO_PASSWORD, DEMO_SALT
from openhour.demo.people.people import EMAIL_DOMAIN, email_for
from openhour.demo.reviews import PAST_WORK, finished_work, review_body
from openhour.lib.process import CLIENT, FREELANCER
from openhour.messaging.conversations.services import message_send
from openhour.messaging.models import Conversation
from openhour.money.models import Payment
from openhour.money.payouts.methods import payout_method_add
from openhour.money.services.payments import card_fingerprint, deposit_start
from openhour.reviews import labels
from openhour.reviews.integrity.models import AccessRecord
from openhour.reviews.models import Review, ReviewEvent, ReviewRound
from openhour.reviews.scoring import reputation_refresh
from openhour.reviews.services.reviews import review_submit

CLEAN = "clean"
SCENARIOS = ("duplicate", "conflict", "wash_trading", "burst", "incentive", CLEAN)
SANDBOX_CARD = "tok_visa"


class DemoMissing(Exception):
    """The demo marketplace is not there: manipulation is planted into it, not into an empty site."""


def demo_present() -> bool:
    first = PAST_WORK[0]
    return Contract.objects.filter(
        client__username=first.client, client__email__iendswith="@" + EMAIL_DOMAIN, title=first.title
    ).exists()


@dataclass(frozen=True)
class Person:
    username: str
    name: str
    client: bool = True
    freelancer: bool = False
    joined_days_ago: float = 400  # established by default; young accounts are young by design
    ip: str = ""  # where they sign in from; by default their own address
    device: str = ""  # their browser's device cookie; by default their own
    card: str = ""  # the card behind their deposits; by default their own


def seed_manipulation() -> dict[str, int]:
    """Plant every scenario not planted yet; returns the labels added per scenario kind."""
    if not demo_present():
        raise DemoMissing("The demo is not there: run `manage.py seed_demo` first.")
    added = dict.fromkeys(SCENARIOS, 0)
    for people, plant in PLANTERS:
        usernames = {person.username for person in people}
        if any(label["author"] in usernames for label in labels_held()):
            continue
        accounts = {person.username: _account(person) for person in people}
        planted = plant(accounts)
        labels_add(planted)
        for _review, scenario in planted:
            added[scenario] += 1
    return added


# ---- playing work ----------------------------------------------------------------------------------------


def _account(person: Person) -> User:
    """A verified account like the demo's (same password), with its sign-up and a sign-in on record."""
    user = User.objects.filter(username=person.username).first()
    if user is not None:
        return user
    joined = timezone.now() - timedelta(days=person.joined_days_ago)
    with transaction.atomic():
        user = User(
            username=person.username,
            email=email_for(person.username),
            name=person.name,
            password=make_password(DEMO_PASSWORD, salt=DEMO_SALT),
            is_client=person.client,
            is_freelancer=person.freelancer,
            currency="GBP",
        )
        user.save()
        User.objects.filter(pk=user.pk).update(date_joined=joined)
        EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
        if person.freelancer:
            profile_update(
                user=user,
                headline=f"{person.name.split()[0]} builds and designs for small businesses",
                bio="Freelancing for small businesses across the UK.",
                country="GB",
                languages=["en"],
                hourly_rate=4000,
                rate_currency="GBP",
            )
        own_ip, own_device = _own_ip_and_device(person.username)
        ip, device = person.ip or own_ip, person.device or own_device
        for kind, when in (("signup", joined), ("login", joined + timedelta(hours=1))):
            record = AccessRecord.objects.create(user=user, kind=kind, ip=ip, device=device)
            AccessRecord.objects.filter(pk=record.pk).update(created_at=when)
    user.refresh_from_db()
    return user


def _own_ip_and_device(username: str) -> tuple[str, str]:
    """A home address of one's own (in a documentation range, RFC 5737: never a real one) and a browser."""
    digest = hashlib.sha256(f"planted:{username}".encode()).digest()
    return f"{('198.51.100', '203.0.113')[digest[0] % 2]}.{1 + digest[1] % 250}", digest.hex()[:32]


def _top_up(user: User, pounds: int, card: str = "") -> None:
    """A card deposit (outside any transaction, like a real one). The sandbox has a single card that pays, so
    the payment is then given the fingerprint of the card this person really uses."""
    payment = deposit_start(payer=user, amount=pounds * 100, currency="GBP", card_token=SANDBOX_CARD)
    own = card_fingerprint(card or f"card of {user.username}")
    Payment.objects.filter(pk=payment.pk).update(card_fingerprint=own)


def _work(client: User, freelancer: User, title: str, amount: int) -> Contract:
    return finished_work(client=client, freelancer=freelancer, title=title, amount=amount, currency="GBP")


def _review(contract: Contract, author: User, overall: int, went_well: str, could_improve: str = "") -> Review:
    role = CLIENT if contract.client_id == author.pk else FREELANCER
    data = review_body(role, overall, went_well, could_improve, again=overall >= 3)
    return review_submit(contract_id=contract.pk, by=author, data=data)


Said = tuple[int, str] | tuple[int, str, str]  # stars, what went well, what could be better


def _both(contract: Contract, by_client: Said, by_freelancer: Said) -> tuple[Review, Review]:
    """Both parties review, so the pair publishes together; returns (client's review, freelancer's review)."""
    first = _review(contract, contract.client, *by_client)
    second = _review(contract, contract.freelancer, *by_freelancer)
    first.refresh_from_db()
    return first, second


def _move_back(contract: Contract, shift: timedelta, lasted: timedelta = timedelta(days=10)) -> None:
    """Move a finished piece of work and its reviews into the past, as if it had ended `shift` ago after
    running for `lasted`; the reputations of both parties are refreshed for the new dates."""
    ended = (contract.ended_at or timezone.now()) - shift
    _move_messages_back(contract, shift)
    Contract.objects.filter(pk=contract.pk).update(created_at=ended - lasted, started_at=ended - lasted, ended_at=ended)
    earlier = F("created_at") - shift
    for model, field in (
        (ContractEvent, "contract"),
        (MilestoneEvent, "milestone__contract"),
        (ReviewEvent, "review__contract"),
    ):
        model.objects.filter(**{field: contract}).update(created_at=earlier)
    contract.refresh_from_db()
    Review.objects.filter(contract=contract).update(
        submitted_at=F("submitted_at") - shift,
        published_at=F("published_at") - shift,
        duration_band=labels.duration_band(contract),
    )
    ReviewRound.objects.filter(contract=contract).update(
        opened_at=F("opened_at") - shift, closes_at=F("closes_at") - shift, closed_at=F("closed_at") - shift
    )
    reputation_refresh(user=contract.client, role=CLIENT)
    reputation_refresh(user=contract.freelancer, role=FREELANCER)


def _move_messages_back(contract: Contract, shift: timedelta) -> None:
    """What the pair wrote to each other during this work happened then too."""
    first, second = sorted((contract.client_id, contract.freelancer_id))
    conversation = Conversation.objects.filter(first_id=first, second_id=second).first()
    if conversation is None:
        return
    during = conversation.messages.filter(created_at__gte=contract.created_at)
    during.update(created_at=F("created_at") - shift)
    latest = conversation.messages.order_by("-created_at").values_list("created_at", flat=True).first()
    Conversation.objects.filter(pk=conversation.pk).update(last_message_at=latest)


Planted = list[tuple[Review, str]]
Accounts = dict[str, User]
DAY = timedelta(days=1)


# ---- duplicate: a glowing review copied, lightly edited, by three other clients of another freelancer -------

ORIGINAL = (
    "Hana moved our whole shop from WooCommerce to Shopify in three weeks without losing a single order, customer "
    "account or product photo. She mapped every old address to the new one so our search traffic stayed put, wrote "
    "a short guide for the team on editing collections, and stayed on call during the launch weekend. Two months "
    "later everything still runs smoothly and sales are up."
)
ORIGINAL_IMPROVE = "Nothing of note; the invoice could have listed the hours per task."
COPIES = (
    ORIGINAL.replace("Hana moved", "Marek moved"),
    ORIGINAL.replace("Hana moved", "Marek moved").replace(" and sales are up.", "."),
    ORIGINAL.replace("Hana moved", "Marek moved").replace("three weeks", "four weeks"),
)
DUPLICATE_PEOPLE = (
    Person("peter-lindqvist", "Peter Lindqvist", joined_days_ago=500),
    Person("hana-kowalski", "Hana Kowalski", client=False, freelancer=True, joined_days_ago=600),
    Person("marek-dvorak", "Marek Dvořák", client=False, freelancer=True, joined_days_ago=300),
    Person("alice-moreno", "Alice Moreno", joined_days_ago=250),
    Person("george-hale", "George Hale", joined_days_ago=220),
    Person("ruth-adeyemi", "Ruth Adeyemi", joined_days_ago=260),
)
COPIER_THANKS = (
    "Alice answered every question the same day and approved the migration plan quickly.",
    "George gave me admin access on day one, which saved a lot of back and forth.",
    "Ruth had the product spreadsheet ready before we started; a tidy, organised client.",
)


def _plant_duplicate(people: Accounts) -> Planted:
    hana, marek = people["hana-kowalski"], people["marek-dvorak"]
    peter = people["peter-lindqvist"]
    _top_up(peter, 2_000)
    contract = _work(peter, hana, "Shop migration to Shopify", 120_000)
    original = _both(
        contract,
        (5, ORIGINAL, ORIGINAL_IMPROVE),
        (5, "Peter knew his catalogue inside out and signed off each step within hours."),
    )
    _move_back(contract, 90 * DAY, lasted=25 * DAY)
    planted: Planted = [(original[0], CLEAN), (original[1], CLEAN)]
    copiers = ("alice-moreno", "george-hale", "ruth-adeyemi")
    for n, (username, copy, thanks) in enumerate(zip(copiers, COPIES, COPIER_THANKS, strict=True)):
        client = people[username]
        _top_up(client, 2_000)
        contract = _work(client, marek, "Online shop migration", 90_000 + 10_000 * n)
        copied, _thanks = _both(contract, (5, copy, ORIGINAL_IMPROVE), (5, thanks))
        _move_back(contract, (40 - 14 * n) * DAY, lasted=20 * DAY)  # weeks apart: not a burst
        planted.append((copied, "duplicate"))
    return planted


# ---- conflict: a household on both sides, a freelancer paying with the client's card, a shared bank account ---

HOME_IP, HOME_DEVICE = "203.0.113.77", "7f3a9c0e5b1d4f2a8c6e0b9d3f1a7c5e"  # one household, one laptop
CONFLICT_PEOPLE = (
    Person("owen-price", "Owen Price", joined_days_ago=420, ip=HOME_IP, device=HOME_DEVICE),
    Person(
        "lily-price", "Lily Price", client=False, freelancer=True, joined_days_ago=400, ip=HOME_IP, device=HOME_DEVICE
    ),
    Person("sam-okoro", "Sam Okoro", joined_days_ago=380, card="sam's debit card"),
    Person("tariq-haddad", "Tariq Haddad", client=False, freelancer=True, joined_days_ago=390, card="sam's debit card"),
    Person("nina-berg", "Nina Berg", freelancer=True, joined_days_ago=450),
    Person("erik-lund", "Erik Lund", client=False, freelancer=True, joined_days_ago=470),
)
SHARED_ACCOUNT = {"account_holder": "N Berg", "sort_code": "200415", "account_number": "41926835"}


def _plant_conflict(people: Accounts) -> Planted:
    _top_up(people["owen-price"], 1_500)
    sam, tariq = people["sam-okoro"], people["tariq-haddad"]
    _top_up(sam, 1_500, card="sam's debit card")
    _top_up(tariq, 20, card="sam's debit card")  # the freelancer's own deposit, made with the client's card
    nina, erik = people["nina-berg"], people["erik-lund"]
    _top_up(nina, 1_500)
    for owner in (nina, erik):
        payout_method_add(owner=owner, kind="bank_transfer", details=SHARED_ACCOUNT)
    pairs = (
        (
            "owen-price",
            "lily-price",
            "Café website refresh",
            45_000,
            "Lily rebuilt the café website beautifully and even photographed the new menu.",
            "Owen was a pleasure: clear on what he wanted and generous with feedback.",
        ),
        (
            "sam-okoro",
            "tariq-haddad",
            "Mobile app bug fixes",
            38_000,
            "Tariq fixed the crash on older phones and cleaned up the login screen.",
            "Sam wrote precise bug reports with screenshots for every issue.",
        ),
        (
            "nina-berg",
            "erik-lund",
            "Yoga studio booking page",
            52_000,
            "Erik's booking page filled our Saturday classes within a week of launch.",
            "Nina trusted my judgement on the layout and paid straight away.",
        ),
    )
    planted: Planted = []
    for n, (client, freelancer, title, amount, said_by_client, said_by_freelancer) in enumerate(pairs):
        contract = _work(people[client], people[freelancer], title, amount)
        reviews = _both(contract, (5, said_by_client), (5, said_by_freelancer))
        _move_back(contract, (70 - 20 * n) * DAY, lasted=15 * DAY)
        planted += [(reviews[0], "conflict"), (reviews[1], "conflict")]
    return planted


# ---- wash trading: three accounts trading tiny contracts in a ring, all five stars ----------------------------

WASH_PEOPLE = tuple(
    Person(username, name, freelancer=True, joined_days_ago=150)
    for username, name in (("rhys-morgan", "Rhys Morgan"), ("cora-lane", "Cora Lane"), ("jonah-pike", "Jonah Pike"))
)
WASH_TITLES = ("Logo tweak", "Proofread one page", "Banner resize")
WASH_PRAISE = (
    "Superb, fast and friendly.",
    "Top professional, recommended.",
    "Brilliant result again.",
    "Excellent, would hire again.",
    "Perfect communication throughout.",
    "Outstanding quality, thanks!",
    "Quick payment, great client.",
    "Lovely person to work for.",
    "Clear instructions, paid instantly.",
    "Five stars, no notes.",
    "Amazing as always.",
    "Delivered in an hour, wonderful.",
    "Very easy to work with.",
    "A dream client.",
    "Fantastic job once more.",
    "Reliable and kind.",
    "Best on the platform.",
    "Smooth from start to finish.",
)


def _plant_wash_trading(people: Accounts) -> Planted:
    ring = [people[person.username] for person in WASH_PEOPLE]
    for member in ring:
        _top_up(member, 100)
    contracts = [
        _work(ring[i], ring[(i + 1) % 3], f"{title} ({n + 1})", 500 + 100 * i)
        for n, title in enumerate(WASH_TITLES)
        for i in range(3)
    ]
    planted: Planted = []
    praise = iter(WASH_PRAISE)
    for n, contract in enumerate(contracts):  # reviews traded over a couple of months, oldest first
        reviews = _both(contract, (5, next(praise)), (5, next(praise)))
        _move_back(contract, (9 - n) * 6 * DAY, lasted=DAY)
        planted += [(reviews[0], "wash_trading"), (reviews[1], "wash_trading")]
    return planted


# ---- burst: five brand-new accounts review one freelancer within two days ------------------------------------

BURST_PEOPLE = (
    Person("rosa-bianchi", "Rosa Bianchi", client=False, freelancer=True, joined_days_ago=500),
    *(
        Person(username, name, joined_days_ago=3)
        for username, name in (
            ("kai-turner", "Kai Turner"),
            ("mila-novak", "Mila Novak"),
            ("finn-osei", "Finn Osei"),
            ("zara-quinn", "Zara Quinn"),
            ("leo-brandt", "Leo Brandt"),
        )
    ),
)
BURST_PRAISE = (
    "Rosa's product photos look like they came from a magazine.",
    "Incredible eye for detail; our listings finally look professional.",
    "Rosa delivered edited pictures the same evening, all of them usable.",
    "The lighting on the jewellery shots is exactly what we hoped for.",
    "Patient with our changes and the backgrounds are perfectly clean.",
)
BURST_THANKS = (
    "Kai sent the products by courier on time.",
    "Mila gave a detailed shot list.",
    "Finn was flexible about the shoot date.",
    "Zara approved the selection quickly.",
    "Leo paid the moment the photos arrived.",
)


def _plant_burst(people: Accounts) -> Planted:
    rosa = people["rosa-bianchi"]
    planted: Planted = []
    for n, person in enumerate(BURST_PEOPLE[1:]):
        client = people[person.username]
        _top_up(client, 150)
        contract = _work(client, rosa, "Product photos for the shop", 5_000 + 500 * n)
        reviews = _both(contract, (5, BURST_PRAISE[n]), (5, BURST_THANKS[n]))
        _move_back(contract, timedelta(hours=44 - 11 * n), lasted=timedelta(hours=20))
        planted.append((reviews[0], "burst"))
    return planted


# ---- incentive: a refund offered for five stars, and a threat ------------------------------------------------

INCENTIVE_PEOPLE = (
    Person("grace-obi", "Grace Obi", joined_days_ago=330),
    Person("leon-hartmann", "Leon Hartmann", client=False, freelancer=True, joined_days_ago=360),
    Person("victor-sallow", "Victor Sallow", joined_days_ago=310),
    Person("ines-carvalho", "Inês Carvalho", client=False, freelancer=True, joined_days_ago=340),
)
BRIBE = (
    (
        "leon-hartmann",
        "Thanks for approving the payment! If you leave me 5 stars I'll refund you £50, just between us.",
    ),
    ("grace-obi", "Oh, that's unexpected. Okay."),
    ("leon-hartmann", "Remember: 5 stars and I'll refund you the £50 as soon as the review is up."),
)
THREAT = (
    (
        "victor-sallow",
        "I hear you plan to mention the late brief. Change your review or I will open a dispute and "
        "tell every agency I know not to hire you.",
    ),
    ("ines-carvalho", "I haven't written anything yet. Please let's keep this professional."),
    ("victor-sallow", "Five stars from you, or you'll regret it."),
)


def _plant_incentive(people: Accounts) -> Planted:
    planted: Planted = []
    threads = (
        (
            "grace-obi",
            "leon-hartmann",
            "Bakery logo",
            30_000,
            BRIBE,
            (5, "Leon's logo is lovely and the files came in every format."),
            (5, "Grace was quick to decide."),
        ),
        (
            "victor-sallow",
            "ines-carvalho",
            "Agency pitch deck",
            60_000,
            THREAT,
            (4, "The deck was fine, if a little plain."),
            (5, "Victor is an excellent, fair client."),
        ),
    )
    for n, (client, freelancer, title, amount, thread, by_client, by_freelancer) in enumerate(threads):
        _top_up(people[client], 1_000)
        contract = _work(people[client], people[freelancer], title, amount)
        pair = {client: people[freelancer], freelancer: people[client]}
        for author, text in thread:  # the pair's messages, before either review
            message_send(to=pair[author], by=people[author], text=text)
        reviews = _both(contract, by_client, by_freelancer)
        _move_back(contract, (30 - 12 * n) * DAY, lasted=12 * DAY)
        planted += [(reviews[0], "incentive"), (reviews[1], "incentive")]
    return planted


# ---- clean controls: ordinary work, a repeat client, an honest three-star review, a polite review request ------

CLEAN_PEOPLE = (
    Person("helen-ward", "Helen Ward", joined_days_ago=700),
    Person("kofi-mensah", "Kofi Mensah", client=False, freelancer=True, joined_days_ago=650),
    Person("diego-navarro", "Diego Navarro", joined_days_ago=540),
    Person("aisha-rahman", "Aisha Rahman", client=False, freelancer=True, joined_days_ago=610),
    Person("freya-holm", "Freya Holm", joined_days_ago=480),
    Person("tomasz-zielinski", "Tomasz Zieliński", client=False, freelancer=True, joined_days_ago=520),
)
CLEAN_WORK = (
    (
        "helen-ward",
        "kofi-mensah",
        "Newsletter templates",
        60_000,
        200,
        (5, "Kofi designed four newsletter templates that our volunteers can fill in without help."),
        (5, "Helen brought examples of what she liked, which made the first draft land."),
    ),
    (
        "helen-ward",
        "kofi-mensah",
        "Annual report layout",
        45_000,
        120,
        (4, "A handsome annual report, printed on time.", "The charts needed a second round of corrections."),
        (5, "Working with Helen again was easy; the copy arrived final and proofread."),
    ),
    (
        "diego-navarro",
        "aisha-rahman",
        "Inventory spreadsheet automation",
        90_000,
        75,
        (
            3,
            "The automation saves us an hour a day once it runs.",
            "It took three rounds to handle our supplier codes, and the handover notes were thin.",
        ),
        (4, "Diego explained the warehouse process patiently.", "Requirements changed twice mid-way."),
    ),
    (
        "freya-holm",
        "tomasz-zielinski",
        "Podcast audio clean-up",
        25_000,
        45,
        (
            4,
            "Tomasz removed the hum from twelve episodes and levelled the voices.",
            "A little slow to reply at weekends.",
        ),
        (5, "Freya labelled every file clearly and gave useful notes."),
    ),
)
POLITE_REQUEST = "Thanks Kofi, lovely work as always. I'll write a review this week; I'd appreciate one back."


def _plant_clean(people: Accounts) -> Planted:
    for username in ("helen-ward", "diego-navarro", "freya-holm"):
        _top_up(people[username], 2_500)
    planted: Planted = []
    for client, freelancer, title, amount, days_ago, by_client, by_freelancer in CLEAN_WORK:
        contract = _work(people[client], people[freelancer], title, amount)
        if title == "Annual report layout":
            message_send(to=people[freelancer], by=people[client], text=POLITE_REQUEST)
        reviews = _both(contract, by_client, by_freelancer)
        _move_back(contract, days_ago * DAY, lasted=18 * DAY)
        planted += [(reviews[0], CLEAN), (reviews[1], CLEAN)]
    return planted


PLANTERS: tuple[tuple[tuple[Person, ...], Callable[[Accounts], Planted]], ...] = (
    (DUPLICATE_PEOPLE, _plant_duplicate),
    (CONFLICT_PEOPLE, _plant_conflict),
    (WASH_PEOPLE, _plant_wash_trading),
    (BURST_PEOPLE, _plant_burst),
    (INCENTIVE_PEOPLE, _plant_incentive),
    (CLEAN_PEOPLE, _plant_clean),
)
