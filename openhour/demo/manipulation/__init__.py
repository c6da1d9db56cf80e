"""Labelled review manipulation and honest life played into the marketplace by seeded generators (`redteam`,
`honest`, `generate`), and how well the checks tell them apart (`audit`)."""
