"""When the archive is ready its owner gets an e-mail with the link, in their language."""

from django.utils import translation

from openhour.accounts.privacy.models import Export


def test_the_owner_is_told_with_the_link(fred, requested, mailoutbox, settings):
    requested(fred)

    (mail,) = mailoutbox
    assert mail.to == ["fred@example.com"] and mail.subject == "Your data archive is ready"
    assert f"{settings.SITE_URL}/me/privacy" in mail.body
    assert Export.objects.get(user=fred).status == "ready"


def test_the_mail_is_written_as_the_owner_reads(fred, requested, mailoutbox):
    fred.language, fred.time_zone = "fr", "Europe/Paris"
    fred.save(update_fields=["language", "time_zone"])

    with translation.override("de"):  # whoever's request it is, the mail is Fred's
        requested(fred)

    (mail,) = mailoutbox
    assert "Bonjour Fred Freelancer," in mail.body
