"""Writes for Hourlies: publish, edit, pause, resume and remove a service; order one, which opens a contract."""

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from openhour.accounts.models import User
from openhour.accounts.services import require_verified_email
from openhour.catalog.models import Hourlie, HourlieExtra, HourliePackage, Order
from openhour.catalog.selectors.taxonomy import category_from_slug, skills_from_slugs
from openhour.contracts.models import Contract
from openhour.contracts.services.contracts import ContractTerms, MilestoneTerms, contract_finish, contract_start
from openhour.lib.errors import Conflict, InvalidInput, NotAllowed, NotFound, field_errors
from openhour.lib.ids import pk_or_404
from openhour.lib.money import MINOR_UNITS, Currency, format_number
from openhour.lib.process import CLIENT, FREELANCER, OPERATOR, transition
from openhour.search import documents

MAX_PACKAGES = 3
MAX_EXTRAS = 10
MAX_SKILLS = 10
MAX_DELIVERY_DAYS = 365
MAX_REVISIONS = 100
Errors = dict[str, list[str]]


def hourlie_publish(
    *,
    freelancer: User,
    title: str,
    description: str,
    category: str,
    skills: list[str] | None = None,
    currency: str = Currency.GBP,
    packages: list[dict[str, Any]],
    extras: list[dict[str, Any]] | None = None,
) -> Hourlie:
    """A verified freelancer publishes a service; it is listed at once. All of it is saved, or none."""
    hourlie_publish_check(freelancer=freelancer)
    hourlie = Hourlie(freelancer=freelancer)
    fields = {"title": title, "description": description, "category": category, "currency": currency}
    plan = _plan(hourlie, fields | {"skills": skills or [], "packages": packages, "extras": extras or []})
    with transaction.atomic():
        hourlie.save()
        _store(hourlie, plan)
        documents.refresh(hourlie)
        hourlie.events.create(
            actor=FREELANCER, by=freelancer, action="publish", from_status="", to_status=hourlie.status
        )
    return hourlie


def hourlie_publish_check(*, freelancer: User) -> None:
    """Who may publish: a verified freelancer. The page asks first, so nobody fills in a form in vain."""
    require_verified_email(freelancer)
    if not freelancer.is_freelancer:
        raise NotAllowed(_("Only freelancers publish services: add the freelancer role to your account first."))


def hourlie_update(*, hourlie_id: int | str, by: User, **fields: Any) -> Hourlie:
    """Its freelancer edits a service that is not removed. Packages and extras, when given, replace the
    old ones row by row, so orders already placed keep pointing at the rows they bought."""
    with transaction.atomic():
        hourlie = _locked(hourlie_id)
        if hourlie.freelancer_id != by.pk:
            raise NotFound(_("No such service."))
        if hourlie.status == Hourlie.Status.REMOVED:
            raise Conflict(_("A removed service cannot be edited."), code="hourlie_removed")
        plan = _plan(hourlie, fields)
        hourlie.save()
        _store(hourlie, plan)
        documents.refresh(hourlie)
    return hourlie


def hourlie_pause(*, hourlie_id: int | str, by: User) -> Hourlie:
    return _act(hourlie_id, by, "pause")


def hourlie_resume(*, hourlie_id: int | str, by: User) -> Hourlie:
    return _act(hourlie_id, by, "publish")


def hourlie_remove(*, hourlie_id: int | str, by: User, note: str = "") -> Hourlie:
    return _act(hourlie_id, by, "remove", note)


def _act(hourlie_id: int | str, by: User, action: str, note: str = "") -> Hourlie:
    with transaction.atomic():
        hourlie = _locked(hourlie_id)
        if hourlie.freelancer_id == by.pk:
            actor = FREELANCER
        elif by.is_staff:
            actor = OPERATOR
        else:
            raise NotFound(_("No such service."))
        transition(obj=hourlie, action=action, actor=actor, by=by, note=note)
    return hourlie


def order_place(
    *,
    hourlie_id: int | str,
    client: User,
    package: int | str,
    extras: list[int | str] | None = None,
    requirements: str,
) -> Order:
    """A verified client buys one package with extras: an order awaiting payment and a contract with one
    milestone for the total. Locks the Hourlie, so it cannot be paused halfway through."""
    require_verified_email(client)
    if not client.is_client:
        raise NotAllowed(_("Only clients order services: add the client role to your account first."))
    with transaction.atomic():
        hourlie = _locked(hourlie_id)
        if hourlie.freelancer_id == client.pk:
            raise NotAllowed(_("You cannot order your own service."))
        if hourlie.status != Hourlie.Status.PUBLISHED:
            raise Conflict(_("This service is not taking orders right now."), code=f"hourlie_{hourlie.status}")
        chosen, added = _choice(hourlie, package, extras or [], requirements)
        order = Order.objects.create(
            hourlie=hourlie,
            package=chosen,
            client=client,
            requirements=requirements.strip(),
            total=chosen.price + sum(extra.price for extra in added),
            currency=hourlie.currency,
            delivery_days=chosen.delivery_days + sum(extra.extra_days for extra in added),
        )
        order.extras.set(added)
        order.events.create(actor=CLIENT, by=client, action="place", from_status="", to_status=order.status)
        order.contract = _contract(order, hourlie, chosen)
        order.save(update_fields=["contract", "updated_at"])
    return order


