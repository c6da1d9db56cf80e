from typing import Any

from django.db.models.signals import post_save
from django.dispatch import receiver

from openhour.accounts.models import Profile, User


@receiver(post_save, sender=User)
def create_profile(sender: type[User], instance: User, created: bool, **kwargs: Any) -> None:
    """Every user has a profile from the start, however the user was created (sign-up, admin, shell)."""
    if created:
        Profile.objects.get_or_create(user=instance)
