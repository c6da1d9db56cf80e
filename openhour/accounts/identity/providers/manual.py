"""Manual checks: the documents are the check; an operator reviews them on /operations/identity."""

from openhour.accounts.identity.providers.base import Started


class ManualProvider:
    name = "manual"
    takes_files = True

    def start(self, *, attempt: str, user_id: int, return_url: str) -> Started:
        return Started()  # nothing to open elsewhere: the files arrive with the request
