"""Hourlies over HTTP: freelancers publish and manage fixed-price services; clients browse and order them."""

from datetime import datetime
from typing import Any, Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from pydantic import Field
from pydantic.json_schema import JsonDict

from openhour.accounts.models import User
from openhour.api.auth import ANYONE_MAY_READ, OPTIONAL_AUTH, current_user, viewer
from openhour.api.idempotency import idempotency_key, idempotent
from openhour.api.pagination import PageQuery, page_of, paginate
from openhour.api.schemas import (
    CategorySlug,
    Input,
    Money,
    MoneyOrMinorUnits,
    MoneyOut,
    Page,
    Patch,
    PaymentIn,
    PersonOut,
    QueryMinorUnits,
    SkillSlug,
    WholeNumber,
    changes_of,
    minor_units_in,
    money,
    money_description,
    money_objects_in,
)
from openhour.catalog.api.taxonomy import CategoryRefOut, SkillOut, category_ref, skill_ref
from openhour.catalog.models import Hourlie, Order
from openhour.catalog.selectors import hourlies as selectors
from openhour.catalog.services import hourlies as services
from openhour.catalog.services import order_payments
from openhour.lib.errors import NotFound
from openhour.lib.money import Currency
from openhour.money.api.wallet import PaymentOut, payment_out
from openhour.reviews.integrity.access import access_record
from openhour.reviews.integrity.models import AccessRecord

router = Router(tags=["hourlies"])


# ---- output shapes -------------------------------------------------------------------------------


class PackageOut(Schema):
    id: str
    name: str
    price: MoneyOut
    delivery_days: int
    revisions: int
    description: str = Field(description="What is included")


class ExtraOut(Schema):
    id: str
    title: str
    price: MoneyOut
    extra_days: int = Field(description="Days it adds to the delivery")


class HourlieSummaryOut(Schema):
    """A service as lists show it: without its packages and extras."""

    id: str
    title: str
    description: str
    category: CategoryRefOut
    skills: list[SkillOut]
    currency: str
    starting_price: MoneyOut | None = Field(description="The cheapest package's price")
    status: str
    freelancer: PersonOut
    created_at: datetime
    updated_at: datetime


class HourlieOut(HourlieSummaryOut):
    packages: list[PackageOut]
    extras: list[ExtraOut]


class OrderHourlieOut(Schema):
    id: str
    title: str


class OrderPackageOut(Schema):
    id: str
    name: str


class OrderExtraOut(Schema):
    id: str
    title: str
    price: MoneyOut


class OrderMilestoneOut(Schema):
    id: str
    title: str
    amount: MoneyOut
    due_in_days: int
    status: str


class OrderContractOut(Schema):
    """The contract an order runs through: one milestone for the whole order."""

    id: str
    title: str
    status: str
    fee_schedule_version: str
    milestones: list[OrderMilestoneOut]


class OrderOut(Schema):
    id: str
    status: str
    total: MoneyOut = Field(description="The package and the extras")
    delivery_days: int
    requirements: str = Field(description="What the freelancer needs to start")
    hourlie: OrderHourlieOut
    package: OrderPackageOut
    extras: list[OrderExtraOut]
    client: PersonOut
    freelancer: PersonOut
    contract: OrderContractOut | None
    created_at: datetime


class PaidOrderOut(OrderOut):
    payment: PaymentOut | None = Field(description="The card payment; null when paid from the wallet or not paid yet")


def hourlie_out(hourlie: Hourlie, *, full: bool = True) -> dict[str, Any]:
    currency = hourlie.currency
    packages = (
        [
            {
                "id": str(p.pk),
                "name": p.name,
                "price": money(p.price, currency),
                "delivery_days": p.delivery_days,
                "revisions": p.revisions,
                "description": p.description,
            }
            for p in hourlie.packages.all()
        ]
        if full
        else None
    )
    starting = getattr(hourlie, "starting_price", None)
    if starting is None and full:
        starting = min((p.price for p in hourlie.packages.all()), default=None)
    out: dict[str, Any] = {
        "id": str(hourlie.pk),
        "title": hourlie.title,
        "description": hourlie.description,
        "category": category_ref(hourlie.category),
        "skills": [skill_ref(skill) for skill in hourlie.skills.all()],
        "currency": currency,
        "starting_price": money(starting, currency),
        "status": hourlie.status,
        "freelancer": {"username": hourlie.freelancer.username, "name": hourlie.freelancer.name},
        "created_at": hourlie.created_at,
        "updated_at": hourlie.updated_at,
    }
    if full:
        out["packages"] = packages
        out["extras"] = [
            {"id": str(e.pk), "title": e.title, "price": money(e.price, currency), "extra_days": e.extra_days}
            for e in hourlie.extras.all()
        ]
    return out


