"""Pages of catalog, one module per noun."""
