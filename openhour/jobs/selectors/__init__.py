"""Reads of jobs, one module per noun."""
