"""Writes of jobs, one module per noun."""
