"""Pages of reviews, one module per noun."""
