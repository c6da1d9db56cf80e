"""Labelled review manipulation planted into the demo (`scenarios`), and how well the checks catch it (`audit`)."""
