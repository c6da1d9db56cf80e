"""Reads of catalog, one module per noun."""
