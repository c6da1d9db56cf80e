"""Pages of money, one module per noun."""
