"""API endpoints of jobs, one module per noun."""
