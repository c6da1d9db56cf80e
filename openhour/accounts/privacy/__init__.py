"""A person's data: the archive they download, and the log of who read or exported personal data."""
