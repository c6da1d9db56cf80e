"""Writes of contracts, one module per noun."""
