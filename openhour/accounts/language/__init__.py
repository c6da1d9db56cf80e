"""Each person's language and time zone: the /fr/… addresses, the switcher, the setting and its API."""