def detail_out(hourlie_id: int | str, user: User | None) -> dict[str, Any]:
    hourlie = selectors.hourlie_detail(hourlie_id=hourlie_id, viewer=user)
    if hourlie is None:
        raise NotFound(_("No such service."))
    return hourlie_out(hourlie)


def order_out(order: Order) -> dict[str, Any]:
    contract = order.contract
    return {
        "id": str(order.pk),
        "status": order.status,
        "total": money(order.total, order.currency),
        "delivery_days": order.delivery_days,
        "requirements": order.requirements,
        "hourlie": {"id": str(order.hourlie_id), "title": order.hourlie.title},
        "package": {"id": str(order.package_id), "name": order.package.name},
        "extras": [
            {"id": str(e.pk), "title": e.title, "price": money(e.price, order.currency)} for e in order.extras.all()
        ],
        "client": {"username": order.client.username, "name": order.client.name},
        "freelancer": {"username": order.hourlie.freelancer.username, "name": order.hourlie.freelancer.name},
        "contract": None
        if contract is None
        else {
            "id": str(contract.pk),
            "title": contract.title,
            "status": contract.status,
            "fee_schedule_version": contract.fee_schedule_version,
            "milestones": [
                {
                    "id": str(m.pk),
                    "title": m.title,
                    "amount": money(m.amount, contract.currency),
                    "due_in_days": m.due_in_days,
                    "status": m.status,
                }
                for m in contract.milestones.all()
            ],
        },
        "created_at": order.created_at,
    }


# ---- input shapes --------------------------------------------------------------------------------


PACKAGE_COUNT: JsonDict = {"minItems": 1, "maxItems": services.MAX_PACKAGES, "description": "One to three packages"}
SKILL_COUNT: JsonDict = {"maxItems": services.MAX_SKILLS}
EXTRA_COUNT: JsonDict = {"maxItems": services.MAX_EXTRAS, "description": "At most ten extras"}


class PackageIn(Input):
    name: str = Field(min_length=1, max_length=40)
    price: MoneyOrMinorUnits = Field(description=money_description("the service's"))
    # Ranges stated, not checked, here: the service names the row at fault in its own words.
    delivery_days: WholeNumber = Field(json_schema_extra={"minimum": 1, "maximum": services.MAX_DELIVERY_DAYS})
    revisions: WholeNumber = Field(1, json_schema_extra={"minimum": 0, "maximum": services.MAX_REVISIONS})
    description: str = Field("", max_length=2000, description="What is included")


class ExtraIn(Input):
    title: str = Field(min_length=1, max_length=120)
    price: MoneyOrMinorUnits = Field(description=money_description("the service's"))
    extra_days: WholeNumber = Field(0, json_schema_extra={"minimum": 0, "maximum": services.MAX_DELIVERY_DAYS})


class HourlieIn(Input):
    title: str = Field(min_length=1, max_length=120)
    description: str = Field(min_length=1, max_length=10000)
    category: CategorySlug
    skills: list[SkillSlug] = Field(default_factory=list, max_length=50, json_schema_extra=SKILL_COUNT)
    currency: Currency = Currency.GBP
    # Counts stated, not checked, here: the service names the limit in its own words.
    packages: list[PackageIn] = Field(max_length=20, json_schema_extra=PACKAGE_COUNT)
    extras: list[ExtraIn] = Field(default_factory=list, max_length=50, json_schema_extra=EXTRA_COUNT)


