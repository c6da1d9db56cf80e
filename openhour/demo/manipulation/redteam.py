"""A randomised red team: the moves a manipulator makes, each played with sizes, prices, timings, wordings,
languages and doors (API, pages, services) drawn from the seed, never tuned to what the checks look for.

Moves and the label each manipulated review gets (a RiskSignal kind, the one a moderator would name):

- paraphrase (duplicate): an honest client's glowing review of one freelancer, retold with other words, order
  and an added sentence by two to four invented clients of another freelancer;
- template (duplicate): one text posted on three to six freelancers' profiles with the names swapped;
- sockpuppets (conflict): two to five buyers of one freelancer sharing a browser, a card or an address among
  themselves (never the freelancer's own);
- ring (wash_trading): three to nine accounts hiring the next in a circle at ordinary prices, all five stars;
- swap (wash_trading): two freelancers who hire each other once at an ordinary price and trade five stars;
- offer and threat (incentive): value offered for a rating, or a rating used as a threat, in English or French;
- burst (burst): three to nine brand-new accounts reviewing one freelancer within hours.

The other side's reviews in a move (a freelancer thanking invented clients) are not labelled: they are neither
the manipulation nor honest, and the audit leaves them out.
"""

from collections.abc import Callable, Sequence
from datetime import timedelta

from django.utils import timezone

from openhour.demo.manipulation import words
from openhour.demo.manipulation.play import Actor, World, move_back, review, say
from openhour.reviews.models import Review

DAY = timedelta(days=1)
Planted = list[tuple[Review, str, str]]  # review, RiskSignal kind or "clean", move


def _first(actor: Actor) -> str:
    return actor.user.name.split()[0]


def _price(world: World, low: int = 80, high: int = 900) -> int:
    """An ordinary price in pence, rounded as people quote."""
    return world.rng.randint(low, high) // 5 * 500


