"""Writes of reviews, one module per noun."""