class HourliePatch(Patch):
    title: str | None = Field(None, max_length=120)
    description: str | None = Field(None, max_length=10000)
    category: CategorySlug | None = None
    skills: list[SkillSlug] | None = Field(None, max_length=50, json_schema_extra=SKILL_COUNT)
    currency: Currency | None = None
    packages: list[PackageIn] | None = Field(None, max_length=20, json_schema_extra=PACKAGE_COUNT)
    extras: list[ExtraIn] | None = Field(None, max_length=50, json_schema_extra=EXTRA_COUNT)


class HourlieFilters(PageQuery):
    q: str = Field("", max_length=200)
    category: str = Field("", max_length=80)
    skill: str = Field("", max_length=80)
    max_price: QueryMinorUnits | None = Field(
        None, ge=0, le=10**12, description="Minor units, in digits, on the cheapest package"
    )
    currency: Literal["", "GBP", "EUR", "USD"] = Field("", description="Only services priced in this currency")
    sort: Literal["newest", "relevance", "price", "-price"] = "newest"


class NoteIn(Input):
    note: str = Field("", max_length=2000, description="Why; operators must give one")


class OrderIn(Input):
    package: str = Field(max_length=40, description="The package's id or name")
    extras: list[str] = Field(default_factory=list, max_length=20, description="Extra ids")
    requirements: str = Field(max_length=5000, description="What the freelancer needs to start")
    payment: PaymentIn | None = Field(
        None, description="Pay at once (wallet or card); without it the order awaits payment"
    )


PRICED = ("packages", "extras")


def _prices(payload: HourlieIn | HourliePatch) -> dict[str, Money | int | None]:
    """Every price in a service's packages and extras, keyed by its field path."""
    return {f"{name}.{n}.price": row.price for name in PRICED for n, row in enumerate(getattr(payload, name) or [])}


def _in_currency(currency: str, fields: dict[str, Any], prices: dict[str, Money | int | None]) -> dict[str, Any]:
    """`fields` with every package's and extra's price as integer minor units of `currency`."""
    problem = _("Price the service in its currency (%(currency)s).") % {"currency": currency}
    units = minor_units_in(currency, prices, problem)
    for name in PRICED:
        if fields.get(name) is not None:
            fields[name] = [row | {"price": units[f"{name}.{n}.price"]} for n, row in enumerate(fields[name])]
    return fields


def _own_currency(hourlie_id: str, user: User) -> str:
    """The currency of one of the user's own services; anyone else's answers 404, as editing it would."""
    hourlie = selectors.hourlie_detail(hourlie_id=hourlie_id, viewer=user)
    if hourlie is None or hourlie.freelancer_id != user.pk:
        raise NotFound(_("No such service."))
    return hourlie.currency


# ---- endpoints -----------------------------------------------------------------------------------


@router.post("/hourlies", response={201: HourlieOut})
def hourlie_create(request: HttpRequest, payload: HourlieIn) -> Status[dict[str, Any]]:
    user = current_user(request)
    fields = _in_currency(payload.currency, payload.dict(), _prices(payload))
    hourlie = services.hourlie_publish(freelancer=user, **fields)
    return Status(201, detail_out(hourlie.pk, user))


@router.get("/hourlies", auth=OPTIONAL_AUTH, openapi_extra=ANYONE_MAY_READ, response=Page[HourlieSummaryOut])
def hourlie_list(request: HttpRequest, filters: Query[HourlieFilters]) -> dict[str, Any]:
    """Published services; no sign-in needed. Each item has `starting_price`, the cheapest package."""
    args = filters.dict()
    cursor, limit = args.pop("cursor"), args.pop("limit")
    page, next_cursor = page_of(selectors.hourlie_search(**args), cursor=cursor, limit=limit)
    return {"items": [hourlie_out(hourlie, full=False) for hourlie in page], "next_cursor": next_cursor}


@router.get("/hourlies/{hourlie_id}", auth=OPTIONAL_AUTH, openapi_extra=ANYONE_MAY_READ, response=HourlieOut)
def hourlie_get(request: HttpRequest, hourlie_id: str) -> dict[str, Any]:
    """Published services for anyone; paused and removed ones for their freelancer and operators."""
    return detail_out(hourlie_id, viewer(request))


