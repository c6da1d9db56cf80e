"""Operators' analytics: the market's figures per week or month, on a page, as CSV and over the API."""
