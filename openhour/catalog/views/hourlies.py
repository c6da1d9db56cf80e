"""Pages for Hourlies: browse services, publish and edit one, compare its packages and order, see an order."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from openhour.catalog.forms.hourlies import HourlieFilterForm, HourlieForm, OrderForm
from openhour.catalog.models import Hourlie, Order
from openhour.catalog.selectors import hourlies as selectors
from openhour.catalog.services import hourlies as services
from openhour.catalog.services import order_payments
from openhour.catalog.views import order_confirm
from openhour.contracts.forms.contracts import PaymentForm
from openhour.contracts.views.confirm import confirmed
from openhour.contracts.views.contracts import after_funding
from openhour.lib.errors import Conflict, DomainError, InvalidInput, NotAllowed, NotFound
from openhour.lib.process import CLIENT, FREELANCER, SYSTEM, allowed_actions, statuses_allowing
from openhour.lib.web import AuthenticatedHttpRequest, add_domain_error, filtered_list
from openhour.money.services import escrow
from openhour.reviews.integrity.access import access_record
from openhour.reviews.integrity.models import AccessRecord

PAGE_SIZE = 20


PAID = gettext_lazy("Your order is paid. The money waits in escrow until you approve the work.")


def hourlies(request: HttpRequest) -> HttpResponse:
    form = HourlieFilterForm(request.GET or None)
    args = form.search_args() if form.is_valid() else {}
    return filtered_list(
        request,
        form=form,
        rows=selectors.hourlie_search(**args),
        per_page=PAGE_SIZE,
        page="catalog/hourlie_list.html",
        fragment="catalog/_hourlie_results.html",
    )


@login_required
def hourlie_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Who may not publish is told why before filling in anything."""
    user = request.user
    form = HourlieForm(request.POST if request.method == "POST" else None)
    try:
        services.hourlie_publish_check(freelancer=user)
        if request.method == "POST" and form.is_valid():
            hourlie = services.hourlie_publish(freelancer=user, **form.changes())
            messages.success(request, _("Your service is published. Clients can find it and order it now."))
            return redirect("hourlie_detail", hourlie.pk)
    except NotAllowed as refusal:
        return render(request, "error.html", {"error": refusal}, status=refusal.status)
    except InvalidInput as error:
        form.add_service_error(error)
    return _form_page(request, form, hourlie=None)


def hourlie_detail(request: HttpRequest, hourlie_id: int) -> HttpResponse:
    hourlie = selectors.hourlie_detail(hourlie_id=hourlie_id, viewer=request.user)
    if hourlie is None:  # paused and removed services answer like missing ones to all but their freelancer
        raise NotFound(_("No such service."))
    form = OrderForm(request.POST if request.method == "POST" else None, hourlie=hourlie)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if form.is_valid() and not confirmed(request):
            return order_confirm.confirm_buy(request, hourlie, form.cleaned_data)  # type: ignore[arg-type]
        if form.is_valid() and order_confirm.buy_moved(request, hourlie, form.cleaned_data):  # type: ignore[arg-type]
            return order_confirm.confirm_buy(request, hourlie, form.cleaned_data, moved=True)  # type: ignore[arg-type]
        if form.is_valid():
            data = form.cleaned_data
            try:
                order, funding = order_payments.order_buy(
                    hourlie_id=hourlie.pk,
                    client=request.user,
                    package=data["package"],
                    extras=data["extras"],
                    requirements=data["requirements"],
                    method=data["method"],
                    card_token=data["card_token"] or "",
                )
            except DomainError as error:
                if error.status in (403, 404):  # not theirs to order: the error page, not the form
                    raise
                add_domain_error(form, error)
            else:
                access_record(request=request, user=request.user, kind=AccessRecord.Kind.FUND)
                return after_funding(request, funding, str(PAID), reverse("order_detail", args=[order.pk]))
    return _detail_page(request, hourlie, form)


def _detail_page(request: HttpRequest, hourlie: Hourlie, form: OrderForm) -> HttpResponse:
    user = request.user
    is_owner = hourlie.freelancer_id == user.pk
    can_order = user.is_authenticated and getattr(user, "is_client", False) and not is_owner
    return render(
        request,
        "catalog/hourlie_detail.html",
        {
            "hourlie": hourlie,
            "packages": list(hourlie.packages.all()),
            "extras": list(hourlie.extras.all()),
            "skills": list(hourlie.skills.all()),
            "is_owner": is_owner,
            "actions": allowed_actions(hourlie, FREELANCER if is_owner else None),  # from Hourlie.TRANSITIONS
            "can_order": can_order,
            "form": form,
        },
        status=400 if form.errors else 200,
    )