def _job(world: World, client: Actor, freelancer: Actor, lasted_days: float, ago_days: float) -> tuple:
    """A finished piece of work between the two, to be dated `ago_days` back (never before either joined)."""
    youngest = min(client.user.date_joined, freelancer.user.date_joined)
    ago_days = max(0.0, min(ago_days, (timezone.now() - youngest) / DAY - lasted_days - 1))
    work = words.pick(world.rng, words.WORK)
    amount = _price(world)
    world.top_up(client, amount * 12 // 1000 + world.rng.randint(20, 200))
    contract = world.work(client, freelancer, work[0], amount)
    return contract, work, (ago_days, lasted_days)


def _date(contract: object, when: tuple[float, float]) -> None:
    move_back(contract, when[0] * DAY, when[1] * DAY)  # type: ignore[arg-type]


def _maybe_thanks(world: World, contract: object, freelancer: Actor, client: Actor) -> None:
    if world.rng.random() < 0.6:
        review(contract, freelancer, world.pick((4, 5, 5)), words.thanks_to_client(world.rng, _first(client)))  # type: ignore[arg-type]


def paraphrase(world: World) -> Planted:
    story = world.fresh("story", words.STORIES)  # its first wording is an honest client's own
    real, real_client = world.person(freelancer=True), world.person()
    contract, _work, when = _job(world, real_client, real, world.rng.uniform(7, 30), world.rng.uniform(60, 200))
    planted: Planted = [
        (review(contract, real_client, 5, words.story_told(world.rng, story, _first(real), True)), "clean", "original")
    ]
    _date(contract, when)
    copier = world.person(freelancer=True)
    for _n in range(world.rng.randint(2, 4)):
        fake = world.person(joined_days_ago=world.rng.uniform(20, 300))
        contract, _work, when = _job(world, fake, copier, world.rng.uniform(2, 20), world.rng.uniform(3, 50))
        text = words.story_told(world.rng, story, _first(copier), False)
        planted.append((review(contract, fake, 5, text), "duplicate", "paraphrase"))
        _maybe_thanks(world, contract, copier, fake)
        _date(contract, when)
    return planted


def template(world: World) -> Planted:
    text = words.template_for(world.rng)
    planted: Planted = []
    for _n in range(world.rng.randint(3, 6)):
        freelancer = world.person(freelancer=True)
        for _m in range(world.rng.choice((1, 1, 2))):
            fake = world.person(joined_days_ago=world.rng.uniform(15, 400))
            contract, _work, when = _job(world, fake, freelancer, world.rng.uniform(1, 15), world.rng.uniform(2, 90))
            said = text.format(name=_first(freelancer))
            planted.append((review(contract, fake, 5, said), "duplicate", "template"))
            _date(contract, when)
    return planted


def sockpuppets(world: World) -> Planted:
    freelancer = world.person(freelancer=True)
    shared = world.pick(("device", "card", "ip", "device+card", "ip+device"))
    first = world.person(door=world.pick(("api", "page")))
    planted: Planted = []
    for n in range(world.rng.randint(2, 5)):
        buyer = (
            first
            if n == 0
            else world.person(
                door=world.pick(("api", "page", "api")),
                joined_days_ago=world.rng.uniform(20, 400),
                ip=first.ip if "ip" in shared else "",
                device=first.device if "device" in shared else "",
                card=first.card if "card" in shared else "",
            )
        )
        contract, work, when = _job(world, buyer, freelancer, world.rng.uniform(2, 20), world.rng.uniform(3, 120))
        went_well, _improve = words.honest_praise(world.rng, _first(freelancer), work, world.rng.random() < 0.2)
        planted.append((review(contract, buyer, 5, went_well), "conflict", "sockpuppets"))
        _maybe_thanks(world, contract, freelancer, buyer)
        _date(contract, when)
    return planted


def ring(world: World) -> Planted:
    members = [world.person(freelancer=True) for _n in range(world.rng.randint(3, 9))]
    planted: Planted = []
    rounds = world.rng.choice((1, 1, 2))
    for _turn in range(rounds):
        for i, client in enumerate(members):
            freelancer = members[(i + 1) % len(members)]
            ago = world.rng.uniform(2, 150)
            contract, _work, when = _job(world, client, freelancer, world.rng.uniform(1, 12), ago)
            for author, other in ((client, freelancer), (freelancer, client)):
                said = words.pick(world.rng, words.SHORT_PRAISE)
                if world.rng.random() < 0.5:
                    said, _improve = words.honest_praise(world.rng, _first(other), _work)
                planted.append((review(contract, author, 5, said), "wash_trading", "ring"))
            _date(contract, when)
    return planted


def swap(world: World) -> Planted:
    first, second = world.person(freelancer=True), world.person(freelancer=True)
    planted: Planted = []
    for client, freelancer in ((first, second), (second, first)):
        contract, work, when = _job(world, client, freelancer, world.rng.uniform(5, 25), world.rng.uniform(5, 120))
        for author, other in ((client, freelancer), (freelancer, client)):
            said, _improve = words.honest_praise(world.rng, _first(other), work, world.rng.random() < 0.25)
            planted.append((review(contract, author, 5, said), "wash_trading", "swap"))
        _date(contract, when)
    return planted


def _pressure(world: World, move: str) -> Planted:
    client, freelancer = world.person(), world.person(freelancer=True)
    french = world.rng.random() < 0.4
    contract, work, when = _job(world, client, freelancer, world.rng.uniform(5, 30), world.rng.uniform(2, 90))
    if move == "offer":
        say(client, freelancer, words.pick(world.rng, ("Delivered, thanks!", "Merci, bien reçu.", "All received.")))
        say(freelancer, client, words.offer(world.rng, work, french))
    else:
        say(client, freelancer, words.threat(world.rng, work, french))
    say(
        freelancer if move == "threat" else client,
        client if move == "threat" else freelancer,
        words.pick(world.rng, words.REPLIES),
    )
    went_well, _improve = words.honest_praise(world.rng, _first(freelancer), work, french)
    planted: Planted = [(review(contract, client, 5, went_well), "incentive", move)]
    said = words.thanks_to_client(world.rng, _first(client))
    planted.append((review(contract, freelancer, 5, said), "incentive", move))
    _date(contract, when)
    return planted


def offer(world: World) -> Planted:
    return _pressure(world, "offer")


def threat(world: World) -> Planted:
    return _pressure(world, "threat")


def burst(world: World) -> Planted:
    target = world.person(freelancer=True)
    planted: Planted = []
    window = world.rng.uniform(6, 60)  # hours from the first review to the last
    for _n in range(world.rng.randint(3, 9)):
        fresh = world.person(
            door=world.pick(("api", "api", "page", "service")), joined_days_ago=world.rng.uniform(3.5, 12)
        )
        contract, work, _when = _job(world, fresh, target, 0, 0)
        went_well, _improve = words.honest_praise(world.rng, _first(target), work)
        planted.append((review(contract, fresh, 5, went_well), "burst", "burst"))
        hours = world.rng.uniform(0, window)
        move_back(contract, timedelta(hours=hours), timedelta(hours=world.rng.uniform(4, 20)))
    return planted


MOVES: dict[str, tuple[Callable[[World], Planted], tuple[int, int]]] = {
    # move: (how it is played, how many times per run: at least, at most)
    "paraphrase": (paraphrase, (1, 2)),
    "template": (template, (1, 1)),
    "sockpuppets": (sockpuppets, (1, 2)),
    "ring": (ring, (1, 1)),
    "swap": (swap, (1, 2)),
    "offer": (offer, (1, 3)),
    "threat": (threat, (1, 2)),
    "burst": (burst, (1, 1)),
}


def red_team(world: World, moves: Sequence[str] = (), once: bool = False) -> Planted:
    """Every move (or those named), each played a random number of times (or once), in a random order."""
    chosen = {name: MOVES[name] for name in moves or MOVES}
    times = {name: 1 if once else world.rng.randint(low, high) for name, (_play, (low, high)) in chosen.items()}
    plays = [name for name, count in times.items() for _n in range(count)]
    world.rng.shuffle(plays)
    planted: Planted = []
    for name in plays:
        planted += MOVES[name][0](world)
    return planted
