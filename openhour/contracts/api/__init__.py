"""API endpoints of contracts, one module per noun."""
