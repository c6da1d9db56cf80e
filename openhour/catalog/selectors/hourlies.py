"""Reads for Hourlies and their orders: browsing with filters, who may see which service and which order."""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, Min, OuterRef, Prefetch, Q, QuerySet

from openhour.accounts.models import User
from openhour.catalog.models import Hourlie, HourliePackage, Order, Skill
from openhour.lib.ids import pk_or_none
from openhour.search import query as search

SORTS = ("newest", "price", "-price", "relevance")


def _viewer_id(viewer: User | AnonymousUser | None) -> int | None:
    return viewer.pk if viewer is not None and viewer.is_authenticated else None


def visible_to(viewer: User | AnonymousUser | None) -> Q:
    """Published services for everyone; paused and removed ones for their freelancer and operators."""
    if viewer is not None and viewer.is_authenticated and viewer.is_staff:
        return Q()
    published = Q(status=Hourlie.Status.PUBLISHED)
    viewer_id = _viewer_id(viewer)
    return published | Q(freelancer_id=viewer_id) if viewer_id else published


def _listed(hourlies: QuerySet[Hourlie]) -> QuerySet[Hourlie]:
    """What a list row shows: the freelancer, the category, skills and the cheapest package."""
    return (
        hourlies.annotate(starting_price=Min("packages__price"))
        .select_related("freelancer__profile", "category")
        .prefetch_related("skills")
    )


def hourlie_search(
    *,
    q: str = "",
    category: str = "",
    skill: str = "",
    max_price: int | None = None,
    currency: str = "",
    sort: str = "newest",
) -> QuerySet[Hourlie]:
    """Published services, filtered. `max_price` (minor units) compares the cheapest package, within a currency."""
    hourlies = Hourlie.objects.filter(status=Hourlie.Status.PUBLISHED)
    if category:
        hourlies = hourlies.filter(category__slug=category)
    if skill:
        hourlies = hourlies.filter(Exists(Skill.objects.filter(hourlies=OuterRef("pk"), slug=skill)))
    if currency or max_price is not None:
        hourlies = hourlies.filter(currency=currency or "GBP")
    if max_price is not None:
        cheap = HourliePackage.objects.filter(hourlie=OuterRef("pk"), price__lte=max_price)
        hourlies = hourlies.filter(Exists(cheap))
    words = search.terms(q)
    if words:
        hourlies = hourlies.filter(search.matching("hourlie", words))
    elif q.strip():
        hourlies = hourlies.none()  # only punctuation or symbols: nothing to look for
    order: tuple[str, ...] = {"price": ("starting_price", "id"), "-price": ("-starting_price", "-id")}.get(
        sort, ("-created_at", "-id")
    )
    if sort == "relevance" and words:
        hourlies = hourlies.annotate(search_rank=search.rank("hourlie", words))
        order = ("-search_rank", *order)
    return _listed(hourlies).order_by(*order)


def hourlie_detail(*, hourlie_id: int | str, viewer: User | AnonymousUser | None) -> Hourlie | None:
    pk = pk_or_none(hourlie_id)
    if pk is None:
        return None
    return (
        Hourlie.objects.filter(visible_to(viewer), pk=pk)
        .select_related("freelancer__profile", "category")
        .prefetch_related("skills", "packages", "extras")
        .first()
    )


def freelancer_hourlies(*, freelancer: User, viewer: User | AnonymousUser | None = None) -> list[Hourlie]:
    """A freelancer's services: the published ones, and for themselves (and operators) paused ones too."""
    hourlies = Hourlie.objects.filter(freelancer_id=freelancer.pk).exclude(status=Hourlie.Status.REMOVED)
    if _viewer_id(viewer) != freelancer.pk and not (viewer is not None and getattr(viewer, "is_staff", False)):
        hourlies = hourlies.filter(status=Hourlie.Status.PUBLISHED)
    return list(hourlies.annotate(starting_price=Min("packages__price")).select_related("category"))


def order_visible_to(viewer: User | AnonymousUser | None) -> Q:
    """An order is for its client, the service's freelancer and operators only."""
    if viewer is None or not viewer.is_authenticated:
        return Q(pk__in=[])
    if viewer.is_staff:
        return Q()
    return Q(client_id=viewer.pk) | Q(hourlie__freelancer_id=viewer.pk)


def order_detail(*, order_id: int | str, viewer: User | AnonymousUser | None) -> Order | None:
    pk = pk_or_none(order_id)
    if pk is None:
        return None
    return _orders(Order.objects.filter(order_visible_to(viewer), pk=pk)).first()


def orders_for(*, user: User) -> QuerySet[Order]:
    """The orders a person placed as a client or received as a freelancer, newest first."""
    mine = Q(client_id=user.pk) | Q(hourlie__freelancer_id=user.pk)
    return _orders(Order.objects.filter(mine))


def _orders(orders: QuerySet[Order]) -> QuerySet[Order]:
    return orders.select_related("hourlie__freelancer", "package", "client", "contract").prefetch_related(
        "extras", Prefetch("contract__milestones")
    )
