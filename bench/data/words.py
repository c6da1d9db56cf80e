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


class Zipf:
    """Draws 0..n-1 with probability proportional to 1/(rank+1)^s, by bisecting the cumulative weights."""

    def __init__(self, n: int, s: float = 1.0) -> None:
        self.cumulative = list(itertools.accumulate(1 / (rank + 1) ** s for rank in range(n)))

    def draw(self, rng: random.Random) -> int:
        return bisect.bisect_left(self.cumulative, rng.random() * self.cumulative[-1])


WORDS = Zipf(len(VOCABULARY), 1.05)


def words(rng: random.Random, count: int) -> list[str]:
    return [VOCABULARY[WORDS.draw(rng)] for _ in range(count)]


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
