"""On PostgreSQL the database itself keeps transfers append-only and single-currency."""

from django.db import migrations

INSTALL = """
CREATE OR REPLACE FUNCTION money_transfer_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION USING MESSAGE = 'ledger transfers are append-only: ' || TG_OP || ' refused';
END $$ LANGUAGE plpgsql;

CREATE TRIGGER money_transfer_append_only BEFORE UPDATE OR DELETE ON money_transfer
    FOR EACH ROW EXECUTE FUNCTION money_transfer_append_only();

CREATE OR REPLACE FUNCTION money_transfer_one_currency() RETURNS trigger AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM money_account WHERE id IN (NEW.debit_id, NEW.credit_id) AND currency <> NEW.currency) THEN
        RAISE EXCEPTION 'a transfer and both its accounts must share one currency';
    END IF;
    RETURN NEW;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER money_transfer_one_currency BEFORE INSERT ON money_transfer
    FOR EACH ROW EXECUTE FUNCTION money_transfer_one_currency();
"""

REMOVE = """
DROP TRIGGER IF EXISTS money_transfer_append_only ON money_transfer;
DROP TRIGGER IF EXISTS money_transfer_one_currency ON money_transfer;
DROP FUNCTION IF EXISTS money_transfer_append_only();
DROP FUNCTION IF EXISTS money_transfer_one_currency();
"""


def install(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(INSTALL)


def remove(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(REMOVE)


class Migration(migrations.Migration):
    dependencies = [("money", "0001_initial")]
    operations = [migrations.RunPython(install, remove)]
