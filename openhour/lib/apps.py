from django.apps import AppConfig


class LibConfig(AppConfig):
    """Plain helpers with no models; installed so the forms' text rules are on before any form is built
    (pages, the API's services, management commands and tests alike)."""

    name = "openhour.lib"
    label = "lib"

    def ready(self) -> None:
        from openhour.lib.forms import install_locale_amounts, install_text_rules

        install_text_rules()
        install_locale_amounts()
