"""The wallet pages: balances and history (with a CSV export), paying in by card, converting between wallets."""

import csv
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse, QueryDict, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from openhour.accounts.models import User
from openhour.lib.errors import DomainError
from openhour.lib.money import MINOR_UNITS, format_money
from openhour.lib.web import AuthenticatedHttpRequest, add_domain_error
from openhour.money import fx, selectors
from openhour.money.forms import AmountForm, ConvertForm, DepositForm, HistoryFilterForm, fresh_key
from openhour.money.models import Payment, Phase, Purpose, Transfer
from openhour.money.services import payments
from openhour.money.wording import transfer_description
from openhour.reviews.integrity.access import access_record
from openhour.reviews.integrity.models import AccessRecord

PER_PAGE = 25


@dataclass(frozen=True)
class HistoryLine:
    at: datetime
    description: str
    kind: str
    amount: int  # signed change to the person's money, as the API reports it; 0 for holds and own moves
    gross: int  # the whole transfer
    currency: str
    effect: str  # in, out, held (reserved for a payout), released (a reservation ended), moved (own accounts)
    note: str  # the effect in words, for lines whose amount is not a plain plus or minus

    @property
    def shown(self) -> str:
        """The amount with a sign or a word, so the colour is never the only clue."""
        text = format_money(self.gross, self.currency)
        return {"in": "+" + text, "out": "\u2212" + text}.get(self.effect, text)


def history_line(transfer: Transfer, user: User) -> HistoryLine:
    amount = selectors.line_for(transfer=transfer, user=user)["amount"]["amount"]
    effect, note = _effect(transfer, amount)
    label = selectors.kind_label(transfer.kind)
    description = transfer_description(transfer) or label
    return HistoryLine(
        at=transfer.created_at,
        description=description,
        kind=label,
        amount=amount,
        gross=transfer.amount,
        currency=transfer.currency,
        effect=effect,
        note=note,
    )


def _effect(transfer: Transfer, amount: int) -> tuple[str, str]:
    if transfer.phase == Phase.PENDING:
        return "held", _("on hold")
    if transfer.phase == Phase.VOID_PENDING:
        return "released", pgettext("a hold on money lifted", "released")
    if amount:
        return ("in", "") if amount > 0 else ("out", "")
    if transfer.credit.purpose == Purpose.ESCROW:
        return "moved", _("into escrow")
    if transfer.debit.purpose == Purpose.ESCROW:
        return "moved", _("out of escrow")
    if transfer.credit.purpose == Purpose.PAYOUTS_IN_FLIGHT:
        return "moved", _("sent for payout")
    if transfer.debit.purpose == Purpose.PAYOUTS_IN_FLIGHT:
        return "moved", _("back from payout")
    return "moved", _("between your accounts")


@login_required
def wallet(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = HistoryFilterForm(request.GET)
    rows = selectors.transactions_for(user=request.user, **form.filters())
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "balances": selectors.balances_for(user=request.user),
        "form": form,
        "page": page,
        "lines": [history_line(transfer, request.user) for transfer in page],
        "query": query.urlencode(),
        "filtered": any(form.filters().values()),
    }
    return render(request, "money/wallet/wallet.html", context)


class _Echo:
    """A file-like sink for csv.writer that hands each row back to the streaming response."""

    def write(self, value: str) -> str:
        return value


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"-?\d+(\.\d+)?")


def safe_cell(value: Any) -> str:
    """Keep spreadsheets from running a cell as a formula; plain numbers (negative ones too) stay numbers."""
    text = str(value)
    if text.startswith(FORMULA_STARTS) and not PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def major(amount: int, currency: str) -> str:
    """Minor units as a plain decimal in major units: -1250 GBP -> -12.50."""
    places = len(str(MINOR_UNITS[currency])) - 1
    return f"{Decimal(amount).scaleb(-places):.{places}f}"


def _csv_rows(lines: Iterable[HistoryLine]) -> Iterator[list[str]]:
    """`amount` is the signed change to your money (the column to sum); `gross` is the whole transfer."""
    yield ["date", "description", "kind", "amount", "gross", "currency", "effect"]
    for line in lines:
        yield [
            line.at.astimezone(UTC).isoformat(timespec="seconds"),
            line.description,
            line.kind,
            major(line.amount, line.currency),
            major(line.gross, line.currency),
            line.currency,
            line.effect,
        ]


