"""Our catalogue's "now" (a payout method usable now) has a context of its own, so it no longer replaces
Django's: a project posted a moment ago reads "posted maintenant"/"jetzt" as Django words it, not "sofort"."""

from datetime import timedelta

import pytest
from django.contrib.humanize.templatetags.humanize import naturaltime
from django.utils import timezone, translation
from django.utils.timesince import timesince


@pytest.mark.parametrize(
    ("language", "now", "minutes"), [("fr", "maintenant", "5\xa0minutes"), ("de", "jetzt", "5\xa0Minuten")]
)
def test_just_now_and_minutes_ago_are_djangos_words(language: str, now: str, minutes: str) -> None:
    moment = timezone.now()

    with translation.override(language):
        assert naturaltime(moment) == now
        assert timesince(moment - timedelta(minutes=5), moment) == minutes
