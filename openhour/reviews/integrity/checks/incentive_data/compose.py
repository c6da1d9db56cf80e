"""Write the labelled set (en.jsonl, fr.jsonl) from the hand-written families in compose_en and compose_fr, and
the later ones in more_en and more_fr (whose slots fall back on the first modules').

    uv run python openhour/reviews/integrity/checks/incentive_data/compose.py

Each line: {"text", "label" (offer, threat or none), "lang", "family"}. Slots are filled at random with a fixed
seed, and a share of the sentences get a greeting, a closing or a neutral sentence around them, lower case or
no final punctuation, as messages are really typed; the additions are shared by all labels so they teach
nothing about the label.
"""

import json
import random
import re
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import Any

HERE = Path(__file__).resolve().parent
SLOT = re.compile(r"\{([A-Z_]+)\}")
ELISION = re.compile(r"\b([jJ]|[qQ]u)e ([aeiouéèêh])")  # "je ouvre" → "j'ouvre", after a slot is filled
PER_FAMILY = {"offer": 14, "threat": 14, "none": 26}
AROUND = {
    "en": {
        "before": [
            "Hi,",
            "Hello Clara,",
            "Hey!",
            "Look,",
            "Honestly,",
            "Ok so",
            "One more thing:",
            "By the way,",
            "Hi Fred.",
            "Listen.",
            "So,",
            "Quick note:",
            "Dear Sam,",
        ],
        "after": [
            "Thanks.",
            "Cheers",
            "Let me know.",
            "Best, Tom",
            "Thoughts?",
            ":)",
            "Talk soon.",
            "Regards.",
            "Have a good day.",
            "OK?",
        ],
        "neutral": [
            "The files are attached.",
            "I saw the final version.",
            "The contract ended yesterday.",
            "It's been a long week.",
            "The call went well.",
            "I'm back from holiday.",
        ],
    },
    "fr": {
        "before": [
            "Bonjour,",
            "Salut Clara,",
            "Coucou !",
            "Écoutez,",
            "Franchement,",
            "Bon,",
            "Autre chose :",
            "Au fait,",
            "Bonjour Fred.",
            "Alors,",
            "Petit mot :",
            "Cher Sam,",
        ],
        "after": [
            "Merci.",
            "Bonne journée",
            "Tenez-moi au courant.",
            "Cordialement, Tom",
            "Qu'en dites-vous ?",
            ":)",
            "À bientôt.",
            "Bien à vous.",
            "OK ?",
        ],
        "neutral": [
            "Les fichiers sont en pièce jointe.",
            "J'ai vu la version finale.",
            "Le contrat s'est terminé hier.",
            "Grosse semaine.",
            "L'appel s'est bien passé.",
            "Je rentre de vacances.",
        ],
    },
}


def fill(pattern: str, slots: Any, rng: random.Random) -> str:
    def one(match: re.Match[str]) -> str:
        name = match.group(1)
        if name.endswith("CAP"):
            value = rng.choice(getattr(slots, name[:-3].rstrip("_")))
            return value[0].upper() + value[1:]
        return rng.choice(getattr(slots, name))

    return ELISION.sub(r"\1'\2", SLOT.sub(one, pattern))


def typed(text: str, lang: str, rng: random.Random) -> str:
    around = AROUND[lang]
    roll = rng.random()
    if roll < 0.2:
        text = f"{rng.choice(around['before'])} {text}"
    elif roll < 0.3:
        text = f"{text} {rng.choice(around['after'])}"
    elif roll < 0.4:
        text = f"{rng.choice(around['neutral'])} {text}"
    if rng.random() < 0.15:
        text = text.lower()
    if rng.random() < 0.15:
        text = text.rstrip(".!")
    return text


def family_lines(lang: str, label: str, family: str, patterns: list[str], slots: Any) -> list[dict[str, str]]:
    rng = random.Random(f"{lang}-{label}-{family}")  # noqa: S311 - a reproducible data set, not a secret
    seen: dict[str, None] = {}
    for _attempt in range(PER_FAMILY[label] * 20):
        text = typed(fill(rng.choice(patterns), slots, rng), lang, rng)
        seen.setdefault(text, None)
        if len(seen) >= PER_FAMILY[label]:
            break
    return [{"text": text, "label": label, "lang": lang, "family": f"{lang}-{label}-{family}"} for text in seen]


def merged(first: ModuleType, later: ModuleType) -> SimpleNamespace:
    """The slots of both modules (the later one's win) and the families of both, first ones first."""
    slots = {name: getattr(first, name) for name in dir(first) if name.isupper()}
    slots |= {name: getattr(later, name) for name in dir(later) if name.isupper()}
    for kind in ("OFFER", "THREAT", "NONE"):
        clash = set(getattr(first, kind)) & set(getattr(later, kind))
        assert not clash, clash  # one family name, one way of saying it
        slots[kind] = getattr(first, kind) | getattr(later, kind)
    return SimpleNamespace(**slots)


def compose(lang: str, slots: Any) -> list[dict[str, str]]:
    lines = []
    for label, families in (("offer", slots.OFFER), ("threat", slots.THREAT), ("none", slots.NONE)):
        for family, patterns in families.items():
            lines += family_lines(lang, label, family, patterns, slots)
    return lines


def main() -> None:
    import compose_en
    import compose_fr
    import more_en
    import more_fr

    for lang, slots in (("en", merged(compose_en, more_en)), ("fr", merged(compose_fr, more_fr))):
        lines = compose(lang, slots)
        with (HERE / f"{lang}.jsonl").open("w", encoding="utf-8") as out:
            out.writelines(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)
        counts = {label: sum(line["label"] == label for line in lines) for label in ("offer", "threat", "none")}
        print(lang, counts)


if __name__ == "__main__":
    main()
