"""Forms of contracts, one module per noun."""
