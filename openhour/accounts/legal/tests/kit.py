"""Versions published the way an operator's save in the admin publishes them."""

from openhour.accounts.legal import services
from openhour.accounts.legal.models import LegalTranslation, LegalVersion


def publish(operator, document: str = "terms", text: str = "# New\n\nThe new text.", **fields) -> LegalVersion:
    translations = fields.pop("translations", {})
    version = LegalVersion.objects.create(document=document, text=text, created_by=operator, **fields)
    for language, translated in translations.items():
        LegalTranslation.objects.create(version=version, language=language, text=translated)
    return services.version_publish(version=version, by=operator)