def _csv_line(transfer: Transfer, user: User) -> HistoryLine:
    """The export is for spreadsheets and scripts, like its ISO dates, plain decimals and column keys: its words
    are in the site's language whoever downloads it, so a reconciliation that matches them keeps working (the
    streamed rows are written after the request's language is gone, so it is chosen here, not inherited)."""
    with translation.override(settings.LANGUAGE_CODE):
        return history_line(transfer, user)


@login_required
def history_csv(request: AuthenticatedHttpRequest) -> StreamingHttpResponse:
    form = HistoryFilterForm(request.GET)
    user = request.user
    rows = selectors.transactions_for(user=user, **form.filters()).iterator(chunk_size=500)
    writer = csv.writer(_Echo())
    lines = (_csv_line(transfer, user) for transfer in rows)
    body = (writer.writerow([safe_cell(cell) for cell in row]) for row in _csv_rows(lines))
    response = StreamingHttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="wallet-history.csv"'
    return response


def _renew_key(form: AmountForm, **fields: str) -> None:
    """Every form shown carries a new key, so a retry (another card, another amount) is a new request."""
    if form.is_bound:
        data = QueryDict(mutable=True)
        data.update(form.data)
        for name, value in {"key": fresh_key(), **fields}.items():
            data[name] = value  # QueryDict.update would append, not replace
        form.data = data


@login_required
def deposit(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = DepositForm(request.POST or None, initial={"key": fresh_key(), "currency": request.user.currency})
    charge = None
    if request.method == "POST" and form.is_valid():
        currency = form.cleaned_data["currency"]
        charge = {"amount": form.minor(currency), "currency": currency}
        if "pay" in request.POST:
            try:
                payment = payments.deposit_start(
                    payer=request.user,
                    amount=charge["amount"],
                    currency=currency,
                    card_token=form.cleaned_data["card_token"],
                    idempotency_key=_key(form, "deposit"),
                )
            except DomainError as error:
                add_domain_error(form, error)
            else:
                access_record(request=request, user=request.user, kind=AccessRecord.Kind.DEPOSIT)
                if payment.status == Payment.Status.REQUIRES_ACTION:  # our page links on to the bank (see CSP)
                    return redirect("payment_authenticate", payment.pk)
                messages.success(request, _("%(amount)s paid into your wallet.") % {"amount": _money(charge)})
                return redirect("wallet")
    _renew_key(form)
    status = 400 if form.errors else 200
    return render(request, "money/wallet/deposit.html", {"form": form, "charge": charge}, status=status)


@login_required
def convert(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = ConvertForm(request.POST or None, initial={"key": fresh_key(), "from_currency": request.user.currency})
    quote = None
    if request.method == "POST" and form.is_valid():
        try:
            if "convert" in request.POST and form.cleaned_data["previewed"] == form.request_mark():
                return _convert(request, form)
            quote = _quote(form)
        except DomainError as error:
            add_domain_error(form, error)
    _renew_key(form, previewed=form.request_mark() if quote else "")
    status = 400 if form.errors else 200
    balances = selectors.balances_for(user=request.user)
    return render(
        request, "money/wallet/convert.html", {"form": form, "quote": quote, "balances": balances}, status=status
    )


def _quote(form: ConvertForm) -> selectors.ConversionQuote:
    source, target = form.cleaned_data["from_currency"], form.cleaned_data["to_currency"]
    return selectors.conversion_quote(amount=form.minor(source), from_currency=source, to_currency=target)


def _convert(request: AuthenticatedHttpRequest, form: ConvertForm) -> HttpResponse:
    source, target = form.cleaned_data["from_currency"], form.cleaned_data["to_currency"]
    done = fx.wallet_convert(
        user=request.user,
        amount=form.minor(source),
        from_currency=source,
        to_currency=target,
        idempotency_key=_key(form, "convert"),
    )
    text = _("Converted %(amount)s into %(received)s (fee %(fee)s).") % {
        "amount": format_money(done.amount, source),
        "received": format_money(done.received, target),
        "fee": format_money(done.fee, target),
    }
    messages.success(request, text)
    return redirect("wallet")


def _key(form: AmountForm, what: str) -> str:
    key = form.cleaned_data.get("key") or ""
    return f"wallet-{what}:{key}" if key else ""


def _money(amount: dict[str, Any]) -> str:
    return format_money(amount["amount"], amount["currency"])
