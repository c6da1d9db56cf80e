"""How big each part is for a size, and the shares every stage draws from."""

from dataclasses import dataclass

SIZES = {"10k": 10_000, "100k": 100_000, "1m": 1_000_000}
PROPOSALS_PER_PROJECT = 5
HIRED, OPEN = 0.62, 0.25  # shares of projects; the rest were closed by their client
ENDED = 0.85  # share of contracts that ended with money released (and so were reviewed)
HOURLY = 0.3  # share of projects paid by the hour


def projects_in(size: str) -> int:
    """'10k', '100k', '1m' or a plain number (tests use a few hundred)."""
    return SIZES[size.lower()] if size.lower() in SIZES else int(size)


@dataclass(frozen=True)
class Plan:
    size: str
    seed: int = 1

    @property
    def projects(self) -> int:
        return projects_in(self.size)

    @property
    def freelancers(self) -> int:
        return max(self.projects // 5, PROPOSALS_PER_PROJECT * 2)

    @property
    def clients(self) -> int:
        return max(self.projects // 20, 3)

    @property
    def reviews(self) -> int:
        return self.projects
