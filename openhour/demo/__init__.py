"""Demo and red-team data: the demo marketplace (`manage.py seed_demo`), the demo operator's second factor
(`manage.py demo_totp`) and labelled review manipulation with its audit (`manage.py seed_manipulation`,
`manage.py review_audit`). Nothing in the product imports this package."""
