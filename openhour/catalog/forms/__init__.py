"""Forms of catalog, one module per noun."""
