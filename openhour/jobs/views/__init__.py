"""Pages of jobs, one module per noun."""