@login_required
def hourlie_edit(request: AuthenticatedHttpRequest, hourlie_id: int) -> HttpResponse:
    user = request.user
    hourlie = selectors.hourlie_detail(hourlie_id=hourlie_id, viewer=user)
    if hourlie is None or hourlie.freelancer_id != user.pk:
        raise NotFound(_("No such service."))
    if hourlie.status == Hourlie.Status.REMOVED:
        raise Conflict(_("A removed service cannot be edited."), code="hourlie_removed")
    initial = HourlieForm.initial_for(hourlie)
    extra_rows = max(3, len(hourlie.extras.all()))
    form = HourlieForm(request.POST if request.method == "POST" else None, initial=initial, extra_rows=extra_rows)
    if request.method == "POST" and form.is_valid():
        try:
            services.hourlie_update(hourlie_id=hourlie.pk, by=user, **form.changes())
        except InvalidInput as error:
            form.add_service_error(error)
        except Conflict as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Your changes are saved."))
            return redirect("hourlie_detail", hourlie.pk)
    return _form_page(request, form, hourlie=hourlie)


@login_required
@require_POST
def hourlie_pause(request: AuthenticatedHttpRequest, hourlie_id: int) -> HttpResponse:
    services.hourlie_pause(hourlie_id=hourlie_id, by=request.user)
    messages.success(request, _("Your service is paused: it is hidden and takes no orders until you resume it."))
    return redirect("hourlie_detail", hourlie_id)


@login_required
@require_POST
def hourlie_resume(request: AuthenticatedHttpRequest, hourlie_id: int) -> HttpResponse:
    services.hourlie_resume(hourlie_id=hourlie_id, by=request.user)
    messages.success(request, _("Your service is listed again."))
    return redirect("hourlie_detail", hourlie_id)


@login_required
@require_POST
def hourlie_remove(request: AuthenticatedHttpRequest, hourlie_id: int) -> HttpResponse:
    services.hourlie_remove(hourlie_id=hourlie_id, by=request.user)
    messages.success(request, _("Your service is removed. Orders already placed are not affected."))
    return redirect("hourlies")


@login_required
def order_detail(request: AuthenticatedHttpRequest, order_id: int) -> HttpResponse:
    order = selectors.order_detail(order_id=order_id, viewer=request.user)
    if order is None:
        raise NotFound(_("No such order."))
    return _order_page(request, order, PaymentForm())


def _order_page(request: HttpRequest, order: Order, form: PaymentForm) -> HttpResponse:
    milestones = list(order.contract.milestones.all()) if order.contract else []
    is_client = order.client_id == request.user.pk
    # Order.TRANSITIONS: the payment is applied by the system; the client may cancel until then
    awaiting = order.status in statuses_allowing(Order, "pay", SYSTEM)
    return render(
        request,
        "catalog/order_detail.html",
        {
            "order": order,
            "extras": list(order.extras.all()),
            "milestones": milestones,
            "is_client": is_client,
            "awaiting": awaiting,
            "actions": allowed_actions(order, CLIENT if is_client else None),
            "form": form,
            "funding": escrow.funding_quote(milestones[0]) if awaiting and is_client and milestones else None,
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def order_pay(request: AuthenticatedHttpRequest, order_id: int) -> HttpResponse:
    order = selectors.order_detail(order_id=order_id, viewer=request.user)
    if order is None or order.client_id != request.user.pk:
        raise NotFound(_("No such order."))
    form = PaymentForm(request.POST)
    if form.is_valid() and not confirmed(request) and order.status == Order.Status.AWAITING_PAYMENT:
        return order_confirm.confirm_pay(request, order, form.cleaned_data["method"])
    if form.is_valid():
        try:
            funding = order_payments.order_pay(
                order_id=order.pk,
                by=request.user,
                method=form.cleaned_data["method"],
                card_token=form.cleaned_data["card_token"] or "",
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            access_record(request=request, user=request.user, kind=AccessRecord.Kind.FUND)
            return after_funding(request, funding, str(PAID), reverse("order_detail", args=[order.pk]))
    return _order_page(request, order, form)


@login_required
@require_POST
def order_cancel(request: AuthenticatedHttpRequest, order_id: int) -> HttpResponse:
    services.order_cancel(order_id=order_id, by=request.user)
    messages.success(request, _("Your order is cancelled. Nothing was charged."))
    return redirect("order_detail", order_id)


def _form_page(request: HttpRequest, form: HourlieForm, *, hourlie: Hourlie | None) -> HttpResponse:
    return render(
        request, "catalog/hourlie_form.html", {"form": form, "hourlie": hourlie}, status=400 if form.errors else 200
    )