def _choice(
    hourlie: Hourlie, package: int | str, extras: list[int | str], requirements: str
) -> tuple[HourliePackage, list[HourlieExtra]]:
    errors: Errors = {}
    packages = list(hourlie.packages.all())
    chosen = next((p for p in packages if str(p.pk) == str(package).strip()), None)
    chosen = chosen or next((p for p in packages if p.name.casefold() == str(package).strip().casefold()), None)
    if chosen is None:
        errors["package"] = [_("Choose one of this service’s packages.")]
    offered = {str(extra.pk): extra for extra in hourlie.extras.all()}
    wanted = list(dict.fromkeys(str(extra) for extra in extras))
    if any(extra not in offered for extra in wanted):
        errors["extras"] = [_("Choose extras from this service’s list.")]
    if not requirements.strip():
        errors["requirements"] = [_("Tell the freelancer what you need: they start from this.")]
    elif len(requirements) > 5000:
        errors["requirements"] = [_("Keep it under 5,000 characters.")]
    if errors or chosen is None:
        raise InvalidInput(_("Please correct the highlighted fields."), fields=errors)
    return chosen, [offered[extra] for extra in wanted]


def order_cancel(*, order_id: int | str, by: User, note: str = "") -> Order:
    """The client (or an operator, with a reason) cancels an unpaid order; its contract ends with it."""
    with transaction.atomic():
        order = Order.objects.select_for_update().filter(pk=pk_or_404(order_id, _("No such order."))).first()
        if order is None or not (order.client_id == by.pk or by.is_staff):
            raise NotFound(_("No such order."))
        actor = CLIENT if order.client_id == by.pk else OPERATOR
        transition(obj=order, action="cancel", actor=actor, by=by, note=note)
        if order.contract_id:
            contract = Contract.objects.select_for_update().get(pk=order.contract_id)
            contract_finish(contract=contract, actor=actor, by=by, note=note or _("The order was cancelled."))
    return order


def _contract(order: Order, hourlie: Hourlie, package: HourliePackage) -> Contract:
    """The order's contract: one milestone for the total, due when the package and extras are delivered."""
    milestone = _("%(package)s package") % {"package": package.name}
    terms = MilestoneTerms(title=milestone[:120], amount=order.total, due_in_days=order.delivery_days)
    title = f"{hourlie.title} — {package.name}"[:120]
    agreed = ContractTerms(title=title, currency=order.currency, revisions=package.revisions)
    return contract_start(client=order.client, freelancer=hourlie.freelancer, terms=agreed, milestones=[terms])


# ---- validation ----------------------------------------------------------------------------------

EDITABLE = {"title", "description", "category", "skills", "currency", "packages", "extras"}


def _plan(hourlie: Hourlie, fields: dict[str, Any]) -> dict[str, Any]:
    """Set the given fields on `hourlie` and validate everything, packages and extras included, before any
    write: returns the rows to store (None: unchanged) or raises InvalidInput with every problem."""
    unknown = set(fields) - EDITABLE
    if unknown:
        raise TypeError(f"not Hourlie fields: {sorted(unknown)}")
    errors: Errors = {}
    fields = dict(fields)
    plan = {name: fields.pop(name, None) for name in ("skills", "packages", "extras")}
    if "category" in fields:
        hourlie.category = category_from_slug(fields.pop("category"), errors)  # type: ignore[assignment]
    for name, value in fields.items():
        setattr(hourlie, name, value.strip() if isinstance(value, str) else value)
    _validate(hourlie, errors)
    if plan["skills"] is not None:
        plan["skills"] = skills_from_slugs(plan["skills"], errors, limit=MAX_SKILLS)
    if plan["packages"] is not None:
        plan["packages"] = _packages(plan["packages"], hourlie.currency, errors)
    if plan["extras"] is not None:
        plan["extras"] = _extras(plan["extras"], hourlie.currency, errors)
    if errors:
        raise InvalidInput(_("Please correct the highlighted fields."), fields=errors)
    return plan


def _store(hourlie: Hourlie, plan: dict[str, Any]) -> None:
    if plan["skills"] is not None:
        hourlie.skills.set(plan["skills"])
    if plan["packages"] is not None:
        _replace(hourlie.packages.all(), plan["packages"], hourlie, "packages")
    if plan["extras"] is not None:
        _replace(hourlie.extras.all(), plan["extras"], hourlie, "extras")


