"""API endpoints of reviews, one module per noun."""
