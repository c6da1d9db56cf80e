"""Who lives in the demo marketplace: the shapes of the data, the clients and the operator.

The freelancers are in `freelancers.py`. Websites and links use the reserved `.example` domain,
so nothing in the demo points at a real business.
"""

from dataclasses import dataclass

EMAIL_DOMAIN = "demo.openhour.test"


@dataclass(frozen=True)
class Sample:
    """One portfolio item; `style` names the composition in `artwork.STYLES` that pictures it."""

    title: str
    description: str
    style: str
    link: str = ""


@dataclass(frozen=True)
class Company:
    name: str
    size: str
    website: str


@dataclass(frozen=True)
class Freelancer:
    username: str
    name: str
    headline: str
    bio: str
    skills: tuple[str, ...]
    rate: int  # minor units per hour
    currency: str
    country: str
    languages: tuple[str, ...]
    portfolio: tuple[Sample, ...]
    availability: str = "available"
    hires_as: Company | None = None  # someone who also hires for their own business
    language: str = ""  # what they read the site in; empty: as their browser asks
    time_zone: str = ""


@dataclass(frozen=True)
class Client:
    username: str
    name: str
    company: Company
    country: str
    currency: str
    bio: str
    languages: tuple[str, ...] = ("en",)
    language: str = ""  # what they read the site in; empty: as their browser asks
    time_zone: str = ""


@dataclass(frozen=True)
class Operator:
    username: str = "operator"
    name: str = "Site Operator"


def email_for(username: str) -> str:
    return f"{username}@{EMAIL_DOMAIN}"


OPERATOR = Operator()

CLIENTS: tuple[Client, ...] = (
    Client(
        "ollie-grant",
        "Ollie Grant",
        Company("Harbour Roast Coffee", "11-50", "https://harbourroast.example"),
        "GB",
        "GBP",
        "We roast speciality coffee in Bristol and run three cafés. We hire designers and writers for packaging, "
        "the website and the odd wholesale brochure.",
    ),
    Client(
        "katrin-vogel",
        "Katrin Vogel",
        Company("Northwind Logistik", "51-200", "https://northwind-logistik.example"),
        "DE",
        "EUR",
        "Freight forwarding between Hamburg and the Nordics. Our product team works with freelance developers and "
        "data people on the customer portal and route planning.",
        ("de", "en"),
    ),
    Client(
        "jordan-ellis",
        "Jordan Ellis",
        Company("Brightside Health", "11-50", "https://brightside-health.example"),
        "US",
        "USD",
        "A physiotherapy app for people recovering from knee and hip surgery. We need clear copy, careful UX and "
        "someone who understands health data rules.",
    ),
    Client(
        "maya-thompson",
        "Maya Thompson",
        Company("Little Fern", "2-10", "https://littlefern.example"),
        "GB",
        "GBP",
        "Organic cotton clothes for small children, sold online and at markets. Mostly photography, illustration "
        "and Shopify work.",
    ),
    Client(
        "sanne-de-vries",
        "Sanne de Vries",
        Company("Atlas Outdoor", "51-200", "https://atlas-outdoor.example"),
        "NL",
        "EUR",
        "Tents, packs and repairs for long-distance walkers. We commission product shoots, translations and "
        "paid social campaigns for each season's launch.",
        ("nl", "en", "de"),
    ),
    Client(
        "niamh-walsh",
        "Niamh Walsh",
        Company("Kite & Key Lettings", "2-10", "https://kiteandkey.example"),
        "IE",
        "EUR",
        "A small lettings agency in Galway. We look for help with the website, listings photography and keeping "
        "the books tidy.",
        ("en", "ga"),
    ),
    Client(
        "lucia-fernandez",
        "Lucía Fernández",
        Company("Higo Cocina", "11-50", "https://higococina.example"),
        "ES",
        "EUR",
        "Two restaurants and a catering kitchen in Valencia. Menus, a booking site, social media and now a "
        "cookbook project.",
        ("es", "en"),
    ),
    Client(
        "julien-moreau",
        "Julien Moreau",
        Company("Mer Ouverte", "11-50", "https://merouverte.example"),
        "FR",
        "EUR",
        "A marine conservation charity. We hire grant writers, translators and video editors for our field "
        "reports and funding applications.",
        ("fr", "en"),
    ),
    Client(
        "ravi-patel",
        "Ravi Patel",
        Company("Pixelmint Games", "11-50", "https://pixelmint.example"),
        "CA",
        "USD",
        "An indie studio in Toronto making cosy puzzle games. We bring in animators, sound designers and "
        "community managers around each release.",
    ),
    Client(
        "zoe-clarke",
        "Zoe Clarke",
        Company("Zoe Clarke Coaching", "1", "https://zoeclarke.example"),
        "GB",
        "GBP",
        "I coach first-time managers. I hire for the occasional website refresh, a newsletter and help with "
        "bookkeeping at year end.",
    ),
    # People who read the site in French and German, with their profiles in their own language.
    Client(
        "helene-marchand",
        "Hélène Marchand",
        Company("Atelier Lumière", "11-50", "https://atelier-lumiere.example"),
        "FR",
        "EUR",
        "Nous fabriquons des luminaires en laiton et en verre soufflé dans notre atelier de la Croix-Rousse, à "
        "Lyon. Nous faisons appel à des indépendants pour notre boutique en ligne, nos photos et nos catalogues.",
        ("fr", "en"),
        language="fr",
        time_zone="Europe/Paris",
    ),
    Client(
        "greta-hoffmann",
        "Greta Hoffmann",
        Company("Grünwerk Möbel", "11-50", "https://gruenwerk-moebel.example"),
        "DE",
        "EUR",
        "Wir bauen Möbel aus heimischem Holz in einer Werkstatt in Leipzig-Plagwitz und verkaufen sie online in "
        "ganz Europa. Für Übersetzungen, Fotos und unseren Shop arbeiten wir gern mit Freiberuflern.",
        ("de", "en"),
        language="de",
        time_zone="Europe/Berlin",
    ),
)
