"""Prometheus metrics at /metrics: requests by route and their latency, counted by a middleware, and figures of
the market read from the database at scrape time (task queue, ledger, payouts waiting)."""
