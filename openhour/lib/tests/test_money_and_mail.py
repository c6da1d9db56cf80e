from django.core import mail

from openhour.lib.money import format_money


def test_money_is_formatted_from_minor_units():
    assert format_money(4550, "GBP") == "£45.50"
    assert format_money(120000, "EUR") == "€1,200"
    assert format_money(-5, "USD") == "-$0.05"


def test_file_mail_backend_writes_one_file_per_message(settings, tmp_path):
    settings.EMAIL_BACKEND = "openhour.lib.mail.FilePerMessageBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path / "mail")
    messages = [mail.EmailMessage(f"Subject {n}", f"Body {n}", to=[f"p{n}@example.com"]) for n in range(3)]
    with mail.get_connection() as connection:
        assert connection.send_messages(messages) == 3
    files = sorted((tmp_path / "mail").glob("*.eml"))
    assert len(files) == 3
    assert sorted(f.read_text().count("Subject: Subject") for f in files) == [1, 1, 1]
