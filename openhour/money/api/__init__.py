"""API endpoints of money, one module per noun."""
