"""Money models: the ledger, card payments, pair billings, payouts and invoices."""

from openhour.money.models.invoices import Invoice, InvoiceSequence, VatTreatment
from openhour.money.models.ledger import Account, FxRate, Phase, Purpose, Transfer
from openhour.money.models.payments import Billing, IdempotentRequest, Payment, WebhookEvent
from openhour.money.models.payouts import Payout, PayoutBatch, PayoutEvent, PayoutMethod, PayoutTimer

__all__ = [
    "Account",
    "Billing",
    "FxRate",
    "IdempotentRequest",
    "Invoice",
    "InvoiceSequence",
    "Payment",
    "Payout",
    "PayoutBatch",
    "PayoutEvent",
    "PayoutMethod",
    "PayoutTimer",
    "Phase",
    "Purpose",
    "Transfer",
    "VatTreatment",
    "WebhookEvent",
]
