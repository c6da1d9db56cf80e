"""Reputation levels for freelancers ("Rising talent", "Top rated", "Top rated plus"): published, rule-based
criteria (rules.py), recomputed nightly by the timers, shown as badges that link to /trust/levels."""