def _replace(existing: Any, rows: list[Any], hourlie: Hourlie, name: str) -> None:
    """Overwrite the stored rows in order, add new ones, and delete the rest unless someone ordered them."""
    old = list(existing)
    for position, row in enumerate(rows):
        if position < len(old):
            row.pk = old[position].pk
        row.hourlie, row.position = hourlie, position
        row.save()
    for stale in old[len(rows) :]:
        if stale.orders.exists():
            problem = _("Someone has ordered “%(name)s”, so it cannot be taken away.") % {"name": stale}
            raise Conflict(problem, code=f"{name}_ordered", fields={name: [problem]})
        stale.delete()


def _validate(hourlie: Hourlie, errors: Errors) -> None:
    try:
        hourlie.full_clean(exclude=["freelancer", "category", "skills"])
    except ValidationError as error:
        for name, messages in field_errors(error.message_dict).items():
            errors.setdefault(name, messages)
    if len(hourlie.description or "") > 10000:  # a TextField's max_length is not checked by full_clean()
        errors.setdefault("description", [_("Keep it under 10,000 characters.")])


def _price(value: Any, currency: str, key: str, errors: Errors) -> None:
    ceiling = settings.AMOUNT_CEILING * MINOR_UNITS.get(currency, 100)
    if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
        errors.setdefault(key, [_("A price must be more than zero.")])
    elif value > ceiling:
        errors.setdefault(key, [_("A price can be at most %(n)s.") % {"n": format_number(settings.AMOUNT_CEILING)}])


def _days(value: Any, low: int, key: str, errors: Errors) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= MAX_DELIVERY_DAYS:
        errors.setdefault(key, [_("Give a number of days from %(low)d to %(high)d.") % {"low": low, "high": 365}])


def _packages(rows: list[dict[str, Any]], currency: str, errors: Errors) -> list[HourliePackage]:
    if not 1 <= len(rows) <= MAX_PACKAGES:
        errors["packages"] = [_("Offer one, two or three packages.")]
        return []
    built, names = [], set()
    for i, row in enumerate(rows):
        key = f"packages.{i}"
        name = str(row.get("name") or "").strip()
        if name.casefold() in names:
            errors.setdefault(f"{key}.name", [_("Give each package its own name.")])
        names.add(name.casefold())
        _price(row.get("price"), currency, f"{key}.price", errors)
        _days(row.get("delivery_days"), 1, f"{key}.delivery_days", errors)
        revisions = row.get("revisions", 1)
        if not isinstance(revisions, int) or isinstance(revisions, bool) or not 0 <= revisions <= MAX_REVISIONS:
            errors.setdefault(f"{key}.revisions", [_("Give a number of revisions from 0 to 100.")])
        package = HourliePackage(
            name=name,
            price=_number(row.get("price")),
            delivery_days=_number(row.get("delivery_days")),
            revisions=revisions,
            description=str(row.get("description") or "").strip(),
        )
        if len(package.description) > 2000:  # a TextField's max_length is not checked by full_clean()
            errors.setdefault(f"{key}.description", [_("Keep it under 2,000 characters.")])
        _clean(package, key, errors)
        built.append(package)
    return built


def _extras(rows: list[dict[str, Any]], currency: str, errors: Errors) -> list[HourlieExtra]:
    if len(rows) > MAX_EXTRAS:
        errors["extras"] = [_("Offer at most %(n)d extras.") % {"n": MAX_EXTRAS}]
        return []
    built = []
    for i, row in enumerate(rows):
        key = f"extras.{i}"
        _price(row.get("price"), currency, f"{key}.price", errors)
        _days(row.get("extra_days", 0), 0, f"{key}.extra_days", errors)
        extra = HourlieExtra(
            title=str(row.get("title") or "").strip(),
            price=_number(row.get("price")),
            extra_days=_number(row.get("extra_days", 0)),
        )
        _clean(extra, key, errors)
        built.append(extra)
    return built


def _number(value: Any) -> int:
    """A row's number as stored; what is not a number was reported already and is never saved."""
    return value if isinstance(value, int) else 0


def _clean(row: HourliePackage | HourlieExtra, key: str, errors: Errors) -> None:
    try:
        row.full_clean(
            exclude=["hourlie", "price", "delivery_days", "revisions", "extra_days"], validate_constraints=False
        )
    except ValidationError as error:
        for name, messages in field_errors(error.message_dict).items():
            errors.setdefault(f"{key}.{name}", messages)


def _locked(hourlie_id: int | str) -> Hourlie:
    pk = pk_or_404(hourlie_id, _("No such service."))
    found = Hourlie.objects.select_for_update().filter(pk=pk).first()
    if found is None:
        raise NotFound(_("No such service."))
    return found
