"""Pages of accounts, one module per noun."""
