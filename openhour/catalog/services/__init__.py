"""Writes of catalog, one module per noun."""
