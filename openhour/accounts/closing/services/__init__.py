"""Writes of closing an account: `account_close` (close.py) and what it causes, the work it winds down
(wind_down.py), the personal data it erases (erase.py), and the records erased once the law lets go (retention.py)."""
