"""Payouts: payout methods, withdrawals as a process, and the providers that send the money."""
