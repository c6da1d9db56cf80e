"""Writes of identity checks: starting one (`checks`), deciding it (`decisions`), its documents (`files`)."""
