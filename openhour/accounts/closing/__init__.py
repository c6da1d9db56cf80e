"""Closing an account: the refusals while money or a dispute is open, the erasure, and what the law keeps."""
