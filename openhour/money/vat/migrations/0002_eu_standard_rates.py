"""The EU member states' standard VAT rates, correct as of 1 August 2025 (the European Commission's "VAT rates
applied in the Member States"), with the changes since 1 January 2024 as their own rows. Later changes are made
in the admin (a new row from the day the rate starts). Rows already there are left alone."""

from datetime import date
from decimal import Decimal

from django.db import migrations

START = date(2024, 1, 1)  # the table starts here: each rate below was in force from then, or from its own date
RATES = [
    *[
        (country, percent, START)
        for country, percent in {
            "AT": "20",
            "BE": "21",
            "BG": "20",
            "CY": "19",
            "CZ": "21",
            "DE": "19",
            "DK": "25",
            "EE": "22",
            "ES": "21",
            "FI": "24",
            "FR": "20",
            "GR": "24",
            "HR": "25",
            "HU": "27",
            "IE": "23",
            "IT": "22",
            "LT": "21",
            "LU": "17",
            "LV": "21",
            "MT": "18",
            "NL": "21",
            "PL": "23",
            "PT": "23",
            "RO": "19",
            "SE": "25",
            "SI": "22",
            "SK": "20",
        }.items()
    ],
    ("FI", "25.5", date(2024, 9, 1)),
    ("SK", "23", date(2025, 1, 1)),
    ("EE", "24", date(2025, 7, 1)),
    ("RO", "21", date(2025, 8, 1)),
]


def load(apps, schema_editor):
    VatRate = apps.get_model("vat", "VatRate")
    for country, percent, valid_from in RATES:
        VatRate.objects.get_or_create(country=country, valid_from=valid_from, defaults={"percent": Decimal(percent)})


class Migration(migrations.Migration):
    safe_while_old_code_runs = "fills a table this release creates, which the old code never reads"

    dependencies = [("vat", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
