"""The pages the law asks for, edited by operators and versioned, and each person's acceptance of the terms."""
