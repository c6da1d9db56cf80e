"""Pages of contracts, one module per noun."""
