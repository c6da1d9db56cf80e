# The ledger's accounts are named apart from people's accounts in the admin (no database change).

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("money", "0013_wallet_month_indexes"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="account",
            options={"verbose_name": "ledger account", "verbose_name_plural": "ledger accounts"},
        ),
    ]
