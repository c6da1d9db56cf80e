"""Text and skew: titles, descriptions and messages drawn from a word list with Zipf-like frequencies, so that
full-text search meets very common words and words that occur in a handful of documents."""

import bisect
import itertools
import random

COMMON = [
    "website",
    "design",
    "logo",
    "app",
    "mobile",
    "android",
    "ios",
    "wordpress",
    "shopify",
    "store",
    "online",
    "shop",
    "brand",
    "marketing",
    "seo",
    "content",
    "writer",
    "copy",
    "blog",
    "article",
    "video",
    "editing",
    "animation",
    "illustration",
    "photo",
    "product",
    "data",
    "analysis",
    "excel",
    "dashboard",
    "report",
    "python",
    "django",
    "react",
    "javascript",
    "api",
    "backend",
    "frontend",
    "database",
    "migration",
    "cloud",
    "server",
    "linux",
    "security",
    "audit",
    "translation",
    "french",
    "german",
    "spanish",
    "english",
    "proofreading",
    "newsletter",
    "email",
    "campaign",
    "social",
    "media",
    "ads",
    "landing",
    "page",
    "booking",
    "system",
    "payment",
    "integration",
    "invoice",
    "accounting",
    "bookkeeping",
    "tax",
    "consultant",
    "strategy",
    "business",
    "plan",
    "pitch",
    "deck",
    "presentation",
    "research",
    "survey",
    "interview",
    "podcast",
    "audio",
    "voice",
    "music",
    "mixing",
    "podcast",
    "label",
    "packaging",
    "print",
    "flyer",
    "brochure",
    "menu",
    "restaurant",
    "hotel",
    "travel",
    "fitness",
    "coach",
    "health",
    "clinic",
    "dental",
    "school",
    "course",
    "lesson",
    "tutor",
    "training",
    "recruitment",
    "legal",
    "contract",
    "review",
    "property",
    "estate",
    "agent",
    "cafe",
    "bakery",
    "fashion",
    "jewellery",
    "furniture",
    "interior",
    "garden",
    "cleaning",
    "removals",
    "plumbing",
    "electrician",
    "builder",
    "architect",
    "drawing",
    "plan",
]
SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "ren",
    "tor",
    "vi",
    "sa",
    "quel",
    "dran",
    "bex",
    "ul",
    "nor",
    "fi",
    "zam",
    "pe",
    "ost",
    "ry",
    "gan",
    "tis",
    "mur",
    "el",
    "vo",
    "hask",
    "pli",
]
RARE = ["".join(parts) for parts in itertools.product(SYLLABLES, repeat=3)]  # 13,824 invented words
VOCABULARY = COMMON + RARE
OPENINGS = ["Need", "Looking for", "Help with", "Wanted:", "Urgent:", "Build", "Redesign", "Fix", "Improve"]


GUIDE = 1 << 16  # buckets of a draw's range in Zipf's guide table


class Zipf:
    """Draws 0..n-1 with probability proportional to 1/(rank+1)^s: bisect_left over the cumulative weights, narrowed
    by a guide table to the few ranks whose weights can hold the draw (the same rank as a bisect over all of them,
    in a fraction of the time: the generator makes a few hundred million draws at 1M)."""

    def __init__(self, n: int, s: float = 1.0) -> None:
        self.cumulative = list(itertools.accumulate(1 / (rank + 1) ** s for rank in range(n)))
        self.total = self.cumulative[-1]
        self.scale = GUIDE / self.total
        # guide[b]: the first rank reaching the start of bucket b - 1, so a draw in bucket b lies between guide[b]
        # and guide[b + 3]: one bucket either side absorbs the rounding at the edges
        self.guide = [bisect.bisect_left(self.cumulative, (b - 1) * self.total / GUIDE) for b in range(GUIDE + 4)]
        # the rank of every draw in bucket b when those bounds meet (most draws: common words span many buckets)
        self.direct = [self.guide[b] if self.guide[b] == self.guide[b + 3] else -1 for b in range(GUIDE + 1)]

    def draw(self, rng: random.Random) -> int:
        x = rng.random() * self.total
        bucket = int(x * self.scale)
        return bisect.bisect_left(self.cumulative, x, self.guide[bucket], self.guide[bucket + 3])


WORDS = Zipf(len(VOCABULARY), 1.05)


def words(rng: random.Random, count: int) -> list[str]:
    """`count` draws of WORDS.draw, inlined: they make most of the generator's own time."""
    cumulative, guide, direct, scale, total = WORDS.cumulative, WORDS.guide, WORDS.direct, WORDS.scale, WORDS.total
    draw, bisect_left, drawn = rng.random, bisect.bisect_left, []
    for _ in range(count):
        x = draw() * total
        bucket = int(x * scale)
        rank = direct[bucket]
        drawn.append(VOCABULARY[rank if rank >= 0 else bisect_left(cumulative, x, guide[bucket], guide[bucket + 3])])
    return drawn


def title(rng: random.Random) -> str:
    return f"{rng.choice(OPENINGS)} {' '.join(words(rng, rng.randint(3, 6)))}"[:120]


def paragraph(rng: random.Random, low: int = 25, high: int = 60) -> str:
    text = " ".join(words(rng, rng.randint(low, high)))
    return text[0].upper() + text[1:] + "."


def person_name(rng: random.Random, number: int) -> str:
    first = rng.choice(
        [
            "Ada",
            "Ben",
            "Cleo",
            "Dev",
            "Elif",
            "Finn",
            "Gita",
            "Hugo",
            "Ines",
            "Jon",
            "Kemi",
            "Lars",
            "Mia",
            "Nico",
            "Omar",
            "Pia",
            "Ravi",
            "Sofia",
        ]
    )
    return f"{first} {RARE[number % len(RARE)].title()}"
