"""API endpoints of catalog, one module per noun."""
