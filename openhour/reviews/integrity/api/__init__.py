"""API endpoints of reviews.integrity, one module per noun."""
