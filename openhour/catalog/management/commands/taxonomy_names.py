"""Writes openhour/catalog/taxonomy_names.py from the taxonomy the seed migration ships, so `makemessages` finds
every shipped category name, description and skill name. Run it after changing the seed; a test fails until then."""

import importlib
import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand

TARGET = Path(__file__).resolve().parents[2] / "taxonomy_names.py"
HEADER = '''"""Every category name, description and skill name that openhour ships (catalog migration 0002), marked so
`makemessages` puts them in the catalogue under the "taxonomy" context. Written by `manage.py taxonomy_names`:
do not edit by hand. Rows that operators add are worded per language in the admin instead."""

from django.utils.translation import pgettext_lazy

SHIPPED = (
'''


def shipped_texts() -> list[str]:
    seed = importlib.import_module("openhour.catalog.migrations.0002_seed_taxonomy")
    texts: set[str] = set()
    for (name, description), skills in seed.TAXONOMY.items():
        texts.update((name, description, *skills))
    return sorted(texts, key=lambda text: (text.casefold(), text))


def render() -> str:
    lines = [f'    pgettext_lazy("taxonomy", {json.dumps(text, ensure_ascii=False)}),\n' for text in shipped_texts()]
    return HEADER + "".join(lines) + ")\n"


class Command(BaseCommand):
    help = "Write openhour/catalog/taxonomy_names.py from the shipped taxonomy, for translators."

    def handle(self, *args: Any, **options: Any) -> None:
        TARGET.write_text(render(), encoding="utf-8")
        self.stdout.write(f"{len(shipped_texts())} texts written to {TARGET}")
