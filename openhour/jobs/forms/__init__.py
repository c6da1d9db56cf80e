"""Forms of jobs, one module per noun."""