@router.patch("/hourlies/{hourlie_id}", response=HourlieOut)
def hourlie_update(request: HttpRequest, hourlie_id: str, payload: HourliePatch) -> dict[str, Any]:
    user = current_user(request)
    changes = changes_of(payload)
    prices = _prices(payload)
    if money_objects_in(prices):  # bare integers (deprecated) need no currency to check against
        currency = payload.currency or _own_currency(hourlie_id, user)
        changes = _in_currency(currency, changes, prices)
    services.hourlie_update(hourlie_id=hourlie_id, by=user, **changes)
    return detail_out(hourlie_id, user)


@router.post("/hourlies/{hourlie_id}/pause", response=HourlieOut)
def hourlie_pause(request: HttpRequest, hourlie_id: str) -> dict[str, Any]:
    user = current_user(request)
    services.hourlie_pause(hourlie_id=hourlie_id, by=user)
    return detail_out(hourlie_id, user)


@router.post("/hourlies/{hourlie_id}/resume", response=HourlieOut)
def hourlie_resume(request: HttpRequest, hourlie_id: str) -> dict[str, Any]:
    user = current_user(request)
    services.hourlie_resume(hourlie_id=hourlie_id, by=user)
    return detail_out(hourlie_id, user)


@router.post("/hourlies/{hourlie_id}/remove", response=HourlieOut)
def hourlie_remove(request: HttpRequest, hourlie_id: str, payload: NoteIn | None = None) -> dict[str, Any]:
    user = current_user(request)
    services.hourlie_remove(hourlie_id=hourlie_id, by=user, note=payload.note if payload else "")
    return detail_out(hourlie_id, user)


@router.post("/hourlies/{hourlie_id}/orders", response={201: PaidOrderOut})
@idempotent
def order_create(request: HttpRequest, hourlie_id: str, payload: OrderIn) -> Status[dict[str, Any]]:
    """A client orders one package with extras: 201 with the order and its contract. With `payment` the one
    milestone is funded at once (status `paid`; a card needing 3-D Secure answers with `payment.next_action`);
    a refused payment cancels the order and answers with the reason."""
    user = current_user(request)
    fields = payload.dict(exclude={"payment"})
    payment = None
    if payload.payment is None:
        order = services.order_place(hourlie_id=hourlie_id, client=user, **fields)
    else:
        order, funding = order_payments.order_buy(
            hourlie_id=hourlie_id,
            client=user,
            method=payload.payment.method,
            card_token=payload.payment.card_token,
            idempotency_key=idempotency_key(request),
            **fields,
        )
        payment = funding.payment
        access_record(request=request, user=user, kind=AccessRecord.Kind.FUND)
    found = selectors.order_detail(order_id=order.pk, viewer=user)
    assert found is not None
    return Status(201, order_out(found) | {"payment": payment_out(payment) if payment else None})


@router.post("/orders/{order_id}/pay", response=PaidOrderOut)
@idempotent
def order_pay(request: HttpRequest, order_id: str, payload: PaymentIn) -> dict[str, Any]:
    """The client pays an order awaiting payment, from the wallet or by card."""
    user = current_user(request)
    funding = order_payments.order_pay(
        order_id=order_id,
        by=user,
        method=payload.method,
        card_token=payload.card_token,
        idempotency_key=idempotency_key(request),
    )
    access_record(request=request, user=user, kind=AccessRecord.Kind.FUND)
    found = selectors.order_detail(order_id=order_id, viewer=user)
    assert found is not None
    return order_out(found) | {"payment": payment_out(funding.payment) if funding.payment else None}


class CancelIn(Input):
    note: str = Field("", max_length=500)


@router.post("/orders/{order_id}/cancel", response=OrderOut)
def order_cancel(request: HttpRequest, order_id: str, payload: CancelIn | None = None) -> dict[str, Any]:
    """The client cancels an order that is still awaiting payment; its contract ends."""
    user = current_user(request)
    services.order_cancel(order_id=order_id, by=user, note=payload.note if payload else "")
    found = selectors.order_detail(order_id=order_id, viewer=user)
    assert found is not None
    return order_out(found)


@router.get("/orders", response=Page[OrderOut])
def order_list(request: HttpRequest, query: Query[PageQuery]) -> dict[str, Any]:
    """Orders you placed as a client or received as a freelancer, newest first."""
    orders = selectors.orders_for(user=current_user(request))
    return paginate(orders, cursor=query.cursor, limit=query.limit, serialize=order_out)
