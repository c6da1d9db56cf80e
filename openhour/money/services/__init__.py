"""Writes of money, one module per noun."""
