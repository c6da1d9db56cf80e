"""API endpoints of accounts, one module per noun."""
