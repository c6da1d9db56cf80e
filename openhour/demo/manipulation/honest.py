"""Honest marketplace life, played like the red team (same doors, same randomness) and labelled "clean": what
the checks must leave alone.

- repeat_client: one client hiring the same freelancer two to four times over months;
- colleagues: two to four people at one company (one e-mail domain, the company's own or a webmail one, often one
  office address) hiring the same freelancer;
- harsh_fair: a late, half-finished job and the one- or two-star review it earned, in English or French;
- support_complaint: a late delivery reported to support, said so in the messages and in the review;
- popular: a freelancer whose many established clients review within days of each other after a busy month;
- thanks_reminder: a freelancer thanking the client for paying and reminding them that reviews help.

Both parties' reviews are labelled clean.
"""

from collections.abc import Callable, Sequence

from openhour.demo.manipulation import words
from openhour.demo.manipulation.play import OPEN_MAIL, Actor, World, move_back, review, say
from openhour.demo.manipulation.redteam import DAY, Planted, _first, _job

COMPANY_WORDS = [
    "harbour",
    "brightwater",
    "northfield",
    "oakridge",
    "saltmarsh",
    "kestrel",
    "linden",
    "meridian",
    "copperleaf",
    "bramble",
    "foxglove",
    "riverside",
    "ashgrove",
    "tidewater",
]
COMPANY_ENDINGS = ("studio", "partners", "works", "design", "legal", "labs")


def _both(
    world: World, contract: object, client: Actor, freelancer: Actor, stars: int, said: tuple[str, str]
) -> Planted:
    """The client's review as given, and the freelancer's own view of the client."""
    by_client = review(contract, client, stars, *said)  # type: ignore[arg-type]
    back = max(2, min(5, stars + world.rng.choice((-1, 0, 0, 1))))
    by_freelancer = review(contract, freelancer, back, words.thanks_to_client(world.rng, _first(client)))  # type: ignore[arg-type]
    return [(by_client, "clean", ""), (by_freelancer, "clean", "")]


def _stars(world: World) -> int:
    return world.pick((3, 4, 4, 5, 5, 5))


def _play(world: World, client: Actor, freelancer: Actor, ago: float, stars: int, said: object = None) -> Planted:
    contract, work, when = _job(world, client, freelancer, world.rng.uniform(3, 30), ago)
    french = world.rng.random() < 0.2
    text = said(work) if callable(said) else words.honest_praise(world.rng, _first(freelancer), work, french)
    planted = _both(world, contract, client, freelancer, stars, text)
    move_back(contract, when[0] * DAY, when[1] * DAY)
    return planted


def repeat_client(world: World) -> Planted:
    client, freelancer = world.person(), world.person(freelancer=True)
    ago = world.rng.uniform(150, 300)
    planted: Planted = []
    for _n in range(world.rng.randint(2, 4)):
        planted += _play(world, client, freelancer, ago, _stars(world))
        ago -= world.rng.uniform(20, 70)
    return planted


def colleagues(world: World) -> Planted:
    company = f"{world.pick(COMPANY_WORDS)}-{world.pick(COMPANY_ENDINGS)}.co.uk"
    domain = company if world.rng.random() < 0.6 else world.pick(OPEN_MAIL)  # a small firm may use webmail
    office = world.person(domain=domain)
    freelancer = world.person(freelancer=True)
    planted = _play(world, office, freelancer, world.rng.uniform(5, 120), _stars(world))
    for _n in range(world.rng.randint(1, 3)):
        same_office = world.rng.random() < 0.6
        colleague = world.person(domain=domain, ip=office.ip if same_office else "")
        planted += _play(world, colleague, freelancer, world.rng.uniform(5, 120), _stars(world))
    return planted


def harsh_fair(world: World) -> Planted:
    client, freelancer = world.person(), world.person(freelancer=True)
    french = world.rng.random() < 0.3
    return _play(
        world,
        client,
        freelancer,
        world.rng.uniform(5, 200),
        world.pick((1, 2, 2)),
        lambda work: words.harsh_review(world.rng, work, french),
    )


def support_complaint(world: World) -> Planted:
    client, freelancer = world.person(), world.person(freelancer=True)
    contract, work, when = _job(world, client, freelancer, world.rng.uniform(10, 40), world.rng.uniform(5, 150))
    say(client, freelancer, words.pick(world.rng, words.HONEST_MESSAGES[2:5]))
    say(
        freelancer,
        client,
        words.pick(world.rng, ("Sorry, on it.", "Apologies, it is nearly done.", "Désolé, j'y suis.")),
    )
    planted = _both(
        world, contract, client, freelancer, world.pick((2, 2, 3)), words.support_complaint(world.rng, work)
    )
    move_back(contract, when[0] * DAY, when[1] * DAY)
    return planted


def popular(world: World) -> Planted:
    freelancer = world.person(freelancer=True, joined_days_ago=world.rng.uniform(400, 1500))
    planted: Planted = []
    busy = world.rng.uniform(3, 60)  # the busy month ended this many days ago
    for _n in range(world.rng.randint(6, 12)):
        client = world.person()
        planted += _play(world, client, freelancer, busy + world.rng.uniform(0, 5), _stars(world))
    return planted


def thanks_reminder(world: World) -> Planted:
    client, freelancer = world.person(), world.person(freelancer=True)
    contract, work, when = _job(world, client, freelancer, world.rng.uniform(3, 20), world.rng.uniform(2, 100))
    for text in world.pick(words.HONEST_MESSAGES, 2):
        say(freelancer, client, text)
    french = world.rng.random() < 0.2
    planted = _both(
        world,
        contract,
        client,
        freelancer,
        _stars(world),
        words.honest_praise(world.rng, _first(freelancer), work, french),
    )
    move_back(contract, when[0] * DAY, when[1] * DAY)
    return planted


MOVES: dict[str, Callable[[World], Planted]] = {
    "repeat_client": repeat_client,
    "colleagues": colleagues,
    "harsh_fair": harsh_fair,
    "support_complaint": support_complaint,
    "popular": popular,
    "thanks_reminder": thanks_reminder,
}


def honest(world: World, size: int, moves: Sequence[str] = ()) -> Planted:
    """Honest moves (or those named) in random order, each at least once, until at least `size` reviews are
    written."""
    chosen = list(moves or MOVES)
    plays = list(chosen)
    world.rng.shuffle(plays)
    planted: Planted = []
    while plays or len(planted) < size:
        name = plays.pop() if plays else world.pick(chosen)
        planted += [(r, scenario, name) for r, scenario, _move in MOVES[name](world)]
    return planted
