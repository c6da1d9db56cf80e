"""Payout providers: `manual_bank` (SEPA files), `paypal` (Payouts API) and `wire` (by hand, with a reference)."""
