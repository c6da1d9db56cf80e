"""Pages of reviews.integrity, one module per noun."""
