"""One seeded run of both generators: the red team's moves, then honest life of at least the same size, every
review labelled in the labels file with its move and seed (`labels.py`), never in the product's tables."""

from collections import Counter
from collections.abc import Sequence

from openhour.contracts.models import Contract
from openhour.demo.manipulation.honest import honest
from openhour.demo.manipulation.labels import labels_add, labels_held
from openhour.demo.manipulation.play import World
from openhour.demo.manipulation.redteam import Planted, red_team
from openhour.demo.people.people import EMAIL_DOMAIN
from openhour.demo.reviews import PAST_WORK


def demo_present() -> bool:
    first = PAST_WORK[0]
    return Contract.objects.filter(
        client__username=first.client, client__email__iendswith="@" + EMAIL_DOMAIN, title=first.title
    ).exists()


def generated_seeds() -> set[int]:
    return {label["seed"] for label in labels_held() if "seed" in label}


def generate(
    seed: int, *, red: Sequence[str] = (), good: Sequence[str] = (), once: bool = False, tag: str = ""
) -> Planted:
    """Play seed `seed` (once: a seed already played plants nothing) and label what it wrote: every red-team
    move (or those in `red`; each just once with `once`), then honest moves (all, or those in `good`) of at
    least the same size."""
    if seed in generated_seeds():
        return []
    world = World(seed, tag)
    bad = red_team(world, red, once)
    size = sum(1 for _review, scenario, _move in bad if scenario != "clean")
    planted = bad + honest(world, size, good)
    labels_add(planted, seed=seed)
    return planted


def counted(planted: Planted) -> Counter[str]:
    """Labelled reviews per scenario kind."""
    return Counter(scenario for _review, scenario, _move in planted)
